/* The type of an attachment by its content, not by its name or the sender's word: PDF, OFD,
 * Word, Excel, JPEG, PNG, ZIP. The staff editor's upload and the importer's files. */
#ifndef XXGK_ATTACHMENT_TYPE_H
#define XXGK_ATTACHMENT_TYPE_H
#include "core/pool.h"
#include <stddef.h>

/* The MIME type to store, or NULL for a type that is not accepted. */
const char *attachment_type(const unsigned char *data, size_t len, const char *filename);
/* The name to keep a file of type mime under: filename when its ending is one of the type's,
 * else filename (cut to fit max_chars characters) with the type's own ending: a PDF sent as
 * 公告.html was saved and opened by readers as HTML. A notice's attachments and an applicant's
 * files alike. */
const char *attachment_name(struct pool *p, const char *filename, const char *mime, size_t max_chars);

#endif
