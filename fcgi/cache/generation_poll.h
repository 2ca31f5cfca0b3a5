/* Stored copies on several web hosts ([cache] poll_ms): each host keeps its own copies
 * (page_copies.h), and a change made through one host moves only that host's `current` links
 * before it commits. Every worker process of every host runs a thread that reads the sites'
 * generations every poll_ms and moves its host's links forward to them, so a host learns of a
 * change within poll_ms plus one read; the read waits until its node has applied everything the
 * cluster committed before it (wsrep_sync_wait), so a lagging node does not hold a link back.
 *
 * The promise: no host serves a copy, and no worker an entry of its cache (which follows the
 * links, dispatch.c), of data older than 2 x poll_ms. A second thread holds it: when no read has
 * succeeded for 2 x poll_ms (the node down, the cluster re-forming), it takes the host's copies
 * out of view, so requests go to the workers and the database, and it goes on doing so until a
 * read succeeds and the poller puts the links back. One host (poll_ms 0) needs none of this:
 * there every change moves the links itself, exactly. */
#ifndef XXGK_GENERATION_POLL_H
#define XXGK_GENERATION_POLL_H
#include "core/app.h"
#include "core/db.h"

struct generation_poll;

/* Starts the threads when [cache] poll_ms and stored copies are on; NULL otherwise. */
struct generation_poll *generation_poll_start(const struct app *app, struct db_status *status);
/* Stops the threads and frees everything (NULL: nothing). */
void generation_poll_stop(struct generation_poll *g);

#endif
