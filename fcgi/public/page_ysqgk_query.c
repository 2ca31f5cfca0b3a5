/* /xxgk/{site}/ysqgk/query — tracking a request with its tracking number and query code: the
 * status, the steps with their dates, the due date (and whether it is provisional), the reply
 * and its documents. The code is posted, never put in an address. A wrong code and an unknown
 * number get the same answer, and lookups are throttled per address.
 * /xxgk/{site}/ysqgk/doc/{id}?t=… — a reply document, through a signed link that expires. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <string.h>

static enum xerr render_query(struct request *req, int status, const char *tracking_no, const char *error,
                              long long id)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "ysqgk_query", &root);
	xmlNodePtr q = xmlNewChild(root, NULL, (const xmlChar *)"query", NULL);
	xml_attr(q, "tracking-no", tracking_no);
	if (error != NULL)
		xml_add(q, "error", error);
	if (id > 0) {
		/* The code the applicant just typed, for the "print the receipt again" button. */
		xml_attr(q, "code", request_field(req, "query_code"));
		enum xerr e = ysqgk_view_xml(req, id, root);
		if (e != XE_OK)
			return e;
	}
	req->status = status;
	enum xerr e = render(req, doc, "ysqgk_query");
	request_header(req, "Cache-Control", "no-store");
	return e;
}

enum xerr page_ysqgk_query_form(struct request *req)
{
	/* ?no= prefills the number (the link in the applicant's mail); the code is never in a link. */
	const char *no = ysqgk_normalize_tracking(req->pool, request_param(req, "no"));
	return render_query(req, 200, no, NULL, 0);
}

enum xerr page_ysqgk_query(struct request *req)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	const char *typed = request_field(req, "tracking_no");
	const char *shown = ysqgk_normalize_tracking(req->pool, typed);
	bool over = false;
	enum xerr e = ysqgk_throttle(req, "query", cfg.query_limit, cfg.query_window, &over);
	if (e != XE_OK)
		return e;
	if (over) {
		e = render_query(req, 429, shown,
		                 pool_printf(req->pool, "查询次数过多：同一网络地址在%lld分钟内最多查询%lld次，请稍后再试。",
		                             cfg.query_window / 60, cfg.query_limit),
		                 0);
		request_header(req, "Retry-After", pool_printf(req->pool, "%lld", cfg.query_window));
		return e;
	}
	long long id;
	e = ysqgk_lookup(req, typed, request_field(req, "query_code"), &id);
	if (e != XE_OK)
		return e;
	if (id == 0)
		return render_query(req, 404, shown, "受理编号或查询码不正确。请核对回执上的受理编号和提交申请时显示的查询码。", 0);
	return render_query(req, 200, shown, NULL, id);
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
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	respond_bytes(req, 200, r.rows[0][1], r.rows[0][2], r.lens[0][2]);
	request_download_name(req, r.rows[0][0]);
	request_header(req, "Cache-Control", "private, no-store");
	return XE_OK;
}
