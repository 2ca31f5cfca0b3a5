/* The type of an attachment by its content, not by its name or the sender's word: PDF, OFD,
 * Word, Excel, JPEG, PNG, ZIP. The staff editor's upload and the importer's files. */
#ifndef XXGK_ATTACHMENT_TYPE_H
#define XXGK_ATTACHMENT_TYPE_H
#include <stddef.h>

/* The MIME type to store, or NULL for a type that is not accepted. */
const char *attachment_type(const unsigned char *data, size_t len, const char *filename);

#endif
