"""Full-text search (/xxgk/{site}/search) over real HTTP against the real Mroonga index: Chinese
substrings in titles, content items and bodies; only the site's published notices; <mark>
highlighting that stays inert; numbered pages that walk every result once; the index following
imports, edits and withdrawals on the next request; bounded input. Notices are set up through
`xxgkctl import` and the staff console; SQL only checks."""
import html, json, os, re, subprocess, tempfile, urllib.parse

from console import Staff
from harness import TOP, eq, ok

# Words that appear nowhere in the demo data (test_search_b_words_are_new checks that). The tests
# run in the order of their names and build on each other.
TITLE_WORD, ITEM_WORD, BODY_WORD, OTHER_WORD = "翡翠湖", "琥珀岭", "玛瑙溪", "珊瑚礁"


def search(s, site, q, page=None, expect=200):
    query = {"q": q}
    if page is not None:
        query["page"] = page
    r = s.get(f"/xxgk/{site}/search?" + urllib.parse.urlencode(query))
    eq(r.status, expect, f"search {site} {q!r} page {page}: {r.text[:300]}")
    return r


def result_ids(text):
    return re.findall(r'<h3><a href="/xxgk/[a-z]+/n/(\d+)">', text)


def total(text):
    m = re.search(r"找到 <strong>(\d+)</strong> 条", text)
    return int(m.group(1)) if m else 0


def write_json(data):
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path


def notice(ext, title, body="本公告正文。", items=None, **kw):
    n = {"external_id": ext, "title": title, "issuer": "临沧市财政局", "formed_on": "2026-03-02",
         "published_at": "2026-03-10 09:00:00", "category": "D04.C05", "body": body, "items": items or {}}
    n.update(kw)
    return n


def imported_id(s, ext, site="lincang"):
    return s.sql(f"SELECT n.id FROM notices n JOIN sites x ON x.id = n.site_id WHERE x.site_key = '{site}' "
                 f"AND n.external_id = '{ext}'")[0][0]


def like_oracle(s, site, word):
    """The published notices of site containing word in title, an item or the body, by SQL LIKE."""
    rows = s.sql("SELECT n.id FROM notices n JOIN sites x ON x.id = n.site_id "
                 f"WHERE x.site_key = '{site}' AND n.status = 'published' AND (n.title LIKE '%{word}%' "
                 f"OR n.body LIKE '%{word}%' OR EXISTS (SELECT 1 FROM notice_items i WHERE i.notice_id = n.id "
                 f"AND i.value LIKE '%{word}%'))")
    return sorted(r[0] for r in rows)


def walk(s, site, q):
    """Follows the "next" links from page 1; returns every result id in order and the dates."""
    ids, dates, url, pages = [], [], f"/xxgk/{site}/search?" + urllib.parse.urlencode({"q": q}), 0
    while url:
        r = s.get(url)
        eq(r.status, 200, url)
        ids += result_ids(r.text)
        dates += re.findall(r'<p class="search-meta"><time datetime="([0-9-]+)">', r.text)
        pages += 1
        m = re.search(r'<a rel="next" href="([^"]+)"', r.text)
        url = html.unescape(m.group(1)) if m else None
        ok(pages <= 60, "paging ends")
    return ids, dates, pages


def test_search_a_index_catches_up_on_requests(s):
    # The demo notices (and those earlier tests published) were queued when they were written;
    # search requests apply the queue a slice at a time and say so until it is done.
    for _ in range(100):
        r = search(s, "lincang", "临沧")
        if "正在编入索引" not in r.text:
            break
    ok("正在编入索引" not in r.text, "the index caught up within 100 requests")
    eq(s.sql("SELECT COUNT(*) FROM search_pending")[0][0], "0", "nothing left queued")
    eq(s.sql("SELECT COUNT(*) FROM search_docs")[0][0],
       s.sql("SELECT COUNT(*) FROM notices WHERE status = 'published'")[0][0], "one document per published notice")


def test_search_b_words_are_new(s):
    for w in (TITLE_WORD, ITEM_WORD, BODY_WORD, OTHER_WORD):
        eq(s.sql(f"SELECT COUNT(*) FROM notices WHERE title LIKE '%{w}%' OR body LIKE '%{w}%'")[0][0], "0", w)
        eq(s.sql(f"SELECT COUNT(*) FROM notice_items WHERE value LIKE '%{w}%'")[0][0], "0", w)


def test_search_c_finds_title_item_and_body_words_of_published_notices_of_the_site(s):
    path = write_json({"site": "lincang", "notices": [
        notice("s-title", f"城北{TITLE_WORD}公园改造项目采购公告", published_at="2026-03-01 09:00:00"),
        notice("s-item", "城南道路维修项目采购公告", items={"D04.C05.I03": f"临沧市{ITEM_WORD}建设工程有限公司"},
               published_at="2026-03-02 09:00:00"),
        notice("s-body", "城东供水管网项目采购公告", body=f"第一段说明。\n项目位于临翔区{BODY_WORD}村，工期九十天。",
               published_at="2026-03-03 09:00:00"),
        notice("s-both", f"{TITLE_WORD}片区供水项目采购公告", body=f"取水口在{BODY_WORD}上游。",
               published_at="2026-03-04 09:00:00"),
        notice("s-draft", f"{TITLE_WORD}{ITEM_WORD}{BODY_WORD}草稿", status="draft"),
    ]})
    s.ctl("import", path, "--publish-incomplete")  # items left out: published all the same
    other = write_json({"site": "qinghai", "notices": [
        {"external_id": "s-qh", "title": f"西宁市{TITLE_WORD}保障房规划信息", "issuer": "青海省财政局",
         "formed_on": "2026-03-02", "category": "D01.C01.C01", "body": f"{BODY_WORD}{OTHER_WORD}"}]})
    s.ctl("import", other, "--publish-incomplete")
    t_id, i_id, b_id, both_id = (imported_id(s, e) for e in ("s-title", "s-item", "s-body", "s-both"))
    draft_id, qh_id = imported_id(s, "s-draft"), imported_id(s, "s-qh", "qinghai")

    # Found on the very next request, newest first; never the draft, never another site's notice.
    r = search(s, "lincang", TITLE_WORD)
    eq(result_ids(r.text), [both_id, t_id], "a word from titles")
    eq(total(r.text), 2, "count")
    eq(result_ids(search(s, "lincang", ITEM_WORD).text), [i_id], "a word only in an item value")
    eq(result_ids(search(s, "lincang", BODY_WORD).text), [both_id, b_id], "a word only in bodies")
    eq(result_ids(search(s, "lincang", f"{TITLE_WORD} {BODY_WORD}").text), [both_id], "all terms must match")
    eq(result_ids(search(s, "lincang", f"{TITLE_WORD}\u3000{BODY_WORD}").text), [both_id], "full-width space splits")
    eq(result_ids(search(s, "lincang", f"{TITLE_WORD} {OTHER_WORD}").text), [], "no notice has both")
    ok(draft_id not in result_ids(search(s, "lincang", ITEM_WORD).text), "drafts are not searchable")
    eq(result_ids(search(s, "qinghai", TITLE_WORD).text), [qh_id], "the other site finds its own")
    eq(result_ids(search(s, "lincang", OTHER_WORD).text), [], "another site's notice is not found here")
    r = search(s, "lincang", "湖公")
    ok(t_id in result_ids(r.text), "any substring, across what would be a word boundary")
    r = search(s, "lincang", "湖珀")
    eq(result_ids(r.text), [], "characters that are not adjacent do not match")
    ok("没有找到同时包含" in r.text, "a clear message for no results")


def test_search_d_highlights_matches_as_mark_elements(s):
    r = search(s, "lincang", TITLE_WORD)
    ok(f'<a href="/xxgk/lincang/n/{imported_id(s, "s-title")}">城北<mark>{TITLE_WORD}</mark>公园改造项目采购公告</a>'
       in r.text, "the title with the term marked")
    r = search(s, "lincang", ITEM_WORD)
    ok(re.search(rf'<p class="search-snippet">[^<]*临沧市<mark>{ITEM_WORD}</mark>建设工程有限公司', r.text),
       "the item value in the snippet, marked")
    r = search(s, "lincang", f"{BODY_WORD} 工期")
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', r.text).group(1)
    eq(snippet, f"…项目位于临翔区<mark>{BODY_WORD}</mark>村，<mark>工期</mark>九十天。",
       "the body from the start of the matching line, both terms marked")
    ok(f'value="{BODY_WORD} 工期"' in r.text, "the query repeated in the search boxes")
    eq(r.text.count(f'value="{BODY_WORD} 工期"'), 2, "header box and page box")


def test_search_e_markup_in_notices_and_queries_is_inert(s):
    s.ctl("import", write_json({"site": "lincang", "notices": [
        notice("s-xss", "脚本测试<script>alert(1)</script>公告", body='正文含有<img src=x onerror=alert(2)>和"引号"。',
               published_at="2026-03-05 09:00:00")]}), "--publish-incomplete")
    xid = imported_id(s, "s-xss")
    r = search(s, "lincang", "<script>")
    ok("<script>alert" not in r.text and "<img src=x" not in r.text, "no markup from the data or the query")
    ok(f'<a href="/xxgk/lincang/n/{xid}">脚本测试<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;公告</a>' in r.text,
       "the title's markup is escaped text, the match marked")
    ok('value="&lt;script&gt;"' in r.text, "the query comes back escaped")
    r = search(s, "lincang", 'onerror "引号"')
    eq(result_ids(r.text), [xid], "quotes in the query are characters")
    ok('<mark>onerror</mark>' in r.text and '<mark>"引号"</mark>' in r.text, "marked")
    r = search(s, "lincang", "' OR 1=1 -- \\")
    eq(r.status, 200, "SQL-looking and backslash input is just text")
    eq(result_ids(r.text), [], "and matches nothing")


def test_search_f_pages_walk_every_result_once(s):
    word = "项目"
    expected = like_oracle(s, "lincang", word)
    ok(len(expected) > 40, f"enough results to page: {len(expected)}")
    r = search(s, "lincang", word)
    eq(total(r.text), len(expected), "the count")
    ids, dates, pages = walk(s, "lincang", word)
    eq(len(ids), len(set(ids)), "no duplicates")
    eq(sorted(ids), expected, "exactly the notices SQL LIKE finds")
    eq(dates, sorted(dates, reverse=True), "newest first")
    eq(pages, (len(expected) + 19) // 20, "twenty per page")
    r = search(s, "lincang", word, page=2)
    ok(re.search(r'<a href="/xxgk/lincang/search\?q=%E9%A1%B9%E7%9B%AE&(amp;)?page=2" aria-current="page">2</a>',
                 r.text), "the current page marked in the pager")
    ok(f'<ol class="search-results" start="21">' in r.text, "numbering continues")


def test_search_g_follows_edits_and_withdrawals(s):
    nid = imported_id(s, "s-body")
    # An edit through import (same external id) replaces the text: the old word goes, the new comes.
    s.ctl("import", write_json({"site": "lincang", "notices": [
        notice("s-body", "城东供水管网项目采购公告", body="第一段说明。\n项目位于临翔区碧玉泉村。",
               published_at="2026-03-03 09:00:00")]}), "--publish-incomplete")
    eq(result_ids(search(s, "lincang", "碧玉泉").text), [nid], "the new word, on the next request")
    ok(nid not in result_ids(search(s, "lincang", BODY_WORD).text), "the old word no longer finds it")
    # Withdrawn through the staff console: gone from the next search.
    wid = imported_id(s, "s-title")
    ok(wid in result_ids(search(s, "lincang", TITLE_WORD).text), "found before")
    st = Staff(s, "lincang", "approver")
    ok(st.signed_in, "approver signed in")
    r = st.post(f"notices/{wid}", {"action": "withdraw", "reason": "测试撤回"})
    eq(r.status, 303, f"withdrawn ({r.text[:200]})")
    eq(s.sql(f"SELECT status FROM notices WHERE id = {wid}")[0][0], "withdrawn", "withdrawn in the database")
    r = search(s, "lincang", TITLE_WORD)
    ok(wid not in result_ids(r.text), "a withdrawn notice is no longer found")
    eq(total(r.text), 1, "and no longer counted")
    eq(s.sql(f"SELECT COUNT(*) FROM search_docs WHERE notice_id = {wid}")[0][0], "0", "its index entry is gone")


def test_search_h_bad_input(s):
    r = search(s, "lincang", "字" * 101, expect=400)
    ok("不能超过100个字符" in r.text, "too long: explained")
    ok('aria-describedby="search-hint search-error"' in r.text and 'aria-invalid="true"' in r.text,
       "the error is tied to the field")
    eq(search(s, "lincang", "字" * 100).status, 200, "100 characters are fine")
    r = search(s, "lincang", "一 二 三 四 五 六", expect=400)
    ok("最多可以同时搜索5个词" in r.text, "too many terms: explained")
    search(s, "lincang", "一 二 三 四 五 五")  # duplicates do not count
    for page in ("0", "51", "x", "-1"):
        search(s, "lincang", "项目", page=page, expect=400)
    eq(s.get("/xxgk/lincang/search?q=%ff").status, 400, "invalid UTF-8")
    eq(s.get("/xxgk/lincang/search?q=a&q=b").status, 400, "q twice")
    r = s.get("/xxgk/lincang/search")
    eq(r.status, 200, "no query: the form")
    ok('id="search-q"' in r.text and "search-results" not in r.text and "找到" not in r.text, "form only, no results")
    r = search(s, "lincang", " \u3000 ")
    ok("search-results" not in r.text and "没有找到" not in r.text, "spaces only: the form")
    eq(s.post("/xxgk/lincang/search", fields={"q": "x"}).status, 405, "GET only")


def test_search_i_index_survives_rebuild_and_reports_status(s):
    before = search(s, "lincang", "项目").text
    r = s.ctl("search", "reindex", "--site", "lincang")
    ok("search index rebuilt for lincang" in r.stdout, r.stdout)
    eq(search(s, "lincang", "项目").text.count("<li>"), before.count("<li>"), "same results after a rebuild")
    r = s.ctl("search", "status")
    for line in r.stdout.splitlines()[1:-1]:
        site, published, indexed = line.split()
        eq(published, indexed, f"{site}: every published notice indexed")
    ok("queued for indexing: 0" in r.stdout, r.stdout)
    eq(s.ctl("search", "frobnicate", check=False).returncode, 2, "unknown subcommand")


def test_search_j_bounded_pages_beyond_a_thousand_results(s):
    # A site of its own, so that the other tests' counts are not disturbed.
    s.ctl("site", "add", "searchbig", "--variant", "lincang", "--name", "搜索分页测试站", "--org-code", "11530900SEARCH0001")
    notices = [notice(f"big-{i}", f"批量公告第{i}号", body=f"批量正文{i}。",
                      published_at=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00")
               for i in range(1025)]
    s.ctl("import", write_json({"site": "searchbig", "notices": notices}), "--publish-incomplete")
    s.ctl("search", "sync")
    r = search(s, "searchbig", "批量公告")
    eq(total(r.text), 1025, "the count is exact")
    ok("只列出最新的 1000 条" in r.text, "says that only the newest 1000 are listed")
    r = search(s, "searchbig", "批量公告", page=50)
    eq(len(result_ids(r.text)), 20, "page 50 is full")
    ok('<ol class="search-results" start="981">' in r.text, "results 981-1000")
    ok('rel="next"' not in r.text, "and the last page")
    search(s, "searchbig", "批量公告", page=51, expect=400)
    eq(result_ids(search(s, "searchbig", "第1024号").text), [imported_id(s, "big-1024", "searchbig")], "one of them")
    eq(result_ids(search(s, "lincang", "批量公告").text), [], "not on another site")


def test_search_k_page_in_a_browser(s):
    r = subprocess.run(["node", os.path.join(TOP, "tests", "browser", "scenario.mjs"), f"http://127.0.0.1:{s.port}",
                        "./search_page.mjs", s.var], cwd=os.path.join(TOP, "tests", "browser"),
                       capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"search_page: {r.stdout[-1500:]}{r.stderr[-1500:]}")


def groonga_selects(s):
    """How many Groonga select commands the server has run (its `status`)."""
    return json.loads(s.sql("SELECT mroonga_command('status')")[0][0])["n_queries"]


def test_search_l_one_groonga_pass_and_the_same_pages_without_it(s):
    # The demo stack installs the plugin's functions (tools/stack.sh): a search is one select.
    eq(s.sql("SELECT COUNT(*) FROM mysql.func WHERE name = 'mroonga_command'")[0][0], "1", "mroonga_command installed")
    asks = [("lincang", "项目", None), ("lincang", "项目", 2), ("lincang", 'onerror "引号"', None),
            ("lincang", "碧玉泉", None), ("lincang", "没有这个词语", None), ("searchbig", "批量公告", 50),
            ("searchbig", "批量 第10", None)]
    before = groonga_selects(s)
    with_function = [search(s, site, q, page).text for site, q, page in asks]
    eq(groonga_selects(s) - before, len(asks), "one Groonga select per search")
    # Without the function (a server where install.sql was not run): the same pages, by SQL.
    s.sql("DROP FUNCTION mroonga_command")
    try:
        for (site, q, page), expected in zip(asks, with_function):
            text = search(s, site, q, page).text
            eq(result_ids(text), result_ids(expected), f"{site} {q!r} page {page}: the same results")
            eq(total(text), total(expected), f"{site} {q!r} page {page}: the same count")
    finally:
        s.sql("CREATE FUNCTION mroonga_command RETURNS STRING SONAME 'ha_mroonga.so'")
    ok(len(result_ids(with_function[1])) == 20 and total(with_function[5]) == 1025, "the asks had results to compare")
    # Back: the workers use it again (a statement that failed was dropped and is prepared afresh).
    before = groonga_selects(s)
    for _ in range(8):
        search(s, "lincang", "项目")
    eq(groonga_selects(s) - before, 8, "one Groonga select per search again")
