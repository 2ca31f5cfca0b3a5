/* xxgkctl notices … and xxgkctl report …: what staff check every month. Each command has a table
 * of subcommands; a new one is a function and a line in its table. */
#include "ysqgk/ysqgk_annual_report.h"
#include "core/body.h"
#include "core/calendar.h"
#include "notices/completeness.h"
#include "ctl/ctl.h"
#include "notices/import.h"
#include "core/render.h"
#include "core/text.h"
#include "notices/timeliness.h"
#include <stdio.h>
#include <string.h>

struct ctl_sub {
	const char *name;
	int (*fn)(struct ctl *ctx);
	const char *usage; /* the lines `--help` prints for it */
};

/* Runs the subcommand named by the first argument, or prints the usage. */
static int run_sub(struct ctl *ctx, const char *command, const char *about, const struct ctl_sub *subs, size_t n)
{
	const char *sub = ctl_arg(ctx, 0);
	bool help = ctl_flag(ctx, "--help") || ctl_flag(ctx, "-h");
	for (size_t i = 0; i < n && sub != NULL; i++)
		if (strcmp(subs[i].name, sub) == 0 && !help)
			return subs[i].fn(ctx);
	FILE *f = help ? stdout : stderr;
	fprintf(f, "usage: xxgkctl %s SUBCOMMAND [OPTIONS]\n%s\n", command, about);
	for (size_t i = 0; i < n; i++)
		fputs(subs[i].usage, f);
	if (!help && sub != NULL)
		fprintf(stderr, "xxgkctl %s: unknown subcommand %s\n", command, sub);
	return help ? 0 : 2;
}

enum format { F_TEXT, F_CSV, F_HTML };

static bool get_format(struct ctl *ctx, const char *command, bool html_ok, enum format *out)
{
	const char *f = ctl_opt(ctx, "--format");
	*out = F_TEXT;
	if (f == NULL || strcmp(f, "text") == 0)
		return true;
	if (strcmp(f, "csv") == 0) {
		*out = F_CSV;
		return true;
	}
	if (html_ok && strcmp(f, "html") == 0) {
		*out = F_HTML;
		return true;
	}
	fprintf(stderr, "xxgkctl %s: --format is text%s or csv\n", command, html_ok ? ", html" : "");
	return false;
}

/* The --site option's site; prints why not and returns the exit code in *rc on failure. */
static bool get_site(struct ctl *ctx, struct pool *p, const char *command, struct db **db, struct site *site, int *rc)
{
	const char *key = ctl_opt(ctx, "--site");
	if (key == NULL) {
		fprintf(stderr, "xxgkctl %s: --site SITE is needed (xxgkctl site list)\n", command);
		*rc = 2;
		return false;
	}
	*db = ctl_db(ctx);
	if (*db == NULL) {
		*rc = 1;
		return false;
	}
	enum xerr e = site_by_key(*db, p, NULL, key, site);
	if (e == XE_NOT_FOUND) {
		fprintf(stderr, "xxgkctl %s: no site %s (xxgkctl site list)\n", command, key);
		*rc = 2;
		return false;
	}
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl %s: database: %s\n", command, db_error(*db));
		*rc = 1;
		return false;
	}
	return true;
}

/* ---- notices incomplete ---- */

struct incomplete_out {
	enum format format;
	struct buf b;
};

static bool incomplete_row(void *ctx, const struct completeness_row *row)
{
	struct incomplete_out *o = ctx;
	const struct completeness *c = row->c;
	struct buf *b = &o->b;
	if (o->format == F_CSV) {
		buf_printf(b, "%lld,", row->id);
		buf_csv_field(b, row->index_no);
		buf_putc(b, ',');
		buf_csv_field(b, strcmp(row->status, "draft") == 0 ? "草稿" : "已发布");
		buf_putc(b, ',');
		buf_csv_field(b, row->title);
		buf_putc(b, ',');
		buf_csv_field(b, c->category_code);
		buf_putc(b, ',');
		buf_csv_field(b, c->category_known ? c->category_path : "（不在本站目录中）");
		buf_printf(b, ",%zu,", c->nmissing);
		struct buf labels, codes;
		buf_init(&labels);
		buf_init(&codes);
		for (size_t i = 0; i < c->nmissing; i++) {
			buf_puts(&labels, i ? "；" : "");
			buf_puts(&labels, c->missing[i].label);
			buf_puts(&codes, i ? ";" : "");
			buf_puts(&codes, c->missing[i].code);
		}
		buf_csv_field(b, buf_cstr(&labels));
		buf_putc(b, ',');
		buf_csv_field(b, buf_cstr(&codes));
		buf_puts(b, "\r\n");
		buf_free(&labels);
		buf_free(&codes);
	} else {
		buf_printf(b, "%lld  %s  %s  %s\n", row->id, row->index_no ? row->index_no : "（未发布，无索引号）",
		           strcmp(row->status, "draft") == 0 ? "草稿" : "已发布", row->title);
		if (!c->category_known) {
			buf_printf(b, "    信息类别：%s（不在本站目录中，无法核对公开内容）\n", c->category_code);
		} else {
			buf_printf(b, "    信息类别：%s（%s）\n", c->category_path, c->category_code);
			buf_printf(b, "    缺少 %zu 项（共 %zu 项）：", c->nmissing, c->nrequired);
			for (size_t i = 0; i < c->nmissing; i++)
				buf_printf(b, "%s%s", i ? "；" : "", c->missing[i].label);
			buf_putc(b, '\n');
		}
	}
	/* Write as we go: a large site's list does not pile up in memory. */
	if (b->len > 65536) {
		fwrite(b->data, 1, b->len, stdout);
		b->len = 0;
	}
	return true;
}

static int notices_incomplete(struct ctl *ctx)
{
	struct pool *p = pool_new();
	struct incomplete_out o;
	buf_init(&o.b);
	struct db *db = NULL;
	struct site site;
	int rc = 0;
	long long n = 0;
	if (!get_format(ctx, "notices incomplete", false, &o.format)) {
		rc = 2;
		goto done;
	}
	if (!get_site(ctx, p, "notices incomplete", &db, &site, &rc))
		goto done;
	if (o.format == F_CSV)
		buf_puts(&o.b, "编号,索引号,状态,标题,类别代码,信息类别,缺少项数,缺少的公开内容,缺少项代码\r\n");
	if (completeness_scan(db, &ctx->app, &site, incomplete_row, &o, &n) != XE_OK) {
		fprintf(stderr, "xxgkctl notices incomplete: database: %s\n", db_error(db));
		rc = 1;
		goto done;
	}
	if (o.format == F_TEXT)
		buf_printf(&o.b, "%s%s（%s）：%lld 条草稿或已发布的信息缺少应公开的内容项\n", n ? "\n" : "", site.name, site.key,
		           n);
	fwrite(o.b.data, 1, o.b.len, stdout);
done:
	buf_free(&o.b);
	pool_free(p);
	return rc;
}

static const struct ctl_sub notices_subs[] = {
	{"incomplete", notices_incomplete,
	 "  incomplete --site SITE [--format text|csv]\n"
	 "      every draft or published notice of SITE that lacks content items its category\n"
	 "      requires in the site's catalog variant (an item with no value, or only white\n"
	 "      space): id, 索引号, title, category, and the missing items in the variant's wording.\n"},
};

int ctl_notices(struct ctl *ctx)
{
	return run_sub(ctx, "notices", "Checks on the notices of a site.", notices_subs,
	               sizeof notices_subs / sizeof notices_subs[0]);
}

/* ---- report timeliness ---- */

static void text_counts(struct buf *b, const struct tl_counts *c)
{
	buf_printf(b, "应公开 %lld  按时公开 %lld  逾期公开 %lld（逾期工作日合计 %lld，最多 %lld）  即将到期 %lld  逾期未公开 %lld"
	              "  未到期 %lld",
	           c->total, c->on_time, c->late, c->late_days, c->late_max, c->due_soon, c->overdue, c->pending);
	if (c->provisional)
		buf_printf(b, "  应公开日期暂定 %lld", c->provisional);
	buf_putc(b, '\n');
}

static void text_report(struct buf *b, const struct site *site, const struct tl_report *r)
{
	char first[11], last[11], today[11];
	format_date(r->first, first);
	format_date(r->last, last);
	format_date(r->today, today);
	buf_printf(b, "主动公开时效报告：%s（%s），%d年%d月\n", site->name, site->key, r->year, r->month);
	buf_printf(b, "范围：应公开日期在 %s 至 %s 之间的信息（草稿和已发布），按 %s 的情况判断。\n", first, last, today);
	buf_puts(b, "时限：自信息形成或变更之日起20个工作日内公开；行政许可、行政处罚决定7个工作日内公开。\n\n");
	buf_puts(b, "合计  ");
	text_counts(b, &r->all);
	buf_puts(b, "\n按发布机构\n");
	for (size_t i = 0; i < r->nbodies; i++) {
		buf_printf(b, "  %s  ", r->bodies[i].name);
		text_counts(b, &r->bodies[i].n);
	}
	buf_puts(b, "\n按领域\n");
	for (size_t i = 0; i < r->ndomains; i++) {
		buf_printf(b, "  %s %s  ", r->domains[i].key, r->domains[i].name);
		text_counts(b, &r->domains[i].n);
	}
	buf_puts(b, "\n逾期及即将到期的信息\n");
	size_t listed = 0;
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct tl_notice *t = &r->notices[i];
		if (t->ev.status == TL_ON_TIME || t->ev.status == TL_PENDING)
			continue;
		char formed[11], due[11], pub[11] = "";
		format_date(t->formed, formed);
		format_date(t->ev.due, due);
		if (t->published != TL_NOT_PUBLISHED)
			format_date(t->published, pub);
		buf_printf(b, "  编号 %lld  %s", t->id, timeliness_status_zh(t->ev.status));
		if (t->ev.status == TL_LATE && t->ev.late_by == 0)
			buf_puts(b, " 在应公开日期后的休息日发布（不足1个工作日）");
		else if (t->ev.status == TL_LATE)
			buf_printf(b, " %d个工作日", t->ev.late_by);
		else if (t->ev.status == TL_OVERDUE)
			buf_printf(b, " 已逾期%d个工作日", t->ev.late_by);
		else
			buf_printf(b, " 还剩%d个工作日", t->ev.days_left);
		buf_printf(b, "  成文 %s", formed);
		if (t->changed != TL_NOT_PUBLISHED) {
			char changed[11];
			format_date(t->changed, changed);
			buf_printf(b, "  变更 %s", changed);
		}
		buf_printf(b, "  时限 %d个工作日  应公开 %s%s", t->limit_days, due, t->ev.provisional ? "（暂定）" : "");
		if (*pub)
			buf_printf(b, "  发布 %s", pub);
		buf_printf(b, "  %s  %s\n", t->issuer, t->title);
		listed++;
	}
	if (listed == 0)
		buf_puts(b, "  （无）\n");
}

static void free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

static int report_timeliness(struct ctl *ctx)
{
	const char *cmd = "report timeliness";
	struct pool *p = pool_new();
	struct buf out;
	buf_init(&out);
	struct calendar *cal = NULL;
	struct db *db = NULL;
	struct site site;
	struct tl_report r;
	enum format format;
	int rc = 0;
	const char *month = ctl_opt(ctx, "--month"), *today_s = ctl_opt(ctx, "--today");
	int32_t first, today = today_local();
	int y;
	unsigned m, d;
	if (!get_format(ctx, cmd, true, &format)) {
		rc = 2;
		goto done;
	}
	if (month == NULL || strlen(month) != 7 || !parse_date(pool_printf(p, "%s-01", month), &first)) {
		fprintf(stderr, "xxgkctl %s: --month YYYY-MM is needed, e.g. --month 2024-10\n", cmd);
		rc = 2;
		goto done;
	}
	if (today_s != NULL && !parse_date(today_s, &today)) {
		fprintf(stderr, "xxgkctl %s: --today is a date (YYYY-MM-DD)\n", cmd);
		rc = 2;
		goto done;
	}
	civil_from_days(first, &y, &m, &d);
	/* The stylesheets are compiled only for HTML, and must be loaded before the database
	 * (which loads the configuration without them). */
	if (format == F_HTML && !ctl_app(ctx, true)) {
		rc = 1;
		goto done;
	}
	if (!get_site(ctx, p, cmd, &db, &site, &rc))
		goto done;
	if (calendar_load(db, &cal) != XE_OK ||
	    timeliness_report(db, p, &ctx->app, &site, cal, y, (int)m, today, &r) != XE_OK) {
		fprintf(stderr, "xxgkctl %s: database: %s\n", cmd, db_error(db));
		rc = 1;
		goto done;
	}
	if (format == F_TEXT) {
		text_report(&out, &site, &r);
	} else if (format == F_CSV) {
		timeliness_report_csv(&out, &r);
	} else {
		xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
		pool_defer(p, free_doc, doc);
		xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
		xmlDocSetRootElement(doc, root);
		char t[11];
		format_date(today, t);
		xml_attr(root, "name", "report-timeliness");
		xml_attr(root, "prefix", ctx->app.prefix);
		xml_attr(root, "static", ctx->app.static_url);
		xml_attr(root, "today", t);
		xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"site", NULL);
		xml_attr(sn, "key", site.key);
		xml_attr(sn, "name", site.name);
		xml_attr(sn, "variant", site.variant);
		xml_attr(sn, "org-code", site.org_code);
		xml_attr(sn, "domain", site.domain);
		xml_attr(sn, "look", site.look);
		xml_attr(sn, "base", pool_printf(p, "%s/%s/", ctx->app.prefix, site.key));
		timeliness_report_xml(root, &r);
		if (render_to(&ctx->app, p, doc, "report_timeliness", &out, NULL) != XE_OK) {
			fprintf(stderr, "xxgkctl %s: the stylesheet report_timeliness.xsl failed\n", cmd);
			rc = 1;
			goto done;
		}
	}
	fwrite(out.data, 1, out.len, stdout);
done:
	calendar_free(cal);
	buf_free(&out);
	pool_free(p);
	return rc;
}

/* The annual report's scope from --body NAME --site S, --site S, or --all; prints why not. */
static bool annual_scope(struct ctl *ctx, struct db *db, struct pool *p, struct ysqgk_annual_scope *out,
                         struct site *site)
{
	const char *key = ctl_opt(ctx, "--site"), *body = ctl_opt(ctx, "--body");
	if (ctl_flag(ctx, "--all") && key == NULL && body == NULL) {
		ysqgk_annual_scope_all(out);
		return true;
	}
	if (key == NULL || ctl_flag(ctx, "--all")) {
		fputs("xxgkctl report annual: one of --site SITE, --body BODY --site SITE, or --all\n", stderr);
		return false;
	}
	if (site_by_key(db, p, NULL, key, site) != XE_OK) {
		fprintf(stderr, "xxgkctl report annual: no site %s (xxgkctl site list)\n", key);
		return false;
	}
	if (body == NULL) {
		ysqgk_annual_scope_site(p, site->id, site->name, out);
		return true;
	}
	struct body b;
	if (body_named(db, p, site->id, body, &b) != XE_OK ||
	    ysqgk_annual_scope_body(db, p, site->id, b.id, out) != XE_OK) {
		fprintf(stderr, "xxgkctl report annual: site %s has no body %s (xxgkctl body list --site %s)\n", key, body, key);
		return false;
	}
	return true;
}

static bool annual_html(struct ctl *ctx, struct pool *p, const struct site *site, const struct ysqgk_annual_report *r,
                        struct buf *out)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	pool_defer(p, free_doc, doc);
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "name", "report-annual");
	xml_attr(root, "prefix", ctx->app.prefix);
	xml_attr(root, "static", ctx->app.static_url);
	if (r->scope.kind != ANNUAL_ALL) {
		xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"site", NULL);
		xml_attr(sn, "key", site->key);
		xml_attr(sn, "name", site->name);
		xml_attr(sn, "base", pool_printf(p, "%s/%s/", ctx->app.prefix, site->key));
	}
	ysqgk_annual_report_xml(r, root);
	if (render_to(&ctx->app, p, doc, "report_annual", out, NULL) != XE_OK) {
		fputs("xxgkctl report annual: the stylesheet report_annual.xsl failed\n", stderr);
		return false;
	}
	return true;
}

/* The whole annual report (国办公开办函〔2021〕30号) of a body, a site or the install for --year. */
static int report_annual(struct ctl *ctx)
{
	const char *year_s = ctl_opt(ctx, "--year"), *f = ctl_opt(ctx, "--format");
	long long year;
	static const char *const formats[] = {"text", "html", "csv", "xlsx"};
	int format = -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(f ? f : "text", formats[i]) == 0)
			format = i;
	if (year_s == NULL || !parse_int(year_s, YEAR_MIN, YEAR_MAX, &year) || format < 0) {
		fputs("xxgkctl report annual: --year YYYY is needed; --format is text, html, csv or xlsx\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, format == 1))
		return 1;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	struct buf out;
	buf_init(&out);
	int rc = 2;
	struct site site;
	struct ysqgk_annual_scope scope;
	struct ysqgk_annual_report r;
	if (!annual_scope(ctx, db, p, &scope, &site))
		goto done;
	rc = 1;
	enum xerr e = ysqgk_annual_report_compute(db, p, &scope, (int)year, today_local(), &r);
	if (e == XE_BAD_REQUEST) {
		int this_year;
		unsigned month, day;
		civil_from_days(today_local(), &this_year, &month, &day);
		fprintf(stderr, "xxgkctl report annual: %lld has not begun; the latest year is this one, %d, reported as of today\n",
		        year, this_year);
		rc = 2;
		goto done;
	}
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl report annual: %s\n", db_error(db));
		goto done;
	}
	if (format == 0)
		ysqgk_annual_report_text(&r, &out);
	else if (format == 2)
		ysqgk_annual_report_csv(&r, &out);
	else if (format == 3 ? !ysqgk_annual_report_xlsx(&r, &out) : !annual_html(ctx, p, &site, &r, &out))
		goto done;
	fwrite(out.data, 1, out.len, stdout);
	rc = 0;
done:
	buf_free(&out);
	pool_free(p);
	return rc;
}

static const struct ctl_sub report_subs[] = {
	{"compliance", ctl_report_compliance,
	 "  compliance --site SITE [--body BODY] --period 2026-11|2026-Q4|2026-H2|2026\n"
	 "             [--format text|html|csv|xlsx] [--today YYYY-MM-DD]\n"
	 "      the self-check of a site or a disclosing body for a month, quarter, half-year or year:\n"
	 "      every required category of the catalog with what was published in it, the categories\n"
	 "      with nothing, the notices lacking required items, the late and overdue notices, the\n"
	 "      pushes to the trading platforms not delivered. XLSX is written to standard output.\n"},
	{"annual", report_annual,
	 "  annual --site SITE --year YYYY [--format text|html|csv]\n"
	 "      the annual report's requests table: requests received and carried over, the results\n"
	 "      by outcome and every numbered reason, by applicant type, and those carried to the\n"
	 "      next year; checks 一 + 二 = 三（七） + 四 in every column.\n"},
	{"timeliness", report_timeliness,
	 "  timeliness --site SITE --month YYYY-MM [--format text|html|csv] [--today YYYY-MM-DD]\n"
	 "      proactive-disclosure timeliness of the notices whose due date falls in the month\n"
	 "      (formation or change date + 20 working days, 7 for licensing and penalty decisions):\n"
	 "      on time, late (by how many working days), due within 5 working days, overdue,\n"
	 "      per disclosing body and per domain, then the late, overdue and due-soon notices.\n"
	 "      Judged as of --today (default: today). HTML is printable; CSV opens in a spreadsheet.\n"},
};

int ctl_report(struct ctl *ctx)
{
	return run_sub(ctx, "report", "Reports for the staff's monthly self-checks and yearly reports.", report_subs,
	               sizeof report_subs / sizeof report_subs[0]);
}
