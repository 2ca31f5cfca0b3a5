/* The import's XLSX (import_read_xlsx, its first sheet): a zip archive of XML parts, each read
 * without DTD or network. A table it returns holds UTF-8 cells without NUL; a refusal says why. */
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
	struct pool *p = pool_new();
	struct import_table t;
	char err[512] = "";
	if (import_read_xlsx(p, fuzz_file(0, data, size), 1, &t, err, sizeof err)) {
		for (size_t r = 0; r < t.nrows; r++)
			for (size_t c = 0; c < t.ncols[r]; c++)
				if (!utf8(t.rows[r][c]))
					abort();
	} else if (err[0] == '\0') {
		abort();
	}
	pool_free(p);
	return 0;
}
