/* Pushes of notices to the trading platforms the catalogs name (全国公共资源交易平台, 盐城市公共资源
 * 交易平台, 省公共资源交易服务平台 …), by a signed HTTP POST per change and endpoint.
 *
 *   push_mark      in the change's own transaction (notice_store.c, notice_batch.c): one row in
 *                  push_changes with the notice as it then stood, when the site has an endpoint.
 *                  A rolled-back change is never pushed; each change carries its own content.
 *   push_deliver   after the commit (push_after_commit, in the worker that saved the change) and
 *                  from `xxgkctl push deliver` (a timer): first the changes become deliveries, one
 *                  per endpoint whose catalog channel covers the notice's category, with the bytes
 *                  to send (our JSON, or OCDS for procurement where the endpoint asks for it, and
 *                  the source note where the channel requires one); then each due delivery is
 *                  POSTed. 2xx: sent. Anything else, or no answer: tried again after
 *                  retry_base_seconds, doubled after each failure up to retry_max_seconds, each
 *                  wait cut by a random part of up to half so that endpoints back on line are not
 *                  all hit at once. Never given up: the report and the console show what waits.
 *   order          per notice and endpoint, changes go out in the order they were made: a delivery
 *                  waits while an earlier change of its notice is unsent (or not yet expanded).
 *   exactly once   a sender leases a delivery before its POST, so two senders never send one
 *                  together; a sender that dies after the platform answered but before it noted
 *                  "sent" leaves a lease that runs out, and the delivery goes again with the same
 *                  X-Xxgk-Delivery id: receivers treat a repeated id as one (cms-integration/API.md).
 *
 * The HTTP client is libcurl (Debian's libcurl4-openssl-dev): the platforms are reached over
 * HTTPS, and certificate checking and TLS are not ours to write. http:// is accepted only for a
 * loopback host (tests, a local relay). */
#ifndef XXGK_PUSH_H
#define XXGK_PUSH_H
#include "core/app.h"
#include "core/buf.h"
#include "core/db.h"
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>

/* Queues a publication ("publish"), a change of a published notice ("update") or a withdrawal
 * ("withdraw") of the notice. Inside the caller's transaction, after the notice's rows are
 * written. Does nothing (one index probe) when the site has no active endpoint. */
enum xerr push_mark(struct db *db, long long notice_id, const char *event);
/* The same for notices saved together (an import batch); events[i] for ids[i]. */
enum xerr push_mark_many(struct db *db, long long site_id, const long long *ids, const char *const *events, size_t n);

struct push_run {
	long long expanded; /* changes made into deliveries */
	long long sent, failed;
};
/* Makes queued changes into deliveries, then sends what is due (at most max POSTs), in order.
 * only_notice > 0: that notice's only (the web side after a commit). Progress lines to log when
 * not NULL. XE_OK unless the database failed. */
enum xerr push_deliver(struct db *db, const struct app *app, long long only_notice, long long max, FILE *log,
                       struct push_run *out);
/* The web side after a commit: delivers the notice's changes now when [push] deliver_immediately. */
void push_after_commit(struct db *db, const struct app *app, long long notice_id);

/* Adds <pushes> with a <push> per delivery of the notice (endpoint, channel, event, status,
 * attempts, last answer, next attempt, sent time), newest change first, under parent. */
enum xerr push_notice_xml(struct db *db, struct pool *p, long long notice_id, xmlNodePtr parent);

/* ---- pure parts (unit-tested) ---- */

/* "sha256=" and the hex HMAC-SHA256, keyed by secret, of timestamp "." body; out holds 72. */
void push_signature(const char *secret, const char *timestamp, const void *body, size_t len, char out[72]);
/* Seconds to wait after the attempts-th failure: base·2^(attempts−1), at most max, less up to half
 * of it by jitter (0 ≤ jitter < 1). */
double push_backoff(long long base, long long max, long long attempts, double jitter);
/* https://HOST…, or http:// to 127.0.0.0/8, localhost or [::1]; printable ASCII, at most 1000. */
bool push_url_allowed(const char *url);
/* Do the category's channels (its own, else its nearest ancestor's) name channel? */
bool push_channel_covers(xmlNodePtr category, const char *channel);
/* The <channel> of that name in the catalog, or NULL. */
xmlNodePtr push_channel(xmlDocPtr catalog, const char *name);

/* ---- within the push files ---- */

struct push_http_result {
	long status;      /* HTTP status, 0 when none came */
	char error[300];  /* why it failed: curl's message or the start of the answer */
};
/* One signed POST of body to url. True for a 2xx answer. */
bool push_http_post(const char *url, const char *secret, const char *event, long long delivery_id,
                    long long notice_id, const char *body, size_t len, long timeout, struct push_http_result *out);

#endif
