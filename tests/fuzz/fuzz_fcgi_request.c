/* A whole request as the web server hands it over (serve_request): FastCGI parameters, one
 * NAME=VALUE a line, then an empty line and the body. It goes through the parameters' reading,
 * the cookies, the path's check and route, the query string, Content-Length and the body's
 * limit for its Content-Type, to the site's lookup in the database that is out (harness.h) or
 * an error page. The answer is always a status xxgk uses, headers that cannot be split, and a
 * Content-Length that is the body's. */
#include "harness.h"
#include "server/serve.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fake_io {
	struct fuzz_env env;
	const uint8_t *body;
	size_t len, at;
	struct buf out;
};

static const char *io_env(void *ctx, const char *name)
{
	struct fake_io *io = ctx;
	for (size_t i = 0; i < io->env.n; i++)
		if (strcmp(io->env.name[i], name) == 0)
			return io->env.value[i];
	return NULL;
}

static size_t io_env_count(void *ctx, const char *name)
{
	struct fake_io *io = ctx;
	size_t n = 0;
	for (size_t i = 0; i < io->env.n; i++)
		n += strcmp(io->env.name[i], name) == 0;
	return n;
}

static int io_read(void *ctx, char *buf, int n)
{
	struct fake_io *io = ctx;
	size_t k = io->len - io->at < (size_t)n ? io->len - io->at : (size_t)n;
	memcpy(buf, io->body + io->at, k);
	io->at += k;
	return (int)k;
}

static void io_write(void *ctx, const char *data, size_t n)
{
	buf_put(&((struct fake_io *)ctx)->out, data, n);
}

/* NAME=VALUE lines up to an empty line into io->env; the rest is the body. */
static void read_params(struct pool *p, const uint8_t *data, size_t size, struct fake_io *io)
{
	const uint8_t *c = data, *end = data + size;
	while (c < end) {
		const uint8_t *nl = memchr(c, '\n', (size_t)(end - c));
		const uint8_t *line_end = nl ? nl : end;
		if (line_end == c) {
			c++;
			break;
		}
		const uint8_t *eq = memchr(c, '=', (size_t)(line_end - c));
		if (eq != NULL)
			fuzz_env_add(&io->env, pool_strndup(p, (const char *)c, (size_t)(eq - c)),
			             pool_strndup(p, (const char *)eq + 1, (size_t)(line_end - eq - 1)));
		c = nl ? nl + 1 : end;
	}
	io->body = c;
	io->len = (size_t)(end - c);
}

/* "Status: NNN ...\r\n", header lines each "Name: value\r\n" with no CR or LF inside, an empty
 * line, then exactly Content-Length bytes. */
static void check_answer(const struct buf *out)
{
	const char *s = out->data, *end = out->data + out->len;
	int status = 0;
	if (out->len < 12 || sscanf(s, "Status: %3d ", &status) != 1)
		abort();
	static const int known[] = {200, 303, 400, 401, 403, 404, 405, 409, 413, 415, 429, 503};
	bool ok = false;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		ok = ok || known[i] == status;
	long long length = -1;
	while (ok && s < end) {
		const char *crlf = memmem(s, (size_t)(end - s), "\r\n", 2);
		if (crlf == NULL || memchr(s, '\n', (size_t)(crlf - s)) != NULL || memchr(s, '\r', (size_t)(crlf - s)) != NULL)
			abort();
		if (crlf == s) {
			s += 2;
			break;
		}
		if (strncmp(s, "Content-Length: ", 16) == 0)
			length = strtoll(s + 16, NULL, 10);
		s = crlf + 2;
	}
	if (!ok || length != (long long)(end - s))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct fake_io io = {0};
	buf_init(&io.out);
	read_params(p, data, size, &io);
	struct server_thread t = {.app = fuzz_app(), .db = fuzz_db()};
	struct io fio = {io_env, io_read, io_write, &io, io_env_count};
	serve_request(&t, &fio);
	const char *method = io_env(&io, "REQUEST_METHOD");
	if (method == NULL || strcmp(method, "HEAD") != 0)
		check_answer(&io.out);
	buf_free(&io.out);
	pool_free(p);
	return 0;
}
