"""Public column pages over real HTTP: every site, domain and category; notices; paging; errors;
the page caches. The demo sites are read; a test that publishes, withdraws or edits does it on a
site of its own. The pages' tests run through nginx and through Apache (each_front_end); the
stored copies are nginx's."""
import html, os, re, subprocess, urllib.parse

import catalogs
from console import Staff
from harness import BIN, TOP, each_front_end, eq, import_notices, new_site, ok


def site_with_notices(s, variant, category, n, users=(), items=None):
    """A new site of the variant with n published notices of category, the newest last: its key
    and the notices' ids, oldest first."""
    key = new_site(s, variant, "public", users=users)
    notices = [{"external_id": f"p{i}", "title": f"公开页测试公告{i}", "issuer": "测试单位", "formed_on": "2026-03-02",
                "published_at": f"2026-03-{i + 3:02d} 09:00:00", "category": category, "body": "正文",
                "items": items or {}} for i in range(n)]
    ids = import_notices(s, key, notices)
    return key, [ids[f"p{i}"] for i in range(n)]


def some_hit(s, url, body, what):
    """Six answers for url, each body equal to body, at least one from a worker's page cache,
    whichever workers answer: a process misses the first time it is asked (its cache starts
    empty), and at most four processes answer six requests (the two, and a replacement for each:
    with two threads retiring after 40 requests, a process serves 80)."""
    caches = []
    for _ in range(6):
        r = s.get(url)
        eq((r.status, r.body), (200, body), f"{what}: the same page")
        caches.append(r.header("X-Cache"))
    ok("hit" in caches, f"{what}: served from the page cache ({caches})")


@each_front_end
def test_sites_index_lists_five_sites(s):
    r = s.get("/xxgk/")
    eq(r.status, 200, "status")
    for v in catalogs.VARIANTS:
        ok(f'href="/xxgk/{v}/"' in r.text, f"site {v} linked from /xxgk/")


@each_front_end
def test_each_site_home_shows_its_own_domains(s):
    for v in catalogs.VARIANTS:
        r = s.get(f"/xxgk/{v}/")
        eq(r.status, 200, f"{v} status")
        eq(r.header("Content-Type"), "text/html; charset=utf-8", "content type")
        ok(r.text.startswith("<!DOCTYPE html>"), "HTML5 doctype")
        for code, name in catalogs.domains(v):
            ok(f'href="/xxgk/{v}/c/{code}"' in r.text and html.escape(name, quote=False) in r.text,
               f"{v}: domain {code} {name} on the home page")
        others = [n for o in catalogs.VARIANTS if o != v for _, n in catalogs.domains(o)
                  if n not in [m for _, m in catalogs.domains(v)]]
        # A domain name that only another variant has must not appear in this site's tree.
        tree = r.text.split('<main', 1)[1]
        for n in others[:5]:
            ok(f">{html.escape(n, quote=False)}</a></h2>" not in tree, f"{v} shows another variant's domain {n}")


@each_front_end
def test_every_category_page_renders(s):
    count = 0
    for v in catalogs.VARIANTS:
        for code, name, _ in catalogs.categories(v):
            r = s.get(f"/xxgk/{v}/c/{code}")
            eq(r.status, 200, f"{v} {code}")
            ok(f"<h1>{html.escape(name, quote=False)}</h1>" in r.text, f"{v} {code}: heading {name}")
            count += 1
    ok(count > 200, f"walked {count} category pages")


@each_front_end
def test_notice_page_has_metadata_block(s):
    rows = s.sql("SELECT id, index_no, title, site_id FROM notices WHERE status='published' AND site_id = "
                 "(SELECT id FROM sites WHERE site_key='qinghai') ORDER BY id LIMIT 1")
    nid, index_no, title, _ = rows[0]
    r = s.get(f"/xxgk/qinghai/n/{nid}")
    eq(r.status, 200, "status")
    for label in ["索引号", "发布机构", "发文字号", "主题分类", "成文日期", "发布日期", "公文时效"]:
        ok(f'<th scope="row">{label}</th>' in r.text, f"metadata label {label}")
    ok(index_no in r.text, "index number shown")
    ok(re.fullmatch(r"11630000MB1730051X/\d{4}-\d{5}", index_no), f"索引号 format: {index_no}")
    for meta in ["SiteName", "SiteDomain", "ColumnName", "ArticleTitle", "PubDate", "ContentSource"]:
        ok(f'<meta name="{meta}"' in r.text, f"meta {meta}")


@each_front_end
def test_notice_items_use_variant_wording(s):
    rows = s.sql("SELECT n.id, i.item_code, i.label FROM notices n JOIN notice_items i ON i.notice_id = n.id "
                 "JOIN sites st ON st.id = n.site_id WHERE st.site_key='yancheng' AND n.status='published' LIMIT 1")
    nid, item_code, label = rows[0]
    r = s.get(f"/xxgk/yancheng/n/{nid}")
    ok(f'<th scope="row">{html.escape(label, quote=False)}</th>' in r.text, f"item label {label}")


@each_front_end
def test_draft_and_unknown_notices_are_404(s):
    draft = s.sql("SELECT n.id, st.site_key FROM notices n JOIN sites st ON st.id=n.site_id WHERE n.status='draft' LIMIT 1")
    nid, key = draft[0]
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "draft is not public")
    eq(s.get("/xxgk/lincang/n/999999999").status, 404, "unknown id")
    eq(s.get("/xxgk/lincang/n/abc").status, 404, "non-numeric id")
    # a notice of another site is not found under this one
    other = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id=n.site_id WHERE st.site_key='shanwei' "
                  "AND n.status='published' LIMIT 1")[0][0]
    eq(s.get(f"/xxgk/lincang/n/{other}").status, 404, "cross-site id")


@each_front_end
def test_keyset_paging_walks_every_notice_once(s):
    # the site-wide list is long enough to page: follow the "next" links to the end
    rows = s.sql("SELECT COUNT(*) FROM notice_columns c JOIN sites st ON st.id=c.site_id "
                 "WHERE st.site_key='lincang' AND c.column_code='D04'")
    total = int(rows[0][0])
    ok(total > 20, f"column D04 has {total} notices")
    seen, url, pages, dates = [], "/xxgk/lincang/c/D04", 0, []
    while url:
        r = s.get(url)
        eq(r.status, 200, url)
        ids = re.findall(r'<a href="/xxgk/lincang/n/(\d+)">', r.text)
        dates += re.findall(r'<time datetime="([0-9-]+)">', r.text)
        seen += ids
        pages += 1
        m = re.search(r'<a rel="next" href="([^"]+)"', r.text)
        url = html.unescape(m.group(1)) if m else None
    eq(len(seen), total, "every notice once")
    eq(len(set(seen)), total, "no duplicates")
    eq(dates, sorted(dates, reverse=True), "newest first")
    ok(pages >= 2, "more than one page")
    # and back: the "previous" link of page 2 gives page 1 again
    r1 = s.get("/xxgk/lincang/c/D04")
    nxt = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', r1.text).group(1))
    r2 = s.get(nxt)
    prev = html.unescape(re.search(r'<a rel="prev" href="([^"]+)"', r2.text).group(1))
    r1b = s.get(prev)
    eq(re.findall(r'/n/(\d+)"', r1b.text), re.findall(r'/n/(\d+)"', r1.text), "previous page equals the first")


@each_front_end
def test_errors_have_the_right_status(s):
    eq(s.get("/xxgk/nosuchsite/").status, 404, "unknown site")
    eq(s.get("/xxgk/lincang/c/D99").status, 404, "unknown column")
    eq(s.get("/xxgk/lincang/nothing/here").status, 404, "unknown page")
    eq(s.get("/xxgk/lincang/c/D01?a=%zz").status, 400, "malformed query")
    eq(s.get("/xxgk/lincang/c/D01?before=20990101000000-x").status, 400, "malformed cursor")
    eq(s.get("/xxgk/lincang/c/D01?a=%ff%fe").status, 400, "invalid UTF-8 in the query")
    r = s.post("/xxgk/lincang/", fields={"a": "b"})
    eq(r.status, 405, "POST to a page")
    eq(r.reason, "Method Not Allowed", "the status line's reason phrase")
    ok("GET" in (r.header("Allow") or ""), "Allow header")
    r = s.request("POST", "/xxgk/lincang/", body=b"x" * (2 * 1024 * 1024),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 413, "oversized body")
    r = s.get("/xxgk/lincang")
    eq(r.status, 303, "no trailing slash redirects")
    eq(r.header("Location"), "/xxgk/lincang/", "redirect target")


@each_front_end
def test_long_addresses_are_refused_and_only_a_site_is_sent_to_its_slash(s):
    """An address is echoed into a header only when it is short and names a site: a long one
    would outgrow the web server's buffer for the answer's headers (a 502 before)."""
    r = s.get("/xxgk/nosuchsite")
    eq((r.status, r.header("Location")), (404, None), "no redirect for a site that does not exist")
    ok("没有这个站点" in r.text, "and the page says so")
    eq(s.get("/xxgk/" + "a" * 5000).status, 414, "a long site key")
    eq(s.get("/xxgk/lincang/admin/notices/" + "a" * 5000).status, 414, "a long path of the console")
    r = s.get("/xxgk/lincang/api/notices/" + "1" * 5000)
    eq((r.status, r.header("Content-Type").split(";")[0]), (414, "application/json"), "and of the API, as JSON")
    room = 1024 - len("/xxgk/lincang/n/")
    eq(s.get("/xxgk/lincang/n/" + "9" * room).status, 404, "1,024 bytes: the longest path answered")
    eq(s.get("/xxgk/lincang/n/" + "9" * (room + 1)).status, 414, "1,025 bytes")
    r = s.get("/xxgk/lincang/admin/notices/" + urllib.parse.quote("采" * 300))
    eq((r.status, r.header("Location")), (303, "/xxgk/lincang/admin/login"),
       "signed out, a path too long to come back to leads to the sign-in alone")


@each_front_end
def test_error_pages_are_html_with_a_message(s):
    r = s.get("/xxgk/nosuchsite/")
    ok("没有这个站点" in r.text and r.text.startswith("<!DOCTYPE html>"), "404 page explains")


def cgi_get(s, path, query=""):
    """One request to the program run as CGI: no page cache, so the column, home and notice pages
    read their site in their own statement (R_SITE_JOINED). Returns (status, body)."""
    env = dict(s.env, REQUEST_METHOD="GET", DOCUMENT_URI=path, REQUEST_URI=path, QUERY_STRING=query,
               REMOTE_ADDR="127.0.0.1", GATEWAY_INTERFACE="CGI/1.1")
    r = subprocess.run([os.path.join(BIN, "xxgk.fcgi"), "-c", os.path.join(s.var, "xxgk.conf"), "--cgi"],
                       cwd=TOP, env=env, capture_output=True, timeout=60)
    head, _, body = r.stdout.partition(b"\r\n\r\n")
    status = re.search(rb"^Status: (\d+)", head, re.M)
    return (int(status.group(1)) if status else 200), body.decode("utf-8", "replace")


def main_of(page):
    """The page's <main>: what nginx's SSI (the CMS header and footer) leaves alone."""
    return page[page.index("<main"):page.index("</main>")] if "<main" in page else page


def test_pages_without_the_cache_find_their_site_in_their_own_statement(s):
    # the same page as through the cached server, byte for byte
    for path in ("/xxgk/lincang/", "/xxgk/lincang/c/D04", "/xxgk/yancheng/c/D01"):
        status, body = cgi_get(s, path)
        eq(status, 200, path)
        ok(main_of(body) == main_of(s.get(path + "?uncached=1").text), f"{path}: same page with or without the cache")
    nid, site_of = s.sql("SELECT n.id, s.site_key FROM notices n JOIN sites s ON s.id = n.site_id "
                         "WHERE n.status = 'published' ORDER BY n.id LIMIT 1")[0]
    status, body = cgi_get(s, f"/xxgk/{site_of}/n/{nid}")
    eq(status, 200, "notice")
    ok(main_of(body) == main_of(s.get(f"/xxgk/{site_of}/n/{nid}?uncached=1").text), "same notice page")
    other = "qinghai" if site_of != "qinghai" else "lincang"
    eq(cgi_get(s, f"/xxgk/{other}/n/{nid}")[0], 404, "a notice is not found under another site")
    # an unknown site is still told apart from an unknown page, whatever the page failed on
    for path, query in (("/xxgk/nosuchsite/", ""), ("/xxgk/nosuchsite/c/D01", ""), ("/xxgk/nosuchsite/n/1", ""),
                        ("/xxgk/nosuchsite/c/D01", "before=bad"), ("/xxgk/nosuchsite/n/x", "")):
        status, body = cgi_get(s, path, query)
        eq(status, 404, f"{path}?{query}")
        ok("没有这个站点" in body, f"{path}?{query}: says the site is unknown")
    for path, query, want in (("/xxgk/lincang/c/D99", "", 404), ("/xxgk/lincang/n/999999999", "", 404),
                              ("/xxgk/lincang/c/D01", "before=bad", 400)):
        status, body = cgi_get(s, path, query)
        eq(status, want, f"{path}?{query}")
        ok("没有这个站点" not in body and "临沧" in body, f"{path}?{query}: an error page of the site")


@each_front_end
def test_markup_and_sql_in_input_are_inert(s):
    before = s.sql("SELECT COUNT(*), COALESCE(SUM(CRC32(title)), 0) FROM notices")
    probes = [
        "/xxgk/lincang/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/xxgk/x'%20OR%201=1--/",
        "/xxgk/lincang/n/1%20OR%201=1",
        "/xxgk/lincang/c/D01'%3B%20DROP%20TABLE%20notices%3B--",
        "/xxgk/lincang/c/D01?before=%3Cscript%3E",
        "/xxgk/lincang/?q=%3Cimg%20src=x%20onerror=alert(1)%3E",
    ]
    for p in probes:
        r = s.get(p)
        ok(r.status in (200, 400, 404), f"{p}: status {r.status}")
        ok("<script>alert" not in r.text and "<img src=x" not in r.text, f"{p}: markup echoed raw")
    eq(s.sql("SELECT COUNT(*), COALESCE(SUM(CRC32(title)), 0) FROM notices"), before, "nothing changed")


@each_front_end
def test_security_headers(s):
    r = s.get("/xxgk/lincang/")
    eq(r.header("X-Content-Type-Options"), "nosniff", "nosniff")
    ok("default-src 'self'" in (r.header("Content-Security-Policy") or ""), "CSP")


def test_page_cache_is_exact(s):
    key, _ = site_with_notices(s, "zhejiang", "D04.C01", 3)
    url = f"/xxgk/{key}/c/D04"
    first = s.get(url)
    again = s.get(url)
    eq(again.header("X-Cache"), "file", "stored as a file and sent by nginx itself")
    eq(again.body, first.body, "the same page")
    eq(again.header("Content-Type"), "text/html; charset=utf-8", "the same type")
    eq((again.header("Last-Modified"), again.header("ETag")), (None, None),
       "no validators: a browser must not keep a stored page on a file's time")
    ok("default-src 'self'" in (again.header("Content-Security-Policy") or "")
       and again.header("X-Frame-Options") == "SAMEORIGIN", "the same security headers")
    some_hit(s, url + "?from=home", first.body, "with a query string: the workers' own cache")
    import_notices(s, key, [{"title": "缓存失效测试公告", "issuer": "浙江省财政局", "formed_on": "2026-11-20",
                             "category": "D04.C01", "body": "x", "published_at": "2099-01-01 08:00:00"}])
    for u in (url, url, url + "?from=home", url + "?from=home"):  # whichever answers, the new notice is there at once
        r = s.get(u)
        ok("缓存失效测试公告" in r.text, f"{u}: a publish is visible on the next request")
        ok("缓存失效测试公告" not in first.text, "and was not there before")


def test_worker_cache_hits_ask_the_database_nothing_while_copies_are_on(s):
    """With stored copies on, the site's `current` link stands for the database's generation: a
    page from a worker's cache costs no statement, and a change is still seen at once."""
    key, ids = site_with_notices(s, "yancheng", "D01.C01", 3, users=("approver",))
    url = f"/xxgk/{key}/c/D01?page=test"
    s.get(f"/xxgk/{key}/c/D01")  # a stored page: points the site's `current` at its generation
    first = s.get(url)

    def executed():
        return int(s.sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1])
    # Test workers retire after 40 requests a thread, and a fresh process starts with an empty
    # cache: its first answer is a miss (at most four among 30 requests). Each hit must cost no
    # statement.
    hits = 0
    for _ in range(30):
        before = executed()
        r = s.get(url)
        eq((r.status, r.body), (200, first.body), "the same page")
        if r.header("X-Cache") == "hit":
            hits += 1
            eq(executed() - before, 0, "no statement run for a cache hit")
    ok(hits >= 10, f"most answers from the cache ({hits} of 30)")
    # A change through the staff console: the next answer is rendered afresh, with it.
    nid = ids[-1]
    title = s.sql(f"SELECT title FROM notices WHERE id = {nid}")[0][0]
    ok(title in first.text, "the newest notice is listed")
    st = Staff(s, key, "approver")
    r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "缓存测试撤回"})
    eq(r.status, 303, f"withdrawn ({r.text[:200]})")
    for _ in range(4):
        r = s.get(url)
        ok(r.header("X-Cache") in ("miss", "hit") and title not in r.text,
           f"the withdrawn notice is gone on the next request ({r.header('X-Cache')})")


def test_stored_copies_follow_withdrawals_and_clear(s):
    key, (nid,) = site_with_notices(s, "shanwei", "D01.C03", 1, users=("approver",))
    url = f"/xxgk/{key}/n/{nid}"
    s.get(url)
    stored = s.get(url)
    eq(stored.header("X-Cache"), "file", "the notice page is stored")
    # Anything but GET goes to the workers, as if nothing were stored.
    r = s.post(url, fields={"a": "b"})
    eq(r.status, 405, "POST: method not allowed")
    eq(r.header("Allow"), "GET, HEAD", "from xxgk, with Allow")
    eq(s.request("HEAD", url).header("X-Cache") in ("hit", "miss"), True, "HEAD: from the workers")
    st = Staff(s, key, "approver")
    ok(st.signed_in, "approver signed in")
    r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "测试撤回"})
    eq(r.status, 303, f"withdrawn ({r.text[:200]})")
    eq(s.get(url).status, 404, "a withdrawn notice is gone on the next request")
    # After a change made behind xxgk's back (SQL by hand), `xxgkctl cache clear` takes every copy
    # out of view and makes the workers' cached pages stop matching too.
    key, ids = site_with_notices(s, "qinghai", "D02.C03", 2, items={"D02.C03.I01": "地块一", "D02.C03.I02": "城东"})
    home = f"/xxgk/{key}/"
    s.get(home)
    eq(s.get(home).header("X-Cache"), "file", "the home page is stored")
    nid, code = s.sql("SELECT c.notice_id, c.column_code FROM notice_columns c JOIN sites t ON t.id = c.site_id "
                      f"WHERE t.site_key = '{key}' AND c.column_code <> '*' "
                      "ORDER BY c.published_at DESC, c.notice_id DESC LIMIT 1")[0]
    column = f"/xxgk/{key}/c/{code}?from=clear"
    some_hit(s, column, s.get(column).body, "the column from a worker's cache")
    s.sql(f"UPDATE notices SET title = CONCAT(title, '（手工更正）') WHERE id = {nid}")
    out = s.ctl("cache", "clear").stdout
    ok("cleared" in out and "invalidated" in out, f"clear reports ({out})")
    ok(s.get(home).header("X-Cache") in ("miss", "hit"), "from the workers after clearing")
    eq(s.get(home).header("X-Cache"), "file", "and stored again")
    for _ in range(6):
        ok("（手工更正）" in s.get(column).text, "the hand-made change is seen from every worker")
    # The items are kept in the notice's row (sql/102_items_in_notice.sql): a hand-made change there
    # is on the page after clearing, and the notice_items view reads it back.
    nid, item = s.sql("SELECT i.notice_id, i.item_code FROM notice_items i JOIN notices n ON n.id = i.notice_id "
                      f"JOIN sites t ON t.id = n.site_id WHERE t.site_key = '{key}' AND n.status = 'published' "
                      "ORDER BY i.notice_id, i.item_code LIMIT 1")[0]
    page = f"/xxgk/{key}/n/{nid}"
    ok("手工更正的内容项" not in s.get(page).text, "the page before the change")
    s.sql(f"UPDATE notices SET items_json = JSON_SET(items_json, '$[0][2]', '手工更正的内容项') WHERE id = {nid}")
    eq(s.sql(f"SELECT value FROM notice_items WHERE notice_id = {nid} AND item_code = '{item}'"), [["手工更正的内容项"]],
       "the view reads the notice's row")
    s.ctl("cache", "clear")
    ok("手工更正的内容项" in s.get(page).text, "the item changed by hand is on the page")


@each_front_end
def test_site_header_and_footer_from_the_cms(s):
    r = s.get("/xxgk/lincang/c/D01")
    ok("临沧市人民政府门户网站" in r.text, f"the CMS header, included by {s.front}'s SSI")
    ok("网站标识码" in r.text, "the CMS footer")
    ok("<!--#" not in r.text, "no SSI directive left unexpanded")
    ok("default-src 'self'" in (r.header("Content-Security-Policy") or ""), "the security headers")
    if s.front == "nginx":
        r = s.get("/xxgk/lincang/c/D01")
        eq(r.header("X-Cache"), "file", "the stored copy")
        ok("临沧市人民政府门户网站" in r.text and "<!--#" not in r.text, "expanded by nginx from the stored copy too")
        eq(r.header("Last-Modified"), None, "no Last-Modified")
        ok("default-src 'self'" in (r.header("Content-Security-Policy") or ""), "the security headers")
    ok("临沧市人民政府门户网站" not in s.get("/xxgk/qinghai/").text, "only where the site is configured for it")
    # rendered by the workers (a query string): the server scans only the listed sites' pages
    r = s.get("/xxgk/lincang/c/D01?x=1")
    ok("临沧市人民政府门户网站" in r.text and "<!--#" not in r.text, "expanded on a rendered page")
    conf = {"nginx": "nginx/xxgk-location.conf", "apache": "apache/xxgk.conf"}[s.front]
    with open(os.path.join(s.var, conf), encoding="utf-8") as f:
        ok('"^/xxgk/(?:lincang)/"' in f.read(), f"{s.front} scans only Lincang's rendered pages for includes")


def test_rendered_pages_stay_identical_under_concurrent_load(s):
    """Eight threads render pages at once, every one a fresh render (a query string the cache has
    not seen): each answer must be the bytes of the page rendered alone. A guard for the per-thread
    arena behind libxml2 (fcgi/xml_arena.c): memory shared between threads or kept from an earlier
    request would show as different bytes (and, in this sanitizer build, as a report)."""
    import threading
    nid = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id "
                "WHERE st.site_key = 'qinghai' AND n.status = 'published' ORDER BY n.id LIMIT 1")[0][0]
    column = s.sql("SELECT c.column_code FROM notice_columns c JOIN sites st ON st.id = c.site_id "
                   "WHERE st.site_key = 'lincang' AND c.column_code <> '*' "
                   "GROUP BY c.column_code ORDER BY COUNT(*) DESC LIMIT 1")[0][0]
    pages = ["/xxgk/lincang/", f"/xxgk/lincang/c/{column}", f"/xxgk/qinghai/n/{nid}", "/xxgk/zhejiang/",
             "/xxgk/shanwei/feed.atom"]
    reference, cache_header = {}, {}
    for p in pages:
        r = s.get(f"{p}?render=ref")
        eq(r.status, 200, f"{p} alone")
        # The pages are rendered, not taken from the cache (the feed is never cached).
        ok(r.header("X-Cache") == ("miss" if p.endswith("/") or "/c/" in p or "/n/" in p else None),
           f"{p} rendered: X-Cache {r.header('X-Cache')}")
        reference[p], cache_header[p] = r.body, r.header("X-Cache")
    bad, lock = [], threading.Lock()

    def worker(t):
        for i in range(40):
            p = pages[(t + i) % len(pages)]
            r = s.get(f"{p}?render={t}-{i}")
            if r.status != 200 or r.header("X-Cache") != cache_header[p] or r.body != reference[p]:
                with lock:
                    bad.append(f"{p} thread {t} request {i}: {r.status} {r.header('X-Cache')}")
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eq(bad[:3], [], "320 concurrent renders equal to the page rendered alone")

