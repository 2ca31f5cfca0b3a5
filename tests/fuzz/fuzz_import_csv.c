/* The import's CSV (import_read_csv): the input's first byte picks the encoding (as written in
 * a mapping file: none, utf-8, gb18030) and the delimiter, the rest is the file. A table it
 * returns holds UTF-8 cells without NUL, and numbers its rows from the top. */
#include "harness.h"
#include "core/text.h"
#include "notices/import_read.h"
#include <stdlib.h>
#include <string.h>

static bool utf8(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c;) {
		size_t n = utf8_seq_len(c);
		if (n == 0)
			return false;
		c += n;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const encodings[] = {NULL, "utf-8", "gb18030", "GBK"};
	static const char delimiters[] = {',', ';', '|', '\t'};
	struct pool *p = pool_new();
	struct import_table t;
	char err[512] = "";
	if (import_read_csv(p, fuzz_file(0, data + 1, size - 1), encodings[data[0] & 3], delimiters[(data[0] >> 2) & 3],
	                    &t, err, sizeof err)) {
		long last = 0;
		for (size_t r = 0; r < t.nrows; r++) {
			if (t.row_numbers[r] <= last || t.ncols[r] == 0)
				abort();
			last = t.row_numbers[r];
			for (size_t c = 0; c < t.ncols[r]; c++)
				if (!utf8(t.rows[r][c]))
					abort();
		}
	} else if (err[0] == '\0') {
		abort();
	}
	pool_free(p);
	return 0;
}
