"""The whole annual report (国办公开办函〔2021〕30号) for a year seeded here, per body and per site, in
HTML, CSV and XLSX: every label of sections 二, 三 and 四 in the template's order, the check rules,
the staff's text of 一, 五 and 六, figures entered marked as such, reviews and suits counted in
their columns, the fees collected, and the report made a draft notice."""
import datetime, html, io, os, re, subprocess, urllib.parse, zipfile
import xml.etree.ElementTree as ET

import harness
from console import Staff
from harness import eq, fixture, import_notices, new_site, ok
from test_ysqgk_annual_report import csv_sections, requests_table
from test_ysqgk_workflow import act, register

FIN, LAND = "年报测试市财政局", "年报测试市自然资源局"

# The template's labels, in order (REGULATIONS.md "Annual report", the form's wording).
SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
LABELS_2 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
            "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可",
            "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "行政强制",
            "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费"]
LABELS_3 = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
            "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密",
            "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
            "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息",
            "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请",
            "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计",
            "四、结转下年度继续办理"]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
LABELS_4 = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"] + RESULTS * 3

OVERVIEW = "2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"
PROBLEMS = "一是公开内容不够全面；二是解读回应有待加强。"
OTHER = "本机关未收取行政事业性收费以外的其他费用。"


def in_order(text, labels, what):
    at = 0
    for label in labels:
        i = text.find(label, at)
        ok(i >= 0, f"{what}: {label!r} after position {at}")
        at = i + len(label)


def doc(ext, issuer, kind, formed, **kw):
    return {"external_id": ext, "title": f"年报文件{ext}", "issuer": issuer, "formed_on": formed,
            "category": "D04.C01", "body": "正文", "published_at": formed + " 10:00:00", "document_kind": kind, **kw}


def seed(s):
    """A site with two bodies, a year (2025) of documents, requests, reviews and a paid fee."""
    site = new_site(s, "lincang", "annual", users=("approver", "staff"), bodies=(FIN, LAND), name="年报全表测试站",
                    org_code="ANNUAL01")
    import_notices(s, site, [
        doc("R1", FIN, "rule", "2025-03-03"),                                   # made, in force
        doc("N1", FIN, "normative", "2023-05-04", repealed_on="2025-06-02"),     # repealed in 2025
        doc("N2", FIN, "normative", "2024-05-06"),                              # in force
        doc("N3", FIN, "normative", "2026-01-05"),                              # next year's
        doc("L1", FIN, "licensing", "2025-04-01"), doc("L2", FIN, "licensing", "2025-04-02"),
        doc("L0", FIN, "licensing", "2024-12-02"),                              # last year's
        doc("P1", FIN, "penalty", "2025-05-06"), doc("E1", FIN, "enforcement", "2025-05-07"),
        doc("R2", LAND, "rule", "2025-07-01"),
        doc("X1", LAND, "other", "2025-07-01"),
    ])
    st = Staff(s, site, "approver")
    a = register(st, "2025-03-03")[0]                          # FIN's, disclosed
    act(st, a, "assign", body=FIN)
    act(st, a, "answer", on="2025-03-20", outcome="disclosed:")
    b = register(st, "2025-03-04")[0]                          # the receiving office's, not disclosed
    act(st, b, "answer", on="2025-03-21", outcome="not-disclosed:1")
    c = register(st, "2025-07-01")[0]                          # the office's, with a fee paid
    act(st, c, "fee_notice", on="2025-07-02", fee_method="by-volume", pages="40")
    act(st, c, "fee_paid", on="2025-07-10")
    act(st, c, "answer", on="2025-07-15", outcome="disclosed:")
    ids = {"a": a, "b": b, "c": c}
    bodies = dict(s.sql(f"SELECT b.name, b.id FROM bodies b JOIN sites t ON t.id = b.site_id WHERE t.site_key = '{site}'"))
    return site, ids, bodies


def review(st, rid, expect=303, **fields):
    r = st.post(f"requests/{rid}/reviews", fields)
    eq(r.status, expect, f"review: {r.text[:300] if r.status != expect else ''}")
    return r


def seeded(s):
    def make(s):
        site, ids, bodies = seed(s)
        st = Staff(s, site, "approver")
        # FIN's request: a review corrected in 2025; a suit filed in 2025 and still pending
        review(st, ids["a"], kind="review", filed_on="2025-04-01", decided_on="2025-05-06", result="corrected")
        review(st, ids["a"], kind="suit", filed_on="2025-06-02", result="pending")
        # the office's: a suit after review, upheld in 2025; a review decided in 2026 (pending at 2025's end)
        review(st, ids["b"], kind="suit-after-review", filed_on="2025-04-07", decided_on="2025-09-01", result="upheld")
        review(st, ids["b"], kind="review", filed_on="2025-12-01", decided_on="2026-01-05", result="other")
        return site, ids, bodies
    return fixture(s, "annual-whole", make)


def reviews_row(text):
    rows = csv_sections(text)["四、政府信息公开行政复议、行政诉讼情况（单位：件）"]
    eq(rows[2], RESULTS * 3, "the fifteen result columns")
    return [int(x) for x in rows[3]]


def test_reviews_recorded_from_the_request_page(s):
    site, ids, _ = seeded(s)
    st = Staff(s, site, "approver")
    page = st.get(f"requests/{ids['a']}").text
    ok("行政复议和行政诉讼" in page and "结果纠正" in page and "尚未审结" in page, "shown on the request")
    before = s.sql(f"SELECT COUNT(*) FROM request_reviews WHERE request_id = {ids['a']}")
    # a result without its date, a decision before the filing, a filing before the receipt: refused
    for bad in ({"kind": "review", "filed_on": "2025-04-01", "result": "upheld"},
                {"kind": "review", "filed_on": "2025-04-01", "decided_on": "2025-03-01", "result": "upheld"},
                {"kind": "review", "filed_on": "2025-01-01", "result": "pending"},
                {"kind": "appeal", "filed_on": "2025-04-01", "result": "pending"}):
        review(st, ids["a"], expect=400, **bad)
    eq(s.sql(f"SELECT COUNT(*) FROM request_reviews WHERE request_id = {ids['a']}"), before, "nothing stored")
    audit = s.sql(f"SELECT action FROM audit_log WHERE subject = 'request' AND subject_id = {ids['a']} "
                  f"AND action LIKE 'request.review%'")
    eq(audit, [["request.review_add"], ["request.review_add"]], "each record audited")


def test_section_four_counts_by_scope(s):
    site, ids, bodies = seeded(s)
    site_row = reviews_row(s.ctl("report", "annual", "--site", site, "--year", "2025", "--format", "csv").stdout)
    # review: corrected 1 (FIN), pending 1 (the office's, decided only in 2026); suit: pending 1 (FIN);
    # suit after review: upheld 1 (the office's)
    eq(site_row, [0, 1, 0, 1, 2, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1], "the site's section 四")
    fin_row = reviews_row(s.ctl("report", "annual", "--body", FIN, "--site", site, "--year", "2025",
                                "--format", "csv").stdout)
    eq(fin_row, [0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], "FIN's section 四")
    nxt = reviews_row(s.ctl("report", "annual", "--site", site, "--year", "2026", "--format", "csv").stdout)
    eq(nxt[0:5], [0, 0, 1, 0, 1], "2026: the review decided that year, as 其他结果")
    eq(nxt[5:10], [0, 0, 0, 1, 1], "2026: the suit still pending")


def test_sections_per_body_and_site_csv(s):
    site, ids, bodies = seeded(s)
    out = s.ctl("report", "annual", "--body", FIN, "--site", site, "--year", "2025", "--format", "csv").stdout
    in_order(out, LABELS_2 + LABELS_3 + LABELS_4, "FIN's CSV labels")
    sec = csv_sections(out)
    two = {r[0]: r[1:] for r in sec["二、主动公开政府信息情况"] if len(r) > 1}
    eq(two["规章"], ["1", "0", "1"], "FIN: 规章 made, repealed, in force")
    eq(two["行政规范性文件"], ["0", "1", "1"], "FIN: normative made 0, N1 repealed, N2 in force")
    eq(two["行政许可"], ["2", "系统统计"], "licensing from the notices (L0 is 2024's)")
    eq(two["行政处罚"][0], "1", "penalty")
    eq(two["行政强制"][0], "1", "enforcement")
    rows, table = requests_table(out)
    eq(table["一、本年新收政府信息公开申请数量"][6], 1, "FIN received one request")
    eq(table["1.属于国家秘密"][6], 0, "the office's answer is not FIN's")
    ok(["勾稽关系核对（一 + 二 = 三（七） + 四）", "各列均成立"] in rows, "the check rule")
    for group in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        ok([group] in rows, f"group label {group} on a row of its own")
    site_out = s.ctl("report", "annual", "--site", site, "--year", "2025", "--format", "csv").stdout
    in_order(site_out, LABELS_2 + LABELS_3 + LABELS_4, "the site's CSV labels")
    two = {r[0]: r[1:] for r in csv_sections(site_out)["二、主动公开政府信息情况"] if len(r) > 1}
    eq(two["规章"], ["2", "0", "2"], "the site: R1 and R2")
    _, table = requests_table(site_out)
    eq(table["一、本年新收政府信息公开申请数量"][6], 3, "the site received three")
    eq(table["（一）予以公开"][6], 2, "a and c disclosed")
    eq(table["1.属于国家秘密"][6], 1, "b")
    sec = csv_sections(site_out)
    eq(list(sec), SECTIONS[:2] + [SECTIONS[2] + "（单位：件）", SECTIONS[3] + "（单位：件）"] + SECTIONS[4:], "sections")
    eq(sec["一、总体情况"], [["（尚未填写）"]], "一 not written yet")
    eq(sec["六、其他需要报告的事项"][1], ["本年度收取政府信息公开信息处理费1件，共100元（0.0100万元）。"], "fees in 六")


def test_staff_text_entered_figures_html_and_notice(s):
    site, ids, bodies = seeded(s)
    st = Staff(s, site, "approver")
    # LAND's report: no other test writes into it
    q = urllib.parse.urlencode({"year": 2025, "scope": "body", "body": bodies[LAND]})
    r = st.post(f"reports/annual?{q}", {"overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER,
                                        "fees_wan": "12.5", "licensing": "5", "penalty": "", "enforcement": ""})
    eq(r.status, 303, f"saved: {r.text[:200]}")
    clerk = Staff(s, site, "staff")
    ok('name="overview"' not in clerk.get(f"reports/annual?{q}").text, "staff read the report without the form")
    eq(clerk.post(f"reports/annual?{q}", {"overview": "改"}).status, 403, "only approvers and admins write it")
    bad = st.post(f"reports/annual?{q}", {"overview": "改", "fees_wan": "十二万"})
    eq(bad.status, 400, "fees not a figure")
    html = st.get(f"reports/annual?{q}")
    eq(html.status, 200, "page")
    text = re.sub(r"<[^>]+>", "", html.text)
    in_order(text, SECTIONS, "sections in order")
    in_order(text, [SECTIONS[0], OVERVIEW, SECTIONS[1]] + LABELS_2 + [SECTIONS[2]] + LABELS_3 + [SECTIONS[3]] +
             LABELS_4 + [SECTIONS[4], PROBLEMS, SECTIONS[5], OTHER, "本年度收取政府信息公开信息处理费0件"], "HTML")
    ok("勾稽关系核对：各列“一 + 二 = 三（七） + 四”均成立" in text, "check rule 三")
    ok("勾稽关系核对：各组“总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结”均成立" in text, "check rule 四")
    ok("5（填报）" in text and "12.5（填报）" in text, "entered figures marked")
    ok(re.search(r"行政处罚</th><td[^>]*>0<", html.text), "a figure left empty comes from the notices")
    ok(re.search(r"规章</th><td>1</td><td>0</td><td>1</td>", html.text), "LAND's rule R2")
    row = s.sql(f"SELECT id FROM annual_reports WHERE scope = 'body:{bodies[LAND]}' AND year = 2025")[0][0]
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE action = 'annual_report.set' AND subject_id = {row}"), [["1"]],
       "audited once (the refused post wrote nothing)")
    sec = csv_sections(st.get(f"reports/annual?{q}&format=csv").text)
    eq(sec["一、总体情况"], [[OVERVIEW]], "一 in the CSV")
    eq(sec["五、存在的主要问题及改进情况"], [[PROBLEMS]], "五 in the CSV")
    eq(sec["六、其他需要报告的事项"][0], [OTHER], "六 in the CSV")
    # the site's report has its own text: FIN's is not in it
    site_html = st.get("reports/annual?year=2025").text
    ok(OVERVIEW not in site_html and "（尚未填写）" in site_html, "a site's text is its own")
    # the draft notice
    r = st.post(f"reports/annual/notice?{q}", {"category": "D04.C01"})
    eq(r.status, 303, f"draft notice: {r.text[:200]}")
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    title, status, issuer, body = s.sql(f"SELECT title, status, issuer, body FROM notices WHERE id = {nid}")[0]
    eq((title, status, issuer), (f"{LAND}2025年度政府信息公开工作年度报告", "draft", LAND), "the draft")
    ok(OVERVIEW in body and "行政规范性文件" in body, "the report's text in the draft")
    ok(f"notices/{nid}" in st.get(f"reports/annual?{q}").text, "the report links its draft")


def xlsx_sheets(data):
    """{sheet name: rows of cell texts} read with zipfile and the XML of the workbook."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
        target = rels[sheet.get(rel)].lstrip("/")
        root = ET.fromstring(z.read(target if target.startswith("xl/") else "xl/" + target))
        rows = []
        for row in root.iter(f"{{{ns['m']}}}row"):
            cells = []
            for c in row.findall("m:c", ns):
                v = c.find("m:v", ns)
                cells.append(shared[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else ""))
            rows.append(cells)
        out[sheet.get("name")] = rows
    return out


def test_xlsx_per_body_and_site(s):
    site, ids, bodies = seeded(s)
    st = Staff(s, site, "approver")
    r = st.get(f"reports/annual?year=2025&scope=body&body={bodies[FIN]}&format=xlsx")
    eq(r.status, 200, "XLSX from the page")
    eq(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "type")
    sheets = xlsx_sheets(r.body)
    eq(list(sheets), ["一 总体情况", "二 主动公开", "三 依申请公开", "四 复议诉讼", "五 问题和改进", "六 其他事项"],
       "a sheet per part")
    eq(sheets["一 总体情况"][1], ["（尚未填写）"], "一 as staff left it")
    eq(sheets["六 其他事项"][2], ["本年度收取政府信息公开信息处理费0件，共0元（0.0000万元）。"], "六 with the fees")
    flat = lambda name: "\n".join("\t".join(row) for row in sheets[name])
    in_order(flat("二 主动公开"), LABELS_2, "XLSX 二")
    in_order(flat("三 依申请公开"), LABELS_3 + ["各列均成立"], "XLSX 三")
    in_order(flat("四 复议诉讼"), LABELS_4 + ["各组均成立"], "XLSX 四")
    four = sheets["四 复议诉讼"]
    eq([float(x) for x in four[4]], [0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], "FIN's section 四 as numbers")
    x = subprocess.run([os.path.join(harness.BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "report",
                        "annual", "--site", site, "--year", "2025", "--format", "xlsx"],
                       cwd=harness.TOP, env=s.env, capture_output=True, check=True)
    site_x = xlsx_sheets(x.stdout)
    rows = {row[0]: row[1:] for row in site_x["三 依申请公开"] if row}
    eq(float(rows["一、本年新收政府信息公开申请数量"][6]), 3.0, "the site's XLSX counts")


def test_all_sites_and_command_errors(s):
    site, _, _ = seeded(s)
    r = s.ctl("report", "annual", "--all", "--year", "2025", "--format", "csv")
    eq(r.returncode, 0, "the install's report")
    _, table = requests_table(r.stdout)
    ok(table["一、本年新收政府信息公开申请数量"][6] >= 3, "counts every site's requests")
    ok("全部站点2025年度政府信息公开工作年度报告" in r.stdout, "titled for the install")
    for scope in (["--all"], ["--body", FIN, "--site", site]):
        html = s.ctl("report", "annual", *scope, "--year", "2025", "--format", "html").stdout
        in_order(re.sub(r"<[^>]+>", "", html), SECTIONS, f"the printable page of {scope}")
        ok('name="overview"' not in html, "no staff form on the command's page")
    text = s.ctl("report", "annual", "--body", FIN, "--site", site, "--year", "2025").stdout
    in_order(text, SECTIONS, "the text report")
    for args in (["--year", "2025"], ["--site", site, "--all", "--year", "2025"],
                 ["--site", site, "--body", "没有的机关", "--year", "2025"], ["--site", site, "--year", "25"]):
        eq(s.ctl("report", "annual", *args, check=False).returncode, 2, f"refused: {args}")
    st = Staff(s, site, "approver")
    eq(st.get("reports/annual?year=2025&scope=all").status, 403, "a site's staff do not see the install's")


def test_an_unfinished_year_says_so_and_a_later_year_is_refused(s):
    """This year's report (the page's default) says the year has not ended and as of which day it
    counts, on the page, in the exports and from the command; a later year has no report (it gave
    one, with a carry-over from a year not yet over)."""
    site, _, _ = seeded(s)
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    y = today.year
    note = f"本年度尚未结束：本报告为截至{y}年{today.month}月{today.day}日的数据"
    st = Staff(s, site, "approver")
    page = st.get("reports/annual")
    eq(page.status, 200, page.text[:300])
    ok(f"{y}年度政府信息公开工作年度报告" in page.text and note in page.text, "the page, this year by default")
    ok(note in st.get(f"reports/annual?year={y}&format=csv").body.decode("utf-8-sig"), "the CSV")
    eq(xlsx_sheets(st.get(f"reports/annual?year={y}&format=xlsx").body)["一 总体情况"][1][0][:len(note)], note, "the XLSX")
    for fmt in ("text", "csv", "html"):
        ok(note in s.ctl("report", "annual", "--site", site, "--year", str(y), "--format", fmt).stdout, f"xxgkctl {fmt}")
    ok("本年度尚未结束" not in st.get(f"reports/annual?year={y - 1}").text, "a year that has ended says nothing")
    ok("本年度尚未结束" not in s.ctl("report", "annual", "--site", site, "--year", str(y - 1), "--format", "csv").stdout,
       "nor from the command")
    for later in (y + 1, 2099):
        r = st.get(f"reports/annual?year={later}")
        eq(r.status, 400, f"{later} refused")
        ok(f"{later}年尚未开始" in html.unescape(r.text) and "上年结转" not in r.text, r.text[-600:])
        eq(st.get(f"reports/annual?year={later}&format=csv").status, 400, f"{later}: no CSV")
        eq(st.post(f"reports/annual?year={later}", {"overview": "写给未来"}).status, 400, f"{later}: no text saved")
        r = s.ctl("report", "annual", "--site", site, "--year", str(later), "--format", "csv", check=False)
        ok(r.returncode == 2 and f"{later} has not begun" in r.stderr and r.stdout == "", r.stderr)
