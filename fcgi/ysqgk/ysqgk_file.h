/* Filing a validated request in the caller's transaction: the tracking number, the query code
 * (stored hashed), the row, its first timeline step, the attachments, the reply deadline (20
 * working days, from the calendar module), the applicant's count for the month, the audit entry
 * "request.file" and the receipt mail. */
#ifndef XXGK_YSQGK_FILE_H
#define XXGK_YSQGK_FILE_H
#include "core/request.h"
#include "ysqgk/ysqgk_rules.h"
#include "ysqgk/ysqgk_throttle.h"

struct ysqgk_receipt {
	long long id;
	const char *tracking_no;
	const char *query_code; /* shown once; never stored */
	int32_t received_on, due_on;
	bool provisional;
	long long month_seq;    /* the applicant's n-th request in the month of receipt */
	long long mail_id;      /* the receipt mail in the outbox, 0 without an email address */
};

/* db_begin before, db_commit after, then mail_after_commit for out->mail_id. A duplicate form
 * nonce answers XE_CONFLICT. */
enum xerr ysqgk_file(struct request *req, const struct ysqgk_in *in, struct ysqgk_receipt *out);

/* An online filing (the form, the API) in a transaction of its own, through db_transaction (run
 * again, whole, after a deadlock or a cluster's conflict): the filing throttle, then ysqgk_file.
 * Over the address's limit: XE_TOO_MANY and t->over, nothing written (only filings that succeed
 * count). Then mail_after_commit for out->mail_id. */
enum xerr ysqgk_file_online(struct request *req, const struct ysqgk_in *in, struct ysqgk_throttled *t,
                            struct ysqgk_receipt *out);

#endif
