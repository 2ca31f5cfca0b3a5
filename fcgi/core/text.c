#include "core/text.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

size_t utf8_seq_len(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0; /* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0; /* surrogates */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0;
		if (c == 0xf4 && p[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* The number of bytes a sequence starting with c claims (1-4), 0 for a byte that cannot start one. */
static size_t lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

bool text_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		/* The common cases first (a page's snippets are mostly these): printable ASCII, and a
		 * three-byte character whose lead byte has no further rule (not E0: overlong; not ED:
		 * surrogates; not EF: U+FFFE and U+FFFF), as Chinese is. */
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p >= 0xe1 && *p <= 0xee && *p != 0xed && end - p >= 3 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			p += 3;
			continue;
		}
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
		if (*p == 0x7f)
			return false;
		/* Never read past end: the buffer need not be NUL-terminated (found by the fuzzer).
		 * utf8_seq_len reads no more bytes than the lead byte claims. */
		size_t want = lead_len(*p);
		if (want == 0 || want > (size_t)(end - p))
			return false;
		size_t n = utf8_seq_len(p);
		if (n != want)
			return false;
		/* U+FFFE and U+FFFF are not XML characters. */
		if (n == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return false;
		p += n;
	}
	return true;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	return n;
}

bool parse_int(const char *s, long long min, long long max, long long *out)
{
	if (s == NULL || *s == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (p == s && *p == '-')))
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

void civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

bool parse_date(const char *s, int32_t *days)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	int32_t z = days_from_civil(y, m, d);
	int y2;
	unsigned m2, d2;
	civil_from_days(z, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		return false; /* 2023-02-30 and the like */
	*days = z;
	return true;
}

void format_date(int32_t days, char out[11])
{
	int y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	/* y is within 1900..2199 for any date we accept; clamp keeps the field width honest. */
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int weekday_of(int32_t days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (int)((days % 7 + 7 + 3) % 7);
	return w;
}

void clock_beijing(void)
{
	setenv("TZ", "CST-8", 1);
	tzset();
}

int32_t today_local(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

bool str_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

bool text_blank(const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		if (strncmp(s, "\xc2\xa0", 2) == 0)
			s += 1;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 2;
		else
			return false;
	}
	return true;
}

size_t text_bidi_control_len(const unsigned char *s)
{
	if (s[0] == 0xD8 && s[1] == 0x9C)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE)))
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
		return 3;
	return 0;
}

bool text_has_bidi_control(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (text_bidi_control_len(c) != 0)
			return true;
	return false;
}

char *str_trim(char *s)
{
	if (s == NULL)
		return s;
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* U+3000 ideographic space */
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && strncmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

bool str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
