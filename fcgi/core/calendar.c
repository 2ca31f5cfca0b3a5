#include "core/calendar.h"
#include "core/statutory.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 64

/* DAY_LAW is never stored: a statutory holiday in a year whose arrangement is not loaded. */
enum { DAY_PLAIN = 0, DAY_OFF = 1, DAY_WORK = 2, DAY_LAW = 3 };

struct calendar {
	int first_year, last_year; /* years covered by the arrays */
	int32_t base;              /* first_year-01-01 */
	size_t ndays;
	uint8_t *kind;             /* per day: DAY_* */
	uint8_t *name;             /* per day: index into names */
	uint8_t *published;        /* per year in [first_year, last_year] */
	char *names[MAX_NAMES];
	size_t nnames;
	unsigned version;
};

static int year_of(int32_t day)
{
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

struct calendar *calendar_build(const struct cal_day *days, size_t n, const int *years, size_t nyears,
                                unsigned version)
{
	struct calendar *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	int lo = 9999, hi = 0;
	for (size_t i = 0; i < nyears; i++) {
		if (years[i] < lo)
			lo = years[i];
		if (years[i] > hi)
			hi = years[i];
	}
	for (size_t i = 0; i < n; i++) {
		int y = year_of(days[i].day);
		if (y < lo)
			lo = y;
		if (y > hi)
			hi = y;
	}
	if (lo > hi)
		lo = hi = 2000;
	c->first_year = lo;
	c->last_year = hi;
	c->base = days_from_civil(lo, 1, 1);
	c->ndays = (size_t)(days_from_civil(hi + 1, 1, 1) - c->base);
	c->kind = calloc(c->ndays, 1);
	c->name = calloc(c->ndays, 1);
	c->published = calloc((size_t)(hi - lo + 1), 1);
	c->version = version;
	if (!c->kind || !c->name || !c->published)
		abort();
	for (size_t i = 0; i < nyears; i++)
		c->published[years[i] - lo] = 1;
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)(days[i].day - c->base);
		c->kind[k] = days[i].off ? DAY_OFF : DAY_WORK;
		size_t ni = 0;
		while (ni < c->nnames && strcmp(c->names[ni], days[i].name ? days[i].name : "") != 0)
			ni++;
		if (ni == c->nnames && c->nnames < MAX_NAMES) {
			c->names[c->nnames] = strdup(days[i].name ? days[i].name : "");
			c->nnames++;
		}
		c->name[k] = (uint8_t)(ni < MAX_NAMES ? ni : 0);
	}
	return c;
}

void calendar_free(struct calendar *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->kind);
	free(c->name);
	free(c->published);
	free(c);
}

unsigned calendar_version(const struct calendar *c)
{
	return c->version;
}

bool calendar_year_published(const struct calendar *c, int year)
{
	return year >= c->first_year && year <= c->last_year && c->published[year - c->first_year];
}

static bool in_range(const struct calendar *c, int32_t day)
{
	return day >= c->base && (size_t)(day - c->base) < c->ndays;
}

/* What the loaded arrangement says of day, or for a year without one, what the law fixes. */
static int kind_of(const struct calendar *c, int32_t day, const char **name)
{
	*name = NULL;
	if (in_range(c, day) && c->kind[day - c->base] != DAY_PLAIN) {
		*name = c->names[c->name[day - c->base]];
		return c->kind[day - c->base];
	}
	if (!calendar_year_published(c, year_of(day)) && (*name = statutory_holiday(day)) != NULL)
		return DAY_LAW;
	return DAY_PLAIN;
}

bool cal_is_workday(const struct calendar *c, int32_t day, bool *provisional)
{
	if (!calendar_year_published(c, year_of(day)) && provisional)
		*provisional = true;
	const char *name;
	int k = kind_of(c, day, &name);
	if (k == DAY_OFF || k == DAY_LAW)
		return false;
	return k == DAY_WORK || weekday_of(day) < 5;
}

const char *cal_day_name(const struct calendar *c, int32_t day, bool *off, bool *statutory)
{
	const char *name;
	int k = kind_of(c, day, &name);
	if (off)
		*off = k == DAY_OFF || k == DAY_LAW;
	if (statutory)
		*statutory = k == DAY_LAW;
	return name;
}

static bool paused(const struct cal_span *pauses, size_t n, int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (day >= pauses[i].from && day <= pauses[i].to)
			return true;
	return false;
}

struct cal_result cal_add(const struct calendar *c, int32_t start, int days, const struct cal_span *pauses,
                          size_t npauses, cal_explain_fn explain, void *ctx)
{
	struct cal_result r = {start, false};
	if (explain)
		explain(ctx, start, CAL_START, 0, NULL, !calendar_year_published(c, year_of(start)));
	int counted = 0;
	int32_t day = start;
	/* Bounded: even 1000 working days end within a few years of calendar days. */
	while (counted < days && day - start < 366 * 10) {
		day++;
		bool prov = false, off = false, law = false;
		bool work = cal_is_workday(c, day, &prov);
		const char *name = cal_day_name(c, day, &off, &law);
		if (!work) {
			if (explain)
				explain(ctx, day, law ? CAL_STATUTORY : name && off ? CAL_HOLIDAY : CAL_WEEKEND, counted, name, prov);
			continue;
		}
		if (paused(pauses, npauses, day)) {
			if (explain)
				explain(ctx, day, CAL_PAUSED, counted, name, prov);
			continue;
		}
		counted++;
		r.provisional = r.provisional || prov;
		if (explain)
			explain(ctx, day, name && !off ? CAL_MAKEUP : CAL_COUNTED, counted, name, prov);
	}
	r.due = day;
	return r;
}

int cal_between(const struct calendar *c, int32_t from, int32_t to, const struct cal_span *pauses, size_t npauses,
                bool *provisional)
{
	int n = 0;
	for (int32_t day = from + 1; day <= to; day++) {
		bool prov = false;
		if (cal_is_workday(c, day, &prov) && !paused(pauses, npauses, day)) {
			n++;
			if (prov && provisional)
				*provisional = true;
		}
	}
	return n;
}

enum xerr calendar_load(struct db *db, struct calendar **out)
{
	struct pool *p = pool_new();
	struct db_result days, years;
	enum xerr e = db_query(db, p, &days,
	                       "SELECT DATEDIFF(day, '1970-01-01'), kind, name FROM calendar_days ORDER BY day", "");
	if (e == XE_OK)
		e = db_query(db, p, &years, "SELECT year FROM calendar_years", "");
	const char *version = e == XE_OK ? db_value(db, p, &e, "SELECT version FROM calendar_state WHERE id = 1", "") : NULL;
	if (e == XE_OK) {
		struct cal_day *d = pool_alloc(p, (days.nrows + 1) * sizeof *d);
		int *y = pool_alloc(p, (years.nrows + 1) * sizeof *y);
		for (size_t i = 0; i < days.nrows; i++)
			d[i] = (struct cal_day){(int32_t)strtol(days.rows[i][0], NULL, 10), strcmp(days.rows[i][1], "off") == 0,
			                        days.rows[i][2]};
		for (size_t i = 0; i < years.nrows; i++)
			y[i] = (int)strtol(years.rows[i][0], NULL, 10);
		*out = calendar_build(d, days.nrows, y, years.nrows, version ? (unsigned)strtoul(version, NULL, 10) : 0);
	}
	pool_free(p);
	return e;
}

enum xerr calendar_refresh(struct db *db, struct calendar **slot)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *v = db_value(db, p, &e, "SELECT version FROM calendar_state WHERE id = 1", "");
	unsigned version = v ? (unsigned)strtoul(v, NULL, 10) : 0;
	pool_free(p);
	if (e != XE_OK)
		return e;
	if (*slot != NULL && calendar_version(*slot) == version)
		return XE_OK;
	struct calendar *fresh;
	e = calendar_load(db, &fresh);
	if (e != XE_OK)
		return e;
	calendar_free(*slot);
	*slot = fresh;
	return XE_OK;
}

/* The working days from start that end on fixed, or on the first working day after it. */
static int days_to(const struct calendar *c, int32_t start, int32_t fixed)
{
	int days = cal_between(c, start, fixed, NULL, 0, NULL);
	return cal_add(c, start, days, NULL, 0, NULL, NULL).due < fixed ? days + 1 : days;
}

/* One stored deadline: its days from start, past the pauses (stored too), and the date the body
 * set (fixed, 0 for none), which no year's arrangement makes provisional. */
static enum xerr store(struct db *db, const struct calendar *c, const char *subject, long long subject_id,
                       const char *kind, int32_t start, int days, const struct cal_span *pauses, size_t npauses,
                       int32_t fixed, struct cal_result *out, long long *id_out)
{
	struct cal_result r = cal_add(c, start, days, pauses, npauses, NULL, NULL);
	if (fixed)
		r.provisional = false;
	char s[11], d[11], f[11];
	format_date(start, s);
	format_date(r.due, d);
	format_date(fixed, f);
	enum xerr e = db_exec(db,
	                      "INSERT INTO deadlines (subject, subject_id, kind, start_on, days, due_on, fixed_on, "
	                      "provisional, calendar_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                      "sississii", subject, subject_id, kind, s, (long long)days, d, fixed ? f : NULL,
	                      (long long)r.provisional, (long long)calendar_version(c));
	long long id = e == XE_OK ? (long long)db_insert_id(db) : 0;
	for (size_t i = 0; i < npauses && e == XE_OK; i++) {
		char pf[11], pt[11];
		format_date(pauses[i].from, pf);
		format_date(pauses[i].to, pt);
		e = db_exec(db, "INSERT INTO deadline_pauses (deadline_id, from_on, to_on) VALUES (?, ?, ?)", "iss", id, pf, pt);
	}
	if (e == XE_OK && out)
		*out = r;
	if (e == XE_OK && id_out)
		*id_out = id;
	return e;
}

enum xerr deadline_store_fixed(struct db *db, const struct calendar *c, const char *subject, long long subject_id,
                               const char *kind, int32_t start, int32_t fixed, struct cal_result *out,
                               long long *id_out)
{
	return store(db, c, subject, subject_id, kind, start, days_to(c, start, fixed), NULL, 0, fixed, out, id_out);
}

enum xerr deadline_store(struct db *db, const struct calendar *c, const char *subject, long long subject_id,
                         const char *kind, int32_t start, int days, const struct cal_span *pauses, size_t npauses,
                         struct cal_result *out, long long *id_out)
{
	return store(db, c, subject, subject_id, kind, start, days, pauses, npauses, 0, out, id_out);
}

/* A stored deadline as recompute reads it. fixed: the date the body set (0: none). */
struct stored {
	long long id, subject_id;
	int32_t start, old_due, fixed;
	int days;
	bool old_prov, open;
	const char *subject, *kind;
};

/* The columns stored_of() reads, FROM deadlines. */
#define STORED_COLS "id, DATEDIFF(start_on, '1970-01-01'), days, DATEDIFF(due_on, '1970-01-01'), provisional, " \
                    "DATEDIFF(fixed_on, '1970-01-01'), subject, subject_id, kind, is_open"

static struct stored stored_of(char **row)
{
	return (struct stored){strtoll(row[0], NULL, 10),
	                       strtoll(row[7], NULL, 10),
	                       (int32_t)strtol(row[1], NULL, 10),
	                       (int32_t)strtol(row[3], NULL, 10),
	                       row[5] ? (int32_t)strtol(row[5], NULL, 10) : 0,
	                       (int)strtol(row[2], NULL, 10),
	                       strcmp(row[4], "1") == 0,
	                       strcmp(row[9], "1") == 0,
	                       row[6],
	                       row[8]};
}

/* Recomputes a deadline from its stored start, days and pauses; records a move (in *move when
 * not NULL). A date the body set stays itself (its working days counted again in the calendar as
 * it now is), moved on only by a pause, or to the next working day when it turns out a rest day. */
static enum xerr recompute(struct db *db, struct pool *p, const struct calendar *c, struct stored d,
                           const char *reason, struct cal_result *out, struct deadline_move *move, bool *moved)
{
	long long id = d.id;
	int days = d.fixed ? days_to(c, d.start, d.fixed) : d.days;
	struct db_result pr;
	enum xerr e = db_query(db, p, &pr,
	                       "SELECT DATEDIFF(from_on, '1970-01-01'), DATEDIFF(to_on, '1970-01-01') FROM deadline_pauses "
	                       "WHERE deadline_id = ?",
	                       "i", id);
	if (e != XE_OK)
		return e;
	struct cal_span *spans = pool_alloc(p, (pr.nrows + 1) * sizeof *spans);
	for (size_t k = 0; k < pr.nrows; k++)
		spans[k] = (struct cal_span){(int32_t)strtol(pr.rows[k][0], NULL, 10), (int32_t)strtol(pr.rows[k][1], NULL, 10)};
	struct cal_result nr = cal_add(c, d.start, days, spans, pr.nrows, NULL, NULL);
	if (d.fixed)
		nr.provisional = false;
	char od[11], nd[11];
	format_date(d.old_due, od);
	format_date(nr.due, nd);
	e = db_exec(db, "UPDATE deadlines SET days = ?, due_on = ?, provisional = ?, calendar_version = ? WHERE id = ?",
	            "isiii", (long long)days, nd, (long long)nr.provisional, (long long)calendar_version(c), id);
	*moved = nr.due != d.old_due || nr.provisional != d.old_prov;
	if (e == XE_OK && *moved)
		e = db_exec(db,
		            "INSERT INTO deadline_changes (deadline_id, old_due_on, new_due_on, old_provisional, "
		            "new_provisional, calendar_version, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
		            "issiiis", id, od, nd, (long long)d.old_prov, (long long)nr.provisional,
		            (long long)calendar_version(c), reason);
	if (move)
		*move = (struct deadline_move){id,        d.subject_id, d.subject,  d.kind, d.old_due,
		                               nr.due,    d.old_prov,   nr.provisional, d.open};
	if (out)
		*out = nr;
	return e;
}

enum xerr deadline_recompute_one(struct db *db, struct pool *p, const struct calendar *c, long long id,
                                 const char *reason, struct cal_result *out)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r, "SELECT " STORED_COLS " FROM deadlines WHERE id = ? FOR UPDATE", "i", id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	bool moved;
	return recompute(db, p, c, stored_of(r.rows[0]), reason, out, NULL, &moved);
}

/* Recomputes the rows of r, appending each move to moves (room for all of them). */
static enum xerr recompute_rows(struct db *db, struct pool *p, const struct calendar *c, const char *reason,
                                const struct db_result *r, struct deadline_move *moves, size_t *nmoved)
{
	enum xerr e = XE_OK;
	for (size_t i = 0; i < r->nrows && e == XE_OK; i++) {
		bool m = false;
		e = recompute(db, p, c, stored_of(r->rows[i]), reason, NULL, &moves[*nmoved], &m);
		*nmoved += m;
	}
	return e;
}

enum xerr deadlines_recompute(struct db *db, struct pool *p, const struct calendar *c, const char *reason,
                              const long long *also, size_t n, struct deadline_move **moves, size_t *nmoved)
{
	struct db_result r;
	*nmoved = 0;
	*moves = NULL;
	long long version = calendar_version(c);
	enum xerr e = db_query(db, p, &r,
	                       "SELECT " STORED_COLS " FROM deadlines WHERE is_open = 1 AND calendar_version <> ? FOR UPDATE",
	                       "i", version);
	if (e != XE_OK)
		return e;
	*moves = pool_alloc(p, (r.nrows + n + 1) * sizeof **moves);
	e = recompute_rows(db, p, c, reason, &r, *moves, nmoved);
	for (size_t i = 0; i < n && e == XE_OK; i++) {
		struct db_result one;
		e = db_query(db, p, &one,
		             "SELECT " STORED_COLS " FROM deadlines WHERE id = ? AND is_open = 0 AND calendar_version <> ? "
		             "FOR UPDATE",
		             "ii", also[i], version);
		if (e == XE_OK)
			e = recompute_rows(db, p, c, reason, &one, *moves, nmoved);
	}
	return e;
}
