/* xxgkctl report compliance: the compliance report of a site or a body for a period
 * (notices/compliance.h) as text, HTML, CSV or XLSX. */
#include "ctl/ctl.h"
#include "core/render.h"
#include "core/site.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "notices/compliance.h"
#include <stdio.h>
#include <string.h>

enum cformat { CF_TEXT, CF_HTML, CF_CSV, CF_XLSX };

static void text_report(struct buf *b, const struct cp_report *r)
{
	buf_printf(b, "%s %s 公开情况自查报告（%s，%s 至 ",
	           r->site->name, r->body ? r->body : "", r->period.zh, r->period.code);
	char d[11];
	format_date(r->period.last, d);
	buf_printf(b, "%s）\n", d);
	const struct cp_totals *t = &r->t;
	buf_printf(b, "应公开类别 %lld  本期无信息 %lld  发布信息 %lld  缺少内容项 %lld  逾期公开 %lld  逾期未公开 %lld  "
	              "推送已送达 %lld  未送达 %lld\n",
	           t->categories, t->empty, t->published, t->incomplete, t->late, t->overdue, t->pushes_sent,
	           t->pushes_waiting);
	buf_puts(b, "\n本期无信息的应公开类别：\n");
	for (size_t i = 0; i < r->ncategories; i++)
		if (r->categories[i].published == 0)
			buf_printf(b, "  %s %s\n", r->categories[i].code, r->categories[i].path);
	buf_puts(b, "\n缺少必填内容项的信息：\n");
	for (size_t i = 0; i < r->nincomplete; i++)
		buf_printf(b, "  %lld %s（%s）缺少：%s\n", r->incomplete[i].id, r->incomplete[i].title,
		           r->incomplete[i].category_code, r->incomplete[i].missing);
	buf_puts(b, "\n逾期的信息：\n");
	for (size_t i = 0; i < r->nlate; i++) {
		const struct tl_notice *n = r->late[i].tl;
		format_date(n->ev.due, d);
		buf_printf(b, "  %lld %s（%s）%s，应公开日期 %s，%s%d个工作日\n", n->id, n->title, n->category_code,
		           timeliness_status_zh(n->ev.status), d, n->ev.status == TL_LATE ? "逾期" : "已逾期", n->ev.late_by);
	}
	buf_puts(b, "\n未送达交易平台的推送：\n");
	for (size_t i = 0; i < r->nwaiting; i++)
		buf_printf(b, "  %lld %s %s → %s，尝试%lld次 %s\n", r->waiting[i].notice_id, r->waiting[i].title,
		           r->waiting[i].event, r->waiting[i].endpoint, r->waiting[i].attempts,
		           r->waiting[i].last_error ? r->waiting[i].last_error : "");
}

static void free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

static bool html_report(struct ctl *ctx, struct pool *p, const struct site *site, const struct cp_report *r,
                        struct buf *out)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	pool_defer(p, free_doc, doc);
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, root);
	char t[11];
	format_date(r->today, t);
	xml_attr(root, "name", "report-compliance");
	xml_attr(root, "prefix", ctx->app.prefix);
	xml_attr(root, "static", ctx->app.static_url);
	xml_attr(root, "today", t);
	xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"site", NULL);
	xml_attr(sn, "key", site->key);
	xml_attr(sn, "name", site->name);
	xml_attr(sn, "variant", site->variant);
	xml_attr(sn, "org-code", site->org_code);
	xml_attr(sn, "domain", site->domain);
	xml_attr(sn, "look", site->look);
	xml_attr(sn, "base", pool_printf(p, "%s/%s/", ctx->app.prefix, site->key));
	compliance_report_xml(root, r);
	return render_to(&ctx->app, p, doc, "report_compliance", out, NULL) == XE_OK;
}

static bool parse_args(struct ctl *ctx, enum cformat *format, struct cp_period *period, int32_t *today)
{
	const char *f = ctl_opt(ctx, "--format"), *per = ctl_opt(ctx, "--period"), *t = ctl_opt(ctx, "--today");
	static const char *const names[] = {[CF_TEXT] = "text", [CF_HTML] = "html", [CF_CSV] = "csv", [CF_XLSX] = "xlsx"};
	*format = CF_TEXT;
	for (int i = 0; f != NULL && i < 4; i++)
		if (strcmp(f, names[i]) == 0)
			*format = (enum cformat)i;
	if (f != NULL && strcmp(f, names[*format]) != 0) {
		fputs("xxgkctl report compliance: --format is text, html, csv or xlsx\n", stderr);
		return false;
	}
	if (!compliance_period_parse(per, period)) {
		fputs("xxgkctl report compliance: --period is a month, quarter, half-year or year: 2026-11, 2026-Q4, "
		      "2026-H2 or 2026\n",
		      stderr);
		return false;
	}
	*today = today_local();
	if (t != NULL && !parse_date(t, today)) {
		fputs("xxgkctl report compliance: --today is a date (YYYY-MM-DD)\n", stderr);
		return false;
	}
	return true;
}

int ctl_report_compliance(struct ctl *ctx)
{
	enum cformat format;
	struct cp_period period;
	int32_t today;
	if (!parse_args(ctx, &format, &period, &today))
		return 2;
	/* The stylesheets before the database, which loads the configuration without them. */
	if (!ctl_app(ctx, format == CF_HTML))
		return 1;
	const char *key = ctl_opt(ctx, "--site"), *body = ctl_opt(ctx, "--body");
	struct db *db = key ? ctl_db(ctx) : NULL;
	if (db == NULL) {
		fputs(key ? "" : "xxgkctl report compliance: --site SITE is needed\n", stderr);
		return key ? 1 : 2;
	}
	struct pool *p = pool_new();
	struct buf out;
	buf_init(&out);
	struct calendar *cal = NULL;
	struct site site;
	struct cp_report r;
	int rc = 0;
	enum xerr e = site_by_key(db, p, NULL, key, &site);
	if (e == XE_OK)
		e = calendar_load(db, &cal);
	if (e == XE_OK)
		e = compliance_report(db, p, &ctx->app, &site, cal, body, &period, today, &r);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl report compliance: %s\n", e == XE_NOT_FOUND ? "no such site" : db_error(db));
		rc = e == XE_NOT_FOUND ? 2 : 1;
	} else if (format == CF_TEXT) {
		text_report(&out, &r);
	} else if (format == CF_CSV) {
		compliance_report_csv(&out, &r);
	} else if (format == CF_XLSX ? !compliance_report_xlsx(&out, &r) : !html_report(ctx, p, &site, &r, &out)) {
		fputs("xxgkctl report compliance: the report could not be written\n", stderr);
		rc = 1;
	}
	if (rc == 0)
		fwrite(out.data, 1, out.len, stdout);
	calendar_free(cal);
	buf_free(&out);
	pool_free(p);
	return rc;
}
