/* Notices as JSON, as the push API and `xxgkctl import` read them: the push's body (one notice,
 * {"notices": [...]} or an array) through notice_from_json and notice_validate against a
 * catalog (the variant by the input's length), and the same bytes as an import file
 * (import_read_json). A notice that passes holds exactly the strings that were sent, each valid
 * text: nothing cut at a \u0000, nothing but what the catalog knows. */
#include "harness.h"
#include "core/text.h"
#include "notices/import.h"
#include "notices/import_read.h"
#include <stdlib.h>
#include <string.h>

static const char *const variants[] = {"lincang", "yancheng", "qinghai", "zhejiang", "shanwei"};
static const char *const keys[] = {"external_id", "title", "issuer", "doc_number", "subject", "formed_on",
                                   "published_at", "validity", "category", "decision_kind", "body", "status"};

/* Every string the notice took from obj is the whole string that was sent. */
static void check_whole(json_t *obj, const struct notice_in *n)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *v = json_object_get(obj, keys[i]);
		if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v))
			abort();
	}
	json_t *items = json_object_get(obj, "items");
	const char *code;
	json_t *v;
	if (json_is_object(items)) {
		json_object_foreach(items, code, v)
		{
			if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v))
				abort();
		}
	}
	for (size_t i = 0; i < n->nitems; i++)
		if (!text_valid(n->items[i].value, strlen(n->items[i].value)) || n->items[i].label == NULL)
			abort();
}

static void push_body(struct pool *p, json_t *root, const struct site *site)
{
	json_t *list = json_is_array(root) ? root : json_is_object(root) ? json_object_get(root, "notices") : NULL;
	size_t count = json_is_array(list) ? json_array_size(list) : 1;
	for (size_t i = 0; i < count && i < 50; i++) {
		json_t *obj = json_is_array(list) ? json_array_get(list, i) : root;
		struct notice_in n;
		const char *field = NULL, *message = NULL;
		if (!notice_from_json(p, obj, &n, &field, &message) ||
		    !notice_validate(fuzz_app(), p, site, &n, &field, &message)) {
			if (field == NULL || message == NULL)
				abort();
			continue;
		}
		check_whole(obj, &n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	struct site *site = fuzz_site(p);
	site->variant = variants[size % 5];
	json_error_t je;
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (root != NULL) {
		push_body(p, root, site);
		json_decref(root);
	}
	struct import_set set = {0};
	char err[512] = "";
	if (!import_read_json(p, fuzz_file(0, data, size), &set, err, sizeof err) && err[0] == '\0')
		abort();
	pool_free(p);
	return 0;
}
