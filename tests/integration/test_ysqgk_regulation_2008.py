"""Requests received before 2019-05-15 are under the 2008 Regulation (Art. 24): 15 working days to
reply and an extension of at most 15, not the 2019 Regulation's 20 and 20 (REGULATIONS.md). The
periods follow the receipt date at filing, after a correction and when the receipt date is
corrected; the letters cite the 2008 article for the extension and no 2019 article otherwise.
2019 on the official arrangement: 劳动节 5-1..4 off, 端午 6-7 off."""
import html, re

from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import PERSON, act, ctl_due, due, last_letter, refused, register


def site(s):
    return fixture(s, "regulation_2008.site",
                   lambda s: new_site(s, "lincang", "reg2008", users=("approver",)))


def staff(s):
    return Staff(s, site(s), "approver")


def letter_text(s, st, rid):
    return "".join(last_letter(s, st, rid)["paragraphs"])


def test_reply_period_by_the_regulation_in_force_at_receipt(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-10")
    # Fri 5-10: 5-13..17 = 1..5, 5-20..24 = 6..10, 5-27..31 = 11..15
    eq(due(s, rid), "2019-05-31", "15 working days under the 2008 Regulation")
    eq(due(s, rid), ctl_due(s, "2019-05-10", 15), "the calendar's own count")
    later, _ = register(st, "2019-05-15")
    # 5-16..17 = 1..2, 5-20..24 = 3..7, 5-27..31 = 8..12, 6-3..6 = 13..16, 6-7 端午, 6-10..13 = 17..20
    eq(due(s, later), "2019-06-13", "20 working days from the day the 2019 Regulation came into force")


def test_receipt_counts_the_days_of_its_regulation(s):
    st = staff(s)
    r = st.post("requests/new", dict(PERSON, channel="registered-post", received_on="2019-05-10"))
    eq(r.status, 200, "registered")
    tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)
    code = re.search(r'class="query-code">([^<]+)<', r.text).group(1)
    receipt = s.post(f"/xxgk/{site(s)}/ysqgk/receipt", fields={"tracking_no": tracking, "query_code": code})
    eq(receipt.status, 200, "the receipt printed again")
    ok("自收到申请之日起15个工作日" in receipt.text, "the receipt counts 15 working days")
    ok("20个工作日" not in receipt.text, "and not 20")


def test_extension_at_most_15_days_citing_article_24(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-10")
    page = html.unescape(st.get(f"requests/{rid}").text)
    ok("延长的工作日数（最多15）" in page, "the extension form offers 15 at most")
    refused(s, st, rid, "extend", 400, "延长期限最长不超过15个工作日", on="2019-05-20", days="16", reasons="需要调取档案")
    act(st, rid, "extend", on="2019-05-20", days="15", reasons="需要调取档案")
    eq(due(s, rid), ctl_due(s, "2019-05-10", 30), "15 + 15 working days")
    text = letter_text(s, st, rid)
    ok("第二十四条第二款" in text and "第三十三条" not in text, f"the 2008 article on the extension: {text}")
    ok("延长15个工作日" in text, text)


def test_extension_of_20_days_stays_for_2019_requests(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-15")
    act(st, rid, "extend", on="2019-05-20", days="20", reasons="需要调取档案")
    eq(due(s, rid), ctl_due(s, "2019-05-15", 40), "20 + 20 working days")
    ok("第三十三条第二款" in letter_text(s, st, rid), "the 2019 article")


def test_corrected_request_restarts_the_2008_period(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-06")
    act(st, rid, "correction", on="2019-05-08", what="项目名称")
    text = letter_text(s, st, rid)
    ok("《中华人民共和国政府信息公开条例》的规定" in text and "第三十条" not in text,
       f"no 2019 article in a 2008 request's correction notice: {text}")
    act(st, rid, "corrected", on="2019-05-20")
    eq(due(s, rid), ctl_due(s, "2019-05-20", 15), "15 working days from the corrected request")


def test_reply_letter_cites_no_2019_article(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-10")
    act(st, rid, "answer", on="2019-05-20", outcome="not-disclosed:1")
    text = letter_text(s, st, rid)
    ok("条例》的规定，本机关决定不予公开" in text, text)
    ok(not re.search(r"第[一二三四五六七八九十]+条", text), f"no article numbers: {text}")


def test_receipt_date_corrected_across_2019_05_15(s):
    st = staff(s)
    rid, _ = register(st, "2019-05-20")
    eq(due(s, rid), ctl_due(s, "2019-05-20", 20), "20 working days")
    act(st, rid, "redate", received_on="2019-05-10", note="登记时误录")
    eq(due(s, rid), "2019-05-31", "15 working days from the corrected receipt date")
    act(st, rid, "redate", received_on="2019-05-16", note="再次更正")
    eq(due(s, rid), ctl_due(s, "2019-05-16", 20), "20 again from a date under the 2019 Regulation")


def test_receipt_date_not_moved_across_2019_05_15_after_an_extension_or_a_restart(s):
    """Moved across that day after a 20-day extension, the request kept it (15 + 20 days); after a
    correction's restart, the restarted period kept its 20 days. Refused now, changing nothing."""
    st = staff(s)
    rid, _ = register(st, "2019-05-20")
    act(st, rid, "accept", on="2019-05-21")
    act(st, rid, "extend", on="2019-06-10", days="20", reasons="需要调取档案")
    refused(s, st, rid, "redate", 409, "分属2019年5月15日前后", received_on="2019-05-14")
    rid, _ = register(st, "2019-05-20")
    act(st, rid, "correction", on="2019-05-21", what="所需信息的名称")
    act(st, rid, "corrected", on="2019-05-23")
    refused(s, st, rid, "redate", 409, "分属2019年5月15日前后", received_on="2019-05-14")
    act(st, rid, "redate", received_on="2019-05-16", note="同一条例之内")


def test_no_receipt_date_before_the_first_regulation(s):
    """The first Regulation took effect on 2008-05-01: a request received before it has no periods
    (one registered, or redated, as 2007-12-31 was given 2008-01-22 as its due date)."""
    st = staff(s)
    r = st.post("requests/new", dict(PERSON, channel="registered-post", received_on="2008-04-30"))
    eq(r.status, 400, "registered before it")
    ok("不能早于2008年5月1日" in html.unescape(r.text), "says why")
    rid, _ = register(st, "2008-05-05")
    refused(s, st, rid, "redate", 400, "不能早于2008年5月1日", received_on="2007-12-31")
