/* The text checks every input passes (text_valid, utf8_chars, str_trim) and the checks of
 * addresses (url_is_safe before a value becomes an href, value_is_email): text_valid agrees with
 * the Unicode standard's table of well-formed UTF-8 (Table 3-7), written here anew, less the
 * control characters and the two code points XML 1.0 does not allow. */
#include "harness.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The bytes of one well-formed sequence at s, 0 when there is none (Unicode 15, Table 3-7). */
static size_t well_formed(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char lead_lo, lead_hi, second_lo, second_hi;
		size_t len;
	} rows[] = {
	    {0x00, 0x7f, 0, 0, 1},       {0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3},
	    {0xe1, 0xec, 0x80, 0xbf, 3}, {0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3},
	    {0xf0, 0xf0, 0x90, 0xbf, 4}, {0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4},
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		if (s[0] < rows[r].lead_lo || s[0] > rows[r].lead_hi)
			continue;
		size_t len = rows[r].len;
		if (len > n || (len > 1 && (s[1] < rows[r].second_lo || s[1] > rows[r].second_hi)))
			return 0;
		for (size_t k = 2; k < len; k++)
			if (s[k] < 0x80 || s[k] > 0xbf)
				return 0;
		return len;
	}
	return 0;
}

static bool oracle_text(const unsigned char *s, size_t n, size_t *chars)
{
	*chars = 0;
	for (size_t i = 0; i < n;) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') || s[i] == 0x7f)
			return false;
		size_t k = well_formed(s + i, n - i);
		/* and no U+FFFE or U+FFFF, which XML 1.0 cannot carry */
		if (k == 0 || (k == 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] >= 0xbe))
			return false;
		i += k;
		++*chars;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	/* An exact copy in its own allocation: ASan sees any read past its end. */
	unsigned char *copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	size_t chars;
	bool valid = oracle_text(copy, size, &chars);
	if (text_valid((const char *)copy, size) != valid)
		abort();
	char *s = pool_strndup(p, (const char *)data, size);
	if (valid && strlen(s) == size && utf8_chars(s) != chars)
		abort();
	if (url_is_safe(s)) {
		for (const char *c = s; *c; c++)
			if ((unsigned char)*c <= ' ' || strchr("\"<>\\`", *c))
				abort();
		bool absolute = strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
		if (!absolute && (s[0] != '/' || s[1] == '/'))
			abort();
	}
	if (value_is_email(s) && (strchr(s, '@') == NULL || strpbrk(s, " <>\"\r\n") != NULL))
		abort();
	char *t = str_trim(pool_strdup(p, s));
	if (strlen(t) > strlen(s) || strstr(s, t) == NULL)
		abort();
	free(copy);
	pool_free(p);
	return 0;
}
