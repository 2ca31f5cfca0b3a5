#include "core/auth.h"
#include "core/client_addr.h"
#include "core/crypto.h"
#include "core/login_limits.h"
#include "core/render.h"
#include "core/route.h"
#include "core/text.h"
#include <crypt.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COOKIE "xxgk_session"

static const char *const role_names[] = {[ROLE_STAFF] = "staff", [ROLE_APPROVER] = "approver", [ROLE_ADMIN] = "admin"};

bool role_parse(const char *name, enum role *out)
{
	*out = ROLE_NONE;
	for (enum role r = ROLE_STAFF; r <= ROLE_ADMIN; r++)
		if (name != NULL && strcmp(role_names[r], name) == 0) {
			*out = r;
			return true;
		}
	return false;
}

const char *password_hash(struct pool *p, const char *password)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
		return NULL;
	struct crypt_data *cd = pool_alloc(p, sizeof *cd);
	const char *h = crypt_r(password, salt, cd);
	if (h == NULL || h[0] == '*')
		return NULL;
	return pool_strdup(p, h);
}

bool password_verify(struct pool *p, const char *password, const char *hash)
{
	struct crypt_data *cd = pool_alloc(p, sizeof *cd);
	const char *h = crypt_r(password, hash, cd);
	return h != NULL && h[0] != '*' && equal_constant_time(h, hash);
}

static const char *cookie_path(struct request *req)
{
	return pool_printf(req->pool, "%sadmin/", site_base(req));
}

static void set_cookie(struct request *req, const char *value, long long max_age)
{
	bool secure = req->https != NULL && strcmp(req->https, "on") == 0;
	request_header(req, "Set-Cookie",
	               pool_printf(req->pool, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Strict%s", COOKIE, value,
	                           cookie_path(req), max_age, secure ? "; Secure" : ""));
}

/* A session id from the cookie: 64 hex digits, else nothing. */
static const char *cookie_id(struct request *req)
{
	const char *v = request_cookie(req, COOKIE);
	if (v == NULL || strlen(v) != 64)
		return NULL;
	for (const char *c = v; *c; c++)
		if (!isxdigit((unsigned char)*c))
			return NULL;
	return v;
}

bool auth_cookie_sent(struct request *req)
{
	return cookie_id(req) != NULL;
}

/* The chain a new session of user_id continues: the earlier session's, when the browser's cookie
 * still names one of the same account on this site (ended by the idle limit or by its age, or
 * left behind by a sign-in in another tab); else the new session starts its own (hash). A sign-out
 * cleared the cookie and deleted the chain, so it is never continued. */
static enum xerr session_chain(struct request *req, long long user_id, const char *hash, char chain[65])
{
	const char *id = cookie_id(req);
	snprintf(chain, 65, "%s", hash);
	if (id == NULL)
		return XE_OK;
	char earlier[65];
	sha256_hex(id, 64, earlier);
	enum xerr e;
	const char *c = db_value(req->db, req->pool, &e,
	                         "SELECT chain FROM sessions WHERE id_hash = ? AND user_id = ? AND site_id = ?", "sii",
	                         earlier, user_id, req->site->id);
	if (c != NULL && strlen(c) == 64)
		snprintf(chain, 65, "%s", c);
	return e;
}

/* The session's row (hash: its id's SHA-256); its cookie (id, 64 hex digits) is set once the
 * transaction has committed. */
static enum xerr open_session(struct request *req, long long user_id, const char *addr, char id[65], char hash[65])
{
	char csrf[65], chain[65];
	if (!random_hex(id, 32) || !random_hex(csrf, 32))
		return XE_INTERNAL;
	sha256_hex(id, 64, hash);
	enum xerr e = session_chain(req, user_id, hash, chain);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "INSERT INTO sessions (id_hash, user_id, site_id, csrf_token, chain, ip) VALUES (?, ?, ?, ?, ?, ?)",
		            "siisss", hash, user_id, req->site->id, csrf, chain, addr);
	return e;
}

static enum xerr load_user(struct request *req, struct db_result *r)
{
	char **row = r->rows[0];
	struct user *u = pool_alloc(req->pool, sizeof *u);
	u->id = strtoll(row[0], NULL, 10);
	u->login = row[1];
	u->display_name = row[2];
	u->role = row[3];
	role_parse(u->role, &u->level); /* an unknown role stays ROLE_NONE: no route admits it */
	u->site_id = row[4] ? strtoll(row[4], NULL, 10) : 0;
	u->csrf_token = row[5];
	u->session_hash = row[6];
	u->session_chain = row[7];
	u->forms_seconds = strtoll(row[8], NULL, 10);
	req->user = u;
	return XE_OK;
}

static enum xerr session_user(struct request *req)
{
	const char *id = cookie_id(req);
	if (id == NULL)
		return XE_OK;
	char hash[65];
	sha256_hex(id, 64, hash);
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT u.id, u.login, u.display_name, u.role, u.site_id, s.csrf_token, s.id_hash, s.chain, "
	                       "TIMESTAMPDIFF(SECOND, NOW(), s.created_at + INTERVAL ? HOUR), "
	                       "TIMESTAMPDIFF(SECOND, s.last_seen, NOW()) FROM sessions s JOIN users u ON u.id = s.user_id "
	                       "WHERE s.id_hash = ? AND s.site_id = ? AND u.disabled = 0 "
	                       "AND s.last_seen > NOW() - INTERVAL ? MINUTE AND s.created_at > NOW() - INTERVAL ? HOUR",
	                       "isiii", req->app->cfg.auth.max_hours, hash, req->site->id,
	                       req->app->cfg.auth.idle_minutes, req->app->cfg.auth.max_hours);
	if (e != XE_OK || r.nrows == 0)
		return e;
	load_user(req, &r);
	/* Keep the idle clock fresh without a write on every request: at most a minute behind, and
	 * a quarter of the limit for short ones (a limit of one minute refreshed only once the
	 * minute had passed, which was too late). */
	long long every = req->app->cfg.auth.idle_minutes * 15 < 60 ? req->app->cfg.auth.idle_minutes * 15 : 60;
	if (strtoll(r.rows[0][9], NULL, 10) >= every)
		e = db_exec(req->db, "UPDATE sessions SET last_seen = NOW() WHERE id_hash = ?", "s", hash);
	return e;
}

/* Single sign-on: the web server sets a header after the CMS authenticated the user; trusted
 * only when [auth] sso_enabled, and the web server must strip it from client requests. */
static enum xerr sso_user(struct request *req)
{
	if (!req->app->trust_sso_header)
		return XE_OK;
	char env[80] = "HTTP_";
	size_t k = 5;
	for (const char *c = req->app->sso_header; *c && k < sizeof env - 1; c++)
		env[k++] = *c == '-' ? '_' : (char)toupper((unsigned char)*c);
	env[k] = '\0';
	const char *login = request_env(req, env);
	if (login == NULL || *login == '\0' || strlen(login) > 64 || !text_valid(login, strlen(login)))
		return XE_OK;
	const char *uid = NULL;
	enum xerr e;
	uid = db_value(req->db, req->pool, &e,
	               "SELECT id FROM users WHERE login = ? AND (site_id = ? OR site_id IS NULL) AND disabled = 0 "
	               "ORDER BY site_id IS NULL LIMIT 1",
	               "si", login, req->site->id);
	if (e != XE_OK || uid == NULL)
		return e;
	/* A session gives the SSO user a CSRF token like everyone else. */
	char id[65], hash[65];
	e = open_session(req, strtoll(uid, NULL, 10), req->remote_addr ? req->remote_addr : "", id, hash);
	if (e != XE_OK)
		return e;
	set_cookie(req, id, req->app->cfg.auth.max_hours * 3600);
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT u.id, u.login, u.display_name, u.role, u.site_id, s.csrf_token, s.id_hash, s.chain, "
	             "TIMESTAMPDIFF(SECOND, NOW(), s.created_at + INTERVAL ? HOUR) FROM sessions s "
	             "JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?",
	             "is", req->app->cfg.auth.max_hours, hash);
	if (e == XE_OK && r.nrows == 1)
		load_user(req, &r);
	return e;
}

/* The sign-in page, with the page asked for to come back to (a path of this site only), unless
 * that would make the address too long for a header: then the sign-in leads to the console. */
#define LOGIN_NEXT_MAX 1024
static const char *login_address(struct request *req)
{
	struct buf b;
	buf_init(&b);
	buf_url_encode(&b, pool_printf(req->pool, "%s%s", site_base(req), req->rest));
	const char *to = b.len <= LOGIN_NEXT_MAX ? pool_printf(req->pool, "%sadmin/login?next=%s", site_base(req), buf_cstr(&b))
	                                         : pool_printf(req->pool, "%sadmin/login", site_base(req));
	buf_free(&b);
	return to;
}

enum xerr auth_check(struct request *req)
{
	if (!(req->route->flags & R_LOGIN))
		return XE_OK;
	enum xerr e = session_user(req);
	if (e == XE_OK && req->user == NULL)
		e = sso_user(req);
	if (e != XE_OK)
		return e;
	if (req->user == NULL) {
		if (req->route->flags & R_JSON)
			return XE_UNAUTHORIZED;
		if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
			return XE_FORBIDDEN; /* a stranger's POST is refused, not redirected */
		respond_redirect(req, login_address(req));
		return XE_OK;
	}
	/* Every signed-in route wants staff at least. */
	enum role need = req->route->role > ROLE_STAFF ? req->route->role : ROLE_STAFF;
	if (req->user->level < need)
		return XE_FORBIDDEN;
	return XE_OK;
}

/* A form opened under an earlier session of this browser's chain, before the person signed in
 * again: its token is accepted within [auth] max_hours of that session's sign-in, as long as the
 * earlier session could have lasted had it been kept in use. Each token is compared in constant
 * time, as the session's own is. */
static enum xerr earlier_token(struct request *req, const char *token, bool *found)
{
	struct db_result r;
	*found = false;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT csrf_token FROM sessions WHERE chain = ? AND user_id = ? AND site_id = ? "
	                       "AND id_hash <> ? AND created_at > NOW() - INTERVAL ? HOUR",
	                       "siisi", req->user->session_chain, req->user->id, req->site->id,
	                       req->user->session_hash, req->app->cfg.auth.max_hours);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		*found |= equal_constant_time(token, r.rows[i][0]);
	return e;
}

enum xerr auth_check_csrf(struct request *req)
{
	if (!(req->route->flags & R_CSRF))
		return XE_OK;
	const char *token = request_field(req, "csrf");
	if (req->user == NULL || token == NULL)
		return XE_FORBIDDEN;
	if (equal_constant_time(token, req->user->csrf_token))
		return XE_OK;
	bool found = false;
	enum xerr e = req->user->session_chain != NULL && *req->user->session_chain != '\0'
	                  ? earlier_token(req, token, &found)
	                  : XE_OK;
	return e != XE_OK ? e : found ? XE_OK : XE_FORBIDDEN;
}

static enum xerr record_attempt(struct request *req, const char *addr, const char *login, bool ok)
{
	return db_exec(req->db, "INSERT INTO login_attempts (site_id, login, ip, ok) VALUES (?, ?, ?, ?)", "issi",
	               req->site->id, login, addr, (long long)ok);
}

/* A sign-in's transaction (db_transaction: run again, whole, after a deadlock or a cluster's
 * conflict). */
struct login_tx {
	struct request *req;
	const char *addr, *login;
	long long uid;         /* signed in: the user; 0 for a failure */
	struct login_wait w;   /* a failure: the wait it brings */
	char session[65];      /* signed in: the session's id, for the cookie */
	char hash[65];         /* ... and its SHA-256 */
};

/* A wrong password or an unknown login: counted (before the attempt is recorded, so that the
 * attempt falls within the run it counts in), and recorded. */
static enum xerr failed_tx(struct db *db, void *ctx)
{
	struct login_tx *t = ctx;
	(void)db; /* the request's own */
	t->w = (struct login_wait){0};
	enum xerr e = login_limits_failure(t->req, t->addr, t->login, &t->w);
	if (e == XE_OK)
		e = record_attempt(t->req, t->addr, t->login, false);
	return e;
}

/* ... and answered with any wait it brings. */
static enum login_result failed(struct request *req, const char *addr, const char *login, long long *retry_after)
{
	struct login_tx t = {.req = req, .addr = addr, .login = login};
	if (db_transaction(req->db, failed_tx, &t) != XE_OK)
		return LOGIN_ERROR;
	*retry_after = t.w.seconds;
	return t.w.limit == LIMIT_ADDRESS ? LOGIN_ADDRESS_BLOCKED : t.w.limit == LIMIT_ACCOUNT ? LOGIN_WAIT : LOGIN_BAD;
}

static enum xerr signed_in_tx(struct db *db, void *ctx)
{
	struct login_tx *t = ctx;
	(void)db; /* the request's own */
	enum xerr e = record_attempt(t->req, t->addr, t->login, true);
	if (e == XE_OK)
		e = login_limits_success(t->req, t->login);
	if (e == XE_OK)
		e = open_session(t->req, t->uid, t->addr, t->session, t->hash);
	return e;
}

static enum login_result signed_in(struct request *req, const char *addr, const char *login, long long uid)
{
	struct login_tx t = {.req = req, .addr = addr, .login = login, .uid = uid};
	if (db_transaction(req->db, signed_in_tx, &t) != XE_OK)
		return LOGIN_ERROR;
	set_cookie(req, t.session, req->app->cfg.auth.max_hours * 3600);
	return LOGIN_OK;
}

enum login_result auth_login(struct request *req, const char *login, const char *password, long long *retry_after)
{
	const char *addr = client_addr(req, req->app->cfg.ysqgk.trusted_proxies);
	struct login_wait w;
	*retry_after = 0;
	if (login_limits_before(req, addr, login, &w) != XE_OK)
		return LOGIN_ERROR;
	if (w.limit != LIMIT_NONE) {
		*retry_after = w.seconds;
		return w.limit == LIMIT_ADDRESS ? LOGIN_ADDRESS_BLOCKED : LOGIN_WAIT;
	}
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, password_hash FROM users WHERE login = ? AND (site_id = ? OR site_id IS NULL) "
	                       "AND disabled = 0 ORDER BY site_id IS NULL LIMIT 1",
	                       "si", login, req->site->id);
	if (e != XE_OK)
		return LOGIN_ERROR;
	if (r.nrows == 0) {
		/* Same work and the same answer as a wrong password: accounts cannot be probed. */
		password_hash(req->pool, password);
		return failed(req, addr, login, retry_after);
	}
	if (!password_verify(req->pool, password, r.rows[0][1]))
		return failed(req, addr, login, retry_after);
	return signed_in(req, addr, login, strtoll(r.rows[0][0], NULL, 10));
}

/* A sign-out the person chose ends this browser's chain: the session and the earlier ones it
 * continues, so that no form opened under any of them is accepted after a later sign-in. A
 * sign-out sent after the session ended finds the chain by the cookie. */
void auth_logout(struct request *req)
{
	const char *id = cookie_id(req);
	char hash[65] = "";
	if (req->user != NULL)
		snprintf(hash, sizeof hash, "%s", req->user->session_hash);
	else if (id != NULL)
		sha256_hex(id, 64, hash);
	if (*hash != '\0')
		db_exec(req->db,
		        "DELETE s FROM sessions s JOIN sessions c ON c.chain = s.chain AND c.user_id = s.user_id "
		        "WHERE c.id_hash = ? AND c.site_id = ?",
		        "si", hash, req->site->id);
	set_cookie(req, "", 0);
}

enum xerr auth_serves_body(struct request *req, const char *body, bool *yes)
{
	*yes = false;
	if (req->user == NULL)
		return XE_OK;
	if (req->user->level >= ROLE_APPROVER) {
		*yes = true;
		return XE_OK;
	}
	enum xerr e;
	const char *v = db_value(req->db, req->pool, &e, "SELECT 1 FROM user_bodies WHERE user_id = ? AND body = ?", "is",
	                         req->user->id, body ? body : "");
	*yes = v != NULL;
	return e;
}
