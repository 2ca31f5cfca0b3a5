/* What the applicant sees of a request, loaded once as data and written as XML (the tracking
 * page, the receipt) or as JSON (the API): the status, the dates, the steps shown to the
 * applicant, the outcome, and the documents with signed download links. Never the personal
 * information beyond the name. */
#ifndef XXGK_YSQGK_VIEW_H
#define XXGK_YSQGK_VIEW_H
#include "core/buf.h"
#include "core/request.h"
#include <libxml/tree.h>

struct ysqgk_view_step {
	const char *date, *kind, *label, *note;
};

/* Days not counted in the reply period (a consultation, a fee notice): from and to, inclusive. */
struct ysqgk_view_pause {
	const char *from, *to;
};

struct ysqgk_view_doc {
	long long id, size;
	const char *filename, *mime, *sha256, *date;
	const char *url; /* signed download link; NULL for the application's own files */
};

struct ysqgk_view {
	const char *tracking_no, *status, *status_label, *received_on, *due_on;
	bool open, provisional;
	const char *channel, *channel_label, *applicant_type, *applicant_type_label, *org_kind, *org_kind_label, *name;
	const char *description, *doc_number, *form, *form_label, *delivery, *delivery_label;
	const char *outcome, *outcome_label, *reason_code, *answered_on; /* outcome NULL: not answered */
	struct ysqgk_view_step *steps;
	size_t nsteps;
	struct ysqgk_view_doc *docs;
	size_t ndocs;
	/* The reply period while the request waits for a correction (Art. 30): not running, and
	 * counted again from the day the correction arrives; the correction's own period. */
	bool reply_suspended;
	const char *correction_from, *correction_due;
	struct ysqgk_view_pause *pauses;
	size_t npauses;
};

/* Which documents: the replies shown to the applicant (with links), or the application's own
 * attachments (for the receipt). */
enum ysqgk_view_docs { VIEW_REPLIES, VIEW_APPLICATION };

/* Request id of this site; XE_NOT_FOUND when there is none. */
enum xerr ysqgk_view_load(struct request *req, long long id, enum ysqgk_view_docs which, struct ysqgk_view *v);
/* As <request> under parent (the tracking page); a suspended reply period adds reply-suspended,
 * correction-from and correction-due, its pauses <pause from to/> elements. */
void ysqgk_view_xml(struct pool *p, const struct ysqgk_view *v, xmlNodePtr parent);
/* As a JSON object and a newline (the API). */
void ysqgk_view_json(const struct ysqgk_view *v, struct buf *out);
/* The 回执 as <receipt> under parent; query_code NULL when it is not shown again. */
void ysqgk_receipt_xml(struct pool *p, const struct ysqgk_view *v, const char *query_code, xmlNodePtr parent);

#endif
