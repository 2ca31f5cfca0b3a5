/* Inside the importer: one file's run, from reading it to its report (import.c), shared with the
 * pipeline that reads the next file while batches of the one before are written, by one writer
 * or several side by side (import_pipe.c). */
#ifndef XXGK_IMPORT_RUN_H
#define XXGK_IMPORT_RUN_H
#include "notices/batch_turns.h"
#include "notices/import.h"
#include "notices/import_read.h"

/* What the import found and decided, besides the notices themselves. */
struct import_run {
	const struct app *app;
	struct db *db;
	struct pool *p;
	const char *path, *dir;
	const struct import_opts *o;
	struct import_set in;
	struct site site;
	const char **missing; /* per notice: the required items it lacks, or NULL */
	bool *demoted;        /* per notice: asked for as a draft for what it lacks */
	const char ***file_paths;
	bool ok; /* read and checked: it can be written */
};

/* What the write (or the dry run's plan, notice_batch_status) made of the notices. */
struct tally {
	size_t created, updated;
	size_t kept;           /* notices left as they are: withdrawn, or awaiting an approver */
	size_t kept_pending;   /* of them, those awaiting an approver */
	size_t drafts;         /* incomplete ones that are drafts after it */
	size_t still_published; /* incomplete ones asked for as drafts over published ones: they stay published */
	size_t perhaps;         /* in a batch whose COMMIT lost its connection: written or not, unknown */
};

/* What a failed file's report says of each notice. */
enum import_written { IMPORT_NOT_WRITTEN, IMPORT_WRITTEN, IMPORT_PERHAPS_WRITTEN };

/* Steps 1 to 4 for one file, through db (its reads: the site): a run whose ok says whether it
 * can be written. */
struct import_run *import_prepare(const struct app *app, struct db *db, const char *path, const struct import_opts *o);
/* Step 5 (or the dry run) through db, one batch after the other, the report, and the run freed:
 * 0, or 1 on an error. */
int import_finish(struct import_run *r, struct db *db, FILE *progress);
/* The end of the batch that starts at notice from. */
size_t import_batch_end(const struct import_run *r, size_t from);
/* Notices [from, to) in one transaction through db, counted in t; k: written beside other
 * batches (batch_turns.h), NULL: alone. An error is reported, except a conflict (a duplicate, or
 * k->moved) when the caller writes the batch again (again_on_conflict). */
enum xerr import_write_batch(struct import_run *r, struct db *db, size_t from, size_t to, struct batch_ticket *k,
                             bool again_on_conflict, struct tally *t);
/* "imported N notices into SITE: ..." on standard output. */
void import_report(const struct import_run *r, const struct tally *t);
/* A file a batch of which failed, on standard error: the notices written (written[i], an enum
 * import_written; counted in t), those perhaps written and those not, by their places and
 * external ids, which running the same command again writes. */
void import_report_failed(const struct import_run *r, const struct tally *t, const unsigned char *written);
void import_show_progress(FILE *out, size_t done, size_t total, double started);
double import_now_s(void);

#endif
