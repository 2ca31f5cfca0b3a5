/* A growable byte buffer (response bodies, JSON, CSV). Owned by whoever made it: buf_free. */
#ifndef XXGK_BUF_H
#define XXGK_BUF_H
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data;
	size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Room for n more bytes (and the NUL) without reallocating. */
void buf_reserve(struct buf *b, size_t n);
void buf_put(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *b); /* NUL-terminated view */
/* JSON string literal with quotes; invalid UTF-8 is replaced by U+FFFD. */
void buf_json_str(struct buf *b, const char *s);
/* Percent-encoding (RFC 3986): every byte but the unreserved A-Z a-z 0-9 - . _ ~ as %XX. Serves
 * query-string values and RFC 5987 filename* parameters alike. */
void buf_url_encode(struct buf *b, const char *s);
/* CSV field (RFC 4180 quoting; leading =+-@ neutralised against spreadsheet formula injection). */
void buf_csv_field(struct buf *b, const char *s);

#endif
