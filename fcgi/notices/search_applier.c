#include "notices/search_applier.h"
#include "core/periodic.h"
#include "notices/search.h"
#include <stdlib.h>

struct search_applier {
	const struct app *app;
	struct db **dbs; /* one tied to each node; one for a single server */
	size_t n;
	struct periodic *thread;
};

/* A slice of at most half a second on each node; the next round comes at once while a node has
 * more (an import's thousands are applied in a row, each slice a short transaction). */
static bool apply_once(void *arg)
{
	struct search_applier *a = arg;
	bool again = false;
	for (size_t i = 0; i < a->n; i++) {
		long long applied = 0;
		bool more = false;
		enum xerr e = search_apply(a->dbs[i], a->app, 100, 0.5, NULL, &applied, &more);
		again = again || (e == XE_OK && more && applied > 0);
	}
	return again;
}

struct search_applier *search_applier_start(const struct app *app, struct db_status *status)
{
	if (app->cfg.search.apply_ms <= 0)
		return NULL;
	struct search_applier *a = calloc(1, sizeof *a);
	if (a == NULL)
		abort();
	a->app = app;
	struct db *probe = db_new(&app->cfg);
	a->n = db_node_count(probe) ? db_node_count(probe) : 1;
	db_close(probe);
	a->dbs = calloc(a->n, sizeof *a->dbs);
	if (a->dbs == NULL)
		abort();
	for (size_t i = 0; i < a->n; i++) {
		a->dbs[i] = db_new(&app->cfg);
		/* A single server's outage is logged as the serving connections' is; a node's is theirs
		 * to log when it is the one they use. */
		if (!db_pin_node(a->dbs[i], i))
			db_watch(a->dbs[i], status);
	}
	a->thread = periodic_start(app->cfg.search.apply_ms, apply_once, a);
	return a;
}

void search_applier_stop(struct search_applier *a)
{
	if (a == NULL)
		return;
	periodic_stop(a->thread);
	for (size_t i = 0; i < a->n; i++)
		db_close(a->dbs[i]);
	free(a->dbs);
	free(a);
}
