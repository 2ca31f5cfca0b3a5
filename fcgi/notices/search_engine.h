/* An index of one site's newest notices and samples held in memory: trigrams of Chinese
 * characters, each with the notices it occurs in, newest first. It answers the selects of the
 * ladder (search_ladder.c) that Groonga answers with trigrams, for terms of three Chinese
 * characters or more: the same matches, order, counts and facets, for a small part of the CPU
 * (bench/README.md "Search at a million: an index in the workers"). Pure: no I/O, no locks; a
 * built index is read by many threads at once and never changed (search_memory.c keeps them).
 *
 * What it finds is what Groonga's trigram index finds: a term wherever its characters stand
 * together in the text, folded as NormalizerAuto folds CJK (radicals and compatibility
 * ideographs to the unified ones, search_cjk_fold.c); any other character, a line break or a
 * space between them parts them. Each notice keeps that folded text of its Chinese characters, so
 * a candidate found by the trigrams is checked against it. */
#ifndef XXGK_SEARCH_ENGINE_H
#define XXGK_SEARCH_ENGINE_H
#include "core/pool.h"
#include "notices/search.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct search_cjk_fold {
	uint32_t cp;
	const char *to; /* UTF-8 */
};
extern const struct search_cjk_fold search_cjk_folds[];
extern const size_t search_cjk_nfolds;

/* The tables of the ladder a notice is in (search.h): the third tier (which holds the first two),
 * the sample and the sparse sample. */
enum { SEARCH_PART_TIER = 1, SEARCH_PART_SAMPLE = 2, SEARCH_PART_SPARSE = 4 };

/* One notice as the tables hold it. published is YYYYMMDDhhmmss as a number. */
struct search_engine_doc {
	long long id;
	long long published;
	unsigned parts;
	const char *category; /* category_code */
	const char *issuer;
	const char *facet;    /* the facet key (search_facet_key) */
	const char *content;  /* the indexed text */
};

struct search_engine;

/* An index of docs[0..n) (copied: the docs may be freed after). NULL when n is 0. */
struct search_engine *search_engine_build(const struct search_engine_doc *docs, size_t n);
void search_engine_free(struct search_engine *e);
/* What it holds, in bytes. */
size_t search_engine_bytes(const struct search_engine *e);
size_t search_engine_docs(const struct search_engine *e);

/* The notices of the index taken out of it since it was built (changed or gone: a changed one is
 * in the overlay with its new text), as a bit per notice, and the overlay: the notices added or
 * changed since, few, checked one by one. Read-only once made; made by search_engine_overlay. */
struct search_overlay;
/* The overlay `before` (NULL: none) with the notices ids[0..nids) taken out of the index and out of
 * before, and docs[0..n) (notices of those ids still in a table) added: what the tables hold after
 * the changes of those notices. */
struct search_overlay *search_engine_overlay(const struct search_engine *e, const struct search_overlay *before,
                                             const long long *ids, size_t nids, const struct search_engine_doc *docs,
                                             size_t n);
void search_overlay_free(struct search_overlay *o);
size_t search_overlay_docs(const struct search_overlay *o);

/* Which notices a select asks for. */
struct search_engine_query {
	const struct search_terms *t;      /* every term by_trigrams (search_term.trigrams) */
	const struct search_filters *f;    /* sort by date only */
	unsigned part;                     /* SEARCH_PART_* */
	long long since;                   /* published at or after (0: no bound) */
	long long before;                  /* published before (0: no bound) */
};

/* The select search_groonga_select would make of the query: with limit, the page [offset,
 * offset + limit) newest first, the count and the facets; with limit 0 the count alone. From p. */
void search_engine_select(const struct search_engine *e, const struct search_overlay *o,
                          const struct search_engine_query *q, long long offset, long long limit, struct pool *p,
                          struct search_answer *a);

/* 'YYYY-MM-DD hh:mm:ss' as YYYYMMDDhhmmss; 0 when s is not of that form. */
long long search_engine_time(const char *s);

#endif
