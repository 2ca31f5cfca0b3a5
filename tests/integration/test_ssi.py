"""Nothing typed or stored becomes an SSI directive (issue 19, item 1), on the demo's Lincang site,
whose pages nginx and Apache scan for the CMS's header and footer: an SSI directive typed into
the search box, into a request form that comes back with its errors, or stored in a notice's
title comes back as the text it was, and the server (each, each_front_end) runs only the
layout's own includes."""
import glob, json, os, shutil, tempfile, time

from harness import each_front_end, eq, ok
from hostile import BASE, SITE, input_value, meta_content, query, ssi_ran

HEADER = "临沧市人民政府门户网站"  # the CMS header's text (cms-integration/embed/demo-cms-header.html)
ECHO = '<!--#echo var="remote_addr" -->'
INCLUDE = '<!--#include virtual="/cms/lincang-header.html" -->'
DATE = '<!--#echo var="DATE_LOCAL" -->'


def only_the_layouts_includes_ran(r, what):
    eq(r.text.count(HEADER), 1, f"{what}: the CMS header once, from the layout's include")
    ok(not ssi_ran(r), f"{what}: no directive of the input ran")
    ok("<!--#" not in r.text, f"{what}: no directive left for a server to run")


@each_front_end
def test_ssi_typed_into_the_search_box_stays_text(s):
    for term in [ECHO, INCLUDE + "' onmouseover='alert(1)", DATE + "x"]:
        r = s.get(BASE + "search?" + query({"q": term}))
        eq(r.status, 200, f"search for {term}")
        eq(input_value(r.text, "search-q"), term, "the search box holds the term as typed")
        eq(input_value(r.text, "q"), term, "so does the header's search box")
        only_the_layouts_includes_ran(r, term)


@each_front_end
def test_ssi_in_a_request_form_shown_again_stays_text(s):
    r = s.get(BASE + "ysqgk/")
    token = r.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    time.sleep(1.2)  # the test stack's minimum fill time (harness.py)
    fields = {"form_token": token, "applicant_type": "person", "name": ECHO, "doc_number": INCLUDE}
    r = s.post(BASE + "ysqgk/", body=query(fields), headers={"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 400, "the form comes back with its errors")
    eq(input_value(r.text, "f-name"), ECHO, "the name as typed")
    eq(input_value(r.text, "f-doc_number"), INCLUDE, "the document name as typed")
    only_the_layouts_includes_ran(r, "the form")


@each_front_end
def test_ssi_in_a_stored_notice_title_stays_text(s):
    title = f"临沧市某项目公告{INCLUDE}{DATE}"
    issuer = f"临沧市财政局{ECHO}"
    ext = f"ssi-title-{time.time_ns()}"
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "ssi.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"site": SITE, "notices": [{"external_id": ext,
                                                 "title": title, "issuer": issuer, "formed_on": "2026-03-02",
                                                 "category": "D01.C02", "body": DATE, "items": {}}]},
                      f, ensure_ascii=False)
        s.ctl("import", path, "--publish-incomplete")  # no items: published as given
    finally:
        shutil.rmtree(tmp)
    nid = s.sql(f"SELECT id FROM notices WHERE external_id = '{ext}'")[0][0]
    for attempt in ("rendered", "stored copy"):
        r = s.get(f"{BASE}n/{nid}")
        eq(r.status, 200, f"the notice page ({attempt})")
        eq(meta_content(r.text, "ArticleTitle"), title, f"{attempt}: the title in <meta content> as stored")
        eq(meta_content(r.text, "ContentSource"), issuer, f"{attempt}: the issuer as stored")
        only_the_layouts_includes_ran(r, attempt)
    for page in ["c/D01.C02", "c/D01", "", "fragment/D01.C02.html", "feed.atom", "c/D01.C02/feed.atom"]:
        r = s.get(BASE + page)
        eq(r.status, 200, page or "home")
        ok("临沧市某项目公告" in r.text, f"{page or 'home'}: the notice is listed")
        ok(not ssi_ran(r) and "<!--#" not in r.text, f"{page or 'home'}: no directive ran or is left")


def test_layout_writes_includes_apache_and_nginx_both_read(s):
    eq(s.get(BASE + "c/D02").status, 200, "a column page, stored for nginx")
    copies = glob.glob(os.path.join(s.var, "copies", SITE, "current", "SSI-GET", "c", "D02.html"))
    ok(copies, "the stored copy with its includes")
    with open(copies[0], encoding="utf-8") as f:
        page = f.read()
    ok('<!--#include virtual="/cms/lincang-header.html" -->' in page, "the header's include, no space after #")
    ok('<!--#include virtual="/cms/lincang-footer.html" -->' in page, "the footer's include")
    eq(page.count("<!--#"), 2, "no other directive")
