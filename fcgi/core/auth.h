/* Staff sign-in, sessions and CSRF, applied centrally by dispatch() from the route's flags.
 * Sessions live in the database (stateless workers): the cookie carries a random 256-bit id,
 * the table only its SHA-256. Passwords: yescrypt through libcrypt. */
#ifndef XXGK_AUTH_H
#define XXGK_AUTH_H
#include "core/db.h"
#include "core/request.h"

/* For R_LOGIN routes: loads the session (cookie, or the trusted SSO header) into req->user and
 * checks the route's role. Without a session: 303 to the sign-in page (HTML) or 401 (JSON). */
enum xerr auth_check(struct request *req);
/* The request carries a session cookie (valid or not): a form sent by someone whose session
 * ended, rather than by a stranger. */
bool auth_cookie_sent(struct request *req);
/* For R_CSRF routes on POST: the form's csrf field must equal the session's token, or the token of
 * an earlier session this one continues (a sign-in again from the same browser, to the same
 * account) signed in within [auth] max_hours. */
enum xerr auth_check_csrf(struct request *req);

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,             /* a wrong password or an unknown login */
	LOGIN_WAIT,            /* the account's attempts wait (core/login_limits.h) */
	LOGIN_ADDRESS_BLOCKED, /* too many failures from the client's address */
	LOGIN_ERROR,
};
/* Checks the password within the sign-in limits (core/login_limits.h; the client's address is
 * read through [ysqgk] trusted_proxies) and on success opens a session (Set-Cookie on req).
 * *retry_after: the seconds to wait, for LOGIN_WAIT and LOGIN_ADDRESS_BLOCKED. */
enum login_result auth_login(struct request *req, const char *login, const char *password, long long *retry_after);
/* Ends the session the request's cookie names (signed in or ended) with the earlier sessions it
 * continues, and clears the cookie. */
void auth_logout(struct request *req);

/* Password hashing for the CLI and the console: a yescrypt hash in out (NULL on failure). */
const char *password_hash(struct pool *p, const char *password);
bool password_verify(struct pool *p, const char *password, const char *hash);
/* A role's stored name ("staff", "approver", "admin") to the enum; false for any other. */
bool role_parse(const char *name, enum role *out);
/* Does the signed-in user serve this disclosing body? (admins and approvers: every body) */
enum xerr auth_serves_body(struct request *req, const char *body, bool *yes);

#endif
