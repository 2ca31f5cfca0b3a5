"""Art. 35 (requests clearly beyond a reasonable number or frequency): the applicant asked for
reasons (a letter, with a date to answer by); then either a reasonable later reply date set (with
a letter; the reply deadline is that working day) or the request not processed (不予处理 4,
its letter naming when reasons were asked for)."""
from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import act, due, letters, refused, register


def site(s):
    """A Lincang-variant site of the module's own, with its approver and staff."""
    return fixture(s, "art35.site",
                   lambda s: new_site(s, "lincang", "art35", users=("approver", "staff"), bodies=("临沧市财政局",)))


def test_reasons_then_a_later_reply_date(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-07-01", assigned_body="临沧市财政局")[0]  # due 7-29
    act(st, rid, "art35_reasons", on="2025-07-03", until="2025-07-15")
    eq(letters(s, rid)[-1][1], "art35-reasons", "the letter asking for reasons")
    refused(s, st, rid, "art35_reasons", 409, "已于2025-07-03要求申请人说明理由", on="2025-07-04")
    refused(s, st, rid, "art35_later", 400, "应晚于现在的答复期限（2025-07-29）", on="2025-07-16", until="2025-07-29",
            reasons="申请涉及十二个项目")
    refused(s, st, rid, "art35_later", 400, "工作日", on="2025-07-16", until="2025-08-30", reasons="申请涉及十二个项目")
    staff = Staff(s, site(s), "staff")
    r = staff.post(f"requests/{rid}", {"action": "art35_later", "on": "2025-07-16", "until": "2025-09-01",
                                       "reasons": "申请涉及十二个项目"})
    eq(r.status, 403, "an approver sets the later date")
    act(st, rid, "art35_later", on="2025-07-16", until="2025-09-01", reasons="申请涉及十二个项目")
    eq(due(s, rid), "2025-09-01", "the reply is due on the date set")
    eq(letters(s, rid)[-1][1], "art35-later", "the letter with the later date")
    shown = s.sql(f"SELECT applicant_note FROM request_events WHERE request_id = {rid} AND kind = 'art35_later'")[0][0]
    ok("确定延迟答复的期限至2025年9月1日" in shown, "the applicant is told")
    refused(s, st, rid, "art35_later", 409, "已经确定过", on="2025-07-17", until="2025-09-02", reasons="再次")
    act(st, rid, "answer", on="2025-08-20", outcome="disclosed:")


def test_unreasonable_reasons_not_processed(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-07-01", assigned_body="临沧市财政局")[0]
    act(st, rid, "art35_reasons", on="2025-07-03")
    act(st, rid, "answer", on="2025-07-21", outcome="not-processed:4")
    eq(s.sql(f"SELECT status, outcome, reason_code FROM requests WHERE id = {rid}"),
       [["answered", "not-processed", "4"]], "不予处理 4 in the annual report")
    body = s.sql(f"SELECT body FROM request_letters WHERE request_id = {rid} ORDER BY id DESC LIMIT 1")[0][0]
    ok("本机关已于2025年7月3日要求您说明申请的理由" in body and "第三十五条" in body, "the letter says when and why")
