/* Query strings and urlencoded bodies (parse_urlencoded): what is parsed is valid text within
 * the limits, and written out again and parsed, gives the same fields. */
#include "harness.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct limits lim = default_limits;
	lim.max_fields = 50;
	lim.max_value = 4096;
	struct form f = {0}, again = {0};
	const char *why;
	if (parse_urlencoded(p, (const char *)data, size, &lim, &f, &why) == XE_OK) {
		struct buf b;
		buf_init(&b);
		for (size_t i = 0; i < f.n; i++) {
			if (!text_valid(f.fields[i].key, strlen(f.fields[i].key)) || !text_valid(f.fields[i].value, f.fields[i].len) ||
			    f.fields[i].len > lim.max_value || strlen(f.fields[i].key) > lim.max_key)
				abort();
			buf_puts(&b, i ? "&" : "");
			buf_url_encode(&b, f.fields[i].key);
			buf_putc(&b, '=');
			buf_url_encode(&b, f.fields[i].value);
		}
		if (parse_urlencoded(p, b.data ? b.data : "", b.len, &lim, &again, &why) != XE_OK || again.n != f.n)
			abort();
		for (size_t i = 0; i < f.n; i++)
			if (strcmp(f.fields[i].key, again.fields[i].key) != 0 || strcmp(f.fields[i].value, again.fields[i].value) != 0)
				abort();
		buf_free(&b);
	}
	pool_free(p);
	return 0;
}
