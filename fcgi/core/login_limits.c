/* Sign-in limits (see login_limits.h). */
#include "core/login_limits.h"
#include <stdlib.h>

/* Addresses count on every site. */
#define EVERY_SITE 0LL

/* Seconds until the address's block ends (0: not blocked). */
static enum xerr address_blocked(struct request *req, const char *addr, long long *seconds)
{
	enum xerr e;
	const char *v = db_value(req->db, req->pool, &e,
	                         "SELECT TIMESTAMPDIFF(SECOND, NOW(), wait_until) FROM login_limits "
	                         "WHERE kind = 'address' AND site_id = ? AND subject = ? AND wait_until > NOW()",
	                         "is", EVERY_SITE, addr);
	*seconds = v ? strtoll(v, NULL, 10) : 0;
	return e;
}

enum xerr login_limits_before(struct request *req, const char *addr, const char *login, struct login_wait *w)
{
	*w = (struct login_wait){LIMIT_NONE, 0};
	enum xerr e = address_blocked(req, addr, &w->seconds);
	if (e != XE_OK || w->seconds > 0) {
		w->limit = w->seconds > 0 ? LIMIT_ADDRESS : LIMIT_NONE;
		return e;
	}
	/* The account's wait, and whether this address failed on it since the run began. */
	enum account_col { A_WAIT, A_FAILED_HERE };
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT TIMESTAMPDIFF(SECOND, NOW(), l.wait_until), EXISTS (SELECT 1 FROM login_attempts a "
	             "WHERE a.ip = ? AND a.site_id = l.site_id AND a.login = l.subject AND a.ok = 0 AND a.at >= l.run_since) "
	             "FROM login_limits l WHERE l.kind = 'account' AND l.site_id = ? AND l.subject = ? "
	             "AND l.wait_until > NOW()",
	             "sis", addr, req->site->id, login);
	if (e != XE_OK || r.nrows == 0 || strtoll(r.rows[0][A_FAILED_HERE], NULL, 10) == 0)
		return e;
	*w = (struct login_wait){LIMIT_ACCOUNT, strtoll(r.rows[0][A_WAIT], NULL, 10)};
	return XE_OK;
}

/* One more failure of the address or the account, in a run that restarts after `quiet` minutes
 * without one (and, for an address, when its block has ended); *failures: the run's count now.
 * Each assignment reads only columns assigned after it, so their order of evaluation is moot. */
static enum xerr count_failure(struct request *req, const char *kind, long long site, const char *subject,
                               long long quiet, bool restart_after_block, long long *failures)
{
	long long after_block = restart_after_block;
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO login_limits (kind, site_id, subject, failures, run_since, last_at) "
	                      "VALUES (?, ?, ?, 1, NOW(), NOW()) ON DUPLICATE KEY UPDATE "
	                      "run_since = IF(last_at < NOW() - INTERVAL ? MINUTE OR (? = 1 AND wait_until <= NOW()), "
	                      "  NOW(), run_since), "
	                      "failures = IF(last_at < NOW() - INTERVAL ? MINUTE OR (? = 1 AND wait_until <= NOW()), "
	                      "  1, failures + 1), "
	                      "wait_until = IF(? = 1 AND wait_until <= NOW(), NULL, wait_until), "
	                      "last_at = NOW()",
	                      "sisiiiii", kind, site, subject, quiet, after_block, quiet, after_block, after_block);
	/* A new row: sweep rows no run or wait needs any more now and then (the windows are at most
	 * a day). */
	if (e == XE_OK && db_affected(req->db) == 1)
		e = db_exec(req->db,
		            "DELETE FROM login_limits WHERE last_at < NOW() - INTERVAL 1 DAY "
		            "AND (wait_until IS NULL OR wait_until < NOW()) LIMIT 500",
		            "");
	const char *v = e == XE_OK ? db_value(req->db, req->pool, &e,
	                                      "SELECT failures FROM login_limits WHERE kind = ? AND site_id = ? AND subject = ?",
	                                      "sis", kind, site, subject)
	                           : NULL;
	*failures = v ? strtoll(v, NULL, 10) : 0;
	return e;
}

static enum xerr set_wait(struct request *req, const char *kind, long long site, const char *subject, long long seconds)
{
	return db_exec(req->db,
	               "UPDATE login_limits SET wait_until = NOW() + INTERVAL ? SECOND "
	               "WHERE kind = ? AND site_id = ? AND subject = ?",
	               "isis", seconds, kind, site, subject);
}

long long login_account_delay(const struct settings *cfg, long long failures)
{
	long long over = failures - cfg->auth.account_free_failures, d = cfg->auth.account_delay_seconds;
	if (over <= 0)
		return 0;
	for (long long i = 1; i < over && d < cfg->auth.account_delay_max_seconds; i++)
		d *= 2;
	return d < cfg->auth.account_delay_max_seconds ? d : cfg->auth.account_delay_max_seconds;
}

enum xerr login_limits_failure(struct request *req, const char *addr, const char *login, struct login_wait *w)
{
	const struct settings *cfg = &req->app->cfg;
	long long by_address, on_account;
	*w = (struct login_wait){LIMIT_NONE, 0};
	enum xerr e = count_failure(req, "address", EVERY_SITE, addr, cfg->auth.address_window_minutes, true, &by_address);
	if (e == XE_OK)
		e = count_failure(req, "account", req->site->id, login, cfg->auth.account_reset_minutes, false, &on_account);
	if (e != XE_OK)
		return e;
	long long delay = login_account_delay(cfg, on_account);
	if (delay > 0) {
		*w = (struct login_wait){LIMIT_ACCOUNT, delay};
		e = set_wait(req, "account", req->site->id, login, delay);
	}
	if (e == XE_OK && by_address >= cfg->auth.address_failures) {
		*w = (struct login_wait){LIMIT_ADDRESS, cfg->auth.address_block_minutes * 60};
		e = set_wait(req, "address", EVERY_SITE, addr, w->seconds);
	}
	return e;
}

enum xerr login_limits_success(struct request *req, const char *login)
{
	return db_exec(req->db, "DELETE FROM login_limits WHERE kind = 'account' AND site_id = ? AND subject = ?", "is",
	               req->site->id, login);
}
