/* xxgkctl calendar load|show and xxgkctl deadline: the calendar as a webmaster and staff see it. */
#include "core/buf.h"
#include "core/calendar.h"
#include "core/lunar.h"
#include "core/statutory.h"
#include "core/text.h"
#include "ctl/ctl.h"
#include "ysqgk/ysqgk_calendar.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const weekdays[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

struct loaded {
	int year;
	const char *source;
	struct cal_day *days;
	size_t n;
};

/* Why a file could not be opened, in words ("file not found", "permission denied"). */
static void cannot_open(const char *path, int errnum, char *err, size_t errlen)
{
	if (errnum == ENOENT)
		snprintf(err, errlen, "%s: file not found", path);
	else
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errnum));
}

/* What is wrong with a day's date: the form, or (2027-02-30) a day the month does not have. */
static const char *date_problem(const char *s)
{
	static const char form[] = "dddd-dd-dd";
	size_t i = 0;
	for (; s[i] && form[i]; i++)
		if (form[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != form[i])
			break;
	return s[i] == '\0' && form[i] == '\0' ? "no such date" : "date is not YYYY-MM-DD";
}

static bool read_json(struct pool *p, const char *path, struct loaded *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		cannot_open(path, errno, err, errlen);
		return false;
	}
	json_error_t je;
	json_t *root = json_loadf(f, 0, &je);
	fclose(f);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d: not valid JSON: %s", path, je.line, je.text);
		return false;
	}
	bool ok = false;
	json_t *year = json_object_get(root, "year"), *days = json_object_get(root, "days"),
	       *papers = json_object_get(root, "papers");
	if (!json_is_integer(year) || !json_is_array(days)) {
		snprintf(err, errlen, "%s: expected {\"year\": YYYY, \"papers\": [...], \"days\": [...]}", path);
		goto done;
	}
	out->year = (int)json_integer_value(year);
	struct buf src;
	buf_init(&src);
	size_t i;
	json_t *v;
	json_array_foreach(papers, i, v) if (json_is_string(v))
	{
		if (src.len)
			buf_putc(&src, ' ');
		buf_puts(&src, json_string_value(v));
	}
	out->source = pool_strdup(p, src.len ? buf_cstr(&src) : path);
	buf_free(&src);
	out->n = json_array_size(days);
	out->days = pool_alloc(p, (out->n + 1) * sizeof *out->days);
	json_array_foreach(days, i, v)
	{
		json_t *date = json_object_get(v, "date"), *off = json_object_get(v, "isOffDay"), *name = json_object_get(v, "name");
		int32_t d;
		if (!json_is_string(date) || !parse_date(json_string_value(date), &d)) {
			const char *given = json_is_string(date) ? json_string_value(date) : "";
			snprintf(err, errlen, "%s: day %zu%s%s%s: %s", path, i + 1, *given ? " (" : "", given, *given ? ")" : "",
			         date_problem(given));
			goto done;
		}
		if (!json_is_boolean(off)) {
			snprintf(err, errlen, "%s: day %zu (%s): isOffDay must be true or false", path, i + 1, json_string_value(date));
			goto done;
		}
		const char *nm = json_is_string(name) ? json_string_value(name) : "";
		if (!text_valid(nm, strlen(nm)) || utf8_chars(nm) > 50) {
			snprintf(err, errlen, "%s: day %zu: name is not valid text of at most 50 characters", path, i + 1);
			goto done;
		}
		out->days[i] = (struct cal_day){d, json_is_true(off), pool_strdup(p, nm)};
	}
	ok = true;
done:
	json_decref(root);
	return ok;
}

/* CSV: date,off|work,name — one day per line; '#' comments and a "date,..." header allowed. */
static bool read_csv(struct pool *p, const char *path, struct loaded *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		cannot_open(path, errno, err, errlen);
		return false;
	}
	size_t cap = 64;
	out->days = pool_alloc(p, cap * sizeof *out->days);
	char line[512];
	int lineno = 0;
	bool ok = true;
	int years[3000] = {0};
	while (ok && fgets(line, sizeof line, f) != NULL) {
		lineno++;
		char *s = str_trim(line);
		if (*s == '\0' || *s == '#' || (lineno == 1 && str_has_prefix(s, "date")))
			continue;
		char *c1 = strchr(s, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
		if (c1 == NULL) {
			snprintf(err, errlen, "%s:%d: expected date,off|work,name", path, lineno);
			ok = false;
			break;
		}
		*c1 = '\0';
		if (c2)
			*c2 = '\0';
		const char *kind = str_trim(c1 + 1), *name = c2 ? str_trim(c2 + 1) : "";
		int32_t d;
		if (!parse_date(str_trim(s), &d)) {
			snprintf(err, errlen, "%s:%d: %s: %s", path, lineno, str_trim(s), date_problem(str_trim(s)));
			ok = false;
		} else if (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0) {
			snprintf(err, errlen, "%s:%d: the second field must be off or work", path, lineno);
			ok = false;
		} else if (!text_valid(name, strlen(name)) || utf8_chars(name) > 50) {
			snprintf(err, errlen, "%s:%d: the name must be valid text of at most 50 characters", path, lineno);
			ok = false;
		} else {
			if (out->n + 1 >= cap) {
				struct cal_day *nd = pool_alloc(p, cap * 2 * sizeof *nd);
				memcpy(nd, out->days, out->n * sizeof *nd);
				out->days = nd;
				cap *= 2;
			}
			out->days[out->n++] = (struct cal_day){d, strcmp(kind, "off") == 0, pool_strdup(p, name)};
			int y, yy;
			unsigned m, dd;
			civil_from_days(d, &y, &m, &dd);
			yy = y - 1000;
			if (yy >= 0 && yy < 3000)
				years[yy]++;
		}
	}
	fclose(f);
	if (!ok)
		return false;
	/* The notice year: the year most of the days fall in. */
	int best = 0;
	for (int y = 0; y < 3000; y++)
		if (years[y] > years[best])
			best = y;
	out->year = best + 1000;
	out->source = pool_strdup(p, path);
	return true;
}

static bool validate(const struct loaded *in, char *err, size_t errlen)
{
	if (in->year < 2000 || in->year > 2199) {
		snprintf(err, errlen, "year %d is out of range", in->year);
		return false;
	}
	if (in->n == 0) {
		snprintf(err, errlen, "no days");
		return false;
	}
	int32_t lo = days_from_civil(in->year, 1, 1) - 31, hi = days_from_civil(in->year, 12, 31) + 10;
	for (size_t i = 0; i < in->n; i++) {
		char d[11];
		format_date(in->days[i].day, d);
		if (in->days[i].day < lo || in->days[i].day > hi) {
			snprintf(err, errlen, "%s is outside the notice year %d (December of the year before is allowed)", d, in->year);
			return false;
		}
		for (size_t k = 0; k < i; k++)
			if (in->days[k].day == in->days[i].day) {
				snprintf(err, errlen, "%s is listed twice%s", d,
				         in->days[k].off != in->days[i].off ? ", both as a holiday and as a working day" : "");
				return false;
			}
	}
	return true;
}

/* Days as runs of consecutive dates of one name: "春节 2027-02-05 to 2027-02-08, 清明节 2027-04-05",
 * with to between a run's ends. */
static void put_runs(struct buf *b, const struct statutory_day *days, size_t n, const char *to)
{
	for (size_t i = 0, j; i < n; i = j + 1) {
		for (j = i; j + 1 < n && days[j + 1].day == days[j].day + 1 && strcmp(days[j + 1].name, days[i].name) == 0;)
			j++;
		char a[11], z[11];
		format_date(days[i].day, a);
		format_date(days[j].day, z);
		buf_printf(b, "%s%s %s%s%s", i ? ", " : "", days[i].name, a, j > i ? to : "", j > i ? z : "");
	}
}

/* What the file covers: its first and last day and the months of its year it touches. */
static void put_extent(struct buf *b, const struct loaded *in)
{
	int32_t lo = in->days[0].day, hi = lo;
	bool month[13] = {false}, december_before = false;
	for (size_t k = 0; k < in->n; k++) {
		int y;
		unsigned m, d;
		civil_from_days(in->days[k].day, &y, &m, &d);
		lo = in->days[k].day < lo ? in->days[k].day : lo;
		hi = in->days[k].day > hi ? in->days[k].day : hi;
		if (y < in->year)
			december_before = true;
		else if (y == in->year)
			month[m] = true;
	}
	char a[11], z[11];
	format_date(lo, a);
	format_date(hi, z);
	buf_printf(b, "%zu day(s) from %s to %s (%s", in->n, a, z, december_before ? "December of the year before; " : "");
	const char *sep = "month(s) ";
	for (int m = 1; m <= 12; m++)
		if (month[m]) {
			buf_printf(b, "%s%d", sep, m);
			sep = ", ";
		}
	buf_puts(b, ")");
}

/* Whether the file is a whole year's arrangement: one that gives a rest day on every holiday the
 * law fixes for its year, as every official notice does. Otherwise *why says what the file covers
 * and what it lacks. */
static bool covers_year(const struct loaded *in, const char *path, struct buf *why)
{
	struct statutory_day law[STATUTORY_MAX], lacking[STATUTORY_MAX];
	size_t nlaw = statutory_days(in->year, law), n = 0;
	for (size_t i = 0; i < nlaw; i++) {
		bool off = false;
		for (size_t k = 0; k < in->n && !off; k++)
			off = in->days[k].day == law[i].day && in->days[k].off;
		if (!off)
			lacking[n++] = law[i];
	}
	if (n == 0)
		return true;
	buf_printf(why, "%s covers only part of %d: ", path, in->year);
	put_extent(why, in);
	buf_printf(why, ".\nA whole year's arrangement gives a rest day on every holiday the law fixes for %d "
	                "(《全国年节及纪念日放假办法》, %s); the file lacks ", in->year, statutory_version(in->year));
	put_runs(why, lacking, n, " to ");
	buf_printf(why, ".\nLoading it would replace all of %d's days with these %zu; add --replace-year to do that.\n",
	           in->year, in->n);
	return false;
}

/* What loading in changes, against what the database holds for its notice year: one line a day. */
static enum xerr summarize(struct db *db, struct pool *p, const struct loaded *in, struct buf *summary, int *changes)
{
	struct db_result cur;
	enum xerr e = db_query(db, p, &cur,
	                       "SELECT DATE_FORMAT(day, '%Y-%m-%d'), kind, name FROM calendar_days WHERE notice_year = ?", "i",
	                       (long long)in->year);
	if (e != XE_OK)
		return e;
	char (*dates)[11] = pool_alloc(p, (in->n + 1) * sizeof *dates);
	for (size_t i = 0; i < in->n; i++)
		format_date(in->days[i].day, dates[i]);
	for (size_t i = 0; i < in->n; i++) {
		const char *kind = in->days[i].off ? "off" : "work";
		size_t k = 0;
		while (k < cur.nrows && strcmp(cur.rows[k][0], dates[i]) != 0)
			k++;
		if (k == cur.nrows)
			buf_printf(summary, "added   %s %s %s\n", dates[i], kind, in->days[i].name);
		else if (strcmp(cur.rows[k][1], kind) != 0 || strcmp(cur.rows[k][2], in->days[i].name) != 0)
			buf_printf(summary, "changed %s: %s %s -> %s %s\n", dates[i], cur.rows[k][1], cur.rows[k][2], kind,
			           in->days[i].name);
		else
			continue;
		(*changes)++;
	}
	for (size_t k = 0; k < cur.nrows; k++) {
		size_t i = 0;
		while (i < in->n && strcmp(cur.rows[k][0], dates[i]) != 0)
			i++;
		if (i == in->n) {
			buf_printf(summary, "removed %s %s %s\n", cur.rows[k][0], cur.rows[k][1], cur.rows[k][2]);
			(*changes)++;
		}
	}
	return XE_OK;
}

struct store_tx {
	const struct app *app;
	struct pool *p;
	const struct loaded *in;
	const char *summary;
	int *moved, *mailed;
};

/* Recomputes the deadlines the new calendar may move, and records each move where staff and
 * applicants look (the request's timeline, the audit log, a mail), in the load's transaction. */
static enum xerr recompute(struct db *db, struct store_tx *t, const struct calendar *cal)
{
	long long *suspended;
	size_t nsuspended, n = 0;
	struct deadline_move *moves;
	enum xerr e = ysqgk_suspended_deadlines(db, t->p, &suspended, &nsuspended);
	if (e == XE_OK)
		e = deadlines_recompute(db, t->p, cal, pool_printf(t->p, "calendar %d loaded", t->in->year), suspended,
		                        nsuspended, &moves, &n);
	if (e == XE_OK)
		e = ysqgk_deadlines_moved(t->app, db, t->p, t->in->year, moves, n, t->mailed);
	*t->moved = (int)n;
	return e;
}

/* The store's transaction (db_transaction: run again, whole, after a deadlock or a cluster's
 * conflict). */
static enum xerr store_tx(struct db *db, void *ctx)
{
	struct store_tx *t = ctx;
	const struct loaded *in = t->in;
	*t->moved = 0;
	*t->mailed = 0;
	enum xerr e = db_exec(db, "DELETE FROM calendar_days WHERE notice_year = ?", "i", (long long)in->year);
	for (size_t i = 0; i < in->n && e == XE_OK; i++) {
		char d[11];
		format_date(in->days[i].day, d);
		e = db_exec(db,
		            "INSERT INTO calendar_days (day, notice_year, kind, name) VALUES (?, ?, ?, ?) "
		            "ON DUPLICATE KEY UPDATE notice_year = VALUES(notice_year), kind = VALUES(kind), name = VALUES(name)",
		            "siss", d, (long long)in->year, in->days[i].off ? "off" : "work", in->days[i].name);
	}
	if (e == XE_OK)
		e = db_exec(db,
		            "INSERT INTO calendar_years (year, source) VALUES (?, ?) "
		            "ON DUPLICATE KEY UPDATE source = VALUES(source), loaded_at = NOW()",
		            "is", (long long)in->year, in->source);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE calendar_state SET version = version + 1 WHERE id = 1", "");
	struct calendar *cal = NULL;
	if (e == XE_OK)
		e = calendar_load(db, &cal);
	if (e == XE_OK)
		e = recompute(db, t, cal);
	if (e == XE_OK)
		e = db_exec(db, "INSERT INTO calendar_changes (year, version, actor, summary) VALUES (?, ?, ?, ?)", "iiss",
		            (long long)in->year, (long long)calendar_version(cal), "xxgkctl", t->summary);
	calendar_free(cal);
	return e;
}

/* Replaces the notice year's days and recomputes the open deadlines, in one transaction. */
static enum xerr store(struct db *db, struct store_tx t)
{
	return db_transaction(db, store_tx, &t);
}

static int calendar_load_cmd(struct ctl *ctx, const char *path)
{
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	struct loaded in = {0};
	struct buf why, msg;
	buf_init(&why);
	buf_init(&msg);
	char err[512];
	size_t len = strlen(path);
	bool is_csv = len > 4 && strcmp(path + len - 4, ".csv") == 0, partial = false;
	int rc = 1, changes = 0, moved = 0, mailed = 0;
	if (!(is_csv ? read_csv(p, path, &in, err, sizeof err) : read_json(p, path, &in, err, sizeof err)) ||
	    !validate(&in, err, sizeof err)) {
		fprintf(stderr, "xxgkctl calendar load: %s\n", err);
		goto done;
	}
	if (!covers_year(&in, path, &why)) {
		partial = true;
		if (!ctl_flag(ctx, "--replace-year")) {
			fprintf(stderr, "xxgkctl calendar load: %s", buf_cstr(&why));
			goto done;
		}
	}
	if (partial)
		buf_puts(&msg, "--replace-year: a file covering part of the year replaces all of it\n");
	if (summarize(db, p, &in, &msg, &changes) != XE_OK)
		goto dberr;
	if (changes == 0) {
		printf("calendar %d: no change\n", in.year);
		rc = 0;
		goto done;
	}
	fputs(buf_cstr(&msg), stdout);
	if (store(db, (struct store_tx){&ctx->app, p, &in, buf_cstr(&msg), &moved, &mailed}) != XE_OK)
		goto dberr;
	printf("calendar %d loaded: %d day(s) changed; %d open deadline(s) recomputed whose due date or provisional mark "
	       "changed, each recorded on its request's timeline and in the audit log; %d applicant(s) told by mail\n",
	       in.year, changes, moved, mailed);
	rc = 0;
	goto done;
dberr:
	fprintf(stderr, "xxgkctl calendar load: database: %s\n", db_error(db));
done:
	buf_free(&why);
	buf_free(&msg);
	pool_free(p);
	return rc;
}

/* Prints the holidays and make-up days of [lo, hi]: runs of holidays, make-up days one by one. */
static void show_days(const struct calendar *c, int32_t lo, int32_t hi)
{
	for (int32_t d = lo; d <= hi; d++) {
		bool off = false, law = false;
		const char *name = cal_day_name(c, d, &off, &law);
		char a[11], b[11];
		if (name == NULL)
			continue;
		format_date(d, a);
		if (!off) {
			printf("  %-8s 调休上班 %s（%s）\n", name, a, weekdays[weekday_of(d)]);
			continue;
		}
		int32_t end = d;
		for (;;) {
			bool next_off = false, next_law = false;
			const char *next = end < hi ? cal_day_name(c, end + 1, &next_off, &next_law) : NULL;
			if (next == NULL || !next_off || next_law != law || strcmp(next, name) != 0)
				break;
			end++;
		}
		format_date(end, b);
		printf("  %-8s 放假 %s%s%s%s\n", name, a, end == d ? "" : " 至 ", end == d ? "" : b,
		       law ? "（法定假日，依《全国年节及纪念日放假办法》推算）" : "");
		d = end;
	}
}

static int calendar_show_cmd(struct ctl *ctx, const char *year_s)
{
	long long year;
	if (!parse_int(year_s, LUNAR_FIRST_YEAR, LUNAR_LAST_YEAR, &year)) {
		fputs("xxgkctl calendar show: YEAR is a year such as 2026\n", stderr);
		return 2;
	}
	struct db *db = ctl_db(ctx);
	struct calendar *c = NULL;
	if (db == NULL || calendar_load(db, &c) != XE_OK) {
		fprintf(stderr, "xxgkctl calendar show: cannot read the calendar%s%s\n", db ? ": " : "", db ? db_error(db) : "");
		return 1;
	}
	if (calendar_year_published(c, (int)year))
		printf("%lld: official arrangement loaded\n", year);
	else
		printf("%lld: NOT PUBLISHED: counted with weekends and the holidays the law fixes (《全国年节及纪念日放假办法》, "
		       "%s); bridging days and make-up working days are not known; deadlines are provisional\n",
		       year, statutory_version((int)year));
	/* Late December of the year before belongs to this year's notice when it names it. */
	show_days(c, days_from_civil((int)year, 1, 1) - 12, days_from_civil((int)year, 12, 31));
	calendar_free(c);
	return 0;
}

/* The holidays the law fixes, year by year: what a provisional year is counted with. */
static int calendar_law_cmd(struct ctl *ctx, const char *from_s)
{
	const char *to_s = ctl_arg(ctx, 2);
	long long from, to;
	if (!parse_int(from_s, LUNAR_FIRST_YEAR, LUNAR_LAST_YEAR, &from) ||
	    !parse_int(to_s ? to_s : from_s, from, LUNAR_LAST_YEAR, &to)) {
		fprintf(stderr, "xxgkctl calendar law: FROM [TO] are years from %d to %d, FROM <= TO\n", LUNAR_FIRST_YEAR,
		        LUNAR_LAST_YEAR);
		return 2;
	}
	for (int y = (int)from; y <= (int)to; y++) {
		struct statutory_day days[STATUTORY_MAX];
		size_t n = statutory_days(y, days);
		printf("# %d: 《全国年节及纪念日放假办法》（%s）\n", y, statutory_version(y));
		for (size_t i = 0; i < n; i++) {
			char d[11];
			format_date(days[i].day, d);
			printf("%s %s\n", d, days[i].name);
		}
	}
	return 0;
}

int ctl_calendar(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl calendar load FILE [--replace-year]\n"
	                        "       xxgkctl calendar show YEAR\n"
	                        "       xxgkctl calendar law FROM [TO]\n"
	                        "load: reads a year's official arrangement — the State Council notice as JSON\n"
	                        "  ({\"year\": 2027, \"papers\": [...], \"days\": [{\"name\", \"date\", \"isOffDay\"}]}) or\n"
	                        "  CSV lines date,off|work,name — validates it (real dates, inside the year give or\n"
	                        "  take December before, no day listed twice), says what changed, replaces the year,\n"
	                        "  and recomputes the stored deadlines of open matters (each move is recorded).\n"
	                        "  A file that does not give a rest day on every holiday the law fixes for its year\n"
	                        "  covers only part of it and is refused, unless --replace-year says to replace the\n"
	                        "  whole year with it anyway. The JSON's year is its \"year\"; a CSV's is the year most\n"
	                        "  of its days fall in.\n"
	                        "show: the year's holidays and make-up working days (for a year not published, the\n"
	                        "  holidays the law fixes).\n"
	                        "law: the holidays 《全国年节及纪念日放假办法》 fixes for each year, by the version in force.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0), *arg = ctl_arg(ctx, 1);
	if (sub != NULL && arg != NULL && strcmp(sub, "load") == 0)
		return calendar_load_cmd(ctx, arg);
	if (sub != NULL && arg != NULL && strcmp(sub, "show") == 0)
		return calendar_show_cmd(ctx, arg);
	if (sub != NULL && arg != NULL && strcmp(sub, "law") == 0)
		return calendar_law_cmd(ctx, arg);
	fputs("xxgkctl calendar: load FILE, show YEAR or law FROM [TO] (xxgkctl calendar --help)\n", stderr);
	return 2;
}

/* The statutory holidays an explained count skipped: the days taken from the law, not a notice. */
struct explained {
	struct statutory_day law[64];
	size_t nlaw;
};

static void explain_line(void *ctx, int32_t day, enum cal_reason why, int count, const char *name, bool provisional)
{
	struct explained *x = ctx;
	char d[11];
	format_date(day, d);
	const char *wd = weekdays[weekday_of(day)];
	const char *prov = provisional ? "  [该年度放假安排尚未公布，按周末和法定假日推算]" : "";
	switch (why) {
	case CAL_START: printf("%s %s  起算日（收到之日），不计入%s\n", d, wd, prov); break;
	case CAL_COUNTED: printf("%s %s  第%d个工作日%s\n", d, wd, count, prov); break;
	case CAL_MAKEUP: printf("%s %s  调休上班（%s），第%d个工作日%s\n", d, wd, name ? name : "", count, prov); break;
	case CAL_WEEKEND: printf("%s %s  周末，不计%s\n", d, wd, prov); break;
	case CAL_HOLIDAY: printf("%s %s  %s假期，不计%s\n", d, wd, name ? name : "法定节假日", prov); break;
	case CAL_STATUTORY:
		printf("%s %s  %s，法定假日（依《全国年节及纪念日放假办法》推算，不是已公布的放假安排），不计%s\n", d, wd, name,
		       prov);
		if (x->nlaw < sizeof x->law / sizeof x->law[0])
			x->law[x->nlaw++] = (struct statutory_day){day, name};
		break;
	case CAL_PAUSED: printf("%s %s  中止计算（如征求第三方意见），不计%s\n", d, wd, prov); break;
	}
}

static void explain_result(const struct explained *x, struct cal_result r)
{
	char due[11];
	format_date(r.due, due);
	printf("期限届满：%s（%s）%s\n", due, weekdays[weekday_of(r.due)], r.provisional ? "，为暂定日期" : "");
	if (x->nlaw > 0) {
		struct buf b;
		buf_init(&b);
		put_runs(&b, x->law, x->nlaw, " 至 ");
		printf("依法推算而非取自已公布放假安排的假日：%s\n", buf_cstr(&b));
		buf_free(&b);
	}
	if (r.provisional)
		puts("暂定：放假安排公布前，调休上班日和补休日未知；载入该年度安排（xxgkctl calendar load）后重算。");
}

int ctl_deadline(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl deadline FROM DAYS [--explain] [--pause FROM:TO]...\n"
	                        "Prints the date of the DAYS-th working day after FROM (the day of receipt is not\n"
	                        "counted), as YYYY-MM-DD, followed by \"provisional\" when a year it touches has no\n"
	                        "published holiday arrangement yet: such a year is counted with weekends and the\n"
	                        "holidays the law fixes. --pause FROM:TO leaves the working days of that span out\n"
	                        "(third-party consultation). --explain lists every day and why it counted, and names\n"
	                        "the holidays taken from the law rather than a published arrangement.\n"))
		return 0;
	const char *from_s = ctl_arg(ctx, 0), *days_s = ctl_arg(ctx, 1);
	int32_t from;
	long long days;
	if (from_s == NULL || days_s == NULL || !parse_date(from_s, &from) || !parse_int(days_s, 0, 1000, &days)) {
		fputs("xxgkctl deadline: FROM is a date (YYYY-MM-DD) and DAYS a whole number from 0 to 1000\n", stderr);
		return 2;
	}
	struct cal_span pauses[16];
	size_t np = 0;
	for (int i = 1; i + 1 < ctx->argc; i++) {
		if (strcmp(ctx->argv[i], "--pause") != 0)
			continue;
		char a[11] = "", b[11] = "";
		const char *v = ctx->argv[i + 1], *colon = strchr(v, ':');
		if (colon && colon - v == 10 && strlen(colon + 1) == 10) {
			memcpy(a, v, 10);
			memcpy(b, colon + 1, 10);
		}
		if (np == 16 || !parse_date(a, &pauses[np].from) || !parse_date(b, &pauses[np].to) || pauses[np].to < pauses[np].from) {
			fputs("xxgkctl deadline: --pause takes FROM:TO, two dates with FROM <= TO\n", stderr);
			return 2;
		}
		np++;
	}
	struct db *db = ctl_db(ctx);
	struct calendar *c = NULL;
	if (db == NULL || calendar_load(db, &c) != XE_OK) {
		fprintf(stderr, "xxgkctl deadline: cannot read the calendar\n");
		return 1;
	}
	bool explain = ctl_flag(ctx, "--explain");
	struct explained x = {.nlaw = 0};
	struct cal_result r = cal_add(c, from, (int)days, pauses, np, explain ? explain_line : NULL, &x);
	char due[11];
	format_date(r.due, due);
	if (explain)
		explain_result(&x, r);
	printf("%s%s\n", due, r.provisional ? " provisional" : "");
	calendar_free(c);
	return 0;
}
