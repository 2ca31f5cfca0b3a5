#include "notices/notice_list.h"
#include "core/exchange.h"
#include "core/render.h"
#include "core/site.h"
#include "core/text.h"
#include <string.h>

/* notice_columns alone (its rows carry the title, sql/010_list_titles.sql), joined to the site:
 * the page's one statement also loads req->site when dispatch left it to the page. The date is
 * cut from published_at here: DATE_FORMAT on each row cost MariaDB 7% of the statement. */
#define LIST_SELECT "SELECT " SITE_COLS ", nc.notice_id, nc.title, nc.published_at " \
                  "FROM " SITE_FROM "JOIN notice_columns nc ON nc.site_id = s.id " \
                  "WHERE s.site_key = ? AND nc.column_code = ? "

enum xerr notice_list_read(struct request *req, const char *column_code, int page_size, struct notice_page *out)
{
	*out = (struct notice_page){.before = request_param(req, "before"), .after = request_param(req, "after")};
	const char *when = NULL;
	long long id = 0;
	if (out->before != NULL && out->after != NULL)
		return XE_BAD_REQUEST;
	if ((out->before != NULL && !cursor_parse(req->pool, out->before, &when, &id)) ||
	    (out->after != NULL && !cursor_parse(req->pool, out->after, &when, &id)))
		return XE_BAD_REQUEST;
	/* Site-wide lists use the site's own column "*" row set. */
	const char *col = column_code ? column_code : "*";
	long long limit = page_size + 1;
	struct db_result *r = &out->rows;
	enum xerr e;
	/* The site's row (const), then one range of notice_columns' primary key, LIMIT rows, at any
	 * depth. An inner join: with a LEFT JOIN MariaDB sorts the whole column in a temporary table. */
	if (out->before != NULL)
		e = db_query(req->db, req->pool, r,
		             LIST_SELECT "AND (nc.published_at < ? OR (nc.published_at = ? AND nc.notice_id < ?)) "
		             "ORDER BY nc.published_at DESC, nc.notice_id DESC LIMIT ?",
		             "ssssii", req->site_key, col, when, when, id, limit);
	else if (out->after != NULL)
		e = db_query(req->db, req->pool, r,
		             LIST_SELECT "AND (nc.published_at > ? OR (nc.published_at = ? AND nc.notice_id > ?)) "
		             "ORDER BY nc.published_at ASC, nc.notice_id ASC LIMIT ?",
		             "ssssii", req->site_key, col, when, when, id, limit);
	else
		e = db_query(req->db, req->pool, r,
		             LIST_SELECT "ORDER BY nc.published_at DESC, nc.notice_id DESC LIMIT ?",
		             "ssi", req->site_key, col, limit);
	if (e != XE_OK)
		return e;
	/* No rows: an empty column (or a page past its end), or no such site. */
	if (req->site == NULL) {
		if (r->nrows > 0)
			site_from_row(req, r->rows[0]);
		else if ((e = site_load(req, req->site_key)) != XE_OK)
			return e;
	}
	out->more = r->nrows > (size_t)page_size;
	out->n = out->more ? (size_t)page_size : r->nrows;
	/* The notice's columns after the site's. */
	for (size_t i = 0; i < out->n; i++)
		r->rows[i] += SITE_NCOLS;
	/* An "after" page was read oldest first: show it newest first like the others. */
	if (out->after != NULL) {
		for (size_t i = 0; i < out->n / 2; i++) {
			char **t = r->rows[i];
			r->rows[i] = r->rows[out->n - 1 - i];
			r->rows[out->n - 1 - i] = t;
		}
	}
	return XE_OK;
}

void notice_list_xml(struct request *req, xmlNodePtr parent, const struct notice_page *page)
{
	const struct db_result *r = &page->rows;
	size_t n = page->n;
	bool more = page->more;
	const char *before = page->before, *after = page->after;
	xmlNodePtr list = xmlNewChild(parent, NULL, (const xmlChar *)"notices", NULL);
	static const char *const cols[] = {"id", "title"};
	for (size_t i = 0; i < n; i++) {
		char **row = r->rows[i];
		xmlNodePtr item = xml_add_row(list, "notice", row, cols, FIELDS_OF(cols));
		/* "YYYY-MM-DD hh:mm:ss": the day is its first ten bytes. */
		xml_attr(item, "date", pool_strndup(req->pool, row[2], strnlen(row[2], 10)));
	}
	xmlNodePtr paging = xmlNewChild(parent, NULL, (const xmlChar *)"paging", NULL);
	if (n > 0) {
		char **first = r->rows[0], **last = r->rows[n - 1];
		bool has_newer = before != NULL || (after != NULL && more);
		bool has_older = (before == NULL && after == NULL && more) || (before != NULL && more) || after != NULL;
		if (has_newer)
			xml_attr(paging, "newer", cursor_make(req->pool, first[2], first[0]));
		if (has_older)
			xml_attr(paging, "older", cursor_make(req->pool, last[2], last[0]));
	}
	if (before != NULL || after != NULL)
		xml_attr(paging, "first", "1");
}
