/* /admin/reports/compliance?period=2026-11|2026-Q4|2026-H2|2026&body=…&format=html|csv|xlsx: the
 * compliance report of the site or of one disclosing body (notices/compliance.h), the same as
 * `xxgkctl report compliance`. Without a period, the current month. */
#include "core/calendar.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "notices/compliance.h"
#include "server/handlers.h"
#include <string.h>

enum cp_format { CPF_HTML, CPF_CSV, CPF_XLSX };
static const char *const formats[] = {[CPF_HTML] = "html", [CPF_CSV] = "csv", [CPF_XLSX] = "xlsx", NULL};

enum cp_field { CPQ_PERIOD, CPQ_BODY, CPQ_FORMAT, CPQ__N };
static const struct field_spec fields[CPQ__N] = {
	[CPQ_PERIOD] = {"period", FT_CODE, false, 7, 0, 0, NULL, "统计期间"},
	[CPQ_BODY] = {"body", FT_LINE, false, 200, 0, 0, NULL, "发布机构"},
	[CPQ_FORMAT] = {"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"},
};

/* The site's disclosing bodies, for the page's filter. */
static enum xerr bodies_xml(struct request *req, xmlNodePtr root)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DISTINCT issuer FROM notices WHERE site_id = ? AND published_at IS NOT NULL "
	                       "ORDER BY issuer LIMIT 500",
	                       "i", req->site->id);
	if (e != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"bodies", NULL);
	for (size_t i = 0; i < r.nrows; i++)
		xml_add(list, "body", r.rows[i][0]);
	return XE_OK;
}

static enum xerr respond_file(struct request *req, const struct cp_report *r, enum cp_format format)
{
	struct buf b;
	buf_init(&b);
	bool ok = true;
	if (format == CPF_CSV)
		compliance_report_csv(&b, r);
	else
		ok = compliance_report_xlsx(&b, r);
	if (!ok) {
		buf_free(&b);
		return XE_INTERNAL;
	}
	respond_bytes(req, 200, format == CPF_CSV ? "text/csv; charset=utf-8" : XLSX_MEDIA_TYPE, b.data, b.len);
	buf_free(&b);
	request_header(req, "Content-Disposition",
	               pool_printf(req->pool, "attachment; filename=\"compliance-%s.%s\"", r->period.code, formats[format]));
	return XE_OK;
}

enum xerr admin_report_compliance(struct request *req)
{
	struct field_value v[CPQ__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, fields, v, &err))
		return XE_BAD_REQUEST;
	char month[11];
	format_date(req->today, month);
	month[7] = '\0';
	struct cp_period period;
	if (!compliance_period_parse(v[CPQ_PERIOD].text ? v[CPQ_PERIOD].text : month, &period)) {
		respond_error(req, XE_BAD_REQUEST, "统计期间应为月份、季度、半年或年度，如 2026-11、2026-Q4、2026-H2、2026。",
		              "period");
		return XE_OK;
	}
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct cp_report r;
	enum xerr e = compliance_report(req->db, req->pool, req->app, req->site, cal, v[CPQ_BODY].text, &period,
	                                req->today, &r);
	if (e != XE_OK)
		return e;
	enum cp_format format = v[CPQ_FORMAT].text ? (enum cp_format)v[CPQ_FORMAT].num : CPF_HTML;
	if (format != CPF_HTML)
		return respond_file(req, &r, format);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "report-compliance", &root);
	compliance_report_xml(root, &r);
	if ((e = bodies_xml(req, root)) != XE_OK)
		return e;
	return render(req, doc, "report_compliance");
}
