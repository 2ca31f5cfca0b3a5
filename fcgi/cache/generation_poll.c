#include "cache/generation_poll.h"
#include "cache/page_copies.h"
#include "core/errlog.h"
#include "core/periodic.h"
#include "core/site.h"
#include <stdatomic.h>
#include <stdlib.h>

struct generation_poll {
	const struct app *app;
	struct db *db;                    /* the poller's own connection */
	struct periodic *poller, *watchdog;
	long long limit_ns;               /* the watchdog's: 1.8 x poll_ms */
	bool hidden;                      /* the watchdog's: the copies are out of view */
	/* When the last successful read started (monotonic ns): it saw every change committed
	 * before then. */
	atomic_llong last_ok;
};

/* One read of every site's generation, and this host's links moved forward to them. The read
 * waits until the node has applied what the cluster committed before it (a no-op on one server). */
static bool poll_once(void *arg)
{
	struct generation_poll *g = arg;
	long long started = periodic_now_ns();
	struct pool *p = pool_new();
	struct db_result r;
	enum xerr e = db_query(g->db, p, &r,
	                       "SET STATEMENT wsrep_sync_wait = 1 FOR "
	                       "SELECT s.site_key, g.generation FROM sites s JOIN site_generation g ON g.site_id = s.id",
	                       "");
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		if (site_key_valid(r.rows[i][0]))
			copies_follow(site_copies_dir(p, g->app, r.rows[i][0]), strtoull(r.rows[i][1], NULL, 10));
	pool_free(p);
	if (e == XE_OK)
		atomic_store(&g->last_ok, started);
	return false;
}

/* Takes the host's copies out of view whenever the last good read started more than 1.8 x
 * poll_ms ago, checking every 0.2 x poll_ms: no link is then ever more than 2 x poll_ms behind
 * the data. A read that starts on time and takes less than 0.8 x poll_ms keeps them in view. */
static bool watch_once(void *arg)
{
	struct generation_poll *g = arg;
	long long age = periodic_now_ns() - atomic_load(&g->last_ok);
	if (age > g->limit_ns) {
		copies_hide(g->app->copies_root);
		if (!g->hidden)
			errlog("page copies: the sites' generations could not be read for %lld ms; copies out of view until "
			       "they can",
			       age / 1000000);
		g->hidden = true;
	} else if (g->hidden) {
		errlog("page copies: generations read again; copies back in view");
		g->hidden = false;
	}
	return false;
}

struct generation_poll *generation_poll_start(const struct app *app, struct db_status *status)
{
	long long ms = app->cfg.cache.poll_ms;
	if (ms <= 0 || app->copies_root == NULL)
		return NULL;
	struct generation_poll *g = calloc(1, sizeof *g);
	if (g == NULL)
		abort();
	g->app = app;
	g->db = db_new(&app->cfg);
	db_watch(g->db, status);
	g->limit_ns = ms * 1800000LL;
	atomic_init(&g->last_ok, periodic_now_ns());
	g->poller = periodic_start(ms, poll_once, g);
	g->watchdog = periodic_start(ms / 5 > 0 ? ms / 5 : 1, watch_once, g);
	return g;
}

void generation_poll_stop(struct generation_poll *g)
{
	if (g == NULL)
		return;
	periodic_stop(g->watchdog);
	periodic_stop(g->poller);
	db_close(g->db);
	free(g);
}
