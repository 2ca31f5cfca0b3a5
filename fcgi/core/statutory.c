#include "core/statutory.h"
#include "core/lunar.h"
#include "core/text.h"
#include <stdbool.h>

struct version {
	int from_year;
	const char *name;
	bool eve;         /* 春节 begins on 除夕 rather than 初一 */
	int spring_days;
	int labour_days;
	bool traditional; /* 清明, 端午 and 中秋 are holidays */
};

/* Each amendment from the year it took effect; the 1999 text was in force when the table begins. */
static const struct version versions[] = {
	{LUNAR_FIRST_YEAR, "1999年修订", false, 3, 3, false},
	{2008, "2007年修订", true, 3, 1, true},
	{2014, "2013年修订", false, 3, 1, true},
	{2025, "2024年修订", true, 4, 2, true},
};

static const struct version *version_of(int year)
{
	if (year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR)
		return NULL;
	size_t i = sizeof versions / sizeof versions[0];
	while (versions[i - 1].from_year > year)
		i--;
	return &versions[i - 1];
}

const char *statutory_version(int year)
{
	const struct version *v = version_of(year);
	return v ? v->name : NULL;
}

/* Inserts in date order; 中秋 on a day of 国庆 is one holiday with both names. */
static void add(struct statutory_day *out, size_t *n, int32_t day, const char *name)
{
	size_t i = *n;
	while (i > 0 && out[i - 1].day > day)
		i--;
	if (i > 0 && out[i - 1].day == day) {
		out[i - 1].name = "国庆节、中秋节";
		return;
	}
	for (size_t k = *n; k > i; k--)
		out[k] = out[k - 1];
	out[i] = (struct statutory_day){day, name};
	(*n)++;
}

size_t statutory_days(int year, struct statutory_day out[STATUTORY_MAX])
{
	const struct version *v = version_of(year);
	struct lunar_days l;
	if (v == NULL || !lunar_days_of(year, &l))
		return 0;
	size_t n = 0;
	add(out, &n, days_from_civil(year, 1, 1), "元旦");
	int32_t spring = l.spring - (v->eve ? 1 : 0);
	for (int i = 0; i < v->spring_days; i++)
		add(out, &n, spring + i, "春节");
	for (int i = 0; i < v->labour_days; i++)
		add(out, &n, days_from_civil(year, 5, 1) + i, "劳动节");
	for (int i = 0; i < 3; i++)
		add(out, &n, days_from_civil(year, 10, 1) + i, "国庆节");
	if (v->traditional) {
		add(out, &n, l.qingming, "清明节");
		add(out, &n, l.dragon_boat, "端午节");
		add(out, &n, l.mid_autumn, "中秋节");
	}
	return n;
}

const char *statutory_holiday(int32_t day)
{
	int year;
	unsigned m, d;
	civil_from_days(day, &year, &m, &d);
	struct statutory_day days[STATUTORY_MAX];
	size_t n = statutory_days(year, days);
	for (size_t i = 0; i < n; i++)
		if (days[i].day == day)
			return days[i].name;
	return NULL;
}
