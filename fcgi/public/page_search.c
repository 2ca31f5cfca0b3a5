/* /xxgk/{site}/search?q=…&page=N — full-text search of the site's published notices (titles,
 * content items, bodies), all terms required, newest first, in bounded numbered pages, with the
 * terms highlighted as <mark> elements built here as nodes (never markup in strings).
 * How the index works and why: search.h and README.md "## Search". */
#include "server/handlers.h"
#include "core/render.h"
#include "notices/search.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

static const struct field_spec search_fields[] = {
	{"q", FT_LINE, false, SEARCH_MAX_CHARS, 0, 0, NULL, "搜索词"},
	{"page", FT_INT, false, 0, 1, SEARCH_MAX_PAGES, NULL, "页码"},
};

/* Characters of snippet context before the first occurrence, and the snippet's length. */
#define SNIPPET_BEFORE 30
#define SNIPPET_WIDTH 120
/* Work a search request may spend bringing the index up to date (search_apply). */
#define SYNC_BUDGET_S 0.25

static const char *url_encode(struct pool *p, const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_url_encode(&b, s);
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
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

static xmlNodePtr page_link(struct request *req, xmlNodePtr paging, const char *name, const char *q, long long page)
{
	xmlNodePtr l = xmlNewChild(paging, NULL, (const xmlChar *)name, NULL);
	xml_attr_int(l, "n", page);
	xml_attr(l, "href", pool_printf(req->pool, "%ssearch?q=%s&page=%lld", site_base(req), url_encode(req->pool, q), page));
	return l;
}

static enum xerr bad_input(struct request *req, xmlDocPtr doc, xmlNodePtr sn, const char *field, const char *message)
{
	xmlNodePtr err = xml_add(sn, "error", message);
	xml_attr(err, "field", field);
	req->status = 400;
	return render(req, doc, "search");
}

/* This page's notice ids, newest first, and how many notices match in all. One Groonga select
 * gives both (search_groonga_select); where MariaDB lacks the mroonga_command() function (it
 * comes with the plugin's install.sql, cms-integration/GUIDE.md), the same by two SQL passes:
 * the page (Mroonga's ORDER BY LIMIT optimisation, which needs the WHERE to be the MATCH alone:
 * the site is inside the Groonga query), then the count, only when the first page is full or
 * another page is asked for. */
static enum xerr page_matches(struct request *req, const struct search_terms *terms, long long page, long long *ids,
                              size_t *nids, long long *total)
{
	long long offset = (page - 1) * SEARCH_PAGE_SIZE;
	enum xerr e;
	const char *json = db_value(req->db, req->pool, &e, "SELECT mroonga_command(?)", "s",
	                            search_groonga_select(req->pool, req->site->id, terms, offset, SEARCH_PAGE_SIZE));
	if (e == XE_OK)
		return search_groonga_parse(json, total, ids, SEARCH_PAGE_SIZE, nids) ? XE_OK : XE_INTERNAL;
	if (!db_error_no_such_function(req->db))
		return e;
	const char *gq = search_query_string(req->pool, req->site->id, terms);
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SET STATEMENT mroonga_boolean_mode_syntax_flags = 'DEFAULT,ALLOW_COLUMN', "
	             "mroonga_match_escalation_threshold = -1 FOR "
	             "SELECT notice_id FROM search_docs WHERE MATCH(content) AGAINST(? IN BOOLEAN MODE) "
	             "ORDER BY published_at DESC, notice_id DESC LIMIT ?, ?",
	             "sii", gq, offset, (long long)SEARCH_PAGE_SIZE);
	if (e != XE_OK)
		return e;
	*nids = r.nrows;
	for (size_t i = 0; i < r.nrows; i++)
		ids[i] = strtoll(r.rows[i][0], NULL, 10);
	*total = (long long)r.nrows;
	if (page > 1 || r.nrows >= SEARCH_PAGE_SIZE) {
		const char *count = db_value(req->db, req->pool, &e,
		                             "SET STATEMENT mroonga_boolean_mode_syntax_flags = 'DEFAULT,ALLOW_COLUMN', "
		                             "mroonga_match_escalation_threshold = -1 FOR "
		                             "SELECT COUNT(*) FROM search_docs WHERE MATCH(content) AGAINST(? IN BOOLEAN MODE)",
		                             "s", gq);
		if (e != XE_OK)
			return e;
		*total = count ? strtoll(count, NULL, 10) : 0;
	}
	return XE_OK;
}

/* The listed notices (id, title, issuer, date, the indexed text for the snippet) in the order of
 * ids. Each is checked against the notice itself: published, this site's. Unused places are 0,
 * which no notice has, so the statement is one text whatever the page holds. */
static enum xerr page_rows(struct request *req, const long long *ids, size_t nids, struct db_result *out)
{
	long long id[SEARCH_PAGE_SIZE] = {0};
	for (size_t i = 0; i < nids && i < SEARCH_PAGE_SIZE; i++)
		id[i] = ids[i];
	_Static_assert(SEARCH_PAGE_SIZE == 20, "one placeholder per result of a page");
	struct db_result r;
	enum xerr e = db_query(
	    req->db, req->pool, &r,
	    "SELECT n.id, n.title, n.issuer, DATE_FORMAT(n.published_at, '%Y-%m-%d'), LEFT(s.content, 20000) "
	    "FROM notices n JOIN search_docs s ON s.notice_id = n.id "
	    "WHERE n.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
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

enum xerr page_search(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "search", &root);
	xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"search", NULL);
	const char *raw_q = request_param(req, "q");
	xml_attr(sn, "q", raw_q ? raw_q : "");
	const char *values[2];
	struct field_error fe;
	if (!form_validate(req->pool, &req->query, search_fields, 2, values, &fe))
		return bad_input(req, doc, sn, fe.field, pool_printf(req->pool, "%s%s", fe.label, fe.message));
	const char *q = values[0] ? values[0] : "";
	long long page = 1;
	if (values[1] != NULL && !parse_int(values[1], 1, SEARCH_MAX_PAGES, &page))
		return XE_BAD_REQUEST; /* form_validate checked it: cannot happen */
	xml_attr(sn, "q", q);
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
	xml_attr(sn, "href", pool_printf(req->pool, "%ssearch?q=%s", site_base(req), url_encode(req->pool, q)));

	/* Bring the index up to date with what was committed since the last search (usually
	 * nothing: one index probe). A bulk import is applied a slice per request; the page says
	 * so until it is done (or `xxgkctl search sync` does it at once). */
	long long applied = 0;
	bool more;
	enum xerr e = search_apply(req->db, 100, SYNC_BUDGET_S, NULL, &applied, &more);
	if (e != XE_OK)
		return e;
	if (more)
		xml_attr(sn, "updating", "1");

	long long ids[SEARCH_PAGE_SIZE], total;
	size_t nids;
	e = page_matches(req, &terms, page, ids, &nids, &total);
	if (e != XE_OK)
		return e;
	struct db_result r;
	if ((e = page_rows(req, ids, nids, &r)) != XE_OK)
		return e;
	long long pages = (total + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE;
	if (pages > SEARCH_MAX_PAGES)
		pages = SEARCH_MAX_PAGES;
	xml_attr_int(sn, "total", total);
	xml_attr_int(sn, "page", page);
	xml_attr_int(sn, "pages", pages);
	xml_attr_int(sn, "listed", total < (long long)SEARCH_MAX_PAGES * SEARCH_PAGE_SIZE
	                                ? total
	                                : (long long)SEARCH_MAX_PAGES * SEARCH_PAGE_SIZE);
	xml_attr_int(sn, "first", (page - 1) * SEARCH_PAGE_SIZE + 1);

	xmlNodePtr results = xmlNewChild(sn, NULL, (const xmlChar *)"results", NULL);
	for (size_t i = 0; i < r.nrows; i++) {
		char **row = r.rows[i];
		xmlNodePtr res = xmlNewChild(results, NULL, (const xmlChar *)"result", NULL);
		xml_attr(res, "id", row[0]);
		xml_attr(res, "issuer", row[2]);
		xml_attr(res, "date", row[3]);
		xmlNodePtr title = xmlNewChild(res, NULL, (const xmlChar *)"title", NULL);
		add_highlighted(req, title, row[1], 0, strlen(row[1]), &terms);
		/* The snippet comes from the items and body: the indexed text after its first line
		 * (the title). With no occurrence there (a match in the title only), its start. */
		const char *src = row[4] ? row[4] : "";
		const char *nl = strchr(src, '\n');
		const char *rest = nl ? nl + 1 : "";
		size_t len = strlen(rest), from, to;
		search_snippet(rest, len, &terms, SNIPPET_BEFORE, SNIPPET_WIDTH, &from, &to);
		xmlNodePtr snip = xmlNewChild(res, NULL, (const xmlChar *)"snippet", NULL);
		if (from > 0)
			xml_attr(snip, "lead", "1");
		if (to < len)
			xml_attr(snip, "trail", "1");
		add_highlighted(req, snip, rest, from, to, &terms);
	}
	if (pages > 1) {
		xmlNodePtr paging = xmlNewChild(sn, NULL, (const xmlChar *)"paging", NULL);
		xml_attr_int(paging, "page", page);
		xml_attr_int(paging, "pages", pages);
		if (page > 1 && page <= pages)
			page_link(req, paging, "prev", q, page - 1);
		if (page < pages)
			page_link(req, paging, "next", q, page + 1);
		long long lo = page - 4 < 1 ? 1 : page - 4, hi = lo + 8 > pages ? pages : lo + 8;
		if (hi - 8 < lo && hi - 8 >= 1)
			lo = hi - 8;
		for (long long k = lo; k <= hi; k++) {
			xmlNodePtr l = page_link(req, paging, "to", q, k);
			if (k == page)
				xml_attr(l, "current", "1");
		}
	}
	return render(req, doc, "search");
}
