/* /xxgk/{site}/ysqgk/query — tracking a request with its tracking number and query code: the
 * status, the steps with their dates, the due date (and whether it is provisional), the reply
 * and its documents. The code is posted, never put in an address. A wrong code and an unknown
 * number get the same answer, and lookups are throttled per address. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_throttle.h"
#include "ysqgk/ysqgk_view.h"
#include <string.h>

static enum xerr render_query(struct request *req, int status, const char *tracking_no, const char *error,
                              long long id)
{
	struct ysqgk_view v;
	if (id > 0) {
		enum xerr e = ysqgk_view_load(req, id, VIEW_REPLIES, &v);
		if (e != XE_OK)
			return e;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "ysqgk_query", &root);
	xmlNodePtr q = xmlNewChild(root, NULL, (const xmlChar *)"query", NULL);
	xml_attr(q, "tracking-no", tracking_no);
	if (error != NULL)
		xml_add(q, "error", error);
	if (id > 0) {
		/* The code the applicant just typed, for the "print the receipt again" button. */
		xml_attr(q, "code", request_field(req, "query_code"));
		ysqgk_view_xml(req->pool, &v, root);
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
	const char *typed = request_field(req, "tracking_no");
	const char *shown = ysqgk_normalize_tracking(req->pool, typed);
	struct ysqgk_throttled t;
	enum xerr e = ysqgk_throttle(req, YSQGK_LOOKUP, &t);
	if (e != XE_OK)
		return e;
	if (t.over) {
		e = render_query(req, 429, shown, t.message, 0);
		ysqgk_throttle_retry_after(req, &t);
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
