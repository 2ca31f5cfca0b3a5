"""Full-text search (/xxgk/{site}/search) over real HTTP against the real Mroonga index: Chinese
substrings in titles, items (with their labels), bodies, issuing bodies and column names; only the
site's published notices; filters by column, body and dates, alone and together; facets; sort by
relevance; "1,000+" beyond 1,000, the tiers of the newest notices read first and the estimated
count; <mark> highlighting that stays
inert; numbered pages that walk every result once; the index following imports, edits and
withdrawals on the next request; bounded input.

Every test makes its own site (`xxgkctl site add`) and notices (`xxgkctl import`), with words no
other test uses, so each passes alone and in any order. SQL only checks."""
import html, json, os, random, re, subprocess, tempfile, urllib.parse
from datetime import datetime, timedelta

from console import Staff
from harness import TOP, eq, ok

# Characters that make words found in no generated or demo text: each test draws its own.
RARE = "翡翠琥珀玛瑙珊瑚碧玉琉璃翎羽鸾鹤麒麟瑶琴锦瑟"


def word(n=3):
    return "".join(random.choice(RARE) for _ in range(n))


def new_site(s, variant="lincang"):
    key = "sr" + "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10))
    s.ctl("site", "add", key, "--variant", variant, "--name", f"搜索测试站{key}", "--org-code", f"ORG-{key}")
    return key


def write_json(data):
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path


def notice(ext, title, body="本公告正文。", items=None, **kw):
    n = {"external_id": ext, "title": title, "issuer": "测试市财政局", "formed_on": "2024-01-02",
         "published_at": "2026-03-10 09:00:00", "category": "D04.C05", "body": body, "items": items or {}}
    n.update(kw)
    return n


def load(s, site, notices, sync=True):
    """Imports the notices; with sync, applies the whole queue at once (what other tests and the
    demo queued could take a search several requests to apply). Published as given: the notices
    carry no items."""
    path = write_json({"site": site, "notices": notices})
    try:
        s.ctl("import", path, "--publish-incomplete")
    finally:
        os.unlink(path)
    if sync:
        s.ctl("search", "sync")


def ids_of(s, site, *exts):
    rows = dict(s.sql(f"SELECT n.external_id, n.id FROM notices n JOIN sites x ON x.id = n.site_id "
                      f"WHERE x.site_key = '{site}'"))
    return [rows[e] for e in exts]


def search(s, site, q, expect=200, **params):
    query = {"q": q, **{k: v for k, v in params.items() if v is not None}}
    r = s.get(f"/xxgk/{site}/search?" + urllib.parse.urlencode(query))
    eq(r.status, expect, f"search {site} {query}: {r.text[:300]}")
    return r


def result_ids(text):
    return re.findall(r'<h3><a href="/xxgk/[a-z0-9_-]+/n/(\d+)">', text)


def total(text):
    m = re.search(r"找到 <strong>([0-9,+]+)</strong> 条", text)
    return m.group(1) if m else "0"


def facet(text, name):
    """{label: count} of one facet of the page."""
    m = re.search(rf'<h3 id="facet-{name}">.*?</ul>', text, re.S)
    return {html.unescape(k): int(n) for k, n in
            re.findall(r'<a href="[^"]+">([^<]+)</a> <span class="search-n">\((\d+)\)</span>', m.group(0))} if m else {}


def walk(s, url):
    """Follows the "next" links from url; returns every result id in order, the dates and pages."""
    ids, dates, pages = [], [], 0
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


def test_search_finds_titles_items_labels_bodies_bodies_and_columns(s):
    site, other = new_site(s), new_site(s, "qinghai")
    t, i, b, x = word(), word(), word(), word()
    load(s, site, [
        notice("title", f"城北{t}公园改造项目公告", published_at="2026-03-01 09:00:00"),
        notice("item", "城南道路维修项目公告", items={"D04.C05.I03": f"临沧市{i}建设工程有限公司"},
               published_at="2026-03-02 09:00:00"),
        notice("body", "城东供水管网项目公告", body=f"第一段说明。\n项目位于临翔区{b}村，工期九十天。",
               published_at="2026-03-03 09:00:00"),
        notice("both", f"{t}片区供水项目公告", body=f"取水口在{b}上游。", published_at="2026-03-04 09:00:00"),
        notice("issuer", "城西绿化项目公告", issuer=f"临沧市{x}管理局", published_at="2026-03-05 09:00:00"),
        notice("draft", f"{t}{i}{b}草稿", status="draft"),
    ])
    load(s, other, [{"external_id": "qh", "title": f"西宁市{t}保障房规划信息", "issuer": "青海省财政局",
                     "formed_on": "2026-03-02", "category": "D01.C01.C01", "body": f"{b}"}])
    t_id, i_id, b_id, both_id, x_id, draft_id = ids_of(s, site, "title", "item", "body", "both", "issuer", "draft")
    (qh_id,) = ids_of(s, other, "qh")

    # Found on the very next request, newest first; never the draft, never another site's notice.
    r = search(s, site, t)
    eq(result_ids(r.text), [both_id, t_id], "a word from titles")
    eq(total(r.text), "2", "count")
    eq(result_ids(search(s, site, i).text), [i_id], "a word only in an item value")
    eq(result_ids(search(s, site, b).text), [both_id, b_id], "a word only in bodies")
    eq(result_ids(search(s, site, x).text), [x_id], "a word only in the issuing body")
    eq(result_ids(search(s, site, f"{t} {b}").text), [both_id], "all terms must match")
    eq(result_ids(search(s, site, f"{t}\u3000{b}").text), [both_id], "full-width space splits")
    ok(draft_id not in result_ids(search(s, site, i).text), "drafts are not searchable")
    eq(result_ids(search(s, other, t).text), [qh_id], "the other site finds its own")
    eq(result_ids(search(s, site, f"{t}保障房").text), [], "another site's notice is not found here")
    ok(t_id in result_ids(search(s, site, f"{t[-1]}公园").text), "any substring, across a word boundary")
    eq(result_ids(search(s, site, f"{t[0]}{b[0]}{i[0]}{x[0]}").text), [], "characters not adjacent do not match")
    # The item's label (the variant's wording) and the column names are indexed with the values.
    eq(result_ids(search(s, site, f"成交供应商名称 {i}").text), [i_id], "an item's label")
    eq(result_ids(search(s, site, f"中标和成交结果信息 {t}").text), [both_id, t_id], "the category's name")
    eq(result_ids(search(s, other, f"保障性安居工程 {t}").text), [qh_id], "a parent category's name (Qinghai)")
    ok("没有找到同时包含" in search(s, site, f"{t}{i}{b}").text, "a clear message for no results")


def test_search_purchase_finds_every_notice_of_the_purchase_domain(s):
    # 采购 only in the domain's name (政府采购) and in items' labels: every published notice of the
    # domain is found, by the word people type, and no other notice.
    site = new_site(s)
    load(s, site, [notice(f"p{k}", f"第{k}号公告", body="正文说明。", category=cat,
                          published_at=f"2026-02-{k + 1:02d} 10:00:00")
                   for k, cat in enumerate(["D04.C01", "D04.C05", "D04.C08", "D04.C14", "D04.C01", "D04.C11"])]
         + [notice("land", "国有土地出让公告", category="D02.C02", body="宗地说明。"),
            notice("gone", "撤回的公告", category="D04.C01", status="draft")])
    expected = sorted(r[0] for r in s.sql(
        f"SELECT n.id FROM notices n JOIN sites x ON x.id = n.site_id WHERE x.site_key = '{site}' "
        "AND n.domain_code = 'D04' AND n.status = 'published'"))
    eq(len(expected), 6, "six published notices in 政府采购")
    r = search(s, site, "采购")
    eq(sorted(result_ids(r.text)), expected, "采购 finds every notice of the 政府采购 column")
    eq(facet(r.text, "domain"), {"政府采购": 6}, "all in one domain")


def test_search_filters_each_and_together_return_exactly_the_expected_notices(s):
    site = new_site(s)
    w = word()
    specs = {  # external id: (category, issuer, published_at)
        "a": ("D04.C01", "甲局", "2024-05-01 09:00:00"),
        "b": ("D04.C05", "甲局", "2025-02-01 09:00:00"),
        "c": ("D04.C05", "乙局", "2025-11-30 23:59:59"),
        "d": ("D02.C02", "乙局", "2026-01-01 00:00:00"),
        "e": ("D01.C01.C02", "甲局", "2026-03-01 09:00:00"),  # a sub-category of D01.C01
        "f": ("D01.C02", "丙局", "2026-04-01 09:00:00"),
    }
    load(s, site, [notice(k, f"{w}项目公告{k}", category=c, issuer=iss, published_at=at)
                   for k, (c, iss, at) in specs.items()])
    idx = dict(zip(specs, ids_of(s, site, *specs)))

    def got(**f):
        return sorted(result_ids(search(s, site, w, **f).text))

    def want(*keys):
        return sorted(idx[k] for k in keys)

    eq(got(), want(*specs), "no filter")
    eq(got(c="D04"), want("a", "b", "c"), "a domain: all its categories")
    eq(got(c="D04.C05"), want("b", "c"), "a category")
    eq(got(c="D01.C01"), want("e"), "a category takes its sub-categories")
    eq(got(c="D01.C01.C02"), want("e"), "the sub-category itself")
    eq(got(body="乙局"), want("c", "d"), "an issuing body")
    eq(got(body="乙"), [], "the body's whole name, not part of it")
    eq(got(**{"from": "2025-11-30"}), want("c", "d", "e", "f"), "from a day, that day included")
    eq(got(to="2025-11-30"), want("a", "b", "c"), "to a day, that day included (23:59:59)")
    eq(got(**{"from": "2025-01-01", "to": "2025-12-31"}), want("b", "c"), "a year")
    eq(got(c="D04", body="甲局"), want("a", "b"), "column and body")
    eq(got(c="D04", body="甲局", **{"from": "2025-01-01"}), want("b"), "column, body and date")
    eq(got(body="丙局", **{"from": "2026-01-01", "to": "2026-12-31"}), want("f"), "body and dates")
    eq(got(c="D02", body="甲局"), [], "a combination nothing matches")
    # Facets count the current query's matches and link to the narrower search.
    r = search(s, site, w, c="D04")
    eq(facet(r.text, "issuer"), {"甲局": 2, "乙局": 1}, "bodies within the column")
    eq(facet(r.text, "year"), {"2024年": 1, "2025年": 2}, "years within the column")
    link = html.unescape(re.search(r'<a href="([^"]+)">乙局</a>', r.text).group(1))
    eq(sorted(result_ids(s.get(link).text)), want("c"), "a facet's link narrows to it")
    ok(re.search(r'当前筛选：\s*栏目 政府采购 <a href="[^"]+">（取消）</a>', r.text), "the filter in force, with a way out")
    # The form keeps what was asked.
    r = search(s, site, w, c="D04.C05", body="乙局", sort="relevance", **{"from": "2025-01-01", "to": "2025-12-31"})
    ok('<option value="D04.C05" selected>' in r.text and 'value="乙局"' in r.text, "column and body kept")
    ok('value="2025-01-01"' in r.text and 'value="2025-12-31"' in r.text, "dates kept")
    ok('<option value="relevance" selected>' in r.text, "order kept")


def test_search_sorts_by_date_or_by_relevance(s):
    site = new_site(s)
    w = word()
    load(s, site, [notice("once", f"{w}公告", published_at="2026-03-03 09:00:00"),
                   notice("thrice", f"{w}项目{w}公告", body=f"{w}。", published_at="2026-03-01 09:00:00"),
                   notice("twice", f"{w}项目公告", body=f"{w}。", published_at="2026-03-02 09:00:00")])
    once, thrice, twice = ids_of(s, site, "once", "thrice", "twice")
    eq(result_ids(search(s, site, w).text), [once, twice, thrice], "newest first by default")
    r = search(s, site, w, sort="relevance")
    eq(result_ids(r.text), [thrice, twice, once], "by relevance: the most occurrences first")
    ok("（按相关度）" in r.text, "the page says so")
    search(s, site, w, sort="popular", expect=400)


def test_search_highlights_matches_as_mark_elements(s):
    site = new_site(s)
    t, i, b = word(), word(), word()
    load(s, site, [notice("t", f"城北{t}公园改造项目公告", items={"D04.C05.I03": f"临沧市{i}建设工程有限公司"},
                          body=f"第一段说明。\n项目位于临翔区{b}村，工期九十天。")])
    (nid,) = ids_of(s, site, "t")
    r = search(s, site, t)
    ok(f'<a href="/xxgk/{site}/n/{nid}">城北<mark>{t}</mark>公园改造项目公告</a>' in r.text, "the title with the term marked")
    r = search(s, site, i)
    ok(re.search(rf'<p class="search-snippet">[^<]*中标和成交供应商名称、地址：临沧市<mark>{i}</mark>建设工程有限公司', r.text),
       "the item with its label in the snippet, marked")
    r = search(s, site, f"{b} 工期")
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', r.text).group(1)
    ok(snippet.startswith(f"…项目位于临翔区<mark>{b}</mark>村，<mark>工期</mark>九十天。"),
       f"the body from the start of the matching line, both terms marked: {snippet}")
    eq(r.text.count(f'value="{b} 工期"'), 2, "the query repeated in the header box and the page box")


def test_search_markup_in_notices_and_queries_is_inert(s):
    site = new_site(s)
    load(s, site, [notice("xss", "脚本测试<script>alert(1)</script>公告", body='正文含有<img src=x onerror=alert(2)>和"引号"。')])
    (xid,) = ids_of(s, site, "xss")
    r = search(s, site, "<script>")
    ok("<script>alert" not in r.text and "<img src=x" not in r.text, "no markup from the data or the query")
    ok(f'<a href="/xxgk/{site}/n/{xid}">脚本测试<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;公告</a>' in r.text,
       "the title's markup is escaped text, the match marked")
    ok('value="&lt;script&gt;"' in r.text, "the query comes back escaped")
    r = search(s, site, 'onerror "引号"')
    eq(result_ids(r.text), [xid], "quotes in the query are characters")
    ok('<mark>onerror</mark>' in r.text and '<mark>"引号"</mark>' in r.text, "marked")
    r = search(s, site, "' OR 1=1 -- \\", body='"\\ && site_id == 1 || "')
    eq(result_ids(r.text), [], "SQL- or Groonga-looking input is just text, and matches nothing")


def test_search_numbers_match_as_whole_words(s):
    site = new_site(s)
    load(s, site, [notice("tel", "联系方式公告", body="联系人：王先生，电话：0883-7304188。"),
                   notice("longer", "另一公告", body="电话：0883-17304188。")])
    tel, longer = ids_of(s, site, "tel", "longer")
    eq(result_ids(search(s, site, "0883-7304188").text), [tel], "the telephone number")
    eq(result_ids(search(s, site, "7304188").text), [tel], "its last part, whole")
    eq(sorted(result_ids(search(s, site, "0883").text)), sorted([tel, longer]), "the area code")
    eq(result_ids(search(s, site, "电话：0883-7304188。").text), [tel], "with the text around it")


def test_search_pages_walk_every_result_once(s):
    site = new_site(s)
    w = word()
    load(s, site, [notice(f"n{k}", f"{w}第{k}号公告", published_at=f"2026-0{1 + k % 9}-{1 + k % 28:02d} 0{k % 10}:00:00")
                   for k in range(47)])
    expected = sorted(ids_of(s, site, *[f"n{k}" for k in range(47)]))
    r = search(s, site, w)
    eq(total(r.text), "47", "the count")
    ids, dates, pages = walk(s, f"/xxgk/{site}/search?" + urllib.parse.urlencode({"q": w}))
    eq(len(ids), len(set(ids)), "no duplicates")
    eq(sorted(ids), expected, "every notice once")
    eq(dates, sorted(dates, reverse=True), "newest first")
    eq(pages, 3, "twenty per page")
    r = search(s, site, w, page=2, c="D04")
    ok(re.search(r'<a href="/xxgk/[a-z0-9]+/search\?q=[^"&]+&amp;c=D04&amp;page=2" aria-current="page">2</a>', r.text),
       "the current page marked in the pager, with the filter")
    ok('<ol class="search-results" start="21">' in r.text, "numbering continues")


def test_search_follows_imports_edits_and_withdrawals_on_the_next_request(s):
    # The staff console works on the demo sites: this test's own notice on Lincang, own words.
    old, new, gone = word(4), word(4), word(4)
    ext = "search-edit-" + word(4)
    s.ctl("search", "sync")  # what others queued: applied; from here on, only this test's changes
    load(s, "lincang", [notice(ext, f"城东{old}项目公告", body="第一段说明。")], sync=False)
    (nid,) = ids_of(s, "lincang", ext)
    eq(result_ids(search(s, "lincang", old).text), [nid], "found on the next request")
    # An edit through import (same external id) replaces the text: the old word goes, the new comes.
    load(s, "lincang", [notice(ext, f"城东{new}项目公告", body=f"正文{gone}。")], sync=False)
    eq(result_ids(search(s, "lincang", new).text), [nid], "the new word, on the next request")
    eq(result_ids(search(s, "lincang", old).text), [], "the old word no longer finds it")
    # Withdrawn through the staff console: gone from the next search.
    st = Staff(s, "lincang", "approver")
    ok(st.signed_in, "approver signed in")
    r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "测试撤回"})
    eq(r.status, 303, f"withdrawn ({r.text[:200]})")
    r = search(s, "lincang", gone)
    eq(result_ids(r.text), [], "a withdrawn notice is no longer found")
    eq(s.sql(f"SELECT COUNT(*) FROM search_docs WHERE notice_id = {nid}")[0][0], "0", "its index entry is gone")


def test_search_applies_a_large_queue_a_slice_per_request(s):
    site = new_site(s)
    w = word()
    s.ctl("search", "sync")
    load(s, site, [notice(f"q{k}", f"{w}队列第{k}号", published_at=f"2026-01-01 {k // 60:02d}:{k % 60:02d}:00")
                   for k in range(400)], sync=False)
    pages = []
    # 100 entries a request at most, and whatever other modules left queued before ours (the log
    # is the node's, not the site's): the bound leaves room for a few thousand of theirs
    while len(pages) < 300 and (not pages or "正在编入索引" in pages[-1]):
        pages.append(search(s, site, w).text)
    ok("正在编入索引" not in pages[-1], f"the searches applied the queue within {len(pages)} requests")
    eq(total(pages[-1]), "400", "then every notice is found")
    ok(all(total(p) != "400" for p in pages[:-1]), "and until then the page says it is not complete")
    eq(s.sql("SELECT COUNT(*) FROM search_pending")[0][0], "0", "nothing left queued")


def test_search_completes_when_sites_queued_whole_slices(s):
    """Two sites whose queues are whole slices of 100: a slice that reads a site's last entry
    cannot tell it was the last, and the site's mark stayed open, so that with two such sites
    every search said "indexing" for ever."""
    w = word()
    s.ctl("search", "sync")
    sites = [new_site(s), new_site(s)]
    for k, site in enumerate(sites):
        load(s, site, [notice(f"w{k}-{n}", f"{w}整批第{n}号", published_at=f"2026-01-02 {n // 60:02d}:{n % 60:02d}:00")
                       for n in range(200)], sync=False)
    pages = []
    while len(pages) < 40 and (not pages or "正在编入索引" in pages[-1]):
        pages.append(search(s, sites[1], w).text)
    ok("正在编入索引" not in pages[-1], f"the searches applied both queues within {len(pages)} requests")
    eq(total(pages[-1]), "200", "every notice of the site is found")
    eq(s.sql("SELECT COUNT(*) FROM search_pending")[0][0], "0", "nothing left queued")


def test_search_bad_input(s):
    site = new_site(s)
    r = search(s, site, "字" * 101, expect=400)
    ok("不能超过100个字符" in r.text, "too long: explained")
    ok('aria-describedby="search-hint search-error"' in r.text and 'aria-invalid="true"' in r.text,
       "the error is tied to the field")
    eq(search(s, site, "字" * 100).status, 200, "100 characters are fine")
    r = search(s, site, "一 二 三 四 五 六", expect=400)
    ok("最多可以同时搜索5个词" in r.text, "too many terms: explained")
    search(s, site, "一 二 三 四 五 五")  # duplicates do not count
    for page in ("0", "51", "x", "-1"):
        search(s, site, "项目", page=page, expect=400)
    r = search(s, site, "项目", c="D99", expect=400)
    ok("栏目不存在" in r.text and 'id="search-c" name="c" aria-invalid="true"' in r.text, "an unknown column")
    search(s, site, "项目", c="D04.C01'", expect=400)
    r = search(s, site, "项目", c="D04.C01", expect=400, **{"from": "2026-02-01", "to": "2026-01-01"})
    ok("起始日期不能晚于截止日期" in r.text, "dates the wrong way round")
    ok('<option value="D04.C01" selected>' in r.text, "the column asked for still chosen in the form")
    search(s, site, "项目", expect=400, **{"from": "2026-02-30"})
    search(s, site, "项目", body="机" * 101, expect=400)
    eq(s.get(f"/xxgk/{site}/search?q=%ff").status, 400, "invalid UTF-8")
    eq(s.get(f"/xxgk/{site}/search?q=a&q=b").status, 400, "q twice")
    r = s.get(f"/xxgk/{site}/search?q=&c=&body=&from=&to=&sort=date")
    eq(r.status, 200, "the empty form sent as it is")
    ok('id="search-q"' in r.text and "search-results" not in r.text and "找到" not in r.text, "form only, no results")
    r = search(s, site, " \u3000 ")
    ok("search-results" not in r.text and "没有找到" not in r.text, "spaces only: the form")
    eq(s.post(f"/xxgk/{site}/search", fields={"q": "x"}).status, 405, "GET only")


def test_search_index_survives_rebuild_and_reports_status(s):
    site = new_site(s)
    w = word()
    load(s, site, [notice(f"r{k}", f"{w}重建测试{k}", published_at=f"2026-01-{k + 1:02d} 09:00:00") for k in range(25)])
    before = search(s, site, w).text
    r = s.ctl("search", "reindex")
    ok(re.search(r"search index rebuilt: \d+ published notices indexed", r.stdout), r.stdout)
    after = search(s, site, w).text
    eq(result_ids(after), result_ids(before), "the same results after a rebuild")
    eq(total(after), "25", "and the same count")
    r = s.ctl("search", "status")
    lines = {l.split()[0]: l.split()[1:] for l in r.stdout.splitlines()[1:-1]}
    eq(lines[site][:2], ["25", "25"], "every published notice indexed")
    ok("queued for indexing: 0" in r.stdout, r.stdout)
    eq(s.ctl("search", "frobnicate", check=False).returncode, 2, "unknown subcommand")
    eq(s.ctl("search", "sync", "--tier-keep", "0", check=False).returncode, 1, "a bad --tier-keep")


def tier1_matches(s, site_id, q, index):
    """The ids (sorted, as text) of the site's notices in the first tier that Groonga finds by one of
    its indexes (ft_trigram or ft_content) for q, each space-separated term a phrase."""
    phrase = " ".join(f'\\\\"{t}\\\\"' for t in q.split())  # \" once MariaDB has read the literal
    cmd = (f"select --table search_docs_tier1 --match_columns search_docs_tier1#{index}.index "
           f"--query \"{phrase}\" --filter \"site_id == {site_id}\" --output_columns _key --limit -1")
    return sorted(str(r[0]) for r in json.loads(s.sql(f"SELECT mroonga_command('{cmd}')")[0][0])[0][2:])


def test_search_long_chinese_terms_by_trigrams_find_what_bigrams_find(s):
    """A search whose every term has three Chinese characters or more reads the tiers' trigram
    index (sql/101_search_trigrams.sql): it finds the term wherever it is, next to digits, letters
    and punctuation, at the start or end of a title or a line, and not where only its bigrams
    are. Each term is also counted through the bigram index of the same table, which must agree."""
    site = new_site(s)
    a, b = word(2), word(2)
    term, other = a + b, word(4)
    texts = {"title": (f"{term}改造工程", "本公告正文。"), "end": ("公告一", f"项目位于{term}。"),
             "digits": ("公告二", f"3号楼{term}A区"), "two": ("公告三", f"{term}与{other}"),
             "bigrams": ("公告四", f"{a}广场{b}，{a}{b[0]}"), "newline": ("公告五", f"{a}\n{b}"),
             "apart": ("公告六", f"{a} {b}")}
    load(s, site, [notice(k, t, body=body) for k, (t, body) in texts.items()])
    want = ids_of(s, site, "title", "end", "digits", "two")
    for q, expect in [(term, want), (f"{term} {other}", ids_of(s, site, "two"))]:
        eq(sorted(result_ids(search(s, site, q).text)), sorted(expect), f"{q}: the notices that have it")
        site_id = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
        counts = [tier1_matches(s, site_id, q, index) for index in ("ft_trigram", "ft_content")]
        eq(counts[0], counts[1], f"{q}: trigrams and bigrams find the same notices")
        eq(counts[0], sorted(expect), f"{q}: those of the page")


def test_search_a_long_term_is_found_only_where_it_stands_whole(s):
    """A term of seven characters. The private servers run MariaDB as GUIDE section 2 asks
    (GRN_II_OVERLAP_TOKEN_SKIP_ENABLE): Groonga then reads only the pieces of the term that cover
    it, and must still find it only where it stands whole, not in texts that hold every trigram or
    bigram of it apart, its two halves, its first six characters, or all of it with one character
    doubled. By the trigram index, by the bigram index and through the page."""
    site = new_site(s)
    t = "".join(random.sample(RARE, 7))  # no character twice: no decoy can hold the term by chance
    texts = {"body": ("公告一", f"项目位于{t}。"), "title": (f"{t}改造工程", "正文。"),
             "trigrams": ("公告二", "、".join(t[i:i + 3] for i in range(5))),
             "bigrams": ("公告三", "、".join(t[i:i + 2] for i in range(6))),
             "halves": ("公告四", f"{t[:4]}和{t[3:]}"), "short": ("公告五", f"{t[:6]}。"),
             "doubled": ("公告六", t[:3] + t[2:])}
    load(s, site, [notice(k, title, body=body) for k, (title, body) in texts.items()])
    want = sorted(ids_of(s, site, "body", "title"))
    eq(sorted(result_ids(search(s, site, t).text)), want, "the page: the two that have it whole")
    site_id = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    for index in ("ft_trigram", "ft_content"):
        eq(tier1_matches(s, site_id, t, index), want, f"{index}: the two that have it whole")


def groonga_selects(s):
    """How many Groonga select commands the server has run (its `status`)."""
    return json.loads(s.sql("SELECT mroonga_command('status')")[0][0])["n_queries"]


def index_selects(s, before):
    """The selects of the search index since before: every search first reads this node's marks
    and the site's cutoffs through Groonga too (search_prepare), two selects more."""
    return groonga_selects(s) - before - 2


def test_search_counts_exactly_to_a_thousand_and_reads_the_first_tier_first(s):
    site = new_site(s)
    w = word()
    # 2,101 tiny notices, one a minute: the 1,000 oldest on 2024-12-31 (the very oldest in another
    # column), the rest on 2025-01-01.
    n, start = 2101, datetime(2024, 12, 31, 7, 20)
    load(s, site, [notice(f"b{k}", f"{w}批量第{k}号", body="正文。", category="D04.C01" if k else "D02.C02",
                          published_at=f"{start + timedelta(minutes=k):%Y-%m-%d %H:%M:%S}")
                   for k in range(n)])
    order = [r[0] for r in s.sql(f"SELECT n.id FROM notices n JOIN sites x ON x.id = n.site_id WHERE x.site_key = '{site}' "
                                 "ORDER BY n.published_at DESC, n.id DESC")]
    eq(len(order), n, "imported")
    # Without a cutoff every notice is in the first tier: the count is exact to 1,000.
    r = search(s, site, w, to="2024-12-31")
    eq(total(r.text), "1000", "1,000 matches: exact")
    ok("1,000+" not in r.text, "not capped")
    r = search(s, site, w)
    eq(total(r.text), "1,000+", "beyond 1,000: 1,000+")
    ok("只列出最新的1,000条" in r.text, "says that only the newest 1,000 are listed")
    eq(result_ids(search(s, site, w, page=50).text), order[980:1000], "page 50: the newest 981st to 1,000th")
    ok('rel="next"' not in search(s, site, w, page=50).text, "and the last page")
    search(s, site, w, page=51, expect=400)
    # With the first tier cut at the 1,001st newest (the second, of 10,010, holds them all), a
    # newest-first search is one select there.
    r = s.ctl("search", "reindex", "--tier-keep", "1001")
    cutoff = s.sql(f"SELECT t.cutoff FROM search_tiers t JOIN sites x ON x.id = t.site_id WHERE x.site_key = '{site}'")
    eq(len(cutoff), 1, "the large site has a cutoff")
    recent = int(s.sql(f"SELECT COUNT(*) FROM search_docs_tier1 d JOIN sites x ON x.id = d.site_id "
                       f"WHERE x.site_key = '{site}'")[0][0])
    eq(recent, 1001, "its 1,001 newest in the first tier")
    before = groonga_selects(s)
    r = search(s, site, w, page=50)
    eq(index_selects(s, before), 1, "one select: the first tier holds every listed page")
    eq(result_ids(r.text), order[980:1000], "the same page 50")
    ok("以下分类计数只统计了较新的部分结果" in search(s, site, w).text, "facets said to be partial")
    # Older notices, by date or by relevance: the first tier cannot answer; the second, which
    # holds every notice of the site, is read.
    before = groonga_selects(s)
    r = search(s, site, w, to="2024-12-31")
    eq(index_selects(s, before), 2, "the first tier, then the second")
    eq(total(r.text), "1000", "exact")
    eq(result_ids(r.text), order[1101:1121], "the newest of them first")
    eq(result_ids(search(s, site, f"{w}批量第0号").text), [order[-1]], "the oldest, only in the full index")
    r = search(s, site, w, sort="relevance")
    eq(total(r.text), "1,000+", "by relevance, every notice")
    # Another site's search never reads this one's notices.
    eq(result_ids(search(s, new_site(s), w).text), [], "not on another site")


def test_search_a_notice_moved_back_leaves_the_tiers_it_is_no_longer_in(s):
    site = new_site(s)
    w = word(4)
    start = datetime(2026, 1, 1, 0, 30)
    load(s, site, [notice(f"m{k}", f"{w}第{k}号", published_at=f"{start + timedelta(hours=k):%Y-%m-%d %H:%M:%S}")
                   for k in range(40)])
    s.ctl("search", "sync", "--tier-keep", "10", "--site", site)  # the first tier: the newest 10 to 20
    newest = ids_of(s, site, "m39")[0]

    def held(table):
        return s.sql(f"SELECT COUNT(*) FROM {table} WHERE notice_id = {newest}")[0][0] == "1"
    ok(held("search_docs_tier1") and held("search_docs"), "the newest notice in the first tier")
    # Its publication time corrected to before every other notice's.
    load(s, site, [notice("m39", f"{w}第39号", published_at="2025-06-01 09:00:00")])
    ok(not held("search_docs_tier1"), "out of the first tier")
    ok(held("search_docs_tier2") and held("search_docs"), "in the second, which holds every notice, and the index")
    eq(result_ids(search(s, site, w, page=2).text)[-1], newest, "listed last")
    ok(newest not in result_ids(search(s, site, w).text), "not on the first page")


def sampled(notice_id, every=64):
    """Whether a notice is in the index's sample, one in 64, or with every=1024 in the sparse
    sample (search.c search_sampled and search_sparse: splitmix64's finaliser of the id)."""
    m = (1 << 64) - 1
    z = int(notice_id) & m
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & m
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & m
    return (z ^ (z >> 31)) % every == 0


def about(n):
    """n as the page writes an estimate: two significant digits, with thousands separators."""
    unit = 1
    while n // unit >= 100:
        unit *= 10
    return f"{(n + unit // 2) // unit * unit:,}"


def test_search_reads_the_tiers_in_turn_and_estimates_what_is_older(s):
    site = new_site(s)
    every, fourth, latest, oldest = word(4), word(4), word(4), word(4)
    # 600 notices, one an hour: every one has `every`, one in four `fourth`, the 15 newest `latest`,
    # the 30 oldest `oldest`.
    n, start = 600, datetime(2026, 1, 1, 0, 30)

    def title(k):
        return (f"{every}第{k}号" + (fourth if k % 4 == 0 else "") + (latest if k >= n - 15 else "")
                + (oldest if k < 30 else ""))
    load(s, site, [notice(f"t{k}", title(k), body="正文。", published_at=f"{start + timedelta(hours=k):%Y-%m-%d %H:%M:%S}")
                   for k in range(n)])
    order = [int(r[0]) for r in s.sql(f"SELECT n.id FROM notices n JOIN sites x ON x.id = n.site_id "
                                      f"WHERE x.site_key = '{site}' ORDER BY n.published_at DESC, n.id DESC")]
    ids = dict(zip(map(int, ids_of(s, site, *[f"t{k}" for k in range(n)])), range(n)))
    # Its tiers cut at the 10th and the 100th newest; the third (1,000 to 2,000) holds all 600.
    s.ctl("search", "sync", "--tier-keep", "10", "--site", site)
    cutoffs = dict(s.sql(f"SELECT t.tier, t.cutoff FROM search_tiers t JOIN sites x ON x.id = t.site_id "
                         f"WHERE x.site_key = '{site}'"))
    eq(sorted(cutoffs), ["1", "2"], "the first two tiers have cutoffs")
    older = order[100:]  # before the second tier's cutoff

    def estimate(found, has):
        return about(found + 64 * sum(1 for i in older if sampled(i) and has(ids[i])))

    # In every notice: 10 in the first tier, the page in the second (100), the 500 older ones
    # counted in the sample: three selects, and the count said to be an estimate.
    before = groonga_selects(s)
    r = search(s, site, every)
    eq(index_selects(s, before), 3, "the first tier, the second, the sample")
    eq(result_ids(r.text), [str(i) for i in order[:20]], "the newest 20")
    ok(f"找到约 <strong>{estimate(100, lambda k: True)}</strong> 条" in r.text, f"estimated: {total(r.text)}")
    ok("这是根据最新发布的信息估计的数目" in r.text and "以下分类计数只统计了较新的部分结果" in r.text,
       "the estimate and the partial facets said")
    eq(result_ids(search(s, site, every, page=3).text), [str(i) for i in order[40:60]], "page 3, from the same tier")
    # One in four: 25 in the second tier, the older ones in the sample.
    r = search(s, site, fourth)
    eq(result_ids(r.text), [str(i) for i in order if ids[i] % 4 == 0][:20], "the newest 20 of one in four")
    ok(f"找到约 <strong>{estimate(25, lambda k: k % 4 == 0)}</strong> 条" in r.text, f"estimated: {total(r.text)}")
    # Only the 15 newest: too few for a page in the partial tiers; the third holds them all, exactly.
    r = search(s, site, latest)
    eq(total(r.text), "15", "exact")
    ok("找到约" not in r.text and "估计" not in r.text, "not an estimate")
    eq(result_ids(r.text), [str(i) for i in order[:15]], "all 15")
    # Only the 30 oldest: nothing in the partial tiers, all of them in the third. None in the first
    # (10 notices): the second (100 to 200) cannot hold a page of 20 either, and is skipped.
    before = groonga_selects(s)
    r = search(s, site, oldest)
    eq(index_selects(s, before), 2, "the first tier, then the third")
    eq(total(r.text), "30", "the oldest, exact")
    eq(result_ids(r.text), [str(i) for i in order[-30:-10]], "the newest 20 of them first")
    # From a day the second tier starts before: it holds every notice the search may find.
    day = s.sql(f"SELECT DATE(MAX(published_at)) - INTERVAL 2 DAY FROM notices n JOIN sites x ON x.id = n.site_id "
                f"WHERE x.site_key = '{site}'")[0][0]
    since = sum(1 for k in range(n) if f"{start + timedelta(hours=k):%Y-%m-%d}" >= day)
    r = search(s, site, every, **{"from": day})
    eq(total(r.text), str(since), f"exact from {day}")
    # By relevance: every match scored, in the third tier.
    eq(total(search(s, site, every, sort="relevance").text), "600", "by relevance, exact")


def test_search_estimates_a_term_dense_in_the_first_tier_from_the_sparse_sample(s):
    site = new_site(s)
    dense, recent, mid = word(4), word(4), word(4)
    # 34 old notices with `dense` and `mid`, each given an id of the sparse sample (one in 1,024: the
    # table's next id moved to it), then 320 newer ones with `dense` and `recent`, every other one
    # with `mid` too, one an hour.
    start = datetime(2025, 1, 1, 0, 30)
    for k in range(34):
        nid = int(s.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM notices")[0][0])
        while not sampled(nid, 1024):
            nid += 1
        s.sql(f"ALTER TABLE notices AUTO_INCREMENT = {nid}")
        load(s, site, [notice(f"o{k}", f"{dense}{mid}旧第{k}号", published_at=f"{start + timedelta(days=k):%Y-%m-%d %H:%M:%S}")],
             sync=False)
    old = list(map(int, ids_of(s, site, *[f"o{k}" for k in range(34)])))
    ok(all(sampled(i, 1024) for i in old), "the old notices are in the sparse sample")
    newer = datetime(2026, 3, 1, 0, 30)
    load(s, site, [notice(f"n{k}", f"{dense}{recent}{mid if k % 2 == 0 else ''}新第{k}号",
                          published_at=f"{newer + timedelta(hours=k):%Y-%m-%d %H:%M:%S}") for k in range(320)])
    new = list(map(int, ids_of(s, site, *[f"n{k}" for k in range(320)])))
    with_mid = set(map(int, ids_of(s, site, *[f"n{k}" for k in range(0, 320, 2)])))
    # What the index holds: its notices alone in the sparse sample's table, all of them in the
    # sample's too.
    rows = s.sql(f"SELECT d.notice_id, sp.notice_id IS NOT NULL, sa.notice_id IS NOT NULL FROM search_docs d "
                 f"JOIN sites x ON x.id = d.site_id LEFT JOIN search_docs_sparse sp ON sp.notice_id = d.notice_id "
                 f"LEFT JOIN search_docs_sample sa ON sa.notice_id = d.notice_id "
                 f"WHERE x.site_key = '{site}' ORDER BY d.notice_id")
    eq(len(rows), 354, "every notice indexed")
    eq([r[0] for r in rows if r[1] == "1"], [str(i) for i in sorted(old + new) if sampled(i, 1024)], "the sparse sample")
    ok(all(r[2] == "1" for r in rows if r[1] == "1"), "within the sample")
    # The first tier cut at the 170th newest: 170 matches of `dense` and `recent` there, 85 of
    # `mid`, all dense (a site of at least twice 170 notices is cut). The site has no cutoff in the
    # third tier (fewer than 200 x 170 notices).
    s.ctl("search", "sync", "--tier-keep", "170", "--site", site)
    older_new = sorted(new)[:150]  # the newer notices before the first tier's cutoff (ids in date order)
    # `dense`: the older ones counted in the sparse sample, which holds at least 34 of them.
    in_sparse = sum(1 for i in old + older_new if sampled(i, 1024))
    before = groonga_selects(s)
    r = search(s, site, dense)
    eq(index_selects(s, before), 2, "the first tier, then the sparse sample")
    ok(f"找到约 <strong>{about(170 + 1024 * in_sparse)}</strong> 条" in r.text, f"estimated: {total(r.text)}")
    eq(result_ids(r.text), [str(i) for i in sorted(new, reverse=True)[:20]], "the newest 20")
    # `recent`: as dense in the first tier, but too few older ones in the sparse sample for an
    # estimate: counted again in the sample.
    in_sample = sum(1 for i in older_new if sampled(i))
    before = groonga_selects(s)
    r = search(s, site, recent)
    eq(index_selects(s, before), 3, "the first tier, the sparse sample, the sample")
    ok(f"找到约 <strong>{about(170 + 64 * in_sample)}</strong> 条" in r.text, f"estimated: {total(r.text)}")
    # `mid`: dense too, but with 85 matches in the first tier a site with no cutoff in the third
    # has about 85 x 200 / 1,024 = 17 of them at most in the sparse sample, fewer than an estimate
    # takes: counted in the sample straight away (the 34 old ones there would have been enough).
    in_sample = sum(1 for i in old + [i for i in older_new if i in with_mid] if sampled(i))
    before = groonga_selects(s)
    r = search(s, site, mid)
    eq(index_selects(s, before), 2, "the first tier, then the sample")
    ok(f"找到约 <strong>{about(85 + 64 * in_sample)}</strong> 条" in r.text, f"estimated: {total(r.text)}")


def test_search_page_in_a_browser(s):
    r = subprocess.run(["node", os.path.join(TOP, "tests", "browser", "scenario.mjs"), f"http://127.0.0.1:{s.port}",
                        "./search_page.mjs", s.var], cwd=os.path.join(TOP, "tests", "browser"),
                       capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"search_page: {r.stdout[-1500:]}{r.stderr[-1500:]}")
