/* /xxgk/{site}/a/{id} — an attachment of a published notice, as a download. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

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
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	respond_bytes(req, 200, r.rows[0][1], r.rows[0][2], r.lens[0][2]);
	request_download_name(req, r.rows[0][0]);
	request_header(req, "ETag", pool_printf(req->pool, "\"%s\"", r.rows[0][3]));
	return XE_OK;
}
