/* A notice's attachments as staff add them: the type read from the bytes (attachment_type.h),
 * the digest, the count the notice page reads (sql/011_notice_page_row.sql) and the audit entry
 * "notice.attach", all in the caller's transaction. The editor's upload and the new-notice form
 * (which takes its files with the notice itself) share it. */
#ifndef XXGK_NOTICE_ATTACH_H
#define XXGK_NOTICE_ATTACH_H
#include "core/parse.h"
#include "core/request.h"

/* The stored type of u, or NULL when it is not a type accepted. */
const char *notice_attach_type(const struct upload *u);
/* Stores u (of the type notice_attach_type gave) as an attachment of notice id, under the
 * notice's row lock (two uploads at once each count the other). */
enum xerr notice_attach(struct request *req, long long id, const struct upload *u, const char *type);

#endif
