/* A column's notice list, newest first, paged by keyset (published_at, id): never OFFSET, so
 * page 5,000 costs what page 1 costs. */
#ifndef XXGK_NOTICE_LIST_H
#define XXGK_NOTICE_LIST_H
#include "request.h"
#include <libxml/tree.h>

/* Appends <notices> (and <paging> with cursors) for column_code (NULL: all of the site) to parent.
 * Reads the "before" / "after" cursors from the query string; a malformed cursor is XE_BAD_REQUEST. */
enum xerr notice_list(struct request *req, xmlNodePtr parent, const char *column_code, int page_size);

#endif
