/* Asking the search index (search.h, README.md "## Search"): the tiers read in turn.
 *
 * Each tier holds a site's notices from the tier's cutoff on, so the newest matches in a tier are
 * the newest matches of all, and a tier with at least offset + 20 of them holds the page. What it
 * costs Groonga grows with the tier: the postings of the terms' bigrams (those of a word like 中心
 * are in every notice), the matches it collects, sorts and counts per facet. A newest-first search
 * reads the smallest tier first, and the next only when it holds fewer than offset + 20 matches.
 * The tier that holds the page settles the count too when it holds every notice the search may
 * find (exact) or more than SEARCH_COUNT_MAX matches ("1,000+"); else the matches older than its
 * cutoff are counted in the sample, one notice in 64 of every year (in one in 1,024 for a term
 * dense in the first tier), and the count is estimated (search_estimate), said to be one on the
 * page. Counted in the tiers themselves instead, exactly, the count of a project name would read
 * every notice again; extrapolated from the tiers' counts, this month's project would be counted
 * over ten years. The facets are those of the page's tier. */
#include "notices/search.h"
#include "notices/search_memory.h"
#include <string.h>

struct ladder {
	struct db *db;
	struct pool *p;
	long long site_id;
	const struct search_terms *t;
	const struct search_filters *f;
	struct search_cutoffs c;
	const struct search_copy *copy; /* NULL: every select asks Groonga */
	bool copied;                    /* the copy answered a select */
	long long first; /* the first tier's matches (0 until it is read) */
};

static enum xerr ask_groonga(struct db *db, struct pool *p, const char *cmd, struct search_answer *a)
{
	enum xerr e;
	const char *json = db_value(db, p, &e, "SELECT mroonga_command(?)", "s", cmd);
	if (e != XE_OK)
		return e;
	return search_groonga_parse(p, json, a) ? XE_OK : XE_INTERNAL;
}

/* One select of tier k: from the worker's copy of the tiers when it can answer it, else Groonga. */
static enum xerr ask(struct ladder *l, enum search_tier k, const char *cutoff, long long offset, long long limit,
                     struct search_answer *a)
{
	if (l->copy != NULL && search_copy_select(l->copy, l->t, l->f, k, cutoff, offset, limit, l->p, a)) {
		l->copied = true;
		return XE_OK;
	}
	return ask_groonga(l->db, l->p, search_groonga_select(l->p, l->site_id, l->t, l->f, k, cutoff, offset, limit), a);
}

static const char *cutoff_of(const struct ladder *l, enum search_tier k)
{
	return k == SEARCH_TIER_ALL ? NULL : l->c.at[k];
}

/* Whether tier k holds every notice the search may find: it has no cutoff, or the search asks for
 * notices published from a day on or after it. */
static bool complete(const struct ladder *l, enum search_tier k)
{
	const char *cutoff = cutoff_of(l, k);
	if (cutoff == NULL)
		return true;
	if (l->f->from == NULL)
		return false;
	char from[20];
	snprintf(from, sizeof from, "%.10s 00:00:00", l->f->from);
	return strcmp(from, cutoff) >= 0;
}

/* A page of tier k's matches with their count and facets. */
static enum xerr page_in(struct ladder *l, enum search_tier k, long long offset, struct search_answer *a)
{
	enum xerr e = ask(l, k, cutoff_of(l, k), offset, SEARCH_PAGE_SIZE, a);
	a->tier = k;
	return e;
}

/* The matches older than tier k's cutoff in a sample (no order, no facets). */
static enum xerr count_older(struct ladder *l, enum search_tier k, enum search_tier sample, long long *n)
{
	struct search_answer s;
	enum xerr e = ask(l, sample, l->c.at[k], 0, 0, &s);
	*n = e == XE_OK ? s.total : 0;
	return e;
}

/* Whether the sparse sample may hold SEARCH_SPARSE_MIN of a dense term's older matches. A site
 * with no cutoff in the third tier has fewer notices than twice what that tier keeps, 200 times
 * what the first keeps at least, so a term with m matches in the first tier has about m x 200 /
 * SEARCH_SPARSE_EVERY of them in the sparse sample at most: for m under 164 the sample would be
 * read after it anyway (bench/README.md, the place names at 100,000 notices). */
static bool sparse_may_hold(const struct ladder *l)
{
	return l->c.at[SEARCH_TIER_3] != NULL ||
	       l->first * 2 * search_tier_keep(SEARCH_TIER_3, 1) >= SEARCH_SPARSE_MIN * SEARCH_SPARSE_EVERY;
}

/* The count once partial tier k holds the page with no more than SEARCH_COUNT_MAX matches: those
 * and an estimate of the older ones from a sample. What counting them costs Groonga is the
 * matches it collects, so a term the first tier shows to be dense is counted in the sparse sample,
 * a sixteenth of the sample, when that holds enough of them for an estimate (a site's older
 * notices may be too few there: sparse_may_hold says when they surely are); else, and for any
 * other term, in the sample. */
static enum xerr estimate_count(struct ladder *l, enum search_tier k, struct search_answer *a)
{
	long long n = 0, every = SEARCH_SAMPLE_EVERY;
	enum xerr e = XE_OK;
	if (l->first >= SEARCH_DENSE_FIRST && sparse_may_hold(l)) {
		e = count_older(l, k, SEARCH_TIER_SPARSE, &n);
		if (e == XE_OK && n >= SEARCH_SPARSE_MIN)
			every = SEARCH_SPARSE_EVERY;
	}
	if (e == XE_OK && every == SEARCH_SAMPLE_EVERY)
		e = count_older(l, k, SEARCH_TIER_SAMPLE, &n);
	if (e != XE_OK)
		return e;
	a->total = search_estimate(a->total, n, every);
	a->estimated = a->partial = true;
	return XE_OK;
}

/* By relevance every match must be scored: the smallest tier that holds all of them. */
static enum xerr by_relevance(struct ladder *l, long long offset, struct search_answer *a)
{
	int k = SEARCH_TIER_1;
	while (!complete(l, (enum search_tier)k))
		k++;
	enum xerr e = page_in(l, (enum search_tier)k, offset, a);
	a->capped = a->total > SEARCH_COUNT_MAX;
	return e;
}

/* The tier to read after partial tier k, which held m matches: the next, unless even with the
 * most notices it can hold against the fewest of this one (20 times: N to 2N, then 10N to 20N) it
 * would not hold the page either; then the one after it. Skipping never changes the answer (a
 * larger tier holds the page too), only its cost: a term the newest notices do not have (a
 * telephone number; a project, often) reads one tier fewer. Only then: a tier that would have held
 * the page, skipped, costs about ten times what it would have (a pair of words with one match in
 * the first tier, nominally ten in the second, has twenty there as often as not). The full index
 * is never skipped, nor a tier for several terms: what a tier costs them is the postings of each
 * term, often common words, so the third tier costs them ten times the second, while none of the
 * combination in the first tier's few thousand notices says little about the second. */
static int next_tier(const struct ladder *l, int k, long long m, long long offset)
{
	int next = k + 1;
	if (next < SEARCH_TIER_ALL && l->t->n == 1 && !complete(l, (enum search_tier)next) &&
	    m * 20 < offset + SEARCH_PAGE_SIZE)
		next++;
	return next;
}

static enum xerr by_date(struct ladder *l, long long offset, struct search_answer *a)
{
	enum xerr e;
	for (int k = SEARCH_TIER_1; k <= SEARCH_TIER_ALL; k = next_tier(l, k, a->total, offset)) {
		if ((e = page_in(l, (enum search_tier)k, offset, a)) != XE_OK)
			return e;
		if (k == SEARCH_TIER_1)
			l->first = a->total;
		if (complete(l, (enum search_tier)k)) {
			a->capped = a->total > SEARCH_COUNT_MAX;
			return XE_OK;
		}
		if (a->total > SEARCH_COUNT_MAX) { /* every listed page is here */
			a->capped = a->partial = true;
			return XE_OK;
		}
		if (a->total >= offset + SEARCH_PAGE_SIZE)
			return estimate_count(l, (enum search_tier)k, a);
	}
	return XE_OK; /* not reached: the last tier is complete */
}

enum xerr search_run(struct db *db, struct pool *p, long long site_id, const struct search_cutoffs *c,
                     const struct search_copy *copy, const struct search_terms *t, const struct search_filters *f,
                     long long offset, struct search_answer *a)
{
	memset(a, 0, sizeof *a);
	struct ladder l = {.db = db, .p = p, .site_id = site_id, .t = t, .f = f, .c = *c, .copy = copy};
	enum xerr e = f->sort == SEARCH_SORT_RELEVANCE ? by_relevance(&l, offset, a) : by_date(&l, offset, a);
	a->copied = l.copied;
	return e;
}
