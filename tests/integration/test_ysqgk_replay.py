"""The console's forms sent twice: at once (a double-click, two members of staff on the same
request) or one after the other (Back and send again, a page left open while others work). A
form that creates something is single-use (the one-time token of the public filing form); a step
carries the state of the request its page showed and is refused once the request has moved on;
nothing is stored twice and nothing is applied to a state the sender never saw."""
import html, http.client, json, re, threading, urllib.parse, uuid

from console import Staff
from harness import Response, each_front_end, eq, fixture, new_site, ok
from ysqgk_case import PERSON, act, refused, register

FIN, TRADE = "临沧市财政局", "临沧市公共资源交易中心"


def site(s):
    return fixture(s, "replay.site", lambda s: new_site(s, "lincang", "replay", users=("admin", "approver", "staff"),
                                                          bodies=(FIN, TRADE)))


def text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(r.text)))


def at_once(*calls):
    """Runs the calls on threads released together; their answers in order."""
    gate, out = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i):
        gate.wait()
        out[i] = calls[i]()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_a_receipt_date_corrected_to_itself_is_told_so(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-03-03", assigned_body=FIN)[0]
    refused(s, st, rid, "redate", 409, "收到申请之日登记的就是2025-03-03，与填写的日期相同，无需更正。",
            received_on="2025-03-03")
    refused(s, st, rid, "redate", 400, "请填写更正后的收到申请之日。")


def own_site(s):
    """A site of the test's own, for what it counts in its annual report."""
    return new_site(s, "lincang", "replay", users=("approver", "staff"), bodies=(FIN, TRADE))


def annual_reviews(s, key, year="2025"):
    """Section 四 of the site's annual report for year: review, suit, suit after review, each
    upheld, corrected, other, pending, total."""
    from test_ysqgk_annual_report import csv_sections
    rows = csv_sections(s.ctl("report", "annual", "--site", key, "--year", year, "--format", "csv").stdout)
    return [int(x) for x in rows["四、政府信息公开行政复议、行政诉讼情况（单位：件）"][3]]


def reviews_of(s, rid):
    return s.sql(f"SELECT kind, DATE_FORMAT(filed_on, '%Y-%m-%d'), result FROM request_reviews WHERE request_id = {rid}")


def audited(s, rid, prefix):
    return s.sql(f"SELECT action, COALESCE(note, '') FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                 f"AND action LIKE '{prefix}%' ORDER BY id")


def test_a_review_form_sent_twice_records_one_review(s):
    key = own_site(s)
    st = Staff(s, key, "approver")
    rid = register(st, "2025-03-03", assigned_body=FIN)[0]
    form = {"kind": "review", "filed_on": "2025-04-01", "result": "pending",
            "form_token": st.form_token(f"requests/{rid}")}
    first, second = at_once(lambda: st.post(f"requests/{rid}/reviews", form),
                            lambda: st.post(f"requests/{rid}/reviews", form))
    eq(sorted([first.status, second.status]), [303, 409], "one recorded, the other refused")
    refusal = text(first if first.status == 409 else second)
    ok("这份表单已经提交过" in refusal and "行政复议" in refusal and "2025-04-01" in refusal,
       f"the refusal names the record stored: {refusal[:400]}")
    eq(reviews_of(s, rid), [["review", "2025-04-01", "pending"]], "one record")
    eq(len(audited(s, rid, "request.review")), 1, "one audit entry")
    eq(annual_reviews(s, key)[0:5], [0, 0, 0, 1, 1], "section 四 counts one review")
    # the same form again later (Back, send again): refused, nothing stored
    again = st.post(f"requests/{rid}/reviews", form)
    eq(again.status, 409, "a replay")
    eq(len(reviews_of(s, rid)), 1, "still one record")
    # said on the request's page, in its reviews' section: it was the public frame's error page
    ok('<body class="console">' in again.text and 'id="review-error"' in again.text and
       f'action="/xxgk/{key}/admin/requests/{rid}/reviews"' in again.text, "on the request's page")
    # the same token sent to another request names nothing of this one's record
    other = register(st, "2025-03-04", assigned_body=FIN)[0]
    r = st.post(f"requests/{other}/reviews", form)
    eq(r.status, 409, "used already")
    ok("记录了" not in text(r) and "这份表单已经提交过，没有再次记录。" in text(r), "another request's record unnamed")
    # a form without its token, or with a forged one, records nothing
    for token in ("", form["form_token"][:-1] + ("0" if form["form_token"][-1] != "0" else "1")):
        r = st.post(f"requests/{rid}/reviews", dict(form, form_token=token))
        eq(r.status, 400, f"token {token!r}")
        ok("请刷新申请页面后重新填写" in text(r), "says why")
    eq(len(reviews_of(s, rid)), 1, "nothing more stored")
    # a fresh page's form records a second one
    r = st.post(f"requests/{rid}/reviews", {"kind": "suit", "filed_on": "2025-04-02", "result": "pending"})
    eq(r.status, 303, "a new form")
    eq(len(reviews_of(s, rid)), 2, "two records")


def test_a_review_entered_by_mistake_is_deleted_with_its_reason(s):
    key = own_site(s)
    ap, staff = Staff(s, key, "approver"), Staff(s, key, "staff")
    rid = register(ap, "2025-03-03", assigned_body=FIN)[0]
    eq(staff.post(f"requests/{rid}/reviews", {"kind": "review", "filed_on": "2025-05-06", "result": "pending"}).status,
       303, "staff record one")
    wrong = s.sql(f"SELECT id FROM request_reviews WHERE request_id = {rid}")[0][0]
    eq(annual_reviews(s, key)[0:5], [0, 0, 0, 1, 1], "counted")
    ok("删除这条记录" not in staff.get(f"requests/{rid}").text, "staff are not offered the deletion")
    ok(f'name="review" value="{wrong}"' in ap.get(f"requests/{rid}").text and "删除这条记录" in ap.get(f"requests/{rid}").text,
       "approvers are")
    r = staff.post(f"requests/{rid}/reviews", {"action": "delete", "review": wrong, "reason": "误录"})
    eq(r.status, 403, "staff may not delete")
    r = ap.post(f"requests/{rid}/reviews", {"action": "delete", "review": wrong})
    eq(r.status, 400, "a deletion gives its reason")
    eq(len(reviews_of(s, rid)), 1, "not deleted")
    r = ap.post(f"requests/{rid}/reviews", {"action": "delete", "review": wrong, "reason": "录入了其他申请的复议"})
    eq(r.status, 303, f"deleted: {text(r)[:300]}")
    eq(reviews_of(s, rid), [], "gone")
    entry = audited(s, rid, "request.review_delete")
    eq(entry, [["request.review_delete", "录入了其他申请的复议"]], "audited with its reason")
    before = s.sql(f"SELECT before_json FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                   f"AND action = 'request.review_delete'")[0][0]
    ok('"2025-05-06"' in before and '"staff"' in before and '"review"' in before, f"the record as it was: {before}")
    eq(annual_reviews(s, key)[0:5], [0, 0, 0, 0, 0], "no longer counted")
    r = ap.post(f"requests/{rid}/reviews", {"action": "delete", "review": wrong, "reason": "再删一次"})
    eq(r.status, 409, "already gone")
    eq(len(audited(s, rid, "request.review_delete")), 1, "audited once")


def test_a_registration_form_sent_twice_registers_one_request(s):
    st = Staff(s, site(s), "approver")
    form = dict(PERSON, name="双击登记人", channel="in-person",
                received_on="2025-05-06", assigned_body=FIN, form_token=st.form_token("requests/new"))
    first, second = at_once(lambda: st.post("requests/new", form), lambda: st.post("requests/new", form))
    eq(sorted([first.status, second.status]), [200, 409], "one registered, the other refused")
    made, dup = (first, second) if first.status == 200 else (second, first)
    tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", made.text).group(1)
    rows = s.sql("SELECT id, tracking_no, month_seq FROM requests WHERE name = '双击登记人'")
    eq([r[1:] for r in rows], [[tracking, "1"]], "one request, the applicant's first of the month")
    says = text(dup)
    ok("这份登记表已经提交过" in says and tracking in says, f"the refusal names the request registered: {says[:400]}")
    ok(f'/admin/requests/{rows[0][0]}"' in dup.text, "and links to it")
    ok("query-code" not in dup.text, "the query code is not shown again")
    eq(st.post("requests/new", form).status, 409, "the form sent again later")
    # a form without a genuine token registers nothing, and comes back with what was typed
    r = st.post("requests/new", dict(form, form_token="1.2.3"))
    eq(r.status, 400, "a forged token")
    ok("已失效" in text(r) and "双击登记人" in r.text, "says why, keeps what was typed")
    eq(len(s.sql("SELECT id FROM requests WHERE name = '双击登记人'")), 1, "still one request")


def version(st, rid):
    """The request's version as its page shows it in every step form."""
    m = re.search(r'name="version" value="(\d+)"', st.get(f"requests/{rid}").text)
    ok(m, "the step forms carry the page's version")
    return m.group(1)


def test_a_step_from_a_page_older_than_the_request_is_refused(s):
    one, two = Staff(s, site(s), "approver"), Staff(s, site(s), "admin")
    rid = register(one, "2025-06-03", assigned_body=FIN)[0]
    act(one, rid, "consult", on="2025-06-10", third_party="甲公司")
    seen = version(one, rid)  # staff 1 opens the page: a consultation with 甲公司
    act(two, rid, "consult_end", on="2025-06-12", answer="agreed", version=version(two, rid))
    act(two, rid, "consult", on="2025-06-13", third_party="乙公司", version=version(two, rid))
    r = refused(s, one, rid, "consult_end", 409, "该申请在您打开页面后已有新的办理记录（", on="2025-06-20",
                answer="objected", version=seen)
    says = text(r)
    ok("请刷新页面后重新办理。" in says and "admin" in says and "，共2项" in says, f"names what came since: {says[:600]}")
    eq(s.sql(f"SELECT third_party, COALESCE(third_party_answer, '') FROM requests WHERE id = {rid}"), [["乙公司", ""]],
       "乙公司's consultation is untouched")
    # the page shown with the refusal is the request as it is: its form is taken
    act(one, rid, "consult_end", on="2025-06-20", answer="objected", version=version(one, rid))
    eq(s.sql(f"SELECT third_party_answer FROM requests WHERE id = {rid}"), [["objected"]], "recorded against 乙公司")


def test_two_assignments_at_once_make_one_change(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-06-03")[0]
    seen = version(st, rid)
    form = {"action": "assign", "body": TRADE, "version": seen}
    first, second = at_once(lambda: st.post(f"requests/{rid}", form), lambda: st.post(f"requests/{rid}", form))
    eq(sorted([first.status, second.status]), [303, 409], "one assigned, the other refused")
    eq(s.sql(f"SELECT COUNT(*) FROM request_events WHERE request_id = {rid} AND kind = 'assigned'"), [["1"]], "one event")
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
             f"AND action = 'request.assign'"), [["1"]], "one audit entry")
    # without a page's version (the queue's batch, a script), to the body it has: refused, nothing written
    refused(s, st, rid, "assign", 409, f"该申请已由{TRADE}办理，无需重新指定。", body=TRADE)
    act(st, rid, "assign", body=FIN, version=version(st, rid))
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [[FIN]], "to another body: taken")


def file_by_api(s, key=None, name="接口申请人"):
    body = json.dumps(dict(PERSON, name=name), ensure_ascii=False)
    headers = {"Content-Type": "application/json", **({"Idempotency-Key": key} if key is not None else {})}
    return s.request("POST", f"/xxgk/{site(s)}/api/requests", body=body, headers=headers)


def filed(s, name):
    return s.sql(f"SELECT tracking_no FROM requests r JOIN sites t ON t.id = r.site_id "
                 f"WHERE t.site_key = '{site(s)}' AND r.channel = 'online' AND r.name = '{name}'")


def test_an_api_filing_retried_with_its_key_files_once(s):
    key = "c0ffee-" + uuid.uuid4().hex
    first, second = at_once(lambda: file_by_api(s, key, "重试申请人"), lambda: file_by_api(s, key, "重试申请人"))
    eq(sorted([first.status, second.status]), [201, 409], "one filed, the other refused")
    made, dup = (first, second) if first.status == 201 else (second, first)
    tracking = json.loads(made.text)["tracking_no"]
    eq(filed(s, "重试申请人"), [[tracking]], "one request")
    answer = json.loads(dup.text)
    eq((answer["tracking_no"], answer["field"]), (tracking, "Idempotency-Key"), "the 409 names the request filed")
    ok(tracking in answer["error"], answer["error"])
    ok((dup.header("Location") or "").endswith(f"/api/requests/{tracking}"), "and links to it")
    later = file_by_api(s, key, "重试申请人")
    eq(later.status, 409, "a retry later")
    eq(json.loads(later.text)["tracking_no"], tracking, "the same request")
    eq(len(filed(s, "重试申请人")), 1, "still one")
    # the same fields in another wrapping (their order reversed, a form's body) are the same filing
    reordered = json.dumps(dict(reversed(list(dict(PERSON, name="重试申请人").items()))), ensure_ascii=False)
    r = s.request("POST", f"/xxgk/{site(s)}/api/requests", body=reordered,
                  headers={"Content-Type": "application/json", "Idempotency-Key": key})
    eq((r.status, json.loads(r.text)["tracking_no"]), (409, tracking), "the fields in another order")
    r = s.request("POST", f"/xxgk/{site(s)}/api/requests", body=urllib.parse.urlencode(dict(PERSON, name="重试申请人")),
                  headers={"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key})
    eq(r.status, 409, "as a form's body")
    # another filing under a key already used is filed, and learns nothing of the first: a
    # shared or guessed key named another applicant's 受理编号 and lost the filing
    other = file_by_api(s, key, "同键另一申请人")
    eq(other.status, 201, other.text[:200])
    ok(tracking not in other.text, "the first filing's number is not given away")
    eq(len(filed(s, "同键另一申请人")), 1, "filed")
    # another key, or none, files again; a key of another shape is refused, nothing filed
    eq(file_by_api(s, "another-" + uuid.uuid4().hex, "重试申请人").status, 201, "another key")
    eq(file_by_api(s, None, "重试申请人").status, 201, "no key")
    for bad in ("x" * 65, "sp ace", "a/b", "k;1"):
        r = file_by_api(s, bad, "坏键申请人")
        eq(r.status, 400, f"key {bad!r}")
        eq(json.loads(r.text)["field"], "Idempotency-Key", "names the header")
    eq(filed(s, "坏键申请人"), [], "nothing filed")


def post_headers(s, path, body, headers):
    """POST with headers as (name, value) pairs, a name as many times as it comes."""
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
    conn.putrequest("POST", path)
    for name, value in headers + [("Content-Length", str(len(body)))]:
        conn.putheader(name, value)
    conn.endheaders(body)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return Response(r.status, r.getheaders(), data, r.reason)


@each_front_end
def test_an_api_filing_with_two_idempotency_keys_is_refused_by_either_server(s):
    """The header twice: nginx passed both to the workers, which read the first and filed (201);
    Apache joined them with ", " and the filing was refused (400) as a key of the wrong shape."""
    name = {"nginx": "双键申请人甲", "apache": "双键申请人乙"}[s.front]
    body = json.dumps(dict(PERSON, name=name), ensure_ascii=False).encode()
    one, two = "first-" + uuid.uuid4().hex, "second-" + uuid.uuid4().hex
    sent = {"two keys": [("Idempotency-Key", one), ("Idempotency-Key", two)],
            "one key twice": [("Idempotency-Key", one), ("Idempotency-Key", one)],
            "names in two cases": [("Idempotency-Key", one), ("idempotency-key", two)],
            "joined in one": [("Idempotency-Key", f"{one}, {two}")]}
    for what, keys in sent.items():
        r = post_headers(s, f"/xxgk/{site(s)}/api/requests", body, [("Content-Type", "application/json")] + keys)
        eq(r.status, 400, f"{what}: {r.text[:200]}")
        answer = json.loads(r.text)
        eq(answer["field"], "Idempotency-Key", f"{what}: names the header")
        ok("不止一个 Idempotency-Key" in answer["error"] and "没有提交" in answer["error"], f"{what}: {answer['error']}")
    eq(filed(s, name), [], "nothing filed")
    r = post_headers(s, f"/xxgk/{site(s)}/api/requests", body, [("Content-Type", "application/json"),
                                                                ("Idempotency-Key", two)])
    eq(r.status, 201, f"one key files: {r.text[:200]}")
    eq(len(filed(s, name)), 1, "filed once")
