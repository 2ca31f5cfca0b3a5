/* The tiers of the search index (search.h, sql/035_search_ladder.sql): each site's cutoffs, read
 * by the sync and the searches, moved by `xxgkctl search sync` and planned afresh by the rebuild.
 * Like the index, they are this node's own (search_tiers is a Mroonga table): every statement here
 * reads and writes the node the connection is on.
 *
 * A tier holds a site's notices published on or after its cutoff, so that a newest-first page found
 * in it is the page over all of them. It only grows between rolls (new notices go into every
 * tier), which keeps searches correct whenever the roll runs; the roll keeps them small. */
#include "notices/search.h"
#include <stdlib.h>
#include <string.h>

enum xerr search_cutoffs_read(struct db *db, struct pool *p, long long site_id, struct search_cutoffs *c)
{
	memset(c, 0, sizeof *c);
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT tier, DATE_FORMAT(cutoff, '%Y-%m-%d %H:%i:%s') FROM search_tiers WHERE site_id = ?",
	                       "i", site_id);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
		long long tier = strtoll(r.rows[i][0], NULL, 10);
		if (tier < 1 || tier > SEARCH_PARTIAL_TIERS)
			continue; /* a tier this version does not have */
		c->at[tier - 1] = r.rows[i][1];
	}
	return e;
}

/* Where a site's tier should start: the publication time of its keep-th newest notice when more
 * than twice as many are at or after its current cutoff (NULL: from the start), else where it is.
 * *move says whether it changes. */
static enum xerr cutoff_for(struct db *db, struct pool *p, const char *site_id, const char *current, long long keep,
                            const char **cutoff, bool *move)
{
	enum xerr e;
	/* How many the tier holds now: one range of k_site_status. */
	const char *held = db_value(db, p, &e,
	                            "SELECT COUNT(*) FROM notices WHERE site_id = ? AND status = 'published' "
	                            "AND published_at >= COALESCE(?, '1000-01-01')",
	                            "ss", site_id, current);
	*cutoff = current;
	*move = false;
	if (e != XE_OK || held == NULL || strtoll(held, NULL, 10) <= 2 * keep)
		return e;
	*cutoff = db_value(db, p, &e,
	                   "SELECT DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s') FROM notices "
	                   "WHERE site_id = ? AND status = 'published' AND published_at IS NOT NULL "
	                   "ORDER BY published_at DESC LIMIT 1 OFFSET ?",
	                   "si", site_id, keep - 1);
	*move = e == XE_OK && *cutoff != NULL;
	return e;
}

/* Takes a site's notices published in [from, to) (from NULL: from the start) out of a tier's
 * table, walking k_site_status in (published_at, id) order a thousand at a time. */
static enum xerr tier_clear(struct db *db, const char *site_id, enum search_tier tier, const char *from,
                            const char *to, long long *moved)
{
	char at[20], id[21];
	snprintf(at, sizeof at, "%s", from ? from : "1000-01-01 00:00:00");
	snprintf(id, sizeof id, "0");
	enum xerr e = XE_OK;
	for (bool more = true; more && e == XE_OK;) {
		struct pool *p = pool_new();
		struct db_result r;
		e = db_query(db, p, &r,
		             "SELECT id, DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s') FROM notices "
		             "WHERE site_id = ? AND status = 'published' AND published_at >= ? AND published_at < ? "
		             "AND (published_at > ? OR id > ?) ORDER BY published_at, id LIMIT 1000",
		             "sssss", site_id, at, to, at, id);
		more = e == XE_OK && r.nrows == 1000;
		long long *ids = e == XE_OK ? pool_alloc(p, (r.nrows + 1) * sizeof *ids) : NULL;
		for (size_t i = 0; ids != NULL && i < r.nrows; i++)
			ids[i] = strtoll(r.rows[i][0], NULL, 10);
		if (ids != NULL)
			e = search_tier_drop(db, tier, ids, r.nrows);
		if (e == XE_OK)
			*moved += (long long)r.nrows;
		if (e == XE_OK && r.nrows > 0) {
			snprintf(id, sizeof id, "%s", r.rows[r.nrows - 1][0]);
			snprintf(at, sizeof at, "%s", r.rows[r.nrows - 1][1]);
		}
		pool_free(p);
	}
	return e;
}

static enum xerr cutoff_save(struct db *db, long long site_id, enum search_tier tier, const char *cutoff)
{
	return db_exec(db,
	               "INSERT INTO search_tiers (site_id, tier, cutoff) VALUES (?, ?, ?) "
	               "ON DUPLICATE KEY UPDATE cutoff = VALUES(cutoff)",
	               "iis", site_id, (long long)tier + 1, cutoff);
}

/* One site's tier: its cutoff moved up and the notices below it taken out, when it has grown. */
static enum xerr roll_one(struct db *db, struct pool *p, const char *site_id, const struct search_cutoffs *now,
                          enum search_tier tier, long long keep, FILE *out, long long *moved)
{
	const char *cutoff;
	bool move;
	enum xerr e = cutoff_for(db, p, site_id, now->at[tier], search_tier_keep(tier, keep), &cutoff, &move);
	if (e != XE_OK || !move)
		return e;
	/* First the cutoff, then the clearing: every indexed notice at or after the cutoff keeps its
	 * text all along, and searches ignore what lies below it. */
	e = cutoff_save(db, strtoll(site_id, NULL, 10), tier, cutoff);
	if (e == XE_OK)
		e = tier_clear(db, site_id, tier, now->at[tier], cutoff, moved);
	if (e == XE_OK && out != NULL)
		fprintf(out, "  site %s: tier%d from %s\n", site_id, (int)tier + 1, cutoff);
	return e;
}

enum xerr search_tiers_roll(struct db *db, long long keep, const char *site_key, FILE *out, long long *moved)
{
	*moved = 0;
	struct pool *p = pool_new();
	struct db_result sites;
	enum xerr e = db_query(db, p, &sites, "SELECT id FROM sites WHERE ? IS NULL OR site_key = ? ORDER BY id", "ss",
	                       site_key, site_key);
	for (size_t i = 0; i < sites.nrows && e == XE_OK; i++) {
		struct search_cutoffs now;
		e = search_cutoffs_read(db, p, strtoll(sites.rows[i][0], NULL, 10), &now);
		for (int k = SEARCH_TIER_1; k < SEARCH_PARTIAL_TIERS && e == XE_OK; k++)
			e = roll_one(db, p, sites.rows[i][0], &now, (enum search_tier)k, keep, out, moved);
	}
	pool_free(p);
	return e;
}

enum xerr search_cutoffs_plan(struct db *db, struct pool *p, long long keep, struct search_site_cutoffs **out,
                              size_t *n)
{
	struct db_result sites;
	enum xerr e = db_query(db, p, &sites, "SELECT id FROM sites ORDER BY id", "");
	*n = 0;
	*out = pool_alloc(p, (sites.nrows + 1) * sizeof **out);
	for (size_t i = 0; i < sites.nrows && e == XE_OK; i++) {
		struct search_site_cutoffs *s = &(*out)[(*n)++];
		memset(s, 0, sizeof *s);
		s->site_id = strtoll(sites.rows[i][0], NULL, 10);
		for (int k = SEARCH_TIER_1; k < SEARCH_PARTIAL_TIERS && e == XE_OK; k++) {
			const char *cutoff;
			bool move;
			e = cutoff_for(db, p, sites.rows[i][0], NULL, search_tier_keep((enum search_tier)k, keep), &cutoff, &move);
			s->c.at[k] = move ? cutoff : NULL;
		}
	}
	return e;
}

/* A planned cutoff kept where the site's tier has a later one (widen), or put in its place. */
static enum xerr cutoff_keep_later(struct db *db, long long site_id, enum search_tier tier, const char *cutoff)
{
	return db_exec(db,
	               "INSERT INTO search_tiers (site_id, tier, cutoff) VALUES (?, ?, ?) "
	               "ON DUPLICATE KEY UPDATE cutoff = GREATEST(cutoff, VALUES(cutoff))",
	               "iis", site_id, (long long)tier + 1, cutoff);
}

enum xerr search_cutoffs_save(struct db *db, const struct search_site_cutoffs *c, size_t n, bool widen)
{
	enum xerr e = XE_OK;
	/* Row by row, never emptied first: a tier with no row reads as complete, and a search meanwhile
	 * would take a partial tier for all of the site's notices. */
	for (size_t i = 0; i < n && e == XE_OK; i++)
		for (int k = SEARCH_TIER_1; k < SEARCH_PARTIAL_TIERS && e == XE_OK; k++) {
			const char *at = c[i].c.at[k];
			if (widen)
				e = at != NULL ? cutoff_keep_later(db, c[i].site_id, (enum search_tier)k, at) : XE_OK;
			else if (at != NULL)
				e = cutoff_save(db, c[i].site_id, (enum search_tier)k, at);
			else
				e = db_exec(db, "DELETE FROM search_tiers WHERE site_id = ? AND tier = ?", "ii", c[i].site_id,
				            (long long)k + 1);
		}
	return e;
}

const struct search_cutoffs *search_cutoffs_of(const struct search_site_cutoffs *c, size_t n, long long site_id)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].site_id == site_id)
			return &c[i].c;
	return NULL;
}
