/* /admin/audit and /admin/audit.csv: the audit log (全程留痕) for admins, filtered and exported. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

static const char *const subjects[] = {"notice", "request", "user", "site", "calendar", "token", NULL};
static const struct field_spec filters[] = {
	{"subject", FT_CHOICE, false, 0, 0, 0, subjects, "对象"},
	{"actor", FT_LINE, false, 100, 0, 0, NULL, "操作人"},
	{"from", FT_DATE, false, 0, 0, 0, NULL, "起始日期"},
	{"to", FT_DATE, false, 0, 0, 0, NULL, "截止日期"},
	{"before", FT_INT, false, 0, 1, 9223372036854775807LL, NULL, "翻页"},
};
#define NFILTERS (sizeof filters / sizeof filters[0])

static enum xerr query(struct request *req, const char **v, long long limit, struct db_result *r)
{
	/* NULL filters match everything; the site's own entries and install-wide ones. */
	return db_query(req->db, req->pool, r,
	                "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, actor_ip, action, subject, subject_id, "
	                "note, before_json, after_json FROM audit_log "
	                "WHERE (site_id = ? OR site_id IS NULL) AND (? IS NULL OR subject = ?) AND (? IS NULL OR actor = ?) "
	                "AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ? + INTERVAL 1 DAY) AND (? IS NULL OR id < ?) "
	                "ORDER BY id DESC LIMIT ?",
	                "issssssssssi", req->site->id, v[0], v[0], v[1], v[1], v[2], v[2], v[3], v[3], v[4], v[4], limit);
}

enum xerr admin_audit(struct request *req)
{
	const char *v[NFILTERS];
	struct field_error err;
	if (!form_validate(req->pool, &req->query, filters, NFILTERS, v, &err))
		return XE_BAD_REQUEST;
	struct db_result r;
	enum xerr e = query(req, v, 51, &r);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-audit", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"audit", NULL);
	static const char *const names[] = {"subject", "actor", "from", "to"};
	for (int i = 0; i < 4; i++)
		xml_attr(list, names[i], v[i]);
	size_t n = r.nrows > 50 ? 50 : r.nrows;
	static const char *const cols[] = {"id", "at", "actor", "ip", "action", "subject", "subject-id", "note"};
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr en = xml_add_row(list, "entry", r.rows[i], cols, 8);
		xml_add(en, "before", r.rows[i][8]);
		xml_add(en, "after", r.rows[i][9]);
	}
	if (r.nrows > 50)
		xml_attr(list, "older", r.rows[49][0]);
	return render(req, doc, "admin_audit");
}

enum xerr admin_audit_csv(struct request *req)
{
	const char *v[NFILTERS];
	struct field_error err;
	if (!form_validate(req->pool, &req->query, filters, NFILTERS, v, &err))
		return XE_BAD_REQUEST;
	struct db_result r;
	enum xerr e = query(req, v, 100000, &r);
	if (e != XE_OK)
		return e;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "\xef\xbb\xbf"); /* BOM: spreadsheet programs then read UTF-8 */
	buf_puts(&b, "id,time,actor,address,action,subject,subject_id,note,before,after\r\n");
	for (size_t i = 0; i < r.nrows; i++) {
		for (int c = 0; c < 10; c++) {
			if (c)
				buf_putc(&b, ',');
			buf_csv_field(&b, r.rows[i][c]);
		}
		buf_puts(&b, "\r\n");
	}
	respond_bytes(req, 200, "text/csv; charset=utf-8", b.data ? b.data : "", b.len);
	buf_free(&b);
	request_header(req, "Content-Disposition", "attachment; filename=\"audit.csv\"");
	return XE_OK;
}
