/* multipart/form-data bodies (parse_multipart): the input's first line is the Content-Type header
 * (its boundary parameter read as the browser wrote it, quoted or not), the rest the body. What
 * is parsed is valid text within the limits; files within their count and size. */
#include "harness.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	const char *ct = "";
	const uint8_t *body = data;
	size_t len = size;
	if (!fuzz_split(p, data, size, "\n", &ct, &body, &len)) {
		body = data;
		len = size;
	}
	struct limits lim = default_limits;
	lim.max_fields = 50;
	lim.max_value = 4096;
	lim.max_files = 3;
	lim.max_file_size = 4096;
	struct form f = {0};
	const char *why;
	enum xerr e = parse_multipart(p, body, len, ct, &lim, &f, &why);
	if (e != XE_OK && e != XE_BAD_REQUEST && e != XE_TOO_LARGE)
		abort();
	for (size_t i = 0; i < f.n; i++)
		if (!text_valid(f.fields[i].key, strlen(f.fields[i].key)) || !text_valid(f.fields[i].value, f.fields[i].len) ||
		    f.fields[i].len > lim.max_value)
			abort();
	if (f.nfiles > lim.max_files)
		abort();
	for (size_t i = 0; i < f.nfiles; i++) {
		const struct upload *u = &f.files[i];
		if (u->len > lim.max_file_size || !text_valid(u->field, strlen(u->field)) ||
		    (u->filename && !text_valid(u->filename, strlen(u->filename))) ||
		    (u->len > 0 && (u->data < body || u->data + u->len > body + len)))
			abort();
	}
	if (e == XE_BAD_REQUEST && f.refused_message != NULL && !text_valid(f.refused_message, strlen(f.refused_message)))
		abort();
	pool_free(p);
	return 0;
}
