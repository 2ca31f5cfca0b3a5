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
	{"", R_GET | R_NOSITE, page_sites, ROLE_NONE},
	{"", R_GET | R_CACHE | R_SITE_JOINED, page_home, ROLE_NONE},
	{"c/*", R_GET | R_CACHE | R_SITE_JOINED, page_column, ROLE_NONE},
	{"n/*", R_GET | R_CACHE | R_SITE_JOINED, page_notice, ROLE_NONE},
	{"catalog", R_GET | R_CACHE, page_catalog, ROLE_NONE},
	{"a/*", R_GET, page_attachment, ROLE_NONE},
	{"search", R_GET, page_search, ROLE_NONE},
	{"text-size.css", R_GET | R_SITELESS, page_text_size_css, ROLE_NONE},
	{"text-size", R_POST | R_SITELESS, page_text_size_set, ROLE_NONE},

	/* feeds and exchange (cms-integration/API.md). Not R_CACHE: the feeds' absolute links follow
	 * the request's Host, which the cache key does not hold (one request with an odd Host would
	 * poison the copy everyone gets), and a cached copy keeps only Content-Type, dropping the
	 * Access-Control-Allow-Origin that embed.js needs across hosts (test_feeds checks both). */
	{"feed.atom", R_GET, page_feed_site, ROLE_NONE},
	{"c/*/feed.atom", R_GET, page_feed_column, ROLE_NONE},
	{"fragment/*", R_GET, page_fragment, ROLE_NONE},
	{"api/notices", R_GET | R_JSON, api_notices_list, ROLE_NONE},
	{"api/notices/*", R_GET | R_JSON, api_notice, ROLE_NONE},
	{"api/ocds.json", R_GET | R_JSON, api_ocds, ROLE_NONE},
	{"api/push", R_POST | R_JSON | R_RAWBODY | R_PUSH_BODY, api_push, ROLE_NONE},
	{"api/openapi.json", R_GET | R_JSON, api_openapi, ROLE_NONE},

	/* disclosure on request, public side */
	{"ysqgk", R_GET, page_ysqgk_redirect, ROLE_NONE},
	{"ysqgk/", R_GET, page_ysqgk_form, ROLE_NONE},
	{"ysqgk/", R_POST | R_RAWBODY | R_UPLOAD, page_ysqgk_submit, ROLE_NONE},
	{"ysqgk/receipt", R_POST, page_ysqgk_receipt, ROLE_NONE},
	{"ysqgk/query", R_GET, page_ysqgk_query_form, ROLE_NONE},
	{"ysqgk/query", R_POST, page_ysqgk_query, ROLE_NONE},
	{"ysqgk/doc/*", R_GET, page_ysqgk_doc, ROLE_NONE},
	{"api/requests", R_POST | R_JSON | R_RAWBODY | R_UPLOAD, api_ysqgk_file, ROLE_NONE},
	{"api/requests/*", R_GET | R_JSON, api_ysqgk_show, ROLE_NONE},

	/* staff console: sign-in */
	{"admin/login", R_GET, admin_login_form, ROLE_NONE},
	{"admin/login", R_POST, admin_login_submit, ROLE_NONE},
	{"admin/logout", STAFF_POST, admin_logout, ROLE_NONE},
	{"admin/session", R_GET | STAFF, admin_session_touch, ROLE_STAFF},
	/* staff console: notices */
	{"admin/", R_GET | STAFF, admin_dashboard, ROLE_STAFF},
	{"admin/notices", R_GET | STAFF, admin_notices, ROLE_STAFF},
	{"admin/notices/new", R_GET | STAFF, admin_notice_new, ROLE_STAFF},
	{"admin/notices", STAFF_POST | R_LARGE_BODY | R_MULTIPART | R_PART_ERRORS, admin_notice_create, ROLE_STAFF},
	{"admin/notices/*", R_GET | STAFF, admin_notice_edit, ROLE_STAFF},
	{"admin/notices/*", STAFF_POST | R_LARGE_BODY, admin_notice_update, ROLE_STAFF},
	{"admin/notices/*/versions", R_GET | STAFF, admin_notice_versions, ROLE_STAFF},
	{"admin/notices/*/attachments", STAFF_POST | R_MULTIPART | R_UPLOAD | R_PART_ERRORS, admin_notice_upload, ROLE_STAFF},
	/* staff console: administration */
	{"admin/audit", R_GET | STAFF, admin_audit, ROLE_ADMIN},
	{"admin/audit.csv", R_GET | STAFF, admin_audit_csv, ROLE_ADMIN},
	{"admin/users", R_GET | STAFF, admin_users, ROLE_ADMIN},
	{"admin/users", STAFF_POST, admin_user_add, ROLE_ADMIN},
	{"admin/users/*", R_GET | STAFF, admin_user, ROLE_ADMIN},
	{"admin/users/*", STAFF_POST, admin_user_update, ROLE_ADMIN},
	{"admin/account", R_GET | STAFF, admin_account, ROLE_STAFF},
	{"admin/account", STAFF_POST, admin_account_update, ROLE_STAFF},
	{"admin/bodies", R_GET | STAFF, admin_bodies, ROLE_ADMIN},
	{"admin/bodies", STAFF_POST, admin_body_add, ROLE_ADMIN},
	{"admin/bodies/*", R_GET | STAFF, admin_body, ROLE_ADMIN},
	{"admin/bodies/*", STAFF_POST, admin_body_update, ROLE_ADMIN},
	{"admin/login-limits", R_GET | STAFF, admin_login_limits, ROLE_ADMIN},
	{"admin/login-limits", STAFF_POST, admin_login_limits_clear, ROLE_ADMIN},
	/* staff console: disclosure requests */
	{"admin/requests", R_GET | STAFF, admin_ysqgk_queue, ROLE_STAFF},
	{"admin/requests.ics", R_GET, admin_ysqgk_ics, ROLE_NONE},
	{"admin/requests.csv", R_GET | STAFF, admin_queue_csv, ROLE_STAFF},
	{"admin/requests.xlsx", R_GET | STAFF, admin_queue_xlsx, ROLE_STAFF},
	{"admin/requests/assign", STAFF_POST, admin_queue_assign, ROLE_STAFF},
	{"admin/requests/new", R_GET | STAFF, admin_ysqgk_register_form, ROLE_STAFF},
	{"admin/requests/new", STAFF_POST | R_MULTIPART | R_UPLOAD, admin_ysqgk_register, ROLE_STAFF},
	{"admin/ical", STAFF_POST, admin_ysqgk_ical_token, ROLE_STAFF},
	{"admin/requests/*", R_GET | STAFF, admin_ysqgk_case, ROLE_STAFF},
	{"admin/requests/*", STAFF_POST | R_MULTIPART | R_UPLOAD, admin_ysqgk_act, ROLE_STAFF},
	{"admin/requests/*/delivery", STAFF_POST, admin_ysqgk_deliver, ROLE_STAFF},
	{"admin/requests/*/letters/*", R_GET | STAFF, admin_ysqgk_letter, ROLE_STAFF},
	{"admin/requests/*/files/*", R_GET | STAFF, admin_ysqgk_file, ROLE_STAFF},
	{"admin/requests/*/query-code", STAFF_POST, admin_ysqgk_reissue, ROLE_STAFF},
	{"admin/requests/*/notice", STAFF_POST, admin_ysqgk_to_notice, ROLE_STAFF},
	{"admin/requests/*/reviews", STAFF_POST, admin_ysqgk_review, ROLE_STAFF},
	{"admin/reports/annual", R_GET | STAFF, admin_report_annual, ROLE_STAFF},
	{"admin/reports/annual", STAFF_POST, admin_report_annual_save, ROLE_APPROVER},
	{"admin/reports/annual/notice", STAFF_POST, admin_report_annual_notice, ROLE_APPROVER},
	{"admin/reports/timeliness", R_GET | STAFF, admin_report_timeliness, ROLE_STAFF},
	{"admin/reports/compliance", R_GET | STAFF, admin_report_compliance, ROLE_STAFF},
};

const size_t nroutes = sizeof routes / sizeof routes[0];
