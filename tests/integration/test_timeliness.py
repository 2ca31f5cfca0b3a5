"""Timeliness: `xxgkctl report timeliness` on notices imported through `xxgkctl import`, formed and
published around the 2024 mid-autumn and National Day holidays. Every due date and every
"late by" figure below was counted by hand on a paper calendar from the State Council's 2024
notice (国办发明电〔2023〕7号): 中秋 9-15..9-17 off with Sat 9-14 worked; 国庆 10-1..10-7 off with
Sun 9-29 and Sat 10-12 worked. The day of formation is not counted (day 1 is the next working
day). The report takes the notices whose due date falls in the month."""
import csv, io, re

from harness import eq, fixture, import_notices, new_site, ok

FIN, LAND, HOUSING = "测试市财政局", "测试市自然资源局", "测试市住房和城乡建设局"


def n(ext, issuer, category, formed, published=None, **kw):
    d = {"external_id": ext, "title": f"时效测试{ext}", "issuer": issuer, "formed_on": formed, "category": category,
         "body": "正文"}
    if published:
        d["published_at"] = published + " 10:00:00"
    else:
        d["status"] = "draft"
    d.update(kw)
    return d


NOTICES = [
    # A: formed Fri 9-27; 20 working days: 9-29 Sun make-up (1), 9-30 (2), 10-1..10-7 off, 10-8 (3),
    #    10-9 (4), 10-10 (5), 10-11 (6), 10-12 Sat make-up (7), 10-14..10-18 (8-12), 10-21..10-25 (13-17),
    #    10-28 (18), 10-29 (19), 10-30 (20): due Wed 2024-10-30. Published 10-25: on time.
    n("A", FIN, "D04.C01", "2024-09-27", "2024-10-25"),
    # B: the same due date 10-30, published Mon 11-04: 10-31 (1), 11-1 (2), 11-4 (3): late by 3.
    n("B", FIN, "D04.C01", "2024-09-27", "2024-11-04"),
    # C: a licensing decision in a general category, 7 working days from Fri 9-27: 9-29 (1), 9-30 (2),
    #    10-8 (3), 10-9 (4), 10-10 (5), 10-11 (6), 10-12 Sat (7): due 2024-10-12. Published Tue 10-15:
    #    10-14 (1), 10-15 (2): late by 2.
    n("C", LAND, "D03.C01", "2024-09-27", "2024-10-15", decision_kind="licensing-penalty"),
    # D: a draft formed Fri 9-27, due 10-30 (as A). On Tue 11-05 it is overdue by 10-31, 11-1, 11-4, 11-5 = 4.
    n("D", FIN, "D04.C01", "2024-09-27"),
    # E: 审批结果信息 (the catalog sets limit-days 7 on it), formed Tue 10-8: 10-9 (1), 10-10 (2), 10-11 (3),
    #    10-12 Sat (4), 10-14 (5), 10-15 (6), 10-16 (7): due 10-16. Published 10-16, the due date: on time.
    n("E", LAND, "D03.C03", "2024-10-08", "2024-10-16"),
    # F: formed Tue 9-10: 9-11 (1), 9-12 (2), 9-13 (3), 9-14 Sat make-up (4), 9-15..9-17 off,
    #    9-18..9-20 (5-7), 9-23..9-27 (8-12), 9-29 Sun (13), 9-30 (14), 10-8..10-11 (15-18), 10-12 Sat (19),
    #    10-14 Mon (20): due 10-14. Published Sat 10-19: 10-15, 10-16, 10-17, 10-18: late by 4.
    n("F", LAND, "D02.C01", "2024-09-10", "2024-10-19"),
    # Z: formed Fri 8-30: 9-2..9-6 (1-5), 9-9..9-13 (6-10), 9-14 Sat (11), 9-18..9-20 (12-14),
    #    9-23..9-27 (15-19), 9-29 Sun (20): due 2024-09-29, a September notice. Published 9-20: on time.
    n("Z", LAND, "D02.C01", "2024-08-30", "2024-09-20"),
    # L: formed Mon 9-2: 9-3..9-6 (1-4), 9-9..9-13 (5-9), 9-14 Sat (10), 9-18..9-20 (11-13), 9-23..9-27
    #    (14-18), 9-29 Sun (19), 9-30 Mon (20): due 9-30. Published Thu 10-3, inside the National Day
    #    holiday: late, but by 0 working days (10-1, 10-2, 10-3 are all off).
    n("L", LAND, "D02.C01", "2024-09-02", "2024-10-03"),
    # G: a draft formed Mon 9-30: 10-8..10-11 (1-4), 10-12 Sat (5), 10-14..10-18 (6-10), 10-21..10-25 (11-15),
    #    10-28..10-31 (16-19), 11-1 (20): due Fri 2024-11-01. On Thu 10-31: 1 working day left (due soon).
    n("G", HOUSING, "D01.C03", "2024-09-30"),
    # H: a draft formed Fri 10-11: 10-12 Sat (1), 10-14..10-18 (2-6), 10-21..10-25 (7-11), 10-28..10-31
    #    (12-15), 11-1 (16), 11-4..11-7 (17-20): due Thu 11-07. On 10-31: 11-1, 11-4, 11-5, 11-6, 11-7 = 5 left.
    n("H", HOUSING, "D01.C03", "2024-10-11"),
    # J: a draft formed on the make-up Saturday 10-12: 10-14..10-18 (1-5), 10-21..10-25 (6-10),
    #    10-28..10-31 (11-14), 11-1 (15), 11-4..11-8 (16-20): due Fri 11-08. On 10-31: 6 left, not yet due soon.
    n("J", HOUSING, "D01.C03", "2024-10-12"),
    # K: a draft formed Fri 2027-12-17, into 2028 whose holidays are not published (weekends and the
    #    law's holidays; 元旦 2028-01-01 is a Saturday):
    #    12-20..12-24 (1-5), 12-27..12-31 (6-10), 2028-01-03..01-07 (11-15), 01-10..01-14 (16-20):
    #    due Fri 2028-01-14, provisional.
    n("K", HOUSING, "D01.C03", "2027-12-17"),
]

COUNT_HEADER = ["分组", "代码", "名称", "应公开", "按时公开", "逾期公开", "逾期工作日合计", "最多逾期工作日", "即将到期",
                "逾期未公开", "未到期", "应公开日期暂定"]
LIST_HEADER = ["编号", "索引号", "标题", "发布机构", "领域", "信息类别", "成文日期", "变更日期", "公开时限（工作日）", "应公开日期", "发布日期",
               "状态", "逾期工作日", "剩余工作日", "应公开日期暂定"]


def make_site(s):
    """The module's own site with the notices above: (its key, {external id: notice id})."""
    site = new_site(s, "lincang", "tl", name="时效测试站", org_code="TLTEST")
    return site, import_notices(s, site, NOTICES)


def site(s):
    return fixture(s, "timeliness", make_site)[0]


def ids(s):
    return fixture(s, "timeliness", make_site)[1]


def report(s, month, today, fmt):
    r = s.ctl("report", "timeliness", "--site", site(s), "--month", month, "--today", today, "--format", fmt)
    eq(r.returncode, 0, "exit code")
    return r.stdout


def parse_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    blank = rows.index([])
    counts, listed = rows[:blank], rows[blank + 1:]
    eq(counts[0], COUNT_HEADER, "counts header")
    eq(listed[0], LIST_HEADER, "list header")
    by = {(r[0], r[2]): [int(x) for x in r[3:]] for r in counts[1:]}
    return by, {r[0]: r for r in listed[1:]}


def test_october_counts_per_body_and_domain_csv(s):
    by, listed = parse_csv(report(s, "2024-10", "2024-11-05", "csv"))
    # total, on time, late, late days, max late, due soon, overdue, pending, provisional
    eq(by[("合计", "全部")], [6, 2, 3, 9, 4, 0, 1, 0, 0], "totals: A E on time; B 3, C 2, F 4 late; D overdue")
    eq(by[("发布机构", FIN)], [3, 1, 1, 3, 3, 0, 1, 0, 0], "财政局: A, B, D")
    eq(by[("发布机构", LAND)], [3, 1, 2, 6, 4, 0, 0, 0, 0], "自然资源局: C, E, F (Z is September's)")
    eq(by[("领域", "政府采购")], [3, 1, 1, 3, 3, 0, 1, 0, 0], "D04: A, B, D")
    eq(by[("领域", "矿业权出让")], [2, 1, 1, 2, 2, 0, 0, 0, 0], "D03: C, E")
    eq(by[("领域", "国有土地使用权")], [1, 0, 1, 4, 4, 0, 0, 0, 0], "D02: F")
    eq(len(by), 6, f"no other groups: {sorted(by)}")
    i = ids(s)
    eq(sorted(listed), sorted([i["B"], i["C"], i["D"], i["F"]]), "the late and overdue notices, nothing else")
    # id, index, title, body, domain, category, formed, changed, limit, due, published, status, late by, left, provisional
    b, c, d, f = listed[i["B"]], listed[i["C"]], listed[i["D"]], listed[i["F"]]
    eq(b[6:], ["2024-09-27", "", "20", "2024-10-30", "2024-11-04", "逾期公开", "3", "", ""], "B")
    eq(c[6:], ["2024-09-27", "", "7", "2024-10-12", "2024-10-15", "逾期公开", "2", "", ""], "C: licensing decision, 7 days")
    eq(d[6:], ["2024-09-27", "", "20", "2024-10-30", "", "逾期未公开", "4", "", ""], "D: draft, overdue")
    eq(f[6:], ["2024-09-10", "", "20", "2024-10-14", "2024-10-19", "逾期公开", "4", "", ""], "F")
    eq(b[2], "时效测试B", "title")
    eq(b[3], FIN, "body")
    eq(b[4], "政府采购", "domain")
    eq(c[5], "矿业权出让 › 出让公告公示信息", "category path in the variant's wording")
    ok(b[1].startswith("TLTEST/2024-"), f"索引号 {b[1]}")
    eq(d[1], "", "a draft has no 索引号")


def test_september_and_november(s):
    by, listed = parse_csv(report(s, "2024-09", "2024-11-05", "csv"))
    eq(by[("合计", "全部")], [2, 1, 1, 0, 0, 0, 0, 0, 0], "September: Z on time, L late by 0")
    i = ids(s)
    eq(sorted(listed), [i["L"]], "L listed")
    eq(listed[i["L"]][9:], ["2024-09-30", "2024-10-03", "逾期公开", "0", "", ""], "L")
    text = report(s, "2024-09", "2024-11-05", "text")
    ok(f"编号 {i['L']}  逾期公开 在应公开日期后的休息日发布（不足1个工作日）" in text, text)
    # November judged on Thu 10-31: G due 11-01 (1 left) and H due 11-07 (5 left) are due soon;
    # J due 11-08 (6 left) is not yet.
    by, listed = parse_csv(report(s, "2024-11", "2024-10-31", "csv"))
    eq(by[("合计", "全部")], [3, 0, 0, 0, 0, 2, 0, 1, 0], "November")
    eq(sorted(listed), sorted([i["G"], i["H"]]), "due-soon notices listed")
    eq(listed[i["G"]][9:], ["2024-11-01", "", "即将到期", "", "1", ""], "G")
    eq(listed[i["H"]][9:], ["2024-11-07", "", "即将到期", "", "5", ""], "H")


def test_provisional_year(s):
    by, listed = parse_csv(report(s, "2028-01", "2027-12-20", "csv"))
    eq(by[("合计", "全部")], [1, 0, 0, 0, 0, 0, 0, 1, 1], "K: pending, provisional")
    # once overdue it is listed with its provisional due date
    by, listed = parse_csv(report(s, "2028-01", "2028-01-17", "csv"))
    k = listed[ids(s)["K"]]
    # overdue on Mon 2028-01-17 by one working day (01-17)
    eq(k[9:], ["2028-01-14", "", "逾期未公开", "1", "", "是"], "K")
    text = report(s, "2028-01", "2028-01-17", "text")
    ok("应公开 2028-01-14（暂定）" in text and "应公开日期暂定 1" in text, text)


def test_text_report(s):
    text = report(s, "2024-10", "2024-11-05", "text")
    i = ids(s)
    ok(f"主动公开时效报告：时效测试站（{site(s)}），2024年10月" in text, text)
    ok("合计  应公开 6  按时公开 2  逾期公开 3（逾期工作日合计 9，最多 4）  即将到期 0  逾期未公开 1  未到期 0\n" in text, text)
    ok(f"  {FIN}  应公开 3  按时公开 1  逾期公开 1（逾期工作日合计 3，最多 3）  即将到期 0  逾期未公开 1" in text, text)
    ok("  D02 国有土地使用权  应公开 1  按时公开 0  逾期公开 1（逾期工作日合计 4，最多 4）" in text, text)
    ok(re.search(rf"编号 {i['B']}  逾期公开 3个工作日  成文 2024-09-27  时限 20个工作日  应公开 2024-10-30  发布 2024-11-04", text), text)
    ok(re.search(rf"编号 {i['C']}  逾期公开 2个工作日  成文 2024-09-27  时限 7个工作日  应公开 2024-10-12  发布 2024-10-15", text), text)
    ok(re.search(rf"编号 {i['D']}  逾期未公开 已逾期4个工作日  成文 2024-09-27  时限 20个工作日  应公开 2024-10-30  {FIN}", text), text)
    ok(f"编号 {i['A']} " not in text and f"编号 {i['E']} " not in text, "on-time notices are not listed")


def test_html_report(s):
    html = report(s, "2024-10", "2024-11-05", "html")
    i = ids(s)
    ok(html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html, html[:200])
    ok("<title>主动公开时效报告（2024年10月）" in html, "title")
    eq(html.count("<caption"), 3, "three tables, each with a caption")
    ok('<th scope="col">逾期公开</th>' in html and '<th scope="row">合计</th>' in html, "header cells with scope")
    ok('style="' not in html and not re.search(r"<script(?![^>]* src=)", html), "no inline style or script")

    def row(ext):
        m = re.search(rf'<tr class="tl-([a-z-]+)" data-notice="{i[ext]}">(.*?)</tr>', html, re.S)
        ok(m, f"row of {ext}")
        return m.group(1), re.sub(r"<[^>]+>", "", m.group(2))

    status, cells = row("B")
    eq(status, "late", "B")
    ok("逾期公开，逾期3个工作日" in cells and "2024-10-30" in cells and "2024-11-04" in cells, cells)
    status, cells = row("C")
    ok(status == "late" and "逾期公开，逾期2个工作日" in cells and "7个工作日（许可、处罚决定）" in cells, cells)
    status, cells = row("D")
    ok(status == "overdue" and "逾期未公开，已逾期4个工作日" in cells and "未发布" in cells and "（草稿）" in cells, cells)
    status, cells = row("F")
    ok(status == "late" and "逾期4个工作日" in cells, cells)
    ok(f'data-notice="{i["A"]}"' not in html and f'data-notice="{i["E"]}"' not in html, "on-time notices not listed")
    # the body table: 财政局's row
    m = re.search(rf"<tr><th scope=\"row\">{FIN}</th>(.*?)</tr>", html)
    ok(m, "body row")
    eq(re.findall(r"<td class=\"num\">(\d+)</td>", m.group(1)), ["3", "1", "1", "3", "3", "0", "1", "0"], "财政局 counts")


def test_command_errors(s):
    r = s.ctl("report", "--help")
    ok(r.stdout.startswith("usage: xxgkctl report") and "timeliness --site SITE --month YYYY-MM" in r.stdout, r.stdout)
    for args in (["--month", "2024-13"], ["--month", "2024-1"], [], ["--month", "2024-10", "--format", "pdf"],
                 ["--month", "2024-10", "--today", "yesterday"]):
        r = s.ctl("report", "timeliness", "--site", "lincang", *args, check=False)
        eq(r.returncode, 2, f"{args}: {r.stderr}")
    eq(s.ctl("report", "timeliness", "--site", "nosuch", "--month", "2024-10", check=False).returncode, 2, "site")
    eq(s.ctl("report", "nosuch", check=False).returncode, 2, "unknown subcommand")
    # a demo site's current month renders in every format
    for fmt in ("text", "csv", "html"):
        eq(s.ctl("report", "timeliness", "--site", "lincang", "--month", "2026-03", "--format", fmt).returncode, 0, fmt)
