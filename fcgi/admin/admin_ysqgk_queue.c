/* /admin/requests: the queue of open disclosure requests ordered by due date, with due-soon
 * (5 working days or fewer) and overdue flags; registration of requests that came on paper, by
 * post, fax or email; the iCal feed of due dates for staff calendars. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "server/handlers.h"
#include "core/mail.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_workflow.h"
#include "ysqgk/ysqgk.h"
#include <stdlib.h>
#include <string.h>

static const char *const flags[] = {"soon", "overdue", NULL};
static const char *const scopes[] = {"open", "all", NULL};

/* Open requests the user may see: staff only their bodies' and the unassigned. */
static enum xerr load_queue(struct request *req, const char *status, bool all, long long limit, struct db_result *r)
{
	bool every_body = req->user->level >= ROLE_APPROVER;
	return db_query(req->db, req->pool, r,
	                "SELECT r.id, r.tracking_no, r.status, r.name, r.applicant_type, r.channel, "
	                "DATE_FORMAT(r.received_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional, "
	                "DATEDIFF(d.due_on, '1970-01-01'), COALESCE(r.assigned_body, ''), r.phone, r.id_number, "
	                "LEFT(r.description, 60), d.is_open "
	                "FROM requests r LEFT JOIN deadlines d ON d.id = r.reply_deadline_id "
	                "WHERE r.site_id = ? AND (? = 1 OR r.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn')) "
	                "AND (? IS NULL OR r.status = ?) "
	                "AND (? = 1 OR r.assigned_body IS NULL OR r.assigned_body IN "
	                "     (SELECT body FROM user_bodies WHERE user_id = ?)) "
	                "ORDER BY d.is_open DESC, d.due_on IS NULL, d.due_on, r.id LIMIT ?",
	                "iissiii", req->site->id, (long long)all, status, status, (long long)every_body, req->user->id, limit);
}

enum xerr admin_ysqgk_queue(struct request *req)
{
	static const struct field_spec fields[] = {
		{"flag", FT_CHOICE, false, 0, 0, 0, flags, "提醒"},
		{"status", FT_CODE, false, 32, 0, 0, NULL, "状态"},
		{"scope", FT_CHOICE, false, 0, 0, 0, scopes, "范围"},
	};
	const char *v[3];
	struct field_error err;
	if (!form_validate(req->pool, &req->query, fields, 3, v, &err))
		return XE_BAD_REQUEST;
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct db_result r;
	enum xerr e = load_queue(req, v[1], v[2] && strcmp(v[2], "all") == 0, 500, &r);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-requests", &root);
	xmlNodePtr q = xmlNewChild(root, NULL, (const xmlChar *)"queue", NULL);
	xml_attr(q, "flag", v[0]);
	xml_attr(q, "status", v[1]);
	xml_attr(q, "scope", v[2]);
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		const char *flag = NULL;
		int left = 0;
		bool open_clock = w[14] && strcmp(w[14], "1") == 0 && !ysqgk_status_final(w[2]);
		if (w[9] != NULL && open_clock) {
			int32_t due = (int32_t)strtol(w[9], NULL, 10);
			if (req->today > due)
				flag = "overdue";
			else if ((left = cal_between(cal, req->today, due, NULL, 0, NULL)) <= 5)
				flag = "soon";
		}
		if (v[0] != NULL && (flag == NULL || strcmp(flag, v[0]) != 0))
			continue;
		xmlNodePtr it = xmlNewChild(q, NULL, (const xmlChar *)"request", NULL);
		static const char *const cols[] = {"id", "tracking-no", "status", "name", "applicant-type", "channel",
		                                   "received-on", "due-on", "provisional"};
		for (int k = 0; k < 9; k++)
			xml_attr(it, cols[k], w[k]);
		if (!open_clock)
			xml_attr(it, "clock", w[2] && strcmp(w[2], "correction_requested") == 0 ? "stopped" : "paused");
		xml_attr(it, "status-label", ysqgk_label(&ysqgk_statuses, w[2]));
		xml_attr(it, "body", w[10]);
		/* Personal information masked in lists; in full only on the request's own page. */
		xml_attr(it, "phone", ysqgk_mask_phone(req->pool, w[11]));
		xml_attr(it, "id-number", ysqgk_mask_id(req->pool, w[12]));
		xml_attr(it, "description", w[13]);
		xml_attr(it, "flag", flag);
		if (flag && strcmp(flag, "soon") == 0)
			xml_attr_int(it, "days-left", left);
	}
	return render(req, doc, "admin_ysqgk_queue");
}

/* ---- registration of requests that did not come through the web form ---- */

enum xerr admin_ysqgk_register_form(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-register", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"register", NULL);
	char today[11];
	format_date(req->today, today);
	xml_attr(f, "today", today);
	return render(req, doc, "admin_register");
}

enum xerr admin_ysqgk_register(struct request *req)
{
	/* Art. 31: the receipt date the rules give each channel. */
	static const char *const channels[] = {"in-person", "registered-post", "ordinary-post", "fax", "email", NULL};
	static const struct field_spec fields[] = {
		{"channel", FT_CHOICE, true, 0, 0, 0, channels, "收到渠道"},
		{"received_on", FT_DATE, true, 0, 0, 0, NULL, "收到申请之日"},
		{"assigned_body", FT_LINE, false, 200, 0, 0, NULL, "办理机构"},
	};
	const char *v[3];
	struct field_error ferr;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-register", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"register", NULL);
	for (size_t i = 0; i < req->body.n; i++)
		if (strcmp(req->body.fields[i].key, "csrf") != 0) {
			xmlNodePtr fv = xml_add(f, "value", req->body.fields[i].value);
			xml_attr(fv, "name", req->body.fields[i].key);
		}
	if (!form_validate(req->pool, &req->body, fields, 3, v, &ferr)) {
		xmlNodePtr en = xml_add(f, "error", ferr.message);
		xml_attr(en, "field", ferr.field);
		xml_attr(en, "label", ferr.label);
		req->status = 400;
		return render(req, doc, "admin_register");
	}
	int32_t received;
	parse_date(v[1], &received);
	if (received > req->today) {
		xmlNodePtr en = xml_add(f, "error", "不能晚于今天");
		xml_attr(en, "field", "received_on");
		xml_attr(en, "label", "收到申请之日");
		req->status = 400;
		return render(req, doc, "admin_register");
	}
	struct ysqgk_in in;
	struct ysqgk_error errs[20];
	size_t nerr = ysqgk_validate(req, &req->body, &in, errs, 20);
	if (nerr > 0) {
		for (size_t i = 0; i < nerr; i++) {
			xmlNodePtr en = xml_add(f, "error", errs[i].message);
			xml_attr(en, "field", errs[i].field);
			xml_attr(en, "label", errs[i].label);
		}
		req->status = 400;
		return render(req, doc, "admin_register");
	}
	in.channel = v[0];
	in.received_on = received;
	in.form_nonce = NULL;
	struct ysqgk_receipt rc;
	enum xerr e = db_begin(req->db);
	if (e == XE_OK)
		e = ysqgk_file(req, &in, &rc);
	if (e == XE_OK && v[2] != NULL)
		e = db_exec(req->db, "UPDATE requests SET assigned_body = ? WHERE id = ?", "si", v[2], rc.id);
	if (e == XE_OK)
		e = db_commit(req->db);
	if (e != XE_OK) {
		db_rollback(req->db);
		return e;
	}
	if (rc.mail_id)
		mail_after_commit(req->db, &req->app->cfg, req->pool, rc.mail_id);
	/* The query code is shown once, to be written on the paper receipt for the applicant. */
	xmlNodePtr done = xmlNewChild(root, NULL, (const xmlChar *)"registered", NULL);
	xml_attr_int(done, "id", rc.id);
	xml_attr(done, "tracking-no", rc.tracking_no);
	xml_attr(done, "query-code", rc.query_code);
	char d[11];
	format_date(rc.due_on, d);
	xml_attr(done, "due-on", d);
	if (rc.provisional)
		xml_attr(done, "provisional", "1");
	return render(req, doc, "admin_register");
}

/* ---- iCal feed of due dates ---- */

enum xerr admin_ysqgk_ical_token(struct request *req)
{
	char token[65], hash[65];
	if (!random_hex(token, 32))
		return XE_INTERNAL;
	sha256_hex(token, 64, hash);
	enum xerr e = db_begin(req->db);
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE users SET ical_token_hash = ? WHERE id = ?", "si", hash, req->user->id);
	if (e == XE_OK)
		e = audit_request(req, "user.ical_token", "user", req->user->id, NULL, NULL, "new calendar feed link");
	if (e == XE_OK)
		e = db_commit(req->db);
	if (e != XE_OK) {
		db_rollback(req->db);
		return e;
	}
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
	struct db_result u;
	enum xerr e = db_query(req->db, req->pool, &u,
	                       "SELECT id, login, role, COALESCE(site_id, 0) FROM users WHERE ical_token_hash = ? "
	                       "AND disabled = 0 AND (site_id = ? OR site_id IS NULL)",
	                       "si", hash, req->site->id);
	if (e != XE_OK)
		return e;
	if (u.nrows == 0)
		return XE_FORBIDDEN;
	struct user user = {strtoll(u.rows[0][0], NULL, 10), u.rows[0][1], u.rows[0][2], u.rows[0][1],
	                    strtoll(u.rows[0][3], NULL, 10), "", "", ROLE_NONE};
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
		char **w = r.rows[i];
		if (w[7] == NULL || w[14] == NULL || strcmp(w[14], "1") != 0)
			continue;
		char ymd[9] = {w[7][0], w[7][1], w[7][2], w[7][3], w[7][5], w[7][6], w[7][8], w[7][9], 0};
		buf_printf(&b, "BEGIN:VEVENT\r\nUID:request-%s@%s\r\nDTSTAMP:%sT000000Z\r\nDTSTART;VALUE=DATE:%s\r\nSUMMARY:",
		           w[0], req->site->key, ymd, ymd);
		ics_text(&b, pool_printf(req->pool, "答复期限 %s%s", w[1], w[8] && strcmp(w[8], "1") == 0 ? "（暂定）" : ""));
		buf_puts(&b, "\r\nDESCRIPTION:");
		ics_text(&b, w[13]);
		buf_puts(&b, "\r\nEND:VEVENT\r\n");
	}
	buf_puts(&b, "END:VCALENDAR\r\n");
	respond_bytes(req, 200, "text/calendar; charset=utf-8", b.data, b.len);
	buf_free(&b);
	return XE_OK;
}
