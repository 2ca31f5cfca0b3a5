/* Shared by the feeds and exchange handlers (Atom, the JSON API, the HTML fragment, the OCDS
 * export, the push API): absolute links, keyset cursors, UTC times, tag URIs and a small JSON
 * writer over struct buf. */
#ifndef XXGK_EXCHANGE_H
#define XXGK_EXCHANGE_H
#include "core/buf.h"
#include "core/request.h"
#include <stdbool.h>

/* A Host header value safe to put in a URL: [A-Za-z0-9.:-]+, at most 255 bytes. */
bool host_name_valid(const char *h);
/* A Host header value ("name" or "name:port") that names domain (a site's) or one of the names
 * in allowed ([server] allowed_hosts, separated by spaces or commas), case aside, whatever the
 * port. The names a client may put in links that others read: the Host is the client's to say. */
bool host_allowed(const char *host, const char *domain, const char *allowed);
/* "http(s)://HOST" for absolute links: the request's Host, port included, when host_allowed()
 * accepts it, else the site's configured domain, else "localhost". */
const char *exchange_origin(struct request *req);
/* origin + the site's base + rel, e.g. "https://www.example.gov.cn/xxgk/lincang/n/12". */
const char *exchange_url(struct request *req, const char *rel);
/* Public data may be read by a CMS page on another host (no credentials): CORS "*". */
void exchange_public(struct request *req);

/* Keyset cursors, the format of notices/notice_list.c: "20260501103000-123" is the edge row's
 * publication time (to the second, local time as stored) and id. */
bool cursor_parse(struct pool *p, const char *s, const char **when, long long *id);
const char *cursor_make(struct pool *p, const char *datetime, const char *id);

/* Seconds since the epoch (decimal text, e.g. from UNIX_TIMESTAMP()) as RFC 3339 UTC
 * "2026-03-10T01:00:00Z"; NULL for NULL or malformed input. */
const char *iso_utc(struct pool *p, const char *epoch);
/* The first nchars code points of s, with "…" appended when it was cut. */
const char *text_prefix(struct pool *p, const char *s, size_t nchars);
/* A tag URI (RFC 4151) that stays the same whatever Host a reader used:
 * "tag:DOMAIN,DATE:SPECIFIC" with the site's domain (or "xxgk.invalid") and date. */
const char *tag_uri(struct pool *p, const struct site *site, const char *date, const char *specific);

/* A JSON writer that places the commas: open/close objects and arrays, keyed or not. */
struct jw {
	struct buf *b;
	int depth;
	unsigned char comma[32];
};
void jw_init(struct jw *w, struct buf *b);
void jw_open(struct jw *w, const char *key, char bracket); /* '{' or '[' */
void jw_close(struct jw *w, char bracket);
void jw_str(struct jw *w, const char *key, const char *value); /* NULL: null */
void jw_int(struct jw *w, const char *key, long long value);
void jw_bool(struct jw *w, const char *key, bool value);
void jw_raw(struct jw *w, const char *key, const char *json); /* already JSON (a number) */
/* The JSON written as a string in pool p (an audit entry's image); frees the writer's buffer. */
const char *jw_finish(struct jw *w, struct pool *p);

#endif
