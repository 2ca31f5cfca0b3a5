/* The days of the Chinese calendar that statutory holidays fall on, for the Gregorian years the
 * calendar accepts: a table computed once from astronomy by tools/lunar-table.py (no run-time
 * dependency), checked by the test suite against an npm calendar library. */
#ifndef XXGK_LUNAR_H
#define XXGK_LUNAR_H
#include <stdbool.h>
#include <stdint.h>

#define LUNAR_FIRST_YEAR 2000
#define LUNAR_LAST_YEAR 2199

/* Days since 1970-01-01, all inside the Gregorian year asked for. */
struct lunar_days {
	int32_t spring;      /* 正月初一; 除夕 is the day before */
	int32_t qingming;    /* the day of the solar term 清明 */
	int32_t dragon_boat; /* 五月初五, 端午 */
	int32_t mid_autumn;  /* 八月十五, 中秋 */
};

/* false outside LUNAR_FIRST_YEAR..LUNAR_LAST_YEAR. */
bool lunar_days_of(int year, struct lunar_days *out);

#endif
