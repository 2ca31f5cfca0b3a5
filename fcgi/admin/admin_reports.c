/* /admin/reports/annual?year=YYYY[&format=csv]: the annual report's requests table for staff. */
#include "ysqgk/ysqgk_annual_report.h"
#include "core/calendar.h"
#include "notices/timeliness.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

enum xerr admin_report_annual(struct request *req)
{
	static const char *const formats[] = {"html", "csv", NULL};
	static const struct field_spec fields[] = {
		{"year", FT_INT, false, 0, 2008, 2199, NULL, "年度"},
		{"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"},
	};
	const char *v[2];
	struct field_error err;
	if (!form_validate(req->pool, &req->query, fields, 2, v, &err))
		return XE_BAD_REQUEST;
	int y;
	unsigned m, d;
	civil_from_days(req->today, &y, &m, &d);
	long long year = y;
	if (v[0])
		parse_int(v[0], 2008, 2199, &year);
	struct ysqgk_annual_report r;
	enum xerr e = ysqgk_annual_report_compute(req->db, req->pool, req->site->id, (int)year, &r);
	if (e != XE_OK)
		return e;
	if (v[1] && strcmp(v[1], "csv") == 0) {
		struct buf b;
		buf_init(&b);
		ysqgk_annual_report_csv(&r, &b);
		respond_bytes(req, 200, "text/csv; charset=utf-8", b.data, b.len);
		buf_free(&b);
		request_header(req, "Content-Disposition",
		               pool_printf(req->pool, "attachment; filename=\"annual-%lld.csv\"", year));
		return XE_OK;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-annual", &root);
	ysqgk_annual_report_xml(&r, root);
	return render(req, doc, "report_annual");
}

/* /admin/reports/timeliness?month=YYYY-MM[&format=csv]: the monthly self-check of proactive
 * disclosure (the same report as `xxgkctl report timeliness`). */
enum xerr admin_report_timeliness(struct request *req)
{
	static const char *const formats[] = {"html", "csv", NULL};
	static const struct field_spec fields[] = {
		{"month", FT_LINE, false, 7, 0, 0, NULL, "月份"},
		{"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"},
	};
	const char *v[2];
	struct field_error err;
	if (!form_validate(req->pool, &req->query, fields, 2, v, &err))
		return XE_BAD_REQUEST;
	int y;
	unsigned m, d;
	civil_from_days(req->today, &y, &m, &d);
	if (v[0] != NULL) {
		int32_t first;
		if (!parse_date(pool_printf(req->pool, "%s-01", v[0]), &first))
			return XE_BAD_REQUEST;
		civil_from_days(first, &y, &m, &d);
	}
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct tl_report r;
	enum xerr e = timeliness_report(req->db, req->pool, req->app, req->site, cal, y, (int)m, req->today, &r);
	if (e != XE_OK)
		return e;
	if (v[1] && strcmp(v[1], "csv") == 0) {
		struct buf b;
		buf_init(&b);
		timeliness_report_csv(&b, &r);
		respond_bytes(req, 200, "text/csv; charset=utf-8", b.data, b.len);
		buf_free(&b);
		request_header(req, "Content-Disposition",
		               pool_printf(req->pool, "attachment; filename=\"timeliness-%04d-%02u.csv\"", y, m));
		return XE_OK;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "report-timeliness", &root);
	timeliness_report_xml(root, &r);
	return render(req, doc, "report_timeliness");
}
