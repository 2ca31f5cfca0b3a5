#include "server/serve.h"
#include "core/render.h"
#include "core/route.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const char *fcgi_env(void *ctx, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)ctx)->envp);
}

/* libfcgi keeps every parameter it was sent, a name twice included (FCGX_GetParam finds the first). */
static size_t fcgi_env_count(void *ctx, const char *name)
{
	size_t n = 0, len = strlen(name);
	for (char **e = ((FCGX_Request *)ctx)->envp; e != NULL && *e != NULL; e++)
		n += strncmp(*e, name, len) == 0 && (*e)[len] == '=';
	return n;
}

static int fcgi_read(void *ctx, char *buf, int n)
{
	return FCGX_GetStr(buf, n, ((FCGX_Request *)ctx)->in);
}

static void fcgi_write(void *ctx, const char *data, size_t n)
{
	FCGX_PutStr(data, (int)n, ((FCGX_Request *)ctx)->out);
}

struct io io_fcgi(FCGX_Request *fr)
{
	return (struct io){fcgi_env, fcgi_read, fcgi_write, fr, fcgi_env_count};
}

static const char *cgi_env(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static int cgi_read(void *ctx, char *buf, int n)
{
	(void)ctx;
	return (int)fread(buf, 1, (size_t)n, stdin);
}

static void cgi_write(void *ctx, const char *data, size_t n)
{
	(void)ctx;
	fwrite(data, 1, n, stdout);
}

struct io io_cgi(void)
{
	return (struct io){cgi_env, cgi_read, cgi_write, NULL, NULL};
}

static void log_request(struct access_log *log, const struct request *req, size_t bytes)
{
	if (log == NULL)
		return;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char when[32], line[1024];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* The path only: query strings can carry query codes, and bodies personal data. */
	int n = snprintf(line, sizeof line, "%s %s %s %.300s %d %zu %lldus\n", when,
	                 req->remote_addr ? req->remote_addr : "-", req->method ? req->method : "-",
	                 req->path ? req->path : "-", req->status, bytes, (long long)(now_us() - req->start_us));
	if (n > 0)
		access_log_add(log, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static bool has_header(const struct request *req, const char *name)
{
	for (size_t i = 0; i < req->nheaders; i++)
		if (strcasecmp(req->headers[i].name, name) == 0)
			return true;
	return false;
}

/* The console's pages hold applicants' identity numbers, addresses and the like: no browser or
 * proxy may keep them (Back after signing out showed them again). Every signed-in route is
 * marked so here, whatever its handler forgets. */
static bool private_answer(const struct request *req)
{
	return req->user != NULL || (req->route != NULL && (req->route->flags & R_LOGIN));
}

/* libfcgi's own printf knows few conversions, so headers are formatted here and written whole. */
static void put_headers(const struct io *io, struct request *req, size_t body_len)
{
	struct buf h;
	buf_init(&h);
	buf_printf(&h, "Status: %d %s\r\n", req->status, http_reason(req->status));
	for (size_t i = 0; i < req->nheaders; i++)
		buf_printf(&h, "%s: %s\r\n", req->headers[i].name, req->headers[i].value);
	if (private_answer(req) && !has_header(req, "Cache-Control"))
		buf_puts(&h, "Cache-Control: no-store\r\n");
	buf_printf(&h, "Content-Length: %zu\r\n"
	               "X-Content-Type-Options: nosniff\r\n"
	               "Referrer-Policy: same-origin\r\n"
	               "X-Frame-Options: SAMEORIGIN\r\n"
	               "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
	               "script-src 'self'; frame-ancestors 'self'; form-action 'self'\r\n\r\n",
	           body_len);
	io->write(io->ctx, h.data, h.len);
	buf_free(&h);
}

/* The path asked for, decoded. nginx gives it as DOCUMENT_URI (xxgk-location.conf sets $uri), Apache
 * as SCRIPT_NAME and PATH_INFO. In the subrequest of an include (SERVER_PROTOCOL "INCLUDED"),
 * Apache's mod_include passes on the including page's DOCUMENT_URI and REQUEST_URI: there only
 * SCRIPT_NAME and PATH_INFO are the fragment's own. REQUEST_URI, undecoded, is the last resort. */
static const char *request_path(struct request *req)
{
	const char *protocol = request_env(req, "SERVER_PROTOCOL");
	const char *document = request_env(req, "DOCUMENT_URI");
	if (document != NULL && (protocol == NULL || strcmp(protocol, "INCLUDED") != 0))
		return document;
	const char *script = request_env(req, "SCRIPT_NAME"), *info = request_env(req, "PATH_INFO");
	if (script != NULL && *script != '\0')
		return info != NULL && *info != '\0' ? pool_printf(req->pool, "%s%s", script, info) : script;
	const char *uri = request_env(req, "REQUEST_URI");
	const char *q = uri != NULL ? strchr(uri, '?') : NULL;
	return q != NULL ? pool_strndup(req->pool, uri, (size_t)(q - uri)) : uri;
}

/* The request's input from the server's environment; the body is dispatch's to read. */
static void read_environment(struct request *req)
{
	req->method = request_env(req, "REQUEST_METHOD");
	if (req->method == NULL)
		req->method = "GET";
	req->path = request_path(req);
	req->query_string = request_env(req, "QUERY_STRING");
	req->remote_addr = request_env(req, "REMOTE_ADDR");
	req->content_type = request_env(req, "CONTENT_TYPE");
	req->user_agent = request_env(req, "HTTP_USER_AGENT");
	req->https = request_env(req, "HTTPS");
	parse_cookies(req->pool, request_env(req, "HTTP_COOKIE"), &req->cookies);
}

void serve_request(struct server_thread *t, const struct io *io)
{
	struct request req;
	memset(&req, 0, sizeof req);
	req.start_us = now_us();
	req.pool = pool_new();
	req.app = t->app;
	req.db = t->db;
	req.calendar_slot = &t->calendar;
	req.cache = t->cache;
	req.search = t->search;
	req.env_ctx = io->ctx;
	req.getenv_fn = io->env;
	req.env_count_fn = io->env_count;
	req.read_fn = io->read;
	buf_init(&req.out);
	req.today = today_local();
	read_environment(&req);
	/* A database at another schema than this build's is not served: every request gets the
	 * same 503 saying why (schema_gate.h). */
	enum schema_state schema = schema_gate_check(t->schema, t->db);
	if (schema == SCHEMA_OK || schema == SCHEMA_UNKNOWN)
		dispatch(&req);
	else
		dispatch_refuse(&req, XE_UNAVAILABLE, schema_gate_message(schema));
	if (!req.responded)
		respond_error(&req, XE_INTERNAL, NULL, NULL);

	bool head = strcmp(req.method, "HEAD") == 0;
	put_headers(io, &req, req.out.len);
	if (!head && req.out.len > 0)
		io->write(io->ctx, req.out.data, req.out.len);
	log_request(t->log, &req, req.out.len);
	buf_free(&req.out);
	pool_free(req.pool);
}

/* When the request's input was read to the end, the connection is closed at once: with nothing
 * unread, the close cannot become a reset that loses the answer. Otherwise (a body refused
 * unread) libfcgi's lingering close (shut down our side, then read until the server hangs up)
 * lets the server finish sending first; it waits for nginx to hang up, a wake-up per request,
 * too dear to pay on every request. */
void serve_finish(FCGX_Request *fr)
{
	if (FCGX_GetChar(fr->in) == EOF && FCGX_GetError(fr->in) == 0)
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}
