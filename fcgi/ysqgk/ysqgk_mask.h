/* Personal information masked for staff lists, the audit trail and those who do not handle the
 * request: 5301**********123X, 138****5678, 云南省临沧市****, z***@example.com. NULL or empty
 * gives "". */
#ifndef XXGK_YSQGK_MASK_H
#define XXGK_YSQGK_MASK_H
#include "core/pool.h"

const char *ysqgk_mask_id(struct pool *p, const char *s);
const char *ysqgk_mask_phone(struct pool *p, const char *s);
const char *ysqgk_mask_address(struct pool *p, const char *s);
const char *ysqgk_mask_email(struct pool *p, const char *s);

#endif
