#include "notices/notice_attach.h"
#include "core/audit.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "notices/attachment_type.h"

const char *notice_attach_type(const struct upload *u)
{
	return u != NULL && u->len > 0 ? attachment_type(u->data, u->len, u->filename) : NULL;
}

/* The upload's audit image. */
static const char *attachment_json(struct pool *p, long long aid, const char *sha, size_t size)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_int(&w, "attachment", aid);
	jw_str(&w, "sha256", sha);
	jw_int(&w, "size", (long long)size);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

enum xerr notice_attach(struct request *req, long long id, const struct upload *u, const char *type)
{
	char sha[65];
	sha256_hex(u->data, u->len, sha);
	const char *name = attachment_name(req->pool, u->filename, type, 255);
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO attachments (notice_id, filename, mime, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?)",
	                      "issisb", id, name, type, (long long)u->len, sha, u->data, u->len);
	long long aid = (long long)db_insert_id(req->db);
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE notices SET attachment_count = attachment_count + 1 WHERE id = ?", "i", id);
	if (e == XE_OK)
		e = audit_request(req, "notice.attach", "notice", id, NULL, attachment_json(req->pool, aid, sha, u->len),
		                  name);
	return e;
}
