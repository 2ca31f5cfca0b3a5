/* A column's notice list, newest first, paged by keyset (published_at, id): never OFFSET, so
 * page 5,000 costs what page 1 costs. */
#ifndef XXGK_NOTICE_LIST_H
#define XXGK_NOTICE_LIST_H
#include "core/request.h"
#include <libxml/tree.h>

#include "core/db.h"
#include <stdbool.h>

/* One page of a list: its rows (id, title, published_at), newest first. */
struct notice_page {
	struct db_result rows;
	size_t n;
	bool more;                 /* there is a page beyond this one */
	const char *before, *after; /* the cursor it was asked for, if any */
};

/* Reads a page of column_code's list (NULL: all of the site) with the "before" / "after" cursors
 * of the query string (a malformed one is XE_BAD_REQUEST). Loads req->site when it is unset
 * (an R_SITE_JOINED page): XE_NOT_FOUND for no such site. */
enum xerr notice_list_read(struct request *req, const char *column_code, int page_size, struct notice_page *out);
/* Appends <notices> and <paging> with cursors for the page to parent. */
void notice_list_xml(struct request *req, xmlNodePtr parent, const struct notice_page *page);

#endif
