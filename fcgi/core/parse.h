/* Bounded parsers for untrusted input: query strings, urlencoded and multipart bodies, cookies,
 * and validation of parsed fields against a declared table. Pure functions over a pool. */
#ifndef XXGK_PARSE_H
#define XXGK_PARSE_H
#include "core/error.h"
#include "core/pool.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kv {
	const char *key, *value; /* NUL-terminated, valid UTF-8 text */
	size_t len;
};

struct upload {
	const char *field, *filename, *content_type;
	const unsigned char *data;
	size_t len;
};

struct form {
	struct kv *fields;
	size_t n, cap;
	struct upload *files;
	size_t nfiles;
	/* The first part parse_multipart refused (its XE_BAD_REQUEST): the field it was for (NULL when
	 * its name is what was wrong) and what was wrong, in Chinese for the person who sent it, to
	 * follow the field's label. The other parts are read all the same, so that a form can be shown
	 * again with what was typed and the error at its field. */
	const char *refused_field, *refused_message;
};

struct limits {
	size_t max_fields;    /* fields in one query or body */
	size_t max_key;       /* bytes in a field name */
	size_t max_value;     /* bytes in a field value */
	size_t max_files;     /* uploads in one multipart body */
	size_t max_file_size; /* bytes in one upload */
};

extern const struct limits default_limits;

/* Each returns XE_OK, XE_BAD_REQUEST (malformed, bad UTF-8) or XE_TOO_LARGE (a limit), with a
 * short reason in Chinese in *why, for the error page of the person who sent it. Parsed fields
 * are appended to *form. A multipart part with a name or file name holding CR, LF or NUL, or
 * malformed headers, is refused, never dropped or read as something else: XE_BAD_REQUEST with
 * form->refused_field and refused_message. */
enum xerr parse_urlencoded(struct pool *p, const char *s, size_t len, const struct limits *lim,
                           struct form *form, const char **why);
enum xerr parse_multipart(struct pool *p, const unsigned char *body, size_t len, const char *content_type,
                          const struct limits *lim, struct form *form, const char **why);
/* Cookies never fail a request: malformed pairs are skipped. */
void parse_cookies(struct pool *p, const char *header, struct form *form);

const char *form_get(const struct form *form, const char *key);
size_t form_count(const struct form *form, const char *key);
void form_add(struct pool *p, struct form *form, const char *key, const char *value);
const struct upload *form_file(const struct form *form, const char *field, size_t index);

/* The declared table of a form's fields (kcgi's way): a handler declares its fields once, as an
 * array indexed by an enum with designated initializers, and receives parsed, typed values in an
 * array of the same size. Ranges shared by several forms are named once below. */
enum field_type {
	FT_LINE,   /* one line of text */
	FT_TEXT,   /* multi-line text */
	FT_INT,    /* whole number within [min, max] */
	FT_ID,     /* a row id: whole number 1..ID_MAX */
	FT_DATE,   /* YYYY-MM-DD, to days since 1970-01-01 */
	FT_MONTH,  /* YYYY-MM, to the days of its first day */
	FT_CHOICE, /* one of choices[], to its index */
	FT_EMAIL,
	FT_PHONE,  /* digits, spaces, + - ( ) */
	FT_CODE,   /* [A-Za-z0-9._-] */
	FT_URL,    /* http(s) only */
};

#define ID_MAX INT64_MAX
/* The years the annual and timeliness reports, and the calendar, accept. */
#define YEAR_MIN 2008
#define YEAR_MAX 2199

struct field_spec {
	const char *name;
	enum field_type type;
	bool required;
	size_t max_chars;               /* for text types; 0 = 200 */
	long long min, max;             /* for FT_INT */
	const char *const *choices;     /* NULL-terminated, for FT_CHOICE */
	const char *label;              /* Chinese label for error messages */
};

/* What a handler receives for one declared field. */
struct field_value {
	const char *text; /* the trimmed value; NULL when absent or empty */
	long long num;    /* FT_INT, FT_ID: the number; FT_DATE, FT_MONTH: days since 1970-01-01;
	                     FT_CHOICE: the index in choices */
};

struct field_error {
	const char *field, *label, *message; /* message in Chinese, for the person who typed it */
};

/* Parses one declared field of form into *v. False with *err filled when the value is bad. */
bool field_parse(struct pool *p, const struct form *form, const struct field_spec *spec, struct field_value *v,
                 struct field_error *err);
/* Parses every declared field; false and *err on the first bad one. Use form_parse(). */
bool form_parse_n(struct pool *p, const struct form *form, const struct field_spec *specs, size_t n,
                  struct field_value *values, struct field_error *err);
#define FIELDS_OF(a) (sizeof(a) / sizeof((a)[0]))
/* form_parse(pool, form, specs, values, err): specs and values are arrays of the same length,
 * checked at compile time, so that no caller counts fields by hand. */
#define form_parse(p, form, specs, values, err)                                                                  \
	((void)sizeof(struct {                                                                                     \
		 _Static_assert(FIELDS_OF(specs) == FIELDS_OF(values), "one value per declared field");          \
		 int x;                                                                                            \
	 }),                                                                                                       \
	 form_parse_n((p), (form), (specs), FIELDS_OF(specs), (values), (err)))
/* Fields from..to-1 as a JSON object, name: text (null when absent), for an audit entry. */
const char *form_json(struct pool *p, const struct field_spec *specs, const struct field_value *v, size_t from,
                      size_t to);
bool value_is_email(const char *s);
bool url_is_safe(const char *s); /* absolute http(s) URL or a site-relative path */

#endif
