#include "core/text.h"
#include "core/buf.h"
#include "core/error.h"
#include "unit.h"

void test_utf8(void)
{
	CHECK(text_valid("abc", 3));
	CHECK(text_valid("公共资源", strlen("公共资源")));
	CHECK(!text_valid("\xc3\x28", 2));             /* bad continuation */
	CHECK(!text_valid("\xe4\xb8", 2));             /* truncated */
	CHECK(!text_valid("\xc0\xaf", 2));             /* overlong '/' */
	CHECK(!text_valid("\xed\xa0\x80", 3));         /* surrogate */
	CHECK(!text_valid("\xf4\x90\x80\x80", 4));     /* > U+10FFFF */
	CHECK(!text_valid("a\x01z", 3));               /* control character */
	CHECK(text_valid("a\tb\r\nc", 6));
	CHECK(!text_valid("\xef\xbf\xbe", 3));         /* U+FFFE */
	CHECK(text_valid("\xf0\x9f\x98\x80", 4));      /* emoji (utf8mb4) */
	CHECK(utf8_chars("公共a") == 3);
}

void test_parse_int(void)
{
	long long v;
	CHECK(parse_int("42", 0, 100, &v) && v == 42);
	CHECK(parse_int("-3", -5, 5, &v) && v == -3);
	CHECK(!parse_int("", 0, 100, &v));
	CHECK(!parse_int("12a", 0, 100, &v));
	CHECK(!parse_int(" 12", 0, 100, &v));
	CHECK(!parse_int("101", 0, 100, &v));
	CHECK(!parse_int("99999999999999999999999", 0, 9223372036854775807LL, &v));
	CHECK(!parse_int("+5", 0, 100, &v));
	CHECK(!parse_int("5-", 0, 100, &v));
}

void test_dates(void)
{
	int32_t d;
	char s[11];
	CHECK(parse_date("2022-09-30", &d));
	format_date(d, s);
	CHECK_STR(s, "2022-09-30");
	CHECK(weekday_of(d) == 4); /* a Friday */
	CHECK(parse_date("1970-01-01", &d) && d == 0 && weekday_of(d) == 3);
	CHECK(parse_date("2024-02-29", &d));
	CHECK(!parse_date("2023-02-29", &d));
	CHECK(!parse_date("2023-13-01", &d));
	CHECK(!parse_date("2023-1-01", &d));
	CHECK(!parse_date("2023-01-01x", &d));
	CHECK(!parse_date("0000-01-01", &d));
	CHECK(parse_date("2026-12-31", &d));
	format_date(d + 1, s);
	CHECK_STR(s, "2027-01-01");
}

void test_trim(void)
{
	char a[] = "  \xe3\x80\x80公告 \t\n";
	CHECK_STR(str_trim(a), "公告");
	char b[] = "";
	CHECK_STR(str_trim(b), "");
}

void test_url_encode(void)
{
	struct buf b;
	buf_init(&b);
	buf_url_encode(&b, "Az09-._~ &=?#%+/\"<公");
	CHECK_STR(buf_cstr(&b), "Az09-._~%20%26%3D%3F%23%25%2B%2F%22%3C%E5%85%AC");
	buf_free(&b);
}

void test_json_escape(void)
{
	struct buf b;
	buf_init(&b);
	buf_json_str(&b, "a\"b\\c\n</script>\x01公");
	CHECK_STR(buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001公\"");
	buf_free(&b);
	buf_json_str(&b, "\xff");
	CHECK_STR(buf_cstr(&b), "\"\\ufffd\"");
	buf_free(&b);
}

void test_csv_escape(void)
{
	struct buf b;
	buf_init(&b);
	buf_csv_field(&b, "plain");
	buf_putc(&b, ',');
	buf_csv_field(&b, "a,\"b\"");
	buf_putc(&b, ',');
	buf_csv_field(&b, "=HYPERLINK(1)");
	CHECK_STR(buf_cstr(&b), "plain,\"a,\"\"b\"\"\",\"'=HYPERLINK(1)\"");
	buf_free(&b);
}

void test_utf8_unterminated(void)
{
	/* A truncated sequence at the very end of a buffer that is not NUL-terminated. */
	char buf[2] = {(char)0xa7, (char)0xcf};
	CHECK(!text_valid(buf, 2));
	char ok3[3] = {(char)0xe5, (char)0x85, (char)0xac}; /* 公 */
	CHECK(text_valid(ok3, 3));
	CHECK(!text_valid(ok3, 2));
}

void test_http_reason(void)
{
	CHECK_STR(http_reason(200), "OK");
	CHECK_STR(http_reason(303), "See Other");
	CHECK_STR(http_reason(405), "Method Not Allowed");
	CHECK_STR(http_reason(503), "Service Unavailable");
	CHECK_STR(http_reason(299), "");
}
