/* The route table (server/routes.c) and its central enforcement (server/dispatch.c): method,
 * sign-in, CSRF and the body's size are checked there from each route's flags, never in the
 * handlers. */
#ifndef XXGK_ROUTE_H
#define XXGK_ROUTE_H
#include "core/error.h"
#include "core/request.h"

enum route_flag {
	R_GET = 1 << 0,
	R_POST = 1 << 1,
	R_LOGIN = 1 << 2,    /* a signed-in staff session is required */
	R_CSRF = 1 << 3,     /* a POST must carry the session's CSRF token */
	R_JSON = 1 << 4,     /* errors answer as JSON */
	R_NOSITE = 1 << 5,   /* the pattern is not under a site */
	R_MULTIPART = 1 << 6,/* the body may be multipart/form-data with uploads */
	R_RAWBODY = 1 << 7,  /* the handler reads the raw body (the JSON push) */
	R_CACHE = 1 << 8,    /* a public page: served from the page cache while the site's data is unchanged */
	R_SITE_JOINED = 1 << 9, /* the handler's first query reads the site too (req->site may come unset) */
	/* The body's largest size: [limits] small_body_max (sign-in, forms, JSON) unless one of these
	 * says otherwise. A body over it is refused (413) from its Content-Length, before a byte of it
	 * is read. */
	R_UPLOAD = 1 << 10,     /* multipart/form-data up to [limits] body_max; any other body is small */
	R_LARGE_BODY = 1 << 11, /* any body up to [limits] body_max (a notice's text) */
	R_PUSH_BODY = 1 << 12,  /* up to [api] push_body_max, within [limits] body_max */
	R_SITELESS = 1 << 13,   /* the handler reads no site (req->site stays unset, req->site_key is set) */
	R_PART_ERRORS = 1 << 14, /* a refused part of a multipart body (req->body.refused_field) goes to the
	                          * handler, which shows it at its field with what was typed */
};

typedef enum xerr (*handler_fn)(struct request *req);

struct route {
	const char *pattern; /* relative to the site base; '*' matches one path segment */
	unsigned flags;
	handler_fn handler;
	enum role role;      /* minimum role for R_LOGIN routes (ROLE_NONE: staff) */
};

extern const struct route routes[];
extern const size_t nroutes;

/* Handles one request end to end: site lookup, route match, checks, body parsing, handler. */
void dispatch(struct request *req);
/* Answers the request with error e and message without looking further (JSON under a site's
 * api/, as dispatch's errors): the service cannot serve it at all. */
void dispatch_refuse(struct request *req, enum xerr e, const char *message);

#endif
