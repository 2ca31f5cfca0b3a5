/* Notices as JSON: one notice object of the push API (notice_from_json, through jansson: its
 * bodies are small) and the import file (import_read_json, through import_json_scan.h, which
 * builds no tree: a file of 10,000 notices is some 19 MB). Both read a notice by the one table
 * below, with the same messages. */
#include "notices/import.h"
#include "notices/import_json_scan.h"
#include "notices/import_read.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_JSON_MAX ((size_t)1 << 30) /* a file is read whole: its bound */

/* The text fields of a notice object and where each goes. Their order is the order of the checks
 * (then "items", then "attachments"): a notice wrong in several fields is reported at the first. */
static const struct {
	const char *key;
	size_t offset; /* of its const char * in struct notice_in */
} notice_texts[] = {
	{"external_id", offsetof(struct notice_in, external_id)},
	{"title", offsetof(struct notice_in, title)},
	{"issuer", offsetof(struct notice_in, issuer)},
	{"doc_number", offsetof(struct notice_in, doc_number)},
	{"subject", offsetof(struct notice_in, subject)},
	{"formed_on", offsetof(struct notice_in, formed_on)},
	{"published_at", offsetof(struct notice_in, published_at)},
	{"validity", offsetof(struct notice_in, validity)},
	{"category", offsetof(struct notice_in, category_code)},
	{"decision_kind", offsetof(struct notice_in, decision_kind)},
	{"body", offsetof(struct notice_in, body)},
	{"status", offsetof(struct notice_in, status)},
	{"changed_on", offsetof(struct notice_in, changed_on)},
	{"document_kind", offsetof(struct notice_in, document_kind)},
	{"repealed_on", offsetof(struct notice_in, repealed_on)},
};
#define NOTICE_TEXTS (sizeof notice_texts / sizeof notice_texts[0])
static const char KEY_ITEMS[] = "items", KEY_FILES[] = "attachments", FIELD_NOTICE[] = "notice";
/* Ranks of the checks beyond the text fields. */
enum { RANK_ITEMS = NOTICE_TEXTS, RANK_FILES, RANK_NONE };

static const char MSG_OBJECT[] = "应为对象", MSG_STRING[] = "应为字符串", MSG_ITEMS[] = "应为对象（内容项代码: 值）",
                  MSG_TOO_MANY_ITEMS[] = "内容项过多", MSG_FILES[] = "应为文件名数组", MSG_TOO_MANY_FILES[] = "附件过多",
                  MSG_FILE[] = "应为文件名";

static const char **notice_text(struct notice_in *n, size_t i)
{
	return (const char **)(void *)((char *)n + notice_texts[i].offset);
}

static bool fail(const char **field, const char **message, const char *f, const char *m)
{
	*field = f;
	*message = m;
	return false;
}

/* --- The push API's notice, from jansson's tree --- */

static bool json_items(struct pool *p, json_t *items, struct notice_in *n, const char **field, const char **message)
{
	if (items == NULL || json_is_null(items))
		return true;
	if (!json_is_object(items))
		return fail(field, message, KEY_ITEMS, MSG_ITEMS);
	const char *code;
	json_t *value;
	json_object_foreach(items, code, value)
	{
		if (n->nitems == NOTICE_MAX_ITEMS)
			return fail(field, message, KEY_ITEMS, MSG_TOO_MANY_ITEMS);
		if (!json_is_string(value))
			return fail(field, message, pool_strdup(p, code), MSG_STRING);
		n->items[n->nitems].code = pool_strdup(p, code);
		n->items[n->nitems].value = pool_strndup(p, json_string_value(value), json_string_length(value));
		n->nitems++;
	}
	return true;
}

bool notice_json_key(const char *key)
{
	for (size_t i = 0; i < NOTICE_TEXTS; i++)
		if (strcmp(notice_texts[i].key, key) == 0)
			return true;
	return strcmp(key, KEY_ITEMS) == 0;
}

bool notice_from_json(struct pool *p, json_t *obj, struct notice_in *n, const char **field, const char **message)
{
	memset(n, 0, sizeof *n);
	if (!json_is_object(obj))
		return fail(field, message, FIELD_NOTICE, MSG_OBJECT);
	for (size_t i = 0; i < NOTICE_TEXTS; i++) {
		json_t *v = json_object_get(obj, notice_texts[i].key);
		if (v == NULL || json_is_null(v))
			continue;
		if (!json_is_string(v))
			return fail(field, message, notice_texts[i].key, MSG_STRING);
		*notice_text(n, i) = pool_strndup(p, json_string_value(v), json_string_length(v));
	}
	return json_items(p, json_object_get(obj, KEY_ITEMS), n, field, message);
}

/* --- The import file, walked once --- */

struct json_read {
	struct jscan s;
	struct pool *p;
	struct import_set *out;
	size_t cap;
	size_t hint;      /* the text field after the last one found: files keep one order */
	bool failed;      /* a notice failed: the rest is only checked */
	const char *field, *message;
};

/* The first problem of one notice, by the rank of its check. */
struct notice_fault {
	size_t rank;
	const char *field, *message;
};

static void fault(struct notice_fault *f, size_t rank, const char *field, const char *message)
{
	if (rank < f->rank)
		*f = (struct notice_fault){rank, field, message};
}

/* Room for one more notice: the arrays grow by realloc (a notice_in is 1.6 KB) and are given to the
 * pool when the file is read. */
static void set_grow(struct json_read *r)
{
	struct import_set *o = r->out;
	if (o->n + 1 < r->cap)
		return;
	r->cap = r->cap ? r->cap * 2 : 64;
	void *a = realloc(o->notices, r->cap * sizeof *o->notices), *b = realloc(o->lines, r->cap * sizeof *o->lines),
	     *c = realloc(o->files, r->cap * sizeof *o->files), *d = realloc(o->nfiles, r->cap * sizeof *o->nfiles);
	if (a == NULL || b == NULL || c == NULL || d == NULL) {
		fputs("xxgk: out of memory\n", stderr);
		abort();
	}
	o->notices = a, o->lines = b, o->files = c, o->nfiles = d;
}

static void set_give(struct pool *p, struct import_set *o)
{
	pool_defer(p, free, o->notices);
	pool_defer(p, free, o->lines);
	pool_defer(p, free, o->files);
	pool_defer(p, free, o->nfiles);
}

static size_t text_find(struct json_read *r, const char *key)
{
	for (size_t k = 0; k < NOTICE_TEXTS; k++) {
		size_t i = (r->hint + k) % NOTICE_TEXTS;
		if (strcmp(notice_texts[i].key, key) == 0) {
			r->hint = i + 1;
			return i;
		}
	}
	return NOTICE_TEXTS;
}

/* A string the notice keeps, or null; anything else is the fault of field at rank. */
static const char *read_text(struct json_read *r, struct notice_fault *f, size_t rank, const char *field)
{
	enum jscan_kind k = jscan_peek(&r->s);
	size_t len;
	if (k == JSCAN_STRING)
		return jscan_string(&r->s, r->p, &len);
	if (k != JSCAN_NULL)
		fault(f, rank, field, MSG_STRING);
	jscan_skip(&r->s);
	return NULL;
}

/* "items": {"code": "value", ...}; the first wrong one is the fault, in the file's order. */
static void read_items(struct json_read *r, struct notice_in *n, struct notice_fault *f)
{
	enum jscan_kind k = jscan_peek(&r->s);
	struct jscan_walk w;
	if (k != JSCAN_OBJECT) {
		if (k != JSCAN_NULL)
			fault(f, RANK_ITEMS, KEY_ITEMS, MSG_ITEMS);
		jscan_skip(&r->s);
		return;
	}
	const char *code;
	size_t len;
	bool bad = false;
	jscan_object(&r->s, &w);
	while (jscan_key(&r->s, &w, &code, &len)) {
		if (!bad && n->nitems == NOTICE_MAX_ITEMS)
			fault(f, RANK_ITEMS, KEY_ITEMS, MSG_TOO_MANY_ITEMS), bad = true;
		if (!bad && jscan_peek(&r->s) != JSCAN_STRING)
			fault(f, RANK_ITEMS, pool_strndup(r->p, code, len), MSG_STRING), bad = true;
		if (bad) {
			jscan_skip(&r->s);
			continue;
		}
		n->items[n->nitems].code = pool_strndup(r->p, code, len);
		n->items[n->nitems++].value = jscan_string(&r->s, r->p, &len);
	}
}

/* "attachments": ["a.pdf", ...], names of files beside the export. Too many is the fault before
 * a wrong one, as jansson's tree gave the count first. */
static void read_files(struct json_read *r, size_t i, struct notice_fault *f)
{
	enum jscan_kind k = jscan_peek(&r->s);
	struct jscan_walk w;
	if (k != JSCAN_ARRAY) {
		if (k != JSCAN_NULL)
			fault(f, RANK_FILES, KEY_FILES, MSG_FILES);
		jscan_skip(&r->s);
		return;
	}
	const char *names[IMPORT_MAX_FILES];
	size_t count = 0, len;
	bool bad = false;
	jscan_array(&r->s, &w);
	for (; jscan_item(&r->s, &w); count++) {
		bad = bad || jscan_peek(&r->s) != JSCAN_STRING;
		if (!bad && count < IMPORT_MAX_FILES)
			names[count] = jscan_string(&r->s, r->p, &len);
		else
			jscan_skip(&r->s);
	}
	if (count > IMPORT_MAX_FILES || bad) {
		fault(f, RANK_FILES, KEY_FILES, count > IMPORT_MAX_FILES ? MSG_TOO_MANY_FILES : MSG_FILE);
		return;
	}
	r->out->files[i] = pool_alloc(r->p, count * sizeof *names);
	memcpy(r->out->files[i], names, count * sizeof *names);
	r->out->nfiles[i] = count;
}

static void read_field(struct json_read *r, size_t i, const char *key, struct notice_fault *f)
{
	struct notice_in *n = &r->out->notices[i];
	size_t t = text_find(r, key);
	if (t < NOTICE_TEXTS)
		*notice_text(n, t) = read_text(r, f, t, notice_texts[t].key);
	else if (strcmp(key, KEY_ITEMS) == 0)
		read_items(r, n, f);
	else if (strcmp(key, KEY_FILES) == 0)
		read_files(r, i, f);
	else
		jscan_skip(&r->s);
}

/* Notice i, whose value the cursor is on. */
static void read_notice(struct json_read *r, size_t i)
{
	struct notice_fault f = {.rank = RANK_NONE};
	memset(&r->out->notices[i], 0, sizeof r->out->notices[i]);
	r->out->files[i] = NULL;
	r->out->nfiles[i] = 0;
	r->hint = 0;
	if (jscan_peek(&r->s) != JSCAN_OBJECT) {
		fault(&f, 0, FIELD_NOTICE, MSG_OBJECT);
		jscan_skip(&r->s);
	} else {
		struct jscan_walk w;
		const char *key;
		size_t len;
		jscan_object(&r->s, &w);
		while (jscan_key(&r->s, &w, &key, &len))
			read_field(r, i, key, &f);
	}
	if (f.rank != RANK_NONE) {
		r->failed = true;
		r->field = f.field;
		r->message = f.message;
	}
}

/* The notices' array: each read until one fails, the rest only checked. */
static void read_notices(struct json_read *r)
{
	struct jscan_walk w;
	jscan_array(&r->s, &w);
	while (jscan_item(&r->s, &w)) {
		if (r->failed) {
			jscan_skip(&r->s);
			continue;
		}
		set_grow(r);
		jscan_peek(&r->s);
		r->out->lines[r->out->n] = r->s.line;
		read_notice(r, r->out->n++);
	}
}

/* The root: an array of notices, or {"site": "...", "notices": [...]} (other keys skipped).
 * Whether the notices were found. */
static bool read_root(struct json_read *r)
{
	if (!jscan_root(&r->s))
		return false;
	if (jscan_peek(&r->s) == JSCAN_ARRAY) {
		read_notices(r);
		return true;
	}
	struct jscan_walk w;
	const char *key;
	size_t len;
	bool found = false;
	jscan_object(&r->s, &w);
	while (jscan_key(&r->s, &w, &key, &len)) {
		enum jscan_kind k = jscan_peek(&r->s);
		if (strcmp(key, "site") == 0 && k == JSCAN_STRING)
			r->out->site = jscan_string(&r->s, r->p, &len);
		else if (strcmp(key, "notices") == 0 && k == JSCAN_ARRAY)
			read_notices(r), found = true;
		else
			jscan_skip(&r->s);
	}
	return found;
}

static bool read_report(struct json_read *r, const char *path, bool found, char *err, size_t errlen)
{
	if (!jscan_finish(&r->s))
		snprintf(err, errlen, "%s:%ld: not valid JSON: %s", path, r->s.error_line, r->s.error);
	else if (!found)
		snprintf(err, errlen, "%s:1: expected {\"site\": ..., \"notices\": [...]} or an array of notices", path);
	else if (r->failed)
		snprintf(err, errlen, "%s:%ld: notice %zu, field %s: %s", path, r->out->lines[r->out->n - 1], r->out->n,
		         r->field, r->message);
	else
		return true;
	return false;
}

bool import_read_json(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen)
{
	size_t len = 0;
	unsigned char *bytes = NULL;
	if (!import_read_whole(path, IMPORT_JSON_MAX, &bytes, &len)) {
		snprintf(err, errlen, "%s: cannot read the file", path);
		return false;
	}
	memset(out, 0, sizeof *out);
	out->where = "line";
	struct json_read r = {.p = p, .out = out};
	set_grow(&r);
	jscan_init(&r.s, (const char *)bytes, len);
	bool found = read_root(&r);
	bool ok = read_report(&r, path, found, err, errlen);
	jscan_free(&r.s);
	free(bytes);
	set_give(p, out);
	return ok;
}
