"""Feeds and exchange over real HTTP: Atom per site and column (RELAX NG of RFC 4287 and the RFC's
own rules), the JSON API (keyset paging, JSON errors), the HTML fragment (a fragment, escaped,
through real SSI and through embed.js in Chromium) and the OCDS export (required fields, only
procurement notices, the item mapping, paging, the CLI). The demo sites are read; a notice whose
title is markup comes on a site of the module's own. What a reader gets over HTTP is checked
through nginx and through Apache (each_front_end); the schema of every column's feed through
nginx only (the workers write the same bytes for both)."""
import datetime, decimal, gzip, json, os, re, shutil, socket, subprocess, tempfile, time
import xml.etree.ElementTree as ET

import catalogs
from harness import TOP, each_front_end, eq, fixture, import_notices, new_site, ok

A = "{http://www.w3.org/2005/Atom}"
RNG = os.path.join(TOP, "tests", "integration", "atom.rng")
HOST = "localhost:8443"  # a name of [server] allowed_hosts (tools/stack.sh), another port: links keep both
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MARKUP_TITLE = '<script>alert("x")</script> & <b>测试</b> 标题'


def utc(epoch):
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def site_row(s, key):
    sid, domain, created = s.sql(f"SELECT id, domain, DATE_FORMAT(created_at, '%Y-%m-%d') FROM sites "
                                 f"WHERE site_key = '{key}'")[0]
    return sid, domain, created


def newest(s, key, column, n):
    """The newest n published notices of a column, read straight from the database."""
    return s.sql(f"SELECT c.notice_id, UNIX_TIMESTAMP(c.published_at) FROM notice_columns c JOIN sites st ON "
                 f"st.id = c.site_id WHERE st.site_key = '{key}' AND c.column_code = '{column}' "
                 f"ORDER BY c.published_at DESC, c.notice_id DESC LIMIT {n}")


def relaxng(xml_bytes):
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(xml_bytes)
    r = subprocess.run(["xmllint", "--noout", "--relaxng", RNG, f.name], capture_output=True, text=True)
    os.unlink(f.name)
    return r.returncode == 0, r.stderr


def check_atom(s, key, path, column):
    """Fetches one feed and checks it against RFC 4287 and the database; returns the parsed feed."""
    r = s.get(path, headers={"Host": HOST})
    eq(r.status, 200, path)
    eq(r.header("Content-Type"), "application/atom+xml; charset=utf-8", f"{path} media type")
    valid, why = relaxng(r.body)
    ok(valid, f"{path}: not valid Atom: {why[:600]}")
    feed = ET.fromstring(r.body)
    eq(feed.tag, A + "feed", "root element")
    for el in ["id", "title", "updated"]:
        eq(len(feed.findall(A + el)), 1, f"{path}: one feed/{el}")
    ok(RFC3339.match(feed.find(A + "updated").text), "feed updated is RFC 3339")
    self_links = [l.get("href") for l in feed.findall(A + "link") if l.get("rel") == "self"]
    eq(self_links, [f"http://{HOST}{path}"], f"{path}: self link with the request's host")
    _, domain, created = site_row(s, key)
    eq(feed.find(A + "id").text, f"tag:{domain},{created}:{path[len('/xxgk/'):-len('.atom')]}", "feed id")
    expected = newest(s, key, column, 20)
    entries = feed.findall(A + "entry")
    eq(len(entries), len(expected), f"{path}: the latest {len(expected)} entries")
    ids = []
    for e, (nid, epoch) in zip(entries, expected):
        for el in ["id", "title", "updated"]:
            eq(len(e.findall(A + el)), 1, f"{path}: one entry/{el}")
        eq(e.find(A + "id").text, f"tag:{domain},{created}:{key}/n/{nid}", "entry id: a tag URI of the notice")
        alt = [l.get("href") for l in e.findall(A + "link") if l.get("rel") in (None, "alternate")]
        eq(alt, [f"http://{HOST}/xxgk/{key}/n/{nid}"], "one alternate link, absolute")
        eq(e.find(A + "published").text, utc(epoch), "published (UTC)")
        ok(RFC3339.match(e.find(A + "updated").text) and e.find(A + "updated").text >= utc(epoch),
           "updated is RFC 3339 and not before published")
        # RFC 4287 4.1.1: without a feed-level author every entry needs one; xxgk gives both
        ok(e.find(A + "author/" + A + "name").text, "entry author (the issuer)")
        ok(e.find(A + "summary") is not None, "summary")
        ids.append(e.find(A + "id").text)
    eq(len(set(ids)), len(ids), "entry ids are unique")
    ok(feed.find(A + "author/" + A + "name").text, "feed author")
    return feed


@each_front_end
def test_atom_site_feeds_are_valid(s):
    for v in catalogs.VARIANTS:
        feed = check_atom(s, v, f"/xxgk/{v}/feed.atom", "*")
        eq(len(feed.findall(A + "entry")), 20, f"{v}: 20 entries (the demo has more)")


def test_atom_column_feeds_are_valid(s):
    for v in catalogs.VARIANTS:
        cats = catalogs.categories(v)
        columns = [c for c, _ in catalogs.domains(v)] + [cats[0][0], cats[len(cats) // 2][0], cats[-1][0]]
        for code in columns:
            feed = check_atom(s, v, f"/xxgk/{v}/c/{code}/feed.atom", code)
            for e in feed.findall(A + "entry"):
                term = e.find(A + "category").get("term")
                ok(term == code or term.startswith(code + "."), f"{v} {code}: entry of category {term}")


@each_front_end
def test_atom_ids_stable_and_links_follow_host(s):
    feed = lambda host: s.get("/xxgk/yancheng/feed.atom", headers={"Host": host})
    ids = lambda r: [e.find(A + "id").text for e in ET.fromstring(r.body).findall(A + "entry")]
    a, b = feed("127.0.0.1"), feed("WWW.yancheng.gov.cn:8443")
    eq(ids(a), ids(b), "ids do not depend on the Host")
    ok("http://127.0.0.1/xxgk/yancheng/n/" in a.text, "links on a name of [server] allowed_hosts")
    ok('href="http://WWW.yancheng.gov.cn:8443/xxgk/yancheng/feed.atom"' in b.text,
       "the site's own domain with the port the request came to")
    # any other Host, with a port or not, is not echoed: the site's configured domain instead
    for host in ["evil.example.cn", "evil.example.cn:8443", "www.yancheng.gov.cn.evil.example.cn"]:
        c = feed(host)
        eq(c.status, 200, f"{host}: status")
        ok(host not in c.text and "evil" not in c.text, f"{host}: not used")
        ok('href="http://www.yancheng.gov.cn/xxgk/yancheng/feed.atom"' in c.text, f"{host}: the site's domain instead")


@each_front_end
def test_atom_errors_and_schema_can_fail(s):
    eq(s.get("/xxgk/lincang/c/D99/feed.atom").status, 404, "unknown column")
    eq(s.get("/xxgk/nosuch/feed.atom").status, 404, "unknown site")
    eq(s.post("/xxgk/lincang/feed.atom", fields={"a": "b"}).status, 405, "POST")
    # the schema is able to reject: the same feed without its id, and with a date lacking its zone
    body = s.get("/xxgk/lincang/feed.atom").text
    broken = re.sub(r"<id>[^<]*</id>", "", body, count=1)
    ok(not relaxng(broken.encode())[0], "a feed without <id> is refused")
    no_zone = re.sub(r"(<updated>[^<]*)Z(</updated>)", r"\1\2", body, count=1)
    ok(not relaxng(no_zone.encode())[0], "a date without time zone is refused")


def make_markup_site(s):
    """A Lincang-variant site whose newest notice has markup in its title (published at the import),
    after three older ones: (the site's key, the markup notice's id)."""
    site = new_site(s, "lincang", "feeds")
    older = [{"external_id": f"feeds-{i}", "title": f"采购公告{i}", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
              "published_at": f"2026-03-0{i} 09:00:00", "category": "D04.C01", "body": "正文"} for i in (3, 4, 5)]
    markup = {"external_id": "feeds-markup-1", "title": MARKUP_TITLE, "issuer": "临沧市财政局<i>",
              "formed_on": "2026-03-02", "category": "D04.C01", "body": "正文<p>段落</p> & 更多", "items": {}}
    return site, import_notices(s, site, older + [markup])["feeds-markup-1"]


def markup_site(s):
    return fixture(s, "feeds.markup", make_markup_site)


@each_front_end
def test_atom_escapes_markup(s):
    site, nid = markup_site(s)
    r = s.get(f"/xxgk/{site}/c/D04.C01/feed.atom")
    ok("&lt;script&gt;" in r.text and "<script>" not in r.text, "title escaped in the XML")
    feed = ET.fromstring(r.body)
    entry = feed.findall(A + "entry")[0]
    ok(entry.find(A + "id").text.endswith(f"/n/{nid}"), "the new notice is the newest entry")
    eq(entry.find(A + "title").text, MARKUP_TITLE, "the title, exactly, as text")
    eq(entry.find(A + "author/" + A + "name").text, "临沧市财政局<i>", "the issuer as text")


# ---- the JSON API ----

@each_front_end
def test_api_list_pages_through_a_column(s):
    expected = [r[0] for r in s.sql("SELECT c.notice_id FROM notice_columns c JOIN sites st ON st.id = c.site_id "
                                    "WHERE st.site_key = 'lincang' AND c.column_code = 'D04' "
                                    "ORDER BY c.published_at DESC, c.notice_id DESC")]
    ok(len(expected) > 14, f"D04 has {len(expected)} notices")
    seen, url, pages = [], "/xxgk/lincang/api/notices?column=D04&limit=7", 0
    while url:
        r = s.get(url, headers={"Host": HOST})
        eq(r.status, 200, url)
        eq(r.header("Content-Type"), "application/json; charset=utf-8", "JSON")
        d = r.json()
        eq(d["column"], {"code": "D04", "name": "政府采购"}, "column")
        ok(len(d["notices"]) <= 7, "at most limit")
        for n in d["notices"]:
            ok(n["category"]["code"].startswith("D04."), "a notice of the column")
            eq(n["url"], f"http://{HOST}/xxgk/lincang/n/{n['id']}", "absolute page URL")
            ok(RFC3339.match(n["published_at"]), "published_at RFC 3339")
        seen += [str(n["id"]) for n in d["notices"]]
        pages += 1
        if d["next"] is None:
            eq(d["next_cursor"], None, "no cursor on the last page")
            url = None
        else:
            ok(d["next"].startswith(f"http://{HOST}/xxgk/lincang/api/notices?"), d["next"])
            ok(re.fullmatch(r"\d{14}-\d+", d["next_cursor"]), "cursor format of the column pages")
            url = d["next"][len(f"http://{HOST}"):]
    eq(seen, expected, "every notice once, newest first")
    eq(pages, (len(expected) + 6) // 7, "pages")
    # the same cursor works on the HTML column page (same format)
    r = s.get("/xxgk/lincang/api/notices?column=D04&limit=7").json()
    page = s.get("/xxgk/lincang/c/D04?before=" + r["next_cursor"])
    eq(page.status, 200, "cursor accepted by the column page")
    ok(f'/n/{expected[7]}"' in page.text, "and it continues at the same notice")
    # the site-wide list with the default limit
    d = s.get("/xxgk/qinghai/api/notices").json()
    eq(d["limit"], 20, "default limit")
    eq([str(n["id"]) for n in d["notices"]], [r[0] for r in newest(s, "qinghai", "*", 20)], "site-wide list")


@each_front_end
def test_api_errors_are_json(s):
    cases = [("/xxgk/lincang/api/notices?limit=0", 400, "limit"),
             ("/xxgk/lincang/api/notices?limit=101", 400, "limit"),
             ("/xxgk/lincang/api/notices?limit=ten", 400, "limit"),
             ("/xxgk/lincang/api/notices?before=2026-01-01", 400, "before"),
             ("/xxgk/lincang/api/notices?before=20260231000000-5", 400, "before"),
             ("/xxgk/lincang/api/notices?column=D99", 404, "column"),
             ("/xxgk/lincang/api/notices?column=D04%27--", 400, "column"),
             ("/xxgk/lincang/api/notices?limit=1&limit=2", 400, "limit"),
             ("/xxgk/lincang/api/notices/999999999", 404, "id"),
             ("/xxgk/lincang/api/notices/abc", 404, "id"),
             ("/xxgk/lincang/api/ocds.json?from=2026-13-01", 400, "from"),
             ("/xxgk/lincang/api/ocds.json?from=2026-03-01&to=2026-02-01", 400, "to"),
             ("/xxgk/lincang/api/ocds.json?limit=1001", 400, "limit"),
             ("/xxgk/lincang/api/ocds.json?after=x", 400, "after"),
             ("/xxgk/lincang/api/nothing", 404, None)]
    for path, status, field in cases:
        r = s.get(path)
        eq(r.status, status, path)
        eq(r.header("Content-Type"), "application/json; charset=utf-8", f"{path}: JSON")
        d = r.json()
        ok(isinstance(d["error"], str) and d["error"], f"{path}: a message")
        eq(d["field"], field, f"{path}: field")
    eq(s.get("/xxgk/lincang/api/notices?limit=100").status, 200, "limit 100 is fine")
    r = s.post("/xxgk/lincang/api/notices", fields={"a": "b"})
    eq(r.status, 405, "POST to a list")
    eq(r.json()["field"], None, "405 as JSON")
    # a draft, and another site's notice, are not there
    draft = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id=n.site_id WHERE st.site_key='lincang' "
                  "AND n.status='draft' LIMIT 1")[0][0]
    eq(s.get(f"/xxgk/lincang/api/notices/{draft}").status, 404, "draft")
    other = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id=n.site_id WHERE st.site_key='shanwei' "
                  "AND n.status='published' LIMIT 1")[0][0]
    eq(s.get(f"/xxgk/lincang/api/notices/{other}").status, 404, "another site's notice")


@each_front_end
def test_api_notice_has_metadata_items_attachments(s):
    nid, key, code = s.sql("SELECT n.id, st.site_key, n.category_code FROM notices n JOIN sites st ON st.id = n.site_id "
                           "WHERE st.site_key = 'yancheng' AND n.status = 'published' "
                           "AND (SELECT COUNT(*) FROM notice_items i WHERE i.notice_id = n.id) >= 2 LIMIT 1")[0]
    r = s.get(f"/xxgk/{key}/api/notices/{nid}", headers={"Host": HOST})
    eq(r.status, 200, "status")
    d = r.json()
    row = s.sql(f"SELECT index_no, title, issuer, doc_number, subject, DATE_FORMAT(formed_on, '%Y-%m-%d'), "
                f"DATE_FORMAT(published_at, '%Y-%m-%d'), validity FROM notices WHERE id = {nid}")[0]
    labels = ["索引号", "题名", "发布机构", "发文字号", "主题分类", "成文日期", "发布日期", "公文时效"]
    expect = dict(zip(labels, row))
    del expect["题名"]
    eq(d["metadata"], expect, "the metadata block")
    eq(d["title"], row[1], "title")
    eq(d["url"], f"http://{HOST}/xxgk/{key}/n/{nid}", "url")
    # items labelled in the variant's own wording, as the catalog words them
    cat = [c for c in catalogs.load(key).iter("category") if c.get("code") == code][0]
    wording = {i.get("code"): i.text for i in cat.findall("item")}
    stored = {r[0]: r[1] for r in s.sql(f"SELECT item_code, value FROM notice_items WHERE notice_id = {nid}")}
    eq({i["code"]: i["value"] for i in d["items"]}, stored, "item values")
    for i in d["items"]:
        eq(i["label"], wording[i["code"]], f"label of {i['code']}")
    eq(d["category"]["code"], code, "category")
    eq(d["category"]["path"][0]["code"], code.split(".")[0], "path starts at the domain")
    atts = s.sql(f"SELECT id, filename FROM attachments WHERE notice_id = {nid} ORDER BY id")
    eq([(str(a["id"]), a["filename"]) for a in d["attachments"]], [tuple(a) for a in atts], "attachments")
    for a in d["attachments"]:
        eq(a["url"], f"http://{HOST}/xxgk/{key}/a/{a['id']}", "attachment URL")
    eq(r.header("Access-Control-Allow-Origin"), "*", "public data readable from a CMS page elsewhere")


# ---- the HTML fragment ----

@each_front_end
def test_fragment_is_a_fragment(s):
    r = s.get("/xxgk/lincang/fragment/D04.html?n=5", headers={"Host": HOST})
    eq(r.status, 200, "status")
    eq(r.header("Content-Type"), "text/html; charset=utf-8", "media type")
    text = r.text.strip()
    ok(text.startswith('<ul class="xxgk-fragment"') and text.endswith("</ul>"), text[:200])
    for word in ["<html", "<!DOCTYPE", "<head", "<body", "<?xml", "<script", "style="]:
        ok(word.lower() not in text.lower(), f"no {word}")
    ul = ET.fromstring(text)  # well-formed: safe to include anywhere
    eq(ul.get("aria-label"), "政府采购", "the list is labelled with the column")
    expected = [f"/xxgk/lincang/n/{n}" for n, _ in newest(s, "lincang", "D04", 5)]
    eq([li.find("a").get("href") for li in ul.findall("li")], expected, "the newest five")
    for li in ul.findall("li"):
        ok(re.fullmatch(r"\d{4}-\d{2}-\d{2}", li.find("time").get("datetime")), "a date")
    # a CMS page on another host may fetch it (embed.js): every time, not only the first
    for _ in range(3):
        eq(s.get("/xxgk/lincang/fragment/D04.html?n=5").header("Access-Control-Allow-Origin"), "*", "CORS")
    eq(len(ET.fromstring(s.get("/xxgk/lincang/fragment/D04.html").body).findall("li")), 10, "default 10")
    eq(len(ET.fromstring(s.get("/xxgk/lincang/fragment/D04.html?n=50").body).findall("li")),
       min(50, len(newest(s, "lincang", "D04", 50))), "at most 50")
    for q, status in [("?n=0", 400), ("?n=51", 400), ("?n=x", 400)]:
        bad = s.get("/xxgk/lincang/fragment/D04.html" + q)
        eq(bad.status, status, q)
        ok(bad.text.startswith('<p class="xxgk-fragment-error"') and "<html" not in bad.text, "an error fragment")
    for path in ["/xxgk/lincang/fragment/D99.html", "/xxgk/lincang/fragment/D04"]:
        bad = s.get(path)
        eq(bad.status, 404, path)
        ok("<html" not in bad.text, "no page inside the CMS page")


@each_front_end
def test_fragment_escapes_markup(s):
    site, nid = markup_site(s)
    r = s.get(f"/xxgk/{site}/fragment/D04.C01.html?n=1")
    ok(f"/n/{nid}" in r.text, "the newest notice")
    ok("&lt;script&gt;alert" in r.text and "<script" not in r.text and "<b>" not in r.text, r.text)
    eq(ET.fromstring(r.body).find("li/a").text, MARKUP_TITLE, "the title as text")


def free_port():
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def check_cms_page(s, status, body, what):
    """A CMS page that includes the fragment as cms-integration/embed/ssi-example.html does."""
    eq(status, 200, f"{what}: the CMS page")
    ok("<!--#" not in body, f"{what}: the SSI directive was processed")
    ok('<ul class="xxgk-fragment" data-column="D04"' in body, f"{what}: the fragment is in the page")
    expected = [n for n, _ in newest(s, "lincang", "D04", 5)]
    eq(re.findall(r'href="/xxgk/lincang/n/(\d+)"', body), expected, f"{what}: the newest five, linked site-relative")
    eq(re.sub(r"<!--.*?-->", "", body, flags=re.S).count("<html"), 1, f"{what}: one page, not a page in a page")


@each_front_end
def test_fragment_through_ssi_on_the_same_server(s):
    """A CMS page served by the web server in front of xxgk includes the fragment the way the
    guide says (in Apache's subrequest xxgk must take the fragment's path, not the page's)."""
    name = f"ssi-example-{s.front}.shtml"
    with open(os.path.join(TOP, "cms-integration", "embed", "ssi-example.html"), encoding="utf-8") as f:
        page = f.read()
    path = os.path.join(s.var, "nginx", "www", name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    os.chmod(path, 0o644)
    r = s.get("/" + name, headers={"Accept-Encoding": "gzip"})  # as a browser asks
    body = gzip.decompress(r.body) if r.header("Content-Encoding") == "gzip" else r.body
    check_cms_page(s, r.status, body.decode(), s.front)


def test_fragment_through_ssi_from_another_server(s):
    """A CMS page on an nginx of its own with SSI, xxgk's nginx behind its proxy (xxgk on another
    machine)."""
    d = tempfile.mkdtemp(prefix="xxgk-ssi-")
    os.chmod(d, 0o755)
    os.makedirs(os.path.join(d, "www"))
    os.makedirs(os.path.join(d, "tmp"))
    os.chmod(os.path.join(d, "www"), 0o755)
    with open(os.path.join(TOP, "cms-integration", "embed", "ssi-example.html"), encoding="utf-8") as f:
        page = f.read()
    with open(os.path.join(d, "www", "index.html"), "w", encoding="utf-8") as f:
        f.write(page)
    os.chmod(os.path.join(d, "www", "index.html"), 0o644)
    port = free_port()
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 1;
pid {d}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {d}/tmp/body; proxy_temp_path {d}/tmp/proxy; fastcgi_temp_path {d}/tmp/fcgi;
    uwsgi_temp_path {d}/tmp/uwsgi; scgi_temp_path {d}/tmp/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {d}/www;
        ssi on;
        location /xxgk/ {{
            proxy_pass http://127.0.0.1:{s.port};
            proxy_http_version 1.1;  # as with kept-alive upstream connections: xxgk's nginx would gzip
            proxy_set_header Host www.cms.example;
            proxy_set_header Accept-Encoding "";
        }}
    }}
}}
""")
    proc = subprocess.Popen(["nginx", "-p", d, "-c", conf, "-e", os.path.join(d, "error.log"), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import http.client
        body = None
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                c.request("GET", "/", headers={"Accept-Encoding": "gzip"})  # as a browser asks
                resp = c.getresponse()
                body, status = resp.read(), resp.status
                body = (gzip.decompress(body) if resp.getheader("Content-Encoding") == "gzip" else body).decode()
                c.close()
                break
            except OSError:
                time.sleep(0.1)
        ok(body is not None, "the CMS nginx answered")
        check_cms_page(s, status, body, "through a proxy")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)


def test_fragment_by_script_in_browser(s):
    """embed.js fills a CMS page's placeholder, under a CSP that forbids inline script."""
    site, _ = markup_site(s)
    www = os.path.join(s.var, "nginx", "www")
    with open(os.path.join(TOP, "cms-integration", "embed", "script-example.html"), encoding="utf-8") as f:
        page = f.read().replace("/xxgk/lincang/", f"/xxgk/{site}/")
    with open(os.path.join(www, "embed-example.html"), "w", encoding="utf-8") as f:
        f.write(page)
    os.chmod(os.path.join(www, "embed-example.html"), 0o644)
    # what the placeholder must end up showing, from the database, for the scenario to compare
    expected = [f"http://127.0.0.1:{s.port}/xxgk/{site}/n/{n}" for n, _ in newest(s, site, "D04.C01", 4)]
    with open(os.path.join(s.var, "embed-expected.json"), "w") as f:
        json.dump(expected, f)
    browser = os.path.join(TOP, "tests", "browser")
    r = subprocess.run(["node", os.path.join(browser, "scenario.mjs"), f"http://127.0.0.1:{s.port}", "./embed.mjs",
                        s.var, site], cwd=browser, capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"embed: {r.stdout[-1500:]}{r.stderr[-1500:]}")


# ---- OCDS ----

# Procurement contracting processes of each variant, by hand from xslt/catalogs/*.xml: the 政府采购
# domain without its supervision, policy and credit categories.
OCDS_CATEGORIES = {
    "lincang": {f"D04.C{i:02d}" for i in range(1, 12)},
    "yancheng": {"D05.C02", "D05.C03", "D05.C07", "D05.C08"},
    "qinghai": {"D04.C01", "D04.C02", "D04.C03", "D04.C04"},
    "zhejiang": {"D04.C02", "D04.C02.C01", "D04.C02.C02", "D04.C02.C03", "D04.C03", "D04.C03.C01", "D04.C03.C02",
                 "D04.C03.C03", "D04.C04", "D04.C05", "D04.C06", "D04.C07", "D04.C08", "D04.C09", "D04.C09.C01",
                 "D04.C09.C02", "D04.C09.C03", "D04.C09.C04", "D04.C10", "D04.C11"},
    "shanwei": {"D02.C01", "D02.C01.C01", "D02.C01.C02", "D02.C01.C03", "D02.C01.C04", "D02.C01.C05"},
}
TAGS = {"planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation", "award",
        "awardUpdate", "awardCancellation", "contract", "contractUpdate", "contractAmendment", "implementation",
        "implementationUpdate", "contractTermination", "compiled"}


def published_in(s, key, codes, where=""):
    inlist = ",".join(f"'{c}'" for c in sorted(codes))
    return {r[0] for r in s.sql(f"SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id WHERE st.site_key = "
                                 f"'{key}' AND n.status = 'published' AND n.category_code IN ({inlist}) {where}")}


def check_package(d):
    for k in ["uri", "publishedDate", "publisher", "releases", "version"]:
        ok(k in d, f"package {k}")
    eq(d["version"], "1.1", "OCDS version")
    ok(d["publisher"]["name"], "publisher name")
    ok(RFC3339.match(d["publishedDate"]), "publishedDate")
    for rel in d["releases"]:
        for k in ["ocid", "id", "date", "tag", "initiationType"]:
            ok(k in rel, f"release {k}")
        eq(rel["initiationType"], "tender", "initiationType")
        ok(rel["tag"] and set(rel["tag"]) <= TAGS, f"tags from the codelist: {rel['tag']}")
        ok(RFC3339.match(rel["date"]), "release date")
        ok(re.fullmatch(r"ocds-xxgk00-\d+", rel["ocid"]), f"ocid = prefix + notice id: {rel['ocid']}")
        ids = [p["id"] for p in rel["parties"]]
        eq(len(set(ids)), len(ids), "party ids unique")
        if "buyer" in rel:
            ok(rel["buyer"]["id"] in ids, "buyer is a party")
        for aw in rel.get("awards", []):
            for sup in aw.get("suppliers", []):
                ok(sup["id"] in ids, "supplier is a party")
        for c in rel.get("contracts", []):
            ok(c["awardID"] in [a["id"] for a in rel.get("awards", [])], "contract's award is in the release")


@each_front_end
def test_ocds_only_procurement_notices(s):
    for v in catalogs.VARIANTS:
        r = s.get(f"/xxgk/{v}/api/ocds.json?limit=1000")
        eq(r.status, 200, v)
        eq(r.header("Content-Type"), "application/json; charset=utf-8", "JSON")
        d = r.json()
        check_package(d)
        ok("links" not in d, "one page holds them all")
        got = [rel["ocid"].rsplit("-", 1)[1] for rel in d["releases"]]
        eq(len(set(got)), len(got), f"{v}: one release per notice")
        expected = published_in(s, v, OCDS_CATEGORIES[v])
        ok(len(expected) >= len(OCDS_CATEGORIES[v]), f"{v}: the demo has procurement notices")
        eq(set(got), expected, f"{v}: exactly the published procurement notices")
        dates = [rel["awards"][0]["date"] if "awards" in rel else None for rel in d["releases"]]
        ok(all(x is None or RFC3339.match(x) for x in dates), "award dates")


def yuan(text):
    """By hand: '人民币1234.56万元' -> 12345600."""
    m = re.search(r"([\d,]+(?:\.\d+)?)\s*(万|亿)?元", text)
    v = decimal.Decimal(m.group(1).replace(",", ""))
    return v * {"万": 10000, "亿": 100000000, None: 1}[m.group(2)]


@each_front_end
def test_ocds_maps_items(s):
    # qinghai's 采购结果 (D04.C03) gives 中标金额 and 中标供应商
    nid = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id WHERE st.site_key = 'qinghai' "
                "AND n.status = 'published' AND n.category_code = 'D04.C03' AND (SELECT COUNT(*) FROM notice_items i "
                "WHERE i.notice_id = n.id AND i.item_code IN ('D04.C03.I02', 'D04.C03.I03')) = 2 LIMIT 1")[0][0]
    items = dict(s.sql(f"SELECT item_code, value FROM notice_items WHERE notice_id = {nid}"))
    d = s.get("/xxgk/qinghai/api/ocds.json?limit=1000", headers={"Host": HOST}).json()
    rel = [r for r in d["releases"] if r["ocid"] == f"ocds-xxgk00-{nid}"][0]
    eq(rel["tag"], ["award"], "a result notice is an award release")
    aw = rel["awards"][0]
    eq(decimal.Decimal(str(aw["value"]["amount"])), yuan(items["D04.C03.I02"]), "中标金额 in yuan")
    eq(aw["value"]["currency"], "CNY", "currency")
    eq([x["name"] for x in aw["suppliers"]], [items["D04.C03.I03"]], "中标供应商")
    eq(aw["documents"][0]["url"], f"http://{HOST}/xxgk/qinghai/n/{nid}", "the notice as the award notice")
    # qinghai's 采购公告 (D04.C01) gives 采购人 → buyer
    nid = s.sql("SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id WHERE st.site_key = 'qinghai' "
                "AND n.status = 'published' AND n.category_code = 'D04.C01' AND EXISTS (SELECT 1 FROM notice_items i "
                "WHERE i.notice_id = n.id AND i.item_code = 'D04.C01.I01') LIMIT 1")[0][0]
    buyer = s.sql(f"SELECT value FROM notice_items WHERE notice_id = {nid} AND item_code = 'D04.C01.I01'")[0][0]
    rel = [r for r in d["releases"] if r["ocid"] == f"ocds-xxgk00-{nid}"][0]
    eq(rel["tag"], ["tender"], "a procurement notice is a tender release")
    eq(rel["buyer"]["name"], buyer, "采购人 is the buyer")
    party = [p for p in rel["parties"] if p["id"] == rel["buyer"]["id"]][0]
    ok("buyer" in party["roles"], "with the buyer role")
    # lincang's 采购合同信息 is a contract release; 终止公告信息 a cancellation
    d = s.get("/xxgk/lincang/api/ocds.json?limit=1000").json()
    cats = dict(s.sql("SELECT n.id, n.category_code FROM notices n JOIN sites st ON st.id = n.site_id "
                      "WHERE st.site_key = 'lincang'"))
    for rel in d["releases"]:
        c = cats[rel["ocid"].rsplit("-", 1)[1]]
        if c == "D04.C08":
            eq(rel["tag"], ["contract"], "contract")
            ok(rel["contracts"][0]["documents"][0]["documentType"] == "contractNotice", "contract notice")
        if c == "D04.C10":
            eq((rel["tag"], rel["tender"]["status"]), (["tenderCancellation"], "cancelled"), "termination")


@each_front_end
def test_ocds_period_and_paging(s):
    rows = s.sql("SELECT DATE_FORMAT(MIN(published_at), '%Y-%m-%d'), DATE_FORMAT(MAX(published_at), '%Y-%m-%d') "
                 "FROM notices n JOIN sites st ON st.id = n.site_id WHERE st.site_key = 'zhejiang' "
                 "AND n.status = 'published'")[0]
    lo, hi = datetime.date.fromisoformat(rows[0]), datetime.date.fromisoformat(rows[1])
    mid_from = lo + (hi - lo) / 3
    mid_to = lo + 2 * (hi - lo) / 3
    q = f"from={mid_from}&to={mid_to}"
    full = s.get(f"/xxgk/zhejiang/api/ocds.json?{q}&limit=1000").json()
    expected = published_in(s, "zhejiang", OCDS_CATEGORIES["zhejiang"],
                            f"AND n.published_at >= '{mid_from}' AND n.published_at < '{mid_to + datetime.timedelta(days=1)}'")
    got = [r["ocid"].rsplit("-", 1)[1] for r in full["releases"]]
    eq(set(got), expected, "the period, both days included")
    ok(0 < len(got) < len(published_in(s, "zhejiang", OCDS_CATEGORIES["zhejiang"])), "a real part of the whole")
    # the same by pages of 3, following links.next
    walked, url, pages = [], f"/xxgk/zhejiang/api/ocds.json?{q}&limit=3", 0
    while url:
        d = s.get(url, headers={"Host": HOST}).json()
        check_package(d)
        ok(len(d["releases"]) <= 3, "limit")
        walked += [r["ocid"] for r in d["releases"]]
        pages += 1
        nxt = d.get("links", {}).get("next")
        url = nxt[len(f"http://{HOST}"):] if nxt else None
        ok(pages < 200, "paging ends")
    eq(walked, [r["ocid"] for r in full["releases"]], "pages add up to the whole, in order")


def test_ocds_export_command(s):
    r = s.ctl("export", "ocds", "--site", "shanwei")
    d = json.loads(r.stdout)
    check_package(d)
    http = s.get("/xxgk/shanwei/api/ocds.json?limit=1000").json()
    eq([x["ocid"] for x in d["releases"]], [x["ocid"] for x in http["releases"]], "the same releases as the API")
    urls = [doc["url"] for rel in d["releases"]
            for part in [rel["tender"]] + rel.get("awards", []) + rel.get("contracts", [])
            for doc in part.get("documents", [])]
    eq(len(urls), len(d["releases"]), "each release documents its notice")
    ok(all(u.startswith("https://www.shanwei.gov.cn/xxgk/shanwei/n/") for u in urls), "links on the site's domain")
    ok(f"{len(d['releases'])} procurement notices" in r.stderr, r.stderr)
    r = s.ctl("export", "ocds", "--site", "shanwei", "--from", "2026-02-30", check=False)
    eq(r.returncode, 2, "a bad date is refused")
    r = s.ctl("export", "ocds", "--site", "nosuch", check=False)
    eq(r.returncode, 1, "unknown site")
    ok(s.ctl("export", "--help").stdout.startswith("usage: xxgkctl export"), "help")
