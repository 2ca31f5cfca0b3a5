/* Timeliness of proactive disclosure (Regulation Art. 26 and the five seeds): a notice is due
 * the limit's working days after the day its information was formed (notices.formed_on) or,
 * for a changed notice, last changed (notices.changed_on: a change restarts the clock, Art. 26):
 * 20, or 7 for administrative licensing and penalty decisions (notices.decision_kind
 * 'licensing-penalty', document_kind 'licensing' or 'penalty', or a category whose catalog entry
 * sets limit-days). A changed notice is judged on the publication of the change. Working days are counted only by the calendar module (cal_add, cal_between).
 *
 * Status of a notice, judged on a given day ("today"):
 *   on-time   published on or before the due date;
 *   late      published after it, late by cal_between(due, published) working days (0 only when
 *             it went out on a rest day right after the due date);
 *   overdue   not published and the due date is before today (by cal_between(due, today));
 *   due-soon  not published, due today or within 5 working days (cal_between(today, due) <= 5);
 *   pending   not published, due later than that.
 * provisional: a date involved lies in a year whose holiday arrangement is not published yet.
 *
 * The monthly report takes the notices whose DUE DATE falls in the month: each notice is judged
 * once, in the month its deadline falls in, so a self-check at the end of a month can settle
 * every notice it lists (one formed late in a month is only due in the next). Drafts and
 * published notices count, and withdrawn ones that had been published; counts are per
 * disclosing body (notices.issuer) and per domain (the catalog's name for it). */
#ifndef XXGK_TIMELINESS_H
#define XXGK_TIMELINESS_H
#include "core/app.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "core/db.h"
#include "core/request.h"
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

#define TL_DUE_SOON_DAYS 5
#define TL_NOT_PUBLISHED INT32_MIN

enum tl_status { TL_ON_TIME, TL_LATE, TL_DUE_SOON, TL_OVERDUE, TL_PENDING };

struct tl_eval {
	int32_t due;
	enum tl_status status;
	int late_by;   /* TL_LATE: working days after the due date it was published; TL_OVERDUE: so far */
	int days_left; /* TL_DUE_SOON, TL_PENDING: working days from today to the due date */
	bool provisional;
};

/* The pure rule: formed + limit working days, judged against published (TL_NOT_PUBLISHED when
 * not published) and today. */
struct tl_eval timeliness_evaluate(const struct calendar *c, int32_t formed, int limit_days, int32_t published,
                                   int32_t today);
const char *timeliness_status_code(enum tl_status s); /* "on-time", "late", "due-soon", "overdue", "pending" */
const char *timeliness_status_zh(enum tl_status s);   /* 按时公开, 逾期公开, 即将到期, 逾期未公开, 未到期 */

/* The limit in working days for a notice of this category (NULL or unknown: the catalog's
 * general rule) and decision kind, from the site's catalog (catalog_limit_days); a licensing or
 * penalty decision never gets more than the catalog's licensing-penalty limit. */
int timeliness_limit(const struct app *app, const struct site *site, const char *category_code, bool licensing_penalty);

struct tl_notice {
	long long id;
	const char *index_no; /* NULL until first published */
	const char *title, *issuer, *status, *domain_code, *domain_name, *category_code, *category_path;
	/* changed: the latest change (变更) after the formation, TL_NOT_PUBLISHED when none; start: the
	 * day the clock runs from (the change, else the formation); published: of the current
	 * version (since the change), TL_NOT_PUBLISHED when not published. */
	int32_t formed, changed, start, published;
	int limit_days;
	bool licensing_penalty;
	struct tl_eval ev;
};

/* One stored notice of the site (the staff editor's timeliness line). */
enum xerr timeliness_of_notice(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                               const struct calendar *c, long long notice_id, int32_t today, struct tl_notice *out);

struct tl_counts {
	long long total, on_time, late, late_days, late_max, due_soon, overdue, pending, provisional;
};

struct tl_group {
	const char *key, *name; /* body: key = name = the issuer; domain: key = code, name = catalog name */
	struct tl_counts n;
};

struct tl_report {
	int year, month;
	int32_t first, last, today;
	struct tl_counts all;
	struct tl_group *bodies; /* by name */
	size_t nbodies;
	struct tl_group *domains; /* by code */
	size_t ndomains;
	struct tl_notice *notices; /* every notice due in the month, by due date, then id */
	size_t nnotices;
};

/* The report of the site for the notices due in year-month, judged on today. From p. */
enum xerr timeliness_report(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                            const struct calendar *c, int year, int month, int32_t today, struct tl_report *out);
/* Adds <timeliness month first last today basis="due" due-soon-days>: <totals/>, <by-body>
 * and <by-domain> of <group/>, <notices> of <notice/> (all as attributes), under parent. */
xmlNodePtr timeliness_report_xml(xmlNodePtr parent, const struct tl_report *r);
/* Adds one <notice .../> with the fields of n (also for the editor). */
xmlNodePtr timeliness_notice_xml(xmlNodePtr parent, const struct tl_notice *n);
/* CSV (RFC 4180, CRLF): the counts table (合计, then each body, then each domain), an empty line,
 * then the late, overdue and due-soon notices. */
void timeliness_report_csv(struct buf *out, const struct tl_report *r);

#endif
