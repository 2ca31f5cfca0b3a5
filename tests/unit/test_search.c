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

void test_search_groonga_select(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	struct search_filters none = {0};
	CHECK(search_split(p, "采购 a\"b c\\d", &t) == SEARCH_OK);
	/* Query level: "采购" "a\"b" "c\\d"; command level: that in quotes, '"' and '\' escaped again. */
	const char *cmd = search_groonga_select(p, 7, &t, &none, SEARCH_TIER_ALL, NULL, 40, 20);
	const char *head = "select --table search_docs --match_columns search_docs#ft_content.index --query "
	                   "\"\\\"采购\\\" \\\"a\\\\\\\"b\\\" \\\"c\\\\\\\\d\\\"\" --filter \"site_id == 7\" "
	                   "--sort_keys -published_at,-_key --output_columns _key --offset 40 --limit 20 "
	                   "--drilldowns[facets].keys facet --drilldowns[facets].output_columns _key,_nsubrecs "
	                   "--drilldowns[facets].limit -1 ";
	CHECK(strncmp(cmd, head, strlen(head)) == 0);
	CHECK(strstr(cmd, "--drilldowns[domain]") == NULL); /* one drilldown, not one a facet */
	CHECK(strstr(cmd, " --match_escalation_threshold -1 --cache no") != NULL);
	/* A tier with its cutoff, every filter, by relevance: strings quoted twice. */
	struct search_filters f = {.column = "D04.C01", .issuer = "财政\"局\\", .from = "2025-01-01", .to = "2025-12-31",
	                           .sort = SEARCH_SORT_RELEVANCE};
	cmd = search_groonga_select(p, 3, &t, &f, SEARCH_TIER_2, "2024-05-06 07:08:09", 0, 20);
	const char *tier2 = "select --table search_docs_tier2 --match_columns search_docs_tier2#ft_content.index --query ";
	CHECK(strncmp(cmd, tier2, strlen(tier2)) == 0);
	CHECK(strstr(cmd, " --filter \"site_id == 3 && published_at >= \\\"2024-05-06 07:08:09\\\" && "
	                  "(category_code == \\\"D04.C01\\\" || category_code @^ \\\"D04.C01.\\\") && "
	                  "issuer == \\\"财政\\\\\\\"局\\\\\\\\\\\" && published_at >= \\\"2025-01-01 00:00:00\\\" && "
	                  "published_at <= \\\"2025-12-31 23:59:59\\\"\" --sort_keys -_score,-published_at,-_key ") != NULL);
	/* The cutoff belongs to the partial tiers only. */
	cmd = search_groonga_select(p, 3, &t, &none, SEARCH_TIER_ALL, "2024-05-06 07:08:09", 0, 20);
	CHECK(strstr(cmd, "2024-05-06") == NULL);
	/* Limit 0: the count alone, with neither order nor facets. */
	cmd = search_groonga_select(p, 3, &t, &none, SEARCH_TIER_1, "2024-05-06 07:08:09", 0, 0);
	const char *tier1 = "select --table search_docs_tier1 --match_columns search_docs_tier1#ft_content.index --query ";
	CHECK(strncmp(cmd, tier1, strlen(tier1)) == 0);
	CHECK(strstr(cmd, "published_at >= \\\"2024-05-06 07:08:09\\\"\" --output_columns _key --limit 0 "
	                  "--match_escalation_threshold -1 --cache no") != NULL);
	CHECK(strstr(cmd, "--sort_keys") == NULL && strstr(cmd, "--drilldowns") == NULL);
	/* Nothing of the query can end the value or start another argument. */
	CHECK(search_split(p, "x\" --table users --query \"y", &t) == SEARCH_OK && t.n == 5);
	cmd = search_groonga_select(p, 1, &t, &none, SEARCH_TIER_ALL, NULL, 0, 20);
	CHECK(strstr(cmd, " --table users") == NULL);
	CHECK(strstr(cmd, " \\\"--table\\\" \\\"users\\\" ") != NULL); /* two phrases */
	pool_free(p);
}

/* Trigrams for a search whose every term is three Chinese characters or more, in the tiers and
 * the samples; bigrams for any other, and in search_docs. */
void test_search_groonga_select_reads_trigrams_for_long_chinese_terms(void)
{
	struct pool *p = pool_new();
	struct search_terms t;
	struct search_filters none = {0};
	CHECK(search_split(p, "体育中心 办公设备 㐀㐁㐂", &t) == SEARCH_OK);
	CHECK(t.t[0].trigrams && t.t[1].trigrams && t.t[2].trigrams);
	const char *cmd = search_groonga_select(p, 1, &t, &none, SEARCH_TIER_3, "2024-05-06 07:08:09", 0, 20);
	CHECK(strstr(cmd, " --match_columns search_docs_tier3#ft_trigram.index --query ") != NULL);
	cmd = search_groonga_select(p, 1, &t, &none, SEARCH_TIER_SAMPLE, "2024-05-06 07:08:09", 0, 0);
	CHECK(strstr(cmd, " --match_columns search_docs_sample#ft_trigram.index --query ") != NULL);
	cmd = search_groonga_select(p, 1, &t, &none, SEARCH_TIER_ALL, NULL, 0, 20);
	CHECK(strstr(cmd, " --match_columns search_docs#ft_content.index --query ") != NULL);
	/* One term of two characters, or with a letter, a digit or a symbol: bigrams for all. */
	const char *others[] = {"体育中心 采购", "人民公园 A座", "人民公园１", "人民公园。", "ＡＢＣ公园"};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		CHECK(search_split(p, others[i], &t) == SEARCH_OK);
		cmd = search_groonga_select(p, 1, &t, &none, SEARCH_TIER_1, "2024-05-06 07:08:09", 0, 20);
		CHECK(strstr(cmd, " --match_columns search_docs_tier1#ft_content.index --query ") != NULL);
	}
	pool_free(p);
}

void test_search_tiers_and_estimate(void)
{
	CHECK_STR(search_tier_table(SEARCH_TIER_1), "search_docs_tier1");
	CHECK_STR(search_tier_table(SEARCH_TIER_3), "search_docs_tier3");
	CHECK_STR(search_tier_table(SEARCH_TIER_ALL), "search_docs");
	CHECK_STR(search_tier_table(SEARCH_TIER_SAMPLE), "search_docs_sample");
	/* Which tables a notice is in: the tiers by its publication time against the cutoffs, the
	 * samples by its id, search_docs always. */
	struct search_cutoffs c = {.at = {"2025-06-01 00:00:00", "2025-01-01 00:00:00", NULL}};
	CHECK(search_in_tier(SEARCH_TIER_1, 5, "2025-06-01 00:00:00", &c));
	CHECK(!search_in_tier(SEARCH_TIER_1, 5, "2025-05-31 23:59:59", &c));
	CHECK(search_in_tier(SEARCH_TIER_2, 5, "2025-05-31 23:59:59", &c));
	CHECK(!search_in_tier(SEARCH_TIER_2, 5, "2024-12-31 23:59:59", &c));
	CHECK(search_in_tier(SEARCH_TIER_3, 5, "2001-01-01 00:00:00", &c)); /* no cutoff: every notice */
	CHECK(search_in_tier(SEARCH_TIER_1, 5, "2001-01-01 00:00:00", NULL));
	CHECK(search_in_tier(SEARCH_TIER_ALL, 5, "2001-01-01 00:00:00", &c));
	for (long long id = 1; id <= 2000; id++) {
		CHECK(search_in_tier(SEARCH_TIER_SAMPLE, id, "2001-01-01 00:00:00", &c) == search_sampled(id));
		CHECK(search_in_tier(SEARCH_TIER_SPARSE, id, "2030-01-01 00:00:00", &c) == search_sparse(id));
	}
	CHECK(search_tier_keep(SEARCH_TIER_1, 1250) == 1250 && search_tier_keep(SEARCH_TIER_2, 1250) == 12500 &&
	      search_tier_keep(SEARCH_TIER_3, 1250) == 125000);
	/* One id in 64, and an id and another a fixed distance away (a copy made by adding a million)
	 * no more often together than apart. */
	int in = 0, both = 0;
	for (long long id = 1; id <= 64000; id++) {
		in += search_sampled(id);
		both += search_sampled(id) && search_sampled(id + 1000000);
	}
	CHECK(in > 900 && in < 1100);
	CHECK(both < 40);
	/* The sparse sample: one in 1,024 of the same ids, every one of them in the sample. */
	int sparse = 0, outside = 0;
	for (long long id = 1; id <= 1024000; id++)
		if (search_sparse(id)) {
			sparse++;
			outside += !search_sampled(id);
		}
	CHECK(sparse > 900 && sparse < 1100);
	CHECK(outside == 0);
	CHECK_STR(search_tier_table(SEARCH_TIER_SPARSE), "search_docs_sparse");
	/* A place in one notice of 16: 78 in the first tier, 975 older ones in the sample. */
	CHECK(search_estimate(78, 975, 64) == 62000);
	/* The same place counted in the sparse sample: 60 older ones there. */
	CHECK(search_estimate(78, 60, 1024) == 62000);
	/* A project: 59 in the third tier, 7 older in the sample: 507, two digits. */
	CHECK(search_estimate(59, 7, 64) == 510);
	/* This month's project: none older in the sample, the tier's own count. */
	CHECK(search_estimate(30, 0, 64) == 30);
	CHECK(search_estimate(123, 0, 64) == 123); /* never below what was found */
	CHECK(search_estimate(1000, 1, 64) == 1100);
}

void test_search_groonga_parse(void)
{
	struct pool *p = pool_new();
	struct search_answer a;
	CHECK(search_groonga_parse(p, "[[[100022],[[\"_key\",\"UInt64\"]],[34677],[16369]]]", &a));
	CHECK(a.total == 100022 && a.n == 2 && a.ids[0] == 34677 && a.ids[1] == 16369 && a.nfacets[0] == 0);
	CHECK(search_groonga_parse(p, "[[[0],[[\"_key\",\"UInt64\"]]]]", &a) && a.total == 0 && a.n == 0);
	/* With the facets: one group per domain, body and year, added up per facet. */
	CHECK(search_groonga_parse(p,
	                           "[[[6],[[\"_key\",\"UInt64\"]],[9]],{\"facets\":[[4],[[\"_key\",\"ShortText\"],"
	                           "[\"_nsubrecs\",\"Int32\"]],[\"D04\\u001f教育局\\u001f2026\",1],"
	                           "[\"D04\\u001f财政局\\u001f2025\",2],[\"D05\\u001f财政局\\u001f2026\",2],"
	                           "[\"D04\",7],[\"D04\\u001f\\u001f2026\",1]]}]",
	                           &a));
	CHECK(a.total == 6 && a.n == 1 && a.ids[0] == 9);
	CHECK(a.nfacets[SEARCH_FACET_DOMAIN] == 2 && strcmp(a.facets[SEARCH_FACET_DOMAIN][0].key, "D04") == 0 &&
	      a.facets[SEARCH_FACET_DOMAIN][0].n == 4 && a.facets[SEARCH_FACET_DOMAIN][1].n == 2);
	/* The most matches first, then by value; a body left empty is a value too. */
	CHECK(a.nfacets[SEARCH_FACET_ISSUER] == 3 && strcmp(a.facets[SEARCH_FACET_ISSUER][0].key, "财政局") == 0 &&
	      a.facets[SEARCH_FACET_ISSUER][0].n == 4 && strcmp(a.facets[SEARCH_FACET_ISSUER][1].key, "") == 0 &&
	      strcmp(a.facets[SEARCH_FACET_ISSUER][2].key, "教育局") == 0);
	CHECK(a.nfacets[SEARCH_FACET_YEAR] == 2 && strcmp(a.facets[SEARCH_FACET_YEAR][0].key, "2026") == 0 &&
	      a.facets[SEARCH_FACET_YEAR][0].n == 4 && strcmp(a.facets[SEARCH_FACET_YEAR][1].key, "2025") == 0);
	/* A facet's values are cut at SEARCH_FACET_MAX, the most matches kept. */
	struct buf many;
	buf_init(&many);
	buf_puts(&many, "[[[40],[[\"_key\",\"UInt64\"]]],{\"facets\":[[40],[[\"_key\",\"ShortText\"],[\"_nsubrecs\",\"Int32\"]]");
	for (int i = 1; i <= 40; i++)
		buf_printf(&many, ",[\"D04\\u001f局%d\\u001f2026\",%d]", i, i);
	buf_puts(&many, "]}]");
	CHECK(search_groonga_parse(p, buf_cstr(&many), &a) && a.nfacets[SEARCH_FACET_ISSUER] == SEARCH_FACET_MAX &&
	      strcmp(a.facets[SEARCH_FACET_ISSUER][0].key, "局40") == 0 &&
	      strcmp(a.facets[SEARCH_FACET_ISSUER][SEARCH_FACET_MAX - 1].key, "局11") == 0);
	buf_free(&many);
	CHECK(strcmp(search_facet_key(p, "D04", "财政局", "2026"), "D04\x1f" "财政局\x1f" "2026") == 0);
	/* Other shapes are refused, and leave nothing half-read. */
	CHECK(!search_groonga_parse(p, "[[[25],[[\"_key\",\"UInt64\"]],[1],[2],[3],[4],[5],[6],[7],[8],[9],[10],[11],[12],"
	                               "[13],[14],[15],[16],[17],[18],[19],[20],[21]]]",
	                            &a));
	CHECK(a.total == 0 && a.n == 0);
	CHECK(!search_groonga_parse(p, "[[[5],[[\"_key\",\"UInt64\"]],[\"1\"]]]", &a));
	CHECK(!search_groonga_parse(p, "[[[5],[[\"_key\",\"UInt64\"]],[0]]]", &a));
	CHECK(!search_groonga_parse(p, "[[[-1],[[\"_key\",\"UInt64\"]]]]", &a));
	CHECK(!search_groonga_parse(p, "[[[1],[[\"_key\",\"UInt64\"]],[1]],{\"facets\":[[1],[],[\"D04\"]]}]", &a));
	CHECK(!search_groonga_parse(p, "[[[1],[[\"_key\",\"UInt64\"]],[1]],{\"facets\":[[1],[],[7,1]]}]", &a));
	CHECK(!search_groonga_parse(p, "[[[1],[[\"_key\",\"UInt64\"]],[1]],[]]", &a));
	CHECK(!search_groonga_parse(p, "[[-1]]", &a));
	CHECK(!search_groonga_parse(p, "not json", &a));
	CHECK(!search_groonga_parse(p, NULL, &a));
	pool_free(p);
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
	/* Terms of Chinese only are found by their bytes: the first of any term, the longest there. */
	CHECK(search_split(p, "招标公告 公告 采购", &t) == SEARCH_OK);
	const char *notice = "项目概况\n本项目招标公告于今日发布，采购人：某局";
	CHECK(search_find(notice, strlen(notice), &t, &s, &e));
	CHECK(s == 22 && e == 34); /* 项目概况 + \n + 本项目 = 22 bytes; 招标公告 the longest there */
	CHECK(search_split(p, "采购 公告", &t) == SEARCH_OK);
	CHECK(search_find(notice, strlen(notice), &t, &s, &e) && s == 28 && e == 34); /* 公告, before 采购 */
	/* Bytes that are not UTF-8 before it, and a term cut off at the end, are no occurrence. */
	const char *broken = "\xe5\x85\xac\xe5\xe5\x85\xac\xe5\x91\x8a";
	CHECK(search_find(broken, strlen(broken), &t, &s, &e) && s == 4 && e == 10);
	CHECK(!search_find("公\xe5\x91", 5, &t, &s, &e));
	/* The same answers as the character scan a term with ASCII in it takes. */
	CHECK(search_split(p, "公告 x", &t) == SEARCH_OK);
	CHECK(search_find(broken, strlen(broken), &t, &s, &e) && s == 4 && e == 10);
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

/* The bytes of the character at text[i] (the texts below are valid UTF-8). */
static size_t char_len(const char *text, size_t i)
{
	size_t n = 1;
	while (((unsigned char)text[i + n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Where the snippet [from, ...) should end, the plain way: `width` characters on, or the end of
 * the first occurrence in the text if later, then every occurrence the greedy scan from `from`
 * meets before that end, one character at a time, stretching it. */
static size_t snippet_end_by_hand(const char *text, size_t len, const struct search_terms *t, size_t from,
                                  size_t width)
{
	size_t e = from, s, end;
	for (size_t k = 0; k < width && e < len; k++)
		e += char_len(text, e);
	if (search_find(text, len, t, &s, &end) && end > e)
		e = end;
	for (size_t i = from; i < e;) {
		if (search_find(text + i, len - i, t, &s, &end) && s == 0) {
			e = i + end > e ? i + end : e;
			i += end;
		} else {
			i += char_len(text, i);
		}
	}
	return e;
}

void test_search_snippet_never_cuts_an_occurrence(void)
{
	/* Random texts of characters the terms are made of, folded forms among them, against terms
	 * found by their bytes (目标, 标目) and by folding (aa, matched by A and Ａ too). */
	static const char *const alphabet[] = {"目", "标", "甲", "a", "A", "\xef\xbc\xa1", " ", "\n"};
	static const char *const queries[] = {"目标", "目标 标目", "aa", "目标 aa", "标目标"};
	struct pool *p = pool_new();
	unsigned seed = 7;
	int checked = 0;
	for (int round = 0; round < 4000; round++) {
		struct search_terms t;
		CHECK(search_split(p, queries[round % 5], &t) == SEARCH_OK);
		char text[400] = "";
		seed = seed * 1103515245u + 12345u;
		int chars = (int)(seed >> 16) % 60;
		for (int c = 0; c < chars; c++) {
			seed = seed * 1103515245u + 12345u;
			repeat(text, sizeof text, alphabet[(seed >> 16) % 8], 1);
		}
		size_t len = strlen(text), from, to;
		size_t before = (size_t)(round % 7), width = (size_t)(round % 11) + 1;
		search_snippet(text, len, &t, before, width, &from, &to);
		CHECK(to == snippet_end_by_hand(text, len, &t, from, width));
		checked++;
	}
	CHECK(checked == 4000);
	pool_free(p);
}
