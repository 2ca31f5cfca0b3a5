"""The shipped calendar data and the calendar commands, against the migrated database.
Expected dates are counted by hand from the official notices (see tests/unit/test_calendar.c);
a year without a loaded arrangement (2027 here) is counted with the holidays the law fixes, which
are checked against an npm lunar-calendar library (tests/lunar) and the shipped arrangements."""
import datetime, html, json, os, re, subprocess, tempfile

from console import Staff
from harness import TOP, eq, new_site, ok
from test_ysqgk_workflow import PERSON, act, register
from ysqgk_case import refused

CASES = [  # (received, working days, due) counted by hand
    ("2022-09-30", "20", "2022-11-02"),   # court case: National Day, make-up weekend days
    ("2011-06-01", "15", "2011-06-23"),   # court case: 2008 Regulation, Dragon Boat
    ("2023-10-01", "20", "2023-11-01"),   # received on a holiday
    ("2023-10-07", "7", "2023-10-16"),    # received on a make-up Saturday
    ("2024-02-05", "7", "2024-02-20"),    # across Spring Festival with a Sunday make-up day
    ("2020-01-20", "10", "2020-02-11"),   # the extended 2020 Spring Festival
    ("2025-12-25", "20", "2026-01-23"),   # across New Year into the next notice year
    ("2008-01-02", "1", "2008-01-03"),    # 2008 notice: 2007-12-29 (Sat) was a make-up day
    ("2007-12-28", "1", "2007-12-29"),    # ... so the day after Fri 2007-12-28 is that Saturday
]


def test_deadlines_from_shipped_data(s):
    for start, days, due in CASES:
        r = s.ctl("deadline", start, days)
        eq(r.stdout.strip(), due, f"{start} + {days}")


def test_deadline_into_2027_is_provisional(s):
    # 12-21..25, 12-28..31 = 1..9; 2027-01-01 元旦 off by law; 1-4..8, 1-11..15 = 10..19; 1-18 = 20
    eq(s.ctl("deadline", "2026-12-20", "20").stdout.strip(), "2027-01-18 provisional", "provisional")
    eq(s.ctl("deadline", "2026-12-20", "9").stdout.strip(), "2026-12-31", "inside 2026")


def test_deadline_in_a_provisional_year_skips_the_holidays_of_the_law(s):
    # the finding: received Fri 2026-12-04, 12-7..11, 12-14..18, 12-21..25 = 1..15, 12-28..31 = 16..19;
    # New Year's Day is a holiday every year, so Mon 2027-01-04 = 20 (it was 2027-01-01)
    eq(s.ctl("deadline", "2026-12-04", "20").stdout.strip(), "2027-01-04 provisional", "not on 元旦")
    r = s.ctl("deadline", "2026-12-04", "20", "--explain")
    ok("2027-01-01 星期五  元旦，法定假日（依《全国年节及纪念日放假办法》推算，不是已公布的放假安排），不计" in r.stdout,
       r.stdout[-900:])
    ok("依法推算而非取自已公布放假安排的假日：元旦 2027-01-01\n" in r.stdout, r.stdout[-600:])
    ok("调休上班日和补休日未知" in r.stdout, "says what is still unknown")
    ok(r.stdout.strip().endswith("2027-01-04 provisional"), "result last")
    # 春节 2027, 除夕 Fri 2-5 to 初三 Mon 2-8: received Fri 1-29, 2-1..4 = 1..4, 2-9..12 = 5..8,
    # 2-15..19 = 9..13, 2-22..26 = 14..18, 3-1 = 19, 3-2 = 20
    r = s.ctl("deadline", "2027-01-29", "20", "--explain")
    ok("依法推算而非取自已公布放假安排的假日：春节 2027-02-05 至 2027-02-08\n" in r.stdout, r.stdout[-600:])
    ok(r.stdout.strip().endswith("2027-03-02 provisional"), r.stdout[-300:])
    # a published year's count names no day from the law
    ok("依法推算" not in s.ctl("deadline", "2025-12-25", "20", "--explain").stdout, "2026 is published")


def law_days(s, first, last):
    """{date: name} from `xxgkctl calendar law FIRST LAST`."""
    out = s.ctl("calendar", "law", str(first), str(last)).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if not line.startswith("#"))


def test_law_days_match_the_lunar_library(s):
    r = subprocess.run(["node", "lunar_days.mjs", "2027", "2199"], cwd=os.path.join(TOP, "tests", "lunar"),
                       capture_output=True, text=True, timeout=120)
    eq(r.returncode, 0, f"the library ran: {r.stderr[-500:]}")
    want, day = {}, datetime.date.fromisoformat
    for line in r.stdout.splitlines():
        y, eve, _, qingming, dragon_boat, mid_autumn = line.split()
        # the 2024 text, in force from 2025
        days = {f"{y}-01-01": "元旦", qingming: "清明节", f"{y}-05-01": "劳动节", f"{y}-05-02": "劳动节",
                dragon_boat: "端午节", f"{y}-10-01": "国庆节", f"{y}-10-02": "国庆节", f"{y}-10-03": "国庆节"}
        days.update({(day(eve) + datetime.timedelta(days=i)).isoformat(): "春节" for i in range(4)})
        days[mid_autumn] = "国庆节、中秋节" if mid_autumn in days else "中秋节"
        want.update(days)
    eq(len(r.stdout.splitlines()), 2199 - 2027 + 1, "every year 2027-2199 from the library")
    got = law_days(s, 2027, 2199)
    differ = sorted(set(got.items()) ^ set(want.items()))
    ok(not differ, f"{len(differ)} day(s) differ from the library, first: {differ[:6]}")


def test_law_days_are_rest_days_in_the_shipped_arrangements(s):
    off = {row[0] for row in s.sql("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM calendar_days WHERE kind = 'off'")}
    law = law_days(s, 2007, 2026)
    ok(len(law) > 20 * 9, f"the law's days 2007-2026: {len(law)}")
    eq(sorted(d for d in law if d not in off), [], "every holiday of the law is a rest day in the official notice")


def test_deadline_explain_and_pause(s):
    r = s.ctl("deadline", "2022-09-30", "20", "--explain")
    ok("2022-10-01 星期六  国庆节假期，不计" in r.stdout, r.stdout[:400])
    ok("2022-10-08 星期六  调休上班（国庆节），第1个工作日" in r.stdout, "make-up day explained")
    ok(r.stdout.strip().endswith("2022-11-02"), "result last")
    r = s.ctl("deadline", "2023-03-01", "20", "--pause", "2023-03-06:2023-03-10")
    eq(r.stdout.strip(), "2023-04-06", "pause (清明 2023-04-05 off)")
    r = s.ctl("deadline", "2023-02-30", "20", check=False)
    eq(r.returncode, 2, "bad date refused")


def test_calendar_show(s):
    r = s.ctl("calendar", "show", "2024")
    ok("official arrangement loaded" in r.stdout, r.stdout)
    ok("调休上班 2024-02-04（星期日）" in r.stdout and "调休上班 2024-02-18（星期日）" in r.stdout, r.stdout)
    ok("放假 2024-02-10 至 2024-02-17" in r.stdout, r.stdout)
    r = s.ctl("calendar", "show", "2027")
    ok("NOT PUBLISHED" in r.stdout, "2027 not published")
    ok("放假 2027-02-05 至 2027-02-08（法定假日，依《全国年节及纪念日放假办法》推算）" in r.stdout, r.stdout)


def test_filing_into_a_provisional_year_is_not_due_on_a_holiday(s):
    # a paper request received Fri 2026-12-04, registered by staff over HTTP: due Mon 2027-01-04, not 元旦
    st = Staff(s, "lincang", "approver")
    r = st.post("requests/new", dict(PERSON, channel="in-person", received_on="2026-12-04"))
    eq(r.status, 200, f"registered: {r.text[:300]}")
    ok("答复期限：2027-01-04（暂定）" in r.text, "the receipt shows the provisional due date")
    tracking = r.text.split("受理编号 <strong>", 1)[1].split("<", 1)[0]
    eq(s.sql("SELECT DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional FROM requests r "
             f"JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.tracking_no = '{tracking}'"),
       [["2027-01-04", "1"]], "stored due date")


def test_calendar_load_rejects_bad_files(s):
    tmp = tempfile.mkdtemp()
    before = s.sql("SELECT COUNT(*), (SELECT version FROM calendar_state) FROM calendar_days")

    def load(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return s.ctl("calendar", "load", path, check=False)

    r = load("both.csv", "2027-01-01,off,元旦\n2027-01-01,work,元旦\n")
    ok(r.returncode != 0 and "both as a holiday and as a working day" in r.stderr, r.stderr)
    r = load("far.json", json.dumps({"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        {"name": "国庆节", "date": "2028-10-01", "isOffDay": True}]}))
    ok(r.returncode != 0 and "outside the notice year" in r.stderr, r.stderr)
    r = load("bad.csv", "2027-02-30,off,春节\n")
    ok(r.returncode != 0 and "bad.csv:1: 2027-02-30: no such date" in r.stderr, r.stderr)
    r = load("form.csv", "2027-2-3,off,春节\n")
    ok(r.returncode != 0 and "form.csv:1: 2027-2-3: date is not YYYY-MM-DD" in r.stderr, r.stderr)
    r = load("feb30.json", json.dumps({"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True}, {"name": "春节", "date": "2027-02-30", "isOffDay": True}]}))
    ok(r.returncode != 0 and "day 2 (2027-02-30): no such date" in r.stderr, r.stderr)
    for missing in ("nonexist.json", "nonexist.csv"):
        r = s.ctl("calendar", "load", os.path.join(tmp, missing), check=False)
        ok(r.returncode != 0 and f"{missing}: file not found" in r.stderr and "JSON" not in r.stderr, r.stderr)
    eq(s.sql("SELECT COUNT(*), (SELECT version FROM calendar_state) FROM calendar_days"), before, "nothing changed")


def write(name, text):
    path = os.path.join(tempfile.mkdtemp(), name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def unpublish(s, *years):
    """Leaves the database as the other tests expect: years after 2026 not published, and every
    open deadline a load of them moved (other tests' requests too) back where it was."""
    for y in years:
        s.sql(f"DELETE FROM calendar_days WHERE notice_year = {y}; DELETE FROM calendar_years WHERE year = {y}; "
              "UPDATE deadlines d JOIN deadline_changes c ON c.deadline_id = d.id SET d.due_on = c.old_due_on, "
              f"d.provisional = c.old_provisional WHERE c.reason = 'calendar {y} loaded'; "
              f"DELETE FROM deadline_changes WHERE reason = 'calendar {y} loaded'")
    s.sql("DELETE FROM deadlines WHERE subject='test'; UPDATE calendar_state SET version = version + 1")


NEW_YEAR_2027 = "date,kind,name\n2027-01-01,off,元旦\n2027-01-02,off,元旦\n2027-01-03,off,元旦\n"


def test_calendar_load_refuses_part_of_a_year(s):
    state = "SELECT COUNT(*), (SELECT version FROM calendar_state), (SELECT COUNT(*) FROM calendar_years) FROM calendar_days"
    before = s.sql(state)
    try:
        r = s.ctl("calendar", "load", write("2027.csv", NEW_YEAR_2027), check=False)
        eq(r.returncode, 1, "refused")
        ok("covers only part of 2027: 3 day(s) from 2027-01-01 to 2027-01-03 (month(s) 1)." in r.stderr, r.stderr)
        ok("the file lacks 春节 2027-02-05 to 2027-02-08, 清明节 2027-04-05, 劳动节 2027-05-01 to 2027-05-02, "
           "端午节 2027-06-09, 中秋节 2027-09-15, 国庆节 2027-10-01 to 2027-10-03." in r.stderr, r.stderr)
        ok("add --replace-year" in r.stderr, r.stderr)
        # an official-notice file may begin in December of the year before; a 国庆 day given as a working day
        # does not count as a rest day
        days = [{"name": "元旦", "date": d, "isOffDay": True} for d in ("2027-12-30", "2027-12-31", "2028-01-01")]
        days += [{"name": "国庆节", "date": "2028-10-02", "isOffDay": False}]
        r = s.ctl("calendar", "load", write("2028.json", json.dumps({"year": 2028, "papers": [], "days": days})), check=False)
        ok(r.returncode == 1 and "4 day(s) from 2027-12-30 to 2028-10-02 (December of the year before; month(s) 1, 10)"
           in r.stderr and "国庆节 2028-10-01 to 2028-10-02, 国庆节、中秋节 2028-10-03." in r.stderr, r.stderr)
        eq(s.sql(state), before, "nothing changed")
    finally:
        unpublish(s, 2027, 2028)


def test_calendar_load_whole_year(s):
    # a made-up 2027 arrangement: the law's days, 国庆 bridged to 10-7 with Sat 10-9 worked
    days = [{"name": name, "date": d, "isOffDay": True} for d, name in law_days(s, 2027, 2027).items()]
    days += [{"name": "国庆节", "date": f"2027-10-0{d}", "isOffDay": True} for d in range(4, 8)]
    days += [{"name": "国庆节", "date": "2027-10-09", "isOffDay": False}]
    try:
        r = s.ctl("calendar", "load", write("2027.json", json.dumps({"year": 2027, "papers": ["test"], "days": days})))
        ok("calendar 2027 loaded: 18 day(s) changed" in r.stdout, r.stdout)
        eq(s.ctl("deadline", "2026-12-04", "20").stdout.strip(), "2027-01-04", "no longer provisional")
        # received Thu 9-30: 10-1..7 off, Fri 10-8 = 1, Sat 10-9 worked = 2
        eq(s.ctl("deadline", "2027-09-30", "2").stdout.strip(), "2027-10-09", "the arrangement, not the law alone")
    finally:
        unpublish(s, 2027)


def test_calendar_load_2027_recomputes_open_deadlines(s):
    # an open matter whose deadline reaches into 2027 was computed provisionally
    s.sql("INSERT INTO deadlines (subject, subject_id, kind, start_on, days, due_on, provisional, calendar_version) "
          "VALUES ('test', 1, 'reply', '2026-12-20', 20, '2027-01-15', 1, 1)")
    path = write("2027.csv", NEW_YEAR_2027)  # a made-up, partial 2027 arrangement, replacing the year
    try:
        r = s.ctl("calendar", "load", path, "--replace-year")
        ok("--replace-year: a file covering part of the year replaces all of it" in r.stdout, r.stdout)
        ok("added   2027-01-01 off 元旦" in r.stdout, r.stdout)
        ok("open deadline(s) recomputed whose due date or provisional mark changed" in r.stdout, r.stdout)
        # 1-1 is a holiday: 12-21..25 = 1..5, 12-28..31 = 6..9, 1-4..8 = 10..14, 1-11..15 = 15..19, 1-18 = 20
        eq(s.sql("SELECT DATE_FORMAT(due_on,'%Y-%m-%d'), provisional FROM deadlines WHERE subject='test'"),
           [["2027-01-18", "0"]], "recomputed")
        eq(s.sql("SELECT DATE_FORMAT(c.old_due_on,'%Y-%m-%d'), DATE_FORMAT(c.new_due_on,'%Y-%m-%d'), c.reason "
                 "FROM deadline_changes c JOIN deadlines d ON d.id = c.deadline_id WHERE d.subject = 'test'"),
           [["2027-01-15", "2027-01-18", "calendar 2027 loaded"]], "the move is recorded")
        eq(s.ctl("deadline", "2026-12-20", "20").stdout.strip(), "2027-01-18", "no longer provisional")
        ok("no change" in s.ctl("calendar", "load", path, "--replace-year").stdout, "loading again changes nothing")
    finally:
        unpublish(s, 2027)


def test_a_date_the_body_set_and_notified_stays_when_its_year_is_loaded(s):
    """A correction period's end and the later reply date of Art. 35 are dates in the body's letters:
    loading 2027's arrangement (here with Sun 1-31 a make-up working day, which recounted in working
    days would bring both a day earlier) leaves them where the letters put them, and the request
    is not taken as abandoned before the day after it."""
    st = Staff(s, new_site(s, "lincang", "calendar", users=("approver",)), "approver")
    fixed, _ = register(st, "2026-12-03")
    act(st, fixed, "correction", on="2026-12-04", until="2027-02-04", what="所需信息的项目名称")
    later, _ = register(st, "2026-11-20")
    act(st, later, "art35_reasons", on="2026-11-23")
    act(st, later, "art35_later", on="2026-12-04", until="2027-02-04", reasons="申请涉及十二个项目")
    counted, _ = register(st, "2026-12-04")
    act(st, counted, "extend", on="2026-12-04", days="20", reasons="需要调取档案")
    ok("请您于2027年2月4日前" in last_letter_text(s, fixed), "the correction letter's date")
    eq([due(s, fixed, "correction"), due(s, later), due(s, counted)], ["2027-02-04", "2027-02-04", "2027-02-01"],
       "before the load: the dates set, and a counted one (2027 provisional)")
    days = [{"name": name, "date": d, "isOffDay": True} for d, name in law_days(s, 2027, 2027).items()]
    days += [{"name": "春节", "date": "2027-01-31", "isOffDay": False}]
    try:
        s.ctl("calendar", "load", write("2027.json", json.dumps({"year": 2027, "papers": ["test"], "days": days})))
        eq([due(s, fixed, "correction"), due(s, later), due(s, counted)], ["2027-02-04", "2027-02-04", "2027-01-31"],
           "after it: the dates set stay, the counted one moves with the make-up day")
        refused(s, st, fixed, "abandon", 409, "补正期限至2027-02-04")
    finally:
        unpublish(s, 2027)


def due(s, rid, kind="reply"):
    return s.sql(f"SELECT DATE_FORMAT(due_on, '%Y-%m-%d') FROM deadlines WHERE subject = 'request' "
                 f"AND subject_id = {rid} AND kind = '{kind}' ORDER BY id DESC LIMIT 1")[0][0]


def last_letter_text(s, rid):
    return s.sql(f"SELECT body FROM request_letters WHERE request_id = {rid} ORDER BY id DESC LIMIT 1")[0][0]


def test_calendar_load_records_each_move_where_staff_and_the_applicant_look(s):
    """Loading 2027 moves a reply deadline told to the applicant as provisional: the move is a step on
    the request's timeline (console and tracking page), an audit entry and a mail; a reply period
    suspended for a correction follows the load too and is no longer shown as provisional."""
    key = new_site(s, "lincang", "calmoves", users=("approver",))
    st = Staff(s, key, "approver")
    r = st.post("requests/new", dict(PERSON, channel="in-person", received_on="2026-12-04"))
    eq(r.status, 200, f"registered: {r.text[:300]}")
    tracking = r.text.split("受理编号 <strong>", 1)[1].split("<", 1)[0]
    code = re.search(r"查询码\s*(?:<[^>]+>\s*)*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", r.text).group(1)
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking}'")[0][0]
    waiting, _ = register(st, "2026-12-04")
    act(st, waiting, "correction", on="2026-12-04", days="15", what="所需信息的项目名称")
    eq([due(s, rid), due(s, waiting)], ["2027-01-04", "2027-01-04"], "before the load, both provisional")
    ok("暂定：该年度节假日安排尚未公布" in st.get(f"requests/{waiting}").text, "the suspended period is provisional")
    mails = f"SELECT COUNT(*) FROM outbox WHERE request_id = {rid}"
    mails_before = int(s.sql(mails)[0][0])
    # a made-up 2027 arrangement with Mon 1-4 a rest day too: the 20th working day is Tue 1-5
    days = [{"name": name, "date": d, "isOffDay": True} for d, name in law_days(s, 2027, 2027).items()]
    days += [{"name": "元旦", "date": "2027-01-04", "isOffDay": True}]
    try:
        out = s.ctl("calendar", "load", write("2027.json", json.dumps({"year": 2027, "papers": ["test"], "days": days})))
        ok("each recorded on its request's timeline and in the audit log" in out.stdout, out.stdout)
        eq([due(s, rid), due(s, waiting)], ["2027-01-05", "2027-01-05"], "both recomputed")
        said = "国务院办公厅公布了2027年节假日安排，本机关据此重新计算答复期限：由2027年1月4日（暂定）调整为2027年1月5日。"
        eq(s.sql(f"SELECT actor, applicant_note, visible FROM request_events WHERE request_id = {rid} "
                 "AND kind = 'deadline_moved'"), [["xxgkctl", said, "1"]], "a step on the timeline")
        page = st.get(f"requests/{rid}").text
        ok("重新计算期限" in page and "载入2027年节假日安排" in page and "2027年1月5日" in page, "the console shows it")
        public = s.post(f"/xxgk/{key}/ysqgk/query", fields={"tracking_no": tracking, "query_code": code}).text
        ok(said in html.unescape(public), "the tracking page shows it")
        eq(s.sql("SELECT actor, before_json LIKE '%\"due_on\":\"2027-01-04\"%', after_json LIKE '%\"due_on\":\"2027-01-05\"%' "
                 f"FROM audit_log WHERE action = 'request.deadline_recompute' AND subject_id = {rid}"),
           [["xxgkctl", "1", "1"]], "an audit entry")
        eq(int(s.sql(mails)[0][0]), mails_before + 1, "a mail to the applicant")
        body = s.sql(f"SELECT subject, body FROM outbox WHERE request_id = {rid} ORDER BY id DESC LIMIT 1")[0]
        ok("答复期限已重新计算" in body[0] and said in body[1] and "答复期限：2027-01-05" in body[1]
           and "答复期限：2027-01-05（暂定" not in body[1], body)
        eq(s.sql(f"SELECT visible FROM request_events WHERE request_id = {waiting} AND kind = 'deadline_moved'"), [["0"]],
           "the suspended period's move is recorded for staff")
        ok("暂定：该年度节假日安排尚未公布" not in st.get(f"requests/{waiting}").text, "no longer provisional")
    finally:
        unpublish(s, 2027)
