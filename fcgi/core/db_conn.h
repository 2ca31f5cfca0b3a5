/* The database connection's own parts, shared by db.c (connections and statements) and db_tx.c
 * (transactions and their retries); nothing outside core/db*.c includes this. */
#ifndef XXGK_DB_CONN_H
#define XXGK_DB_CONN_H
#include "core/db.h"
#include <mysql.h>
#include <stdbool.h>

#define STMT_CACHE 256
#define MAX_NODES 16

struct cached_stmt {
	const char *sql;
	MYSQL_STMT *stmt;
};

/* A node of a Galera cluster ([database] nodes). */
struct db_node {
	char host[256];
	unsigned port;
};

struct db {
	MYSQL *conn;
	char *host, *user, *password, *name, *socket;
	unsigned port;
	struct db_node nodes[MAX_NODES];
	size_t nnodes, node; /* nnodes 0: host, port and socket; node: the one in use */
	unsigned rw_timeout; /* seconds a read or write may wait on the server */
	bool in_tx, committing;
	/* The transaction under way has been ended by the server (a deadlock, a certification
	 * conflict, a lost node) before its COMMIT: running it again may succeed, and until it is
	 * rolled back no statement goes to the server (it would not run in the transaction). */
	bool tx_lost;
	bool commit_unknown; /* the last COMMIT lost its connection before its answer */
	bool marked;      /* the connection has its transaction marker table (db_begin) */
	bool manual;      /* autocommit is off on the connection: a transaction is under way */
	unsigned seed; /* the jitter of the waits between runs */
	unsigned long long insert_id, affected;
	struct cached_stmt cache[STMT_CACHE];
	size_t ncache;
	char last_error[512];
	int last_errno;
	struct db_status *status; /* NULL: connections are not logged */
	const struct keyring *keys;
};


/* db.c */
bool db_reconnect(struct db *db);
bool db_connection_lost(unsigned err);
bool db_conflict(unsigned err);
enum xerr db_classify(struct db *db, unsigned err, const char *msg);

/* db_tx.c */
bool db_tx_ended_silently(struct db *db, const char *sql);
enum xerr db_statement_error(struct db *db, MYSQL_STMT *st, const char *sql);
void db_pause_before(struct db *db, int run);
long long db_now_ms(void);
bool db_may_run_again(int runs, long long since);
enum xerr db_tx_remark(struct db *db, char *err, size_t errlen);

#endif
