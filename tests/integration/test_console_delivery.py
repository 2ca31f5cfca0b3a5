"""Delivery of the answer (送达) recorded on the case page: method, date and postal tracking
number; shown on the timeline, audited, refused before the answer, with a bad date or a mailed
answer without its number (what was typed kept), and to those who may not answer the request."""
import html, re

from console import Staff
from harness import eq, fixture, new_site, ok
from test_ysqgk_workflow import act, register

FINANCE = "临沧市财政局"


def site(s):
    return fixture(s, "console_delivery.site",
                   lambda s: new_site(s, "lincang", "cdeliv", users=("admin", "staff"), bodies=(FINANCE,)))


def deliveries(s, rid):
    return s.sql(f"SELECT method, DATE_FORMAT(delivered_on, '%Y-%m-%d'), tracking_no FROM request_deliveries "
                 f"WHERE request_id = {rid} ORDER BY id")


def test_delivery_recorded_on_the_timeline_and_audited(s):
    ad = Staff(s, site(s), "admin")
    rid, _ = register(ad, "2026-11-02", assigned_body=FINANCE)
    r = ad.post(f"requests/{rid}/delivery", {"method": "post", "delivered_on": "2026-11-20", "tracking_no": "EA123"})
    eq(r.status, 409, "not answered yet")
    eq(deliveries(s, rid), [], "nothing stored")
    act(ad, rid, "answer", on="2026-11-18", outcome="disclosed:")
    ok('action="' in ad.get(f"requests/{rid}").text and "记录送达" in ad.get(f"requests/{rid}").text, "the form")
    r = ad.post(f"requests/{rid}/delivery", {"method": "post", "delivered_on": "2026-11-20", "note": "挂号"})
    eq(r.status, 400, "mailed without its tracking number")
    text = html.unescape(r.text)
    ok("邮寄送达请填写邮件号" in text, "why")
    ok('value="2026-11-20"' in text and 'value="挂号"' in text, "what was typed kept")
    eq(ad.post(f"requests/{rid}/delivery", {"method": "post", "delivered_on": "2026-11-17",
                                            "tracking_no": "EA1"}).status, 400, "before the answer")
    eq(ad.post(f"requests/{rid}/delivery", {"method": "pigeon", "delivered_on": "2026-11-20"}).status, 400, "method")
    eq(deliveries(s, rid), [], "nothing stored by a refusal")
    r = ad.post(f"requests/{rid}/delivery", {"method": "post", "delivered_on": "2026-11-20",
                                             "tracking_no": "EA123456789CN"})
    eq(r.status, 303, r.text[:300])
    eq(deliveries(s, rid), [["post", "2026-11-20", "EA123456789CN"]], "stored")
    page = html.unescape(ad.get(f"requests/{rid}").text)
    timeline = re.search(r'<ol class="timeline">.*?</ol>', page, re.S).group(0)
    ok("送达答复" in timeline and "EA123456789CN" in timeline, "on the timeline")
    ok("2026-11-20 邮寄送达" in page, "in the delivery record")
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
             f"AND action = 'request.deliver'"), [["1"]], "audited")
    r = ad.post(f"requests/{rid}/delivery", {"method": "in-person", "delivered_on": "2026-11-21"})
    eq(r.status, 303, "a second delivery, in person")
    eq(len(deliveries(s, rid)), 2, "both kept")


def test_only_those_who_answer_record_delivery(s):
    ad = Staff(s, site(s), "admin")
    rid, _ = register(ad, "2026-11-02")  # no body: the office's, which the staff member does not serve
    act(ad, rid, "answer", on="2026-11-18", outcome="disclosed:")
    st = Staff(s, site(s), "staff")
    r = st.post(f"requests/{rid}/delivery", {"method": "email", "delivered_on": "2026-11-20"})
    eq(r.status, 404, "not theirs to see")
    eq(deliveries(s, rid), [], "nothing stored")
