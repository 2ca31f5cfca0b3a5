#include "notice_list.h"
#include "exchange.h"
#include "render.h"
#include "text.h"
#include <string.h>

/* notice_columns alone: its rows carry the title (sql/010_list_titles.sql). */
#define LIST_COLS "notice_id, title, DATE_FORMAT(published_at, '%Y-%m-%d'), published_at FROM notice_columns "

enum xerr notice_list(struct request *req, xmlNodePtr parent, const char *column_code, int page_size)
{
	const char *before = request_param(req, "before"), *after = request_param(req, "after");
	const char *when = NULL;
	long long id = 0;
	if (before != NULL && after != NULL)
		return XE_BAD_REQUEST;
	if ((before != NULL && !cursor_parse(req->pool, before, &when, &id)) ||
	    (after != NULL && !cursor_parse(req->pool, after, &when, &id)))
		return XE_BAD_REQUEST;
	/* Site-wide lists use the site's own column "*" row set. */
	const char *col = column_code ? column_code : "*";
	long long limit = page_size + 1;
	struct db_result r;
	enum xerr e;
	/* One range of notice_columns' primary key, LIMIT rows, at any depth. */
	if (before != NULL)
		e = db_query(req->db, req->pool, &r,
		             "SELECT " LIST_COLS
		             "WHERE site_id = ? AND column_code = ? AND (published_at < ? OR "
		             "(published_at = ? AND notice_id < ?)) "
		             "ORDER BY published_at DESC, notice_id DESC LIMIT ?",
		             "isssii", req->site->id, col, when, when, id, limit);
	else if (after != NULL)
		e = db_query(req->db, req->pool, &r,
		             "SELECT " LIST_COLS
		             "WHERE site_id = ? AND column_code = ? AND (published_at > ? OR "
		             "(published_at = ? AND notice_id > ?)) "
		             "ORDER BY published_at ASC, notice_id ASC LIMIT ?",
		             "isssii", req->site->id, col, when, when, id, limit);
	else
		e = db_query(req->db, req->pool, &r,
		             "SELECT " LIST_COLS
		             "WHERE site_id = ? AND column_code = ? "
		             "ORDER BY published_at DESC, notice_id DESC LIMIT ?",
		             "isi", req->site->id, col, limit);
	if (e != XE_OK)
		return e;
	bool more = r.nrows > (size_t)page_size;
	size_t n = more ? (size_t)page_size : r.nrows;
	/* An "after" page was read oldest first: show it newest first like the others. */
	if (after != NULL) {
		for (size_t i = 0; i < n / 2; i++) {
			char **t = r.rows[i];
			r.rows[i] = r.rows[n - 1 - i];
			r.rows[n - 1 - i] = t;
		}
	}
	xmlNodePtr list = xmlNewChild(parent, NULL, (const xmlChar *)"notices", NULL);
	static const char *const cols[] = {"id", "title", "date", NULL};
	for (size_t i = 0; i < n; i++)
		xml_add_row(list, "notice", r.rows[i], cols, 4);
	xmlNodePtr paging = xmlNewChild(parent, NULL, (const xmlChar *)"paging", NULL);
	if (n > 0) {
		char **first = r.rows[0], **last = r.rows[n - 1];
		bool has_newer = before != NULL || (after != NULL && more);
		bool has_older = (before == NULL && after == NULL && more) || (before != NULL && more) || after != NULL;
		if (has_newer)
			xml_attr(paging, "newer", cursor_make(req->pool, first[3], first[0]));
		if (has_older)
			xml_attr(paging, "older", cursor_make(req->pool, last[3], last[0]));
	}
	if (before != NULL || after != NULL)
		xml_attr(paging, "first", "1");
	return XE_OK;
}
