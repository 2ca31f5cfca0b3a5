#include "notices/completeness.h"
#include "notices/catalog.h"
#include "core/render.h"
#include <stdlib.h>
#include <string.h>

/* Byte length of a white-space (or invisible filler) character at s, 0 if s is not one. */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0) /* U+00A0 no-break space */
		return 2;
	if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) /* U+1680 */
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3; /* U+2000..U+200B (en/em/thin spaces, zero width space), U+2028, U+2029, U+202F */
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) /* U+205F */
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 ideographic space */
		return 3;
	if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) /* U+FEFF */
		return 3;
	return 0;
}

bool completeness_blank(const char *value)
{
	if (value == NULL)
		return true;
	const unsigned char *s = (const unsigned char *)value;
	while (*s) {
		size_t n = space_len(s);
		if (n == 0)
			return false;
		s += n;
	}
	return true;
}

static bool is_el(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static const char *prop(struct pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *r = pool_strdup(p, v ? (const char *)v : "");
	xmlFree(v);
	return r;
}

const char *completeness_category_path(struct pool *p, xmlNodePtr category)
{
	xmlNodePtr chain[16];
	size_t depth = 0;
	for (xmlNodePtr n = category; n != NULL && depth < 16 && (is_el(n, "domain") || is_el(n, "category")); n = n->parent)
		chain[depth++] = n;
	struct buf b;
	buf_init(&b);
	while (depth > 0) {
		xmlChar *name = xmlGetProp(chain[--depth], (const xmlChar *)"name");
		buf_puts(&b, name ? (const char *)name : "");
		xmlFree(name);
		if (depth > 0)
			buf_puts(&b, " › ");
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* One content item of a category as completeness sees it. */
struct item_rule {
	struct completeness_item it;
	const char *publication; /* NULL: published with every notice of the category */
	bool optional;           /* required only in some case (condition), or within another (part-of) */
	bool given;
};

static bool has_prop(xmlNodePtr n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

static bool given_in(const char *code, const char *const *codes, const char *const *values, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (codes[i] != NULL && strcmp(codes[i], code) == 0 && !completeness_blank(values[i]))
			return true;
	return false;
}

/* Whether the notice gives publication pub: it gives one of its items, or it gives none of any
 * publication and pub is the first (a notice is at least the first of them). */
static bool publication_given(const struct item_rule *r, size_t n, const char *pub)
{
	const char *first = NULL;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (r[i].publication == NULL)
			continue;
		if (first == NULL)
			first = r[i].publication;
		if (r[i].given && strcmp(r[i].publication, pub) == 0)
			return true;
		any = any || r[i].given;
	}
	return !any && first != NULL && strcmp(first, pub) == 0;
}

void completeness_check(struct pool *p, xmlNodePtr category, const char *const *codes, const char *const *values,
                        size_t n, struct completeness *out)
{
	const char *code = out->category_code;
	memset(out, 0, sizeof *out);
	out->category_code = code;
	out->category_path = "";
	if (!is_el(category, "category"))
		return;
	out->category_known = true;
	out->category_code = prop(p, category, "code");
	out->category_path = completeness_category_path(p, category);
	size_t count = 0;
	for (xmlNodePtr c = category->children; c != NULL; c = c->next)
		if (is_el(c, "item"))
			count++;
	struct item_rule *rules = pool_alloc(p, (count + 1) * sizeof *rules);
	out->required = pool_alloc(p, (count + 1) * sizeof *out->required);
	out->missing = pool_alloc(p, (count + 1) * sizeof *out->missing);
	/* Only the category's own items: a nested category's items belong to notices filed there. */
	size_t k = 0;
	for (xmlNodePtr c = category->children; c != NULL; c = c->next) {
		if (!is_el(c, "item"))
			continue;
		xmlChar *label = xmlNodeGetContent(c);
		struct item_rule *r = &rules[k++];
		r->it = (struct completeness_item){prop(p, c, "code"), pool_strdup(p, label ? (const char *)label : "")};
		xmlFree(label);
		r->publication = has_prop(c, "publication") ? prop(p, c, "publication") : NULL;
		r->optional = has_prop(c, "condition") || has_prop(c, "part-of");
		r->given = given_in(r->it.code, codes, values, n);
	}
	for (size_t i = 0; i < k; i++) {
		const struct item_rule *r = &rules[i];
		if (r->optional || (r->publication != NULL && !publication_given(rules, k, r->publication)))
			continue;
		out->required[out->nrequired++] = r->it;
		if (!r->given)
			out->missing[out->nmissing++] = r->it;
	}
}

static xmlNodePtr category_of(const struct app *app, const struct site *site, const char *code)
{
	xmlDocPtr catalog = app_catalog(app, site->variant);
	xmlNodePtr n = (catalog != NULL && code != NULL) ? catalog_find(catalog, code) : NULL;
	return is_el(n, "category") ? n : NULL;
}

void completeness_of_input(const struct app *app, const struct site *site, const struct notice_in *n, struct pool *p,
                           struct completeness *out)
{
	const char **codes = pool_alloc(p, (n->nitems + 1) * sizeof *codes);
	const char **values = pool_alloc(p, (n->nitems + 1) * sizeof *values);
	for (size_t i = 0; i < n->nitems; i++) {
		codes[i] = n->items[i].code;
		values[i] = n->items[i].value;
	}
	out->category_code = n->category_code ? pool_strdup(p, n->category_code) : "";
	completeness_check(p, category_of(app, site, n->category_code), codes, values, n->nitems, out);
}

enum xerr completeness_of_notice(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                                 long long notice_id, struct completeness *out)
{
	struct db_result r, items;
	enum xerr e = db_query(db, p, &r, "SELECT category_code FROM notices WHERE id = ? AND site_id = ?", "ii", notice_id,
	                       site->id);
	if (e == XE_OK && r.nrows == 0)
		e = XE_NOT_FOUND;
	if (e == XE_OK)
		e = db_query(db, p, &items, "SELECT item_code, value FROM notice_items WHERE notice_id = ?", "i", notice_id);
	if (e != XE_OK)
		return e;
	const char **codes = pool_alloc(p, (items.nrows + 1) * sizeof *codes);
	const char **values = pool_alloc(p, (items.nrows + 1) * sizeof *values);
	for (size_t i = 0; i < items.nrows; i++) {
		codes[i] = items.rows[i][0];
		values[i] = items.rows[i][1];
	}
	out->category_code = r.rows[0][0];
	completeness_check(p, category_of(app, site, r.rows[0][0]), codes, values, items.nrows, out);
	return XE_OK;
}

#define SCAN_BATCH 500

/* The columns of a batch's notices, and of their items. */
enum scan_col { S_ID, S_INDEX_NO, S_TITLE, S_STATUS, S_ISSUER, S_CATEGORY };
enum scan_item_col { I_NOTICE_ID, I_CODE, I_VALUE };

enum xerr completeness_scan(struct db *db, const struct app *app, const struct site *site,
                            bool (*fn)(void *ctx, const struct completeness_row *row), void *ctx, long long *count)
{
	long long after = 0, reported = 0;
	enum xerr e = XE_OK;
	bool more = true;
	while (more && e == XE_OK) {
		struct pool *p = pool_new();
		struct db_result r, items;
		/* In id order along the primary key: each batch starts where the last ended (the
		 * optimizer would otherwise sort all of the site's notices again for every batch). */
		e = db_query(db, p, &r,
		             "SELECT id, index_no, title, status, issuer, category_code FROM notices FORCE INDEX (PRIMARY) "
		             "WHERE id > ? AND site_id = ? AND status IN ('draft', 'published') ORDER BY id LIMIT 500",
		             "ii", after, site->id);
		if (e == XE_OK && r.nrows > 0) {
			long long last = strtoll(r.rows[r.nrows - 1][S_ID], NULL, 10);
			e = db_query(db, p, &items,
			             "SELECT i.notice_id, i.item_code, i.value FROM notices n "
			             "JOIN notice_items i ON i.notice_id = n.id "
			             "WHERE n.site_id = ? AND n.status IN ('draft', 'published') AND n.id > ? AND n.id <= ? "
			             "ORDER BY i.notice_id",
			             "iii", site->id, after, last);
			size_t k = 0; /* the first item row of the current notice */
			for (size_t i = 0; e == XE_OK && more && i < r.nrows; i++) {
				long long id = strtoll(r.rows[i][S_ID], NULL, 10);
				while (k < items.nrows && strtoll(items.rows[k][I_NOTICE_ID], NULL, 10) < id)
					k++;
				size_t end = k;
				while (end < items.nrows && strtoll(items.rows[end][I_NOTICE_ID], NULL, 10) == id)
					end++;
				const char **codes = pool_alloc(p, (end - k + 1) * sizeof *codes);
				const char **values = pool_alloc(p, (end - k + 1) * sizeof *values);
				for (size_t j = k; j < end; j++) {
					codes[j - k] = items.rows[j][I_CODE];
					values[j - k] = items.rows[j][I_VALUE];
				}
				struct completeness c = {.category_code = r.rows[i][S_CATEGORY]};
				completeness_check(p, category_of(app, site, r.rows[i][S_CATEGORY]), codes, values, end - k, &c);
				k = end;
				if (c.category_known && c.nmissing == 0)
					continue;
				char **n = r.rows[i];
				struct completeness_row row = {id, n[S_INDEX_NO], n[S_TITLE], n[S_STATUS], n[S_ISSUER], &c};
				reported++;
				if (!fn(ctx, &row))
					more = false;
			}
			after = last;
		}
		if (e == XE_OK && r.nrows < SCAN_BATCH)
			more = false;
		pool_free(p);
	}
	if (count != NULL)
		*count = reported;
	return e;
}

xmlNodePtr completeness_xml(xmlNodePtr parent, const struct completeness *c)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"completeness", NULL);
	xml_attr(n, "category", c->category_code);
	xml_attr(n, "known", c->category_known ? "1" : "0");
	xml_attr(n, "path", c->category_path);
	xml_attr_int(n, "required-count", (long long)c->nrequired);
	xml_attr_int(n, "missing-count", (long long)c->nmissing);
	for (size_t i = 0; i < c->nrequired; i++) {
		xmlNodePtr it = xmlNewChild(n, NULL, (const xmlChar *)"required", NULL);
		xml_attr(it, "code", c->required[i].code);
		xml_attr(it, "label", c->required[i].label);
	}
	for (size_t i = 0; i < c->nmissing; i++) {
		xmlNodePtr it = xmlNewChild(n, NULL, (const xmlChar *)"missing", NULL);
		xml_attr(it, "code", c->missing[i].code);
		xml_attr(it, "label", c->missing[i].label);
	}
	return n;
}

void completeness_category_list(struct pool *p, xmlNodePtr list, xmlNodePtr node)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(c->name, (const xmlChar *)"category")) {
			char *code = catalog_attr(c, "code");
			xml_attr(xml_add(list, "category", completeness_category_path(p, c)), "code", code);
			xmlFree(code);
		}
		if (xmlStrEqual(c->name, (const xmlChar *)"domain") || xmlStrEqual(c->name, (const xmlChar *)"category"))
			completeness_category_list(p, list, c);
	}
}
