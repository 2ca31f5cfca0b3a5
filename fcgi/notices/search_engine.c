/* The in-memory trigram index (search_engine.h). Notices are numbered newest first (published,
 * then id, both descending: the page's order), so a posting list is in the page's order, a tier's
 * notices are a prefix of the numbers and a sample's older ones a suffix. A select intersects, for
 * each term, the lists of its two rarest trigrams, from the shortest, by galloping, and checks each
 * candidate's folded text for every term. */
#include "notices/search_engine.h"
#include <stdlib.h>
#include <string.h>

#define SEP '\x01' /* what stands for any run of characters that are not Chinese in the folded text */

struct slot {
	uint64_t key; /* the three characters, 16 bits each; 0: empty */
	uint32_t start, len;
	uint32_t last; /* the last notice counted + 1, while building */
};

struct search_engine {
	size_t n;
	long long *id, *published;
	unsigned char *parts;
	uint32_t *facet;             /* index into facets */
	size_t *text, *category, *issuer; /* offsets into chars */
	char *chars;
	size_t nchars;
	char **facets;
	size_t nfacets;
	struct slot *tab;
	size_t cap;
	uint32_t *post;
	size_t npost;
	long long *by_id;  /* ids sorted, with ... */
	uint32_t *id_num;  /* ... their numbers */
};

struct search_overlay {
	uint64_t *gone;  /* a bit per number of the index */
	struct search_engine *added; /* NULL: none */
	long long *ids;  /* every id changed since the index was built, sorted */
	size_t nids;
};

static const char *fold_of(uint32_t cp)
{
	size_t lo = 0, hi = search_cjk_nfolds;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (search_cjk_folds[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < search_cjk_nfolds && search_cjk_folds[lo].cp == cp ? search_cjk_folds[lo].to : NULL;
}

struct chars {
	char *s;
	size_t n, cap;
};

static void put(struct chars *c, const char *s, size_t n)
{
	if (c->n + n + 1 > c->cap) {
		c->cap = (c->n + n + 1) * 2;
		c->s = realloc(c->s, c->cap);
		if (c->s == NULL)
			abort();
	}
	memcpy(c->s + c->n, s, n);
	c->n += n;
	c->s[c->n] = '\0';
}

static void put_cp(struct chars *c, uint32_t cp)
{
	char u[3] = {(char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3f)), (char)(0x80 | (cp & 0x3f))};
	put(c, u, 3);
}

/* The Chinese characters of s, folded, every other run as one SEP; appended to c. */
static void fold_text(struct chars *c, const char *s)
{
	size_t len = strlen(s), i = 0;
	bool sep = false;
	while (i < len) {
		uint32_t cp = search_decode(s, len, i, &i);
		const char *to = search_han(cp) ? NULL : fold_of(cp);
		if (to != NULL) {
			for (size_t k = 0, tl = strlen(to); k < tl;) {
				uint32_t f = search_decode(to, tl, k, &k);
				if (search_han(f))
					put_cp(c, f), sep = false;
				else if (!sep)
					put(c, (char[]){SEP}, 1), sep = true;
			}
		} else if (search_han(cp)) {
			put_cp(c, cp);
			sep = false;
		} else if (!sep) {
			put(c, (char[]){SEP}, 1);
			sep = true;
		}
	}
	put(c, "", 1); /* the terminating NUL, kept */
}

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static struct slot *find(struct slot *tab, size_t cap, uint64_t key)
{
	size_t i = mix(key) & (cap - 1);
	while (tab[i].key != 0 && tab[i].key != key)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static void grow(struct search_engine *e)
{
	size_t cap = e->cap ? e->cap * 2 : 1u << 12;
	struct slot *tab = calloc(cap, sizeof *tab);
	if (tab == NULL)
		abort();
	for (size_t i = 0; i < e->cap; i++)
		if (e->tab[i].key != 0)
			*find(tab, cap, e->tab[i].key) = e->tab[i];
	free(e->tab);
	e->tab = tab;
	e->cap = cap;
}

/* The trigram at s (nine bytes: three Chinese characters), 16 bits a character. */
static uint64_t gram_at(const unsigned char *s)
{
	uint64_t k = 0;
	for (int c = 0; c < 3; c++, s += 3)
		k = (k << 16) | (uint64_t)(((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu));
	return k;
}

/* Whether a trigram starts at s: three Chinese characters (nine bytes, no SEP or NUL). */
static bool gram_starts(const unsigned char *s)
{
	for (int k = 0; k < 9; k += 3)
		if (s[k] < 0xe0)
			return false;
	return true;
}

/* ---- Building ---------------------------------------------------------------------------- */

static int newest_first(const void *a, const void *b)
{
	const struct search_engine_doc *x = *(const struct search_engine_doc *const *)a;
	const struct search_engine_doc *y = *(const struct search_engine_doc *const *)b;
	if (x->published != y->published)
		return x->published < y->published ? 1 : -1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void *must(void *p)
{
	if (p == NULL)
		abort();
	return p;
}

/* The facet key's number, added when new (few keys: a linear search per distinct key is cheap
 * beside the text, and a notice's key is most often the one before). */
static uint32_t facet_of(struct search_engine *e, const char *key, size_t *cap)
{
	for (size_t i = e->nfacets; i > 0; i--)
		if (strcmp(e->facets[i - 1], key) == 0)
			return (uint32_t)(i - 1);
	if (e->nfacets == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		e->facets = must(realloc(e->facets, *cap * sizeof *e->facets));
	}
	e->facets[e->nfacets] = must(strdup(key));
	return (uint32_t)e->nfacets++;
}

static void put_docs(struct search_engine *e, const struct search_engine_doc **sorted)
{
	struct chars c = {0};
	size_t fcap = 0;
	for (size_t d = 0; d < e->n; d++) {
		const struct search_engine_doc *doc = sorted[d];
		e->id[d] = doc->id;
		e->published[d] = doc->published;
		e->parts[d] = (unsigned char)doc->parts;
		e->facet[d] = facet_of(e, doc->facet ? doc->facet : "", &fcap);
		e->category[d] = c.n;
		put(&c, doc->category ? doc->category : "", strlen(doc->category ? doc->category : "") + 1);
		e->issuer[d] = c.n;
		put(&c, doc->issuer ? doc->issuer : "", strlen(doc->issuer ? doc->issuer : "") + 1);
		e->text[d] = c.n;
		fold_text(&c, doc->content ? doc->content : "");
	}
	e->chars = c.s;
	e->nchars = c.n;
}

/* Counts (fill false) or writes (fill true) each notice's distinct trigrams. */
static void each_gram(struct search_engine *e, bool fill, size_t *keys)
{
	for (size_t d = 0; d < e->n; d++) {
		const unsigned char *s = (const unsigned char *)e->chars + e->text[d];
		for (; *s; s += *s == SEP ? 1 : 3) {
			if (*s == SEP || !gram_starts(s))
				continue;
			if (!fill && (*keys + 1) * 2 > e->cap)
				grow(e);
			struct slot *t = find(e->tab, e->cap, gram_at(s));
			if (t->key == 0)
				t->key = gram_at(s), (*keys)++;
			if (t->last == d + 1)
				continue;
			t->last = (uint32_t)(d + 1);
			if (fill)
				e->post[t->start + t->len] = (uint32_t)d;
			t->len++;
		}
	}
}

static int by_id(const void *a, const void *b)
{
	const long long *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static void index_ids(struct search_engine *e)
{
	long long *pairs = must(malloc(e->n * 2 * sizeof *pairs));
	for (size_t d = 0; d < e->n; d++)
		pairs[2 * d] = e->id[d], pairs[2 * d + 1] = (long long)d;
	qsort(pairs, e->n, 2 * sizeof *pairs, by_id);
	e->by_id = must(malloc(e->n * sizeof *e->by_id));
	e->id_num = must(malloc(e->n * sizeof *e->id_num));
	for (size_t d = 0; d < e->n; d++)
		e->by_id[d] = pairs[2 * d], e->id_num[d] = (uint32_t)pairs[2 * d + 1];
	free(pairs);
}

struct search_engine *search_engine_build(const struct search_engine_doc *docs, size_t n)
{
	if (n == 0)
		return NULL;
	const struct search_engine_doc **sorted = must(malloc(n * sizeof *sorted));
	for (size_t i = 0; i < n; i++)
		sorted[i] = &docs[i];
	qsort(sorted, n, sizeof *sorted, newest_first);
	struct search_engine *e = must(calloc(1, sizeof *e));
	e->n = n;
	e->id = must(malloc(n * sizeof *e->id));
	e->published = must(malloc(n * sizeof *e->published));
	e->parts = must(malloc(n));
	e->facet = must(malloc(n * sizeof *e->facet));
	e->text = must(malloc(n * sizeof *e->text));
	e->category = must(malloc(n * sizeof *e->category));
	e->issuer = must(malloc(n * sizeof *e->issuer));
	put_docs(e, sorted);
	free(sorted);
	size_t keys = 0;
	grow(e);
	each_gram(e, false, &keys);
	for (size_t i = 0; i < e->cap; i++) {
		e->tab[i].start = (uint32_t)e->npost;
		e->npost += e->tab[i].len;
		e->tab[i].len = e->tab[i].last = 0;
	}
	e->post = must(malloc((e->npost ? e->npost : 1) * sizeof *e->post));
	each_gram(e, true, &keys);
	index_ids(e);
	return e;
}

void search_engine_free(struct search_engine *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nfacets; i++)
		free(e->facets[i]);
	free(e->facets);
	free(e->id), free(e->published), free(e->parts), free(e->facet);
	free(e->text), free(e->category), free(e->issuer), free(e->chars);
	free(e->tab), free(e->post), free(e->by_id), free(e->id_num);
	free(e);
}

size_t search_engine_bytes(const struct search_engine *e)
{
	if (e == NULL)
		return 0;
	return sizeof *e + e->n * (2 * sizeof(long long) + 1 + sizeof(uint32_t) + 3 * sizeof(size_t) + sizeof(long long) +
	                           sizeof(uint32_t)) +
	       e->nchars + e->cap * sizeof *e->tab + e->npost * sizeof *e->post;
}

size_t search_engine_docs(const struct search_engine *e)
{
	return e ? e->n : 0;
}

/* The number of notice id in e, or -1. */
static long long number_of(const struct search_engine *e, long long id)
{
	size_t lo = 0, hi = e ? e->n : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->by_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return e && lo < e->n && e->by_id[lo] == id ? (long long)e->id_num[lo] : -1;
}

/* ---- The overlay ------------------------------------------------------------------------- */

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* before's ids and the new ones, sorted, without repeats. */
static void merge_ids(struct search_overlay *o, const struct search_overlay *before, const long long *ids, size_t nids)
{
	size_t had = before ? before->nids : 0;
	o->ids = must(malloc((had + nids + 1) * sizeof *o->ids));
	if (had)
		memcpy(o->ids, before->ids, had * sizeof *o->ids);
	if (nids > 0)
		memcpy(o->ids + had, ids, nids * sizeof *ids);
	if (had + nids > 1)
		qsort(o->ids, had + nids, sizeof *o->ids, cmp_ll);
	for (size_t i = 0; i < had + nids; i++)
		if (o->nids == 0 || o->ids[o->nids - 1] != o->ids[i])
			o->ids[o->nids++] = o->ids[i];
}

/* The docs of before's overlay that the new changes leave as they were, then docs[0..n). */
static struct search_engine_doc *kept_docs(const struct search_overlay *before, const long long *ids, size_t nids,
                                           const struct search_engine_doc *docs, size_t n, size_t *out)
{
	const struct search_engine *a = before ? before->added : NULL;
	struct search_engine_doc *all = must(malloc((search_engine_docs(a) + n + 1) * sizeof *all));
	*out = 0;
	for (size_t d = 0; d < search_engine_docs(a); d++) {
		bool again = false;
		for (size_t k = 0; k < nids && !again; k++)
			again = ids[k] == a->id[d];
		if (!again)
			all[(*out)++] = (struct search_engine_doc){a->id[d], a->published[d], a->parts[d], a->chars + a->category[d],
			                                           a->chars + a->issuer[d], a->facets[a->facet[d]], a->chars + a->text[d]};
	}
	if (n > 0)
		memcpy(all + *out, docs, n * sizeof *docs);
	*out += n;
	return all;
}

struct search_overlay *search_engine_overlay(const struct search_engine *e, const struct search_overlay *before,
                                             const long long *ids, size_t nids, const struct search_engine_doc *docs,
                                             size_t n)
{
	struct search_overlay *o = must(calloc(1, sizeof *o));
	merge_ids(o, before, ids, nids);
	size_t words = (search_engine_docs(e) + 63) / 64 + 1;
	o->gone = must(calloc(words, sizeof *o->gone));
	for (size_t i = 0; i < o->nids; i++) {
		long long d = number_of(e, o->ids[i]);
		if (d >= 0)
			o->gone[d / 64] |= 1ull << (d % 64);
	}
	size_t nall;
	struct search_engine_doc *all = kept_docs(before, ids, nids, docs, n, &nall);
	o->added = search_engine_build(all, nall);
	free(all);
	return o;
}

void search_overlay_free(struct search_overlay *o)
{
	if (o == NULL)
		return;
	search_engine_free(o->added);
	free(o->gone);
	free(o->ids);
	free(o);
}

size_t search_overlay_docs(const struct search_overlay *o)
{
	return o ? o->nids : 0;
}

/* ---- Selecting --------------------------------------------------------------------------- */

struct cursor {
	const uint32_t *p;
	uint32_t n, i;
};

/* Moves c to its first number at or after v; false when there is none. */
static bool seek(struct cursor *c, uint32_t v)
{
	uint32_t lo = c->i, step = 1;
	while (lo + step < c->n && c->p[lo + step] < v) {
		lo += step;
		step <<= 1;
	}
	uint32_t hi = lo + step < c->n ? lo + step : c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->p[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	c->i = lo;
	return lo < c->n;
}

static int shortest_first(const void *a, const void *b)
{
	const struct cursor *x = a, *y = b;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* The cursors of each term's two rarest trigrams (one for a term of three characters); false
 * when a trigram of a term is in no notice. */
static bool cursors(const struct search_engine *e, const struct search_terms *t, struct cursor *c, size_t *nc)
{
	*nc = 0;
	for (size_t i = 0; i < t->n; i++) {
		const unsigned char *s = (const unsigned char *)t->t[i].text;
		struct cursor best[2];
		size_t nb = 0;
		for (size_t k = 0; k + 9 <= t->t[i].len; k += 3) {
			const struct slot *g = find(e->tab, e->cap, gram_at(s + k));
			if (g->key == 0)
				return false;
			struct cursor cur = {e->post + g->start, g->len, 0};
			if (nb < 2)
				best[nb++] = cur;
			else if (cur.n < best[0].n || cur.n < best[1].n)
				best[best[0].n > best[1].n ? 0 : 1] = cur;
		}
		for (size_t k = 0; k < nb; k++)
			c[(*nc)++] = best[k];
	}
	qsort(c, *nc, sizeof *c, shortest_first);
	return *nc > 0;
}

/* The first number published before t (numbers run newest first); n when none is. */
static uint32_t first_before(const struct search_engine *e, long long t)
{
	size_t lo = 0, hi = e->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->published[mid] >= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static long long day_bound(const char *date, long long hms)
{
	if (date == NULL)
		return 0;
	char s[20];
	snprintf(s, sizeof s, "%.10s 00:00:00", date);
	long long t = search_engine_time(s);
	return t ? t + hms : 0;
}

/* Whether notice d passes the query's part, filters and terms. */
static bool passes(const struct search_engine *e, uint32_t d, const struct search_engine_query *q, long long to)
{
	if (!(e->parts[d] & q->part) || (to && e->published[d] > to))
		return false;
	const struct search_filters *f = q->f;
	if (f->column != NULL) {
		const char *cat = e->chars + e->category[d];
		size_t cl = strlen(f->column);
		if (strcmp(cat, f->column) != 0 && !(strncmp(cat, f->column, cl) == 0 && cat[cl] == '.'))
			return false;
	}
	if (f->issuer != NULL && strcmp(e->chars + e->issuer[d], f->issuer) != 0)
		return false;
	for (size_t i = 0; i < q->t->n; i++)
		if (q->t->t[i].len > 9 && strstr(e->chars + e->text[d], q->t->t[i].text) == NULL)
			return false;
	return true;
}

typedef void (*on_match)(void *ctx, const struct search_engine *e, uint32_t d);

/* Calls on for every match of q in e, newest first, leaving out the numbers set in gone. */
static void walk(const struct search_engine *e, const uint64_t *gone, const struct search_engine_query *q,
                 on_match on, void *ctx)
{
	struct cursor c[2 * SEARCH_MAX_TERMS];
	size_t nc;
	if (e == NULL || !cursors(e, q->t, c, &nc))
		return;
	long long since = q->since, from = day_bound(q->f->from, 0), to = day_bound(q->f->to, 235959);
	if (from > since)
		since = from;
	uint32_t end = since ? first_before(e, since) : (uint32_t)e->n;
	uint32_t v = q->before ? first_before(e, q->before) : 0;
	if (to && first_before(e, to + 1) > v)
		v = first_before(e, to + 1); /* 23:59:59 + 1 stands for the next second: only compared */
	while (seek(&c[0], v) && (v = c[0].p[c[0].i]) < end) {
		bool all = true;
		for (size_t k = 1; k < nc && all; k++) {
			if (!seek(&c[k], v))
				return;
			if (c[k].p[c[k].i] != v)
				all = false, v = c[k].p[c[k].i];
		}
		if (!all)
			continue;
		if ((gone == NULL || !(gone[v / 64] >> (v % 64) & 1)) && passes(e, v, q, to))
			on(ctx, e, v);
		v++;
	}
}

/* Where the matches of the index and of the overlay are counted and paged together. */
struct tally {
	long long offset, limit, rank;
	struct search_answer *a;
	long long *facets[2]; /* per facet number of the index, of the overlay */
	const struct search_engine *added;
	uint32_t *extra; /* the overlay's matches, newest first */
	size_t nextra, next;
};

static void count(struct tally *t, const struct search_engine *e, uint32_t d)
{
	if (t->rank >= t->offset && t->rank < t->offset + t->limit)
		t->a->ids[t->a->n++] = e->id[d];
	t->rank++;
	if (t->limit > 0)
		t->facets[e == t->added][e->facet[d]]++;
}

/* Whether notice x of e comes before notice y of f in the page's order. */
static bool newer(const struct search_engine *e, uint32_t x, const struct search_engine *f, uint32_t y)
{
	return e->published[x] != f->published[y] ? e->published[x] > f->published[y] : e->id[x] > f->id[y];
}

static void on_base(void *ctx, const struct search_engine *e, uint32_t d)
{
	struct tally *t = ctx;
	while (t->next < t->nextra && newer(t->added, t->extra[t->next], e, d))
		count(t, t->added, t->extra[t->next++]);
	count(t, e, d);
}

static void on_extra(void *ctx, const struct search_engine *e, uint32_t d)
{
	(void)e;
	struct tally *t = ctx;
	t->extra[t->nextra++] = d;
}

static void put_counts(const struct search_engine *e, const long long *n, const char **keys, long long *counts, size_t *k)
{
	for (size_t f = 0; e != NULL && f < e->nfacets; f++)
		if (n[f] > 0)
			keys[*k] = e->facets[f], counts[(*k)++] = n[f];
}

void search_engine_select(const struct search_engine *e, const struct search_overlay *o,
                          const struct search_engine_query *q, long long offset, long long limit, struct pool *p,
                          struct search_answer *a)
{
	memset(a, 0, sizeof *a);
	const struct search_engine *added = o ? o->added : NULL;
	struct tally t = {.offset = offset, .limit = limit < SEARCH_PAGE_SIZE ? limit : SEARCH_PAGE_SIZE, .a = a, .added = added};
	t.facets[0] = pool_alloc(p, ((e ? e->nfacets : 0) + 1) * sizeof(long long));
	t.facets[1] = pool_alloc(p, ((added ? added->nfacets : 0) + 1) * sizeof(long long));
	t.extra = pool_alloc(p, (search_engine_docs(added) + 1) * sizeof *t.extra);
	walk(added, NULL, q, on_extra, &t);
	walk(e, o ? o->gone : NULL, q, on_base, &t);
	while (t.next < t.nextra)
		count(&t, added, t.extra[t.next++]);
	a->total = t.rank;
	if (limit <= 0)
		return;
	size_t nf = (e ? e->nfacets : 0) + (added ? added->nfacets : 0), k = 0;
	const char **keys = pool_alloc(p, (nf + 1) * sizeof *keys);
	long long *counts = pool_alloc(p, (nf + 1) * sizeof *counts);
	put_counts(e, t.facets[0], keys, counts, &k);
	put_counts(added, t.facets[1], keys, counts, &k);
	search_facets_count(p, keys, counts, k, a);
}

long long search_engine_time(const char *s)
{
	long long v = 0;
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			v = v * 10 + (s[i] - '0');
		} else if (s[i] != shape[i]) {
			return 0;
		}
	}
	return v;
}
