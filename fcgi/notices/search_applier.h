/* On a cluster ([search] apply_ms), every worker process applies the search change log to the
 * index of every node of [database] nodes, in a thread of its own with a connection tied to each:
 * every node's index follows the log without waiting for a search, whichever nodes the web hosts
 * use, and a node that was down catches up when it is back (search.h). A node that is down is
 * tried again at the next round; the appliers of a node take turns (search_sync). */
#ifndef XXGK_SEARCH_APPLIER_H
#define XXGK_SEARCH_APPLIER_H
#include "core/app.h"
#include "core/db.h"

struct search_applier;

/* Starts the thread when [search] apply_ms is set; NULL otherwise. */
struct search_applier *search_applier_start(const struct app *app, struct db_status *status);
void search_applier_stop(struct search_applier *a);

#endif
