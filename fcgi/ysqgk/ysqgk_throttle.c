/* Per-address throttles and their answer (see ysqgk_throttle.h). */
#include "ysqgk/ysqgk_throttle.h"
#include "core/client_addr.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <stdlib.h>
#include <string.h>

const char *ysqgk_client_addr(struct request *req)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	return client_addr(req, cfg.trusted_proxies);
}

/* Counts a hit of addr in bucket; *hits is the window's count with it. */
static enum xerr count_hit(struct request *req, const char *bucket, const char *addr, long long window, long long *hits)
{
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO throttle_counters (bucket, addr, window_start, hits) "
	                      "VALUES (?, ?, FLOOR(UNIX_TIMESTAMP() / ?) * ?, LAST_INSERT_ID(1)) "
	                      "ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)",
	                      "ssii", bucket, addr, window, window);
	const char *v = e == XE_OK ? db_value(req->db, req->pool, &e, "SELECT LAST_INSERT_ID()", "") : NULL;
	*hits = v ? strtoll(v, NULL, 10) : 1;
	if (e != XE_OK || *hits != 1)
		return e;
	/* A new window: sweep old counters of this bucket now and then. */
	return db_exec(req->db,
	               "DELETE FROM throttle_counters WHERE bucket = ? AND window_start < UNIX_TIMESTAMP() - ? LIMIT 500",
	               "si", bucket, 2 * window);
}

enum xerr ysqgk_throttle(struct request *req, enum ysqgk_bucket bucket, struct ysqgk_throttled *t)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	bool filing = bucket == YSQGK_FILING;
	long long limit = filing ? cfg.file_limit : cfg.query_limit, window = filing ? cfg.file_window : cfg.query_window;
	*t = (struct ysqgk_throttled){false, window, NULL};
	const char *addr = ysqgk_client_addr(req);
	if (addr_listed(cfg.exempt, addr))
		return XE_OK;
	long long hits;
	enum xerr e = count_hit(req, filing ? "file" : "query", addr, window, &hits);
	if (e != XE_OK || hits <= limit)
		return e;
	t->over = true;
	t->message = filing ? pool_printf(req->pool,
	                                  "提交次数过多：同一网络地址在%lld分钟内最多可以提交%lld件申请。请稍后再提交；"
	                                  "如有急需，也可以到政府信息公开受理场所当面提交。",
	                                  window / 60, limit)
	                    : pool_printf(req->pool, "查询次数过多：同一网络地址在%lld分钟内最多查询%lld次，请稍后再试。",
	                                  window / 60, limit);
	return XE_OK;
}

void ysqgk_throttle_retry_after(struct request *req, const struct ysqgk_throttled *t)
{
	request_header(req, "Retry-After", pool_printf(req->pool, "%lld", t->retry_after));
}

enum xerr ysqgk_throttle_answer(struct request *req, const struct ysqgk_throttled *t)
{
	respond_error(req, XE_TOO_MANY, t->message, NULL);
	ysqgk_throttle_retry_after(req, t);
	return XE_TOO_MANY;
}
