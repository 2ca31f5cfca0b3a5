/* /xxgk/{site}/c/{code} — a domain or category page: where it sits, its sub-categories, the
 * items its notices must disclose, and its notices, newest first, keyset-paged. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "notices/notice_list.h"
#include "core/render.h"
#include <string.h>

static void copy_attrs(xmlNodePtr to, xmlNodePtr from)
{
	for (xmlAttrPtr a = from->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeListGetString(from->doc, a->children, 1);
		xmlNewProp(to, a->name, v);
		xmlFree(v);
	}
}

enum xerr page_column(struct request *req)
{
	const char *code = req->path_args[0];
	/* The list first: its statement loads the site too (R_SITE_JOINED). */
	struct notice_page list;
	enum xerr e = notice_list_read(req, code, 20, &list);
	if (e != XE_OK)
		return e;
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr node = catalog ? catalog_find(catalog, code) : NULL;
	if (node == NULL)
		return XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "column", &root);
	catalog_nav(root, catalog, 1); /* the navigation reads the domains only */
	xmlNodePtr col = xmlNewChild(root, NULL, (const xmlChar *)"column", NULL);
	copy_attrs(col, node);
	xml_attr(col, "kind", (const char *)node->name);
	/* The path from the domain down, for the breadcrumb. */
	xmlNodePtr path = xmlNewChild(col, NULL, (const xmlChar *)"path", NULL);
	xmlNodePtr chain[16];
	size_t depth = 0;
	for (xmlNodePtr n = node; n != NULL && n->type == XML_ELEMENT_NODE && depth < 16; n = n->parent)
		if (xmlStrEqual(n->name, (const xmlChar *)"domain") || xmlStrEqual(n->name, (const xmlChar *)"category"))
			chain[depth++] = n;
	while (depth > 0) {
		xmlNodePtr step = xmlNewChild(path, NULL, (const xmlChar *)"step", NULL);
		copy_attrs(step, chain[--depth]);
	}
	/* Units, notes, items and sub-categories of this column (one level). */
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(c->name, (const xmlChar *)"category")) {
			xmlNodePtr sub = xmlNewChild(col, NULL, (const xmlChar *)"sub", NULL);
			copy_attrs(sub, c);
		} else {
			xmlAddChild(col, xmlDocCopyNode(c, doc, 1));
		}
	}
	notice_list_xml(req, root, &list);
	return render(req, doc, "column");
}
