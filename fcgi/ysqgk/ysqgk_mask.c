/* Masks for personal information (see ysqgk_mask.h). */
#include "ysqgk/ysqgk_mask.h"
#include "core/buf.h"
#include "core/text.h"
#include <string.h>

/* Keeps `head` and `tail` characters (UTF-8 aware) and puts one '*' for each one in between. */
static const char *mask_middle(struct pool *p, const char *s, size_t head, size_t tail)
{
	if (s == NULL || *s == '\0')
		return "";
	size_t chars = utf8_chars(s);
	if (head + tail >= chars) {
		head = chars > 2 ? 1 : 0;
		tail = 0;
	}
	struct buf b;
	buf_init(&b);
	const unsigned char *c = (const unsigned char *)s;
	for (size_t i = 0; *c; i++) {
		size_t n = utf8_seq_len(c);
		if (n == 0)
			n = 1;
		if (i < head || i >= chars - tail)
			buf_put(&b, c, n);
		else
			buf_putc(&b, '*');
		c += n;
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

const char *ysqgk_mask_id(struct pool *p, const char *s)
{
	size_t n = s ? utf8_chars(s) : 0;
	return mask_middle(p, s, n >= 15 ? 4 : n >= 8 ? 2 : 1, n >= 15 ? 4 : n >= 8 ? 2 : 0);
}

const char *ysqgk_mask_phone(struct pool *p, const char *s)
{
	size_t n = s ? utf8_chars(s) : 0;
	return mask_middle(p, s, n >= 11 ? 3 : 2, n >= 11 ? 4 : 2);
}

const char *ysqgk_mask_address(struct pool *p, const char *s)
{
	if (s == NULL || *s == '\0')
		return "";
	size_t n = utf8_chars(s);
	size_t keep = n > 12 ? 6 : n / 2;
	/* The kept start, then a fixed mask that does not tell the length. */
	struct buf b;
	buf_init(&b);
	const unsigned char *c = (const unsigned char *)s;
	for (size_t i = 0; i < keep && *c; i++) {
		size_t k = utf8_seq_len(c);
		if (k == 0)
			k = 1;
		buf_put(&b, c, k);
		c += k;
	}
	buf_puts(&b, "****");
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

const char *ysqgk_mask_email(struct pool *p, const char *s)
{
	if (s == NULL || *s == '\0')
		return "";
	const char *at = strchr(s, '@');
	if (at == NULL || at == s)
		return mask_middle(p, s, 1, 0);
	return pool_printf(p, "%c***%s", s[0], at);
}
