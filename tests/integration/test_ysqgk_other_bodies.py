"""Another administrative body's opinion (征求其他机关意见, Art. 33 para. 3: the time it needs is not
counted in the reply period): the letter to the body (征求意见函) from its template, the reply
period paused from the letter's sending to the day the answer is recorded (earlier or later than
the date the letter asked for), information made jointly with the body (Art. 34: 15 working days
from its receipt, silence counting as agreement), what the applicant sees, refused inputs that
change nothing, and the audit entries. Deadlines are checked against xxgkctl deadline and counted
by hand (2025: 端午 5-31..6-2 off; June and July otherwise plain weeks)."""
import html, re

from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import PERSON, act, ctl_due, due, last_letter, letters, refused, register

BODY = "汕尾市财政局"
OTHER = "汕尾市发展和改革局"
QUESTION = "该项目的可行性研究报告批复是否可以公开"


def make_site(s):
    key = new_site(s, "shanwei", "other-bodies", users=("approver", "staff"), bodies=(BODY,))
    s.ctl("body", "set", BODY, "--site", key, "--review-body", "汕尾市人民政府", "--court", "汕尾市城区人民法院",
          "--address", "汕尾市城区汕尾大道1号", "--phone", "0660-3360000")
    return key


def site(s):
    """A Shanwei-variant site of the module's own; its staff serve BODY."""
    return fixture(s, "other-bodies.site", make_site)


def consulted(st, received="2025-06-03", sent="2025-06-10", until="2025-06-20"):
    rid = register(st, received, assigned_body=BODY)[0]
    act(st, rid, "body_consult", on=sent, other_body=OTHER, ground="other", until=until, question=QUESTION)
    return rid


def pauses(s, rid):
    return s.sql(f"SELECT CONCAT(p.from_on, '/', p.to_on) FROM deadline_pauses p JOIN requests r "
                 f"ON r.reply_deadline_id = p.deadline_id WHERE r.id = {rid} ORDER BY p.from_on")


def test_the_clock_stops_from_the_sending_to_the_answer(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    eq(s.sql(f"SELECT status, other_body, resume_status FROM requests WHERE id = {rid}"),
       [["body_consultation", OTHER, "registered"]], "waiting for the other body")
    eq(due(s, rid, "body_consultation"), "2025-06-20", "the date the letter asks for, as the staff set it")
    # until the answer, the pause is taken to run to that date:
    # 6-4..6 = 1..3, 6-9 = 4, [6-10..6-20], 6-23..27 = 5..9, 6-30 = 10, 7-1..4 = 11..14, 7-7..11 = 15..19, 7-14 = 20
    eq(due(s, rid), "2025-07-14", "paused to the date asked for, meanwhile")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-06-20"), "as xxgkctl deadline counts it")
    # the answer came later than asked: the whole time it needed is not counted
    act(st, rid, "body_answer", on="2025-06-25", gist="同意公开，但应删去其中的个人信息")
    # 6-4..6 = 1..3, 6-9 = 4, [6-10..6-25], 6-26..27 = 5..6, 6-30 = 7, 7-1..4 = 8..11, 7-7..11 = 12..16, 7-14..17 = 17..20
    eq(due(s, rid), "2025-07-17", "paused from the sending to the answer")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-06-25"), "as xxgkctl deadline counts it")
    eq(pauses(s, rid), [["2025-06-10/2025-06-25"]], "one pause, ending on the answer's day")
    eq(s.sql(f"SELECT status FROM requests WHERE id = {rid}"), [["registered"]], "back where it was")
    eq(s.sql(f"SELECT is_open FROM deadlines WHERE subject_id = {rid} AND kind = 'body_consultation'"), [["0"]],
       "the date asked for is no longer running")


def test_an_early_answer_ends_the_pause_that_day(s):
    st = Staff(s, site(s), "staff")  # serves BODY: the same steps as a third party's consultation
    rid = consulted(st)
    act(st, rid, "body_answer", on="2025-06-17", gist="无意见")
    # 6-4..6 = 1..3, 6-9 = 4, [6-10..6-17], 6-18..20 = 5..7, 6-23..27 = 8..12, 6-30 = 13, 7-1..4 = 14..17, 7-7..9 = 18..20
    eq(due(s, rid), "2025-07-09", "by hand")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-06-17"), "as xxgkctl deadline counts it")


def test_jointly_made_information_has_the_fifteen_days_of_article_34(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-06-03", assigned_body=BODY)[0]
    refused(s, st, rid, "body_consult", 400, "第三十四条", on="2025-06-10", other_body=OTHER, ground="joint",
            until="2025-06-20", question=QUESTION)
    act(st, rid, "body_consult", on="2025-06-10", other_body=OTHER, ground="joint", question=QUESTION)
    # 6-11..13 = 1..3, 6-16..20 = 4..8, 6-23..27 = 9..13, 6-30 = 14, 7-1 = 15
    eq(due(s, rid, "body_consultation"), "2025-07-01", "15 working days, from the sending until the answer")
    eq(due(s, rid), ctl_due(s, "2025-06-03", 20, "2025-06-10:2025-07-01"), "paused to their end, meanwhile")
    eq(due(s, rid), "2025-07-23", "by hand: 6-4..6, 6-9, then 7-2..4, 7-7..11, 7-14..18, 7-21..23")
    text = "\n".join(last_letter(s, st, rid)["paragraphs"])
    ok("该信息由本机关牵头、与贵机关共同制作" in text and "第三十四条" in text, text)
    ok("请贵机关自收到本函之日起15个工作日内向本机关书面提出意见；逾期未提出意见的，视为同意公开" in text, text)
    ok("第三十三条第三款" in text and "不计算在答复期限内" in text, "the time is not counted")
    # no answer: recorded on the day the 15 days ended (the letter's receipt was the day it went out)
    act(st, rid, "body_answer", on="2025-07-01", gist="逾期未提出意见，视为同意公开")
    eq(due(s, rid), "2025-07-23", "the pause ended with the 15 days")


def test_the_letter_is_the_bodys_own(s):
    st = Staff(s, site(s), "approver")
    rid = consulted(st)
    lid, kind, to = letters(s, rid)[-1]
    eq([kind, to], ["other-body", "other-body"], "the consultation letter, to the other body")
    eq(s.sql(f"SELECT to_name, title FROM request_letters WHERE id = {lid}"), [[OTHER, "征求意见函"]], "addressed to it")
    letter = last_letter(s, st, rid)
    eq(letter["title"], "征求意见函", "its title")
    text = "\n".join(letter["paragraphs"])
    ok(text.startswith(OTHER + "："), "to the body")
    ok("本机关于2025年6月3日收到一件政府信息公开申请" in text, "the request, without the applicant")
    ok(PERSON["name"] not in text, "the applicant is not named")
    ok(f"现就以下事项征求贵机关意见：{QUESTION}。" in text, "what is asked")
    ok("请贵机关于2025年6月20日前向本机关书面提出意见。" in text, "by the date set, firm")
    ok("根据《中华人民共和国政府信息公开条例》第三十三条第三款的规定，本机关征求其他机关意见所需时间不计算在答复期限内" in text,
       "Art. 33 para. 3")
    ok("地址：汕尾市城区汕尾大道1号" in text and "0660-3360000" in text, "where to answer")
    for wrong in ("损害贵方", "第三十二条", "15个工作日", "行政复议", "行政诉讼"):
        ok(wrong not in text, f"not the third party's letter, no remedies: {wrong}")
    eq(letter["date"], "2025年6月10日", "dated by the sending")


def test_the_applicant_sees_the_pause_not_the_body(s):
    st = Staff(s, site(s), "approver")
    fields = dict(PERSON, channel="in-person", received_on="2025-06-03", assigned_body=BODY)
    r = st.post("requests/new", fields)
    eq(r.status, 200, "registered")
    tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)
    code = re.search(r'class="query-code">([^<]+)<', r.text).group(1)
    rid = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
    act(st, rid, "body_consult", on="2025-06-10", other_body=OTHER, ground="other", until="2025-06-20",
        question=QUESTION)

    def page():
        q = s.post(f"/xxgk/{site(s)}/ysqgk/query", fields={"tracking_no": tracking, "query_code": code})
        eq(q.status, 200, "the tracking page")
        return html.unescape(re.sub(r"<[^>]+>", "", q.text))

    text = page()
    ok("征求其他机关意见" in text, "the status")
    ok("中止计算（自2025-06-10起征求其他行政机关意见，所需时间不计入答复期限）" in text, "paused, since when")
    ok("本机关收到其意见之日起，答复期限继续计算" in text, "when it resumes")
    ok("本机关于2025年6月10日书面征求其他行政机关意见" in text and "第三十三条第三款" in text, "the timeline says why")
    for hidden in (OTHER, QUESTION, "征求意见函"):
        ok(hidden not in text, f"not shown to the applicant: {hidden}")
    act(st, rid, "body_answer", on="2025-06-25", gist="同意公开，但应删去其中的个人信息")
    text = page()
    ok("征求其他行政机关意见于2025年6月25日结束，答复期限继续计算，至2025年7月17日。" in text, "when it resumed, and the new date")
    ok("2025-07-17前" in text and "2025-06-10至2025-06-25中止计算" in text, "the reply deadline with its pause")
    for hidden in (OTHER, "删去其中的个人信息"):
        ok(hidden not in text, f"not shown to the applicant: {hidden}")
    mails = s.sql(f"SELECT subject, body FROM outbox WHERE request_id = {rid} ORDER BY id")
    eq([m[0].split("：")[-1] for m in mails[-2:]], ["正在征求其他行政机关意见", "征求其他行政机关意见结束"], "mailed")
    # the date asked for is the body's to keep or not: the mail said 2025-07-14 as if it were the date
    ok("答复期限：中止计算（征求其他行政机关意见所需时间不计入答复期限），本机关收到其意见之日起继续计算" in mails[-2][1],
       mails[-2][1])
    ok("答复期限：2025-07-14" not in mails[-2][1], "no date that holds only if the body answers as asked")
    ok("答复期限：2025-07-17" in mails[-1][1], "the date, once the answer came")
    ok(not any(OTHER in m[1] or QUESTION in m[1] for m in mails), "the mails do not name the body either")


def test_an_answer_on_the_day_of_sending_is_a_pause_of_that_day(s):
    """Both days of a pause are left out, so one of a day read "2025-06-10至2025-06-10"."""
    st = Staff(s, site(s), "approver")
    fields = dict(PERSON, channel="in-person", received_on="2025-06-03", assigned_body=BODY)
    r = st.post("requests/new", fields)
    tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)
    code = re.search(r'class="query-code">([^<]+)<', r.text).group(1)
    rid = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
    act(st, rid, "body_consult", on="2025-06-10", other_body=OTHER, ground="other", until="2025-06-20",
        question=QUESTION)
    act(st, rid, "body_answer", on="2025-06-10", gist="无意见")
    eq(pauses(s, rid), [["2025-06-10/2025-06-10"]], "a pause of one day")
    # 6-4..6 = 1..3, 6-9 = 4, [6-10], 6-11..13 = 5..7, 6-16..20 = 8..12, 6-23..27 = 13..17, 6-30..7-2 = 18..20
    eq(due(s, rid), "2025-07-02", "by hand")
    q = s.post(f"/xxgk/{site(s)}/ysqgk/query", fields={"tracking_no": tracking, "query_code": code})
    text = html.unescape(re.sub(r"<[^>]+>", "", q.text))
    ok("2025-07-02前（2025-06-10当日中止计算，不计入答复期限）" in text, "the applicant's page")
    staff = html.unescape(re.sub(r"<[^>]+>", "", st.get(f"requests/{rid}").text))
    ok("中止计算：2025-06-10当日" in staff, "the staff's page")
    for page in (text, staff):
        ok("2025-06-10至2025-06-10" not in page, "no span from a day to itself")


def test_refused_inputs_change_nothing(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-06-03", assigned_body=BODY)[0]
    good = dict(on="2025-06-10", other_body=OTHER, ground="other", until="2025-06-20", question=QUESTION)
    refused(s, st, rid, "body_consult", 400, "请填写征求意见的行政机关的名称", **dict(good, other_body=" "))
    refused(s, st, rid, "body_consult", 400, "征求意见的行政机关", **dict(good, other_body="局" * 101))
    refused(s, st, rid, "body_consult", 400, "请填写征求意见的事项", **dict(good, question=""))
    refused(s, st, rid, "body_consult", 400, "请填写请其他机关答复的日期", **dict(good, until=""))
    refused(s, st, rid, "body_consult", 400, "应晚于发函之日", **dict(good, until="2025-06-10"))
    refused(s, st, rid, "body_consult", 400, "60个工作日", **dict(good, until="2025-12-31"))
    refused(s, st, rid, "body_consult", 400, "应为工作日", **dict(good, until="2025-06-21"))  # a Saturday
    refused(s, st, rid, "body_consult", 400, "征求意见的情形", **dict(good, ground="sometimes"))
    refused(s, st, rid, "body_consult", 409, "不能早于收到申请之日", **dict(good, on="2025-06-02"))
    refused(s, st, rid, "body_answer", 409, "不能办理这一步", on="2025-06-12", gist="无意见")
    act(st, rid, "body_consult", **good)
    refused(s, st, rid, "body_answer", 400, "请填写其他机关意见的主要内容", on="2025-06-12", gist="")
    refused(s, st, rid, "body_answer", 409, "不能早于发出征求意见函之日（2025-06-10）", on="2025-06-09", gist="无意见")
    refused(s, st, rid, "consult", 409, "不能办理这一步", on="2025-06-12", third_party="某公司")
    refused(s, st, rid, "answer", 409, "不能办理这一步", on="2025-06-12", outcome="disclosed:")
    # the audit log keeps the body's name, the gist and the note in its 2,000 (a gist of 1,000 and a
    # note of 985 answered 500)
    refused(s, st, rid, "body_answer", 400, "其他机关意见的主要内容", on="2025-06-12", gist="意" * 801)
    act(st, rid, "body_answer", on="2025-06-12", gist="意" * 800, note="注" * 1000)
    note = s.sql(f"SELECT note FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                 "AND action = 'request.body_answer'")[0][0]
    ok(note.endswith("意" * 800 + "；" + "注" * 1000), "the gist and the note whole in the audit log")
    # a third party's consultation going on: one consultation at a time
    other = register(st, "2025-06-03", assigned_body=BODY)[0]
    act(st, other, "consult", on="2025-06-10", third_party="某公司")
    refused(s, st, other, "body_consult", 409, "不能办理这一步", **good)


def test_steps_are_audited_and_offered_on_the_page(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-06-03", assigned_body=BODY)[0]
    page = st.get(f"requests/{rid}").text
    ok("发出征求其他机关意见函" in page and 'name="other_body"' in page and 'name="question"' in page,
       "the step and its form")
    act(st, rid, "body_consult", on="2025-06-10", other_body=OTHER, ground="other", until="2025-06-20",
        question=QUESTION, note="需确认批复能否公开")
    page = html.unescape(st.get(f"requests/{rid}").text)
    ok("收到其他机关意见" in page and 'name="gist"' in page, "the answer's step and its form")
    ok("请其他机关答复的日期" in page and f"致{OTHER}" in page, "the date asked for and the letter, on the page")
    act(st, rid, "body_answer", on="2025-06-18", gist="同意公开")
    audit = s.sql(f"SELECT action, before_json, after_json, note FROM audit_log WHERE subject = 'request' "
                  f"AND subject_id = {rid} AND action LIKE 'request.body_%' ORDER BY id")
    eq([a[0] for a in audit], ["request.body_consult", "request.body_answer"], "each step audited")
    ok('"status":"registered"' in audit[0][1] and '"status":"body_consultation"' in audit[0][2], "the status moved")
    ok(OTHER in audit[0][3] and "2025-06-20" in audit[0][3] and "需确认批复能否公开" in audit[0][3],
       f"the body, the date asked for and the note: {audit[0][3]}")
    ok('"status":"registered"' in audit[1][2] and f"{OTHER}的意见：同意公开" in audit[1][3], f"the answer: {audit[1][3]}")
    events = s.sql(f"SELECT kind, status_to, visible FROM request_events WHERE request_id = {rid} "
                   f"AND kind LIKE 'body_%' ORDER BY id")
    eq(events, [["body_consultation", "body_consultation", "1"], ["body_consultation_end", "registered", "1"]],
       "on the timeline")
