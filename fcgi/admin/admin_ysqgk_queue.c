/* /admin/requests: the queue of open disclosure requests ordered by due date, with due-soon
 * (5 working days or fewer) and overdue flags, and the iCal feed of the same due dates for
 * staff calendars. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include <stdlib.h>
#include <string.h>

enum queue_flag { FLAG_SOON, FLAG_OVERDUE, FLAG_NONE };
static const char *const flags[] = {[FLAG_SOON] = "soon", [FLAG_OVERDUE] = "overdue", NULL};
enum queue_scope { SCOPE_OPEN, SCOPE_ALL };
static const char *const scopes[] = {[SCOPE_OPEN] = "open", [SCOPE_ALL] = "all", NULL};
enum queue_filter { QF_FLAG, QF_STATUS, QF_SCOPE, QF__N };
static const struct field_spec filters[QF__N] = {
	[QF_FLAG] = {"flag", FT_CHOICE, false, 0, 0, 0, flags, "提醒"},
	[QF_STATUS] = {"status", FT_CODE, false, 32, 0, 0, NULL, "状态"},
	[QF_SCOPE] = {"scope", FT_CHOICE, false, 0, 0, 0, scopes, "范围"},
};

/* The columns of load_queue()'s rows. */
enum queue_col {
	QC_ID, QC_TRACKING, QC_STATUS, QC_NAME, QC_TYPE, QC_CHANNEL, QC_RECEIVED, QC_DUE, QC_PROVISIONAL, QC_DUE_DAYS,
	QC_BODY, QC_PHONE, QC_ID_NUMBER, QC_DESCRIPTION, QC_CLOCK_OPEN
};

/* Open requests the user may see (ysqgk_authz.h): the relation of each to the user, computed as
 * ysqgk_authz_load() does, is one of those the decision's table lets the user's role see. */
static enum xerr load_queue(struct request *req, const char *status, bool all, long long limit, struct db_result *r)
{
	long long uid = req->user->id, seen = ysqgk_authz_relations(req->user->level, RIGHT_SEE);
	return db_query(req->db, req->pool, r,
	                "SELECT r.id, r.tracking_no, r.status, r.name, r.applicant_type, r.channel, "
	                "DATE_FORMAT(r.received_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional, "
	                "DATEDIFF(d.due_on, '1970-01-01'), COALESCE(r.assigned_body, ''), r.phone_mask, r.id_number_mask, "
	                "LEFT(r.description, 60), d.is_open "
	                "FROM requests r LEFT JOIN deadlines d ON d.id = r.reply_deadline_id "
	                "WHERE r.site_id = ? AND (? = 1 OR r.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn')) "
	                "AND (? IS NULL OR r.status = ?) "
	                "AND (? >> CASE WHEN r.handler_user_id <=> ? THEN 0 "
	                "  WHEN r.assigned_body IS NULL THEN IF(r.registered_by <=> ?, 3, 2) "
	                "  WHEN ? = 1 OR r.assigned_body IN (SELECT b.body FROM user_bodies b WHERE b.user_id = ?) THEN 0 "
	                "  ELSE 1 END) & 1 = 1 "
	                "ORDER BY d.is_open DESC, d.due_on IS NULL, d.due_on, r.id LIMIT ?",
	                "iissiiiiii", req->site->id, (long long)all, status, status, seen, uid, uid,
	                (long long)ysqgk_authz_every_body(req->user->level), uid, limit);
}

static bool clock_open(char **w)
{
	return w[QC_CLOCK_OPEN] && strcmp(w[QC_CLOCK_OPEN], "1") == 0 && !ysqgk_status_final(w[QC_STATUS]);
}

/* Overdue, due within 5 working days (*left of them), or neither. */
static enum queue_flag flag_of(struct request *req, const struct calendar *cal, char **w, int *left)
{
	*left = 0;
	if (w[QC_DUE_DAYS] == NULL || !clock_open(w))
		return FLAG_NONE;
	int32_t due = (int32_t)strtol(w[QC_DUE_DAYS], NULL, 10);
	if (req->today > due)
		return FLAG_OVERDUE;
	*left = cal_between(cal, req->today, due, NULL, 0, NULL);
	return *left <= 5 ? FLAG_SOON : FLAG_NONE;
}

static void add_item(struct request *req, xmlNodePtr q, char **w, enum queue_flag flag, int left)
{
	xmlNodePtr it = xmlNewChild(q, NULL, (const xmlChar *)"request", NULL);
	/* the attributes of an item, in column order up to QC_PROVISIONAL */
	static const char *const cols[] = {"id", "tracking-no", "status", "name", "applicant-type", "channel",
	                                   "received-on", "due-on", "provisional"};
	for (enum queue_col c = QC_ID; c <= QC_PROVISIONAL; c++)
		xml_attr(it, cols[c], w[c]);
	if (!clock_open(w))
		xml_attr(it, "clock", w[QC_STATUS] && strcmp(w[QC_STATUS], "correction_requested") == 0 ? "stopped" : "paused");
	xml_attr(it, "status-label", ysqgk_label(&ysqgk_statuses, w[QC_STATUS]));
	xml_attr(it, "body", w[QC_BODY]);
	/* Personal information masked in lists (the masks stored beside the sealed values); in full
	 * only on the request's own page. */
	xml_attr(it, "phone", w[QC_PHONE]);
	xml_attr(it, "id-number", w[QC_ID_NUMBER]);
	xml_attr(it, "description", w[QC_DESCRIPTION]);
	if (flag != FLAG_NONE)
		xml_attr(it, "flag", flags[flag]);
	if (flag == FLAG_SOON)
		xml_attr_int(it, "days-left", left);
}

enum xerr admin_ysqgk_queue(struct request *req)
{
	struct field_value v[QF__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, filters, v, &err))
		return XE_BAD_REQUEST;
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	bool all = v[QF_SCOPE].text != NULL && v[QF_SCOPE].num == SCOPE_ALL;
	struct db_result r;
	enum xerr e = load_queue(req, v[QF_STATUS].text, all, 500, &r);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-requests", &root);
	xmlNodePtr q = xmlNewChild(root, NULL, (const xmlChar *)"queue", NULL);
	for (enum queue_filter f = QF_FLAG; f < QF__N; f++)
		xml_attr(q, filters[f].name, v[f].text);
	enum queue_flag wanted = v[QF_FLAG].text != NULL ? (enum queue_flag)v[QF_FLAG].num : FLAG_NONE;
	for (size_t i = 0; i < r.nrows; i++) {
		int left;
		enum queue_flag flag = flag_of(req, cal, r.rows[i], &left);
		if (wanted == FLAG_NONE || flag == wanted)
			add_item(req, q, r.rows[i], flag, left);
	}
	return render(req, doc, "admin_requests");
}

/* ---- iCal feed of due dates ---- */

struct ical_tx {
	struct request *req;
	const char *hash;
};

static enum xerr ical_tx(struct db *db, void *ctx)
{
	struct ical_tx *t = ctx;
	enum xerr e = db_exec(db, "UPDATE users SET ical_token_hash = ? WHERE id = ?", "si", t->hash, t->req->user->id);
	if (e == XE_OK)
		e = audit_request(t->req, "user.ical_token", "user", t->req->user->id, NULL, NULL, "new calendar feed link");
	return e;
}

enum xerr admin_ysqgk_ical_token(struct request *req)
{
	char token[65], hash[65];
	if (!random_hex(token, 32))
		return XE_INTERNAL;
	sha256_hex(token, 64, hash);
	struct ical_tx t = {req, hash};
	enum xerr e = db_transaction(req->db, ical_tx, &t);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-ical", &root);
	xmlNodePtr n = xmlNewChild(root, NULL, (const xmlChar *)"ical", NULL);
	xml_attr(n, "url", pool_printf(req->pool, "%sadmin/requests.ics?token=%s", site_base(req), token));
	return render(req, doc, "admin_ical");
}

static void ics_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_putc(b, '\\');
		if (*s == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		if (*s != '\r')
			buf_putc(b, *s);
	}
}

/* Calendar programs have no session: the token in the URL (stored hashed) names the user. */
enum xerr admin_ysqgk_ics(struct request *req)
{
	const char *token = request_param(req, "token");
	if (token == NULL || strlen(token) != 64)
		return XE_FORBIDDEN;
	char hash[65];
	sha256_hex(token, 64, hash);
	enum user_col { U_ID, U_LOGIN, U_ROLE, U_SITE };
	struct db_result u;
	enum xerr e = db_query(req->db, req->pool, &u,
	                       "SELECT id, login, role, COALESCE(site_id, 0) FROM users WHERE ical_token_hash = ? "
	                       "AND disabled = 0 AND (site_id = ? OR site_id IS NULL)",
	                       "si", hash, req->site->id);
	if (e != XE_OK)
		return e;
	if (u.nrows == 0)
		return XE_FORBIDDEN;
	char **w = u.rows[0];
	struct user user = {.id = strtoll(w[U_ID], NULL, 10), .login = w[U_LOGIN], .role = w[U_ROLE],
	                    .display_name = w[U_LOGIN], .site_id = strtoll(w[U_SITE], NULL, 10), .csrf_token = "",
	                    .session_hash = ""};
	role_parse(user.role, &user.level);
	req->user = &user;
	struct db_result r;
	e = load_queue(req, NULL, false, 1000, &r);
	req->user = NULL;
	if (e != XE_OK)
		return e;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//xxgk//requests//ZH\r\nCALSCALE:GREGORIAN\r\n"
	             "X-WR-CALNAME:");
	ics_text(&b, pool_printf(req->pool, "%s 依申请公开答复期限", req->site->name));
	buf_puts(&b, "\r\n");
	for (size_t i = 0; i < r.nrows; i++) {
		char **q = r.rows[i];
		const char *due = q[QC_DUE];
		if (due == NULL || q[QC_CLOCK_OPEN] == NULL || strcmp(q[QC_CLOCK_OPEN], "1") != 0)
			continue;
		char ymd[9] = {due[0], due[1], due[2], due[3], due[5], due[6], due[8], due[9], 0};
		buf_printf(&b, "BEGIN:VEVENT\r\nUID:request-%s@%s\r\nDTSTAMP:%sT000000Z\r\nDTSTART;VALUE=DATE:%s\r\nSUMMARY:",
		           q[QC_ID], req->site->key, ymd, ymd);
		ics_text(&b, pool_printf(req->pool, "答复期限 %s%s", q[QC_TRACKING],
		                         q[QC_PROVISIONAL] && strcmp(q[QC_PROVISIONAL], "1") == 0 ? "（暂定）" : ""));
		buf_puts(&b, "\r\nDESCRIPTION:");
		ics_text(&b, q[QC_DESCRIPTION]);
		buf_puts(&b, "\r\nEND:VEVENT\r\n");
	}
	buf_puts(&b, "END:VCALENDAR\r\n");
	respond_bytes(req, 200, "text/calendar; charset=utf-8", b.data, b.len);
	buf_free(&b);
	return XE_OK;
}
