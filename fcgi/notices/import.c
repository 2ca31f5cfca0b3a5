#include "notices/import.h"
#include "notices/attachment_type.h"
#include "notices/completeness.h"
#include "notices/import_read.h"
#include "notices/import_run.h"
#include "notices/notice_batch.h"
#include "core/text.h"
#include <errno.h>
#include <mysql.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IMPORT_BATCH_BYTES (8 << 20) /* text a transaction: a bulk statement stays well under max_allowed_packet */
#define IMPORT_FILE_MAX (100L << 20)
#define IMPORT_MAX_ERRORS 20
#define IMPORT_MAX_RUNS 8 /* runs of notices written, or not, that a failed file's report names */

void import_set_alloc(struct pool *p, struct import_set *s, size_t count)
{
	s->notices = pool_alloc(p, (count + 1) * sizeof *s->notices);
	s->lines = pool_alloc(p, (count + 1) * sizeof *s->lines);
	s->files = pool_alloc(p, (count + 1) * sizeof *s->files);
	s->nfiles = pool_alloc(p, (count + 1) * sizeof *s->nfiles);
	for (size_t i = 0; i < count; i++)
		s->files[i] = pool_alloc(p, IMPORT_MAX_FILES * sizeof(char *));
	s->where = "line";
}

void import_table_add(struct pool *p, struct import_table *t, size_t *cap, char **cells, size_t n, long number)
{
	if (t->nrows == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		char ***rows = pool_alloc(p, ncap * sizeof *rows);
		size_t *ncols = pool_alloc(p, ncap * sizeof *ncols);
		long *numbers = pool_alloc(p, ncap * sizeof *numbers);
		if (t->nrows) {
			memcpy(rows, t->rows, t->nrows * sizeof *rows);
			memcpy(ncols, t->ncols, t->nrows * sizeof *ncols);
			memcpy(numbers, t->row_numbers, t->nrows * sizeof *numbers);
		}
		t->rows = rows, t->ncols = ncols, t->row_numbers = numbers, *cap = ncap;
	}
	t->rows[t->nrows] = pool_alloc(p, (n + 1) * sizeof(char *));
	memcpy(t->rows[t->nrows], cells, n * sizeof(char *));
	t->ncols[t->nrows] = n;
	t->row_numbers[t->nrows++] = number;
}

/* "file:12" for a line of JSON or XML, "file:row 12" for a row of a spreadsheet, from p (a
 * writer's own pool: the writers of a file write side by side). */
static const char *where_in(const struct import_run *r, struct pool *p, size_t i)
{
	bool row = strcmp(r->in.where, "row") == 0;
	return pool_printf(p, "%s:%s%ld", r->path, row ? "row " : "", r->in.lines[i]);
}

static const char *where(const struct import_run *r, size_t i)
{
	return where_in(r, r->p, i);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

static bool find_site(struct import_run *r, const char *key)
{
	if (key == NULL) {
		fprintf(stderr, "xxgkctl import: %s: no site given (use --site, or \"site\" in the file)\n", r->path);
		return false;
	}
	enum xerr e = site_by_key(r->db, r->p, r->app, key, &r->site);
	if (e != XE_OK)
		fprintf(stderr, "xxgkctl import: site %s: %s\n", key, e == XE_NOT_FOUND ? "no such site" : db_error(r->db));
	return e == XE_OK;
}

/* 1. The file, in its format, and the site it goes to. */
static bool import_read(struct import_run *r)
{
	char err[1024] = "";
	bool table = ends_with(r->path, ".csv") || ends_with(r->path, ".xlsx");
	if (!table) {
		bool ok = ends_with(r->path, ".xml") ? import_read_xml(r->p, r->path, &r->in, err, sizeof err)
		                                     : import_read_json(r->p, r->path, &r->in, err, sizeof err);
		if (!ok)
			fprintf(stderr, "xxgkctl import: %s\n", err);
		return ok && find_site(r, r->o->site_key ? r->o->site_key : r->in.site);
	}
	if (r->o->map_path == NULL) {
		fprintf(stderr, "xxgkctl import: %s: a CSV or XLSX export needs a mapping file (--map FILE; "
		                "cms-integration/IMPORT.md)\n", r->path);
		return false;
	}
	struct import_map *m = import_map_load(r->p, r->o->map_path, err, sizeof err);
	struct import_table t = {0};
	bool ok = m != NULL && (ends_with(r->path, ".csv")
	                            ? import_read_csv(r->p, r->path, import_map_encoding(m), import_map_delimiter(m), &t, err,
	                                              sizeof err)
	                            : import_read_xlsx(r->p, r->path, import_map_sheet(m), &t, err, sizeof err));
	if (!ok) {
		fprintf(stderr, "xxgkctl import: %s\n", err);
		return false;
	}
	if (!find_site(r, r->o->site_key ? r->o->site_key : import_map_site(m)))
		return false;
	if (!import_map_apply(r->p, r->app, &r->site, m, r->path, &t, &r->in, err, sizeof err)) {
		fprintf(stderr, "xxgkctl import: %s\n", err);
		return false;
	}
	return true;
}

static int compare_ext(const void *a, const void *b)
{
	const struct notice_in *x = *(const struct notice_in *const *)a, *y = *(const struct notice_in *const *)b;
	int c = strcasecmp(x->external_id, y->external_id);
	return c != 0 ? c : (x > y) - (x < y); /* the same id: in the file's order */
}

/* One error of the check, printed while there have been no more than IMPORT_MAX_ERRORS. */
__attribute__((format(printf, 2, 3))) static void check_error(size_t *errors, const char *fmt, ...)
{
	if (++*errors > IMPORT_MAX_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("xxgkctl import: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The same external id twice in one file would be one notice written twice: per notice, the
 * earlier one with its id (NULL: none). */
static const struct notice_in **first_with_id(struct import_run *r)
{
	const struct notice_in **with = pool_alloc(r->p, (r->in.n + 1) * sizeof *with);
	const struct notice_in **first = pool_alloc(r->p, (r->in.n + 1) * sizeof *first);
	size_t k = 0;
	for (size_t i = 0; i < r->in.n; i++) {
		first[i] = NULL;
		if (r->in.notices[i].external_id != NULL && *r->in.notices[i].external_id)
			with[k++] = &r->in.notices[i];
	}
	qsort(with, k, sizeof *with, compare_ext);
	for (size_t i = 1, run = 0; i < k; i++) {
		if (strcasecmp(with[i]->external_id, with[i - 1]->external_id) != 0)
			run = i;
		else
			first[with[i] - r->in.notices] = with[run];
	}
	return first;
}

/* A name beside the export: no absolute path, no way up out of its folder. */
static bool file_name_safe(const char *name)
{
	if (*name == '\0' || *name == '/' || strchr(name, '\\') != NULL)
		return false;
	for (const char *s = name; s != NULL; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || s[2] == '\0'))
			return false;
	}
	return true;
}

bool import_read_whole(const char *path, size_t max, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	struct stat st;
	bool ok = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max;
	*len = ok ? (size_t)st.st_size : 0;
	*data = ok ? malloc(*len + 1) : NULL;
	ok = ok && *data != NULL && fread(*data, 1, *len, f) == *len;
	fclose(f);
	if (ok)
		(*data)[*len] = '\0';
	else {
		free(*data);
		*data = NULL;
	}
	return ok;
}

/* Notice i's attachments exist, are files of a kind accepted, and are not too large; they are
 * read again batch by batch when written. */
static void files_check(struct import_run *r, size_t i, size_t *errors)
{
	r->file_paths[i] = pool_alloc(r->p, (r->in.nfiles[i] + 1) * sizeof(char *));
	for (size_t k = 0; k < r->in.nfiles[i]; k++) {
		const char *name = r->in.files[i][k], *why = NULL;
		const char *full = pool_printf(r->p, "%s/%s", r->dir, name);
		unsigned char *data = NULL;
		size_t len = 0;
		if (!file_name_safe(name))
			why = "not a file name inside the export's folder";
		else if (!import_read_whole(full, IMPORT_FILE_MAX, &data, &len))
			why = errno == ENOENT ? "no such file beside the export" : "cannot be read (or over 100 MB)";
		else if (attachment_type(data, len, name) == NULL)
			why = "not an accepted type (PDF, OFD, Word, Excel, JPEG, PNG, ZIP)";
		free(data);
		if (why != NULL)
			check_error(errors, "%s: attachment %s: %s", where(r, i), name, why);
		r->file_paths[i][k] = full;
	}
}

/* 2. Every notice checked before anything is written, its fields, its external id and its
 * attachments: every error reported together, in the file's order (up to a limit). */
static bool import_check(struct import_run *r)
{
	size_t errors = 0;
	const struct notice_in **first = first_with_id(r);
	r->file_paths = pool_alloc(r->p, (r->in.n + 1) * sizeof *r->file_paths);
	for (size_t i = 0; i < r->in.n; i++) {
		const char *field = NULL, *message = NULL;
		if (!notice_validate(r->app, r->p, &r->site, &r->in.notices[i], &field, &message))
			check_error(&errors, "%s: notice %zu, field %s: %s", where(r, i), i + 1, field, message);
		if (first[i] != NULL)
			check_error(&errors, "%s: notice %zu, field external_id: %s appears twice in the file (notice %zu has it)",
			            where(r, i), i + 1, r->in.notices[i].external_id, (size_t)(first[i] - r->in.notices) + 1);
		files_check(r, i, &errors);
	}
	if (errors > IMPORT_MAX_ERRORS)
		fprintf(stderr, "xxgkctl import: ... %zu errors in all\n", errors);
	return errors == 0;
}

/* 3. A notice that misses required items is imported as a draft unless told otherwise (over a
 * stored notice, the status it then has is notice_batch_status's: a published one stays so). */
static void import_completeness(struct import_run *r)
{
	r->missing = pool_alloc(r->p, (r->in.n + 1) * sizeof *r->missing);
	r->demoted = pool_alloc(r->p, (r->in.n + 1) * sizeof *r->demoted);
	for (size_t i = 0; i < r->in.n; i++) {
		struct completeness c;
		completeness_of_input(r->app, &r->site, &r->in.notices[i], r->p, &c);
		if (c.nmissing == 0)
			continue;
		struct buf b;
		buf_init(&b);
		for (size_t k = 0; k < c.nmissing; k++)
			buf_printf(&b, "%s%s", k ? "；" : "", c.missing[k].label);
		r->missing[i] = pool_strdup(r->p, buf_cstr(&b));
		buf_free(&b);
		if (!r->o->publish_incomplete && strcmp(r->in.notices[i].status, "published") == 0) {
			r->in.notices[i].status = "draft";
			r->demoted[i] = true;
		}
	}
}

/* The attachments of notices [from, to) for one batch, from bp. */
static bool load_files(struct import_run *r, struct pool *bp, size_t from, size_t to, struct notice_batch_opts *bo)
{
	struct notice_file **files = pool_alloc(bp, (to - from + 1) * sizeof *files);
	bo->files = (const struct notice_file *const *)files;
	bo->nfiles = r->in.nfiles + from;
	for (size_t i = from; i < to; i++) {
		files[i - from] = pool_alloc(bp, (r->in.nfiles[i] + 1) * sizeof **files);
		for (size_t k = 0; k < r->in.nfiles[i]; k++) {
			struct notice_file *f = &files[i - from][k];
			unsigned char *data;
			if (!import_read_whole(r->file_paths[i][k], IMPORT_FILE_MAX, &data, &f->len)) {
				fprintf(stderr, "\nxxgkctl import: %s: cannot be read\n", r->file_paths[i][k]);
				return false;
			}
			pool_defer(bp, free, data);
			f->data = data;
			f->mime = attachment_type(data, f->len, r->in.files[i][k]);
			const char *slash = strrchr(r->in.files[i][k], '/');
			if (f->mime == NULL)
				return false;
			f->filename = attachment_name(bp, slash ? slash + 1 : r->in.files[i][k], f->mime, 255);
		}
	}
	return true;
}

/* Notices [from, to): as many as the batch size allows, and no more text than a bulk statement
 * carries comfortably. */
size_t import_batch_end(const struct import_run *r, size_t from)
{
	size_t max = r->o->batch ? r->o->batch : IMPORT_BATCH, bytes = 0, to = from;
	while (to < r->in.n && to - from < max && (to == from || bytes < IMPORT_BATCH_BYTES)) {
		const struct notice_in *n = &r->in.notices[to++];
		bytes += strlen(n->body) + strlen(n->title);
		for (size_t k = 0; k < n->nitems; k++)
			bytes += n->items[k].value ? strlen(n->items[k].value) : 0;
	}
	return to;
}

double import_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void import_show_progress(FILE *out, size_t done, size_t total, double started)
{
	double t = import_now_s() - started, rate = t > 0 ? (double)done / t : 0;
	int width = 30, filled = total ? (int)((double)width * (double)done / (double)total) : width;
	fputc('\r', out);
	for (int i = 0; i < width; i++)
		fputs(i < filled ? "█" : "░", out);
	fprintf(out, " %zu/%zu notices  %.0f/s", done, total, rate);
	if (rate > 0 && done < total)
		fprintf(out, "  %.0f s left ", (double)(total - done) / rate);
	else
		fputs("            ", out);
	fflush(out);
}

/* A batch's transaction (db_transaction: run again, whole, after a deadlock or a cluster's
 * conflict). */
struct batch_tx {
	struct import_run *r;
	struct pool *bp;
	size_t from, to;
	const struct notice_batch_opts *bo;
	struct notice_saved *out;
};

/* A notice the file's text is not applied to (notice_batch_keeps), and why: the dry run's plan
 * and the write's report alike. One printf a line, from any writer thread (no pool). */
static void print_left(const struct import_run *r, size_t i, long long id, const char *stored, bool dry)
{
	const struct notice_in *n = &r->in.notices[i];
	bool pending = stored != NULL && strcmp(stored, "pending") == 0;
	printf("%s:%s%ld: %s notice %lld [%s] %s — %s\n", r->path, strcmp(r->in.where, "row") == 0 ? "row " : "",
	       r->in.lines[i], dry ? "leaves" : "left", id, n->external_id, n->title,
	       pending ? "awaiting an approver in the console: the file's text is not applied; it stays as it was "
	                 "submitted (the approver publishes it)"
	               : "withdrawn: the file's text is not applied; it stays withdrawn and is not changed (only the "
	                 "console publishes it again)");
}

/* The summary's part for the notices left as they are: the file's text was not applied to them,
 * which "left as they are" did not say, and a notice awaiting an approver is not withdrawn. */
static void say_not_applied(struct buf *b, const struct tally *t, bool dry)
{
	if (t->kept == 0)
		return;
	size_t withdrawn = t->kept - t->kept_pending;
	buf_printf(b, ", %zu %s (the file's text left unused:", t->kept, dry ? "not to be applied" : "not applied");
	if (withdrawn)
		buf_printf(b, " %zu withdrawn in the console, which only the console publishes again", withdrawn);
	if (t->kept_pending)
		buf_printf(b, "%s %zu awaiting an approver in the console, which the approver publishes", withdrawn ? ";" : "",
		           t->kept_pending);
	buf_putc(b, ')');
}

/* Foreign keys are not checked in the batch's own session, as a dump is loaded: each parent a row
 * refers to is held by this transaction already, so the check would only look up again what the
 * batch guarantees. The notices are the ones it inserts or has locked FOR UPDATE (items, column
 * rows, attachments), the issuing bodies were read with a shared lock (notice_batch.c), and the
 * site is locked here in share mode so that it cannot go meanwhile. Unique keys are still checked:
 * the external ids were looked up, but a concurrent push could add one. */
static enum xerr batch_tx(struct db *db, void *ctx)
{
	struct batch_tx *t = ctx;
	memset(t->out, 0, (t->to - t->from) * sizeof *t->out);
	if (t->bo->ticket != NULL)
		batch_turn_wait(t->bo->ticket);
	enum xerr e = XE_OK;
	const char *site = db_value(db, t->bp, &e, "SELECT id FROM sites WHERE id = ? LOCK IN SHARE MODE", "i",
	                            t->r->site.id);
	if (e == XE_OK && site == NULL)
		e = XE_NOT_FOUND;
	if (e == XE_OK)
		e = db_exec(db, "SET SESSION foreign_key_checks = 0", "");
	if (e == XE_OK)
		e = notice_save_batch(db, t->bp, &t->r->site, t->r->in.notices + t->from, t->to - t->from, t->bo, t->out);
	enum xerr restored = db_exec(db, "SET SESSION foreign_key_checks = 1", "");
	return e != XE_OK ? e : restored;
}

enum xerr import_write_batch(struct import_run *r, struct db *db, size_t from, size_t to, struct batch_ticket *k,
                             bool again_on_conflict, struct tally *t)
{
	struct pool *bp = pool_new();
	struct notice_batch_opts bo = {
	    .actor = r->o->actor ? r->o->actor : "xxgkctl",
	    .note = pool_printf(bp, "导入 %s", r->path),
	    .ticket = k,
	};
	struct notice_saved *out = pool_alloc(bp, (to - from) * sizeof *out);
	struct batch_tx tx = {r, bp, from, to, &bo, out};
	bool loaded = load_files(r, bp, from, to, &bo);
	enum xerr e = loaded ? db_transaction(db, batch_tx, &tx) : XE_INTERNAL;
	bool again = again_on_conflict && (e == XE_CONFLICT || (k != NULL && k->moved));
	t->perhaps = e != XE_OK && loaded && db_commit_unknown(db) ? to - from : 0;
	if (e != XE_OK && !again) {
		const char *why = db_error(db);
		if (e == XE_CONFLICT)
			why = "a duplicate key";
		else if (k != NULL && k->stopped)
			why = "a batch before it in the file failed (above): what an import leaves is the file's first batches";
		fprintf(stderr, "\nxxgkctl import: %s on: notices %zu to %zu %s: %s\n", where_in(r, bp, from), from + 1, to,
		        t->perhaps ? "perhaps written (the connection was lost during their COMMIT)" : "not written", why);
	}
	for (size_t i = 0; e == XE_OK && i < to - from; i++) {
		t->created += out[i].created;
		t->updated += !out[i].created && !out[i].kept;
		t->kept += out[i].kept;
		t->kept_pending += out[i].kept && strcmp(out[i].status, "pending") == 0;
		t->drafts += r->demoted[from + i] && strcmp(out[i].status, "draft") == 0;
		t->still_published += r->demoted[from + i] && strcmp(out[i].status, "published") == 0;
	}
	for (size_t i = 0; e == XE_OK && !again && i < to - from; i++)
		if (out[i].kept)
			print_left(r, from + i, out[i].id, out[i].status, false);
	pool_free(bp);
	return e;
}

/* 5. The notices, batch by batch, each batch one transaction. */
static bool import_write(struct import_run *r, FILE *progress, struct tally *t)
{
	bool tty = progress != NULL && isatty(fileno(progress));
	double started = import_now_s();
	for (size_t from = 0, to; from < r->in.n; from = to) {
		to = import_batch_end(r, from);
		if (import_write_batch(r, r->db, from, to, NULL, false, t) != XE_OK) {
			unsigned char *written = pool_alloc(r->p, r->in.n + 1);
			memset(written, IMPORT_WRITTEN, from);
			memset(written + from, t->perhaps ? IMPORT_PERHAPS_WRITTEN : IMPORT_NOT_WRITTEN, to - from);
			import_report_failed(r, t, written);
			return false;
		}
		if (tty)
			import_show_progress(progress, to, r->in.n, started);
	}
	if (tty)
		fputc('\n', progress);
	return true;
}

/* What a notice asked for as asked becomes: its status after the write (notice_batch_status) and
 * why, as the dry run says it. */
static const char *becomes(const struct import_run *r, size_t i, const char *stored, const char *status)
{
	bool asked_draft = strcmp(r->in.notices[i].status, "published") != 0;
	if (strcmp(status, "draft") == 0)
		return r->demoted[i] ? "draft, as it is incomplete" : "draft";
	if (strcmp(status, "published") != 0)
		return pool_printf(r->p, "stays %s%s", status, strcmp(status, "pending") == 0 ? " (awaiting approval)" : "");
	if (stored != NULL && strcmp(stored, "published") == 0 && asked_draft)
		return r->demoted[i] ? "stays published (incomplete, so imported as a draft; a draft leaves a published "
		                       "notice published)"
		                     : "stays published (a draft leaves a published notice published)";
	return "published";
}

/* --dry-run: what each notice would become (the plan the write goes by), written nowhere. */
static bool import_dry_run(struct import_run *r)
{
	struct tally t = {0};
	for (size_t from = 0, to; from < r->in.n; from = to) {
		to = import_batch_end(r, from);
		long long *ids = pool_alloc(r->p, (to - from) * sizeof *ids);
		const char **stored = pool_alloc(r->p, (to - from) * sizeof *stored);
		if (notice_batch_existing(r->db, r->p, &r->site, r->in.notices + from, to - from, ids, stored) != XE_OK) {
			fprintf(stderr, "xxgkctl import: %s\n", db_error(r->db));
			return false;
		}
		for (size_t i = from; i < to; i++) {
			const struct notice_in *n = &r->in.notices[i];
			bool kept = notice_batch_keeps(stored[i - from]);
			const char *status = notice_batch_status(stored[i - from], n->status);
			t.drafts += r->demoted[i] && strcmp(status, "draft") == 0;
			t.still_published += r->demoted[i] && strcmp(status, "published") == 0;
			t.created += ids[i - from] == 0;
			t.updated += ids[i - from] != 0 && !kept;
			t.kept += kept;
			t.kept_pending += kept && strcmp(status, "pending") == 0;
			if (kept) {
				print_left(r, i, ids[i - from], status, true);
				continue;
			}
			printf("%s: %s", where(r, i), ids[i - from] ? "updates" : "creates");
			if (ids[i - from])
				printf(" notice %lld", ids[i - from]);
			printf(" [%s] %s — %s", n->external_id && *n->external_id ? n->external_id : "no external_id", n->title,
			       becomes(r, i, stored[i - from], status));
			if (r->missing[i] != NULL)
				printf("; missing required items: %s", r->missing[i]);
			if (r->in.nfiles[i])
				printf("; %zu attachment%s", r->in.nfiles[i], r->in.nfiles[i] > 1 ? "s" : "");
			putchar('\n');
		}
	}
	printf("dry run: %zu notices for %s: %zu to create, %zu to update, %zu drafts for missing required items", r->in.n,
	       r->site.key, t.created, t.updated, t.drafts);
	if (t.still_published)
		printf(", %zu incomplete that stay published", t.still_published);
	struct buf na;
	buf_init(&na);
	say_not_applied(&na, &t, true);
	fputs(buf_cstr(&na), stdout);
	buf_free(&na);
	puts("; nothing written");
	return true;
}

/* Steps 1 to 4 for one file, through db (its reads: the site): a run whose ok says whether it
 * can be written. */
struct import_run *import_prepare(const struct app *app, struct db *db, const char *path, const struct import_opts *o)
{
	struct pool *p = pool_new();
	struct import_run *r = pool_alloc(p, sizeof *r);
	*r = (struct import_run){.app = app, .db = db, .p = p, .path = path, .o = o};
	const char *slash = strrchr(path, '/');
	r->dir = slash ? pool_strndup(p, path, (size_t)(slash - path)) : ".";
	if (slash == path)
		r->dir = "/";
	r->ok = db != NULL && import_read(r) && import_check(r);
	if (r->ok)
		import_completeness(r);
	return r;
}

/* Step 5 (or the dry run) through db, the report, and the run freed. */
int import_finish(struct import_run *r, struct db *db, FILE *progress)
{
	r->db = db;
	int rc = 1;
	struct tally t = {0};
	if (!r->ok)
		goto done;
	if (r->o->dry_run) {
		rc = import_dry_run(r) ? 0 : 1;
		goto done;
	}
	if (!import_write(r, progress, &t))
		goto done;
	import_report(r, &t);
	rc = 0;
done:
	pool_free(r->p);
	return rc;
}

/* "N created, N updated, ..." of what was written. */
static void say_tally(struct buf *b, const struct tally *t)
{
	buf_printf(b, "%zu created, %zu updated", t->created, t->updated);
	if (t->drafts)
		buf_printf(b, ", %zu as drafts for missing required items (--publish-incomplete publishes them)", t->drafts);
	if (t->still_published)
		buf_printf(b, ", %zu incomplete that stay published (they were published before)", t->still_published);
	say_not_applied(b, t, false);
}

void import_report(const struct import_run *r, const struct tally *t)
{
	size_t anonymous = 0;
	for (size_t i = 0; i < r->in.n; i++)
		anonymous += r->in.notices[i].external_id == NULL || *r->in.notices[i].external_id == '\0';
	struct buf b;
	buf_init(&b);
	say_tally(&b, t);
	printf("imported %zu notices into %s: %s\n", r->in.n, r->site.key, buf_cstr(&b));
	buf_free(&b);
	if (anonymous)
		printf("note: %zu notices have no external_id: importing them again would add them again\n", anonymous);
}

/* Notices [from, to): "notices 3 to 7 (external ids A to B)". */
static void say_range(struct buf *b, const struct import_run *r, size_t from, size_t to)
{
	const char *first = r->in.notices[from].external_id, *last = r->in.notices[to - 1].external_id;
	if (to - from == 1)
		buf_printf(b, "notice %zu", from + 1);
	else
		buf_printf(b, "notices %zu to %zu", from + 1, to);
	if (to - from == 1 && first != NULL && *first)
		buf_printf(b, " (external id %s)", first);
	else if (first != NULL && *first && last != NULL && *last)
		buf_printf(b, " (external ids %s to %s)", first, last);
}

/* The runs of notices whose written is as asked, in the file's order: how many in all. */
static size_t say_runs(struct buf *b, const struct import_run *r, const unsigned char *written,
                       enum import_written as)
{
	size_t count = 0, runs = 0;
	for (size_t i = 0, end; i < r->in.n; i = end) {
		for (end = i + 1; end < r->in.n && written[end] == written[i];)
			end++;
		if (written[i] != as)
			continue;
		count += end - i;
		if (runs++ < IMPORT_MAX_RUNS) {
			buf_puts(b, runs > 1 ? "; " : "");
			say_range(b, r, i, end);
		}
	}
	if (runs > IMPORT_MAX_RUNS)
		buf_printf(b, "; and %zu more runs", runs - IMPORT_MAX_RUNS);
	return count;
}

void import_report_failed(const struct import_run *r, const struct tally *t, const unsigned char *written)
{
	struct buf yes, no, perhaps, counts;
	buf_init(&yes);
	buf_init(&no);
	buf_init(&perhaps);
	buf_init(&counts);
	size_t nyes = say_runs(&yes, r, written, IMPORT_WRITTEN), nno = say_runs(&no, r, written, IMPORT_NOT_WRITTEN);
	size_t nperhaps = say_runs(&perhaps, r, written, IMPORT_PERHAPS_WRITTEN), anonymous = 0;
	for (size_t i = 0; i < r->in.n; i++)
		anonymous += written[i] != IMPORT_NOT_WRITTEN &&
		             (r->in.notices[i].external_id == NULL || *r->in.notices[i].external_id == '\0');
	say_tally(&counts, t);
	if (nyes)
		fprintf(stderr, "xxgkctl import: %s: written into %s, in whole batches, %zu of its %zu notices (%s): %s\n",
		        r->path, r->site.key, nyes, r->in.n, buf_cstr(&counts), buf_cstr(&yes));
	else
		fprintf(stderr, "xxgkctl import: %s: none of its %zu notices written%s\n", r->path, r->in.n,
		        nperhaps ? " for certain" : "");
	if (nperhaps)
		fprintf(stderr, "xxgkctl import: %s: perhaps written, %zu notices (the connection was lost during their "
		        "COMMIT): %s\n", r->path, nperhaps, buf_cstr(&perhaps));
	if (nno)
		fprintf(stderr, "xxgkctl import: %s: not written, %zu notices: %s\n", r->path, nno, buf_cstr(&no));
	fprintf(stderr, "xxgkctl import: %s: running the same command again writes what was not written (the notices "
	        "written are found by their external ids and updated to the same values)\n", r->path);
	if (anonymous)
		fprintf(stderr, "xxgkctl import: %s: %zu of the notices written have no external_id: running it again would "
		        "add them again (take them out of the file first)\n", r->path, anonymous);
	buf_free(&yes);
	buf_free(&no);
	buf_free(&perhaps);
	buf_free(&counts);
}

int import_file(const struct app *app, struct db *db, const char *path, const struct import_opts *o, FILE *progress)
{
	return import_finish(import_prepare(app, db, path, o), db, progress);
}
