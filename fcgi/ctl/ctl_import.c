/* xxgkctl import: notices from a CMS export (notices/import.h). */
#include "ctl/ctl.h"
#include "core/text.h"
#include "notices/import.h"
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "usage: xxgkctl import FILE... [--site SITE] [--map MAPFILE] [--dry-run] [--publish-incomplete] [--batch N]\n"
    "       [--writers N]\n"
    "Imports notices from each FILE in turn: our XML (.xml) or JSON (otherwise), or a CSV (.csv) or XLSX\n"
    "(.xlsx) export read through a mapping file (--map). Formats and the mapping file:\n"
    "cms-integration/IMPORT.md. Attachments are read from files beside FILE. Everything of a file is\n"
    "read and checked first; nothing of it is written when anything is wrong. Then its notices are\n"
    "written N at a time (default 1000), one transaction each: an interrupted import leaves whole\n"
    "batches, and running it again updates them. A notice whose external_id exists is updated, never\n"
    "added twice. A file that fails is reported, with the notices written and those not (the batches\n"
    "before the one that failed are kept), and the next one is imported.\n"
    "  --dry-run             report, for each notice, whether it would be created or updated and which\n"
    "                        required items it misses; write nothing\n"
    "  --publish-incomplete  publish notices that miss required items (by default they become drafts)\n"
    "  --writers N           connections writing batches side by side (default 2, at most 8); the\n"
    "                        索引号 and the commits keep the file's order whatever N is\n";

int ctl_import(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, usage))
		return 0;
	if (ctl_arg(ctx, 0) == NULL) {
		fputs("xxgkctl import: which file? (xxgkctl import --help)\n", stderr);
		return 2;
	}
	struct import_opts o = {
	    .site_key = ctl_opt(ctx, "--site"),
	    .map_path = ctl_opt(ctx, "--map"),
	    .dry_run = ctl_flag(ctx, "--dry-run"),
	    .publish_incomplete = ctl_flag(ctx, "--publish-incomplete"),
	};
	const char *batch = ctl_opt(ctx, "--batch");
	long long size = 0;
	if (batch != NULL && !parse_int(batch, 1, 100000, &size)) {
		fputs("xxgkctl import: --batch takes a number from 1 to 100000\n", stderr);
		return 2;
	}
	o.batch = (size_t)size;
	const char *writers = ctl_opt(ctx, "--writers");
	if (writers != NULL && !parse_int(writers, 1, IMPORT_WRITERS_MAX, &size)) {
		fprintf(stderr, "xxgkctl import: --writers takes a number from 1 to %d\n", IMPORT_WRITERS_MAX);
		return 2;
	}
	o.writers = writers != NULL ? (size_t)size : 0;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	/* An archive split in files is one command: the next file is read while one is written. */
	size_t n = 0;
	while (ctl_arg(ctx, (int)n) != NULL)
		n++;
	const char **paths = calloc(n, sizeof *paths);
	if (paths == NULL)
		return 1;
	for (size_t i = 0; i < n; i++)
		paths[i] = ctl_arg(ctx, (int)i);
	int rc = import_files(&ctx->app, db, paths, n, &o, stderr);
	free(paths);
	return rc;
}
