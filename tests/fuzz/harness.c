/* What the fuzz targets share (see harness.h). The app and the database handle are built once
 * per process and kept: libFuzzer calls the target millions of times in one process. */
#include "harness.h"
#include "core/db.h"
#include "core/seal.h"
#include "core/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static struct app fuzz_the_app;
static bool fuzz_app_ready;
static struct db *fuzz_the_db;

/* A key file of the process's own, as `xxgkctl keys init` makes one: the app does not start
 * without one, and no target needs the keys to be any in particular. */
static bool fuzz_make_keys(const char *path)
{
	struct keyring k;
	memset(&k, 0, sizeof k);
	char err[256];
	bool ok = keyring_add_data(&k, CIPHER_AES_256_GCM) && keyring_add_macs(&k, HASH_HMAC_SHA256) &&
	          keyring_save(&k, path, err, sizeof err);
	keyring_wipe(&k);
	return ok;
}

const struct app *fuzz_app(void)
{
	if (fuzz_app_ready)
		return &fuzz_the_app;
	char path[] = "/tmp/xxgk-fuzz-conf-XXXXXX", keys[] = "/tmp/xxgk-fuzz-key-XXXXXX";
	int fd = mkstemp(path), kfd = mkstemp(keys);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f == NULL || kfd < 0 || !fuzz_make_keys(keys))
		abort();
	close(kfd);
	fprintf(f,
	        "[paths]\nxslt = %s/xslt\nsql = %s/sql\n"
	        "[database]\nsocket = /nonexistent-xxgk-fuzz/mysqld.sock\n"
	        "[auth]\nsso_enabled = yes\nsso_header = %s\n"
	        "[ysqgk]\ntrusted_proxies = %s\n"
	        "[keys]\nfile = %s\n",
	        XXGK_SOURCE_DIR, XXGK_SOURCE_DIR, FUZZ_SSO_HEADER, FUZZ_TRUSTED_PROXIES, keys);
	fclose(f);
	struct buf errors;
	buf_init(&errors);
	char err[512] = "";
	bool ok = app_configure(&fuzz_the_app, path, &errors) && app_init(&fuzz_the_app, err, sizeof err);
	unlink(path);
	unlink(keys);
	if (!ok) {
		fprintf(stderr, "fuzz: the app does not start: %s%s\n", buf_cstr(&errors), err);
		abort();
	}
	buf_free(&errors);
	fuzz_app_ready = true;
	return &fuzz_the_app;
}

struct db *fuzz_db(void)
{
	if (fuzz_the_db == NULL)
		fuzz_the_db = db_new(&fuzz_app()->cfg);
	return fuzz_the_db;
}

static const char *env_get(void *ctx, const char *name)
{
	const struct fuzz_env *env = ctx;
	for (size_t i = 0; i < env->n; i++)
		if (strcmp(env->name[i], name) == 0)
			return env->value[i];
	return NULL;
}

void fuzz_env_add(struct fuzz_env *env, const char *name, const char *value)
{
	if (env->n < sizeof env->name / sizeof env->name[0]) {
		env->name[env->n] = name;
		env->value[env->n++] = value;
	}
}

void fuzz_request(struct request *req, struct fuzz_env *env)
{
	memset(req, 0, sizeof *req);
	req->pool = pool_new();
	req->app = fuzz_app();
	req->db = fuzz_db();
	req->getenv_fn = env_get;
	req->env_ctx = env;
	req->method = "GET";
	req->path = "/xxgk/fuzz/";
	req->rest = "";
	req->remote_addr = "192.0.2.1";
	req->today = days_from_civil(2026, 3, 10);
	buf_init(&req->out);
}

void fuzz_request_end(struct request *req)
{
	buf_free(&req->out);
	pool_free(req->pool);
}

const struct route *fuzz_route(const char *pattern, unsigned method)
{
	for (size_t i = 0; i < nroutes; i++)
		if (strcmp(routes[i].pattern, pattern) == 0 && (routes[i].flags & method) && !(routes[i].flags & R_NOSITE))
			return &routes[i];
	abort();
}

struct site *fuzz_site(struct pool *p)
{
	struct site *s = pool_alloc(p, sizeof *s);
	*s = (struct site){.id = 1, .key = "fuzz", .name = "模糊测试站", .variant = "lincang", .org_code = "000000000",
	                   .index_format = NULL, .domain = "www.example.gov.cn", .look = NULL};
	return s;
}

const char *fuzz_file(int slot, const uint8_t *data, size_t size)
{
	static int fd[2] = {-1, -1};
	static char path[2][64];
	if (slot < 0 || slot > 1)
		abort();
	if (fd[slot] < 0) {
		fd[slot] = memfd_create("xxgk-fuzz", 0);
		if (fd[slot] < 0)
			abort();
		snprintf(path[slot], sizeof path[slot], "/proc/self/fd/%d", fd[slot]);
	}
	if (ftruncate(fd[slot], 0) != 0 || (size > 0 && pwrite(fd[slot], data, size, 0) != (ssize_t)size))
		abort();
	return path[slot];
}

bool fuzz_split(struct pool *p, const uint8_t *data, size_t size, const char *sep, const char **head,
                const uint8_t **rest, size_t *rest_len)
{
	const uint8_t *at = memmem(data, size, sep, strlen(sep));
	if (at == NULL)
		return false;
	*head = pool_strndup(p, (const char *)data, (size_t)(at - data));
	*rest = at + strlen(sep);
	*rest_len = size - (size_t)(*rest - data);
	return true;
}

static bool status_known(int status)
{
	static const int known[] = {200, 201, 303, 400, 401, 403, 404, 405, 409, 413, 415, 429, 503};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i] == status)
			return true;
	return false;
}

/* Shows the answer that broke a property, for the crash report, and stops. */
static void broken(const struct request *req, const char *why)
{
	fprintf(stderr, "fuzz: %s: status %d\n", why, req->status);
	for (size_t i = 0; i < req->nheaders; i++)
		fprintf(stderr, "%s: %s\n", req->headers[i].name, req->headers[i].value);
	fprintf(stderr, "\n%.*s\n", (int)(req->out.len < 4000 ? req->out.len : 4000), req->out.data ? req->out.data : "");
	abort();
}

void fuzz_check_response(const struct request *req, bool json)
{
	/* 500 is not among them: no input may make xxgk fail inside. */
	if (!req->responded || !status_known(req->status))
		broken(req, "not answered, or with a status xxgk does not use");
	bool typed = false;
	for (size_t i = 0; i < req->nheaders; i++) {
		for (const unsigned char *c = (const unsigned char *)req->headers[i].value; *c; c++)
			if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
				broken(req, "a control character in a header");
		typed = typed || strcmp(req->headers[i].name, "Content-Type") == 0;
	}
	if (req->out.len > 0 && !typed)
		broken(req, "a body without Content-Type");
	if (json && req->out.len > 0) {
		json_error_t je;
		json_t *j = json_loadb(req->out.data, req->out.len, 0, &je);
		if (j == NULL)
			broken(req, "the JSON answer is not JSON");
		json_decref(j);
	}
}
