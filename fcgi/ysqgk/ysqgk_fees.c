#include "ysqgk/ysqgk_fees.h"

long long ysqgk_fee_per_request(long long n)
{
	if (n <= 10)
		return 0;
	if (n <= 30)
		return 100;
	/* 31-40: 200, 41-50: 300, ... */
	return 100 * (2 + (n - 31) / 10);
}

long long ysqgk_fee_by_volume(long long pages)
{
	long long fee = 0;
	if (pages > 200) {
		fee += (pages - 200) * 40;
		pages = 200;
	}
	if (pages > 100) {
		fee += (pages - 100) * 20;
		pages = 100;
	}
	if (pages > 30)
		fee += (pages - 30) * 10;
	return fee;
}
