/* Fee amounts worked out by hand from the 2020 measures' tables. */
#include "ysqgk/ysqgk_fees.h"
#include "unit.h"

void test_ysqgk_fees(void)
{
	CHECK(ysqgk_fee_per_request(1) == 0);
	CHECK(ysqgk_fee_per_request(10) == 0);
	CHECK(ysqgk_fee_per_request(11) == 100);
	CHECK(ysqgk_fee_per_request(30) == 100);
	CHECK(ysqgk_fee_per_request(31) == 200);
	CHECK(ysqgk_fee_per_request(40) == 200);
	CHECK(ysqgk_fee_per_request(41) == 300);
	CHECK(ysqgk_fee_per_request(55) == 400);
	CHECK(ysqgk_fee_by_volume(30) == 0);
	CHECK(ysqgk_fee_by_volume(31) == 10);
	CHECK(ysqgk_fee_by_volume(100) == 700);        /* 70 pages x 10 */
	CHECK(ysqgk_fee_by_volume(101) == 720);        /* 700 + 1 x 20 */
	CHECK(ysqgk_fee_by_volume(200) == 2700);       /* 700 + 100 x 20 */
	CHECK(ysqgk_fee_by_volume(250) == 4700);       /* 2700 + 50 x 40 */
}
