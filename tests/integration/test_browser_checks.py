"""Every public page type against the checkers: the Nu HTML Checker (vnu.jar from npm, run with
Debian's Java 17) finds no error in the bytes the server sends, and in headless Chromium no page
is wider than the viewport at 390 px and at 1366 px, axe-core finds no violation, no label is cut
inside a word (tests/browser/public_checks.mjs, which also files a request as it comes, uses
the larger text, and saves screenshots of a notice in build/screenshots/). The pages: home,
domain and category columns (a second page too), a notice with items, long values and
attachments, search results and a refused search, the catalog, the request form (empty and with
errors), the receipt, tracking (form, result, wrong code), the site index and the error pages.
On a site of the module's own."""
import json, os, subprocess

from harness import TOP, eq, fixture, import_notices, new_site, ok
from test_browser import run_scenario
from test_ysqgk import PDF, multipart, person, post_form, receipt_values, resident_id

VNU = os.path.join(TOP, "tests", "browser", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
LONG_VALUE = "项目编号LC-GGZY-2026-000123456789，网址https://www.lincang.gov.cn/ggzy/2026/zbgg/000123456789.html"


def made(s):
    key = new_site(s, "lincang", "checks", domain="www.checks-test.gov.cn")
    s.ctl("site", "set", key, "--id-code", "5309000099")
    folder = os.path.join(s.var, "checks-files")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "中标通知书.pdf"), "wb") as f:
        f.write(PDF)
    items = {"D04.C05.I01": "采购人：临沧市第二人民医院，地址：临沧市临翔区南塘街88号，电话：0883-2123456",
             "D04.C05.I02": LONG_VALUE,
             "D04.C05.I05": "主要标的：彩色多普勒超声诊断仪（型号：LC-9000），数量：2台，单价：人民币128.5万元",
             "D04.C05.I06": "张三（临沧市人民医院，主任医师）、李四（云南大学，教授）"}
    notices = [{"external_id": f"c{i}", "title": f"临沧市第二人民医院医疗设备采购项目第{i}包中标结果公告",
                "issuer": "临沧市财政局", "formed_on": "2026-04-01", "published_at": f"2026-04-{2 + i % 20:02d} 09:{i:02d}:00",
                "category": "D04.C05", "body": "现将中标结果公告如下，具体事项见下表。\n公告期限为一个工作日。", "items": items,
                "attachments": ["checks-files/中标通知书.pdf"] if i == 10 else []} for i in range(22)]
    ids = import_notices(s, key, notices)
    return key, ids["c10"]


def site(s):
    return fixture(s, "checks.site", made)


def pages(s):
    key, nid = site(s)
    b = f"/xxgk/{key}/"
    return [("home", b), ("domain column", b + "c/D04"), ("category column", b + "c/D04.C05"),
            ("column, second page", b + "c/D04.C05?before=" + second_page_cursor(s, b)),
            ("notice", f"{b}n/{nid}"), ("search", b + "search?q=%E4%B8%AD%E6%A0%87"),
            ("refused search", b + "search?q=" + "%E4%B8%AD" * 101), ("catalog", b + "catalog"),
            ("request form", b + "ysqgk/"), ("tracking form", b + "ysqgk/query"), ("site index", "/xxgk/"),
            ("404 page", b + "n/999999999"), ("400 page", b + "c/D04?before=nonsense"),
            ("unknown site", "/xxgk/no-such-site/")]


def second_page_cursor(s, b):
    import re
    m = re.search(r'rel="next" href="[^"]*\?before=([^"]+)"', s.get(b + "c/D04.C05").text)
    ok(m, "the category has a second page")
    return m.group(1)


def test_the_nu_html_checker_finds_no_error_on_any_page_type(s):
    ok(os.path.exists(VNU), f"vnu.jar is installed by make test-deps ({VNU})")
    key, nid = site(s)
    b = f"/xxgk/{key}/"
    folder = os.path.join(s.var, "vnu")
    os.makedirs(folder, exist_ok=True)
    answers = [(label, s.get(path)) for label, path in pages(s)]
    filed = post_form(s, person(), files=[("attachments", "身份证明.pdf", "application/pdf", PDF)], site_base=b)
    tracking, code = receipt_values(filed.text)
    answers += [("receipt", filed), ("request form with errors", post_form(s, {"applicant_type": "person"}, site_base=b)),
                ("tracking result", s.post(b + "ysqgk/query", fields={"tracking_no": tracking, "query_code": code})),
                ("tracking, wrong code", s.post(b + "ysqgk/query", fields={"tracking_no": tracking, "query_code": "2222-3333-4444"}))]
    files = {}
    for i, (label, r) in enumerate(answers):
        ok(r.status in (200, 400, 404), f"{label}: {r.status}")
        path = os.path.join(folder, f"page{i}.html")
        with open(path, "wb") as f:
            f.write(r.body)
        files[path] = label
    out = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", *files], capture_output=True,
                         text=True, timeout=300)
    messages = json.loads(out.stderr or out.stdout or '{"messages": []}')["messages"]
    eq([f"{files.get(m.get('url', '').replace('file:', ''), m.get('url'))}: {m.get('message')} "
        f"({m.get('extract', '').strip()[:80]})" for m in messages], [], f"Nu HTML Checker errors on {len(files)} pages")


def test_every_page_type_fits_both_widths_and_passes_axe_in_chromium(s):
    key, nid = site(s)
    applicant = person(id_number=resident_id("53090219880512123"))
    for width in (390, 1366):  # made again by this run
        shot = os.path.join(TOP, "build", "screenshots", f"notice-{width}.png")
        if os.path.exists(shot):
            os.unlink(shot)
    run_scenario(s, "public_checks", key, made={
        "pages": pages(s), "notice": f"/xxgk/{key}/n/{nid}", "form": f"/xxgk/{key}/ysqgk/", "person": applicant})
    for width in (390, 1366):
        shot = os.path.join(TOP, "build", "screenshots", f"notice-{width}.png")
        ok(os.path.getsize(shot) > 10000, f"the notice's screenshot at {width} px: {shot}")
