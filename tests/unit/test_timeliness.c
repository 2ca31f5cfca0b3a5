/* Completeness and timeliness rules, pure parts. The calendar is typed in by hand from the
 * State Council's 2024 notice (国办发明电〔2023〕7号), not read from the project's data, and every
 * expected date was counted by hand on a paper calendar; the comments show the count. */
#include "core/calendar.h"
#include "notices/completeness.h"
#include "core/text.h"
#include "notices/timeliness.h"
#include "unit.h"
#include <libxml/parser.h>

static int32_t D(const char *s)
{
	int32_t d = 0;
	parse_date(s, &d);
	return d;
}

static bool date_is(int32_t got, const char *want)
{
	char g[11];
	format_date(got, g);
	if (strcmp(g, want) != 0)
		fprintf(stderr, "  got %s, counted by hand %s\n", g, want);
	return strcmp(g, want) == 0;
}

static struct calendar *cal_2024(void)
{
	const struct cal_day days[] = {
		/* 中秋节 9-15..9-17 off, 9-14 (Sat) work; 国庆节 10-1..10-7 off, 9-29 (Sun) and 10-12 (Sat) work */
		{D("2024-09-14"), false, "中秋节"}, {D("2024-09-15"), true, "中秋节"}, {D("2024-09-16"), true, "中秋节"},
		{D("2024-09-17"), true, "中秋节"},  {D("2024-09-29"), false, "国庆节"}, {D("2024-10-01"), true, "国庆节"},
		{D("2024-10-02"), true, "国庆节"},  {D("2024-10-03"), true, "国庆节"},  {D("2024-10-04"), true, "国庆节"},
		{D("2024-10-05"), true, "国庆节"},  {D("2024-10-06"), true, "国庆节"},  {D("2024-10-07"), true, "国庆节"},
		{D("2024-10-12"), false, "国庆节"},
	};
	const int years[] = {2024, 2025, 2026}; /* 2027 not published */
	return calendar_build(days, sizeof days / sizeof days[0], years, sizeof years / sizeof years[0], 1);
}

void test_completeness_blank(void)
{
	CHECK(completeness_blank(NULL));
	CHECK(completeness_blank(""));
	CHECK(completeness_blank(" \t\r\n"));
	CHECK(completeness_blank("\xe3\x80\x80\xe3\x80\x80"));  /* ideographic spaces */
	CHECK(completeness_blank("\xc2\xa0 \xe2\x80\x8b"));     /* no-break space, zero width space */
	CHECK(completeness_blank("\xef\xbb\xbf"));              /* a stray byte-order mark */
	CHECK(!completeness_blank("无"));
	CHECK(!completeness_blank("  0  "));
	CHECK(!completeness_blank("\xe3\x80\x80x"));
	CHECK(!completeness_blank("\xe3\x80")); /* a truncated sequence is not white space (and not over-read) */
}

void test_completeness_check(void)
{
	const char *xml = "<catalog variant='t'><domain code='D01' name='领域甲'>"
	                  "<category code='D01.C01' name='类别乙'>"
	                  "<item code='D01.C01.I01'>项目名称</item><item code='D01.C01.I02'>成交价格</item>"
	                  "<item code='D01.C01.I03'>受让单位</item>"
	                  "<category code='D01.C01.C01' name='子类丙'><item code='D01.C01.C01.I01'>子项</item></category>"
	                  "</category></domain></catalog>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", "UTF-8", XML_PARSE_NONET);
	struct pool *p = pool_new();
	xmlNodePtr cat = doc->children->children->children; /* catalog > domain > category */
	const char *codes[] = {"D01.C01.I01", "D01.C01.I02", "D01.C99.I09"};
	const char *values[] = {"某项目", "\xe3\x80\x80 ", "x"};
	struct completeness c = {0};
	completeness_check(p, cat, codes, values, 3, &c);
	CHECK(c.category_known);
	CHECK_STR(c.category_code, "D01.C01");
	CHECK_STR(c.category_path, "领域甲 › 类别乙");
	CHECK(c.nrequired == 3); /* the nested category's item is not this category's */
	CHECK(c.nmissing == 2);
	if (c.nmissing == 2) {
		CHECK_STR(c.missing[0].code, "D01.C01.I02"); /* only white space */
		CHECK_STR(c.missing[0].label, "成交价格");
		CHECK_STR(c.missing[1].code, "D01.C01.I03"); /* not given */
		CHECK_STR(c.missing[1].label, "受让单位");
	}
	/* Nested category: its own item only. */
	struct completeness n = {0};
	completeness_check(p, cat->last, codes, values, 0, &n);
	CHECK(n.nrequired == 1 && n.nmissing == 1);
	CHECK_STR(n.category_path, "领域甲 › 类别乙 › 子类丙");
	/* Unknown category: nothing can be required. */
	struct completeness u = {.category_code = "D09.C09"};
	completeness_check(p, NULL, codes, values, 3, &u);
	CHECK(!u.category_known && u.nrequired == 0 && u.nmissing == 0);
	CHECK_STR(u.category_code, "D09.C09");
	pool_free(p);
	xmlFreeDoc(doc);
}

/* Items required in some case only, counted within another, or of publications at different
 * stages (completeness.h). */
static size_t missing_of(xmlNodePtr cat, const char *const *codes, size_t n, const char **first)
{
	const char *values[] = {"值", "值", "值", "值"};
	struct pool *p = pool_new();
	struct completeness c = {0};
	completeness_check(p, cat, codes, values, n, &c);
	static char got[64];
	snprintf(got, sizeof got, "%s", c.nmissing > 0 ? c.missing[0].code : "");
	*first = got;
	size_t r = c.nmissing;
	pool_free(p);
	return r;
}

void test_completeness_cases_and_publications(void)
{
	const char *xml = "<catalog variant='t'><domain code='D01' name='领域'>"
	                  "<category code='D01.C01' name='采购结果'>"
	                  "<item code='D01.C01.I01'>中标价</item>"
	                  "<item code='D01.C01.I02' part-of='D01.C01.I01'>暂估价</item>"
	                  "<item code='D01.C01.I03' condition='协议供货项目'>入围价格</item></category>"
	                  "<category code='D01.C02' name='出让公告、成交公示'>"
	                  "<item code='D01.C02.I01' publication='出让公告'>出让公告</item>"
	                  "<item code='D01.C02.I02' publication='成交公示'>成交价格</item>"
	                  "<item code='D01.C02.I03' publication='成交公示'>受让单位</item></category>"
	                  "</domain></catalog>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", "UTF-8", XML_PARSE_NONET);
	xmlNodePtr c1 = doc->children->children->children, c2 = c1->next;
	const char *first;
	const char *price[] = {"D01.C01.I01"};
	CHECK(missing_of(c1, price, 1, &first) == 0); /* neither the part nor the case is required */
	CHECK(missing_of(c1, price, 0, &first) == 1 && strcmp(first, "D01.C01.I01") == 0);
	const char *notice[] = {"D01.C02.I01"};
	CHECK(missing_of(c2, notice, 1, &first) == 0); /* a 出让公告 needs no 成交公示 */
	const char *deal[] = {"D01.C02.I02"};
	CHECK(missing_of(c2, deal, 1, &first) == 1 && strcmp(first, "D01.C02.I03") == 0); /* its own stage whole */
	CHECK(missing_of(c2, deal, 0, &first) == 1 && strcmp(first, "D01.C02.I01") == 0); /* nothing: the first */
	const char *both[] = {"D01.C02.I01", "D01.C02.I03"};
	CHECK(missing_of(c2, both, 2, &first) == 1 && strcmp(first, "D01.C02.I02") == 0);
	xmlFreeDoc(doc);
}

void test_timeliness_national_day_2024(void)
{
	struct calendar *c = cal_2024();
	/* Formed Fri 2024-09-27, 20 working days: 9-29 Sun make-up (1), 9-30 (2), 10-1..10-7 off,
	 * 10-8 (3), 10-9 (4), 10-10 (5), 10-11 (6), 10-12 Sat make-up (7), 10-14 (8) .. 10-18 (12),
	 * 10-21 (13) .. 10-25 (17), 10-28 (18), 10-29 (19), 10-30 (20): due Wed 2024-10-30. */
	struct tl_eval e = timeliness_evaluate(c, D("2024-09-27"), 20, D("2024-10-25"), D("2024-11-05"));
	CHECK(date_is(e.due, "2024-10-30"));
	CHECK(e.status == TL_ON_TIME && !e.provisional);
	/* Published on the due date itself: on time. */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, D("2024-10-30"), D("2024-11-05"));
	CHECK(e.status == TL_ON_TIME);
	/* Published Mon 11-04: 10-31 (1), 11-1 (2), 11-4 (3): late by 3. */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, D("2024-11-04"), D("2024-11-05"));
	CHECK(e.status == TL_LATE && e.late_by == 3);
	/* Published Sat 11-02, the first rest day after the due date: late, by 2 (10-31, 11-1). */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, D("2024-11-02"), D("2024-11-05"));
	CHECK(e.status == TL_LATE && e.late_by == 2);
	/* Licensing decision, 7 working days from Fri 9-27: 9-29 (1), 9-30 (2), 10-8 (3), 10-9 (4),
	 * 10-10 (5), 10-11 (6), 10-12 Sat make-up (7): due 2024-10-12. Published Tue 10-15:
	 * 10-13 Sun no, 10-14 (1), 10-15 (2): late by 2. */
	e = timeliness_evaluate(c, D("2024-09-27"), 7, D("2024-10-15"), D("2024-11-05"));
	CHECK(date_is(e.due, "2024-10-12"));
	CHECK(e.status == TL_LATE && e.late_by == 2);
	/* Not published, today Tue 11-05: overdue since 10-30 by 10-31, 11-1, 11-4, 11-5 = 4. */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, TL_NOT_PUBLISHED, D("2024-11-05"));
	CHECK(e.status == TL_OVERDUE && e.late_by == 4);
	/* Not published, today is the due date: due soon, 0 days left (not yet overdue). */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, TL_NOT_PUBLISHED, D("2024-10-30"));
	CHECK(e.status == TL_DUE_SOON && e.days_left == 0);
	/* Today Mon 10-21: 10-22 .. 10-25 (4), 10-28 (5), 10-29 (6), 10-30 (7) left: pending.
	 * Today Wed 10-23: 10-24, 10-25, 10-28, 10-29, 10-30 = 5 left: due soon (the limit). */
	e = timeliness_evaluate(c, D("2024-09-27"), 20, TL_NOT_PUBLISHED, D("2024-10-21"));
	CHECK(e.status == TL_PENDING && e.days_left == 7);
	e = timeliness_evaluate(c, D("2024-09-27"), 20, TL_NOT_PUBLISHED, D("2024-10-23"));
	CHECK(e.status == TL_DUE_SOON && e.days_left == 5);
	/* Formed Tue 9-10 (mid-autumn): 9-11 (1), 9-12 (2), 9-13 (3), 9-14 Sat make-up (4), 9-15..17 off,
	 * 9-18 (5) .. 9-20 (7), 9-23 (8) .. 9-27 (12), 9-29 Sun (13), 9-30 (14), 10-8 (15) .. 10-11 (18),
	 * 10-12 Sat (19), 10-14 (20): due Mon 10-14. Published Sat 10-19: 10-15..10-18 = late by 4. */
	e = timeliness_evaluate(c, D("2024-09-10"), 20, D("2024-10-19"), D("2024-11-05"));
	CHECK(date_is(e.due, "2024-10-14"));
	CHECK(e.status == TL_LATE && e.late_by == 4);
	/* Into an unpublished year: formed Fri 2026-12-18, 12-21 (1) .. 12-25 (5), 12-28 (6) .. 12-31 (9),
	 * 2027-01-01 Fri 元旦 (off by law), 1-4 (10) .. 1-8 (14), 1-11 (15) .. 1-15 (19), 1-18 (20):
	 * provisional. */
	e = timeliness_evaluate(c, D("2026-12-18"), 20, TL_NOT_PUBLISHED, D("2026-12-18"));
	CHECK(date_is(e.due, "2027-01-18"));
	CHECK(e.provisional && e.status == TL_PENDING);
	CHECK_STR(timeliness_status_code(TL_OVERDUE), "overdue");
	CHECK_STR(timeliness_status_zh(TL_LATE), "逾期公开");
	calendar_free(c);
}
