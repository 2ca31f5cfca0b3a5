/* xxgkctl push: the trading platforms a site's notices are pushed to (notices/push.h). */
#include "ctl/ctl.h"
#include "core/crypto.h"
#include "core/site.h"
#include "core/text.h"
#include "notices/push.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: xxgkctl push endpoint add --site SITE --name NAME --channel CHANNEL --url URL\n"
    "                                 [--format json|ocds] [--secret-stdin]\n"
    "       xxgkctl push endpoint list [--site SITE]\n"
    "       xxgkctl push endpoint remove --site SITE --name NAME\n"
    "       xxgkctl push deliver [--max N]\n"
    "       xxgkctl push status [--site SITE] [--notice ID]\n"
    "Pushes of notices to the trading platforms. An endpoint receives every publication, change\n"
    "and withdrawal of the site's notices in the categories whose channels (in the site's\n"
    "catalog) name CHANNEL, a channel with pushed=\"yes\" (全国公共资源交易平台（临沧市）,\n"
    "盐城市公共资源交易平台 …), as an HTTP POST signed with the endpoint's key (HMAC-SHA256 of the\n"
    "timestamp, a dot and the body; cms-integration/API.md). --format ocds sends procurement\n"
    "notices as OCDS release packages. The key is made at random and printed once, or read\n"
    "from standard input with --secret-stdin (the platform's). URL: https://, or http:// to\n"
    "this host only. remove stops the endpoint's pushes and keeps their history.\n"
    "deliver sends what is due (run it from a timer: systemd/xxgk-push.timer); a failed push\n"
    "is tried again later, waiting longer after each failure ([push] in the configuration).\n"
    "status lists each endpoint's counts and every push not yet delivered, or one notice's.\n";

static bool load_site(struct ctl *ctx, struct db *db, struct pool *p, struct site *site)
{
	const char *key = ctl_opt(ctx, "--site");
	if (key == NULL || site_by_key(db, p, NULL, key, site) != XE_OK) {
		fprintf(stderr, "xxgkctl push: %s\n", key ? "no such site" : "--site SITE is required");
		return false;
	}
	return true;
}

/* The endpoint's key: the platform's from standard input, or a new random one. */
static const char *endpoint_secret(struct ctl *ctx, struct pool *p, bool *made)
{
	*made = !ctl_flag(ctx, "--secret-stdin");
	if (*made) {
		char hex[65];
		return random_hex(hex, 32) ? pool_strdup(p, hex) : NULL;
	}
	char line[256];
	if (fgets(line, sizeof line, stdin) == NULL)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	size_t n = strlen(line);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)line[i] <= ' ' || (unsigned char)line[i] > '~')
			return NULL;
	return n >= 16 && n <= 128 ? pool_strdup(p, line) : NULL;
}

/* The channel must be one the site's catalog pushes to. */
static bool channel_pushed(struct ctl *ctx, const struct site *site, const char *name)
{
	xmlNodePtr c = push_channel(app_catalog(&ctx->app, site->variant), name);
	xmlChar *pushed = c ? xmlGetProp(c, (const xmlChar *)"pushed") : NULL;
	bool ok = pushed && xmlStrEqual(pushed, (const xmlChar *)"yes");
	xmlFree(pushed);
	return ok;
}

static int endpoint_add(struct ctl *ctx, struct db *db, struct pool *p)
{
	struct site site;
	if (!ctl_app(ctx, false) || !load_site(ctx, db, p, &site))
		return 1;
	const char *name = ctl_opt(ctx, "--name"), *channel = ctl_opt(ctx, "--channel"), *url = ctl_opt(ctx, "--url");
	const char *format = ctl_opt(ctx, "--format");
	format = format ? format : "json";
	if (name == NULL || !text_valid(name, strlen(name)) || utf8_chars(name) < 1 || utf8_chars(name) > 60) {
		fputs("xxgkctl push endpoint add: --name NAME (1 to 60 characters) is required\n", stderr);
		return 2;
	}
	if (channel == NULL || !channel_pushed(ctx, &site, channel)) {
		fprintf(stderr, "xxgkctl push endpoint add: --channel must name a channel of the %s catalog that is pushed to "
		                "(xxgkctl push --help)\n", site.variant);
		return 2;
	}
	if (url == NULL || !push_url_allowed(url)) {
		fputs("xxgkctl push endpoint add: --url must be https://…, or http:// to this host only\n", stderr);
		return 2;
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "ocds") != 0) {
		fputs("xxgkctl push endpoint add: --format is json or ocds\n", stderr);
		return 2;
	}
	bool made;
	const char *secret = endpoint_secret(ctx, p, &made);
	if (secret == NULL) {
		fputs("xxgkctl push endpoint add: the key is 16 to 128 printable ASCII characters, on one line\n", stderr);
		return 2;
	}
	enum xerr e = db_exec(db,
	                      "INSERT INTO push_endpoints (site_id, name, channel, url, secret, format) VALUES (?, ?, ?, ?, ?, ?)",
	                      "isssss", site.id, name, channel, url, secret, format);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl push endpoint add: %s\n",
		        e == XE_CONFLICT ? "the site has an endpoint of that name" : db_error(db));
		return 1;
	}
	printf("endpoint %s added to %s: %s, %s\n", name, site.key, channel, url);
	if (made)
		printf("key (shown once; give it to the platform to check the X-Xxgk-Signature header):\n%s\n", secret);
	return 0;
}

static int endpoint_list(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site");
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT s.site_key, e.name, e.channel, e.format, e.url, "
	                       "DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i') FROM push_endpoints e "
	                       "JOIN sites s ON s.id = e.site_id WHERE e.active = 1 AND (? IS NULL OR s.site_key = ?) "
	                       "ORDER BY s.site_key, e.name",
	                       "ss", key, key);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl push: %s\n", db_error(db));
		return 1;
	}
	for (size_t i = 0; i < r.nrows; i++) {
		char **row = r.rows[i];
		printf("%s\t%s\t%s\t%s\t%s\tsince %s\n", row[0], row[1], row[2], row[3], row[4], row[5]);
	}
	printf("%zu endpoint(s)\n", r.nrows);
	return 0;
}

static int endpoint_remove(struct ctl *ctx, struct db *db, struct pool *p)
{
	struct site site;
	if (!load_site(ctx, db, p, &site))
		return 1;
	const char *name = ctl_opt(ctx, "--name");
	/* The name is freed for a new endpoint; the row stays for the history of its pushes. */
	enum xerr e = db_exec(db,
	                      "UPDATE push_endpoints SET active = 0, name = CONCAT(LEFT(name, 60), ' (removed ', id, ')') "
	                      "WHERE site_id = ? AND name = ? AND active = 1",
	                      "is", site.id, name ? name : "");
	if (e != XE_OK || db_affected(db) == 0) {
		fprintf(stderr, "xxgkctl push endpoint remove: %s\n", e != XE_OK ? db_error(db) : "no such endpoint");
		return 1;
	}
	printf("endpoint %s of %s removed\n", name, site.key);
	return 0;
}

static int endpoint_cmd(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *sub = ctl_arg(ctx, 1);
	if (sub != NULL && strcmp(sub, "add") == 0)
		return endpoint_add(ctx, db, p);
	if (sub != NULL && strcmp(sub, "list") == 0)
		return endpoint_list(ctx, db, p);
	if (sub != NULL && strcmp(sub, "remove") == 0)
		return endpoint_remove(ctx, db, p);
	fputs(usage_text, stderr);
	return 2;
}

static int deliver_cmd(struct ctl *ctx, struct db *db)
{
	long long max = ctx->app.cfg.push.batch;
	const char *m = ctl_opt(ctx, "--max");
	if (m != NULL && !parse_int(m, 1, 1000000, &max)) {
		fputs("xxgkctl push deliver: --max is a number from 1\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, false))
		return 1;
	struct push_run run;
	if (push_deliver(db, &ctx->app, 0, max, stdout, &run) != XE_OK) {
		fprintf(stderr, "xxgkctl push deliver: %s\n", db_error(db));
		return 1;
	}
	printf("%lld change(s) queued for their endpoints, %lld push(es) delivered, %lld failed (tried again later)\n",
	       run.expanded, run.sent, run.failed);
	return 0;
}

static void print_waiting(const struct db_result *r)
{
	for (size_t i = 0; i < r->nrows; i++) {
		char **w = r->rows[i];
		printf("  notice %s %-8s to %s: %s, %s attempt(s)%s%s%s%s\n", w[0], w[1], w[2], w[3], w[4],
		       w[5] ? ", next " : "", w[5] ? w[5] : "", w[6] ? ", last: " : "", w[6] ? w[6] : "");
	}
}

static int status_cmd(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_opt(ctx, "--site"), *notice = ctl_opt(ctx, "--notice");
	long long nid = 0;
	if (notice != NULL && !parse_int(notice, 1, 1LL << 62, &nid)) {
		fputs("xxgkctl push status: --notice is a notice's id\n", stderr);
		return 2;
	}
	struct db_result ends, waiting;
	enum xerr e = db_query(
	    db, p, &ends,
	    "SELECT s.site_key, e.name, e.channel, SUM(d.status = 'sent'), SUM(d.status = 'queued'), "
	    "SUM(d.status = 'queued' AND d.attempts > 0), DATE_FORMAT(MAX(d.sent_at), '%Y-%m-%d %H:%i:%s') "
	    "FROM push_endpoints e JOIN sites s ON s.id = e.site_id LEFT JOIN push_deliveries d ON d.endpoint_id = e.id "
	    "AND (? = 0 OR d.notice_id = ?) WHERE e.active = 1 AND (? IS NULL OR s.site_key = ?) "
	    "GROUP BY e.id ORDER BY s.site_key, e.name",
	    "iiss", nid, nid, key, key);
	if (e == XE_OK)
		e = db_query(db, p, &waiting,
		             "SELECT d.notice_id, c.event, e.name, IF(d.status = 'sent', CONCAT('sent ', "
		             "DATE_FORMAT(d.sent_at, '%Y-%m-%d %H:%i:%s')), IF(d.attempts = 0, 'queued', 'failing')), "
		             "d.attempts, IF(d.status = 'sent', NULL, DATE_FORMAT(d.next_at, '%Y-%m-%d %H:%i:%s')), "
		             "d.last_error FROM push_deliveries d JOIN push_endpoints e ON e.id = d.endpoint_id "
		             "JOIN push_changes c ON c.id = d.change_id JOIN sites s ON s.id = d.site_id "
		             "WHERE (? IS NULL OR s.site_key = ?) AND (IF(? = 0, d.status = 'queued', d.notice_id = ?)) "
		             "AND e.active = 1 ORDER BY d.id LIMIT 1000",
		             "ssii", key, key, nid, nid);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl push status: %s\n", db_error(db));
		return 1;
	}
	for (size_t i = 0; i < ends.nrows; i++) {
		char **r = ends.rows[i];
		printf("%s\t%s\t%s\tdelivered %s\twaiting %s (failing %s)\tlast delivered %s\n", r[0], r[1], r[2],
		       r[3] ? r[3] : "0", r[4] ? r[4] : "0", r[5] ? r[5] : "0", r[6] ? r[6] : "-");
	}
	printf(nid ? "pushes of notice %lld:\n" : "not delivered:%.0lld\n", nid);
	print_waiting(&waiting);
	return 0;
}

int ctl_push(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, usage_text))
		return 0;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	const char *sub = ctl_arg(ctx, 0);
	int rc;
	if (sub != NULL && strcmp(sub, "endpoint") == 0)
		rc = endpoint_cmd(ctx, db, p);
	else if (sub != NULL && strcmp(sub, "deliver") == 0)
		rc = deliver_cmd(ctx, db);
	else if (sub != NULL && strcmp(sub, "status") == 0)
		rc = status_cmd(ctx, db, p);
	else {
		fputs(usage_text, stderr);
		rc = 2;
	}
	pool_free(p);
	return rc;
}
