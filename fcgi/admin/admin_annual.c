/* /admin/reports/annual?year=YYYY[&body=ID|&scope=all][&format=csv|xlsx]: the whole annual report
 * (ysqgk_annual_report.h) of the site, of one of its bodies, or (admins of every site) of the
 * install, as the template's page or as a file; POST saves the staff's text and entered figures,
 * POST …/annual/notice makes the report a draft notice. Without a year, the current one. */
#include "ysqgk/ysqgk_annual_report.h"
#include "ysqgk/ysqgk_annual_texts.h"
#include "core/body.h"
#include "core/calendar.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "notices/catalog.h"
#include "notices/completeness.h"
#include "server/handlers.h"
#include <string.h>

enum annual_format { REPORT_HTML, REPORT_CSV, REPORT_XLSX };
static const char *const formats[] = {[REPORT_HTML] = "html", [REPORT_CSV] = "csv", [REPORT_XLSX] = "xlsx", NULL};
static const char *const scopes[] = {[ANNUAL_BODY] = "body", [ANNUAL_SITE] = "site", [ANNUAL_ALL] = "all", NULL};

enum annual_field { AQ_YEAR, AQ_FORMAT, AQ_SCOPE, AQ_BODY, AQ__N };
static const struct field_spec query_fields[AQ__N] = {
	[AQ_YEAR] = {"year", FT_INT, false, 0, YEAR_MIN, YEAR_MAX, NULL, "年度"},
	[AQ_FORMAT] = {"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"},
	[AQ_SCOPE] = {"scope", FT_CHOICE, false, 0, 0, 0, scopes, "范围"},
	[AQ_BODY] = {"body", FT_ID, false, 0, 0, 0, NULL, "机关"},
};

struct report_args {
	int year;
	enum annual_format format;
	enum ysqgk_annual_scope_kind scope;
	long long body;
};

/* The query, the year defaulting to today's, the scope to the body when one is given, else the
 * site; false for a bad query. */
static bool report_args(struct request *req, struct report_args *out)
{
	struct field_value v[AQ__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, query_fields, v, &err))
		return false;
	unsigned month, day;
	civil_from_days(req->today, &out->year, &month, &day);
	if (v[AQ_YEAR].text != NULL)
		out->year = (int)v[AQ_YEAR].num;
	out->format = v[AQ_FORMAT].text != NULL ? (enum annual_format)v[AQ_FORMAT].num : REPORT_HTML;
	out->body = v[AQ_BODY].text != NULL ? v[AQ_BODY].num : 0;
	out->scope = v[AQ_SCOPE].text != NULL ? (enum ysqgk_annual_scope_kind)v[AQ_SCOPE].num
	                                      : out->body ? ANNUAL_BODY : ANNUAL_SITE;
	return out->scope != ANNUAL_BODY || out->body != 0;
}

/* The report as a download named filename; takes the buffer. */
static void respond_file(struct request *req, struct buf *b, const char *type, const char *filename)
{
	respond_bytes(req, 200, type, b->data, b->len);
	buf_free(b);
	request_header(req, "Content-Disposition", pool_printf(req->pool, "attachment; filename=\"%s\"", filename));
}

/* The annual report's scope: the whole install only for admins of every site. */
static enum xerr annual_scope(struct request *req, const struct report_args *a, struct ysqgk_annual_scope *out)
{
	if (a->scope == ANNUAL_ALL) {
		if (req->user->level < ROLE_ADMIN || req->user->site_id != 0)
			return XE_FORBIDDEN;
		ysqgk_annual_scope_all(out);
		return XE_OK;
	}
	if (a->scope == ANNUAL_BODY)
		return ysqgk_annual_scope_body(req->db, req->pool, req->site->id, a->body, out);
	ysqgk_annual_scope_site(req->pool, req->site->id, req->site->name, out);
	return XE_OK;
}

/* A year after this one has no report: the 400 page says so (*refused). */
static bool refuse_future(struct request *req, int year)
{
	int this_year;
	unsigned month, day;
	civil_from_days(req->today, &this_year, &month, &day);
	if (year <= this_year)
		return false;
	respond_error(req, XE_BAD_REQUEST,
	              pool_printf(req->pool, "%d年尚未开始，没有年度报告：年度最晚为今年（%d年），今年的报告为截至今天的数据。", year,
	                          this_year),
	              "year");
	return true;
}

/* The report, or false when the page has answered (a year after this one) or e says why not. */
static bool annual_compute(struct request *req, struct report_args *a, struct ysqgk_annual_report *r, enum xerr *e)
{
	struct ysqgk_annual_scope scope;
	*e = XE_BAD_REQUEST;
	if (!report_args(req, a))
		return false;
	*e = XE_OK;
	if (refuse_future(req, a->year))
		return false;
	if ((*e = annual_scope(req, a, &scope)) == XE_OK)
		*e = ysqgk_annual_report_compute(req->db, req->pool, &scope, a->year, req->today, r);
	return *e == XE_OK;
}

/* The page's choices: the site's bodies, and the columns a draft notice may go in. */
static enum xerr annual_choices(struct request *req, xmlNodePtr root)
{
	struct body *bodies;
	size_t n;
	enum xerr e = body_list(req->db, req->pool, req->site->id, &bodies, &n);
	if (e != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"bodies", NULL);
	for (size_t i = 0; i < n; i++)
		xml_attr_int(xml_add(list, "body", bodies[i].name), "id", bodies[i].id);
	if (req->user->level >= ROLE_ADMIN && req->user->site_id == 0)
		xml_attr(list, "all", "1");
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr cats = xmlNewChild(root, NULL, (const xmlChar *)"categories", NULL);
	if (catalog != NULL)
		completeness_category_list(req->pool, cats, xmlDocGetRootElement(catalog));
	return XE_OK;
}

enum xerr admin_report_annual(struct request *req)
{
	struct report_args a;
	struct ysqgk_annual_report r;
	enum xerr e;
	if (!annual_compute(req, &a, &r, &e))
		return e;
	if (a.format != REPORT_HTML) {
		struct buf b;
		buf_init(&b);
		if (a.format == REPORT_CSV) {
			ysqgk_annual_report_csv(&r, &b);
			respond_file(req, &b, "text/csv; charset=utf-8", pool_printf(req->pool, "annual-%d.csv", a.year));
		} else if (ysqgk_annual_report_xlsx(&r, &b)) {
			respond_file(req, &b, XLSX_MEDIA_TYPE, pool_printf(req->pool, "annual-%d.xlsx", a.year));
		} else {
			buf_free(&b);
			return XE_INTERNAL;
		}
		return XE_OK;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-annual", &root);
	ysqgk_annual_report_xml(&r, root);
	if ((e = annual_choices(req, root)) != XE_OK)
		return e;
	return render(req, doc, "report_annual");
}

/* Back to the report's page, with its query. */
static void redirect_annual(struct request *req, const struct report_args *a, const char *done)
{
	respond_redirect(req, pool_printf(req->pool, "%sadmin/reports/annual?year=%d&scope=%s&body=%lld&done=%s",
	                                  site_base(req), a->year, scopes[a->scope], a->body, done));
}

enum xerr admin_report_annual_save(struct request *req)
{
	struct report_args a;
	struct ysqgk_annual_scope scope;
	if (!report_args(req, &a))
		return XE_BAD_REQUEST;
	if (refuse_future(req, a.year))
		return XE_OK;
	enum xerr e = annual_scope(req, &a, &scope);
	if (e != XE_OK)
		return e;
	const char *message;
	if ((e = ysqgk_annual_texts_save(req, &scope, a.year, &message)) != XE_OK && message != NULL) {
		respond_error(req, e, message, NULL);
		return XE_OK;
	}
	if (e == XE_OK)
		redirect_annual(req, &a, "saved");
	return e;
}

enum notice_field { AN_CATEGORY, AN__N };
static const struct field_spec notice_fields[AN__N] = {
	[AN_CATEGORY] = {"category", FT_CODE, true, 64, 0, 0, NULL, "栏目"},
};

enum xerr admin_report_annual_notice(struct request *req)
{
	struct report_args a;
	struct ysqgk_annual_report r;
	struct field_value v[AN__N];
	struct field_error err;
	enum xerr e;
	if (!annual_compute(req, &a, &r, &e))
		return e;
	if (!form_parse(req->pool, &req->body, notice_fields, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	long long nid = 0;
	const char *message = NULL;
	e = ysqgk_annual_to_notice(req, &r, v[AN_CATEGORY].text, &nid, &message);
	if (e != XE_OK && message != NULL) {
		respond_error(req, e, message, NULL);
		return XE_OK;
	}
	if (e == XE_OK)
		respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%lld?done=notice.from_report", site_base(req), nid));
	return e;
}
