/* The database layer: MariaDB Connector/C, utf8mb4, prepared statements only.
 * Statements are prepared once per connection and cached by their SQL text. A lost connection
 * is reopened and its statements re-prepared; reads are retried once. A write is run again only
 * where that cannot do it twice: a transaction through db_transaction() that the server ended
 * before its COMMIT (a deadlock, a Galera certification conflict, a lost node), and an
 * autocommit write that met a deadlock (rolled back whole), each within the same time budget.
 *
 * With [database] nodes (a Galera cluster), a connection goes to the first node of the list, in
 * its order, that answers and is ready (wsrep_ready), and stays there until that node fails. */
#ifndef XXGK_DB_H
#define XXGK_DB_H
#include "core/error.h"
#include "core/pool.h"
#include "core/settings.h"
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct db;

/* The database as the service's connections last found it, in memory that its processes share
 * (the master maps it before it forks the workers): the database going away is logged once, with
 * the server's own message (and again when the reason changes), and its coming back once, however
 * many connections see it. Zeroed memory is a valid start. */
struct db_status {
	atomic_int state;
	atomic_int last_errno;
	atomic_int node; /* 1 + the index in [database] nodes of the node last connected to; 0: none */
};

struct db_result {
	size_t nrows, ncols;
	char ***rows;           /* rows[r][c]: NUL-terminated, NULL for SQL NULL */
	unsigned long **lens;   /* byte lengths (for binary columns) */
};

/* Connects with [database] from the config. NULL and a message on failure. */
struct db *db_open(const struct settings *cfg, char *err, size_t errlen);
/* Does not connect: the first statement does (workers start even while the database is down). */
struct db *db_new(const struct settings *cfg);
void db_close(struct db *db);
/* Logs what this connection finds through status from now on (NULL: nothing is logged). */
void db_watch(struct db *db, struct db_status *status);
/* Connects now rather than at the first statement, so that a worker's start logs a database it
 * cannot reach (a bad password, a server that is down). */
bool db_connect(struct db *db);
/* How long a statement may keep the client waiting (30 s by default): the CLI's bulk work (the
 * search index's rebuild builds its indexes in one statement) needs longer. */
void db_set_rw_timeout(struct db *db, unsigned seconds);
/* The process's keys (core/seal.h), for what seals or chains within a statement's transaction
 * (the audit log, the outbox); NULL until set. */
struct keyring;
void db_set_keyring(struct db *db, const struct keyring *keys);
const struct keyring *db_keyring(const struct db *db);

/* Parameter types, one letter each: 's' const char * (NULL binds SQL NULL), 'i' long long,
 * 'b' const void * then size_t (binary). Rows and strings are allocated from p. */
enum xerr db_query(struct db *db, struct pool *p, struct db_result *out, const char *sql, const char *types, ...);
enum xerr db_exec(struct db *db, const char *sql, const char *types, ...);
/* Array binding (MariaDB's bulk execution): the statement once for each of nrows parameter sets,
 * in one round trip, as one statement for the server. Each type letter takes an array of nrows
 * values: 's' const char *const * (a NULL element binds SQL NULL), 'i' const long long *.
 * A write: never retried. db_affected() gives the rows of all the sets together. */
enum xerr db_exec_array(struct db *db, const char *sql, const char *types, size_t nrows, ...);
/* First column of the first row, or NULL. */
const char *db_value(struct db *db, struct pool *p, enum xerr *e, const char *sql, const char *types, ...);
unsigned long long db_insert_id(const struct db *db);
unsigned long long db_affected(const struct db *db);

/* A transaction runs with autocommit off (on again after it) and opens with a marker row in a
 * temporary table of the connection's own; db_commit takes the row out before its COMMIT and
 * commits only when it was there. A transaction the server ended without a word to us took its
 * marker with it, and whatever ran after that end was held in a new transaction, not committed
 * alone: db_commit rolls that back and answers XE_UNAVAILABLE, the transaction lost. A failed
 * db_commit has rolled back. */
enum xerr db_begin(struct db *db);
bool db_in_transaction(const struct db *db);
enum xerr db_commit(struct db *db);
void db_rollback(struct db *db);
/* The server ended the transaction under way before its COMMIT: nothing more of it is sent,
 * and db_transaction() runs it again. That includes a transaction the server ended without an
 * error to us (seen on Galera: a reply says no transaction is open, or its marker is gone when
 * the server is asked after an error or at the commit) and one whose connection went (a new one
 * is not a continuation of it). */
bool db_transaction_lost(const struct db *db);

/* A write transaction's work, between its START TRANSACTION and its COMMIT. It may run several
 * times: it must do nothing outside the database that a second run would repeat wrongly (mail
 * goes after the commit; files are written where a second run writes them again), and it must
 * set what it hands back through ctx afresh on every run. */
typedef enum xerr (*db_tx_fn)(struct db *db, void *ctx);
/* Runs fn in a transaction and commits it. When the server ends the transaction before its
 * COMMIT (deadlock 1213, lock wait timeout 1205, a Galera certification conflict or abort, a
 * node lost mid-way, or its marker gone: the work was rolled back, and nothing that ran after
 * that end committed; also when the work failed after such an end), it is rolled back and run
 * again, whole, after a wait of up to 4 ms that doubles each time to 256 ms, at a random point in
 * its second half, while less than 5 s have passed since its first run (and for at most 64
 * runs): a conflict that outlasts that is the answer. A connection lost during the COMMIT itself is not run again
 * (the outcome is unknown): XE_UNAVAILABLE. Returns fn's error (rolled back), or the commit's. */
enum xerr db_transaction(struct db *db, db_tx_fn fn, void *ctx);
/* The last transaction's COMMIT lost its connection before the server's answer: whether it
 * committed is not known (db_transaction's XE_UNAVAILABLE). */
bool db_commit_unknown(const struct db *db);

/* The server or node in use (host, or NULL for the socket) and its port. */
const char *db_node(const struct db *db, unsigned *port);
/* The nodes of [database] nodes; 0 for one server. */
size_t db_node_count(const struct db *db);
/* Ties this connection to node i of [database] nodes and no other (a node's own state: its
 * search index); it connects at its next statement, or db_connect. False when there is no node i. */
bool db_pin_node(struct db *db, size_t i);
/* Runs a fixed, data-free SQL script (migrations): several statements separated by ';'. */
enum xerr db_run_script(struct db *db, const char *sql, char *err, size_t errlen);
const char *db_error(const struct db *db);
int db_errno(const struct db *db);
/* The last error was a call of a function the server does not have (an optional UDF). */
bool db_error_no_such_function(const struct db *db);

#endif
