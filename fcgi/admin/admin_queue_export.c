/* /admin/requests.csv and /admin/requests.xlsx: the queue as filtered on the page, for a
 * spreadsheet. Masks only, as in the list: the export leaves the console. */
#include "admin/admin_queue.h"
#include "core/render.h"
#include "core/text.h"
#include "core/xlsx.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk.h"
#include <string.h>

/* The export's columns, in order; a new one goes last, so that what imports the file by position
 * still finds the others where they were. The due date stays a bare date (a spreadsheet sorts it)
 * and its provisional mark, 「（暂定）」 on the page, has a column of its own. */
enum export_col {
	X_TRACKING, X_NAME, X_PHONE, X_CHANNEL, X_STATUS, X_RECEIVED, X_DUE, X_FLAG, X_BODY, X_DESCRIPTION, X_PROVISIONAL,
	X__N
};
static const char *const headings[X__N] = {"受理编号", "申请人", "联系电话", "申请方式", "状态",     "收到日期",
                                           "答复期限", "提醒",   "办理机构", "所需信息", "答复期限暂定"};
static const double widths[X__N] = {22, 16, 14, 16, 12, 12, 14, 10, 24, 40, 14};

static void cells_of(struct request *req, const struct queue_item *it, const char *cells[X__N])
{
	char **w = it->w;
	cells[X_TRACKING] = w[QC_TRACKING];
	cells[X_NAME] = w[QC_NAME];
	cells[X_PHONE] = w[QC_PHONE];
	cells[X_CHANNEL] = ysqgk_label(&ysqgk_channels, w[QC_CHANNEL]);
	cells[X_STATUS] = ysqgk_label(&ysqgk_statuses, w[QC_STATUS]);
	cells[X_RECEIVED] = w[QC_RECEIVED];
	cells[X_DUE] = w[QC_DUE];
	cells[X_FLAG] = it->flag == FLAG_OVERDUE ? "已逾期"
	                : it->flag == FLAG_SOON  ? pool_printf(req->pool, "剩%d个工作日", it->days_left)
	                                         : "";
	cells[X_BODY] = w[QC_BODY];
	cells[X_DESCRIPTION] = w[QC_DESCRIPTION];
	/* As the page: the mark of a running period, whose year's holidays are not yet published. */
	cells[X_PROVISIONAL] = queue_clock_open(w) && w[QC_PROVISIONAL] && strcmp(w[QC_PROVISIONAL], "1") == 0
	                           ? "暂定"
	                           : "";
}

/* The filtered queue, or a 400 page for bad filters (false). */
static bool select_items(struct request *req, struct queue_item **items, size_t *n, enum xerr *e)
{
	struct field_value v[QF__N];
	struct field_error err;
	if (!queue_parse(req, &req->query, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		*e = XE_OK;
		return false;
	}
	*e = queue_select(req, v, 100000, items, n);
	return *e == XE_OK;
}

static void respond_file(struct request *req, struct buf *b, const char *media, const char *name)
{
	respond_bytes(req, 200, media, b->data ? b->data : "", b->len);
	buf_free(b);
	request_header(req, "Content-Disposition", pool_printf(req->pool, "attachment; filename=\"%s\"", name));
}

enum xerr admin_queue_csv(struct request *req)
{
	struct queue_item *items;
	size_t n;
	enum xerr e;
	if (!select_items(req, &items, &n, &e))
		return e;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "\xef\xbb\xbf"); /* BOM: spreadsheet programs then read UTF-8 */
	for (size_t i = 0; i <= n; i++) {
		const char *cells[X__N];
		if (i == 0)
			memcpy(cells, headings, sizeof cells);
		else
			cells_of(req, &items[i - 1], cells);
		for (int c = 0; c < X__N; c++) {
			if (c)
				buf_putc(&b, ',');
			buf_csv_field(&b, cells[c]);
		}
		buf_puts(&b, "\r\n");
	}
	respond_file(req, &b, "text/csv; charset=utf-8", "requests.csv");
	return XE_OK;
}

enum xerr admin_queue_xlsx(struct request *req)
{
	struct queue_item *items;
	size_t n;
	enum xerr e;
	if (!select_items(req, &items, &n, &e))
		return e;
	struct xlsx *x = xlsx_new();
	if (x == NULL || !xlsx_sheet(x, "依申请公开")) {
		struct buf none;
		buf_init(&none);
		if (x != NULL)
			xlsx_finish(x, &none);
		buf_free(&none);
		return XE_INTERNAL;
	}
	xlsx_widths(x, widths, X__N);
	xlsx_row(x, XLSX_BOLD, headings, X__N);
	for (size_t i = 0; i < n; i++) {
		const char *cells[X__N];
		cells_of(req, &items[i], cells);
		xlsx_row(x, XLSX_PLAIN, cells, X__N);
	}
	struct buf b;
	buf_init(&b);
	if (!xlsx_finish(x, &b)) {
		buf_free(&b);
		return XE_INTERNAL;
	}
	respond_file(req, &b, XLSX_MEDIA_TYPE, "requests.xlsx");
	return XE_OK;
}
