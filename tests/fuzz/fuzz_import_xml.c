/* The import's XML (import_read_xml, the format of cms-integration/IMPORT.md). No DTD, so no
 * entity, is read: what comes out is never more than the file's own text (each byte in one
 * field at most, an attribute or a text), so that no document can grow in memory beyond its
 * size; and a refusal says why. */
#include "harness.h"
#include "notices/import_read.h"
#include <stdlib.h>
#include <string.h>

static size_t len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t notice_bytes(const struct notice_in *n)
{
	size_t b = len_of(n->external_id) + len_of(n->title) + len_of(n->issuer) + len_of(n->doc_number) +
	           len_of(n->subject) + len_of(n->formed_on) + len_of(n->published_at) + len_of(n->validity) +
	           len_of(n->category_code) + len_of(n->decision_kind) + len_of(n->body) + len_of(n->status);
	for (size_t i = 0; i < n->nitems; i++)
		b += len_of(n->items[i].code) + len_of(n->items[i].value);
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct import_set set = {0};
	char err[512] = "";
	if (import_read_xml(p, fuzz_file(0, data, size), &set, err, sizeof err)) {
		size_t total = len_of(set.site);
		for (size_t i = 0; i < set.n; i++) {
			total += notice_bytes(&set.notices[i]);
			for (size_t k = 0; k < set.nfiles[i]; k++)
				total += strlen(set.files[i][k]);
		}
		if (total > size)
			abort();
	} else if (err[0] == '\0') {
		abort();
	}
	pool_free(p);
	return 0;
}
