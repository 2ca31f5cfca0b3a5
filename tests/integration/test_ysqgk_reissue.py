"""A lost query code reissued by staff after an identity check, over real HTTP: the new code is
shown once on a printable slip, the old one stops working at once, and who did it, what proof
was checked and why are in the audit log (and the request's timeline) with the new hash, in one
transaction. Those who may not see the applicant's identity cannot, and a form without the
check changes nothing. On a site of the module's own."""
import re

from console import Staff
from harness import eq, fixture, new_site, ok
from test_ysqgk import person, post_form, receipt_values

CODE = re.compile(r'新查询码：<strong class="code">([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})<')


def site(s):
    return fixture(s, "reissue.site", lambda s: new_site(s, "lincang", "reissue", users=("approver", "staff"),
                                                         bodies=("临沧市财政局",)))


def filed(s):
    b = f"/xxgk/{site(s)}/"
    tracking, code = receipt_values(post_form(s, person(), site_base=b).text)
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking}'")[0][0]
    return rid, tracking, code


def tracks(s, tracking, code):
    r = s.post(f"/xxgk/{site(s)}/ysqgk/query", fields={"tracking_no": tracking, "query_code": code})
    return r.status == 200 and f"申请 {tracking} 的办理情况" in r.text


FIELDS = {"checked": "居民身份证原件，与申请记录中的姓名和证件号码一致", "confirm": "yes",
          "reason": "申请人到受理窗口称查询码遗失，当面核验身份后重新发放"}


def test_reissue_voids_the_old_code_and_shows_the_new_one_once(s):
    rid, tracking, old = filed(s)
    ap = Staff(s, site(s), "approver")
    before = s.sql(f"SELECT query_hash FROM requests WHERE id = {rid}")[0][0]
    r = ap.post(f"requests/{rid}/query-code", FIELDS)
    eq(r.status, 200, f"reissued: {r.text[:300]}")
    eq(r.header("Cache-Control"), "no-store", "the slip is kept by no cache")
    m = CODE.search(r.text)
    ok(m and tracking in r.text, "the slip shows the number and the new code")
    new = m.group(1)
    ok(new != old and "原查询码" in r.text and "作废" in r.text, "a new code; the old one is said to be void")
    ok(not tracks(s, tracking, old), "the old code no longer opens the request")
    ok(tracks(s, tracking, new), "the new one does")
    ok(s.sql(f"SELECT query_hash FROM requests WHERE id = {rid}")[0][0] != before, "only its hash is stored")
    audit = s.sql(f"SELECT actor, action, note, after_json FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                  f"AND action = 'request.code_reissue'")
    eq(len(audit), 1, "one audit entry")
    actor, action, note, after = audit[0]
    eq((actor, note), ("approver", FIELDS["reason"]), "who and why")
    ok(FIELDS["checked"] in after and tracking in after, f"what was checked: {after}")
    ok(new not in after and new.replace("-", "") not in after, "never the code itself")
    ev = s.sql(f"SELECT actor, visible, note FROM request_events WHERE request_id = {rid} AND kind = 'code_reissued'")
    ok(len(ev) == 1 and ev[0][:2] == ["approver", "0"] and FIELDS["checked"] in ev[0][2], f"on the staff's timeline: {ev}")
    # shown once: the request's page afterwards does not show it
    ok(new not in ap.get(f"requests/{rid}").text, "the code is on no other page")


def test_no_check_or_no_right_changes_nothing(s):
    rid, tracking, old = filed(s)
    ap = Staff(s, site(s), "approver")
    for missing in ("checked", "confirm", "reason"):
        fields = {k: v for k, v in FIELDS.items() if k != missing}
        r = ap.post(f"requests/{rid}/query-code", fields)
        eq(r.status, 400, f"without {missing}")
        ok("原查询码仍然有效" in r.text, "says nothing changed")
    r = ap.post(f"requests/{rid}/query-code", dict(FIELDS, confirm="no"))
    eq(r.status, 400, "the check not confirmed")
    # staff who do not handle it (an unassigned request, filed online): not theirs to reissue
    r = Staff(s, site(s), "staff").post(f"requests/{rid}/query-code", FIELDS)
    eq(r.status, 403, "not the user's request")
    eq(ap.post("requests/999999999/query-code", FIELDS).status, 404, "no such request")
    ok(tracks(s, tracking, old), "the old code still works")
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject_id = {rid} AND action = 'request.code_reissue'"), [["0"]],
       "nothing audited")
