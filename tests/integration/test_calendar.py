"""The shipped calendar data and the calendar commands, against the migrated database.
Expected dates are counted by hand from the official notices (see tests/unit/test_calendar.c)."""
import json, os, tempfile

from harness import eq, ok

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
    eq(s.ctl("deadline", "2026-12-20", "20").stdout.strip(), "2027-01-15 provisional", "provisional")
    eq(s.ctl("deadline", "2026-12-20", "9").stdout.strip(), "2026-12-31", "inside 2026")


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
    ok("NOT PUBLISHED" in s.ctl("calendar", "show", "2027").stdout, "2027 not published")


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
    ok(r.returncode != 0 and "bad.csv:1" in r.stderr, r.stderr)
    eq(s.sql("SELECT COUNT(*), (SELECT version FROM calendar_state) FROM calendar_days"), before, "nothing changed")


def test_calendar_load_2027_recomputes_open_deadlines(s):
    # an open matter whose deadline reaches into 2027 was computed provisionally
    s.sql("INSERT INTO deadlines (subject, subject_id, kind, start_on, days, due_on, provisional, calendar_version) "
          "VALUES ('test', 1, 'reply', '2026-12-20', 20, '2027-01-15', 1, 1)")
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "2027.csv")
    with open(path, "w", encoding="utf-8") as f:  # a made-up 2027 arrangement for the test
        f.write("date,kind,name\n2027-01-01,off,元旦\n2027-01-02,off,元旦\n2027-01-03,off,元旦\n")
    try:
        r = s.ctl("calendar", "load", path)
        ok("added   2027-01-01 off 元旦" in r.stdout, r.stdout)
        ok("open deadline(s) recomputed and moved" in r.stdout, r.stdout)
        # 1-1 is now a holiday: 12-21..25 = 1..5, 12-28..31 = 6..9, 1-4..8 = 10..14, 1-11..15 = 15..19, 1-18 = 20
        eq(s.sql("SELECT DATE_FORMAT(due_on,'%Y-%m-%d'), provisional FROM deadlines WHERE subject='test'"),
           [["2027-01-18", "0"]], "recomputed")
        eq(s.sql("SELECT DATE_FORMAT(c.old_due_on,'%Y-%m-%d'), DATE_FORMAT(c.new_due_on,'%Y-%m-%d'), c.reason "
                 "FROM deadline_changes c JOIN deadlines d ON d.id = c.deadline_id WHERE d.subject = 'test'"),
           [["2027-01-15", "2027-01-18", "calendar 2027 loaded"]], "the move is recorded")
        eq(s.ctl("deadline", "2026-12-20", "20").stdout.strip(), "2027-01-18", "no longer provisional")
        ok("no change" in s.ctl("calendar", "load", path).stdout, "loading again changes nothing")
    finally:
        # Leave the database as the other tests expect: 2027 unpublished again, and every open
        # deadline the load moved (other tests' requests too) back where it was.
        s.sql("DELETE FROM calendar_days WHERE notice_year = 2027; DELETE FROM calendar_years WHERE year = 2027; "
              "UPDATE deadlines d JOIN deadline_changes c ON c.deadline_id = d.id SET d.due_on = c.old_due_on, "
              "d.provisional = c.old_provisional WHERE c.reason = 'calendar 2027 loaded'; "
              "DELETE FROM deadline_changes WHERE reason = 'calendar 2027 loaded'; "
              "DELETE FROM deadlines WHERE subject='test'; UPDATE calendar_state SET version = version + 1")
