/* Sign-in limits that a stranger cannot turn against an account's owner. Two counts, kept in the
 * database so that every worker agrees (login_limits, migration 041), with their keys in [auth]:
 *  - per address, on every site: after address_failures failed sign-ins, each within
 *    address_window_minutes of the one before, the address is refused for address_block_minutes,
 *    whatever the account, the right password included;
 *  - per account (the site and the login as typed, known or not, so that both answer alike):
 *    past account_free_failures, the account's next attempt waits account_delay_seconds, doubled
 *    with each further failure up to account_delay_max_seconds. Within the wait, an attempt from
 *    an address that has failed on the account since its run of failures began is refused
 *    unchecked; from any other address the password is checked, so that the owner's right
 *    password is not refused because a stranger failed, while a wrong one counts and lengthens
 *    the wait. A success ends the run, and so do account_reset_minutes without a failure.
 * Nothing sleeps: a refusal is an answer (429) with the seconds to wait (Retry-After). */
#ifndef XXGK_LOGIN_LIMITS_H
#define XXGK_LOGIN_LIMITS_H
#include "core/request.h"

enum login_limit { LIMIT_NONE, LIMIT_ADDRESS, LIMIT_ACCOUNT };

struct login_wait {
	enum login_limit limit; /* LIMIT_NONE: go on */
	long long seconds;      /* until the next attempt is taken */
};

/* Before the password is checked: is the address blocked, or must this address wait for the
 * account? */
enum xerr login_limits_before(struct request *req, const char *addr, const char *login, struct login_wait *w);
/* A wrong password (or an unknown login), in the caller's transaction: counts it for the address
 * and the account; *w: the wait it brings, if any (the address's block first). */
enum xerr login_limits_failure(struct request *req, const char *addr, const char *login, struct login_wait *w);
/* The right password: the account's run of failures ends (the address's count stays). */
enum xerr login_limits_success(struct request *req, const char *login);
/* The account's wait in seconds after this many failures in a run: none within the free ones,
 * then the first delay, doubled with each further failure, up to the longest. */
long long login_account_delay(const struct settings *cfg, long long failures);

#endif
