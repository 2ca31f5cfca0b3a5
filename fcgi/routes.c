/* The route table: every URL xxgk answers, with its method, sign-in and CSRF flags.
 * Patterns are relative to /xxgk/{site}/ ('*' is one path segment, passed as path_args). */
#include "handlers.h"
#include "route.h"

const struct route routes[] = {
	/* public pages */
	{"", R_GET | R_NOSITE, page_sites, NULL},
	{"", R_GET, page_home, NULL},
	{"c/*", R_GET, page_column, NULL},
	{"n/*", R_GET, page_notice, NULL},
	{"a/*", R_GET, page_attachment, NULL},
};

const size_t nroutes = sizeof routes / sizeof routes[0];
