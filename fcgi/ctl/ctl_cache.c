/* xxgkctl cache clear — every cached public page: the workers' in-memory pages (cache/page_cache.h)
 * and the stored copies that nginx serves itself (cache/page_copies.h); and the copies of notice
 * data that lists and notice pages read, levelled with the notices. */
#include "ctl/ctl.h"
#include "notices/notice_store.h"
#include "cache/page_copies.h"
#include "core/site.h"
#include <stdio.h>
#include <string.h>

/* Brings what the pages read from copies level with the notices (notice_columns_level: the
 * column lists' titles, the notices' attachment counts), then bumps the site's
 * generation as a change through xxgk would (site_touch): every worker's cached pages of the
 * site stop matching, and its stored copies are taken out of view. */
static enum xerr touch_tx(struct db *db, void *ctx)
{
	const struct site *site = ctx;
	enum xerr e = notice_columns_level(db, site->id);
	if (e == XE_OK)
		e = site_touch(db, site);
	return e;
}

static enum xerr touch_site(struct ctl *ctx, struct db *db, struct pool *p, const char *key)
{
	struct site site;
	enum xerr e = site_by_key(db, p, &ctx->app, key, &site);
	if (e == XE_OK)
		e = db_transaction(db, touch_tx, &site);
	return e;
}

int ctl_cache(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl cache clear\n"
	                        "Makes every public page be rendered afresh on its next request: the pages\n"
	                        "the workers keep in memory (on every host) and the stored copies that the web\n"
	                        "server sends without asking xxgk ([cache] copies_dir). Every change made\n"
	                        "through xxgk does this for its site already. Run it after changing the\n"
	                        "database by other means (SQL by hand); it also brings the copies that pages\n"
	                        "read level with the notices: the column lists' titles and each notice's\n"
	                        "number of attachments. After restoring a backup, restart the\n"
	                        "service instead: the restored data may repeat a generation the workers saw.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || strcmp(sub, "clear") != 0) {
		fputs("xxgkctl cache: clear? (xxgkctl cache --help)\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, false))
		return 1;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	/* Generations first, then the links: cleared links are pointed again only at a generation
	 * read after the bump. */
	struct pool *p = pool_new();
	struct db_result sites;
	enum xerr e = db_query(db, p, &sites, "SELECT site_key FROM sites ORDER BY id", "");
	for (size_t i = 0; e == XE_OK && i < sites.nrows; i++)
		e = touch_site(ctx, db, p, sites.rows[i][0]);
	pool_free(p);
	if (e != XE_OK) {
		const char *why = e == XE_UNAVAILABLE ? "the database is unavailable" : db_error(db);
		fprintf(stderr, "xxgkctl cache clear: %s\n", why);
		return 1;
	}
	printf("cached pages of %zu sites invalidated\n", sites.nrows);
	const char *root = ctx->app.copies_root;
	if (root != NULL) {
		copies_clear(root);
		printf("page copies in %s cleared\n", root);
	}
	return 0;
}
