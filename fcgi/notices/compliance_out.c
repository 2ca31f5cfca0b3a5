/* The compliance report as XML for the stylesheet, CSV and XLSX (compliance.h), and the
 * summary the staff download. */
#include "notices/compliance.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "notices/catalog.h"
#include <stdio.h>
#include <string.h>

static const char *num(struct pool *p, long long n)
{
	return pool_printf(p, "%lld", n);
}

static const char *day(struct pool *p, int32_t d)
{
	if (d == TL_NOT_PUBLISHED)
		return "";
	char s[11];
	format_date(d, s);
	return pool_strdup(p, s);
}

/* What a late or overdue notice's line says of it. */
static const char *late_text(struct pool *p, const struct tl_notice *n)
{
	return n->ev.status == TL_LATE ? pool_printf(p, "逾期%d个工作日公开", n->ev.late_by)
	                               : pool_printf(p, "逾期未公开（已超%d个工作日）", n->ev.late_by);
}

static const char *event_zh(const char *event)
{
	return strcmp(event, "publish") == 0 ? "发布" : strcmp(event, "update") == 0 ? "变更" : "撤回";
}

/* ---- XML ---- */

static void totals_xml(xmlNodePtr parent, const struct cp_totals *t)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"totals", NULL);
	xml_attr_int(n, "categories", t->categories);
	xml_attr_int(n, "empty", t->empty);
	xml_attr_int(n, "published", t->published);
	xml_attr_int(n, "incomplete", t->incomplete);
	xml_attr_int(n, "late", t->late);
	xml_attr_int(n, "overdue", t->overdue);
	xml_attr_int(n, "pushes-sent", t->pushes_sent);
	xml_attr_int(n, "pushes-waiting", t->pushes_waiting);
}

static void notice_xml(xmlNodePtr list, const struct cp_notice *x, struct pool *p)
{
	xmlNodePtr n = xmlNewChild(list, NULL, (const xmlChar *)"notice", NULL);
	xml_attr_int(n, "id", x->id);
	xml_attr(n, "index-no", x->index_no);
	xml_attr(n, "title", x->title);
	xml_attr(n, "issuer", x->issuer);
	xml_attr(n, "category", x->category_code);
	xml_attr(n, "path", x->category_path);
	xml_attr(n, "published", x->tl ? day(p, x->tl->published) : x->published);
	xml_attr(n, "missing", x->missing);
	if (x->tl) {
		xml_attr(n, "formed", day(p, x->tl->formed));
		xml_attr(n, "due", day(p, x->tl->ev.due));
		xml_attr(n, "status", timeliness_status_code(x->tl->ev.status));
		xml_attr(n, "late", late_text(p, x->tl));
		xml_attr_int(n, "limit-days", x->tl->limit_days);
	}
}

xmlNodePtr compliance_report_xml(xmlNodePtr parent, const struct cp_report *r)
{
	struct pool *p = pool_new();
	xmlNodePtr root = xmlNewChild(parent, NULL, (const xmlChar *)"compliance", NULL);
	xml_attr(root, "period", r->period.code);
	xml_attr(root, "zh", r->period.zh);
	xml_attr(root, "first", day(p, r->period.first));
	xml_attr(root, "last", day(p, r->period.last));
	xml_attr(root, "today", day(p, r->today));
	xml_attr(root, "body", r->body);
	totals_xml(root, &r->t);
	xmlNodePtr cats = xmlNewChild(root, NULL, (const xmlChar *)"categories", NULL);
	for (size_t i = 0; i < r->ncategories; i++) {
		const struct cp_category *c = &r->categories[i];
		xmlNodePtr n = xmlNewChild(cats, NULL, (const xmlChar *)"category", NULL);
		xml_attr(n, "code", c->code);
		xml_attr(n, "name", c->name);
		xml_attr(n, "path", c->path);
		xml_attr(n, "domain", c->domain_name);
		xml_attr_int(n, "published", c->published);
		xml_attr_int(n, "incomplete", c->incomplete);
		xml_attr_int(n, "late", c->late);
		if (c->pushed)
			xml_attr(n, "pushed", "1");
		if (c->published == 0)
			xml_attr(n, "empty", "1");
	}
	xmlNodePtr inc = xmlNewChild(root, NULL, (const xmlChar *)"incomplete", NULL);
	for (size_t i = 0; i < r->nincomplete; i++)
		notice_xml(inc, &r->incomplete[i], p);
	xmlNodePtr late = xmlNewChild(root, NULL, (const xmlChar *)"late", NULL);
	for (size_t i = 0; i < r->nlate; i++)
		notice_xml(late, &r->late[i], p);
	xmlNodePtr pushes = xmlNewChild(root, NULL, (const xmlChar *)"pushes", NULL);
	for (size_t i = 0; i < r->nwaiting; i++) {
		const struct cp_push *w = &r->waiting[i];
		xmlNodePtr n = xmlNewChild(pushes, NULL, (const xmlChar *)"push", NULL);
		xml_attr_int(n, "notice", w->notice_id);
		xml_attr(n, "title", w->title);
		xml_attr(n, "event", event_zh(w->event));
		xml_attr(n, "endpoint", w->endpoint);
		xml_attr(n, "channel", w->channel);
		xml_attr(n, "changed-at", w->changed_at);
		xml_attr_int(n, "attempts", w->attempts);
		xml_attr(n, "last-error", w->last_error);
	}
	pool_free(p);
	return root;
}

/* ---- rows, shared by CSV and XLSX ---- */

/* The report as sections of rows: each row's cells, NULL-terminated sections. */
struct sheet_writer {
	void (*title)(void *ctx, const char *sheet, const char *text);
	void (*row)(void *ctx, bool header, const char *const *cells, size_t n);
	void *ctx;
};

static void summary_rows(const struct cp_report *r, struct pool *p, const struct sheet_writer *w)
{
	w->title(w->ctx, "汇总",
	         pool_printf(p, "%s 公共资源配置领域政府信息公开情况（%s%s）", r->site->name, r->period.zh,
	                     r->body ? pool_printf(p, "，%s", r->body) : ""));
	const char *head[] = {"应公开类别", "无信息类别", "发布信息", "缺少内容项", "逾期公开", "逾期未公开", "已推送", "未送达推送"};
	const char *cells[] = {num(p, r->t.categories), num(p, r->t.empty), num(p, r->t.published), num(p, r->t.incomplete),
	                       num(p, r->t.late), num(p, r->t.overdue), num(p, r->t.pushes_sent),
	                       num(p, r->t.pushes_waiting)};
	w->row(w->ctx, true, head, 8);
	w->row(w->ctx, false, cells, 8);
}

static void category_rows(const struct cp_report *r, struct pool *p, const struct sheet_writer *w)
{
	w->title(w->ctx, "信息类别", "应公开类别（无信息的在前）");
	const char *head[] = {"类别代码", "信息类别", "发布信息", "缺少内容项", "逾期", "推送至交易平台", "情况"};
	w->row(w->ctx, true, head, 7);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->ncategories; i++) {
			const struct cp_category *c = &r->categories[i];
			if ((c->published == 0) != (pass == 0))
				continue;
			const char *cells[] = {c->code, c->path, num(p, c->published), num(p, c->incomplete), num(p, c->late),
			                       c->pushed ? "是" : "否", c->published == 0 ? "本期无信息" : ""};
			w->row(w->ctx, false, cells, 7);
		}
}

static void notice_rows(const struct cp_report *r, struct pool *p, const struct sheet_writer *w)
{
	w->title(w->ctx, "缺少内容项", "缺少必填内容项的信息");
	const char *head[] = {"编号", "索引号", "标题", "发布机构", "信息类别", "发布日期", "缺少的内容项"};
	w->row(w->ctx, true, head, 7);
	for (size_t i = 0; i < r->nincomplete; i++) {
		const struct cp_notice *x = &r->incomplete[i];
		const char *cells[] = {num(p, x->id), x->index_no, x->title, x->issuer, x->category_path, x->published, x->missing};
		w->row(w->ctx, false, cells, 7);
	}
	w->title(w->ctx, "逾期", "逾期公开和逾期未公开的信息（按应公开日期所在月份）");
	const char *lhead[] = {"编号", "索引号", "标题", "发布机构", "信息类别", "成文日期", "应公开日期", "发布日期", "情况"};
	w->row(w->ctx, true, lhead, 9);
	for (size_t i = 0; i < r->nlate; i++) {
		const struct cp_notice *x = &r->late[i];
		const char *cells[] = {num(p, x->id), x->index_no ? x->index_no : "", x->title, x->issuer, x->category_path,
		                       day(p, x->tl->formed), day(p, x->tl->ev.due), day(p, x->tl->published),
		                       late_text(p, x->tl)};
		w->row(w->ctx, false, cells, 9);
	}
}

static void push_rows(const struct cp_report *r, struct pool *p, const struct sheet_writer *w)
{
	w->title(w->ctx, "推送", "未送达交易平台的推送");
	const char *head[] = {"编号", "标题", "变更", "平台", "渠道", "变更时间", "尝试次数", "最近错误"};
	w->row(w->ctx, true, head, 8);
	for (size_t i = 0; i < r->nwaiting; i++) {
		const struct cp_push *x = &r->waiting[i];
		const char *cells[] = {num(p, x->notice_id), x->title, event_zh(x->event), x->endpoint, x->channel,
		                       x->changed_at, num(p, x->attempts), x->last_error ? x->last_error : ""};
		w->row(w->ctx, false, cells, 8);
	}
}

static void write_all(const struct cp_report *r, const struct sheet_writer *w)
{
	struct pool *p = pool_new();
	summary_rows(r, p, w);
	category_rows(r, p, w);
	notice_rows(r, p, w);
	push_rows(r, p, w);
	pool_free(p);
}

/* ---- CSV ---- */

static void csv_title(void *ctx, const char *sheet, const char *text)
{
	struct buf *b = ctx;
	if (b->len)
		buf_puts(b, "\r\n");
	buf_csv_field(b, text);
	buf_puts(b, "\r\n");
}

static void csv_row(void *ctx, bool header, const char *const *cells, size_t n)
{
	struct buf *b = ctx;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_csv_field(b, cells[i] ? cells[i] : "");
	}
	buf_puts(b, "\r\n");
}

void compliance_report_csv(struct buf *out, const struct cp_report *r)
{
	struct sheet_writer w = {csv_title, csv_row, out};
	write_all(r, &w);
}

/* ---- XLSX ---- */

static void xlsx_title(void *ctx, const char *sheet, const char *text)
{
	xlsx_sheet(ctx, sheet);
	static const double widths[] = {12, 40, 30, 18, 30, 12, 12, 12, 24};
	xlsx_widths(ctx, widths, sizeof widths / sizeof widths[0]);
	const char *cells[] = {text};
	xlsx_row(ctx, XLSX_TITLE, cells, 1);
}

static void xlsx_cells(void *ctx, bool header, const char *const *cells, size_t n)
{
	xlsx_row(ctx, header ? XLSX_BOLD : XLSX_PLAIN, cells, n);
}

bool compliance_report_xlsx(struct buf *out, const struct cp_report *r)
{
	struct xlsx *x = xlsx_new();
	if (x == NULL)
		return false;
	struct sheet_writer w = {xlsx_title, xlsx_cells, x};
	write_all(r, &w);
	return xlsx_finish(x, out);
}
