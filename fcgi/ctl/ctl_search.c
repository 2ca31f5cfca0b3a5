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

static int search_do_reindex(struct ctl *ctx, struct db *db)
{
	long long keep = tier_keep(ctx);
	if (keep == 0 || !ctl_app(ctx, false))
		return 1;
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

static int search_do_sync(struct ctl *ctx, struct db *db)
{
	long long keep = tier_keep(ctx);
	if (keep == 0 || !ctl_app(ctx, false))
		return 1;
	double t0 = search_now();
	long long total = 0, moved = 0;
	bool more;
	/* The tiers first: after a large import most of the queued notices are already below the
	 * new cutoffs, and are then indexed once, not written into every tier and taken out again. */
	enum xerr e = search_tiers_roll(db, keep, ctl_opt(ctx, "--site"), stdout, &moved);
	if (e == XE_OK)
		e = search_apply(db, &ctx->app, 500, 0, NULL, &total, &more);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search sync: %s\n", db_error(db));
		return 1;
	}
	printf("%lld queued notices applied to the search index, %lld taken out of tiers (%.1f s)\n", total, moved,
	       search_now() - t0);
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

static int search_do_status(struct db *db, struct pool *p)
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
	const char *pending = e == XE_OK ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_pending", "") : NULL;
	json_t *indexed = e == XE_OK ? indexed_per_site(db, p, &e) : NULL;
	if (e != XE_OK) {
		json_decref(indexed);
		fprintf(stderr, "xxgkctl search status: %s\n", db_error(db));
		return 1;
	}
	printf("%-16s %12s %12s %12s %12s %12s\n", "SITE", "PUBLISHED", "INDEXED", "TIER1-FROM", "TIER2-FROM",
	       "TIER3-FROM");
	for (size_t i = 0; i < r.nrows; i++)
		printf("%-16s %12s %12lld %12s %12s %12s\n", r.rows[i][0], r.rows[i][1],
		       (long long)json_integer_value(json_object_get(indexed, r.rows[i][2])), r.rows[i][3], r.rows[i][4],
		       r.rows[i][5]);
	printf("queued for indexing: %s\n", pending ? pending : "0");
	json_decref(indexed);
	return 0;
}

int ctl_search(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl search reindex [--tier-keep N]\n"
	                        "       xxgkctl search sync [--tier-keep N] [--site KEY]\n"
	                        "       xxgkctl search status\n"
	                        "The full-text index behind /xxgk/SITE/search (Mroonga, sql/035_search_ladder.sql).\n"
	                        "Publishing, editing and withdrawing queue a notice; the next search applies\n"
	                        "the queue. `sync` applies it at once (after an import) and keeps each large\n"
	                        "site's tiers at their sizes (run it from a timer); `reindex` rebuilds the\n"
	                        "whole index in bulk from the notices into a new table and swaps it in\n"
	                        "(searches read the old one meanwhile); `status` compares published and\n"
	                        "indexed counts and shows where each site's tiers start.\n"
	                        "--tier-keep N: newest-first searches read a site's newest N, 10N and 100N\n"
	                        "notices first; a tier keeps between that and twice as many (default 1250).\n"
	                        "--site KEY: sync moves that site's tiers only.\n"))
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
	int rc = strcmp(sub, "reindex") == 0 ? search_do_reindex(ctx, db)
	         : strcmp(sub, "sync") == 0  ? search_do_sync(ctx, db)
	                                     : search_do_status(db, p);
	pool_free(p);
	return rc;
}
