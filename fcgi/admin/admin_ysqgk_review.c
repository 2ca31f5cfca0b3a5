/* POST /admin/requests/{id}/reviews: records an administrative review or a lawsuit against the
 * request's handling, or sets a recorded one's decision (ysqgk_review.h); back to the request's
 * page, or the error with why (nothing stored). */
#include "core/render.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_review.h"

enum xerr admin_ysqgk_review(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	/* Not even seen: nothing of the request is shown, only why. */
	struct ysqgk_authz az;
	bool answered;
	enum xerr e = ysqgk_authz_seen(req, id, &az, &answered);
	if (e != XE_OK || answered)
		return e;
	const char *message = NULL;
	e = ysqgk_review_save(req, id, &message);
	if (e != XE_OK && message != NULL) /* on the request's page: it was the public frame's error page */
		return admin_ysqgk_review_refused(req, id, e, message);
	if (e != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/requests/%lld?done=review#rv-h", site_base(req), id));
	return XE_OK;
}
