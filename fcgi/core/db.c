#include "core/db.h"
#include "core/errlog.h"
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define STMT_CACHE 256
#define MAX_PARAMS 64
#define MAX_COLS 64
#define COL_BUF 512
#define MAX_NODES 16
/* A transaction (db_transaction), or an autocommit write, that the server ended in a conflict is
 * run again until TX_BUDGET_MS have passed since its first run, or it has had TX_RUNS runs,
 * whichever comes first; only then is the conflict the answer (503). On one server a conflict is
 * a deadlock, and the run after it commits; on a cluster, writers on two nodes that take the same
 * row (a site's request serial) fail certification in turn, and a burst of that may outlast a
 * count of fast retries. */
#define TX_BUDGET_MS 5000
#define TX_RUNS 64

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

enum { DB_UNKNOWN, DB_UP, DB_DOWN };

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void forget_statements(struct db *db)
{
	for (size_t i = 0; i < db->ncache; i++)
		mysql_stmt_close(db->cache[i].stmt);
	db->ncache = 0;
}

/* Drops one statement from the cache: one that names a function dropped since it was prepared
 * fails on every execution, and is prepared afresh next time (the function may be back). */
static void forget_statement(struct db *db, MYSQL_STMT *st)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].stmt == st) {
			mysql_stmt_close(st);
			memmove(db->cache + i, db->cache + i + 1, (db->ncache - i - 1) * sizeof db->cache[0]);
			db->ncache--;
			return;
		}
}

/* A connection made or refused: logged only when it changes what the service knew. */
static void note_connection(struct db *db, bool up)
{
	struct db_status *st = db->status;
	if (st == NULL)
		return;
	if (up) {
		if (atomic_exchange(&st->state, DB_UP) == DB_DOWN)
			errlog("database: connected again");
		return;
	}
	int was = atomic_exchange(&st->state, DB_DOWN);
	int before = atomic_exchange(&st->last_errno, db->last_errno);
	if (was != DB_DOWN || before != db->last_errno)
		errlog("database: cannot connect: %s (error %d)", db->last_error, db->last_errno);
}

/* The node in use, when it changes, once for the service however many connections move. */
static void note_node(struct db *db, size_t was)
{
	struct db_status *st = db->status;
	int now = (int)db->node + 1;
	if (st == NULL || atomic_exchange(&st->node, now) == now)
		return;
	if (was != db->node)
		errlog("database: node %s:%u did not answer or was not ready (%s); now on %s:%u", db->nodes[was].host,
		       db->nodes[was].port, db->last_error, db->nodes[db->node].host, db->nodes[db->node].port);
	else
		errlog("database: on node %s:%u", db->nodes[db->node].host, db->nodes[db->node].port);
}

/* A Galera node takes statements only while it is part of the primary component and synced
 * enough (wsrep_ready); one that is joining, or cut off from the others, answers 1047 to most. */
static bool node_ready(struct db *db)
{
	static const char q[] = "SELECT @@wsrep_on, (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
	                        "WHERE VARIABLE_NAME = 'WSREP_READY')";
	if (mysql_real_query(db->conn, q, sizeof q - 1) != 0)
		return false;
	MYSQL_RES *res = mysql_store_result(db->conn);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	bool ready = row != NULL && row[0] != NULL &&
	             (strcmp(row[0], "0") == 0 || (row[1] != NULL && strcmp(row[1], "ON") == 0));
	if (!ready)
		snprintf(db->last_error, sizeof db->last_error, "wsrep_ready is %s", row && row[1] ? row[1] : "unknown");
	mysql_free_result(res);
	return ready;
}

static bool open_one(struct db *db, const char *host, unsigned port, const char *socket)
{
	db->conn = mysql_init(NULL);
	if (db->conn == NULL)
		return false;
	/* A node of several that does not answer in 2 s is taken for down: the next one is tried. */
	unsigned timeout = db->nnodes > 1 ? 2 : 5;
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &db->rw_timeout);
	mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &db->rw_timeout);
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* group_concat_max_len: JSON_ARRAYAGG too stops there (a notice's items, notice_store.c). */
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
	              "SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION', group_concat_max_len=1073741824");
	if (mysql_real_connect(db->conn, host, db->user, db->password, db->name, port, socket, 0) != NULL &&
	    (db->nnodes == 0 || node_ready(db)))
		return true;
	if (mysql_errno(db->conn) != 0) {
		snprintf(db->last_error, sizeof db->last_error, "%s", mysql_error(db->conn));
		db->last_errno = (int)mysql_errno(db->conn);
	}
	mysql_close(db->conn);
	db->conn = NULL;
	return false;
}

/* Connects to the server, or to the first node that answers and is ready, starting with the one
 * in use (a connection stays on its node until that fails). */
static bool connect_now(struct db *db)
{
	if (db->conn != NULL) {
		forget_statements(db);
		mysql_close(db->conn);
		db->conn = NULL;
	}
	/* A transaction under way ended with the old connection: it stays lost (nothing more of it is
	 * sent, on this connection or the new one) until it is rolled back. One whose COMMIT was under
	 * way is not (its outcome is unknown, db_commit says so). */
	db->tx_lost = db->in_tx && !db->committing;
	db->marked = db->manual = false; /* a new session: no temporary table, autocommit on */
	bool up = false;
	size_t was = db->node;
	if (db->nnodes == 0)
		up = open_one(db, db->host, db->port, db->socket);
	for (size_t k = 0; k < db->nnodes && !up; k++) {
		db->node = (was + k) % db->nnodes;
		up = open_one(db, db->nodes[db->node].host, db->nodes[db->node].port, NULL);
	}
	if (!up)
		db->node = was;
	note_connection(db, up);
	if (up && db->nnodes > 0)
		note_node(db, was);
	return up;
}

/* "host:port host:port ..." ([database] nodes, checked by the settings) into db->nodes. */
static void parse_nodes(struct db *db, const char *list)
{
	for (const char *c = list ? list : ""; *c && db->nnodes < MAX_NODES;) {
		c += strspn(c, " ,\t");
		size_t k = strcspn(c, " ,\t");
		if (k == 0)
			break;
		const char *colon = c + k;
		while (colon > c && *colon != ':')
			colon--;
		struct db_node *n = &db->nodes[db->nnodes];
		size_t hl = (size_t)(colon - c);
		if (*c == '[' && hl >= 2 && c[hl - 1] == ']') { /* [v6]:port */
			c++;
			hl -= 2;
		}
		if (colon > c && hl < sizeof n->host) {
			memcpy(n->host, c, hl);
			n->host[hl] = '\0';
			n->port = (unsigned)strtoul(colon + 1, NULL, 10);
			db->nnodes++;
		}
		c = colon + 1 + strcspn(colon + 1, " ,\t");
	}
}

struct db *db_new(const struct settings *cfg)
{
	struct db *db = calloc(1, sizeof *db);
	if (db == NULL)
		abort();
	db->host = dup_or_null(cfg->database.host);
	db->user = dup_or_null(cfg->database.user);
	db->password = dup_or_null(cfg->database.password);
	db->name = dup_or_null(cfg->database.name);
	db->socket = dup_or_null(cfg->database.socket);
	db->port = (unsigned)cfg->database.port;
	parse_nodes(db, cfg->database.nodes);
	db->rw_timeout = 30;
	if (getrandom(&db->seed, sizeof db->seed, 0) != sizeof db->seed)
		db->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)db;
	return db;
}

bool db_in_transaction(const struct db *db)
{
	return db->in_tx;
}

void db_set_keyring(struct db *db, const struct keyring *keys)
{
	db->keys = keys;
}

const struct keyring *db_keyring(const struct db *db)
{
	return db->keys;
}

void db_set_rw_timeout(struct db *db, unsigned seconds)
{
	db->rw_timeout = seconds;
	if (db->conn != NULL && !db->in_tx)
		connect_now(db); /* the timeouts are the connection's: a new one takes them */
}

struct db *db_open(const struct settings *cfg, char *err, size_t errlen)
{
	struct db *db = db_new(cfg);
	if (!connect_now(db)) {
		snprintf(err, errlen, "cannot connect to the database: %s", db->last_error);
		db_close(db);
		return NULL;
	}
	return db;
}

void db_watch(struct db *db, struct db_status *status)
{
	db->status = status;
}

bool db_connect(struct db *db)
{
	return db->conn != NULL || connect_now(db);
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL) {
		forget_statements(db);
		mysql_close(db->conn);
	}
	free(db->host);
	free(db->user);
	free(db->password);
	free(db->name);
	free(db->socket);
	free(db);
}

/* The connection is of no more use: reconnect (to the next node when there are several). 1047:
 * a Galera node that is not ready for statements (cut off from the others, or joining). */
static bool connection_lost(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
	       err == CR_CONN_HOST_ERROR || err == ER_UNKNOWN_STMT_HANDLER || err == CR_COMMANDS_OUT_OF_SYNC ||
	       err == ER_CONNECTION_KILLED || err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	       err == ER_UNKNOWN_COM_ERROR;
}

/* A deadlock, or on Galera a certification conflict or a transaction aborted by a replicated one
 * (both 1213): the server has rolled the transaction back. A lock wait timeout ends only the
 * statement, but the transaction cannot go on as written either. */
static bool conflict(unsigned err)
{
	return err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT;
}

static enum xerr classify(struct db *db, unsigned err, const char *msg)
{
	db->last_errno = (int)err;
	snprintf(db->last_error, sizeof db->last_error, "%s", msg);
	/* A transaction cut short before its COMMIT is rolled back on the server (a lost node's
	 * uncommitted work was never replicated): it may be run again. A connection lost during
	 * the COMMIT leaves its outcome unknown, so that one is not. */
	if (db->in_tx && (conflict(err) || (connection_lost(err) && !db->committing)))
		db->tx_lost = true;
	if (connection_lost(err) || conflict(err))
		return XE_UNAVAILABLE;
	if (err == ER_DUP_ENTRY)
		return XE_CONFLICT;
	errlog("database error %u: %s", err, msg);
	return XE_INTERNAL;
}

/* A transaction that we started and did not end, and that the server has ended without an error
 * to us, is lost as if it had met a deadlock; db_transaction runs it again. What ran after its
 * end was held in a transaction of its own (autocommit is off, db_begin) and is rolled back.
 * Every reply says whether a transaction is open: none after a statement of ours is such an end
 * (with autocommit off most statements open a new one, so this sees few: the marker, db_commit,
 * sees the rest). */
static void lose_silently_ended(struct db *db, const char *at)
{
	db->tx_lost = true;
	db->last_errno = ER_LOCK_DEADLOCK;
	snprintf(db->last_error, sizeof db->last_error, "the transaction under way was ended by the server");
	errlog("database: the server ended the transaction under way without an error; it is run again (%.100s)", at);
	/* What ran since is held in a transaction of its own (autocommit is off): it goes too. */
	if (db->conn != NULL)
		mysql_real_query(db->conn, "ROLLBACK", 8);
}

static bool tx_ended_silently(struct db *db, const char *sql)
{
	if (!db->in_tx || db->tx_lost || db->conn == NULL || (db->conn->server_status & SERVER_STATUS_IN_TRANS))
		return false;
	lose_silently_ended(db, sql);
	return true;
}

/* Whether the transaction under way is still the one db_begin opened: its marker row is there.
 * (An error reply says nothing of the transaction, and with autocommit off a statement after an
 * unseen end opens a transaction of its own, so "is one open" would not tell.) */
#define MARKED_SQL "SELECT COUNT(*) FROM xxgk_tx_mark"
static bool tx_marked(struct db *db)
{
	if (db->conn == NULL || mysql_real_query(db->conn, MARKED_SQL, sizeof MARKED_SQL - 1) != 0)
		return true; /* not known: what was found stands as it is */
	MYSQL_RES *res = mysql_store_result(db->conn);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	bool marked = row == NULL || row[0] == NULL || strcmp(row[0], "0") != 0;
	mysql_free_result(res);
	return marked;
}

/* A statement that failed: when the server had ended the transaction unseen before it, it ran
 * (and failed) outside it, and its error is not the work's (a foreign key to a row the
 * transaction had inserted): the transaction is lost, and run again. */
static enum xerr exec_error(struct db *db, MYSQL_STMT *st, const char *sql)
{
	unsigned err = mysql_stmt_errno(st);
	char msg[sizeof db->last_error];
	snprintf(msg, sizeof msg, "%s", mysql_stmt_error(st));
	if (!db->in_tx || db->tx_lost || db->conn == NULL || connection_lost(err) || conflict(err) || tx_marked(db))
		return classify(db, err, msg);
	lose_silently_ended(db, sql);
	db->last_errno = (int)err;
	snprintf(db->last_error, sizeof db->last_error, "%s", msg);
	return XE_UNAVAILABLE;
}

/* Waits before running a transaction or an autocommit write again: up to 4 ms after the first
 * conflict, doubling to 256 ms, at a random point in the second half of that (so that the
 * transactions that collided do not collide again in step). */
static void pause_before(struct db *db, int run)
{
	long max_us = 2000L << (run < 7 ? run : 7);
	long us = max_us / 2 + (long)(rand_r(&db->seed) % (unsigned)(max_us / 2 + 1));
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether a write that has run `runs` times, the first at `since` (now_ms), may run again. */
static bool may_run_again(int runs, long long since)
{
	return runs < TX_RUNS && now_ms() - since < TX_BUDGET_MS;
}

static MYSQL_STMT *prepared(struct db *db, const char *sql, enum xerr *e)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0)
			return db->cache[i].stmt;
	if (db->conn == NULL && (!connect_now(db) || db->tx_lost)) {
		*e = XE_UNAVAILABLE;
		return NULL;
	}
	MYSQL_STMT *st = mysql_stmt_init(db->conn);
	if (st == NULL) {
		*e = classify(db, mysql_errno(db->conn), mysql_error(db->conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*e = classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	if (db->ncache == STMT_CACHE) { /* full: drop the oldest */
		mysql_stmt_close(db->cache[0].stmt);
		memmove(db->cache, db->cache + 1, (STMT_CACHE - 1) * sizeof db->cache[0]);
		db->ncache--;
	}
	/* sql is a string literal in our code (no SQL is built from data), so the pointer lives. */
	db->cache[db->ncache++] = (struct cached_stmt){sql, st};
	return st;
}

struct param_store {
	MYSQL_BIND bind[MAX_PARAMS];
	unsigned long len[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
};

static bool bind_params(struct param_store *ps, const char *types, va_list ap)
{
	size_t n = strlen(types);
	if (n > MAX_PARAMS)
		return false;
	memset(ps, 0, sizeof *ps);
	for (size_t i = 0; i < n; i++) {
		MYSQL_BIND *b = &ps->bind[i];
		switch (types[i]) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			b->buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				ps->nulls[i] = 1;
				b->is_null = &ps->nulls[i];
			} else {
				b->buffer = (void *)s;
				ps->len[i] = strlen(s);
				b->buffer_length = ps->len[i];
				b->length = &ps->len[i];
			}
			break;
		}
		case 'i':
			ps->ints[i] = va_arg(ap, long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &ps->ints[i];
			break;
		case 'b': {
			const void *d = va_arg(ap, const void *);
			size_t dl = va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)d;
			ps->len[i] = dl;
			b->buffer_length = dl;
			b->length = &ps->len[i];
			break;
		}
		default:
			return false;
		}
	}
	return true;
}

static enum xerr fetch_all(struct db *db, MYSQL_STMT *st, struct pool *p, struct db_result *out)
{
	memset(out, 0, sizeof *out);
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (meta == NULL)
		return XE_OK;
	unsigned ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (ncols > MAX_COLS)
		return XE_INTERNAL;
	MYSQL_BIND bind[MAX_COLS];
	unsigned long lens[MAX_COLS];
	my_bool nulls[MAX_COLS], errs[MAX_COLS];
	char bufs[MAX_COLS][COL_BUF];
	memset(bind, 0, sizeof bind);
	for (unsigned c = 0; c < ncols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = bufs[c];
		bind[c].buffer_length = COL_BUF;
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
		bind[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, bind) != 0 || mysql_stmt_store_result(st) != 0)
		return classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
	size_t nrows = (size_t)mysql_stmt_num_rows(st);
	out->ncols = ncols;
	out->rows = pool_alloc(p, (nrows + 1) * sizeof *out->rows);
	out->lens = pool_alloc(p, (nrows + 1) * sizeof *out->lens);
	size_t r = 0;
	for (;;) {
		int rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			enum xerr e = classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
			mysql_stmt_free_result(st);
			return e;
		}
		if (r >= nrows)
			break;
		char **row = pool_alloc(p, ncols * sizeof *row);
		unsigned long *rl = pool_alloc(p, ncols * sizeof *rl);
		for (unsigned c = 0; c < ncols; c++) {
			if (nulls[c]) {
				row[c] = NULL;
				continue;
			}
			char *v = pool_alloc(p, lens[c] + 1);
			if (lens[c] <= COL_BUF) {
				memcpy(v, bufs[c], lens[c]);
			} else {
				MYSQL_BIND big;
				memset(&big, 0, sizeof big);
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = v;
				big.buffer_length = lens[c];
				if (mysql_stmt_fetch_column(st, &big, c, 0) != 0) {
					enum xerr e = classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
					mysql_stmt_free_result(st);
					return e;
				}
			}
			v[lens[c]] = '\0';
			row[c] = v;
			rl[c] = lens[c];
		}
		out->rows[r] = row;
		out->lens[r] = rl;
		r++;
	}
	out->nrows = r;
	mysql_stmt_free_result(st);
	return XE_OK;
}

/* One execution of a prepared statement: XE_OK with its rows in out (when out is not NULL).
 * *executed says whether it reached the server. */
static enum xerr run_once(struct db *db, struct pool *p, struct db_result *out, const char *sql, const char *types,
                          va_list ap, bool *executed)
{
	struct param_store ps;
	va_list copy;
	enum xerr e = XE_OK;
	*executed = false;
	va_copy(copy, ap);
	bool ok = bind_params(&ps, types, copy);
	va_end(copy);
	if (!ok)
		return XE_INTERNAL;
	MYSQL_STMT *st = prepared(db, sql, &e);
	if (st == NULL)
		return e;
	if (mysql_stmt_param_count(st) != strlen(types)) {
		errlog("parameter count mismatch for: %s", sql);
		return XE_INTERNAL;
	}
	if (mysql_stmt_bind_param(st, ps.bind) != 0)
		return classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
	*executed = true;
	if (mysql_stmt_execute(st) != 0) {
		e = exec_error(db, st, sql);
		if (db->last_errno == ER_CANT_FIND_UDF)
			forget_statement(db, st);
		return e;
	}
	db->insert_id = mysql_stmt_insert_id(st);
	db->affected = mysql_stmt_affected_rows(st);
	if (out != NULL)
		e = fetch_all(db, st, p, out); /* the status of a reply with rows comes after them */
	else
		mysql_stmt_free_result(st); /* a write that returns rows is a bug in the caller: drained */
	if (e == XE_OK && tx_ended_silently(db, sql))
		e = XE_UNAVAILABLE;
	return e;
}

static enum xerr run(struct db *db, struct pool *p, struct db_result *out, bool is_read,
                     const char *sql, const char *types, va_list ap)
{
	/* The server ended this transaction: nothing more of it may run, least of all outside it. */
	if (db->in_tx && db->tx_lost)
		return XE_UNAVAILABLE;
	bool reconnected = false;
	long long since = now_ms();
	for (int attempt = 1;; attempt++) {
		bool executed;
		enum xerr e = run_once(db, p, out, sql, types, ap, &executed);
		if (e == XE_OK || (e == XE_UNAVAILABLE && db->tx_lost))
			return e;
		/* An autocommit write that met a deadlock was rolled back whole: run it again. */
		if (!db->in_tx && !is_read && (unsigned)db->last_errno == ER_LOCK_DEADLOCK && may_run_again(attempt, since)) {
			pause_before(db, attempt);
			continue;
		}
		if (e != XE_UNAVAILABLE || !connection_lost((unsigned)db->last_errno) || reconnected)
			return e;
		/* Connection lost. Reconnect; retry only what is safe to run twice: a read outside a
		 * transaction, or anything that never reached the server. */
		bool was_tx = db->in_tx;
		if (!connect_now(db))
			return XE_UNAVAILABLE;
		if (was_tx || (executed && !is_read))
			return XE_UNAVAILABLE;
		reconnected = true;
	}
}

enum xerr db_query(struct db *db, struct pool *p, struct db_result *out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum xerr e = run(db, p, out, true, sql, types, ap);
	va_end(ap);
	if (e != XE_OK)
		memset(out, 0, sizeof *out);
	return e;
}

enum xerr db_exec(struct db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum xerr e = run(db, NULL, NULL, false, sql, types, ap);
	va_end(ap);
	return e;
}

/* Column-wise arrays: a string column is an array of pointers, each NUL-terminated or NULL,
 * told apart by an indicator array. */
static bool bind_arrays(MYSQL_BIND *bind, char **indicators, const char *types, size_t nrows, va_list ap)
{
	for (size_t i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)va_arg(ap, const long long *);
			continue;
		}
		if (types[i] != 's')
			return false;
		const char *const *v = va_arg(ap, const char *const *);
		char *ind = malloc(nrows);
		if (ind == NULL)
			return false;
		for (size_t r = 0; r < nrows; r++)
			ind[r] = v[r] != NULL ? STMT_INDICATOR_NTS : STMT_INDICATOR_NULL;
		indicators[i] = ind;
		bind[i].buffer_type = MYSQL_TYPE_STRING;
		bind[i].buffer = (void *)v;
		bind[i].u.indicator = ind;
	}
	return true;
}

enum xerr db_exec_array(struct db *db, const char *sql, const char *types, size_t nrows, ...)
{
	size_t n = strlen(types);
	if (n > MAX_PARAMS || nrows > UINT32_MAX)
		return XE_INTERNAL;
	if (nrows == 0)
		return XE_OK;
	if (db->in_tx && db->tx_lost)
		return XE_UNAVAILABLE;
	enum xerr e = XE_OK;
	MYSQL_STMT *st = prepared(db, sql, &e);
	if (st == NULL)
		return e;
	if (mysql_stmt_param_count(st) != n) {
		fprintf(stderr, "xxgk: parameter count mismatch for: %s\n", sql);
		return XE_INTERNAL;
	}
	MYSQL_BIND bind[MAX_PARAMS];
	char *indicators[MAX_PARAMS] = {0};
	memset(bind, 0, sizeof bind);
	va_list ap;
	va_start(ap, nrows);
	bool ok = bind_arrays(bind, indicators, types, nrows, ap);
	va_end(ap);
	unsigned int size = (unsigned int)nrows, none = 0;
	if (!ok)
		e = XE_INTERNAL;
	else if (mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &size) != 0 || mysql_stmt_bind_param(st, bind) != 0)
		e = classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
	else if (mysql_stmt_execute(st) != 0)
		e = exec_error(db, st, sql);
	else if (tx_ended_silently(db, sql))
		e = XE_UNAVAILABLE;
	else
		db->affected = mysql_stmt_affected_rows(st);
	/* The cached statement goes back to single execution for its next use. */
	mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &none);
	for (size_t i = 0; i < n; i++)
		free(indicators[i]);
	if (e == XE_UNAVAILABLE && connection_lost((unsigned)db->last_errno))
		connect_now(db); /* leaves the connection usable; the write is not retried */
	return e;
}

const char *db_value(struct db *db, struct pool *p, enum xerr *e, const char *sql, const char *types, ...)
{
	struct db_result r;
	va_list ap;
	va_start(ap, types);
	*e = run(db, p, &r, true, sql, types, ap);
	va_end(ap);
	if (*e != XE_OK || r.nrows == 0 || r.ncols == 0)
		return NULL;
	return r.rows[0][0];
}

const char *db_node(const struct db *db, unsigned *port)
{
	if (db->nnodes == 0) {
		*port = db->port;
		return db->host;
	}
	*port = db->nodes[db->node].port;
	return db->nodes[db->node].host;
}

size_t db_node_count(const struct db *db)
{
	return db->nnodes;
}

bool db_pin_node(struct db *db, size_t i)
{
	if (i >= db->nnodes)
		return false;
	if (db->conn != NULL) {
		forget_statements(db);
		mysql_close(db->conn);
		db->conn = NULL;
	}
	db->nodes[0] = db->nodes[i];
	db->nnodes = 1;
	db->node = 0;
	return true;
}

unsigned long long db_insert_id(const struct db *db) { return db->insert_id; }
unsigned long long db_affected(const struct db *db) { return db->affected; }
const char *db_error(const struct db *db) { return db->last_error; }
int db_errno(const struct db *db) { return db->last_errno; }
bool db_error_no_such_function(const struct db *db)
{
	return db->last_errno == ER_SP_DOES_NOT_EXIST || db->last_errno == ER_CANT_FIND_UDF;
}

static enum xerr plain(struct db *db, const char *fixed_sql)
{
	if (db->conn == NULL && (!connect_now(db) || db->tx_lost))
		return XE_UNAVAILABLE;
	if (mysql_real_query(db->conn, fixed_sql, strlen(fixed_sql)) != 0) {
		enum xerr e = classify(db, mysql_errno(db->conn), mysql_error(db->conn));
		if (connection_lost((unsigned)db->last_errno))
			connect_now(db);
		return e;
	}
	return XE_OK;
}

/* A transaction runs with autocommit off, and its first statement writes its marker: a row in
 * a temporary table of the connection's own (neither replicated nor seen by other sessions;
 * InnoDB, so the row is the transaction's and goes with it when the server ends it). Should the
 * server end the transaction without a word to us, whatever runs after that is held in a new
 * transaction that commits nothing by itself, and db_commit, finding the marker gone, rolls it
 * back: no statement of the work commits alone, the first after the end included. */
static enum xerr begin_marked(struct db *db)
{
	enum xerr e = XE_OK;
	if (!db->marked)
		e = plain(db, "CREATE TEMPORARY TABLE IF NOT EXISTS xxgk_tx_mark "
		              "(n TINYINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB");
	db->marked = e == XE_OK;
	if (e == XE_OK)
		e = plain(db, "SET autocommit = 0");
	db->manual = e == XE_OK;
	if (e == XE_OK) /* opens the transaction, as START TRANSACTION would */
		e = plain(db, "INSERT INTO xxgk_tx_mark (n) VALUES (1)");
	if (e == XE_CONFLICT) {
		/* A marker committed by a statement that commits implicitly (DDL in a transaction):
		 * taken out on its own first, so that this transaction's marker is its own. */
		mysql_real_query(db->conn, "ROLLBACK", 8);
		e = plain(db, "DELETE FROM xxgk_tx_mark");
		if (e == XE_OK)
			e = plain(db, "COMMIT");
		if (e == XE_OK)
			e = plain(db, "INSERT INTO xxgk_tx_mark (n) VALUES (1)");
	}
	return e;
}

/* Ends what the server has open (ROLLBACK), and autocommit on again. */
static void end_manual(struct db *db, bool roll_back)
{
	if (db->conn == NULL) {
		db->manual = false; /* a new connection starts with autocommit on */
		return;
	}
	if (roll_back)
		mysql_real_query(db->conn, "ROLLBACK", 8);
	if (db->manual && mysql_real_query(db->conn, "SET autocommit = 1", 18) == 0)
		db->manual = false;
}

enum xerr db_begin(struct db *db)
{
	/* A transaction its caller left open is not carried into this one. */
	if (db->in_tx || db->manual)
		db_rollback(db);
	db->tx_lost = false;
	/* Before a transaction starts nothing is lost by reconnecting, so try twice. */
	enum xerr e = begin_marked(db);
	if (e == XE_UNAVAILABLE) {
		end_manual(db, true);
		e = begin_marked(db);
	}
	if (e == XE_OK)
		db->in_tx = true;
	else
		end_manual(db, true);
	return e;
}

/* The marker taken out last, in the transaction: gone already, the transaction was ended unseen. */
static enum xerr unmark(struct db *db)
{
	enum xerr e = plain(db, "DELETE FROM xxgk_tx_mark");
	if (e == XE_OK && mysql_affected_rows(db->conn) != 1) {
		lose_silently_ended(db, "found at its commit");
		e = XE_UNAVAILABLE;
	}
	return e;
}

enum xerr db_commit(struct db *db)
{
	if (db->in_tx && db->conn == NULL)
		db->tx_lost = true; /* its connection went: it never committed, and a COMMIT now would */
	enum xerr e = db->tx_lost ? XE_UNAVAILABLE : unmark(db);
	if (e != XE_OK) {
		/* Rolled back here, whoever the caller; db_transaction still sees it was lost. */
		bool lost = db->tx_lost;
		db_rollback(db);
		db->tx_lost = lost;
		return e;
	}
	db->committing = true;
	e = plain(db, "COMMIT");
	db->committing = false;
	db->in_tx = false;
	end_manual(db, false);
	return e;
}

void db_rollback(struct db *db)
{
	end_manual(db, db->in_tx || db->manual);
	db->in_tx = false;
	db->tx_lost = false;
}

bool db_transaction_lost(const struct db *db)
{
	return db->tx_lost;
}

enum xerr db_transaction(struct db *db, db_tx_fn fn, void *ctx)
{
	enum xerr e = XE_OK;
	long long since = now_ms();
	int run = 1;
	for (;; run++) {
		if (run > 1)
			pause_before(db, run - 1);
		e = db_begin(db);
		if (e == XE_OK)
			e = fn(db, ctx);
		if (e == XE_OK)
			e = db_commit(db);
		if (e == XE_OK)
			return XE_OK;
		/* Set by classify: the server ended the transaction before its COMMIT (or refused the
		 * COMMIT in a certification conflict). The work's own error is the answer, unless the
		 * transaction had been ended unseen before it (the work read what it no longer held). */
		if (!db->tx_lost && db->in_tx && e != XE_UNAVAILABLE && !tx_marked(db))
			lose_silently_ended(db, "found after the work's error");
		bool again = db->tx_lost;
		db_rollback(db);
		if (!again)
			return e;
		if (!may_run_again(run, since))
			break;
	}
	errlog("database: a transaction was ended by conflicts %d times in a row, over %lld ms: %s", run,
	       now_ms() - since, db->last_error);
	return e;
}

static enum xerr remark(struct db *db, char *err, size_t errlen)
{
	static const char *const step[] = {"DELETE FROM xxgk_tx_mark", "START TRANSACTION",
	                                   "INSERT INTO xxgk_tx_mark (n) VALUES (1)"};
	for (size_t i = 0; i < sizeof step / sizeof step[0]; i++)
		if (mysql_real_query(db->conn, step[i], strlen(step[i])) != 0) {
			snprintf(err, errlen, "%s", mysql_error(db->conn));
			return XE_INTERNAL;
		}
	return XE_OK;
}

enum xerr db_run_script(struct db *db, const char *sql, char *err, size_t errlen)
{
	if (db->conn == NULL && !connect_now(db)) {
		snprintf(err, errlen, "%s", db->last_error);
		return XE_UNAVAILABLE;
	}
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	enum xerr e = XE_OK;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0) {
		snprintf(err, errlen, "%s", mysql_error(db->conn));
		e = XE_INTERNAL;
	} else {
		int status;
		do {
			MYSQL_RES *res = mysql_store_result(db->conn);
			if (res)
				mysql_free_result(res);
			status = mysql_next_result(db->conn);
			if (status > 0) {
				snprintf(err, errlen, "%s", mysql_error(db->conn));
				e = XE_INTERNAL;
			}
		} while (status == 0);
	}
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	/* A script's DDL commits the transaction it runs in (MariaDB has no transactional DDL): the
	 * caller's next statements are a transaction again, not ones the server ended unseen, with a
	 * marker of its own (the old one was committed: taken out, and that committed too). */
	if (e == XE_OK && db->in_tx && !(db->conn->server_status & SERVER_STATUS_IN_TRANS))
		e = remark(db, err, errlen);
	return e;
}
