/* /xxgk/{site}/catalog — the catalog itself (目录), posted as the site's document requires: every
 * domain, category and content item with its time limit, manner, channels and units. The page
 * depends on the variant's catalog alone, which is loaded once; the page cache keeps it. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "core/render.h"

enum xerr page_catalog(struct request *req)
{
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "catalog", &root);
	catalog_nav(root, catalog, 1); /* the navigation reads the domains only */
	xmlNodePtr whole = xmlNewChild(root, NULL, (const xmlChar *)"directory", NULL);
	xmlAddChild(whole, xmlDocCopyNode(xmlDocGetRootElement(catalog), doc, 1));
	return render(req, doc, "catalog");
}
