/* The one authorization decision on disclosure requests (see ysqgk_authz.h). */
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk.h"
#include "core/render.h"
#include <stdlib.h>

#define OWN (1u << REL_OWN)
#define UNASSIGNED (1u << REL_UNASSIGNED)
#define REGISTRANT (1u << REL_REGISTRANT)
/* Approvers and admins serve every body: a request is theirs, or has no body yet. */
#define EVERY (OWN | UNASSIGNED | REGISTRANT)

/* The relations in which each role may take each step or have each right. Staff handle their
 * bodies' requests; a request without a body is for those who register and assign: approvers,
 * admins, and the staff member who registered it, who sees it in full (the postal address the
 * answer goes to) and may give it to one of the bodies they serve, and nothing more until then.
 * No one acts on another body's request. */
static const struct rule {
	unsigned staff, approver, admin;
} rules[RIGHT__N] = {
	[RIGHT_SEE] = {OWN | REGISTRANT, EVERY, EVERY},
	[RIGHT_CONTACT] = {OWN | REGISTRANT, EVERY, EVERY},
	[RIGHT_TO_NOTICE] = {OWN, EVERY, EVERY}, /* Art. 44: as the answer it comes from */
	[RIGHT_REVIEW] = {OWN, EVERY, EVERY},    /* as the answer reviewed */
	[RIGHT_REVIEW_DELETE] = {0, EVERY, EVERY}, /* takes a record out of the annual report */
	[ACT_ACCEPT] = {OWN, EVERY, EVERY},
	[ACT_REQUEST_CORRECTION] = {OWN, EVERY, EVERY},
	[ACT_CORRECTED] = {OWN, EVERY, EVERY},
	[ACT_ABANDON] = {OWN, EVERY, EVERY},
	[ACT_CONSULT] = {OWN, EVERY, EVERY},
	[ACT_CONSULT_RECEIVED] = {OWN, EVERY, EVERY},
	[ACT_CONSULT_END] = {OWN, EVERY, EVERY},
	[ACT_PUBLIC_INTEREST] = {0, EVERY, EVERY}, /* Art. 32: disclosed over the third party's objection */
	[ACT_EXTEND] = {0, EVERY, EVERY}, /* Art. 33: approved by the head of the disclosure office */
	[ACT_ART35_REASONS] = {OWN, EVERY, EVERY},
	[ACT_ART35_LATER] = {0, EVERY, EVERY}, /* Art. 35: a later reply date than the law's */
	[ACT_FEE_NOTICE] = {OWN, EVERY, EVERY},
	[ACT_FEE_PAID] = {OWN, EVERY, EVERY},
	[ACT_FEE_UNPAID] = {OWN, EVERY, EVERY},
	[ACT_ANSWER] = {OWN, EVERY, EVERY},
	[ACT_CLOSE] = {OWN, EVERY, EVERY},
	[ACT_WITHDRAW] = {OWN, EVERY, EVERY},
	[ACT_ASSIGN] = {OWN | REGISTRANT, EVERY, EVERY}, /* staff: to a body they serve (ysqgk_authz_target) */
	[ACT_REDATE] = {0, EVERY, EVERY}, /* moves the reply clock and the fee counts */
	[ACT_BODY_CONSULT] = {OWN, EVERY, EVERY}, /* as the third party's consultation */
	[ACT_BODY_ANSWER] = {OWN, EVERY, EVERY},
};

unsigned ysqgk_authz_relations(enum role role, unsigned what)
{
	if (what >= RIGHT__N)
		return 0;
	switch (role) {
	case ROLE_STAFF:
		return rules[what].staff;
	case ROLE_APPROVER:
		return rules[what].approver;
	case ROLE_ADMIN:
		return rules[what].admin;
	case ROLE_NONE:
		break;
	}
	return 0;
}

bool ysqgk_authz_every_body(enum role role)
{
	return role == ROLE_APPROVER || role == ROLE_ADMIN;
}

enum xerr ysqgk_authz_load(struct request *req, long long id, struct ysqgk_authz *az)
{
	if (req->user == NULL)
		return XE_FORBIDDEN;
	/* The relation, numbered as enum ysqgk_relation; the queue computes it alike. */
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.status, CASE WHEN r.handler_user_id <=> ? THEN 0 "
	                       "WHEN r.assigned_body IS NULL THEN IF(r.registered_by <=> ?, 3, 2) "
	                       "WHEN ? = 1 OR r.assigned_body IN (SELECT b.body FROM user_bodies b WHERE b.user_id = ?) "
	                       "THEN 0 ELSE 1 END FROM requests r WHERE r.id = ? AND r.site_id = ?",
	                       "iiiiii", req->user->id, req->user->id, (long long)ysqgk_authz_every_body(req->user->level),
	                       req->user->id, id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	long long rel = strtoll(r.rows[0][1], NULL, 10);
	*az = (struct ysqgk_authz){
		.role = req->user->level,
		.relation = rel >= 0 && rel < REL__N ? (enum ysqgk_relation)rel : REL_OTHER,
		.status = r.rows[0][0],
	};
	return XE_OK;
}

enum ysqgk_verdict ysqgk_authz_decide(const struct ysqgk_authz *az, unsigned what)
{
	unsigned allowed = ysqgk_authz_relations(az->role, what);
	if (!(allowed & (1u << az->relation))) {
		if (allowed == 0 || az->relation == REL_OWN)
			return AZ_ROLE;
		return az->relation == REL_OTHER ? AZ_OTHER_BODY : AZ_UNASSIGNED;
	}
	if (what < ACT__N && !ysqgk_action_allowed((enum ysqgk_action)what, az->status))
		return AZ_STATUS;
	return AZ_ALLOWED;
}

enum xerr ysqgk_authz_target(struct request *req, const char *body, enum ysqgk_verdict *v)
{
	if (*v != AZ_ALLOWED || ysqgk_authz_every_body(req->user->level) || body == NULL || *body == '\0')
		return XE_OK; /* an empty body is the step's own error */
	enum xerr e;
	const char *served = db_value(req->db, req->pool, &e, "SELECT 1 FROM user_bodies WHERE user_id = ? AND body = ?",
	                              "is", req->user->id, body);
	if (e == XE_OK && served == NULL)
		*v = AZ_BODY;
	return e;
}

enum xerr ysqgk_authz_error(enum ysqgk_verdict v)
{
	switch (v) {
	case AZ_ALLOWED:
		return XE_OK;
	case AZ_STATUS:
		return XE_CONFLICT;
	case AZ_ROLE:
	case AZ_OTHER_BODY:
	case AZ_UNASSIGNED:
	case AZ_BODY:
		break;
	}
	return XE_FORBIDDEN;
}

const char *ysqgk_authz_reason(struct pool *p, enum ysqgk_verdict v, const struct ysqgk_authz *az)
{
	switch (v) {
	case AZ_ALLOWED:
		return NULL;
	case AZ_ROLE:
		return "这一步须由审核人（政府信息公开工作机构负责人）或管理员办理。";
	case AZ_OTHER_BODY:
		return "该申请不由您所在的机构办理。";
	case AZ_UNASSIGNED:
		return "该申请尚未指定办理机构：只有登记该申请的工作人员、审核人和管理员可以查看和办理，请联系他们指定办理机构。";
	case AZ_BODY:
		return "只能交由您所在的机构办理。";
	case AZ_STATUS:
		break;
	}
	const char *label = ysqgk_label(&ysqgk_statuses, az->status);
	return pool_printf(p, "申请当前状态为“%s”，不能办理这一步。", label ? label : az->status);
}

enum xerr ysqgk_authz_check(struct request *req, long long id, unsigned what, const char *body, const char **message)
{
	struct ysqgk_authz az;
	enum xerr e = ysqgk_authz_load(req, id, &az);
	if (e != XE_OK)
		return e;
	enum ysqgk_verdict v = ysqgk_authz_decide(&az, what);
	if (what == ACT_ASSIGN && (e = ysqgk_authz_target(req, body, &v)) != XE_OK)
		return e;
	*message = ysqgk_authz_reason(req->pool, v, &az);
	return ysqgk_authz_error(v);
}

enum xerr ysqgk_authz_seen(struct request *req, long long id, struct ysqgk_authz *az, bool *answered)
{
	*answered = false;
	enum xerr e = ysqgk_authz_load(req, id, az);
	if (e != XE_OK)
		return e;
	enum ysqgk_verdict seen = ysqgk_authz_decide(az, RIGHT_SEE);
	if (seen != AZ_ALLOWED) {
		respond_error(req, ysqgk_authz_error(seen), ysqgk_authz_reason(req->pool, seen, az), NULL);
		*answered = true;
	}
	return XE_OK;
}
