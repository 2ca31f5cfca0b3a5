#include "ysqgk/ysqgk_annual_report.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ysqgk_annual_row ysqgk_annual_rows[YSQGK_ANNUAL_ROWS] = {
	{"new", "一、本年新收政府信息公开申请数量", 0},
	{"carried-in", "二、上年结转政府信息公开申请数量", 0},
	{"disclosed", "（一）予以公开", 1},
	{"partly-disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1},
	{"not-disclosed:1", "1.属于国家秘密", 2},
	{"not-disclosed:2", "2.其他法律行政法规禁止公开", 2},
	{"not-disclosed:3", "3.危及“三安全一稳定”", 2},
	{"not-disclosed:4", "4.保护第三方合法权益", 2},
	{"not-disclosed:5", "5.属于三类内部事务信息", 2},
	{"not-disclosed:6", "6.属于四类过程性信息", 2},
	{"not-disclosed:7", "7.属于行政执法案卷", 2},
	{"not-disclosed:8", "8.属于行政查询事项", 2},
	{"cannot-provide:1", "1.本机关不掌握相关政府信息", 2},
	{"cannot-provide:2", "2.没有现成信息需要另行制作", 2},
	{"cannot-provide:3", "3.补正后申请内容仍不明确", 2},
	{"not-processed:1", "1.信访举报投诉类申请", 2},
	{"not-processed:2", "2.重复申请", 2},
	{"not-processed:3", "3.要求提供公开出版物", 2},
	{"not-processed:4", "4.无正当理由大量反复申请", 2},
	{"not-processed:5", "5.要求行政机关确认或重新出具已获取信息", 2},
	{"other:1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2},
	{"other:2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2},
	{"other:3", "3.其他", 2},
	{"total", "（七）总计", 1},
	{"carried-out", "四、结转下年度继续办理", 0},
};

const char *const ysqgk_annual_columns[YSQGK_ANNUAL_COLS] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

enum { ROW_NEW = 0, ROW_IN = 1, ROW_TOTAL = 23, ROW_OUT = 24 };

static int column_of(const char *applicant_type, const char *org_kind)
{
	if (strcmp(applicant_type, "person") == 0)
		return 0;
	static const char *const kinds[] = {"commercial", "research", "public-interest", "legal-services", "other"};
	for (int i = 0; i < 5; i++)
		if (org_kind && strcmp(org_kind, kinds[i]) == 0)
			return i + 1;
	return 5;
}

static int row_of(const char *outcome, const char *code)
{
	char key[48];
	if (outcome == NULL)
		return -1;
	if (code == NULL || *code == '\0')
		snprintf(key, sizeof key, "%s", outcome);
	else
		snprintf(key, sizeof key, "%s:%s", outcome, code);
	for (int i = 2; i < ROW_TOTAL; i++)
		if (strcmp(ysqgk_annual_rows[i].key, key) == 0)
			return i;
	return -1;
}

enum xerr ysqgk_annual_report_compute(struct db *db, struct pool *p, long long site_id, int year,
                                      struct ysqgk_annual_report *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	char start[11], end[11];
	format_date(days_from_civil(year, 1, 1), start);
	format_date(days_from_civil(year, 12, 31), end);
	/* A request is finished on the day it was answered, or closed without an answer (abandoned,
	 * withdrawn, fee unpaid); it is open at a boundary when received before it and not finished. */
	enum request_col { C_TYPE, C_ORG_KIND, C_BEFORE_YEAR, C_BY_YEAR_END, C_FINISHED, C_OUTCOME, C_REASON, C_IN_YEAR };
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT applicant_type, org_kind, received_on < ?, received_on <= ?, "
	                       "CASE WHEN status IN ('answered', 'closed', 'abandoned', 'withdrawn') "
	                       "     THEN COALESCE(answered_on, closed_on) END AS finished, outcome, reason_code, "
	                       "received_on >= ? "
	                       "FROM requests WHERE site_id = ? AND received_on <= ? "
	                       "HAVING finished IS NULL OR finished >= ?",
	                       "sssiss", start, end, start, site_id, end, start);
	if (e != XE_OK)
		return e;
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		int col = column_of(w[C_TYPE], w[C_ORG_KIND]);
		bool before_year = strcmp(w[C_BEFORE_YEAR], "1") == 0, in_year = strcmp(w[C_IN_YEAR], "1") == 0;
		const char *finished = w[C_FINISHED];
		bool finished_in_year = finished != NULL && strcmp(finished, start) >= 0 && strcmp(finished, end) <= 0;
		if (in_year)
			out->cells[ROW_NEW][col]++;
		if (before_year)
			out->cells[ROW_IN][col]++; /* not finished before the year began (the query's HAVING) */
		if (finished_in_year) {
			int row = row_of(w[C_OUTCOME], w[C_REASON]);
			if (row < 0)
				row = row_of("other", "3"); /* a finish without a recorded outcome counts as 其他 */
			out->cells[row][col]++;
			out->cells[ROW_TOTAL][col]++;
		} else {
			out->cells[ROW_OUT][col]++;
		}
	}
	for (int row = 0; row < YSQGK_ANNUAL_ROWS; row++)
		for (int c = 0; c < YSQGK_ANNUAL_COLS - 1; c++)
			out->cells[row][YSQGK_ANNUAL_COLS - 1] += out->cells[row][c];
	for (int c = 0; c < YSQGK_ANNUAL_COLS; c++)
		out->balanced[c] = out->cells[ROW_NEW][c] + out->cells[ROW_IN][c] ==
		                   out->cells[ROW_TOTAL][c] + out->cells[ROW_OUT][c];
	return XE_OK;
}

void ysqgk_annual_report_xml(const struct ysqgk_annual_report *r, xmlNodePtr parent)
{
	xmlNodePtr t = xmlNewChild(parent, NULL, (const xmlChar *)"annual", NULL);
	char y[8];
	snprintf(y, sizeof y, "%d", r->year);
	xmlNewProp(t, (const xmlChar *)"year", (const xmlChar *)y);
	xmlNodePtr cols = xmlNewChild(t, NULL, (const xmlChar *)"columns", NULL);
	for (int c = 0; c < YSQGK_ANNUAL_COLS; c++) {
		xmlNodePtr cn = xmlNewTextChild(cols, NULL, (const xmlChar *)"column", (const xmlChar *)ysqgk_annual_columns[c]);
		xmlNewProp(cn, (const xmlChar *)"balanced", (const xmlChar *)(r->balanced[c] ? "1" : "0"));
	}
	for (int row = 0; row < YSQGK_ANNUAL_ROWS; row++) {
		xmlNodePtr rn = xmlNewChild(t, NULL, (const xmlChar *)"row", NULL);
		xmlNewProp(rn, (const xmlChar *)"key", (const xmlChar *)ysqgk_annual_rows[row].key);
		xmlNewProp(rn, (const xmlChar *)"label", (const xmlChar *)ysqgk_annual_rows[row].label);
		char lv[4];
		snprintf(lv, sizeof lv, "%d", ysqgk_annual_rows[row].level);
		xmlNewProp(rn, (const xmlChar *)"level", (const xmlChar *)lv);
		for (int c = 0; c < YSQGK_ANNUAL_COLS; c++) {
			char v[24];
			snprintf(v, sizeof v, "%lld", r->cells[row][c]);
			xmlNewTextChild(rn, NULL, (const xmlChar *)"cell", (const xmlChar *)v);
		}
	}
}

void ysqgk_annual_report_csv(const struct ysqgk_annual_report *r, struct buf *out)
{
	buf_puts(out, "\xef\xbb\xbf");
	buf_printf(out, "%d年度收到和处理政府信息公开申请情况", r->year);
	for (int c = 0; c < YSQGK_ANNUAL_COLS; c++) {
		buf_putc(out, ',');
		buf_csv_field(out, ysqgk_annual_columns[c]);
	}
	buf_puts(out, "\r\n");
	for (int row = 0; row < YSQGK_ANNUAL_ROWS; row++) {
		buf_csv_field(out, ysqgk_annual_rows[row].label);
		for (int c = 0; c < YSQGK_ANNUAL_COLS; c++)
			buf_printf(out, ",%lld", r->cells[row][c]);
		buf_puts(out, "\r\n");
	}
}
