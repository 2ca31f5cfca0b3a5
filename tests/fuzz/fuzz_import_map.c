/* The mapping file of a CSV or XLSX import (import_map_load) and its use on a table
 * (import_map_apply, a catalog by the input's length): the input is the mapping file, a line
 * "=====", then a CSV export. What comes out is one notice a row after the header, in UTF-8;
 * a refusal says why. */
#include "harness.h"
#include "core/text.h"
#include "notices/import_read.h"
#include <stdlib.h>
#include <string.h>

static const char *const variants[] = {"lincang", "yancheng", "qinghai", "zhejiang", "shanwei"};

static bool utf8(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; s && *c;) {
		size_t n = utf8_seq_len(c);
		if (n == 0)
			return false;
		c += n;
	}
	return true;
}

static void check_notice(const struct notice_in *n)
{
	const char *s[] = {n->external_id, n->title, n->issuer, n->doc_number, n->subject, n->formed_on,
	                   n->published_at, n->validity, n->category_code, n->decision_kind, n->body, n->status};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if (!utf8(s[i]))
			abort();
	for (size_t i = 0; i < n->nitems; i++)
		if (n->items[i].code == NULL || !utf8(n->items[i].code) || !utf8(n->items[i].value))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	const char *map_text;
	const uint8_t *csv;
	size_t csv_len;
	if (!fuzz_split(p, data, size, "\n=====\n", &map_text, &csv, &csv_len)) {
		pool_free(p);
		return 0;
	}
	char err[512] = "";
	struct import_map *m = import_map_load(p, fuzz_file(0, (const uint8_t *)map_text, strlen(map_text)), err, sizeof err);
	struct import_table t;
	if (m == NULL || !import_read_csv(p, fuzz_file(1, csv, csv_len), import_map_encoding(m), import_map_delimiter(m),
	                                  &t, err, sizeof err)) {
		if (err[0] == '\0')
			abort();
		pool_free(p);
		return 0;
	}
	struct site *site = fuzz_site(p);
	site->variant = variants[size % 5];
	struct import_set set = {0};
	if (import_map_apply(p, fuzz_app(), site, m, "fuzz.csv", &t, &set, err, sizeof err)) {
		for (size_t i = 0; i < set.n; i++)
			check_notice(&set.notices[i]);
	} else if (err[0] == '\0') {
		abort();
	}
	pool_free(p);
	return 0;
}
