"""Art. 44: an answer that gave information (to repeated requests, or at an applicant's
suggestion) becomes a draft notice for proactive disclosure from the request's page — in the
column chosen from the site's catalog, issued by the body that answered, with the reply's
documents — linked both ways and audited; once, and only from such an answer."""
import re

from console import Staff
from harness import eq, fixture, new_site, ok
from test_ysqgk import PDF, multipart
from ysqgk_case import act, register

BODY = "临沧市财政局"


def site(s):
    """A Lincang-variant site of the module's own, with its approver and staff."""
    return fixture(s, "proactive.site",
                   lambda s: new_site(s, "lincang", "proactive", users=("approver", "staff"), bodies=(BODY,)))


def answer_with_document(s, st, rid):
    fields = {"action": "answer", "on": "2025-07-10", "outcome": "disclosed:", "csrf": st.csrf()}
    body, ctype = multipart(fields, [("file", "中标结果.pdf", "application/pdf", PDF)])
    r = s.request("POST", f"/xxgk/{site(s)}/admin/requests/{rid}", body=body,
                  headers={**st.headers(), "Content-Type": ctype})
    eq(r.status, 303, f"answered with a document: {r.text[:300]}")


def columns(st, rid):
    page = st.get(f"requests/{rid}").text
    select = re.search(r'<select id="pa-category" name="category">(.*?)</select>', page, re.S)
    ok(select, "the form to make it a notice")
    return re.findall(r'<option value="([^"]+)">', select.group(1))


def test_an_answer_becomes_a_draft_notice_linked_both_ways(s):
    st = Staff(s, site(s), "staff")  # serves 临沧市财政局
    ap = Staff(s, site(s), "approver")
    rid, tracking = register(ap, "2025-07-01", assigned_body=BODY)
    answer_with_document(s, st, rid)
    code = columns(st, rid)[0]
    r = st.post(f"requests/{rid}/notice", {"category": code, "title": "某项目中标结果（依申请公开转主动公开）",
                                           "basis": "repeated"})
    eq(r.status, 303, r.text[:300])
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    notice = s.sql(f"SELECT status, category_code, issuer, issuer_body_id IS NOT NULL, attachment_count, "
                   f"DATE_FORMAT(formed_on, '%Y-%m-%d') FROM notices WHERE id = {nid}")[0]
    eq(notice, ["draft", code, BODY, "1", "1", "2025-07-10"], "a draft in the column, by the body, with the document")
    eq(s.sql(f"SELECT filename FROM attachments WHERE notice_id = {nid}"), [["中标结果.pdf"]], "the reply's document")
    eq(s.sql(f"SELECT notice_id FROM requests WHERE id = {rid}"), [[nid]], "the request points at it")
    ok(f"notices/{nid}" in st.get(f"requests/{rid}").text, "the request's page links to the notice")
    ok(f"requests/{rid}" in st.get(f"notices/{nid}").text and tracking in st.get(f"notices/{nid}").text,
       "the notice's editor links back to the request")
    audit = s.sql(f"SELECT action, subject, subject_id FROM audit_log WHERE (subject = 'notice' AND subject_id = {nid}) "
                  f"OR (subject = 'request' AND subject_id = {rid} AND action = 'request.to_notice') ORDER BY id")
    eq([a[0] for a in audit], ["notice.create", "request.to_notice"], "audited on both")
    ok("第四十四条" in s.sql(f"SELECT body FROM notices WHERE id = {nid}")[0][0], "the notice says why")
    count = s.sql("SELECT COUNT(*) FROM notices")
    r = st.post(f"requests/{rid}/notice", {"category": code, "title": "再来一次", "basis": "repeated"})
    eq(r.status, 409, "once")
    ok("已经转为主动公开" in r.text, "says so")
    eq(s.sql("SELECT COUNT(*) FROM notices"), count, "no second notice")


def test_only_an_answer_that_gave_information(s):
    ap = Staff(s, site(s), "approver")
    rid, _ = register(ap, "2025-07-01", assigned_body=BODY)
    ok('id="pa-category"' not in ap.get(f"requests/{rid}").text, "no form before the answer")
    act(ap, rid, "answer", on="2025-07-10", outcome="not-disclosed:6")
    ok('id="pa-category"' not in ap.get(f"requests/{rid}").text, "nor after withholding it")
    count = s.sql("SELECT COUNT(*) FROM notices")
    r = ap.post(f"requests/{rid}/notice", {"category": "x", "title": "不应公开", "basis": "suggested"})
    eq(r.status, 409, "a withheld answer is no notice")
    ok("予以公开或者部分公开" in r.text, "says why")
    eq(s.sql("SELECT COUNT(*) FROM notices"), count, "nothing stored")


def test_a_column_not_in_the_catalog_is_refused(s):
    ap = Staff(s, site(s), "approver")
    rid, _ = register(ap, "2025-07-01", assigned_body=BODY)
    act(ap, rid, "answer", on="2025-07-10", outcome="disclosed:")
    count = s.sql("SELECT COUNT(*) FROM notices")
    r = ap.post(f"requests/{rid}/notice", {"category": "no-such-column", "title": "标题", "basis": "repeated"})
    eq(r.status, 400, "an unknown column")
    eq(s.sql("SELECT COUNT(*) FROM notices"), count, "nothing stored")
    eq(s.sql(f"SELECT notice_id FROM requests WHERE id = {rid}"), [["NULL"]], "the request unchanged")
    r = ap.post(f"requests/{rid}/notice", {"category": columns(ap, rid)[0], "basis": "repeated"})
    eq(r.status, 400, "a title is needed")
