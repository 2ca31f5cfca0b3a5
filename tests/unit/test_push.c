#include "core/text.h"
#include "notices/compliance.h"
#include "notices/push.h"
#include "unit.h"
#include <libxml/parser.h>

void test_push_signature(void)
{
	/* Python: hmac.new(key, b"1796457600." + body, hashlib.sha256).hexdigest() */
	const char *body = "{\"a\":\"中\"}";
	char sig[72];
	push_signature("k3y-0123456789abcdef", "1796457600", body, strlen(body), sig);
	CHECK_STR(sig, "sha256=0afdd521094339ddfb8afff034ed4fb6ac54362d667d765e8cd5c59e94d1fdb4");
}

void test_push_backoff(void)
{
	CHECK(push_backoff(30, 3600, 1, 0.0) == 30.0);
	CHECK(push_backoff(30, 3600, 3, 0.0) == 120.0);
	CHECK(push_backoff(30, 3600, 3, 0.999) > 60.0 && push_backoff(30, 3600, 3, 0.999) < 61.0);
	CHECK(push_backoff(30, 3600, 10, 0.0) == 3600.0);
	CHECK(push_backoff(30, 3600, 1000000, 0.0) == 3600.0);
}

void test_push_url(void)
{
	CHECK(push_url_allowed("https://ggzy.example.gov.cn/receive"));
	CHECK(push_url_allowed("http://127.0.0.1:8080/r"));
	CHECK(push_url_allowed("http://localhost/r"));
	CHECK(push_url_allowed("http://[::1]:9/r"));
	CHECK(!push_url_allowed("http://example.org/r"));
	CHECK(!push_url_allowed("http://127.0.0.1.example.org/r"));
	CHECK(!push_url_allowed("http://user@127.0.0.1/r"));
	CHECK(!push_url_allowed("ftp://127.0.0.1/r"));
	CHECK(!push_url_allowed("https://a b/"));
	CHECK(!push_url_allowed("https:///path"));
}

void test_push_channels(void)
{
	const char *xml = "<catalog channels=\"政府网站 平台甲\"><channels><channel name=\"平台甲\" kind=\"platform\" "
	                  "pushed=\"yes\"/><channel name=\"平台乙\" kind=\"platform\" pushed=\"yes\"/></channels>"
	                  "<domain code=\"D01\"><category code=\"D01.C01\"/>"
	                  "<category code=\"D01.C02\" channels=\"平台乙\"><category code=\"D01.C02.C01\"/></category>"
	                  "</domain></catalog>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	xmlNodePtr dom = xmlDocGetRootElement(doc)->children->next;
	xmlNodePtr c1 = dom->children, c21 = c1->next->children;
	CHECK(push_channel_covers(c1, "平台甲") && !push_channel_covers(c1, "平台乙"));
	CHECK(push_channel_covers(c21, "平台乙") && !push_channel_covers(c21, "平台甲"));
	CHECK(!push_channel_covers(c1, "平台"));
	CHECK(push_channel(doc, "平台乙") != NULL && push_channel(doc, "平台丙") == NULL);
	xmlFreeDoc(doc);
}

void test_compliance_periods(void)
{
	struct cp_period p;
	CHECK(compliance_period_parse("2026-11", &p) && p.kind == CP_MONTH && p.first == days_from_civil(2026, 11, 1) &&
	      p.last == days_from_civil(2026, 11, 30));
	CHECK_STR(p.zh, "2026年11月");
	CHECK(compliance_period_parse("2026-Q4", &p) && p.first == days_from_civil(2026, 10, 1) &&
	      p.last == days_from_civil(2026, 12, 31));
	CHECK_STR(p.zh, "2026年第四季度");
	CHECK(compliance_period_parse("2026-H1", &p) && p.last == days_from_civil(2026, 6, 30));
	CHECK_STR(p.zh, "2026年上半年");
	CHECK(compliance_period_parse("2024", &p) && p.kind == CP_YEAR && p.last - p.first == 365);
	const char *bad[] = {"2026-13", "2026-00", "2026-Q5", "2026-H3", "1999", "2026-1", "26-11", "2026-Q", "", NULL};
	for (int i = 0; bad[i]; i++)
		CHECK(!compliance_period_parse(bad[i], &p));
	CHECK(!compliance_period_parse(NULL, &p));
}
