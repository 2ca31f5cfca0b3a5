/* CSV exports (RFC 4180), as CMSs and spreadsheet programs write them: quoted fields with doubled
 * quotes and line breaks inside, CRLF or LF, a UTF-8 byte-order mark or none; or GB18030 (the
 * superset of GBK and GB2312 that Chinese Windows writes), converted with iconv. */
#include "notices/import_read.h"
#include "core/buf.h"
#include "core/text.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define CSV_MAX_BYTES (1L << 30)
#define CSV_MAX_COLS 512

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	char *data = NULL;
	if (fstat(fileno(f), &st) != 0 || st.st_size > CSV_MAX_BYTES)
		snprintf(err, errlen, "%s: not a readable file of at most 1 GB", path);
	else if ((data = malloc((size_t)st.st_size + 1)) == NULL ||
	         fread(data, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		snprintf(err, errlen, "%s: cannot be read", path);
		free(data);
		data = NULL;
	} else {
		*len = (size_t)st.st_size;
		data[*len] = '\0';
	}
	fclose(f);
	return data;
}

/* GB18030 to UTF-8; NULL with the byte offset of the first sequence that is not GB18030. */
static char *from_gb18030(const char *in, size_t len, size_t *out_len, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 2 + 16; /* a GB18030 character of 2 or 4 bytes is at most 4 in UTF-8 */
	char *out = malloc(cap + 1), *src = (char *)in, *dst = out;
	size_t left = len, room = cap;
	if (out != NULL && iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		*bad_at = (size_t)(src - in);
		free(out);
		out = NULL;
	}
	iconv_close(cd);
	if (out != NULL) {
		*out_len = cap - room;
		out[*out_len] = '\0';
	}
	return out;
}

/* The line (1-based) of byte offset at in text. */
static long line_of(const char *text, size_t at)
{
	long line = 1;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

/* The text in UTF-8, checked; the byte-order mark dropped. */
/* UTF-16 (Excel's "Unicode text"): its byte-order mark, or ASCII with a NUL after every byte. */
static bool utf16(const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return true;
	return len >= 4 && u[0] != 0 && u[1] == 0 && u[2] != 0 && u[3] == 0;
}

static char *decoded(const char *path, const char *encoding, char *raw, size_t *len, char *err, size_t errlen)
{
	bool gb = encoding != NULL && (strcasecmp(encoding, "gb18030") == 0 || strcasecmp(encoding, "gbk") == 0 ||
	                               strcasecmp(encoding, "gb2312") == 0);
	if (encoding != NULL && !gb && strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "utf8") != 0) {
		snprintf(err, errlen, "%s: encoding %s: use utf-8 or gb18030 (which also reads gbk and gb2312)", path,
		         encoding);
		free(raw);
		return NULL;
	}
	char *text = raw;
	if (gb) {
		size_t bad = 0;
		text = from_gb18030(raw, *len, len, &bad);
		if (text == NULL)
			snprintf(err, errlen, "%s:%ld: not GB18030 text", path, line_of(raw, bad));
		free(raw);
		if (text == NULL)
			return NULL;
	}
	size_t skip = *len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	memmove(text, text + skip, *len - skip + 1);
	*len -= skip;
	/* The NUL is the one byte a cell cannot carry; everything else is checked field by field. */
	for (const unsigned char *c = (const unsigned char *)text; c < (const unsigned char *)text + *len;) {
		size_t n = *c < 0x80 ? 1 : utf8_seq_len(c);
		if (n == 0 || *c == 0) {
			snprintf(err, errlen, "%s:%ld: not UTF-8 text%s", path, line_of(text, (size_t)((const char *)c - text)),
			         gb                  ? ""
			         : utf16(text, *len) ? " (UTF-16, Excel's \"Unicode text\": save it as CSV UTF-8)"
			         : *c == 0           ? " (a NUL byte, which no cell can hold)"
			                             : " (a GBK or GB18030 export: encoding = gb18030 in the mapping file)");
			free(text);
			return NULL;
		}
		c += n;
	}
	return text;
}

/* One field from *at: quoted or not; *at is left on the delimiter, the line break or the end. */
static bool csv_field(struct pool *p, const char *s, size_t len, size_t *at, char delim, long *line, struct buf *b,
                      char **out)
{
	size_t i = *at;
	buf_init(b);
	if (i < len && s[i] == '"') {
		for (i++;; i++) {
			if (i >= len) {
				buf_free(b);
				return false; /* a quote never closed */
			}
			if (s[i] == '"') {
				if (i + 1 < len && s[i + 1] == '"') {
					buf_putc(b, '"');
					i++;
					continue;
				}
				i++;
				break;
			}
			*line += s[i] == '\n';
			buf_putc(b, s[i]);
		}
	}
	while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r')
		buf_putc(b, s[i++]);
	*at = i;
	*out = pool_strdup(p, buf_cstr(b));
	buf_free(b);
	return true;
}

static bool parse_csv(struct pool *p, const char *path, const char *s, size_t len, char delim, struct import_table *t,
                      char *err, size_t errlen)
{
	size_t cap = 0, i = 0;
	long line = 1;
	char *cells[CSV_MAX_COLS];
	struct buf b;
	while (i < len) {
		size_t n = 0;
		long start = line;
		for (;;) {
			if (n == CSV_MAX_COLS) {
				snprintf(err, errlen, "%s:%ld: more than %d columns", path, start, CSV_MAX_COLS);
				return false;
			}
			if (!csv_field(p, s, len, &i, delim, &line, &b, &cells[n++])) {
				snprintf(err, errlen, "%s:%ld: a quoted field is never closed", path, start);
				return false;
			}
			if (i < len && s[i] == delim) {
				i++;
				continue;
			}
			break;
		}
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n')
			i++;
		line++;
		if (!(n == 1 && cells[0][0] == '\0')) /* blank lines are not rows */
			import_table_add(p, t, &cap, cells, n, start);
	}
	return true;
}

bool import_read_csv(struct pool *p, const char *path, const char *encoding, char delimiter, struct import_table *out,
                     char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	size_t len = 0;
	char *raw = read_file(path, &len, err, errlen);
	char *text = raw ? decoded(path, encoding, raw, &len, err, errlen) : NULL;
	if (text == NULL)
		return false;
	bool ok = parse_csv(p, path, text, len, delimiter ? delimiter : ',', out, err, errlen);
	free(text);
	return ok;
}
