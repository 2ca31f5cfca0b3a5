"""The reports in the console: the timeliness report with the reports' navigation, a month
picker and the months before and after (across a year's end), exported as CSV and XLSX; the
compliance report in the console's frame."""
import io, re, zipfile

from console import Staff
from harness import eq, fixture, import_notices, new_site, ok


def make_site(s):
    key = new_site(s, "lincang", "creport", users=("staff",), bodies=("临沧市财政局",))
    import_notices(s, key, [{"external_id": "tl", "title": "时效导出测试公告", "issuer": "临沧市财政局",
                             "category": "D04.C01", "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00",
                             "body": "正文"}])
    return key


def test_timeliness_month_picker_and_navigation(s):
    st = Staff(s, fixture(s, "console_reports.site", make_site), "staff")
    r = st.get("reports/timeliness?month=2026-03")
    eq(r.status, 200, r.text[:300])
    ok('type="month" value="2026-03"' in r.text, "the month picked")
    ok("reports/timeliness?month=2026-02" in r.text and "reports/timeliness?month=2026-04" in r.text, "prev, next")
    ok('aria-label="报告"' in r.text and "reports/compliance" in r.text and "reports/annual" in r.text, "reports nav")
    ok("临沧市财政局" in r.text and "tl-report" in r.text, "the report, by body")
    ok('role="search"' not in r.text, "no public search box")
    jan = st.get("reports/timeliness?month=2026-01").text
    ok("month=2025-12" in jan and "month=2026-02" in jan, "back across the year's end")
    dec = st.get("reports/timeliness?month=2026-12").text
    ok("month=2026-11" in dec and "month=2027-01" in dec, "on across the year's end")
    eq(st.get("reports/timeliness?month=2026-13").status, 400, "a bad month")


def test_timeliness_exports(s):
    st = Staff(s, fixture(s, "console_reports.site", make_site), "staff")
    r = st.get("reports/timeliness?month=2026-03&format=csv")
    eq(r.status, 200, "csv")
    ok(r.header("Content-Type").startswith("text/csv"), r.header("Content-Type"))
    r = st.get("reports/timeliness?month=2026-03&format=xlsx")
    eq(r.status, 200, r.text[:200] if r.status != 200 else "")
    ok("spreadsheetml" in r.header("Content-Type") and "timeliness-2026-03.xlsx" in r.header("Content-Disposition"),
       r.header("Content-Disposition"))
    with zipfile.ZipFile(io.BytesIO(r.body)) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        eq(len([n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n)]), 2, "two sheets")
    ok("时效导出测试公告" in strings and "按时公开" in strings and "临沧市财政局" in strings, "the notice and its status")


def test_compliance_in_the_console_frame(s):
    st = Staff(s, fixture(s, "console_reports.site", make_site), "staff")
    r = st.get("reports/compliance")
    eq(r.status, 200, r.text[:300])
    ok('aria-label="管理功能"' in r.text and 'role="search"' not in r.text, "the console's frame")
    ok('aria-current="page">公开情况自查报告' in r.text, "marked in the reports' navigation")
