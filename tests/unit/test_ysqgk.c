/* Disclosure requests: identity-number and credit-code rules, content sniffing, masks, query
 * codes, and the mail format. Expected values come from the standards' own examples or were
 * computed outside xxgk (Python hashlib/base64). */
#include "core/buf.h"
#include "core/mail.h"
#include "core/pool.h"
#include "core/settings.h"
#include "unit.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_mask.h"
#include "ysqgk/ysqgk_rules.h"
#include "ysqgk/ysqgk_upload.h"
#include <string.h>

void test_ysqgk_identity_numbers(void)
{
	CHECK(ysqgk_resident_id_valid("11010519491231002X")); /* the example of GB 11643-1999 */
	CHECK(!ysqgk_resident_id_valid("110105194912310021")); /* wrong check character */
	CHECK(!ysqgk_resident_id_valid("11010519491231002x")); /* callers normalise case first */
	CHECK(!ysqgk_resident_id_valid("110105194913310021")); /* right check character, no 13th month */
	CHECK(!ysqgk_resident_id_valid("1101051949123100"));
	CHECK(!ysqgk_resident_id_valid("11010519491231002X1"));
	CHECK(!ysqgk_resident_id_valid(""));
	CHECK(ysqgk_uscc_valid("91350100M000100Y43")); /* the example of GB 32100-2015 */
	CHECK(ysqgk_uscc_valid("91110000600037341L"));
	CHECK(!ysqgk_uscc_valid("91350100M000100Y44"));
	CHECK(!ysqgk_uscc_valid("91350100I000100Y43")); /* I is not in the code's alphabet */
	CHECK(!ysqgk_uscc_valid("91350100M000100Y4"));
}

void test_ysqgk_sniff(void)
{
	static const unsigned char pdf[] = "%PDF-1.7\n...";
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const unsigned char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
	static const unsigned char doc[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0";
	static const unsigned char docx[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0"
	                                    "[Content_Types].xml....PK\x03\x04....word/document.xml";
	static const unsigned char ofd[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x07\0\0\0OFD.xml";
	static const unsigned char zip[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x09\0\0\0notes.txt";
	static const unsigned char exe[] = "MZ\x90\0\3\0\0\0";
	CHECK_STR(ysqgk_sniff(pdf, sizeof pdf - 1), "application/pdf");
	CHECK_STR(ysqgk_sniff(png, sizeof png - 1), "image/png");
	CHECK_STR(ysqgk_sniff(jpeg, sizeof jpeg - 1), "image/jpeg");
	CHECK_STR(ysqgk_sniff(doc, sizeof doc - 1), "application/msword");
	CHECK_STR(ysqgk_sniff(docx, sizeof docx - 1),
	          "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	CHECK_STR(ysqgk_sniff(ofd, sizeof ofd - 1), "application/ofd");
	CHECK(ysqgk_sniff(zip, sizeof zip - 1) == NULL);
	CHECK(ysqgk_sniff(exe, sizeof exe - 1) == NULL);
	CHECK(ysqgk_sniff(pdf, 3) == NULL);
}

/* The name an attachment is stored and shown under: control characters, DEL among them, and
 * path separators become "_" (a quote stays, as the person named the file); it ends before what
 * is not valid text (U+FFFF). Both the fuzzer's finds. */
void test_ysqgk_attachment_names(void)
{
	struct app app = {0};
	struct buf err;
	buf_init(&err);
	CHECK(settings_parse(&app.cfg, "", "test", &err));
	struct request req = {.pool = pool_new(), .app = &app};
	static const unsigned char pdf[] = "%PDF-1.7\n...";
	struct upload u = {"attachments", "a\x7f\x01" "b\"c\\d.pdf", "application/pdf", pdf, sizeof pdf - 1};
	struct form f = {.files = &u, .nfiles = 1};
	struct ysqgk_attachment files[YSQGK_MAX_FILES];
	size_t n = 0;
	enum xerr status;
	CHECK(ysqgk_check_attachments(&req, &f, files, &n, &status) == NULL);
	CHECK(n == 1);
	CHECK_STR(n == 1 ? files[0].filename : NULL, "a__b\"c_d.pdf");
	u.filename = "ab\xef\xbf\xbf.pdf"; /* U+FFFF, which no page can carry */
	CHECK(ysqgk_check_attachments(&req, &f, files, &n, &status) == NULL);
	CHECK_STR(n == 1 ? files[0].filename : NULL, "ab.pdf"); /* cut there, then named as what it holds */
	pool_free(req.pool);
	settings_free(&app.cfg);
	buf_free(&err);
}

void test_ysqgk_masks(void)
{
	struct pool *p = pool_new();
	CHECK_STR(ysqgk_mask_id(p, "11010519491231002X"), "1101**********002X");
	CHECK_STR(ysqgk_mask_id(p, "E12345678"), "E1*****78");
	CHECK_STR(ysqgk_mask_phone(p, "13812345678"), "138****5678");
	CHECK_STR(ysqgk_mask_phone(p, "0883-2123456"), "088*****3456");
	CHECK_STR(ysqgk_mask_address(p, "云南省临沧市临翔区南塘街1号"), "云南省临沧市****");
	CHECK_STR(ysqgk_mask_address(p, "南塘街1号"), "南塘****");
	CHECK_STR(ysqgk_mask_email(p, "zhang@example.com"), "z***@example.com");
	CHECK_STR(ysqgk_mask_id(p, ""), "");
	CHECK_STR(ysqgk_mask_phone(p, NULL), "");
	CHECK_STR(ysqgk_mask_address(p, ""), "");
	pool_free(p);
}

void test_ysqgk_query_codes(void)
{
	char a[15], b[15], h1[65], h2[65];
	CHECK(ysqgk_new_code(a) && ysqgk_new_code(b));
	CHECK(strlen(a) == 14 && a[4] == '-' && a[9] == '-' && strcmp(a, b) != 0);
	for (const char *c = a; *c; c++)
		CHECK(*c == '-' || strchr("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", *c) != NULL);
	/* SHA-256 of "0123456789abcdef0123456789abcdef:ABCDEFGHJKMN", by Python's hashlib */
	ysqgk_code_hash("0123456789abcdef0123456789abcdef", "ABCD-EFGH-JKMN", h1);
	CHECK_STR(h1, "6121bdd778e31d6351df1f8b2a66c8eb74ea7d11a2210c0adef1871bee9bc95f");
	ysqgk_code_hash("0123456789abcdef0123456789abcdef", " abcd efgh jkmn ", h2);
	CHECK_STR(h2, h1);
	ysqgk_code_hash("0123456789abcdef0123456789abcdef", "ABCD-EFGH-JKMO", h2); /* O is not a code letter */
	CHECK(strcmp(h1, h2) != 0);
	struct pool *p = pool_new();
	CHECK_STR(ysqgk_normalize_tracking(p, " lincang-2026-00001 "), "LINCANG-2026-00001");
	CHECK(ysqgk_normalize_tracking(p, "LINCANG 2026") == NULL);
	CHECK(ysqgk_normalize_tracking(p, "<script>") == NULL);
	pool_free(p);
}

void test_mail_format(void)
{
	struct buf b;
	buf_init(&b);
	mail_format(&b, "xxgk@example.gov.cn", "申请", "a@example.com", "您好", "您好！\n", "1.x@example.gov.cn", 0);
	const char *m = buf_cstr(&b);
	CHECK(strstr(m, "From: =?UTF-8?B?55Sz6K+3?= <xxgk@example.gov.cn>\r\n") != NULL);
	CHECK(strstr(m, "To: <a@example.com>\r\n") != NULL);
	CHECK(strstr(m, "Content-Transfer-Encoding: base64\r\n") != NULL);
	CHECK(strstr(m, "Message-ID: <1.x@example.gov.cn>\r\n") != NULL);
	/* the body "您好！" in canonical CRLF form, base64 by Python */
	CHECK(strstr(m, "\r\n\r\n5oKo5aW977yBDQo=\r\n") != NULL);
	/* every line ends in CRLF and is at most 78 characters */
	size_t len = 0;
	bool bare_lf = false, long_line = false;
	for (const char *c = m; *c; c++) {
		if (*c == '\n') {
			bare_lf = bare_lf || c == m || c[-1] != '\r';
			long_line = long_line || len > 79;
			len = 0;
		} else {
			len++;
		}
	}
	CHECK(!bare_lf && !long_line);
	/* a long subject is folded into several encoded words */
	b.len = 0;
	mail_format(&b, "x@example.gov.cn", "", "a@example.com",
	            "政府信息公开申请的受理回执以及办理进度的通知政府信息公开申请的受理回执", "x", "2.x@y", 0);
	CHECK(strstr(buf_cstr(&b), "?=\r\n =?UTF-8?B?") != NULL);
	buf_free(&b);
}
