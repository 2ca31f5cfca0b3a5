#include "notices/batch_turns.h"
#include "unit.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

/* A batch before the one that failed, on another writer: what it saw when its waits ended. */
struct middle {
	struct batch_ticket *k;
	atomic_bool *first_planned, *first_ended;
	bool saw_planned, saw_ended;
	enum xerr took;
};

static void *middle_batch(void *arg)
{
	struct middle *m = arg;
	batch_turn_wait(m->k);
	m->saw_planned = atomic_load(m->first_planned);
	batch_claims_made(m->k);
	m->took = batch_claims_take(NULL, m->k, 1); /* no claims: no statement */
	m->saw_ended = atomic_load(m->first_ended);
	batch_ticket_end(m->k, m->took != XE_OK);
	return NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = {0, ms * 1000000L};
	nanosleep(&ts, NULL);
}

/* Three batches of a file on three writers: the third fails before the first has planned. The
 * second still waits its turn (its serials after the first's, its commit after the first's) and
 * commits; a fourth, after the failed one, does not. */
void test_batch_turns_failed_batch_stops_only_later_ones(void)
{
	struct batch_turns *t = batch_turns_new();
	size_t stop_at = SIZE_MAX;
	struct batch_ticket k[4];
	for (size_t i = 0; i < 4; i++)
		k[i] = (struct batch_ticket){.turns = t, .turn = batch_turns_next(t), .place = i * 40, .stop_at = &stop_at};
	atomic_bool first_planned = false, first_ended = false;
	batch_ticket_end(&k[2], true);
	struct middle m = {.k = &k[1], .first_planned = &first_planned, .first_ended = &first_ended};
	pthread_t th;
	CHECK(pthread_create(&th, NULL, middle_batch, &m) == 0);
	batch_turn_wait(&k[0]);
	pause_ms(50);
	atomic_store(&first_planned, true);
	batch_claims_made(&k[0]);
	pause_ms(50);
	atomic_store(&first_ended, true);
	batch_ticket_end(&k[0], false);
	pthread_join(th, NULL);
	CHECK(m.saw_planned);
	CHECK(m.saw_ended);
	CHECK(m.took == XE_OK);
	CHECK(!k[1].stopped);
	batch_turn_wait(&k[3]);
	CHECK(k[3].stopped);
	CHECK(batch_claims_take(NULL, &k[3], 1) == XE_UNAVAILABLE);
	batch_ticket_end(&k[3], true);
	CHECK(stop_at == 80);
	batch_turns_free(t);
}
