/* The staff's reports, as a page or as CSV (?format=csv):
 *   /admin/reports/timeliness?month=YYYY-MM — the monthly self-check of proactive disclosure
 *   (the same report as `xxgkctl report timeliness`), also as XLSX (&format=xlsx).
 * Without a month, the current one. The annual report is admin_annual.c. */
#include "core/calendar.h"
#include "notices/timeliness.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include <string.h>

enum report_format { REPORT_HTML, REPORT_CSV, REPORT_XLSX };
static const char *const formats[] = {[REPORT_HTML] = "html", [REPORT_CSV] = "csv", [REPORT_XLSX] = "xlsx", NULL};
#define FORMAT_FIELD {"format", FT_CHOICE, false, 0, 0, 0, formats, "格式"}

/* The report's query: its month and the format. */
enum report_field { RP_MONTH, RP_FORMAT, RP__N };
static const struct field_spec report_fields[RP__N] = {
	[RP_MONTH] = {"month", FT_MONTH, false, 0, 0, 0, NULL, "月份"},
	[RP_FORMAT] = FORMAT_FIELD,
};

struct report_args {
	int year;
	unsigned month;
	enum report_format format;
};

/* The report's query, the month defaulting to today's; false for a bad query. */
static bool report_args(struct request *req, struct report_args *out)
{
	struct field_value v[RP__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, report_fields, v, &err))
		return false;
	unsigned day;
	/* FT_MONTH: the days of its first day */
	civil_from_days(v[RP_MONTH].text != NULL ? (int32_t)v[RP_MONTH].num : req->today, &out->year, &out->month, &day);
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

/* One counts row of the timeliness workbook: the group's label, its name, then the counts. */
static void counts_row(struct request *req, struct xlsx *x, const char *group, const char *name,
                       const struct tl_counts *n)
{
	const long long v[] = {n->total, n->on_time, n->late, n->overdue, n->due_soon, n->pending};
	const char *cells[2 + FIELDS_OF(v)] = {group, name};
	for (size_t i = 0; i < FIELDS_OF(v); i++)
		cells[2 + i] = pool_printf(req->pool, "%lld", v[i]);
	xlsx_row(x, XLSX_PLAIN, cells, FIELDS_OF(cells));
}

/* The report as a workbook: the counts (all, per body, per domain), then the notices judged. */
static enum xerr timeliness_xlsx(struct request *req, const struct tl_report *r)
{
	static const char *const head[] = {"范围", "名称", "应公开", "按时公开", "逾期公开", "逾期未公开", "即将到期", "未到期"};
	static const char *const nhead[] = {"索引号", "标题", "发布机构", "形成日期", "应公开日期", "发布日期", "状态", "逾期工作日"};
	static const double widths[] = {22, 48, 24, 12, 12, 12, 12, 12};
	struct xlsx *x = xlsx_new();
	if (x == NULL)
		return XE_INTERNAL;
	xlsx_sheet(x, "时效汇总");
	xlsx_widths(x, widths, FIELDS_OF(widths));
	xlsx_row(x, XLSX_TITLE, (const char *[]){pool_printf(req->pool, "%s 主动公开时效报告（%d年%d月）", req->site->name, r->year, r->month)}, 1);
	xlsx_row(x, XLSX_BOLD, head, FIELDS_OF(head));
	counts_row(req, x, "合计", req->site->name, &r->all);
	for (size_t i = 0; i < r->nbodies; i++)
		counts_row(req, x, "发布机构", r->bodies[i].name, &r->bodies[i].n);
	for (size_t i = 0; i < r->ndomains; i++)
		counts_row(req, x, "公开领域", r->domains[i].name, &r->domains[i].n);
	xlsx_sheet(x, "信息清单");
	xlsx_widths(x, (const double[]){22, 48, 24, 12, 12, 12, 12, 10}, 8);
	xlsx_row(x, XLSX_BOLD, nhead, FIELDS_OF(nhead));
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct tl_notice *n = &r->notices[i];
		char formed[11], due[11], published[11] = "";
		format_date(n->formed, formed);
		format_date(n->ev.due, due);
		if (n->published != TL_NOT_PUBLISHED)
			format_date(n->published, published);
		bool late = n->ev.status == TL_LATE || n->ev.status == TL_OVERDUE;
		const char *cells[] = {n->index_no, n->title, n->issuer, formed, due, published,
		                       timeliness_status_zh(n->ev.status), late ? pool_printf(req->pool, "%d", n->ev.late_by) : NULL};
		xlsx_row(x, XLSX_PLAIN, cells, FIELDS_OF(cells));
	}
	struct buf b;
	buf_init(&b);
	if (!xlsx_finish(x, &b)) {
		buf_free(&b);
		return XE_INTERNAL;
	}
	respond_bytes(req, 200, XLSX_MEDIA_TYPE, b.data, b.len);
	buf_free(&b);
	request_header(req, "Content-Disposition",
	               pool_printf(req->pool, "attachment; filename=\"timeliness-%04d-%02d.xlsx\"", r->year, r->month));
	return XE_OK;
}

enum xerr admin_report_timeliness(struct request *req)
{
	struct report_args a;
	if (!report_args(req, &a))
		return XE_BAD_REQUEST;
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	struct tl_report r;
	enum xerr e = timeliness_report(req->db, req->pool, req->app, req->site, cal, a.year, (int)a.month, req->today, &r);
	if (e != XE_OK)
		return e;
	if (a.format == REPORT_XLSX)
		return timeliness_xlsx(req, &r);
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
	return render(req, doc, "admin_timeliness");
}
