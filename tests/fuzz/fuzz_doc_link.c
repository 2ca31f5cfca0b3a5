/* The link to a reply's document (GET ysqgk/doc/ID?t=EXPIRY.HMAC, page_ysqgk_doc and
 * ysqgk_doc_check): the input's first line is the path's ID segment, the rest the query string.
 * A link that is not of the signed shape is 404 without the database; the shape goes on to the
 * secret and meets the database that is out (503). Nothing else is answered. */
#include "harness.h"
#include "core/render.h"
#include "core/text.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_token.h"
#include <stdlib.h>
#include <string.h>

static bool link_shaped(const char *t)
{
	const char *dot = t ? strchr(t, '.') : NULL;
	if (dot == NULL || strlen(dot + 1) != 64)
		return false;
	for (const char *c = dot + 1; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	struct pool *p = pool_new();
	long long exp;
	bool ok = parse_int(pool_strndup(p, t, (size_t)(dot - t)), 0, 1LL << 40, &exp);
	pool_free(p);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *id;
	const uint8_t *query;
	size_t qlen;
	const char *why;
	if (!fuzz_split(req.pool, data, size, "\n", &id, &query, &qlen) ||
	    parse_urlencoded(req.pool, (const char *)query, qlen, &req.app->limits, &req.query, &why) != XE_OK) {
		fuzz_request_end(&req);
		return 0;
	}
	req.site = fuzz_site(req.pool);
	req.route = fuzz_route("ysqgk/doc/*", R_GET);
	req.path_args[0] = id;
	enum xerr e = page_ysqgk_doc(&req);
	if (!req.responded)
		respond_error(&req, e, NULL, NULL);
	fuzz_check_response(&req, false);
	long long doc;
	/* An id with a leading zero names no document (one address a document, e7575d4's round). */
	bool shaped = id[0] != '0' && parse_int(id, 1, ID_MAX, &doc) && link_shaped(request_param(&req, "t"));
	if (req.status != (shaped ? 503 : 404))
		abort();
	fuzz_request_end(&req);
	return 0;
}
