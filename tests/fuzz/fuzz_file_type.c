/* The type of a file by its bytes: the staff upload's and the importer's (attachment_type) and
 * the applicant's (ysqgk_sniff, through ysqgk_check_attachments with the name it stores). The
 * input's first line is the file name, the rest the file. A file is accepted only with a type
 * its bytes show, under a name fit to store and show (no path separator or line break; a quote
 * is the name's own, escaped where it is shown). */
#include "harness.h"
#include "core/text.h"
#include "notices/attachment_type.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_upload.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env env = {0};
	struct request req;
	fuzz_request(&req, &env);
	const char *name;
	const uint8_t *file;
	size_t len;
	if (!fuzz_split(req.pool, data, size, "\n", &name, &file, &len)) {
		fuzz_request_end(&req);
		return 0;
	}
	/* Exactly the file's bytes, in an allocation of their own: ASan sees a read past the end. */
	unsigned char *bytes = pool_alloc(req.pool, len ? len : 1);
	memcpy(bytes, file, len);
	const char *mime = attachment_type(bytes, len, name);
	if (mime != NULL && strncmp(mime, "application/", 12) != 0 && strncmp(mime, "image/", 6) != 0)
		abort();
	const char *sniffed = ysqgk_sniff(bytes, len);
	struct form f = {0};
	struct upload u = {"attachments", name, "application/octet-stream", bytes, len};
	f.files = &u;
	f.nfiles = 1;
	struct ysqgk_attachment files[YSQGK_MAX_FILES];
	size_t n;
	enum xerr status;
	const char *bad = ysqgk_check_attachments(&req, &f, files, &n, &status);
	if (bad == NULL) {
		const char *fn = files[0].filename;
		if (n != 1 || sniffed == NULL || strcmp(files[0].mime, sniffed) != 0 || !text_valid(fn, strlen(fn)) ||
		    strpbrk(fn, "/\\\r\n") != NULL || utf8_chars(fn) > 200 || *fn == '\0')
			abort();
	} else if (n != 0 || !text_valid(bad, strlen(bad)) || (status != XE_BAD_REQUEST && status != XE_TOO_LARGE &&
	                                                      status != XE_UNSUPPORTED)) {
		abort();
	}
	fuzz_request_end(&req);
	return 0;
}
