/* Sign-in and CSRF checks, applied centrally by dispatch() from the route's flags. */
#ifndef XXGK_AUTH_H
#define XXGK_AUTH_H
#include "request.h"

/* For R_LOGIN routes: loads the session (cookie or trusted SSO header) into req->user; answers
 * with a redirect to the sign-in page (HTML) or 401 (JSON) when there is none. */
enum xerr auth_check(struct request *req);
/* For R_CSRF routes on POST: the form's csrf field must equal the session's token. */
enum xerr auth_check_csrf(struct request *req);

#endif
