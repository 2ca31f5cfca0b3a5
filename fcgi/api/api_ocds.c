/* GET /xxgk/{site}/api/ocds.json?from=YYYY-MM-DD&to=YYYY-MM-DD[&limit=N&after=CURSOR] — the
 * site's procurement notices published in the period as an OCDS 1.1 release package (fcgi/ocds.c),
 * oldest first, at most `limit` (1..1000, default 100) notices a page; links.next continues. */
#include "server/handlers.h"
#include "notices/ocds.h"
#include "core/render.h"
#include "core/text.h"

static const struct field_spec ocds_fields[] = {
	{"from", FT_DATE, false, 10, 0, 0, NULL, "起始日期"},
	{"to", FT_DATE, false, 10, 0, 0, NULL, "截止日期"},
	{"after", FT_LINE, false, 40, 0, 0, NULL, "分页位置"},
	{"limit", FT_INT, false, 10, 1, 1000, NULL, "每页条数"},
};

enum xerr api_ocds(struct request *req)
{
	const char *v[4];
	struct field_error fe;
	if (!form_validate(req->pool, &req->query, ocds_fields, 4, v, &fe)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s", fe.label, fe.message), fe.field);
		return XE_OK;
	}
	int32_t from_d = 0, to_d = 0;
	if (v[0] != NULL && v[1] != NULL && parse_date(v[0], &from_d) && parse_date(v[1], &to_d) && to_d < from_d) {
		respond_error(req, XE_BAD_REQUEST, "截止日期不能早于起始日期", "to");
		return XE_OK;
	}
	long long limit = 100;
	if (v[3] != NULL && !parse_int(v[3], 1, 1000, &limit)) {
		respond_error(req, XE_BAD_REQUEST, "每页条数应为1到1000之间的整数", "limit");
		return XE_OK;
	}
	struct ocds_export x = {
		.app = req->app,
		.db = req->db,
		.p = req->pool,
		.site = req->site,
		.origin = exchange_origin(req),
		.prefix = req->app->prefix,
		.ocid_prefix = ocds_ocid_prefix(&req->app->cfg),
		.from = v[0],
		.to = v[1],
		.limit = limit,
	};
	if (v[2] != NULL && !cursor_parse(req->pool, v[2], &x.after_when, &x.after_id)) {
		respond_error(req, XE_BAD_REQUEST, "分页位置格式有误（应为 links.next 中的 after）", "after");
		return XE_OK;
	}
	/* The package's own address, rebuilt from the validated parameters only. */
	struct buf q;
	buf_init(&q);
	if (v[0] != NULL)
		buf_printf(&q, "from=%s&", v[0]);
	if (v[1] != NULL)
		buf_printf(&q, "to=%s&", v[1]);
	buf_printf(&q, "limit=%lld", limit);
	const char *query = pool_strdup(req->pool, buf_cstr(&q));
	buf_free(&q);
	const char *uri = exchange_url(req, pool_printf(req->pool, "api/ocds.json?%s%s%s", query, v[2] ? "&after=" : "",
	                                                v[2] ? v[2] : ""));

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
