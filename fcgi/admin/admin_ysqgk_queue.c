/* /admin/requests: the queue of disclosure requests (open ones by due date, with due-soon (5
 * working days or fewer) and overdue flags), searched and filtered (admin_queue.h), and the iCal
 * feed of the same due dates for staff calendars. */
#include "admin/admin_queue.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void add_item(xmlNodePtr q, const struct queue_item *item)
{
	char **w = item->w;
	xmlNodePtr it = xmlNewChild(q, NULL, (const xmlChar *)"request", NULL);
	/* the attributes of an item, in column order up to QC_PROVISIONAL */
	static const char *const cols[] = {"id", "tracking-no", "status", "name", "applicant-type", "channel",
	                                   "received-on", "due-on", "provisional"};
	for (enum queue_col c = QC_ID; c <= QC_PROVISIONAL; c++)
		xml_attr(it, cols[c], w[c]);
	if (!queue_clock_open(w))
		xml_attr(it, "clock", w[QC_STATUS] && strcmp(w[QC_STATUS], "correction_requested") == 0 ? "stopped" : "paused");
	xml_attr(it, "status-label", ysqgk_label(&ysqgk_statuses, w[QC_STATUS]));
	xml_attr(it, "body", w[QC_BODY]);
	/* Personal information masked in lists (the masks stored beside the sealed values); in full
	 * only on the request's own page. */
	xml_attr(it, "phone", w[QC_PHONE]);
	xml_attr(it, "id-number", w[QC_ID_NUMBER]);
	xml_attr(it, "description", w[QC_DESCRIPTION]);
	if (item->flag != FLAG_NONE)
		xml_attr(it, "flag", queue_flags[item->flag]);
	if (item->flag == FLAG_SOON)
		xml_attr_int(it, "days-left", item->days_left);
}

/* The codes of a filter's choices with their labels, for the filter form's lists. */
static void add_choices(xmlNodePtr root, const struct ysqgk_choices *c)
{
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"choices", NULL);
	xml_attr(list, "name", c->name);
	for (size_t i = 0; c->codes[i] != NULL; i++) {
		xmlNodePtr o = xml_add(list, "choice", c->labels[i]);
		xml_attr(o, "code", c->codes[i]);
	}
}

/* The page for the filters v (listed: the requests matching them; else none, the filters being
 * what was typed and refused), with extra added. */
static enum xerr queue_page(struct request *req, const struct field_value *v, xmlNodePtr extra, bool listed)
{
	struct queue_item *items = NULL;
	size_t n = 0;
	enum xerr e = listed ? queue_select(req, v, 500, &items, &n) : XE_OK;
	if (e != XE_OK) {
		xmlFreeNode(extra);
		return e;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-requests", &root);
	xmlNodePtr q = xmlNewChild(root, NULL, (const xmlChar *)"queue", NULL);
	queue_filters_xml(q, v);
	if (ysqgk_authz_relations(req->user->level, ACT_ASSIGN) != 0)
		xml_attr(q, "may-assign", "1");
	for (size_t i = 0; i < n; i++)
		add_item(q, &items[i]);
	e = queue_bodies_xml(req, xmlNewChild(root, NULL, (const xmlChar *)"bodies", NULL));
	if (e != XE_OK) {
		xmlFreeDoc(doc);
		return e;
	}
	add_choices(root, &ysqgk_statuses);
	add_choices(root, &ysqgk_channels);
	if (extra != NULL)
		xmlAddChild(root, extra);
	return render(req, doc, "admin_requests");
}

enum xerr admin_ysqgk_queue_page(struct request *req, const struct field_value *v, xmlNodePtr extra)
{
	return queue_page(req, v, extra, true);
}

/* Bad filters: the page again with what was typed, why, and nothing listed (400). */
static enum xerr refused(struct request *req, const struct field_error *err)
{
	struct field_value typed[QF__N] = {0};
	for (enum queue_field f = QF_Q; f < QF__N; f++)
		typed[f].text = form_get(&req->query, queue_fields[f].name);
	xmlNodePtr why = xmlNewNode(NULL, (const xmlChar *)"filter-error");
	xmlNodeAddContent(why, (const xmlChar *)pool_printf(req->pool, "%s%s。", err->label, err->message));
	xml_attr(why, "field", err->field);
	req->status = 400;
	return queue_page(req, typed, why, false);
}

enum xerr admin_ysqgk_queue(struct request *req)
{
	struct field_value v[QF__N];
	struct field_error err;
	if (!queue_parse(req, &req->query, v, &err))
		return refused(req, &err);
	return admin_ysqgk_queue_page(req, v, NULL);
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
	/* A calendar program subscribes to an address of its own: an absolute one, as the feeds give. */
	xml_attr(n, "url", exchange_url(req, pool_printf(req->pool, "admin/requests.ics?token=%s", token)));
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

/* RFC 5545 3.8.7.2: when the event was last revised (the deadline set or moved), in UTC; the
 * time of the feed itself when that is not known. */
static const char *ics_stamp(struct pool *p, const char *unix_time)
{
	time_t t = unix_time ? (time_t)strtoll(unix_time, NULL, 10) : 0;
	if (t <= 0)
		t = time(NULL);
	struct tm tm;
	char out[17];
	gmtime_r(&t, &tm);
	strftime(out, sizeof out, "%Y%m%dT%H%M%SZ", &tm);
	return pool_strdup(p, out);
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
	                    .session_hash = "", .session_chain = ""};
	role_parse(user.role, &user.level);
	req->user = &user;
	struct db_result r;
	e = queue_rows(req, NULL, 1000, &r);
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
		buf_printf(&b, "BEGIN:VEVENT\r\nUID:request-%s@%s\r\nDTSTAMP:%s\r\nSEQUENCE:%s\r\nDTSTART;VALUE=DATE:%s\r\n"
		           "SUMMARY:",
		           q[QC_ID], req->site->key, ics_stamp(req->pool, q[QC_REVISED]),
		           q[QC_REVISIONS] ? q[QC_REVISIONS] : "0", ymd);
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
