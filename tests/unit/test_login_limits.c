/* The growth of an account's sign-in wait (over HTTP: tests/integration/test_login_limits.py). */
#include "core/login_limits.h"
#include "unit.h"

void test_login_account_delay(void)
{
	struct settings cfg = {0};
	cfg.auth.account_free_failures = 3;
	cfg.auth.account_delay_seconds = 2;
	cfg.auth.account_delay_max_seconds = 900;
	CHECK(login_account_delay(&cfg, 0) == 0);
	CHECK(login_account_delay(&cfg, 3) == 0);
	CHECK(login_account_delay(&cfg, 4) == 2);
	CHECK(login_account_delay(&cfg, 5) == 4);
	CHECK(login_account_delay(&cfg, 12) == 512);
	CHECK(login_account_delay(&cfg, 13) == 900);
	CHECK(login_account_delay(&cfg, 1000000) == 900);
	cfg.auth.account_free_failures = 0;
	CHECK(login_account_delay(&cfg, 1) == 2);
}
