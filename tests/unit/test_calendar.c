/* Working-day arithmetic. The calendar here is typed in by hand from the State Council notices
 * (not read from the project's data), and every expected date was counted by hand on a paper
 * calendar; the comments show the count. */
#include "core/calendar.h"
#include "core/lunar.h"
#include "core/statutory.h"
#include "core/text.h"
#include "unit.h"

static int32_t D(const char *s)
{
	int32_t d = 0;
	parse_date(s, &d);
	return d;
}

/* Compares a computed date with the hand-counted one, printing both when they differ. */
static bool due_is(int32_t got, const char *want)
{
	char g[11];
	format_date(got, g);
	if (strcmp(g, want) != 0)
		fprintf(stderr, "  got %s, counted by hand %s\n", g, want);
	return strcmp(g, want) == 0;
}

#define OFF(s, n) {D(s), true, n}
#define WORK(s, n) {D(s), false, n}

static struct calendar *hand_calendar(void)
{
	const struct cal_day days[] = {
		/* 2011 (国办发明电〔2010〕40号): 端午 6-4..6-6 off */
		OFF("2011-06-04", "端午节"), OFF("2011-06-05", "端午节"), OFF("2011-06-06", "端午节"),
		/* 2020: 春节 1-24..1-30 off, 1-19 (Sun) work; extended (国办发明电〔2020〕1号) to 2-2,
		 * so 1-31, 2-1, 2-2 are off and 2-1 (Sat) is no longer a working day */
		WORK("2020-01-19", "春节"), OFF("2020-01-24", "春节"), OFF("2020-01-25", "春节"), OFF("2020-01-26", "春节"),
		OFF("2020-01-27", "春节"), OFF("2020-01-28", "春节"), OFF("2020-01-29", "春节"), OFF("2020-01-30", "春节"),
		OFF("2020-01-31", "春节"), OFF("2020-02-01", "春节"), OFF("2020-02-02", "春节"),
		/* 2022: 国庆 10-1..10-7 off, 10-8 (Sat) and 10-9 (Sun) work */
		OFF("2022-10-01", "国庆节"), OFF("2022-10-02", "国庆节"), OFF("2022-10-03", "国庆节"), OFF("2022-10-04", "国庆节"),
		OFF("2022-10-05", "国庆节"), OFF("2022-10-06", "国庆节"), OFF("2022-10-07", "国庆节"),
		WORK("2022-10-08", "国庆节"), WORK("2022-10-09", "国庆节"),
		/* 2023: 清明 4-5 off; 中秋国庆 9-29..10-6 off, 10-7 (Sat) and 10-8 (Sun) work */
		OFF("2023-04-05", "清明节"),
		OFF("2023-09-29", "中秋节、国庆节"), OFF("2023-09-30", "中秋节、国庆节"), OFF("2023-10-01", "中秋节、国庆节"),
		OFF("2023-10-02", "中秋节、国庆节"), OFF("2023-10-03", "中秋节、国庆节"), OFF("2023-10-04", "中秋节、国庆节"),
		OFF("2023-10-05", "中秋节、国庆节"), OFF("2023-10-06", "中秋节、国庆节"),
		WORK("2023-10-07", "中秋节、国庆节"), WORK("2023-10-08", "中秋节、国庆节"),
		/* 2024: 春节 2-10..2-17 off, 2-4 (Sun) and 2-18 (Sun) work */
		WORK("2024-02-04", "春节"), OFF("2024-02-10", "春节"), OFF("2024-02-11", "春节"), OFF("2024-02-12", "春节"),
		OFF("2024-02-13", "春节"), OFF("2024-02-14", "春节"), OFF("2024-02-15", "春节"), OFF("2024-02-16", "春节"),
		OFF("2024-02-17", "春节"), WORK("2024-02-18", "春节"),
		/* 2026: 元旦 1-1..1-3 off, 1-4 (Sun) work */
		OFF("2026-01-01", "元旦"), OFF("2026-01-02", "元旦"), OFF("2026-01-03", "元旦"), WORK("2026-01-04", "元旦"),
	};
	const int years[] = {2011, 2020, 2022, 2023, 2024, 2025, 2026};
	return calendar_build(days, sizeof days / sizeof days[0], years, sizeof years / sizeof years[0], 1);
}

static struct cal_result add(struct calendar *c, const char *from, int n)
{
	return cal_add(c, D(from), n, NULL, 0, NULL, NULL);
}

void test_calendar_court_cases(void)
{
	struct calendar *c = hand_calendar();
	/* received Fri 2022-09-30; 10-1..7 off; 10-8 Sat=1, 10-9 Sun=2, 10-10..14 = 3..7,
	 * 10-17..21 = 8..12, 10-24..28 = 13..17, 10-31=18, 11-1=19, 11-2=20 */
	CHECK(due_is(add(c, "2022-09-30", 20).due, "2022-11-02"));
	CHECK(!add(c, "2022-09-30", 20).provisional);
	/* received Wed 2011-06-01 (15 days, 2008 Regulation): 6-2=1, 6-3=2, 6-4..6 off, 6-7..10 = 3..6,
	 * 6-13..17 = 7..11, 6-20..23 = 12..15 */
	CHECK(due_is(add(c, "2011-06-01", 15).due, "2011-06-23"));
	calendar_free(c);
}

void test_calendar_start_on_holiday_and_makeup_day(void)
{
	struct calendar *c = hand_calendar();
	/* received on a holiday, Sun 2023-10-01: 10-7 Sat=1, 10-8 Sun=2, 10-9..13 = 3..7,
	 * 10-16..20 = 8..12, 10-23..27 = 13..17, 10-30=18, 10-31=19, 11-1=20 */
	CHECK(due_is(add(c, "2023-10-01", 20).due, "2023-11-01"));
	/* received on a make-up working Saturday 2023-10-07: 10-8 Sun=1, 10-9..13 = 2..6, 10-16=7 */
	CHECK(due_is(add(c, "2023-10-07", 7).due, "2023-10-16"));
	/* a receipt on an ordinary weekend changes nothing: Sat 2022-10-15 and Fri 2022-10-14 + 1 */
	CHECK(due_is(add(c, "2022-10-15", 1).due, "2022-10-17"));
	CHECK(due_is(add(c, "2022-10-14", 1).due, "2022-10-17"));
	bool prov = false;
	CHECK(cal_is_workday(c, D("2022-10-08"), &prov) && !prov);
	CHECK(!cal_is_workday(c, D("2022-10-03"), &prov));
	CHECK(!cal_is_workday(c, D("2022-10-15"), &prov));
	calendar_free(c);
}

void test_calendar_spring_festival(void)
{
	struct calendar *c = hand_calendar();
	/* 2024: received Mon 2-5: 2-6..9 = 1..4, 2-10..17 off, 2-18 Sun (make-up) = 5, 2-19=6, 2-20=7 */
	CHECK(due_is(add(c, "2024-02-05", 7).due, "2024-02-20"));
	/* 2020, extended: received Mon 1-20: 1-21..23 = 1..3, 1-24..2-2 off (2-1 no longer a working
	 * Saturday), 2-3..7 = 4..8, 2-10=9, 2-11=10 */
	CHECK(due_is(add(c, "2020-01-20", 10).due, "2020-02-11"));
	/* the Sunday make-up day before the festival counts when it follows the receipt:
	 * received Fri 2020-01-17: 1-19 Sun=1, 1-20=2, 1-21=3 */
	CHECK(due_is(add(c, "2020-01-17", 3).due, "2020-01-21"));
	calendar_free(c);
}

void test_calendar_across_new_year(void)
{
	struct calendar *c = hand_calendar();
	/* received Thu 2025-12-25: 12-26=1, 12-29..31 = 2..4, 1-1..3 off, 1-4 Sun (make-up) = 5,
	 * 1-5..9 = 6..10, 1-12..16 = 11..15, 1-19..23 = 16..20 */
	struct cal_result r = add(c, "2025-12-25", 20);
	CHECK(due_is(r.due, "2026-01-23"));
	CHECK(!r.provisional);
	calendar_free(c);
}

void test_calendar_provisional_year(void)
{
	struct calendar *c = hand_calendar();
	/* 2027 has no notice: weekends and the law's holidays, and provisional. received Sun 2026-12-20:
	 * 12-21..25 = 1..5, 12-28..31 = 6..9, 2027: 1-1 Fri 元旦 off, 1-4..8 = 10..14, 1-11..15 = 15..19,
	 * 1-18 = 20 */
	struct cal_result r = add(c, "2026-12-20", 20);
	CHECK(due_is(r.due, "2027-01-18"));
	CHECK(r.provisional);
	/* ending before the new year: not provisional */
	r = add(c, "2026-12-20", 9);
	CHECK(due_is(r.due, "2026-12-31"));
	CHECK(!r.provisional);
	CHECK(!calendar_year_published(c, 2027));
	calendar_free(c);
}

/* The finding: filed Fri 2026-12-04, due on New Year's Day 2027 when 2027 counted weekends only. */
void test_calendar_provisional_year_keeps_the_law(void)
{
	struct calendar *c = hand_calendar();
	/* 12-7..11 = 1..5, 12-14..18 = 6..10, 12-21..25 = 11..15, 12-28..31 = 16..19, 1-1 元旦 off, 1-4 Mon = 20 */
	struct cal_result r = add(c, "2026-12-04", 20);
	CHECK(due_is(r.due, "2027-01-04"));
	CHECK(r.provisional);
	/* 春节 2027 (除夕 Fri 2-5 to 初三 Mon 2-8): received Mon 2-1: 2-2..4 = 1..3, 2-5 off, weekend,
	 * 2-8 off, 2-9 = 4, 2-10 = 5 */
	CHECK(due_is(add(c, "2027-02-01", 5).due, "2027-02-10"));
	bool off = false, law = false, prov = false;
	CHECK_STR(cal_day_name(c, D("2027-02-08"), &off, &law), "春节");
	CHECK(off && law);
	CHECK(!cal_is_workday(c, D("2027-10-01"), &prov) && prov);
	/* a published year is counted by its notice alone: 2022-10-08 is a make-up working day */
	CHECK_STR(cal_day_name(c, D("2022-10-08"), &off, &law), "国庆节");
	CHECK(!off && !law);
	/* 2025 is published in this calendar with none of its days typed in: the law is not consulted */
	CHECK(cal_day_name(c, D("2025-01-01"), &off, &law) == NULL);
	CHECK(cal_is_workday(c, D("2025-01-01"), &prov));
	calendar_free(c);
}

void test_calendar_pauses_and_restart(void)
{
	struct calendar *c = hand_calendar();
	/* received Wed 2023-03-01, consultation pause Mon 3-6..Fri 3-10: 3-2=1, 3-3=2, paused,
	 * 3-13..17 = 3..7, 3-20..24 = 8..12, 3-27..31 = 13..17, 4-3=18, 4-4=19, 4-5 清明 off, 4-6=20 */
	struct cal_span pause = {D("2023-03-06"), D("2023-03-10")};
	CHECK(due_is(cal_add(c, D("2023-03-01"), 20, &pause, 1, NULL, NULL).due, "2023-04-06"));
	/* without the pause: 3-2,3 = 1,2; 3-6..10 = 3..7; ... 3-29 = 20 */
	CHECK(due_is(add(c, "2023-03-01", 20).due, "2023-03-29"));
	/* a restart (corrected request received Mon 2023-03-20) counts from the new day:
	 * 3-21..24 = 1..4, 3-27..31 = 5..9, 4-3=10, 4-4=11, 4-5 off, 4-6=12, 4-7=13, 4-10..14 = 14..18,
	 * 4-17=19, 4-18=20 */
	CHECK(due_is(add(c, "2023-03-20", 20).due, "2023-04-18"));
	/* between, with and without the pause */
	bool prov = false;
	CHECK(cal_between(c, D("2022-09-30"), D("2022-11-02"), NULL, 0, &prov) == 20);
	CHECK(cal_between(c, D("2023-03-01"), D("2023-04-06"), &pause, 1, &prov) == 20);
	CHECK(cal_between(c, D("2023-03-01"), D("2023-03-01"), NULL, 0, &prov) == 0);
	CHECK(!prov);
	CHECK(add(c, "2023-03-01", 0).due == D("2023-03-01"));
	calendar_free(c);
}

struct explain_log {
	int holidays, statutory, makeups, weekends, counted, paused;
};
static void count_reasons(void *ctx, int32_t day, enum cal_reason why, int n, const char *name, bool prov)
{
	struct explain_log *l = ctx;
	(void)day, (void)n, (void)name, (void)prov;
	l->holidays += why == CAL_HOLIDAY;
	l->statutory += why == CAL_STATUTORY;
	l->makeups += why == CAL_MAKEUP;
	l->weekends += why == CAL_WEEKEND;
	l->counted += why == CAL_COUNTED || why == CAL_MAKEUP;
	l->paused += why == CAL_PAUSED;
}

void test_calendar_explain(void)
{
	struct calendar *c = hand_calendar();
	struct explain_log l = {0};
	cal_add(c, D("2022-09-30"), 20, NULL, 0, count_reasons, &l);
	/* 10-1..7 holidays; 10-8, 10-9 make-up; weekends 10-15,16,22,23,29,30 */
	CHECK(l.holidays == 7 && l.makeups == 2 && l.weekends == 6 && l.counted == 20 && l.paused == 0);
	CHECK(l.statutory == 0);
	bool off = false;
	CHECK_STR(cal_day_name(c, D("2022-10-08"), &off, NULL), "国庆节");
	CHECK(!off);
	CHECK(cal_day_name(c, D("2022-10-10"), &off, NULL) == NULL);
	/* into 2027: 1-1 is the law's, not a notice's */
	l = (struct explain_log){0};
	cal_add(c, D("2026-12-04"), 20, NULL, 0, count_reasons, &l);
	CHECK(l.statutory == 1 && l.holidays == 0 && l.counted == 20);
	calendar_free(c);
}

/* Expected days from the lunar-javascript library (Lunar.fromYmd(y, 1, 1).getSolar() and so on),
 * not from memory. */
static bool law_is(int year, const char *want)
{
	struct statutory_day d[STATUTORY_MAX];
	size_t n = statutory_days(year, d);
	char got[1024] = "";
	size_t len = 0;
	for (size_t i = 0; i < n && len + 64 < sizeof got; i++) {
		char s[11];
		format_date(d[i].day, s);
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %s", i ? ", " : "", s + 5, d[i].name);
	}
	if (strcmp(got, want) != 0)
		fprintf(stderr, "  %d: got %s\n  want %s\n", year, got, want);
	return strcmp(got, want) == 0;
}

void test_statutory_days_by_version(void)
{
	/* 2024 text, in force 2025: 除夕 to 初三, 劳动节 two days. 2027: 除夕 02-05, 清明 04-05,
	 * 端午 06-09, 中秋 09-15 */
	CHECK(law_is(2027, "01-01 元旦, 02-05 春节, 02-06 春节, 02-07 春节, 02-08 春节, 04-05 清明节, 05-01 劳动节, "
	                   "05-02 劳动节, 06-09 端午节, 09-15 中秋节, 10-01 国庆节, 10-02 国庆节, 10-03 国庆节"));
	/* 2013 text: 初一 to 初三; 2020's 中秋 is 10-01, one holiday with 国庆 */
	CHECK(law_is(2020, "01-01 元旦, 01-25 春节, 01-26 春节, 01-27 春节, 04-04 清明节, 05-01 劳动节, 06-25 端午节, "
	                   "10-01 国庆节、中秋节, 10-02 国庆节, 10-03 国庆节"));
	/* 2007 text: 除夕, 初一, 初二 (初一 2010-02-14); 中秋 before 国庆 */
	CHECK(law_is(2010, "01-01 元旦, 02-13 春节, 02-14 春节, 02-15 春节, 04-05 清明节, 05-01 劳动节, 06-16 端午节, "
	                   "09-22 中秋节, 10-01 国庆节, 10-02 国庆节, 10-03 国庆节"));
	/* 1999 text: no 清明, 端午 or 中秋; 劳动节 three days (初一 2005-02-09) */
	CHECK(law_is(2005, "01-01 元旦, 02-09 春节, 02-10 春节, 02-11 春节, 05-01 劳动节, 05-02 劳动节, 05-03 劳动节, "
	                   "10-01 国庆节, 10-02 国庆节, 10-03 国庆节"));
	/* 中秋 after 国庆: 2025-10-06 */
	CHECK(law_is(2025, "01-01 元旦, 01-28 春节, 01-29 春节, 01-30 春节, 01-31 春节, 04-04 清明节, 05-01 劳动节, "
	                   "05-02 劳动节, 05-31 端午节, 10-01 国庆节, 10-02 国庆节, 10-03 国庆节, 10-06 中秋节"));
	struct statutory_day d[STATUTORY_MAX];
	CHECK(statutory_days(1999, d) == 0 && statutory_days(2200, d) == 0);
	CHECK_STR(statutory_holiday(D("2199-10-03")), "国庆节");
	CHECK(statutory_holiday(D("2027-02-09")) == NULL);
	CHECK_STR(statutory_version(2024), "2013年修订");
	CHECK_STR(statutory_version(2025), "2024年修订");
}

/* The table's rows are consistent with how the Chinese calendar works, so a mistyped digit shows:
 * a lunar year has 353-355 or 383-385 days; 端午 and 中秋 are four or five lunar months (plus a
 * leap one) and seven or eight after 初一; 清明 is April 4-6. */
void test_lunar_table_is_consistent(void)
{
	int bad = 0;
	for (int y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR; y++) {
		struct lunar_days l, next;
		CHECK(lunar_days_of(y, &l));
		int32_t jan1 = days_from_civil(y, 1, 1), apr4 = days_from_civil(y, 4, 4);
		bool ok = l.spring >= jan1 + 20 && l.spring <= jan1 + 50 && l.qingming >= apr4 && l.qingming <= apr4 + 2 &&
		          l.dragon_boat - l.spring >= 4 * 29 + 4 && l.dragon_boat - l.spring <= 5 * 30 + 4 &&
		          l.mid_autumn - l.spring >= 7 * 29 + 14 && l.mid_autumn - l.spring <= 8 * 30 + 14;
		if (y < LUNAR_LAST_YEAR && lunar_days_of(y + 1, &next)) {
			int32_t len = next.spring - l.spring;
			ok = ok && ((len >= 353 && len <= 355) || (len >= 383 && len <= 385));
		}
		if (!ok && bad++ < 5)
			fprintf(stderr, "  lunar table: %d is not consistent\n", y);
	}
	CHECK(bad == 0);
	struct lunar_days l;
	CHECK(!lunar_days_of(LUNAR_FIRST_YEAR - 1, &l) && !lunar_days_of(LUNAR_LAST_YEAR + 1, &l));
}
