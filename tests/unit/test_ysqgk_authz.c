/* The authorization decision's verdicts; the table itself is walked over HTTP by
 * tests/integration/test_authz.py. */
#include "ysqgk/ysqgk_authz.h"
#include "unit.h"

static enum ysqgk_verdict decide(enum role role, enum ysqgk_relation rel, const char *status, unsigned what)
{
	struct ysqgk_authz az = {role, rel, status};
	return ysqgk_authz_decide(&az, what);
}

void test_ysqgk_authz_verdicts(void)
{
	CHECK(decide(ROLE_STAFF, REL_OWN, "registered", ACT_ACCEPT) == AZ_ALLOWED);
	CHECK(decide(ROLE_STAFF, REL_OWN, "registered", ACT_EXTEND) == AZ_ROLE);
	CHECK(decide(ROLE_STAFF, REL_OTHER, "registered", ACT_EXTEND) == AZ_ROLE);
	CHECK(decide(ROLE_STAFF, REL_OTHER, "registered", ACT_WITHDRAW) == AZ_OTHER_BODY);
	CHECK(decide(ROLE_STAFF, REL_UNASSIGNED, "registered", ACT_WITHDRAW) == AZ_UNASSIGNED);
	CHECK(decide(ROLE_STAFF, REL_UNASSIGNED, "registered", RIGHT_SEE) == AZ_UNASSIGNED);
	CHECK(decide(ROLE_STAFF, REL_REGISTRANT, "registered", ACT_ANSWER) == AZ_UNASSIGNED);
	CHECK(decide(ROLE_STAFF, REL_REGISTRANT, "registered", ACT_ASSIGN) == AZ_ALLOWED);
	CHECK(decide(ROLE_STAFF, REL_REGISTRANT, "answered", RIGHT_CONTACT) == AZ_ALLOWED);
	/* the relation before the status: another body's request does not tell its status */
	CHECK(decide(ROLE_STAFF, REL_OTHER, "registered", ACT_CLOSE) == AZ_OTHER_BODY);
	CHECK(decide(ROLE_STAFF, REL_OWN, "registered", ACT_CLOSE) == AZ_STATUS);
	CHECK(decide(ROLE_APPROVER, REL_UNASSIGNED, "registered", ACT_EXTEND) == AZ_ALLOWED);
	CHECK(decide(ROLE_ADMIN, REL_REGISTRANT, "closed", ACT_WITHDRAW) == AZ_STATUS);
	CHECK(decide(ROLE_ADMIN, REL_UNASSIGNED, "closed", RIGHT_SEE) == AZ_ALLOWED);
	CHECK(decide(ROLE_NONE, REL_OWN, "registered", RIGHT_SEE) == AZ_ROLE);
	CHECK(decide(ROLE_ADMIN, REL_OWN, "registered", RIGHT__N) == AZ_ROLE);
	CHECK(ysqgk_authz_error(AZ_STATUS) == XE_CONFLICT && ysqgk_authz_error(AZ_UNASSIGNED) == XE_FORBIDDEN);
	/* what the queue's SQL is given */
	CHECK(ysqgk_authz_relations(ROLE_STAFF, RIGHT_SEE) == ((1u << REL_OWN) | (1u << REL_REGISTRANT)));
	CHECK(!ysqgk_authz_every_body(ROLE_STAFF) && ysqgk_authz_every_body(ROLE_APPROVER));
}
