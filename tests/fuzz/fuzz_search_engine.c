/* The workers' in-memory search index (search_engine.c) over any bytes: the input's first line is
 * the query, each further line a notice's text (broken UTF-8, radicals, separators and all). For a
 * query search_split takes with every term of three Chinese characters or more, the index must
 * find exactly the notices that hold every term asked one at a time, newest first, with the count;
 * and the same once half of them are changed through an overlay. */
#include "harness.h"
#include "core/text.h"
#include "notices/search_engine.h"
#include <stdlib.h>
#include <string.h>

#define MAX_DOCS 64

/* Whether the notice holds every term, asked of an index of that notice alone: what the index of
 * them all must agree with, once their trigrams' lists are intersected (the folding itself is
 * checked against Groonga by tests/unit/test_search_engine.c and test_search_copy.py). */
static bool holds(const char *text, const struct search_terms *t, struct pool *p)
{
	struct search_engine_doc d = {1, 20250101000000LL, SEARCH_PART_TIER, "", "", "", text};
	struct search_engine *one = search_engine_build(&d, 1);
	struct search_engine_query q = {t, &(struct search_filters){0}, SEARCH_PART_TIER, 0, 0};
	struct search_answer a;
	search_engine_select(one, NULL, &q, 0, 0, p, &a);
	search_engine_free(one);
	return a.total == 1;
}

static void compare(const struct search_engine *e, const struct search_overlay *o, struct search_engine_doc *d,
                    const bool *gone, size_t n, const struct search_terms *t, struct pool *p)
{
	long long want = 0, first = 0;
	for (size_t i = n; i-- > 0;) /* ids and times rise with i: the last is the newest */
		if (!gone[i] && holds(d[i].content, t, p)) {
			if (want++ == 0)
				first = d[i].id;
		}
	struct search_engine_query q = {t, &(struct search_filters){0}, SEARCH_PART_TIER, 0, 0};
	struct search_answer a;
	search_engine_select(e, o, &q, 0, 20, p, &a);
	if (a.total != want || (want > 0 && (a.n == 0 || a.ids[0] != first)) || a.n > 20)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	char *in = pool_strndup(p, (const char *)data, size);
	char *line = strtok(in, "\n");
	struct search_terms t;
	bool ok = line != NULL && text_valid(line, strlen(line)) && search_split(p, line, &t) == SEARCH_OK;
	for (size_t i = 0; ok && i < t.n; i++)
		ok = t.t[i].trigrams;
	struct search_engine_doc d[MAX_DOCS];
	bool gone[MAX_DOCS] = {false};
	size_t n = 0;
	for (char *s; ok && n < MAX_DOCS && (s = strtok(NULL, "\n")) != NULL; n++)
		d[n] = (struct search_engine_doc){(long long)n + 1, 20250101000000LL + (long long)n, SEARCH_PART_TIER, "", "",
		                                  "", s};
	if (ok && n > 0) {
		struct search_engine *e = search_engine_build(d, n);
		compare(e, NULL, d, gone, n, &t, p);
		/* Every other notice changed: its text becomes the next one's; the last is gone. */
		long long ids[MAX_DOCS];
		struct search_engine_doc now[MAX_DOCS];
		size_t nids = 0, nnow = 0;
		for (size_t i = 0; i < n; i += 2) {
			ids[nids++] = d[i].id;
			if (i + 1 < n) {
				d[i].content = d[i + 1].content;
				now[nnow++] = d[i];
			} else {
				gone[i] = true;
			}
		}
		struct search_overlay *o = search_engine_overlay(e, NULL, ids, nids, now, nnow);
		compare(e, o, d, gone, n, &t, p);
		search_overlay_free(o);
		search_engine_free(e);
	}
	pool_free(p);
	return 0;
}
