"""The page tags of 国办发〔2017〕47号 (政府网站网页设计规范) on every public page type, over real HTTP:
the site's (SiteName, SiteDomain, SiteIDCode) everywhere, the column's (ColumnName,
ColumnDescription, ColumnKeywords, ColumnType in the national list's words) on every page of a
column, the article's (ArticleTitle, PubDate to the minute, ContentSource, Keywords, Author,
Description, Url) on a notice. The SiteIDCode is a site setting (`xxgkctl site set`) that reaches
cached pages at once. Everything runs on a site of the module's own."""
import html.parser, re

from harness import eq, fixture, import_notices, new_site, ok
from test_ysqgk import person, post_form, receipt_values

DOMAIN = "www.meta-test.gov.cn"
CODE = "6300000042"
# The column types of the national list that these pages are (信息公开目录, 依法申请公开).
CATALOG, ON_REQUEST = "信息公开目录", "依法申请公开"
SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType", "Url")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description")


def made(s):
    key = new_site(s, "qinghai", "meta", name="青海省测试公开站", domain=DOMAIN)
    s.ctl("site", "set", key, "--id-code", CODE)
    ids = import_notices(s, key, [
        {"external_id": "m1", "title": "西宁市城东区地块出让结果公示", "issuer": "青海省自然资源厅", "doc_number": "青自然〔2026〕5号",
         "subject": "国土资源、能源", "formed_on": "2026-03-02", "published_at": "2026-03-05 09:30:00",
         "category": "D02.C03", "body": "现将地块出让结果公示如下，具体事项见下表。\n公示期五个工作日。"},
    ])
    return key, ids["m1"]


def site(s):
    return fixture(s, "meta.site", made)


class _Meta(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            ok(a["name"] not in self.tags, f"one {a['name']} tag")
            self.tags[a["name"]] = a.get("content")


def tags(s, path, status=200, method="GET", **kw):
    r = s.post(path, **kw) if method == "POST" else s.get(path)
    eq(r.status, status, f"{path}: status")
    p = _Meta()
    p.feed(r.text)
    return p.tags


def check_site(t, key, what):
    eq((t.get("SiteName"), t.get("SiteDomain"), t.get("SiteIDCode")), ("青海省测试公开站", DOMAIN, CODE), f"{what}: site tags")


def check_column(t, path, name, ctype, what):
    check_site(t, None, what)
    for tag in COLUMN_TAGS:
        ok((t.get(tag) or "").strip(), f"{what}: {tag} is given")
    eq(t["ColumnName"], name, f"{what}: ColumnName")
    eq(t["ColumnType"], ctype, f"{what}: ColumnType in the national list's words")
    eq(t["Url"], f"https://{DOMAIN}{path}", f"{what}: Url, on the site's domain (never the request's Host)")


def test_home_column_catalog_and_search_carry_the_site_and_column_tags(s):
    key, _ = site(s)
    b = f"/xxgk/{key}/"
    t = tags(s, b)
    check_column(t, b, "公共资源配置领域信息公开", CATALOG, "home")
    ok("政府采购" in t["ColumnDescription"] and "青海省" in t["ColumnKeywords"], f"home: description and keywords: {t}")
    t = tags(s, b + "c/D02")
    check_column(t, b + "c/D02", "国有土地使用权出让", CATALOG, "column")
    ok("成交公示信息" in t["ColumnDescription"], f"column: what it holds: {t['ColumnDescription']}")
    ok(t["ColumnKeywords"].startswith("国有土地使用权出让，"), f"column: keywords: {t['ColumnKeywords']}")
    t = tags(s, b + "catalog")
    check_column(t, b + "catalog", "公共资源配置领域政府信息公开目录", CATALOG, "catalog page")
    t = tags(s, b + "search?q=%E5%87%BA%E8%AE%A9")
    check_column(t, b + "search", "站内搜索", CATALOG, "search")  # Url: the page, not one query of it
    for what, page in (("home", b), ("column", b + "c/D02")):
        ok(not any(tag in tags(s, page) for tag in ARTICLE_TAGS), f"{what}: no article tags on a column page")


def test_notice_carries_the_article_tags(s):
    key, nid = site(s)
    path = f"/xxgk/{key}/n/{nid}"
    t = tags(s, path)
    check_column(t, path, "成交公示信息", CATALOG, "notice")
    eq(t["ArticleTitle"], "西宁市城东区地块出让结果公示", "ArticleTitle")
    eq(t["PubDate"], "2026-03-05 09:30", "PubDate: YYYY-MM-DD HH:MM")
    eq((t["ContentSource"], t["Author"]), ("青海省自然资源厅", "青海省自然资源厅"), "ContentSource and Author: the issuing body")
    ok("成交公示信息" in t["Keywords"] and "国有土地使用权出让" in t["Keywords"], f"Keywords: the columns: {t['Keywords']}")
    ok("国土资源、能源" not in t["Keywords"], "Keywords is not the 主题分类")
    eq(t["Description"], "现将地块出让结果公示如下，具体事项见下表。", "Description: the opening of the text")


def test_disclosure_request_pages_are_their_own_column(s):
    key, _ = site(s)
    b = f"/xxgk/{key}/"
    check_column(tags(s, b + "ysqgk/"), b + "ysqgk/", "依申请公开", ON_REQUEST, "request form")
    check_column(tags(s, b + "ysqgk/query"), b + "ysqgk/query", "依申请公开", ON_REQUEST, "tracking form")
    r = post_form(s, person(), site_base=b)
    eq(r.status, 200, "filed")
    p = _Meta()
    p.feed(r.text)
    check_column(p.tags, b + "ysqgk/", "依申请公开", ON_REQUEST, "receipt")
    tracking, code = receipt_values(r.text)
    t = tags(s, b + "ysqgk/query", method="POST", fields={"tracking_no": tracking, "query_code": code})
    check_column(t, b + "ysqgk/query", "依申请公开", ON_REQUEST, "tracking result")


def test_error_pages_carry_the_site_tags_only(s):
    key, _ = site(s)
    t = tags(s, f"/xxgk/{key}/n/999999999", status=404)
    check_site(t, key, "404 page")
    ok(not any(tag in t for tag in COLUMN_TAGS + ARTICLE_TAGS), f"404 page: no column or article tags: {t}")


def test_site_id_code_is_a_setting_that_reaches_cached_pages(s):
    key = new_site(s, "zhejiang", "meta-code", domain="www.meta-code.gov.cn")
    b = f"/xxgk/{key}/"
    ok("SiteIDCode" not in tags(s, b) and "SiteIDCode" not in tags(s, b), "no code set: no tag (not an empty one)")
    for bad in ("33000", "3300000001x", "33000000-1", "网站标识码一二三四五"):
        r = s.ctl("site", "set", key, "--id-code", bad, check=False)
        eq(r.returncode, 2, f"--id-code {bad} refused")
    ok("SiteIDCode" not in tags(s, b), "a refused code changes nothing")
    s.ctl("site", "set", key, "--id-code", "3300000077")
    for _ in range(4):  # whichever worker answers, and its cache, has the new code at once
        eq(tags(s, b).get("SiteIDCode"), "3300000077", "the set code, on the next request")
    rows = s.sql(f"SELECT a.action, a.after_json FROM audit_log a JOIN sites st ON st.id = a.site_id "
                 f"WHERE st.site_key = '{key}' AND a.action = 'site.set'")
    ok(len(rows) == 1 and "3300000077" in rows[0][1], f"the change is in the audit log: {rows}")
    listed = s.ctl("site", "list").stdout
    ok(re.search(rf"^{re.escape(key)}\s.*3300000077", listed, re.M), f"site list shows it: {listed}")
