/* The holidays 《全国年节及纪念日放假办法》 gives all citizens, by the version in force in a year.
 * The State Council's yearly notice adds to them the bridging days, the make-up working days
 * (调休) and a weekday off for a holiday on a weekend; until that notice is loaded, these days are
 * the only rest days besides weekends that are certain. */
#ifndef XXGK_STATUTORY_H
#define XXGK_STATUTORY_H
#include <stddef.h>
#include <stdint.h>

#define STATUTORY_MAX 16

struct statutory_day {
	int32_t day;      /* days since 1970-01-01 */
	const char *name; /* 元旦, 春节, ...; 国庆节、中秋节 when the two meet */
};

/* The statutory holidays of year in date order; 0 for a year the lunar table does not cover. */
size_t statutory_days(int year, struct statutory_day out[STATUTORY_MAX]);
/* The name of day's statutory holiday, or NULL. */
const char *statutory_holiday(int32_t day);
/* The amendment of the law in force in year, such as "2024年修订"; NULL outside the table. */
const char *statutory_version(int year);

#endif
