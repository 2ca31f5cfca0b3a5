"""Changed notices (变更): a change date restarts the notice's 20 working days (7 for licensing and
penalty decisions), and the timeliness report judges the latest change, published on or after it.
Due dates counted by hand from the State Council's 2024 holiday notice (国办发明电〔2023〕7号):
国庆 10-1..10-7 off, Sat 10-12 worked; the day of the change is not counted."""
import csv, io, re

from console import Staff
from harness import eq, import_notices, new_site, ok

FIN = "变更测试市财政局"


def notice(ext, formed, published, **kw):
    return {"external_id": ext, "title": f"变更测试{ext}", "issuer": FIN, "formed_on": formed, "category": "D04.C01",
            "body": "正文", "published_at": published + " 10:00:00", **kw}


def listed(s, site, month, today="2024-12-31"):
    r = s.ctl("report", "timeliness", "--site", site, "--month", month, "--today", today, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    blank = rows.index([])
    total = next(x for x in rows[:blank] if x[0] == "合计")
    return int(total[3]), {x[0]: x for x in rows[blank + 2:]}


def test_change_restarts_the_clock(s):
    site = new_site(s, "lincang", "tlchg", name="变更测试站", org_code="TLCHG")
    ids = import_notices(s, site, [
        # P: formed Mon 9-02, its own due date 9-30; changed Tue 10-08: 10-09 (1) .. 10-11 (3), 10-12 Sat (4),
        #    10-14..10-18 (5-9), 10-21..10-25 (10-14), 10-28..10-31 (15-18), 11-01 (19), 11-04 (20): due 11-04.
        #    Published 10-25 (after the change): on time, judged in November; without the change it would
        #    be September's and late.
        notice("P", "2024-09-02", "2024-10-25", changed_on="2024-10-08"),
        # Q: a penalty decision changed Tue 10-08: 7 working days, 10-09 .. 10-12 Sat (4), 10-14 (5),
        #    10-15 (6), 10-16 (7): due 10-16. Published Fri 10-18: late by 2 (10-17, 10-18).
        notice("Q", "2024-09-02", "2024-10-18", changed_on="2024-10-08", document_kind="penalty"),
        # R: no change: formed 9-02, due 9-30, published 9-27: September, on time.
        notice("R", "2024-09-02", "2024-09-27"),
    ])
    n, sept = listed(s, site, "2024-09")
    eq(n, 1, "September judges only R: the changed notices' clocks restarted")
    n, octo = listed(s, site, "2024-10")
    eq(n, 1, "October: Q (due 10-16)")
    q = octo[str(ids["Q"])]
    # id, index, title, body, domain, category, formed, changed, limit, due, published, status, late by
    eq(q[6:13], ["2024-09-02", "2024-10-08", "7", "2024-10-16", "2024-10-18", "逾期公开", "2"], "Q judged on its change")
    n, nov = listed(s, site, "2024-11")
    eq(n, 1, "November: P (due 11-04)")
    text = s.ctl("report", "timeliness", "--site", site, "--month", "2024-11", "--today", "2024-12-31").stdout
    ok("按时公开 1" in text, text)
    eq(s.sql(f"SELECT DATE_FORMAT(changed_on, '%Y-%m-%d'), document_kind FROM notices WHERE id = {ids['Q']}"),
       [["2024-10-08", "penalty"]], "imported change date and kind")


def test_editor_carries_the_change_date(s):
    site = new_site(s, "lincang", "tlchg", users=("approver",), bodies=(FIN,))
    st = Staff(s, site, "approver")
    fields = {"category": "D04.C01", "title": "编辑器变更测试", "issuer": FIN, "formed_on": "2024-09-02",
              "changed_on": "2024-10-08", "document_kind": "normative", "repealed_on": "", "body": "正文",
              "action": "save"}
    r = st.post("notices", fields)
    eq(r.status, 303, "saved")
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    eq(s.sql(f"SELECT DATE_FORMAT(changed_on, '%Y-%m-%d'), document_kind, repealed_on FROM notices WHERE id = {nid}"),
       [["2024-10-08", "normative", "NULL"]], "stored")
    page = st.get(f"notices/{nid}").text
    ok('name="changed_on" type="date" value="2024-10-08"' in page, "the editor shows the change date")
    ok(re.search(r'<option value="normative" selected', page), "and the document kind")
    # the editor's due date runs from the change (10-08 + 20 working days = 11-04)
    ok("2024-11-04" in page, "due date from the change")
    # a change before the formation is refused, and nothing changes
    r = st.post(f"notices/{nid}", dict(fields, changed_on="2024-08-01"))
    eq(r.status, 400, "change before formation refused")
    ok("变更日期" in r.text, "says which field")
    eq(s.sql(f"SELECT DATE_FORMAT(changed_on, '%Y-%m-%d') FROM notices WHERE id = {nid}"), [["2024-10-08"]], "unchanged")
