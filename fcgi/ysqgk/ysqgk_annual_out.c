/* The annual report's outputs (ysqgk_annual_report.h). CSV and XLSX are written from one model of
 * the tables (rows of cells, header and group-label rows marked), so the two carry the same
 * labels in the same order; the page is the XML through xslt/report_annual.xsl. */
#include "ysqgk/ysqgk_annual_report.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TAB_COLS 16
#define TAB_ROWS 40

struct tab_row {
	enum xlsx_style style; /* XLSX_BOLD: a header or group label */
	const char *cells[TAB_COLS];
	size_t n;
};

struct tab {
	const char *sheet, *title;
	struct tab_row rows[TAB_ROWS];
	size_t n;
};

static const char *const section_titles[] = {
	"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
};
static const char *const review_results[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
static const char *const decision_labels[] = {"行政许可", "行政处罚", "行政强制"};
static const char *const doc_labels[] = {"规章", "行政规范性文件"};

static struct tab_row *add_row(struct tab *t, enum xlsx_style style, size_t n, ...)
{
	struct tab_row *row = &t->rows[t->n++];
	row->style = style;
	row->n = n;
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		row->cells[i] = va_arg(ap, const char *);
	va_end(ap);
	return row;
}

static const char *num(struct pool *p, long long v)
{
	return pool_printf(p, "%lld", v);
}

/* The fees collected, as 六 reports them. */
static const char *fees_line(struct pool *p, const struct ysqgk_annual_report *r)
{
	return pool_printf(p, "本年度收取政府信息公开信息处理费%lld件，共%lld元（%.4f万元）。", r->fees_requests, r->fees_yuan,
	                   (double)r->fees_yuan / 10000.0);
}

/* The decision counts first..last under their header, each saying where its figure comes from. */
static void decisions_rows(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t, int first, int last)
{
	add_row(t, XLSX_BOLD, 3, "信息内容", "本年处理决定数量", "数据来源");
	for (int k = first; k <= last; k++)
		add_row(t, XLSX_PLAIN, 3, decision_labels[k], num(p, r->decisions[k]), r->decision_entered[k] ? "填报" : "系统统计");
}

static void proactive_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	*t = (struct tab){.sheet = "二 主动公开", .title = section_titles[1]};
	add_row(t, XLSX_BOLD, 1, "第二十条第（一）项");
	add_row(t, XLSX_BOLD, 4, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数");
	for (int k = 0; k < ANNUAL_DOCS; k++)
		add_row(t, XLSX_PLAIN, 4, doc_labels[k], num(p, r->docs[k][ANNUAL_MADE]), num(p, r->docs[k][ANNUAL_REPEALED]),
		        num(p, r->docs[k][ANNUAL_IN_FORCE]));
	add_row(t, XLSX_BOLD, 1, "第二十条第（五）项");
	decisions_rows(p, r, t, ANNUAL_LICENSING, ANNUAL_LICENSING);
	add_row(t, XLSX_BOLD, 1, "第二十条第（六）项");
	decisions_rows(p, r, t, ANNUAL_PENALTY, ANNUAL_ENFORCEMENT);
	add_row(t, XLSX_BOLD, 1, "第二十条第（八）项");
	add_row(t, XLSX_BOLD, 3, "信息内容", "本年收费金额（单位：万元）", "数据来源");
	add_row(t, XLSX_PLAIN, 3, "行政事业性收费", r->admin_fees_wan ? r->admin_fees_wan : "",
	        r->admin_fees_wan ? "填报" : "未填报");
}

static void requests_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	*t = (struct tab){.sheet = "三 依申请公开", .title = pool_printf(p, "%s（单位：件）", section_titles[2])};
	add_row(t, XLSX_BOLD, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况");
	add_row(t, XLSX_BOLD, 8, "", "自然人", "法人或其他组织", "", "", "", "", "总计");
	add_row(t, XLSX_BOLD, 7, "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他");
	for (int row = 0; row < YSQGK_ANNUAL_ROWS; row++) {
		if (ysqgk_annual_rows[row].group != NULL)
			add_row(t, XLSX_BOLD, 1, ysqgk_annual_rows[row].group);
		struct tab_row *tr = add_row(t, XLSX_PLAIN, 1, ysqgk_annual_rows[row].label);
		for (int c = 0; c < YSQGK_ANNUAL_COLS; c++)
			tr->cells[tr->n++] = num(p, r->cells[row][c]);
	}
	bool all = true;
	for (int c = 0; c < YSQGK_ANNUAL_COLS; c++)
		all = all && r->balanced[c];
	add_row(t, XLSX_PLAIN, 2, "勾稽关系核对（一 + 二 = 三（七） + 四）", all ? "各列均成立" : "不成立");
}

static void reviews_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	*t = (struct tab){.sheet = "四 复议诉讼", .title = pool_printf(p, "%s（单位：件）", section_titles[3])};
	add_row(t, XLSX_BOLD, 6, "行政复议", "", "", "", "", "行政诉讼");
	add_row(t, XLSX_BOLD, 11, "", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉");
	struct tab_row *h = add_row(t, XLSX_BOLD, 0), *v = add_row(t, XLSX_PLAIN, 0);
	for (int k = 0; k < ANNUAL_REVIEW_KINDS; k++)
		for (int c = 0; c < ANNUAL_REVIEW_COLS; c++) {
			h->cells[h->n++] = review_results[c];
			v->cells[v->n++] = num(p, r->reviews[k][c]);
		}
	add_row(t, XLSX_PLAIN, 2, "勾稽关系核对（总计 = 维持 + 纠正 + 其他 + 尚未审结）", r->reviews_balanced ? "各组均成立" : "不成立");
}

static const char *or_unwritten(const char *text)
{
	return text != NULL && *text ? text : "（尚未填写）";
}

static void overview_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	(void)p;
	*t = (struct tab){.sheet = "一 总体情况", .title = section_titles[0]};
	add_row(t, XLSX_PLAIN, 1, or_unwritten(r->overview));
}

static void problems_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	(void)p;
	*t = (struct tab){.sheet = "五 问题和改进", .title = section_titles[4]};
	add_row(t, XLSX_PLAIN, 1, or_unwritten(r->problems));
}

static void other_tab(struct pool *p, const struct ysqgk_annual_report *r, struct tab *t)
{
	*t = (struct tab){.sheet = "六 其他事项", .title = section_titles[5]};
	add_row(t, XLSX_PLAIN, 1, or_unwritten(r->other));
	add_row(t, XLSX_PLAIN, 1, fees_line(p, r));
}

typedef void (*tab_fn)(struct pool *, const struct ysqgk_annual_report *, struct tab *);
static const tab_fn tabs[] = {overview_tab, proactive_tab, requests_tab, reviews_tab, problems_tab, other_tab};

static const char *heading(struct pool *p, const struct ysqgk_annual_report *r)
{
	return pool_printf(p, "%s%d年度政府信息公开工作年度报告", r->scope.name, r->year);
}

void ysqgk_annual_report_csv(const struct ysqgk_annual_report *r, struct buf *out)
{
	struct pool *p = pool_new();
	struct tab *t = pool_alloc(p, sizeof *t);
	buf_puts(out, "\xef\xbb\xbf");
	buf_csv_field(out, heading(p, r));
	buf_puts(out, "\r\n");
	const char *note = ysqgk_annual_as_of_note(p, r);
	if (note) {
		buf_csv_field(out, note);
		buf_puts(out, "\r\n");
	}
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		tabs[i](p, r, t);
		buf_puts(out, "\r\n");
		buf_csv_field(out, t->title);
		buf_puts(out, "\r\n");
		for (size_t k = 0; k < t->n; k++) {
			for (size_t c = 0; c < t->rows[k].n; c++) {
				if (c)
					buf_putc(out, ',');
				buf_csv_field(out, t->rows[k].cells[c] ? t->rows[k].cells[c] : "");
			}
			buf_puts(out, "\r\n");
		}
	}
	pool_free(p);
}

bool ysqgk_annual_report_xlsx(const struct ysqgk_annual_report *r, struct buf *out)
{
	struct xlsx *x = xlsx_new();
	if (x == NULL)
		return false;
	struct pool *p = pool_new();
	struct tab *t = pool_alloc(p, sizeof *t);
	static const double widths[] = {40, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12};
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		tabs[i](p, r, t);
		xlsx_sheet(x, t->sheet);
		xlsx_widths(x, widths, TAB_COLS);
		const char *title = i == 0 ? heading(p, r) : t->title;
		xlsx_row(x, XLSX_TITLE, &title, 1);
		const char *note = ysqgk_annual_as_of_note(p, r);
		if (i == 0 && note)
			xlsx_row(x, XLSX_PLAIN, &note, 1);
		for (size_t k = 0; k < t->n; k++)
			xlsx_row(x, t->rows[k].style, t->rows[k].cells, t->rows[k].n);
	}
	pool_free(p);
	return xlsx_finish(x, out);
}

void ysqgk_annual_report_text(const struct ysqgk_annual_report *r, struct buf *out)
{
	struct pool *p = pool_new();
	struct tab *t = pool_alloc(p, sizeof *t);
	const char *note = ysqgk_annual_as_of_note(p, r);
	if (note)
		buf_printf(out, "%s\n\n", note);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		tabs[i](p, r, t);
		buf_printf(out, "%s\n", t->title);
		for (size_t k = 0; k < t->n; k++) {
			for (size_t c = 0; c < t->rows[k].n; c++)
				if (t->rows[k].cells[c] && *t->rows[k].cells[c])
					buf_printf(out, "%s%s", c ? "  " : "", t->rows[k].cells[c]);
			buf_putc(out, '\n');
		}
		buf_putc(out, '\n');
	}
	pool_free(p);
}

static void xml_texts(const struct ysqgk_annual_report *r, xmlNodePtr a)
{
	xmlNodePtr t = xmlNewChild(a, NULL, (const xmlChar *)"texts", NULL);
	xml_add(t, "overview", r->overview);
	xml_add(t, "problems", r->problems);
	xml_add(t, "other", r->other);
	xmlNodePtr f = xmlNewChild(a, NULL, (const xmlChar *)"fees", NULL);
	xml_attr_int(f, "yuan", r->fees_yuan);
	xml_attr_int(f, "requests", r->fees_requests);
	char wan[32];
	snprintf(wan, sizeof wan, "%.4f", (double)r->fees_yuan / 10000.0);
	xml_attr(f, "wan", wan);
}

static void xml_proactive(const struct ysqgk_annual_report *r, xmlNodePtr a)
{
	static const char *const doc_keys[] = {"rule", "normative"};
	static const char *const decision_keys[] = {"licensing", "penalty", "enforcement"};
	xmlNodePtr pr = xmlNewChild(a, NULL, (const xmlChar *)"proactive", NULL);
	for (int k = 0; k < ANNUAL_DOCS; k++) {
		xmlNodePtr d = xmlNewChild(pr, NULL, (const xmlChar *)"document", NULL);
		xml_attr(d, "key", doc_keys[k]);
		xml_attr(d, "label", doc_labels[k]);
		xml_attr_int(d, "made", r->docs[k][ANNUAL_MADE]);
		xml_attr_int(d, "repealed", r->docs[k][ANNUAL_REPEALED]);
		xml_attr_int(d, "in-force", r->docs[k][ANNUAL_IN_FORCE]);
	}
	for (int k = 0; k < ANNUAL_DECISIONS; k++) {
		xmlNodePtr d = xmlNewChild(pr, NULL, (const xmlChar *)"decisions", NULL);
		xml_attr(d, "key", decision_keys[k]);
		xml_attr(d, "label", decision_labels[k]);
		xml_attr_int(d, "count", r->decisions[k]);
		if (r->decision_entered[k])
			xml_attr(d, "entered", "1");
	}
	xmlNodePtr fees = xmlNewChild(pr, NULL, (const xmlChar *)"admin-fees", NULL);
	if (r->admin_fees_wan != NULL) {
		xml_attr(fees, "wan", r->admin_fees_wan);
		xml_attr(fees, "entered", "1");
	}
}

static void xml_requests(const struct ysqgk_annual_report *r, xmlNodePtr a)
{
	xmlNodePtr cols = xmlNewChild(a, NULL, (const xmlChar *)"columns", NULL);
	for (int c = 0; c < YSQGK_ANNUAL_COLS; c++) {
		xmlNodePtr cn = xml_add(cols, "column", ysqgk_annual_columns[c]);
		xml_attr(cn, "balanced", r->balanced[c] ? "1" : "0");
	}
	for (int row = 0; row < YSQGK_ANNUAL_ROWS; row++) {
		xmlNodePtr rn = xmlNewChild(a, NULL, (const xmlChar *)"row", NULL);
		xml_attr(rn, "key", ysqgk_annual_rows[row].key);
		xml_attr(rn, "label", ysqgk_annual_rows[row].label);
		xml_attr_int(rn, "level", ysqgk_annual_rows[row].level);
		if (ysqgk_annual_rows[row].group != NULL)
			xml_attr(rn, "group", ysqgk_annual_rows[row].group);
		for (int c = 0; c < YSQGK_ANNUAL_COLS; c++)
			xml_addf(rn, "cell", "%lld", r->cells[row][c]);
	}
}

static void xml_reviews(const struct ysqgk_annual_report *r, xmlNodePtr a)
{
	static const char *const kinds[] = {"review", "suit", "suit-after-review"};
	xmlNodePtr rv = xmlNewChild(a, NULL, (const xmlChar *)"reviews", NULL);
	xml_attr(rv, "balanced", r->reviews_balanced ? "1" : "0");
	for (int k = 0; k < ANNUAL_REVIEW_KINDS; k++) {
		xmlNodePtr g = xmlNewChild(rv, NULL, (const xmlChar *)"group", NULL);
		xml_attr(g, "key", kinds[k]);
		for (int c = 0; c < ANNUAL_REVIEW_COLS; c++) {
			xmlNodePtr cell = xml_addf(g, "cell", "%lld", r->reviews[k][c]);
			xml_attr(cell, "label", review_results[c]);
		}
	}
}

void ysqgk_annual_report_xml(const struct ysqgk_annual_report *r, xmlNodePtr parent)
{
	static const char *const scopes[] = {[ANNUAL_BODY] = "body", [ANNUAL_SITE] = "site", [ANNUAL_ALL] = "all"};
	xmlNodePtr a = xmlNewChild(parent, NULL, (const xmlChar *)"annual", NULL);
	xml_attr_int(a, "year", r->year);
	xml_attr(a, "scope", scopes[r->scope.kind]);
	xml_attr(a, "scope-name", r->scope.name);
	if (r->scope.body_id)
		xml_attr_int(a, "body", r->scope.body_id);
	if (r->notice_id)
		xml_attr_int(a, "notice", r->notice_id);
	if (r->as_of) {
		char d[11];
		format_date(r->as_of, d);
		xml_attr(a, "as-of", d);
		struct pool *p = pool_new();
		xml_add(a, "as-of-note", ysqgk_annual_as_of_note(p, r));
		pool_free(p);
	}
	xml_texts(r, a);
	xml_proactive(r, a);
	xml_requests(r, a);
	xml_reviews(r, a);
}
