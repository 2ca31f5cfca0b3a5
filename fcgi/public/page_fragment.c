/* /xxgk/{site}/fragment/{code}.html?n=N — the latest N (1..50, default 10) notices of a column
 * as a bare <ul> (no <html>, no layout) for a CMS page to include with SSI
 * (<!--#include virtual="..." -->) or with xslt/static/embed.js. Made by xslt/fragment.xsl;
 * errors are small fragments too (with the right status), never a whole page inside a page.
 * Links are site-relative ("/xxgk/lincang/n/12"): right on the CMS's own host (SSI, or a proxied
 * /xxgk/), and embed.js resolves them against the fragment's address when it comes from
 * elsewhere; so the fragment does not depend on the Host header at all. */
#include "notices/catalog.h"
#include "core/exchange.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>

enum field { F_N, F__N };
static const struct field_spec fields[F__N] = {
	[F_N] = {"n", FT_INT, false, 10, 1, 50, NULL, "条数"},
};

static enum xerr fragment_error(struct request *req, xmlDocPtr doc, xmlNodePtr root, enum xerr e, const char *message)
{
	xmlNodePtr err = xml_add(root, "fragment-error", message);
	xml_attr_int(err, "status", xerr_status(e));
	req->status = xerr_status(e);
	return render(req, doc, "fragment");
}

enum xerr page_fragment(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "fragment", &root);
	const char *arg = req->path_args[0];
	size_t len = strlen(arg);
	if (len <= 5 || strcmp(arg + len - 5, ".html") != 0)
		return fragment_error(req, doc, root, XE_NOT_FOUND, "没有这个栏目。");
	const char *code = pool_strndup(req->pool, arg, len - 5);
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr column = catalog ? catalog_find(catalog, code) : NULL;
	if (column == NULL)
		return fragment_error(req, doc, root, XE_NOT_FOUND, "没有这个栏目。");
	struct field_value v[F__N];
	struct field_error fe;
	if (!form_parse(req->pool, &req->query, fields, v, &fe))
		return fragment_error(req, doc, root, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", fe.label, fe.message));
	long long n = v[F_N].text ? v[F_N].num : 10;

	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT notice_id, title, DATE_FORMAT(published_at, '%Y-%m-%d') FROM notice_columns "
	                       "WHERE site_id = ? AND column_code = ? ORDER BY published_at DESC, notice_id DESC LIMIT ?",
	                       "isi", req->site->id, code, n);
	if (e != XE_OK)
		return e;
	xmlNodePtr fr = xmlNewChild(root, NULL, (const xmlChar *)"fragment", NULL);
	char *name = catalog_attr(column, "name");
	xml_attr(fr, "name", name);
	xmlFree(name);
	xml_attr(fr, "code", code);
	xml_attr(fr, "url", pool_printf(req->pool, "%sc/%s", site_base(req), code));
	for (size_t i = 0; i < r.nrows; i++) {
		xmlNodePtr it = xml_add(fr, "notice", r.rows[i][1]);
		xml_attr(it, "url", pool_printf(req->pool, "%sn/%s", site_base(req), r.rows[i][0]));
		xml_attr(it, "date", r.rows[i][2]);
	}
	exchange_public(req);
	return render(req, doc, "fragment");
}
