/* /xxgk/{site}/ysqgk/query — tracking a request with its tracking number and query code: the
 * status, the steps with their dates, the due date (and whether it is provisional), the reply
 * and its documents. The code is posted, never put in an address. A wrong code and an unknown
 * number get the same answer, and lookups are throttled per address; a field left empty is named
 * (400) before any lookup, and counts for nothing. */
#include "server/handlers.h"
#include "core/parse.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_throttle.h"
#include "ysqgk/ysqgk_view.h"
#include <string.h>

/* The lookup's fields: both must be given; what they hold is the lookup's to judge, with one
 * answer for every wrong pair. */
enum query_field { Q_TRACKING_NO, Q_QUERY_CODE, Q__N };
static const struct field_spec query_fields[Q__N] = {
	[Q_TRACKING_NO] = {"tracking_no", FT_LINE, true, 100, 0, 0, NULL, "受理编号"},
	[Q_QUERY_CODE] = {"query_code", FT_LINE, true, 40, 0, 0, NULL, "查询码"},
};

/* Every field against its declaration: the errors, in form order, into errs; how many. */
static size_t check_fields(struct request *req, struct field_error errs[Q__N])
{
	size_t n = 0;
	for (size_t i = 0; i < Q__N; i++) {
		struct field_value v;
		if (!field_parse(req->pool, &req->body, &query_fields[i], &v, &errs[n]))
			n++;
	}
	return n;
}

/* The fields' errors, each naming its field, for the form to mark them. */
static void add_field_errors(xmlNodePtr q, const struct field_error *errs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_add(q, "field-error", errs[i].message);
		xml_attr(e, "field", errs[i].field);
		xml_attr(e, "label", errs[i].label);
	}
}

static enum xerr render_query(struct request *req, int status, const char *tracking_no, const char *error,
                              long long id, const struct field_error *errs, size_t nerrs)
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
	add_field_errors(q, errs, nerrs);
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
	return render_query(req, 200, no, NULL, 0, NULL, 0);
}

enum xerr page_ysqgk_query(struct request *req)
{
	const char *typed = request_field(req, "tracking_no");
	const char *shown = ysqgk_normalize_tracking(req->pool, typed);
	/* A field left empty is the person's slip, not a guess: named, and not counted as a lookup. */
	struct field_error errs[Q__N];
	size_t nerrs = check_fields(req, errs);
	if (nerrs > 0)
		return render_query(req, 400, shown, NULL, 0, errs, nerrs);
	struct ysqgk_throttled t;
	enum xerr e = ysqgk_throttle(req, YSQGK_LOOKUP, &t);
	if (e != XE_OK)
		return e;
	if (t.over) {
		e = render_query(req, 429, shown, t.message, 0, NULL, 0);
		ysqgk_throttle_retry_after(req, &t);
		return e;
	}
	long long id;
	e = ysqgk_lookup(req, typed, request_field(req, "query_code"), &id);
	if (e != XE_OK)
		return e;
	if (id == 0)
		return render_query(req, 404, shown, "受理编号或查询码不正确。请核对回执上的受理编号和提交申请时显示的查询码。", 0,
		                    NULL, 0);
	return render_query(req, 200, shown, NULL, id, NULL, 0);
}
