#include "notices/ocds.h"
#include "notices/catalog.h"
#include "core/crypto.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *ocds_ocid_prefix(const struct settings *cfg)
{
	return cfg->ocds.ocid_prefix;
}

/* ---- which categories, which tags ---- */

static bool name_has(xmlNodePtr node, const char *word)
{
	char *name = catalog_attr(node, "name");
	bool r = name != NULL && strstr(name, word) != NULL;
	xmlFree(name);
	return r;
}

static bool is_element(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Supervision, policy and credit records sit in the procurement domains but are not
 * contracting processes. */
static const char *const not_a_process[] = {"投诉", "考核", "违法", "失信", "信用", "处罚", "监督", "法规", "政策", "限额标准", NULL};

bool ocds_category_included(xmlNodePtr category)
{
	bool procurement = false;
	for (xmlNodePtr n = category; is_element(n, "category") || is_element(n, "domain"); n = n->parent) {
		for (const char *const *w = not_a_process; *w; w++)
			if (name_has(n, *w))
				return false;
		char *name = catalog_attr(n, "name");
		if (name != NULL && (strstr(name, "政府采购") != NULL))
			procurement = true;
		xmlFree(name);
	}
	return procurement;
}

const char *ocds_tags(xmlNodePtr c)
{
	if (name_has(c, "终止"))
		return "[\"tenderCancellation\"]";
	if (name_has(c, "结果变更"))
		return "[\"awardUpdate\"]";
	if (name_has(c, "更正") || name_has(c, "澄清") || name_has(c, "变更"))
		return "[\"tenderAmendment\"]";
	if (name_has(c, "合同"))
		return "[\"contract\"]";
	if (name_has(c, "履约") || name_has(c, "验收"))
		return "[\"implementation\"]";
	if (name_has(c, "资格预审"))
		return "[\"tender\"]";
	if (name_has(c, "结果") || name_has(c, "中标") || name_has(c, "成交"))
		return (name_has(c, "采购公告") || name_has(c, "招标公告")) ? "[\"tender\",\"award\"]" : "[\"award\"]";
	if (name_has(c, "预算") || name_has(c, "意向"))
		return "[\"planning\"]";
	return "[\"tender\"]";
}

static void collect_columns(struct pool *p, xmlNodePtr node, const char **codes, size_t max, size_t *n)
{
	for (xmlNodePtr c = node->children; c != NULL && *n < max; c = c->next) {
		if (!is_element(c, "domain") && !is_element(c, "category"))
			continue;
		char *name = catalog_attr(c, "name");
		bool hit = name != NULL && (is_element(c, "domain") ? strcmp(name, "政府采购") == 0
		                                                    : strstr(name, "政府采购") != NULL);
		xmlFree(name);
		if (hit) {
			char *code = catalog_attr(c, "code");
			codes[(*n)++] = pool_strdup(p, code ? code : "");
			xmlFree(code);
		} else {
			collect_columns(p, c, codes, max, n);
		}
	}
}

size_t ocds_columns(struct pool *p, xmlDocPtr catalog, const char **codes, size_t max)
{
	size_t n = 0;
	if (catalog != NULL)
		collect_columns(p, xmlDocGetRootElement(catalog), codes, max, &n);
	return n;
}

/* ---- amounts ---- */

/* digits (int part ni, fraction nf) times 10^shift, rounded to two decimals, as a JSON number. */
static const char *decimal_json(struct pool *p, const char *intd, size_t ni, const char *frac, size_t nf, size_t shift)
{
	char d[64];
	size_t n = 0;
	if (ni + nf + shift + 2 >= sizeof d - 2)
		return NULL;
	memcpy(d + 1, intd, ni); /* d[0] is room for a carry */
	memcpy(d + 1 + ni, frac, nf);
	n = 1 + ni + nf;
	size_t point = 1 + ni + shift; /* digits before the decimal point, d[0] included */
	while (n < point)
		d[n++] = '0';
	d[0] = '0';
	if (n > point + 2) {
		bool up = d[point + 2] >= '5';
		n = point + 2;
		for (size_t i = n; up && i-- > 0;) {
			if (d[i] == '9') {
				d[i] = '0';
			} else {
				d[i]++;
				up = false;
			}
		}
	}
	size_t start = 0;
	while (start + 1 < point && d[start] == '0')
		start++;
	while (n > point && d[n - 1] == '0')
		n--;
	struct buf b;
	buf_init(&b);
	buf_put(&b, d + start, point - start);
	if (n > point) {
		buf_putc(&b, '.');
		buf_put(&b, d + point, n - point);
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static bool starts(const char *s, const char *w)
{
	return strncmp(s, w, strlen(w)) == 0;
}

bool ocds_amount(struct pool *p, const char *text, const char **amount_json, const char **currency)
{
	if (text == NULL)
		return false;
	const char *s = text;
	while (*s) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		/* A number: digits with optional thousands commas, then an optional fraction. */
		char intd[32], frac[16];
		size_t ni = 0, nf = 0;
		const char *q = s;
		bool too_long = false;
		while ((*q >= '0' && *q <= '9') || (*q == ',' && q[1] >= '0' && q[1] <= '9')) {
			if (*q != ',') {
				if (ni + 1 < sizeof intd)
					intd[ni++] = *q;
				else
					too_long = true;
			}
			q++;
		}
		if (*q == '.' && q[1] >= '0' && q[1] <= '9') {
			q++;
			while (*q >= '0' && *q <= '9') {
				if (nf + 1 < sizeof frac)
					frac[nf++] = *q;
				q++;
			}
		}
		const char *u = q;
		while (*u == ' ')
			u++;
		size_t shift = 0;
		bool unit = false;
		if (starts(u, "万")) {
			shift = 4;
			u += strlen("万");
			unit = true;
		} else if (starts(u, "亿")) {
			shift = 8;
			u += strlen("亿");
			unit = true;
		}
		const char *cur = "CNY";
		if (starts(u, "美元")) {
			cur = "USD";
			unit = true;
		} else if (starts(u, "港元") || starts(u, "港币")) {
			cur = "HKD";
			unit = true;
		} else if (starts(u, "欧元")) {
			cur = "EUR";
			unit = true;
		} else if (starts(u, "元")) {
			unit = true;
		}
		/* A bare number counts only when it is all the text says (after a currency sign). */
		bool bare = false;
		if (!unit) {
			const char *before = text;
			while (*before == ' ')
				before++;
			if (starts(before, "人民币"))
				before += strlen("人民币");
			else if (starts(before, "¥"))
				before += strlen("¥");
			else if (starts(before, "￥"))
				before += strlen("￥");
			while (*before == ' ')
				before++;
			bare = before == s && *u == '\0';
		}
		if ((unit || bare) && !too_long) {
			const char *a = decimal_json(p, intd, ni, frac, nf, shift);
			if (a != NULL) {
				*amount_json = a;
				*currency = cur;
				return true;
			}
		}
		s = q;
	}
	return false;
}

/* ---- releases ---- */

/* The columns of ocds_releases' rows. */
enum release_col {
	R_ID, R_TITLE, R_ISSUER, R_INDEX_NO, R_CATEGORY, R_DOC_NUMBER, R_PUBLISHED_AT, R_PUBLISHED, R_UPDATED,
	R_UPDATED_STAMP, R_OPENING
};

struct orow {
	char **r;
	long long id;
};

static int orow_cmp(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;
	int c = strcmp(x->r[R_PUBLISHED_AT], y->r[R_PUBLISHED_AT]);
	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct party {
	const char *id, *name;
	const char *roles[4];
	size_t nroles;
};

struct parties {
	struct party list[8];
	size_t n;
};

static const char *party_id(struct pool *p, const char *name)
{
	char hex[65];
	sha256_hex(name, strlen(name), hex);
	hex[16] = '\0';
	return pool_printf(p, "xxgk-org-%s", hex);
}

static const struct party *party_add(struct pool *p, struct parties *ps, const char *name, const char *role)
{
	if (name == NULL || *name == '\0')
		return NULL;
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->list[i].name, name) == 0) {
			struct party *pt = &ps->list[i];
			bool has = false;
			for (size_t k = 0; k < pt->nroles; k++)
				has = has || strcmp(pt->roles[k], role) == 0;
			if (!has && pt->nroles < 4)
				pt->roles[pt->nroles++] = role;
			return pt;
		}
	if (ps->n == sizeof ps->list / sizeof ps->list[0])
		return NULL;
	struct party *pt = &ps->list[ps->n++];
	*pt = (struct party){party_id(p, name), name, {role}, 1};
	return pt;
}

static void org_ref(struct jw *w, const char *key, const struct party *pt)
{
	if (pt == NULL)
		return;
	jw_open(w, key, '{');
	jw_str(w, "id", pt->id);
	jw_str(w, "name", pt->name);
	jw_close(w, '}');
}

static void value_obj(struct jw *w, const char *key, const char *amount, const char *currency)
{
	jw_open(w, key, '{');
	jw_raw(w, "amount", amount);
	jw_str(w, "currency", currency);
	jw_close(w, '}');
}

/* An organisation named in an item: the text before the first comma, semicolon or line break
 * ("某某公司，地址：…" names 某某公司). */
static const char *org_name(struct pool *p, const char *value)
{
	if (value == NULL)
		return NULL;
	char *s = pool_strdup(p, value);
	static const char *const stops[] = {"，", ",", "；", ";", "\n", "\r", "、地址", "地址：", NULL};
	for (const char *const *st = stops; *st; st++) {
		char *at = strstr(s, *st);
		if (at != NULL)
			*at = '\0';
	}
	s = str_trim(s);
	if (*s == '\0')
		return NULL;
	return text_prefix(p, s, 200);
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static bool has(const char *a, const char *b)
{
	return strstr(a, b) != NULL;
}

static bool tag_is(const char *tags, const char *tag)
{
	char quoted[40];
	snprintf(quoted, sizeof quoted, "\"%s\"", tag);
	return strstr(tags, quoted) != NULL;
}

/* What a procurement notice's items say, found by their labels in the variant's wording. */
struct procurement {
	const char *buyer, *agency, *budget, *award_amount, *supplier, *contract_amount, *contract_no, *project,
	    *project_no, *method;
};

static void procurement_item(struct pool *p, const char *label, const char *v, struct procurement *pr)
{
	if (eq(label, "采购人") || eq(label, "采购单位") || eq(label, "采购人名称"))
		pr->buyer = org_name(p, v);
	else if (eq(label, "采购代理机构") || eq(label, "采购代理机构名称"))
		pr->agency = org_name(p, v);
	else if (has(label, "合同金额"))
		pr->contract_amount = v;
	else if (has(label, "金额") && (has(label, "中标") || has(label, "成交")))
		pr->award_amount = v;
	else if (has(label, "预算金额"))
		pr->budget = v;
	else if (has(label, "供应商") && (has(label, "中标") || has(label, "成交")))
		pr->supplier = org_name(p, v);
	else if (eq(label, "合同编号"))
		pr->contract_no = v;
	else if (eq(label, "项目名称") || eq(label, "采购项目名称"))
		pr->project = v;
	else if (eq(label, "项目编号") || eq(label, "采购项目编号"))
		pr->project_no = v;
	else if (eq(label, "采购方式"))
		pr->method = v;
}

static enum xerr procurement_read(struct ocds_export *x, const char *id, xmlNodePtr cat, struct procurement *pr)
{
	struct pool *p = x->p;
	struct db_result items;
	enum xerr e = db_query(x->db, p, &items, "SELECT item_code, label, value FROM notice_items WHERE notice_id = ? "
	                                         "ORDER BY item_code",
	                       "i", strtoll(id, NULL, 10));
	if (e != XE_OK)
		return e;
	*pr = (struct procurement){0};
	for (size_t i = 0; i < items.nrows; i++) {
		char **it = items.rows[i]; /* code, stored label, value */
		xmlNodePtr def = catalog_item(cat, it[0]);
		xmlChar *lx = def ? xmlNodeGetContent(def) : NULL;
		const char *label = lx ? pool_strdup(p, (const char *)lx) : (it[1] ? it[1] : "");
		xmlFree(lx);
		procurement_item(p, label, it[2], pr);
	}
	return XE_OK;
}

/* One release: its notice's row and what the parts below share. */
struct release {
	char **row;
	struct procurement pr;
	const char *tags, *notice_url, *published, *category_name;
	struct parties ps;
	const struct party *buyer, *entity, *supplier;
	bool planning, award, contract;
};

static void write_parties(struct jw *w, const struct parties *ps)
{
	jw_open(w, "parties", '[');
	for (size_t i = 0; i < ps->n; i++) {
		jw_open(w, NULL, '{');
		jw_str(w, "id", ps->list[i].id);
		jw_str(w, "name", ps->list[i].name);
		jw_open(w, "roles", '[');
		for (size_t k = 0; k < ps->list[i].nroles; k++)
			jw_str(w, NULL, ps->list[i].roles[k]);
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* The notice itself as the one document of a tender, award or contract. */
static void write_notice_document(struct pool *p, struct jw *w, const struct release *rel, const char *type)
{
	jw_open(w, "documents", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "id", pool_printf(p, "notice-%s", rel->row[R_ID]));
	jw_str(w, "documentType", type);
	jw_str(w, "title", rel->row[R_TITLE]);
	jw_str(w, "description", rel->category_name);
	jw_str(w, "url", rel->notice_url);
	jw_str(w, "datePublished", rel->published);
	jw_str(w, "format", "text/html");
	jw_str(w, "language", "zh");
	jw_close(w, '}');
	jw_close(w, ']');
}

static void write_planning(struct pool *p, struct jw *w, const struct release *rel)
{
	const char *amount, *currency;
	if (!rel->planning || !ocds_amount(p, rel->pr.budget, &amount, &currency))
		return;
	jw_open(w, "planning", '{');
	jw_open(w, "budget", '{');
	jw_str(w, "description", rel->pr.budget);
	value_obj(w, "amount", amount, currency);
	jw_close(w, '}');
	jw_close(w, '}');
}

/* The tender: what the notice is about, with the notice itself as its document unless the
 * notice is an award or contract notice (then it documents those). */
static void write_tender(struct pool *p, struct jw *w, const struct release *rel)
{
	const struct procurement *pr = &rel->pr;
	const char *amount, *currency;
	jw_open(w, "tender", '{');
	jw_str(w, "id", pr->project_no ? pr->project_no : pool_printf(p, "%s-tender", rel->row[R_ID]));
	jw_str(w, "title", pr->project ? pr->project : rel->row[R_TITLE]);
	jw_str(w, "description", text_prefix(p, rel->row[R_OPENING], 300));
	if (tag_is(rel->tags, "tenderCancellation"))
		jw_str(w, "status", "cancelled");
	else if (tag_is(rel->tags, "tender") || tag_is(rel->tags, "tenderAmendment"))
		jw_str(w, "status", "active");
	if (!rel->planning && ocds_amount(p, pr->budget, &amount, &currency))
		value_obj(w, "value", amount, currency);
	org_ref(w, "procuringEntity", rel->entity);
	if (pr->method != NULL) {
		const char *m = has(pr->method, "公开招标") ? "open"
		                : has(pr->method, "邀请招标") ? "selective"
		                : has(pr->method, "单一来源") ? "direct"
		                                               : NULL;
		if (m != NULL)
			jw_str(w, "procurementMethod", m);
		jw_str(w, "procurementMethodDetails", pr->method);
	}
	if (!rel->award && !rel->contract)
		write_notice_document(p, w, rel, rel->planning ? "procurementPlan" : "tenderNotice");
	jw_close(w, '}');
}

static void write_award(struct pool *p, struct jw *w, const struct release *rel)
{
	const char *amount, *currency;
	jw_open(w, "awards", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "id", pool_printf(p, "%s-award", rel->row[R_ID]));
	jw_str(w, "title", rel->pr.project ? rel->pr.project : rel->row[R_TITLE]);
	jw_str(w, "status", "active");
	jw_str(w, "date", rel->published);
	if (ocds_amount(p, rel->pr.award_amount, &amount, &currency))
		value_obj(w, "value", amount, currency);
	if (rel->supplier != NULL) {
		jw_open(w, "suppliers", '[');
		jw_open(w, NULL, '{');
		jw_str(w, "id", rel->supplier->id);
		jw_str(w, "name", rel->supplier->name);
		jw_close(w, '}');
		jw_close(w, ']');
	}
	if (!rel->contract)
		write_notice_document(p, w, rel, "awardNotice");
	jw_close(w, '}');
	jw_close(w, ']');
}

static void write_contract(struct pool *p, struct jw *w, const struct release *rel)
{
	const char *amount, *currency;
	jw_open(w, "contracts", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "id", rel->pr.contract_no ? rel->pr.contract_no : pool_printf(p, "%s-contract", rel->row[R_ID]));
	jw_str(w, "awardID", pool_printf(p, "%s-award", rel->row[R_ID]));
	jw_str(w, "title", rel->row[R_TITLE]);
	jw_str(w, "status", "active");
	if (ocds_amount(p, rel->pr.contract_amount, &amount, &currency))
		value_obj(w, "value", amount, currency);
	write_notice_document(p, w, rel, "contractNotice");
	jw_close(w, '}');
	jw_close(w, ']');
}

static enum xerr write_release(struct ocds_export *x, struct jw *w, char **row, xmlNodePtr cat)
{
	struct pool *p = x->p;
	struct release rel = {.row = row};
	enum xerr e = procurement_read(x, row[R_ID], cat, &rel.pr);
	if (e != XE_OK)
		return e;
	rel.tags = ocds_tags(cat);
	rel.notice_url = pool_printf(p, "%s%s/%s/n/%s", x->origin, x->prefix, x->site->key, row[R_ID]);
	rel.published = iso_utc(p, row[R_PUBLISHED]);
	rel.buyer = party_add(p, &rel.ps, rel.pr.buyer, "buyer");
	rel.entity = party_add(p, &rel.ps, rel.pr.agency ? rel.pr.agency : row[R_ISSUER], "procuringEntity");
	rel.supplier = party_add(p, &rel.ps, rel.pr.supplier, "supplier");
	char *catname = catalog_attr(cat, "name");
	rel.category_name = pool_strdup(p, catname ? catname : "");
	xmlFree(catname);
	rel.planning = tag_is(rel.tags, "planning");
	rel.contract = tag_is(rel.tags, "contract");
	rel.award = tag_is(rel.tags, "award") || tag_is(rel.tags, "awardUpdate") || rel.contract || rel.pr.supplier ||
	            rel.pr.award_amount;

	jw_open(w, NULL, '{');
	jw_str(w, "ocid", pool_printf(p, "%s%s", x->ocid_prefix, row[R_ID]));
	jw_str(w, "id", pool_printf(p, "%s-%s", row[R_ID], row[R_UPDATED_STAMP]));
	jw_str(w, "date", iso_utc(p, row[R_UPDATED]));
	jw_raw(w, "tag", rel.tags);
	jw_str(w, "initiationType", "tender");
	jw_str(w, "language", "zh");
	write_parties(w, &rel.ps);
	org_ref(w, "buyer", rel.buyer);
	write_planning(p, w, &rel);
	write_tender(p, w, &rel);
	if (rel.award)
		write_award(p, w, &rel);
	if (rel.contract)
		write_contract(p, w, &rel);
	jw_close(w, '}');
	return XE_OK;
}

void ocds_package_begin(struct jw *w, const struct ocds_export *x, const char *uri)
{
	char now[32];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	jw_open(w, NULL, '{');
	jw_str(w, "uri", uri);
	jw_str(w, "version", "1.1");
	jw_str(w, "publishedDate", iso_utc(x->p, now));
	jw_open(w, "publisher", '{');
	jw_str(w, "name", x->site->name);
	jw_str(w, "uri", pool_printf(x->p, "%s%s/%s/", x->origin, x->prefix, x->site->key));
	jw_close(w, '}');
	jw_open(w, "releases", '[');
}

void ocds_package_end(struct jw *w, const char *next_url)
{
	jw_close(w, ']');
	if (next_url != NULL) {
		jw_open(w, "links", '{');
		jw_str(w, "next", next_url);
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

enum xerr ocds_releases(struct ocds_export *x, struct jw *w, size_t *written, bool *more)
{
	*written = 0;
	*more = false;
	xmlDocPtr catalog = app_catalog(x->app, x->site->variant);
	const char *codes[16];
	size_t ncodes = ocds_columns(x->p, catalog, codes, 16);
	const char *from = x->from ? pool_printf(x->p, "%s 00:00:00", x->from) : "1000-01-01 00:00:00";
	const char *to = "9999-12-31 23:59:59";
	int32_t d;
	if (x->to != NULL && parse_date(x->to, &d)) {
		char next_day[11];
		format_date(d + 1, next_day);
		to = pool_printf(x->p, "%s 00:00:00", next_day);
	}
	const char *when = x->after_when ? x->after_when : "1000-01-01 00:00:00";
	long long limit = x->limit > 0 ? x->limit : 100;
	/* Each procurement column in keyset order, then merged (a notice appears once). */
	struct orow *rows = NULL;
	size_t nrows = 0;
	for (size_t k = 0; k < ncodes; k++) {
		struct db_result r;
		enum xerr e = db_query(x->db, x->p, &r,
		                       "SELECT n.id, n.title, n.issuer, n.index_no, n.category_code, n.doc_number, "
		                       "DATE_FORMAT(c.published_at, '%Y-%m-%d %H:%i:%s'), UNIX_TIMESTAMP(c.published_at), "
		                       "UNIX_TIMESTAMP(GREATEST(n.updated_at, c.published_at)), "
		                       "DATE_FORMAT(GREATEST(n.updated_at, c.published_at), '%Y%m%d%H%i%s'), LEFT(n.body, 400) "
		                       "FROM notice_columns c STRAIGHT_JOIN notices n ON n.id = c.notice_id "
		                       "WHERE c.site_id = ? AND c.column_code = ? AND c.published_at >= ? AND c.published_at < ? "
		                       "AND (c.published_at > ? OR (c.published_at = ? AND c.notice_id > ?)) "
		                       "ORDER BY c.published_at, c.notice_id LIMIT ?",
		                       "isssssii", x->site->id, codes[k], from, to, when, when, x->after_id, limit + 1);
		if (e != XE_OK)
			return e;
		struct orow *grown = pool_alloc(x->p, (nrows + r.nrows + 1) * sizeof *grown);
		if (nrows)
			memcpy(grown, rows, nrows * sizeof *rows);
		for (size_t i = 0; i < r.nrows; i++)
			grown[nrows++] = (struct orow){r.rows[i], strtoll(r.rows[i][0], NULL, 10)};
		rows = grown;
	}
	if (nrows == 0)
		return XE_OK;
	qsort(rows, nrows, sizeof *rows, orow_cmp);
	size_t unique = 0;
	for (size_t i = 0; i < nrows; i++)
		if (unique == 0 || rows[unique - 1].id != rows[i].id)
			rows[unique++] = rows[i];
	*more = unique > (size_t)limit;
	size_t n = *more ? (size_t)limit : unique;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr cat = catalog_find(catalog, rows[i].r[R_CATEGORY]);
		if (cat != NULL && ocds_category_included(cat)) {
			enum xerr e = write_release(x, w, rows[i].r, cat);
			if (e != XE_OK)
				return e;
			(*written)++;
		}
		x->after_when = rows[i].r[R_PUBLISHED_AT];
		x->after_id = rows[i].id;
	}
	return XE_OK;
}

enum xerr ocds_release_one(struct ocds_export *x, struct jw *w, long long notice_id, bool *written)
{
	*written = false;
	struct db_result r;
	enum xerr e = db_query(x->db, x->p, &r,
	                       "SELECT n.id, n.title, n.issuer, n.index_no, n.category_code, n.doc_number, "
	                       "DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s'), UNIX_TIMESTAMP(n.published_at), "
	                       "UNIX_TIMESTAMP(GREATEST(n.updated_at, n.published_at)), "
	                       "DATE_FORMAT(GREATEST(n.updated_at, n.published_at), '%Y%m%d%H%i%s'), LEFT(n.body, 400) "
	                       "FROM notices n WHERE n.id = ? AND n.site_id = ? AND n.published_at IS NOT NULL",
	                       "ii", notice_id, x->site->id);
	if (e != XE_OK || r.nrows == 0)
		return e;
	xmlNodePtr cat = catalog_find(app_catalog(x->app, x->site->variant), r.rows[0][R_CATEGORY]);
	if (cat == NULL || !ocds_category_included(cat))
		return XE_OK;
	*written = true;
	return write_release(x, w, r.rows[0], cat);
}
