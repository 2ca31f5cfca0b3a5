/* Delivery of pushes (push.h): changes become deliveries per endpoint, then due deliveries are
 * POSTed in order per notice and endpoint, with backoff after a failure. */
#include "notices/push.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "notices/catalog.h"
#include "notices/completeness.h"
#include "notices/ocds.h"
#include <stdlib.h>
#include <string.h>

/* ---- changes into deliveries ---- */

/* A change with its site, in change_col order. */
#define CHANGE_SELECT                                                                                      \
	"SELECT c.id, c.site_id, c.notice_id, c.event, c.category_code, c.snapshot, "                         \
	"DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s'), s.site_key, s.name, s.variant, s.domain "          \
	"FROM push_changes c JOIN sites s ON s.id = c.site_id "
enum change_col { C_ID, C_SITE, C_NOTICE, C_EVENT, C_CATEGORY, C_SNAPSHOT, C_CREATED, C_KEY, C_NAME, C_VARIANT,
	              C_DOMAIN, C__N };
enum endpoint_col { E_ID, E_CHANNEL, E_FORMAT };

/* The site as the OCDS writer and the links need it, from a change's row. */
static struct site change_site(char **c)
{
	return (struct site){.id = strtoll(c[C_SITE], NULL, 10), .key = c[C_KEY], .name = c[C_NAME],
	                     .variant = c[C_VARIANT], .domain = c[C_DOMAIN]};
}

static const char *notice_url(struct pool *p, const struct app *app, char **c)
{
	if (c[C_DOMAIN] == NULL || *c[C_DOMAIN] == '\0')
		return NULL;
	return pool_printf(p, "https://%s%s/%s/n/%s", c[C_DOMAIN], app->cfg.server.prefix, c[C_KEY], c[C_NOTICE]);
}

/* Our JSON: the change, where it comes from, and the notice as the change left it. */
static const char *body_json(struct pool *p, const struct app *app, char **c, xmlNodePtr cat, xmlNodePtr channel,
                             const char *channel_name)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "event", c[C_EVENT]);
	jw_raw(&w, "change", c[C_ID]);
	jw_str(&w, "changed_at", c[C_CREATED]);
	jw_open(&w, "site", '{');
	jw_str(&w, "key", c[C_KEY]);
	jw_str(&w, "name", c[C_NAME]);
	jw_close(&w, '}');
	jw_str(&w, "channel", channel_name);
	jw_open(&w, "category", '{');
	jw_str(&w, "code", c[C_CATEGORY]);
	char *name = catalog_attr(cat, "name");
	jw_str(&w, "name", name);
	xmlFree(name);
	jw_str(&w, "path", completeness_category_path(p, cat));
	jw_close(&w, '}');
	const char *url = notice_url(p, app, c);
	if (strcmp(c[C_EVENT], "withdraw") != 0)
		jw_str(&w, "url", url);
	/* Yancheng: 相关信息推送过程中应当注明信息来源. */
	char *note = catalog_attr(channel, "source-note");
	if (note != NULL)
		jw_str(&w, "source_note", url ? pool_printf(p, "信息来源：%s（%s）", c[C_NAME], url)
		                               : pool_printf(p, "信息来源：%s", c[C_NAME]));
	xmlFree(note);
	jw_raw(&w, "notice", c[C_SNAPSHOT]);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

/* OCDS for a procurement notice, where the endpoint asks for it; NULL otherwise. */
static enum xerr body_ocds(struct db *db, struct pool *p, const struct app *app, char **c, const char **out)
{
	*out = NULL;
	if (strcmp(c[C_EVENT], "withdraw") == 0)
		return XE_OK;
	struct site site = change_site(c);
	const char *origin = c[C_DOMAIN] && *c[C_DOMAIN] ? pool_printf(p, "https://%s", c[C_DOMAIN]) : "https://localhost";
	struct ocds_export x = {.app = app, .db = db, .p = p, .site = &site, .origin = origin,
	                        .prefix = app->cfg.server.prefix, .ocid_prefix = ocds_ocid_prefix(&app->cfg)};
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	ocds_package_begin(&w, &x, pool_printf(p, "%s%s/%s/n/%s", origin, x.prefix, c[C_KEY], c[C_NOTICE]));
	bool written = false;
	enum xerr e = ocds_release_one(&x, &w, strtoll(c[C_NOTICE], NULL, 10), &written);
	ocds_package_end(&w, NULL);
	const char *json = jw_finish(&w, p);
	if (e == XE_OK && written)
		*out = json;
	return e;
}

static enum xerr expand_to(struct db *db, struct pool *p, const struct app *app, char **c, xmlNodePtr cat, char **ep)
{
	xmlNodePtr channel = push_channel(app_catalog(app, c[C_VARIANT]), ep[E_CHANNEL]);
	if (cat == NULL || channel == NULL || !push_channel_covers(cat, ep[E_CHANNEL]))
		return XE_OK;
	const char *body = NULL;
	enum xerr e = strcmp(ep[E_FORMAT], "ocds") == 0 ? body_ocds(db, p, app, c, &body) : XE_OK;
	if (e != XE_OK)
		return e;
	if (body == NULL)
		body = body_json(p, app, c, cat, channel, ep[E_CHANNEL]);
	return db_exec(db,
	               "INSERT INTO push_deliveries (change_id, endpoint_id, site_id, notice_id, body) VALUES (?, ?, ?, ?, ?)",
	               "sssss", c[C_ID], ep[E_ID], c[C_SITE], c[C_NOTICE], body);
}

struct expansion {
	struct pool *p;
	const struct app *app;
	char **c;
	bool done;
};

static enum xerr expand_tx(struct db *db, void *ctx)
{
	struct expansion *x = ctx;
	char **c = x->c;
	x->done = false;
	enum xerr e = db_exec(db, "UPDATE push_changes SET expanded = 1 WHERE id = ? AND expanded = 0", "s", c[C_ID]);
	if (e != XE_OK || db_affected(db) == 0)
		return e; /* nothing was changed: the commit ends an empty transaction */
	struct db_result eps;
	/* The endpoints that were there when the change was made. */
	e = db_query(db, x->p, &eps,
	             "SELECT id, channel, format FROM push_endpoints WHERE site_id = ? AND active = 1 "
	             "AND created_at <= (SELECT created_at FROM push_changes WHERE id = ?) ORDER BY id",
	             "ss", c[C_SITE], c[C_ID]);
	xmlNodePtr cat = catalog_find(app_catalog(x->app, c[C_VARIANT]), c[C_CATEGORY]);
	for (size_t i = 0; e == XE_OK && i < eps.nrows; i++)
		e = expand_to(db, x->p, x->app, c, cat, eps.rows[i]);
	x->done = e == XE_OK;
	return e;
}

/* One change, in its own transaction; a change another sender took meanwhile is left to it. */
static enum xerr expand_one(struct db *db, struct pool *p, const struct app *app, char **c, bool *done)
{
	struct expansion x = {p, app, c, false};
	enum xerr e = db_transaction(db, expand_tx, &x);
	*done = e == XE_OK && x.done;
	return e;
}

static enum xerr expand_changes(struct db *db, const struct app *app, long long only_notice, struct push_run *out)
{
	enum xerr e = XE_OK;
	for (bool more = true; more && e == XE_OK;) {
		struct pool *p = pool_new();
		struct db_result r;
		/* One notice's through its index: the web side must not read every change queued. */
		e = only_notice > 0
		        ? db_query(db, p, &r, CHANGE_SELECT "WHERE c.notice_id = ? AND c.expanded = 0 ORDER BY c.id LIMIT 100",
		                   "i", only_notice)
		        : db_query(db, p, &r, CHANGE_SELECT "WHERE c.expanded = 0 ORDER BY c.id LIMIT 100", "");
		more = e == XE_OK && r.nrows == 100;
		for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
			bool done;
			e = expand_one(db, p, app, r.rows[i], &done);
			out->expanded += done;
		}
		pool_free(p);
	}
	return e;
}

/* ---- sending ---- */

/* The deliveries due now (due_col order), each the earliest unsent of its notice and endpoint,
 * with no earlier change of its notice still to be made into deliveries. */
#define DUE_SELECT                                                                                         \
	"SELECT d.id, d.notice_id, d.attempts, c.event, e.url, e.secret, e.name FROM push_deliveries d "         \
	"JOIN push_endpoints e ON e.id = d.endpoint_id AND e.active = 1 JOIN push_changes c ON c.id = d.change_id " \
	"WHERE d.status = 'queued' AND d.next_at <= NOW(6) AND (d.lease_until IS NULL OR d.lease_until < NOW(6)) " \
	"AND NOT EXISTS (SELECT 1 FROM push_deliveries d2 WHERE d2.endpoint_id = d.endpoint_id "                \
	"AND d2.notice_id = d.notice_id AND d2.status = 'queued' AND d2.change_id < d.change_id) "              \
	"AND NOT EXISTS (SELECT 1 FROM push_changes c2 WHERE c2.notice_id = d.notice_id AND c2.expanded = 0 "    \
	"AND c2.id < d.change_id) "
enum due_col { D_ID, D_NOTICE, D_ATTEMPTS, D_EVENT, D_URL, D_SECRET, D_ENDPOINT, D__N };

static double jitter(void)
{
	unsigned r = 0;
	if (!random_bytes(&r, sizeof r))
		return 0.5;
	return (double)r / 4294967296.0;
}

/* Leases, sends and records one delivery; *result 1 for a 2xx, -1 for a failure, 0 when another
 * sender had leased it. */
static enum xerr send_one(struct db *db, struct pool *p, const struct app *app, char **d, FILE *log, int *result)
{
	const struct settings *cfg = &app->cfg;
	*result = 0;
	/* The lease outlasts the POST: another sender leaves the row alone meanwhile. */
	enum xerr e = db_exec(db,
	                      "UPDATE push_deliveries SET lease_until = NOW(6) + INTERVAL ? SECOND, attempts = attempts + 1, "
	                      "last_at = NOW(6) WHERE id = ? AND status = 'queued' "
	                      "AND (lease_until IS NULL OR lease_until < NOW(6))",
	                      "is", cfg->push.timeout_seconds * 2 + 30, d[D_ID]);
	if (e != XE_OK || db_affected(db) == 0)
		return e;
	struct db_result b;
	e = db_query(db, p, &b, "SELECT body FROM push_deliveries WHERE id = ?", "s", d[D_ID]);
	if (e != XE_OK || b.nrows == 0)
		return e;
	struct push_http_result h;
	bool ok = push_http_post(d[D_URL], d[D_SECRET], d[D_EVENT], strtoll(d[D_ID], NULL, 10),
	                         strtoll(d[D_NOTICE], NULL, 10), b.rows[0][0], b.lens[0][0],
	                         (long)cfg->push.timeout_seconds, &h);
	long long attempts = strtoll(d[D_ATTEMPTS], NULL, 10) + 1;
	if (ok) {
		*result = 1;
		e = db_exec(db,
		            "UPDATE push_deliveries SET status = 'sent', sent_at = NOW(6), lease_until = NULL, last_status = ?, "
		            "last_error = NULL WHERE id = ?",
		            "is", (long long)h.status, d[D_ID]);
	} else {
		*result = -1;
		double wait = push_backoff(cfg->push.retry_base_seconds, cfg->push.retry_max_seconds, attempts, jitter());
		e = db_exec(db,
		            "UPDATE push_deliveries SET next_at = NOW(6) + INTERVAL ? MICROSECOND, lease_until = NULL, "
		            "last_status = NULLIF(?, 0), last_error = ? WHERE id = ?",
		            "iiss", (long long)(wait * 1e6), (long long)h.status, h.error, d[D_ID]);
	}
	if (log != NULL)
		fprintf(log, "delivery %s (notice %s, %s) to %s, attempt %lld: %s\n", d[D_ID], d[D_NOTICE], d[D_EVENT],
		        d[D_ENDPOINT], attempts, ok ? "sent" : h.error);
	return e;
}

/* One pass over the deliveries due now, each the earliest unsent of its notice and endpoint.
 * *again: another pass may find more (a full page, or a sent change whose successor is due). */
static enum xerr send_pass(struct db *db, const struct app *app, long long only_notice, long long max, FILE *log,
                           struct push_run *out, bool *again)
{
	struct pool *p = pool_new();
	struct db_result r;
	long long page = max < 50 ? max : 50;
	enum xerr e = only_notice > 0
	                  ? db_query(db, p, &r, DUE_SELECT "AND d.notice_id = ? ORDER BY d.id LIMIT ?", "ii", only_notice, page)
	                  : db_query(db, p, &r, DUE_SELECT "ORDER BY d.id LIMIT ?", "i", page);
	*again = e == XE_OK && (long long)r.nrows == page;
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
		int result;
		e = send_one(db, p, app, r.rows[i], log, &result);
		*again |= result > 0;
		out->sent += result > 0;
		out->failed += result < 0;
	}
	pool_free(p);
	return e;
}

enum xerr push_deliver(struct db *db, const struct app *app, long long only_notice, long long max, FILE *log,
                       struct push_run *out)
{
	memset(out, 0, sizeof *out);
	enum xerr e = expand_changes(db, app, only_notice, out);
	for (bool again = true; e == XE_OK && again && out->sent + out->failed < max;)
		e = send_pass(db, app, only_notice, max - out->sent - out->failed, log, out, &again);
	return e;
}

void push_after_commit(struct db *db, const struct app *app, long long notice_id)
{
	if (!app->cfg.push.deliver_immediately || notice_id <= 0)
		return;
	struct push_run run;
	/* What fails here waits for its next attempt (xxgkctl push deliver); the change is saved. */
	(void)push_deliver(db, app, notice_id, 20, NULL, &run);
}
