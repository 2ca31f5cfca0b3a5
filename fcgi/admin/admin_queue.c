/* The request queue's query (admin_queue.h): declared filters, the SQL that lists what the user
 * may see, and the due-date flags computed on the calendar. */
#include "admin/admin_queue.h"
#include "core/body.h"
#include "core/calendar.h"
#include "core/render.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include <stdlib.h>
#include <string.h>

const char *const queue_flags[] = {[FLAG_SOON] = "soon", [FLAG_OVERDUE] = "overdue", NULL};
enum queue_scope { SCOPE_OPEN, SCOPE_ALL };
static const char *const scopes[] = {[SCOPE_OPEN] = "open", [SCOPE_ALL] = "all", NULL};

const struct field_spec queue_fields[QF__N] = {
	[QF_Q] = {"q", FT_LINE, false, 100, 0, 0, NULL, "关键词"},
	[QF_BODY] = {"body", FT_LINE, false, 200, 0, 0, NULL, "办理机构"},
	[QF_STATUS] = {"status", FT_CHOICE, false, 0, 0, 0, ysqgk_status_codes, "状态"},
	[QF_CHANNEL] = {"channel", FT_CHOICE, false, 0, 0, 0, ysqgk_channel_codes, "申请方式"},
	[QF_RECEIVED_FROM] = {"received_from", FT_DATE, false, 0, 0, 0, NULL, "收到日期起"},
	[QF_RECEIVED_TO] = {"received_to", FT_DATE, false, 0, 0, 0, NULL, "收到日期止"},
	[QF_DUE_FROM] = {"due_from", FT_DATE, false, 0, 0, 0, NULL, "答复期限起"},
	[QF_DUE_TO] = {"due_to", FT_DATE, false, 0, 0, 0, NULL, "答复期限止"},
	[QF_FLAG] = {"flag", FT_CHOICE, false, 0, 0, 0, queue_flags, "提醒"},
	[QF_SCOPE] = {"scope", FT_CHOICE, false, 0, 0, 0, scopes, "范围"},
};

bool queue_parse(struct request *req, const struct form *form, struct field_value v[QF__N], struct field_error *err)
{
	if (!form_parse_n(req->pool, form, queue_fields, QF__N, v, err))
		return false;
	struct body b;
	if (v[QF_BODY].text != NULL && body_named(req->db, req->pool, req->site->id, v[QF_BODY].text, &b) != XE_OK) {
		*err = (struct field_error){"body", queue_fields[QF_BODY].label, "不是本站的机关"};
		return false;
	}
	return true;
}

/* Open requests (every one with scope=all or a status asked for) the user may see: the relation
 * of each to the user, computed as ysqgk_authz_load() does, is one of those the decision's table
 * lets the user's role see. */
enum xerr queue_rows(struct request *req, const struct field_value *v, long long limit, struct db_result *r)
{
	static const struct field_value none[QF__N];
	if (v == NULL)
		v = none;
	long long uid = req->user->id, seen = ysqgk_authz_relations(req->user->level, RIGHT_SEE);
	long long all = (v[QF_SCOPE].text != NULL && v[QF_SCOPE].num == SCOPE_ALL) || v[QF_STATUS].text != NULL;
	const char *q = v[QF_Q].text;
	return db_query(req->db, req->pool, r,
	                "SELECT r.id, r.tracking_no, r.status, r.name, r.applicant_type, r.channel, "
	                "DATE_FORMAT(r.received_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional, "
	                "DATEDIFF(d.due_on, '1970-01-01'), COALESCE(r.assigned_body, ''), r.phone_mask, r.id_number_mask, "
	                "LEFT(r.description, 60), d.is_open, "
	                "UNIX_TIMESTAMP(GREATEST(d.created_at, COALESCE((SELECT MAX(c.changed_at) FROM deadline_changes c "
	                "  WHERE c.deadline_id = d.id), d.created_at))), "
	                "(SELECT COUNT(*) - 1 + (SELECT COUNT(*) FROM deadline_changes c WHERE c.deadline_id IN "
	                "  (SELECT y.id FROM deadlines y WHERE y.subject = 'request' AND y.subject_id = r.id AND y.kind = 'reply')) "
	                "  FROM deadlines x WHERE x.subject = 'request' AND x.subject_id = r.id AND x.kind = 'reply') "
	                "FROM requests r LEFT JOIN deadlines d ON d.id = r.reply_deadline_id "
	                "WHERE r.site_id = ? AND (? = 1 OR r.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn')) "
	                "AND (? IS NULL OR r.status = ?) AND (? IS NULL OR r.channel = ?) "
	                "AND (? IS NULL OR r.assigned_body = ?) "
	                "AND (? IS NULL OR r.received_on >= ?) AND (? IS NULL OR r.received_on <= ?) "
	                "AND (? IS NULL OR d.due_on >= ?) AND (? IS NULL OR d.due_on <= ?) "
	                "AND (? IS NULL OR LOCATE(?, r.tracking_no) > 0 OR LOCATE(?, r.name) > 0 "
	                "  OR LOCATE(?, r.description) > 0) "
	                "AND (? >> CASE WHEN r.handler_user_id <=> ? THEN 0 "
	                "  WHEN r.assigned_body IS NULL THEN IF(r.registered_by <=> ?, 3, 2) "
	                "  WHEN ? = 1 OR r.assigned_body IN (SELECT b.body FROM user_bodies b WHERE b.user_id = ?) THEN 0 "
	                "  ELSE 1 END) & 1 = 1 "
	                "ORDER BY d.is_open DESC, d.due_on IS NULL, d.due_on, r.id LIMIT ?",
	                "iissssssssssssssssssiiiiii", req->site->id, all, v[QF_STATUS].text, v[QF_STATUS].text,
	                v[QF_CHANNEL].text, v[QF_CHANNEL].text, v[QF_BODY].text, v[QF_BODY].text,
	                v[QF_RECEIVED_FROM].text, v[QF_RECEIVED_FROM].text, v[QF_RECEIVED_TO].text,
	                v[QF_RECEIVED_TO].text, v[QF_DUE_FROM].text, v[QF_DUE_FROM].text, v[QF_DUE_TO].text,
	                v[QF_DUE_TO].text, q, q, q, q, seen, uid, uid, (long long)ysqgk_authz_every_body(req->user->level),
	                uid, limit);
}

bool queue_clock_open(char **w)
{
	return w[QC_CLOCK_OPEN] && strcmp(w[QC_CLOCK_OPEN], "1") == 0 && !ysqgk_status_final(w[QC_STATUS]);
}

/* Overdue, due within 5 working days (*left of them), or neither. */
static enum queue_flag flag_of(struct request *req, const struct calendar *cal, char **w, int *left)
{
	*left = 0;
	if (w[QC_DUE_DAYS] == NULL || !queue_clock_open(w))
		return FLAG_NONE;
	int32_t due = (int32_t)strtol(w[QC_DUE_DAYS], NULL, 10);
	if (req->today > due)
		return FLAG_OVERDUE;
	*left = cal_between(cal, req->today, due, NULL, 0, NULL);
	return *left <= 5 ? FLAG_SOON : FLAG_NONE;
}

enum xerr queue_select(struct request *req, const struct field_value *v, long long limit, struct queue_item **items,
                       size_t *n)
{
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct db_result r;
	enum xerr e = queue_rows(req, v, limit, &r);
	if (e != XE_OK)
		return e;
	enum queue_flag wanted = v != NULL && v[QF_FLAG].text != NULL ? (enum queue_flag)v[QF_FLAG].num : FLAG_NONE;
	*items = pool_alloc(req->pool, (r.nrows + 1) * sizeof **items);
	*n = 0;
	for (size_t i = 0; i < r.nrows; i++) {
		struct queue_item it = {.w = r.rows[i]};
		it.flag = flag_of(req, cal, it.w, &it.days_left);
		if (wanted == FLAG_NONE || it.flag == wanted)
			(*items)[(*n)++] = it;
	}
	return XE_OK;
}

void queue_filters_xml(xmlNodePtr el, const struct field_value v[QF__N])
{
	for (enum queue_field f = QF_Q; f < QF__N; f++)
		xml_attr(el, queue_fields[f].name, v[f].text);
}

enum xerr queue_bodies_xml(struct request *req, xmlNodePtr parent)
{
	struct body *b;
	size_t n;
	enum xerr e = body_list(req->db, req->pool, req->site->id, &b, &n);
	for (size_t i = 0; e == XE_OK && i < n; i++)
		xml_attr(xmlNewChild(parent, NULL, (const xmlChar *)"body", NULL), "name", b[i].name);
	return e;
}
