/* GET /xxgk/{site}/api/ocds.json?from=YYYY-MM-DD&to=YYYY-MM-DD[&limit=N&after=CURSOR] — the
 * site's procurement notices published in the period as an OCDS 1.1 release package (notices/ocds.c),
 * oldest first, at most `limit` (1..1000, default 100) notices a page; links.next continues. */
#include "server/handlers.h"
#include "notices/ocds.h"
#include "core/render.h"
#include "core/text.h"

enum field { F_FROM, F_TO, F_AFTER, F_LIMIT, F__N };
static const struct field_spec fields[F__N] = {
	[F_FROM] = {"from", FT_DATE, false, 10, 0, 0, NULL, "起始日期"},
	[F_TO] = {"to", FT_DATE, false, 10, 0, 0, NULL, "截止日期"},
	[F_AFTER] = {"after", FT_LINE, false, 40, 0, 0, NULL, "分页位置"},
	[F_LIMIT] = {"limit", FT_INT, false, 10, 1, 1000, NULL, "每页条数"},
};

enum xerr api_ocds(struct request *req)
{
	struct field_value v[F__N];
	struct field_error fe;
	if (!form_parse(req->pool, &req->query, fields, v, &fe)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s", fe.label, fe.message), fe.field);
		return XE_OK;
	}
	const char *from = v[F_FROM].text, *to = v[F_TO].text, *after = v[F_AFTER].text;
	if (from != NULL && to != NULL && v[F_TO].num < v[F_FROM].num) {
		respond_error(req, XE_BAD_REQUEST, "截止日期不能早于起始日期", "to");
		return XE_OK;
	}
	long long limit = v[F_LIMIT].text ? v[F_LIMIT].num : 100;
	struct ocds_export x = {
		.app = req->app,
		.db = req->db,
		.p = req->pool,
		.site = req->site,
		.origin = exchange_origin(req),
		.prefix = req->app->prefix,
		.ocid_prefix = ocds_ocid_prefix(&req->app->cfg),
		.from = from,
		.to = to,
		.limit = limit,
	};
	if (after != NULL && !cursor_parse(req->pool, after, &x.after_when, &x.after_id)) {
		respond_error(req, XE_BAD_REQUEST, "分页位置格式有误（应为 links.next 中的 after）", "after");
		return XE_OK;
	}
	/* The package's own address, rebuilt from the validated parameters only. */
	struct buf q;
	buf_init(&q);
	if (from != NULL)
		buf_printf(&q, "from=%s&", from);
	if (to != NULL)
		buf_printf(&q, "to=%s&", to);
	buf_printf(&q, "limit=%lld", limit);
	const char *query = pool_strdup(req->pool, buf_cstr(&q));
	buf_free(&q);
	const char *uri = exchange_url(req, pool_printf(req->pool, "api/ocds.json?%s%s%s", query, after ? "&after=" : "",
	                                                after ? after : ""));

	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	ocds_package_begin(&w, &x, uri);
	size_t written;
	bool more;
	enum xerr e = ocds_releases(&x, &w, &written, &more);
	if (e != XE_OK) {
		buf_free(&b);
		return e;
	}
	const char *next = NULL;
	if (more) {
		const char *cursor = cursor_make(req->pool, x.after_when, pool_printf(req->pool, "%lld", x.after_id));
		next = exchange_url(req, pool_printf(req->pool, "api/ocds.json?%s&after=%s", query, cursor));
	}
	ocds_package_end(&w, next);
	buf_putc(&b, '\n');
	exchange_public(req);
	respond_json(req, 200, &b);
	return XE_OK;
}
