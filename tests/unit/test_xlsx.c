#include "core/xlsx.h"
#include "unit.h"
#include <stdlib.h>

/* The workbook is a ZIP whose sheet holds the rows: the names stored in the central directory
 * and the shared strings are plain bytes of the file (libxlsxwriter does not compress names). */
static bool has(const struct buf *b, const char *s)
{
	return b->len >= strlen(s) && memmem(b->data, b->len, s, strlen(s)) != NULL;
}

void test_xlsx_workbook(void)
{
	struct xlsx *x = xlsx_new();
	CHECK(x != NULL);
	if (x == NULL)
		return;
	CHECK(xlsx_sheet(x, "收到和处理政府信息公开申请情况（一二三四五六七八九十一二三四五六七八九十）"));
	static const double widths[] = {40, 10};
	xlsx_widths(x, widths, 2);
	xlsx_merged(x, XLSX_BOLD, 1, 2, "法人或其他组织");
	xlsx_skip(x);
	static const char *const row[] = {"一、本年新收政府信息公开申请数量", "12", "0883", NULL};
	xlsx_row(x, XLSX_PLAIN, row, 4);
	CHECK(xlsx_sheet(x, "a/b"));
	struct buf b;
	buf_init(&b);
	CHECK(xlsx_finish(x, &b));
	CHECK(b.len > 100 && memcmp(b.data, "PK\x03\x04", 4) == 0);
	CHECK(has(&b, "xl/worksheets/sheet1.xml") && has(&b, "xl/worksheets/sheet2.xml"));
	buf_free(&b);
}
