/* Batches written side by side (an import's writers, each with a connection of its own), in
 * turn: each batch has a place in the file's order, takes its 索引号 serials in that order from a
 * count kept here (claimed ahead), and commits in that order. The site's serial counter
 * (index_serials) is then locked only at the end of a batch's transaction, where the claim is
 * checked and the counter moved on, instead of from its planning to its commit, which would let
 * one batch run at a time. Serials come out as one writer gives them: in the file's order, with
 * no gap, and an import killed midway has committed a prefix of its batches. A batch that fails
 * stops only the batches after it in its file: those before it, in flight on other writers, still
 * commit (a place in the order counts as planned, and ended, once every place before it is).
 * Should another
 * writer (the console, a push) take serials meanwhile, the batch is told to run again
 * (ticket.moved), later, with serials after those. */
#ifndef XXGK_BATCH_TURNS_H
#define XXGK_BATCH_TURNS_H
#include "core/db.h"
#include <stdbool.h>

struct batch_turns; /* shared by the writers of one import */

struct batch_turns *batch_turns_new(void);
void batch_turns_free(struct batch_turns *t);
/* The next place in the order. */
long long batch_turns_next(struct batch_turns *t);
/* Places handed out and not ended, at most (one a writer). */
#define BATCH_TURNS_OPEN 64

#define BATCH_CLAIMS_MAX 16 /* years of publication in one batch */

/* One batch's place, and the serials it claimed (kept when its transaction runs again). */
struct batch_ticket {
	struct batch_turns *turns;
	long long turn;
	size_t place;    /* its first notice's place in its file */
	size_t *stop_at; /* the place of its file's first failed batch (SIZE_MAX: none): one after it is not committed */
	struct {
		long long year, first, count;
	} claims[BATCH_CLAIMS_MAX];
	size_t nclaims;
	bool planned; /* its claims are made */
	bool moved;   /* out: its serials were taken by another writer; write the batch again */
	bool stopped; /* out: not committed, as a batch before it in its file failed */
};

/* Before the batch's transaction takes any lock: once every batch before it has made its claims
 * (or one before it in its file failed). Its look-ups then see what those batches lock. */
void batch_turn_wait(struct batch_ticket *k);
/* count serials of year for site_id, after those of every batch before in the order: *first. */
enum xerr batch_claim(struct db *db, struct batch_ticket *k, long long site_id, long long year, long long count,
                      long long *first);
/* The batch's claims are made (including none): the next batch may claim. */
void batch_claims_made(struct batch_ticket *k);
/* At the end of the batch's transaction, once every batch before it has ended: the counter moved
 * past its claims, locked to the commit. XE_CONFLICT with k->moved when the counter had passed
 * them; XE_UNAVAILABLE with k->stopped when a batch before it in its file failed. */
enum xerr batch_claims_take(struct db *db, struct batch_ticket *k, long long site_id);
/* The batch has ended, committed or not (failed: no batch after it in its file commits, while
 * those before it may): the ones after it in the order may go on. */
void batch_ticket_end(struct batch_ticket *k, bool failed);
/* Its notices met a serial another writer had taken since (a duplicate 索引号): claims start
 * after the committed counter from now on. */
enum xerr batch_claims_lost(struct db *db, struct batch_ticket *k, long long site_id);

#endif
