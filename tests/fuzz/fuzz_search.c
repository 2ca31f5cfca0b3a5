/* The search box (search_split, and the Groonga command built from its terms): a query cannot
 * get out of its place in the command; and the snippet window over any bytes (the input's first
 * line the query, the rest the text) stays inside the text and never ends inside an occurrence. */
#include "harness.h"
#include "core/text.h"
#include "notices/search.h"
#include <stdlib.h>
#include <string.h>

/* Reads a double-quoted value with backslash escapes at *s (Groonga's command line and query
 * syntax both read them so): its unescaped text, *s moved past it. NULL if unterminated. */
static char *read_quoted(struct pool *p, const char **s)
{
	if (**s != '"')
		return NULL;
	char *out = pool_alloc(p, strlen(*s) + 1), *o = out;
	for (const char *c = *s + 1; *c; c++) {
		if (*c == '\\' && c[1] != '\0')
			*o++ = *++c;
		else if (*c == '"') {
			*s = c + 1;
			return out;
		} else
			*o++ = *c;
	}
	return NULL;
}

/* A search query cannot get out of its place in the Groonga command: read back as Groonga
 * would, the command holds exactly one --query value, made of exactly the terms as phrases, and
 * reads the trigram index exactly when every term has trigrams. */
static void check_groonga_select(struct pool *p, const char *q)
{
	struct search_terms t;
	if (!text_valid(q, strlen(q)) || search_split(p, q, &t) != SEARCH_OK)
		return;
	const char *cmd = search_groonga_select(p, 1, &t, &(struct search_filters){0}, SEARCH_TIER_1, NULL, 0, 20);
	bool trigrams = true;
	for (size_t i = 0; i < t.n; i++)
		trigrams = trigrams && t.t[i].trigrams;
	const char *head = trigrams ? "select --table search_docs_tier1 --match_columns search_docs_tier1#ft_trigram.index --query "
	                            : "select --table search_docs_tier1 --match_columns search_docs_tier1#ft_content.index --query ";
	if (strncmp(cmd, head, strlen(head)) != 0)
		abort();
	const char *c = cmd + strlen(head);
	const char *query = read_quoted(p, &c);
	const char *next = " --filter \"site_id == 1\" --sort_keys";
	if (query == NULL || strncmp(c, next, strlen(next)) != 0)
		abort();
	for (size_t i = 0; i < t.n; i++) {
		if (i > 0 && *query++ != ' ')
			abort();
		const char *phrase = read_quoted(p, &query);
		if (phrase == NULL || strcmp(phrase, t.t[i].text) != 0)
			abort();
	}
	if (*query != '\0')
		abort();
}

/* The window lies in the text, and an occurrence the highlighter finds in it from its start is
 * never cut at its end. The text in an allocation of its own size: ASan sees any read past it. */
static void check_snippet(struct pool *p, const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct search_terms t;
	if (nl == NULL || search_split(p, pool_strndup(p, (const char *)data, (size_t)(nl - data)), &t) != SEARCH_OK)
		return;
	size_t len = size - (size_t)(nl + 1 - data), from, to;
	char *text = malloc(len ? len : 1);
	memcpy(text, nl + 1, len);
	search_snippet(text, len, &t, 30, 120, &from, &to);
	if (from > to || to > len)
		abort();
	struct search_span *spans;
	size_t n = search_highlight(p, text + from, to - from, &t, &spans);
	for (size_t i = 0; i < n; i++) {
		size_t s, e;
		if (spans[i].mark && search_find(text + from + spans[i].start, len - from - spans[i].start, &t, &s, &e) &&
		    (s != 0 || from + spans[i].start + e > to))
			abort();
	}
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	check_groonga_select(p, pool_strndup(p, (const char *)data, size));
	check_snippet(p, data, size);
	pool_free(p);
	return 0;
}
