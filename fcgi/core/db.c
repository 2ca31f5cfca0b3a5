/* Connections (a server or the nodes of a cluster, reconnecting and failing over) and prepared
 * statements (cached, bound, their rows fetched); transactions are db_tx.c's. */
#include "core/db_conn.h"
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

#define MAX_PARAMS 64
#define MAX_COLS 64
#define COL_BUF 512
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
	/* group_concat_max_len: JSON_ARRAYAGG too stops there (a notice's items, notice_store.c).
	 * time_zone: NOW(), CURDATE() and UNIX_TIMESTAMP() in Beijing time, as the programs count
	 * (clock_beijing in text.h), whatever the server's own. */
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
	              "SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION', group_concat_max_len=1073741824, "
	              "time_zone='+08:00'");
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
bool db_reconnect(struct db *db)
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
		db_reconnect(db); /* the timeouts are the connection's: a new one takes them */
}

struct db *db_open(const struct settings *cfg, char *err, size_t errlen)
{
	struct db *db = db_new(cfg);
	if (!db_reconnect(db)) {
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
	return db->conn != NULL || db_reconnect(db);
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
bool db_connection_lost(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
	       err == CR_CONN_HOST_ERROR || err == ER_UNKNOWN_STMT_HANDLER || err == CR_COMMANDS_OUT_OF_SYNC ||
	       err == ER_CONNECTION_KILLED || err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	       err == ER_UNKNOWN_COM_ERROR;
}

/* A deadlock, or on Galera a certification conflict or a transaction aborted by a replicated one
 * (both 1213): the server has rolled the transaction back. A lock wait timeout ends only the
 * statement, but the transaction cannot go on as written either. */
bool db_conflict(unsigned err)
{
	return err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT;
}

enum xerr db_classify(struct db *db, unsigned err, const char *msg)
{
	db->last_errno = (int)err;
	snprintf(db->last_error, sizeof db->last_error, "%s", msg);
	/* A transaction cut short before its COMMIT is rolled back on the server (a lost node's
	 * uncommitted work was never replicated): it may be run again. A connection lost during
	 * the COMMIT leaves its outcome unknown, so that one is not. */
	if (db->in_tx && (db_conflict(err) || (db_connection_lost(err) && !db->committing)))
		db->tx_lost = true;
	if (db_connection_lost(err) || db_conflict(err))
		return XE_UNAVAILABLE;
	if (err == ER_DUP_ENTRY)
		return XE_CONFLICT;
	errlog("database error %u: %s", err, msg);
	return XE_INTERNAL;
}


static MYSQL_STMT *prepared(struct db *db, const char *sql, enum xerr *e)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0)
			return db->cache[i].stmt;
	if (db->conn == NULL && (!db_reconnect(db) || db->tx_lost)) {
		*e = XE_UNAVAILABLE;
		return NULL;
	}
	MYSQL_STMT *st = mysql_stmt_init(db->conn);
	if (st == NULL) {
		*e = db_classify(db, mysql_errno(db->conn), mysql_error(db->conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*e = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
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
		return db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
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
			enum xerr e = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
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
					enum xerr e = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
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
		return db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
	*executed = true;
	if (mysql_stmt_execute(st) != 0) {
		e = db_statement_error(db, st, sql);
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
	if (e == XE_OK && db_tx_ended_silently(db, sql))
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
	long long since = db_now_ms();
	for (int attempt = 1;; attempt++) {
		bool executed;
		long long started = db_now_ms();
		enum xerr e = run_once(db, p, out, sql, types, ap, &executed);
		if (e == XE_OK || (e == XE_UNAVAILABLE && db->tx_lost))
			return e;
		/* An autocommit write that met a deadlock was rolled back whole: run it again. */
		if (!db->in_tx && !is_read && (unsigned)db->last_errno == ER_LOCK_DEADLOCK && db_may_run_again(attempt, since)) {
			db_pause_before(db, attempt);
			continue;
		}
		if (e != XE_UNAVAILABLE || !db_connection_lost((unsigned)db->last_errno) || reconnected)
			return e;
		/* Connection lost. Reconnect; retry only what is safe to run twice: a read outside a
		 * transaction, or anything that never reached the server. Not a statement that waited
		 * out the read timeout: the server is there but slow (a lock held), and a second wait
		 * would outlast the web server's own (60 s), whose bare 504 would answer instead. */
		bool was_tx = db->in_tx;
		bool timed_out = executed && db_now_ms() - started >= (long long)db->rw_timeout * 1000 - 500;
		if (!db_reconnect(db))
			return XE_UNAVAILABLE;
		if (timed_out)
			errlog("a statement waited %u s for the database (a lock held?) and was given up", db->rw_timeout);
		if (was_tx || timed_out || (executed && !is_read))
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
		e = db_classify(db, mysql_stmt_errno(st), mysql_stmt_error(st));
	else if (mysql_stmt_execute(st) != 0)
		e = db_statement_error(db, st, sql);
	else if (db_tx_ended_silently(db, sql))
		e = XE_UNAVAILABLE;
	else
		db->affected = mysql_stmt_affected_rows(st);
	/* The cached statement goes back to single execution for its next use. */
	mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &none);
	for (size_t i = 0; i < n; i++)
		free(indicators[i]);
	if (e == XE_UNAVAILABLE && db_connection_lost((unsigned)db->last_errno))
		db_reconnect(db); /* leaves the connection usable; the write is not retried */
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

enum xerr db_run_script(struct db *db, const char *sql, char *err, size_t errlen)
{
	if (db->conn == NULL && !db_reconnect(db)) {
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
		e = db_tx_remark(db, err, errlen);
	return e;
}
