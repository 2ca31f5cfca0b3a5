#include "notices/batch_turns.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#define AHEAD_MAX 64       /* sites and years an import's batches claim serials of */
#define BATCH_END_WAIT_S 10 /* a batch's wait for the ones before it to end, at most */
#define TURN_PLANNED 1
#define TURN_ENDED 2

struct batch_turns {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	long long issued;  /* places handed out */
	long long planned; /* batches before this place have made their claims (or ended) */
	long long ended;   /* batches before this place have ended */
	/* Places from ended on that are planned or ended out of order (a batch that fails early
	 * ends before the one before it): the counts above move only over a run of them. */
	unsigned char marks[BATCH_TURNS_OPEN];
	struct {
		long long site_id, year, next; /* the next serial no batch has claimed */
	} ahead[AHEAD_MAX];
	size_t nahead;
};

struct batch_turns *batch_turns_new(void)
{
	struct batch_turns *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	return t;
}

void batch_turns_free(struct batch_turns *t)
{
	if (t == NULL)
		return;
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t);
}

/* Place turn is planned, or ended too (under the lock): the counts move over what is marked. */
static void mark_turn(struct batch_turns *t, long long turn, unsigned char what)
{
	if (turn < t->ended || turn - t->ended >= BATCH_TURNS_OPEN)
		return;
	t->marks[turn % BATCH_TURNS_OPEN] |= what;
	while (t->planned < t->issued && (t->marks[t->planned % BATCH_TURNS_OPEN] & TURN_PLANNED))
		t->planned++;
	while (t->ended < t->planned && (t->marks[t->ended % BATCH_TURNS_OPEN] & TURN_ENDED))
		t->marks[t->ended++ % BATCH_TURNS_OPEN] = 0;
	pthread_cond_broadcast(&t->cv);
}

/* A batch of the ticket's file before it failed (under the lock). */
static bool stopped(const struct batch_ticket *k)
{
	return *k->stop_at < k->place;
}

long long batch_turns_next(struct batch_turns *t)
{
	pthread_mutex_lock(&t->mu);
	long long turn = t->issued++;
	pthread_mutex_unlock(&t->mu);
	return turn;
}

/* Waits, under the lock, until every batch before the ticket's place has ended, or one before
 * it in its file failed: false after BATCH_END_WAIT_S. A batch waits here holding its rows' locks, and one
 * before it that needs one of them (the same new notice in two files, inserted by the later
 * batch first) would wait for it in turn: the later batch then gives way (k->moved). */
static bool wait_for_ended(struct batch_ticket *k)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += BATCH_END_WAIT_S;
	struct batch_turns *t = k->turns;
	while (t->ended < k->turn && !stopped(k))
		if (pthread_cond_timedwait(&t->cv, &t->mu, &until) == ETIMEDOUT)
			return false;
	return true;
}

/* The counter's last serial as committed (0: none yet), read without a lock. */
static long long committed_last(struct db *db, long long site_id, long long year, enum xerr *e)
{
	struct pool *p = pool_new();
	const char *last = db_value(db, p, e, "SELECT last_serial FROM index_serials WHERE site_id = ? AND year = ?", "ii",
	                            site_id, year);
	long long n = last ? strtoll(last, NULL, 10) : 0;
	pool_free(p);
	return n;
}

/* The count of (site, year), from the committed counter the first time (under the lock). */
static long long *next_of(struct db *db, struct batch_turns *t, long long site_id, long long year, enum xerr *e)
{
	for (size_t i = 0; i < t->nahead; i++)
		if (t->ahead[i].site_id == site_id && t->ahead[i].year == year)
			return &t->ahead[i].next;
	if (t->nahead == AHEAD_MAX) {
		*e = XE_INTERNAL;
		return NULL;
	}
	long long next = committed_last(db, site_id, year, e) + 1;
	if (*e != XE_OK)
		return NULL;
	t->ahead[t->nahead].site_id = site_id;
	t->ahead[t->nahead].year = year;
	t->ahead[t->nahead].next = next;
	return &t->ahead[t->nahead++].next;
}

/* A run again of the same transaction keeps what the first run claimed. */
static bool claimed_before(const struct batch_ticket *k, long long year, long long count, long long *first)
{
	for (size_t i = 0; i < k->nclaims; i++)
		if (k->claims[i].year == year && k->claims[i].count == count) {
			*first = k->claims[i].first;
			return true;
		}
	return false;
}

enum xerr batch_claim(struct db *db, struct batch_ticket *k, long long site_id, long long year, long long count,
                      long long *first)
{
	if (claimed_before(k, year, count, first))
		return XE_OK;
	if (k->planned || k->nclaims == BATCH_CLAIMS_MAX) { /* the run again needs other serials */
		k->moved = true;
		return XE_CONFLICT;
	}
	struct batch_turns *t = k->turns;
	enum xerr e = XE_OK;
	pthread_mutex_lock(&t->mu);
	k->stopped = stopped(k);
	long long *next = k->stopped ? NULL : next_of(db, t, site_id, year, &e);
	if (next != NULL) {
		*first = *next;
		*next += count;
		k->claims[k->nclaims].year = year;
		k->claims[k->nclaims].first = *first;
		k->claims[k->nclaims++].count = count;
	}
	pthread_mutex_unlock(&t->mu);
	return next != NULL ? XE_OK : e != XE_OK ? e : XE_UNAVAILABLE;
}

void batch_turn_wait(struct batch_ticket *k)
{
	struct batch_turns *t = k->turns;
	pthread_mutex_lock(&t->mu);
	while (t->planned < k->turn && !stopped(k))
		pthread_cond_wait(&t->cv, &t->mu);
	k->stopped = stopped(k);
	pthread_mutex_unlock(&t->mu);
}

void batch_claims_made(struct batch_ticket *k)
{
	struct batch_turns *t = k->turns;
	k->planned = true;
	pthread_mutex_lock(&t->mu);
	mark_turn(t, k->turn, TURN_PLANNED);
	pthread_mutex_unlock(&t->mu);
}

/* The counter is past first: batches claimed after it ran ahead of what another writer took. */
static void counter_passed(struct batch_ticket *k, long long site_id, long long year, long long last)
{
	struct batch_turns *t = k->turns;
	pthread_mutex_lock(&t->mu);
	for (size_t i = 0; i < t->nahead; i++)
		if (t->ahead[i].site_id == site_id && t->ahead[i].year == year && t->ahead[i].next <= last)
			t->ahead[i].next = last + 1;
	pthread_mutex_unlock(&t->mu);
	k->moved = true;
}

enum xerr batch_claims_lost(struct db *db, struct batch_ticket *k, long long site_id)
{
	enum xerr e = XE_OK;
	for (size_t i = 0; i < k->nclaims && e == XE_OK; i++) {
		long long last = committed_last(db, site_id, k->claims[i].year, &e);
		if (e == XE_OK)
			counter_passed(k, site_id, k->claims[i].year, last);
	}
	return e;
}

/* The counter's row, locked without waiting: its holder is another writer (every batch before
 * this one has committed), which may itself wait for a 索引号 this batch claimed and inserted, a
 * wait InnoDB would settle by undoing the other writer again and again. Failing here, the batch
 * is run again and gives way (notice_batch.c). */
static const char *counter_locked(struct db *db, struct pool *p, long long site_id, long long year, enum xerr *e)
{
	const char *last = db_value(db, p, e,
	                            "SELECT last_serial FROM index_serials WHERE site_id = ? AND year = ? FOR UPDATE NOWAIT",
	                            "ii", site_id, year);
	if (*e != XE_OK || last != NULL)
		return last;
	*e = db_exec(db, "INSERT IGNORE INTO index_serials (site_id, year, last_serial) VALUES (?, ?, 0)", "ii", site_id,
	             year);
	last = *e == XE_OK ? db_value(db, p, e,
	                              "SELECT last_serial FROM index_serials WHERE site_id = ? AND year = ? FOR UPDATE NOWAIT",
	                              "ii", site_id, year)
	                   : NULL;
	if (*e == XE_OK && last == NULL)
		*e = XE_INTERNAL;
	return last;
}

/* One claim: the counter moved to its last serial unless it had passed its first. */
static enum xerr take_claim(struct db *db, struct pool *p, struct batch_ticket *k, long long site_id, size_t i)
{
	long long year = k->claims[i].year, first = k->claims[i].first, count = k->claims[i].count;
	enum xerr e = XE_OK;
	const char *last = counter_locked(db, p, site_id, year, &e);
	if (e != XE_OK)
		return e;
	long long had = strtoll(last, NULL, 10);
	if (had >= first) {
		counter_passed(k, site_id, year, had);
		return XE_CONFLICT;
	}
	return db_exec(db, "UPDATE index_serials SET last_serial = ? WHERE site_id = ? AND year = ?", "iii",
	               first + count - 1, site_id, year);
}

enum xerr batch_claims_take(struct db *db, struct batch_ticket *k, long long site_id)
{
	struct batch_turns *t = k->turns;
	pthread_mutex_lock(&t->mu);
	bool waited = wait_for_ended(k);
	k->stopped = stopped(k);
	pthread_mutex_unlock(&t->mu);
	if (k->stopped)
		return XE_UNAVAILABLE;
	if (!waited) {
		k->moved = true;
		return XE_CONFLICT;
	}
	struct pool *p = pool_new();
	enum xerr e = XE_OK;
	for (size_t i = 0; i < k->nclaims && e == XE_OK; i++)
		e = take_claim(db, p, k, site_id, i);
	pool_free(p);
	return e;
}

void batch_ticket_end(struct batch_ticket *k, bool failed)
{
	struct batch_turns *t = k->turns;
	pthread_mutex_lock(&t->mu);
	if (failed && k->place < *k->stop_at)
		*k->stop_at = k->place;
	mark_turn(t, k->turn, TURN_PLANNED | TURN_ENDED);
	pthread_mutex_unlock(&t->mu);
}
