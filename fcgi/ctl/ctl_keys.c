/* xxgkctl keys: the key file that seals applicants' personal data and chains the audit log
 * (core/seal.h, ysqgk/ysqgk_pii.h, core/audit.h). */
#include "core/audit.h"
#include "core/seal.h"
#include "core/text.h"
#include "ctl/ctl.h"
#include "ctl/migrate.h"
#include "ysqgk/ysqgk_pii.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: xxgkctl keys init [--file PATH]\n"
    "       xxgkctl keys rotate [--resume] [--max-rows N]\n"
    "       xxgkctl keys status\n"
    "init: creates the key file ([keys] file, or PATH) with a data key ([keys] cipher), an index\n"
    "  and an audit key ([keys] hash), mode 0640, unless it exists; then (without --file) seals the\n"
    "  personal data still in clear and chains the audit entries written before the chain.\n"
    "rotate: adds a new data key to the file (the old ones stay), re-seals every request and mail\n"
    "  under it, a batch per transaction, and then drops from the file the keys no row uses any\n"
    "  more. Interrupted (or stopped by --max-rows), it keeps the old keys: --resume goes on. The\n"
    "  index and audit keys are not rotated (the audit log's hashes are made with its key).\n"
    "status: the keys (ids and ciphers, never their bytes) and the rows sealed under each.\n";

/* The data key's cipher from --cipher or [keys] cipher. */
static bool cipher_of(struct ctl *ctx, enum seal_cipher *c)
{
	const char *name = ctl_opt(ctx, "--cipher");
	*c = (enum seal_cipher)ctx->app.cfg.keys.cipher;
	for (int i = 0; name != NULL && seal_cipher_names[i] != NULL; i++)
		if (strcmp(seal_cipher_names[i], name) == 0) {
			*c = (enum seal_cipher)i;
			return true;
		}
	if (name != NULL)
		fprintf(stderr, "xxgkctl keys: --cipher is aes-256-gcm or sm4-gcm\n");
	return name == NULL;
}

static int create_file(struct ctl *ctx, const char *path)
{
	if (access(path, F_OK) == 0) {
		printf("key file %s: there already\n", path);
		return 0;
	}
	enum seal_cipher cipher;
	if (!cipher_of(ctx, &cipher))
		return 2;
	struct keyring k;
	memset(&k, 0, sizeof k);
	char err[512];
	bool ok = keyring_add_data(&k, cipher) && keyring_add_macs(&k, (enum seal_hash)ctx->app.cfg.keys.hash) &&
	          keyring_save(&k, path, err, sizeof err);
	keyring_wipe(&k);
	if (!ok) {
		fprintf(stderr, "xxgkctl keys init: %s\n", err);
		return 1;
	}
	printf("key file %s: made (data key 1, %s); back it up apart from the database\n", path,
	       seal_cipher_names[cipher]);
	return 0;
}

int ctl_keys_catch_up(struct ctl *ctx, struct db *db)
{
	if (migrate_current(db) < 46)
		return 0;
	char err[512];
	if (!app_load_keys(&ctx->app, err, sizeof err)) {
		fprintf(stderr, "xxgkctl: note: %s; until then nothing can be filed or audited\n", err);
		return 0;
	}
	db_set_keyring(db, &ctx->app.keys);
	long long sealed = 0, chained = 0;
	enum xerr e = ysqgk_pii_reseal(db, &ctx->app.keys, 0, &sealed, stderr);
	if (e == XE_OK)
		e = audit_chain_unchained(db, &chained);
	if (sealed > 0 || chained > 0)
		printf("personal data sealed in %lld row(s); %lld audit entr%s chained\n", sealed, chained,
		       chained == 1 ? "y" : "ies");
	if (e != XE_OK)
		fprintf(stderr, "xxgkctl: sealing or chaining stopped: %s\n", db_error(db));
	return e == XE_OK ? 0 : 1;
}

static int init(struct ctl *ctx)
{
	const char *file = ctl_opt(ctx, "--file");
	int rc = create_file(ctx, file ? file : ctx->app.cfg.keys.file);
	if (rc != 0 || file != NULL)
		return rc;
	struct db *db = ctl_db(ctx);
	return db == NULL ? 1 : ctl_keys_catch_up(ctx, db);
}

/* Drops the data keys other than the current one that no row uses; the file is written again. */
static int retire(struct ctl *ctx, struct db *db, struct keyring *k)
{
	const struct data_key *cur = keyring_current(k);
	struct keyring kept = *k;
	kept.ndata = 0;
	for (size_t i = 0; i < k->ndata; i++) {
		bool used = true;
		if (&k->data[i] != cur && ysqgk_pii_key_used(db, k->data[i].id, &used) != XE_OK)
			return 1;
		if (used)
			kept.data[kept.ndata++] = k->data[i];
		else
			printf("data key %u retired: no row is sealed under it\n", k->data[i].id);
	}
	char err[512];
	bool ok = kept.ndata == k->ndata || keyring_save(&kept, ctx->app.cfg.keys.file, err, sizeof err);
	keyring_wipe(&kept);
	if (!ok)
		fprintf(stderr, "xxgkctl keys rotate: %s\n", err);
	return ok ? 0 : 1;
}

/* A new key in the file, unless --resume; refused while rows wait under an older key. */
static int add_key(struct ctl *ctx, struct db *db, struct keyring *k)
{
	long long pending = 0;
	if (ysqgk_pii_pending(db, k, &pending) != XE_OK)
		return 1;
	if (ctl_flag(ctx, "--resume"))
		return 0;
	if (pending > 0) {
		fprintf(stderr,
		        "xxgkctl keys rotate: %lld row(s) are not yet under data key %u: a rotation is unfinished; "
		        "xxgkctl keys rotate --resume goes on with it\n",
		        pending, keyring_current(k)->id);
		return 1;
	}
	enum seal_cipher cipher;
	char err[512];
	if (!cipher_of(ctx, &cipher))
		return 2;
	if (!keyring_add_data(k, cipher) || !keyring_save(k, ctx->app.cfg.keys.file, err, sizeof err)) {
		fprintf(stderr, "xxgkctl keys rotate: cannot add a key: %s\n", k->ndata == KEYRING_MAX ? "too many" : err);
		return 1;
	}
	printf("data key %u (%s) added to %s; the old ones stay until no row uses them\n", keyring_current(k)->id,
	       seal_cipher_names[cipher], ctx->app.cfg.keys.file);
	return 0;
}

static int rotate(struct ctl *ctx)
{
	struct db *db = ctl_db(ctx);
	long long max = 0, done = 0, left = 0;
	const char *max_s = ctl_opt(ctx, "--max-rows");
	if (db == NULL)
		return 1;
	if (max_s != NULL && !parse_int(max_s, 1, 1LL << 40, &max)) {
		fprintf(stderr, "xxgkctl keys rotate: --max-rows takes a number\n");
		return 2;
	}
	struct keyring k;
	char err[512];
	if (!keyring_load(&k, ctx->app.cfg.keys.file, err, sizeof err)) {
		fprintf(stderr, "xxgkctl keys rotate: %s\n", err);
		return 1;
	}
	db_set_keyring(db, &k);
	int rc = add_key(ctx, db, &k);
	enum xerr e = XE_OK;
	if (rc == 0)
		e = ysqgk_pii_reseal(db, &k, max, &done, stderr);
	if (rc == 0 && e == XE_OK)
		e = ysqgk_pii_pending(db, &k, &left);
	if (rc == 0)
		printf("%lld row(s) re-sealed under data key %u; %lld left\n", done, keyring_current(&k)->id, left);
	if (rc == 0 && e != XE_OK)
		fprintf(stderr, "xxgkctl keys rotate: stopped (%s); the old keys stay: --resume goes on\n", db_error(db));
	if (rc == 0 && e == XE_OK && left == 0)
		rc = retire(ctx, db, &k);
	else if (rc == 0 && e == XE_OK)
		printf("the old keys stay until every row is re-sealed: xxgkctl keys rotate --resume\n");
	db_set_keyring(db, &ctx->app.keys);
	keyring_wipe(&k);
	return rc != 0 ? rc : e == XE_OK ? 0 : 1;
}

static int status(struct ctl *ctx)
{
	struct keyring k;
	char err[512];
	if (!keyring_load(&k, ctx->app.cfg.keys.file, err, sizeof err)) {
		fprintf(stderr, "xxgkctl keys: %s\n", err);
		return 1;
	}
	struct db *db = ctl_db(ctx);
	struct pool *p = pool_new();
	struct db_result r = {0};
	enum xerr e = db == NULL ? XE_UNAVAILABLE
	                         : db_query(db, p, &r,
	                                    "SELECT pii_key, SUM(n) FROM (SELECT pii_key, COUNT(*) n FROM requests GROUP BY "
	                                    "pii_key UNION ALL SELECT pii_key, COUNT(*) FROM outbox GROUP BY pii_key) t "
	                                    "GROUP BY pii_key ORDER BY pii_key",
	                                    "");
	printf("key file %s\n", k.path);
	for (size_t i = 0; i < k.ndata; i++)
		printf("data %u %s%s\n", k.data[i].id, seal_cipher_names[k.data[i].cipher],
		       &k.data[i] == keyring_current(&k) ? " (current)" : "");
	printf("index %s\naudit %s\n", k.index.set ? seal_hash_names[k.index.hash] : "(missing)",
	       k.audit.set ? seal_hash_names[k.audit.hash] : "(missing)");
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		printf("rows under data key %s: %s\n", strcmp(r.rows[i][0], "0") == 0 ? "none (in clear)" : r.rows[i][0],
		       r.rows[i][1]);
	pool_free(p);
	keyring_wipe(&k);
	return e == XE_OK ? 0 : 1;
}

int ctl_keys(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, usage))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub != NULL && strcmp(sub, "init") == 0)
		return init(ctx);
	if (sub != NULL && strcmp(sub, "rotate") == 0)
		return rotate(ctx);
	if (sub != NULL && strcmp(sub, "status") == 0)
		return status(ctx);
	fputs(usage, stderr);
	return 2;
}
