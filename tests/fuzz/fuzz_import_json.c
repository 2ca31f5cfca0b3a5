/* The import file's JSON reader (import_read_json, which walks the text once) against jansson:
 * the same bytes parsed by json_loadb with JSON_REJECT_DUPLICATES and read the way the importer
 * read jansson's tree (notice_from_json, then the attachments) must give the same answer: both
 * refuse the text as JSON, or both refuse its shape, or both stop at the same notice with the
 * same field and message, or both give the same site and notices, string for string. */
#include "harness.h"
#include "notices/import.h"
#include "notices/import_read.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What jansson's tree gives, as the importer read it. */
struct expect {
	enum { BAD_JSON, BAD_SHAPE, BAD_NOTICE, GOOD } outcome;
	size_t n;
	const char *field, *message;
};

static void mismatch(const char *what, const char *err)
{
	fprintf(stderr, "fuzz_import_json: %s (the reader said: %s)\n", what, err);
	abort();
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The attachments' check as the importer made it on jansson's tree: the count first. */
static bool tree_files(json_t *obj, const struct import_set *got, size_t i, const char **message)
{
	json_t *a = json_object_get(obj, "attachments");
	if (a == NULL || json_is_null(a)) {
		if (got != NULL && got->nfiles[i] != 0)
			mismatch("attachments where the notice has none", "");
		return true;
	}
	if (!json_is_array(a))
		return *message = "应为文件名数组", false;
	if (json_array_size(a) > IMPORT_MAX_FILES)
		return *message = "附件过多", false;
	for (size_t k = 0; k < json_array_size(a); k++)
		if (!json_is_string(json_array_get(a, k)))
			return *message = "应为文件名", false;
	if (got != NULL) {
		if (got->nfiles[i] != json_array_size(a))
			mismatch("attachments count", "");
		for (size_t k = 0; k < got->nfiles[i]; k++)
			if (!same(got->files[i][k], json_string_value(json_array_get(a, k))))
				mismatch("attachment name", "");
	}
	return true;
}

static void same_notice(const struct notice_in *a, const struct notice_in *b)
{
	const char *const x[] = {a->external_id, a->title,       a->issuer,        a->doc_number,    a->subject,
	                         a->formed_on,   a->published_at, a->validity,      a->category_code, a->decision_kind,
	                         a->body,        a->status,       a->changed_on,    a->document_kind, a->repealed_on};
	const char *const y[] = {b->external_id, b->title,       b->issuer,        b->doc_number,    b->subject,
	                         b->formed_on,   b->published_at, b->validity,      b->category_code, b->decision_kind,
	                         b->body,        b->status,       b->changed_on,    b->document_kind, b->repealed_on};
	for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
		if (!same(x[i], y[i]))
			mismatch("a text field differs", x[i] ? x[i] : "(null)");
	if (a->nitems != b->nitems)
		mismatch("items count", "");
	for (size_t k = 0; k < a->nitems; k++)
		if (!same(a->items[k].code, b->items[k].code) || !same(a->items[k].value, b->items[k].value))
			mismatch("an item differs", a->items[k].code);
}

/* Reads root as the importer did; got (when the reader accepted) is compared notice by notice. */
static struct expect tree_read(struct pool *p, json_t *root, const struct import_set *got)
{
	struct expect e = {0};
	json_t *arr = root;
	if (json_is_object(root)) {
		json_t *site = json_object_get(root, "site");
		if (got != NULL && !same(got->site, json_is_string(site) ? json_string_value(site) : NULL))
			mismatch("site", "");
		arr = json_object_get(root, "notices");
	}
	if (!json_is_array(arr))
		return (struct expect){BAD_SHAPE, 0, NULL, NULL};
	for (size_t i = 0; i < json_array_size(arr); i++) {
		struct notice_in n;
		json_t *obj = json_array_get(arr, i);
		e.n = i + 1;
		e.field = "attachments";
		if (!notice_from_json(p, obj, &n, &e.field, &e.message) || !tree_files(obj, got, i, &e.message)) {
			e.outcome = BAD_NOTICE;
			return e;
		}
		if (got != NULL)
			same_notice(&n, &got->notices[i]);
	}
	e.outcome = GOOD;
	if (got != NULL && got->n != e.n)
		mismatch("notices count", "");
	return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct import_set got;
	char err[1024] = "";
	bool ok = import_read_json(p, fuzz_file(0, data, size), &got, err, sizeof err);
	json_error_t je;
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	struct expect e = root == NULL ? (struct expect){BAD_JSON, 0, NULL, NULL} : tree_read(p, root, ok ? &got : NULL);
	json_decref(root);
	if (ok != (e.outcome == GOOD))
		mismatch(ok ? "accepted what jansson's reading refuses" : "refused what jansson's reading accepts", err);
	if (e.outcome == BAD_JSON && strstr(err, ": not valid JSON: ") == NULL)
		mismatch("jansson refuses the JSON", err);
	if (e.outcome == BAD_SHAPE && strstr(err, ":1: expected {") == NULL)
		mismatch("jansson's tree has no notices", err);
	if (e.outcome == BAD_NOTICE) {
		/* The message names the field, an item's code of any length: err may end cut short. */
		char want[sizeof err * 2];
		snprintf(want, sizeof want, ": notice %zu, field %s: %s", e.n, e.field, e.message);
		const char *at = strstr(err, ": notice ");
		bool cut = strlen(err) == sizeof err - 1;
		if (at == NULL || (cut ? strncmp(at, want, strlen(at)) : strcmp(at, want)) != 0)
			mismatch(want, err);
	}
	pool_free(p);
	return 0;
}
