/* libFuzzer target for every parser that reads untrusted bytes: the first byte picks the parser,
 * the rest is its input. Run by `make fuzz` (and briefly by `make test`). */
#include "core/settings.h"
#include "core/exchange.h"
#include "core/parse.h"
#include "notices/search.h"
#include "core/text.h"
#include <stdint.h>
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
 * would, the command holds exactly one --query value, made of exactly the terms as phrases. */
static void check_groonga_select(struct pool *p, const char *q)
{
	struct search_terms t;
	if (!text_valid(q, strlen(q)) || search_split(p, q, &t) != SEARCH_OK)
		return;
	const char *cmd = search_groonga_select(p, 1, &t, &(struct search_filters){0}, SEARCH_TIER_ALL, NULL, 0, 20);
	const char *head = "select --table search_docs --match_columns content --query ";
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned which = data[0] % 7;
	data++;
	size--;
	struct pool *p = pool_new();
	char *s = pool_strndup(p, (const char *)data, size);
	struct form f = {0};
	const char *why;
	struct limits lim = default_limits;
	lim.max_fields = 50;
	lim.max_value = 4096;
	lim.max_file_size = 4096;
	switch (which) {
	case 0:
		parse_urlencoded(p, (const char *)data, size, &lim, &f, &why);
		break;
	case 1: {
		/* the boundary is the input up to the first newline */
		const char *nl = memchr(data, '\n', size);
		size_t blen = nl ? (size_t)(nl - (const char *)data) : 0;
		char *ct = pool_printf(p, "multipart/form-data; boundary=%.*s", (int)blen, (const char *)data);
		const unsigned char *body = nl ? (const unsigned char *)nl + 1 : data;
		parse_multipart(p, body, size - (size_t)(body - data), ct, &lim, &f, &why);
		break;
	}
	case 2:
		parse_cookies(p, s, &f);
		break;
	case 3: {
		struct settings c;
		struct buf err;
		buf_init(&err);
		settings_parse(&c, s, "fuzz", &err);
		settings_free(&c);
		buf_free(&err);
		break;
	}
	case 4: {
		const char *when;
		long long id;
		cursor_parse(p, s, &when, &id);
		int32_t d;
		parse_date(s, &d);
		break;
	}
	case 5:
		check_groonga_select(p, s);
		break;
	default:
		text_valid((const char *)data, size);
		url_is_safe(s);
		value_is_email(s);
		break;
	}
	/* Whatever was parsed is valid text within the limits. */
	for (size_t i = 0; i < f.n; i++)
		if (!text_valid(f.fields[i].value, f.fields[i].len) || f.fields[i].len > lim.max_value)
			abort();
	pool_free(p);
	return 0;
}
