/* libFuzzer target for every parser that reads untrusted bytes: the first byte picks the parser,
 * the rest is its input. Run by `make fuzz` (and briefly by `make test`). */
#include "config.h"
#include "exchange.h"
#include "parse.h"
#include "text.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned which = data[0] % 6;
	data++;
	size--;
	struct pool *p = pool_new();
	char *s = pool_strndup(p, (const char *)data, size);
	struct form f = {0};
	const char *why;
	struct limits lim = default_limits;
	lim.max_fields = 50;
	lim.max_value = 4096;
	lim.max_file_size = 4096;
	switch (which) {
	case 0:
		parse_urlencoded(p, (const char *)data, size, &lim, &f, &why);
		break;
	case 1: {
		/* the boundary is the input up to the first newline */
		const char *nl = memchr(data, '\n', size);
		size_t blen = nl ? (size_t)(nl - (const char *)data) : 0;
		char *ct = pool_printf(p, "multipart/form-data; boundary=%.*s", (int)blen, (const char *)data);
		const unsigned char *body = nl ? (const unsigned char *)nl + 1 : data;
		parse_multipart(p, body, size - (size_t)(body - data), ct, &lim, &f, &why);
		break;
	}
	case 2:
		parse_cookies(p, s, &f);
		break;
	case 3: {
		struct config c = {0};
		char err[256];
		config_parse(&c, s, err, sizeof err);
		config_free(&c);
		break;
	}
	case 4: {
		const char *when;
		long long id;
		cursor_parse(p, s, &when, &id);
		int32_t d;
		parse_date(s, &d);
		break;
	}
	default:
		text_valid((const char *)data, size);
		url_is_safe(s);
		value_is_email(s);
		break;
	}
	/* Whatever was parsed is valid text within the limits. */
	for (size_t i = 0; i < f.n; i++)
		if (!text_valid(f.fields[i].value, f.fields[i].len) || f.fields[i].len > lim.max_value)
			abort();
	pool_free(p);
	return 0;
}
