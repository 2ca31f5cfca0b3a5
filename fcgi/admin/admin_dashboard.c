/* /admin/: the figures that matter, drawn as SVG by the stylesheet: notices published per month
 * and per domain, drafts waiting, and the disclosure requests (when that table exists). */
#include "core/calendar.h"
#include "notices/catalog.h"
#include "notices/compliance.h"
#include "core/text.h"
#include "notices/timeliness.h"
#include "server/handlers.h"
#include "core/render.h"
#include <string.h>

/* Published per month, the last twelve months (months with none included as zero). */
static enum xerr per_month(struct request *req, xmlNodePtr dash)
{
	struct db_result r;
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
		xml_add_row(months, "m", r.rows[i], mcols, FIELDS_OF(mcols));
	return XE_OK;
}

/* Published per domain, named in the variant's wording. */
static enum xerr per_domain(struct request *req, xmlNodePtr dash)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
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
	return XE_OK;
}

static enum xerr notice_counts(struct request *req, xmlNodePtr dash)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT SUM(status = 'draft'), SUM(status = 'pending'), SUM(status = 'published'), "
	                       "SUM(status = 'withdrawn') FROM notices WHERE site_id = ?",
	                       "i", req->site->id);
	if (e != XE_OK)
		return e;
	static const char *const scols[] = {"draft", "pending", "published", "withdrawn"};
	xml_add_row(dash, "notices", r.rows[0], scols, FIELDS_OF(scols));
	return XE_OK;
}

/* Requests: received this year, answered this year, open; due soon and overdue by the calendar. */
static enum xerr request_counts(struct request *req, const struct calendar *cal, xmlNodePtr dash)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT SUM(YEAR(r.received_on) = YEAR(CURDATE())), SUM(YEAR(r.answered_on) = YEAR(CURDATE())), "
	                       "SUM(r.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn')) FROM requests r "
	                       "WHERE r.site_id = ?",
	                       "i", req->site->id);
	if (e != XE_OK)
		return e;
	xmlNodePtr rq = xmlNewChild(dash, NULL, (const xmlChar *)"requests", NULL);
	xml_attr(rq, "received", r.rows[0][0] ? r.rows[0][0] : "0");
	xml_attr(rq, "answered", r.rows[0][1] ? r.rows[0][1] : "0");
	xml_attr(rq, "open", r.rows[0][2] ? r.rows[0][2] : "0");
	e = db_query(req->db, req->pool, &r,
	             "SELECT DATEDIFF(d.due_on, '1970-01-01') FROM requests q JOIN deadlines d ON d.id = q.reply_deadline_id "
	             "WHERE q.site_id = ? AND d.is_open = 1 AND q.status NOT IN ('answered', 'closed', 'abandoned', 'withdrawn')",
	             "i", req->site->id);
	if (e != XE_OK)
		return e;
	long long soon = 0, overdue = 0;
	for (size_t i = 0; i < r.nrows; i++) {
		int32_t due = (int32_t)strtol(r.rows[i][0], NULL, 10);
		if (req->today > due)
			overdue++;
		else if (cal_between(cal, req->today, due, NULL, 0, NULL) <= 5)
			soon++;
	}
	xml_attr_int(rq, "soon", soon);
	xml_attr_int(rq, "overdue", overdue);
	return XE_OK;
}

/* The on-time rate of proactive disclosure, last month (due then, judged today). */
static enum xerr on_time(struct request *req, const struct calendar *cal, xmlNodePtr dash)
{
	int y;
	unsigned m, d;
	civil_from_days(req->today, &y, &m, &d);
	if (m == 1) {
		y--;
		m = 12;
	} else {
		m--;
	}
	struct tl_report tr;
	enum xerr e = timeliness_report(req->db, req->pool, req->app, req->site, cal, y, (int)m, req->today, &tr);
	if (e != XE_OK)
		return e;
	xmlNodePtr ot = xmlNewChild(dash, NULL, (const xmlChar *)"on-time", NULL);
	xml_attr(ot, "month", pool_printf(req->pool, "%04d-%02u", y, m));
	xml_attr_int(ot, "on-time", tr.all.on_time);
	xml_attr_int(ot, "late", tr.all.late);
	xml_attr_int(ot, "overdue", tr.all.overdue);
	long long judged = tr.all.on_time + tr.all.late + tr.all.overdue;
	if (judged > 0)
		xml_attr_int(ot, "percent", (tr.all.on_time * 100 + judged / 2) / judged);
	return XE_OK;
}

enum xerr admin_dashboard(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-dashboard", &root);
	xmlNodePtr dash = xmlNewChild(root, NULL, (const xmlChar *)"dashboard", NULL);
	/* The gaps first: required categories with nothing published, pushes not delivered. */
	enum xerr e = compliance_gaps_xml(req->db, req->pool, req->app, req->site, dash);
	if (e == XE_OK)
		e = per_month(req, dash);
	if (e == XE_OK)
		e = per_domain(req, dash);
	if (e == XE_OK)
		e = notice_counts(req, dash);
	if (e != XE_OK)
		return e;
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	e = request_counts(req, cal, dash);
	if (e == XE_OK)
		e = on_time(req, cal, dash);
	if (e != XE_OK)
		return e;
	return render(req, doc, "admin_dashboard");
}
