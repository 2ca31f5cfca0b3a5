/* /xxgk/{site}/n/{id} — a notice: the metadata block (索引号, 发布机构, 发文字号, 主题分类,
 * 成文日期, 发布日期, 公文时效), body, the category's items as a labelled table, attachments, and
 * the notices published before and after it in its category's column. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/site.h"
#include "core/text.h"
#include <jansson.h>
#include <string.h>

/* The notice's columns in the page's statement, after the site's. */
enum notice_col {
	C_ID, C_INDEX_NO, C_TITLE, C_ISSUER, C_DOC_NUMBER, C_SUBJECT, C_FORMED_ON, C_PUBLISHED_ON, C_VALIDITY, C_DOMAIN,
	C_CATEGORY, C_BODY, C_PUBLISHED_AT, C_ATTACHMENT_COUNT, C_ITEMS_JSON, C_OLDER, C_NEWER
};
/* The attributes of <notice>, in column order (the body is an element of its own). */
static const char *const notice_attrs[C_PUBLISHED_AT + 1] = {
	[C_ID] = "id", [C_INDEX_NO] = "index-no", [C_TITLE] = "title", [C_ISSUER] = "issuer",
	[C_DOC_NUMBER] = "doc-number", [C_SUBJECT] = "subject", [C_FORMED_ON] = "formed-on",
	[C_PUBLISHED_ON] = "published-on", [C_VALIDITY] = "validity", [C_DOMAIN] = "domain", [C_CATEGORY] = "category",
	[C_PUBLISHED_AT] = "published-at",
};

/* The body as paragraphs, one per line of text; each stays a text node. */
static void body_xml(xmlNodePtr nn, char *text)
{
	xmlNodePtr body = xmlNewChild(nn, NULL, (const xmlChar *)"body", NULL);
	for (char *line = text, *next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*str_trim(line) != '\0')
			xml_add(body, "p", str_trim(line));
	}
}

/* The category's path from its domain down, as the catalog names it. */
static void path_xml(xmlNodePtr nn, xmlNodePtr cat)
{
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
}

/* Items in code order, labelled in the variant's wording (the stored label where the catalog no
 * longer has the item). */
static void items_xml(xmlNodePtr nn, xmlNodePtr cat, const char *items_json)
{
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
		xml_attr_label(it, "label", label ? (const char *)label : stored_label);
		xmlFree(label);
	}
	json_decref(list);
}

/* A neighbour as the page's statement gives it: [id, date, title], or NULL at either end of the
 * column. */
static void neighbour_xml(xmlNodePtr nn, const char *side, const char *json)
{
	json_t *n = json != NULL ? json_loads(json, 0, NULL) : NULL;
	const char *id = json_string_value(json_array_get(n, 0)), *date = json_string_value(json_array_get(n, 1)),
		   *title = json_string_value(json_array_get(n, 2));
	if (id != NULL && date != NULL && title != NULL) {
		xmlNodePtr x = xmlNewChild(nn, NULL, (const xmlChar *)"neighbour", NULL);
		xml_attr(x, "side", side);
		xml_attr(x, "id", id);
		xml_attr(x, "title", title);
		xml_attr(x, "date", date);
	}
	json_decref(n);
}

static enum xerr attachments_xml(struct request *req, xmlNodePtr nn, long long id)
{
	xmlNodePtr atts = xmlNewChild(nn, NULL, (const xmlChar *)"attachments", NULL);
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, filename, mime, size FROM attachments WHERE notice_id = ? ORDER BY id", "i", id);
	if (e != XE_OK)
		return e;
	static const char *const cols[] = {"id", "filename", "mime", "size"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(atts, "attachment", r.rows[i], cols, FIELDS_OF(cols));
	return XE_OK;
}

/* The nearest notice of the column on one side of this one, as [id, date, title]. */
#define NEIGHBOUR(cmp, dir)                                                                                            \
	"(SELECT JSON_ARRAY(CAST(c.notice_id AS CHAR), DATE_FORMAT(c.published_at, '%Y-%m-%d'), c.title) "             \
	"FROM notice_columns c WHERE c.site_id = n.site_id AND c.column_code = n.category_code "                       \
	"AND (c.published_at " cmp " n.published_at OR (c.published_at = n.published_at AND c.notice_id " cmp " n.id)) " \
	"ORDER BY c.published_at " dir ", c.notice_id " dir " LIMIT 1)"
#define NEIGHBOUR_OLDER NEIGHBOUR("<", "DESC")
#define NEIGHBOUR_NEWER NEIGHBOUR(">", "ASC")

enum xerr page_notice(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct db_result r;
	/* The notice joined to its site: the statement loads the site too (R_SITE_JOINED). Its items
	 * and the number of its attachments come with it (sql/011_notice_page_row.sql), and so do the
	 * notices just before and after it in its category's column, as the column lists them (by
	 * publication time, then id): a range of notice_columns' primary key each, which the server
	 * reads once the notice's row is known, without a second round trip or a UNION's temporary
	 * table. */
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT " SITE_COLS ", n.id, n.index_no, n.title, n.issuer, n.doc_number, n.subject, "
	                       "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d'), "
	                       "n.validity, n.domain_code, n.category_code, n.body, "
	                       "DATE_FORMAT(n.published_at, '%Y-%m-%dT%H:%i:%s'), n.attachment_count, n.items_json, "
	                       NEIGHBOUR_OLDER ", " NEIGHBOUR_NEWER " "
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
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "notice", &root);
	catalog_nav(root, catalog, 1); /* the navigation reads the domains only */
	xmlNodePtr nn = xmlNewChild(root, NULL, (const xmlChar *)"notice", NULL);
	for (size_t i = 0; i < FIELDS_OF(notice_attrs); i++)
		if (notice_attrs[i] != NULL)
			xml_attr(nn, notice_attrs[i], n[i]);
	body_xml(nn, n[C_BODY]);
	xmlNodePtr cat = catalog ? catalog_find(catalog, n[C_CATEGORY]) : NULL;
	path_xml(nn, cat);
	items_xml(nn, cat, n[C_ITEMS_JSON]);
	neighbour_xml(nn, "older", n[C_OLDER]);
	neighbour_xml(nn, "newer", n[C_NEWER]);
	/* Most notices have none: the notice's own row says whether to ask (a statement less). */
	if (strcmp(n[C_ATTACHMENT_COUNT], "0") != 0 && (e = attachments_xml(req, nn, id)) != XE_OK)
		return e;
	return render(req, doc, "notice");
}
