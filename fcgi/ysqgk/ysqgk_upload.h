/* What a filing may carry: its body parsed with the filing's own limits (so that too many or too
 * large attachments come back as field errors with what was typed kept), and its attachments
 * checked by count, size and content (the bytes decide the type, not the name). */
#ifndef XXGK_YSQGK_UPLOAD_H
#define XXGK_YSQGK_UPLOAD_H
#include "core/request.h"

struct ysqgk_attachment {
	const char *filename, *mime;
	const unsigned char *data;
	size_t len;
};

/* Parses the body of a filing (urlencoded or multipart). A part the parser refused with its field
 * named (form->refused_field) is not a failure here: ysqgk_validate reports it as that field's
 * error with the others, what was typed kept. On failure returns the error and a Chinese message. */
enum xerr ysqgk_parse_body(struct request *req, struct form *out, const char **message);
/* Checks form's uploads into files (room for YSQGK_MAX_FILES) and *nfiles. NULL when they are
 * fine; else a message for the first that is not, with *status XE_BAD_REQUEST, XE_TOO_LARGE or
 * XE_UNSUPPORTED, and *nfiles 0. */
const char *ysqgk_check_attachments(struct request *req, const struct form *form, struct ysqgk_attachment *files,
                                    size_t *nfiles, enum xerr *status);
/* The content type decided from the bytes (ZIP containers by their member names), or NULL. */
const char *ysqgk_sniff(const unsigned char *data, size_t len);
/* "10 MB", "200 KB" */
const char *ysqgk_size_text(struct pool *p, long long bytes);

#endif
