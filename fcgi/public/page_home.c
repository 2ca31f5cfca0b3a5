/* /xxgk/{site}/ — the column home: the variant's domain tree and the latest notices. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "notices/notice_list.h"
#include "core/render.h"

enum xerr page_home(struct request *req)
{
	req->query.n = 0; /* the home page is not paged */
	/* The latest notices first: their statement loads the site too (R_SITE_JOINED). */
	struct notice_page list;
	enum xerr e = notice_list_read(req, NULL, 10, &list);
	if (e != XE_OK)
		return e;
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "home", &root);
	catalog_nav(root, catalog, 2); /* the domains and their categories */
	xmlNodePtr latest = xmlNewChild(root, NULL, (const xmlChar *)"latest", NULL);
	notice_list_xml(req, latest, &list);
	return render(req, doc, "home");
}
