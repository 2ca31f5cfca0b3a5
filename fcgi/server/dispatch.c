/* Central request handling: route matching, the body read within the route's limit, site
 * lookup, method / sign-in / CSRF checks from the route's flags, bounded body parsing, then the
 * handler. Handlers never repeat these checks. */
#include "core/auth.h"
#include "cache/page_cache.h"
#include "cache/page_copies.h"
#include "core/render.h"
#include "core/route.h"
#include "core/site.h"
#include "core/text.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_upload.h"
#include <string.h>
#include <strings.h>

/* The longest path answered: every address xxgk makes is a fraction of it (site key, route, ids),
 * and a path echoed into a header (a redirect, the sign-in's return address) must stay within
 * the web server's buffer for the answer's headers (4 KB by default in nginx). */
#define DISPATCH_PATH_MAX 1024

/* Errors on API addresses answer as JSON, even where no route matched. */
static const struct route json_errors = {"", R_JSON, NULL, ROLE_NONE};

/* The route an error answers by, for rest (the path after the site's key): JSON under api/. */
static const struct route *error_route(const char *rest)
{
	return rest != NULL && str_has_prefix(rest, "api/") ? &json_errors : NULL;
}

/* Matches pattern "c/STAR" against "c/D01.C02"; a STAR takes one non-empty segment. */
static bool match(const char *pattern, const char *path, const char **args, size_t maxargs, struct pool *p)
{
	size_t nargs = 0;
	while (*pattern) {
		if (*pattern == '*') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || nargs == maxargs)
				return false;
			args[nargs++] = pool_strndup(p, path, len);
			path += len;
			pattern++;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	return *path == '\0';
}

/* The largest body route r takes (route.h). Where no route matched, the small limit: a body that
 * cannot be answered is not read either. */
static long long body_limit(const struct request *req, const struct route *r)
{
	const struct settings *c = &req->app->cfg;
	long long large = (long long)req->app->max_body;
	unsigned flags = r != NULL ? r->flags : 0;
	bool multipart = req->content_type != NULL && strncasecmp(req->content_type, "multipart/form-data", 19) == 0;
	if ((flags & R_LARGE_BODY) || ((flags & R_UPLOAD) && multipart))
		return large;
	if (flags & R_PUSH_BODY)
		return c->api.push_body_max < large ? c->api.push_body_max : large;
	return c->limits.small_body_max < large ? c->limits.small_body_max : large;
}

/* The body into req->raw_body, when its Content-Length is within the route's limit. A larger one
 * is refused from the Content-Length alone, before a byte of it is read; nor is more than that
 * length ever read. False when an error has been answered. */
static bool read_body(struct request *req, const struct route *r)
{
	const char *cl = request_env(req, "CONTENT_LENGTH");
	long long length = 0;
	if (cl != NULL && *cl && !parse_int(cl, 0, 1LL << 40, &length)) {
		respond_error(req, XE_BAD_REQUEST, "Content-Length 无效。", NULL);
		return false;
	}
	long long max = body_limit(req, r);
	if (length > max) {
		respond_error(req, XE_TOO_LARGE,
		              pool_printf(req->pool, "提交的内容超过了允许的大小（%s）。", ysqgk_size_text(req->pool, max)),
		              NULL);
		return false;
	}
	if (length == 0 || req->read_fn == NULL)
		return true;
	unsigned char *body = pool_alloc(req->pool, (size_t)length + 1);
	if (req->read_fn(req->env_ctx, (char *)body, (int)length) != length) {
		respond_error(req, XE_BAD_REQUEST, "请求内容不完整。", NULL);
		return false;
	}
	req->raw_body = body;
	req->raw_body_len = (size_t)length;
	return true;
}

static enum xerr parse_body(struct request *req)
{
	const char *ct = req->content_type ? req->content_type : "";
	unsigned flags = req->route->flags;
	if (req->raw_body_len == 0 || (flags & R_RAWBODY))
		return XE_OK;
	const char *why = "无法解析";
	enum xerr e;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		e = parse_urlencoded(req->pool, (const char *)req->raw_body, req->raw_body_len, &req->app->limits,
		                     &req->body, &why);
	} else if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		struct limits lim = req->app->limits;
		if (!(flags & R_MULTIPART))
			lim.max_files = 0;
		e = parse_multipart(req->pool, req->raw_body, req->raw_body_len, ct, &lim, &req->body, &why);
	} else {
		return XE_UNSUPPORTED;
	}
	if (e == XE_BAD_REQUEST && req->body.refused_message != NULL && (flags & R_PART_ERRORS))
		return XE_OK; /* the handler shows it at its field */
	if (e == XE_BAD_REQUEST && req->body.refused_message != NULL) { /* a refused part: say which and why */
		const char *field = req->body.refused_field;
		bool file = field != NULL && (strcmp(field, "file") == 0 || strcmp(field, "attachments") == 0);
		const char *what = file ? "附件" : field != NULL ? pool_printf(req->pool, "“%s”", field) : "";
		respond_error(req, e, pool_printf(req->pool, "%s%s。", what, req->body.refused_message), field);
	} else if (e != XE_OK) {
		respond_error(req, e,
		              pool_printf(req->pool, "%s：%s。", e == XE_TOO_LARGE ? "提交的内容超出限制" : "提交的内容格式有误", why),
		              NULL);
	}
	return e;
}

/* A public HTML page without a query string, fetched with GET, is also stored as a file for
 * nginx to serve itself while the site's data is unchanged (page_copies.h). */
static void store_copy(struct request *req, const char *site_dir, unsigned long long generation, const char *type)
{
	if (site_dir == NULL || strcmp(req->method, "GET") != 0 ||
	    (req->query_string != NULL && req->query_string[0] != '\0') || !str_has_prefix(type, "text/html"))
		return;
	copies_store(site_dir, generation, req->rest, req->out.data ? req->out.data : "", req->out.len,
	             req->app->copies_min_free_mb);
}

/* The route for rest and method, its arguments in req->path_args; NULL if none, with the methods
 * the path does take in *allowed. */
static const struct route *find_route(struct request *req, const char *rest, bool nosite, unsigned *allowed)
{
	bool is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	bool is_post = strcmp(req->method, "POST") == 0;
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];
		if (((r->flags & R_NOSITE) != 0) != nosite)
			continue;
		const char *args[4] = {0};
		if (!match(r->pattern, rest, args, 4, req->pool))
			continue;
		*allowed |= r->flags & (R_GET | R_POST);
		if ((is_get && (r->flags & R_GET)) || (is_post && (r->flags & R_POST))) {
			memcpy(req->path_args, args, sizeof args);
			return r;
		}
	}
	return NULL;
}

static const char *page_key(struct request *req, const char *site_key, const char *rest)
{
	return pool_printf(req->pool, "%s:%s?%s", site_key, rest, req->query_string ? req->query_string : "");
}

static void answer_from_cache(struct request *req, const char *type)
{
	req->status = 200;
	request_header(req, "Content-Type", pool_strdup(req->pool, type));
	request_header(req, "X-Cache", "hit");
	req->responded = true;
}

/* A public page (an R_CACHE route) from the worker's cache without asking the database, when
 * stored copies are on. <copies_dir>/<site>/current names a generation never older than the
 * database's: it is moved before each change commits, and only forward (page_copies.h). An entry
 * is stored under the generation its render read from the database, so an entry for the
 * generation `current` names was rendered from exactly the data committed now. When the link is
 * missing (copies cleared) or ahead (a change not yet committed, or one that failed), nothing
 * matches and the request goes the usual way. Sites are never renamed or removed, so the key
 * stands for the site. */
static bool serve_cached_page(struct request *req, const char *site_key, const char *cache_key,
                              unsigned long long *generation)
{
	if (req->app->copies_root == NULL || !site_key_valid(site_key))
		return false;
	const char *site_dir = site_copies_dir(req->pool, req->app, site_key);
	char type[64];
	if (!copies_current(site_dir, generation)) {
		*generation = 0; /* no generation was asked for */
		return false;
	}
	if (!page_cache_get(req->cache, cache_key, *generation, &req->out, type))
		return false;
	answer_from_cache(req, type);
	/* nginx asked: its stored copy is missing (this worker's entry outlived it), so store it. */
	store_copy(req, site_dir, *generation, type);
	return true;
}

/* req->site by key, or the site's error page (false): JSON under api/, as every API error. */
static bool load_site(struct request *req, const char *key)
{
	enum xerr e = site_load(req, key);
	if (e == XE_OK)
		return true;
	req->route = error_route(req->rest);
	respond_error(req, e, e == XE_NOT_FOUND ? "没有这个站点。" : NULL, NULL);
	return false;
}

/* The query string is parsed for every request: a malformed one is a 400 whatever the page.
 * False when answered. */
static bool parse_query(struct request *req)
{
	if (req->query_string == NULL || *req->query_string == '\0')
		return true;
	const char *why = "无法解析";
	enum xerr e = parse_urlencoded(req->pool, req->query_string, strlen(req->query_string), &req->app->limits,
	                               &req->query, &why);
	if (e == XE_OK)
		return true;
	respond_error(req, e == XE_TOO_LARGE ? XE_BAD_REQUEST : e, pool_printf(req->pool, "网址参数格式有误：%s。", why),
	              NULL);
	return false;
}

/* No route for the path and method: 405 with the methods it takes, or 404 (JSON under api/). */
static void no_route(struct request *req, const char *rest, unsigned allowed)
{
	req->route = error_route(rest);
	if (allowed) {
		respond_error(req, XE_METHOD, NULL, NULL);
		request_header(req, "Allow", (allowed & R_GET) && (allowed & R_POST) ? "GET, HEAD, POST"
		                             : (allowed & R_POST)                   ? "POST"
		                                                                    : "GET, HEAD");
	} else {
		respond_error(req, XE_NOT_FOUND, NULL, NULL);
	}
}

/* Sign-in from the route's flags, then a POST's body and CSRF token. False when answered. */
static bool checks(struct request *req)
{
	enum xerr e = auth_check(req);
	if (e == XE_FORBIDDEN && req->user == NULL && !(req->route->flags & R_JSON) && auth_cookie_sent(req)) {
		if (admin_session_expired(req) != XE_OK && !req->responded)
			respond_error(req, e, NULL, NULL);
		return false;
	}
	if (e != XE_OK || req->responded) {
		if (!req->responded)
			respond_error(req, e, NULL, NULL);
		return false;
	}
	if (strcmp(req->method, "POST") != 0)
		return true;
	e = parse_body(req);
	if (e != XE_OK) {
		if (!req->responded)
			respond_error(req, e, NULL, NULL);
		return false;
	}
	e = auth_check_csrf(req);
	if (e != XE_OK) {
		respond_error(req, e, "表单已过期或来源不明，请返回刷新页面后重新提交。", NULL);
		return false;
	}
	return true;
}

/* Public pages: the cached copy while the site's generation is unchanged (exact). Not asked
 * again under the generation serve_cached_page has just missed. */
static bool serve_current_page(struct request *req, const char *cache_key, unsigned long long missed)
{
	if (cache_key == NULL || req->site == NULL || req->site->generation == missed)
		return false;
	char type[64];
	if (!page_cache_get(req->cache, cache_key, req->site->generation, &req->out, type))
		return false;
	answer_from_cache(req, type);
	/* nginx asked: its stored copy is missing (cleared, or this worker's entry outlived it), so
	 * store it again. */
	store_copy(req, req->site->copies_dir, req->site->generation, type);
	return true;
}

/* A rendered public page into the workers' cache and the stored copies. */
static void keep_page(struct request *req, const char *cache_key)
{
	for (size_t i = 0; i < req->nheaders; i++)
		if (strcmp(req->headers[i].name, "Content-Type") == 0) {
			page_cache_put(req->cache, cache_key, req->site->generation, req->headers[i].value,
			               req->out.data ? req->out.data : "", req->out.len);
			store_copy(req, req->site->copies_dir, req->site->generation, req->headers[i].value);
		}
	request_header(req, "X-Cache", "miss");
}

/* The handler, then its error page (the site's error first, for an R_SITE_JOINED page that
 * failed before its query) and the page cache. */
static void run_handler(struct request *req, const char *key, const char *cache_key)
{
	enum xerr e = req->route->handler(req);
	if (req->db != NULL)
		db_rollback(req->db); /* a handler that failed half-way leaves nothing behind */
	if (e != XE_OK && !req->responded) {
		if (req->site == NULL && key != NULL && !load_site(req, key))
			return;
		respond_error(req, e, NULL, NULL);
	}
	if (cache_key != NULL && e == XE_OK && req->status == 200 && req->site != NULL)
		keep_page(req, cache_key);
}

/* A path over DISPATCH_PATH_MAX is answered 414 (as JSON under a site's api/). */
static bool too_long(struct request *req, const char *rest)
{
	if (strlen(req->path) <= DISPATCH_PATH_MAX)
		return false;
	const char *slash = strchr(rest, '/');
	req->route = error_route(slash != NULL ? slash + 1 : NULL);
	respond_error(req, XE_URI_TOO_LONG, NULL, NULL);
	return true;
}

void dispatch_refuse(struct request *req, enum xerr e, const char *message)
{
	const char *prefix = req->app->prefix, *rest = NULL;
	size_t plen = strlen(prefix);
	if (req->path != NULL && strncmp(req->path, prefix, plen) == 0 && req->path[plen] == '/') {
		const char *slash = strchr(req->path + plen + 1, '/');
		rest = slash != NULL ? slash + 1 : NULL;
	}
	req->route = error_route(rest);
	respond_error(req, e, message, NULL);
}

void dispatch(struct request *req)
{
	const char *prefix = req->app->prefix;
	size_t plen = strlen(prefix);
	const char *path = req->path;
	if (path == NULL || strncmp(path, prefix, plen) != 0 || (path[plen] != '/' && path[plen] != '\0')) {
		respond_error(req, XE_NOT_FOUND, NULL, NULL);
		return;
	}
	if (!text_valid(path, strlen(path))) {
		respond_error(req, XE_BAD_REQUEST, "网址含有无效字符。", NULL);
		return;
	}
	if (!parse_query(req))
		return;
	const char *rest = path[plen] == '/' ? path + plen + 1 : "";
	if (too_long(req, rest))
		return;
	bool nosite = *rest == '\0';
	const char *key = NULL;
	if (!nosite) {
		const char *slash = strchr(rest, '/');
		if (slash == NULL) {
			/* "/xxgk/lincang" without its slash: a site's is sent to its canonical address. */
			if (load_site(req, rest))
				respond_redirect(req, site_base(req));
			return;
		}
		key = pool_strndup(req->pool, rest, (size_t)(slash - rest));
		rest = slash + 1;
	}
	req->rest = rest;
	/* The route first (it needs no site), so that a cached public page is answered before the
	 * site is looked up; the site's errors still come before the route's. */
	unsigned allowed = 0;
	const struct route *found = find_route(req, rest, nosite, &allowed);
	req->route = found != NULL ? found : error_route(rest);
	if (!read_body(req, found))
		return;
	req->route = NULL;
	/* A public page's key in the workers' cache, and the generation it was already missed under. */
	const char *cache_key = NULL;
	unsigned long long missed = 0;
	if (key != NULL) {
		if (found != NULL && (found->flags & R_CACHE) && req->cache != NULL) {
			req->route = found;
			cache_key = page_key(req, key, rest);
			if (serve_cached_page(req, key, cache_key, &missed))
				return;
		}
		req->site_key = key;
		/* A page whose first query reads the site too (R_SITE_JOINED) is spared a statement,
		 * unless the workers' cache must first be asked under the database's generation (cache
		 * on, and no stored copy's generation has just been missed). */
		bool joined = found != NULL && (found->flags & (R_SITE_JOINED | R_SITELESS)) && (cache_key == NULL || missed != 0);
		if (!joined && !load_site(req, key))
			return;
	}
	if (found == NULL) {
		no_route(req, rest, allowed);
		return;
	}
	req->route = found;
	if (!checks(req) || serve_current_page(req, cache_key, missed))
		return;
	run_handler(req, key, cache_key);
}
