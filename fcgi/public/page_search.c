/* /xxgk/{site}/search?q=…&c=…&body=…&from=…&to=…&sort=…&page=N — full-text search of the site's
 * published notices (titles, items with their labels, bodies, issuing bodies, column names), all
 * terms required, filtered by column (a category includes its sub-categories), issuing body and
 * publication dates, newest first or by relevance, with counts per domain, body and year, in
 * bounded numbered pages, the terms highlighted as <mark> elements built here as nodes (never
 * markup in strings). How the index works and why: search.h and README.md "## Search". */
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "notices/catalog.h"
#include "notices/search.h"
#include "notices/search_memory.h"
#include <stdlib.h>
#include <string.h>

static const char *const sorts[] = {"date", "relevance", NULL};
enum field { F_Q, F_PAGE, F_COLUMN, F_BODY, F_FROM, F_TO, F_SORT, F__N };
static const struct field_spec fields[F__N] = {
	[F_Q] = {"q", FT_LINE, false, SEARCH_MAX_CHARS, 0, 0, NULL, "搜索词"},
	[F_PAGE] = {"page", FT_INT, false, 0, 1, SEARCH_MAX_PAGES, NULL, "页码"},
	[F_COLUMN] = {"c", FT_CODE, false, 63, 0, 0, NULL, "栏目"},
	[F_BODY] = {"body", FT_LINE, false, 100, 0, 0, NULL, "发布机构"},
	[F_FROM] = {"from", FT_DATE, false, 0, 0, 0, NULL, "起始日期"},
	[F_TO] = {"to", FT_DATE, false, 0, 0, 0, NULL, "截止日期"},
	[F_SORT] = {"sort", FT_CHOICE, false, 0, 0, 0, sorts, "排序"},
};

/* Characters of snippet context before the first occurrence, and the snippet's length. */
#define SNIPPET_BEFORE 30
#define SNIPPET_WIDTH 120
/* Work a search request may spend bringing the index up to date (search_apply). */
#define SYNC_BUDGET_S 0.25

/* The address of this search with some fields changed (NULL: left out), page 1 unless given. */
static const char *href_with(struct request *req, const struct field_value *v, enum field change, const char *value,
                             enum field change2, const char *value2, long long page)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, site_base(req));
	buf_puts(&b, "search");
	char sep = '?';
	for (enum field f = F_Q; f < F__N; f++) {
		const char *val = f == change ? value : f == change2 ? value2 : v[f].text;
		if (f == F_PAGE || val == NULL || (f == F_SORT && strcmp(val, "date") == 0))
			continue;
		buf_putc(&b, sep);
		buf_puts(&b, fields[f].name);
		buf_putc(&b, '=');
		buf_url_encode(&b, val);
		sep = '&';
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%lld", sep, page);
	const char *r = pool_strdup(req->pool, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static const char *href_page(struct request *req, const struct field_value *v, long long page)
{
	return href_with(req, v, F__N, NULL, F__N, NULL, page);
}

/* Appends text[from..to) to parent as text nodes and <mark> elements; line breaks become spaces. */
static void add_highlighted(struct request *req, xmlNodePtr parent, const char *text, size_t from, size_t to,
                            const struct search_terms *t)
{
	char *piece = pool_strndup(req->pool, text + from, to - from);
	for (char *c = piece; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	struct search_span *spans;
	size_t n = search_highlight(req->pool, piece, strlen(piece), t, &spans);
	for (size_t i = 0; i < n; i++) {
		char *s = pool_strndup(req->pool, piece + spans[i].start, spans[i].end - spans[i].start);
		if (!text_valid(s, strlen(s)))
			s = "\xef\xbf\xbd";
		if (spans[i].mark)
			xml_add(parent, "mark", s);
		else
			xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)s));
	}
}

/* The listed notices (id, title, issuer, date, the indexed text for the snippet) in the order of
 * ids. Each is checked against the notice itself: published, this site's. Unused places are 0,
 * which no notice has, so the statement is one text whatever the page holds. By the primary key
 * only: left to choose, MariaDB's optimiser also sizes up each index that starts with site_id
 * (bench/README.md, "Search at a million: the floor of the ladder"). */
static enum xerr page_rows(struct request *req, const long long *ids, size_t nids, struct db_result *out)
{
	long long id[SEARCH_PAGE_SIZE] = {0};
	for (size_t i = 0; i < nids && i < SEARCH_PAGE_SIZE; i++)
		id[i] = ids[i];
	_Static_assert(SEARCH_PAGE_SIZE == 20, "one placeholder per result of a page");
	struct db_result r;
	enum xerr e = db_query(
	    req->db, req->pool, &r,
	    "SELECT n.id, n.title, n.issuer, DATE_FORMAT(n.published_at, '%Y-%m-%d'), n.items_json, LEFT(n.body, 20000) "
	    "FROM notices n FORCE INDEX (PRIMARY) WHERE n.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "AND n.site_id = ? AND n.status = 'published'",
	    "iiiiiiiiiiiiiiiiiiiii", id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10],
	    id[11], id[12], id[13], id[14], id[15], id[16], id[17], id[18], id[19], req->site->id);
	if (e != XE_OK)
		return e;
	/* Back into the index's order (newest first): at most 20 by 20. */
	long long got[SEARCH_PAGE_SIZE];
	for (size_t k = 0; k < r.nrows && k < SEARCH_PAGE_SIZE; k++)
		got[k] = strtoll(r.rows[k][0], NULL, 10);
	*out = (struct db_result){.ncols = r.ncols, .rows = pool_alloc(req->pool, SEARCH_PAGE_SIZE * sizeof *out->rows)};
	for (size_t i = 0; i < nids; i++)
		for (size_t k = 0; k < r.nrows && k < SEARCH_PAGE_SIZE; k++)
			if (got[k] == ids[i])
				out->rows[out->nrows++] = r.rows[k];
	return XE_OK;
}

static xmlNodePtr page_link(struct request *req, xmlNodePtr paging, const char *name, const struct field_value *v,
                            long long page)
{
	xmlNodePtr l = xmlNewChild(paging, NULL, (const xmlChar *)name, NULL);
	xml_attr_int(l, "n", page);
	xml_attr(l, "href", href_page(req, v, page));
	return l;
}

static enum xerr bad_input(struct request *req, xmlDocPtr doc, xmlNodePtr sn, const char *field, const char *message)
{
	xmlNodePtr err = xml_add(sn, "error", message);
	xml_attr(err, "field", field);
	req->status = 400;
	return render(req, doc, "search");
}

/* The filters as asked, on the page (the form shows them) and for Groonga. An unknown column is
 * the caller's error (*why), as are dates in the wrong order. The query is on the page already,
 * as typed. */
static bool read_filters(struct request *req, xmlNodePtr sn, const struct field_value *v, struct search_filters *f,
                         const char **why)
{
	for (enum field k = F_COLUMN; k < F__N; k++) /* the filters follow the query and the page */
		xml_attr(sn, fields[k].name, v[k].text);
	*f = (struct search_filters){.column = v[F_COLUMN].text, .issuer = v[F_BODY].text, .from = v[F_FROM].text,
	                             .to = v[F_TO].text, .sort = v[F_SORT].text ? (enum search_sort)v[F_SORT].num : SEARCH_SORT_DATE};
	if (f->column != NULL && catalog_find(app_catalog(req->app, req->site->variant), f->column) == NULL) {
		*why = "c";
		return false;
	}
	if (f->from != NULL && f->to != NULL && v[F_FROM].num > v[F_TO].num) {
		*why = "to";
		return false;
	}
	return true;
}

/* The counts per domain, issuing body and year, each value with the address that filters by it
 * (a year filters by its first and last day). */
static void add_facets(struct request *req, xmlNodePtr sn, const struct field_value *v, const struct search_answer *a)
{
	static const char *const names[SEARCH_FACET__N] = {"domain", "issuer", "year"};
	for (int k = 0; k < SEARCH_FACET__N; k++) {
		if (a->nfacets[k] == 0)
			continue;
		xmlNodePtr fn = xmlNewChild(sn, NULL, (const xmlChar *)"facet", NULL);
		xml_attr(fn, "name", names[k]);
		for (size_t i = 0; i < a->nfacets[k]; i++) {
			const char *key = a->facets[k][i].key;
			xmlNodePtr vn = xmlNewChild(fn, NULL, (const xmlChar *)"value", NULL);
			xml_attr(vn, "key", key);
			xml_attr_int(vn, "n", a->facets[k][i].n);
			const char *href = k == SEARCH_FACET_DOMAIN ? href_with(req, v, F_COLUMN, key, F__N, NULL, 1)
			                   : k == SEARCH_FACET_ISSUER
			                       ? href_with(req, v, F_BODY, key, F__N, NULL, 1)
			                       : href_with(req, v, F_FROM, pool_printf(req->pool, "%s-01-01", key), F_TO,
			                                   pool_printf(req->pool, "%s-12-31", key), 1);
			xml_attr(vn, "href", href);
		}
	}
	/* Each filter in force, with the address that drops it. */
	static const enum field filters[] = {F_COLUMN, F_BODY, F_FROM, F_TO};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		if (v[filters[i]].text == NULL)
			continue;
		xmlNodePtr an = xml_add(sn, "active", v[filters[i]].text);
		xml_attr(an, "name", fields[filters[i]].name);
		xml_attr(an, "href", href_with(req, v, filters[i], NULL, F__N, NULL, 1));
	}
}

static void add_results(struct request *req, xmlNodePtr sn, const struct db_result *r, const struct search_terms *terms)
{
	xmlNodePtr results = xmlNewChild(sn, NULL, (const xmlChar *)"results", NULL);
	for (size_t i = 0; i < r->nrows; i++) {
		char **row = r->rows[i];
		xmlNodePtr res = xmlNewChild(results, NULL, (const xmlChar *)"result", NULL);
		xml_attr(res, "id", row[0]);
		xml_attr(res, "issuer", row[2]);
		xml_attr(res, "date", row[3]);
		xmlNodePtr title = xmlNewChild(res, NULL, (const xmlChar *)"title", NULL);
		add_highlighted(req, title, row[1], 0, strlen(row[1]), terms);
		/* The snippet comes from the items and body: the indexed text after its title, built
		 * again from the notice (search_docs is a Mroonga table, and reading it by SQL costs
		 * MariaDB more than the rest of the page). With no occurrence there (a match in the
		 * title only), its start. */
		struct buf text;
		buf_init(&text);
		search_doc_rest(&text, req->pool, row[4], row[5], row[2], "");
		const char *rest = buf_cstr(&text);
		size_t len = text.len, from, to;
		search_snippet(rest, len, terms, SNIPPET_BEFORE, SNIPPET_WIDTH, &from, &to);
		xmlNodePtr snip = xmlNewChild(res, NULL, (const xmlChar *)"snippet", NULL);
		if (from > 0)
			xml_attr(snip, "lead", "1");
		if (to < len)
			xml_attr(snip, "trail", "1");
		add_highlighted(req, snip, rest, from, to, terms);
		buf_free(&text);
	}
}

static void add_paging(struct request *req, xmlNodePtr sn, const struct field_value *v, long long page, long long pages)
{
	if (pages <= 1)
		return;
	xmlNodePtr paging = xmlNewChild(sn, NULL, (const xmlChar *)"paging", NULL);
	xml_attr_int(paging, "page", page);
	xml_attr_int(paging, "pages", pages);
	if (page > 1 && page <= pages)
		page_link(req, paging, "prev", v, page - 1);
	if (page < pages)
		page_link(req, paging, "next", v, page + 1);
	long long lo = page - 4 < 1 ? 1 : page - 4, hi = lo + 8 > pages ? pages : lo + 8;
	if (hi - 8 < lo && hi - 8 >= 1)
		lo = hi - 8;
	for (long long k = lo; k <= hi; k++) {
		xmlNodePtr l = page_link(req, paging, "to", v, k);
		if (k == page)
			xml_attr(l, "current", "1");
	}
}

/* How many results the pages may list: the count, at most SEARCH_COUNT_MAX. */
static long long listed_of(const struct search_answer *a)
{
	return a->capped || a->total > SEARCH_COUNT_MAX ? SEARCH_COUNT_MAX : a->total;
}

/* The count and the page numbers: exact up to SEARCH_COUNT_MAX, "1,000+" beyond, or an estimate
 * (said to be one) when the search stopped at a tier of the newest notices. */
static void add_counts(xmlNodePtr sn, const struct search_answer *a, long long page)
{
	long long listed = listed_of(a);
	long long pages = (listed + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE;
	xml_attr_int(sn, "total", a->estimated ? a->total : listed);
	if (a->capped)
		xml_attr(sn, "capped", "1");
	if (a->estimated)
		xml_attr(sn, "estimated", "1");
	if (a->partial)
		xml_attr(sn, "partial", "1");
	xml_attr_int(sn, "page", page);
	xml_attr_int(sn, "pages", pages > SEARCH_MAX_PAGES ? SEARCH_MAX_PAGES : pages);
	xml_attr_int(sn, "first", (page - 1) * SEARCH_PAGE_SIZE + 1);
}

enum xerr page_search(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "search", &root);
	xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"search", NULL);
	const char *raw_q = request_param(req, "q");
	xml_attr(sn, "q", raw_q ? raw_q : "");
	struct field_value v[F__N];
	struct field_error fe;
	bool parsed = form_parse(req->pool, &req->query, fields, v, &fe);
	/* The form's column choice, on every page, the one asked for chosen once it is read. */
	catalog_choices(sn, app_catalog(req->app, req->site->variant), parsed ? v[F_COLUMN].text : NULL);
	if (!parsed)
		return bad_input(req, doc, sn, fe.field, pool_printf(req->pool, "%s%s", fe.label, fe.message));
	struct search_filters f;
	const char *why;
	if (!read_filters(req, sn, v, &f, &why))
		return bad_input(req, doc, sn, why, strcmp(why, "c") == 0 ? "栏目不存在，请从列表中选择" : "起始日期不能晚于截止日期");
	const char *q = v[F_Q].text ? v[F_Q].text : "";
	long long page = v[F_PAGE].text ? v[F_PAGE].num : 1;
	struct search_terms terms;
	switch (search_split(req->pool, q, &terms)) {
	case SEARCH_EMPTY:
		return render(req, doc, "search"); /* the form, no results */
	case SEARCH_TOO_LONG:
		return bad_input(req, doc, sn, "q", pool_printf(req->pool, "搜索词不能超过%d个字符", SEARCH_MAX_CHARS));
	case SEARCH_TOO_MANY:
		return bad_input(req, doc, sn, "q",
		                 pool_printf(req->pool, "最多可以同时搜索%d个词（用空格分开），请减少搜索词", SEARCH_MAX_TERMS));
	case SEARCH_OK:
		break;
	}
	for (size_t i = 0; i < terms.n; i++)
		xml_add(sn, "term", terms.t[i].text);
	xml_attr(sn, "href", href_page(req, v, 1));

	/* Bring the index up to date with what was committed since the last search (usually
	 * nothing: known from the statement that reads the cutoffs). A bulk import is applied a slice
	 * per request; the page says so until it is done (or `xxgkctl search sync` does it at once). */
	struct search_cutoffs cutoffs;
	struct search_mark mark;
	bool behind;
	enum xerr e = search_prepare(req->db, req->pool, req->site->id, &behind, &mark, &cutoffs);
	if (e != XE_OK)
		return e;
	long long applied = 0;
	bool more = false;
	if (behind && (e = search_apply(req->db, req->app, 100, SYNC_BUDGET_S, NULL, &applied, &more)) != XE_OK)
		return e;
	if (more)
		xml_attr(sn, "updating", "1");

	/* The worker's copy of the tiers answers for the mark read before what was just applied. */
	const struct search_copy *copy = applied == 0 ? search_copy_get(req->search, req->site->id, &mark, &cutoffs) : NULL;
	struct search_answer a;
	e = search_run(req->db, req->pool, req->site->id, &cutoffs, copy, &terms, &f, (page - 1) * SEARCH_PAGE_SIZE, &a);
	search_copy_release(req->search, copy);
	/* Which index answered: the tests compare the two (the copy must answer as Groonga does). */
	request_header(req, "X-Search-Copy", a.copied ? "yes" : "no");
	if (e != XE_OK)
		return e;
	struct db_result r;
	if ((e = page_rows(req, a.ids, a.n, &r)) != XE_OK)
		return e;
	add_counts(sn, &a, page);
	add_facets(req, sn, v, &a);
	add_results(req, sn, &r, &terms);
	add_paging(req, sn, v, page, (listed_of(&a) + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE);
	return render(req, doc, "search");
}
