/* The delivery record (送达) on the case page: admin_ysqgk_delivery.c. */
#ifndef XXGK_ADMIN_DELIVERY_H
#define XXGK_ADMIN_DELIVERY_H
#include "core/request.h"
#include "ysqgk/ysqgk_authz.h"
#include <libxml/tree.h>

/* The request's deliveries as <deliveries>, may-record when the user may record one now. */
enum xerr admin_delivery_xml(struct request *req, xmlNodePtr rn, long long id, const struct ysqgk_authz *az);

#endif
