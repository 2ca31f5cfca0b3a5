"""Third parties (Art. 32, 34): the consultation letter from its template, the third party's
receipt recorded and its 15 working days counted from it, the reply period paused from the
letter's sending to the answer or to the end of those 15 days, and the Art. 32 decision to
disclose over an objection with its written notice to the third party. Deadlines are checked
against xxgkctl deadline (the calendar module's own command) and counted by hand (2025)."""
from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import act, ctl_due, due, letters, refused, register

BODY = "汕尾市财政局"


def make_site(s):
    key = new_site(s, "shanwei", "third-party", users=("approver", "staff"), bodies=(BODY,))
    s.ctl("body", "set", BODY, "--site", key, "--review-body", "汕尾市人民政府", "--court", "汕尾市城区人民法院")
    return key


def site(s):
    """A Shanwei-variant site of the module's own; its staff serve BODY, whose review body is the
    city's government."""
    return fixture(s, "third-party.site", make_site)


def consulted(st, received="2025-06-03", sent="2025-06-10"):
    rid = register(st, received, assigned_body=BODY)[0]
    act(st, rid, "consult", on=sent, third_party="汕尾某建设工程有限公司")
    return rid


def test_fifteen_days_run_from_the_third_partys_receipt(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    eq(letters(s, rid)[-1][1:], ["consultation", "third-party"], "the consultation letter, to the third party")
    eq(due(s, rid, "consultation"), "2025-07-01", "until the receipt is known: from the sending")
    act(st, rid, "consult_received", on="2025-06-16")
    # 6-17..20 = 1..4, 6-23..27 = 5..9, 6-30 = 10, 7-1..4 = 11..14, 7-7 = 15
    eq(due(s, rid, "consultation"), "2025-07-07", "15 working days from the receipt")
    # the reply period (20 working days from 6-03) does not run from the sending to 7-07:
    # 6-4..6 = 1..3, 6-9 = 4, then 7-8..11 = 5..8, 7-14..18 = 9..13, 7-21..25 = 14..18, 7-28..29 = 19..20
    eq(due(s, rid), "2025-07-29", "paused from the sending to the end of the third party's days")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-07-07"), "as xxgkctl deadline counts it")
    refused(s, st, rid, "consult_received", 409, "已登记第三方于2025-06-16收到", on="2025-06-17")


def test_an_answer_ends_the_pause_that_day(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    act(st, rid, "consult_received", on="2025-06-12")
    act(st, rid, "consult_end", on="2025-06-20", answer="objected")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-06-20"), "paused from the sending to the answer")
    eq(due(s, rid), "2025-07-14", "by hand: 6-4..6, 6-9, then 6-23..27, 6-30, 7-1..4, 7-7..11, 7-14")
    eq(s.sql(f"SELECT status, third_party_answer FROM requests WHERE id = {rid}"), [["registered", "objected"]],
       "back where it was, with the objection")


def test_no_answer_in_time_ends_it_at_the_fifteenth_day(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    act(st, rid, "consult_received", on="2025-06-16")
    act(st, rid, "consult_end", on="2025-07-09", answer="none")
    eq(due(s, rid), "2025-07-29", "the pause ended with the third party's days (7-07), not when it was recorded")


def test_disclosure_in_the_public_interest_tells_the_third_party(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    act(st, rid, "consult_received", on="2025-06-12")
    act(st, rid, "consult_end", on="2025-06-20", answer="objected")
    staff = Staff(s, site(s), "staff")  # serves 汕尾市财政局, but the decision is an approver's
    r = staff.post(f"requests/{rid}", {"action": "public_interest", "on": "2025-06-23", "reasons": "涉及公共利益"})
    eq(r.status, 403, "an approver decides")
    refused(s, st, rid, "public_interest", 400, "（请填写理由）", on="2025-06-23")
    act(st, rid, "public_interest", on="2025-06-23", reasons="该项目涉及公共资金的使用，不公开可能对公共利益造成重大影响")
    lid, kind, to = letters(s, rid)[-1]
    eq([kind, to], ["public-interest", "third-party"], "the written notice to the third party")
    body, name = s.sql(f"SELECT body, to_name FROM request_letters WHERE id = {lid}")[0]
    eq(name, "汕尾某建设工程有限公司", "addressed to it")
    ok("决定公开的政府信息为" in body and "决定公开的理由是：该项目涉及公共资金的使用" in body, "what and why")
    ok("六十日内向汕尾市人民政府申请行政复议" in body, "with its remedies")
    audit = s.sql(f"SELECT note FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                  f"AND action = 'request.public_interest'")
    ok(audit and "汕尾某建设工程有限公司" in audit[0][0], "audited, naming the third party")
    act(st, rid, "answer", on="2025-06-30", outcome="disclosed:")
