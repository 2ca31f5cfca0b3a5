/* /xxgk/{site}/a/{id} — an attachment of a published notice, as a download. */
#include "handlers.h"
#include "render.h"
#include "text.h"
#include <string.h>

/* RFC 5987 filename* so Chinese names survive; the plain filename is an ASCII fallback. */
static const char *disposition(struct pool *p, const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "attachment; filename=\"download\"; filename*=UTF-8''");
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr(".-_", *c))
			buf_putc(&b, (char)*c);
		else
			buf_printf(&b, "%%%02X", *c);
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

enum xerr page_attachment(struct request *req)
{
	long long id;
	if (!parse_int(req->path_args[0], 1, 9223372036854775807LL, &id))
		return XE_NOT_FOUND;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT a.filename, a.mime, a.data, a.sha256 FROM attachments a "
	                       "JOIN notices n ON n.id = a.notice_id "
	                       "WHERE a.id = ? AND n.site_id = ? AND n.status = 'published'",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	respond_bytes(req, 200, r.rows[0][1], r.rows[0][2], r.lens[0][2]);
	request_header(req, "Content-Disposition", disposition(req->pool, r.rows[0][0]));
	request_header(req, "ETag", pool_printf(req->pool, "\"%s\"", r.rows[0][3]));
	return XE_OK;
}
