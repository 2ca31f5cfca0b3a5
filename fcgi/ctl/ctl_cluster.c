/* xxgkctl cluster status — each node of [database] nodes as Galera reports it (GUIDE section 17),
 * for a person and for monitoring: exits 0 only when every node answers, is synced and ready, in
 * one primary component of them all. */
#include "ctl/ctl.h"
#include "notices/search.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The wsrep status a node reports, in the order printed. */
enum { W_STATE, W_STATUS, W_SIZE, W_READY, W_QUEUE, W_PAUSED, W_COMMITTED, W__N };
static const char *const wsrep_names[W__N] = {
	[W_STATE] = "WSREP_LOCAL_STATE_COMMENT", [W_STATUS] = "WSREP_CLUSTER_STATUS", [W_SIZE] = "WSREP_CLUSTER_SIZE",
	[W_READY] = "WSREP_READY",  [W_QUEUE] = "WSREP_LOCAL_RECV_QUEUE_AVG", [W_PAUSED] = "WSREP_FLOW_CONTROL_PAUSED",
	[W_COMMITTED] = "WSREP_LAST_COMMITTED",
};

/* One node's line; true when it is synced, ready and in a primary component, *whole when that
 * component has all want nodes. */
static bool node_line(struct db *db, struct pool *p, const char *name, size_t want, bool *whole)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
	                       "WHERE VARIABLE_NAME LIKE 'WSREP\\_%'",
	                       "");
	const char *v[W__N] = {0};
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		for (size_t k = 0; k < W__N; k++)
			if (strcmp(r.rows[i][0], wsrep_names[k]) == 0)
				v[k] = r.rows[i][1];
	struct search_lag lag = {0};
	if (e == XE_OK)
		e = search_node_lag(db, p, &lag);
	if (e != XE_OK) {
		printf("%-28s error: %s\n", name, db_error(db));
		return false;
	}
	for (size_t k = 0; k < W__N; k++)
		v[k] = v[k] && *v[k] ? v[k] : "-";
	printf("%-28s %-14s %-8s %4s %5s %10s %11s %14s %13lld\n", name, v[W_STATE], v[W_STATUS], v[W_SIZE], v[W_READY],
	       v[W_QUEUE], v[W_PAUSED], v[W_COMMITTED], lag.entries);
	*whole = strtoull(v[W_SIZE], NULL, 10) == want;
	return strcmp(v[W_STATE], "Synced") == 0 && strcmp(v[W_STATUS], "Primary") == 0 && strcmp(v[W_READY], "ON") == 0;
}

static int cluster_status(struct ctl *ctx)
{
	struct db *any = db_new(&ctx->app.cfg);
	size_t n = db_node_count(any);
	db_close(any);
	if (n == 0) {
		fputs("xxgkctl cluster: one server ([database] nodes is not set)\n", stderr);
		return 1;
	}
	printf("%-28s %-14s %-8s %4s %5s %10s %11s %14s %13s\n", "NODE", "STATE", "CLUSTER", "SIZE", "READY", "RECV-QUEUE",
	       "FLOW-PAUSED", "LAST-COMMITTED", "SEARCH-BEHIND");
	size_t healthy = 0;
	bool all_whole = true; /* two synced nodes of three, the third down, are not a whole cluster */
	for (size_t i = 0; i < n; i++) {
		struct db *db = db_new(&ctx->app.cfg);
		struct pool *p = pool_new();
		db_pin_node(db, i);
		unsigned port;
		const char *host = db_node(db, &port);
		const char *name = pool_printf(p, "%zu %s:%u", i + 1, host ? host : "", port);
		if (!db_connect(db))
			printf("%-28s down or not ready: %s\n", name, db_error(db));
		else {
			bool whole = false;
			healthy += node_line(db, p, name, n, &whole);
			all_whole = all_whole && whole;
		}
		pool_free(p);
		db_close(db);
	}
	printf("%zu of %zu nodes synced and ready in one primary component\n", healthy, n);
	return healthy == n && all_whole ? 0 : 1;
}

int ctl_cluster(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl cluster status\n"
	                        "Each node of [database] nodes as Galera reports it: its state (Synced, Donor/Desynced,\n"
	                        "Joining...), its component (Primary or not), the cluster's size as it sees it, whether\n"
	                        "it takes statements (READY), its receive queue and the share of time flow control\n"
	                        "paused it (both near 0 when it keeps up), the last writeset it committed, and the\n"
	                        "search log entries its index has still to apply. Exits 0 only when every node is\n"
	                        "synced and ready in one primary component of all of them (for monitoring).\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || strcmp(sub, "status") != 0) {
		fputs("xxgkctl cluster: status? (xxgkctl cluster --help)\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, false))
		return 1;
	return cluster_status(ctx);
}
