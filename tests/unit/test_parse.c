#include "core/buf.h"
#include "core/parse.h"
#include "core/text.h"
#include "unit.h"

void test_urlencoded(void)
{
	struct pool *p = pool_new();
	struct form f = {0};
	const char *why;
	const char *s = "a=1&b=%E5%85%AC+x&c&&d=%3Cscript%3E";
	CHECK(parse_urlencoded(p, s, strlen(s), &default_limits, &f, &why) == XE_OK);
	CHECK_STR(form_get(&f, "a"), "1");
	CHECK_STR(form_get(&f, "b"), "公 x");
	CHECK_STR(form_get(&f, "c"), "");
	CHECK_STR(form_get(&f, "d"), "<script>");
	struct form g = {0};
	CHECK(parse_urlencoded(p, "a=%zz", 5, &default_limits, &g, &why) == XE_BAD_REQUEST);
	CHECK(parse_urlencoded(p, "a=%4", 4, &default_limits, &g, &why) == XE_BAD_REQUEST);
	CHECK(parse_urlencoded(p, "a=%", 3, &default_limits, &g, &why) == XE_BAD_REQUEST);
	CHECK(parse_urlencoded(p, "a=%ff", 5, &default_limits, &g, &why) == XE_BAD_REQUEST); /* bad UTF-8 */
	CHECK(parse_urlencoded(p, "a=%00", 5, &default_limits, &g, &why) == XE_BAD_REQUEST); /* NUL */
	CHECK(parse_urlencoded(p, "=x", 2, &default_limits, &g, &why) == XE_BAD_REQUEST);
	struct limits lim = default_limits;
	lim.max_fields = 2;
	CHECK(parse_urlencoded(p, "a=1&b=2&c=3", 11, &lim, &g, &why) == XE_TOO_LARGE);
	lim = default_limits;
	lim.max_value = 3;
	CHECK(parse_urlencoded(p, "a=1234", 6, &lim, &g, &why) == XE_TOO_LARGE);
	pool_free(p);
}

void test_multipart(void)
{
	struct pool *p = pool_new();
	struct form f = {0};
	const char *why;
	const char *body = "--XyZ\r\n"
	                   "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	                   "公告\r\n"
	                   "--XyZ\r\n"
	                   "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\dir\\\\scan.pdf\"\r\n"
	                   "Content-Type: application/pdf\r\n\r\n"
	                   "%PDF-1.4 data\r\n"
	                   "--XyZ--\r\n";
	CHECK(parse_multipart(p, (const unsigned char *)body, strlen(body), "multipart/form-data; boundary=XyZ",
	                      &default_limits, &f, &why) == XE_OK);
	CHECK_STR(form_get(&f, "title"), "公告");
	const struct upload *u = form_file(&f, "file", 0);
	CHECK(u != NULL && u->len == 13 && memcmp(u->data, "%PDF-1.4 data", 13) == 0);
	CHECK(u != NULL && strcmp(u->filename, "scan.pdf") == 0);
	struct limits lim = default_limits;
	lim.max_file_size = 4;
	struct form g = {0};
	/* A file over the size is refused at its field; the other fields are read (the form comes back). */
	CHECK(parse_multipart(p, (const unsigned char *)body, strlen(body), "multipart/form-data; boundary=XyZ", &lim,
	                      &g, &why) == XE_BAD_REQUEST);
	CHECK_STR(g.refused_field, "file");
	CHECK(g.refused_message != NULL && strstr(g.refused_message, "过大") != NULL);
	CHECK_STR(form_get(&g, "title"), "公告");
	CHECK(g.nfiles == 0);
	lim = default_limits;
	lim.max_files = 0;
	struct form h = {0};
	CHECK(parse_multipart(p, (const unsigned char *)body, strlen(body), "multipart/form-data; boundary=XyZ", &lim,
	                      &h, &why) == XE_TOO_LARGE);
	const char *broken = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
	struct form k = {0};
	CHECK(parse_multipart(p, (const unsigned char *)broken, strlen(broken), "multipart/form-data; boundary=XyZ",
	                      &default_limits, &k, &why) == XE_BAD_REQUEST);
	CHECK(parse_multipart(p, (const unsigned char *)body, strlen(body), "multipart/form-data", &default_limits, &k,
	                      &why) == XE_BAD_REQUEST);
	pool_free(p);
}

/* One part of a multipart body between the title field and a closing one, parsed. */
static enum xerr parse_with_part(struct pool *p, const char *part, size_t part_len, struct form *f, const char **why)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n公告\r\n--XyZ\r\n");
	buf_put(&b, part, part_len);
	buf_puts(&b, "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\n后\r\n--XyZ--\r\n");
	unsigned char *body = pool_alloc(p, b.len); /* the uploads point into it */
	memcpy(body, b.data, b.len);
	size_t len = b.len;
	buf_free(&b);
	memset(f, 0, sizeof *f);
	*why = NULL;
	return parse_multipart(p, body, len, "multipart/form-data; boundary=XyZ", &default_limits, f, why);
}

/* Issue 19, item 5: a part whose name or file name holds CR, LF or NUL, or whose headers are
 * malformed, is refused with its field named, never dropped or read as a field; the other
 * parts are still read, for the form to be shown again with what was typed. */
void test_multipart_refused_parts(void)
{
	struct pool *p = pool_new();
	static const struct {
		const char *part;
		size_t len; /* 0: strlen */
		const char *field;  /* the field named, NULL: none can be */
	} refused[] = {
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a\r\nb.pdf\"\r\n"
		 "Content-Type: application/pdf\r\n\r\n%PDF-1.4", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a\nb.pdf\"\r\n\r\n%PDF-1.4", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a\rb.pdf\"\r\n\r\n%PDF-1.4", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a\0b.pdf\"\r\n\r\n%PDF-1.4", 82, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=a\r\nb.pdf\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a\x01.pdf\"\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"\xff.pdf\"\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename*=UTF-8''a.pdf\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\"; filename=\"b.pdf\"\r\n\r\n%PDF", 0,
		 "attachments"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\"x\r\n\r\n%PDF", 0, "attachments"},
		{"Content-Disposition: form-data; name=\"description\"\r\nX-Broken\r\n\r\ntext", 0, "description"},
		{"Content-Disposition: form-data; name=\"description\"\r\nX-Bare: a\nb\r\n\r\ntext", 0, "description"},
		{"Content-Disposition: form-data; name=\"description\"\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nt", 0,
		 "description"},
		{"Content-Disposition: attachment; name=\"description\"\r\n\r\ntext", 0, NULL},
		{"Content-Disposition: form-data; name=\"desc\r\nription\"\r\n\r\ntext", 0, NULL},
		{"Content-Disposition: form-data; name=\"desc\0ription\"\r\n\r\ntext", 59, NULL},
		{"Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\ntext", 0, NULL},
		{"Content-Disposition: form-data; name=\"\"\r\n\r\ntext", 0, NULL},
		{"Content-Type: text/plain\r\n\r\ntext", 0, NULL},
		{"Content-Disposition: form-data; name=\"description\"", 0, "description"}, /* no empty line */
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct form f;
		const char *why;
		size_t len = refused[i].len ? refused[i].len : strlen(refused[i].part);
		enum xerr e = parse_with_part(p, refused[i].part, len, &f, &why);
		if (e != XE_BAD_REQUEST)
			fprintf(stderr, "  refused[%zu]: %d\n", i, (int)e);
		CHECK(e == XE_BAD_REQUEST);
		CHECK(why != NULL && f.refused_message != NULL);
		if (refused[i].field != NULL)
			CHECK_STR(f.refused_field, refused[i].field);
		else
			CHECK(f.refused_field == NULL);
		CHECK(f.nfiles == 0 && form_get(&f, "description") == NULL);
		CHECK_STR(form_get(&f, "title"), "公告");
		CHECK_STR(form_get(&f, "after"), "后"); /* read on past the refused part */
	}
	/* A fault of the body itself outweighs a part's: no field to name then. */
	struct form g;
	const char *gwhy;
	const char *then_bad = "Content-Disposition: form-data; name=\"attachments\"; filename=\"a\nb.pdf\"\r\n\r\n%PDF\r\n"
	                       "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\xc3(";
	CHECK(parse_with_part(p, then_bad, strlen(then_bad), &g, &gwhy) == XE_BAD_REQUEST);
	CHECK(g.refused_field == NULL && g.refused_message == NULL && strstr(gwhy, "UTF-8") != NULL);
	/* What browsers send is read as before: an escaped quote, an old browser's client path,
	 * parameters in another order, bare values, spaces around. */
	static const struct {
		const char *part, *field, *filename;
	} accepted[] = {
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"say \\\"hi\\\".pdf\"\r\n\r\n%PDF", "attachments",
		 "say \"hi\".pdf"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"C:\\Documents\\scan.pdf\"\r\n\r\n%PDF",
		 "attachments", "scan.pdf"},
		{"content-disposition: form-data; filename=\"扫描件.pdf\"; name=attachments\r\n\r\n%PDF", "attachments",
		 "扫描件.pdf"},
		{"Content-Disposition:form-data ;  name=\"attachments\" ; filename=\"a.pdf\"  \r\nX-Other: 1\r\n\r\n%PDF",
		 "attachments", "a.pdf"},
		/* The HTML standard's encoding: %22, %0D and %0A read back (a line break as a space), any
		 * other %xx kept as typed. */
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"报价%22终稿%22.pdf\"\r\n\r\n%PDF",
		 "attachments", "报价\"终稿\".pdf"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"a%0Ab%0Dc%0D%0Ad.pdf\"\r\n\r\n%PDF",
		 "attachments", "a b c d.pdf"},
		{"Content-Disposition: form-data; name=\"attachments\"; filename=\"100%.%2522%2F%0a%41%2%\"\r\n\r\n%PDF",
		 "attachments", "100%.%2522%2F%0a%41%2%"},
	};
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		struct form f;
		const char *why;
		CHECK(parse_with_part(p, accepted[i].part, strlen(accepted[i].part), &f, &why) == XE_OK);
		const struct upload *u = form_file(&f, accepted[i].field, 0);
		CHECK(u != NULL && u->len == 4 && memcmp(u->data, "%PDF", 4) == 0);
		CHECK(u != NULL && strcmp(u->filename, accepted[i].filename) == 0);
		CHECK(f.refused_field == NULL && f.refused_message == NULL);
	}
	pool_free(p);
}

void test_cookies(void)
{
	struct pool *p = pool_new();
	struct form f = {0};
	parse_cookies(p, "a=1; xxgk_session=abc ;bad; c=", &f);
	CHECK_STR(form_get(&f, "a"), "1");
	CHECK_STR(form_get(&f, "xxgk_session"), "abc");
	CHECK_STR(form_get(&f, "c"), "");
	CHECK(form_get(&f, "bad") == NULL);
	/* A name of white space alone is no cookie (the fuzzer's find). */
	struct form g = {0};
	parse_cookies(p, "\r=abc; \t =x;y=1", &g);
	CHECK(g.n == 1);
	CHECK(form_get(&g, "") == NULL);
	CHECK_STR(form_get(&g, "y"), "1");
	pool_free(p);
}

void test_validate(void)
{
	struct pool *p = pool_new();
	static const char *const kinds[] = {"person", "organization", NULL};
	enum { V_NAME, V_KIND, V_EMAIL, V_N, V_SITE, V_ID, V_DAY, V_MONTH, V__N };
	static const struct field_spec specs[V__N] = {
		[V_NAME] = {"name", FT_LINE, true, 10, 0, 0, NULL, "姓名"},
		[V_KIND] = {"kind", FT_CHOICE, true, 0, 0, 0, kinds, "类型"},
		[V_EMAIL] = {"email", FT_EMAIL, false, 0, 0, 0, NULL, "邮箱"},
		[V_N] = {"n", FT_INT, false, 0, 1, 5, NULL, "数量"},
		[V_SITE] = {"site", FT_URL, false, 0, 0, 0, NULL, "网址"},
		[V_ID] = {"id", FT_ID, false, 0, 0, 0, NULL, "编号"},
		[V_DAY] = {"day", FT_DATE, false, 0, 0, 0, NULL, "日期"},
		[V_MONTH] = {"month", FT_MONTH, false, 0, 0, 0, NULL, "月份"},
	};
	struct field_value v[V__N];
	struct field_error err;
	struct form f = {0};
	form_add(p, &f, "name", " 张三 ");
	form_add(p, &f, "kind", "organization");
	form_add(p, &f, "n", "4");
	form_add(p, &f, "id", "9223372036854775807");
	form_add(p, &f, "day", "2026-12-04");
	form_add(p, &f, "month", "2026-02");
	CHECK(form_parse(p, &f, specs, v, &err));
	CHECK_STR(v[V_NAME].text, "张三");
	CHECK(v[V_KIND].num == 1);
	CHECK(v[V_EMAIL].text == NULL);
	CHECK(v[V_N].num == 4);
	CHECK(v[V_ID].num == ID_MAX);
	CHECK(v[V_DAY].num == days_from_civil(2026, 12, 4));
	CHECK(v[V_MONTH].num == days_from_civil(2026, 2, 1));
	form_add(p, &f, "email", "a@b");
	CHECK(!form_parse(p, &f, specs, v, &err) && strcmp(err.field, "email") == 0);
	static const char *const bad[][2] = {
		{"kind", "robot"}, {"n", "6"}, {"id", "0"}, {"id", "9223372036854775808"}, {"day", "2026-02-30"},
		{"month", "2026-13"}, {"month", "2026-1"}, {"site", "javascript:alert(1)"}, {"name", "一二三四五六七八九十一"},
	};
	for (size_t i = 0; i < FIELDS_OF(bad); i++) {
		struct form g = {0};
		form_add(p, &g, "name", "x");
		form_add(p, &g, "kind", "person");
		form_add(p, &g, bad[i][0], bad[i][1]);
		CHECK(!form_parse(p, &g, specs, v, &err) && strcmp(err.field, bad[i][0]) == 0);
	}
	struct form h = {0};
	form_add(p, &h, "kind", "person");
	CHECK(!form_parse(p, &h, specs, v, &err) && strcmp(err.field, "name") == 0);
	struct form twice = {0};
	form_add(p, &twice, "name", "x");
	form_add(p, &twice, "kind", "person");
	form_add(p, &twice, "kind", "person");
	CHECK(!form_parse(p, &twice, specs, v, &err) && strcmp(err.field, "kind") == 0);
	pool_free(p);
}

void test_url_check(void)
{
	CHECK(url_is_safe("https://www.gov.cn/x?a=1"));
	CHECK(url_is_safe("/xxgk/lincang/"));
	CHECK(!url_is_safe("//evil.example/"));
	CHECK(!url_is_safe("javascript:alert(1)"));
	CHECK(!url_is_safe("JaVaScRiPt:alert(1)"));
	CHECK(!url_is_safe("data:text/html,x"));
	CHECK(!url_is_safe("http://"));
	CHECK(!url_is_safe("https://a b"));
	CHECK(!url_is_safe("https://a\"onmouseover=1"));
}

