/* xxgkctl search reindex|sync|status — the full-text search index (fcgi/search.h,
 * sql/004_search.sql). */
#include "ctl/ctl.h"
#include "notices/import.h"
#include "notices/search.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int search_do_reindex(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site");
	long long site_id = 0;
	if (key != NULL) {
		struct site site;
		enum xerr e = site_by_key(db, p, NULL, key, &site);
		if (e != XE_OK) {
			fprintf(stderr, "xxgkctl search reindex: site %s: %s\n", key, e == XE_NOT_FOUND ? "no such site" : db_error(db));
			return 1;
		}
		site_id = site.id;
	}
	double t0 = search_now();
	long long indexed, removed;
	enum xerr e = search_reindex(db, site_id, stdout, &indexed, &removed);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search reindex: %s\n", db_error(db));
		return 1;
	}
	printf("search index rebuilt%s%s: %lld published notices indexed, %lld stale entries removed (%.1f s)\n",
	       key ? " for " : "", key ? key : "", indexed, removed, search_now() - t0);
	return 0;
}

static int search_do_sync(struct db *db)
{
	double t0 = search_now();
	long long total = 0;
	bool more;
	enum xerr e = search_apply(db, 500, 0, NULL, &total, &more);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search sync: %s\n", db_error(db));
		return 1;
	}
	printf("%lld queued notices applied to the search index (%.1f s)\n", total, search_now() - t0);
	return 0;
}

static int search_do_status(struct db *db, struct pool *p)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT s.site_key, "
	                       "(SELECT COUNT(*) FROM notices n WHERE n.site_id = s.id AND n.status = 'published'), "
	                       "(SELECT COUNT(*) FROM search_docs d WHERE d.site_id = s.id) "
	                       "FROM sites s ORDER BY s.site_key",
	                       "");
	const char *pending = e == XE_OK ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_pending", "") : NULL;
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl search status: %s\n", db_error(db));
		return 1;
	}
	printf("%-16s %12s %12s\n", "SITE", "PUBLISHED", "INDEXED");
	for (size_t i = 0; i < r.nrows; i++)
		printf("%-16s %12s %12s\n", r.rows[i][0], r.rows[i][1], r.rows[i][2]);
	printf("queued for indexing: %s\n", pending ? pending : "0");
	return 0;
}

int ctl_search(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl search reindex [--site SITE]\n"
	                        "       xxgkctl search sync\n"
	                        "       xxgkctl search status\n"
	                        "The full-text index behind /xxgk/SITE/search (Mroonga, sql/004_search.sql).\n"
	                        "Publishing, editing and withdrawing queue a notice; the next search applies\n"
	                        "the queue. `sync` applies it at once (after a large import); `reindex`\n"
	                        "rebuilds the index of one site or all from the notices (searches keep\n"
	                        "working meanwhile); `status` compares published and indexed counts.\n"))
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
	int rc = strcmp(sub, "reindex") == 0 ? search_do_reindex(ctx, db, p)
	         : strcmp(sub, "sync") == 0  ? search_do_sync(db)
	                                     : search_do_status(db, p);
	pool_free(p);
	return rc;
}
