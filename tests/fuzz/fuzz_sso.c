/* The single sign-on header (auth_check on a staff page, [auth] sso_enabled on, harness.h): a
 * user name that is text of 1 to 64 bytes is looked up, and meets the database that is out
 * (503); anything else is no user, and the stranger is sent to the sign-in page of this site.
 * Nobody is ever signed in by the header alone. */
#include "harness.h"
#include "core/auth.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *login = pool_strndup(req.pool, (const char *)data, size);
	fuzz_env_add(&env, "HTTP_X_REMOTE_USER", login);
	req.site = fuzz_site(req.pool);
	req.route = fuzz_route("admin/", R_GET);
	req.rest = "admin/";
	enum xerr e = auth_check(&req);
	size_t n = strlen(login);
	bool asked = n >= 1 && n <= 64 && text_valid(login, n);
	if (req.user != NULL || (asked ? e != XE_UNAVAILABLE : e != XE_OK))
		abort();
	if (!asked) {
		fuzz_check_response(&req, false);
		const char *location = req.nheaders ? req.headers[0].value : "";
		if (req.status != 303 || !str_has_prefix(location, "/xxgk/fuzz/admin/login?next="))
			abort();
	}
	fuzz_request_end(&req);
	return 0;
}
