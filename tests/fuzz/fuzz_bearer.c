/* The push API's Authorization header (api_push): "Bearer " and a token of 64 lower-case hex
 * digits is looked up, and meets the database that is out (503); anything else is 401 with
 * WWW-Authenticate, before the body is read. */
#include "harness.h"
#include "core/render.h"
#include "server/handlers.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool bearer_shaped(const char *h)
{
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	h += 7 + strspn(h + 7, " ");
	return strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *auth = pool_strndup(req.pool, (const char *)data, size);
	fuzz_env_add(&env, "HTTP_AUTHORIZATION", auth);
	req.method = "POST";
	req.content_type = "application/json";
	req.raw_body = (const unsigned char *)"{}";
	req.raw_body_len = 2;
	req.site = fuzz_site(req.pool);
	req.route = fuzz_route("api/push", R_POST);
	enum xerr e = api_push(&req);
	if (!req.responded)
		respond_error(&req, e, NULL, NULL);
	fuzz_check_response(&req, true);
	if (req.status != (bearer_shaped(auth) ? 503 : 401))
		abort();
	fuzz_request_end(&req);
	return 0;
}
