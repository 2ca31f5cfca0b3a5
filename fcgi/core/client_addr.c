/* The client's address (see client_addr.h). */
#include "core/client_addr.h"
#include "core/text.h"
#include <string.h>

static bool addr_plausible(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 45)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') || (*c >= 'A' && *c <= 'F') || *c == '.' ||
		      *c == ':'))
			return false;
	return true;
}

bool addr_listed(const char *list, const char *addr)
{
	size_t n = strlen(addr);
	for (const char *c = list; *c;) {
		while (*c == ' ' || *c == ',' || *c == '\t')
			c++;
		size_t k = strcspn(c, " ,\t");
		if (k > 0 && k == n && strncmp(c, addr, n) == 0)
			return true;
		c += k;
	}
	return false;
}

const char *client_addr(struct request *req, const char *trusted_proxies)
{
	const char *ra = req->remote_addr ? req->remote_addr : "";
	const char *xff = request_env(req, "HTTP_X_FORWARDED_FOR");
	if (trusted_proxies == NULL || *trusted_proxies == '\0' || !addr_listed(trusted_proxies, ra) || xff == NULL)
		return ra;
	/* From the right: the first address not of a trusted proxy is the client. */
	const char *end = xff + strlen(xff), *client = ra;
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		char *tok = str_trim(pool_strndup(req->pool, start, (size_t)(end - start)));
		if (!addr_plausible(tok))
			break;
		client = tok;
		if (!addr_listed(trusted_proxies, tok))
			break;
		end = start > xff ? start - 1 : start;
	}
	return client;
}
