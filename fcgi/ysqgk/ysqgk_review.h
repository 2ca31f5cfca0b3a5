/* Administrative review (行政复议) of how a request was handled, and lawsuits (行政诉讼) against it,
 * directly or after a review: what the annual report's section 四 counts. Staff record one from
 * the request's page (its kind, the day it was filed, and once decided the day and the result)
 * and set the result later, and approvers delete one entered by mistake; each change is audited
 * in its own transaction. A record is counted in
 * the year it was decided, under its result, or as 尚未审结 in every year whose end finds it filed
 * and not decided. */
#ifndef XXGK_YSQGK_REVIEW_H
#define XXGK_YSQGK_REVIEW_H
#include "core/request.h"

enum ysqgk_review_kind { REVIEW_REVIEW, REVIEW_SUIT, REVIEW_SUIT_AFTER_REVIEW, REVIEW_KIND__N };
enum ysqgk_review_result { RESULT_UPHELD, RESULT_CORRECTED, RESULT_OTHER, RESULT_PENDING, RESULT__N };
extern const char *const ysqgk_review_kinds[];   /* review, suit, suit-after-review */
extern const char *const ysqgk_review_results[]; /* upheld, corrected, other, pending */
extern const char *const ysqgk_review_kind_labels[];
extern const char *const ysqgk_review_result_labels[]; /* 结果维持, 结果纠正, 其他结果, 尚未审结 */

/* Records (or, with the form's review id, updates) a review or suit of request id from the
 * request's form, or with action=delete deletes a record entered by mistake (review, reason;
 * approvers and admins, audited with the record as it was and the reason). A new record's form
 * is single-use: it carries the one-time token of the public filing form (form_token, from
 * ysqgk_review_xml), whose nonce the record keeps; the same form sent again stores nothing and
 * answers XE_CONFLICT naming the record it stored. XE_BAD_REQUEST or XE_CONFLICT with *message
 * for what the form got wrong (nothing stored); XE_FORBIDDEN with *message when the user may not
 * act for the request. */
enum xerr ysqgk_review_save(struct request *req, long long id, const char **message);
/* The request's records as <reviews token may-delete><review id kind kind-label filed-on
 * decided-on result result-label note/></reviews> under parent: token for the form of a new
 * record, may-delete="1" when the user may delete one. */
enum xerr ysqgk_review_xml(struct request *req, xmlNodePtr parent, long long id);

#endif
