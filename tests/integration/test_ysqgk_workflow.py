"""The staff side of disclosure requests over HTTP: registration with the channel's receipt date,
every path of the workflow, and each deadline against dates counted by hand from the official
notices (2025: 清明 4-4..4-6, 劳动节 5-1..5-5, 端午 5-31..6-2, 国庆中秋 10-1..10-8 off; 9-28 Sun
and 10-11 Sat make-up working days). Each path runs on a site of the module's own."""
import re, urllib.parse

from console import Staff
from harness import eq, fixture, new_site, ok

PERSON = {"applicant_type": "person", "name": "测试申请人", "id_type": "resident-id",
          "id_number": "11010519491231002X", "phone": "13800001234", "email": "applicant@example.com",
          "address": "云南省临沧市临翔区测试路1号", "postcode": "677000",
          "description": "2025年度某项目的招标文件", "form": "electronic", "delivery": "email"}


def lincang(s):
    """A Lincang-variant site of the module's own; its staff serve the finance bureau."""
    return fixture(s, "workflow.lincang", lambda s: new_site(s, "lincang", "workflow", users=("approver", "staff"),
                                                             bodies=("临沧市财政局", "临沧市公共资源交易中心")))


def qinghai(s):
    return fixture(s, "workflow.qinghai", lambda s: new_site(s, "qinghai", "workflow", users=("approver", "staff"),
                                                             bodies=("青海省财政局", "青海省公共资源交易中心")))


def register(st, received_on, channel="registered-post", **extra):
    fields = dict(PERSON, channel=channel, received_on=received_on, **extra)
    r = st.post("requests/new", fields)
    eq(r.status, 200, f"registered: {r.text[:300]}")
    m = re.search(r'/admin/requests/(\d+)"', r.text)
    ok(m, "link to the request")
    return m.group(1), re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)


def act(st, rid, action, expect=303, **fields):
    r = st.post(f"requests/{rid}", dict(action=action, **fields))
    eq(r.status, expect, f"{action}: {r.text[:400] if r.status != expect else ''}")
    return r


def due(s, rid, kind="reply"):
    rows = s.sql(f"SELECT DATE_FORMAT(due_on,'%Y-%m-%d') FROM deadlines WHERE subject='request' AND subject_id={rid} "
                 f"AND kind='{kind}' ORDER BY id DESC LIMIT 1")
    return rows[0][0]


def status(s, rid):
    return s.sql(f"SELECT status, COALESCE(outcome,''), COALESCE(reason_code,'') FROM requests WHERE id={rid}")[0]


def test_registration_and_plain_reply(s):
    st = Staff(s, lincang(s), "approver")
    rid, tracking = register(st, "2025-09-26")
    # received Fri 9-26: 9-28 Sun=1, 9-29=2, 9-30=3, 10-1..8 off, 10-9=4, 10-10=5, 10-11 Sat=6,
    # 10-13..17 = 7..11, 10-20..24 = 12..16, 10-27..30 = 17..20
    eq(due(s, rid), "2025-10-30", "reply due")
    ok(tracking.startswith(lincang(s).upper() + "-"), tracking)
    act(st, rid, "accept", on="2025-09-28")
    act(st, rid, "answer", on="2025-10-20", outcome="disclosed:")
    eq(status(s, rid), ["answered", "disclosed", ""], "answered")
    page = st.get(f"requests/{rid}").text
    ok("政府信息公开申请答复告知书" in page, "the reply letter is listed")
    act(st, rid, "close", on="2025-10-21")
    eq(status(s, rid)[0], "closed", "closed")
    act(st, rid, "answer", expect=409, outcome="disclosed:")


def test_correction_restarts_the_clock(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-03-03", channel="in-person")
    # the correction notice is due within 7 working days: 3-4..7 = 1..4, 3-10..12 = 5..7 -> 3-12;
    # sent on 3-14 it is late, and the page says so
    r = act(st, rid, "correction", on="2025-03-14", days="15", what="所需信息的项目名称")
    ok("warn=" in r.header("Location"), "late correction notice warned")
    ok("7个工作日" in st.get(r.header("Location").split("/admin/", 1)[1]).text, "warning shown")
    # 15 working days from 3-14: 3-17..21 = 1..5, 3-24..28 = 6..10, 3-31 = 11, 4-1..3 = 12..14,
    # 4-4..6 清明 off, 4-7 = 15
    eq(due(s, rid, "correction"), "2025-04-07", "correction period")
    eq(s.sql(f"SELECT is_open FROM deadlines WHERE subject_id={rid} AND kind='reply'"), [["0"]], "reply clock stopped")
    mail = s.sql(f"SELECT body FROM outbox WHERE request_id={rid} ORDER BY id DESC LIMIT 1")[0][0]
    ok("答复期限：中止计算（等待补正），本机关收到补正之日起重新计算" in mail, mail)
    ok("答复期限：2025-03-31" not in mail, "not the stopped clock's date, which the restart replaces")
    act(st, rid, "corrected", on="2025-03-25")
    mail = s.sql(f"SELECT body FROM outbox WHERE request_id={rid} ORDER BY id DESC LIMIT 1")[0][0]
    ok("答复期限：2025-04-23" in mail, "the new date, once corrected")
    # restarts from 3-25: 3-26..28 = 1..3, 3-31 = 4, 4-1..3 = 5..7, 4-7..11 = 8..12, 4-14..18 = 13..17,
    # 4-21..23 = 18..20
    eq(due(s, rid), "2025-04-23", "new reply due")
    eq(status(s, rid)[0], "corrected", "corrected")
    act(st, rid, "accept", on="2025-03-26")
    act(st, rid, "answer", on="2025-04-10", outcome="cannot-provide:3")
    eq(status(s, rid), ["answered", "cannot-provide", "3"], "outcome and reason")


def test_a_form_sent_after_the_session_ended_says_so_and_signs_in_again(s):
    """A step or a notice sent after the idle limit got the public frame's "无权访问" page, with
    no sign-in link; the console now gives the limit, and a way to keep the session."""
    import hashlib
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-03-03", channel="in-person")
    page = st.get(f"requests/{rid}").text
    ok(re.search(r'<p id="session-note" data-idle-minutes="30" data-forms-seconds="4\d{4}" '
                 r'data-touch="/xxgk/[^"]+/admin/session" data-login="/xxgk/[^"]+/admin/login">'
                 r"连续30分钟没有操作将自动退出登录", page), "the limit, in the footer")
    ok('<script src="/xxgk-static/session.js" defer>' in page, "the warning's script, from a file")
    eq(st.get("session").status, 204, "the warning's button keeps the session")
    csrf = st.csrf()
    s.sql(f"UPDATE sessions SET last_seen = NOW() - INTERVAL 31 MINUTE "
          f"WHERE id_hash = '{hashlib.sha256(st.cookie.encode()).hexdigest()}'")
    r = st.post(f"requests/{rid}", {"action": "accept", "on": "2025-03-04", "csrf": csrf}, token=False)
    eq(r.status, 403, r.text[:300])
    ok("登录已失效（连续30分钟没有操作，或登录已满12小时），刚才提交的内容没有保存。请重新登录后再次提交。" in r.text,
       "why, and that nothing was kept")
    ok(re.search(rf'<input type="hidden" name="next" value="/xxgk/[^/]+/admin/requests/{rid}"', r.text),
       "the sign-in form, leading back to the page")
    eq(s.sql(f"SELECT status FROM requests WHERE id = {rid}"), [["registered"]], "nothing done")
    # a form whose address takes only POST leads back to the page it was on (its Referer)
    page_url = f"http://127.0.0.1/xxgk/{lincang(s)}/admin/requests/{rid}?done=review"
    r = s.request("POST", f"/xxgk/{lincang(s)}/admin/requests/{rid}/reviews", body="kind=review",
                  headers={**st.headers(), "Content-Type": "application/x-www-form-urlencoded", "Referer": page_url})
    eq(r.status, 403, r.text[:200])
    ok(re.search(rf'name="next" value="/xxgk/[^/]+/admin/requests/{rid}"', r.text), "back to the request's page")
    eq(st.get("session").status, 303, "the session is over")
    stranger = s.request("POST", f"/xxgk/{lincang(s)}/admin/requests/{rid}", body="action=accept",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    eq(stranger.status, 403, "a stranger's form is refused as before")
    ok('name="password"' not in stranger.text, "without a sign-in form")


def pauses(s, rid):
    return s.sql(f"SELECT CONCAT(p.from_on, '/', p.to_on) FROM deadline_pauses p JOIN requests r "
                 f"ON r.reply_deadline_id = p.deadline_id WHERE r.id = {rid} ORDER BY p.from_on, p.id")


def test_each_step_ends_its_own_pause(s):
    """A fee notice and a consultation at once: the fee paid on the day the consultation ended
    ended the consultation's pause a second time and left the fee's running to the day it could
    be paid, four weeks late; the second of two consultations begun the same day ran on."""
    from ysqgk_case import ctl_due
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-06-03", channel="in-person")
    act(st, rid, "accept", on="2025-06-03")
    act(st, rid, "fee_notice", on="2025-06-04", fee_method="by-volume", pages="500")
    act(st, rid, "consult", on="2025-06-05", third_party="某建设工程有限公司")
    act(st, rid, "consult_received", on="2025-06-05")
    act(st, rid, "consult_end", on="2025-06-10", answer="agreed")
    act(st, rid, "fee_paid", on="2025-06-10")
    eq(pauses(s, rid), [["2025-06-04/2025-06-10"], ["2025-06-05/2025-06-10"]], "each pause ends when its wait did")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-04:2025-06-10"), "the fee's pause, the consultation inside it")

    rid, _ = register(st, "2025-06-03", channel="in-person")
    act(st, rid, "accept", on="2025-06-03")
    for party in ("某建设工程有限公司", "某设计院"):
        act(st, rid, "consult", on="2025-06-05", third_party=party)
        act(st, rid, "consult_end", on="2025-06-05", answer="agreed")
    eq(pauses(s, rid), [["2025-06-05/2025-06-05"], ["2025-06-05/2025-06-05"]], "both ended that day")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-05:2025-06-05"), "one day not counted")


def test_console_pages_are_kept_in_no_cache(s):
    """The case page shows the applicant's identity number and address in full: with no
    Cache-Control, Back after signing out showed it again."""
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-03-03", channel="in-person")
    for path in (f"requests/{rid}", "", "requests", "requests.csv", "account"):
        r = st.get(path)
        eq((r.status, r.header("Cache-Control")), (200, "no-store"), f"admin/{path}")
    public = s.get(f"/xxgk/{lincang(s)}/")
    ok(public.header("Cache-Control") != "no-store", "a public page is not marked so")
def test_a_warning_is_a_code_said_in_the_programs_words(s):
    """?warn= on the request's page names a warning of the program's table; the page says it in
    its own words with the date from the request's record. Any other text in the address, or an
    unknown code, shows nothing."""
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-03-03", channel="in-person")
    spoof = "您的账号已被停用，请立即拨打 010-12345678 联系管理员"
    for warn in (urllib.parse.quote(spoof), "late-correction%20", "LATE-ANSWER", "x" * 50, ""):
        r = st.get(f"requests/{rid}?warn={warn}")
        eq(r.status, 200, f"warn={warn[:20]}: the page")
        ok('role="alert"' not in r.text and "停用" not in r.text, f"warn={warn[:20]}: no warning shown")
    # the correction notice was due 3-12 (see test_correction_restarts_the_clock); sent 3-14
    r = act(st, rid, "correction", on="2025-03-14", days="15", what="所需信息的项目名称")
    eq(r.header("Location").split("?", 1)[1], "done=correction&warn=late-correction", "the redirect names the code")
    page = st.get(f"requests/{rid}?done=correction&warn=late-correction").text
    ok('<p class="warning" role="alert">补正告知晚于收到申请后7个工作日（应于2025-03-12前发出）。</p>' in page,
       "said with the date it was due")
    act(st, rid, "corrected", on="2025-03-20")
    # the clock restarts from 3-20; answered days later, on time: no warning
    act(st, rid, "accept", on="2025-03-21")
    r = act(st, rid, "answer", on="2025-03-24", outcome="disclosed:")
    ok("warn=" not in r.header("Location"), "an answer on time warns of nothing")
    reply_due = due(s, rid)
    page = st.get(f"requests/{rid}?warn=late-answer").text
    ok(f"答复晚于答复期限（{reply_due}）。" in page, "the late answer's words, with the reply deadline")


def test_applicant_notes_write_dates_as_letters_do(s):
    """The applicant's 办理过程 writes every date as 2025年3月25日, as the letters do, none as 2025-03-25."""
    st = Staff(s, lincang(s), "approver")
    r = st.post("requests/new", dict(PERSON, channel="in-person", received_on="2025-03-03"))
    eq(r.status, 200, "registered")
    rid = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
    tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)
    code = re.search(r'class="query-code">([^<]+)<', r.text).group(1)
    act(st, rid, "correction", on="2025-03-04", what="所需信息的项目名称")
    act(st, rid, "corrected", on="2025-03-25")
    act(st, rid, "consult", on="2025-03-26", third_party="某建设工程有限公司")
    act(st, rid, "consult_received", on="2025-03-27")
    act(st, rid, "consult_end", on="2025-03-28", answer="agreed")
    act(st, rid, "fee_notice", on="2025-03-31", fee_method="by-volume", pages="40")
    act(st, rid, "fee_paid", on="2025-04-01")
    notes = [n for (n,) in s.sql(f"SELECT applicant_note FROM request_events WHERE request_id = {rid} AND visible = 1 "
                                 f"AND applicant_note IS NOT NULL ORDER BY id")]
    ok(any(n.startswith("本机关于2025年3月25日收到补正后的申请") for n in notes), f"the corrected request's entry: {notes}")
    for n in notes:
        ok(not re.search(r"\d{4}-\d{2}-\d{2}", n), f"no YYYY-MM-DD date in the applicant's entry {n!r}")
    page = s.post(f"/xxgk/{lincang(s)}/ysqgk/query", fields={"tracking_no": tracking, "query_code": code})
    eq(page.status, 200, "the applicant's tracking page")
    ok("本机关于2025年3月25日收到补正后的申请，答复期限自该日起重新计算，至2025年4月23日" in page.text,
       "as the applicant reads it")


def test_no_correction_in_time_is_abandoned(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-05-06")
    act(st, rid, "correction", on="2025-05-07", days="15", what="所需信息的文号")
    # 5-8 = 1, 5-9 = 2, 5-12..16 = 3..7, 5-19..23 = 8..12, 5-26..28 = 13..15
    eq(due(s, rid, "correction"), "2025-05-28", "correction due")
    act(st, rid, "abandon")
    eq(status(s, rid), ["abandoned", "other", "1"], "abandoned, 其他处理 1")


def test_consultation_pauses_the_clock(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-06-03")
    # no pause: 6-4..6 = 1..3, 6-9..13 = 4..8, 6-16..20 = 9..13, 6-23..27 = 14..18, 6-30 = 19, 7-1 = 20
    eq(due(s, rid), "2025-07-01", "reply due before the consultation")
    act(st, rid, "accept", on="2025-06-04")
    act(st, rid, "consult", on="2025-06-10", third_party="某建设工程有限公司")
    # the third party's 15 days from 6-10: 6-11..13 = 1..3, 6-16..20 = 4..8, 6-23..27 = 9..13, 6-30 = 14, 7-1 = 15
    eq(due(s, rid, "consultation"), "2025-07-01", "third party's window")
    eq(status(s, rid)[0], "consultation", "consultation")
    act(st, rid, "consult_end", on="2025-06-20", answer="agreed")
    # paused 6-10..6-20: 6-4..6 = 1..3, 6-9 = 4, 6-23..27 = 5..9, 6-30 = 10, 7-1..4 = 11..14,
    # 7-7..11 = 15..19, 7-14 = 20
    eq(due(s, rid), "2025-07-14", "reply due after the pause")
    eq(status(s, rid)[0], "in_progress", "back in progress")


def test_extension_once_by_an_approver(s):
    st = Staff(s, lincang(s), "staff")
    ap = Staff(s, lincang(s), "approver")
    rid, _ = register(ap, "2025-11-03", assigned_body="临沧市财政局")
    # 11-4..7 = 1..4, 11-10..14 = 5..9, 11-17..21 = 10..14, 11-24..28 = 15..19, 12-1 = 20
    eq(due(s, rid), "2025-12-01", "reply due")
    act(st, rid, "accept", on="2025-11-04")
    r = act(st, rid, "extend", expect=403, on="2025-11-20", days="20", reasons="需要调取多个年度的档案")
    ok("审核人" in r.text, "staff may not extend")
    act(ap, rid, "extend", on="2025-11-20", days="20", reasons="需要调取多个年度的档案")
    # 40 working days: 12-2..5 = 21..24, 12-8..12 = 25..29, 12-15..19 = 30..34, 12-22..26 = 35..39, 12-29 = 40
    eq(due(s, rid), "2025-12-29", "extended by 20 working days")
    ok("延期答复告知书" in ap.get(f"requests/{rid}").text, "the extension notice is recorded")
    act(ap, rid, "extend", expect=409, days="5")
    act(st, rid, "answer", on="2025-12-10", outcome="not-disclosed:4")
    eq(status(s, rid), ["answered", "not-disclosed", "4"], "answered")


def test_fees_pause_and_unpaid_ends(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-08-04")
    # 8-5..8 = 1..4, 8-11..15 = 5..9, 8-18..22 = 10..14, 8-25..29 = 15..19, 9-1 = 20
    eq(due(s, rid), "2025-09-01", "reply due")
    act(st, rid, "accept", on="2025-08-05")
    act(st, rid, "fee_notice", expect=409, on="2025-08-11", fee_method="per-request")  # 1st this month: free
    act(st, rid, "fee_notice", on="2025-08-11", fee_method="by-volume", pages="120")
    # 120 pages: 70 x 10 + 20 x 20 = 1100 yuan; pay within 20 working days of 8-11: 9-8
    eq(s.sql(f"SELECT fee_amount, DATE_FORMAT(fee_pay_by,'%Y-%m-%d') FROM requests WHERE id={rid}"),
       [["1100", "2025-09-08"]], "fee and pay-by")
    act(st, rid, "fee_paid", on="2025-08-15")
    # paused 8-11..8-15: 8-5..8 = 1..4, 8-18..22 = 5..9, 8-25..29 = 10..14, 9-1..5 = 15..19, 9-8 = 20
    eq(due(s, rid), "2025-09-08", "reply due after payment")
    act(st, rid, "answer", on="2025-08-20", outcome="partly-disclosed:", reasons="报价明细涉及第三方商业秘密")
    rid2, _ = register(st, "2025-08-04", name="另一申请人")
    act(st, rid2, "fee_notice", on="2025-08-05", fee_method="by-volume", pages="31")
    act(st, rid2, "fee_unpaid")
    eq(status(s, rid2), ["closed", "other", "2"], "unpaid fee ends the request, 其他处理 2")


def test_withdrawal_and_every_outcome(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-07-01")
    act(st, rid, "withdraw", on="2025-07-03", note="申请人电话撤回")
    eq(status(s, rid), ["withdrawn", "other", "3"], "withdrawn, 其他处理 3")
    reasons = ["disclosed:", "partly-disclosed:"] + [f"not-disclosed:{i}" for i in range(1, 9)] + \
              [f"cannot-provide:{i}" for i in range(1, 4)] + [f"not-processed:{i}" for i in range(1, 6)] + ["other:3"]
    # what the letters of some reasons must say (reasons, where to get it, the special rules), and
    # Art. 35: reasons asked for before a request is not processed as excessive
    said = {"reasons": "见附件说明", "where": "本机关门户网站“政府信息公开”栏目", "regime": "向不动产登记机构申请查询"}
    for value in reasons:
        rid, _ = register(st, "2025-07-07")
        if value == "not-processed:4":
            act(st, rid, "art35_reasons", on="2025-07-08")
        act(st, rid, "answer", on="2025-07-10", outcome=value, **said)
        o, code = value.split(":")
        eq(status(s, rid), ["answered", o, code], value)
    rid, _ = register(st, "2025-07-07")
    act(st, rid, "answer", expect=400, outcome="not-disclosed:9")
    act(st, rid, "answer", expect=400, outcome="other:1")  # comes only from the workflow itself


def test_every_step_is_audited_and_visible_steps_reach_the_applicant(s):
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-09-01")
    act(st, rid, "accept", on="2025-09-02")
    act(st, rid, "answer", on="2025-09-05", outcome="disclosed:", letter="<b>答复</b>：同意公开。")
    actions = [r[0] for r in s.sql(f"SELECT action FROM audit_log WHERE subject='request' AND subject_id={rid} ORDER BY id")]
    eq(actions, ["request.file", "request.accept", "request.answer"], "audit trail")
    events = s.sql(f"SELECT kind, visible FROM request_events WHERE request_id={rid} ORDER BY id")
    eq([e[0] for e in events][-2:], ["in_progress", "answered"], "timeline")
    mail = s.sql(f"SELECT COUNT(*) FROM outbox WHERE request_id={rid}")[0][0]
    ok(int(mail) >= 3, f"the applicant was mailed at each step ({mail})")
    page = st.get(f"requests/{rid}").text
    ok("&lt;b&gt;答复&lt;/b&gt;" in page or "<b>答复</b>" not in page, "letter text is inert")


def test_queue_flags_masks_and_scoping(s):
    ap = Staff(s, qinghai(s), "approver")
    rid, tracking = register(ap, "2025-01-06", assigned_body="青海省财政局")
    q = ap.get("requests").text
    ok(tracking in q, "in the queue")
    row = q.split(tracking, 1)[1].split("</tr>", 1)[0]
    ok("已逾期" in row, "an old open request is flagged overdue")
    ok("138****1234" in row and "13800001234" not in q, "phone masked in the list")
    ok("13800001234" in ap.get(f"requests/{rid}").text, "in full for its handler")
    other = Staff(s, qinghai(s), "staff")  # serves 青海省财政局 and 青海省公共资源交易中心
    s.ctl("body", "add", "青海省自然资源局", "--site", qinghai(s))
    s.ctl("user", "add", "otherbody", "--role", "staff", "--site", qinghai(s), "--body", "青海省自然资源局",
          input="password-1\n")
    stranger = Staff(s, qinghai(s), "otherbody", "password-1")
    eq(stranger.get(f"requests/{rid}").status, 404, "another body's staff cannot open it")
    ok(tracking not in stranger.get("requests").text, "nor see it in the queue")
    eq(other.get(f"requests/{rid}").status, 200, "its body's staff can")
    # the iCal feed of due dates
    r = ap.post("ical", {})
    url = re.search(r'value="(http[^"]*|/xxgk/[^"]+requests\.ics\?token=[0-9a-f]{64})"', r.text).group(1)
    ics = s.get(url[url.index("/xxgk/"):])
    eq(ics.header("Content-Type"), "text/calendar; charset=utf-8", "iCal")
    ok("BEGIN:VCALENDAR" in ics.text and tracking in ics.text, "the request's due date in the feed")
    eq(s.get(f"/xxgk/{qinghai(s)}/admin/requests.ics?token=" + "0" * 64).status, 403, "a wrong token")


def test_mail_with_a_letter_greets_the_applicant_once(s):
    """The mail of a step with a letter to the applicant opened 「延期丙：／您好！…」 and then, at the head
    of the letter, 「延期丙：」 again."""
    st = Staff(s, lincang(s), "approver")
    rid, _ = register(st, "2025-03-03", channel="in-person", name="延期丙")
    act(st, rid, "correction", on="2025-03-05", days="15", what="所需信息的项目名称")
    mail = s.sql(f"SELECT body FROM outbox WHERE request_id={rid} ORDER BY id DESC LIMIT 1")[0][0]
    eq(mail.count("延期丙："), 1, mail[:300])
    ok(mail.startswith("延期丙：") and "所需信息的项目名称" in mail, "the salutation first, then the letter")
