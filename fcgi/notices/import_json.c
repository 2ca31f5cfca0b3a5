#include "notices/import.h"
#include "notices/import_read.h"
#include <stdlib.h>
#include <string.h>

#define IMPORT_JSON_MAX ((size_t)1 << 30) /* a file is read whole: its bound */

static const char *json_text(struct pool *p, json_t *obj, const char *key, bool *bad)
{
	json_t *v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = true;
		return NULL;
	}
	return pool_strndup(p, json_string_value(v), json_string_length(v));
}

bool notice_from_json(struct pool *p, json_t *obj, struct notice_in *n, const char **field, const char **message)
{
	memset(n, 0, sizeof *n);
	if (!json_is_object(obj)) {
		*field = "notice";
		*message = "应为对象";
		return false;
	}
	static const char *const keys[] = {"external_id", "title", "issuer", "doc_number", "subject", "formed_on",
	                                   "published_at", "validity", "category", "decision_kind", "body", "status",
	                                   "changed_on", "document_kind", "repealed_on"};
	const char **dest[] = {&n->external_id, &n->title, &n->issuer, &n->doc_number, &n->subject, &n->formed_on,
	                       &n->published_at, &n->validity, &n->category_code, &n->decision_kind, &n->body, &n->status,
	                       &n->changed_on, &n->document_kind, &n->repealed_on};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		bool bad = false;
		*dest[i] = json_text(p, obj, keys[i], &bad);
		if (bad) {
			*field = keys[i];
			*message = "应为字符串";
			return false;
		}
	}
	json_t *items = json_object_get(obj, "items");
	if (items != NULL && !json_is_null(items)) {
		if (!json_is_object(items)) {
			*field = "items";
			*message = "应为对象（内容项代码: 值）";
			return false;
		}
		const char *code;
		json_t *value;
		json_object_foreach(items, code, value)
		{
			if (n->nitems == NOTICE_MAX_ITEMS) {
				*field = "items";
				*message = "内容项过多";
				return false;
			}
			if (!json_is_string(value)) {
				*field = pool_strdup(p, code);
				*message = "应为字符串";
				return false;
			}
			n->items[n->nitems].code = pool_strdup(p, code);
			n->items[n->nitems].value = pool_strndup(p, json_string_value(value), json_string_length(value));
			n->nitems++;
		}
	}
	return true;
}

/* "attachments": ["a.pdf", ...], names of files beside the export. */
static bool json_files(struct pool *p, json_t *obj, struct import_set *out, size_t i, const char **field,
                       const char **message)
{
	json_t *a = json_object_get(obj, "attachments");
	if (a == NULL || json_is_null(a))
		return true;
	*field = "attachments";
	if (!json_is_array(a)) {
		*message = "应为文件名数组";
		return false;
	}
	if (json_array_size(a) > IMPORT_MAX_FILES) {
		*message = "附件过多";
		return false;
	}
	size_t k;
	json_t *v;
	json_array_foreach(a, k, v)
	{
		if (!json_is_string(v)) {
			*message = "应为文件名";
			return false;
		}
		out->files[i][out->nfiles[i]++] = pool_strdup(p, json_string_value(v));
	}
	return true;
}

/* Line of each top-level object inside the "notices" array (or the top array): jansson does not
 * keep positions, so a small scan of the text finds them for error messages. */
static void json_object_lines(const char *text, long *lines, size_t max)
{
	int depth = 0, in_string = 0, esc = 0;
	long line = 1;
	size_t k = 0;
	int array_depth = -1;
	for (const char *c = text; *c && k < max; c++) {
		if (*c == '\n')
			line++;
		if (in_string) {
			if (esc)
				esc = 0;
			else if (*c == '\\')
				esc = 1;
			else if (*c == '"')
				in_string = 0;
			continue;
		}
		if (*c == '"')
			in_string = 1;
		else if (*c == '[') {
			depth++;
			if (array_depth < 0)
				array_depth = depth;
		} else if (*c == '{') {
			depth++;
			if (array_depth >= 0 && depth == array_depth + 1)
				lines[k++] = line;
		} else if (*c == ']' || *c == '}')
			depth--;
	}
}

bool import_read_json(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen)
{
	/* Parsed from memory: jansson's reading from a FILE takes a character at a time. The text is
	 * read again for line numbers. */
	size_t len = 0;
	unsigned char *bytes = NULL;
	if (!import_read_whole(path, IMPORT_JSON_MAX, &bytes, &len)) {
		snprintf(err, errlen, "%s: cannot read the file", path);
		return false;
	}
	char *text = (char *)bytes;
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d: not valid JSON: %s", path, je.line, je.text);
		free(text);
		return false;
	}
	json_t *arr = root;
	if (json_is_object(root)) {
		json_t *site = json_object_get(root, "site");
		if (json_is_string(site))
			out->site = pool_strdup(p, json_string_value(site));
		arr = json_object_get(root, "notices");
	}
	if (!json_is_array(arr)) {
		snprintf(err, errlen, "%s:1: expected {\"site\": ..., \"notices\": [...]} or an array of notices", path);
		json_decref(root);
		free(text);
		return false;
	}
	size_t count = json_array_size(arr);
	import_set_alloc(p, out, count);
	json_object_lines(text, out->lines, count);
	free(text);
	bool ok = true;
	for (size_t i = 0; i < count && ok; i++) {
		const char *field = NULL, *message = NULL;
		json_t *obj = json_array_get(arr, i);
		if (!notice_from_json(p, obj, &out->notices[i], &field, &message) ||
		    !json_files(p, obj, out, i, &field, &message)) {
			snprintf(err, errlen, "%s:%ld: notice %zu, field %s: %s", path, out->lines[i], i + 1, field, message);
			ok = false;
		}
		out->n = i + 1;
	}
	/* Strings were copied into the pool: the JSON tree can go. */
	json_decref(root);
	return ok;
}
