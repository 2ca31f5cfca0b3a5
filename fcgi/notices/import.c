#include "notices/import.h"
#include "core/site.h"
#include "core/text.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	                                   "published_at", "validity", "category", "decision_kind", "body", "status"};
	const char **dest[] = {&n->external_id, &n->title, &n->issuer, &n->doc_number, &n->subject, &n->formed_on,
	                       &n->published_at, &n->validity, &n->category_code, &n->decision_kind, &n->body, &n->status};
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

static const char *xml_child_text(struct pool *p, xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name)) {
			xmlChar *t = xmlNodeGetContent(c);
			const char *r = pool_strdup(p, t ? (const char *)t : "");
			xmlFree(t);
			return r;
		}
	return NULL;
}

static const char *xml_prop(struct pool *p, xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	const char *r = v ? pool_strdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return r;
}

struct parsed {
	struct notice_in *notices;
	long *lines;
	size_t n;
	const char *site;
};

static bool read_xml(struct pool *p, const char *path, struct parsed *out, char *err, size_t errlen)
{
	xmlDocPtr doc = xmlReadFile(path, "UTF-8", XXGK_XML_PARSE_OPTIONS);
	if (doc == NULL) {
		const xmlError *xe = xmlGetLastError();
		snprintf(err, errlen, "%s:%d: not well-formed XML: %s", path, xe ? xe->line : 0,
		         xe && xe->message ? xe->message : "");
		return false;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	bool ok = root != NULL && xmlStrEqual(root->name, (const xmlChar *)"notices");
	if (!ok) {
		snprintf(err, errlen, "%s:1: the root element must be <notices>", path);
		xmlFreeDoc(doc);
		return false;
	}
	out->site = xml_prop(p, root, "site");
	size_t count = 0;
	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			count++;
	out->notices = pool_alloc(p, (count + 1) * sizeof *out->notices);
	out->lines = pool_alloc(p, (count + 1) * sizeof *out->lines);
	for (xmlNodePtr c = root->children; c != NULL && ok; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		long line = xmlGetLineNo(c);
		if (!xmlStrEqual(c->name, (const xmlChar *)"notice")) {
			snprintf(err, errlen, "%s:%ld: unexpected element <%s>", path, line, (const char *)c->name);
			ok = false;
			break;
		}
		struct notice_in *n = &out->notices[out->n];
		out->lines[out->n++] = line;
		n->external_id = xml_prop(p, c, "external-id");
		n->category_code = xml_prop(p, c, "category");
		n->status = xml_prop(p, c, "status");
		n->decision_kind = xml_prop(p, c, "decision-kind");
		n->title = xml_child_text(p, c, "title");
		n->issuer = xml_child_text(p, c, "issuer");
		n->doc_number = xml_child_text(p, c, "doc-number");
		n->subject = xml_child_text(p, c, "subject");
		n->formed_on = xml_child_text(p, c, "formed-on");
		n->published_at = xml_child_text(p, c, "published-at");
		n->validity = xml_child_text(p, c, "validity");
		n->body = xml_child_text(p, c, "body");
		for (xmlNodePtr items = c->children; items != NULL; items = items->next) {
			if (items->type != XML_ELEMENT_NODE || !xmlStrEqual(items->name, (const xmlChar *)"items"))
				continue;
			for (xmlNodePtr it = items->children; it != NULL; it = it->next) {
				if (it->type != XML_ELEMENT_NODE)
					continue;
				if (n->nitems == NOTICE_MAX_ITEMS) {
					snprintf(err, errlen, "%s:%ld: field items: too many items", path, (long)xmlGetLineNo(it));
					ok = false;
					break;
				}
				xmlChar *t = xmlNodeGetContent(it);
				n->items[n->nitems].code = xml_prop(p, it, "code");
				n->items[n->nitems].value = pool_strdup(p, t ? (const char *)t : "");
				xmlFree(t);
				n->nitems++;
			}
		}
	}
	xmlFreeDoc(doc);
	return ok;
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

static bool read_json(struct pool *p, const char *path, struct parsed *out, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d: not valid JSON: %s", path, je.line, je.text);
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
		return false;
	}
	size_t count = json_array_size(arr);
	out->notices = pool_alloc(p, (count + 1) * sizeof *out->notices);
	out->lines = pool_alloc(p, (count + 1) * sizeof *out->lines);
	FILE *f = fopen(path, "rb");
	if (f != NULL) {
		/* Re-read the text for line numbers (bounded: import files are at most a few hundred MB). */
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		fseek(f, 0, SEEK_SET);
		if (size > 0 && size < (1L << 30)) {
			char *text = malloc((size_t)size + 1);
			if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) {
				text[size] = '\0';
				json_object_lines(text, out->lines, count);
			}
			free(text);
		}
		fclose(f);
	}
	bool ok = true;
	for (size_t i = 0; i < count && ok; i++) {
		const char *field = NULL, *message = NULL;
		if (!notice_from_json(p, json_array_get(arr, i), &out->notices[i], &field, &message)) {
			snprintf(err, errlen, "%s:%ld: notice %zu, field %s: %s", path, out->lines[i], i + 1, field, message);
			ok = false;
		}
		out->n = i + 1;
	}
	/* Strings were copied into the pool: the JSON tree can go. */
	json_decref(root);
	return ok;
}

int import_file(const struct app *app, struct db *db, const char *path, const char *site_key, FILE *progress)
{
	struct pool *p = pool_new();
	struct parsed in = {0};
	char err[1024] = "";
	size_t plen = strlen(path);
	bool is_xml = plen > 4 && strcmp(path + plen - 4, ".xml") == 0;
	int rc = 1;
	if (!(is_xml ? read_xml(p, path, &in, err, sizeof err) : read_json(p, path, &in, err, sizeof err))) {
		fprintf(stderr, "xxgkctl import: %s\n", err);
		goto done;
	}
	const char *key = site_key ? site_key : in.site;
	if (key == NULL) {
		fprintf(stderr, "xxgkctl import: %s: no site given (use --site, or \"site\" in the file)\n", path);
		goto done;
	}
	struct site site;
	enum xerr e = site_by_key(db, p, app, key, &site);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl import: site %s: %s\n", key, e == XE_NOT_FOUND ? "no such site" : db_error(db));
		goto done;
	}
	/* Everything is checked before anything is written. */
	for (size_t i = 0; i < in.n; i++) {
		const char *field = NULL, *message = NULL;
		if (!notice_validate(app, p, &site, &in.notices[i], &field, &message)) {
			fprintf(stderr, "xxgkctl import: %s:%ld: notice %zu, field %s: %s\n", path, in.lines[i], i + 1, field,
			        message);
			goto done;
		}
	}
	bool tty = progress != NULL && isatty(fileno(progress));
	if (db_begin(db) != XE_OK) {
		fprintf(stderr, "xxgkctl import: %s\n", db_error(db));
		goto done;
	}
	for (size_t i = 0; i < in.n; i++) {
		e = notice_save(db, p, &site, &in.notices[i], NULL);
		if (e != XE_OK) {
			fprintf(stderr, "\nxxgkctl import: %s:%ld: notice %zu: %s\n", path, in.lines[i], i + 1,
			        e == XE_CONFLICT ? "duplicate" : db_error(db));
			db_rollback(db);
			goto done;
		}
		if (tty && (i % 100 == 0 || i + 1 == in.n))
			fprintf(progress, "\rimporting %zu/%zu", i + 1, in.n);
	}
	if (db_commit(db) != XE_OK) {
		fprintf(stderr, "xxgkctl import: commit failed: %s\n", db_error(db));
		goto done;
	}
	if (tty)
		fputc('\n', progress);
	printf("imported %zu notices into %s\n", in.n, site.key);
	rc = 0;
done:
	pool_free(p);
	return rc;
}
