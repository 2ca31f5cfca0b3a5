#include "core/config.h"
#include "core/text.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_BYTES 4096

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (r == NULL)
		abort();
	return r;
}

static void *grow(void *items, size_t *cap, size_t size)
{
	size_t n = *cap ? *cap * 2 : 32;
	void *p = realloc(items, n * size);
	if (p == NULL)
		abort();
	*cap = n;
	return p;
}

/* Every line is kept, a key's later lines too: each is checked, and the last one counts. */
static void add(struct config *cfg, const char *section, const char *key, const char *value, int line)
{
	if (cfg->n == cfg->cap)
		cfg->entries = grow(cfg->entries, &cfg->cap, sizeof *cfg->entries);
	cfg->entries[cfg->n++] = (struct config_entry){xstrdup(section), xstrdup(key), xstrdup(value), line};
}

static void add_section(struct config *cfg, const char *name, int line)
{
	if (cfg->nsections == cfg->sections_cap)
		cfg->sections = grow(cfg->sections, &cfg->sections_cap, sizeof *cfg->sections);
	cfg->sections[cfg->nsections++] = (struct config_section){xstrdup(name), line};
}

static bool valid_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

/* One line, trimmed and not a comment. section is the current section (empty before the first);
 * a header changes it, and a bad header empties it so that its keys are not read into the one
 * before. NULL, or what is wrong with the line. */
static const char *parse_line(struct config *cfg, char *s, char *section, size_t seclen, int lineno)
{
	if (*s == '[') {
		char *close = strchr(s, ']');
		section[0] = '\0';
		if (close == NULL || close[1] != '\0')
			return "a section header is [name]";
		*close = '\0';
		char *name = str_trim(s + 1);
		if (!valid_name(name) || strlen(name) >= seclen)
			return "a section name is letters, digits, '_', '-' and '.'";
		snprintf(section, seclen, "%s", name);
		add_section(cfg, name, lineno);
		return NULL;
	}
	char *eq = strchr(s, '=');
	if (eq == NULL)
		return "expected key = value";
	*eq = '\0';
	char *key = str_trim(s), *value = str_trim(eq + 1);
	if (!valid_name(key))
		return "a key is letters, digits, '_', '-' and '.'";
	if (section[0] == '\0')
		return "a key outside a [section]";
	size_t vlen = strlen(value);
	if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
		value[vlen - 1] = '\0';
		value++;
	}
	add(cfg, section, key, value, lineno);
	return NULL;
}

bool config_parse(struct config *cfg, const char *text, const char *name, struct buf *errors)
{
	if (!text_valid(text, strlen(text))) {
		buf_printf(errors, "%s:1: not UTF-8 text (or a control character)\n", name);
		return false;
	}
	char section[128] = "";
	int lineno = 0;
	bool ok = true;
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		char line[LINE_MAX_BYTES];
		const char *why = NULL;
		if (len >= sizeof line) {
			why = "line too long";
			section[0] = '\0';
		} else {
			memcpy(line, p, len);
			line[len] = '\0';
			char *s = str_trim(line);
			if (*s != '\0' && *s != '#' && *s != ';')
				why = parse_line(cfg, s, section, sizeof section, lineno);
		}
		if (why != NULL) {
			buf_printf(errors, "%s:%d: %s\n", name, lineno, why);
			ok = false;
		}
		p += len + (eol ? 1 : 0);
	}
	return ok;
}

bool config_load(struct config *cfg, const char *path, struct buf *errors)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		buf_printf(errors, "%s: %s\n", path, strerror(errno));
		return false;
	}
	char *text = malloc(1 << 20);
	if (text == NULL)
		abort();
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	bool unreadable = ferror(f) != 0, too_big = !unreadable && !feof(f);
	int why = errno;
	fclose(f);
	text[n] = '\0';
	bool ok = false;
	/* A byte-order mark (Windows' Notepad writes one) is no part of the text. */
	size_t skip = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (unreadable) /* a folder, say: fopen takes it, reading it fails */
		buf_printf(errors, "%s: %s\n", path, strerror(why));
	else if (too_big)
		buf_printf(errors, "%s: larger than 1 MiB\n", path);
	else
		ok = config_parse(cfg, text + skip, path, errors);
	free(text);
	return ok;
}

size_t config_times_before(const struct config *cfg, size_t i, bool *again)
{
	const struct config_entry *e = &cfg->entries[i];
	size_t before = 0;
	*again = false;
	for (size_t j = 0; j < cfg->n; j++) {
		const struct config_entry *o = &cfg->entries[j];
		if (j == i || strcmp(o->section, e->section) != 0 || strcmp(o->key, e->key) != 0)
			continue;
		before += j < i;
		*again = *again || j > i;
	}
	return before;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->n; i++) {
		free(cfg->entries[i].section);
		free(cfg->entries[i].key);
		free(cfg->entries[i].value);
	}
	for (size_t i = 0; i < cfg->nsections; i++)
		free(cfg->sections[i].name);
	free(cfg->entries);
	free(cfg->sections);
	memset(cfg, 0, sizeof *cfg);
}

const char *config_locate(const char *explicit_path)
{
	if (explicit_path != NULL)
		return explicit_path;
	const char *env = getenv("XXGK_CONFIG");
	if (env != NULL && *env)
		return env;
	if (access("./var/xxgk.conf", R_OK) == 0)
		return "./var/xxgk.conf";
	return "/etc/xxgk/xxgk.conf";
}
