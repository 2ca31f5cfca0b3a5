#include "notices/search_applier.h"
#include "core/periodic.h"
#include "notices/search.h"
#include <stdlib.h>

struct search_applier {
	const struct app *app;
	struct db *db;
	struct periodic *thread;
};

/* A slice of at most half a second, then at once the next while some are left (an import's
 * thousands are applied in a row, each slice a short transaction). */
static bool apply_once(void *arg)
{
	struct search_applier *a = arg;
	long long applied = 0;
	bool more = false;
	enum xerr e = search_apply(a->db, a->app, 100, 0.5, NULL, &applied, &more);
	return e == XE_OK && more && applied > 0;
}

struct search_applier *search_applier_start(const struct app *app, struct db_status *status)
{
	if (app->cfg.search.apply_ms <= 0)
		return NULL;
	struct search_applier *a = calloc(1, sizeof *a);
	if (a == NULL)
		abort();
	a->app = app;
	a->db = db_new(&app->cfg);
	db_watch(a->db, status);
	a->thread = periodic_start(app->cfg.search.apply_ms, apply_once, a);
	return a;
}

void search_applier_stop(struct search_applier *a)
{
	if (a == NULL)
		return;
	periodic_stop(a->thread);
	db_close(a->db);
	free(a);
}
