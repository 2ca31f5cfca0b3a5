/* A thread that runs a function at a fixed rate until it is stopped: the workers' background
 * work on a cluster (generation_poll.h, search_applier.h). */
#ifndef XXGK_PERIODIC_H
#define XXGK_PERIODIC_H
#include <stdbool.h>

struct periodic;

/* Runs fn(arg) at once and then every interval_ms, counted from the start of one run to the
 * start of the next (a run that overruns is followed at once by the next, never by a burst);
 * a run that returns true is followed at once. The thread is set up for the database client. */
struct periodic *periodic_start(long long interval_ms, bool (*fn)(void *arg), void *arg);
/* Waits for the run under way to end, stops the thread and frees it (NULL: nothing). */
void periodic_stop(struct periodic *t);
/* Monotonic nanoseconds. */
long long periodic_now_ns(void);

#endif
