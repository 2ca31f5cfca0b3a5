"""The per-request fee method's count (《政府信息公开信息处理费管理办法》): an applicant's requests
to one body in one calendar month, in the order of their receipt dates — not per site, not in the
order of registration — renumbered when a receipt date is corrected and when a request goes to
another body; and the fee notice charging by that count."""
import itertools

from console import Staff
from harness import eq, fixture, new_site, ok
from test_ysqgk import resident_id
from ysqgk_case import act, refused, register

A, B = "浙江省财政局", "浙江省自然资源局"


def site(s):
    """A Zhejiang-variant site of the module's own, with its approver and staff."""
    return fixture(s, "fees.site",
                   lambda s: new_site(s, "zhejiang", "fees", users=("approver", "staff"), bodies=(A, B)))


_people = itertools.count(1)


def applicant():
    """A new person each time, with a count of their own. (Drawn at random from a thousand, two
    tests now and then shared a person, and one's February requests entered the other's count.)"""
    n = next(_people)
    return {"id_number": resident_id(f"33010619800101{n:03d}"), "name": f"计费测试{n}"}


def seqs(s, rids):
    return [int(s.sql(f"SELECT month_seq FROM requests WHERE id = {r}")[0][0]) for r in rids]


def test_count_follows_receipt_dates_not_registration(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    late = register(st, "2025-05-20", assigned_body=A, **who)[0]
    later = register(st, "2025-05-26", assigned_body=A, **who)[0]
    early = register(st, "2025-05-06", assigned_body=A, **who)[0]  # registered last, received first
    eq(seqs(s, [early, late, later]), [1, 2, 3], "numbered by receipt date")
    other_month = register(st, "2025-06-02", assigned_body=A, **who)[0]
    eq(seqs(s, [other_month]), [1], "a new calendar month starts again")


def test_each_body_counts_apart(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    a = [register(st, f"2025-04-{d:02d}", assigned_body=A, **who)[0] for d in (1, 2, 3, 7, 8, 9)]
    b = [register(st, f"2025-04-{d:02d}", assigned_body=B, **who)[0] for d in (10, 11, 14, 15, 16)]
    eq(seqs(s, a), [1, 2, 3, 4, 5, 6], "the first body's")
    eq(seqs(s, b), [1, 2, 3, 4, 5], "the second body's")
    # 11 requests in the month, but to two bodies: none is the 11th to a body, so nothing is charged
    refused(s, st, b[-1], "fee_notice", 409, "2025年4月向本机关提出的申请未超过10件", on="2025-04-16", fee_method="per-request")


def test_a_corrected_receipt_date_renumbers_both_months(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    first = register(st, "2025-03-03", assigned_body=A, **who)[0]
    second = register(st, "2025-03-10", assigned_body=A, **who)[0]
    third = register(st, "2025-03-17", assigned_body=A, **who)[0]
    april = register(st, "2025-04-07", assigned_body=A, **who)[0]
    act(st, first, "redate", received_on="2025-04-01", note="登记时误录")
    eq(seqs(s, [second, third]), [1, 2], "March without it")
    eq(seqs(s, [first, april]), [1, 2], "April with it, by receipt date")
    eq(s.sql(f"SELECT DATE_FORMAT(received_on, '%Y-%m-%d') FROM requests WHERE id = {first}"), [["2025-04-01"]], "moved")
    # the reply clock runs from the right date: 2025-04-01 + 20 working days (清明 4-4 off)
    eq(s.sql(f"SELECT DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r JOIN deadlines d ON d.id = r.reply_deadline_id "
             f"WHERE r.id = {first}"), [[s.ctl("deadline", "2025-04-01", "20").stdout.split()[0]]], "reply due")
    audit = s.sql(f"SELECT note FROM audit_log WHERE subject = 'request' AND subject_id = {first} AND action = 'request.redate'")
    ok(audit and "2025-03-03" in audit[0][0] and "2025-04-01" in audit[0][0], f"audited: {audit}")


def test_a_receipt_date_is_corrected_only_before_the_first_step(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-03-03", assigned_body=A, **applicant())[0]
    act(st, rid, "accept", on="2025-03-05")
    refused(s, st, rid, "redate", 409, "收到申请之日不能晚于第一个办理步骤的日期（2025-03-05）", received_on="2025-03-06")
    staff = Staff(s, site(s), "staff")
    r = staff.post(f"requests/{rid}", {"action": "redate", "received_on": "2025-03-04"})
    eq(r.status, 403, "staff may not correct a receipt date")


def test_assignment_to_another_body_renumbers(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    a1 = register(st, "2025-02-03", assigned_body=A, **who)[0]
    a2 = register(st, "2025-02-04", assigned_body=A, **who)[0]
    b1 = register(st, "2025-02-05", assigned_body=B, **who)[0]
    act(st, a1, "assign", body=B)
    eq(seqs(s, [a2]), [1], "the first body's count without it")
    eq(seqs(s, [a1, b1]), [1, 2], "the other body's with it, by receipt date")


def test_the_eleventh_request_to_a_body_is_charged(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    rids = [register(st, f"2025-09-{d:02d}", assigned_body=A, **who)[0] for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15)]
    first = register(st, "2025-09-01", assigned_body=A, **who)[0]  # received on the 1st, registered last: 2nd
    eq(seqs(s, [rids[0], first, rids[-1]]), [1, 2, 12], "by receipt date, ties by registration")
    refused(s, st, first, "fee_notice", 409, "未超过10件", on="2025-09-16", fee_method="per-request")
    act(st, rids[-1], "fee_notice", on="2025-09-16", fee_method="per-request")
    eq(s.sql(f"SELECT fee_amount FROM requests WHERE id = {rids[-1]}"), [["100"]], "the 12th: 100 yuan")


def january(st, who, n=12):
    """n requests of who to body A received in January 2025, in receipt-date order (the 11th on
    the 16th, the 12th on the 17th); the 11th's and 12th's fees are notified on 2025-02-05."""
    days = (2, 3, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17)[:n]
    return [register(st, f"2025-01-{d:02d}", assigned_body=A, **who)[0] for d in days]


def fee(s, rid):
    return s.sql(f"SELECT fee_state, COALESCE(fee_amount, ''), COALESCE(DATE_FORMAT(fee_pay_by, '%Y-%m-%d'), '') "
                 f"FROM requests WHERE id = {rid}")[0]


def pause(s, rid):
    """The reply clock's pauses, from/to."""
    return [r[0] for r in s.sql(f"SELECT CONCAT(DATE_FORMAT(p.from_on, '%Y-%m-%d'), '/', DATE_FORMAT(p.to_on, '%Y-%m-%d')) "
                                f"FROM deadline_pauses p JOIN requests r ON r.reply_deadline_id = p.deadline_id "
                                f"WHERE r.id = {rid} ORDER BY p.from_on")]


def withdrawn(s, st, rid, on):
    """The fee notice on rid was withdrawn on on: nothing to pay, the pause ended that day, the
    applicant told, the audit log holding it."""
    eq(fee(s, rid), ["none", "", ""], f"{rid}: no fee notice stands")
    eq(pause(s, rid), [f"2025-02-05/{on}"], f"{rid}: the fee pause ends on the day it was withdrawn")
    told = s.sql(f"SELECT on_date, visible, applicant_note FROM request_events WHERE request_id = {rid} "
                 f"AND kind = 'fee_withdrawn'")
    eq([r[:2] for r in told], [[on, "1"]], f"{rid}: one step on the timeline, shown to the applicant")
    ok("2025年2月5日发出的信息处理费缴纳通知（100元）予以撤回" in told[0][2] and "无需缴纳" in told[0][2],
       f"{rid}: the applicant is told: {told[0][2]}")
    audit = s.sql(f"SELECT before_json, after_json FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                  f"AND action = 'request.fee_withdrawn'")
    ok(len(audit) == 1 and "notified" in audit[0][0] and "none" in audit[0][1], f"{rid}: audited: {audit}")
    refused(s, st, rid, "fee_paid", 409, "没有待缴的费用", on=on)


def test_a_fee_notice_falls_when_its_request_is_redated_or_reassigned(s):
    st = Staff(s, site(s), "approver")
    rids = january(st, applicant())
    eleventh, twelfth = rids[10], rids[11]
    for rid in (eleventh, twelfth):
        act(st, rid, "fee_notice", on="2025-02-05", fee_method="per-request")
        eq(fee(s, rid)[:2], ["notified", "100"], "the 11th and the 12th: 100 yuan")
    # received in February after all: the first of that month, free
    act(st, twelfth, "redate", on="2025-02-10", received_on="2025-02-01", note="登记时误录")
    eq(seqs(s, [twelfth]), [1], "the first in February")
    withdrawn(s, st, twelfth, "2025-02-10")
    # handled by another body: its first that month, free
    act(st, eleventh, "assign", on="2025-02-11", body=B)
    eq(seqs(s, [eleventh]), [1], "the first to the other body")
    withdrawn(s, st, eleventh, "2025-02-11")
    refused(s, st, eleventh, "fee_notice", 409, "未超过10件", on="2025-02-12", fee_method="per-request")


def test_a_fee_notice_falls_when_another_request_leaves_the_count(s):
    st = Staff(s, site(s), "approver")
    rids = january(st, applicant())
    eleventh, twelfth = rids[10], rids[11]
    for rid in (eleventh, twelfth):
        act(st, rid, "fee_notice", on="2025-02-05", fee_method="per-request")
    act(st, rids[0], "redate", on="2025-02-10", received_on="2025-02-03")
    eq(seqs(s, [eleventh, twelfth]), [10, 11], "the first left January")
    withdrawn(s, st, eleventh, "2025-02-10")
    eq(fee(s, twelfth)[:2], ["notified", "100"], "now the 11th: still 100 yuan, its notice stands")
    eq(pause(s, twelfth)[0].split("/")[0], "2025-02-05", "and its pause")
    act(st, rids[1], "assign", on="2025-02-11", body=B)
    eq(seqs(s, [twelfth]), [10], "another went to the other body")
    withdrawn(s, st, twelfth, "2025-02-11")


def test_the_fee_letter_names_the_month_of_receipt(s):
    st = Staff(s, site(s), "approver")
    who = applicant()
    january(st, who, 10)
    last = register(st, "2025-01-31", assigned_body=A, **who)[0]
    ok("按件计收（该申请人2025年1月向本机关提出的第11件）" in st.get(f"requests/{last}").text, "the form names it too")
    act(st, last, "fee_notice", on="2025-02-05", fee_method="per-request")
    text = s.sql(f"SELECT body FROM request_letters WHERE request_id = {last} AND kind = 'fee'")[0][0]
    ok("按件计收的方式（2025年1月您向本机关提出的第11件申请）" in text and "本月" not in text,
       f"the month of receipt, not the letter's: {text[:400]}")


def test_by_volume_is_not_for_reading_on_site(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-08-04", assigned_body=A, form="paper", delivery="onsite", **applicant())[0]
    refused(s, st, rid, "fee_notice", 409, "当场阅读", on="2025-08-11", fee_method="by-volume", pages="300")
    posted = register(st, "2025-08-04", assigned_body=A, form="paper", delivery="post", **applicant())[0]
    act(st, posted, "fee_notice", on="2025-08-11", fee_method="by-volume", pages="300")
    eq(fee(s, posted)[:2], ["notified", "6700"], "by post: 300 pages charged")
