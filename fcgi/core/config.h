/* INI-style configuration: [section] then key = value lines; '#' or ';' starts a comment. */
#ifndef XXGK_CONFIG_H
#define XXGK_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

struct config_entry {
	char *section, *key, *value;
	int line;
};

struct config {
	struct config_entry *entries;
	size_t n, cap;
	char *path;
};

/* Parses text; on error returns false and writes "LINE: message" into err. */
bool config_parse(struct config *cfg, const char *text, char *err, size_t errlen);
bool config_load(struct config *cfg, const char *path, char *err, size_t errlen);
void config_free(struct config *cfg);
const char *config_get(const struct config *cfg, const char *section, const char *key, const char *dflt);
/* Integer in [min, max]; a present but bad value is an error reported through *ok = false. */
long long config_int(const struct config *cfg, const char *section, const char *key,
                     long long dflt, long long min, long long max, bool *ok);
bool config_bool(const struct config *cfg, const char *section, const char *key, bool dflt);
/* Finds the config file: explicit path, then $XXGK_CONFIG, ./var/xxgk.conf, /etc/xxgk/xxgk.conf. */
const char *config_locate(const char *explicit_path);

#endif
