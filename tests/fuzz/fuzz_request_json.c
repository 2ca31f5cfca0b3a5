/* The request API's JSON (POST api/requests with Content-Type: application/json): the body to
 * the form's fields, then the filing's rules, through the handler itself. The database is out
 * (harness.h): a filing that passes every check reaches it and gets 503; anything else is
 * refused with 400 and a JSON error naming a declared field or none. */
#include "harness.h"
#include "core/render.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_rules.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool field_declared(const char *name)
{
	for (size_t k = 0; k < YF__N; k++)
		if (strcmp(ysqgk_fields[k].name, name) == 0)
			return true;
	return strcmp(name, "attachments") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	req.method = "POST";
	req.rest = "api/requests";
	req.content_type = "application/json";
	req.site = fuzz_site(req.pool);
	req.route = fuzz_route("api/requests", R_POST);
	req.raw_body = data;
	req.raw_body_len = size;
	enum xerr e = api_ysqgk_file(&req);
	if (!req.responded)
		respond_error(&req, e, NULL, NULL);
	fuzz_check_response(&req, true);
	if (req.status != 400 && req.status != 503)
		abort();
	/* {"error": text, "field": a declared field, or the unknown one named, or null} */
	json_t *answer = json_loadb(req.out.data, req.out.len, 0, NULL);
	json_t *error = json_object_get(answer, "error"), *field = json_object_get(answer, "field");
	if (!json_is_string(error) || !(json_is_null(field) || json_is_string(field)))
		abort();
	if (json_is_string(field) && !field_declared(json_string_value(field)) &&
	    strcmp(json_string_value(error), "未知的字段。") != 0)
		abort();
	json_decref(answer);
	fuzz_request_end(&req);
	return 0;
}
