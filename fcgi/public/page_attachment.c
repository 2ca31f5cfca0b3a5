/* Downloads, one way for every stored file:
 *   /xxgk/{site}/a/{id} — an attachment of a published notice;
 *   /xxgk/{site}/ysqgk/doc/{id}?t=… — a reply document of a disclosure request, through a
 *   signed link that expires (ysqgk_token.h);
 *   /xxgk/{site}/admin/requests/{id}/files/{file} — any file of a request, for the staff who may
 *   see the request (the applicant's own materials, identity documents among them, for those who
 *   may see the applicant's details in full). */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_token.h"
#include <string.h>

/* The columns every download's statement reads, in this order. */
enum file_col { FILE_NAME, FILE_MIME, FILE_DATA, FILE_SHA256, FILE_KIND /* a request's files only */ };

/* Public files may be cached by their digest; a request's documents are the applicant's alone. */
enum file_privacy { FILE_PUBLIC, FILE_PRIVATE };

static enum xerr send_file(struct request *req, const struct db_result *r, enum file_privacy privacy)
{
	if (r->nrows == 0)
		return XE_NOT_FOUND;
	char **w = r->rows[0];
	respond_bytes(req, 200, w[FILE_MIME], w[FILE_DATA], r->lens[0][FILE_DATA]);
	request_download_name(req, w[FILE_NAME]);
	if (privacy == FILE_PUBLIC)
		request_header(req, "ETag", pool_printf(req->pool, "\"%s\"", w[FILE_SHA256]));
	else
		request_header(req, "Cache-Control", "private, no-store");
	return XE_OK;
}

enum xerr page_attachment(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT a.filename, a.mime, a.data, a.sha256 FROM attachments a "
	                       "JOIN notices n ON n.id = a.notice_id "
	                       "WHERE a.id = ? AND n.site_id = ? AND n.status = 'published'",
	                       "ii", id, req->site->id);
	return e == XE_OK ? send_file(req, &r, FILE_PUBLIC) : e;
}

enum xerr page_ysqgk_doc(struct request *req)
{
	long long id;
	bool valid = false;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	enum xerr e = ysqgk_doc_check(req, id, request_param(req, "t"), &valid);
	if (e != XE_OK)
		return e;
	if (!valid) {
		respond_error(req, XE_NOT_FOUND, "下载链接无效或已过期，请回到查询页面重新查询后下载。", NULL);
		return XE_NOT_FOUND;
	}
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT a.filename, a.mime, a.data, a.sha256 FROM request_attachments a "
	             "JOIN requests q ON q.id = a.request_id WHERE a.id = ? AND q.site_id = ? AND a.visible_to_applicant = 1",
	             "ii", id, req->site->id);
	return e == XE_OK ? send_file(req, &r, FILE_PRIVATE) : e;
}

/* What a user must be allowed to download a request's file of this kind. */
static unsigned right_for(const char *kind)
{
	return strcmp(kind, "application") == 0 || strcmp(kind, "correction") == 0 ? RIGHT_CONTACT : RIGHT_SEE;
}

enum xerr admin_ysqgk_file(struct request *req)
{
	long long id, fid;
	if (!request_path_id(req, 0, &id) || !request_path_id(req, 1, &fid))
		return XE_NOT_FOUND;
	struct ysqgk_authz az;
	enum xerr e = ysqgk_authz_load(req, id, &az);
	if (e != XE_OK)
		return e;
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT a.filename, a.mime, a.data, a.sha256, a.kind FROM request_attachments a "
	             "JOIN requests q ON q.id = a.request_id WHERE a.id = ? AND q.id = ? AND q.site_id = ?",
	             "iii", fid, id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0 || ysqgk_authz_decide(&az, right_for(r.rows[0][FILE_KIND])) != AZ_ALLOWED)
		return XE_NOT_FOUND;
	return send_file(req, &r, FILE_PRIVATE);
}
