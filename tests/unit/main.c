/* Runs every unit test; ends with "N passed, N failed" (counted per test function). */
#include "unit.h"
#include "tests.h"

int unit_checks, unit_failures;
const char *unit_current;

int main(void)
{
	int passed = 0, failed = 0;
	for (size_t i = 0; i < sizeof all_tests / sizeof all_tests[0]; i++) {
		int before = unit_failures;
		unit_current = all_tests[i].name;
		all_tests[i].fn();
		if (unit_failures == before) {
			passed++;
			printf("ok   unit %s\n", all_tests[i].name);
		} else {
			failed++;
			printf("FAIL unit %s\n", all_tests[i].name);
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
