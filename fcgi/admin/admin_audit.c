/* /admin/audit and /admin/audit.csv: the audit log (全程留痕) for admins, filtered and exported. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

static const char *const subjects[] = {"notice", "request", "user", "site", "calendar", "token", "body", NULL};
enum filter { F_SUBJECT, F_ACTOR, F_FROM, F_TO, F_BEFORE, F__N };
static const struct field_spec filters[F__N] = {
	[F_SUBJECT] = {"subject", FT_CHOICE, false, 0, 0, 0, subjects, "对象"},
	[F_ACTOR] = {"actor", FT_LINE, false, 100, 0, 0, NULL, "操作人"},
	[F_FROM] = {"from", FT_DATE, false, 0, 0, 0, NULL, "起始日期"},
	[F_TO] = {"to", FT_DATE, false, 0, 0, 0, NULL, "截止日期"},
	[F_BEFORE] = {"before", FT_ID, false, 0, 0, 0, NULL, "翻页"},
};

/* The columns of query()'s rows. */
enum entry_col { C_ID, C_AT, C_ACTOR, C_IP, C_ACTION, C_SUBJECT, C_SUBJECT_ID, C_NOTE, C_BEFORE, C_AFTER, C__N };

static enum xerr query(struct request *req, const struct field_value *v, long long limit, struct db_result *r)
{
	/* NULL filters match everything; the site's own entries and install-wide ones. */
	return db_query(req->db, req->pool, r,
	                "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, actor_ip, action, subject, subject_id, "
	                "note, before_json, after_json FROM audit_log "
	                "WHERE (site_id = ? OR site_id IS NULL) AND (? IS NULL OR subject = ?) AND (? IS NULL OR actor = ?) "
	                "AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ? + INTERVAL 1 DAY) AND (? IS NULL OR id < ?) "
	                "ORDER BY id DESC LIMIT ?",
	                "issssssssssi", req->site->id, v[F_SUBJECT].text, v[F_SUBJECT].text, v[F_ACTOR].text, v[F_ACTOR].text,
	                v[F_FROM].text, v[F_FROM].text, v[F_TO].text, v[F_TO].text, v[F_BEFORE].text, v[F_BEFORE].text,
	                limit);
}

enum xerr admin_audit(struct request *req)
{
	struct field_value v[F__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, filters, v, &err))
		return XE_BAD_REQUEST;
	struct db_result r;
	enum xerr e = query(req, v, 51, &r);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-audit", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"audit", NULL);
	for (enum filter f = F_SUBJECT; f <= F_TO; f++)
		xml_attr(list, filters[f].name, v[f].text);
	size_t n = r.nrows > 50 ? 50 : r.nrows;
	/* the attributes of an <entry>, in column order up to C_NOTE */
	static const char *const attrs[] = {"id", "at", "actor", "ip", "action", "subject", "subject-id", "note"};
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr en = xml_add_row(list, "entry", r.rows[i], attrs, FIELDS_OF(attrs));
		xml_add(en, "before", r.rows[i][C_BEFORE]);
		xml_add(en, "after", r.rows[i][C_AFTER]);
	}
	if (r.nrows > 50)
		xml_attr(list, "older", r.rows[49][C_ID]);
	return render(req, doc, "admin_audit");
}

enum xerr admin_audit_csv(struct request *req)
{
	struct field_value v[F__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, filters, v, &err))
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
		for (int c = 0; c < C__N; c++) {
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
