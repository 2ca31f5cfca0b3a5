/* The staff's reports, as a page or as CSV (?format=csv):
 *   /admin/reports/timeliness?month=YYYY-MM — the monthly self-check of proactive disclosure
 *   (the same report as `xxgkctl report timeliness`).
 * Without a period, the current year or month. */
#include "core/calendar.h"
#include "notices/timeliness.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

enum report_format { REPORT_HTML, REPORT_CSV };
static const char *const formats[] = {[REPORT_HTML] = "html", [REPORT_CSV] = "csv", NULL};
#define FORMAT_FIELD {"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"}

/* A report's query: its period (a year, or a month) and the format. */
enum report_kind { REPORT_ANNUAL, REPORT_TIMELINESS };
enum report_field { RP_PERIOD, RP_FORMAT, RP__N };
static const struct field_spec report_fields[][RP__N] = {
	[REPORT_ANNUAL] = {[RP_PERIOD] = {"year", FT_INT, false, 0, YEAR_MIN, YEAR_MAX, NULL, "年度"},
	                   [RP_FORMAT] = FORMAT_FIELD},
	[REPORT_TIMELINESS] = {[RP_PERIOD] = {"month", FT_MONTH, false, 0, 0, 0, NULL, "月份"},
	                       [RP_FORMAT] = FORMAT_FIELD},
};

struct report_args {
	int year;
	unsigned month;
	enum report_format format;
};

/* The report's query, the period defaulting to today's; false for a bad query. */
static bool report_args(struct request *req, enum report_kind kind, struct report_args *out)
{
	struct field_value v[RP__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, report_fields[kind], v, &err))
		return false;
	unsigned day;
	civil_from_days(req->today, &out->year, &out->month, &day);
	if (v[RP_PERIOD].text != NULL && kind == REPORT_ANNUAL)
		out->year = (int)v[RP_PERIOD].num;
	else if (v[RP_PERIOD].text != NULL) /* FT_MONTH: the days of its first day */
		civil_from_days((int32_t)v[RP_PERIOD].num, &out->year, &out->month, &day);
	out->format = v[RP_FORMAT].text != NULL ? (enum report_format)v[RP_FORMAT].num : REPORT_HTML;
	return true;
}

/* The report as a CSV download named filename; takes the buffer. */
static void respond_csv(struct request *req, struct buf *b, const char *filename)
{
	respond_bytes(req, 200, "text/csv; charset=utf-8", b->data, b->len);
	buf_free(b);
	request_header(req, "Content-Disposition", pool_printf(req->pool, "attachment; filename=\"%s\"", filename));
}

enum xerr admin_report_timeliness(struct request *req)
{
	struct report_args a;
	if (!report_args(req, REPORT_TIMELINESS, &a))
		return XE_BAD_REQUEST;
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct tl_report r;
	enum xerr e = timeliness_report(req->db, req->pool, req->app, req->site, cal, a.year, (int)a.month, req->today, &r);
	if (e != XE_OK)
		return e;
	if (a.format == REPORT_CSV) {
		struct buf b;
		buf_init(&b);
		timeliness_report_csv(&b, &r);
		respond_csv(req, &b, pool_printf(req->pool, "timeliness-%04d-%02u.csv", a.year, a.month));
		return XE_OK;
	}
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "report-timeliness", &root);
	timeliness_report_xml(root, &r);
	return render(req, doc, "report_timeliness");
}
