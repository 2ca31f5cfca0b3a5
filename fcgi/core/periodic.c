#include "core/periodic.h"
#include "core/errlog.h"
#include <errno.h>
#include <mysql.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct periodic {
	long long step_ns;
	bool (*fn)(void *arg);
	void *arg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* signalled on stop */
	bool stop;
};

long long periodic_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Sleeps until the monotonic time at; true when the thread is to stop. */
static bool sleep_until(struct periodic *t, long long at)
{
	struct timespec ts = {(time_t)(at / 1000000000LL), (long)(at % 1000000000LL)};
	pthread_mutex_lock(&t->lock);
	while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock, &ts) != ETIMEDOUT)
		;
	bool stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

static void *run(void *arg)
{
	struct periodic *t = arg;
	mysql_thread_init();
	for (long long next = periodic_now_ns();;) {
		long long started = periodic_now_ns();
		bool again = t->fn(t->arg);
		next = started - next > t->step_ns ? started : next; /* overran: no catching up */
		next += again ? 0 : t->step_ns;
		if (sleep_until(t, next))
			break;
	}
	mysql_thread_end();
	return NULL;
}

struct periodic *periodic_start(long long interval_ms, bool (*fn)(void *arg), void *arg)
{
	struct periodic *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	t->step_ns = interval_ms * 1000000LL;
	t->fn = fn;
	t->arg = arg;
	pthread_mutex_init(&t->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&t->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&t->thread, NULL, run, t) != 0) {
		errlog("cannot start a background thread: %s", strerror(errno));
		abort();
	}
	return t;
}

void periodic_stop(struct periodic *t)
{
	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = true;
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t);
}
