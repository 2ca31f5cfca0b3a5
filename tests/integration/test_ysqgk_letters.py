"""Letters a body can sign: every template and every reason of a reply, sent through the
workflow over HTTP and read back from its print page, checked by pattern — no placeholder left,
no doubled word or punctuation, a predicate in every finding (经审查，… / 经检索，…), someone
acting after every legal basis (…的规定，本机关/现/请/视为…), every paragraph a finished
sentence, signed by the body with the date of the step, and naming the body's review body and
court with the periods (60 days, 6 months). The consultation letter (征求意见书) asks for an
opinion and decides nothing, so it names no remedies; it gives the body's address and telephone
instead. A letter that still holds a placeholder cannot be sent (400 naming it)."""
import re

from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import act, cn_date, last_letter, letters, printed, refused, register

BODY, REVIEW, COURT = "青海省财政局", "青海省人民政府", "西宁市城中区人民法院"
SAID = {"reasons": "所涉报价明细属于第三方的商业秘密", "where": "青海省财政局门户网站“政府信息公开”栏目",
        "right_body": "青海省自然资源厅，电话0971-6000000", "regime": "依照《不动产登记资料查询暂行办法》向不动产登记机构申请查询"}

# Every reason a reply may give (the answer form's options), with the article its letter cites and
# a phrase only its letter has.
REPLIES = {
    "disclosed:": ("第三十六条第二项", "现向您提供该信息"),
    "disclosed::published": ("第三十六条第一项", SAID["where"]),
    "partly-disclosed:": ("第三十七条", SAID["reasons"]),
    "not-disclosed:1": ("第十四条、第三十六条第三项", "属于国家秘密"),
    "not-disclosed:2": ("第十四条、第三十六条第三项", "禁止公开的信息"),
    "not-disclosed:3": ("第十四条、第三十六条第三项", "可能危及国家安全、公共安全、经济安全和社会稳定"),
    "not-disclosed:4": ("第十五条、第三十六条第三项", "会对第三方合法权益造成损害"),
    "not-disclosed:5": ("第十六条第一款、第三十六条第三项", "内部事务信息"),
    "not-disclosed:6": ("第十六条第二款、第三十六条第三项", "过程性信息"),
    "not-disclosed:7": ("第十六条第二款、第三十六条第三项", "行政执法案卷信息"),
    "not-disclosed:8": ("第三十六条第七项", SAID["regime"]),
    "cannot-provide:1": ("第三十六条第四项", "该政府信息不存在"),
    "cannot-provide:1:other-body": ("第三十六条第五项", SAID["right_body"]),
    "cannot-provide:2": ("第三十八条", "加工、分析"),
    "cannot-provide:3": ("第三十条", "补正后内容仍不明确"),
    "not-processed:1": ("第三十九条第一款", "信访、投诉、举报"),
    "not-processed:2": ("第三十六条第六项", "不予重复处理"),
    "not-processed:3": ("第三十九条第二款", SAID["where"]),
    "not-processed:4": ("第三十五条", "本机关已于2025年7月8日要求您说明申请的理由"),
    "not-processed:5": ("条例》的规定", "确认或者重新出具"),
    "other:3": ("", SAID["reasons"]),
}

FINDING_PREDICATES = "属于|是|含有|涉及|没有|已经|需要|认为|可能|不明确|超过|因|作出"


def make_site(s):
    key = new_site(s, "qinghai", "letters", users=("approver", "staff"), bodies=(BODY,))
    s.ctl("body", "set", BODY, "--site", key, "--phone", "0971-6123456", "--review-body", REVIEW, "--court", COURT)
    return key


def site(s):
    """A Qinghai-variant site of the module's own: its body BODY names REVIEW and COURT in its
    remedies, and has a telephone number of Xining's."""
    return fixture(s, "letters.site", make_site)


def check_letter(letter, what, step_date, remedies=True):
    """The patterns every letter keeps."""
    text = "\n".join(letter["paragraphs"])
    ok("（请填写" not in text and not re.search(r"\{[a-z_]+\}", text), f"{what}: a placeholder left: {text}")
    doubled = re.search(r"([\u4e00-\u9fff]{2,})\1|([的了是在和与及或])\2", text)
    ok(doubled is None, f"{what}: a doubled word {doubled and doubled.group(0)!r}")
    punct = re.search(r"([，。：；、])\1|[，：；、][。，]|。[，：；、]", text)
    ok(punct is None, f"{what}: doubled punctuation {punct and punct.group(0)!r}")
    for clause in re.findall(r"经(?:审查|检索)，([^。]*)", text):
        head = clause.split("，根据")[0]
        ok(re.search(FINDING_PREDICATES, head), f"{what}: a finding without a predicate: {head!r}")
    for m in re.finditer(r"的规定，(.{0,4})", text):
        ok(re.match(r"本机关|现|请|视为|经本机关", m.group(1)), f"{what}: nobody acts on the legal basis: {m.group(0)!r}")
    ok(letter["paragraphs"][0].endswith("："), f"{what}: addressed to someone")
    for p in letter["paragraphs"][1:]:
        ok(p.endswith("。"), f"{what}: an unfinished paragraph {p[-30:]!r}")
    eq(letter["signature"], BODY, f"{what}: signed by the body")
    eq(letter["date"], cn_date(step_date), f"{what}: dated by the step")
    if remedies:
        ok(f"六十日内向{REVIEW}申请行政复议" in text and f"六个月内向{COURT}提起行政诉讼" in text,
           f"{what}: the review body and the court with their periods")
    return text


def new_case(st, received):
    return register(st, received, assigned_body=BODY)[0]


def test_every_reply_reason(s):
    st = Staff(s, site(s), "approver")
    rid = new_case(st, "2025-07-01")
    offered = re.findall(r'<option value="([a-z-]+:[0-9]*(?::[a-z-]+)?)"', st.get(f"requests/{rid}").text)
    eq(sorted(set(offered)), sorted(REPLIES), "the answer form offers exactly the reasons listed here")
    texts = []
    for value, (article, phrase) in REPLIES.items():
        rid = new_case(st, "2025-07-01")
        if value == "not-processed:4":
            act(st, rid, "art35_reasons", on="2025-07-08")
        act(st, rid, "answer", on="2025-07-10", outcome=value, **SAID)
        text = check_letter(last_letter(s, st, rid), value, "2025-07-10")
        ok(phrase in text, f"{value}: says {phrase!r}")
        ok(article == "" or article in text, f"{value}: cites {article}")
        texts.append(text)
    ok(not any("您的申请信访举报投诉类申请" in t for t in texts), "the finding that lacked its verb")


def test_every_step_letter(s):
    st = Staff(s, site(s), "approver")
    checked = []

    def check(rid, template, on, remedies=True, says=()):
        lid, kind, _ = letters(s, rid)[-1]
        eq(kind, template, "the step's letter")
        text = check_letter(printed(st, rid, lid), template, on, remedies)
        for phrase in says:
            ok(phrase in text, f"{template}: says {phrase!r}")
        checked.append(template)
        return text

    rid = new_case(st, "2025-03-03")
    act(st, rid, "correction", on="2025-03-05", what="所需信息的项目名称和年度")
    check(rid, "correction", "2025-03-05", says=["需要补正的事项是：所需信息的项目名称和年度。"])
    rid = new_case(st, "2025-05-06")
    act(st, rid, "correction", on="2025-05-07", days="15", what="文号")
    act(st, rid, "abandon", on="2025-05-29")
    check(rid, "reply-abandoned", "2025-05-29", says=["本机关已于2025年5月7日告知您对申请作出补正，补正期限至2025年5月28日"])
    rid = new_case(st, "2025-11-03")
    act(st, rid, "extend", on="2025-11-10", days="10", reasons="所需信息分散在多个年度的档案中")
    check(rid, "extension", "2025-11-10", says=["本机关因所需信息分散在多个年度的档案中，不能在答复期限内作出答复"])
    rid = new_case(st, "2025-08-04")
    act(st, rid, "fee_notice", on="2025-08-11", fee_method="by-volume", pages="120", until="2025-09-08")
    check(rid, "fee", "2025-08-11", says=["按量计收的方式（共120页）", "人民币1100元", "请您于2025年9月8日前缴纳"])
    act(st, rid, "fee_unpaid", on="2025-09-09")
    check(rid, "reply-unpaid", "2025-09-09", says=["本机关已于2025年8月11日向您发出信息处理费缴纳通知"])
    rid = new_case(st, "2025-07-01")
    act(st, rid, "art35_reasons", on="2025-07-03")
    check(rid, "art35-reasons", "2025-07-03", says=["第三十五条", "请您于2025年7月17日前向本机关说明申请的理由"])
    act(st, rid, "art35_later", on="2025-07-10", until="2025-09-01", reasons="所需信息涉及十二个项目的档案")
    check(rid, "art35-later", "2025-07-10", says=["确定延迟答复的期限至2025年9月1日", "本机关已于2025年7月3日要求您说明"])
    rid = new_case(st, "2025-06-03")
    act(st, rid, "consult", on="2025-06-10", third_party="西宁某建设工程有限公司")
    text = check(rid, "consultation", "2025-06-10", remedies=False,
                 says=["征求贵方意见", "自收到本征求意见书之日起15个工作日内", "0971-"])
    ok("测试申请人" not in text, "the third party is not told who applied")
    act(st, rid, "consult_received", on="2025-06-12")
    act(st, rid, "consult_end", on="2025-06-20", answer="objected")
    act(st, rid, "public_interest", on="2025-06-23", reasons="该项目的资金使用情况涉及重大公共利益")
    check(rid, "public-interest", "2025-06-23", says=["本机关于2025年6月10日就一件政府信息公开申请", "本机关决定予以公开",
                                                      "该项目的资金使用情况涉及重大公共利益"])
    eq(sorted(checked), sorted(["correction", "reply-abandoned", "extension", "fee", "reply-unpaid", "art35-reasons",
                                "art35-later", "consultation", "public-interest"]), "every step's letter")


PROVISIONAL_2027 = "（暂定：2027年节假日安排尚未公布，公布后可能调整）"


def test_a_deadline_in_a_year_without_its_arrangement_is_called_provisional(s):
    """2027's holiday arrangement is not published: a deadline counted into it may move, and the
    letter says so where it gives the date; a date the staff set, or one in a published year, is
    firm."""
    st = Staff(s, site(s), "approver")
    rid = new_case(st, "2026-12-04")
    act(st, rid, "extend", on="2026-12-04", days="20", reasons="所需信息分散在多个年度的档案中")
    text = check_letter(last_letter(s, st, rid), "extension", "2026-12-04")
    ok(f"延长后的答复期限至2027年2月1日{PROVISIONAL_2027}。" in text, f"the extended deadline: {text}")
    rid = new_case(st, "2026-12-04")
    act(st, rid, "fee_notice", on="2026-12-04", fee_method="by-volume", pages="120")
    text = check_letter(last_letter(s, st, rid), "fee", "2026-12-04")
    ok(f"请您于2027年1月4日前缴纳{PROVISIONAL_2027}。" in text, f"the payment period's 20 working days: {text}")
    rid = new_case(st, "2026-12-04")
    act(st, rid, "fee_notice", on="2026-12-04", fee_method="by-volume", pages="120", until="2027-01-08")
    text = check_letter(last_letter(s, st, rid), "fee", "2026-12-04")
    ok("请您于2027年1月8日前缴纳。" in text and "暂定" not in text, f"a date the staff set: {text}")
    rid = new_case(st, "2025-11-03")
    act(st, rid, "extend", on="2025-11-10", days="10", reasons="所需信息分散在多个年度的档案中")
    text = check_letter(last_letter(s, st, rid), "extension", "2025-11-10")
    ok("暂定" not in text, f"a deadline in a published year: {text}")


def test_letters_to_the_third_party_stay_with_it(s):
    st = Staff(s, site(s), "approver")
    rid = new_case(st, "2025-06-03")
    act(st, rid, "consult", on="2025-06-10", third_party="西宁某物业服务有限公司")
    eq(letters(s, rid)[-1][2], "third-party", "addressed to the third party")
    shown = "".join(r[0] for r in s.sql(f"SELECT COALESCE(applicant_note, '') FROM request_events WHERE request_id = {rid}"))
    ok("西宁某物业服务有限公司" not in shown and "征求意见书" in shown, "the applicant is told of the consultation only")
    act(st, rid, "consult_end", on="2025-06-20", answer="agreed")
    refused(s, st, rid, "public_interest", 409, "第三方不同意公开时", on="2025-06-23", reasons="公共利益")


def test_a_letter_with_a_placeholder_left_is_not_sent(s):
    st = Staff(s, site(s), "approver")
    rid = new_case(st, "2025-07-01")
    refused(s, st, rid, "answer", 400, "告知书中还有待填写的内容：（请填写理由）", on="2025-07-10", outcome="partly-disclosed:")
    refused(s, st, rid, "answer", 400, "（请填写理由）", on="2025-07-10", outcome="other:3")
    refused(s, st, rid, "correction", 400, "（请填写需要补正的事项）", on="2025-07-03")
    refused(s, st, rid, "answer", 400, "（请填写获取该信息的方式和途径）", on="2025-07-10", outcome="disclosed::published")
    draft = re.search(r'<textarea id="letter-answer" name="letter"[^>]*>([^<]*)</textarea>',
                      st.get(f"requests/{rid}?outcome=partly-disclosed:").text).group(1)
    ok("（请填写理由）" in draft, "the template's placeholder in the draft to edit")
    refused(s, st, rid, "answer", 400, "（请填写理由）", on="2025-07-10", outcome="partly-disclosed:", letter=draft)
    act(st, rid, "answer", on="2025-07-10", outcome="partly-disclosed:",
        letter=draft.replace("（请填写理由）", "报价明细属于商业秘密"))


def test_a_body_without_its_court_cannot_sign(s):
    name = "青海省测试无法院局"
    s.ctl("body", "add", name, "--site", site(s), "--review-body", REVIEW)
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-07-01", assigned_body=name)[0]
    r = refused(s, st, rid, "answer", 400, "（请填写管辖法院）", on="2025-07-10", outcome="disclosed:")
    # no field of the step's form fills in the body's court: none is marked, and the page says who does
    ok("“机关”页面" in r.text and "aria-invalid" not in r.text and "转到出错的项目" not in r.text,
       "the body's details are set on the bodies page")
    s.ctl("body", "set", name, "--site", site(s), "--court", COURT)
    act(st, rid, "answer", on="2025-07-10", outcome="disclosed:")
    eq(s.sql(f"SELECT signature FROM request_letters WHERE request_id = {rid}"), [[name]], "signed by that body")


def test_the_print_page_is_a4_without_the_sites_frame(s):
    st = Staff(s, site(s), "approver")
    rid = new_case(st, "2025-07-01")
    act(st, rid, "answer", on="2025-07-10", outcome="not-disclosed:6")
    page = last_letter(s, st, rid)["page"]
    ok('class="site-header"' not in page and 'class="console-nav"' not in page, "no site frame")
    ok("/letter.css" in page and 'class="seal"' in page, "the letter's own print styles and the seal's place")
    tracking = s.sql(f"SELECT tracking_no FROM requests WHERE id = {rid}")[0][0]
    ok(f"受理编号：{tracking}" in page, "the tracking number")
    css = s.get("/xxgk-static/letter.css")
    eq(css.status, 200, "the letter's stylesheet is served")
    ok("size: A4" in css.text, "A4")
    # what the applicant reads is the letter as sent, signed and dated
    note = s.sql(f"SELECT applicant_note FROM request_events WHERE request_id = {rid} AND kind = 'answered'")[0][0]
    ok(note.replace("\\n", "\n").rstrip().endswith(f"{BODY}\n2025年7月10日"), f"signed and dated: {note[-60:]!r}")


def test_every_letter_sent_is_signed_and_dated(s):
    total, signed = s.sql("SELECT COUNT(*), COALESCE(SUM(signature <> '' AND on_date IS NOT NULL AND body_id IS NOT NULL), 0) "
                          "FROM request_letters")[0]
    ok(int(total) > 0, "the demo's letters")
    eq(signed, total, "every letter signed by a body and dated by its step")
    unlettered = s.sql("SELECT COUNT(*) FROM requests WHERE status IN ('answered', 'closed') AND outcome IS NOT NULL "
                       "AND outcome <> 'other' AND NOT EXISTS (SELECT 1 FROM request_letters l "
                       "WHERE l.request_id = requests.id AND l.kind LIKE 'reply-%')")
    eq(unlettered, [["0"]], "every reply has its letter")
    ok(int(s.sql("SELECT COUNT(*) FROM request_letters WHERE kind = 'consultation'")[0][0]) >= 5,
       "the demo consults third parties on every site")
