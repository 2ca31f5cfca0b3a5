/* One request: everything allocated for it hangs off this struct and its pool, and is freed in
 * request_end(). Handlers read input from it and answer through render.h. */
#ifndef XXGK_REQUEST_H
#define XXGK_REQUEST_H
#include "core/app.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/parse.h"
#include "core/pool.h"
#include <stdbool.h>
#include <stdint.h>

struct route;
struct calendar;
struct page_cache;
struct search_memory;

struct site {
	long long id;
	const char *key, *name, *variant, *org_code, *index_format, *domain, *look;
	unsigned long long generation; /* of its published data, for the page cache */
	const char *copies_dir;         /* its stored page copies (page_copies.h); NULL: none */
	const char *id_code;            /* 网站标识码 (SiteIDCode); "" until the webmaster sets it */
};

/* Staff roles in the order of what they may do: each may do all that the ones before it may. */
enum role { ROLE_NONE, ROLE_STAFF, ROLE_APPROVER, ROLE_ADMIN };

struct user {
	long long id;
	const char *login, *role, *display_name; /* role: the name as stored, for pages */
	long long site_id; /* 0: all sites */
	const char *csrf_token;
	const char *session_hash;
	const char *session_chain; /* the first session of this browser's line of sign-ins (core/auth.c) */
	long long forms_seconds;   /* how long this session's forms stay acceptable ([auth] max_hours) */
	enum role level; /* role, parsed once when the session loads */
};

struct header {
	const char *name, *value;
};

struct request {
	struct pool *pool;
	const struct app *app;
	struct db *db;
	struct calendar **calendar_slot; /* the worker thread's copy, refreshed on version change */
	struct page_cache *cache;        /* the worker process's rendered pages (NULL: none) */
	struct search_memory *search;    /* the worker process's copies of the search tiers (NULL: none) */
	/* input */
	const char *method, *path, *rest, *query_string, *remote_addr, *content_type, *user_agent, *https;
	const char *(*getenv_fn)(void *ctx, const char *name);
	size_t (*env_count_fn)(void *ctx, const char *name); /* NULL: a name comes at most once */
	int (*read_fn)(void *ctx, char *buf, int n); /* the body, read by dispatch within the route's limit */
	void *env_ctx;
	struct form query, body, cookies;
	const unsigned char *raw_body;
	size_t raw_body_len;
	const char *path_args[4]; /* the path segments the route's '*' matched, in order */
	const struct route *route;
	const char *site_key; /* the site part of the path (NULL: none) */
	struct site *site;    /* loaded by dispatch, or by an R_SITE_JOINED page's first query */
	struct user *user;
	int32_t today;
	/* output */
	int status;
	struct header headers[16];
	size_t nheaders;
	struct buf out;
	bool responded;
	int64_t start_us;
};

const char *request_env(struct request *req, const char *name);
/* How many times the web server passed the parameter name (request_env reads the first): nginx
 * before 1.23 passes a request header sent twice as two parameters of one name. */
size_t request_env_count(struct request *req, const char *name);
/* Adds or replaces a response header; line breaks and other control characters are dropped
 * from value. */
void request_header(struct request *req, const char *name, const char *value);
/* Content-Disposition for a download named filename: RFC 5987 filename* so that Chinese names
 * survive, with a plain ASCII fallback. */
void request_download_name(struct request *req, const char *filename);
const char *request_param(struct request *req, const char *name); /* query string */
/* The i-th '*' segment of the path as a row id (1..ID_MAX) written the one way, digits with no
 * leading zero; false when it is not one (n/022 is not n/22: one page, one address, one stored copy). */
bool request_path_id(const struct request *req, size_t i, long long *id);
const char *request_field(struct request *req, const char *name); /* body */
const char *request_cookie(struct request *req, const char *name);
/* The working-day calendar, current with the database (NULL: database unavailable). */
const struct calendar *request_calendar(struct request *req);
/* The site's URL base, e.g. "/xxgk/lincang/". */
const char *site_base(struct request *req);

#endif
