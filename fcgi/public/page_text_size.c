/* The reader's text size (适老化): POST /xxgk/{site}/text-size sets a cookie from a plain form in
 * every page's header and returns to the page; GET text-size.css answers the rules for that size.
 * The pages themselves stay the same for every reader, so that the caches and nginx's stored
 * copies keep serving them; only this small sheet follows the cookie. Neither reads the
 * database (R_SITELESS): the preference is the reader's, on every site of the install. */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

#define COOKIE "xxgk_text"

/* The larger size: every length in xxgk.css is in rem, so the root's size scales the page. The
 * button of the size in force is marked for sighted readers, and named in --xxgk-text, from
 * which static/text-size.js sets aria-pressed for the others. */
static const char large_css[] = "html{font-size:125%;--xxgk-text:large}\n"
                                ".text-size .size-large{background:#fff;color:#a4161a;font-weight:bold}\n";
static const char normal_css[] = "html{--xxgk-text:normal}\n"
                                 ".text-size .size-normal{background:#fff;color:#a4161a;font-weight:bold}\n";

static bool large_wanted(struct request *req)
{
	const char *v = request_cookie(req, COOKIE);
	return v != NULL && strcmp(v, "large") == 0;
}

enum xerr page_text_size_css(struct request *req)
{
	bool large = large_wanted(req);
	const char *etag = large ? "\"large\"" : "\"normal\"";
	/* Asked for again on each page (browsers' memory caches keep a fresh sheet across a change of
	 * cookie, Vary or not), answered 304 while the size is the same. */
	request_header(req, "Cache-Control", "private, no-cache");
	request_header(req, "Vary", "Cookie");
	request_header(req, "ETag", etag);
	const char *seen = request_env(req, "HTTP_IF_NONE_MATCH");
	if (seen != NULL && strcmp(seen, etag) == 0) {
		respond_bytes(req, 304, "text/css; charset=utf-8", "", 0);
		return XE_OK;
	}
	const char *css = large ? large_css : normal_css;
	respond_bytes(req, 200, "text/css; charset=utf-8", css, strlen(css));
	return XE_OK;
}

/* The path of the page the form was sent from, with its query string (a column's third page, a
 * search): the Referer, which browsers send on their own site (Referrer-Policy: same-origin),
 * else the form's field (the page's path). */
static const char *page_sent_from(struct request *req)
{
	const char *referer = request_env(req, "HTTP_REFERER");
	const char *host = referer != NULL ? strstr(referer, "://") : NULL;
	const char *path = host != NULL ? strchr(host + 3, '/') : NULL;
	return path != NULL ? path : request_field(req, "back");
}

/* Where to return: a path of this site and nothing else (not another host: "//host" and "\\"
 * are refused, as are characters a header cannot carry); else the site's home. */
static const char *return_path(struct request *req, const char *back)
{
	const char *site = pool_printf(req->pool, "%s/%s/", req->app->prefix, req->site_key);
	if (back == NULL || !str_has_prefix(back, site) || strstr(back, "//") != NULL || strchr(back, '\\') != NULL ||
	    strlen(back) > 2000)
		return site;
	for (const unsigned char *c = (const unsigned char *)back; *c; c++)
		if (*c < 0x21 || *c == 0x7f)
			return site;
	return back;
}

enum xerr page_text_size_set(struct request *req)
{
	const char *size = request_field(req, "size");
	if (size == NULL || (strcmp(size, "large") != 0 && strcmp(size, "normal") != 0)) {
		respond_error(req, XE_BAD_REQUEST, "字号只能选择“标准”或“大字”。", NULL);
		return XE_BAD_REQUEST;
	}
	bool large = strcmp(size, "large") == 0;
	bool secure = req->https != NULL && strcmp(req->https, "on") == 0;
	/* A year; the standard size is the default, so choosing it removes the cookie. */
	request_header(req, "Set-Cookie",
	               pool_printf(req->pool, "%s=%s; Path=%s/; Max-Age=%d; HttpOnly; SameSite=Lax%s", COOKIE,
	                           large ? "large" : "", req->app->prefix, large ? 31536000 : 0, secure ? "; Secure" : ""));
	respond_redirect(req, return_path(req, page_sent_from(req)));
	return XE_OK;
}
