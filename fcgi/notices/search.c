#include "notices/search.h"
#include "core/buf.h"
#include "core/text.h"
#include "notices/import_json_scan.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- Pure text helpers ------------------------------------------------------------------- */

/* Decodes the code point at s[i] (i < len). An invalid or truncated sequence counts as one
 * byte, U+FFFD, so scanning always advances and never reads past len. */
uint32_t search_decode(const char *s, size_t len, size_t i, size_t *next)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = len - i;
	unsigned char c = p[0];
	size_t n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
	if (n == 0 || n > left) {
		*next = i + 1;
		return 0xfffd;
	}
	uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1fu) : n == 3 ? (c & 0x0fu) : (c & 0x07u);
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			*next = i + 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[k] & 0x3fu);
	}
	*next = i + n;
	return cp;
}

uint32_t search_fold(uint32_t cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xfee0; /* full-width ASCII */
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x3000 ||
	       cp == 0xa0;
}

/* Whether a term's occurrences are exactly the places its bytes are: none of its code points is one
 * that search_fold maps another onto (ASCII: capitals and full-width forms fold there) or that
 * decode gives for bytes that are not its own (U+FFFD). Valid UTF-8 cannot match from inside
 * another character, so memmem then finds what the scan would. */
static bool found_by_bytes(const struct search_term *term)
{
	for (size_t k = 0; k < term->ncps; k++)
		if (term->cps[k] < 0x80 || term->cps[k] == 0xfffd)
			return false;
	return term->ncps > 0;
}

/* Whether a term is three or more CJK ideographs (the unified block and extension A) and nothing
 * else: each of its trigrams is then one in the text wherever the term occurs, so the trigram
 * index finds what the bigram index does (sql/101_search_trigrams.sql). A shorter term, or one
 * with another kind of character, is cut by the two tokenizers in ways that need not agree. */
bool search_han(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

static bool by_trigrams(const struct search_term *term)
{
	if (term->ncps < 3)
		return false;
	for (size_t k = 0; k < term->ncps; k++)
		if (!search_han(term->cps[k]))
			return false;
	return true;
}

enum search_split_result search_split(struct pool *p, const char *q, struct search_terms *out)
{
	memset(out, 0, sizeof *out);
	size_t len = strlen(q);
	if (utf8_chars(q) > SEARCH_MAX_CHARS)
		return SEARCH_TOO_LONG;
	uint32_t *cps = pool_alloc(p, (len + 1) * sizeof *cps);
	size_t i = 0;
	while (i < len) {
		size_t next;
		uint32_t cp = search_decode(q, len, i, &next);
		if (is_space(cp)) {
			i = next;
			continue;
		}
		/* One term: up to the next space. */
		size_t start = i, n = 0;
		while (i < len) {
			cp = search_decode(q, len, i, &next);
			if (is_space(cp))
				break;
			cps[n++] = search_fold(cp);
			i = next;
		}
		bool dup = false;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = out->t[k].ncps == n && memcmp(out->t[k].cps, cps, n * sizeof *cps) == 0;
		if (dup)
			continue;
		if (out->n == SEARCH_MAX_TERMS)
			return SEARCH_TOO_MANY;
		struct search_term *t = &out->t[out->n++];
		t->text = pool_strndup(p, q + start, i - start);
		t->len = i - start;
		t->cps = pool_alloc(p, n * sizeof *cps);
		memcpy(t->cps, cps, n * sizeof *cps);
		t->ncps = n;
		t->bytes = found_by_bytes(t);
		t->trigrams = by_trigrams(t);
	}
	return out->n == 0 ? SEARCH_EMPTY : SEARCH_OK;
}

void search_groonga_quote(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

const char *search_facet_key(struct pool *p, const char *domain, const char *issuer, const char *year)
{
	return pool_printf(p, "%s%c%s%c%s", domain, SEARCH_FACET_SEP, issuer, SEARCH_FACET_SEP, year);
}

/* The Groonga script filter: the site, the cutoff (search_groonga_select), then each filter asked. Strings are
 * script string literals (search_groonga_quote); dates are whole days. */
static void put_filter(struct buf *b, long long site_id, const struct search_filters *f, enum search_tier tier,
                       const char *cutoff)
{
	buf_printf(b, "site_id == %lld", site_id);
	if (cutoff != NULL && tier != SEARCH_TIER_ALL) {
		bool sample = tier == SEARCH_TIER_SAMPLE || tier == SEARCH_TIER_SPARSE;
		buf_puts(b, sample ? " && published_at < " : " && published_at >= ");
		search_groonga_quote(b, cutoff);
	}
	if (f->column != NULL) {
		buf_puts(b, " && (category_code == ");
		search_groonga_quote(b, f->column);
		buf_puts(b, " || category_code @^ ");
		struct buf sub;
		buf_init(&sub);
		buf_printf(&sub, "%s.", f->column);
		search_groonga_quote(b, buf_cstr(&sub));
		buf_free(&sub);
		buf_putc(b, ')');
	}
	if (f->issuer != NULL) {
		buf_puts(b, " && issuer == ");
		search_groonga_quote(b, f->issuer);
	}
	if (f->from != NULL)
		buf_printf(b, " && published_at >= \"%.10s 00:00:00\"", f->from);
	if (f->to != NULL)
		buf_printf(b, " && published_at <= \"%.10s 23:59:59\"", f->to);
}

static const char *const tier_tables[] = {"search_docs_tier1", "search_docs_tier2", "search_docs_tier3",
                                          "search_docs",       "search_docs_sample", "search_docs_sparse"};

const char *search_tier_table(enum search_tier tier)
{
	return tier_tables[tier];
}

/* The strings of an item [key, label, value] (NULL: not a string). */
static void read_item(struct jscan *s, struct pool *p, const char *part[3])
{
	struct jscan_walk w;
	part[0] = part[1] = part[2] = NULL;
	if (jscan_peek(s) != JSCAN_ARRAY) {
		jscan_skip(s);
		return;
	}
	jscan_array(s, &w);
	for (size_t k = 0; jscan_item(s, &w); k++) {
		size_t len;
		if (k < 3 && jscan_peek(s) == JSCAN_STRING)
			part[k] = jscan_string(s, p, &len);
		else
			jscan_skip(s);
	}
}

/* Each item as "label：value" on a line of its own, into b; nothing unless items_json is a whole
 * JSON document. Read by the import's scanner, which builds no tree: the search page reads twenty
 * notices' items on every request (bench/README.md "Search at a million: the facets by one key"). */
static void put_items(struct buf *b, struct pool *p, const char *items_json)
{
	struct jscan s;
	struct jscan_walk w;
	struct buf lines;
	buf_init(&lines);
	jscan_init(&s, items_json, strlen(items_json));
	if (jscan_peek(&s) == JSCAN_ARRAY && jscan_array(&s, &w))
		while (jscan_item(&s, &w)) {
			const char *part[3];
			read_item(&s, p, part);
			if (part[2] == NULL)
				continue;
			if (part[1] != NULL && *part[1]) {
				buf_puts(&lines, part[1]);
				buf_puts(&lines, "\xef\xbc\x9a"); /* ： */
			}
			buf_puts(&lines, part[2]);
			buf_putc(&lines, '\n');
		}
	if (jscan_finish(&s))
		buf_puts(b, buf_cstr(&lines));
	jscan_free(&s);
	buf_free(&lines);
}

void search_doc_rest(struct buf *b, struct pool *p, const char *items_json, const char *body, const char *issuer,
                     const char *columns)
{
	if (items_json != NULL)
		put_items(b, p, items_json);
	buf_puts(b, body ? body : "");
	buf_putc(b, '\n');
	buf_puts(b, issuer ? issuer : "");
	buf_putc(b, '\n');
	buf_puts(b, columns);
}

/* splitmix64's finaliser: not linear in the id (a multiplicative hash is, and then an id and the
 * same id plus a fixed distance are sampled together far more often than by chance). */
static uint64_t sample_hash(long long notice_id)
{
	uint64_t z = (uint64_t)notice_id;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

bool search_sampled(long long notice_id)
{
	return sample_hash(notice_id) % SEARCH_SAMPLE_EVERY == 0;
}

/* The same hash, so that a multiple of SEARCH_SPARSE_EVERY is one of SEARCH_SAMPLE_EVERY too. */
bool search_sparse(long long notice_id)
{
	_Static_assert(SEARCH_SPARSE_EVERY % SEARCH_SAMPLE_EVERY == 0, "the sparse sample is within the sample");
	return sample_hash(notice_id) % SEARCH_SPARSE_EVERY == 0;
}

bool search_in_tier(enum search_tier tier, long long notice_id, const char *published, const struct search_cutoffs *c)
{
	switch (tier) {
	case SEARCH_TIER_ALL:
		return true;
	case SEARCH_TIER_SAMPLE:
		return search_sampled(notice_id);
	case SEARCH_TIER_SPARSE:
		return search_sparse(notice_id);
	default:
		return c == NULL || c->at[tier] == NULL || strcmp(published, c->at[tier]) >= 0;
	}
}

long long search_tier_keep(enum search_tier tier, long long keep)
{
	for (int k = SEARCH_TIER_1; k < (int)tier; k++)
		keep *= 10;
	return keep;
}

/* The page's order and the facets, for a select that lists matches. */
static void put_page(struct buf *cmd, const struct search_filters *f, long long offset, long long limit)
{
	buf_printf(cmd, " --sort_keys %s --output_columns _key --offset %lld --limit %lld",
	           f->sort == SEARCH_SORT_RELEVANCE ? "-_score,-published_at,-_key" : "-published_at,-_key", offset, limit);
	/* Every group: the page adds them up per facet (search_groonga_parse). */
	buf_puts(cmd, " --drilldowns[facets].keys facet --drilldowns[facets].output_columns _key,_nsubrecs"
	              " --drilldowns[facets].limit -1");
}

/* The index a select matches by, as Groonga names it (the table's lexicon, table#index, and its
 * column `index`): content has two in a tier or a sample, and `--match_columns content` would leave
 * the choice to Groonga. Their trigrams when every term has them: a term of several Chinese
 * characters in nearly every notice (中心, 人民) is one bigram of it but not one trigram, so
 * Groonga reads far fewer postings for it (bench/README.md "Search at a million: trigrams").
 * search_docs has bigrams only: a search reads it when the tiers hold too few matches. */
static void put_match_columns(struct buf *cmd, const struct search_terms *t, enum search_tier tier)
{
	bool trigrams = tier != SEARCH_TIER_ALL;
	for (size_t i = 0; i < t->n && trigrams; i++)
		trigrams = t->t[i].trigrams;
	buf_printf(cmd, " --match_columns %s#%s.index", search_tier_table(tier), trigrams ? SEARCH_TRIGRAM_INDEX : SEARCH_BIGRAM_INDEX);
}

const char *search_groonga_select(struct pool *p, long long site_id, const struct search_terms *t,
                                  const struct search_filters *f, enum search_tier tier, const char *cutoff,
                                  long long offset, long long limit)
{
	struct buf query, filter, cmd;
	buf_init(&query);
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			buf_putc(&query, ' '); /* terms side by side: all required */
		search_groonga_quote(&query, t->t[i].text);
	}
	buf_init(&filter);
	put_filter(&filter, site_id, f, tier, cutoff);
	buf_init(&cmd);
	buf_puts(&cmd, "select --table ");
	buf_puts(&cmd, search_tier_table(tier));
	put_match_columns(&cmd, t, tier);
	buf_puts(&cmd, " --query ");
	search_groonga_quote(&cmd, buf_cstr(&query));
	buf_puts(&cmd, " --filter ");
	search_groonga_quote(&cmd, buf_cstr(&filter));
	if (limit > 0)
		put_page(&cmd, f, offset, limit);
	else
		buf_puts(&cmd, " --output_columns _key --limit 0");
	buf_puts(&cmd, " --match_escalation_threshold -1 --cache no");
	const char *r = pool_strdup(p, buf_cstr(&cmd));
	buf_free(&query);
	buf_free(&filter);
	buf_free(&cmd);
	return r;
}

/* n rounded to two significant digits (4,736 -> 4,700; 47 -> 47). */
static long long two_digits(long long n)
{
	long long unit = 1;
	while (n / unit >= 100)
		unit *= 10;
	return (n + unit / 2) / unit * unit;
}

long long search_estimate(long long m, long long sampled, long long every)
{
	long long r = two_digits(m + every * sampled);
	return r < m ? m : r;
}

/* A facet value's matches in one group: (kind, value) pairs are sorted to add them up. */
struct facet_part {
	int kind;
	const char *key;
	long long n;
};

static int by_kind_and_key(const void *a, const void *b)
{
	const struct facet_part *x = a, *y = b;
	return x->kind != y->kind ? x->kind - y->kind : strcmp(x->key, y->key);
}

static int by_count(const void *a, const void *b)
{
	const struct search_facet *x = a, *y = b;
	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->key, y->key);
}

/* A group's key split at SEARCH_FACET_SEP into its domain, body and year (parts[0..3), from p);
 * false when it has not three parts. */
static bool split_key(struct pool *p, const char *key, long long n, struct facet_part *parts)
{
	for (int k = 0; k < SEARCH_FACET__N; k++) {
		const char *end = k < SEARCH_FACET__N - 1 ? strchr(key, SEARCH_FACET_SEP) : key + strlen(key);
		if (end == NULL || (k == SEARCH_FACET__N - 1 && strchr(key, SEARCH_FACET_SEP)))
			return false;
		parts[k] = (struct facet_part){k, pool_strndup(p, key, (size_t)(end - key)), n};
		key = end + (k < SEARCH_FACET__N - 1);
	}
	return true;
}

/* Each facet's values from the sorted parts[0..n): equal values added up, the most matches first. */
static void put_facets_of(struct pool *p, struct facet_part *parts, size_t n, struct search_answer *a)
{
	for (int k = 0; k < SEARCH_FACET__N; k++)
		a->facets[k] = pool_alloc(p, (n + 1) * sizeof *a->facets[k]);
	for (size_t i = 0; i < n; i++) {
		struct search_facet *f = a->facets[parts[i].kind];
		size_t *m = &a->nfacets[parts[i].kind];
		if (*m > 0 && strcmp(f[*m - 1].key, parts[i].key) == 0)
			f[*m - 1].n += parts[i].n;
		else
			f[(*m)++] = (struct search_facet){parts[i].key, parts[i].n};
	}
	for (int k = 0; k < SEARCH_FACET__N; k++) {
		qsort(a->facets[k], a->nfacets[k], sizeof *a->facets[k], by_count);
		if (a->nfacets[k] > SEARCH_FACET_MAX)
			a->nfacets[k] = SEARCH_FACET_MAX;
	}
}

void search_facets_count(struct pool *p, const char *const *keys, const long long *counts, size_t n,
                         struct search_answer *a)
{
	struct facet_part *parts = pool_alloc(p, (n * SEARCH_FACET__N + 1) * sizeof *parts);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (split_key(p, keys[i], counts[i], parts + m))
			m += SEARCH_FACET__N;
	qsort(parts, m, sizeof *parts, by_kind_and_key);
	put_facets_of(p, parts, m, a);
}

/* The drilldown's answer, [[n], [[name, type]...], [facet key, count]...], added up per facet. */
static bool parse_facets(struct pool *p, json_t *d, struct search_answer *a)
{
	if (d == NULL)
		return true; /* not asked */
	if (!json_is_array(d) || json_array_size(d) < 2)
		return false;
	size_t groups = json_array_size(d) - 2;
	const char **keys = pool_alloc(p, (groups + 1) * sizeof *keys);
	long long *counts = pool_alloc(p, (groups + 1) * sizeof *counts);
	for (size_t i = 0; i < groups; i++) {
		json_t *row = json_array_get(d, i + 2);
		json_t *key = json_array_get(row, 0), *count = json_array_get(row, 1);
		if (!json_is_array(row) || json_array_size(row) != 2 || !json_is_string(key) || !json_is_integer(count))
			return false;
		keys[i] = pool_strdup(p, json_string_value(key));
		counts[i] = json_integer_value(count);
	}
	search_facets_count(p, keys, counts, groups, a);
	return true;
}

/* The matches: [[total], [[column, type]...], [id]...]. */
static bool parse_matches(json_t *result, struct search_answer *a)
{
	json_t *count = json_array_get(json_array_get(result, 0), 0);
	if (!json_is_array(result) || json_array_size(result) < 2 || !json_is_integer(count) ||
	    json_integer_value(count) < 0)
		return false;
	for (size_t i = 2; i < json_array_size(result); i++) {
		json_t *row = json_array_get(result, i);
		json_t *id = json_array_get(row, 0);
		if (!json_is_array(row) || json_array_size(row) != 1 || !json_is_integer(id) || json_integer_value(id) <= 0 ||
		    a->n == SEARCH_PAGE_SIZE)
			return false;
		a->ids[a->n++] = json_integer_value(id);
	}
	a->total = json_integer_value(count);
	return true;
}

bool search_groonga_parse(struct pool *p, const char *json, struct search_answer *a)
{
	memset(a, 0, sizeof *a);
	json_t *root = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
	/* root: [matches] or [matches, {label: drilldown...}] */
	json_t *facets = json_array_get(root, 1);
	bool ok = json_is_array(root) && json_array_size(root) >= 1 && json_array_size(root) <= 2 &&
	          (facets == NULL || json_is_object(facets)) && parse_matches(json_array_get(root, 0), a) &&
	          parse_facets(p, json_object_get(facets, "facets"), a);
	json_decref(root);
	if (!ok)
		memset(a, 0, sizeof *a);
	return ok;
}

/* The end (byte offset) of an occurrence of term at text[i], or 0. */
static size_t match_at(const char *text, size_t len, size_t i, const struct search_term *term)
{
	size_t k = 0;
	while (k < term->ncps) {
		if (i >= len)
			return 0;
		size_t next;
		if (search_fold(search_decode(text, len, i, &next)) != term->cps[k])
			return 0;
		i = next;
		k++;
	}
	return k > 0 ? i : 0;
}

/* The longest occurrence of any term starting at text[i]: its end, or 0. */
static size_t longest_at(const char *text, size_t len, size_t i, const struct search_terms *t)
{
	size_t best = 0;
	for (size_t k = 0; k < t->n; k++) {
		size_t end = match_at(text, len, i, &t->t[k]);
		if (end > best)
			best = end;
	}
	return best;
}

/* search_find when every term is found by its bytes: the first occurrence of each by memmem (a
 * page's twenty texts would otherwise be decoded a character at a time to their end for a term
 * that is only in a title). */
static bool find_by_bytes(const char *text, size_t len, const struct search_terms *t, size_t *start, size_t *end)
{
	const char *first = NULL;
	for (size_t k = 0; k < t->n; k++) {
		size_t in = first ? (size_t)(first - text) + t->t[k].len - 1 : len;
		const char *at = memmem(text, in < len ? in : len, t->t[k].text, t->t[k].len);
		if (at != NULL && (first == NULL || at < first))
			first = at;
	}
	if (first == NULL)
		return false;
	*start = (size_t)(first - text);
	*end = longest_at(text, len, *start, t);
	return true;
}

bool search_find(const char *text, size_t len, const struct search_terms *t, size_t *start, size_t *end)
{
	bool bytes = true;
	for (size_t k = 0; k < t->n && bytes; k++)
		bytes = t->t[k].bytes;
	if (bytes)
		return find_by_bytes(text, len, t, start, end);
	for (size_t i = 0; i < len;) {
		size_t e = longest_at(text, len, i, t);
		if (e > 0) {
			*start = i;
			*end = e;
			return true;
		}
		size_t next;
		search_decode(text, len, i, &next);
		i = next;
	}
	return false;
}

size_t search_highlight(struct pool *p, const char *text, size_t len, const struct search_terms *t,
                        struct search_span **out)
{
	/* Two passes over the same greedy scan: count, then fill. Each occurrence is the first one
	 * after the last (search_find: by its bytes where it can be). */
	struct search_span *spans = NULL;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t count = 0, plain = 0, s, e;
		for (size_t i = 0; i < len && search_find(text + i, len - i, t, &s, &e); i = plain = i + e) {
			if (s > 0) {
				if (spans)
					spans[count] = (struct search_span){plain, i + s, false};
				count++;
			}
			if (spans)
				spans[count] = (struct search_span){i + s, i + e, true};
			count++;
		}
		if (len > plain) {
			if (spans)
				spans[count] = (struct search_span){plain, len, false};
			count++;
		}
		if (pass == 0)
			spans = pool_alloc(p, (count + 1) * sizeof *spans);
		n = count;
	}
	*out = spans;
	return n;
}

/* The end of a snippet [f, e) that cuts no occurrence: occurrences found from f on by the same
 * greedy scan the highlighter follows (search_find, by memmem where it can), each that starts
 * before e moving e to its end. Each search reads no further than an occurrence starting before e
 * can reach: four bytes a code point of the longest term (a folded character may take more bytes
 * than the term's own). */
static size_t window_end(const char *text, size_t len, const struct search_terms *t, size_t f, size_t e)
{
	size_t longest = 0;
	for (size_t k = 0; k < t->n; k++)
		if (t->t[k].ncps > longest)
			longest = t->t[k].ncps;
	for (size_t i = f, s, end; i < e; i += end) {
		size_t reach = e + 4 * longest < len ? e + 4 * longest : len;
		if (!search_find(text + i, reach - i, t, &s, &end) || i + s >= e || end <= s)
			break; /* (an occurrence is never empty: the last test only keeps the loop finite) */
		if (i + end > e)
			e = i + end;
	}
	return e;
}

void search_snippet(const char *text, size_t len, const struct search_terms *t, size_t before, size_t width,
                    size_t *from, size_t *to)
{
	size_t ms = 0, me = 0, f = 0;
	if (search_find(text, len, t, &ms, &me)) {
		/* Back up to `before` characters, or to the start of the line if that comes first. */
		f = ms;
		for (size_t k = 0; k < before && f > 0; k++) {
			size_t g = f - 1;
			while (g > 0 && ((unsigned char)text[g] & 0xc0) == 0x80)
				g--;
			if (text[g] == '\n')
				break;
			f = g;
		}
	}
	size_t e = f;
	for (size_t k = 0; k < width && e < len; k++) {
		size_t next;
		search_decode(text, len, e, &next);
		e = next;
	}
	if (e < me)
		e = me;
	*from = f;
	*to = window_end(text, len, t, f, e);
}

