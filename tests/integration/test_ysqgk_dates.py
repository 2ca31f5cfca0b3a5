"""The date rules of the workflow (the table beside the transition table in ysqgk_workflow.c), one
test each: a step whose date contradicts the dates recorded before it is refused over HTTP with
the rule's reason and changes nothing stored; the first date the rule allows is accepted.
Dates are in 2025, counted on the official arrangement (清明 4-4..6, 劳动节 5-1..5, 端午 5-31..6-2,
国庆中秋 10-1..8 off; 9-28 and 10-11 make-up working days)."""
import datetime

from console import Staff
from harness import eq, fixture, new_site
from ysqgk_case import act, due, refused, register


def site(s):
    """A Yancheng-variant site of the module's own, with its approver and staff."""
    return fixture(s, "dates.site",
                   lambda s: new_site(s, "yancheng", "dates", users=("approver",)))


def staff(s):
    return Staff(s, site(s), "approver")


def test_rule_not_after_today(s):
    st = staff(s)
    rid, _ = register(st, "2025-04-01")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    refused(s, st, rid, "accept", 400, "不能晚于今天", on=tomorrow)


def test_rule_not_before_receipt(s):
    st = staff(s)
    rid, _ = register(st, "2025-04-01")
    refused(s, st, rid, "accept", 409, "不能早于收到申请之日（2025-04-01）", on="2025-03-31")


def test_rule_not_before_the_previous_step(s):
    st = staff(s)
    rid, _ = register(st, "2025-04-01")
    act(st, rid, "accept", on="2025-04-10")
    refused(s, st, rid, "answer", 409, "不能早于上一个办理步骤的日期（2025-04-10）", on="2025-04-09", outcome="disclosed:")
    act(st, rid, "answer", on="2025-04-10", outcome="disclosed:")


def test_rule_abandoned_only_after_the_correction_period(s):
    st = staff(s)
    rid, _ = register(st, "2025-05-06")
    act(st, rid, "correction", on="2025-05-07", days="15", what="项目名称")
    # 5-8 = 1, 5-9 = 2, 5-12..16 = 3..7, 5-19..23 = 8..12, 5-26..28 = 13..15
    eq(due(s, rid, "correction"), "2025-05-28", "the correction period")
    refused(s, st, rid, "abandon", 409, "补正期限至2025-05-28，期限届满后才能认定", on="2025-05-28")
    act(st, rid, "abandon", on="2025-05-29")


def test_rule_corrected_not_before_the_correction_notice(s):
    st = staff(s)
    rid, _ = register(st, "2025-03-03")
    act(st, rid, "correction", on="2025-03-10", what="项目名称")
    refused(s, st, rid, "corrected", 409, "收到补正之日不能早于告知补正之日（2025-03-10）", on="2025-03-07")
    act(st, rid, "corrected", on="2025-03-10")


def test_rule_fee_notice_only_before_the_reply_deadline(s):
    st = staff(s)
    rid, _ = register(st, "2025-08-04")  # due 9-01
    refused(s, st, rid, "fee_notice", 409, "答复期限至2025-09-01，收费通知应在答复期限届满前发出", on="2025-09-02",
            fee_method="by-volume", pages="120")
    act(st, rid, "fee_notice", on="2025-09-01", fee_method="by-volume", pages="120")


def test_rule_fee_paid_not_before_the_fee_notice(s):
    st = staff(s)
    rid, _ = register(st, "2025-08-04")
    act(st, rid, "fee_notice", on="2025-08-11", fee_method="by-volume", pages="40")
    refused(s, st, rid, "fee_paid", 409, "缴费之日不能早于发出收费通知之日（2025-08-11）", on="2025-08-08")
    act(st, rid, "fee_paid", on="2025-08-11")


def test_rule_fee_unpaid_only_after_the_payment_period(s):
    st = staff(s)
    rid, _ = register(st, "2025-08-04")
    act(st, rid, "fee_notice", on="2025-08-11", fee_method="by-volume", pages="40", until="2025-09-08")
    refused(s, st, rid, "fee_unpaid", 409, "缴费期限至2025-09-08，期限届满后才能认定逾期未缴费", on="2025-09-08")
    act(st, rid, "fee_unpaid", on="2025-09-09")


def test_rule_extension_only_before_the_reply_deadline(s):
    st = staff(s)
    rid, _ = register(st, "2025-11-03")  # due 12-01
    refused(s, st, rid, "extend", 409, "答复期限（2025-12-01）已过，不能再延长", on="2025-12-02", days="10",
            reasons="需要调取档案")
    act(st, rid, "extend", on="2025-12-01", days="10", reasons="需要调取档案")


def test_rule_third_party_receipt_not_before_the_letter(s):
    st = staff(s)
    rid, _ = register(st, "2025-06-03")
    act(st, rid, "consult", on="2025-06-10", third_party="某建设工程有限公司")
    refused(s, st, rid, "consult_received", 409, "第三方收到征求意见书之日不能早于发出之日（2025-06-10）", on="2025-06-09")
    act(st, rid, "consult_received", on="2025-06-10")


def test_rule_no_answer_needs_the_third_partys_receipt(s):
    st = staff(s)
    rid, _ = register(st, "2025-06-03")
    act(st, rid, "consult", on="2025-06-10", third_party="某建设工程有限公司")
    refused(s, st, rid, "consult_end", 409, "请先登记第三方收到的日期", on="2025-07-15", answer="none")


def test_rule_no_answer_only_after_the_third_partys_period(s):
    st = staff(s)
    rid, _ = register(st, "2025-06-03")
    act(st, rid, "consult", on="2025-06-10", third_party="某建设工程有限公司")
    act(st, rid, "consult_received", on="2025-06-16")
    # 15 working days from 6-16: 6-17..20 = 1..4, 6-23..27 = 5..9, 6-30 = 10, 7-1..4 = 11..14, 7-7 = 15
    refused(s, st, rid, "consult_end", 409, "第三方提出意见的期限至2025-07-07，期限届满后才能认定第三方逾期未提出意见",
            on="2025-07-07", answer="none")
    act(st, rid, "consult_end", on="2025-07-08", answer="none")


def test_rule_later_reply_date_needs_reasons_asked(s):
    st = staff(s)
    rid, _ = register(st, "2025-07-01")
    refused(s, st, rid, "art35_later", 409, "须先要求申请人说明理由", on="2025-07-10", until="2025-09-01",
            reasons="申请数量较多")
    act(st, rid, "art35_reasons", on="2025-07-10")
    refused(s, st, rid, "art35_later", 409, "确定延迟答复期限之日不能早于要求说明理由之日（2025-07-10）", on="2025-07-09",
            until="2025-09-01", reasons="申请数量较多")


def test_rule_excessive_not_processed_needs_reasons_asked(s):
    st = staff(s)
    rid, _ = register(st, "2025-07-01")
    refused(s, st, rid, "answer", 409, "须先要求申请人说明理由（条例第三十五条）", on="2025-07-10",
            outcome="not-processed:4")
    act(st, rid, "art35_reasons", on="2025-07-10")
    act(st, rid, "answer", on="2025-07-25", outcome="not-processed:4")

