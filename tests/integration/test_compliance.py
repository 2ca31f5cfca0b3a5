"""The compliance report per body and period (issue 22, item 4): for a seeded month on a Shanwei
site of the module's own, the report names the required categories with nothing published, the
notices lacking items, the late and overdue notices and the pushes not delivered, through
`xxgkctl report compliance` (text, CSV, HTML, XLSX) and the staff page; the dashboard shows the
gaps first."""
import csv, datetime, io, os, re, subprocess, urllib.parse

from console import Staff
from harness import BIN, eq, fixture, free_port, import_notices, new_site, ok

FIN, CENTRE = "汕尾市财政局", "汕尾市公共资源交易中心"


def n(ext, issuer, category, formed, published=None, items=None):
    d = {"external_id": ext, "title": f"自查{ext}", "issuer": issuer, "formed_on": formed, "category": category,
         "body": "正文"}
    if published:
        d["published_at"] = published + " 10:00:00"
    else:
        d["status"] = "draft"
    if items:
        d["items"] = items
    return d


NOTICES = [
    # on time, but none of its five required items
    n("tender", FIN, "D01.C03", "2026-11-02", "2026-11-05"),
    # formed 2026-10-12: due 2026-11-09 (20 working days), published 9 working days late
    n("award", CENTRE, "D01.C05", "2026-10-12", "2026-11-20"),
    # formed 2026-10-15, never published: due 2026-11-12, overdue on 2026-11-30
    n("land", CENTRE, "D03.C02", "2026-10-15"),
    # complete and on time
    n("trade", CENTRE, "D04.C02", "2026-11-09", "2026-11-10",
      items={"D04.C02.I01": "人民币100万元", "D04.C02.I02": "人民币120万元"}),
]


def make_site(s):
    """The site, an endpoint at a port where nothing listens, the notices, one failed delivery run."""
    site = new_site(s, "shanwei", "compliance", users=("admin",))
    s.ctl("push", "endpoint", "add", "--site", site, "--name", "市平台", "--channel", "市公共资源交易公共服务平台",
          "--url", f"http://127.0.0.1:{free_port()}/down")
    ids = import_notices(s, site, NOTICES)
    s.ctl("push", "deliver")
    return site, ids


def site(s):
    return fixture(s, "compliance", make_site)[0]


def ids(s):
    return fixture(s, "compliance", make_site)[1]


def report(s, *args, fmt="csv", period="2026-11"):
    return s.ctl("report", "compliance", "--site", site(s), "--period", period, "--today", "2026-11-30",
                 "--format", fmt, *args).stdout


def sections(text):
    """The CSV's sections (separated by an empty line): title -> rows."""
    out, title = {}, None
    for row in csv.reader(io.StringIO(text)):
        if not row:
            title = None
        elif title is None:
            title = row[0]
            out[title] = []
        else:
            out[title].append(row)
    return out


def test_a_seeded_month_names_the_empty_categories_and_the_late_notices(s):
    sec = sections(report(s))
    summary = next(rows for t, rows in sec.items() if t.startswith(f"测试站{site(s)}"))
    totals = dict(zip(*summary))
    eq({k: totals[k] for k in ("应公开类别", "无信息类别", "发布信息", "缺少内容项", "逾期公开", "逾期未公开")},
       {"应公开类别": "24", "无信息类别": "21", "发布信息": "3", "缺少内容项": "1", "逾期公开": "1", "逾期未公开": "1"},
       "the totals")
    cats = {r[0]: r for r in sec["应公开类别（无信息的在前）"][1:]}
    eq(len(cats), 24, "every category without sub-categories of the Shanwei catalog")
    empty = sorted(code for code, r in cats.items() if r[6] == "本期无信息")
    ok("D01.C01" in empty and "D05.C03" in empty and "D03.C02" in empty, f"empty categories named: {empty}")
    for code in ("D01.C03", "D01.C05", "D04.C02"):
        ok(code not in empty, f"{code} had a notice in the month")
    eq(cats["D01.C05"][2:5], ["1", "0", "1"], "the late notice's category: published, incomplete, late")
    inc = sec["缺少必填内容项的信息"][1:]
    eq([r[0] for r in inc], [str(ids(s)["tender"])], "the notice lacking items")
    ok(inc[0][6].count("、") == 4, f"its five missing items: {inc[0][6]}")
    late = {r[0]: r for r in sec["逾期公开和逾期未公开的信息（按应公开日期所在月份）"][1:]}
    eq(sorted(late), sorted([str(ids(s)["award"]), str(ids(s)["land"])]), "the late and the overdue notice")
    eq(late[str(ids(s)["award"])][6:9], ["2026-11-09", "2026-11-20", "逾期9个工作日公开"], "late by 9 working days")
    ok(late[str(ids(s)["land"])][8].startswith("逾期未公开"), "overdue")


def test_text_html_xlsx_and_a_body(s):
    text = report(s, fmt="text")
    ok("本期无信息的应公开类别：" in text and "D01.C01 " in text and "自查award" in text, text[:800])
    html = report(s, fmt="html")
    ok('<li data-category="D01.C01">' in html and f'data-notice="{ids(s)["award"]}"' in html, "HTML names both")
    xlsx = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "report",
                           "compliance", "--site", site(s), "--period", "2026-Q4", "--format", "xlsx"],
                          capture_output=True, check=True).stdout
    ok(xlsx.startswith(b"PK\x03\x04") and b"xl/worksheets/sheet5.xml" in xlsx, "an XLSX workbook of five sheets")
    body = sections(report(s, "--body", FIN))
    cats = body["应公开类别（无信息的在前）"][1:]
    eq([r[0] for r in cats], ["D01.C03"], "a body answers for the categories it publishes in")
    eq(body["逾期公开和逾期未公开的信息（按应公开日期所在月份）"][1:], [], "none of the late ones is the bureau's")


def test_pushes_not_delivered_are_listed(s):
    # the pushes are of changes made today (the import): this year's report has them
    sec = sections(report(s, period=str(datetime.date.today().year)))
    waiting = sec["未送达交易平台的推送"][1:]
    eq(sorted(r[0] for r in waiting), sorted(str(ids(s)[k]) for k in ("tender", "award", "trade")),
       "the published notices' pushes to a platform that is down")
    ok(all(r[3] == "市平台" and int(r[6]) >= 1 for r in waiting), f"the endpoint, tried: {waiting}")


def test_staff_page_and_dashboard(s):
    st = Staff(s, site(s), "admin")
    r = st.get("reports/compliance?period=2026-11")
    eq(r.status, 200, "the page")
    ok("公开情况自查报告（2026年11月）" in r.text and '<li data-category="D01.C01">' in r.text, "its gaps")
    eq(st.get("reports/compliance?period=2026-13").status, 400, "a bad period")
    x = st.get("reports/compliance?period=2026-H2&format=xlsx")
    eq((x.status, x.header("Content-Type"), x.body[:2]),
       (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"), "XLSX")
    c = st.get(f"reports/compliance?period=2026&format=csv&body={urllib.parse.quote(CENTRE)}")
    ok(c.header("Content-Type").startswith("text/csv") and "D01.C05" in c.text, "CSV of a body")
    dash = st.get("").text
    ok(dash.index("待补齐") < dash.index("近12个月"), "the gaps come first on the dashboard")
    ok(re.search(r'<li data-category="D01\.C01"><a href="[^"]*notices/new\?category=D01\.C01">', dash),
       "an empty category, linked to a new notice in it")
    ok(re.search(r"<strong>3次</strong>推送尚未送达", dash), "the pushes not delivered")
