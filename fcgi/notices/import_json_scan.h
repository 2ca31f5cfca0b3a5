/* A JSON reader for the import file (import_json.c) that walks the text once and builds no tree:
 * the caller walks objects and arrays and reads each value it keeps (strings unescaped straight
 * into a pool) or skips it, checked all the same. It accepts exactly the documents jansson's
 * json_loadb accepts with JSON_REJECT_DUPLICATES alone: RFC 8259 text whose root is an object or
 * an array (no BOM), strict UTF-8, no \u0000, surrogates only in pairs, integers within long
 * long, reals within double, no key twice in one object, at most 2,048 levels of values, nothing
 * but whitespace after the root.
 *
 * The first error stops the walk: every call returns false from then on, and error holds the
 * reason, error_line the line where it was found. */
#ifndef XXGK_IMPORT_JSON_SCAN_H
#define XXGK_IMPORT_JSON_SCAN_H
#include "core/pool.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSCAN_MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH */

/* What the next value is, by its first character (JSCAN_OTHER: a number, true, false, or text
 * that is no value, which jscan_skip reports). */
enum jscan_kind { JSCAN_OBJECT, JSCAN_ARRAY, JSCAN_STRING, JSCAN_NULL, JSCAN_OTHER };

struct jscan_key; /* the keys of the objects being walked (duplicates) */

struct jscan {
	const char *at, *end; /* *end is '\0' */
	long line;
	size_t depth; /* containers open */
	const char *error;
	long error_line;
	/* The keys of the open objects, innermost last: their bytes, their entries, and a hash table
	 * of entry numbers + 1 (0: empty) that closing an object undoes in reverse order. */
	char *kbytes;
	size_t klen, kcap;
	struct jscan_key *keys;
	size_t nkeys, keycap;
	size_t *slots;
	size_t nslots;
};

/* An object or array being walked, from jscan_object or jscan_array to the jscan_key or
 * jscan_item that returns false. */
struct jscan_walk {
	size_t mark; /* the object's first key */
	size_t count;
};

/* text[len] must be '\0'. */
void jscan_init(struct jscan *s, const char *text, size_t len);
void jscan_free(struct jscan *s);
/* The kind of the value that follows; s->line is then the line it starts on. */
enum jscan_kind jscan_peek(struct jscan *s);
/* Checks the value that follows and goes past it. */
bool jscan_skip(struct jscan *s);
/* The string that follows (the caller peeked JSCAN_STRING), unescaped into p; NULL on error. */
const char *jscan_string(struct jscan *s, struct pool *p, size_t *len);
/* Opens the object (JSCAN_OBJECT peeked); then each jscan_key gives its next key, NUL-terminated
 * and valid until the next call, with the cursor on the key's value, which the caller must read
 * or skip; false at the end of the object or on an error. */
bool jscan_object(struct jscan *s, struct jscan_walk *w);
bool jscan_key(struct jscan *s, struct jscan_walk *w, const char **key, size_t *len);
/* Opens the array (JSCAN_ARRAY peeked); then each jscan_item leaves the cursor on the next
 * element, which the caller must read or skip; false at the end of the array or on an error. */
bool jscan_array(struct jscan *s, struct jscan_walk *w);
bool jscan_item(struct jscan *s, struct jscan_walk *w);
/* The root: an object or an array (jansson's default), then only whitespace to the end. */
bool jscan_root(struct jscan *s);
bool jscan_finish(struct jscan *s);
/* Records an error found by the caller (the first one stays). Returns false. */
bool jscan_fail(struct jscan *s, const char *why);

#endif
