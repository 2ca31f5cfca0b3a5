/* Who may do what to a disclosure request: the one decision, for the console's pages (which
 * requests are listed, what is unmasked, which steps are offered), the step handler and the
 * workflow alike. A table in ysqgk_authz.c gives, for every step and right, the relations of
 * the request to the user that each role may act in; the workflow's transition table says from
 * which statuses a step may be taken. README "Staff console" has the table in words. */
#ifndef XXGK_YSQGK_AUTHZ_H
#define XXGK_YSQGK_AUTHZ_H
#include "core/request.h"
#include "ysqgk/ysqgk_workflow.h"

/* The request as seen from the user. The numbers are those the SQL of ysqgk_authz_load() and of
 * the queue computes. */
enum ysqgk_relation {
	REL_OWN,        /* assigned to a body the user serves (approvers, admins: every body), or to the user */
	REL_OTHER,      /* assigned to a body the user does not serve */
	REL_UNASSIGNED, /* no body yet, filed online or registered by someone else */
	REL_REGISTRANT, /* no body yet, registered by the user */
	REL__N
};

/* What is asked: a workflow step (enum ysqgk_action), or one of these rights. */
enum ysqgk_right {
	RIGHT_SEE = ACT__N, /* open the request's page, list it, read its letters */
	RIGHT_CONTACT,      /* its identity number, phone, email and address in full */
	RIGHT_TO_NOTICE,    /* its answer made a draft notice for proactive disclosure (Art. 44) */
	RIGHT_REVIEW,       /* an administrative review or a lawsuit against it recorded (ysqgk_review.h) */
	RIGHT_REVIEW_DELETE, /* such a record entered by mistake deleted, with the reason */
	RIGHT__N
};

struct ysqgk_authz {
	enum role role;
	enum ysqgk_relation relation;
	const char *status; /* the request's, as stored */
};

enum ysqgk_verdict {
	AZ_ALLOWED,
	AZ_ROLE,        /* 403: not for this role in any relation (extension: approvers) */
	AZ_OTHER_BODY,  /* 403: another body's request */
	AZ_UNASSIGNED,  /* 403: no body yet, and the user did not register it */
	AZ_BODY,        /* 403: staff assign only to a body they serve */
	AZ_STATUS,      /* 409: the workflow does not take the step from the request's status */
};

/* The request id of req->site as req->user sees it; XE_NOT_FOUND when there is none. */
enum xerr ysqgk_authz_load(struct request *req, long long id, struct ysqgk_authz *az);
/* The decision: `what` is an enum ysqgk_action or an enum ysqgk_right. Role and relation are
 * judged before the status, so that a request one may not touch does not tell its status. */
enum ysqgk_verdict ysqgk_authz_decide(const struct ysqgk_authz *az, unsigned what);
/* For ACT_ASSIGN, the body it is given to: *v becomes AZ_BODY when the role may assign only to
 * the bodies the user serves and body is not one of them. */
enum xerr ysqgk_authz_target(struct request *req, const char *body, enum ysqgk_verdict *v);
/* The verdict as an error (XE_OK, XE_FORBIDDEN, XE_CONFLICT) and what the person is told. */
enum xerr ysqgk_authz_error(enum ysqgk_verdict v);
const char *ysqgk_authz_reason(struct pool *p, enum ysqgk_verdict v, const struct ysqgk_authz *az);
/* The prologue of every action on request id: loads az, and when the user may not even see the
 * request answers why (its status and reason, nothing of the request) and sets *answered. */
enum xerr ysqgk_authz_seen(struct request *req, long long id, struct ysqgk_authz *az, bool *answered);
/* Load, decide and (for an assignment) check the target in one call, for the workflow: XE_OK,
 * XE_NOT_FOUND, or the verdict's error with *message. */
enum xerr ysqgk_authz_check(struct request *req, long long id, unsigned what, const char *body, const char **message);

/* For lists filtered in SQL: the relations (a bit each, 1 << relation) in which role has the
 * right, and whether it serves every body (the relation's computation needs it). */
unsigned ysqgk_authz_relations(enum role role, unsigned what);
bool ysqgk_authz_every_body(enum role role);

#endif
