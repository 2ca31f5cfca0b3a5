/* The INI file as written: [section] then key = value lines; '#' or ';' starts a comment.
 * Only settings.c reads it: what the keys mean, their types and defaults are settings_table.c's table. */
#ifndef XXGK_CONFIG_H
#define XXGK_CONFIG_H
#include "core/buf.h"
#include <stdbool.h>
#include <stddef.h>

struct config_entry {
	char *section, *key, *value;
	int line;
};

struct config_section {
	char *name;
	int line; /* of its [name] header; a section may have several */
};

struct config {
	struct config_entry *entries; /* in the file's order; a key set twice has two */
	size_t n, cap;
	struct config_section *sections;
	size_t nsections, sections_cap;
};

/* Reads text; each line that is not INI adds "name:LINE: message\n" to errors and is skipped, so
 * that one reading reports every such line. False when there was any. */
bool config_parse(struct config *cfg, const char *text, const char *name, struct buf *errors);
bool config_load(struct config *cfg, const char *path, struct buf *errors);
void config_free(struct config *cfg);
/* How many entries set the key of entries[i] in its section (a section may come back) before it,
 * and whether one does after it. */
size_t config_times_before(const struct config *cfg, size_t i, bool *again);
/* Finds the config file: explicit path, then $XXGK_CONFIG, ./var/xxgk.conf, /etc/xxgk/xxgk.conf. */
const char *config_locate(const char *explicit_path);

#endif
