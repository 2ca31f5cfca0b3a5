/* What the fuzz targets share (README.md, "Fuzzing"). Each target is one program, fuzz_NAME.c,
 * whose LLVMFuzzerTestOneInput gives one parser its input and checks what must hold whatever the
 * input; abort() marks a broken property as a crash. */
#ifndef XXGK_FUZZ_HARNESS_H
#define XXGK_FUZZ_HARNESS_H
#include "core/app.h"
#include "core/request.h"
#include "core/route.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The application as xxgk.fcgi builds it from this checkout's stylesheets and catalogs, with
 * the settings below (single sign-on on, two trusted proxies), built on first use. */
const struct app *fuzz_app(void);
#define FUZZ_SSO_HEADER "X-Remote-User"
#define FUZZ_TRUSTED_PROXIES "10.0.0.1, 10.0.0.2 ::1"

/* A database connection that cannot connect (its socket does not exist): the code under test
 * meets the database as in an outage, XE_UNAVAILABLE, so that whatever a parser lets through to
 * the database ends there. No parser is given a database to talk to. */
struct db *fuzz_db(void);

/* A request as serve.c builds one: the app, the unreachable database, today, a pool, and an
 * environment of FastCGI parameters (fuzz_env_add). Free with fuzz_request_end. */
struct fuzz_env {
	const char *name[64], *value[64];
	size_t n;
};
void fuzz_request(struct request *req, struct fuzz_env *env);
void fuzz_env_add(struct fuzz_env *env, const char *name, const char *value);
void fuzz_request_end(struct request *req);
/* The route table's entry for pattern and method (R_GET or R_POST); aborts when there is none. */
const struct route *fuzz_route(const char *pattern, unsigned method);
/* A site for requests that need one (never loaded: the database is out). */
struct site *fuzz_site(struct pool *p);

/* A path naming a file that holds data (memory file number slot, 0 or 1, rewritten at each
 * call): for the readers that take a path. */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

/* The input cut at the first sep: *head (NUL-terminated, in p) and the rest. False without sep. */
bool fuzz_split(struct pool *p, const uint8_t *data, size_t size, const char *sep, const char **head,
                const uint8_t **rest, size_t *rest_len);

/* Checks a response the handler under test made: a status xxgk answers with, a Content-Type,
 * no header value with a control character; a JSON body (R_JSON routes) parses as JSON. A broken
 * property shows the answer on standard error and aborts. */
void fuzz_check_response(const struct request *req, bool json);

#endif
