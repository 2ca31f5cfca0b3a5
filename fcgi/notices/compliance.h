/* The compliance report of a site, or of one disclosing body, for a period (issue 22, item 4):
 * the seeds' periodic duties (Qinghai's monthly self-check 每月对公开情况进行自查，查漏补缺 and
 * quarterly review, Lincang's half-year and annual reports, Yancheng's year-end report, Shanwei's
 * reports on data uploads) against "应公开尽公开": every required category should have its
 * information.
 *
 *   required categories  every category of the site's catalog without sub-categories whose
 *                        manner (inherited) is 主动公开. For one body: the required categories
 *                        in which that body has ever published (the catalog names units by role,
 *                        not by the names notices carry, so what a body is answerable for is read
 *                        from what it publishes); the site's report lists every one.
 *   published            per category, the notices published in the period (status published).
 *   missing              the required categories with nothing published in the period, and the
 *                        notices published in the period that lack required items (completeness.h).
 *   late                 the notices due in the period's months (timeliness.h: each notice is judged
 *                        in the month its deadline falls in) that were published late or are overdue.
 *   pushes               deliveries to the trading platforms (push.h) of changes made in the
 *                        period that are not delivered (to endpoints still in use), and how many were.
 *
 * Periods: "2026-11" (month), "2026-Q4" (quarter), "2026-H2" (half-year), "2026" (year). */
#ifndef XXGK_COMPLIANCE_H
#define XXGK_COMPLIANCE_H
#include "core/app.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "core/db.h"
#include "core/request.h"
#include "notices/timeliness.h"
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

enum cp_kind { CP_MONTH, CP_QUARTER, CP_HALF, CP_YEAR };

struct cp_period {
	enum cp_kind kind;
	int year, n;           /* n: the month, quarter or half (1-based); 1 for a year */
	int32_t first, last;   /* days, both included */
	char code[9];          /* "2026-11", "2026-Q4", "2026-H2", "2026" */
	char zh[32];           /* 2026年11月, 2026年第四季度, 2026年下半年, 2026年度 */
};

/* Parses a period code; false when it is not one (years 2000-2199). */
bool compliance_period_parse(const char *s, struct cp_period *out);

/* The notices listed: incomplete (missing set) or late (tl set). */
struct cp_notice {
	long long id;
	const char *index_no, *title, *issuer, *category_code, *category_path, *published;
	const char *missing; /* the missing items' labels, joined by 、 */
	const struct tl_notice *tl;
};

struct cp_category {
	const char *code, *name, *path, *domain_code, *domain_name;
	bool pushed; /* its channels include a platform that information is pushed to */
	long long published, incomplete, late;
};

struct cp_push {
	long long notice_id, attempts;
	const char *title, *event, *endpoint, *channel, *changed_at, *last_error;
};

struct cp_totals {
	long long categories, empty, published, incomplete, late, overdue, pushes_sent, pushes_waiting;
};

struct cp_report {
	const struct site *site;
	const char *body; /* NULL: the whole site */
	struct cp_period period;
	int32_t today;
	struct cp_totals t;
	struct cp_category *categories; /* the catalog's order */
	size_t ncategories;
	struct cp_notice *incomplete, *late; /* late: late and overdue, by due date */
	size_t nincomplete, nlate;
	struct cp_push *waiting;
	size_t nwaiting;
};

#define CP_LIST_MAX 2000 /* notices and pushes listed at most (the counts are exact) */

/* The report; everything from p. body NULL for the whole site. */
enum xerr compliance_report(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                            const struct calendar *c, const char *body, const struct cp_period *period, int32_t today,
                            struct cp_report *out);
/* Adds <compliance period code zh first last today body>: <totals/>, <categories> of <category/>
 * (empty ones with empty="1"), <incomplete>, <late> of <notice/>, <pushes> of <push/>. */
xmlNodePtr compliance_report_xml(xmlNodePtr parent, const struct cp_report *r);
/* CSV (RFC 4180, CRLF): the totals, each required category, then the notices and pushes listed. */
void compliance_report_csv(struct buf *out, const struct cp_report *r);
/* The same as an XLSX workbook: a sheet each for the categories, gaps, late notices and pushes. */
bool compliance_report_xlsx(struct buf *out, const struct cp_report *r);

/* The dashboard's gaps: the site's required categories with no published notice at all, and the
 * pushes not delivered. Adds <gaps required empty waiting-pushes> of <category code name path/>. */
enum xerr compliance_gaps_xml(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                              xmlNodePtr parent);

#endif
