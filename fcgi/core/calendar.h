/* The working-day calendar: the only place in xxgk that knows what a working day is.
 * Monday to Friday, minus the public holidays of the State Council's yearly notice, plus the
 * weekend days it turns into working days (调休). A year whose notice is not loaded is counted
 * with weekends and the holidays the law fixes (statutory.h), and every result that touches it
 * is marked provisional: its bridging days and make-up working days are not known yet.
 * Counting: the start day is not counted; day 1 is the next working day (REGULATIONS.md). */
#ifndef XXGK_CALENDAR_H
#define XXGK_CALENDAR_H
#include "core/db.h"
#include "core/error.h"
#include "core/pool.h"
#include <stdbool.h>
#include <stdint.h>

struct calendar;

struct cal_day {
	int32_t day;      /* days since 1970-01-01 */
	bool off;         /* true: holiday; false: make-up working day */
	const char *name; /* 春节, 国庆节, ... */
};

/* Builds an immutable calendar from days and the list of published notice years. */
struct calendar *calendar_build(const struct cal_day *days, size_t n, const int *years, size_t nyears,
                                unsigned version);
void calendar_free(struct calendar *c);
unsigned calendar_version(const struct calendar *c);
bool calendar_year_published(const struct calendar *c, int year);
/* Reads the calendar from the database. */
enum xerr calendar_load(struct db *db, struct calendar **out);
/* Keeps *slot current: reloads when the database's calendar version moved (one cheap query). */
enum xerr calendar_refresh(struct db *db, struct calendar **slot);

/* Is day a working day? *provisional is set when its year is not published. */
bool cal_is_workday(const struct calendar *c, int32_t day, bool *provisional);
/* The holiday or make-up-day name of day, or NULL for an ordinary day. *off tells a rest day
 * from a make-up working day; *statutory a holiday taken from the law in a year whose
 * arrangement is not loaded. Either pointer may be NULL. */
const char *cal_day_name(const struct calendar *c, int32_t day, bool *off, bool *statutory);

/* A span of days (inclusive) whose working days do not count: a paused clock. */
struct cal_span {
	int32_t from, to;
};

struct cal_result {
	int32_t due;
	bool provisional;
};

enum cal_reason {
	CAL_START,      /* the start day, not counted */
	CAL_COUNTED,    /* an ordinary working day */
	CAL_MAKEUP,     /* a weekend day made a working day (调休), counted */
	CAL_WEEKEND,
	CAL_HOLIDAY,
	CAL_STATUTORY,  /* a holiday the law fixes, in a year whose arrangement is not loaded */
	CAL_PAUSED,     /* a working day inside a pause */
};

typedef void (*cal_explain_fn)(void *ctx, int32_t day, enum cal_reason why, int count, const char *name,
                               bool provisional);

/* The date of the days-th working day after start (days >= 0; 0 gives start itself), skipping
 * the pauses. explain, when not NULL, is called for every day looked at. */
struct cal_result cal_add(const struct calendar *c, int32_t start, int days, const struct cal_span *pauses,
                          size_t npauses, cal_explain_fn explain, void *ctx);
/* Working days in (from, to], pauses not counted; 0 when to <= from. */
int cal_between(const struct calendar *c, int32_t from, int32_t to, const struct cal_span *pauses, size_t npauses,
                bool *provisional);

/* Stored deadlines (table deadlines): create one, and recompute the open ones after a change. */
enum xerr deadline_store(struct db *db, const struct calendar *c, const char *subject, long long subject_id,
                         const char *kind, int32_t start, int days, const struct cal_span *pauses, size_t npauses,
                         struct cal_result *out, long long *id_out);
/* A deadline the body set as a date and notified (the end of a correction period, the later reply
 * date of Art. 35): a calendar load does not move it (sql/103_fixed_deadlines.sql); a pause
 * does, and a date that turns out a rest day becomes the first working day after it. */
enum xerr deadline_store_fixed(struct db *db, const struct calendar *c, const char *subject, long long subject_id,
                               const char *kind, int32_t start, int32_t fixed, struct cal_result *out,
                               long long *id_out);
/* One stored deadline, recomputed from its start, days and pauses (after a change to them). */
enum xerr deadline_recompute_one(struct db *db, struct pool *p, const struct calendar *c, long long id,
                                 const char *reason, struct cal_result *out);
/* A deadline a recompute moved (its due date or its provisional mark changed). */
struct deadline_move {
	long long id, subject_id;
	const char *subject, *kind;
	int32_t old_due, new_due;
	bool old_provisional, new_provisional;
	bool was_open; /* false: a closed one recomputed because also named it */
};
/* Recomputes every open deadline not computed with c's version, then those of also (n ids: closed
 * ones that still stand for a period, such as a reply period suspended while a correction is
 * awaited); records each one that moved in deadline_changes and returns them in *moves (from p),
 * their number in *nmoved. */
enum xerr deadlines_recompute(struct db *db, struct pool *p, const struct calendar *c, const char *reason,
                              const long long *also, size_t n, struct deadline_move **moves, size_t *nmoved);

#endif
