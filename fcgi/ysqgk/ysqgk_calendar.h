/* The requests' side of loading a year's holiday arrangement (xxgkctl calendar load): which closed
 * deadlines still stand for a period, and where each move a recompute made is recorded. */
#ifndef XXGK_YSQGK_CALENDAR_H
#define XXGK_YSQGK_CALENDAR_H
#include "core/app.h"
#include "core/calendar.h"

/* The reply deadlines of requests waiting for a correction: closed while the period is suspended,
 * yet the date staff see (and the load must not leave provisional). */
enum xerr ysqgk_suspended_deadlines(struct db *db, struct pool *p, long long **ids, size_t *n);

/* In the load's transaction, for each move of a request's deadline: a timeline step (kind
 * deadline_moved; shown to the applicant when it is the running reply period), an audit entry, and
 * a mail to the applicant when the reply deadline they were told moved. year: the notice loaded.
 * *mailed gets how many mails were queued. */
enum xerr ysqgk_deadlines_moved(const struct app *app, struct db *db, struct pool *p, int year,
                                const struct deadline_move *moves, size_t n, int *mailed);

#endif
