/* Creating, updating and publishing notices: one place for the rules (the category must exist in
 * the site's variant, items must belong to it, dates and lengths are checked), used by
 * `xxgkctl import`, the push API and the staff editor alike. */
#ifndef XXGK_NOTICE_STORE_H
#define XXGK_NOTICE_STORE_H
#include "core/app.h"
#include "core/db.h"
#include "core/request.h"

#define NOTICE_MAX_ITEMS 64

struct notice_in {
	const char *external_id, *title, *issuer, *doc_number, *subject, *formed_on, *published_at,
	    *validity, *category_code, *decision_kind, *body, *status;
	/* changed_on: the latest change (变更, restarts the publication clock); document_kind: what the
	 * annual report's section 二 counts it as (other, rule, normative, licensing, penalty,
	 * enforcement); repealed_on: when a rule or normative document was repealed. */
	const char *changed_on, *document_kind, *repealed_on;
	struct {
		const char *code, *value, *label; /* label: filled from the catalog by notice_validate */
	} items[NOTICE_MAX_ITEMS];
	size_t nitems;
};

/* The values of notice_in.document_kind, NULL-terminated. */
extern const char *const notice_document_kinds[];

/* Checks n against the site's catalog; fills defaults (validity, decision kind, status).
 * On failure returns false with the field name and a Chinese message. */
bool notice_validate(const struct app *app, struct pool *p, const struct site *site, struct notice_in *n,
                     const char **field, const char **message);

/* Inserts (or, when external_id matches an existing notice of the site, updates) a validated
 * notice. When *id_out > 0 on entry, that notice of the site is updated instead (the editor).
 * The caller owns the transaction. A published notice gets its 索引号 and column rows. */
enum xerr notice_save(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                      long long *id_out);
/* The notice's content items as they are stored (sql/102_items_in_notice.sql), in its row:
 * [[code, label, value], ...] in code order (bytes, as utf8mb4_bin), the empty ones left out;
 * NULL for none. The notice_items view reads them back as rows. */
const char *notice_items_json(struct pool *p, const struct notice_in *n);
/* Publishes a stored notice: 索引号 (assigned once, never reused), publication time, column rows. */
enum xerr notice_publish(struct db *db, struct pool *p, const struct site *site, long long id, const char *published_at);
enum xerr notice_withdraw(struct db *db, const struct site *site, long long id);
/* Takes a notice out of every column list (withdrawal; an edit awaiting approval). */
enum xerr notice_unlist(struct db *db, long long id);
/* Sets the copies that lists and notice pages read (notice_columns.title; notices.attachment_count)
 * to what they copy, where a change made by hand left them apart (`xxgkctl cache clear`). */
enum xerr notice_columns_level(struct db *db, long long site_id);
/* The 索引号 for a serial, following the site's format ({org}, {year}, {serial}). */
const char *index_number(struct pool *p, const struct site *site, int year, long long serial);
/* Marks the site's published data changed (rendered-page caches key on this) and, where the site
 * has page copies, points nginx at an empty folder for the new generation. Inside the
 * change's transaction, before it commits. */
enum xerr site_touch(struct db *db, const struct site *site);

#endif
