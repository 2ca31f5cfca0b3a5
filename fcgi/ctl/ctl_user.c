/* xxgkctl user add|passwd|disable|enable|unlock|list: staff accounts. Passwords come from
 * standard input (one line), never from the command line. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/exchange.h"
#include "ctl/ctl.h"
#include "notices/import.h"
#include "core/site.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static bool read_password(char *out, size_t len)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs("password: ", stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	bool ok = fgets(out, (int)len, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return true;
}

/* The site id for --site, 0 for none; -1 after printing an error. */
static long long site_id_of(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site");
	if (key == NULL)
		return 0;
	struct site s;
	if (site_by_key(db, p, NULL, key, &s) != XE_OK) {
		fprintf(stderr, "xxgkctl user: no site %s\n", key);
		return -1;
	}
	return s.id;
}

/* The account, its bodies and its audit entry (db_transaction: run again, whole, after a deadlock
 * or a cluster's conflict). */
struct add_tx {
	struct ctl *ctx;
	struct pool *p;
	long long site;
	const char *login, *name, *hash, *role;
};

static enum xerr add_tx(struct db *db, void *arg)
{
	struct add_tx *t = arg;
	struct ctl *ctx = t->ctx;
	enum xerr e = db_exec(db,
	                      "INSERT INTO users (site_id, login, display_name, password_hash, role) "
	                      "VALUES (NULLIF(?, 0), ?, ?, ?, ?)",
	                      "issss", t->site, t->login, t->name, t->hash, t->role);
	long long uid = (long long)db_insert_id(db);
	/* --body may be given several times: the disclosing bodies a staff member serves. */
	for (int i = 1; e == XE_OK && i + 1 < ctx->argc; i++)
		if (strcmp(ctx->argv[i], "--body") == 0) {
			const char *body = ctx->argv[i + 1];
			if (!text_valid(body, strlen(body)) || utf8_chars(body) > 200)
				e = XE_BAD_REQUEST;
			else if ((e = db_exec(db,
			                      "INSERT IGNORE INTO user_bodies (user_id, body_id, body) SELECT ?, id, name FROM bodies "
			                      "WHERE site_id = ? AND name = ?",
			                      "iis", uid, t->site, body)) == XE_OK &&
			         db_value(db, t->p, &e, "SELECT 1 FROM bodies WHERE site_id = ? AND name = ?", "is", t->site, body) == NULL &&
			         e == XE_OK) {
				fprintf(stderr, "xxgkctl user add: the site has no body %s (xxgkctl body add)\n", body);
				e = XE_NOT_FOUND;
			}
		}
	struct buf after;
	struct jw w;
	buf_init(&after);
	jw_init(&w, &after);
	jw_open(&w, NULL, '{');
	jw_str(&w, "login", t->login);
	jw_str(&w, "role", t->role);
	jw_close(&w, '}');
	struct audit_entry ae = {t->site, "xxgkctl", "", "user.add", "user", uid, NULL, jw_finish(&w, t->p), ""};
	if (e == XE_OK)
		e = audit_write(db, &ae);
	return e;
}

static int user_add(struct ctl *ctx, struct db *db, struct pool *p, const char *login)
{
	const char *role = ctl_opt(ctx, "--role"), *name = ctl_opt(ctx, "--name");
	enum role level;
	if (!role_parse(role, &level)) {
		fputs("xxgkctl user add: --role admin, approver or staff\n", stderr);
		return 2;
	}
	long long site = site_id_of(ctx, db, p);
	if (site < 0)
		return 2;
	if (site == 0 && level != ROLE_ADMIN) {
		fputs("xxgkctl user add: approvers and staff belong to a site (--site)\n", stderr);
		return 2;
	}
	char pw[256];
	if (!read_password(pw, sizeof pw) || strlen(pw) < 8) {
		fputs("xxgkctl user add: a password of at least 8 characters on standard input\n", stderr);
		return 2;
	}
	const char *hash = password_hash(p, pw);
	memset(pw, 0, sizeof pw);
	if (hash == NULL)
		return 1;
	if (name != NULL && (!text_valid(name, strlen(name)) || utf8_chars(name) > 100)) {
		fputs("xxgkctl user add: --name must be text of at most 100 characters\n", stderr);
		return 2;
	}
	struct add_tx t = {ctx, p, site, login, name ? name : login, hash, role};
	enum xerr e = db_transaction(db, add_tx, &t);
	if (e != XE_OK) {
		if (e != XE_NOT_FOUND)
			fprintf(stderr, "xxgkctl user add: %s\n", e == XE_CONFLICT ? "that login exists on this site" : db_error(db));
		return 1;
	}
	printf("user %s added (%s)\n", login, role);
	return 0;
}

/* Ends the account's sign-in wait (core/login_limits.h), on its site or, for an admin of every
 * site, on each. */
static enum xerr end_wait(struct db *db, const char *login, long long site)
{
	return db_exec(db, "DELETE FROM login_limits WHERE kind = 'account' AND subject = ? AND (? = 0 OR site_id = ?)",
	               "sii", login, site, site);
}

static int user_change(struct ctl *ctx, struct db *db, struct pool *p, const char *sub, const char *login)
{
	long long site = site_id_of(ctx, db, p);
	if (site < 0)
		return 2;
	enum xerr e = XE_OK;
	const char *action = NULL;
	unsigned long long changed = 0;
	if (db_begin(db) != XE_OK)
		return 1;
	if (strcmp(sub, "passwd") == 0) {
		char pw[256];
		if (!read_password(pw, sizeof pw) || strlen(pw) < 8) {
			db_rollback(db);
			fputs("xxgkctl user passwd: a password of at least 8 characters on standard input\n", stderr);
			return 2;
		}
		const char *hash = password_hash(p, pw);
		memset(pw, 0, sizeof pw);
		e = db_exec(db, "UPDATE users SET password_hash = ? WHERE login = ? AND COALESCE(site_id, 0) = ?", "ssi", hash,
		            login, site);
		changed = db_affected(db);
		if (e == XE_OK) /* whoever signed in with the old password is signed out */
			e = db_exec(db, "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id "
			                "WHERE u.login = ? AND COALESCE(u.site_id, 0) = ?",
			            "si", login, site);
		if (e == XE_OK)
			e = end_wait(db, login, site);
		action = "user.passwd";
	} else if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
		e = db_exec(db, "UPDATE users SET disabled = ? WHERE login = ? AND COALESCE(site_id, 0) = ?", "isi",
		            (long long)(strcmp(sub, "disable") == 0), login, site);
		changed = db_affected(db);
		if (e == XE_OK && strcmp(sub, "disable") == 0)
			e = db_exec(db, "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id "
			                "WHERE u.login = ? AND COALESCE(u.site_id, 0) = ?",
			            "si", login, site);
		action = strcmp(sub, "disable") == 0 ? "user.disable" : "user.enable";
	} else {
		changed = db_value(db, p, &e, "SELECT 1 FROM users WHERE login = ? AND COALESCE(site_id, 0) = ?", "si", login,
		                   site) != NULL;
		if (e == XE_OK)
			e = end_wait(db, login, site);
		action = "user.unlock";
	}
	struct audit_entry ae = {site, "xxgkctl", "", action, "user", 0, NULL, NULL, login};
	if (e == XE_OK)
		e = audit_write(db, &ae);
	if (e != XE_OK || db_commit(db) != XE_OK) {
		db_rollback(db);
		fprintf(stderr, "xxgkctl user %s: %s\n", sub, db_error(db));
		return 1;
	}
	if (changed == 0 && strcmp(sub, "disable") != 0) {
		fprintf(stderr, "xxgkctl user %s: no user %s%s\n", sub, login, site ? " on that site" : " (give --site?)");
		return 1;
	}
	printf("user %s: %s done\n", login, sub);
	return 0;
}

static int user_list(struct ctl *ctx, struct db *db, struct pool *p)
{
	long long site = site_id_of(ctx, db, p);
	if (site < 0)
		return 2;
	struct db_result r;
	if (db_query(db, p, &r,
	             "SELECT u.login, u.role, COALESCE(s.site_key, '*'), IF(u.disabled, 'disabled', ''), "
	             "COALESCE((SELECT CONCAT('waits until ', MAX(l.wait_until)) FROM login_limits l WHERE l.kind = 'account' "
	             "AND l.subject = u.login AND (u.site_id IS NULL OR l.site_id = u.site_id) AND l.wait_until > NOW()), ''), "
	             "'', "
	             "COALESCE((SELECT GROUP_CONCAT(body SEPARATOR ', ') FROM user_bodies b WHERE b.user_id = u.id), '') "
	             "FROM users u LEFT JOIN sites s ON s.id = u.site_id WHERE ? = 0 OR u.site_id = ? ORDER BY s.site_key, u.login",
	             "ii", site, site) != XE_OK) {
		fprintf(stderr, "xxgkctl user list: %s\n", db_error(db));
		return 1;
	}
	printf("%-12s %-9s %-10s %-9s %-32s %s\n", "login", "role", "site", "state", "sign-in", "bodies");
	for (size_t i = 0; i < r.nrows; i++)
		printf("%-12s %-9s %-10s %-9s %-32s %s\n", r.rows[i][0], r.rows[i][1], r.rows[i][2], r.rows[i][3], r.rows[i][4],
		       r.rows[i][6]);
	return 0;
}

int ctl_user(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl user add LOGIN --role admin|approver|staff [--site S] [--name NAME] [--body BODY]...\n"
	                        "       xxgkctl user passwd|disable|enable|unlock LOGIN [--site S]\n"
	                        "       xxgkctl user list [--site S]\n"
	                        "The password is read from standard input. Admins without --site run every site;\n"
	                        "approvers and staff belong to one site; staff see the notices and requests of the\n"
	                        "disclosing bodies given with --body. unlock ends an account's sign-in wait.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0), *login = ctl_arg(ctx, 1);
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	int rc;
	if (sub != NULL && strcmp(sub, "list") == 0)
		rc = user_list(ctx, db, p);
	else if (sub == NULL || login == NULL || strlen(login) > 64 || !text_valid(login, strlen(login))) {
		fputs("xxgkctl user: add, passwd, disable, enable, unlock or list (xxgkctl user --help)\n", stderr);
		rc = 2;
	} else if (strcmp(sub, "add") == 0)
		rc = user_add(ctx, db, p, login);
	else if (strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0 ||
	         strcmp(sub, "unlock") == 0)
		rc = user_change(ctx, db, p, sub, login);
	else {
		fprintf(stderr, "xxgkctl user: unknown subcommand %s\n", sub);
		rc = 2;
	}
	pool_free(p);
	return rc;
}
