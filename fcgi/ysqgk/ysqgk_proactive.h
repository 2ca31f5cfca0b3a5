/* Art. 44 of 《中华人民共和国政府信息公开条例》: information given on request that several applicants
 * ask for, or that an applicant suggests publishing, goes into proactive disclosure. From an
 * answered request (disclosed, or partly): a draft notice of the site in the column chosen from
 * its catalog, issued by the body that answered, dated by the answer, with the reply's
 * documents; the request and the notice point at each other; both audited, in one transaction. */
#ifndef XXGK_YSQGK_PROACTIVE_H
#define XXGK_YSQGK_PROACTIVE_H
#include "core/request.h"

/* Why (Art. 44 first or second sentence), indexed: the form's codes. */
enum ysqgk_proactive_basis { PROACTIVE_REPEATED, PROACTIVE_SUGGESTED };
extern const char *const ysqgk_proactive_bases[];

/* *notice_id: the draft. XE_FORBIDDEN with *message when ysqgk_authz_decide() refuses it
 * (RIGHT_TO_NOTICE); XE_CONFLICT with *message when the request is not answered with
 * information given, or has its notice already; XE_BAD_REQUEST with *message for a category or
 * title the catalog's rules refuse. */
enum xerr ysqgk_to_notice(struct request *req, long long id, const char *category, const char *title,
                          enum ysqgk_proactive_basis basis, long long *notice_id, const char **message);

#endif
