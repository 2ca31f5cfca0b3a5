/* /xxgk/{site}/n/{id} — a notice: the metadata block (索引号, 发布机构, 发文字号, 主题分类,
 * 成文日期, 发布日期, 公文时效), the category's items as a labelled table, body, attachments. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/site.h"
#include "core/text.h"
#include <jansson.h>
#include <string.h>

enum xerr page_notice(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct db_result r;
	/* The notice joined to its site: the statement loads the site too (R_SITE_JOINED). Its items
	 * and the number of its attachments come with it (sql/011_notice_page_row.sql): the page's
	 * one statement. */
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT " SITE_COLS ", n.id, n.index_no, n.title, n.issuer, n.doc_number, n.subject, "
	                       "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d'), "
	                       "n.validity, n.domain_code, n.category_code, n.body, "
	                       "DATE_FORMAT(n.published_at, '%Y-%m-%dT%H:%i:%s'), n.attachment_count, n.items_json "
	                       "FROM " SITE_FROM "JOIN notices n ON n.site_id = s.id "
	                       "WHERE s.site_key = ? AND n.id = ? AND n.status = 'published'",
	                       "si", req->site_key, id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0) /* no such notice, or no such site: dispatch tells which */
		return XE_NOT_FOUND;
	if (req->site == NULL)
		site_from_row(req, r.rows[0]);
	char **n = r.rows[0] + SITE_NCOLS;
	const char *attachment_count = n[13], *items_json = n[14];
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "notice", &root);
	catalog_nav(root, catalog, 1); /* the navigation reads the domains only */
	xmlNodePtr nn = xmlNewChild(root, NULL, (const xmlChar *)"notice", NULL);
	static const char *const cols[] = {"id", "index-no", "title", "issuer", "doc-number", "subject", "formed-on",
	                                   "published-on", "validity", "domain", "category", NULL, "published-at"};
	for (size_t i = 0; i < 13; i++)
		if (cols[i] != NULL)
			xml_attr(nn, cols[i], n[i]);
	/* The body as paragraphs, one per line of text; each stays a text node. */
	xmlNodePtr body = xmlNewChild(nn, NULL, (const xmlChar *)"body", NULL);
	for (char *line = n[11], *next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*str_trim(line) != '\0')
			xml_add(body, "p", str_trim(line));
	}
	/* The category as the catalog names it, with its path. */
	xmlNodePtr cat = catalog ? catalog_find(catalog, n[10]) : NULL;
	xmlNodePtr path = xmlNewChild(nn, NULL, (const xmlChar *)"path", NULL);
	for (xmlNodePtr c = cat; c != NULL && c->type == XML_ELEMENT_NODE; c = c->parent) {
		if (!xmlStrEqual(c->name, (const xmlChar *)"domain") && !xmlStrEqual(c->name, (const xmlChar *)"category"))
			break;
		xmlNodePtr step = xmlNewNode(NULL, (const xmlChar *)"step");
		xmlChar *code = xmlGetProp(c, (const xmlChar *)"code"), *name = xmlGetProp(c, (const xmlChar *)"name");
		xmlNewProp(step, (const xmlChar *)"code", code);
		xmlNewProp(step, (const xmlChar *)"name", name);
		xmlFree(code);
		xmlFree(name);
		if (path->children)
			xmlAddPrevSibling(path->children, step);
		else
			xmlAddChild(path, step);
	}
	/* Items in code order, labelled in the variant's wording (the stored label where the
	 * catalog no longer has the item). */
	xmlNodePtr items = xmlNewChild(nn, NULL, (const xmlChar *)"items", NULL);
	json_t *list = items_json != NULL ? json_loads(items_json, 0, NULL) : NULL;
	size_t at;
	json_t *item;
	json_array_foreach(list, at, item) {
		const char *code = json_string_value(json_array_get(item, 0));
		const char *stored_label = json_string_value(json_array_get(item, 1));
		const char *value = json_string_value(json_array_get(item, 2));
		if (code == NULL || value == NULL)
			continue;
		xmlNodePtr it = xml_add(items, "item", value);
		xml_attr(it, "code", code);
		xmlNodePtr def = cat ? catalog_item(cat, code) : NULL;
		xmlChar *label = def ? xmlNodeGetContent(def) : NULL;
		xml_attr(it, "label", label ? (const char *)label : stored_label);
		xmlFree(label);
	}
	json_decref(list);
	xmlNodePtr atts = xmlNewChild(nn, NULL, (const xmlChar *)"attachments", NULL);
	/* Most notices have none: the notice's own row says whether to ask (a statement less). */
	if (strcmp(attachment_count, "0") == 0)
		return render(req, doc, "notice");
	e = db_query(req->db, req->pool, &r,
	             "SELECT id, filename, mime, size, sha256 FROM attachments WHERE notice_id = ? ORDER BY id", "i", id);
	if (e != XE_OK)
		return e;
	static const char *const acols[] = {"id", "filename", "mime", "size", "sha256"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(atts, "attachment", r.rows[i], acols, 5);
	return render(req, doc, "notice");
}
