/* xxgkctl audit verify: walks each of the audit log's chains (core/audit.h: one per database
 * node) on its own and names the first entry that does not match its hash, the first gap
 * (entries deleted) and entries with no place in any chain (inserted by hand). */
#include "core/audit.h"
#include "ctl/ctl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "usage: xxgkctl audit verify\n"
                            "Recomputes every audit entry's hash from its content and the entry before it in\n"
                            "its chain (one per database node), with the key file's audit key. Exit 0 when\n"
                            "every chain is whole; 1 naming the first entry changed, the first entries\n"
                            "missing, or an entry outside the chains.\n";

/* Entries read at a time. */
#define VERIFY_BATCH 1000

enum verify_col { VC_ID, VC_HASH, VC_FIELDS };

/* One chain's walk: id and node from its head row. */
struct walk {
	long long chain, seq, entries;
	const char *node;
	char hash[65];
	char last_id[24];
};

/* The first problem of one batch, or 0 and *more when the batch was whole. */
static int check_batch(struct db *db, struct pool *p, struct walk *w, bool *more)
{
	struct db_result r;
	if (db_query(db, p, &r,
	             "SELECT id, chain_hash, seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), site_id, actor, actor_ip, action, "
	             "subject, subject_id, before_json, after_json, note FROM audit_log WHERE chain = ? AND seq > ? ORDER BY seq "
	             "LIMIT ?",
	             "iii", w->chain, w->seq, (long long)VERIFY_BATCH) != XE_OK) {
		fprintf(stderr, "xxgkctl audit: %s\n", db_error(db));
		return 1;
	}
	for (size_t i = 0; i < r.nrows; i++) {
		char **row = r.rows[i], **f = row + VC_FIELDS, want[65];
		long long seq = strtoll(f[AF_SEQ], NULL, 10);
		if (seq != w->seq + 1) {
			printf("entries %lld to %lld of chain %lld (%s) are missing (deleted), between entry %s and entry %s\n",
			       w->seq + 1, seq - 1, w->chain, w->node, *w->last_id ? w->last_id : "(the start)", row[VC_ID]);
			return 1;
		}
		if (strlen(f[AF_AT]) > 23)
			f[AF_AT][23] = '\0';
		if (!audit_chain_hash(db_keyring(db), w->hash, (const char *const *)f, want)) {
			fprintf(stderr, "xxgkctl audit: the key file has no audit key\n");
			return 1;
		}
		if (row[VC_HASH] == NULL || strcmp(want, row[VC_HASH]) != 0) {
			printf("entry %s (chain %lld place %s, %s, %s %s by %s) does not match its hash: changed since it was "
			       "written\n",
			       row[VC_ID], w->chain, f[AF_SEQ], f[AF_AT], f[AF_ACTION], f[AF_SUBJECT], f[AF_ACTOR]);
			return 1;
		}
		w->seq = seq;
		memcpy(w->hash, want, 65);
		snprintf(w->last_id, sizeof w->last_id, "%s", row[VC_ID]);
		w->entries++;
	}
	*more = r.nrows == VERIFY_BATCH;
	return 0;
}

/* The head must name the last entry: entries deleted from the end leave it ahead. */
static int check_head(const struct walk *w, long long head, const char *head_hash)
{
	if (head != w->seq || strcmp(head_hash, w->hash) != 0) {
		printf("entries %lld to %lld of chain %lld (%s) are missing (deleted), after entry %s, the last one found\n",
		       w->seq + 1, head, w->chain, w->node, *w->last_id ? w->last_id : "(none)");
		return 1;
	}
	return 0;
}

/* One chain from its start to its head row (id, node, seq, hash). */
static int verify_chain(struct db *db, char **head, long long *entries)
{
	struct walk w = {strtoll(head[0], NULL, 10), 0, 0, *head[1] ? head[1] : "single server", {0}, {0}};
	memset(w.hash, '0', 64);
	bool more = true;
	int rc = 0;
	while (rc == 0 && more) {
		struct pool *p = pool_new();
		rc = check_batch(db, p, &w, &more);
		pool_free(p);
	}
	if (rc == 0)
		rc = check_head(&w, strtoll(head[2], NULL, 10), head[3]);
	*entries += w.entries;
	return rc;
}

/* An entry in no chain: no place, or a chain that has no head. */
static int check_loose(struct db *db, struct pool *p)
{
	enum xerr e;
	const char *loose = db_value(db, p, &e,
	                             "SELECT MIN(id) FROM audit_log WHERE seq IS NULL OR chain IS NULL "
	                             "OR chain NOT IN (SELECT id FROM audit_chain)",
	                             "");
	if (e == XE_OK && loose != NULL) {
		printf("entry %s has no place in a chain: inserted by hand (or written before the chain: xxgkctl "
		       "keys init chains those)\n",
		       loose);
		return 1;
	}
	return e == XE_OK ? 0 : 1;
}

static int verify(struct ctl *ctx)
{
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	if (db_keyring(db) == NULL) {
		fprintf(stderr, "xxgkctl audit: the key file %s cannot be read\n", ctx->app.cfg.keys.file);
		return 1;
	}
	struct pool *p = pool_new();
	struct db_result heads;
	long long entries = 0;
	int rc = 0;
	if (db_query(db, p, &heads, "SELECT id, node, seq, hash FROM audit_chain ORDER BY id", "") != XE_OK ||
	    heads.nrows == 0) {
		fprintf(stderr, "xxgkctl audit: no chain head (migrations 046, 097): %s\n", db_error(db));
		rc = 1;
	}
	/* An entry taken out of its chain leaves a gap there too: it is named first, as what it is. */
	if (rc == 0)
		rc = check_loose(db, p);
	for (size_t i = 0; rc == 0 && i < heads.nrows; i++)
		rc = verify_chain(db, heads.rows[i], &entries);
	if (rc == 0)
		printf("audit log: %lld entries in %zu chain%s, each whole\n", entries, heads.nrows,
		       heads.nrows == 1 ? "" : "s");
	pool_free(p);
	return rc;
}

int ctl_audit(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, usage))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub != NULL && strcmp(sub, "verify") == 0)
		return verify(ctx);
	fputs(usage, stderr);
	return 2;
}
