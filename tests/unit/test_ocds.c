/* The OCDS export's pure parts: amounts as written in Chinese notices, release tags from category
 * names, which categories are contracting processes; and the feeds' shared helpers. Expected
 * values worked out by hand. */
#include "core/exchange.h"
#include "notices/ocds.h"
#include "core/pool.h"
#include "unit.h"
#include <libxml/tree.h>

static const char *amount(struct pool *p, const char *text, const char **currency)
{
	const char *a = NULL;
	*currency = NULL;
	return ocds_amount(p, text, &a, currency) ? a : "(none)";
}

void test_ocds_amounts(void)
{
	struct pool *p = pool_new();
	const char *cur;
	CHECK_STR(amount(p, "人民币1234.56万元", &cur), "12345600");
	CHECK_STR(cur, "CNY");
	CHECK_STR(amount(p, "¥800元", &cur), "800");
	CHECK_STR(amount(p, "1,234,567.891元", &cur), "1234567.89");
	CHECK_STR(amount(p, "3亿元", &cur), "300000000");
	CHECK_STR(amount(p, "0.5万元", &cur), "5000");
	CHECK_STR(amount(p, "12.345678万元", &cur), "123456.78");
	CHECK_STR(amount(p, "9.999元", &cur), "10");       /* rounded half up, carried */
	CHECK_STR(amount(p, "1.005元", &cur), "1.01");
	CHECK_STR(amount(p, "办公设备1批，预算金额50万元", &cur), "500000"); /* the number with a unit */
	CHECK_STR(amount(p, "25万美元", &cur), "250000");
	CHECK_STR(cur, "USD");
	CHECK_STR(amount(p, "人民币 88000", &cur), "88000"); /* a bare number is all the text says */
	CHECK_STR(amount(p, "88000", &cur), "88000");
	CHECK_STR(amount(p, "见附件（共3页）", &cur), "(none)");
	CHECK_STR(amount(p, "", &cur), "(none)");
	CHECK_STR(amount(p, "2026年3月", &cur), "(none)");
	const char *a;
	CHECK(!ocds_amount(p, NULL, &a, &cur));
	/* 40 digits do not fit: refused, not wrapped. */
	CHECK_STR(amount(p, "1234567890123456789012345678901234567890元", &cur), "(none)");
	pool_free(p);
}

static xmlNodePtr node(xmlNodePtr parent, const char *kind, const char *code, const char *name)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)kind, NULL);
	xmlNewProp(n, (const xmlChar *)"code", (const xmlChar *)code);
	xmlNewProp(n, (const xmlChar *)"name", (const xmlChar *)name);
	return n;
}

void test_ocds_categories(void)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"catalog");
	xmlDocSetRootElement(doc, root);
	xmlNodePtr land = node(root, "domain", "D01", "国有土地使用权出让");
	xmlNodePtr land_result = node(land, "category", "D01.C01", "出让结果");
	xmlNodePtr gp = node(root, "domain", "D02", "政府采购");
	xmlNodePtr notice = node(gp, "category", "D02.C01", "采购招标公告信息");
	xmlNodePtr result = node(gp, "category", "D02.C02", "中标和成交结果信息");
	xmlNodePtr both = node(gp, "category", "D02.C03", "采购公告、成交公告");
	xmlNodePtr change = node(gp, "category", "D02.C04", "采购结果变更公告");
	xmlNodePtr stop = node(gp, "category", "D02.C05", "采购终止公告");
	xmlNodePtr fix = node(gp, "category", "D02.C06", "更正（澄清或修改）公告");
	xmlNodePtr contract = node(gp, "category", "D02.C07", "采购合同");
	xmlNodePtr budget = node(gp, "category", "D02.C08", "采购项目预算金额");
	xmlNodePtr accept = node(gp, "category", "D02.C09", "履约验收公告");
	xmlNodePtr prequal = node(gp, "category", "D02.C10", "招标资格预审结果公告");
	xmlNodePtr supervision = node(gp, "category", "D02.C11", "监督处罚信息");
	xmlNodePtr complaint = node(supervision, "category", "D02.C11.C01", "财政部门作出的投诉和监督检查等处理决定");
	xmlNodePtr assess = node(supervision, "category", "D02.C11.C02", "对集中采购机构的考核结果");
	xmlNodePtr policy = node(gp, "category", "D02.C12", "法规政策");
	xmlNodePtr other = node(root, "domain", "D03", "工程建设项目");
	xmlNodePtr gp_service = node(other, "category", "D03.C01", "政府采购公共服务项目信息");

	CHECK_STR(ocds_tags(notice), "[\"tender\"]");
	CHECK_STR(ocds_tags(result), "[\"award\"]");
	CHECK_STR(ocds_tags(both), "[\"tender\",\"award\"]");
	CHECK_STR(ocds_tags(change), "[\"awardUpdate\"]");
	CHECK_STR(ocds_tags(stop), "[\"tenderCancellation\"]");
	CHECK_STR(ocds_tags(fix), "[\"tenderAmendment\"]");
	CHECK_STR(ocds_tags(contract), "[\"contract\"]");
	CHECK_STR(ocds_tags(budget), "[\"planning\"]");
	CHECK_STR(ocds_tags(accept), "[\"implementation\"]");
	CHECK_STR(ocds_tags(prequal), "[\"tender\"]");

	CHECK(ocds_category_included(notice));
	CHECK(ocds_category_included(contract));
	CHECK(ocds_category_included(gp_service)); /* named 政府采购 outside the domain */
	CHECK(!ocds_category_included(land_result));
	CHECK(!ocds_category_included(supervision));
	CHECK(!ocds_category_included(complaint)); /* excluded through its parent too */
	CHECK(!ocds_category_included(assess));
	CHECK(!ocds_category_included(policy));

	struct pool *p = pool_new();
	const char *codes[8];
	size_t n = ocds_columns(p, doc, codes, 8);
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(codes[0], "D02");
		CHECK_STR(codes[1], "D03.C01");
	}
	pool_free(p);
	xmlFreeDoc(doc);
}

void test_exchange_helpers(void)
{
	struct pool *p = pool_new();
	CHECK(host_name_valid("www.lincang.gov.cn"));
	CHECK(host_name_valid("127.0.0.1:8080"));
	CHECK(host_name_valid("[::1]") == false);
	CHECK(!host_name_valid("evil.example/path"));
	CHECK(!host_name_valid("a b"));
	CHECK(!host_name_valid("bad_host"));
	CHECK(!host_name_valid(""));
	CHECK(!host_name_valid(NULL));
	/* a Host naming the site's domain or an allowed name keeps its port; nothing else passes */
	CHECK(host_allowed("www.lincang.gov.cn", "www.lincang.gov.cn", ""));
	CHECK(host_allowed("WWW.Lincang.gov.cn:8443", "www.lincang.gov.cn", NULL));
	CHECK(host_allowed("127.0.0.1:8080", "www.lincang.gov.cn", "localhost, 127.0.0.1"));
	CHECK(host_allowed("localhost", NULL, "127.0.0.1 localhost"));
	CHECK(!host_allowed("evil.example", "www.lincang.gov.cn", "127.0.0.1 localhost"));
	CHECK(!host_allowed("www.lincang.gov.cn.evil.example", "www.lincang.gov.cn", ""));
	CHECK(!host_allowed("lincang.gov.cn", "www.lincang.gov.cn", ""));
	CHECK(!host_allowed("local", NULL, "localhost"));
	CHECK(!host_allowed("localhost:0", NULL, "localhost"));
	CHECK(!host_allowed("localhost:65536", NULL, "localhost"));
	CHECK(!host_allowed("localhost:80:80", NULL, "localhost"));
	CHECK(!host_allowed("localhost:", NULL, "localhost"));
	CHECK(!host_allowed("localhost:-1", NULL, "localhost"));
	CHECK(!host_allowed(":8080", NULL, "localhost"));
	CHECK(!host_allowed("bad_host", "bad_host", "bad_host"));
	CHECK(!host_allowed(NULL, "www.lincang.gov.cn", "localhost"));
	CHECK(!host_allowed("", "", ""));
	/* 2026-03-10 01:00:00 UTC = 20522 days * 86400 + 3600 */
	CHECK_STR(iso_utc(p, "1773104400"), "2026-03-10T01:00:00Z");
	CHECK_STR(iso_utc(p, "0"), "1970-01-01T00:00:00Z");
	CHECK_STR(iso_utc(p, "1773104400.000000"), "2026-03-10T01:00:00Z");
	CHECK(iso_utc(p, "x") == NULL);
	CHECK(iso_utc(p, NULL) == NULL);
	const char *when;
	long long id;
	CHECK(cursor_parse(p, "20260501103000-123", &when, &id) && id == 123);
	CHECK_STR(when, "2026-05-01 10:30:00");
	CHECK(!cursor_parse(p, "20260231103000-1", &when, &id)); /* no 31 February */
	CHECK(!cursor_parse(p, "20260501250000-1", &when, &id));
	CHECK(!cursor_parse(p, "20260501103000-0", &when, &id));
	CHECK(!cursor_parse(p, "2026050110300-12", &when, &id));
	CHECK_STR(cursor_make(p, "2026-05-01 10:30:00", "123"), "20260501103000-123");
	CHECK_STR(text_prefix(p, "公共资源配置", 4), "公共资源…");
	CHECK_STR(text_prefix(p, "公共资源", 4), "公共资源");
	struct site s = {.domain = "www.lincang.gov.cn"};
	CHECK_STR(tag_uri(p, &s, "2026-01-05", "lincang/n/7"), "tag:www.lincang.gov.cn,2026-01-05:lincang/n/7");
	s.domain = "";
	CHECK_STR(tag_uri(p, &s, "2026-01-05", "lincang/n/7"), "tag:xxgk.invalid,2026-01-05:lincang/n/7");
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "a", "x\"<");
	jw_open(&w, "b", '[');
	jw_int(&w, NULL, 1);
	jw_str(&w, NULL, NULL);
	jw_open(&w, NULL, '{');
	jw_close(&w, '}');
	jw_close(&w, ']');
	jw_bool(&w, "c", true);
	jw_close(&w, '}');
	CHECK_STR(buf_cstr(&b), "{\"a\":\"x\\\"\\u003c\",\"b\":[1,null,{}],\"c\":true}");
	buf_free(&b);
	pool_free(p);
}
