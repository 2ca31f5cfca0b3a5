/* Full-text search of a site's published notices (titles, content items, bodies), working on
 * Chinese text with no spaces between words. README.md "## Search" has the measurements behind
 * the design; in short:
 *
 * - The index is MariaDB's Mroonga engine: table search_docs (sql/004_search.sql), one row per
 *   published notice, FULLTEXT over title + items + body with Groonga's bigram tokenizer that
 *   splits every script (TokenBigramSplitSymbolAlphaDigit) and NormalizerAuto, so a term matches
 *   wherever it occurs as a substring (case- and width-insensitive), with no word segmentation.
 * - Mroonga does not take part in InnoDB transactions (storage mode writes at once and survive a
 *   rollback; wrapper mode's index is not rolled back either — measured). So the notice code
 *   never writes the index itself: search_mark() queues the notice in search_pending (InnoDB,
 *   inside the caller's transaction), and search_sync() brings search_docs up to date from the
 *   committed notices before every search. The index therefore reflects exactly what is
 *   committed, on the next request, whatever the caller's transaction did.
 *
 * The pure helpers (splitting the query, the Groonga query string, matching and highlighting)
 * do no I/O and are unit-tested in tests/unit/test_search.c. */
#ifndef XXGK_SEARCH_H
#define XXGK_SEARCH_H
#include "core/db.h"
#include "core/error.h"
#include "core/pool.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SEARCH_MAX_CHARS 100 /* characters in q */
#define SEARCH_MAX_TERMS 5
#define SEARCH_PAGE_SIZE 20
#define SEARCH_MAX_PAGES 50  /* bounded page numbers: results beyond 1,000 are counted, not listed */

struct search_term {
	const char *text;   /* as typed (full-width space and the like removed), NUL-terminated */
	uint32_t *cps;      /* folded code points, for matching */
	size_t ncps;
};

struct search_terms {
	struct search_term t[SEARCH_MAX_TERMS];
	size_t n;
};

enum search_split_result {
	SEARCH_OK,
	SEARCH_EMPTY,    /* nothing but spaces */
	SEARCH_TOO_LONG, /* more than SEARCH_MAX_CHARS characters */
	SEARCH_TOO_MANY, /* more than SEARCH_MAX_TERMS distinct terms */
};

/* Splits q (valid UTF-8) on ASCII white space and U+3000 ideographic space into distinct terms
 * (duplicates, compared folded, are dropped). All terms must match (AND). */
enum search_split_result search_split(struct pool *p, const char *q, struct search_terms *out);

/* Monotonic seconds: the time budgets of applying the queue (search page, xxgkctl search). */
double search_now(void);

/* The Mroonga boolean-mode query (Groonga query syntax with ALLOW_COLUMN): every term as a
 * required phrase, with '"' and '\' escaped, then the site as a column condition. Inside Groonga
 * the site filters the terms' matches (search_docs.site_id has no index, so it is never read as
 * a posting list of its own), and the count needs no rows. A bound parameter, never SQL text. */
const char *search_query_string(struct pool *p, long long site_id, const struct search_terms *t);

/* One Groonga `select`, run through Mroonga's mroonga_command() function, that returns a page of
 * matches and their count together (two passes over the matches by SQL: the page, then COUNT):
 * every term a phrase in Groonga query syntax ('"' and '\' escaped), the site a filter on the
 * matches, newest first, no fuzzy escalation when nothing matches, no Groonga result cache (the
 * index changes under it). The query is then one value on Groonga's command line, in double
 * quotes with '"' and '\' escaped again. A bound parameter, never SQL text. */
const char *search_groonga_select(struct pool *p, long long site_id, const struct search_terms *t, long long offset,
                                  long long limit);

/* Reads that select's answer, [[[total], [[name, type]], [id], [id], ...]]: the count of matches
 * and up to max notice ids in order. False when the answer has another shape. */
bool search_groonga_parse(const char *json, long long *total, long long *ids, size_t max, size_t *n);

/* Case folding used for matching, the part of NormalizerAuto that matters for highlighting:
 * ASCII letters to lower case, full-width ASCII (U+FF01..U+FF5E) to ASCII. */
uint32_t search_fold(uint32_t cp);

/* The first occurrence of any term in text[0..len): byte offsets [*start, *end). */
bool search_find(const char *text, size_t len, const struct search_terms *t, size_t *start, size_t *end);

/* A piece of text, marked when it is an occurrence of a term. Offsets are bytes into the text. */
struct search_span {
	size_t start, end;
	bool mark;
};

/* Splits text[0..len) into consecutive spans covering all of it; occurrences of the terms (the
 * longest term wins where several start at the same place; occurrences do not overlap) are the
 * marked spans. Returns the number of spans (at most 2 * occurrences + 1), from p. */
size_t search_highlight(struct pool *p, const char *text, size_t len, const struct search_terms *t,
                        struct search_span **out);

/* The window of text to show as a snippet: about `before` characters ahead of the first
 * occurrence (from the start of its line when that is near), `width` characters in all, never
 * cutting an occurrence or a UTF-8 sequence. With no occurrence, the start of the text. */
void search_snippet(const char *text, size_t len, const struct search_terms *t, size_t before, size_t width,
                    size_t *from, size_t *to);

/* Queues a notice for (re)indexing. A row in search_pending (InnoDB), written INSIDE the caller's
 * transaction: it exists only if the caller commits. Called by notice_store.c. */
enum xerr search_mark(struct db *db, long long notice_id);
/* The same for n notices in one statement (the bulk writer, notice_batch.c). */
enum xerr search_mark_many(struct db *db, const long long *notice_ids, size_t n);

/* Applies queued changes to search_docs from the committed notices: a published notice gets its
 * current text, anything else is removed. At most max notices; *done gets how many were applied,
 * *more whether some remain. Runs its own transaction (call it outside any other). */
enum xerr search_sync(struct db *db, struct pool *p, size_t max, size_t *done, bool *more);

/* search_sync in batches of `batch` notices, each with its own pool, until the queue is empty,
 * what is left is being applied by someone else, or budget_s seconds have passed (0: no limit).
 * Adds the notices applied to *applied; *more says whether some remain. Progress once a second
 * to out when it is not NULL. The search page, `xxgkctl search sync` and reindex all use it. */
enum xerr search_apply(struct db *db, size_t batch, double budget_s, FILE *out, long long *applied, bool *more);

/* Rebuilds search_docs for one site (site_id > 0) or all, from the notices, in batches; prints
 * progress to out when it is not NULL. Searches keep working meanwhile. */
enum xerr search_reindex(struct db *db, long long site_id, FILE *out, long long *indexed, long long *removed);

#endif
