/* A list's keyset cursor (cursor_parse, from ?after=) and dates (parse_date): a cursor taken is
 * a real time and a row id, and made again from what was read it is the same text. */
#include "harness.h"
#include "core/exchange.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	const char *s = pool_strndup(p, (const char *)data, size);
	const char *when;
	long long id;
	if (cursor_parse(p, s, &when, &id)) {
		if (id < 1 || strlen(when) != 19)
			abort();
		const char *again = cursor_make(p, when, pool_printf(p, "%lld", id));
		if (again == NULL || strncmp(again, s, 15) != 0)
			abort();
	}
	int32_t d;
	if (parse_date(s, &d)) {
		char out[11];
		format_date(d, out);
		if (strcmp(out, s) != 0)
			abort();
	}
	pool_free(p);
	return 0;
}
