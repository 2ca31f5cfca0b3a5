/* Mail to the applicant about a step of their request, queued in the caller's transaction
 * (core/mail.h delivers it after the commit). */
#ifndef XXGK_YSQGK_MAIL_H
#define XXGK_YSQGK_MAIL_H
#include "core/request.h"

/* step: a status code, or "filed", "registered", "consultation_end", "fee_notice", "fee_withdrawn", …
 * (the table in ysqgk_mail.c); note: what the step says to the applicant (may be NULL). Nothing when the request has no email address.
 * *mail_id (may be NULL) gets the outbox row, 0 when none. */
enum xerr ysqgk_notify(struct request *req, long long id, const char *step, const char *note, long long *mail_id);

#endif
