/* /xxgk/{site}/feed.atom and /xxgk/{site}/c/{code}/feed.atom — Atom 1.0 feeds of the latest 20
 * notices of a site or of a column, made by xslt/atom.xsl. Ids are tag: URIs that do not depend
 * on the Host a reader used; links are absolute (the request's Host when it is a plain host name,
 * else the site's domain). Times are UTC. */
#include "notices/catalog.h"
#include "core/exchange.h"
#include "server/handlers.h"
#include "core/render.h"
#include <stdlib.h>
#include <string.h>

#define FEED_ENTRIES 20

/* The body's opening words for <summary>: lines joined, at most 200 characters. */
static const char *summary_of(struct pool *p, const char *body)
{
	char *s = pool_strdup(p, body ? body : "");
	for (char *c = s; *c; c++)
		if (*c == '\r' || *c == '\n' || *c == '\t')
			*c = ' ';
	return text_prefix(p, s, 200);
}

/* The columns of the feed's entries. */
enum entry_col { C_ID, C_TITLE, C_ISSUER, C_INDEX_NO, C_CATEGORY, C_OPENING, C_PUBLISHED, C_UPDATED, C_DOC_NUMBER };

/* The feed's own id, title and links: a column's (code) or the site's (NULL). */
static void feed_head(struct request *req, xmlNodePtr f, const char *created, const char *code, xmlNodePtr column)
{
	if (code == NULL) {
		xml_attr(f, "id", tag_uri(req->pool, req->site, created, pool_printf(req->pool, "%s/feed", req->site->key)));
		xml_attr(f, "title", req->site->name);
		xml_attr(f, "subtitle", "最新公开的公共资源配置领域政府信息");
		xml_attr(f, "self", exchange_url(req, "feed.atom"));
		xml_attr(f, "alternate", exchange_url(req, ""));
		return;
	}
	char *colname = catalog_attr(column, "name");
	const char *name = colname ? pool_strdup(req->pool, colname) : NULL;
	xmlFree(colname);
	xml_attr(f, "id", tag_uri(req->pool, req->site, created, pool_printf(req->pool, "%s/c/%s/feed", req->site->key, code)));
	xml_attr(f, "title", pool_printf(req->pool, "%s - %s", name, req->site->name));
	xml_attr(f, "subtitle", pool_printf(req->pool, "“%s”栏目最新公开的信息", name));
	xml_attr(f, "self", exchange_url(req, pool_printf(req->pool, "c/%s/feed.atom", code)));
	xml_attr(f, "alternate", exchange_url(req, pool_printf(req->pool, "c/%s", code)));
	xml_attr(f, "column-code", code);
	xml_attr(f, "column-name", name);
}

static void entry_xml(struct request *req, xmlNodePtr f, xmlDocPtr catalog, const char *created, char **row)
{
	xmlNodePtr en = xmlNewChild(f, NULL, (const xmlChar *)"entry", NULL);
	const char *specific = pool_printf(req->pool, "%s/n/%s", req->site->key, row[C_ID]);
	xml_attr(en, "id", tag_uri(req->pool, req->site, created, specific));
	xml_attr(en, "link", exchange_url(req, pool_printf(req->pool, "n/%s", row[C_ID])));
	xml_attr(en, "published", iso_utc(req->pool, row[C_PUBLISHED]));
	xml_attr(en, "updated", iso_utc(req->pool, row[C_UPDATED]));
	xml_attr(en, "author", row[C_ISSUER]);
	xml_attr(en, "index-no", row[C_INDEX_NO]);
	xml_attr(en, "doc-number", row[C_DOC_NUMBER]);
	xml_attr(en, "category", row[C_CATEGORY]);
	xmlNodePtr cat = catalog ? catalog_find(catalog, row[C_CATEGORY]) : NULL;
	char *catname = cat ? catalog_attr(cat, "name") : NULL;
	xml_attr(en, "category-name", catname);
	xmlFree(catname);
	xml_add(en, "title", row[C_TITLE]);
	xml_add(en, "summary", summary_of(req->pool, row[C_OPENING]));
}

static enum xerr feed(struct request *req, const char *code)
{
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr column = NULL;
	if (code != NULL) {
		column = catalog ? catalog_find(catalog, code) : NULL;
		if (column == NULL)
			return XE_NOT_FOUND;
	}
	enum xerr e;
	const char *created = db_value(req->db, req->pool, &e,
	                               "SELECT DATE_FORMAT(created_at, '%Y-%m-%d') FROM sites WHERE id = ?", "i",
	                               req->site->id);
	if (e != XE_OK)
		return e;
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT n.id, n.title, n.issuer, n.index_no, n.category_code, LEFT(n.body, 400), "
	             "UNIX_TIMESTAMP(c.published_at), UNIX_TIMESTAMP(GREATEST(n.updated_at, c.published_at)), "
	             "n.doc_number "
	             "FROM notice_columns c STRAIGHT_JOIN notices n ON n.id = c.notice_id "
	             "WHERE c.site_id = ? AND c.column_code = ? "
	             "ORDER BY c.published_at DESC, c.notice_id DESC LIMIT ?",
	             "isi", req->site->id, code ? code : "*", (long long)FEED_ENTRIES);
	if (e != XE_OK)
		return e;

	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "feed", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"feed", NULL);
	feed_head(req, f, created, code, column);
	/* The feed changed when its newest-changed entry did; an empty feed when the site began. */
	const char *updated = NULL, *newest = NULL;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *up = r.rows[i][C_UPDATED];
		if (up != NULL && (newest == NULL || strtoll(up, NULL, 10) > strtoll(newest, NULL, 10)))
			newest = up;
		entry_xml(req, f, catalog, created, r.rows[i]);
	}
	if (newest != NULL) {
		updated = iso_utc(req->pool, newest);
	} else {
		const char *since = db_value(req->db, req->pool, &e, "SELECT UNIX_TIMESTAMP(created_at) FROM sites WHERE id = ?",
		                             "i", req->site->id);
		if (e != XE_OK)
			return e;
		updated = iso_utc(req->pool, since);
	}
	xml_attr(f, "updated", updated ? updated : "1970-01-01T00:00:00Z");
	exchange_public(req);
	return render(req, doc, "atom");
}

enum xerr page_feed_site(struct request *req)
{
	return feed(req, NULL);
}

enum xerr page_feed_column(struct request *req)
{
	return feed(req, req->path_args[0]);
}
