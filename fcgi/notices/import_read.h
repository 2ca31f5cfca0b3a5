/* Inside the importer (import*.c): the readers of each format fill one import_set, which
 * import.c checks and writes. Errors are "file:line: ..." in err. */
#ifndef XXGK_IMPORT_READ_H
#define XXGK_IMPORT_READ_H
#include "core/app.h"
#include "core/site.h"
#include "notices/notice_store.h"
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#define IMPORT_MAX_FILES 20 /* attachments a notice */

struct import_set {
	struct notice_in *notices;
	long *lines;         /* where each notice starts: its line (JSON, XML) or row (CSV, XLSX) */
	const char ***files; /* per notice, the attachments' names as the file gives them */
	size_t *nfiles;
	size_t n;
	const char *site;    /* the file's own site, or NULL */
	const char *where;   /* "line" or "row", for messages */
};

/* Room for count notices. */
void import_set_alloc(struct pool *p, struct import_set *s, size_t count);
/* A regular file's bytes, NUL-terminated, when it holds at most max (the caller frees *data). */
bool import_read_whole(const char *path, size_t max, unsigned char **data, size_t *len);

bool import_read_json(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen);
/* XML from outside (an import file; data NULL: the file name), or a part of an XLSX archive
 * (data, len): read by libxml2 with options, never from the network, and without a DTD. A DTD
 * is refused at "<!DOCTYPE", before any of it is read: with no DTD no entity is declared, so
 * none is loaded from a file or a URL (XXE) or expanded beyond the document's own size
 * (billion laughs, or one large entity referenced many times), and a reference to one is an
 * error. NULL with "name:line: why" in err. */
xmlDocPtr import_xml_parse(const char *name, const char *data, size_t len, const char *encoding, int options,
                           char *err, size_t errlen);
bool import_read_xml(struct pool *p, const char *path, struct import_set *out, char *err, size_t errlen);

/* A spreadsheet as text cells: rows[r][c], ncols[r] cells in row r (UTF-8, NUL-terminated).
 * row_numbers[r] is the row's number in the file (1-based), for messages. */
struct import_table {
	char ***rows;
	size_t *ncols;
	long *row_numbers;
	size_t nrows;
};

/* Appends a row of n cells (copied pointers) numbered number; *cap is the table's room. */
void import_table_add(struct pool *p, struct import_table *t, size_t *cap, char **cells, size_t n, long number);

/* CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF or LF), in UTF-8 (with
 * or without BOM) or GB18030 (which covers GBK and GB2312), converted to UTF-8. */
bool import_read_csv(struct pool *p, const char *path, const char *encoding, char delimiter, struct import_table *out,
                     char *err, size_t errlen);
/* One worksheet of an XLSX workbook (1-based sheet number), shared and inline strings, numbers,
 * booleans; a number in a date format becomes "YYYY-MM-DD" (with " hh:mm:ss" when it has a time). */
bool import_read_xlsx(struct pool *p, const char *path, int sheet, struct import_table *out, char *err,
                      size_t errlen);

/* The mapping file of a CSV or XLSX export (cms-integration/IMPORT.md): which column gives which
 * field or content item, how categories and statuses are written. */
struct import_map;
struct import_map *import_map_load(struct pool *p, const char *path, char *err, size_t errlen);
const char *import_map_encoding(const struct import_map *m);
char import_map_delimiter(const struct import_map *m);
int import_map_sheet(const struct import_map *m);
const char *import_map_site(const struct import_map *m);
/* The table's rows (after the header row) as notices, for site (categories by code or by name
 * in the site's variant; item columns by code or by label). */
bool import_map_apply(struct pool *p, const struct app *app, const struct site *site, const struct import_map *m,
                      const char *path, const struct import_table *t, struct import_set *out, char *err,
                      size_t errlen);

#endif
