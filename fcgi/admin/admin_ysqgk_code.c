/* POST /admin/requests/{id}/query-code — a new query code for an applicant who lost theirs,
 * after staff have checked the applicant's proof of identity (ysqgk_reissue.h). The answer is a
 * slip with the new code, shown this once and printable for the applicant; nothing keeps it. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_reissue.h"

enum reissue_field { R_CHECKED, R_CONFIRM, R_REASON, R__N };
static const char *const confirmations[] = {"yes", NULL};
static const struct field_spec reissue_fields[R__N] = {
	[R_CHECKED] = {"checked", FT_LINE, true, 100, 0, 0, NULL, "核验的身份证明"},
	[R_CONFIRM] = {"confirm", FT_CHOICE, true, 0, 0, 0, confirmations, "身份核验"},
	[R_REASON] = {"reason", FT_TEXT, true, 500, 0, 0, NULL, "重新发放的原因"},
};

static enum xerr slip(struct request *req, long long id, const char *tracking_no, const char *code)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-query-code", &root);
	xmlNodePtr n = xmlNewChild(root, NULL, (const xmlChar *)"query-code", NULL);
	xml_attr_int(n, "request", id);
	xml_attr(n, "tracking-no", tracking_no);
	xml_attr(n, "code", code);
	char today[11];
	format_date(req->today, today);
	xml_attr(n, "date", today);
	enum xerr e = render(req, doc, "admin_query_code");
	request_header(req, "Cache-Control", "no-store");
	return e;
}

enum xerr admin_ysqgk_reissue(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct field_value v[R__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, reissue_fields, v, &err)) {
		respond_error(req, XE_BAD_REQUEST,
		              pool_printf(req->pool, "%s%s。未重新发放查询码，原查询码仍然有效。", err.label, err.message),
		              err.field);
		return XE_OK;
	}
	const char *code = NULL, *tracking_no = NULL, *why = NULL;
	struct ysqgk_reissue in = {v[R_CHECKED].text, v[R_REASON].text};
	enum xerr e = ysqgk_reissue_code(req, id, &in, &code, &tracking_no, &why);
	if (e == XE_FORBIDDEN) {
		respond_error(req, e, why, NULL);
		return XE_OK;
	}
	return e != XE_OK ? e : slip(req, id, tracking_no, code);
}
