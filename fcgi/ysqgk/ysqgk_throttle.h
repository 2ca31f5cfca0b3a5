/* Per-address limits on filing and on lookups, counted in the database so that every worker
 * agrees, and the one answer every surface gives past them: 429, Retry-After and the message.
 * The client's address is the connection's, or from X-Forwarded-For when the connection comes
 * from a trusted proxy; exempt addresses are never limited. */
#ifndef XXGK_YSQGK_THROTTLE_H
#define XXGK_YSQGK_THROTTLE_H
#include "core/request.h"

enum ysqgk_bucket { YSQGK_FILING, YSQGK_LOOKUP };

struct ysqgk_throttled {
	bool over;
	long long retry_after; /* seconds: the bucket's window */
	const char *message;   /* why, for the person: the limit and what to do */
};

const char *ysqgk_client_addr(struct request *req);
/* Counts a hit for the client's address in the bucket; t->over when the window's count passes the
 * limit. Inside a transaction the count is undone by a rollback. */
enum xerr ysqgk_throttle(struct request *req, enum ysqgk_bucket bucket, struct ysqgk_throttled *t);
/* The answer as the route's error (an HTML page, or JSON on API routes). Returns XE_TOO_MANY. */
enum xerr ysqgk_throttle_answer(struct request *req, const struct ysqgk_throttled *t);
/* For a page that gives the message on itself (keeping what was typed), rendered with status 429:
 * the Retry-After header, after rendering. */
void ysqgk_throttle_retry_after(struct request *req, const struct ysqgk_throttled *t);

#endif
