/* The process's copies of its sites' tiers (search_memory.h). A copy is an index built from the
 * tables (search_engine_build) and an overlay of the notices the log has changed since; a request
 * holds the copy it read (a reference count), and the thread replaces a site's copy by a new one,
 * never changing one in place. */
#include "notices/search_memory.h"
#include "core/errlog.h"
#include "core/periodic.h"
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Changes since a copy was built that an overlay takes; beyond, the copy is built again. Each is
 * checked by every search the copy answers, one by one. */
#define OVERLAY_MAX 2000
/* How often the thread looks at the marks of the sites it holds. */
#define KEEP_MS 200
/* How long a site whose copy would pass [search] memory_mb waits before it is tried again. */
#define REFUSED_NS (600 * 1000000000LL)

struct base {
	atomic_int refs;
	struct search_engine *e;
	long long cover_from; /* the third tier's cutoff when it was built (YYYYMMDDhhmmss; 0: none) */
};

struct search_copy {
	atomic_int refs;
	struct search_mark mark;
	struct base *base;
	struct search_overlay *overlay;
};

struct site {
	long long id;
	struct search_copy *copy;
	bool wanted;
	long long refused_until;
};

struct search_memory {
	const struct app *app;
	struct db *db;
	pthread_mutex_t lock;
	struct site *sites;
	size_t nsites, cap;
	size_t limit;
	struct periodic *thread;
};

static void base_release(struct base *b)
{
	if (b != NULL && atomic_fetch_sub(&b->refs, 1) == 1) {
		search_engine_free(b->e);
		free(b);
	}
}

static void copy_release(struct search_copy *c)
{
	if (c != NULL && atomic_fetch_sub(&c->refs, 1) == 1) {
		base_release(c->base);
		search_overlay_free(c->overlay);
		free(c);
	}
}

static bool same_mark(const struct search_mark *a, const struct search_mark *b)
{
	return a->seq == b->seq && a->notice_id == b->notice_id;
}

/* Whether the copy holds every notice of the third tier under the cutoffs c. */
static bool covers(const struct search_copy *copy, const struct search_cutoffs *c)
{
	if (c->at[SEARCH_TIER_3] == NULL)
		return copy->base->cover_from == 0;
	return search_engine_time(c->at[SEARCH_TIER_3]) >= copy->base->cover_from;
}

static struct site *site_of(struct search_memory *m, long long id, bool add)
{
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i].id == id)
			return &m->sites[i];
	if (!add)
		return NULL;
	if (m->nsites == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->sites = realloc(m->sites, m->cap * sizeof *m->sites);
		if (m->sites == NULL)
			abort();
	}
	m->sites[m->nsites] = (struct site){.id = id};
	return &m->sites[m->nsites++];
}

const struct search_copy *search_copy_get(struct search_memory *m, long long site_id, const struct search_mark *mark,
                                          const struct search_cutoffs *c)
{
	if (m == NULL)
		return NULL;
	pthread_mutex_lock(&m->lock);
	struct site *s = site_of(m, site_id, true);
	struct search_copy *copy = s->copy;
	if (copy != NULL && same_mark(&copy->mark, mark) && covers(copy, c))
		atomic_fetch_add(&copy->refs, 1);
	else
		copy = NULL, s->wanted = true;
	pthread_mutex_unlock(&m->lock);
	return copy;
}

void search_copy_release(struct search_memory *m, const struct search_copy *copy)
{
	(void)m;
	copy_release((struct search_copy *)copy);
}

/* ---- Answering ---------------------------------------------------------------------------- */

bool search_copy_select(const struct search_copy *copy, const struct search_terms *t, const struct search_filters *f,
                        enum search_tier tier, const char *cutoff, long long offset, long long limit, struct pool *p,
                        struct search_answer *a)
{
	if (tier == SEARCH_TIER_ALL || f->sort != SEARCH_SORT_DATE || t->n == 0)
		return false;
	for (size_t i = 0; i < t->n; i++)
		if (!t->t[i].trigrams)
			return false;
	long long at = cutoff ? search_engine_time(cutoff) : 0;
	if (cutoff != NULL && at == 0)
		return false;
	bool sample = tier == SEARCH_TIER_SAMPLE || tier == SEARCH_TIER_SPARSE;
	struct search_engine_query q = {
	    .t = t,
	    .f = f,
	    .part = tier == SEARCH_TIER_SAMPLE ? SEARCH_PART_SAMPLE : tier == SEARCH_TIER_SPARSE ? SEARCH_PART_SPARSE : SEARCH_PART_TIER,
	    .since = sample ? 0 : at,
	    .before = sample ? at : 0,
	};
	search_engine_select(copy->base->e, copy->overlay, &q, offset, limit, p, a);
	return true;
}

/* ---- Reading the tables ------------------------------------------------------------------- */

struct docs {
	struct search_engine_doc *d;
	size_t n, cap;
};

static void add_rows(struct docs *out, const struct db_result *r, unsigned part)
{
	for (size_t i = 0; i < r->nrows; i++) {
		char **row = r->rows[i];
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 1024;
			out->d = realloc(out->d, out->cap * sizeof *out->d);
			if (out->d == NULL)
				abort();
		}
		out->d[out->n++] = (struct search_engine_doc){strtoll(row[0], NULL, 10), strtoll(row[1], NULL, 10), part,
		                                              row[2], row[3], row[4], row[5]};
	}
}

static int by_notice(const void *a, const void *b)
{
	const struct search_engine_doc *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* One doc per notice, with the parts of every table it is in. */
static void merge_parts(struct docs *d)
{
	if (d->n > 1)
		qsort(d->d, d->n, sizeof *d->d, by_notice);
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (n > 0 && d->d[n - 1].id == d->d[i].id)
			d->d[n - 1].parts |= d->d[i].parts;
		else
			d->d[n++] = d->d[i];
	}
	d->n = n;
}

/* Table k's rows (k: 0, 1, 2 for SEARCH_PART_TIER, _SAMPLE, _SPARSE) of the site (by_site) or of
 * one notice. The time is the notice's: Groonga read the text of that time in the server's time
 * zone when it was loaded, and reads the cutoffs and the dates of a search the same way, while
 * Mroonga shows its DATETIME in SQL as if it were UTC, off by the zone's offset. */
static enum xerr read_part(struct db *db, struct pool *p, struct db_result *r, unsigned k, bool by_site, long long v)
{
#define COLS                                                                                                        \
	"SELECT d.notice_id, DATE_FORMAT(n.published_at, '%Y%m%d%H%i%s'), d.category_code, d.issuer, d.facet, d.content " \
	"FROM "
	switch (k * 2 + by_site) {
	case 0:
		return db_query(db, p, r, COLS "search_docs_tier3 d JOIN notices n ON n.id = d.notice_id WHERE d.notice_id = ?", "i", v);
	case 1:
		return db_query(db, p, r, COLS "search_docs_tier3 d JOIN notices n ON n.id = d.notice_id WHERE d.site_id = ?", "i", v);
	case 2:
		return db_query(db, p, r, COLS "search_docs_sample d JOIN notices n ON n.id = d.notice_id WHERE d.notice_id = ?", "i", v);
	case 3:
		return db_query(db, p, r, COLS "search_docs_sample d JOIN notices n ON n.id = d.notice_id WHERE d.site_id = ?", "i", v);
	case 4:
		return db_query(db, p, r, COLS "search_docs_sparse d JOIN notices n ON n.id = d.notice_id WHERE d.notice_id = ?", "i", v);
	default:
		return db_query(db, p, r, COLS "search_docs_sparse d JOIN notices n ON n.id = d.notice_id WHERE d.site_id = ?", "i", v);
	}
#undef COLS
}

/* Every notice of the site in the three tables. */
static enum xerr read_site(struct db *db, struct pool *p, long long site_id, struct docs *out)
{
	enum xerr e = XE_OK;
	for (unsigned k = 0; k < 3 && e == XE_OK; k++) {
		struct db_result r;
		if ((e = read_part(db, p, &r, k, true, site_id)) == XE_OK)
			add_rows(out, &r, 1u << k);
	}
	merge_parts(out);
	return e;
}

/* The notices ids[0..n) as the three tables hold them now. */
static enum xerr read_notices(struct db *db, struct pool *p, const long long *ids, size_t n, struct docs *out)
{
	enum xerr e = XE_OK;
	for (size_t i = 0; i < n && e == XE_OK; i++)
		for (unsigned k = 0; k < 3 && e == XE_OK; k++) {
			struct db_result r;
			if ((e = read_part(db, p, &r, k, false, ids[i])) == XE_OK)
				add_rows(out, &r, 1u << k);
		}
	merge_parts(out);
	return e;
}

/* The notices of the site's log entries after `from` up to `to`; false when there are more than
 * OVERLAY_MAX or some were pruned from the log. */
static bool changes_between(struct db *db, struct pool *p, long long site_id, const struct search_mark *from,
                            const struct search_mark *to, long long **ids, size_t *n)
{
	enum xerr e;
	const char *pruned = db_value(db, p, &e, "SELECT pruned FROM search_log_heads WHERE site_id = ?", "i", site_id);
	if (e != XE_OK || (pruned != NULL && strtoll(pruned, NULL, 10) > from->seq))
		return false;
	struct db_result r;
	e = db_query(db, p, &r,
	             "SELECT DISTINCT notice_id FROM search_log WHERE site_id = ? "
	             "AND (seq > ? OR (seq = ? AND notice_id > ?)) AND (seq < ? OR (seq = ? AND notice_id <= ?)) LIMIT ?",
	             "iiiiiiii", site_id, from->seq, from->seq, from->notice_id, to->seq, to->seq, to->notice_id,
	             (long long)OVERLAY_MAX + 1);
	if (e != XE_OK || r.nrows > OVERLAY_MAX)
		return false;
	*ids = pool_alloc(p, (r.nrows + 1) * sizeof **ids);
	for (size_t i = 0; i < r.nrows; i++)
		(*ids)[i] = strtoll(r.rows[i][0], NULL, 10);
	*n = r.nrows;
	return true;
}

/* ---- Keeping ------------------------------------------------------------------------------ */

static size_t copy_bytes(const struct search_copy *c)
{
	return c ? search_engine_bytes(c->base->e) : 0;
}

/* Puts copy in as the site's, for the requests that come next. */
static void publish(struct search_memory *m, long long site_id, struct search_copy *copy)
{
	pthread_mutex_lock(&m->lock);
	struct site *s = site_of(m, site_id, true);
	struct search_copy *old = s->copy;
	s->copy = copy;
	s->wanted = false;
	pthread_mutex_unlock(&m->lock);
	copy_release(old);
}

static size_t others_bytes(struct search_memory *m, long long site_id)
{
	size_t n = 0;
	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i].id != site_id)
			n += copy_bytes(m->sites[i].copy);
	pthread_mutex_unlock(&m->lock);
	return n;
}

static void refuse(struct search_memory *m, long long site_id, size_t bytes)
{
	errlog("search: site %lld's copy of the tiers would take %zu MB, past [search] memory_mb: Groonga answers its "
	       "searches; tried again in 10 minutes",
	       site_id, bytes >> 20);
	pthread_mutex_lock(&m->lock);
	struct site *s = site_of(m, site_id, true);
	s->refused_until = periodic_now_ns() + REFUSED_NS;
	s->wanted = false;
	pthread_mutex_unlock(&m->lock);
}

/* A new copy of the site from its tables, for the mark and cutoffs read before them. The rows read
 * (the tables' text, as much again as the copy) are freed when the caller's pool is, and given back
 * to the system then (keep_site): the thread's malloc arena would keep them otherwise. */
static void build(struct search_memory *m, struct pool *p, long long site_id, const struct search_mark *mark,
                  const struct search_cutoffs *c)
{
	struct docs d = {0};
	if (read_site(m->db, p, site_id, &d) != XE_OK) {
		free(d.d);
		return;
	}
	struct base *b = calloc(1, sizeof *b);
	struct search_copy *copy = calloc(1, sizeof *copy);
	if (b == NULL || copy == NULL)
		abort();
	b->e = search_engine_build(d.d, d.n);
	free(d.d);
	b->cover_from = c->at[SEARCH_TIER_3] ? search_engine_time(c->at[SEARCH_TIER_3]) : 0;
	atomic_init(&b->refs, 1);
	*copy = (struct search_copy){.mark = *mark, .base = b};
	atomic_init(&copy->refs, 1);
	size_t bytes = copy_bytes(copy);
	if (bytes + others_bytes(m, site_id) > m->limit) {
		copy_release(copy);
		refuse(m, site_id, bytes);
		return;
	}
	publish(m, site_id, copy);
}

/* The copy old with the changes of the log up to mark; false when they are too many to overlay. */
static bool overlay(struct search_memory *m, struct pool *p, long long site_id, struct search_copy *old,
                    const struct search_mark *mark)
{
	long long *ids;
	size_t n;
	if (!changes_between(m->db, p, site_id, &old->mark, mark, &ids, &n) ||
	    search_overlay_docs(old->overlay) + n > OVERLAY_MAX)
		return false;
	struct docs d = {0};
	if (read_notices(m->db, p, ids, n, &d) != XE_OK) {
		free(d.d);
		return true; /* tried again at the next round */
	}
	struct search_copy *copy = calloc(1, sizeof *copy);
	if (copy == NULL)
		abort();
	*copy = (struct search_copy){.mark = *mark, .base = old->base};
	atomic_fetch_add(&old->base->refs, 1);
	copy->overlay = search_engine_overlay(old->base->e, old->overlay, ids, n, d.d, d.n);
	atomic_init(&copy->refs, 1);
	free(d.d);
	publish(m, site_id, copy);
	return true;
}

/* Brings one site's copy to this node's mark and cutoffs. */
static void keep_site(struct search_memory *m, long long site_id)
{
	struct pool *p = pool_new();
	bool behind;
	struct search_mark mark;
	struct search_cutoffs c;
	pthread_mutex_lock(&m->lock);
	struct site *s = site_of(m, site_id, false);
	struct search_copy *old = s ? s->copy : NULL;
	if (old != NULL)
		atomic_fetch_add(&old->refs, 1);
	pthread_mutex_unlock(&m->lock);
	bool built = false;
	if (search_prepare(m->db, p, site_id, &behind, &mark, &c) == XE_OK &&
	    !(old != NULL && same_mark(&old->mark, &mark) && covers(old, &c)) &&
	    !(old != NULL && covers(old, &c) && overlay(m, p, site_id, old, &mark))) {
		build(m, p, site_id, &mark, &c);
		built = true;
	}
	copy_release(old);
	pool_free(p);
	if (built)
		malloc_trim(0);
}

/* Each round: every site a search asked for or holds, one after the other. */
static bool keep_once(void *arg)
{
	struct search_memory *m = arg;
	long long now = periodic_now_ns();
	pthread_mutex_lock(&m->lock);
	size_t n = m->nsites;
	long long *ids = malloc((n + 1) * sizeof *ids);
	size_t k = 0;
	for (size_t i = 0; ids != NULL && i < n; i++)
		if ((m->sites[i].wanted || m->sites[i].copy != NULL) && m->sites[i].refused_until <= now)
			ids[k++] = m->sites[i].id;
	pthread_mutex_unlock(&m->lock);
	for (size_t i = 0; i < k; i++)
		keep_site(m, ids[i]);
	free(ids);
	return false;
}

struct search_memory *search_memory_start(const struct app *app, struct db_status *status)
{
	(void)status;
	if (app->cfg.search.memory_mb <= 0)
		return NULL;
	struct db *db = db_new(&app->cfg);
	if (db_node_count(db) > 1) { /* each node's own index: see search_memory.h */
		db_close(db);
		return NULL;
	}
	struct search_memory *m = calloc(1, sizeof *m);
	if (m == NULL)
		abort();
	m->app = app;
	m->db = db;
	m->limit = (size_t)app->cfg.search.memory_mb << 20;
	pthread_mutex_init(&m->lock, NULL);
	m->thread = periodic_start(KEEP_MS, keep_once, m);
	return m;
}

void search_memory_stop(struct search_memory *m)
{
	if (m == NULL)
		return;
	periodic_stop(m->thread);
	for (size_t i = 0; i < m->nsites; i++)
		copy_release(m->sites[i].copy);
	free(m->sites);
	pthread_mutex_destroy(&m->lock);
	db_close(m->db);
	free(m);
}
