/* /xxgk/{site}/ — the column home: the variant's domain tree and the latest notices. */
#include "catalog.h"
#include "handlers.h"
#include "notice_list.h"
#include "render.h"

enum xerr page_home(struct request *req)
{
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	xmlNodePtr root;
	xmlDocPtr doc = page_new(req, "home", &root);
	catalog_nav(root, catalog, 2); /* the domains and their categories */
	xmlNodePtr latest = xmlNewChild(root, NULL, (const xmlChar *)"latest", NULL);
	req->query.n = 0; /* the home page is not paged */
	enum xerr e = notice_list(req, latest, NULL, 10);
	if (e != XE_OK)
		return e;
	return render(req, doc, "home");
}
