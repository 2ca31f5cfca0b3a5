/* The request form's signed token ("MS.NONCE.HMAC", ysqgk_check_token): checked for its shape
 * before the install's secret is read. Against a grammar written here, an input of any other
 * shape is TOKEN_BAD without the database; one of that shape goes on to the secret, which the
 * database that is out (harness.h) cannot give: 503, never TOKEN_OK. */
#include "harness.h"
#include "core/text.h"
#include "ysqgk/ysqgk_token.h"
#include <stdlib.h>
#include <string.h>

static bool lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* digits "." 32 lower-case hex "." 64 lower-case hex, the time at most 2^50, 120 bytes at most */
static bool token_shaped(const char *t)
{
	size_t n = strlen(t);
	const char *d1 = strchr(t, '.');
	if (n > 120 || d1 == NULL || (size_t)(t + n - d1) != 1 + 32 + 1 + 64 || d1[33] != '.' ||
	    !lower_hex(d1 + 1, 32) || !lower_hex(d1 + 34, 64))
		return false;
	long long ms;
	struct pool *p = pool_new();
	bool ok = parse_int(pool_strndup(p, t, (size_t)(d1 - t)), 0, 1LL << 50, &ms);
	pool_free(p);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	req.site = fuzz_site(req.pool);
	const char *token = pool_strndup(req.pool, (const char *)data, size);
	enum token_state state = TOKEN_OK;
	const char *nonce = "";
	enum xerr e = ysqgk_check_token(&req, token, &state, &nonce);
	bool shaped = token_shaped(token);
	if (shaped ? e != XE_UNAVAILABLE : (e != XE_OK || state != TOKEN_BAD || nonce != NULL))
		abort();
	fuzz_request_end(&req);
	return 0;
}
