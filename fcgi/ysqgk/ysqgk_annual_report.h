/* The annual report on open government information (政府信息公开工作年度报告, the format of
 * 国办公开办函〔2021〕30号), for a year and a scope: one disclosing body (Art. 49: each body
 * publishes its own), a site, or every site of the install. Six sections:
 *   一 总体情况                  staff's text;
 *   二 主动公开政府信息情况      rules and normative documents made, repealed and in force, and
 *                                licensing, penalty and enforcement decisions, from the notices'
 *                                document kind, formation and repeal dates (published ones); a
 *                                decision count or the fees (万元) staff enter replaces or gives
 *                                the figure and is marked as entered;
 *   三 收到和处理政府信息公开申请情况  the requests table: rows 一 to 四 with every numbered
 *                                reason, columns by applicant type, the carry-over from and to the
 *                                next year from the requests open at the year boundaries, and the
 *                                check rule 一 + 二 = 三（七） + 四 in every column;
 *   四 政府信息公开行政复议、行政诉讼情况  review, suit without review, suit after review, each
 *                                维持 / 纠正 / 其他 / 尚未审结 / 总计 (ysqgk_review.h: counted in the
 *                                year decided, or pending at the year's end);
 *   五 存在的主要问题及改进情况  staff's text;
 *   六 其他需要报告的事项        staff's text, with the information-processing fees collected in
 *                                the year (the requests' fee_paid steps).
 * A body's requests are those assigned to it, and those not assigned yet when it is the site's
 * receiving body; its notices are those it issued. */
#ifndef XXGK_YSQGK_ANNUAL_REPORT_H
#define XXGK_YSQGK_ANNUAL_REPORT_H
#include "core/buf.h"
#include "core/db.h"
#include "core/pool.h"
#include <libxml/tree.h>
#include <stdbool.h>

#define YSQGK_ANNUAL_ROWS 25
#define YSQGK_ANNUAL_COLS 7 /* 自然人; 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他; 总计 */

struct ysqgk_annual_row {
	const char *key, *label;
	int level; /* 0: 一..四; 1: （一）..（七）; 2: numbered reasons */
	const char *group; /* the group label printed before this row, or NULL */
};
extern const struct ysqgk_annual_row ysqgk_annual_rows[YSQGK_ANNUAL_ROWS];
extern const char *const ysqgk_annual_columns[YSQGK_ANNUAL_COLS];

enum ysqgk_annual_scope_kind { ANNUAL_BODY, ANNUAL_SITE, ANNUAL_ALL };
struct ysqgk_annual_scope {
	enum ysqgk_annual_scope_kind kind;
	long long site_id, body_id; /* 0 where the scope has none */
	const char *name;           /* the body's, the site's, or 全部站点 */
	const char *key;            /* body:ID, site:ID or all: where the staff's text is kept */
};
/* XE_NOT_FOUND when the site has no such body. */
enum xerr ysqgk_annual_scope_body(struct db *db, struct pool *p, long long site_id, long long body_id,
                                  struct ysqgk_annual_scope *out);
void ysqgk_annual_scope_site(struct pool *p, long long site_id, const char *site_name, struct ysqgk_annual_scope *out);
void ysqgk_annual_scope_all(struct ysqgk_annual_scope *out);

enum { ANNUAL_DOC_RULE, ANNUAL_DOC_NORMATIVE, ANNUAL_DOCS };                               /* 二, 第（一）项 */
enum { ANNUAL_MADE, ANNUAL_REPEALED, ANNUAL_IN_FORCE, ANNUAL_DOC_COLS };
enum { ANNUAL_LICENSING, ANNUAL_PENALTY, ANNUAL_ENFORCEMENT, ANNUAL_DECISIONS };          /* 二, 第（五）（六）项 */
#define ANNUAL_REVIEW_KINDS 3   /* 行政复议, 未经复议直接起诉, 复议后起诉 */
#define ANNUAL_REVIEW_COLS 5    /* 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 */

struct ysqgk_annual_report {
	int year;
	struct ysqgk_annual_scope scope;
	long long cells[YSQGK_ANNUAL_ROWS][YSQGK_ANNUAL_COLS];
	bool balanced[YSQGK_ANNUAL_COLS]; /* 一 + 二 = 三（七） + 四 */
	long long docs[ANNUAL_DOCS][ANNUAL_DOC_COLS];
	long long decisions[ANNUAL_DECISIONS];
	bool decision_entered[ANNUAL_DECISIONS];
	const char *admin_fees_wan; /* 行政事业性收费 in 万元 as entered; NULL when not entered */
	long long reviews[ANNUAL_REVIEW_KINDS][ANNUAL_REVIEW_COLS];
	bool reviews_balanced; /* 总计 = the sum of its four results, in each group */
	long long fees_yuan, fees_requests; /* information-processing fees paid in the year */
	const char *overview, *problems, *other; /* 一, 五, 六 as staff wrote them ("" when not yet) */
	long long notice_id; /* the draft notice made from the report, 0 when none */
	int32_t as_of;       /* the year has not ended: the day counted up to (today); 0 when it has */
};

/* The report of year as of today. XE_BAD_REQUEST, with nothing counted, for a year after today's:
 * it has no figures yet, and a carry-over into it would be a guess. */
enum xerr ysqgk_annual_report_compute(struct db *db, struct pool *p, const struct ysqgk_annual_scope *scope, int year,
                                      int32_t today, struct ysqgk_annual_report *out);
/* What an unfinished year's report says under its heading (NULL for a year that has ended):
 * 「本年度尚未结束……截至YYYY年M月D日……」. */
const char *ysqgk_annual_as_of_note(struct pool *p, const struct ysqgk_annual_report *r);

/* Outputs (ysqgk_annual_out.c): <annual year scope scope-name> with <texts>, <proactive>, the
 * requests table's <columns> and <row>s, and <reviews>; CSV (UTF-8 with BOM, CRLF) and XLSX of
 * every table with every group label and the check rules, and the staff's text. */
void ysqgk_annual_report_xml(const struct ysqgk_annual_report *r, xmlNodePtr parent);
void ysqgk_annual_report_csv(const struct ysqgk_annual_report *r, struct buf *out);
bool ysqgk_annual_report_xlsx(const struct ysqgk_annual_report *r, struct buf *out);
/* The report as plain text (the notice's body): the sections in order, tables as lines. */
void ysqgk_annual_report_text(const struct ysqgk_annual_report *r, struct buf *out);

#endif
