/* The annual report's requests table (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号),
 * computed from the data for any year: rows 一 to 四 with every numbered reason, columns by
 * applicant type, the carry-over from and to the next year from the requests open at the year
 * boundaries, and the check rule 一 + 二 = 三（七） + 四 in every column. */
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
};
extern const struct ysqgk_annual_row ysqgk_annual_rows[YSQGK_ANNUAL_ROWS];
extern const char *const ysqgk_annual_columns[YSQGK_ANNUAL_COLS];

struct ysqgk_annual_report {
	int year;
	long long cells[YSQGK_ANNUAL_ROWS][YSQGK_ANNUAL_COLS];
	bool balanced[YSQGK_ANNUAL_COLS]; /* 一 + 二 = 三（七） + 四 */
};

enum xerr ysqgk_annual_report_compute(struct db *db, struct pool *p, long long site_id, int year,
                                      struct ysqgk_annual_report *out);
void ysqgk_annual_report_xml(const struct ysqgk_annual_report *r, xmlNodePtr parent);
void ysqgk_annual_report_csv(const struct ysqgk_annual_report *r, struct buf *out);

#endif
