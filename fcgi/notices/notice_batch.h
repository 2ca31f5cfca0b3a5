/* The bulk writer: many validated notices of one site saved with a few statements each carrying
 * every notice of the batch (array binding, JSON_TABLE look-ups), with what notice_save does for
 * one notice done for all of them in the same transaction: the items in the notice's row
 * (items_json), the 索引号 serials, the column rows, the search queue, one site generation, and an
 * audit entry per notice with the record before and after (as the push API writes it).
 * `xxgkctl import` and large pushes use it; the editor and single pushes keep notice_save. */
#ifndef XXGK_NOTICE_BATCH_H
#define XXGK_NOTICE_BATCH_H
#include "core/db.h"
#include "core/site.h"
#include "notices/batch_turns.h"
#include "notices/notice_store.h"

/* A file given with a notice (an import's attachments, read from beside the export). */
struct notice_file {
	const char *filename, *mime;
	const unsigned char *data;
	size_t len;
};

/* What a batch did with each notice. */
struct notice_saved {
	long long id;
	bool created;
	bool kept; /* a withdrawn notice: left as it is, neither written nor audited (notice_batch_status) */
	const char *status, *index_no, *published_at; /* as stored */
};

struct notice_batch_opts {
	const char *actor, *actor_ip, *note; /* the audit entries' */
	/* Per notice, NULL or its files: when a notice has files (nfiles[i] > 0), they replace the
	 * notice's attachments; without, its attachments stay as they are. */
	const struct notice_file *const *files;
	const size_t *nfiles;
	/* Written beside other batches, in turn (batch_turns.h): the serials claimed ahead, the
	 * counter taken at the end. NULL: the batch reserves its serials as it plans them. */
	struct batch_ticket *ticket;
};

/* The status a notice pushed or imported as asked ("published" or "draft") has after the save,
 * over the stored one (NULL: a new notice): a draft leaves a stored notice's status as it was; a
 * withdrawn notice stays withdrawn and is left as it is, text and all (it is kept for the record
 * of what was withdrawn, and only the console publishes it again); so does one awaiting an
 * approver (the console's pending: a push would have published it past the approval). The write
 * (notice_save_batch, the push API) and the import's dry run and summary all go by it. */
const char *notice_batch_status(const char *stored, const char *asked);
/* Whether a notice of this stored status is left as it is (withdrawn, pending). */
bool notice_batch_keeps(const char *stored);

/* Saves n[0..count) (each passed through notice_validate; external ids distinct within the
 * batch) in the caller's transaction. The result for each is what notice_save would have left:
 * a notice whose external_id exists is updated, a draft leaves an existing notice's status as it
 * was, a published one keeps its 索引号 and publication time unless a new time is given; a
 * withdrawn one is left as it is (out[i].kept: no row, attachment or audit entry written). */
enum xerr notice_save_batch(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                            size_t count, const struct notice_batch_opts *o, struct notice_saved *out);

/* The ids of the notices of the site with these notices' external ids (0: none) and their
 * statuses (NULL: none), read only. */
enum xerr notice_batch_existing(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                                size_t count, long long *ids, const char **statuses);

#endif
