#include "notices/timeliness.h"
#include "notices/catalog.h"
#include "notices/completeness.h"
#include "core/render.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

struct tl_eval timeliness_evaluate(const struct calendar *c, int32_t formed, int limit_days, int32_t published,
                                   int32_t today)
{
	struct tl_eval ev = {0};
	struct cal_result due = cal_add(c, formed, limit_days, NULL, 0, NULL, NULL);
	bool prov = false;
	ev.due = due.due;
	if (published != TL_NOT_PUBLISHED) {
		if (published <= ev.due) {
			ev.status = TL_ON_TIME;
		} else {
			ev.status = TL_LATE;
			ev.late_by = cal_between(c, ev.due, published, NULL, 0, &prov);
		}
	} else if (ev.due < today) {
		ev.status = TL_OVERDUE;
		ev.late_by = cal_between(c, ev.due, today, NULL, 0, &prov);
	} else {
		ev.days_left = cal_between(c, today, ev.due, NULL, 0, &prov);
		ev.status = ev.days_left <= TL_DUE_SOON_DAYS ? TL_DUE_SOON : TL_PENDING;
	}
	ev.provisional = due.provisional || prov;
	return ev;
}

const char *timeliness_status_code(enum tl_status s)
{
	switch (s) {
	case TL_ON_TIME: return "on-time";
	case TL_LATE: return "late";
	case TL_DUE_SOON: return "due-soon";
	case TL_OVERDUE: return "overdue";
	case TL_PENDING: return "pending";
	}
	return "pending";
}

const char *timeliness_status_zh(enum tl_status s)
{
	switch (s) {
	case TL_ON_TIME: return "按时公开";
	case TL_LATE: return "逾期公开";
	case TL_DUE_SOON: return "即将到期";
	case TL_OVERDUE: return "逾期未公开";
	case TL_PENDING: return "未到期";
	}
	return "未到期";
}

int timeliness_limit(const struct app *app, const struct site *site, const char *category_code, bool licensing_penalty)
{
	xmlDocPtr catalog = app_catalog(app, site->variant);
	if (catalog == NULL)
		return licensing_penalty ? 7 : 20; /* the national rule */
	xmlNodePtr cat = category_code != NULL ? catalog_find(catalog, category_code) : NULL;
	int days = catalog_limit_days(catalog, cat, licensing_penalty);
	if (licensing_penalty) {
		int lp = catalog_limit_days(catalog, NULL, true);
		if (lp < days)
			days = lp;
	}
	return days;
}

/* The longest limit anywhere in the catalog: bounds how far back a month's notices were formed. */
static int max_limit(xmlNodePtr n)
{
	int best = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *attr = xmlStrEqual(c->name, (const xmlChar *)"time-limit") ? "days" : "limit-days";
		xmlChar *v = xmlGetProp(c, (const xmlChar *)attr);
		long long d = 0;
		if (v != NULL && parse_int((const char *)v, 0, 1000, &d) && d > best)
			best = (int)d;
		xmlFree(v);
		int sub = max_limit(c);
		if (sub > best)
			best = sub;
	}
	return best;
}

static const char *name_of(struct pool *p, xmlNodePtr n)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)"name") : NULL;
	const char *r = v ? pool_strdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return r;
}

/* The columns notice_from_row reads, the same in both statements. */
#define TL_COLS                                                                                                  \
	"SELECT id, index_no, title, issuer, status, domain_code, category_code, decision_kind, document_kind, "   \
	"DATEDIFF(formed_on, '1970-01-01'), DATEDIFF(changed_on, '1970-01-01'), "                                   \
	"DATEDIFF(" TL_PUBLISHED_SINCE_CHANGE ", '1970-01-01') "
/* A changed notice is judged on the publication of its change: its publication date when that is
 * on or after the change date (an import gives the current version's), else the first version
 * the editor saved as published on or after it; not published since the change otherwise. */
#define TL_PUBLISHED_SINCE_CHANGE                                                                                \
	"CASE WHEN changed_on IS NULL OR changed_on <= formed_on OR published_at >= changed_on THEN published_at "   \
	"ELSE (SELECT MIN(v.saved_at) FROM notice_versions v WHERE v.notice_id = notices.id "                      \
	"AND v.saved_at >= notices.changed_on AND JSON_VALUE(v.snapshot, '$.status') = 'published') END"
enum tl_col {
	T_ID, T_INDEX_NO, T_TITLE, T_ISSUER, T_STATUS, T_DOMAIN, T_CATEGORY, T_DECISION_KIND, T_DOCUMENT_KIND, T_FORMED,
	T_CHANGED, T_PUBLISHED
};

/* Fills out from a row of TL_COLS: formed and published are days (published NULL when never). */
static bool notice_from_row(struct pool *p, const struct app *app, const struct site *site, const struct calendar *c,
                            char **row, int32_t today, struct tl_notice *out)
{
	long long formed, changed = TL_NOT_PUBLISHED, published = TL_NOT_PUBLISHED;
	if (!parse_int(row[T_FORMED], -100000, 200000, &formed) ||
	    (row[T_CHANGED] != NULL && !parse_int(row[T_CHANGED], -100000, 200000, &changed)) ||
	    (row[T_PUBLISHED] != NULL && !parse_int(row[T_PUBLISHED], -100000, 200000, &published)))
		return false;
	if (changed <= formed)
		changed = TL_NOT_PUBLISHED;
	xmlDocPtr catalog = app_catalog(app, site->variant);
	xmlNodePtr cat = catalog ? catalog_find(catalog, row[T_CATEGORY]) : NULL;
	xmlNodePtr dom = catalog ? catalog_find(catalog, row[T_DOMAIN]) : NULL;
	*out = (struct tl_notice){
		.id = strtoll(row[T_ID], NULL, 10),
		.index_no = row[T_INDEX_NO],
		.title = row[T_TITLE],
		.issuer = row[T_ISSUER],
		.status = row[T_STATUS],
		.domain_code = row[T_DOMAIN],
		.domain_name = name_of(p, dom),
		.category_code = row[T_CATEGORY],
		.category_path = cat ? completeness_category_path(p, cat) : NULL,
		.formed = (int32_t)formed,
		.changed = (int32_t)changed,
		.start = (int32_t)(changed != TL_NOT_PUBLISHED ? changed : formed),
		.published = (int32_t)published,
		.licensing_penalty = strcmp(row[T_DECISION_KIND], "licensing-penalty") == 0 ||
		                     strcmp(row[T_DOCUMENT_KIND], "licensing") == 0 ||
		                     strcmp(row[T_DOCUMENT_KIND], "penalty") == 0,
	};
	if (out->domain_name == NULL)
		out->domain_name = out->domain_code;
	if (out->category_path == NULL)
		out->category_path = out->category_code;
	out->limit_days = timeliness_limit(app, site, out->category_code, out->licensing_penalty);
	out->ev = timeliness_evaluate(c, out->start, out->limit_days, out->published, today);
	return true;
}

enum xerr timeliness_of_notice(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                               const struct calendar *c, long long notice_id, int32_t today, struct tl_notice *out)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r, TL_COLS "FROM notices WHERE id = ? AND site_id = ?", "ii", notice_id, site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	return notice_from_row(p, app, site, c, r.rows[0], today, out) ? XE_OK : XE_INTERNAL;
}

static void count(struct tl_counts *n, const struct tl_notice *t)
{
	n->total++;
	switch (t->ev.status) {
	case TL_ON_TIME: n->on_time++; break;
	case TL_LATE:
		n->late++;
		n->late_days += t->ev.late_by;
		if (t->ev.late_by > n->late_max)
			n->late_max = t->ev.late_by;
		break;
	case TL_DUE_SOON: n->due_soon++; break;
	case TL_OVERDUE: n->overdue++; break;
	case TL_PENDING: n->pending++; break;
	}
	if (t->ev.provisional)
		n->provisional++;
}

/* The group with this key, added when new; groups has room for every notice. */
static struct tl_group *group_for(struct tl_group *groups, size_t *n, const char *key, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(groups[i].key, key) == 0)
			return &groups[i];
	groups[*n] = (struct tl_group){key, name, {0}};
	return &groups[(*n)++];
}

static int by_due(const void *a, const void *b)
{
	const struct tl_notice *x = a, *y = b;
	if (x->ev.due != y->ev.due)
		return x->ev.due < y->ev.due ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct tl_group *)a)->key, ((const struct tl_group *)b)->key);
}

enum xerr timeliness_report(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                            const struct calendar *c, int year, int month, int32_t today, struct tl_report *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	out->first = days_from_civil(year, (unsigned)month, 1);
	out->last = (month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, (unsigned)month + 1, 1)) - 1;
	out->today = today;
	xmlDocPtr catalog = app_catalog(app, site->variant);
	int longest = catalog ? max_limit(xmlDocGetRootElement(catalog)) : 0;
	if (longest < 20)
		longest = 20;
	/* A notice due in the month was formed at most `longest` working days before its first day;
	 * in calendar days that is at most 7/5 of it plus the longest holiday run (generous). The
	 * exact test is the computed due date below. */
	char lo[11], hi[11];
	format_date(out->first - (longest * 7 / 5 + 40), lo);
	format_date(out->last, hi);
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       TL_COLS "FROM notices WHERE site_id = ? AND clock_on BETWEEN ? AND ? "
	                       "AND (status IN ('draft', 'published') OR (status = 'withdrawn' AND published_at IS NOT NULL))",
	                       "iss", site->id, lo, hi);
	if (e != XE_OK)
		return e;
	out->notices = pool_alloc(p, (r.nrows + 1) * sizeof *out->notices);
	for (size_t i = 0; i < r.nrows; i++) {
		struct tl_notice *t = &out->notices[out->nnotices];
		if (!notice_from_row(p, app, site, c, r.rows[i], today, t))
			return XE_INTERNAL;
		if (t->ev.due >= out->first && t->ev.due <= out->last)
			out->nnotices++;
	}
	qsort(out->notices, out->nnotices, sizeof *out->notices, by_due);
	out->bodies = pool_alloc(p, (out->nnotices + 1) * sizeof *out->bodies);
	out->domains = pool_alloc(p, (out->nnotices + 1) * sizeof *out->domains);
	for (size_t i = 0; i < out->nnotices; i++) {
		const struct tl_notice *t = &out->notices[i];
		count(&out->all, t);
		count(&group_for(out->bodies, &out->nbodies, t->issuer, t->issuer)->n, t);
		count(&group_for(out->domains, &out->ndomains, t->domain_code, t->domain_name)->n, t);
	}
	qsort(out->bodies, out->nbodies, sizeof *out->bodies, by_key);
	qsort(out->domains, out->ndomains, sizeof *out->domains, by_key);
	return XE_OK;
}

static void counts_attrs(xmlNodePtr n, const struct tl_counts *c)
{
	xml_attr_int(n, "total", c->total);
	xml_attr_int(n, "on-time", c->on_time);
	xml_attr_int(n, "late", c->late);
	xml_attr_int(n, "late-days", c->late_days);
	xml_attr_int(n, "late-max", c->late_max);
	xml_attr_int(n, "due-soon", c->due_soon);
	xml_attr_int(n, "overdue", c->overdue);
	xml_attr_int(n, "pending", c->pending);
	xml_attr_int(n, "provisional", c->provisional);
}

static void date_attr(xmlNodePtr n, const char *name, int32_t day)
{
	char d[11];
	format_date(day, d);
	xml_attr(n, name, d);
}

xmlNodePtr timeliness_notice_xml(xmlNodePtr parent, const struct tl_notice *t)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"notice", NULL);
	xml_attr_int(n, "id", t->id);
	xml_attr(n, "index-no", t->index_no);
	xml_attr(n, "title", t->title);
	xml_attr(n, "issuer", t->issuer);
	xml_attr(n, "stored", t->status);
	xml_attr(n, "domain-code", t->domain_code);
	xml_attr(n, "domain", t->domain_name);
	xml_attr(n, "category-code", t->category_code);
	xml_attr(n, "category", t->category_path);
	date_attr(n, "formed-on", t->formed);
	if (t->changed != TL_NOT_PUBLISHED)
		date_attr(n, "changed-on", t->changed);
	date_attr(n, "due-on", t->ev.due);
	if (t->published != TL_NOT_PUBLISHED)
		date_attr(n, "published-on", t->published);
	xml_attr_int(n, "limit-days", t->limit_days);
	if (t->licensing_penalty)
		xml_attr(n, "licensing-penalty", "1");
	xml_attr(n, "status", timeliness_status_code(t->ev.status));
	xml_attr(n, "status-zh", timeliness_status_zh(t->ev.status));
	if (t->ev.status == TL_LATE || t->ev.status == TL_OVERDUE)
		xml_attr_int(n, "late-by", t->ev.late_by);
	if (t->ev.status == TL_DUE_SOON || t->ev.status == TL_PENDING)
		xml_attr_int(n, "days-left", t->ev.days_left);
	if (t->ev.provisional)
		xml_attr(n, "provisional", "1");
	return n;
}

xmlNodePtr timeliness_report_xml(xmlNodePtr parent, const struct tl_report *r)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"timeliness", NULL);
	char first[11];
	format_date(r->first, first);
	first[7] = '\0'; /* "YYYY-MM" */
	xml_attr(n, "month", first);
	xml_attr_int(n, "year-number", r->year);
	xml_attr_int(n, "month-number", r->month);
	date_attr(n, "first", r->first);
	date_attr(n, "last", r->last);
	date_attr(n, "today", r->today);
	xml_attr(n, "basis", "due");
	xml_attr_int(n, "due-soon-days", TL_DUE_SOON_DAYS);
	counts_attrs(xmlNewChild(n, NULL, (const xmlChar *)"totals", NULL), &r->all);
	xmlNodePtr bodies = xmlNewChild(n, NULL, (const xmlChar *)"by-body", NULL);
	for (size_t i = 0; i < r->nbodies; i++) {
		xmlNodePtr g = xmlNewChild(bodies, NULL, (const xmlChar *)"group", NULL);
		xml_attr(g, "name", r->bodies[i].name);
		counts_attrs(g, &r->bodies[i].n);
	}
	xmlNodePtr domains = xmlNewChild(n, NULL, (const xmlChar *)"by-domain", NULL);
	for (size_t i = 0; i < r->ndomains; i++) {
		xmlNodePtr g = xmlNewChild(domains, NULL, (const xmlChar *)"group", NULL);
		xml_attr(g, "code", r->domains[i].key);
		xml_attr(g, "name", r->domains[i].name);
		counts_attrs(g, &r->domains[i].n);
	}
	xmlNodePtr list = xmlNewChild(n, NULL, (const xmlChar *)"notices", NULL);
	for (size_t i = 0; i < r->nnotices; i++)
		timeliness_notice_xml(list, &r->notices[i]);
	return n;
}

static void csv_int(struct buf *b, long long v)
{
	buf_printf(b, ",%lld", v);
}

static void csv_counts(struct buf *b, const char *group, const char *code, const char *name, const struct tl_counts *c)
{
	buf_csv_field(b, group);
	buf_putc(b, ',');
	buf_csv_field(b, code);
	buf_putc(b, ',');
	buf_csv_field(b, name);
	csv_int(b, c->total);
	csv_int(b, c->on_time);
	csv_int(b, c->late);
	csv_int(b, c->late_days);
	csv_int(b, c->late_max);
	csv_int(b, c->due_soon);
	csv_int(b, c->overdue);
	csv_int(b, c->pending);
	csv_int(b, c->provisional);
	buf_puts(b, "\r\n");
}

static void csv_date(struct buf *b, int32_t day)
{
	char d[11];
	format_date(day, d);
	buf_putc(b, ',');
	buf_puts(b, d);
}

void timeliness_report_csv(struct buf *b, const struct tl_report *r)
{
	buf_puts(b, "分组,代码,名称,应公开,按时公开,逾期公开,逾期工作日合计,最多逾期工作日,即将到期,逾期未公开,未到期,"
	            "应公开日期暂定\r\n");
	csv_counts(b, "合计", "", "全部", &r->all);
	for (size_t i = 0; i < r->nbodies; i++)
		csv_counts(b, "发布机构", "", r->bodies[i].name, &r->bodies[i].n);
	for (size_t i = 0; i < r->ndomains; i++)
		csv_counts(b, "领域", r->domains[i].key, r->domains[i].name, &r->domains[i].n);
	buf_puts(b, "\r\n编号,索引号,标题,发布机构,领域,信息类别,成文日期,变更日期,公开时限（工作日）,应公开日期,发布日期,状态,"
	            "逾期工作日,剩余工作日,应公开日期暂定\r\n");
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct tl_notice *t = &r->notices[i];
		if (t->ev.status == TL_ON_TIME || t->ev.status == TL_PENDING)
			continue;
		buf_printf(b, "%lld,", t->id);
		buf_csv_field(b, t->index_no);
		buf_putc(b, ',');
		buf_csv_field(b, t->title);
		buf_putc(b, ',');
		buf_csv_field(b, t->issuer);
		buf_putc(b, ',');
		buf_csv_field(b, t->domain_name);
		buf_putc(b, ',');
		buf_csv_field(b, t->category_path);
		csv_date(b, t->formed);
		buf_putc(b, ',');
		if (t->changed != TL_NOT_PUBLISHED) {
			char d[11];
			format_date(t->changed, d);
			buf_puts(b, d);
		}
		csv_int(b, t->limit_days);
		csv_date(b, t->ev.due);
		buf_putc(b, ',');
		if (t->published != TL_NOT_PUBLISHED) {
			char d[11];
			format_date(t->published, d);
			buf_puts(b, d);
		}
		buf_putc(b, ',');
		buf_puts(b, timeliness_status_zh(t->ev.status));
		buf_putc(b, ',');
		if (t->ev.status == TL_LATE || t->ev.status == TL_OVERDUE)
			buf_printf(b, "%d", t->ev.late_by);
		buf_putc(b, ',');
		if (t->ev.status == TL_DUE_SOON)
			buf_printf(b, "%d", t->ev.days_left);
		buf_puts(b, t->ev.provisional ? ",是\r\n" : ",\r\n");
	}
}
