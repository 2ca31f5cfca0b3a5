/* Full-text search of a site's published notices (titles, content items, bodies), working on
 * Chinese text with no spaces between words. README.md "## Search" has the measurements behind
 * the design; in short:
 *
 * - The index is MariaDB's Mroonga engine: table search_docs (sql/035_search_ladder.sql), one row
 *   per published notice, FULLTEXT over its text with Groonga's bigram tokenizer and
 *   NormalizerAuto, so a Chinese term matches wherever it occurs as a substring (case- and
 *   width-insensitive), with no word segmentation; digits and Latin letters as whole words.
 * - The same text is indexed again in tiers of each site's newest notices and in a sample of one
 *   notice in 64: a newest-first search reads the smallest tier that holds its page and estimates
 *   the rest of its count from the sample (search_ladder.c). There it has trigrams too, read for
 *   terms of three Chinese characters or more (sql/101_search_trigrams.sql).
 * - Mroonga does not take part in InnoDB transactions (storage mode writes at once and survive a
 *   rollback; wrapper mode's index is not rolled back either, as tried), and Galera replicates
 *   its tables' definitions but not their rows: every node of a cluster keeps its own index. So
 *   the notice code never writes the index itself: search_mark() logs the notice in search_log
 *   (InnoDB, replicated, inside the caller's transaction, numbered per site in commit order), and
 *   each node applies the log to its own index after its own mark (search_marks, a Mroonga table:
 *   per node, never replicated) before every search, and every [search] apply_ms in the workers.
 *   The index therefore reflects exactly what is committed, on the next request, on every node.
 *
 * The pure helpers (splitting the query, the Groonga query string, matching and highlighting)
 * do no I/O and are unit-tested in tests/unit/test_search.c. */
#ifndef XXGK_SEARCH_H
#define XXGK_SEARCH_H
#include "core/buf.h"
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
	size_t len;         /* bytes of text */
	bool bytes;         /* found where its bytes are (no code point that folding maps others onto) */
	bool trigrams;      /* three or more Chinese characters and nothing else: found by trigrams too */
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

/* s with '"' and '\\' escaped by a backslash, in double quotes: a phrase in Groonga's query
 * syntax, a string in its script syntax, and a value on its command line. */
void search_groonga_quote(struct buf *b, const char *s);

/* What a search asks besides its terms: all optional, all typed and checked by the page. */
enum search_sort { SEARCH_SORT_DATE, SEARCH_SORT_RELEVANCE };
struct search_filters {
	const char *column;   /* a domain or category code of the site's catalog: it and its sub-categories */
	const char *issuer;   /* the issuing body, exactly */
	const char *from, *to; /* publication dates YYYY-MM-DD, both days included */
	enum search_sort sort;
};

/* The tables a select may read, each with a full-text index of its notices' `content`
 * (sql/035_search_ladder.sql, 099_search_parts.sql). The ladder, smallest first: the first three
 * hold each site's notices published on or after the site's cutoff for that tier (its newest
 * SEARCH_TIER_KEEP, 10 and 100 times as many, up to twice that before `xxgkctl search sync` moves
 * the cutoff; every notice of a site with fewer), search_docs every notice. A newest-first search
 * reads them in turn (search_ladder.c). Beside them the sample, one notice in SEARCH_SAMPLE_EVERY
 * (search_sampled), where the matches older than a tier are counted, and the sparse sample, one in
 * SEARCH_SPARSE_EVERY of those (search_sparse), where they are counted for a term the first tier
 * shows to be dense. Tables of their own, not columns of search_docs: what a select costs Groonga
 * grows with the table it reads, not only with its matches. */
enum search_tier {
	SEARCH_TIER_1,
	SEARCH_TIER_2,
	SEARCH_TIER_3,
	SEARCH_TIER_ALL,
	SEARCH_TIER_SAMPLE,
	SEARCH_TIER_SPARSE,
	SEARCH_TIER__N
};
#define SEARCH_PARTIAL_TIERS 3 /* the tiers before SEARCH_TIER_ALL, which have cutoffs */
#define SEARCH_SAMPLE_EVERY 64
#define SEARCH_SPARSE_EVERY 1024
/* A term is dense when the first tier (1,250 to 2,500 notices by default) has at least this many
 * matches (2 to 4 in 100 notices or more): the older ones are counted in the sparse sample first, ... */
#define SEARCH_DENSE_FIRST 40
/* ... and that count is taken when it has at least this many (a relative error of about
 * 1/sqrt(n), under a fifth); else they are counted again in the sample. */
#define SEARCH_SPARSE_MIN 32

/* The text a notice is found by, after its title's line (the index's `content` is the title, a
 * newline, then this): each item as "label：value" (items_json: [[key, label, value]...]), the
 * body, the issuing body and the names of its columns (columns: one per line), a line each; the
 * items' strings are read into p. The search page takes its snippets from it, with no column
 * names. */
void search_doc_rest(struct buf *b, struct pool *p, const char *items_json, const char *body, const char *issuer,
                     const char *columns);

/* The table of a tier: "search_docs_tier1" ... "search_docs", "search_docs_sample", "search_docs_sparse". */
const char *search_tier_table(enum search_tier tier);
struct search_cutoffs;
/* Whether the notice notice_id, published at `published` (YYYY-MM-DD hh:mm:ss), belongs in tier's
 * table under its site's cutoffs c (NULL, or no cutoff for the tier: every notice is in it). */
bool search_in_tier(enum search_tier tier, long long notice_id, const char *published, const struct search_cutoffs *c);
/* Takes the notices ids[0..n) out of tier's table (search_index.c). */
enum xerr search_tier_drop(struct db *db, enum search_tier tier, const long long *ids, size_t n);
/* Whether a notice is in the sample: one in SEARCH_SAMPLE_EVERY, by a hash of its id, so that
 * neither consecutive ids nor ids a fixed distance apart fall in it together. */
bool search_sampled(long long notice_id);
/* Whether it is in the sparse sample: one in SEARCH_SPARSE_EVERY by the same hash, all of them
 * in the sample too. */
bool search_sparse(long long notice_id);

/* The full-text indexes' options (a COMMENT of sql/035_search_ladder.sql and of the rebuild):
 * bigrams for Chinese, symbols split into bigrams too, runs of digits and of Latin letters kept
 * whole (a telephone number is then one token, not eleven bigrams in nearly every notice). */
#define SEARCH_FULLTEXT_OPTIONS "'tokenizer \"TokenBigramSplitSymbol\", normalizer \"NormalizerAuto\"'"
/* The tiers' and the samples' second full-text index (sql/101_search_trigrams.sql): trigrams,
 * read for a search whose every term has three Chinese characters or more (search_groonga_select). */
#define SEARCH_TRIGRAM_OPTIONS "'tokenizer \"TokenTrigram\", normalizer \"NormalizerAuto\"'"
/* The two indexes' names, as the rebuild declares them and a select names them. */
#define SEARCH_BIGRAM_INDEX "ft_content"
#define SEARCH_TRIGRAM_INDEX "ft_trigram"

/* Results beyond this are not counted: the page says "1,000+" (and lists no more). */
#define SEARCH_COUNT_MAX 1000
/* By default a site keeps at least this many of its newest notices in the first tier (10 and 100
 * times as many in the second and third), and at most twice as many before `xxgkctl search sync`
 * moves the tier's cutoff (search_tiers_roll); a site with fewer than twice as many has all of
 * them there. More than SEARCH_COUNT_MAX, so that a word in every notice settles "1,000+" in the
 * first tier. `--tier-keep` changes it. */
#define SEARCH_TIER_KEEP 1250
/* How many of a site's newest notices tier `tier` keeps when the first keeps `keep`. */
long long search_tier_keep(enum search_tier tier, long long keep);
/* Facet values a page shows per facet, the most matches first. */
#define SEARCH_FACET_MAX 30
/* The key of a notice's facets in search_facets, which the index's column `facet` refers to: its
 * domain, issuing body and year joined by U+001F (a control character no code, body or year has),
 * from p. A select counts the matches by it in one drilldown (sql/100_search_facets.sql). */
#define SEARCH_FACET_SEP '\x1f'
const char *search_facet_key(struct pool *p, const char *domain, const char *issuer, const char *year);

/* One Groonga `select`, run through Mroonga's mroonga_command() function: every term a phrase in
 * Groonga query syntax ('"' and '\\' escaped) against the tier's index; the site, the cutoff and
 * the filters a Groonga script filter on the matches (strings in it escaped likewise); no fuzzy
 * escalation when nothing matches, no Groonga result cache (the index changes under it). The
 * cutoff (NULL: none) keeps a partial tier's notices published on or after it, and the sample's
 * published before it; `content` has none. With a limit, a page of matches sorted newest first or
 * by score, their count and the counts per domain, issuing body and year; with limit 0, the count
 * alone (no order, no facets). The query and the filter are then values on Groonga's command
 * line, in double quotes with '"' and '\\' escaped again. A bound parameter, never SQL text. */
const char *search_groonga_select(struct pool *p, long long site_id, const struct search_terms *t,
                                  const struct search_filters *f, enum search_tier tier, const char *cutoff,
                                  long long offset, long long limit);

/* The estimated matches of a search whose page was found in a partial tier with m matches there,
 * and with `sampled` matches before that tier's cutoff in a sample of one notice in `every`:
 * m + every x sampled, rounded to two significant digits, never below m. */
long long search_estimate(long long m, long long sampled, long long every);

/* A facet value and its number of matches. */
struct search_facet {
	const char *key;
	long long n;
};
enum search_facet_kind { SEARCH_FACET_DOMAIN, SEARCH_FACET_ISSUER, SEARCH_FACET_YEAR, SEARCH_FACET__N };
struct search_answer {
	long long total;                  /* matches (of the tier asked) */
	long long ids[SEARCH_PAGE_SIZE];  /* this page's notice ids, in order */
	size_t n;
	struct search_facet *facets[SEARCH_FACET__N];
	size_t nfacets[SEARCH_FACET__N];
	bool capped;                      /* more than SEARCH_COUNT_MAX: total is a lower bound */
	bool estimated;                   /* total is search_estimate()'s, not a count */
	bool partial;                     /* the facets count only the matches of a partial tier */
	enum search_tier tier;            /* where the page was found */
	bool copied;                      /* the worker's copy of the tiers answered (search_memory.h) */
};

/* Reads that select's answer, [[[total], [[name, type]], [id], ...], {"facets": [[n], cols,
 * [facet key, count]...]}], the groups added up per domain, issuing body and year, each sorted by
 * count (most first) then value, and cut at SEARCH_FACET_MAX. False when the answer has another
 * shape; a group whose key is not a facet key (a notice indexed before 100) is left out. */
bool search_groonga_parse(struct pool *p, const char *json, struct search_answer *a);

/* The same from keys[0..n) (facet keys) and their counts: the in-memory index's drilldown. */
void search_facets_count(struct pool *p, const char *const *keys, const long long *counts, size_t n,
                         struct search_answer *a);

/* The code point at s[i] of s[0..len) and *next past it; U+FFFD (and *next = i + 1) for a byte
 * that starts no valid UTF-8 sequence. */
uint32_t search_decode(const char *s, size_t len, size_t i, size_t *next);
/* Whether cp is a CJK ideograph of the unified block or extension A: what a term of trigrams is
 * made of (search_term.trigrams), and what the workers' copy of the tiers keeps. */
bool search_han(uint32_t cp);

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

/* ---- The index (search_index.c) ----------------------------------------------------------
 * What a notice is found by (search_doc_text): its title, every item as "label：value" in the
 * site's variant wording, its body, its issuing body and the names of the columns it is in
 * (domain and categories, outermost first), one per line, the title first. */
struct app;

/* Logs a notice for (re)indexing: a row in search_log (InnoDB), written INSIDE the caller's
 * transaction, that exists only if the caller commits; every node applies it to its own index.
 * Called by notice_store.c. */
enum xerr search_mark(struct db *db, long long notice_id);
/* The same for n notices of one site in two statements (the bulk writer, notice_batch.c). */
enum xerr search_mark_many(struct db *db, long long site_id, const long long *notice_ids, size_t n);

/* Where this node's index of a site stands in the log: every entry up to (seq, notice_id) applied
 * ({-1, -1}: none). */
struct search_mark {
	long long seq, notice_id;
};
/* The notice_id of a mark whose seq is applied whole. */
#define SEARCH_MARK_WHOLE 9223372036854775807LL

/* What a search asks before its first select, in one statement: whether this node's index is
 * behind the log (some site's head past its mark: search_apply has work), the site's mark and its
 * cutoffs on this node (as search_cutoffs_read). */
struct search_cutoffs;
enum xerr search_prepare(struct db *db, struct pool *p, long long site_id, bool *behind, struct search_mark *mark,
                         struct search_cutoffs *c);

/* Applies the log after this node's marks to this node's search_docs, from the committed
 * notices: a published notice gets its current text, anything else is removed. At most max
 * entries; *done gets how many were applied, *more whether some remain (or another applier of
 * this node holds the turn). Runs its own transaction (call it outside any other). */
enum xerr search_sync(struct db *db, struct pool *p, const struct app *app, size_t max, size_t *done, bool *more);

/* search_sync in batches of `batch` entries, each with its own pool, until this node is caught
 * up, another applier of the node holds the turn, or budget_s seconds have passed (0: no limit).
 * Adds the entries applied to *applied; *more says whether some remain. Progress once a second
 * to out when it is not NULL. The search page, the workers' applier, `xxgkctl search sync`. */
enum xerr search_apply(struct db *db, const struct app *app, size_t batch, double budget_s, FILE *out,
                       long long *applied, bool *more);

/* The log keeps SEARCH_LOG_DAYS of changes: a node away longer must rebuild its index (a state
 * transfer from another node copies that node's index with it). */
#define SEARCH_LOG_DAYS 7
/* Deletes the log's entries older than days, noting per site the last seq deleted. */
enum xerr search_log_prune(struct db *db, int days, long long *pruned);

/* How far this node's index is behind the log. */
struct search_lag {
	long long entries;    /* log entries not yet applied here */
	long long oldest_s;   /* the age of the oldest of them, seconds */
	long long sites_lost; /* sites whose entries this node needs were pruned: reindex it */
};
enum xerr search_node_lag(struct db *db, struct pool *p, struct search_lag *out);

/* ---- The tiers (search_tiers.c) ---------------------------------------------------------- */
/* The tiers are each node's own, like its index: their cutoffs are in search_tiers, a Mroonga
 * table (never replicated, copied with the index by a state transfer), so that on every node they
 * say what that node's tiers hold, however far its rolls and rebuilds are from the others'. */

/* A site's cutoffs on this node: tier k holds the site's notices published on or after at[k]
 * ('YYYY-MM-DD HH:MM:SS'; NULL: every notice of the site). */
struct search_cutoffs {
	const char *at[SEARCH_PARTIAL_TIERS];
};
/* A site's cutoffs as they are (strings from p). */
enum xerr search_cutoffs_read(struct db *db, struct pool *p, long long site_id, struct search_cutoffs *c);

/* Every site's cutoffs for a rebuild. */
struct search_site_cutoffs {
	long long site_id;
	struct search_cutoffs c;
};
/* The cutoffs every site should have with `keep` (search_tiers_roll's rule, from the start), from p. */
enum xerr search_cutoffs_plan(struct db *db, struct pool *p, long long keep, struct search_site_cutoffs **out,
                              size_t *n);
/* Sets every site's cutoffs to those planned; with widen, keeps the later of the planned and the
 * current one of each tier (true of the index before a rebuild's swap and of the new one alike). */
enum xerr search_cutoffs_save(struct db *db, const struct search_site_cutoffs *c, size_t n, bool widen);
/* The planned cutoffs of a site; NULL when it has none. */
const struct search_cutoffs *search_cutoffs_of(const struct search_site_cutoffs *c, size_t n, long long site_id);

/* On this node: moves the cutoff of every tier of every site (or of the site site_key) that holds
 * more than twice its keep (search_tier_keep) up to its keep newest, and empties the tier below
 * it. *moved gets the number of notices taken out. */
enum xerr search_tiers_roll(struct db *db, long long keep, const char *site_key, FILE *out, long long *moved);

/* Rebuilds this node's index in bulk from the notices: six new tables (search_docs, the tiers', the
 * samples') are filled through Groonga's `load` with their full-text indexes built once at the end,
 * then swapped in by one RENAME TABLE, so searches read the old index until the new one is
 * complete; the node's cutoffs are then those it was built for, and its marks say the log was
 * applied up to where the load started. On a Galera node the tables' DDL is kept to this node (the
 * other nodes' indexes are theirs): run it on each node that needs it. Prints progress to out when
 * not NULL. */
enum xerr search_reindex(struct db *db, const struct app *app, long long keep, FILE *out, long long *indexed);

/* A search (search_ladder.c). Newest first, the tiers in turn, smallest first, until one holds the
 * page; its count is exact when the tier holds every notice the search may find, "1,000+" beyond
 * SEARCH_COUNT_MAX, else estimated with the sample (the page says so). By relevance, the smallest
 * tier that holds every notice the search may find. c: the site's cutoffs (search_prepare); copy
 * (NULL: none) the worker's copy of the site's tiers, which answers the selects it can
 * (search_memory.h). */
struct search_copy;
enum xerr search_run(struct db *db, struct pool *p, long long site_id, const struct search_cutoffs *c,
                     const struct search_copy *copy, const struct search_terms *t, const struct search_filters *f,
                     long long offset, struct search_answer *a);

#endif
