#include "auth.h"
#include "route.h"

/* Staff sessions arrive with the staff console; until then every signed-in route is refused
 * (fail closed), and so is every CSRF-protected POST. */
enum xerr auth_check(struct request *req)
{
	if (!(req->route->flags & R_LOGIN))
		return XE_OK;
	return XE_FORBIDDEN;
}

enum xerr auth_check_csrf(struct request *req)
{
	if (!(req->route->flags & R_CSRF))
		return XE_OK;
	return XE_FORBIDDEN;
}
