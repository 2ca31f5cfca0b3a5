/* /admin/reports/annual?year=YYYY[&format=csv]: the annual report's requests table for staff. */
#include "annual_report.h"
#include "handlers.h"
#include "render.h"
#include "text.h"
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
	struct annual_report r;
	enum xerr e = annual_report_compute(req->db, req->pool, req->site->id, (int)year, &r);
	if (e != XE_OK)
		return e;
	if (v[1] && strcmp(v[1], "csv") == 0) {
		struct buf b;
		buf_init(&b);
		annual_report_csv(&r, &b);
		respond_bytes(req, 200, "text/csv; charset=utf-8", b.data, b.len);
		buf_free(&b);
		request_header(req, "Content-Disposition",
		               pool_printf(req->pool, "attachment; filename=\"annual-%lld.csv\"", year));
		return XE_OK;
	}
	xmlNodePtr root;
	xmlDocPtr doc = page_new(req, "admin-annual", &root);
	annual_report_xml(&r, root);
	return render(req, doc, "report_annual");
}
