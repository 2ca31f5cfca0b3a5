/* search_engine.c against a plain reading of the same notices: random texts over a few Chinese
 * characters (so that terms repeat, overlap and stand apart), every select compared with what a
 * scan of every notice finds, in the page's order, with the counts per facet key. */
#include "notices/search_engine.h"
#include "unit.h"
#include <stdlib.h>

#define NDOCS 400
static const char *const alphabet[] = {"公", "园", "图", "书", "资", "料", "人", "民"};
static const char *const gaps[] = {"，", "\n", " ", "A1", "、"};

struct world {
	struct search_engine_doc d[NDOCS + 40];
	char text[NDOCS + 40][600];
	char facet[NDOCS + 40][40];
	bool gone[NDOCS + 40];
	size_t n;
};

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void make_doc(struct world *w, size_t i, long long id, unsigned *seed)
{
	char *t = w->text[i];
	t[0] = '\0';
	for (int k = 0, len = 20 + (int)(next_rand(seed) % 120); k < len && strlen(t) < 500; k++)
		strcat(t, next_rand(seed) % 6 ? alphabet[next_rand(seed) % 8] : gaps[next_rand(seed) % 5]);
	snprintf(w->facet[i], sizeof w->facet[i], "D0%u\x1f" "机关%u\x1f" "202%u", next_rand(seed) % 3,
	         next_rand(seed) % 2, next_rand(seed) % 4);
	unsigned parts = SEARCH_PART_TIER | (id % 5 == 0 ? SEARCH_PART_SAMPLE : 0) | (id % 15 == 0 ? SEARCH_PART_SPARSE : 0);
	w->d[i] = (struct search_engine_doc){id, 20250101000000LL + (long long)(next_rand(seed) % 50) * 1000000LL, parts,
	                                     id % 3 ? "D04.C01" : "D04.C011", id % 2 ? "甲局" : "乙局", w->facet[i], t};
}

/* Whether every term stands in doc i's text (its Chinese runs hold it whole). */
static bool has_terms(const struct world *w, size_t i, const struct search_terms *t)
{
	for (size_t k = 0; k < t->n; k++)
		if (strstr(w->text[i], t->t[k].text) == NULL)
			return false;
	return true;
}

static bool passes(const struct world *w, size_t i, const struct search_engine_query *q)
{
	const struct search_engine_doc *d = &w->d[i];
	if (w->gone[i] || !(d->parts & q->part) || (q->since && d->published < q->since) ||
	    (q->before && d->published >= q->before))
		return false;
	if (q->f->column && strcmp(d->category, q->f->column) != 0 &&
	    !(strncmp(d->category, q->f->column, strlen(q->f->column)) == 0 && d->category[strlen(q->f->column)] == '.'))
		return false;
	if (q->f->issuer && strcmp(d->issuer, q->f->issuer) != 0)
		return false;
	return has_terms(w, i, q->t);
}

static int newest(const void *a, const void *b)
{
	const struct search_engine_doc *x = *(const struct search_engine_doc *const *)a, *y = *(const struct search_engine_doc *const *)b;
	if (x->published != y->published)
		return x->published < y->published ? 1 : -1;
	return x->id < y->id ? 1 : -1;
}

/* The engine's answer against the scan's: count, the page, and the first domain facet's count. */
static void compare(const struct world *w, const struct search_engine *e, const struct search_overlay *o,
                    const struct search_engine_query *q, long long offset)
{
	const struct search_engine_doc *hits[NDOCS + 40];
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		if (passes(w, i, q))
			hits[n++] = &w->d[i];
	qsort(hits, n, sizeof *hits, newest);
	struct pool *p = pool_new();
	struct search_answer a;
	search_engine_select(e, o, q, offset, 20, p, &a);
	CHECK(a.total == (long long)n);
	size_t want = n > (size_t)offset ? n - (size_t)offset : 0;
	CHECK(a.n == (want < 20 ? want : 20));
	for (size_t k = 0; k < a.n && k + (size_t)offset < n; k++)
		CHECK(a.ids[k] == hits[k + (size_t)offset]->id);
	long long facet_sum = 0;
	for (size_t k = 0; k < a.nfacets[SEARCH_FACET_YEAR]; k++)
		facet_sum += a.facets[SEARCH_FACET_YEAR][k].n;
	CHECK(facet_sum == (long long)n);
	search_engine_select(e, o, q, 0, 0, p, &a);
	CHECK(a.total == (long long)n);
	pool_free(p);
}

static void random_queries(const struct world *w, const struct search_engine *e, const struct search_overlay *o,
                           unsigned *seed)
{
	struct pool *p = pool_new();
	for (int k = 0; k < 300; k++) {
		char q[64] = "";
		for (int len = 3 + (int)(next_rand(seed) % 3), c = 0; c < len; c++)
			strcat(q, alphabet[next_rand(seed) % 8]);
		if (k % 3 == 0) {
			strcat(q, " ");
			for (int c = 0; c < 3; c++)
				strcat(q, alphabet[next_rand(seed) % 8]);
		}
		struct search_terms t;
		CHECK(search_split(p, q, &t) == SEARCH_OK);
		struct search_filters f = {.column = k % 7 == 1 ? "D04.C01" : NULL, .issuer = k % 11 == 2 ? "甲局" : NULL};
		unsigned part = k % 5 == 3 ? SEARCH_PART_SAMPLE : k % 5 == 4 ? SEARCH_PART_SPARSE : SEARCH_PART_TIER;
		long long cut = 20250101000000LL + (long long)(next_rand(seed) % 50) * 1000000LL;
		struct search_engine_query sq = {&t, &f, part, part == SEARCH_PART_TIER && k % 2 ? cut : 0,
		                                 part != SEARCH_PART_TIER && k % 2 ? cut : 0};
		compare(w, e, o, &sq, k % 4 == 0 ? 20 : 0);
	}
	pool_free(p);
}

void test_search_engine_finds_what_a_scan_finds(void)
{
	static struct world w;
	unsigned seed = 7;
	w.n = NDOCS;
	for (size_t i = 0; i < NDOCS; i++)
		make_doc(&w, i, (long long)i + 1, &seed);
	struct search_engine *e = search_engine_build(w.d, w.n);
	CHECK(search_engine_docs(e) == NDOCS);
	random_queries(&w, e, NULL, &seed);
	/* 30 notices changed (new texts), 10 gone, 40 new: the overlay answers as the tables would. */
	long long ids[80];
	size_t nids = 0;
	for (size_t i = 0; i < 40; i++) {
		size_t at = next_rand(&seed) % NDOCS;
		ids[nids++] = w.d[at].id;
		if (i < 30)
			make_doc(&w, at, w.d[at].id, &seed);
		else
			w.gone[at] = true;
	}
	for (size_t i = 0; i < 40; i++, w.n++) {
		make_doc(&w, w.n, 1000 + (long long)i, &seed);
		ids[nids++] = 1000 + (long long)i;
	}
	struct search_engine_doc now[80];
	size_t nnow = 0;
	for (size_t i = 0; i < w.n; i++)
		for (size_t k = 0; k < nids; k++)
			if (w.d[i].id == ids[k] && !w.gone[i]) {
				now[nnow++] = w.d[i];
				break;
			}
	/* In two steps, as the log brings them: the second overlay is made from the first. */
	struct search_overlay *o1 = search_engine_overlay(e, NULL, ids, 20, now, 0);
	struct search_overlay *o2 = search_engine_overlay(e, o1, ids, nids, now, nnow);
	search_overlay_free(o1);
	random_queries(&w, e, o2, &seed);
	search_overlay_free(o2);
	search_engine_free(e);
}

void test_search_engine_folds_as_groonga_does(void)
{
	struct search_engine_doc d[] = {
	    {1, 20250101000000LL, SEARCH_PART_TIER, "", "", "D01\x1f" "甲\x1f" "2025", "人民公园林"},
	    {2, 20250102000000LL, SEARCH_PART_TIER, "", "", "D01\x1f" "甲\x1f" "2025", "\xe2\xbc\x88民公园林"}, /* Kangxi ⼈ */
	    {3, 20250103000000LL, SEARCH_PART_TIER, "", "", "D01\x1f" "甲\x1f" "2025", "人民公·园林"},
	    {4, 20250104000000LL, SEARCH_PART_TIER, "", "", "D01\x1f" "甲\x1f" "2025", "人民\n公园林"},
	    {5, 20250105000000LL, SEARCH_PART_TIER, "", "", "D01\x1f" "甲\x1f" "2025", "人民\xe2\x80\x8b公园林"}, /* ZWSP */
	    {6, 20250106000000LL, SEARCH_PART_TIER, "", "", "", "人民公园林木"},
	};
	struct search_engine *e = search_engine_build(d, 6);
	struct pool *p = pool_new();
	struct search_terms t;
	CHECK(search_split(p, "人民公园", &t) == SEARCH_OK);
	struct search_filters f = {0};
	struct search_engine_query q = {&t, &f, SEARCH_PART_TIER, 0, 0};
	struct search_answer a;
	search_engine_select(e, NULL, &q, 0, 20, p, &a);
	CHECK(a.total == 3 && a.n == 3);
	CHECK(a.ids[0] == 6 && a.ids[1] == 2 && a.ids[2] == 1);
	/* A notice whose facet key is not one (indexed before the facets) is counted, not faceted. */
	CHECK(a.nfacets[SEARCH_FACET_DOMAIN] == 1 && a.facets[SEARCH_FACET_DOMAIN][0].n == 2);
	CHECK(search_engine_time("2025-01-02 03:04:05") == 20250102030405LL);
	CHECK(search_engine_time("2025-01-02") == 0);
	pool_free(p);
	search_engine_free(e);
}
