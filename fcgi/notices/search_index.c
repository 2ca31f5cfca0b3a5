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

enum xerr search_mark(struct db *db, long long notice_id)
{
	return db_exec(db,
	               "INSERT INTO search_pending (notice_id) VALUES (?) "
	               "ON DUPLICATE KEY UPDATE notice_id = VALUES(notice_id)",
	               "i", notice_id);
}

enum xerr search_mark_many(struct db *db, const long long *notice_ids, size_t n)
{
	return db_exec_array(db,
	                     "INSERT INTO search_pending (notice_id) VALUES (?) "
	                     "ON DUPLICATE KEY UPDATE notice_id = VALUES(notice_id)",
	                     "i", n, notice_ids);
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

/* The indexed text: the title, each item as "label：value", the body, the issuing body and the
 * column names, one per line (the title first: the page takes its snippet from what follows). */
static void doc_text(struct buf *b, char **row, const char *columns)
{
	buf_puts(b, row[D_TITLE]);
	buf_putc(b, '\n');
	json_t *items = row[D_ITEMS] ? json_loads(row[D_ITEMS], 0, NULL) : NULL;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		const char *label = json_string_value(json_array_get(it, 1)), *value = json_string_value(json_array_get(it, 2));
		if (value == NULL)
			continue;
		if (label != NULL && *label) {
			buf_puts(b, label);
			buf_puts(b, "\xef\xbc\x9a"); /* ： */
		}
		buf_puts(b, value);
		buf_putc(b, '\n');
	}
	json_decref(items);
	buf_puts(b, row[D_BODY] ? row[D_BODY] : "");
	buf_putc(b, '\n');
	buf_puts(b, row[D_ISSUER]);
	buf_putc(b, '\n');
	buf_puts(b, columns);
}

/* One notice as a record of Groonga's `load`; each tier carries the text when the notice is at or
 * after its site's cutoff for it (c NULL, or no cutoff: every notice is in the tier), the sample
 * when the notice is one of its. */
static void put_record(struct jw *w, struct pool *p, struct column_names *cache, const struct app *app, char **row,
                       const struct search_cutoffs *c)
{
	long long id = strtoll(row[D_ID], NULL, 10);
	struct buf text;
	buf_init(&text);
	doc_text(&text, row, column_names(p, cache, app, row[D_VARIANT], row[D_CATEGORY]));
	jw_open(w, NULL, '{');
	jw_int(w, "_key", id);
	jw_int(w, "notice_id", id);
	jw_raw(w, "site_id", row[D_SITE]);
	jw_str(w, "published_at", row[D_PUBLISHED]);
	jw_raw(w, "year", pool_strndup(p, row[D_PUBLISHED], 4));
	jw_str(w, "domain_code", row[D_DOMAIN]);
	jw_str(w, "category_code", row[D_CATEGORY]);
	jw_str(w, "issuer", row[D_ISSUER]);
	jw_str(w, "content", buf_cstr(&text));
	for (int k = SEARCH_TIER_1; k < SEARCH_PARTIAL_TIERS; k++) {
		const char *cutoff = c ? c->at[k] : NULL;
		bool in = cutoff == NULL || strcmp(row[D_PUBLISHED], cutoff) >= 0;
		jw_str(w, search_tier_column((enum search_tier)k), in ? buf_cstr(&text) : "");
	}
	jw_str(w, "sample", search_sampled(id) ? buf_cstr(&text) : "");
	jw_close(w, '}');
	buf_free(&text);
}

/* Runs `load --table TABLE --values JSON` (records, a JSON array); *loaded gets the count. */
static enum xerr groonga_load(struct db *db, struct pool *p, const char *table, const char *records, long long *loaded)
{
	struct buf cmd;
	buf_init(&cmd);
	buf_printf(&cmd, "load --table %s --values ", table);
	search_groonga_quote(&cmd, records);
	enum xerr e;
	const char *n = db_value(db, p, &e, "SELECT mroonga_command(?)", "s", buf_cstr(&cmd));
	buf_free(&cmd);
	if (e == XE_OK && loaded != NULL)
		*loaded = n ? strtoll(n, NULL, 10) : 0;
	return e;
}

/* ---- The queue ----------------------------------------------------------------------------- */

/* Writes one notice's current committed state into search_docs. */
static enum xerr sync_one(struct db *db, struct pool *p, const struct app *app, const char *id_text)
{
	long long id = strtoll(id_text, NULL, 10);
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT " NOTICE_DOC_COLS " FROM notices n "
	                       "WHERE n.id = ? AND n.status = 'published' AND n.published_at IS NOT NULL",
	                       "i", id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return db_exec(db, "DELETE FROM search_docs WHERE notice_id = ?", "i", id);
	struct search_cutoffs cutoffs;
	if ((e = search_cutoffs_read(db, p, strtoll(r.rows[0][D_SITE], NULL, 10), &cutoffs)) != XE_OK)
		return e;
	struct column_names cache = {.n = 0};
	struct buf records;
	buf_init(&records);
	struct jw w;
	jw_init(&w, &records);
	jw_open(&w, NULL, '[');
	put_record(&w, p, &cache, app, r.rows[0], &cutoffs);
	jw_close(&w, ']');
	e = groonga_load(db, p, "search_docs", buf_cstr(&records), NULL);
	buf_free(&records);
	return e;
}

enum xerr search_sync(struct db *db, struct pool *p, const struct app *app, size_t max, size_t *done, bool *more)
{
	*done = 0;
	*more = false;
	enum xerr e;
	/* The usual case, nothing queued: one index probe, no transaction. */
	const char *any = db_value(db, p, &e, "SELECT notice_id FROM search_pending LIMIT 1", "");
	if (e != XE_OK || any == NULL)
		return e;
	if ((e = db_begin(db)) != XE_OK)
		return e;
	/* Lock the queued rows this call will apply; rows another syncer holds, or that a writer is
	 * re-queuing right now, are skipped (SKIP LOCKED: MariaDB >= 10.6). A writer marks a notice
	 * after changing it, in its own transaction, so while we hold the mark no change to the notice
	 * can commit, and the notice rows read below (a consistent read taken after the lock) are
	 * its latest committed state. Nothing here locks notices: writers never wait on a search. */
	struct db_result q;
	e = db_query(db, p, &q,
	             "SELECT notice_id FROM search_pending ORDER BY notice_id LIMIT ? FOR UPDATE SKIP LOCKED", "i",
	             (long long)max + 1);
	size_t n = e == XE_OK ? (q.nrows > max ? max : q.nrows) : 0;
	for (size_t i = 0; i < n && e == XE_OK; i++) {
		e = sync_one(db, p, app, q.rows[i][0]);
		if (e == XE_OK)
			e = db_exec(db, "DELETE FROM search_pending WHERE notice_id = ?", "s", q.rows[i][0]);
	}
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		/* search_docs may already hold some of the new states (Mroonga writes at once); the marks
		 * stay, so the next sync writes them again. Applying a mark twice is harmless. */
		db_rollback(db);
		return e;
	}
	*done = n;
	*more = q.nrows > max;
	return XE_OK;
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
			break; /* what is left is locked by someone else, who will apply it */
	}
	*applied += mine;
	return e;
}

/* ---- The bulk rebuild ---------------------------------------------------------------------- */

/* Each site's cutoffs for the new index. */
struct plan {
	struct search_site_cutoffs *c;
	size_t n;
};

/* Loads every published notice into search_docs_build, REINDEX_BATCH at a time by id. */
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
			struct buf records;
			buf_init(&records);
			struct jw w;
			jw_init(&w, &records);
			jw_open(&w, NULL, '[');
			for (size_t i = 0; i < r.nrows; i++)
				put_record(&w, keep, &cache, app, r.rows[i],
				           search_cutoffs_of(plan->c, plan->n, strtoll(r.rows[i][D_SITE], NULL, 10)));
			jw_close(&w, ']');
			long long n = 0;
			e = groonga_load(db, bp, "search_docs_build", buf_cstr(&records), &n);
			buf_free(&records);
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

/* The new table: search_docs' definition without its full-text indexes, which are built once
 * after the load (Groonga then builds each index in one pass instead of record by record). */
static enum xerr build_create(struct db *db)
{
	enum xerr e = db_exec(db, "DROP TABLE IF EXISTS search_docs_build", "");
	if (e == XE_OK)
		e = db_exec(db, "CREATE TABLE search_docs_build LIKE search_docs", "");
	if (e == XE_OK)
		e = db_exec(db,
		            "ALTER TABLE search_docs_build DROP INDEX ft_content, DROP INDEX ft_tier1, DROP INDEX ft_tier2, "
		            "DROP INDEX ft_tier3, DROP INDEX ft_sample",
		            "");
	return e;
}

/* The indexes, as sql/035_search_ladder.sql declares them on search_docs. */
static enum xerr build_index(struct db *db)
{
	return db_exec(db,
	               "ALTER TABLE search_docs_build "
	               "ADD FULLTEXT KEY ft_content (content) COMMENT " SEARCH_FULLTEXT_OPTIONS ", "
	               "ADD FULLTEXT KEY ft_tier1 (tier1) COMMENT " SEARCH_FULLTEXT_OPTIONS ", "
	               "ADD FULLTEXT KEY ft_tier2 (tier2) COMMENT " SEARCH_FULLTEXT_OPTIONS ", "
	               "ADD FULLTEXT KEY ft_tier3 (tier3) COMMENT " SEARCH_FULLTEXT_OPTIONS ", "
	               "ADD FULLTEXT KEY ft_sample (sample) COMMENT " SEARCH_FULLTEXT_OPTIONS,
	               "");
}

/* Swaps the new table in, with the cutoffs it was built for, and queues what changed meanwhile
 * (the marks applied to the old table while the new one was loading). */
static enum xerr build_swap(struct db *db, const struct plan *plan, const char *started)
{
	enum xerr e = db_exec(db, "RENAME TABLE search_docs TO search_docs_old, search_docs_build TO search_docs", "");
	if (e == XE_OK)
		e = db_exec(db, "DROP TABLE search_docs_old", "");
	if (e == XE_OK)
		e = search_cutoffs_save(db, plan->c, plan->n);
	if (e == XE_OK)
		e = db_exec(db,
		            "INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices "
		            "WHERE updated_at >= ? - INTERVAL 1 SECOND",
		            "s", started);
	return e;
}

enum xerr search_reindex(struct db *db, const struct app *app, long long keep, FILE *out, long long *indexed)
{
	*indexed = 0;
	struct pool *p = pool_new();
	enum xerr e;
	const char *started = db_value(db, p, &e, "SELECT NOW()", "");
	/* Every change committed so far is read by the load below: its mark is done with. */
	if (e == XE_OK)
		e = db_exec(db, "DELETE FROM search_pending", "");
	struct plan plan = {0};
	if (e == XE_OK)
		e = search_cutoffs_plan(db, p, keep, &plan.c, &plan.n);
	if (e == XE_OK)
		e = build_create(db);
	if (e == XE_OK)
		e = build_load(db, app, &plan, out, indexed);
	double t = search_now();
	if (e == XE_OK)
		e = build_index(db);
	if (e == XE_OK && out != NULL)
		fprintf(out, "  indexes built in %.1f s\n", search_now() - t);
	if (e == XE_OK)
		e = build_swap(db, &plan, started);
	pool_free(p);
	return e;
}
