/* What an applicant types to find a request: the tracking number (ysqgk_normalize_tracking) and
 * the query code (the normalisation inside ysqgk_code_hash). Against rules written here: a
 * number is kept trimmed and in upper case, or refused; a code hashes as its 12 significant
 * characters (dashes, spaces and case dropped), and any other input as no code at all. */
#include "harness.h"
#include "core/text.h"
#include "ysqgk/ysqgk_lookup.h"
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* The code's 12 characters in out, or "" when the input is not a code. */
static void oracle_code(const char *s, size_t n, char out[13])
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' || c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (k == 12 || c == '\0' || strchr(alphabet, c) == NULL) {
			out[0] = '\0';
			return;
		}
		out[k++] = c;
	}
	out[k] = '\0';
	if (k != 12)
		out[0] = '\0';
}

static void check_tracking(struct pool *p, const char *s)
{
	const char *t = ysqgk_normalize_tracking(p, s);
	if (t == NULL)
		return;
	size_t n = strlen(t);
	if (n == 0 || n > 64 || strspn(t, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != n)
		abort();
	const char *again = ysqgk_normalize_tracking(p, t);
	if (again == NULL || strcmp(again, t) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new();
	const char *s = pool_strndup(p, (const char *)data, size);
	check_tracking(p, s);
	char want[13], got[65], expected[65];
	oracle_code((const char *)data, strlen(s), want);
	ysqgk_code_hash("0123456789abcdef0123456789abcdef", s, got);
	ysqgk_code_hash("0123456789abcdef0123456789abcdef", want, expected);
	if (strcmp(got, expected) != 0)
		abort();
	pool_free(p);
	return 0;
}
