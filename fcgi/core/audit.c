#include "core/audit.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

/* Entries a transaction of audit_chain_unchained() takes. */
#define CHAIN_BATCH 500

/* Each field as its length and bytes, SQL NULL apart: no two entries hash the same text. */
static void put_field(struct buf *b, const char *v)
{
	if (v == NULL) {
		buf_puts(b, "-;");
		return;
	}
	buf_printf(b, "%zu:", strlen(v));
	buf_puts(b, v);
	buf_putc(b, ';');
}

bool audit_chain_hash(const struct keyring *k, const char *prev, const char *const field[AF__N], char out[65])
{
	if (k == NULL)
		return false;
	struct buf b;
	buf_init(&b);
	put_field(&b, prev);
	for (int f = 0; f < AF__N; f++)
		put_field(&b, field[f]);
	bool ok = seal_mac_hex(&k->audit, b.data, b.len, out);
	buf_free(&b);
	return ok;
}

/* This node's chain's head, locked until the transaction ends, and the time the entries are
 * written at. The node is the one the statement runs on, named by the server itself: a
 * connection that fails over to another node extends that node's chain from then on. */
struct chain {
	long long id, seq;
	char hash[65];
	char at[24];
};

static enum xerr chain_head(struct db *db, struct pool *p, struct db_result *r)
{
	return db_query(db, p, r,
	                "SELECT id, seq, hash, DATE_FORMAT(NOW(3), '%Y-%m-%d %H:%i:%s.%f') FROM audit_chain "
	                "WHERE node = IF(@@wsrep_on, @@wsrep_node_name, '') FOR UPDATE",
	                "");
}

static enum xerr chain_lock(struct db *db, struct pool *p, struct chain *c)
{
	struct db_result r;
	enum xerr e = chain_head(db, p, &r);
	/* A node's first audited write starts its chain (IGNORE: another writer on the node may
	 * just have started it; this one then waits for that one's lock). */
	if (e == XE_OK && r.nrows == 0)
		e = db_exec(db,
		            "INSERT IGNORE INTO audit_chain (node, seq, hash) "
		            "VALUES (IF(@@wsrep_on, @@wsrep_node_name, ''), 0, REPEAT('0', 64))",
		            "");
	if (e == XE_OK && r.nrows == 0)
		e = chain_head(db, p, &r);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0 || strlen(r.rows[0][2]) != 64 || strlen(r.rows[0][3]) < 23)
		return XE_INTERNAL; /* migrations 046 and 097 not applied */
	c->id = strtoll(r.rows[0][0], NULL, 10);
	c->seq = strtoll(r.rows[0][1], NULL, 10);
	memcpy(c->hash, r.rows[0][2], 65);
	memcpy(c->at, r.rows[0][3], 23);
	c->at[23] = '\0';
	return XE_OK;
}

static enum xerr chain_store(struct db *db, const struct chain *c)
{
	return db_exec(db, "UPDATE audit_chain SET seq = ?, hash = ? WHERE id = ?", "isi", c->seq, c->hash, c->id);
}

/* The next link: e's place and hash, as its row will be stored. */
static bool chain_link(const struct keyring *k, struct pool *p, struct chain *c, const struct audit_entry *e,
                       char **seq, char **hash)
{
	c->seq++;
	*seq = pool_printf(p, "%lld", c->seq);
	const char *field[AF__N] = {
	    [AF_SEQ] = *seq,
	    [AF_AT] = c->at,
	    [AF_SITE_ID] = e->site_id ? pool_printf(p, "%lld", e->site_id) : NULL,
	    [AF_ACTOR] = e->actor,
	    [AF_ACTOR_IP] = e->actor_ip ? e->actor_ip : "",
	    [AF_ACTION] = e->action,
	    [AF_SUBJECT] = e->subject,
	    [AF_SUBJECT_ID] = e->subject_id ? pool_printf(p, "%lld", e->subject_id) : NULL,
	    [AF_BEFORE] = e->before_json,
	    [AF_AFTER] = e->after_json,
	    [AF_NOTE] = e->note ? e->note : "",
	};
	*hash = pool_alloc(p, 65);
	if (!audit_chain_hash(k, c->hash, field, *hash))
		return false;
	memcpy(c->hash, *hash, 65);
	return true;
}

static enum xerr insert_entries(struct db *db, struct pool *p, const struct audit_entry *e, size_t n, struct chain *c)
{
	const struct keyring *k = db_keyring(db);
	if (k == NULL || !k->audit.set)
		return XE_UNAVAILABLE;
	long long *site_id = pool_alloc(p, (n + 1) * sizeof *site_id), *subject_id = pool_alloc(p, (n + 1) * sizeof *subject_id),
	          *chain = pool_alloc(p, (n + 1) * sizeof *chain);
	const char **col[10];
	for (size_t i = 0; i < 10; i++)
		col[i] = pool_alloc(p, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char *seq, *hash;
		if (!chain_link(k, p, c, &e[i], &seq, &hash))
			return XE_UNAVAILABLE;
		site_id[i] = e[i].site_id;
		subject_id[i] = e[i].subject_id;
		chain[i] = c->id;
		col[0][i] = e[i].actor;
		col[1][i] = e[i].actor_ip ? e[i].actor_ip : "";
		col[2][i] = e[i].action;
		col[3][i] = e[i].subject;
		col[4][i] = e[i].before_json;
		col[5][i] = e[i].after_json;
		col[6][i] = e[i].note ? e[i].note : "";
		col[7][i] = c->at;
		col[8][i] = seq;
		col[9][i] = hash;
	}
	return db_exec_array(db,
	                     "INSERT INTO audit_log (site_id, actor, actor_ip, action, subject, subject_id, before_json, "
	                     "after_json, note, at, chain, seq, chain_hash) "
	                     "VALUES (NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?)",
	                     "issssissssiss", n, site_id, col[0], col[1], col[2], col[3], subject_id, col[4], col[5],
	                     col[6], col[7], chain, col[8], col[9]);
}

enum xerr audit_write_many(struct db *db, struct pool *p, const struct audit_entry *e, size_t n)
{
	if (n == 0)
		return XE_OK;
	/* The head's lock must last until the entries are committed: a transaction of our own when
	 * the caller has none. */
	bool own = !db_in_transaction(db);
	enum xerr r = own ? db_begin(db) : XE_OK;
	struct chain c;
	if (r == XE_OK)
		r = chain_lock(db, p, &c);
	if (r == XE_OK)
		r = insert_entries(db, p, e, n, &c);
	if (r == XE_OK)
		r = chain_store(db, &c);
	if (own && r == XE_OK)
		r = db_commit(db);
	else if (own)
		db_rollback(db);
	return r;
}

enum xerr audit_write(struct db *db, const struct audit_entry *e)
{
	struct pool *p = pool_new();
	enum xerr r = audit_write_many(db, p, e, 1);
	pool_free(p);
	return r;
}

enum xerr audit_request(struct request *req, const char *action, const char *subject, long long subject_id,
                        const char *before_json, const char *after_json, const char *note)
{
	const char *actor = "public";
	if (req->user != NULL)
		actor = req->user->login;
	else if (req->rest != NULL && str_has_prefix(req->rest, "api/"))
		actor = "api";
	struct audit_entry e = {
		.site_id = req->site ? req->site->id : 0,
		.actor = actor,
		.actor_ip = req->remote_addr,
		.action = action,
		.subject = subject,
		.subject_id = subject_id,
		.before_json = before_json,
		.after_json = after_json,
		.note = note,
	};
	return audit_write_many(req->db, req->pool, &e, 1);
}

/* ---- entries from before the chain ---- */

static enum xerr chain_batch(struct db *db, struct pool *p, size_t *n)
{
	struct chain c;
	struct db_result r;
	enum xerr e = chain_lock(db, p, &c);
	if (e == XE_OK)
		e = db_query(db, p, &r,
		             "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), site_id, actor, actor_ip, action, subject, "
		             "subject_id, before_json, after_json, note FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT ? "
		             "FOR UPDATE",
		             "i", (long long)CHAIN_BATCH);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
		char **w = r.rows[i];
		c.seq++;
		const char *seq = pool_printf(p, "%lld", c.seq);
		w[1][23 < strlen(w[1]) ? 23 : strlen(w[1])] = '\0';
		const char *field[AF__N] = {seq, w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10]};
		if (!audit_chain_hash(db_keyring(db), c.hash, field, c.hash))
			e = XE_UNAVAILABLE;
		else
			e = db_exec(db, "UPDATE audit_log SET chain = ?, seq = ?, chain_hash = ? WHERE id = ?", "iisi", c.id,
			            c.seq, c.hash, strtoll(w[0], NULL, 10));
	}
	if (e == XE_OK)
		e = chain_store(db, &c);
	*n = e == XE_OK ? r.nrows : 0;
	return e;
}

enum xerr audit_chain_unchained(struct db *db, long long *done)
{
	*done = 0;
	const struct keyring *k = db_keyring(db);
	if (k == NULL || !k->audit.set)
		return XE_UNAVAILABLE;
	enum xerr e = XE_OK;
	for (size_t n = 1; e == XE_OK && n > 0;) {
		struct pool *p = pool_new();
		e = db_begin(db);
		if (e == XE_OK)
			e = chain_batch(db, p, &n);
		if (e == XE_OK)
			e = db_commit(db);
		else
			db_rollback(db);
		pool_free(p);
		*done += e == XE_OK ? (long long)n : 0;
	}
	return e;
}
