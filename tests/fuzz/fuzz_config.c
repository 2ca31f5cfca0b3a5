/* The configuration file (settings_parse): every key checked against the table; a file it takes
 * gives the same settings when read again. */
#include "harness.h"
#include "core/settings.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	const char *text = pool_strndup(p, (const char *)data, size);
	struct settings a, b;
	struct buf err;
	buf_init(&err);
	bool ok = settings_parse(&a, text, "fuzz", &err);
	if (ok != (err.len == 0))
		abort();
	if (ok) {
		if (!settings_parse(&b, text, "fuzz", &err) || a.limits.body_max != b.limits.body_max ||
		    strcmp(a.server.prefix, b.server.prefix) != 0 || a.auth.sso_enabled != b.auth.sso_enabled)
			abort();
		settings_free(&b);
	}
	settings_free(&a);
	buf_free(&err);
	pool_free(p);
	return 0;
}
