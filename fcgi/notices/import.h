/* Import of notices from a CMS export: our JSON and XML, or a CSV or XLSX export read through a
 * mapping file (formats in cms-integration/IMPORT.md). Everything is read and validated before
 * anything is written; then the notices are written in batches, one transaction each
 * (notice_batch.h), so an interrupted import leaves whole batches, and running it again updates
 * what it had written (notices are matched by their external id). */
#ifndef XXGK_IMPORT_H
#define XXGK_IMPORT_H
#include "core/app.h"
#include "core/db.h"
#include "notices/notice_store.h"
#include "core/site.h"
#include <jansson.h>
#include <stdio.h>

#define IMPORT_BATCH 1000 /* notices a transaction, by default */
#define IMPORT_WRITERS 2     /* connections writing batches side by side, by default */
#define IMPORT_WRITERS_MAX 8

struct import_opts {
	const char *site_key;    /* NULL: the file's (or the mapping file's) own */
	const char *map_path;    /* the mapping file: required for .csv and .xlsx */
	bool dry_run;            /* report what would be created or updated; write nothing */
	bool publish_incomplete; /* publish notices that miss required items (else: drafts) */
	size_t batch;            /* notices a transaction; 0: IMPORT_BATCH */
	size_t writers;          /* connections writing batches side by side; 0: IMPORT_WRITERS */
	const char *actor;       /* the audit log's actor; NULL: "xxgkctl" */
};

/* One notice object of the JSON format into n (strings point into p). */
bool notice_from_json(struct pool *p, json_t *obj, struct notice_in *n, const char **field, const char **message);
/* Whether key is a field of a notice object that notice_from_json reads (the text fields and
 * "items"; not "attachments", which only the import's files have). */
bool notice_json_key(const char *key);
/* Imports path. Errors name the file, line (or row) and field. Progress and a rate go to
 * progress when it is a terminal. Returns 0 on success, 1 on an error (nothing of the failing
 * batch stored, the batches before it stored and named; with a validation error, nothing at
 * all). */
int import_file(const struct app *app, struct db *db, const char *path, const struct import_opts *o, FILE *progress);
/* Imports each of paths[0..n) as import_file does, in order; the next file is read and checked
 * (through a connection of its own) while the one before is written, and batches are written by
 * o->writers connections side by side, in turn: serials and commits keep the files' order, and
 * an interrupted import has committed the first batches, whole (import_pipe.c). A batch that
 * fails stops the ones after it in its file, not those before it; the file's report names the
 * notices written and those not. 1 when any failed. */
int import_files(const struct app *app, struct db *db, const char *const *paths, size_t n, const struct import_opts *o,
                 FILE *progress);

#endif
