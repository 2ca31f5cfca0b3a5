/* xxgkctl token add|list|revoke — the push API's tokens (sql/006_push_tokens.sql). A new token is
 * 256 random bits, printed once on stdout; the database keeps only its SHA-256. */
#include "core/audit.h"
#include "core/crypto.h"
#include "ctl/ctl.h"
#include "core/exchange.h"
#include "notices/import.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The token's row and its audit entry (db_transaction: run again, whole, after a deadlock or a
 * cluster's conflict). */
struct add_tx {
	struct pool *p;
	const struct site *site;
	const char *name, *hash;
	long long id;
};

static enum xerr add_tx(struct db *db, void *ctx)
{
	struct add_tx *t = ctx;
	enum xerr e = db_exec(db, "INSERT INTO push_tokens (site_id, name, token_hash) VALUES (?, ?, ?)", "iss", t->site->id,
	                      t->name, t->hash);
	t->id = e == XE_OK ? (long long)db_insert_id(db) : 0;
	if (e != XE_OK)
		return e;
	struct buf j;
	buf_init(&j);
	struct jw w;
	jw_init(&w, &j);
	jw_open(&w, NULL, '{');
	jw_int(&w, "id", t->id);
	jw_str(&w, "site", t->site->key);
	jw_str(&w, "name", t->name);
	jw_close(&w, '}');
	struct audit_entry a = {.site_id = t->site->id, .actor = "xxgkctl", .action = "token.add", .subject = "token",
	                        .subject_id = t->id, .after_json = pool_strdup(t->p, buf_cstr(&j))};
	buf_free(&j);
	return audit_write(db, &a);
}

static int token_add(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site"), *name = ctl_opt(ctx, "--name");
	if (key == NULL) {
		fputs("xxgkctl token add: --site SITE is needed\n", stderr);
		return 2;
	}
	if (name == NULL)
		name = "";
	if (!text_valid(name, strlen(name)) || strpbrk(name, "\r\n\t") != NULL || utf8_chars(name) > 100) {
		fputs("xxgkctl token add: --name must be one line of at most 100 characters\n", stderr);
		return 2;
	}
	struct site site;
	enum xerr e = site_by_key(db, p, NULL, key, &site);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl token add: site %s: %s\n", key, e == XE_NOT_FOUND ? "no such site" : db_error(db));
		return 1;
	}
	char token[65], hash[65];
	if (!random_hex(token, 32)) {
		fputs("xxgkctl token add: the kernel gave no random bytes\n", stderr);
		return 1;
	}
	sha256_hex(token, strlen(token), hash);
	struct add_tx t = {p, &site, name, hash, 0};
	e = db_transaction(db, add_tx, &t);
	long long id = t.id;
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl token add: %s\n", db_error(db));
		return 1;
	}
	printf("%s\n", token);
	fprintf(stderr, "token %lld for site %s created. It is shown only this once: give it to the CMS as\n"
	                "  Authorization: Bearer <token>\n",
	        id, site.key);
	return 0;
}

static int token_list(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site");
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT t.id, s.site_key, t.name, DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i'), "
	                       "COALESCE(DATE_FORMAT(t.last_used_at, '%Y-%m-%d %H:%i'), '-'), "
	                       "IF(t.revoked_at IS NULL, 'active', CONCAT('revoked ', DATE_FORMAT(t.revoked_at, '%Y-%m-%d %H:%i'))) "
	                       "FROM push_tokens t JOIN sites s ON s.id = t.site_id "
	                       "WHERE ? IS NULL OR s.site_key = ? ORDER BY t.id",
	                       "ss", key, key);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl token list: %s\n", db_error(db));
		return 1;
	}
	/* STATUS is "active" or "revoked YYYY-MM-DD HH:MM" (24 columns): NAME, last, stays aligned. */
	printf("%-5s %-12s %-16s %-16s %-24s %s\n", "ID", "SITE", "CREATED", "LAST USED", "STATUS", "NAME");
	for (size_t i = 0; i < r.nrows; i++) {
		char **t = r.rows[i];
		printf("%-5s %-12s %-16s %-16s %-24s %s\n", t[0], t[1], t[3], t[4], t[5], t[2]);
	}
	return 0;
}

struct revoke_tx {
	long long id, site_id;
};

static enum xerr revoke_tx(struct db *db, void *ctx)
{
	struct revoke_tx *t = ctx;
	enum xerr e = db_exec(db, "UPDATE push_tokens SET revoked_at = NOW() WHERE id = ? AND revoked_at IS NULL", "i", t->id);
	if (e != XE_OK)
		return e;
	struct audit_entry a = {.site_id = t->site_id, .actor = "xxgkctl", .action = "token.revoke", .subject = "token",
	                        .subject_id = t->id};
	return audit_write(db, &a);
}

static int token_revoke(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *arg = ctl_arg(ctx, 1);
	long long id;
	if (arg == NULL || !parse_int(arg, 1, 4294967295LL, &id)) {
		fputs("xxgkctl token revoke: which token? (its ID, from xxgkctl token list)\n", stderr);
		return 2;
	}
	enum xerr e;
	const char *site_id = db_value(db, p, &e, "SELECT site_id FROM push_tokens WHERE id = ? AND revoked_at IS NULL",
	                               "i", id);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl token revoke: %s\n", db_error(db));
		return 1;
	}
	if (site_id == NULL) {
		fprintf(stderr, "xxgkctl token revoke: no active token %lld\n", id);
		return 1;
	}
	struct revoke_tx t = {id, strtoll(site_id, NULL, 10)};
	e = db_transaction(db, revoke_tx, &t);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl token revoke: %s\n", db_error(db));
		return 1;
	}
	printf("token %lld revoked\n", id);
	return 0;
}

int ctl_token(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl token add --site SITE [--name NAME]\n"
	                        "       xxgkctl token list [--site SITE]\n"
	                        "       xxgkctl token revoke ID\n"
	                        "Tokens for the push API (POST /xxgk/SITE/api/push, cms-integration/API.md).\n"
	                        "`add` prints a new random 256-bit token once on stdout; only its SHA-256 is\n"
	                        "stored, so it cannot be shown again. A token works for its own site only.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "revoke") != 0)) {
		fputs("xxgkctl token: add, list or revoke? (xxgkctl token --help)\n", stderr);
		return 2;
	}
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	int rc = strcmp(sub, "add") == 0    ? token_add(ctx, db, p)
	         : strcmp(sub, "list") == 0 ? token_list(ctx, db, p)
	                                    : token_revoke(ctx, db, p);
	pool_free(p);
	return rc;
}
