#include "ysqgk/ysqgk_annual_report.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ysqgk_annual_row ysqgk_annual_rows[YSQGK_ANNUAL_ROWS] = {
	{"new", "一、本年新收政府信息公开申请数量", 0, NULL},
	{"carried-in", "二、上年结转政府信息公开申请数量", 0, NULL},
	{"disclosed", "（一）予以公开", 1, "三、本年度办理结果"},
	{"partly-disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, NULL},
	{"not-disclosed:1", "1.属于国家秘密", 2, "（三）不予公开"},
	{"not-disclosed:2", "2.其他法律行政法规禁止公开", 2, NULL},
	{"not-disclosed:3", "3.危及“三安全一稳定”", 2, NULL},
	{"not-disclosed:4", "4.保护第三方合法权益", 2, NULL},
	{"not-disclosed:5", "5.属于三类内部事务信息", 2, NULL},
	{"not-disclosed:6", "6.属于四类过程性信息", 2, NULL},
	{"not-disclosed:7", "7.属于行政执法案卷", 2, NULL},
	{"not-disclosed:8", "8.属于行政查询事项", 2, NULL},
	{"cannot-provide:1", "1.本机关不掌握相关政府信息", 2, "（四）无法提供"},
	{"cannot-provide:2", "2.没有现成信息需要另行制作", 2, NULL},
	{"cannot-provide:3", "3.补正后申请内容仍不明确", 2, NULL},
	{"not-processed:1", "1.信访举报投诉类申请", 2, "（五）不予处理"},
	{"not-processed:2", "2.重复申请", 2, NULL},
	{"not-processed:3", "3.要求提供公开出版物", 2, NULL},
	{"not-processed:4", "4.无正当理由大量反复申请", 2, NULL},
	{"not-processed:5", "5.要求行政机关确认或重新出具已获取信息", 2, NULL},
	{"other:1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, "（六）其他处理"},
	{"other:2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, NULL},
	{"other:3", "3.其他", 2, NULL},
	{"total", "（七）总计", 1, NULL},
	{"carried-out", "四、结转下年度继续办理", 0, NULL},
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

/* The scope as the statements' parameters: site (0: every site), body (0: every body). The
 * fragment each statement repeats reads them in this order: site, site, body, body. */
#define SCOPE_OF_REQUEST                                                                                         \
	"(? = 0 OR r.site_id = ?) AND (? = 0 OR EXISTS (SELECT 1 FROM bodies b WHERE b.id = ? AND "                  \
	"b.site_id = r.site_id AND (b.name = r.assigned_body OR (r.assigned_body IS NULL AND b.receives = 1)))) "

enum xerr ysqgk_annual_scope_body(struct db *db, struct pool *p, long long site_id, long long body_id,
                                  struct ysqgk_annual_scope *out)
{
	enum xerr e;
	const char *name = db_value(db, p, &e, "SELECT name FROM bodies WHERE id = ? AND site_id = ?", "ii", body_id,
	                            site_id);
	if (e != XE_OK || name == NULL)
		return e != XE_OK ? e : XE_NOT_FOUND;
	*out = (struct ysqgk_annual_scope){ANNUAL_BODY, site_id, body_id, name, pool_printf(p, "body:%lld", body_id)};
	return XE_OK;
}

void ysqgk_annual_scope_site(struct pool *p, long long site_id, const char *site_name, struct ysqgk_annual_scope *out)
{
	*out = (struct ysqgk_annual_scope){ANNUAL_SITE, site_id, 0, site_name, pool_printf(p, "site:%lld", site_id)};
}

void ysqgk_annual_scope_all(struct ysqgk_annual_scope *out)
{
	*out = (struct ysqgk_annual_scope){ANNUAL_ALL, 0, 0, "全部站点", "all"};
}

/* 三: the requests table. A request is finished on the day it was answered, or closed without an
 * answer (abandoned, withdrawn, fee unpaid); it is open at a boundary when received before it and
 * not finished. */
static enum xerr count_requests(struct db *db, struct pool *p, const struct ysqgk_annual_scope *s, const char *start,
                                const char *end, struct ysqgk_annual_report *out)
{
	enum request_col { C_TYPE, C_ORG_KIND, C_BEFORE_YEAR, C_BY_YEAR_END, C_FINISHED, C_OUTCOME, C_REASON, C_IN_YEAR };
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT applicant_type, org_kind, received_on < ?, received_on <= ?, "
	                       "CASE WHEN status IN ('answered', 'closed', 'abandoned', 'withdrawn') "
	                       "     THEN COALESCE(answered_on, closed_on) END AS finished, outcome, reason_code, "
	                       "received_on >= ? "
	                       "FROM requests r WHERE " SCOPE_OF_REQUEST "AND received_on <= ? "
	                       "HAVING finished IS NULL OR finished >= ?",
	                       "sssiiiiss", start, end, start, s->site_id, s->site_id, s->body_id, s->body_id, end, start);
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

/* 二: the published notices of the scope by document kind; made and decided by formation date.
 * A body's are those referring to it, or naming it as issuer where they refer to no body. */
static enum xerr count_notices(struct db *db, struct pool *p, const struct ysqgk_annual_scope *s, const char *start,
                               const char *end, struct ysqgk_annual_report *out)
{
	struct db_result r;
	enum xerr e = db_query(
	    db, p, &r,
	    "SELECT "
	    "SUM(document_kind = 'rule' AND formed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'rule' AND repealed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'rule' AND formed_on <= d.y1 AND (repealed_on IS NULL OR repealed_on > d.y1)), "
	    "SUM(document_kind = 'normative' AND formed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'normative' AND repealed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'normative' AND formed_on <= d.y1 AND (repealed_on IS NULL OR repealed_on > d.y1)), "
	    "SUM(document_kind = 'licensing' AND formed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'penalty' AND formed_on BETWEEN d.y0 AND d.y1), "
	    "SUM(document_kind = 'enforcement' AND formed_on BETWEEN d.y0 AND d.y1) "
	    "FROM notices n JOIN (SELECT CAST(? AS DATE) AS y0, CAST(? AS DATE) AS y1) d "
	    "WHERE n.published_at IS NOT NULL AND n.document_kind <> 'other' "
	    "AND (? = 0 OR n.site_id = ?) AND (? = 0 OR n.issuer_body_id = ? OR (n.issuer_body_id IS NULL AND "
	    "n.issuer = (SELECT b.name FROM bodies b WHERE b.id = ? AND b.site_id = n.site_id)))",
	    "ssiiiii", start, end, s->site_id, s->site_id, s->body_id, s->body_id, s->body_id);
	if (e != XE_OK || r.nrows == 0)
		return e;
	char **w = r.rows[0];
	for (int k = 0; k < ANNUAL_DOCS; k++)
		for (int c = 0; c < ANNUAL_DOC_COLS; c++)
			out->docs[k][c] = w[k * ANNUAL_DOC_COLS + c] ? strtoll(w[k * ANNUAL_DOC_COLS + c], NULL, 10) : 0;
	for (int k = 0; k < ANNUAL_DECISIONS; k++)
		out->decisions[k] = w[6 + k] ? strtoll(w[6 + k], NULL, 10) : 0;
	return XE_OK;
}

/* 四: the reviews and suits of the scope's requests. */
static enum xerr count_reviews(struct db *db, struct pool *p, const struct ysqgk_annual_scope *s, const char *start,
                               const char *end, struct ysqgk_annual_report *out)
{
	static const char *const kinds[] = {"review", "suit", "suit-after-review"};
	static const char *const results[] = {"upheld", "corrected", "other", "pending"};
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT v.kind, CASE WHEN v.decided_on BETWEEN d.y0 AND d.y1 THEN v.result "
	                       "WHEN v.filed_on <= d.y1 AND (v.decided_on IS NULL OR v.decided_on > d.y1) THEN 'pending' "
	                       "END AS col, COUNT(*) "
	                       "FROM request_reviews v JOIN requests r ON r.id = v.request_id "
	                       "JOIN (SELECT CAST(? AS DATE) AS y0, CAST(? AS DATE) AS y1) d "
	                       "WHERE " SCOPE_OF_REQUEST "GROUP BY v.kind, col HAVING col IS NOT NULL",
	                       "ssiiii", start, end, s->site_id, s->site_id, s->body_id, s->body_id);
	if (e != XE_OK)
		return e;
	for (size_t i = 0; i < r.nrows; i++)
		for (int k = 0; k < ANNUAL_REVIEW_KINDS; k++)
			for (int c = 0; c < 4; c++)
				if (strcmp(r.rows[i][0], kinds[k]) == 0 && strcmp(r.rows[i][1], results[c]) == 0)
					out->reviews[k][c] += strtoll(r.rows[i][2], NULL, 10);
	out->reviews_balanced = true;
	for (int k = 0; k < ANNUAL_REVIEW_KINDS; k++) {
		for (int c = 0; c < 4; c++)
			out->reviews[k][4] += out->reviews[k][c];
		out->reviews_balanced = out->reviews_balanced && out->reviews[k][4] == out->reviews[k][0] + out->reviews[k][1] +
		                                                                           out->reviews[k][2] + out->reviews[k][3];
	}
	return XE_OK;
}

/* 六: the information-processing fees paid in the year (the day of the fee_paid step). */
static enum xerr count_fees(struct db *db, struct pool *p, const struct ysqgk_annual_scope *s, const char *start,
                            const char *end, struct ysqgk_annual_report *out)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT COALESCE(SUM(r.fee_amount), 0), COUNT(*) FROM requests r "
	                       "WHERE r.fee_state = 'paid' AND EXISTS (SELECT 1 FROM request_events e WHERE "
	                       "e.request_id = r.id AND e.kind = 'fee_paid' AND e.on_date BETWEEN ? AND ?) AND " SCOPE_OF_REQUEST,
	                       "ssiiii", start, end, s->site_id, s->site_id, s->body_id, s->body_id);
	if (e == XE_OK && r.nrows == 1) {
		out->fees_yuan = strtoll(r.rows[0][0], NULL, 10);
		out->fees_requests = strtoll(r.rows[0][1], NULL, 10);
	}
	return e;
}

/* A DECIMAL as people write it: 12.5000 as 12.5, 3.0000 as 3. */
static const char *trim_decimal(char *v)
{
	char *point = strchr(v, '.');
	if (point != NULL) {
		char *end = v + strlen(v);
		while (end > point + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == point + 1)
			*point = '\0';
	}
	return v;
}

/* What staff wrote and entered for the scope's report of the year. */
static enum xerr load_texts(struct db *db, struct pool *p, const struct ysqgk_annual_scope *s, int year,
                            struct ysqgk_annual_report *out)
{
	enum text_col { T_OVERVIEW, T_PROBLEMS, T_OTHER, T_FEES, T_LICENSING, T_PENALTY, T_ENFORCEMENT, T_NOTICE };
	struct db_result r;
	out->overview = out->problems = out->other = "";
	enum xerr e = db_query(db, p, &r,
	                       "SELECT overview, problems, other, fees_wan, licensing_n, penalty_n, enforcement_n, "
	                       "notice_id FROM annual_reports WHERE scope = ? AND year = ?",
	                       "si", s->key, (long long)year);
	if (e != XE_OK || r.nrows == 0)
		return e;
	char **w = r.rows[0];
	out->overview = w[T_OVERVIEW];
	out->problems = w[T_PROBLEMS];
	out->other = w[T_OTHER];
	out->admin_fees_wan = w[T_FEES] ? trim_decimal(w[T_FEES]) : NULL;
	for (int k = 0; k < ANNUAL_DECISIONS; k++)
		if (w[T_LICENSING + k] != NULL) {
			out->decisions[k] = strtoll(w[T_LICENSING + k], NULL, 10);
			out->decision_entered[k] = true;
		}
	out->notice_id = w[T_NOTICE] ? strtoll(w[T_NOTICE], NULL, 10) : 0;
	return XE_OK;
}

const char *ysqgk_annual_as_of_note(struct pool *p, const struct ysqgk_annual_report *r)
{
	if (r->as_of == 0)
		return NULL;
	int y;
	unsigned m, d;
	civil_from_days(r->as_of, &y, &m, &d);
	return pool_printf(p, "本年度尚未结束：本报告为截至%d年%u月%u日的数据，“结转下年度继续办理”为该日尚未办结的申请。", y, m, d);
}

enum xerr ysqgk_annual_report_compute(struct db *db, struct pool *p, const struct ysqgk_annual_scope *scope, int year,
                                      int32_t today, struct ysqgk_annual_report *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->scope = *scope;
	int this_year;
	unsigned month, day;
	civil_from_days(today, &this_year, &month, &day);
	if (year > this_year)
		return XE_BAD_REQUEST;
	out->as_of = year == this_year ? today : 0;
	char start[11], end[11];
	format_date(days_from_civil(year, 1, 1), start);
	format_date(days_from_civil(year, 12, 31), end);
	enum xerr e = count_requests(db, p, scope, start, end, out);
	if (e == XE_OK)
		e = count_notices(db, p, scope, start, end, out);
	if (e == XE_OK)
		e = count_reviews(db, p, scope, start, end, out);
	if (e == XE_OK)
		e = count_fees(db, p, scope, start, end, out);
	if (e == XE_OK)
		e = load_texts(db, p, scope, year, out); /* last: entered figures replace counted ones */
	return e;
}
