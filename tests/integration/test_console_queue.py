"""The request queue as staff work it for a day: search by tracking number, name or words of the
description; filters by body, status, channel and received and due dates; the same list exported
as CSV and XLSX; several requests given to a body at once, each assignment audited and refused
rows reported. On a site of the module's own."""
import csv, html, io, re, urllib.parse, zipfile

from console import Staff
from harness import eq, fixture, new_site, ok
from test_ysqgk_workflow import act, register

FINANCE, CENTRE = "临沧市财政局", "临沧市公共资源交易中心"


def make_site(s):
    """Three requests registered by the admin: 张三丰's (post, to the finance bureau), 李四's (fax,
    unassigned) and 王五's (in person, to the centre, answered)."""
    key = new_site(s, "lincang", "cqueue", users=("admin", "staff"), bodies=(FINANCE, CENTRE))
    ad = Staff(s, key, "admin")
    reqs = {
        "zhang": register(ad, "2026-11-02", name="张三丰", description="城北安置房项目的招标文件",
                          assigned_body=FINANCE),
        "li": register(ad, "2026-11-20", channel="fax", name="李四", description="2025年度政府采购合同"),
        "wang": register(ad, "2026-10-12", channel="in-person", name="王五", description="土地出让结果公示",
                         assigned_body=CENTRE),
    }
    act(ad, reqs["wang"][0], "answer", on="2026-11-05", outcome="disclosed:")
    return key, reqs


def site(s):
    return fixture(s, "console_queue.site", make_site)


def listed(r):
    """The tracking numbers the queue page lists."""
    eq(r.status, 200, r.text[:300])
    return sorted(re.findall(r'/admin/requests/\d+">([^<]+)</a>', r.text))


def listed_in(text):
    return re.findall(r'/admin/requests/\d+">([^<]+)</a>', text)


def query(path, **filters):
    return path + "?" + urllib.parse.urlencode(filters)


def tracking(s, *who):
    return sorted(site(s)[1][w][1] for w in who)


def test_search_by_name_number_and_words(s):
    key, reqs = site(s)
    ad = Staff(s, key, "admin")
    eq(listed(ad.get(query("requests", q="张三丰"))), tracking(s, "zhang"), "by the applicant's name")
    eq(listed(ad.get(query("requests", q="政府采购"))), tracking(s, "li"), "by words of the description")
    eq(listed(ad.get("requests?q=" + reqs["li"][1])), tracking(s, "li"), "by the tracking number")
    eq(listed(ad.get(query("requests", q="无此申请人"))), [], "nothing matches")
    eq(listed(ad.get(query("requests", q="王五"))), [], "answered requests are not open")
    eq(listed(ad.get(query("requests", q="王五", scope="all"))), tracking(s, "wang"), "all, answered included")
    # what was searched stays in the form
    ok('value="张三丰"' in ad.get(query("requests", q="张三丰")).text, "the words typed are kept")


def test_filters(s):
    key, reqs = site(s)
    ad = Staff(s, key, "admin")
    eq(listed(ad.get(query("requests", body=FINANCE))), tracking(s, "zhang"), "by body")
    eq(listed(ad.get("requests?channel=fax")), tracking(s, "li"), "by channel")
    eq(listed(ad.get("requests?status=answered")), tracking(s, "wang"), "a status asked for, final or not")
    eq(listed(ad.get("requests?scope=all&received_from=2026-11-01&received_to=2026-11-10")), tracking(s, "zhang"),
       "received within the range")
    due_zhang = s.sql(f"SELECT DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r JOIN deadlines d "
                      f"ON d.id = r.reply_deadline_id WHERE r.id = {reqs['zhang'][0]}")[0][0]
    eq(listed(ad.get(f"requests?due_from={due_zhang}&due_to={due_zhang}")), tracking(s, "zhang"), "due on the day")
    for bad in ({"status": "lost"}, {"channel": "pigeon"}, {"received_from": "2026-13-01"}, {"body": "不存在的机关"},
                {"q": "长" * 101}):
        eq(ad.get(query("requests", **bad)).status, 400, bad)
    refused = html.unescape(ad.get(query("requests", q="张三丰", body="不存在的机关")).text)
    ok("办理机构不是本站的机关" in refused, "the refused filter is named")
    ok('value="张三丰"' in refused and listed_in(refused) == [], "what was typed kept, nothing listed")


def test_staff_see_their_bodies_requests_only(s):
    key, reqs = site(s)
    st = Staff(s, key, "staff")
    seen = listed(st.get("requests?scope=all"))
    ok(reqs["zhang"][1] in seen and reqs["wang"][1] in seen, "their bodies' requests")
    ok(reqs["li"][1] not in seen, "not one without a body registered by another")


def test_export_csv_and_xlsx_follow_the_filters(s):
    key, reqs = site(s)
    ad = Staff(s, key, "admin")
    r = ad.get(f"requests.csv?channel=fax")
    eq(r.status, 200, r.text[:200])
    ok(r.header("Content-Type").startswith("text/csv"), r.header("Content-Type"))
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
    eq(rows[0][:2], ["受理编号", "申请人"], "header")
    eq([row[0] for row in rows[1:]], tracking(s, "li"), "the filtered rows")
    eq(rows[1][3], "传真", "the channel's label")
    ok("13800001234" not in r.text and "138****1234" in r.text, "the phone masked")
    r = ad.get("requests.xlsx?scope=all")
    eq(r.status, 200, r.text[:200] if r.status != 200 else "")
    ok("spreadsheetml" in r.header("Content-Type"), r.header("Content-Type"))
    with zipfile.ZipFile(io.BytesIO(r.body)) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    for who in ("zhang", "li", "wang"):
        ok(reqs[who][1] in strings, f"{who}'s request in the workbook")
    eq(ad.get("requests.csv?status=lost").status, 400, "bad filter")


def test_batch_assignment_audited_and_refusals_reported(s):
    key, reqs = site(s)
    office = f"测试站{key}政府信息公开办公室"
    ad = Staff(s, key, "admin")
    a = register(ad, "2026-11-24", name="批量甲", description="批量分配一")
    b = register(ad, "2026-11-24", name="批量乙", description="批量分配二")
    audited = lambda rid: s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                                f"AND action = 'request.assign'")[0][0]
    r = ad.post("requests/assign", [("id", a[0]), ("id", b[0]), ("body", office)])
    eq(r.status, 200, r.text[:300])
    ok("已交由" + office + "办理 2 件" in html.unescape(r.text), "the outcome")
    for rid, _ in (a, b):
        eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [[office]], "assigned")
        eq(audited(rid), "1", "one audit entry each")
    # staff serve the bureau and the centre, not the office: they may not take its requests
    st = Staff(s, key, "staff")
    mine = register(st, "2026-11-25", name="批量丙", description="批量分配三")
    r = st.post("requests/assign", [("id", mine[0]), ("id", a[0]), ("body", CENTRE)])
    eq(r.status, 200, r.text[:300])
    text = html.unescape(r.text)
    ok("办理 1 件，1 件未能分配" in text, re.sub(r"<[^>]+>", " ", text)[:800])
    ok(re.search(re.escape(a[1]) + "：[^<]+", text), "the refused row named with its reason")
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {a[0]}"), [[office]], "the refused row unchanged")
    eq(audited(a[0]), "1", "no entry for the refused row")
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {mine[0]}"), [[CENTRE]], "the registrant's assigned")
    eq(ad.post("requests/assign", [("id", "x"), ("body", CENTRE)]).status, 400, "a bad id")
    eq(ad.post("requests/assign", [("body", CENTRE)]).status, 400, "nothing chosen")


def test_export_marks_a_provisional_due_date(s):
    """The page's 「（暂定）」 for a due date in a year whose holidays are not yet published goes to the
    exports as a last column; the columns before it stay where importers find them."""
    key = new_site(s, "lincang", "cqprov", users=("admin",))
    ad = Staff(s, key, "admin")
    settled = register(ad, "2026-11-02", name="日期确定")[1]
    provisional = register(ad, "2026-12-04", name="日期暂定")[1]
    ok("（暂定）" in ad.get("requests").text, "the page marks it")
    r = ad.get("requests.csv")
    eq(r.status, 200, r.text[:200])
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
    eq(rows[0], ["受理编号", "申请人", "联系电话", "申请方式", "状态", "收到日期", "答复期限", "提醒", "办理机构", "所需信息",
                 "答复期限暂定"], "the columns, the new one last")
    marks = {row[0]: (row[6], row[10]) for row in rows[1:]}
    eq(marks[provisional], ("2027-01-04", "暂定"), "the provisional due date is marked")
    eq(marks[settled][1], "", "a due date in a published year is not")
    with zipfile.ZipFile(io.BytesIO(ad.get("requests.xlsx").body)) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    ok("答复期限暂定" in strings and ">暂定<" in strings, "the workbook too")


def test_ical_feed_address_is_absolute_and_events_stamped_when_revised(s):
    """A calendar program subscribes to an absolute address; each event's DTSTAMP is when its due date
    was set or last moved (RFC 5545 3.8.7.2), in UTC, not the due date, and its SEQUENCE grows with
    each move so that a subscribed calendar takes the new date."""
    key = new_site(s, "lincang", "cqical", users=("admin",))
    ad = Staff(s, key, "admin")
    rid, tracking = register(ad, "2026-11-20")
    r = ad.post("ical", {})
    eq(r.status, 200, r.text[:300])
    url = html.unescape(re.search(r'id="ical-url"[^>]*value="([^"]+)"', r.text).group(1))
    ok(re.match(rf"https?://[^/]+/xxgk/{key}/admin/requests\.ics\?token=[0-9a-f]{{64}}$", url), url)

    def event():
        text = s.get(url[url.index("/xxgk/"):]).text
        ok(tracking in text, text[:400])
        return dict(line.split(":", 1) for line in text.split("BEGIN:VEVENT\r\n", 1)[1].split("\r\nEND:VEVENT")[0]
                    .split("\r\n") if ":" in line)

    first = event()
    set_at = s.sql("SELECT DATE_FORMAT(CONVERT_TZ(d.created_at, @@session.time_zone, '+00:00'), '%Y%m%dT%H%i%sZ') "
                   f"FROM requests r JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = {rid}")[0][0]
    eq((first["DTSTAMP"], first["SEQUENCE"]), (set_at, "0"), "stamped when the due date was set")
    ok(not first["DTSTAMP"].startswith(first["DTSTART;VALUE=DATE"]), "not the due date")
    act(ad, rid, "extend", on="2026-12-04", days="20", reasons="需要调取档案")
    moved = event()
    ok(moved["DTSTART;VALUE=DATE"] != first["DTSTART;VALUE=DATE"], "the due date moved")
    ok(int(moved["SEQUENCE"]) > 0 and moved["DTSTAMP"] >= first["DTSTAMP"], moved)
