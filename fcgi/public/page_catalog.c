/* /xxgk/{site}/catalog — the catalog itself (目录), posted as the site's document requires: every
 * domain, category and content item with its time limit, manner, channels and units. The page
 * depends on the variant's catalog alone, which is loaded once; the page cache keeps it. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "core/render.h"

/* Each category of the page's copy gets its name as a label (render.h: where a long one may
 * break); the catalog loaded once stays as the file has it. */
static void category_labels(xmlNodePtr node)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(c->name, (const xmlChar *)"category")) {
			xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
			xml_attr_label(c, "label", (const char *)name);
			xmlFree(name);
		}
		category_labels(c);
	}
}

enum xerr page_catalog(struct request *req)
{
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "catalog", &root);
	catalog_nav(root, catalog, 1); /* the navigation reads the domains only */
	xmlNodePtr whole = xmlNewChild(root, NULL, (const xmlChar *)"directory", NULL);
	category_labels(xmlAddChild(whole, xmlDocCopyNode(xmlDocGetRootElement(catalog), doc, 1)));
	return render(req, doc, "catalog");
}
