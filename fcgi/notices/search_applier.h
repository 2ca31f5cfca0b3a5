/* On a cluster ([search] apply_ms), every worker process applies the search change log to the
 * index of the node it is connected to, in a thread of its own: every node with a web host on it
 * follows the log without waiting for a search, and one that was down catches up when it is back
 * (search.h). The appliers of a node take turns (search_sync). */
#ifndef XXGK_SEARCH_APPLIER_H
#define XXGK_SEARCH_APPLIER_H
#include "core/app.h"
#include "core/db.h"

struct search_applier;

/* Starts the thread when [search] apply_ms is set; NULL otherwise. */
struct search_applier *search_applier_start(const struct app *app, struct db_status *status);
void search_applier_stop(struct search_applier *a);

#endif
