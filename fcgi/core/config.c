#include "core/config.h"
#include "core/text.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (r == NULL)
		abort();
	return r;
}

static void add(struct config *cfg, const char *section, const char *key, const char *value, int line)
{
	/* A later definition replaces an earlier one (so a local file can override defaults). */
	for (size_t i = 0; i < cfg->n; i++) {
		struct config_entry *e = &cfg->entries[i];
		if (strcmp(e->section, section) == 0 && strcmp(e->key, key) == 0) {
			free(e->value);
			e->value = xstrdup(value);
			e->line = line;
			return;
		}
	}
	if (cfg->n == cfg->cap) {
		size_t cap = cfg->cap ? cfg->cap * 2 : 32;
		struct config_entry *p = realloc(cfg->entries, cap * sizeof *p);
		if (p == NULL)
			abort();
		cfg->entries = p;
		cfg->cap = cap;
	}
	cfg->entries[cfg->n++] = (struct config_entry){xstrdup(section), xstrdup(key), xstrdup(value), line};
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

bool config_parse(struct config *cfg, const char *text, char *err, size_t errlen)
{
	char section[128] = "";
	int lineno = 0;
	const char *p = text;
	if (!text_valid(text, strlen(text))) {
		snprintf(err, errlen, "0: not valid UTF-8 text");
		return false;
	}
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		if (len >= 4096) {
			snprintf(err, errlen, "%d: line too long", lineno);
			return false;
		}
		char line[4096];
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (eol ? 1 : 0);
		char *s = str_trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');
			if (close == NULL || close[1] != '\0') {
				snprintf(err, errlen, "%d: section header must be [name]", lineno);
				return false;
			}
			*close = '\0';
			char *name = str_trim(s + 1);
			if (!valid_name(name) || strlen(name) >= sizeof section) {
				snprintf(err, errlen, "%d: bad section name", lineno);
				return false;
			}
			snprintf(section, sizeof section, "%s", name);
			continue;
		}
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%d: expected key = value", lineno);
			return false;
		}
		*eq = '\0';
		char *key = str_trim(s), *value = str_trim(eq + 1);
		if (!valid_name(key)) {
			snprintf(err, errlen, "%d: bad key name", lineno);
			return false;
		}
		if (section[0] == '\0') {
			snprintf(err, errlen, "%d: key outside a [section]", lineno);
			return false;
		}
		size_t vlen = strlen(value);
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value[vlen - 1] = '\0';
			value++;
		}
		add(cfg, section, key, value, lineno);
	}
	return true;
}

bool config_load(struct config *cfg, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	char *text = malloc(1 << 20);
	if (text == NULL)
		abort();
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	bool too_big = !feof(f);
	fclose(f);
	text[n] = '\0';
	bool ok = false;
	if (too_big) {
		snprintf(err, errlen, "%s: larger than 1 MiB", path);
	} else {
		char inner[256];
		ok = config_parse(cfg, text, inner, sizeof inner);
		if (!ok)
			snprintf(err, errlen, "%s:%s", path, inner);
	}
	free(text);
	if (ok) {
		free(cfg->path);
		cfg->path = xstrdup(path);
	}
	return ok;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->n; i++) {
		free(cfg->entries[i].section);
		free(cfg->entries[i].key);
		free(cfg->entries[i].value);
	}
	free(cfg->entries);
	free(cfg->path);
	memset(cfg, 0, sizeof *cfg);
}

const char *config_get(const struct config *cfg, const char *section, const char *key, const char *dflt)
{
	for (size_t i = 0; i < cfg->n; i++)
		if (strcmp(cfg->entries[i].section, section) == 0 && strcmp(cfg->entries[i].key, key) == 0)
			return cfg->entries[i].value;
	return dflt;
}

long long config_int(const struct config *cfg, const char *section, const char *key,
                     long long dflt, long long min, long long max, bool *ok)
{
	const char *v = config_get(cfg, section, key, NULL);
	long long r;
	if (v == NULL)
		return dflt;
	if (!parse_int(v, min, max, &r)) {
		fprintf(stderr, "xxgk: config [%s] %s = %s: expected a whole number from %lld to %lld\n",
		        section, key, v, min, max);
		if (ok)
			*ok = false;
		return dflt;
	}
	return r;
}

bool config_bool(const struct config *cfg, const char *section, const char *key, bool dflt)
{
	const char *v = config_get(cfg, section, key, NULL);
	if (v == NULL)
		return dflt;
	return strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0;
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
