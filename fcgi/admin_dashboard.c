/* /admin/: the figures that matter, drawn as SVG by the stylesheet: notices published per month
 * and per domain, drafts waiting, and the disclosure requests (when that table exists). */
#include "catalog.h"
#include "handlers.h"
#include "render.h"
#include <string.h>

enum xerr admin_dashboard(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = page_new(req, "admin-dashboard", &root);
	xmlNodePtr dash = xmlNewChild(root, NULL, (const xmlChar *)"dashboard", NULL);
	struct db_result r;
	/* Published per month, the last twelve months (months with none included as zero). */
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DATE_FORMAT(m.month, '%Y-%m'), COUNT(n.id) FROM "
	                       "(SELECT DATE_FORMAT(CURDATE() - INTERVAL k MONTH, '%Y-%m-01') AS month FROM "
	                       " (SELECT 0 k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
	                       "  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL "
	                       "  SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11) ks) m "
	                       "LEFT JOIN notices n ON n.site_id = ? AND n.status = 'published' "
	                       " AND n.published_at >= m.month AND n.published_at < m.month + INTERVAL 1 MONTH "
	                       "GROUP BY m.month ORDER BY m.month",
	                       "i", req->site->id);
	if (e != XE_OK)
		return e;
	xmlNodePtr months = xmlNewChild(dash, NULL, (const xmlChar *)"per-month", NULL);
	static const char *const mcols[] = {"month", "count"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(months, "m", r.rows[i], mcols, 2);
	/* Published per domain, named in the variant's wording. */
	e = db_query(req->db, req->pool, &r,
	             "SELECT domain_code, COUNT(*) FROM notices WHERE site_id = ? AND status = 'published' "
	             "GROUP BY domain_code ORDER BY domain_code",
	             "i", req->site->id);
	if (e != XE_OK)
		return e;
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr domains = xmlNewChild(dash, NULL, (const xmlChar *)"per-domain", NULL);
	for (size_t i = 0; i < r.nrows; i++) {
		xmlNodePtr d = xmlNewChild(domains, NULL, (const xmlChar *)"d", NULL);
		xml_attr(d, "code", r.rows[i][0]);
		xml_attr(d, "count", r.rows[i][1]);
		xmlNodePtr node = catalog ? catalog_find(catalog, r.rows[i][0]) : NULL;
		char *name = node ? catalog_attr(node, "name") : NULL;
		xml_attr(d, "name", name ? name : r.rows[i][0]);
		xmlFree(name);
	}
	e = db_query(req->db, req->pool, &r,
	             "SELECT SUM(status = 'draft'), SUM(status = 'pending'), SUM(status = 'published'), "
	             "SUM(status = 'withdrawn') FROM notices WHERE site_id = ?",
	             "i", req->site->id);
	if (e != XE_OK)
		return e;
	static const char *const scols[] = {"draft", "pending", "published", "withdrawn"};
	xml_add_row(dash, "notices", r.rows[0], scols, 4);
	return render(req, doc, "admin_dashboard");
}
