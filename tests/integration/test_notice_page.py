"""A notice page as readers use it, over real HTTP: the body before the table it points to, the
attachments listed with their kind and size, the notices before and after it in its column, the
how to print it (no script), the favicon, and the larger-text mode (a cookie set by a plain form that
holds on every page, while the pages themselves stay the same for every reader and cacheable).
On a site of the module's own."""
import os, re

from harness import eq, fixture, import_notices, new_site, ok

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b" " * 3000


def made(s):
    key = new_site(s, "lincang", "notice")
    folder = os.path.join(s.var, "notice-page-files")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "评标报告.pdf"), "wb") as f:
        f.write(PDF)
    common = {"issuer": "临沧市财政局", "formed_on": "2026-04-01", "category": "D04.C05"}
    ids = import_notices(s, key, [
        dict(common, external_id="a", title="第一期设备采购中标结果公告", published_at="2026-04-02 09:00:00", body="第一期。"),
        dict(common, external_id="b", title="第二期设备采购中标结果公告", published_at="2026-04-03 09:00:00",
             body="现将第二期设备采购的中标结果公告如下，具体事项见下表。",
             items={"D04.C05.I02": "第二期设备采购（LC-2026-002）", "D04.C05.I04": "人民币86.5万元"},
             attachments=["notice-page-files/评标报告.pdf"]),
        dict(common, external_id="c", title="第三期设备采购中标结果公告", published_at="2026-04-04 09:00:00", body="第三期。"),
        # another column: not a neighbour of the three
        dict(common, external_id="x", title="采购合同公告", published_at="2026-04-03 12:00:00", body="合同。",
             category="D04.C08"),
    ])
    return key, ids


def site(s):
    return fixture(s, "notice-page.site", made)


def page(s, key, nid):
    r = s.get(f"/xxgk/{key}/n/{nid}")
    eq(r.status, 200, f"notice {nid}")
    return r.text


def neighbours(text):
    nav = re.search(r'<nav class="neighbours".*?</nav>', text, re.S)
    if nav is None:
        return {}
    return {rel: nid for rel, nid in re.findall(r'rel="(prev|next)" href="/xxgk/[^/]+/n/(\d+)"', nav.group(0))}


def test_the_body_comes_before_the_table_it_points_to(s):
    key, ids = site(s)
    t = page(s, key, ids["b"])
    body, items = t.find('class="body"'), t.find('class="items"')
    ok(0 < body < items, "the body, then the 公开内容 table (the body says 具体事项见下表)")
    ok("人民币86.5万元" in t[items:], "the items are in the table")


def test_attachments_are_listed_with_kind_and_size(s):
    key, ids = site(s)
    t = page(s, key, ids["b"])
    att = s.sql(f"SELECT id, size FROM attachments WHERE notice_id = {ids['b']}")
    eq(len(att), 1, "one attachment stored")
    m = re.search(r'<section class="attachments".*?</section>', t, re.S)
    ok(m, "an attachments section")
    sec = m.group(0)
    ok("附件（1个）" in sec, sec)
    ok(f'href="/xxgk/{key}/a/{att[0][0]}"' in sec and "评标报告.pdf" in sec, sec)
    ok("PDF文档" in sec and "3 KB" in sec, f"its kind and size in words a reader uses: {sec}")
    r = s.get(f"/xxgk/{key}/a/{att[0][0]}")
    eq((r.status, r.body), (200, PDF), "the link downloads it")
    ok('class="attachments"' not in page(s, key, ids["a"]), "no section for a notice without attachments")


def test_previous_and_next_in_the_column(s):
    key, ids = site(s)
    eq(neighbours(page(s, key, ids["b"])), {"prev": str(ids["a"]), "next": str(ids["c"])}, "the middle one")
    eq(neighbours(page(s, key, ids["a"])), {"next": str(ids["b"])}, "the oldest: only the next")
    eq(neighbours(page(s, key, ids["c"])), {"prev": str(ids["b"])}, "the newest: only the previous")
    eq(neighbours(page(s, key, ids["x"])), {}, "alone in its column: none")
    t = page(s, key, ids["b"])
    ok("上一篇：" in t and "第一期设备采购中标结果公告" in t and "下一篇：" in t and "2026-04-04" in t,
       "labelled, with titles and dates")


def test_no_script_a_print_note_and_favicon(s):
    key, ids = site(s)
    t = page(s, key, ids["b"])
    # one script, from a file, that only marks the text size in force (aria-pressed); the page
    # works without it
    eq(re.findall(r"<script[^>]*>", t), ['<script src="/xxgk-static/text-size.js" defer>'], "no other script")
    ok("<script></script>" not in t and "</script>" in t, "no inline script")
    ok("请使用浏览器的“打印”功能" in t, "the page says how to print it")
    ok('<link rel="icon" type="image/svg+xml" href="/xxgk-static/favicon.svg">' in t, "the page names its icon")
    r = s.get("/xxgk-static/favicon.svg")
    ok(r.status == 200 and "svg" in (r.header("Content-Type") or ""), f"the icon is served: {r.status}")


def test_larger_text_holds_across_pages_without_script(s):
    key, ids = site(s)
    b = f"/xxgk/{key}/"
    css = s.get(b + "text-size.css")
    eq(css.status, 200, "the size sheet")
    ok(b"font-size:125%" not in css.body, "the standard size by default")
    eq((css.header("Vary"), css.header("ETag")), ("Cookie", '"normal"'), "kept per cookie")
    # the form in every page's header, sent from a column's second page: back to that page
    ok(f'<form class="text-size" method="post" action="{b}text-size">' in page(s, key, ids["b"]), "the form")
    came_from = f"http://127.0.0.1:{s.port}{b}c/D04?before=x"
    r = s.post(b + "text-size", fields={"size": "large", "back": f"{b}n/{ids['b']}"}, headers={"Referer": came_from})
    eq((r.status, r.header("Location")), (303, f"{b}c/D04?before=x"), "back to the page it was sent from")
    cookie = r.header("Set-Cookie")
    ok(cookie.startswith("xxgk_text=large;") and "Path=/xxgk/;" in cookie and "Max-Age=31536000" in cookie, cookie)
    large = s.get(b + "text-size.css", headers={"Cookie": "xxgk_text=large"})
    ok(b"font-size:125%" in large.body and large.header("ETag") == '"large"', "larger text with the cookie")
    other = s.get("/xxgk/lincang/text-size.css", headers={"Cookie": "xxgk_text=large"})
    ok(b"font-size:125%" in other.body, "on every site of the install")
    eq(s.get(b + "text-size.css", headers={"Cookie": "xxgk_text=large", "If-None-Match": '"large"'}).status, 304,
       "unchanged: 304")
    # the pages do not depend on it: the same bytes for every reader
    eq(s.get(f"{b}n/{ids['b']}", headers={"Cookie": "xxgk_text=large"}).body, s.get(f"{b}n/{ids['b']}").body,
       "the page itself is the same with the cookie")
    r = s.post(b + "text-size", fields={"size": "normal", "back": f"{b}n/{ids['b']}"})
    eq((r.status, r.header("Location")), (303, f"{b}n/{ids['b']}"), "without a Referer: the form's page")
    ok(r.header("Set-Cookie").startswith("xxgk_text=;") and "Max-Age=0" in r.header("Set-Cookie"), "standard: cookie gone")


def test_text_size_refuses_bad_input_and_other_hosts(s):
    key, _ = site(s)
    b = f"/xxgk/{key}/"
    r = s.post(b + "text-size", fields={"size": "huge"})
    ok(r.status == 400 and r.header("Set-Cookie") is None, "an unknown size: 400, no cookie")
    for back in ("//evil.example/x", "https://evil.example/", "/xxgk/other/", b + "n/1\r\nX-Injected: 1", "/etc/passwd",
                 b + "..\\..\\x"):
        r = s.post(b + "text-size", fields={"size": "large", "back": back})
        eq((r.status, r.header("Location")), (303, b), f"back={back!r}: to the site's home, nowhere else")
    r = s.post(b + "text-size", fields={"size": "large"}, headers={"Referer": "https://evil.example/phish"})
    eq(r.header("Location"), b, "a Referer of another page than this site's: the site's home")


def test_an_id_has_one_spelling(s):
    """A path id written with a leading zero or a plus sign is no id: 404 as an unknown one, and no
    page copy is stored under that spelling (each spelling was a page, and a file, of its own)."""
    key, ids = site(s)
    nid = ids["b"]
    att = s.sql(f"SELECT id FROM attachments WHERE notice_id = {nid}")[0][0]
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 200, "the notice")
    eq(s.get(f"/xxgk/{key}/a/{att}").status, 200, "its attachment")
    for prefix in ("0", "0000000", "%2B", "+"):
        for path in (f"n/{prefix}{nid}", f"a/{prefix}{att}", f"api/notices/{prefix}{nid}"):
            for _ in range(2):  # the second asks nginx for a copy the first would have stored
                r = s.get(f"/xxgk/{key}/{path}")
                eq(r.status, 404, f"{path}: not found")
                ok(r.header("X-Cache") != "file", f"{path}: no stored copy")
    copies = os.path.join(s.var, "copies", key)
    stored = [name for _, _, files in os.walk(copies) for name in files if name.endswith(".html")]
    ok(f"{nid}.html" in stored, f"the notice's copy is stored: {stored}")
    ok(not any(name.startswith(("0", "+", "%")) for name in stored), f"no copy for another spelling: {stored}")
