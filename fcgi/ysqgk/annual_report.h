/* The annual report's requests table (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号),
 * computed from the data for any year: rows 一 to 四 with every numbered reason, columns by
 * applicant type, the carry-over from and to the next year from the requests open at the year
 * boundaries, and the check rule 一 + 二 = 三（七） + 四 in every column. */
#ifndef XXGK_ANNUAL_REPORT_H
#define XXGK_ANNUAL_REPORT_H
#include "core/buf.h"
#include "core/db.h"
#include "core/pool.h"
#include <libxml/tree.h>
#include <stdbool.h>

#define ANNUAL_ROWS 25
#define ANNUAL_COLS 7 /* 自然人; 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他; 总计 */

struct annual_row {
	const char *key, *label;
	int level; /* 0: 一..四; 1: （一）..（七）; 2: numbered reasons */
};
extern const struct annual_row annual_rows[ANNUAL_ROWS];
extern const char *const annual_columns[ANNUAL_COLS];

struct annual_report {
	int year;
	long long cells[ANNUAL_ROWS][ANNUAL_COLS];
	bool balanced[ANNUAL_COLS]; /* 一 + 二 = 三（七） + 四 */
};

enum xerr annual_report_compute(struct db *db, struct pool *p, long long site_id, int year, struct annual_report *out);
void annual_report_xml(const struct annual_report *r, xmlNodePtr parent);
void annual_report_csv(const struct annual_report *r, struct buf *out);

#endif
