/* The route table: every URL xxgk answers, with its method, sign-in and CSRF flags and the size of
 * body it takes (small unless R_UPLOAD, R_LARGE_BODY or R_PUSH_BODY says otherwise). dispatch()
 * enforces the flags; handlers never repeat those checks.
 * Patterns are relative to /xxgk/{site}/ ('*' is one path segment, passed as path_args).
 * The first matching pattern with the request's method wins. */
#include "server/handlers.h"
#include "core/route.h"

#define STAFF (R_LOGIN)
#define STAFF_POST (R_POST | R_LOGIN | R_CSRF)

const struct route routes[] = {
	/* public pages */
	{"", R_GET | R_NOSITE, page_sites, NULL},
	{"", R_GET | R_CACHE | R_SITE_JOINED, page_home, NULL},
	{"c/*", R_GET | R_CACHE | R_SITE_JOINED, page_column, NULL},
	{"n/*", R_GET | R_CACHE | R_SITE_JOINED, page_notice, NULL},
	{"a/*", R_GET, page_attachment, NULL},
	{"search", R_GET, page_search, NULL},

	/* feeds and exchange (cms-integration/API.md). Not R_CACHE: the feeds' absolute links follow
	 * the request's Host, which the cache key does not hold (one request with an odd Host would
	 * poison the copy everyone gets), and a cached copy keeps only Content-Type, dropping the
	 * Access-Control-Allow-Origin that embed.js needs across hosts (test_feeds checks both). */
	{"feed.atom", R_GET, page_feed_site, NULL},
	{"c/*/feed.atom", R_GET, page_feed_column, NULL},
	{"fragment/*", R_GET, page_fragment, NULL},
	{"api/notices", R_GET | R_JSON, api_notices_list, NULL},
	{"api/notices/*", R_GET | R_JSON, api_notice, NULL},
	{"api/ocds.json", R_GET | R_JSON, api_ocds, NULL},
	{"api/push", R_POST | R_JSON | R_RAWBODY | R_PUSH_BODY, api_push, NULL},

	/* disclosure on request, public side */
	{"ysqgk", R_GET, page_ysqgk_redirect, NULL},
	{"ysqgk/", R_GET, page_ysqgk_form, NULL},
	{"ysqgk/", R_POST | R_RAWBODY | R_UPLOAD, page_ysqgk_submit, NULL},
	{"ysqgk/receipt", R_POST, page_ysqgk_receipt, NULL},
	{"ysqgk/query", R_GET, page_ysqgk_query_form, NULL},
	{"ysqgk/query", R_POST, page_ysqgk_query, NULL},
	{"ysqgk/doc/*", R_GET, page_ysqgk_doc, NULL},
	{"api/requests", R_POST | R_JSON | R_RAWBODY | R_UPLOAD, api_requests_create, NULL},
	{"api/requests/*", R_GET | R_JSON, api_requests_show, NULL},

	/* staff console: sign-in */
	{"admin/login", R_GET, admin_login_form, NULL},
	{"admin/login", R_POST, admin_login_submit, NULL},
	{"admin/logout", STAFF_POST, admin_logout, NULL},
	/* staff console: notices */
	{"admin/", R_GET | STAFF, admin_dashboard, "staff"},
	{"admin/notices", R_GET | STAFF, admin_notices, "staff"},
	{"admin/notices/new", R_GET | STAFF, admin_notice_new, "staff"},
	{"admin/notices", STAFF_POST | R_LARGE_BODY, admin_notice_create, "staff"},
	{"admin/notices/*", R_GET | STAFF, admin_notice_edit, "staff"},
	{"admin/notices/*", STAFF_POST | R_LARGE_BODY, admin_notice_update, "staff"},
	{"admin/notices/*/versions", R_GET | STAFF, admin_notice_versions, "staff"},
	{"admin/notices/*/attachments", STAFF_POST | R_MULTIPART | R_UPLOAD, admin_notice_upload, "staff"},
	/* staff console: administration */
	{"admin/audit", R_GET | STAFF, admin_audit, "admin"},
	{"admin/audit.csv", R_GET | STAFF, admin_audit_csv, "admin"},
	{"admin/users", R_GET | STAFF, admin_users, "admin"},
	/* staff console: disclosure requests */
	{"admin/requests", R_GET | STAFF, admin_requests, "staff"},
	{"admin/requests.ics", R_GET, admin_requests_ics, NULL},
	{"admin/requests/new", R_GET | STAFF, admin_request_register_form, "staff"},
	{"admin/requests/new", STAFF_POST, admin_request_register, "staff"},
	{"admin/ical", STAFF_POST, admin_ical_token, "staff"},
	{"admin/requests/*", R_GET | STAFF, admin_request_show, "staff"},
	{"admin/requests/*", STAFF_POST | R_MULTIPART | R_UPLOAD, admin_request_act, "staff"},
	{"admin/requests/*/letters/*", R_GET | STAFF, admin_request_letter, "staff"},
	{"admin/reports/annual", R_GET | STAFF, admin_report_annual, "staff"},
	{"admin/reports/timeliness", R_GET | STAFF, admin_report_timeliness, "staff"},
};

const size_t nroutes = sizeof routes / sizeof routes[0];
