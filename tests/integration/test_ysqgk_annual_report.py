"""A year of requests with known outcomes against the annual report's table counted by hand,
cell by cell, including the carry-over from and to the next year (a site of its own)."""
import csv, io

from console import Staff
from harness import eq, new_site, ok
from test_ysqgk_workflow import act, register

COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_annual_report_matches_hand_count(s):
    site = new_site(s, "shanwei", "report", users=("approver",), name="年报测试站", org_code="TEST0001")
    st = Staff(s, site, "approver")
    org = {"applicant_type": "organization", "org_code": "91530900MA6K000009", "legal_rep": "王强", "contact": "李明"}

    def person(day):
        return register(st, day)[0]

    def company(day, kind):
        fields = dict(org, org_kind=kind, name="某单位")
        fields.pop("id_number", None)
        return register(st, day, **fields)[0]

    # received in 2024, finished in 2025: carried in (person 2)
    a = person("2024-12-16"); act(st, a, "answer", on="2025-01-08", outcome="disclosed:")
    b = person("2024-12-20"); act(st, b, "answer", on="2025-01-10", outcome="not-disclosed:3")
    # received and finished in 2024: not in 2025 at all
    c = person("2024-11-04"); act(st, c, "answer", on="2024-11-20", outcome="disclosed:")
    # received in 2025 and finished in 2025
    d = person("2025-03-03"); act(st, d, "answer", on="2025-03-20", outcome="disclosed:")
    e = company("2025-03-03", "commercial"); act(st, e, "answer", on="2025-03-25", outcome="partly-disclosed:",
                                                 reasons="涉及商业秘密")
    f = company("2025-04-01", "research"); act(st, f, "answer", on="2025-04-15", outcome="cannot-provide:1")
    g = company("2025-05-06", "legal-services"); act(st, g, "answer", on="2025-05-20", outcome="not-processed:2")
    h = person("2025-06-03"); act(st, h, "withdraw", on="2025-06-05")                       # other 3
    i = company("2025-06-03", "public-interest"); act(st, i, "correction", on="2025-06-04", days="5", what="项目名称")
    act(st, i, "abandon")                                                                     # other 1 (closed today)
    j = company("2025-07-01", "other"); act(st, j, "fee_notice", on="2025-07-02", fee_method="by-volume", pages="40")
    act(st, j, "fee_unpaid")                                                                  # other 2 (closed today)
    # received in 2025, finished in 2026 or still open: carried out
    k = person("2025-12-22"); act(st, k, "answer", on="2026-01-05", outcome="disclosed:")
    l = company("2025-12-01", "commercial")                                                  # still open
    # received in 2026: not in 2025
    person("2026-01-05")

    r = s.ctl("report", "annual", "--site", site, "--year", "2025", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    eq(rows[0][1:], COLS, "columns")
    table = {row[0]: [int(x) for x in row[1:]] for row in rows[1:]}
    # abandonment and the unpaid fee were closed today (2026), so in 2025 they are still open:
    # i and j count as carried out of 2025, not in its results.
    # hand count, by column (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他):
    new = [3, 2, 1, 1, 1, 1]        # persons d h k; companies e l; research f; public-interest i; legal g; other j
    carried_in = [2, 0, 0, 0, 0, 0]  # a b
    disclosed = [2, 0, 0, 0, 0, 0]   # a d
    partly = [0, 1, 0, 0, 0, 0]      # e
    nd3 = [1, 0, 0, 0, 0, 0]         # b
    cp1 = [0, 0, 1, 0, 0, 0]         # f
    np2 = [0, 0, 0, 0, 1, 0]         # g
    other3 = [1, 0, 0, 0, 0, 0]      # h
    total = [4, 1, 1, 0, 1, 0]
    carried_out = [1, 1, 0, 1, 0, 1]  # k; l; i; j

    def with_total(v):
        return v + [sum(v)]

    eq(table["一、本年新收政府信息公开申请数量"], with_total(new), "一")
    eq(table["二、上年结转政府信息公开申请数量"], with_total(carried_in), "二")
    eq(table["（一）予以公开"], with_total(disclosed), "（一）")
    eq(table["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], with_total(partly), "（二）")
    eq(table["3.危及“三安全一稳定”"], with_total(nd3), "（三）3")
    eq(table["1.本机关不掌握相关政府信息"], with_total(cp1), "（四）1")
    eq(table["2.重复申请"], with_total(np2), "（五）2")
    eq(table["3.其他"], with_total(other3), "（六）3")
    eq(table["（七）总计"], with_total(total), "（七）")
    eq(table["四、结转下年度继续办理"], with_total(carried_out), "四")
    zero = [0] * 7
    for label, v in table.items():
        if label not in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
                         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3.危及“三安全一稳定”",
                         "1.本机关不掌握相关政府信息", "2.重复申请", "3.其他", "（七）总计", "四、结转下年度继续办理"):
            eq(v, zero, label)
    for c in range(7):
        n1, n2 = table["一、本年新收政府信息公开申请数量"][c], table["二、上年结转政府信息公开申请数量"][c]
        n3, n4 = table["（七）总计"][c], table["四、结转下年度继续办理"][c]
        eq(n1 + n2, n3 + n4, f"check rule in column {COLS[c]}")
    html = st.get("reports/annual?year=2025")
    eq(html.status, 200, "staff page")
    ok("勾稽关系核对：各列“一 + 二 = 三（七） + 四”均成立" in html.text, "the check shown")
    eq(len(rows), 26, "every row of the template")
