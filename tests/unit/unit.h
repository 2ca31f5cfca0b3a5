/* A minimal unit-test harness: CHECK records a failure with its place and goes on. */
#ifndef XXGK_UNIT_H
#define XXGK_UNIT_H
#include <stdio.h>
#include <string.h>

extern int unit_checks, unit_failures;
extern const char *unit_current;

#define CHECK(cond)                                                                                  \
	do {                                                                                         \
		unit_checks++;                                                                       \
		if (!(cond)) {                                                                       \
			unit_failures++;                                                             \
			fprintf(stderr, "FAIL %s (%s:%d): %s\n", unit_current, __FILE__, __LINE__, #cond); \
		}                                                                                    \
	} while (0)
#define CHECK_STR(a, b)                                                                              \
	do {                                                                                         \
		const char *a_ = (a), *b_ = (b);                                                     \
		unit_checks++;                                                                       \
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                               \
			unit_failures++;                                                             \
			fprintf(stderr, "FAIL %s (%s:%d): %s == \"%s\", expected \"%s\"\n", unit_current, \
			        __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");     \
		}                                                                                    \
	} while (0)

struct unit_test {
	const char *name;
	void (*fn)(void);
};

#endif
