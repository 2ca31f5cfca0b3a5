/* The list of unit tests. Add a test: write it in a test_*.c file and name it here. */
#include "unit.h"

void test_utf8(void);
void test_parse_int(void);
void test_dates(void);
void test_trim(void);
void test_json_escape(void);
void test_csv_escape(void);
void test_urlencoded(void);
void test_multipart(void);
void test_cookies(void);
void test_validate(void);
void test_url_check(void);
void test_config(void);
void test_catalog_codes(void);
void test_sha256(void);
void test_calendar_court_cases(void);
void test_calendar_start_on_holiday_and_makeup_day(void);
void test_calendar_spring_festival(void);
void test_calendar_across_new_year(void);
void test_calendar_provisional_year(void);
void test_calendar_pauses_and_restart(void);
void test_calendar_explain(void);

static const struct unit_test all_tests[] = {
	{"utf8", test_utf8},
	{"parse_int", test_parse_int},
	{"dates", test_dates},
	{"trim", test_trim},
	{"json_escape", test_json_escape},
	{"csv_escape", test_csv_escape},
	{"urlencoded", test_urlencoded},
	{"multipart", test_multipart},
	{"cookies", test_cookies},
	{"validate", test_validate},
	{"url_check", test_url_check},
	{"config", test_config},
	{"catalog_codes", test_catalog_codes},
	{"sha256", test_sha256},
	{"calendar_court_cases", test_calendar_court_cases},
	{"calendar_start_on_holiday_and_makeup_day", test_calendar_start_on_holiday_and_makeup_day},
	{"calendar_spring_festival", test_calendar_spring_festival},
	{"calendar_across_new_year", test_calendar_across_new_year},
	{"calendar_provisional_year", test_calendar_provisional_year},
	{"calendar_pauses_and_restart", test_calendar_pauses_and_restart},
	{"calendar_explain", test_calendar_explain},
};
