/* A new query code for an applicant who lost theirs. The code is shown once and stored only as a
 * salted hash (ysqgk_lookup.h), so it cannot be found again: staff who may see the applicant's
 * identity (ysqgk_authz.h, RIGHT_CONTACT) check the applicant's proof of identity against the
 * request, in person or on paper, and issue a new code; the old one stops working at once. */
#ifndef XXGK_YSQGK_REISSUE_H
#define XXGK_YSQGK_REISSUE_H
#include "core/request.h"

struct ysqgk_reissue {
	const char *checked; /* the proof of identity that was checked, as the staff member wrote it */
	const char *reason;  /* why: how the applicant asked, what was compared */
};

/* In one transaction, under the request's row lock: the new code's hash in place of the old,
 * the audit entry "request.code_reissue" (who, from where, what was checked, why) and a step of
 * the request's timeline for staff. *code: the new code, to be shown this once; *tracking_no its
 * request's number. XE_NOT_FOUND: no such request of the site; XE_FORBIDDEN: not the user's to
 * reissue (*why says so). */
enum xerr ysqgk_reissue_code(struct request *req, long long id, const struct ysqgk_reissue *in, const char **code,
                             const char **tracking_no, const char **why);

#endif
