/* /xxgk/ — the sites this install serves (the demo's landing page), each with the catalog it
 * follows, named as the catalog names itself. */
#include "notices/catalog.h"
#include "server/handlers.h"
#include "core/render.h"

enum xerr page_sites(struct request *req)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT site_key, name, variant, org_code FROM sites ORDER BY id LIMIT 500", "");
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "sites", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"sites", NULL);
	static const char *const cols[] = {"key", "name", "variant", "org-code"};
	for (size_t i = 0; i < r.nrows; i++) {
		xmlNodePtr sn = xml_add_row(list, "site", r.rows[i], cols, FIELDS_OF(cols));
		xmlDocPtr catalog = app_catalog(req->app, r.rows[i][2]);
		char *jurisdiction = catalog ? catalog_attr(xmlDocGetRootElement(catalog), "jurisdiction") : NULL;
		xml_attr(sn, "catalog-of", jurisdiction);
		xmlFree(jurisdiction);
	}
	return render(req, doc, "sites");
}
