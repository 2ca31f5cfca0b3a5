/* Pushes to the trading platforms: the outbox rows written with a change, the catalog's channels,
 * the signature and the backoff (push.h). Delivery is push_deliver.c, the HTTP client push_http.c. */
#include "notices/push.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "core/render.h"
#include <jansson.h>
#include <math.h>
#include <string.h>

/* The notice as a snapshot's columns (snapshot_write reads them in this order). */
enum snap_col {
	S_ID, S_INDEX_NO, S_EXTERNAL_ID, S_TITLE, S_ISSUER, S_DOC_NUMBER, S_SUBJECT, S_FORMED_ON, S_PUBLISHED_AT,
	S_VALIDITY, S_CATEGORY, S_DECISION_KIND, S_STATUS, S_ITEMS, S_BODY, S__N
};

/* items_json ([[code, label, value], ...], sql/011_notice_page_row.sql) as objects. */
static void snapshot_items(struct jw *w, const char *items_json)
{
	jw_open(w, "items", '[');
	json_t *a = items_json ? json_loads(items_json, 0, NULL) : NULL;
	size_t i;
	json_t *it;
	json_array_foreach(a, i, it)
	{
		jw_open(w, NULL, '{');
		jw_str(w, "code", json_string_value(json_array_get(it, 0)));
		jw_str(w, "label", json_string_value(json_array_get(it, 1)));
		jw_str(w, "value", json_string_value(json_array_get(it, 2)));
		jw_close(w, '}');
	}
	json_decref(a);
	jw_close(w, ']');
}

static const char *snapshot_write(struct pool *p, char **row)
{
	static const char *const keys[S__N] = {
	    [S_INDEX_NO] = "index_no", [S_EXTERNAL_ID] = "external_id", [S_TITLE] = "title", [S_ISSUER] = "issuer",
	    [S_DOC_NUMBER] = "doc_number", [S_SUBJECT] = "subject", [S_FORMED_ON] = "formed_on",
	    [S_PUBLISHED_AT] = "published_at", [S_VALIDITY] = "validity", [S_CATEGORY] = "category",
	    [S_DECISION_KIND] = "decision_kind", [S_STATUS] = "status", [S_BODY] = "body",
	};
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_raw(&w, "id", row[S_ID]);
	for (int c = S_INDEX_NO; c < S__N; c++)
		if (c == S_ITEMS)
			snapshot_items(&w, row[c]);
		else
			jw_str(&w, keys[c], row[c]);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

/* One change of one notice, when its site has an active endpoint. */
static enum xerr mark_one(struct db *db, struct pool *p, long long notice_id, const char *event)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT n.id, n.index_no, n.external_id, n.title, n.issuer, n.doc_number, n.subject, "
	                       "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s'), "
	                       "n.validity, n.category_code, n.decision_kind, n.status, n.items_json, n.body, n.site_id "
	                       "FROM notices n WHERE n.id = ? "
	                       "AND EXISTS (SELECT 1 FROM push_endpoints e WHERE e.site_id = n.site_id AND e.active = 1)",
	                       "i", notice_id);
	if (e != XE_OK || r.nrows == 0)
		return e;
	char **row = r.rows[0];
	return db_exec(db,
	               "INSERT INTO push_changes (site_id, notice_id, event, category_code, snapshot) VALUES (?, ?, ?, ?, ?)",
	               "sisss", row[S__N], notice_id, event, row[S_CATEGORY], snapshot_write(p, row));
}

enum xerr push_mark(struct db *db, long long notice_id, const char *event)
{
	struct pool *p = pool_new();
	enum xerr e = mark_one(db, p, notice_id, event);
	pool_free(p);
	return e;
}

enum xerr push_mark_many(struct db *db, long long site_id, const long long *ids, const char *const *events, size_t n)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *any = db_value(db, p, &e, "SELECT 1 FROM push_endpoints WHERE site_id = ? AND active = 1 LIMIT 1", "i",
	                           site_id);
	for (size_t i = 0; any != NULL && i < n && e == XE_OK; i++)
		e = mark_one(db, p, ids[i], events[i]);
	pool_free(p);
	return e;
}

/* ---- the catalog's channels ---- */

xmlNodePtr push_channel(xmlDocPtr catalog, const char *name)
{
	xmlNodePtr root = catalog ? xmlDocGetRootElement(catalog) : NULL;
	for (xmlNodePtr list = root ? root->children : NULL; list; list = list->next) {
		if (list->type != XML_ELEMENT_NODE || !xmlStrEqual(list->name, (const xmlChar *)"channels"))
			continue;
		for (xmlNodePtr c = list->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)"channel")) {
				xmlChar *n = xmlGetProp(c, (const xmlChar *)"name");
				bool same = n && strcmp((const char *)n, name) == 0;
				xmlFree(n);
				if (same)
					return c;
			}
	}
	return NULL;
}

bool push_channel_covers(xmlNodePtr category, const char *channel)
{
	size_t len = strlen(channel);
	for (xmlNodePtr n = category; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *list = xmlGetProp(n, (const xmlChar *)"channels");
		if (list == NULL)
			continue;
		bool found = false;
		for (const char *s = (const char *)list; *s && !found;) {
			while (*s == ' ')
				s++;
			size_t k = strcspn(s, " ");
			found = k == len && memcmp(s, channel, len) == 0;
			s += k;
		}
		xmlFree(list);
		return found;
	}
	return false;
}

/* ---- signature, backoff, addresses ---- */

void push_signature(const char *secret, const char *timestamp, const void *body, size_t len, char out[72])
{
	struct buf m;
	buf_init(&m);
	buf_puts(&m, timestamp);
	buf_putc(&m, '.');
	buf_put(&m, body, len);
	unsigned char mac[32];
	hmac_sha256(secret, strlen(secret), m.data, m.len, mac);
	buf_free(&m);
	memcpy(out, "sha256=", 7);
	hex_encode(mac, sizeof mac, out + 7);
}

double push_backoff(long long base, long long max, long long attempts, double jitter)
{
	double wait = (double)base * ldexp(1.0, attempts > 1 ? (int)(attempts > 40 ? 40 : attempts - 1) : 0);
	if (wait > (double)max)
		wait = (double)max;
	return wait - wait * 0.5 * jitter;
}

static bool loopback_host(const char *h, size_t n)
{
	if (n == 9 && memcmp(h, "localhost", 9) == 0)
		return true;
	if (n == 5 && memcmp(h, "[::1]", 5) == 0)
		return true;
	if (n < 4 || memcmp(h, "127.", 4) != 0)
		return false;
	for (size_t i = 4; i < n; i++)
		if (h[i] != '.' && (h[i] < '0' || h[i] > '9'))
			return false;
	return true;
}

bool push_url_allowed(const char *url)
{
	size_t n = strlen(url);
	if (n == 0 || n > 1000)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= ' ' || (unsigned char)url[i] >= 127)
			return false;
	bool https = strncmp(url, "https://", 8) == 0;
	if (!https && strncmp(url, "http://", 7) != 0)
		return false;
	const char *host = url + (https ? 8 : 7);
	size_t hn = strcspn(host, "/?#");
	if (hn == 0 || memchr(host, '@', hn) != NULL)
		return false;
	if (https)
		return true;
	const char *colon = host[0] == '[' ? memchr(host, ']', hn) : memchr(host, ':', hn);
	size_t name = colon ? (size_t)(colon - host) + (host[0] == '[') : hn;
	return loopback_host(host, name);
}

/* ---- the console's view ---- */

enum xerr push_notice_xml(struct db *db, struct pool *p, long long notice_id, xmlNodePtr parent)
{
	enum status_col { P_ENDPOINT, P_CHANNEL, P_EVENT, P_STATUS, P_ATTEMPTS, P_LAST_STATUS, P_LAST_ERROR, P_NEXT,
		              P_SENT, P_CHANGED, P_WAITING, P__N };
	static const char *const cols[P__N] = {
	    [P_ENDPOINT] = "endpoint", [P_CHANNEL] = "channel", [P_EVENT] = "event", [P_STATUS] = "status",
	    [P_ATTEMPTS] = "attempts", [P_LAST_STATUS] = "last-status", [P_LAST_ERROR] = "last-error",
	    [P_NEXT] = "next-at", [P_SENT] = "sent-at", [P_CHANGED] = "changed-at", [P_WAITING] = "unexpanded",
	};
	struct db_result r;
	/* Changes not yet made into deliveries show once, without an endpoint. */
	enum xerr e = db_query(
	    db, p, &r,
	    "SELECT e.name, e.channel, c.event, d.status, d.attempts, d.last_status, d.last_error, "
	    "DATE_FORMAT(d.next_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(d.sent_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s'), NULL "
	    "FROM push_deliveries d JOIN push_changes c ON c.id = d.change_id JOIN push_endpoints e ON e.id = d.endpoint_id "
	    "WHERE d.notice_id = ? "
	    "UNION ALL SELECT NULL, NULL, c.event, 'queued', 0, NULL, NULL, NULL, NULL, "
	    "DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s'), '1' FROM push_changes c WHERE c.notice_id = ? AND c.expanded = 0 "
	    "ORDER BY 10 DESC, 1 LIMIT 100",
	    "ii", notice_id, notice_id);
	if (e != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(parent, NULL, (const xmlChar *)"pushes", NULL);
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(list, "push", r.rows[i], cols, P__N);
	return XE_OK;
}
