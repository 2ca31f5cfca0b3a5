/* Transactions: the marker that shows a transaction the server ended unseen, COMMIT only of
 * what is still ours, and whole runs again after a conflict (db.h, db_transaction). */
#include "core/db_conn.h"
#include "core/errlog.h"
#include <errno.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A transaction (db_transaction), or an autocommit write, that the server ended in a conflict is
 * run again until TX_BUDGET_MS have passed since its first run, or it has had TX_RUNS runs,
 * whichever comes first; only then is the conflict the answer (503). On one server a conflict is
 * a deadlock, and the run after it commits; on a cluster, writers on two nodes that take the same
 * row (a site's request serial) fail certification in turn, and a burst of that may outlast a
 * count of fast retries. */
#define TX_BUDGET_MS 5000
#define TX_RUNS 64

bool db_in_transaction(const struct db *db)
{
	return db->in_tx;
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

bool db_tx_ended_silently(struct db *db, const char *sql)
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
enum xerr db_statement_error(struct db *db, MYSQL_STMT *st, const char *sql)
{
	unsigned err = mysql_stmt_errno(st);
	char msg[sizeof db->last_error];
	snprintf(msg, sizeof msg, "%s", mysql_stmt_error(st));
	if (!db->in_tx || db->tx_lost || db->conn == NULL || db_connection_lost(err) || db_conflict(err) || tx_marked(db))
		return db_classify(db, err, msg);
	lose_silently_ended(db, sql);
	db->last_errno = (int)err;
	snprintf(db->last_error, sizeof db->last_error, "%s", msg);
	return XE_UNAVAILABLE;
}

/* Waits before running a transaction or an autocommit write again: up to 4 ms after the first
 * conflict, doubling to 256 ms, at a random point in the second half of that (so that the
 * transactions that collided do not collide again in step). */
void db_pause_before(struct db *db, int run)
{
	long max_us = 2000L << (run < 7 ? run : 7);
	long us = max_us / 2 + (long)(rand_r(&db->seed) % (unsigned)(max_us / 2 + 1));
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

long long db_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether a write that has run `runs` times, the first at `since` (now_ms), may run again. */
bool db_may_run_again(int runs, long long since)
{
	return runs < TX_RUNS && db_now_ms() - since < TX_BUDGET_MS;
}

static enum xerr plain(struct db *db, const char *fixed_sql)
{
	if (db->conn == NULL && (!db_reconnect(db) || db->tx_lost))
		return XE_UNAVAILABLE;
	if (mysql_real_query(db->conn, fixed_sql, strlen(fixed_sql)) != 0) {
		enum xerr e = db_classify(db, mysql_errno(db->conn), mysql_error(db->conn));
		if (db_connection_lost((unsigned)db->last_errno))
			db_reconnect(db);
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
	db->commit_unknown = false;
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
	db->commit_unknown = e != XE_OK && db_connection_lost((unsigned)db->last_errno);
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

bool db_commit_unknown(const struct db *db)
{
	return db->commit_unknown;
}

enum xerr db_transaction(struct db *db, db_tx_fn fn, void *ctx)
{
	enum xerr e = XE_OK;
	long long since = db_now_ms();
	int run = 1;
	for (;; run++) {
		if (run > 1)
			db_pause_before(db, run - 1);
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
		if (!db_may_run_again(run, since))
			break;
	}
	errlog("database: a transaction was ended by conflicts %d times in a row, over %lld ms: %s", run,
	       db_now_ms() - since, db->last_error);
	return e;
}

enum xerr db_tx_remark(struct db *db, char *err, size_t errlen)
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

