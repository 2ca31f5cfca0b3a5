/* The import's pipeline: a reader thread (a connection of its own) reads and checks each file
 * one ahead of the writing, so that the client's work (reading, checking) runs beside the
 * database's, and the batches are written by several writers side by side (--writers), the
 * caller's connection and more of their own: while one waits for the server's answer, the
 * other's statement runs. Several writers write in turn (batch_turns.h): the 索引号 serials and
 * the commits keep the files' order. */
#include "notices/import_run.h"
#include <mysql.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IMPORT_REDO_MAX 8 /* runs of a batch whose serials other writers kept taking */
_Static_assert(IMPORT_WRITERS_MAX <= BATCH_TURNS_OPEN, "each writer holds a place in the order");

/* A file whose batches are being written: what is left of it. */
struct pipe_file {
	struct import_run *r;
	size_t next;      /* its next batch to hand out */
	size_t in_flight; /* batches handed out and not ended (one to be written again included) */
	size_t done;      /* notices written */
	unsigned char *written; /* per notice: enum import_written */
	/* The place of the first batch that failed (SIZE_MAX: none): no batch after it is handed out
	 * or committed, while those before it, in flight on other writers, still are. */
	size_t failed_at;
	size_t stop_at; /* the same for the batches' turns (read under their lock) */
	struct tally t;
	double started;
};

struct job {
	struct pipe_file *f;
	size_t from, to;
	long long turn;
	int runs;
	bool alone; /* no other batch is written meanwhile: serials reserved as it plans */
};

struct import_pipe {
	const struct app *app;
	const struct import_opts *o;
	const char *const *paths;
	size_t n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct import_run *slot; /* the reader's: the next file, read and checked */
	bool full;
	size_t taken;              /* files taken from the slot */
	struct pipe_file *current; /* the file whose batches are handed out */
	bool fetching;             /* a writer waits for the reader's next file */
	struct job redo[IMPORT_WRITERS_MAX];
	size_t nredo;
	struct batch_turns *turns;
	/* Another writer (the console, a push) took serials a batch had claimed: the batches are
	 * then written one at a time, each reserving its serials as it plans them, as one writer
	 * does, since claims ahead would keep meeting that writer's. */
	bool alone;
	size_t in_flight; /* batches handed out and not ended, of every file */
	FILE *progress;
	bool tty;
	int rc;
};

static void *import_reader(void *arg)
{
	struct import_pipe *q = arg;
	mysql_thread_init();
	char err[512];
	struct db *db = db_open(&q->app->cfg, err, sizeof err);
	if (db == NULL)
		fprintf(stderr, "xxgkctl import: %s\n", err);
	for (size_t i = 0; i < q->n; i++) {
		struct import_run *r = import_prepare(q->app, db, q->paths[i], q->o);
		pthread_mutex_lock(&q->mu);
		while (q->full)
			pthread_cond_wait(&q->cv, &q->mu);
		q->slot = r;
		q->full = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	if (db != NULL)
		db_close(db);
	mysql_thread_end();
	return NULL;
}

/* The next file from the reader (under the lock). */
static struct import_run *take_file(struct import_pipe *q)
{
	while (!q->full)
		pthread_cond_wait(&q->cv, &q->mu);
	struct import_run *r = q->slot;
	q->full = false;
	q->taken++;
	pthread_cond_broadcast(&q->cv);
	return r;
}

/* ---- one writer -------------------------------------------------------------------------- */

static int write_alone(struct import_pipe *q, struct db *db)
{
	int rc = 0;
	for (size_t i = 0; i < q->n; i++) {
		pthread_mutex_lock(&q->mu);
		struct import_run *r = take_file(q);
		pthread_mutex_unlock(&q->mu);
		rc |= import_finish(r, db, q->progress);
	}
	return rc;
}

/* ---- writers side by side ---------------------------------------------------------------- */

/* A file whose batches are all handed out and ended: its report (under the lock). */
static void file_maybe_done(struct import_pipe *q, struct pipe_file *f)
{
	if (q->current == f || f->in_flight > 0)
		return;
	if (q->tty)
		fputc('\n', q->progress);
	if (f->failed_at != SIZE_MAX) {
		q->rc = 1;
		import_report_failed(f->r, &f->t, f->written);
	} else
		import_report(f->r, &f->t);
	pool_free(f->r->p);
	free(f);
}

static bool start_file(struct import_pipe *q, struct import_run *r)
{
	struct pipe_file *f = r->ok ? calloc(1, sizeof *f) : NULL;
	if (f == NULL) {
		q->rc = 1;
		pool_free(r->p);
		return false;
	}
	f->r = r;
	f->written = pool_alloc(r->p, r->in.n + 1);
	f->failed_at = f->stop_at = SIZE_MAX;
	f->started = import_now_s();
	q->current = f;
	return true;
}

/* The next batch to write, in the order of the files (under the lock): false when none is left. */
static bool take_job(struct import_pipe *q, struct job *j)
{
	for (;;) {
		if (q->alone && q->in_flight > 0) {
			pthread_cond_wait(&q->cv, &q->mu);
			continue;
		}
		if (q->nredo > 0) {
			*j = q->redo[--q->nredo];
			if (j->from < j->f->failed_at) { /* before the batch that failed: it may still commit */
				j->turn = batch_turns_next(q->turns);
				j->alone = q->alone;
				q->in_flight++;
				return true;
			}
			j->f->in_flight--;
			file_maybe_done(q, j->f);
			continue;
		}
		struct pipe_file *f = q->current;
		if (f != NULL && f->next < f->failed_at && f->next < f->r->in.n) {
			*j = (struct job){.f = f, .from = f->next, .to = import_batch_end(f->r, f->next), .alone = q->alone};
			j->turn = batch_turns_next(q->turns);
			f->next = j->to;
			f->in_flight++;
			q->in_flight++;
			return true;
		}
		if (f != NULL) {
			q->current = NULL;
			file_maybe_done(q, f);
		}
		if (q->taken == q->n)
			return false;
		if (q->fetching) { /* another writer waits for the reader: the file it brings is next */
			pthread_cond_wait(&q->cv, &q->mu);
			continue;
		}
		q->fetching = true;
		struct import_run *r = take_file(q);
		q->fetching = false;
		start_file(q, r);
		pthread_cond_broadcast(&q->cv);
	}
}

/* What a batch's end leaves (under the lock): counted, failed, or to be written again. */
static void job_ended(struct import_pipe *q, struct job *j, enum xerr e, bool again, const struct tally *t)
{
	struct pipe_file *f = j->f;
	q->in_flight--;
	pthread_cond_broadcast(&q->cv);
	if (again) {
		j->runs++;
		q->redo[q->nredo++] = *j;
		q->alone = true;
		return;
	}
	f->in_flight--;
	if (e == XE_OK) {
		memset(f->written + j->from, IMPORT_WRITTEN, j->to - j->from);
		f->done += j->to - j->from;
		f->t.created += t->created;
		f->t.updated += t->updated;
		f->t.kept += t->kept;
		f->t.kept_pending += t->kept_pending;
		f->t.drafts += t->drafts;
		f->t.still_published += t->still_published;
		if (q->tty)
			import_show_progress(q->progress, f->done, f->r->in.n, f->started);
	} else {
		if (t->perhaps)
			memset(f->written + j->from, IMPORT_PERHAPS_WRITTEN, j->to - j->from);
		if (j->from < f->failed_at)
			f->failed_at = j->from;
	}
	file_maybe_done(q, f);
}

static void write_job(struct import_pipe *q, struct db *db, struct job *j)
{
	struct import_run *r = j->f->r;
	struct batch_ticket k = {.turns = q->turns, .turn = j->turn, .place = j->from, .stop_at = &j->f->stop_at};
	struct tally t = {0};
	enum xerr e = import_write_batch(r, db, j->from, j->to, j->alone ? NULL : &k, true, &t);
	bool again = k.moved || e == XE_CONFLICT; /* a duplicate: serials or a notice another writer took */
	if (e == XE_CONFLICT && !k.moved && k.nclaims > 0)
		batch_claims_lost(db, &k, r->site.id);
	if (again && j->runs + 1 >= IMPORT_REDO_MAX) {
		again = false;
		fprintf(stderr, "\nxxgkctl import: %s: notices %zu to %zu not written: they met another writer's changes "
		        "(a 索引号 or an external id it took) %d times in a row\n", r->path, j->from + 1, j->to,
		        IMPORT_REDO_MAX);
	}
	batch_ticket_end(&k, e != XE_OK && !again);
	pthread_mutex_lock(&q->mu);
	job_ended(q, j, e, again, &t);
	pthread_mutex_unlock(&q->mu);
}

struct writer {
	struct import_pipe *q;
	struct db *db;
	pthread_t thread;
	bool started;
};

static void write_jobs(struct import_pipe *q, struct db *db)
{
	struct job j;
	for (;;) {
		pthread_mutex_lock(&q->mu);
		bool any = take_job(q, &j);
		pthread_mutex_unlock(&q->mu);
		if (!any)
			return;
		write_job(q, db, &j);
	}
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	mysql_thread_init();
	write_jobs(w->q, w->db);
	mysql_thread_end();
	return NULL;
}

/* Batches written side by side read only what is committed, and take no gap locks: the external
 * ids one batch looks up and finds missing would otherwise lock the gap where the other inserts. */
static bool read_committed(struct db *db, bool on)
{
	enum xerr e = on ? db_exec(db, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "")
	                 : db_exec(db, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", "");
	return e == XE_OK;
}

/* The caller's connection and up to nwriters - 1 of their own, each in a thread. */
static int write_side_by_side(struct import_pipe *q, struct db *db, size_t nwriters)
{
	struct writer w[IMPORT_WRITERS_MAX] = {0};
	q->turns = batch_turns_new();
	if (q->turns == NULL || !read_committed(db, true)) {
		batch_turns_free(q->turns);
		return write_alone(q, db);
	}
	for (size_t i = 1; i < nwriters; i++) {
		char err[512];
		w[i] = (struct writer){.q = q, .db = db_open(&q->app->cfg, err, sizeof err)};
		if (w[i].db == NULL)
			break;
		db_set_keyring(w[i].db, &q->app->keys);
		w[i].started = read_committed(w[i].db, true) && pthread_create(&w[i].thread, NULL, writer_main, &w[i]) == 0;
	}
	write_jobs(q, db);
	for (size_t i = 1; i < nwriters; i++) {
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		if (w[i].db != NULL)
			db_close(w[i].db);
	}
	read_committed(db, false);
	batch_turns_free(q->turns);
	return q->rc;
}

int import_files(const struct app *app, struct db *db, const char *const *paths, size_t n, const struct import_opts *o,
                 FILE *progress)
{
	size_t nwriters = o->writers ? o->writers : IMPORT_WRITERS;
	if (nwriters > IMPORT_WRITERS_MAX)
		nwriters = IMPORT_WRITERS_MAX;
	if (o->dry_run)
		nwriters = 1;
	if (n == 1 && nwriters == 1)
		return import_file(app, db, paths[0], o, progress);
	struct import_pipe q = {.app = app, .o = o, .paths = paths, .n = n, .progress = progress};
	q.tty = progress != NULL && isatty(fileno(progress));
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	pthread_t reader;
	int rc = 0;
	if (pthread_create(&reader, NULL, import_reader, &q) != 0) {
		for (size_t i = 0; i < n; i++)
			rc |= import_file(app, db, paths[i], o, progress);
	} else {
		rc = nwriters > 1 ? write_side_by_side(&q, db, nwriters) : write_alone(&q, db);
		pthread_join(reader, NULL);
	}
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.cv);
	return rc;
}
