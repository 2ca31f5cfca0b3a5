/* Reading a configuration file against the table of keys (settings_table.c): names and their
 * suggestions, values by type, defaults, the problems in line order; and the table described for
 * the man page. */
#include "core/settings.h"
#include "core/site.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---- */

static bool is_site_row(const struct setting *row)
{
	return strcmp(row->section, SETTINGS_SITE_SECTION) == 0;
}

static bool is_site_section(const char *name)
{
	return strncmp(name, SETTINGS_SITE_PREFIX, strlen(SETTINGS_SITE_PREFIX)) == 0;
}

static bool section_known(const char *name)
{
	if (is_site_section(name))
		return site_key_valid(name + strlen(SETTINGS_SITE_PREFIX));
	for (size_t i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].section, name) == 0)
			return true;
	return false;
}

static const struct setting *find_row(const char *section, const char *key)
{
	const char *table_section = is_site_section(section) ? SETTINGS_SITE_SECTION : section;
	for (size_t i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].section, table_section) == 0 && strcmp(settings_table[i].key, key) == 0)
			return &settings_table[i];
	return NULL;
}

size_t edit_distance(const char *a, const char *b)
{
	enum { LONGEST = 64 };
	size_t n = strlen(a), m = strlen(b);
	if (n > LONGEST || m > LONGEST)
		return SIZE_MAX;
	/* Three rows of the table: the one two back is for swaps of neighbours. */
	size_t rows[3][LONGEST + 1];
	for (size_t j = 0; j <= m; j++)
		rows[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
	}
	return rows[n % 3][m];
}

const char *nearest_name(const char *name, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(name, candidates[i]);
		size_t len = strlen(candidates[i]);
		/* A third of the name may be mistyped, one letter of a short one. */
		size_t near = len / 3 > 1 ? len / 3 : 1;
		if (d <= near && d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

/* The table's sections (SETTINGS_SITE_SECTION as site. and the rest of name after its first dot, so that
 * [sites.lincang] meets [site.lincang]), or its keys of one section; n at most max. */
static size_t candidates(const char *section, const char *name, char *site_name, size_t site_len,
                         const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < settings_count && n < max; i++) {
		const struct setting *row = &settings_table[i];
		const char *c = section == NULL ? row->section : row->key;
		if (section != NULL && strcmp(row->section, section) != 0)
			continue;
		if (section == NULL && is_site_row(row)) {
			const char *dot = strchr(name, '.');
			snprintf(site_name, site_len, "%s%s", SETTINGS_SITE_PREFIX, dot != NULL ? dot + 1 : "");
			c = site_name;
		}
		if (n == 0 || strcmp(out[n - 1], c) != 0)
			out[n++] = c;
	}
	return n;
}

static void unknown_section(struct buf *errors, const char *file, const struct config_section *sec)
{
	if (is_site_section(sec->name)) {
		buf_printf(errors, "%s:%d: [%s]: a site's key is 1 to 32 of a-z, 0-9, - and _\n", file, sec->line, sec->name);
		return;
	}
	const char *names[64];
	char site_name[160];
	size_t n = candidates(NULL, sec->name, site_name, sizeof site_name, names, 64);
	const char *near = nearest_name(sec->name, names, n);
	buf_printf(errors, "%s:%d: unknown section [%s]", file, sec->line, sec->name);
	if (near != NULL)
		buf_printf(errors, "; did you mean [%s]?", near);
	buf_putc(errors, '\n');
}

static void unknown_key(struct buf *errors, const char *file, const struct config_entry *e)
{
	const char *section = is_site_section(e->section) ? SETTINGS_SITE_SECTION : e->section;
	const char *names[64];
	size_t n = candidates(section, e->key, NULL, 0, names, 64);
	const char *near = nearest_name(e->key, names, n);
	buf_printf(errors, "%s:%d: unknown key %s in [%s]", file, e->line, e->key, e->section);
	if (near != NULL) {
		buf_printf(errors, "; did you mean %s?", near);
	} else {
		for (size_t i = 0; i < settings_count; i++)
			if (strcmp(settings_table[i].key, e->key) == 0) {
				buf_printf(errors, "; %s is a key of [%s]", e->key, settings_table[i].section);
				break;
			}
	}
	buf_putc(errors, '\n');
}

/* ---- values ---- */

static void put_size(struct buf *b, long long v)
{
	static const char units[] = "GMK";
	for (int i = 0; i < 3; i++) {
		long long unit = 1LL << (10 * (3 - i));
		if (v != 0 && v % unit == 0) {
			buf_printf(b, "%lld%c", v / unit, units[i]);
			return;
		}
	}
	buf_printf(b, "%lld", v);
}

/* What a value of the row must be, in words. */
static void describe_type(struct buf *b, const struct setting *row)
{
	switch (row->type) {
	case ST_STRING:
		buf_puts(b, row->rule != NULL ? row->rule : "text");
		if (row->min > 0)
			buf_puts(b, ", not empty");
		if (row->max > 0)
			buf_printf(b, ", at most %lld bytes", row->max);
		break;
	case ST_PATH:
		buf_puts(b, "an absolute path");
		if (row->max > 0)
			buf_printf(b, " of at most %lld bytes", row->max);
		break;
	case ST_INT: buf_printf(b, "a whole number from %lld to %lld", row->min, row->max); break;
	case ST_SIZE:
		buf_puts(b, "a size in bytes from ");
		put_size(b, row->min);
		buf_puts(b, " to ");
		put_size(b, row->max);
		buf_puts(b, " (K, M, G: times 1024)");
		break;
	case ST_BOOL: buf_puts(b, "yes or no"); break;
	case ST_LIST: buf_printf(b, "%s, separated by spaces or commas", row->rule); break;
	case ST_CHOICE:
		buf_puts(b, "one of");
		for (size_t i = 0; row->choices[i] != NULL; i++)
			buf_printf(b, "%s %s", i ? "," : "", row->choices[i]);
		break;
	}
}

static bool parse_size(const char *v, long long min, long long max, long long *out)
{
	char digits[24];
	size_t n = strspn(v, "0123456789");
	long long unit = 1;
	if (n == 0 || n >= sizeof digits)
		return false;
	switch (v[n]) {
	case '\0': break;
	case 'K': case 'k': unit = SETTINGS_KB; break;
	case 'M': case 'm': unit = SETTINGS_MB; break;
	case 'G': case 'g': unit = SETTINGS_GB; break;
	default: return false;
	}
	if (v[n] != '\0' && v[n + 1] != '\0')
		return false;
	memcpy(digits, v, n);
	digits[n] = '\0';
	long long count;
	if (!parse_int(digits, 0, max / unit, &count) || count * unit < min)
		return false;
	*out = count * unit;
	return true;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

static bool list_valid(const char *v, bool (*check)(const char *))
{
	char item[256];
	for (const char *c = v; *c;) {
		c += strspn(c, " ,\t");
		size_t k = strcspn(c, " ,\t");
		if (k == 0)
			break;
		if (k >= sizeof item)
			return false;
		memcpy(item, c, k);
		item[k] = '\0';
		if (!check(item))
			return false;
		c += k;
	}
	return true;
}

static bool text_fits(const struct setting *row, const char *v)
{
	size_t n = strlen(v);
	if (n < (size_t)row->min || (row->max > 0 && n > (size_t)row->max))
		return false;
	if (n == 0)
		return true;
	if (row->type == ST_PATH)
		return v[0] == '/';
	if (row->type == ST_LIST)
		return list_valid(v, row->check);
	return row->check == NULL || row->check(v);
}

/* Stores v, written for row, at field; false when it is not what the row takes. */
static bool set_value(const struct setting *row, const char *v, void *field)
{
	switch (row->type) {
	case ST_STRING:
	case ST_PATH:
	case ST_LIST:
		if (!text_fits(row, v))
			return false;
		*(const char **)field = v;
		return true;
	case ST_INT: return parse_int(v, row->min, row->max, (long long *)field);
	case ST_SIZE: return parse_size(v, row->min, row->max, (long long *)field);
	case ST_BOOL: return parse_bool(v, (bool *)field);
	case ST_CHOICE:
		for (int i = 0; row->choices[i] != NULL; i++)
			if (strcmp(row->choices[i], v) == 0) {
				*(int *)field = i;
				return true;
			}
		return false;
	}
	return false;
}

static bool set_default(const struct setting *row, void *base)
{
	void *field = (char *)base + row->offset;
	if (row->dflt == NULL) {
		if (row->type == ST_INT || row->type == ST_SIZE)
			*(long long *)field = 0;
		else if (row->type == ST_BOOL)
			*(bool *)field = false;
		else if (row->type == ST_CHOICE)
			*(int *)field = 0;
		else
			*(const char **)field = NULL;
		return true;
	}
	return set_value(row, row->dflt, field);
}

/* ---- reading a file ---- */

static struct site_settings *site_of(struct settings *s, const char *key)
{
	for (size_t i = 0; i < s->nsites; i++)
		if (strcmp(s->sites[i].key, key) == 0)
			return &s->sites[i];
	struct site_settings *p = realloc(s->sites, (s->nsites + 1) * sizeof *p);
	if (p == NULL)
		abort();
	s->sites = p;
	struct site_settings *site = &s->sites[s->nsites++];
	*site = (struct site_settings){.key = key};
	for (size_t i = 0; i < settings_count; i++)
		if (is_site_row(&settings_table[i]))
			set_default(&settings_table[i], site);
	return site;
}

static bool check_sections(struct settings *s, const char *file, struct buf *errors)
{
	bool ok = true;
	for (size_t i = 0; i < s->ini.nsections; i++) {
		const struct config_section *sec = &s->ini.sections[i];
		if (!section_known(sec->name)) {
			unknown_section(errors, file, sec);
			ok = false;
		} else if (is_site_section(sec->name)) {
			site_of(s, sec->name + strlen(SETTINGS_SITE_PREFIX));
		}
	}
	return ok;
}

static bool read_entries(struct settings *s, const char *file, struct buf *errors)
{
	bool ok = true;
	for (size_t i = 0; i < s->ini.n; i++) {
		const struct config_entry *e = &s->ini.entries[i];
		if (!section_known(e->section))
			continue; /* reported with its section */
		const struct setting *row = find_row(e->section, e->key);
		if (row == NULL) {
			unknown_key(errors, file, e);
			ok = false;
			continue;
		}
		void *base = is_site_row(row) ? (void *)site_of(s, e->section + strlen(SETTINGS_SITE_PREFIX)) : (void *)s;
		if (!set_value(row, e->value, (char *)base + row->offset)) {
			buf_printf(errors, "%s:%d: [%s] %s = %s: expected ", file, e->line, e->section, e->key, e->value);
			describe_type(errors, row);
			buf_putc(errors, '\n');
			ok = false;
		}
	}
	return ok;
}

static bool apply(struct settings *s, bool read_ok, const char *file, struct buf *errors)
{
	bool ok = read_ok;
	for (size_t i = 0; i < settings_count; i++)
		if (!is_site_row(&settings_table[i]) && !set_default(&settings_table[i], s)) {
			buf_printf(errors, "%s: the default of [%s] %s does not read\n", file, settings_table[i].section,
			           settings_table[i].key);
			ok = false;
		}
	ok = check_sections(s, file, errors) && ok;
	return read_entries(s, file, errors) && ok;
}

struct problem {
	long line;
	size_t at, len; /* in the buffer */
};

static int by_line(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return p->at < q->at ? -1 : p->at > q->at;
}

/* The lines "file:LINE: ..." that errors gained from offset from on, in the order of LINE, so
 * that the syntax, section and key problems read as the file does. */
static void sort_problems(struct buf *errors, size_t from, const char *file)
{
	size_t n = 0, skip = strlen(file) + 1;
	for (size_t i = from; i < errors->len; i++)
		n += errors->data[i] == '\n';
	if (n < 2)
		return;
	struct problem *ps = malloc(n * sizeof *ps);
	char *copy = malloc(errors->len - from);
	if (ps == NULL || copy == NULL)
		abort();
	memcpy(copy, errors->data + from, errors->len - from);
	size_t k = 0;
	for (size_t at = 0; k < n; k++) {
		const char *line = copy + at;
		size_t len = (size_t)((const char *)memchr(line, '\n', errors->len - from - at) - line) + 1;
		ps[k] = (struct problem){len > skip ? strtol(line + skip, NULL, 10) : 0, at, len};
		at += len;
	}
	qsort(ps, n, sizeof *ps, by_line);
	errors->len = from;
	for (k = 0; k < n; k++)
		buf_put(errors, copy + ps[k].at, ps[k].len);
	free(copy);
	free(ps);
}

bool settings_parse(struct settings *s, const char *text, const char *name, struct buf *errors)
{
	memset(s, 0, sizeof *s);
	size_t from = errors->len;
	bool ok = apply(s, config_parse(&s->ini, text, name, errors), name, errors);
	sort_problems(errors, from, name);
	return ok;
}

bool settings_load(struct settings *s, const char *path, struct buf *errors)
{
	memset(s, 0, sizeof *s);
	size_t from = errors->len;
	bool ok = config_load(&s->ini, path, errors);
	if (!ok && s->ini.n == 0 && s->ini.nsections == 0)
		return false; /* not read at all: nothing more to say */
	ok = apply(s, ok, path, errors);
	sort_problems(errors, from, path);
	return ok;
}

void settings_free(struct settings *s)
{
	config_free(&s->ini);
	free(s->sites);
	memset(s, 0, sizeof *s);
}

void settings_print_errors(FILE *f, const char *prefix, struct buf *errors)
{
	for (const char *line = buf_cstr(errors); *line;) {
		size_t n = strcspn(line, "\n");
		fprintf(f, "%s%.*s\n", prefix, (int)n, line);
		line += n + (line[n] != '\0');
	}
}

const struct site_settings *settings_site(const struct settings *s, const char *key)
{
	for (size_t i = 0; i < s->nsites; i++)
		if (strcmp(s->sites[i].key, key) == 0)
			return &s->sites[i];
	return NULL;
}

/* ---- the table for people ---- */

/* roff text: a backslash, a leading control character and hyphens made literal. */
static void put_roff(struct buf *b, const char *s)
{
	if (*s == '.' || *s == '\'')
		buf_puts(b, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			buf_puts(b, "\\e");
		else if (*s == '-')
			buf_puts(b, "\\-");
		else
			buf_putc(b, *s);
	}
}

static void describe_row_text(struct buf *out, const struct setting *row)
{
	struct buf type;
	buf_init(&type);
	describe_type(&type, row);
	buf_printf(out, "[%s] %s =%s%s\n    %s%s. %s\n", row->section, row->key, row->dflt && *row->dflt ? " " : "",
	           row->dflt ? row->dflt : "", buf_cstr(&type), row->dflt ? "" : "; unset by default", row->help);
	buf_free(&type);
}

static void describe_row_man(struct buf *out, const struct setting *row)
{
	struct buf type;
	buf_init(&type);
	describe_type(&type, row);
	buf_puts(out, ".TP\n.B ");
	put_roff(out, row->key);
	buf_putc(out, '\n');
	put_roff(out, buf_cstr(&type));
	if (row->dflt == NULL) {
		buf_puts(out, "; unset by default.\n");
	} else {
		buf_puts(out, "; default: ");
		buf_puts(out, *row->dflt ? "\\fB" : "empty");
		put_roff(out, row->dflt);
		buf_puts(out, *row->dflt ? "\\fR.\n" : ".\n");
	}
	buf_puts(out, ".br\n");
	put_roff(out, row->help);
	buf_putc(out, '\n');
	buf_free(&type);
}

void settings_describe(struct buf *out, bool man)
{
	for (size_t i = 0; i < settings_count; i++) {
		const struct setting *row = &settings_table[i];
		if (man && (i == 0 || strcmp(settings_table[i - 1].section, row->section) != 0)) {
			buf_puts(out, ".SS [");
			put_roff(out, row->section);
			buf_puts(out, "]\n");
		}
		if (man)
			describe_row_man(out, row);
		else
			describe_row_text(out, row);
	}
}
