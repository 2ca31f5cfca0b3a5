/* X-Forwarded-For (client_addr, with the trusted proxies of harness.h; the connection's address
 * by the input's length): the address the limits count is the connection's, or one element of the
 * header, plausible as an address, with only trusted proxies to its right, and never taken from
 * the header unless the connection comes from a trusted proxy. */
#include "harness.h"
#include "core/client_addr.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

static const char *const remotes[] = {"10.0.0.1", "192.0.2.1", "::1", "10.0.0.2"};

/* Is s, trimmed, the element of xff that ends at end? And are all elements after it trusted? */
static bool rightmost_untrusted(struct pool *p, const char *xff, const char *client)
{
	const char *end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		const char *tok = str_trim(pool_strndup(p, start, (size_t)(end - start)));
		if (strcmp(tok, client) == 0)
			return true;
		if (!addr_listed(FUZZ_TRUSTED_PROXIES, tok))
			return false;
		end = start > xff ? start - 1 : start;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *xff = pool_strndup(req.pool, (const char *)data, size);
	fuzz_env_add(&env, "HTTP_X_FORWARDED_FOR", xff);
	req.remote_addr = remotes[size % 4];
	const char *client = client_addr(&req, FUZZ_TRUSTED_PROXIES);
	if (client == NULL)
		abort();
	if (strcmp(client, req.remote_addr) != 0) {
		size_t n = strlen(client);
		if (!addr_listed(FUZZ_TRUSTED_PROXIES, req.remote_addr) || n == 0 || n > 45 ||
		    strspn(client, "0123456789abcdefABCDEF.:") != n || !rightmost_untrusted(req.pool, xff, client))
			abort();
	}
	fuzz_request_end(&req);
	return 0;
}
