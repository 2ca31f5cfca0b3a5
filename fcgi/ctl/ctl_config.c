/* xxgkctl config: check a configuration file against the table of keys, or print the table. */
#include "core/settings.h"
#include "ctl/ctl.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"usage: xxgkctl config check [-c FILE]\n"
	"       xxgkctl config keys [--format text|man]\n"
	"check: reads FILE (default: the configuration xxgkctl would use) as xxgk.fcgi does at start and\n"
	"says OK, or lists every problem with its line: an unknown section or key (with the nearest\n"
	"known name), or a value of the wrong type, out of bounds or not one of the choices. It checks\n"
	"the file's own text; the files it names (the key file, the folders) and the database are\n"
	"checked by xxgkctl doctor, as the service sees them. A key set twice is a warning on stderr\n"
	"(the last line is the one used), not an error.\n"
	"keys: every key with its type, bounds, default and meaning; --format man gives the body of\n"
	"the KEYS section of xxgk.conf(5).\n";

/* The earlier line of a key set twice reads as if it counted; say which one does. */
static void warn_repeats(const char *path, const struct config *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		bool again;
		size_t before = config_times_before(ini, i, &again);
		const struct config_entry *e = &ini->entries[i];
		if (before > 0 && !again)
			fprintf(stderr, "%s:%d: warning: [%s] %s is set %zu times; this last line is the one used\n", path,
				e->line, e->section, e->key, before + 1);
	}
}

static int check(const char *path)
{
	struct settings s;
	struct buf errors;
	buf_init(&errors);
	bool ok = settings_load(&s, path, &errors);
	if (ok)
		warn_repeats(path, &s.ini);
	settings_free(&s);
	if (ok)
		printf("%s: OK\n", path);
	else
		settings_print_errors(stderr, "", &errors);
	buf_free(&errors);
	return ok ? 0 : 1;
}

static int keys(const char *format)
{
	if (format != NULL && strcmp(format, "text") != 0 && strcmp(format, "man") != 0) {
		fprintf(stderr, "xxgkctl config keys: --format is text or man, not %s\n", format);
		return 2;
	}
	struct buf out;
	buf_init(&out);
	settings_describe(&out, format != NULL && strcmp(format, "man") == 0);
	fputs(buf_cstr(&out), stdout);
	buf_free(&out);
	return 0;
}

int ctl_config(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, help))
		return 0;
	/* -c FILE may follow the subcommand too (ctl_arg takes only --options for options). */
	const char *sub = NULL, *file = ctx->config_path;
	for (int i = 1; i < ctx->argc; i++) {
		if (strcmp(ctx->argv[i], "-c") == 0 && i + 1 < ctx->argc)
			file = ctx->argv[++i];
		else if (strcmp(ctx->argv[i], "--format") == 0 && i + 1 < ctx->argc)
			i++;
		else if (sub == NULL)
			sub = ctx->argv[i];
	}
	if (sub != NULL && strcmp(sub, "check") == 0)
		return check(file);
	if (sub != NULL && strcmp(sub, "keys") == 0)
		return keys(ctl_opt(ctx, "--format"));
	fputs("xxgkctl config: the subcommand is check or keys (xxgkctl config --help)\n", stderr);
	return 2;
}
