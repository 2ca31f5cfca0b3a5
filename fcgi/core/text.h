/* Pure text helpers: UTF-8 checks, bounded number parsing, dates. No I/O, unit-tested. */
#ifndef XXGK_TEXT_H
#define XXGK_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid (overlong, surrogate, >U+10FFFF). */
size_t utf8_seq_len(const unsigned char *p);
/* Valid UTF-8 with no control characters other than tab, CR and LF (what XML 1.0 can carry). */
bool text_valid(const char *s, size_t len);
/* Number of code points (for field-length limits stated in characters). */
size_t utf8_chars(const char *s);
/* Nothing but spaces: ASCII white space, U+00A0 and U+3000 (a title of ideographic spaces). */
bool text_blank(const char *s);
/* The length of a bidirectional control at s (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), 0 for anything else. */
size_t text_bidi_control_len(const unsigned char *s);
bool text_has_bidi_control(const char *s);

/* Whole-string decimal integer in [min, max]; false on anything else (no atoi). */
bool parse_int(const char *s, long long min, long long max, long long *out);

/* Civil dates as days since 1970-01-01 (proleptic Gregorian). */
int32_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d);
/* "YYYY-MM-DD", a real calendar date in 1900..2199. */
bool parse_date(const char *s, int32_t *days);
void format_date(int32_t days, char out[11]);
int weekday_of(int32_t days); /* 0 = Monday .. 6 = Sunday */
/* Every date xxgk keeps (a receipt, a deadline, a publication, "today") is a date in Beijing,
 * whatever time zone the server keeps (a cloud machine's is often UTC, where a request filed at
 * 07:00 in Beijing would be received the day before): China Standard Time, UTC+8, with no
 * daylight saving, as a POSIX rule that needs no time zone database. Called first by each
 * program; the database sessions keep +08:00 likewise (db.c). */
void clock_beijing(void);
int32_t today_local(void);

bool str_empty(const char *s);
char *str_trim(char *s); /* in place, ASCII and ideographic space */
bool str_has_prefix(const char *s, const char *prefix);

#endif
