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
};
