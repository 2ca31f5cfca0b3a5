/* search.c's pure parts: splitting the query, the Groonga query string, matching, highlighting
 * and the snippet window. Expected values worked out by hand. */
#include "notices/search.h"
#include "unit.h"

/* n copies of s appended to buf (bounded). */
static void repeat(char *buf, size_t cap, const char *s, int n)
{
	for (int i = 0; i < n; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, cap - used, "%s", s);
	}
}

/* The text of span i of text. */
static const char *span_text(struct pool *p, const char *text, const struct search_span *s)
{
	return pool_strndup(p, text + s->start, s->end - s->start);
}

void test_search_split(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	CHECK(search_split(p, "", &t) == SEARCH_EMPTY);
	CHECK(search_split(p, "  \t\xe3\x80\x80 ", &t) == SEARCH_EMPTY); /* spaces and U+3000 only */
	CHECK(search_split(p, "土地使用权", &t) == SEARCH_OK && t.n == 1);
	CHECK_STR(t.t[0].text, "土地使用权");
	CHECK(t.t[0].ncps == 5);
	/* Full-width space separates; duplicates (folded) are dropped. */
	CHECK(search_split(p, "临沧\xe3\x80\x80采购  ABC abc ＡＢＣ", &t) == SEARCH_OK && t.n == 3);
	CHECK_STR(t.t[0].text, "临沧");
	CHECK_STR(t.t[1].text, "采购");
	CHECK_STR(t.t[2].text, "ABC");
	CHECK(t.t[2].cps[0] == 'a' && t.t[2].cps[2] == 'c');
	CHECK(search_split(p, "一 二 三 四 五", &t) == SEARCH_OK && t.n == 5);
	CHECK(search_split(p, "一 二 三 四 五 六", &t) == SEARCH_TOO_MANY);
	CHECK(search_split(p, "一 二 三 四 五 五 一", &t) == SEARCH_OK && t.n == 5);
	/* 100 characters pass, 101 do not (Chinese characters are one each, not three bytes). */
	char q[400] = "";
	repeat(q, sizeof q, "字", 100);
	CHECK(search_split(p, q, &t) == SEARCH_OK && t.n == 1 && t.t[0].ncps == 100);
	repeat(q, sizeof q, "字", 1);
	CHECK(search_split(p, q, &t) == SEARCH_TOO_LONG);
	pool_free(p);
}

void test_search_query_string(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	CHECK(search_split(p, "采购 a\"b c\\d", &t) == SEARCH_OK);
	CHECK_STR(search_query_string(p, 7, &t), "+\"采购\" +\"a\\\"b\" +\"c\\\\d\" +site_id:7");
	CHECK(search_split(p, "<script>", &t) == SEARCH_OK);
	CHECK_STR(search_query_string(p, 12, &t), "+\"<script>\" +site_id:12");
	pool_free(p);
}

void test_search_groonga_select(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	CHECK(search_split(p, "采购 a\"b c\\d", &t) == SEARCH_OK);
	/* Query level: "采购" "a\"b" "c\\d"; command level: that in quotes, '"' and '\' escaped again. */
	CHECK_STR(search_groonga_select(p, 7, &t, 40, 20),
	          "select --table search_docs --match_columns content --query "
	          "\"\\\"采购\\\" \\\"a\\\\\\\"b\\\" \\\"c\\\\\\\\d\\\"\" --filter \"site_id == 7\" "
	          "--sort_keys -published_at,-notice_id --output_columns notice_id --offset 40 --limit 20 "
	          "--match_escalation_threshold -1 --cache no");
	/* Nothing of the query can end the value or start another argument. */
	CHECK(search_split(p, "x\" --table users --query \"y", &t) == SEARCH_OK && t.n == 5);
	const char *cmd = search_groonga_select(p, 1, &t, 0, 20);
	CHECK(strstr(cmd, " --table users") == NULL);
	CHECK(strstr(cmd, " \\\"--table\\\" \\\"users\\\" ") != NULL); /* two phrases */
	pool_free(p);
}

void test_search_groonga_parse(void)
{
	long long total, ids[3];
	size_t n;
	CHECK(search_groonga_parse("[[[100022],[[\"notice_id\",\"UInt64\"]],[34677],[16369]]]", &total, ids, 3, &n));
	CHECK(total == 100022 && n == 2 && ids[0] == 34677 && ids[1] == 16369);
	CHECK(search_groonga_parse("[[[0],[[\"notice_id\",\"UInt64\"]]]]", &total, ids, 3, &n) && total == 0 && n == 0);
	/* Other shapes are refused, and leave nothing half-read. */
	CHECK(!search_groonga_parse("[[[5],[[\"notice_id\",\"UInt64\"]],[1],[2],[3],[4]]]", &total, ids, 3, &n));
	CHECK(total == 0 && n == 0);
	CHECK(!search_groonga_parse("[[[5],[[\"notice_id\",\"UInt64\"]],[\"1\"]]]", &total, ids, 3, &n));
	CHECK(!search_groonga_parse("[[[5],[[\"notice_id\",\"UInt64\"]],[0]]]", &total, ids, 3, &n));
	CHECK(!search_groonga_parse("[[[-1],[[\"notice_id\",\"UInt64\"]]]]", &total, ids, 3, &n));
	CHECK(!search_groonga_parse("[[-1]]", &total, ids, 3, &n));
	CHECK(!search_groonga_parse("[[[1],[]],[]]", &total, ids, 3, &n));
	CHECK(!search_groonga_parse("not json", &total, ids, 3, &n));
	CHECK(!search_groonga_parse(NULL, &total, ids, 3, &n));
}

void test_search_fold_and_find(void)
{
	struct pool *p = pool_new();
	CHECK(search_fold('A') == 'a');
	CHECK(search_fold(0xff21) == 'a'); /* Ａ */
	CHECK(search_fold(0xff10) == '0'); /* ０ */
	CHECK(search_fold(0x4e2d) == 0x4e2d);
	struct search_terms t;
	CHECK(search_split(p, "使用权 abc", &t) == SEARCH_OK);
	const char *text = "国有土地使用权出让ＡＢＣ";
	size_t s, e;
	CHECK(search_find(text, strlen(text), &t, &s, &e));
	CHECK(s == 12 && e == 21); /* 国有土地 = 4 x 3 bytes; 使用权 = 9 bytes */
	const char *wide = "编号ＡＢｃ号";
	CHECK(search_find(wide, strlen(wide), &t, &s, &e));
	CHECK(s == 6 && e == 15); /* full-width ＡＢｃ matches abc */
	CHECK(!search_find("土地出让", strlen("土地出让"), &t, &s, &e));
	/* A truncated sequence at the end is one unknown character, not a read past the end. */
	CHECK(!search_find("abx\xe4\xb8", 5, &t, &s, &e));
	pool_free(p);
}

void test_search_highlight(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	struct search_span *sp;
	CHECK(search_split(p, "土地 土地使用权 出让", &t) == SEARCH_OK);
	const char *text = "国有土地使用权出让，土地出让";
	size_t n = search_highlight(p, text, strlen(text), &t, &sp);
	/* 国有 | [土地使用权] | [出让] | ， | [土地] | [出让] — the longer term wins at the same start. */
	CHECK(n == 6);
	if (n == 6) {
		CHECK(!sp[0].mark);
		CHECK_STR(span_text(p, text, &sp[0]), "国有");
		CHECK(sp[1].mark);
		CHECK_STR(span_text(p, text, &sp[1]), "土地使用权");
		CHECK(sp[2].mark);
		CHECK_STR(span_text(p, text, &sp[2]), "出让");
		CHECK(!sp[3].mark);
		CHECK_STR(span_text(p, text, &sp[3]), "，");
		CHECK(sp[4].mark && sp[5].mark);
		CHECK(sp[5].end == strlen(text));
	}
	/* Markup in the text or the query is just characters: the span is the literal text. */
	CHECK(search_split(p, "<script>", &t) == SEARCH_OK);
	const char *m = "a<script>b";
	n = search_highlight(p, m, strlen(m), &t, &sp);
	CHECK(n == 3 && sp[1].mark && sp[1].start == 1 && sp[1].end == 9);
	/* No occurrence: one plain span; empty text: none. */
	n = search_highlight(p, "无关", strlen("无关"), &t, &sp);
	CHECK(n == 1 && !sp[0].mark);
	CHECK(search_highlight(p, "", 0, &t, &sp) == 0);
	pool_free(p);
}

void test_search_snippet(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	CHECK(search_split(p, "目标", &t) == SEARCH_OK);
	/* 50 characters of 甲, then 目标, then 50 of 乙: the window starts 5 characters before. */
	char text[400] = "";
	repeat(text, sizeof text, "甲", 50);
	repeat(text, sizeof text, "目标", 1);
	repeat(text, sizeof text, "乙", 50);
	size_t from, to, len = strlen(text);
	search_snippet(text, len, &t, 5, 20, &from, &to);
	CHECK(from == 45 * 3);
	CHECK(to == 65 * 3);
	/* The start of the line wins over `before` characters back. */
	const char *lines = "第一行\n目录目标在此";
	search_snippet(lines, strlen(lines), &t, 30, 4, &from, &to);
	CHECK(from == strlen("第一行\n"));
	CHECK(to == from + 4 * 3);
	/* A window ending inside an occurrence is stretched to its end. */
	search_snippet(text, len, &t, 1, 2, &from, &to);
	CHECK(from == 49 * 3 && to == 52 * 3);
	/* No occurrence: from the start. */
	search_snippet("乙乙乙", 9, &t, 5, 2, &from, &to);
	CHECK(from == 0 && to == 6);
	pool_free(p);
}
