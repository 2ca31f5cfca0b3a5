/* The compliance report (compliance.h): the period, the required categories, what was published,
 * what is missing, what was late, and the pushes not delivered. Its outputs: compliance_out.c. */
#include "notices/compliance.h"
#include "notices/catalog.h"
#include "notices/completeness.h"
#include "notices/push.h"
#include "core/render.h"
#include "core/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the period ---- */

static const char *const quarter_zh[] = {"一", "二", "三", "四"};

bool compliance_period_parse(const char *s, struct cp_period *out)
{
	memset(out, 0, sizeof *out);
	size_t n = s ? strlen(s) : 0;
	if (n < 4 || n > 7)
		return false;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (y < 2000 || y > 2199)
		return false;
	unsigned m1, m2;
	out->year = y;
	if (n == 4) {
		out->kind = CP_YEAR, out->n = 1, m1 = 1, m2 = 12;
		snprintf(out->zh, sizeof out->zh, "%d年度", y);
	} else if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'H') && s[6] >= '1' && s[6] <= (s[5] == 'Q' ? '4' : '2')) {
		out->n = s[6] - '0';
		out->kind = s[5] == 'Q' ? CP_QUARTER : CP_HALF;
		unsigned span = s[5] == 'Q' ? 3 : 6;
		m1 = (unsigned)(out->n - 1) * span + 1, m2 = m1 + span - 1;
		if (out->kind == CP_QUARTER)
			snprintf(out->zh, sizeof out->zh, "%d年第%s季度", y, quarter_zh[out->n - 1]);
		else
			snprintf(out->zh, sizeof out->zh, "%d年%s半年", y, out->n == 1 ? "上" : "下");
	} else if (n == 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9') {
		out->kind = CP_MONTH, out->n = (s[5] - '0') * 10 + (s[6] - '0');
		if (out->n < 1 || out->n > 12)
			return false;
		m1 = m2 = (unsigned)out->n;
		snprintf(out->zh, sizeof out->zh, "%d年%d月", y, out->n);
	} else {
		return false;
	}
	memcpy(out->code, s, n + 1);
	out->first = days_from_civil(y, m1, 1);
	out->last = (m2 == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m2 + 1, 1)) - 1;
	return true;
}

/* ---- the required categories ---- */

static bool is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The attribute of the node or of its nearest ancestor that has it (xmlFree it). */
static char *inherited(xmlNodePtr n, const char *attr)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		char *v = catalog_attr(n, attr);
		if (v)
			return v;
	}
	return NULL;
}

static bool pushed_to_platform(xmlDocPtr catalog, xmlNodePtr cat)
{
	xmlNodePtr root = xmlDocGetRootElement(catalog);
	for (xmlNodePtr list = root->children; list; list = list->next) {
		if (!is_el(list, "channels"))
			continue;
		for (xmlNodePtr ch = list->children; ch; ch = ch->next) {
			if (!is_el(ch, "channel"))
				continue;
			char *kind = catalog_attr(ch, "kind"), *pushed = catalog_attr(ch, "pushed"), *name = catalog_attr(ch, "name");
			bool yes = kind && pushed && name && strcmp(kind, "platform") == 0 && push_channel_covers(cat, name);
			xmlFree(kind), xmlFree(pushed), xmlFree(name);
			if (yes)
				return true;
		}
	}
	return false;
}

struct cat_list {
	struct cp_category *v;
	size_t n, cap;
};

static void add_category(struct pool *p, xmlDocPtr catalog, xmlNodePtr cat, struct cat_list *l)
{
	char *manner = inherited(cat, "manner");
	bool required = manner == NULL || strstr(manner, "主动公开") != NULL;
	xmlFree(manner);
	if (!required)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct cp_category *v = pool_alloc(p, cap * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v, l->cap = cap;
	}
	xmlNodePtr dom = cat;
	while (dom->parent && !is_el(dom, "domain"))
		dom = dom->parent;
	struct cp_category *c = &l->v[l->n++];
	char *code = catalog_attr(cat, "code"), *name = catalog_attr(cat, "name"), *dcode = catalog_attr(dom, "code"),
	     *dname = catalog_attr(dom, "name");
	*c = (struct cp_category){.code = pool_strdup(p, code ? code : ""), .name = pool_strdup(p, name ? name : ""),
	                          .path = completeness_category_path(p, cat), .domain_code = pool_strdup(p, dcode ? dcode : ""),
	                          .domain_name = pool_strdup(p, dname ? dname : ""),
	                          .pushed = pushed_to_platform(catalog, cat)};
	xmlFree(code), xmlFree(name), xmlFree(dcode), xmlFree(dname);
}

/* Every category without sub-categories, in the catalog's order. */
static void walk_categories(struct pool *p, xmlDocPtr catalog, xmlNodePtr node, struct cat_list *l)
{
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!is_el(c, "domain") && !is_el(c, "category"))
			continue;
		bool leaf = is_el(c, "category");
		for (xmlNodePtr k = c->children; k && leaf; k = k->next)
			leaf = !is_el(k, "category");
		if (leaf)
			add_category(p, catalog, c, l);
		else
			walk_categories(p, catalog, c, l);
	}
}

static struct cp_category *find_category(const struct cp_report *r, const char *code)
{
	for (size_t i = 0; code && i < r->ncategories; i++)
		if (strcmp(r->categories[i].code, code) == 0)
			return &r->categories[i];
	return NULL;
}

/* A body answers for the required categories it has published in, ever. */
static enum xerr keep_body_categories(struct db *db, struct pool *p, const struct site *site, struct cp_report *r)
{
	struct db_result q;
	enum xerr e = db_query(db, p, &q,
	                       "SELECT DISTINCT category_code FROM notices WHERE site_id = ? AND issuer = ? "
	                       "AND published_at IS NOT NULL",
	                       "is", site->id, r->body);
	if (e != XE_OK)
		return e;
	size_t kept = 0;
	for (size_t i = 0; i < r->ncategories; i++)
		for (size_t k = 0; k < q.nrows; k++)
			if (strcmp(q.rows[k][0], r->categories[i].code) == 0) {
				r->categories[kept++] = r->categories[i];
				break;
			}
	r->ncategories = kept;
	return XE_OK;
}

/* ---- what was published, and what lacks items ---- */

static const char *period_start(struct pool *p, int32_t day)
{
	char d[11];
	format_date(day, d);
	return pool_printf(p, "%s 00:00:00", d);
}

static enum xerr count_published(struct db *db, struct pool *p, const struct site *site, struct cp_report *r)
{
	struct db_result q;
	enum xerr e = db_query(db, p, &q,
	                       "SELECT category_code, COUNT(*) FROM notices WHERE site_id = ? AND status = 'published' "
	                       "AND published_at >= ? AND published_at < ? AND (? IS NULL OR issuer = ?) GROUP BY category_code",
	                       "issss", site->id, period_start(p, r->period.first), period_start(p, r->period.last + 1),
	                       r->body, r->body);
	for (size_t i = 0; e == XE_OK && i < q.nrows; i++) {
		long long n = strtoll(q.rows[i][1], NULL, 10);
		r->t.published += n;
		struct cp_category *c = find_category(r, q.rows[i][0]);
		if (c)
			c->published += n;
	}
	return e;
}

/* The missing items of one notice from its items_json copy ([[code, label, value], ...]). */
static const char *missing_items(struct pool *p, xmlNodePtr cat, const char *items_json, const char **path)
{
	json_t *a = items_json ? json_loads(items_json, 0, NULL) : NULL;
	size_t n = json_array_size(a);
	const char **codes = pool_alloc(p, (n + 1) * sizeof *codes), **values = pool_alloc(p, (n + 1) * sizeof *values);
	for (size_t i = 0; i < n; i++) {
		const char *code = json_string_value(json_array_get(json_array_get(a, i), 0));
		const char *value = json_string_value(json_array_get(json_array_get(a, i), 2));
		codes[i] = pool_strdup(p, code ? code : "");
		values[i] = pool_strdup(p, value ? value : "");
	}
	json_decref(a);
	struct completeness c;
	completeness_check(p, cat, codes, values, n, &c);
	*path = c.category_path;
	if (c.nmissing == 0)
		return NULL;
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < c.nmissing; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", c.missing[i].label);
	const char *s = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void list_push(struct pool *p, struct cp_notice **v, size_t *n, const struct cp_notice *x)
{
	if (*n >= CP_LIST_MAX)
		return;
	if ((*n & (*n - 1)) == 0) { /* 0, 1, 2, 4 …: grow to the next power of two */
		struct cp_notice *g = pool_alloc(p, (*n ? *n * 2 : 1) * sizeof *g);
		if (*n)
			memcpy(g, *v, *n * sizeof *g);
		*v = g;
	}
	(*v)[(*n)++] = *x;
}

enum inc_col { I_ID, I_INDEX_NO, I_TITLE, I_ISSUER, I_CATEGORY, I_PUBLISHED, I_ITEMS };

/* The period's published notices in batches by id, so memory stays flat over a year. */
static enum xerr scan_incomplete(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                                 struct cp_report *r)
{
	xmlDocPtr catalog = app_catalog(app, site->variant);
	const char *from = period_start(p, r->period.first), *to = period_start(p, r->period.last + 1);
	long long after = 0;
	for (size_t got = 500; got == 500;) {
		struct pool *bp = pool_new();
		struct db_result q;
		enum xerr e = db_query(db, bp, &q,
		                       "SELECT id, index_no, title, issuer, category_code, "
		                       "DATE_FORMAT(published_at, '%Y-%m-%d'), items_json FROM notices "
		                       "WHERE site_id = ? AND status = 'published' AND published_at >= ? AND published_at < ? "
		                       "AND (? IS NULL OR issuer = ?) AND id > ? ORDER BY id LIMIT 500",
		                       "issssi", site->id, from, to, r->body, r->body, after);
		got = e == XE_OK ? q.nrows : 0;
		for (size_t i = 0; i < got; i++) {
			char **row = q.rows[i];
			after = strtoll(row[I_ID], NULL, 10);
			xmlNodePtr cat = catalog_find(catalog, row[I_CATEGORY]);
			const char *path = "";
			const char *missing = cat ? missing_items(bp, cat, row[I_ITEMS], &path) : NULL;
			if (missing == NULL)
				continue;
			r->t.incomplete++;
			struct cp_category *c = find_category(r, row[I_CATEGORY]);
			if (c)
				c->incomplete++;
			struct cp_notice x = {after, pool_strdup(p, row[I_INDEX_NO] ? row[I_INDEX_NO] : ""),
			                      pool_strdup(p, row[I_TITLE]), pool_strdup(p, row[I_ISSUER]),
			                      pool_strdup(p, row[I_CATEGORY]), pool_strdup(p, path), pool_strdup(p, row[I_PUBLISHED]),
			                      pool_strdup(p, missing), NULL};
			list_push(p, &r->incomplete, &r->nincomplete, &x);
		}
		pool_free(bp);
		if (e != XE_OK)
			return e;
	}
	return XE_OK;
}

/* ---- what was late ---- */

static enum xerr collect_late(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                              const struct calendar *cal, struct cp_report *r)
{
	int y;
	unsigned m1, m2, d;
	civil_from_days(r->period.first, &y, &m1, &d);
	civil_from_days(r->period.last, &y, &m2, &d);
	for (unsigned m = m1; m <= m2; m++) {
		struct tl_report tr;
		enum xerr e = timeliness_report(db, p, app, site, cal, y, (int)m, r->today, &tr);
		if (e != XE_OK)
			return e;
		for (size_t i = 0; i < tr.nnotices; i++) {
			const struct tl_notice *n = &tr.notices[i];
			if (n->ev.status != TL_LATE && n->ev.status != TL_OVERDUE)
				continue;
			if (r->body != NULL && strcmp(n->issuer, r->body) != 0)
				continue;
			*(n->ev.status == TL_LATE ? &r->t.late : &r->t.overdue) += 1;
			struct cp_category *c = find_category(r, n->category_code);
			if (c)
				c->late++;
			struct cp_notice x = {n->id, n->index_no, n->title, n->issuer, n->category_code, n->category_path, NULL,
			                      NULL, n};
			list_push(p, &r->late, &r->nlate, &x);
		}
	}
	return XE_OK;
}

/* ---- pushes ---- */

static enum xerr collect_pushes(struct db *db, struct pool *p, const struct site *site, struct cp_report *r)
{
	const char *from = period_start(p, r->period.first), *to = period_start(p, r->period.last + 1);
	struct db_result q;
	enum xerr e = db_query(db, p, &q,
	                       "SELECT d.notice_id, n.title, c.event, e.name, e.channel, "
	                       "DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'), d.attempts, d.last_error, d.status "
	                       "FROM push_deliveries d JOIN push_changes c ON c.id = d.change_id "
	                       "JOIN push_endpoints e ON e.id = d.endpoint_id JOIN notices n ON n.id = d.notice_id "
	                       "WHERE d.site_id = ? AND c.created_at >= ? AND c.created_at < ? AND (? IS NULL OR n.issuer = ?) "
	                       "AND (e.active = 1 OR d.status = 'sent') "
	                       "ORDER BY d.status = 'sent', d.id",
	                       "issss", site->id, from, to, r->body, r->body);
	if (e != XE_OK)
		return e;
	r->waiting = pool_alloc(p, (q.nrows ? q.nrows : 1) * sizeof *r->waiting);
	for (size_t i = 0; i < q.nrows; i++) {
		char **w = q.rows[i];
		if (strcmp(w[8], "sent") == 0) {
			r->t.pushes_sent++;
			continue;
		}
		r->t.pushes_waiting++;
		if (r->nwaiting < CP_LIST_MAX)
			r->waiting[r->nwaiting++] = (struct cp_push){strtoll(w[0], NULL, 10), strtoll(w[6], NULL, 10), w[1], w[2],
			                                             w[3], w[4], w[5], w[7]};
	}
	return XE_OK;
}

enum xerr compliance_report(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                            const struct calendar *c, const char *body, const struct cp_period *period, int32_t today,
                            struct cp_report *out)
{
	memset(out, 0, sizeof *out);
	out->site = site;
	out->body = body && *body ? body : NULL;
	out->period = *period;
	out->today = today;
	xmlDocPtr catalog = app_catalog(app, site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	struct cat_list l = {0};
	walk_categories(p, catalog, xmlDocGetRootElement(catalog), &l);
	out->categories = l.v, out->ncategories = l.n;
	enum xerr e = out->body ? keep_body_categories(db, p, site, out) : XE_OK;
	if (e == XE_OK)
		e = count_published(db, p, site, out);
	if (e == XE_OK)
		e = scan_incomplete(db, p, app, site, out);
	if (e == XE_OK)
		e = collect_late(db, p, app, site, c, out);
	if (e == XE_OK)
		e = collect_pushes(db, p, site, out);
	out->t.categories = (long long)out->ncategories;
	for (size_t i = 0; i < out->ncategories; i++)
		out->t.empty += out->categories[i].published == 0;
	return e;
}

enum xerr compliance_gaps_xml(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                              xmlNodePtr parent)
{
	xmlDocPtr catalog = app_catalog(app, site->variant);
	if (catalog == NULL)
		return XE_INTERNAL;
	struct db_result q;
	enum xerr e = db_query(db, p, &q,
	                       "SELECT DISTINCT category_code FROM notices WHERE site_id = ? AND status = 'published'", "i",
	                       site->id);
	const char *waiting = e == XE_OK ? db_value(db, p, &e,
	                                            "SELECT COUNT(*) FROM push_deliveries d JOIN push_endpoints e ON e.id = d.endpoint_id "
	                                            "AND e.active = 1 WHERE d.site_id = ? AND d.status = 'queued'",
	                                            "i", site->id)
	                                 : NULL;
	if (e != XE_OK)
		return e;
	struct cp_report r = {0};
	struct cat_list l = {0};
	walk_categories(p, catalog, xmlDocGetRootElement(catalog), &l);
	r.categories = l.v, r.ncategories = l.n;
	for (size_t k = 0; k < q.nrows; k++) {
		struct cp_category *c = find_category(&r, q.rows[k][0]);
		if (c)
			c->published = 1;
	}
	xmlNodePtr gaps = xmlNewChild(parent, NULL, (const xmlChar *)"gaps", NULL);
	xml_attr_int(gaps, "required", (long long)r.ncategories);
	xml_attr(gaps, "waiting-pushes", waiting ? waiting : "0");
	long long empty = 0;
	for (size_t i = 0; i < r.ncategories; i++) {
		if (r.categories[i].published)
			continue;
		empty++;
		xmlNodePtr n = xmlNewChild(gaps, NULL, (const xmlChar *)"category", NULL);
		xml_attr(n, "code", r.categories[i].code);
		xml_attr(n, "path", r.categories[i].path);
	}
	xml_attr_int(gaps, "empty", empty);
	return XE_OK;
}
