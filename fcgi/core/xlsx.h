/* Spreadsheets (XLSX) for the exports staff open in Excel or WPS: reports, the request queue, the
 * compliance report. Written by Debian's libxlsxwriter (shared strings, column widths, bold group
 * labels and merged headers are its work, not ours); this is the small interface the exports use.
 * A workbook is built row by row and comes out as bytes in a buf. */
#ifndef XXGK_XLSX_H
#define XXGK_XLSX_H
#include "core/buf.h"
#include <stdbool.h>
#include <stddef.h>

struct xlsx;

enum xlsx_style {
	XLSX_PLAIN,
	XLSX_BOLD,  /* a header or a group label */
	XLSX_TITLE, /* the sheet's title line */
};

/* A new workbook; NULL when memory or a temporary file cannot be had. */
struct xlsx *xlsx_new(void);
/* Starts a sheet (names are cut to Excel's 31 characters). Rows go to the latest sheet. */
bool xlsx_sheet(struct xlsx *x, const char *name);
/* Column widths of the current sheet, in characters, from column 0. */
void xlsx_widths(struct xlsx *x, const double *widths, size_t n);
/* One row of text cells (NULL: an empty cell); a cell that reads as a plain number (digits, one
 * point, a sign) is written as a number so that sums work. */
void xlsx_row(struct xlsx *x, enum xlsx_style style, const char *const *cells, size_t n);
/* A label over columns [first, last] of the next row (a column group such as 法人或其他组织). */
void xlsx_merged(struct xlsx *x, enum xlsx_style style, size_t first, size_t last, const char *text);
/* Moves the next row down by one without writing (a row left empty). */
void xlsx_skip(struct xlsx *x);
/* Closes the workbook and appends its bytes to out; frees x whatever happens. */
bool xlsx_finish(struct xlsx *x, struct buf *out);

#define XLSX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#endif
