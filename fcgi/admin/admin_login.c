/* /xxgk/{site}/admin/login and /logout: staff sign-in (form fields login and password). */
#include "core/auth.h"
#include "server/handlers.h"
#include "core/route.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

/* Only a path inside this site's console may be a redirect target after signing in. */
static const char *safe_next(struct request *req, const char *next)
{
	const char *home = pool_printf(req->pool, "%sadmin/", site_base(req));
	if (next == NULL || !str_has_prefix(next, home) || strstr(next, "//") || strstr(next, "..") ||
	    strpbrk(next, "\\\r\n\"<>") || !url_is_safe(next))
		return home;
	return next;
}

static enum xerr login_form(struct request *req, const char *message, const char *login, int status)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-login", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"login", NULL);
	xml_attr(f, "next", safe_next(req, request_param(req, "next") ? request_param(req, "next") : request_field(req, "next")));
	xml_attr(f, "login", login);
	if (message)
		xml_add(f, "message", message);
	req->status = status;
	return render(req, doc, "admin_login");
}

enum xerr admin_login_form(struct request *req)
{
	return login_form(req, NULL, NULL, 200);
}

/* The console's warning before the idle limit offers to go on: a signed-in request keeps the
 * session (core/auth.c), and this one does nothing else. */
enum xerr admin_session_touch(struct request *req)
{
	respond_bytes(req, 204, "text/plain; charset=utf-8", "", 0);
	return XE_OK;
}

/* The path of the page a form was sent from (the Referer: our pages ask browsers for it on this
 * site's own requests), NULL when there is none. */
static const char *referring_path(struct request *req)
{
	const char *r = request_env(req, "HTTP_REFERER");
	const char *host = r != NULL ? strstr(r, "://") : NULL;
	const char *path = host != NULL ? strchr(host + 3, '/') : NULL;
	return path != NULL ? pool_strndup(req->pool, path, strcspn(path, "?#")) : NULL;
}

/* A form sent after the session ended (idle, or signed in too long): what was sent is not kept,
 * and the page says so with the sign-in form, which leads back to the page the form was on (a
 * form's own address may take only POST: reviews, uploads). */
enum xerr admin_session_expired(struct request *req)
{
	if (req->route != NULL && req->route->handler == admin_logout) /* nothing was lost; the chain ends */
		return admin_logout(req);
	const struct settings *cfg = &req->app->cfg;
	const char *message =
	    pool_printf(req->pool,
	                "登录已失效（连续%lld分钟没有操作，或登录已满%lld小时），刚才提交的内容没有保存。请重新登录后再次提交。",
	                cfg->auth.idle_minutes, cfg->auth.max_hours);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-login", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"login", NULL);
	const char *from = referring_path(req);
	xml_attr(f, "next", safe_next(req, from != NULL ? from : req->path));
	xml_add(f, "message", message);
	req->status = 403;
	return render(req, doc, "admin_login");
}

/* "30秒", "15分钟": how long to wait, for the message (Retry-After has the seconds). */
static const char *wait_text(struct pool *p, long long seconds)
{
	if (seconds < 120)
		return pool_printf(p, "%lld秒", seconds);
	return pool_printf(p, "%lld分钟", (seconds + 59) / 60);
}

/* 429 with Retry-After: nothing sleeps, the person is told when to come back. */
static enum xerr wait_form(struct request *req, const char *login, long long seconds, const char *message)
{
	enum xerr e = login_form(req, message, login, 429);
	request_header(req, "Retry-After", pool_printf(req->pool, "%lld", seconds > 0 ? seconds : 1));
	return e;
}

enum field { F_LOGIN, F_PASSWORD, F_NEXT, F__N };
static const struct field_spec fields[F__N] = {
	[F_LOGIN] = {"login", FT_LINE, true, 64, 0, 0, NULL, "用户名"},
	[F_PASSWORD] = {"password", FT_LINE, true, 200, 0, 0, NULL, "密码"},
	[F_NEXT] = {"next", FT_LINE, false, 500, 0, 0, NULL, "返回地址"},
};

enum xerr admin_login_submit(struct request *req)
{
	struct field_value v[F__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, fields, v, &err))
		return login_form(req, pool_printf(req->pool, "%s%s。", err.label, err.message), v[F_LOGIN].text, 400);
	const char *login = v[F_LOGIN].text;
	long long wait;
	/* The password as typed: the table bounds it, but its spaces are part of it. */
	switch (auth_login(req, login, request_field(req, "password"), &wait)) {
	case LOGIN_OK:
		respond_redirect(req, safe_next(req, v[F_NEXT].text));
		return XE_OK;
	case LOGIN_BAD:
		return login_form(req, "用户名或密码不正确。", login, 403);
	case LOGIN_WAIT:
		return wait_form(req, login, wait,
		                 pool_printf(req->pool, "该账号登录失败次数较多，请%s后再试。", wait_text(req->pool, wait)));
	case LOGIN_ADDRESS_BLOCKED:
		return wait_form(req, login, wait,
		                 pool_printf(req->pool, "该网络地址登录失败次数过多，已暂停登录，请%s后再试或联系管理员。",
		                             wait_text(req->pool, wait)));
	case LOGIN_ERROR:
		break;
	}
	return XE_UNAVAILABLE;
}

enum xerr admin_logout(struct request *req)
{
	auth_logout(req);
	respond_redirect(req, pool_printf(req->pool, "%sadmin/login", site_base(req)));
	return XE_OK;
}
