#include "notices/catalog.h"
#include "unit.h"

void test_catalog_codes(void)
{
	CHECK(catalog_code_valid("D01"));
	CHECK(catalog_code_valid("D01.C02"));
	CHECK(catalog_code_valid("D01.C02.C13"));
	CHECK(!catalog_code_valid("D1"));
	CHECK(!catalog_code_valid("D01."));
	CHECK(!catalog_code_valid("D01.C2"));
	CHECK(!catalog_code_valid("D01.I01"));
	CHECK(!catalog_code_valid("D01.C01' OR 1=1"));
	char cols[8][64];
	CHECK(catalog_columns("D03.C02.C01", cols, 8) == 3);
	CHECK_STR(cols[0], "D03");
	CHECK_STR(cols[1], "D03.C02");
	CHECK_STR(cols[2], "D03.C02.C01");
}
