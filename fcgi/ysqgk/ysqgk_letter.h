/* The letters to the applicant (告知书: correction, extension, fee, reply), from the install's
 * templates (app_letters) filled in for a request. */
#ifndef XXGK_YSQGK_LETTER_H
#define XXGK_YSQGK_LETTER_H
#include "core/request.h"

/* What a template may name besides the request's own fields. */
struct ysqgk_letter_args {
	const char *outcome, *reason_code; /* the reply's */
	int days;                          /* correction period, extension */
	int32_t until;                     /* correct-by, pay-by (0: none) */
	long long amount;                  /* fee in yuan */
};

/* The template of kind (and the outcome, for replies), filled in for request id. */
enum xerr ysqgk_letter(struct request *req, long long id, const char *kind, const struct ysqgk_letter_args *args,
                       const char **title, const char **text);

#endif
