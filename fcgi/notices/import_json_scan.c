/* The import file's JSON reader (import_json_scan.h). Every rule is jansson 2.14's (load.c, utf.c),
 * so that the file accepted is the file jansson accepted; fuzz_import_json checks the two against
 * each other. Raw newlines cannot occur inside a string (a control character), so lines are
 * counted in whitespace alone. */
#include "notices/import_json_scan.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jscan_key {
	size_t off, len, slot;
	uint32_t hash;
};

static void *xrealloc(void *p, size_t n)
{
	void *r = realloc(p, n);
	if (r == NULL) {
		fputs("xxgk: out of memory\n", stderr);
		abort();
	}
	return r;
}

void jscan_init(struct jscan *s, const char *text, size_t len)
{
	memset(s, 0, sizeof *s);
	s->at = text;
	s->end = text + len;
	s->line = 1;
}

void jscan_free(struct jscan *s)
{
	free(s->kbytes);
	free(s->keys);
	free(s->slots);
}

bool jscan_fail(struct jscan *s, const char *why)
{
	if (s->error == NULL) {
		s->error = why;
		s->error_line = s->line;
	}
	return false;
}

static void skip_space(struct jscan *s)
{
	const char *c = s->at;
	for (;; c++) {
		if (*c == '\n')
			s->line++;
		else if (*c != ' ' && *c != '\t' && *c != '\r')
			break;
	}
	s->at = c;
}

enum jscan_kind jscan_peek(struct jscan *s)
{
	skip_space(s);
	switch (*s->at) {
	case '{':
		return JSCAN_OBJECT;
	case '[':
		return JSCAN_ARRAY;
	case '"':
		return JSCAN_STRING;
	case 'n':
		return JSCAN_NULL;
	default:
		return JSCAN_OTHER;
	}
}

/* A value starts: jansson counts every value, scalars too, against its depth limit. */
static bool value_begins(struct jscan *s)
{
	if (s->error != NULL)
		return false;
	if (s->depth + 1 > JSCAN_MAX_DEPTH)
		return jscan_fail(s, "more than 2048 levels of nesting");
	return true;
}

/* --- Strings --- */

/* Bytes of the UTF-8 sequence at c, or 0 when it is not one (overlong forms, surrogates and code
 * points past U+10FFFF are not). Stops at a '\0', which is no continuation byte. */
static size_t utf8_sequence(const unsigned char *c)
{
	unsigned char b = c[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;
	if (b >= 0xC2 && b <= 0xDF)
		n = 2;
	else if (b >= 0xE0 && b <= 0xEF)
		n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
	else if (b >= 0xF0 && b <= 0xF4)
		n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	if (c[1] < lo || c[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (c[i] < 0x80 || c[i] > 0xBF)
			return 0;
	return n;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The length of the escape at c (a backslash), 0 when it is none. */
static size_t escape_length(const unsigned char *c)
{
	if (c[1] == 'u')
		return is_hex(c[2]) && is_hex(c[3]) && is_hex(c[4]) && is_hex(c[5]) ? 6 : 0;
	return strchr("\"\\/bfnrt", c[1]) != NULL && c[1] != '\0' ? 2 : 0;
}

static bool string_error(struct jscan *s, const unsigned char *c)
{
	if (*c == '\\')
		return jscan_fail(s, "invalid escape in a string");
	if (*c >= 0x80)
		return jscan_fail(s, "invalid UTF-8");
	if (*c == '\0' && (const char *)c == s->end)
		return jscan_fail(s, "the text ends inside a string");
	return jscan_fail(s, *c == '\n' ? "a line break inside a string" : "a control character inside a string");
}

/* The string at s->at, checked byte by byte (UTF-8, control characters, the form of escapes) up
 * to its closing quote, which s->at then follows: *raw is its text between the quotes. */
static bool string_raw(struct jscan *s, const char **raw, size_t *len, bool *escaped)
{
	const unsigned char *start = (const unsigned char *)s->at + 1, *c = start;
	*escaped = false;
	for (;;) {
		unsigned char b = *c;
		size_t n;
		if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\')
			c++;
		else if (b == '"')
			break;
		else if (b == '\\' && (n = escape_length(c)) > 0)
			c += n, *escaped = true;
		else if (b >= 0x80 && (n = utf8_sequence(c)) > 0)
			c += n;
		else
			return string_error(s, c);
	}
	*raw = (const char *)start;
	*len = (size_t)(c - start);
	s->at = (const char *)c + 1;
	return true;
}

static unsigned hex4(const char *c)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char h = (unsigned char)c[i];
		v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
	}
	return v;
}

static size_t utf8_put(char *out, unsigned cp)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The code point of the \u escape at *c (its form checked), a surrogate pair taken whole; moves *c
 * past it. -1 for a lone surrogate or \u0000, as jansson refuses them. */
static long unicode_escape(struct jscan *s, const char **c)
{
	unsigned cp = hex4(*c + 2);
	*c += 6;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		unsigned lo = (*c)[0] == '\\' && (*c)[1] == 'u' ? hex4(*c + 2) : 0;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return jscan_fail(s, "a UTF-16 high surrogate without its low surrogate"), -1;
		*c += 6;
		return 0x10000 + ((long)(cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return jscan_fail(s, "a UTF-16 low surrogate alone"), -1;
	if (cp == 0)
		return jscan_fail(s, "\\u0000 in a string"), -1;
	return cp;
}

/* Unescapes raw (checked by string_raw) into out, which has room for len + 1 bytes, or only checks
 * its \u escapes when out is NULL. */
static bool string_unescape(struct jscan *s, const char *raw, size_t len, char *out, size_t *outlen)
{
	const char *c = raw, *end = raw + len;
	size_t n = 0;
	while (c < end) {
		const char *bs = memchr(c, '\\', (size_t)(end - c));
		size_t run = (size_t)((bs ? bs : end) - c);
		if (out != NULL)
			memcpy(out + n, c, run);
		n += run;
		c += run;
		if (bs == NULL)
			break;
		char one[4];
		size_t k = 1;
		if (c[1] == 'u') {
			long cp = unicode_escape(s, &c);
			if (cp < 0)
				return false;
			k = utf8_put(one, (unsigned)cp);
		} else {
			const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
			one[0] = to[strchr(from, c[1]) - from];
			c += 2;
		}
		if (out != NULL)
			memcpy(out + n, one, k);
		n += k;
	}
	if (out != NULL)
		out[n] = '\0';
	*outlen = n;
	return true;
}

const char *jscan_string(struct jscan *s, struct pool *p, size_t *len)
{
	const char *raw;
	size_t rawlen;
	bool escaped;
	if (!value_begins(s) || !string_raw(s, &raw, &rawlen, &escaped))
		return NULL;
	char *out = pool_alloc(p, rawlen + 1);
	if (!escaped) {
		memcpy(out, raw, rawlen);
		out[rawlen] = '\0';
		*len = rawlen;
		return out;
	}
	return string_unescape(s, raw, rawlen, out, len) ? out : NULL;
}

static bool skip_string(struct jscan *s)
{
	const char *raw;
	size_t rawlen, n;
	bool escaped;
	return string_raw(s, &raw, &rawlen, &escaped) && (!escaped || string_unescape(s, raw, rawlen, NULL, &n));
}

/* --- Keys: an object's keys are kept while it is open, to refuse one given twice --- */

static uint32_t key_hash(const char *k, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

/* Puts entry i in the table at the first free slot of its probe sequence. */
static void slot_put(struct jscan *s, size_t i)
{
	size_t mask = s->nslots - 1, at = s->keys[i].hash & mask;
	while (s->slots[at] != 0)
		at = (at + 1) & mask;
	s->slots[at] = i + 1;
	s->keys[i].slot = at;
}

/* Twice the room, the live entries put back in their order (as if the table had always had it). */
static void slots_grow(struct jscan *s)
{
	s->nslots = s->nslots ? s->nslots * 2 : 64;
	free(s->slots);
	s->slots = xrealloc(NULL, s->nslots * sizeof *s->slots);
	memset(s->slots, 0, s->nslots * sizeof *s->slots);
	for (size_t i = 0; i < s->nkeys; i++)
		slot_put(s, i);
}

/* Whether the key at kbytes + klen (len bytes) is among those of the object opened at mark. */
static bool key_seen(const struct jscan *s, size_t mark, uint32_t h, size_t len)
{
	const char *k = s->kbytes + s->klen;
	size_t mask = s->nslots - 1;
	for (size_t at = h & mask; s->slots[at] != 0; at = (at + 1) & mask) {
		size_t i = s->slots[at] - 1;
		const struct jscan_key *e = &s->keys[i];
		if (i >= mark && e->hash == h && e->len == len && memcmp(s->kbytes + e->off, k, len) == 0)
			return true;
	}
	return false;
}

/* The key string at s->at, unescaped at the top of kbytes, checked and kept. */
static bool key_read(struct jscan *s, struct jscan_walk *w, const char **key, size_t *len)
{
	const char *raw;
	size_t rawlen;
	bool escaped;
	if (!string_raw(s, &raw, &rawlen, &escaped))
		return false;
	if (s->kcap - s->klen < rawlen + 1) {
		s->kcap = (s->klen + rawlen + 1) * 2;
		s->kbytes = xrealloc(s->kbytes, s->kcap);
	}
	char *k = s->kbytes + s->klen;
	if (!escaped) {
		memcpy(k, raw, rawlen);
		k[rawlen] = '\0';
		*len = rawlen;
	} else if (!string_unescape(s, raw, rawlen, k, len))
		return false;
	uint32_t h = key_hash(k, *len);
	if ((s->nkeys + 1) * 2 > s->nslots)
		slots_grow(s);
	if (key_seen(s, w->mark, h, *len))
		return jscan_fail(s, "a key given twice in one object");
	if (s->nkeys == s->keycap) {
		s->keycap = s->keycap ? s->keycap * 2 : 64;
		s->keys = xrealloc(s->keys, s->keycap * sizeof *s->keys);
	}
	s->keys[s->nkeys] = (struct jscan_key){.off = s->klen, .len = *len, .hash = h};
	slot_put(s, s->nkeys++);
	s->klen += *len + 1;
	*key = k;
	return true;
}

/* The object's keys go, newest first: the table is as it was before the object opened. */
static void keys_drop(struct jscan *s, size_t mark)
{
	if (s->nkeys <= mark)
		return;
	s->klen = s->keys[mark].off;
	while (s->nkeys > mark)
		s->slots[s->keys[--s->nkeys].slot] = 0;
}

/* --- Containers --- */

/* The opening of an object or an array: the walk over it starts. */
static bool container_begin(struct jscan *s, struct jscan_walk *w, char open, const char *expected)
{
	if (!value_begins(s))
		return false;
	if (*s->at != open)
		return jscan_fail(s, expected);
	s->at++;
	s->depth++;
	*w = (struct jscan_walk){.mark = s->nkeys};
	return true;
}

bool jscan_object(struct jscan *s, struct jscan_walk *w)
{
	return container_begin(s, w, '{', "an object expected");
}

static bool container_end(struct jscan *s)
{
	s->at++;
	s->depth--;
	return false;
}

bool jscan_key(struct jscan *s, struct jscan_walk *w, const char **key, size_t *len)
{
	if (s->error != NULL)
		return false;
	skip_space(s);
	if (*s->at == '}')
		return keys_drop(s, w->mark), container_end(s);
	if (w->count > 0) {
		if (*s->at != ',')
			return jscan_fail(s, "',' or '}' expected after a value in an object");
		s->at++;
		skip_space(s);
	}
	if (*s->at != '"')
		return jscan_fail(s, w->count == 0 ? "a key or '}' expected" : "a key expected after ','");
	if (!key_read(s, w, key, len))
		return false;
	skip_space(s);
	if (*s->at != ':')
		return jscan_fail(s, "':' expected after a key");
	s->at++;
	skip_space(s);
	w->count++;
	return true;
}

bool jscan_array(struct jscan *s, struct jscan_walk *w)
{
	return container_begin(s, w, '[', "an array expected");
}

bool jscan_item(struct jscan *s, struct jscan_walk *w)
{
	if (s->error != NULL)
		return false;
	skip_space(s);
	if (*s->at == ']' && w->count == 0)
		return container_end(s);
	if (w->count > 0) {
		if (*s->at == ']')
			return container_end(s);
		if (*s->at != ',')
			return jscan_fail(s, "',' or ']' expected after a value in an array");
		s->at++;
		skip_space(s);
	}
	w->count++;
	return true;
}

/* --- Numbers and words --- */

/* jansson's lexer reads one byte past a number or a word and puts it back into a buffer where a
 * NUL byte marks the end: a NUL byte there is lost, and the text read on without it. The text
 * jansson accepted that way is accepted here too (never inside a string, where NUL is refused). */
static bool token_end(struct jscan *s, const char *c)
{
	s->at = c + (*c == '\0' && c != s->end);
	return true;
}

static const char *digits(const char *c)
{
	while (*c >= '0' && *c <= '9')
		c++;
	return c;
}

/* An integer of n digits at c fits json_int_t (long long) as jansson's strtoll requires. */
static bool integer_fits(const char *c, size_t n, bool negative)
{
	static const char max[] = "9223372036854775807", min[] = "9223372036854775808";
	if (n != sizeof max - 1)
		return n < sizeof max - 1;
	return memcmp(c, negative ? min : max, n) <= 0;
}

static bool skip_number(struct jscan *s)
{
	const char *start = s->at, *c = start;
	bool negative = *c == '-';
	c += negative;
	const char *int_start = c;
	if (*c == '0')
		c++;
	else if (*c >= '1' && *c <= '9')
		c = digits(c);
	else
		return jscan_fail(s, "a digit expected after '-'");
	const char *int_end = c;
	bool real = false;
	if (*c == '.') {
		if (!(c[1] >= '0' && c[1] <= '9'))
			return jscan_fail(s, "a digit expected after '.'");
		c = digits(c + 1), real = true;
	}
	if (*c == 'e' || *c == 'E') {
		c += c[1] == '+' || c[1] == '-' ? 2 : 1;
		if (!(*c >= '0' && *c <= '9'))
			return jscan_fail(s, "a digit expected in an exponent");
		c = digits(c), real = true;
	}
	token_end(s, c);
	if (!real)
		return integer_fits(int_start, (size_t)(int_end - int_start), negative) ||
		       jscan_fail(s, "an integer too large");
	/* strtod stops where the number's grammar does: it reads no more than the token. */
	errno = 0;
	double v = strtod(start, NULL);
	return !(errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL)) || jscan_fail(s, "a number too large");
}

static bool skip_word(struct jscan *s)
{
	static const char *const words[] = {"true", "false", "null"};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if (strncmp(s->at, words[i], n) == 0)
			return token_end(s, s->at + n);
	}
	return jscan_fail(s, "an unknown word");
}

/* --- Any value --- */

static bool skip_object(struct jscan *s)
{
	struct jscan_walk w;
	const char *key;
	size_t len;
	if (!jscan_object(s, &w))
		return false;
	while (jscan_key(s, &w, &key, &len))
		if (!jscan_skip(s))
			return false;
	return s->error == NULL;
}

static bool skip_array(struct jscan *s)
{
	struct jscan_walk w;
	if (!jscan_array(s, &w))
		return false;
	while (jscan_item(s, &w))
		if (!jscan_skip(s))
			return false;
	return s->error == NULL;
}

bool jscan_skip(struct jscan *s)
{
	skip_space(s);
	if (!value_begins(s))
		return false;
	char c = *s->at;
	if (c == '{')
		return skip_object(s);
	if (c == '[')
		return skip_array(s);
	if (c == '"')
		return skip_string(s);
	if (c == '-' || (c >= '0' && c <= '9'))
		return skip_number(s);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return skip_word(s);
	if (c == '\0' && s->at == s->end)
		return jscan_fail(s, "the text ends where a value was expected");
	if ((unsigned char)c >= 0x80 && utf8_sequence((const unsigned char *)s->at) == 0)
		return jscan_fail(s, "invalid UTF-8");
	return jscan_fail(s, "a value expected");
}

bool jscan_root(struct jscan *s)
{
	enum jscan_kind k = jscan_peek(s);
	if (k == JSCAN_OBJECT || k == JSCAN_ARRAY)
		return true;
	if (*s->at == '\xEF' && strncmp(s->at, "\xEF\xBB\xBF", 3) == 0)
		return jscan_fail(s, "a byte order mark (JSON text has none)");
	return jscan_skip(s) && jscan_fail(s, "'[' or '{' expected at the start");
}

bool jscan_finish(struct jscan *s)
{
	if (s->error != NULL)
		return false;
	skip_space(s);
	return s->at == s->end || jscan_fail(s, "text after the end of the JSON value");
}
