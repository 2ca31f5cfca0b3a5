/* The audit log (全程留痕): call inside the transaction of the change it records.
 *
 * The log is tamper-evident (migrations 046, 097): each entry takes the next place (seq) in its
 * database node's chain (one per Galera node, named by @@wsrep_node_name; a single server has
 * one, chain 1) and carries an HMAC, under the key file's audit key, over its content and the
 * previous entry's hash in that chain. The chain's head row is locked in the writer's
 * transaction, so concurrent writers on a node extend it one after the other, and writers on
 * different nodes never wait on (or conflict over) each other's head; an entry changed by hand
 * no longer matches its hash and a deleted one leaves a gap in its chain (xxgkctl audit verify
 * checks each chain on its own). Writing needs the key file: without it the write fails, and
 * with it the change it records.
 */
#ifndef XXGK_AUDIT_H
#define XXGK_AUDIT_H
#include "core/db.h"
#include "core/request.h"
#include "core/seal.h"

struct audit_entry {
	long long site_id;        /* 0: none */
	const char *actor;        /* staff login, "public", "api", "xxgkctl", "system" */
	const char *actor_ip;
	const char *action;       /* e.g. "notice.publish", "request.file", "user.add" */
	const char *subject;      /* notice, request, user, site, calendar, token */
	long long subject_id;     /* 0: none */
	const char *before_json;  /* the record before (NULL for a creation) */
	const char *after_json;   /* the record after (NULL for a deletion) */
	const char *note;         /* the reason given, if any */
};

enum xerr audit_write(struct db *db, const struct audit_entry *e);
/* n entries in one statement (the bulk writer of notices). */
enum xerr audit_write_many(struct db *db, struct pool *p, const struct audit_entry *e, size_t n);
/* The same from a web request: actor and address from the request (signed-in user or "public"). */
enum xerr audit_request(struct request *req, const char *action, const char *subject, long long subject_id,
                        const char *before_json, const char *after_json, const char *note);

/* An entry's hashed content as the database returns it (NULL for SQL NULL; at with milliseconds,
 * "YYYY-MM-DD HH:MM:SS.mmm"). */
enum audit_field {
	AF_SEQ, AF_AT, AF_SITE_ID, AF_ACTOR, AF_ACTOR_IP, AF_ACTION, AF_SUBJECT, AF_SUBJECT_ID, AF_BEFORE, AF_AFTER, AF_NOTE,
	AF__N
};
/* The entry's chain hash after prev (64 hex); false without the audit key. */
bool audit_chain_hash(const struct keyring *k, const char *prev, const char *const field[AF__N], char out[65]);
/* Chains the entries written before migration 046 (no seq), oldest first, a batch per
 * transaction; *done: how many. */
enum xerr audit_chain_unchained(struct db *db, long long *done);

#endif
