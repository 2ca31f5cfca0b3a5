/* The Cookie header (parse_cookies): never fails a request; what it keeps is valid text with a
 * name, at most 50 pairs. */
#include "harness.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct form f = {0};
	parse_cookies(p, pool_strndup(p, (const char *)data, size), &f);
	if (f.n > 50)
		abort();
	for (size_t i = 0; i < f.n; i++)
		if (*f.fields[i].key == '\0' || !text_valid(f.fields[i].key, strlen(f.fields[i].key)) ||
		    !text_valid(f.fields[i].value, f.fields[i].len))
			abort();
	pool_free(p);
	return 0;
}
