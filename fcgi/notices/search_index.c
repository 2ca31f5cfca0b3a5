/* The full-text index of published notices (search.h, sql/035_search_ladder.sql): keeping it (the
 * queue and bulk rebuilds; the tiers' cutoffs are search_tiers.c's, asking it search_ladder.c's).
 *
 * Every row is written through Groonga's `load` (mroonga_command), by the notice sync and the
 * bulk rebuild alike, so that the publication times the filters and the sort compare are all
 * parsed from text by Groonga the same way (SQL would convert DATETIME on its own terms). */
#include "notices/search.h"
#include "core/app.h"
#include "core/buf.h"
#include "core/exchange.h"
#include "notices/catalog.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Notices a bulk rebuild reads and loads at a time. */
#define REINDEX_BATCH 500

double search_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes the site's next seq: its row in search_log_heads stays locked until the caller commits,
 * so the site's changes take their numbers in the order they commit (sql/096_search_log.sql). */
static enum xerr next_seq(struct db *db, long long site_id)
{
	return db_exec(db,
	               "INSERT INTO search_log_heads (site_id, seq) VALUES (?, 1) "
	               "ON DUPLICATE KEY UPDATE seq = seq + 1",
	               "i", site_id);
}

enum xerr search_mark(struct db *db, long long notice_id)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *site = db_value(db, p, &e, "SELECT site_id FROM notices WHERE id = ?", "i", notice_id);
	if (e == XE_OK && site != NULL)
		e = next_seq(db, strtoll(site, NULL, 10));
	if (e == XE_OK && site != NULL)
		e = db_exec(db,
		            "INSERT IGNORE INTO search_log (site_id, seq, notice_id) "
		            "SELECT site_id, seq, ? FROM search_log_heads WHERE site_id = ?",
		            "is", notice_id, site);
	pool_free(p);
	return e;
}

enum xerr search_mark_many(struct db *db, long long site_id, const long long *notice_ids, size_t n)
{
	if (n == 0)
		return XE_OK;
	struct pool *p = pool_new();
	enum xerr e = next_seq(db, site_id);
	const char *seq = e == XE_OK ? db_value(db, p, &e, "SELECT seq FROM search_log_heads WHERE site_id = ?", "i", site_id)
	                             : NULL;
	long long *cols = e == XE_OK && seq != NULL ? pool_alloc(p, 2 * n * sizeof *cols) : NULL;
	if (cols != NULL) {
		for (size_t i = 0; i < n; i++) {
			cols[i] = site_id;
			cols[n + i] = strtoll(seq, NULL, 10);
		}
		/* Array binding takes VALUES only (not INSERT ... SELECT). */
		e = db_exec_array(db, "INSERT IGNORE INTO search_log (site_id, seq, notice_id) VALUES (?, ?, ?)", "iii", n, cols,
		                  cols + n, notice_ids);
	}
	pool_free(p);
	return e != XE_OK ? e : cols != NULL ? XE_OK : XE_INTERNAL;
}

/* ---- What a notice is found by ------------------------------------------------------------ */

/* A notice as read for indexing (NOTICE_DOC_COLS, in this order). */
#define NOTICE_DOC_COLS                                                                                          \
	"n.id, n.site_id, DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s'), n.title, n.body, n.issuer, n.domain_code, " \
	"n.category_code, n.items_json, (SELECT s.variant FROM sites s WHERE s.id = n.site_id)"
enum doc_col { D_ID, D_SITE, D_PUBLISHED, D_TITLE, D_BODY, D_ISSUER, D_DOMAIN, D_CATEGORY, D_ITEMS, D_VARIANT, D__N };

/* The names of the columns a category is in, outermost first, one per line; remembered per
 * variant and category for a rebuild, where the same few categories come back a million times. */
struct column_name {
	const char *variant, *category, *text;
};
struct column_names {
	struct column_name e[64];
	size_t n;
};

static const char *column_names(struct pool *p, struct column_names *cache, const struct app *app,
                                const char *variant, const char *category)
{
	for (size_t i = 0; i < cache->n; i++)
		if (strcmp(cache->e[i].variant, variant) == 0 && strcmp(cache->e[i].category, category) == 0)
			return cache->e[i].text;
	xmlDocPtr catalog = app ? app_catalog(app, variant) : NULL;
	struct buf b;
	buf_init(&b);
	char cols[16][64];
	size_t n = catalog ? catalog_columns(category, cols, 16) : 0;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr c = catalog_find(catalog, cols[i]);
		char *name = c ? catalog_attr(c, "name") : NULL;
		if (name != NULL) {
			buf_puts(&b, name);
			buf_putc(&b, '\n');
		}
		xmlFree(name);
	}
	const char *text = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	if (cache->n < sizeof cache->e / sizeof cache->e[0])
		cache->e[cache->n++] = (struct column_name){pool_strdup(p, variant), pool_strdup(p, category), text};
	return text;
}

/* One notice as a record of Groonga's `load` (a JSON object, into rec): the same in every table
 * that holds it. */
static void put_record(struct buf *rec, struct pool *p, char **row, long long id, const char *text)
{
	struct jw w;
	jw_init(&w, rec);
	jw_open(&w, NULL, '{');
	jw_int(&w, "_key", id);
	jw_int(&w, "notice_id", id);
	jw_raw(&w, "site_id", row[D_SITE]);
	jw_str(&w, "published_at", row[D_PUBLISHED]);
	const char *year = pool_strndup(p, row[D_PUBLISHED], 4);
	jw_raw(&w, "year", year);
	jw_str(&w, "domain_code", row[D_DOMAIN]);
	jw_str(&w, "category_code", row[D_CATEGORY]);
	jw_str(&w, "issuer", row[D_ISSUER]);
	jw_str(&w, "facet", search_facet_key(p, row[D_DOMAIN], row[D_ISSUER], year));
	jw_str(&w, "content", text);
	jw_close(&w, '}');
}

/* The tables a rebuild fills, by tier, swapped in for search_tier_table's at its end. */
static const char *const build_tables[SEARCH_TIER__N] = {
	"search_docs_tier1_build", "search_docs_tier2_build",  "search_docs_tier3_build",
	"search_docs_build",       "search_docs_sample_build", "search_docs_sparse_build"};

/* One table's records (a JSON array) by one `load --table TABLE --values JSON`; *loaded (when not
 * NULL) gets Groonga's count. */
static enum xerr load_table(struct db *db, struct pool *p, const char *table, const char *records, long long *loaded)
{
	struct buf cmd;
	buf_init(&cmd);
	buf_printf(&cmd, "load --table %s --values ", table);
	search_groonga_quote(&cmd, records);
	enum xerr e;
	const char *got = db_value(db, p, &e, "SELECT mroonga_command(?)", "s", buf_cstr(&cmd));
	buf_free(&cmd);
	if (e == XE_OK && loaded != NULL)
		*loaded = got ? strtoll(got, NULL, 10) : 0;
	return e;
}

/* Loads the notices read as NOTICE_DOC_COLS into the index's tables (build: the rebuild's), each
 * into search_docs and into the tiers and samples it belongs in under its site's cutoffs in c[0..n)
 * (a site not there: every tier): one `load` a table. The column names come from cache (kept in
 * cp). *loaded gets search_docs' count. */
static enum xerr load_rows(struct db *db, struct pool *p, struct pool *cp, struct column_names *cache,
                           const struct app *app, bool build, const struct db_result *r,
                           const struct search_site_cutoffs *c, size_t n, long long *loaded)
{
	struct buf records[SEARCH_TIER__N], text, rec;
	struct jw w[SEARCH_TIER__N];
	size_t held[SEARCH_TIER__N] = {0};
	for (int k = 0; k < SEARCH_TIER__N; k++) {
		buf_init(&records[k]);
		jw_init(&w[k], &records[k]);
		jw_open(&w[k], NULL, '[');
	}
	buf_init(&text);
	buf_init(&rec);
	for (size_t i = 0; i < r->nrows; i++) {
		char **row = r->rows[i];
		long long id = strtoll(row[D_ID], NULL, 10);
		const struct search_cutoffs *cut = search_cutoffs_of(c, n, strtoll(row[D_SITE], NULL, 10));
		text.len = rec.len = 0;
		buf_puts(&text, row[D_TITLE]);
		buf_putc(&text, '\n');
		search_doc_rest(&text, p, row[D_ITEMS], row[D_BODY], row[D_ISSUER],
		                column_names(cp, cache, app, row[D_VARIANT], row[D_CATEGORY]));
		put_record(&rec, p, row, id, buf_cstr(&text));
		for (int k = 0; k < SEARCH_TIER__N; k++)
			if (search_in_tier((enum search_tier)k, id, row[D_PUBLISHED], cut)) {
				jw_raw(&w[k], NULL, buf_cstr(&rec));
				held[k]++;
			}
	}
	buf_free(&text);
	buf_free(&rec);
	enum xerr e = XE_OK;
	for (int k = 0; k < SEARCH_TIER__N; k++) {
		jw_close(&w[k], ']');
		const char *table = build ? build_tables[k] : search_tier_table((enum search_tier)k);
		if (e == XE_OK && held[k] > 0)
			e = load_table(db, p, table, buf_cstr(&records[k]), k == SEARCH_TIER_ALL ? loaded : NULL);
		buf_free(&records[k]);
	}
	return e;
}

enum xerr search_tier_drop(struct db *db, enum search_tier tier, const long long *ids, size_t n)
{
	if (n == 0)
		return XE_OK;
	switch (tier) { /* a statement per table: SQL is never built */
	case SEARCH_TIER_1:
		return db_exec_array(db, "DELETE FROM search_docs_tier1 WHERE notice_id = ?", "i", n, ids);
	case SEARCH_TIER_2:
		return db_exec_array(db, "DELETE FROM search_docs_tier2 WHERE notice_id = ?", "i", n, ids);
	case SEARCH_TIER_3:
		return db_exec_array(db, "DELETE FROM search_docs_tier3 WHERE notice_id = ?", "i", n, ids);
	case SEARCH_TIER_ALL:
		return db_exec_array(db, "DELETE FROM search_docs WHERE notice_id = ?", "i", n, ids);
	case SEARCH_TIER_SAMPLE:
		return db_exec_array(db, "DELETE FROM search_docs_sample WHERE notice_id = ?", "i", n, ids);
	case SEARCH_TIER_SPARSE:
		return db_exec_array(db, "DELETE FROM search_docs_sparse WHERE notice_id = ?", "i", n, ids);
	default:
		return XE_INTERNAL;
	}
}

/* ---- Applying the log on this node ---------------------------------------------------------- */

/* A JSON array of the ids, the one parameter of a JSON_TABLE look-up. */
static const char *id_array(struct pool *p, char *const *ids, size_t n)
{
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '[');
	for (size_t i = 0; i < n; i++)
		jw_raw(&w, NULL, ids[i]);
	jw_close(&w, ']');
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* Takes the loaded notices (rows r) out of the tiers they are no longer in: a notice whose
 * publication time was moved back before a tier's cutoff. */
static enum xerr tiers_left(struct db *db, struct pool *p, const struct db_result *r, const struct search_cutoffs *c)
{
	long long *out = pool_alloc(p, (r->nrows + 1) * sizeof *out);
	enum xerr e = XE_OK;
	for (int k = SEARCH_TIER_1; k < SEARCH_PARTIAL_TIERS && e == XE_OK; k++) {
		size_t nout = 0;
		for (size_t i = 0; i < r->nrows; i++) {
			long long id = strtoll(r->rows[i][D_ID], NULL, 10);
			if (!search_in_tier((enum search_tier)k, id, r->rows[i][D_PUBLISHED], c))
				out[nout++] = id;
		}
		e = search_tier_drop(db, (enum search_tier)k, out, nout);
	}
	return e;
}

/* Writes the current committed state of the site's notices ids[0..n) (distinct) into the index:
 * the published ones in one Groonga `load` a table, the others taken out of every table. A slice
 * of the log is then a few round trips, not two for every notice. */
static enum xerr sync_many(struct db *db, struct pool *p, const struct app *app, long long site_id, char *const *ids,
                           size_t n)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT " NOTICE_DOC_COLS " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j "
	                       "JOIN notices n ON n.id = j.id WHERE n.status = 'published' AND n.published_at IS NOT NULL",
	                       "s", id_array(p, ids, n));
	struct search_site_cutoffs site = {.site_id = site_id};
	if (e == XE_OK && r.nrows > 0)
		e = search_cutoffs_read(db, p, site_id, &site.c);
	if (e == XE_OK && r.nrows > 0) {
		struct column_names cache = {.n = 0};
		e = load_rows(db, p, p, &cache, app, false, &r, &site, 1, NULL);
	}
	if (e == XE_OK && r.nrows > 0)
		e = tiers_left(db, p, &r, &site.c);
	/* The rest (drafts, withdrawn, deleted): out of the index. */
	long long *gone = pool_alloc(p, (n + 1) * sizeof *gone);
	size_t ngone = 0;
	for (size_t i = 0; i < n && e == XE_OK; i++) {
		bool found = false;
		for (size_t k = 0; k < r.nrows && !found; k++)
			found = strcmp(r.rows[k][D_ID], ids[i]) == 0;
		if (!found)
			gone[ngone++] = strtoll(ids[i], NULL, 10);
	}
	for (int k = 0; k < SEARCH_TIER__N && e == XE_OK; k++)
		e = search_tier_drop(db, (enum search_tier)k, gone, ngone);
	return e;
}

/* A site whose log this node has not applied to its end: its head and this node's mark. */
struct lag {
	long long site_id, head, seq, notice_id;
};

/* The sites this node is behind on (search_log_heads against search_marks), from p. */
static enum xerr lagging(struct db *db, struct pool *p, struct lag **out, size_t *n)
{
	struct db_result h, m;
	*n = 0;
	enum xerr e = db_query(db, p, &h, "SELECT site_id, seq FROM search_log_heads ORDER BY site_id", "");
	if (e == XE_OK)
		e = db_query(db, p, &m, "SELECT site_id, seq, notice_id FROM search_marks ORDER BY site_id", "");
	if (e != XE_OK)
		return e;
	*out = pool_alloc(p, (h.nrows + 1) * sizeof **out);
	for (size_t i = 0, j = 0; i < h.nrows; i++) {
		struct lag l = {strtoll(h.rows[i][0], NULL, 10), strtoll(h.rows[i][1], NULL, 10), 0, 0};
		while (j < m.nrows && strtoll(m.rows[j][0], NULL, 10) < l.site_id)
			j++;
		if (j < m.nrows && strtoll(m.rows[j][0], NULL, 10) == l.site_id) {
			l.seq = strtoll(m.rows[j][1], NULL, 10);
			l.notice_id = strtoll(m.rows[j][2], NULL, 10);
		}
		if (l.head > l.seq || (l.head == l.seq && l.notice_id != SEARCH_MARK_WHOLE))
			(*out)[(*n)++] = l;
	}
	return XE_OK;
}

/* Applies up to max of a site's entries after this node's mark, and moves the mark past them.
 * *done gets how many were applied; *rest whether the site has more in this snapshot (one more
 * entry is read to know: at an exact multiple of max the page would otherwise say "updating"
 * with nothing left). */
static enum xerr apply_site(struct db *db, struct pool *p, const struct app *app, const struct lag *l, size_t max,
                            size_t *done, bool *rest)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT seq, notice_id FROM search_log WHERE site_id = ? AND (seq > ? OR (seq = ? AND notice_id > ?)) "
	                       "ORDER BY seq, notice_id LIMIT ?",
	                       "iiiii", l->site_id, l->seq, l->seq, l->notice_id, (long long)max + 1);
	/* One more than max is read to know whether the site has more: a slice that ends on the
	 * site's last entry then closes its mark. */
	*rest = e == XE_OK && r.nrows > max;
	if (*rest)
		r.nrows = max;
	*done = e == XE_OK ? r.nrows : 0;
	/* The same notice twice in one slice: its state now is written once. */
	char **ids = pool_alloc(p, (r.nrows + 1) * sizeof *ids);
	size_t nids = 0;
	for (size_t i = 0; i < r.nrows && e == XE_OK; i++) {
		bool again = false;
		for (size_t k = nids; k > 0 && !again; k--)
			again = strcmp(ids[k - 1], r.rows[i][1]) == 0;
		if (!again)
			ids[nids++] = r.rows[i][1];
	}
	if (e == XE_OK && nids > 0)
		e = sync_many(db, p, app, l->site_id, ids, nids);
	if (e != XE_OK)
		return e;
	/* Nothing after an open mark (one left by a release that read exactly max and could not tell):
	 * that seq is whole (a seq is one transaction's, visible all at once); left open, the site
	 * would lag, and every search say "indexing", for ever. */
	if (r.nrows == 0)
		return l->head == l->seq && l->notice_id != SEARCH_MARK_WHOLE
		           ? db_exec(db, "UPDATE search_marks SET notice_id = ? WHERE site_id = ? AND seq = ?", "iii",
		                     SEARCH_MARK_WHOLE, l->site_id, l->seq)
		           : XE_OK;
	/* The whole of the last seq is in this snapshot (a seq is one transaction's) when the slice
	 * ended before max: the mark then says so, and the site counts as caught up. */
	return db_exec(db,
	               "INSERT INTO search_marks (site_id, seq, notice_id) VALUES (?, ?, ?) "
	               "ON DUPLICATE KEY UPDATE seq = VALUES(seq), notice_id = VALUES(notice_id)",
	               "iss", l->site_id, r.rows[r.nrows - 1][0], *rest ? r.rows[r.nrows - 1][1] : "9223372036854775807");
}

/* The node's appliers take turns: false when another holds the turn (rolled back then). */
static enum xerr take_turn(struct db *db, struct pool *p, bool *mine)
{
	struct db_result r;
	enum xerr e = db_begin(db);
	if (e == XE_OK)
		e = db_query(db, p, &r, "SELECT id FROM search_node_lock WHERE id = 1 FOR UPDATE SKIP LOCKED", "");
	*mine = e == XE_OK && r.nrows == 1;
	if (!*mine)
		db_rollback(db);
	return e;
}

enum xerr search_sync(struct db *db, struct pool *p, const struct app *app, size_t max, size_t *done, bool *more)
{
	*done = 0;
	*more = false;
	struct lag *l;
	size_t n;
	/* The usual case, nothing to apply: two small reads, no transaction. */
	enum xerr e = lagging(db, p, &l, &n);
	if (e != XE_OK || n == 0)
		return e;
	bool mine;
	if ((e = take_turn(db, p, &mine)) != XE_OK || !mine) {
		*more = e == XE_OK; /* another applier of this node is at it */
		return e;
	}
	/* Read again under the turn: the log and the notices below are one snapshot, taken now. The
	 * writes go to Mroonga tables, outside the transaction and never replicated: the transaction
	 * only holds the turn, and commits nothing. */
	e = lagging(db, p, &l, &n);
	for (size_t i = 0; i < n && e == XE_OK && *done < max; i++) {
		size_t got;
		bool rest;
		e = apply_site(db, p, app, &l[i], max - *done, &got, &rest);
		*done += got;
		*more = *more || rest || i + 1 < n;
	}
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		/* search_docs and the marks may hold some of the new states already (Mroonga writes at
		 * once): the marks say what was applied, and applying an entry twice is harmless. */
		db_rollback(db);
		*done = 0;
	}
	return e;
}

enum xerr search_apply(struct db *db, const struct app *app, size_t batch, double budget_s, FILE *out,
                       long long *applied, bool *more)
{
	double t0 = search_now(), last = t0;
	long long mine = 0;
	enum xerr e = XE_OK;
	*more = true;
	while (*more && (budget_s <= 0 || search_now() - t0 < budget_s)) {
		struct pool *bp = pool_new();
		size_t done = 0;
		e = search_sync(db, bp, app, batch, &done, more);
		pool_free(bp);
		if (e != XE_OK)
			break;
		mine += (long long)done;
		if (out != NULL && search_now() - last >= 1.0) {
			last = search_now();
			fprintf(out, "  %lld notices applied (%.0f/s)\n", mine, (double)mine / (last - t0));
			fflush(out);
		}
		if (done == 0)
			break; /* nothing, or another applier of this node holds the turn */
	}
	*applied += mine;
	return e;
}

enum xerr search_log_prune(struct db *db, int days, long long *pruned)
{
	struct pool *p = pool_new();
	enum xerr e;
	*pruned = 0;
	const char *before = db_value(db, p, &e, "SELECT NOW() - INTERVAL ? DAY", "i", (long long)days);
	/* First what each site loses, so that a node whose mark is below it knows it missed some. */
	if (e == XE_OK && before != NULL)
		e = db_exec(db,
		            "UPDATE search_log_heads h SET h.pruned = GREATEST(h.pruned, COALESCE((SELECT MAX(l.seq) "
		            "FROM search_log l WHERE l.site_id = h.site_id AND l.logged_at < ?), 0))",
		            "s", before);
	for (bool more = before != NULL; more && e == XE_OK;) {
		e = db_exec(db, "DELETE FROM search_log WHERE logged_at < ? LIMIT 10000", "s", before);
		more = e == XE_OK && db_affected(db) == 10000;
		*pruned += e == XE_OK ? (long long)db_affected(db) : 0;
	}
	pool_free(p);
	return e;
}

enum xerr search_node_lag(struct db *db, struct pool *p, struct search_lag *out)
{
	*out = (struct search_lag){0};
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(l.logged_at), NOW()), 0) "
	                       "FROM search_log l LEFT JOIN search_marks m ON m.site_id = l.site_id "
	                       "WHERE m.site_id IS NULL OR l.seq > m.seq OR (l.seq = m.seq AND l.notice_id > m.notice_id)",
	                       "");
	if (e == XE_OK && r.nrows == 1) {
		out->entries = strtoll(r.rows[0][0], NULL, 10);
		out->oldest_s = strtoll(r.rows[0][1], NULL, 10);
	}
	const char *lost = e == XE_OK ? db_value(db, p, &e,
	                                         "SELECT COUNT(*) FROM search_log_heads h LEFT JOIN search_marks m "
	                                         "ON m.site_id = h.site_id WHERE h.pruned > COALESCE(m.seq, 0)",
	                                         "")
	                              : NULL;
	out->sites_lost = lost ? strtoll(lost, NULL, 10) : 0;
	return e;
}

/* ---- The bulk rebuild ---------------------------------------------------------------------- */

/* Each site's cutoffs for the new index. */
struct plan {
	struct search_site_cutoffs *c;
	size_t n;
};

/* Loads every published notice into the new tables, REINDEX_BATCH at a time by id. */
static enum xerr build_load(struct db *db, const struct app *app, const struct plan *plan, FILE *out,
                            long long *indexed)
{
	struct pool *keep = pool_new(); /* the column names, for the whole rebuild */
	struct column_names cache = {.n = 0};
	double t0 = search_now(), last = t0;
	long long after = 0;
	enum xerr e = XE_OK;
	for (bool more = true; more && e == XE_OK;) {
		struct pool *bp = pool_new();
		struct db_result r;
		/* By id, the notices' own order (joined to sites, MariaDB would read every notice into a
		 * temporary table and sort it: NOTICE_DOC_COLS reads the variant by a subquery). */
		e = db_query(db, bp, &r,
		             "SELECT " NOTICE_DOC_COLS " FROM notices n "
		             "WHERE n.id > ? AND n.status = 'published' AND n.published_at IS NOT NULL ORDER BY n.id LIMIT ?",
		             "ii", after, (long long)REINDEX_BATCH);
		more = e == XE_OK && r.nrows == REINDEX_BATCH;
		if (e == XE_OK && r.nrows > 0) {
			long long n = 0;
			e = load_rows(db, bp, keep, &cache, app, true, &r, plan->c, plan->n, &n);
			*indexed += n;
			after = strtoll(r.rows[r.nrows - 1][D_ID], NULL, 10);
		}
		pool_free(bp);
		if (out != NULL && search_now() - last >= 5.0) {
			last = search_now();
			fprintf(out, "  %lld notices loaded (%.0f/s)\n", *indexed, (double)*indexed / (last - t0));
			fflush(out);
		}
	}
	pool_free(keep);
	return e;
}

/* On a Galera node a table's DDL runs on every node (TOI), unless the session asks for this node
 * alone (RSU: the node steps out of the cluster's order for the statement). The rebuild's tables
 * are this node's own: run on every node, its DDL would empty the other nodes' indexes. */
static enum xerr this_node_only(struct db *db, bool galera, bool on)
{
	if (!galera)
		return XE_OK;
	if (on)
		return db_exec(db, "SET SESSION wsrep_OSU_method = 'RSU'", "");
	return db_exec(db, "SET SESSION wsrep_OSU_method = 'TOI'", "");
}

/* The full-text indexes of `content`, as sql/099_search_parts.sql and 101_search_trigrams.sql
 * declare them: bigrams on every table, trigrams on the tiers' and the samples'. */
#define CONTENT_INDEX " FULLTEXT KEY " SEARCH_BIGRAM_INDEX " (content) COMMENT " SEARCH_FULLTEXT_OPTIONS
#define TRIGRAM_INDEX " FULLTEXT KEY " SEARCH_TRIGRAM_INDEX " (content) COMMENT " SEARCH_TRIGRAM_OPTIONS

/* The tiers' and the samples' trigrams: after the load with the bigrams (build_indexes), or on a
 * Galera node before it (build_create), where the new tables copy search_docs' definition, which
 * has none. */
static enum xerr add_trigrams(struct db *db)
{
	enum xerr e = db_exec(db, "ALTER TABLE search_docs_tier1_build ADD" TRIGRAM_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_tier2_build ADD" TRIGRAM_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_tier3_build ADD" TRIGRAM_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_sample_build ADD" TRIGRAM_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_sparse_build ADD" TRIGRAM_INDEX, "");
	return e;
}

/* The new tables' full-text indexes, built once after the load. */
static enum xerr build_indexes(struct db *db)
{
	enum xerr e = db_exec(db, "ALTER TABLE search_docs_build ADD" CONTENT_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_tier1_build ADD" CONTENT_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_tier2_build ADD" CONTENT_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_tier3_build ADD" CONTENT_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_sample_build ADD" CONTENT_INDEX, "");
	if (e == XE_OK)
		e = db_exec(db, "ALTER TABLE search_docs_sparse_build ADD" CONTENT_INDEX, "");
	return e == XE_OK ? add_trigrams(db) : e;
}

/* The new tables: the index's definitions without their full-text indexes, which are built once
 * after the load (Groonga then builds each index in one pass instead of record by record). On a
 * Galera node the indexes are kept and filled as the rows come: building them at the end is a
 * statement of minutes at a million notices, all of it out of the cluster's order (RSU). */
static enum xerr build_create(struct db *db, bool galera)
{
	enum xerr e = this_node_only(db, galera, true);
	if (e == XE_OK)
		e = db_exec(db,
		            "DROP TABLE IF EXISTS search_docs_build, search_docs_tier1_build, search_docs_tier2_build, "
		            "search_docs_tier3_build, search_docs_sample_build, search_docs_sparse_build",
		            "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_build LIKE search_docs", "");
	if (e == XE_OK && !galera)
		e = db_exec(db, "ALTER TABLE search_docs_build DROP INDEX " SEARCH_BIGRAM_INDEX, "");
	/* The tiers' and the samples' tables have search_docs' definition (099) and trigrams (101). */
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_tier1_build LIKE search_docs_build", "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_tier2_build LIKE search_docs_build", "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_tier3_build LIKE search_docs_build", "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_sample_build LIKE search_docs_build", "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_sparse_build LIKE search_docs_build", "");
	if (e == XE_OK && galera)
		e = add_trigrams(db);
	enum xerr e2 = this_node_only(db, galera, false);
	return e != XE_OK ? e : e2;
}

/* The sites' log heads when the load starts: every change numbered up to them is committed, so
 * the load reads it. */
static enum xerr log_heads(struct db *db, struct pool *p, struct db_result *heads)
{
	return db_query(db, p, heads, "SELECT site_id, seq FROM search_log_heads", "");
}

/* This node's marks at the heads the load started from: what changed since is applied next. */
static enum xerr marks_at(struct db *db, struct pool *p, const struct db_result *heads)
{
	struct db_result r;
	enum xerr e = db_begin(db);
	/* Waits for the node's turn: an applier must not move a mark past what the new table holds. */
	if (e == XE_OK)
		e = db_query(db, p, &r, "SELECT id FROM search_node_lock WHERE id = 1 FOR UPDATE", "");
	if (e == XE_OK)
		e = db_exec(db, "DELETE FROM search_marks", "");
	for (size_t i = 0; i < heads->nrows && e == XE_OK; i++)
		e = db_exec(db, "INSERT INTO search_marks (site_id, seq, notice_id) VALUES (?, ?, ?)", "ssi",
		            heads->rows[i][0], heads->rows[i][1], SEARCH_MARK_WHOLE);
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK)
		db_rollback(db);
	return e;
}

/* Swaps the new tables in with the cutoffs they were built for. Until the swap the old ones are read
 * with cutoffs that hold for both (the newer of its own and the planned one, per tier: a cutoff
 * says a tier holds every notice from it on, so a later one is always true), then the planned. */
static enum xerr build_swap(struct db *db, bool galera, const struct plan *plan)
{
	enum xerr e = search_cutoffs_save(db, plan->c, plan->n, true);
	if (e == XE_OK)
		e = this_node_only(db, galera, true);
	if (e == XE_OK)
		e = db_exec(db,
		            "RENAME TABLE search_docs TO search_docs_old, search_docs_build TO search_docs, "
		            "search_docs_tier1 TO search_docs_tier1_old, search_docs_tier1_build TO search_docs_tier1, "
		            "search_docs_tier2 TO search_docs_tier2_old, search_docs_tier2_build TO search_docs_tier2, "
		            "search_docs_tier3 TO search_docs_tier3_old, search_docs_tier3_build TO search_docs_tier3, "
		            "search_docs_sample TO search_docs_sample_old, search_docs_sample_build TO search_docs_sample, "
		            "search_docs_sparse TO search_docs_sparse_old, search_docs_sparse_build TO search_docs_sparse",
		            "");
	if (e == XE_OK)
		e = db_exec(db,
		            "DROP TABLE search_docs_old, search_docs_tier1_old, search_docs_tier2_old, search_docs_tier3_old, "
		            "search_docs_sample_old, search_docs_sparse_old",
		            "");
	enum xerr e2 = this_node_only(db, galera, false);
	if (e == XE_OK)
		e = e2;
	/* The cutoffs are this node's (search_tiers is a Mroonga table, like the index). */
	if (e == XE_OK)
		e = search_cutoffs_save(db, plan->c, plan->n, false);
	return e;
}

enum xerr search_reindex(struct db *db, const struct app *app, long long keep, FILE *out, long long *indexed)
{
	*indexed = 0;
	struct pool *p = pool_new();
	enum xerr e;
	const char *wsrep = db_value(db, p, &e, "SELECT @@wsrep_on", "");
	bool galera = wsrep != NULL && strcmp(wsrep, "1") == 0;
	struct db_result heads;
	if (e == XE_OK)
		e = log_heads(db, p, &heads);
	struct plan plan = {0};
	if (e == XE_OK)
		e = search_cutoffs_plan(db, p, keep, &plan.c, &plan.n);
	if (e == XE_OK)
		e = build_create(db, galera);
	if (e == XE_OK)
		e = build_load(db, app, &plan, out, indexed);
	double t = search_now();
	if (e == XE_OK && !galera) /* on Galera kept all along (build_create) */
		e = build_indexes(db);
	if (e == XE_OK && out != NULL && !galera)
		fprintf(out, "  indexes built in %.1f s\n", search_now() - t);
	if (e == XE_OK)
		e = build_swap(db, galera, &plan);
	if (e == XE_OK)
		e = marks_at(db, p, &heads);
	pool_free(p);
	return e;
}
