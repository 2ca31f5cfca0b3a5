/* The client's address, for limits per address (sign-in, filing, lookups): the connection's, or,
 * when the connection comes from a trusted proxy, the first address of X-Forwarded-For, read
 * from the right, that is not a trusted proxy. */
#ifndef XXGK_CLIENT_ADDR_H
#define XXGK_CLIENT_ADDR_H
#include "core/request.h"

/* trusted_proxies: space- or comma-separated addresses ("" for none). */
const char *client_addr(struct request *req, const char *trusted_proxies);
/* Is addr one of the space- or comma-separated addresses in list? */
bool addr_listed(const char *list, const char *addr);

#endif
