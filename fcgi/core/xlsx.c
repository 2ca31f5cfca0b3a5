#include "core/xlsx.h"
#include "core/text.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *formats[3];
	lxw_row_t row;
	int sheets;
	char path[64]; /* the workbook's file until xlsx_finish reads it back */
};

struct xlsx *xlsx_new(void)
{
	struct xlsx *x = calloc(1, sizeof *x);
	if (x == NULL)
		return NULL;
	/* libxlsxwriter writes to a file: a private temporary one, read back and removed. */
	snprintf(x->path, sizeof x->path, "/tmp/xxgk-xlsx-XXXXXX");
	int fd = mkstemp(x->path);
	if (fd < 0) {
		free(x);
		return NULL;
	}
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	x->wb = workbook_new_opt(x->path, &opt);
	if (x->wb == NULL) {
		unlink(x->path);
		free(x);
		return NULL;
	}
	x->formats[XLSX_PLAIN] = NULL;
	x->formats[XLSX_BOLD] = workbook_add_format(x->wb);
	format_set_bold(x->formats[XLSX_BOLD]);
	format_set_text_wrap(x->formats[XLSX_BOLD]);
	x->formats[XLSX_TITLE] = workbook_add_format(x->wb);
	format_set_bold(x->formats[XLSX_TITLE]);
	format_set_font_size(x->formats[XLSX_TITLE], 14);
	return x;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *name, char out[128])
{
	size_t w = 0;
	const unsigned char *c = (const unsigned char *)name;
	for (int chars = 0; *c && chars < 31; chars++) {
		size_t n = utf8_seq_len(c);
		if (n == 0)
			break;
		for (size_t k = 0; k < n; k++)
			out[w++] = n == 1 && strchr("[]:*?/\\", *c) ? '_' : (char)c[k];
		c += n;
	}
	out[w] = '\0';
}

bool xlsx_sheet(struct xlsx *x, const char *name)
{
	char n[128];
	sheet_name(name ? name : "", n);
	if (*n == '\0')
		snprintf(n, sizeof n, "Sheet%d", x->sheets + 1);
	x->ws = workbook_add_worksheet(x->wb, n);
	x->row = 0;
	x->sheets++;
	return x->ws != NULL;
}

void xlsx_widths(struct xlsx *x, const double *widths, size_t n)
{
	if (x->ws == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
}

/* A cell that reads as a plain decimal number: digits with at most one point and a leading sign,
 * and no leading zero before other digits (a code such as 0883 stays text). */
static bool plain_number(const char *s, double *v)
{
	const char *c = s;
	if (*c == '-')
		c++;
	if (*c == '\0' || (c[0] == '0' && c[1] >= '0' && c[1] <= '9'))
		return false;
	int points = 0, digits = 0;
	for (; *c; c++) {
		if (*c == '.')
			points++;
		else if (*c >= '0' && *c <= '9')
			digits++;
		else
			return false;
	}
	if (points > 1 || digits == 0 || digits > 15)
		return false;
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno == 0 && *end == '\0';
}

void xlsx_row(struct xlsx *x, enum xlsx_style style, const char *const *cells, size_t n)
{
	if (x->ws == NULL && !xlsx_sheet(x, NULL))
		return;
	for (size_t i = 0; i < n; i++) {
		double v;
		if (cells[i] == NULL || *cells[i] == '\0')
			continue;
		if (plain_number(cells[i], &v))
			worksheet_write_number(x->ws, x->row, (lxw_col_t)i, v, x->formats[style]);
		else
			worksheet_write_string(x->ws, x->row, (lxw_col_t)i, cells[i], x->formats[style]);
	}
	x->row++;
}

void xlsx_merged(struct xlsx *x, enum xlsx_style style, size_t first, size_t last, const char *text)
{
	if (x->ws == NULL && !xlsx_sheet(x, NULL))
		return;
	if (last > first)
		worksheet_merge_range(x->ws, x->row, (lxw_col_t)first, x->row, (lxw_col_t)last, text, x->formats[style]);
	else
		worksheet_write_string(x->ws, x->row, (lxw_col_t)first, text, x->formats[style]);
}

void xlsx_skip(struct xlsx *x)
{
	x->row++;
}

static bool read_back(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(out, chunk, got);
	bool ok = !ferror(f);
	fclose(f);
	return ok;
}

bool xlsx_finish(struct xlsx *x, struct buf *out)
{
	if (x->sheets == 0)
		xlsx_sheet(x, NULL); /* a workbook needs a sheet */
	bool ok = workbook_close(x->wb) == LXW_NO_ERROR && read_back(x->path, out);
	unlink(x->path);
	free(x);
	return ok;
}
