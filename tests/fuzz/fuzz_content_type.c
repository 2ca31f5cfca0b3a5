/* Content-Type and the body it announces, as the request API takes them (POST api/requests:
 * JSON, urlencoded or multipart with attachments, anything else 415): the input's first line is
 * the header, the rest the body. The handler answers every body with a status xxgk uses and a
 * JSON error; the database is out (harness.h), so nothing passes beyond 503. The same header
 * also goes to parse_multipart with the form limits dispatch uses. */
#include "harness.h"
#include "core/render.h"
#include "core/text.h"
#include "server/handlers.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *ct;
	const uint8_t *body;
	size_t len;
	if (!fuzz_split(req.pool, data, size, "\n", &ct, &body, &len)) {
		fuzz_request_end(&req);
		return 0;
	}
	req.method = "POST";
	req.rest = "api/requests";
	req.content_type = ct;
	req.site = fuzz_site(req.pool);
	req.route = fuzz_route("api/requests", R_POST);
	req.raw_body = body;
	req.raw_body_len = len;
	enum xerr e = api_ysqgk_file(&req);
	if (!req.responded)
		respond_error(&req, e, NULL, NULL);
	fuzz_check_response(&req, true);
	if (req.status == 200 || req.status == 201)
		abort();
	struct form f = {0};
	const char *why;
	if (parse_multipart(req.pool, body, len, ct, &req.app->limits, &f, &why) == XE_OK)
		for (size_t i = 0; i < f.n; i++)
			if (!text_valid(f.fields[i].value, f.fields[i].len))
				abort();
	fuzz_request_end(&req);
	return 0;
}
