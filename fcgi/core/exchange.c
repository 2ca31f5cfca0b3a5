#include "core/exchange.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool host_name_valid(const char *h)
{
	if (h == NULL || *h == '\0' || strlen(h) > 255)
		return false;
	for (const char *c = h; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '.' ||
		      *c == ':' || *c == '-'))
			return false;
	return true;
}

/* The length of host's name, before its ":port" (1 to 5 digits, 1 to 65535); 0 when the port is bad. */
static size_t host_name_len(const char *host)
{
	const char *colon = strchr(host, ':');
	if (colon == NULL)
		return strlen(host);
	long long port;
	if (strlen(colon + 1) > 5 || !parse_int(colon + 1, 1, 65535, &port))
		return 0;
	return (size_t)(colon - host);
}

static bool same_name(const char *host, size_t n, const char *other, size_t m)
{
	return n > 0 && n == m && strncasecmp(host, other, n) == 0;
}

bool host_allowed(const char *host, const char *domain, const char *allowed)
{
	if (!host_name_valid(host))
		return false;
	size_t n = host_name_len(host);
	if (domain != NULL && host_name_valid(domain) && same_name(host, n, domain, host_name_len(domain)))
		return true;
	for (const char *c = allowed ? allowed : ""; *c;) {
		c += strspn(c, " ,\t");
		size_t k = strcspn(c, " ,\t");
		if (same_name(host, n, c, k))
			return true;
		c += k;
	}
	return false;
}

const char *exchange_origin(struct request *req)
{
	const char *host = request_env(req, "HTTP_HOST");
	const char *domain = req->site != NULL ? req->site->domain : NULL;
	if (!host_allowed(host, domain, req->app->cfg.server.allowed_hosts))
		host = host_name_valid(domain) ? domain : "localhost";
	bool tls = req->https != NULL && *req->https && strcmp(req->https, "off") != 0;
	return pool_printf(req->pool, "%s://%s", tls ? "https" : "http", host);
}

const char *exchange_url(struct request *req, const char *rel)
{
	return pool_printf(req->pool, "%s%s%s", exchange_origin(req), site_base(req), rel ? rel : "");
}

void exchange_public(struct request *req)
{
	request_header(req, "Access-Control-Allow-Origin", "*");
}

bool cursor_parse(struct pool *p, const char *s, const char **when, long long *id)
{
	if (s == NULL || strlen(s) < 16 || strlen(s) > 35 || s[14] != '-')
		return false;
	for (int i = 0; i < 14; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	if (!parse_int(s + 15, 1, ID_MAX, id))
		return false;
	char date[11];
	memcpy(date, s, 4);
	date[4] = '-';
	memcpy(date + 5, s + 4, 2);
	date[7] = '-';
	memcpy(date + 8, s + 6, 2);
	date[10] = '\0';
	int32_t d;
	if (!parse_date(date, &d))
		return false;
	int hh = (s[8] - '0') * 10 + (s[9] - '0'), mm = (s[10] - '0') * 10 + (s[11] - '0'),
	    ss = (s[12] - '0') * 10 + (s[13] - '0');
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	*when = pool_printf(p, "%s %02d:%02d:%02d", date, hh, mm, ss);
	return true;
}

const char *cursor_make(struct pool *p, const char *datetime, const char *id)
{
	/* "2026-05-01 10:30:00" -> "20260501103000" */
	char c[15];
	size_t k = 0;
	for (const char *s = datetime; s && *s && k < 14; s++)
		if (*s >= '0' && *s <= '9')
			c[k++] = *s;
	c[k] = '\0';
	return pool_printf(p, "%s-%s", c, id);
}

const char *iso_utc(struct pool *p, const char *epoch)
{
	long long t;
	if (epoch == NULL)
		return NULL;
	/* UNIX_TIMESTAMP() of a DATETIME may carry a fraction: keep the whole seconds. */
	const char *dot = strchr(epoch, '.');
	const char *whole = dot ? pool_strndup(p, epoch, (size_t)(dot - epoch)) : epoch;
	if (!parse_int(whole, 0, 253402300799LL, &t))
		return NULL;
	int y;
	unsigned m, d;
	civil_from_days((int32_t)(t / 86400), &y, &m, &d);
	long long s = t % 86400;
	return pool_printf(p, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, s / 3600, s / 60 % 60, s % 60);
}

const char *text_prefix(struct pool *p, const char *s, size_t nchars)
{
	if (s == NULL)
		return "";
	const unsigned char *c = (const unsigned char *)s;
	size_t n = 0;
	while (*c && n < nchars) {
		size_t len = utf8_seq_len(c);
		c += len ? len : 1;
		n++;
	}
	if (*c == '\0')
		return s;
	return pool_printf(p, "%.*s…", (int)((const char *)c - s), s);
}

const char *tag_uri(struct pool *p, const struct site *site, const char *date, const char *specific)
{
	const char *authority = "xxgk.invalid";
	if (host_name_valid(site->domain) && strchr(site->domain, ':') == NULL)
		authority = site->domain;
	int32_t d;
	if (date == NULL || !parse_date(date, &d))
		date = "2026-01-01";
	return pool_printf(p, "tag:%s,%s:%s", authority, date, specific);
}

void jw_init(struct jw *w, struct buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

static void jw_sep(struct jw *w, const char *key)
{
	if (w->comma[w->depth])
		buf_putc(w->b, ',');
	w->comma[w->depth] = 1;
	if (key != NULL) {
		buf_json_str(w->b, key);
		buf_putc(w->b, ':');
	}
}

void jw_open(struct jw *w, const char *key, char bracket)
{
	jw_sep(w, key);
	buf_putc(w->b, bracket);
	if (w->depth + 1 < (int)sizeof w->comma)
		w->depth++;
	w->comma[w->depth] = 0;
}

void jw_close(struct jw *w, char bracket)
{
	buf_putc(w->b, bracket);
	if (w->depth > 0)
		w->depth--;
}

void jw_str(struct jw *w, const char *key, const char *value)
{
	jw_sep(w, key);
	if (value == NULL)
		buf_puts(w->b, "null");
	else
		buf_json_str(w->b, value);
}

void jw_int(struct jw *w, const char *key, long long value)
{
	jw_sep(w, key);
	buf_printf(w->b, "%lld", value);
}

void jw_bool(struct jw *w, const char *key, bool value)
{
	jw_sep(w, key);
	buf_puts(w->b, value ? "true" : "false");
}

void jw_raw(struct jw *w, const char *key, const char *json)
{
	jw_sep(w, key);
	buf_puts(w->b, json ? json : "null");
}

const char *jw_finish(struct jw *w, struct pool *p)
{
	const char *s = pool_strdup(p, buf_cstr(w->b));
	buf_free(w->b);
	return s;
}
