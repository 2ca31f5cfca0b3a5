/* xxgkctl search reindex|sync|status — the full-text search index (fcgi/notices/search.h,
 * sql/035_search_ladder.sql). */
#include "ctl/ctl.h"
#include "core/text.h"
#include "notices/search.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --tier-keep N (default SEARCH_TIER_KEEP): how many of a large site's newest notices the first
 * tier keeps (the second and third 10 and 100 times as many); 0 when the value is not a number
 * from 1 to 100,000. */
static long long tier_keep(struct ctl *ctx)
{
	const char *v = ctl_opt(ctx, "--tier-keep");
	long long n = SEARCH_TIER_KEEP;
	if (v != NULL && !parse_int(v, 1, 100000, &n)) {
		fputs("xxgkctl search: --tier-keep takes a number from 1 to 100000\n", stderr);
		return 0;
	}
	return n;
}

/* Each node's index is its own (Mroonga rows are not replicated): on a cluster, the work of a
 * command is done on every node of [database] nodes, or on the one --node N names, each through
 * a connection tied to it; a node that is down is reported and skipped (it catches up from the
 * log when it returns). One server: its connection. Returns the nodes that failed. */
typedef int (*node_fn)(struct ctl *ctx, struct db *db, const char *node);

static int on_nodes(struct ctl *ctx, struct db *db, node_fn fn)
{
	size_t n = db_node_count(db);
	const char *only = ctl_opt(ctx, "--node");
	long long pick = 0;
	if (only != NULL && !parse_int(only, 1, (long long)(n ? n : 1), &pick)) {
		fprintf(stderr, "xxgkctl search: --node takes a number from 1 to %zu ([database] nodes)\n", n ? n : 1);
		return 1;
	}
	if (n == 0)
		return fn(ctx, db, "");
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		if (pick != 0 && (size_t)pick != i + 1)
			continue;
		struct db *one = db_new(&ctx->app.cfg);
		unsigned port;
		bool up = db_pin_node(one, i) && db_connect(one);
		const char *host = db_node(one, &port);
		char name[300];
		snprintf(name, sizeof name, "node %zu (%s:%u)", i + 1, host ? host : "", port);
		if (!up) {
			fprintf(stderr, "xxgkctl search: %s: %s\n", name, db_error(one));
			failed++;
		} else {
			failed += fn(ctx, one, name) != 0;
		}
		db_close(one);
	}
	return failed;
}

static int reindex_node(struct ctl *ctx, struct db *db, const char *node)
{
	long long keep = tier_keep(ctx);
	if (keep == 0)
		return 1;
	if (*node)
		printf("%s:\n", node);
	db_set_rw_timeout(db, 24 * 3600); /* building a million notices' indexes is one statement of minutes */
	double t0 = search_now();
	long long indexed;
	enum xerr e = search_reindex(db, &ctx->app, keep, stdout, &indexed);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search reindex: %s\n", db_error(db));
		return 1;
	}
	double s = search_now() - t0;
	printf("search index rebuilt: %lld published notices indexed in %.1f s (%.0f a second)\n", indexed, s,
	       s > 0 ? (double)indexed / s : 0.0);
	return 0;
}

/* More logged changes than this (--rebuild-above) and than the index holds: the node's index is
 * rebuilt in bulk rather than applied to notice by notice. Groonga then builds each full-text
 * index in one pass, where applying updates every index record by record (after a large import,
 * half the time or less: bench/README.md). */
#define SYNC_REBUILD_ABOVE 50000

/* Whether the node's backlog is better rebuilt than applied; false on any error (sync then
 * applies, and reports the error if it stays). */
static bool backlog_is_large(struct ctl *ctx, struct db *db)
{
	const char *v = ctl_opt(ctx, "--rebuild-above");
	long long above = SYNC_REBUILD_ABOVE;
	if (v != NULL)
		parse_int(v, 1, 1000000000, &above); /* checked by search_do_sync */
	struct pool *p = pool_new();
	struct search_lag lag;
	enum xerr e = search_node_lag(db, p, &lag);
	const char *docs = e == XE_OK ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_docs", "") : NULL;
	bool large = docs != NULL && lag.entries > above && lag.entries > strtoll(docs, NULL, 10);
	pool_free(p);
	return large;
}

/* One node's tiers moved to their sizes, then the log applied to its index. The tiers first:
 * after a large import most of the logged notices are already below the new cutoffs, and are
 * then indexed once, not written into every tier and taken out again. */
static int sync_node(struct ctl *ctx, struct db *db, const char *node)
{
	if (backlog_is_large(ctx, db)) {
		printf("%s%smore logged changes than the index holds: rebuilt in bulk instead\n", node, *node ? ": " : "");
		return reindex_node(ctx, db, "");
	}
	double t0 = search_now();
	long long total = 0, moved = 0;
	bool more;
	enum xerr e = search_tiers_roll(db, tier_keep(ctx), ctl_opt(ctx, "--site"), stdout, &moved);
	if (e == XE_OK)
		e = search_apply(db, &ctx->app, 500, 0, NULL, &total, &more);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search sync: %s%s%s\n", node, *node ? ": " : "", db_error(db));
		return 1;
	}
	printf("%s%s%lld taken out of tiers, %lld logged changes applied to the search index (%.1f s)\n", node,
	       *node ? ": " : "", moved, total, search_now() - t0);
	return 0;
}

static int search_do_sync(struct ctl *ctx, struct db *db)
{
	const char *above = ctl_opt(ctx, "--rebuild-above");
	long long n;
	if (above != NULL && !parse_int(above, 1, 1000000000, &n)) {
		fputs("xxgkctl search sync: --rebuild-above takes a number from 1 to 1000000000\n", stderr);
		return 1;
	}
	if (tier_keep(ctx) == 0 || !ctl_app(ctx, false))
		return 1;
	if (on_nodes(ctx, db, sync_node) != 0)
		return 1;
	long long pruned = 0;
	enum xerr e = search_log_prune(db, SEARCH_LOG_DAYS, &pruned);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search sync: %s\n", db_error(db));
		return 1;
	}
	printf("%lld log entries older than %d days pruned\n", pruned, SEARCH_LOG_DAYS);
	return 0;
}

/* The indexed notices of each site, by one Groonga pass over the index (site_id has no index of
 * its own); from p, keyed by site id as text. */
static json_t *indexed_per_site(struct db *db, struct pool *p, enum xerr *e)
{
	const char *json = db_value(db, p, e, "SELECT mroonga_command(?)", "s",
	                            "select --table search_docs --limit 0 --drilldown site_id "
	                            "--drilldown_output_columns _key,_nsubrecs --drilldown_limit -1 --cache no");
	json_t *root = (*e == XE_OK && json) ? json_loads(json, 0, NULL) : NULL;
	json_t *counts = json_object();
	json_t *rows = json_array_get(root, 1);
	for (size_t i = 2; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		json_object_set(counts, pool_printf(p, "%lld", (long long)json_integer_value(json_array_get(row, 0))),
		                json_array_get(row, 1));
	}
	json_decref(root);
	return counts;
}

/* One node's lag: what of the log it has not applied, and how old the oldest of that is. */
static int lag_node(struct ctl *ctx, struct db *db, const char *node)
{
	(void)ctx;
	struct pool *p = pool_new();
	struct search_lag lag;
	enum xerr e = search_node_lag(db, p, &lag);
	pool_free(p);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search status: %s%s%s\n", node, *node ? ": " : "", db_error(db));
		return 1;
	}
	printf("queued for indexing: %lld%s%s, the oldest %lld s ago%s\n", lag.entries, *node ? " on " : "", node,
	       lag.oldest_s, lag.sites_lost ? "; behind the pruned log: run xxgkctl search reindex on it" : "");
	return 0;
}

static int search_do_status(struct ctl *ctx, struct db *db, struct pool *p)
{
	db_set_rw_timeout(db, 3600); /* counting a million notices' rows takes longer than a page may */
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT s.site_key, "
	                       "(SELECT COUNT(*) FROM notices n WHERE n.site_id = s.id AND n.status = 'published'), s.id, "
	                       "COALESCE((SELECT DATE_FORMAT(t.cutoff, '%Y-%m-%d') FROM search_tiers t "
	                       "WHERE t.site_id = s.id AND t.tier = 1), '-'), "
	                       "COALESCE((SELECT DATE_FORMAT(t.cutoff, '%Y-%m-%d') FROM search_tiers t "
	                       "WHERE t.site_id = s.id AND t.tier = 2), '-'), "
	                       "COALESCE((SELECT DATE_FORMAT(t.cutoff, '%Y-%m-%d') FROM search_tiers t "
	                       "WHERE t.site_id = s.id AND t.tier = 3), '-') "
	                       "FROM sites s ORDER BY s.site_key",
	                       "");
	json_t *indexed = e == XE_OK ? indexed_per_site(db, p, &e) : NULL;
	if (e != XE_OK) {
		json_decref(indexed);
		fprintf(stderr, "xxgkctl search status: %s\n", db_error(db));
		return 1;
	}
	unsigned port;
	const char *host = db_node(db, &port);
	printf("%-16s %12s %12s %12s %12s %12s\n", "SITE", "PUBLISHED", "INDEXED", "TIER1-FROM", "TIER2-FROM",
	       "TIER3-FROM");
	for (size_t i = 0; i < r.nrows; i++)
		printf("%-16s %12s %12lld %12s %12s %12s\n", r.rows[i][0], r.rows[i][1],
		       (long long)json_integer_value(json_object_get(indexed, r.rows[i][2])), r.rows[i][3], r.rows[i][4],
		       r.rows[i][5]);
	json_decref(indexed);
	if (db_node_count(db) > 0)
		printf("(indexed and tiers: those of %s:%u)\n", host ? host : "", port);
	return on_nodes(ctx, db, lag_node) != 0;
}

int ctl_search(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl search reindex [--tier-keep N] [--node N]\n"
	                        "       xxgkctl search sync [--tier-keep N] [--site KEY] [--node N] [--rebuild-above N]\n"
	                        "       xxgkctl search status [--node N]\n"
	                        "The full-text index behind /xxgk/SITE/search (Mroonga, sql/035_search_ladder.sql).\n"
	                        "Publishing, editing and withdrawing log a notice (sql/096_search_log.sql); the\n"
	                        "next search applies the log to the index. `sync` keeps each large site's tiers\n"
	                        "at their sizes, applies the log at once (after an import) and prunes the log's\n"
	                        "entries older than 7 days (run it from a timer); `reindex` rebuilds the whole\n"
	                        "index in bulk from the notices into a new table and swaps it in (searches read\n"
	                        "the old one meanwhile); `status` compares published and indexed counts, shows\n"
	                        "where each site's tiers start and how far each index is behind the log.\n"
	                        "On a cluster every node keeps its own index and its own tiers: sync, reindex\n"
	                        "and status work on every node of [database] nodes, or on the one --node N\n"
	                        "(1, 2, ...) names.\n"
	                        "--tier-keep N: newest-first searches read a site's newest N, 10N and 100N\n"
	                        "notices first; a tier keeps between that and twice as many (default 1250).\n"
	                        "--site KEY: sync moves that site's tiers only.\n"
	                        "--rebuild-above N: when a node's log has more than N changes to apply (default\n"
	                        "50000) and more than its index holds, sync rebuilds that index as reindex does.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || (strcmp(sub, "reindex") != 0 && strcmp(sub, "sync") != 0 && strcmp(sub, "status") != 0)) {
		fputs("xxgkctl search: reindex, sync or status? (xxgkctl search --help)\n", stderr);
		return 2;
	}
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	int rc = strcmp(sub, "reindex") == 0 ? (ctl_app(ctx, false) && on_nodes(ctx, db, reindex_node) == 0 ? 0 : 1)
	         : strcmp(sub, "sync") == 0  ? search_do_sync(ctx, db)
	                                     : search_do_status(ctx, db, p);
	pool_free(p);
	return rc;
}
