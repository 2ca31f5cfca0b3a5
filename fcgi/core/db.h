/* The database layer: MariaDB Connector/C, utf8mb4, prepared statements only.
 * Statements are prepared once per connection and cached by their SQL text. A lost connection
 * is reopened and its statements re-prepared; reads are retried once, writes never are. */
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

enum xerr db_begin(struct db *db);
bool db_in_transaction(const struct db *db);
enum xerr db_commit(struct db *db);
void db_rollback(struct db *db);
/* Runs a fixed, data-free SQL script (migrations): several statements separated by ';'. */
enum xerr db_run_script(struct db *db, const char *sql, char *err, size_t errlen);
const char *db_error(const struct db *db);
int db_errno(const struct db *db);
/* The last error was a call of a function the server does not have (an optional UDF). */
bool db_error_no_such_function(const struct db *db);

#endif
