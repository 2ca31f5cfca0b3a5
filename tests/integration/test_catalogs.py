"""The catalogs against their seed documents, and the pages that show them: the schema, the 7-day
limit on licensing and penalty decisions, each column's time limit, channels, manner and units,
the catalog page (目录), Shanwei's five fields, Yancheng's row 4, Lincang's item groups, the demo
data's bodies and values, and the migration of Shanwei's former codes."""
import html, json, os, re, subprocess, tempfile

import catalogs
from harness import BIN, TOP, eq, ok

# By hand from the seeds: the categories whose information is an administrative licensing decision
# (审批结果, 核准, 批复) or a penalty decision (行政处罚, 违法违规处罚), and nothing else: 7 days
# for every notice. README "Catalogs" gives the seed's words for each.
LICENSING_PENALTY = {
    "lincang": {"D03.C03", "D05.C05"},
    "yancheng": {"D02.C06", "D04.C01", "D05.C06", "D06.C05", "D07.C03"},
    "qinghai": {"D03.C03"},
    "zhejiang": {"D03.C03"},
    "shanwei": {"D05.C02"},
}
# Those that hold such decisions among other information (监督处罚信息 with 考核结果 and 违法失信行为记录,
# 审批核准备案 with 备案, 投诉处理 with 监督检查处理决定): each notice is due by its own kind, 20 days
# unless it is such a decision ("行政许可、行政处罚事项应自作出行政决定之日起7个工作日内上网公开").
SOME_DECISIONS = {
    "lincang": {"D04.C12", "D07.C01", "D07.C08"},
    "yancheng": {"D02.C01", "D05.C04"},
    "qinghai": {"D04.C05", "D06.C01"},
    "zhejiang": {"D06.C02"},
    "shanwei": {"D01.C01", "D02.C02"},
}


def esc(s):
    return html.escape(s, quote=False)


def main_of(page):
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_catalogs_valid_against_schema(s):
    rng = os.path.join(catalogs.DIR, "catalog.rng")
    for v in catalogs.VARIANTS:
        r = subprocess.run(["xmllint", "--noout", "--relaxng", rng, os.path.join(catalogs.DIR, v + ".xml")],
                           capture_output=True, text=True)
        eq(r.returncode, 0, f"{v} against catalog.rng: {r.stderr[-2000:]}")
        root = catalogs.load(v)
        defined = {c.get("name") for c in root.findall("channels/channel")}
        for node in [root] + [c for c, _ in catalogs.columns(v)]:
            for name in (node.get("channels") or "").split():
                ok(name in defined, f"{v} {node.get('code')}: channel {name} is described")
        for cat in root.iter("category"):
            codes = {i.get("code") for i in cat.findall("item")}
            for i in cat.findall("item[@part-of]"):
                ok(i.get("part-of") in codes, f"{v} {i.get('code')}: part of an item of its category")
    eq(s.ctl("catalog", "check").stdout.count("valid\n"), 5, "xxgkctl catalog check")


def test_licensing_and_penalty_decisions_have_seven_days(s):
    for v in catalogs.VARIANTS:
        expected = LICENSING_PENALTY[v]
        lp = catalogs.load(v).find("time-limits/time-limit[@kind='licensing-penalty']")
        eq(lp.get("days"), "7", f"{v}: the licensing-penalty rule")
        seen = set()
        for node, chain in catalogs.columns(v):
            code = node.get("code")
            decision = any(c.get("code") in expected for c in chain[1:])
            some = any(c.get("code") in SOME_DECISIONS[v] for c in chain[1:])
            eq(catalogs.limit_days(chain), 7 if decision else 20, f"{v} {code} {node.get('name')}")
            eq(catalogs.inherited(chain, "decisions"), "some" if some else None, f"{v} {code}: decisions of a kind")
            if code in expected | SOME_DECISIONS[v]:
                seen.add(code)
        eq(seen, expected | SOME_DECISIONS[v], f"{v}: every listed category exists")


def facts_of(page):
    return page.split('<dl class="column-facts">', 1)[1].split("</dl>", 1)[0]


def test_every_column_page_shows_its_limit_channels_manner_and_units(s):
    pages = 0
    for v in catalogs.VARIANTS:
        for node, chain in catalogs.columns(v):
            code = node.get("code")
            r = s.get(f"/xxgk/{v}/c/{code}")
            eq(r.status, 200, f"{v} {code}")
            facts = facts_of(r.text)
            ok(f'<span class="limit">{catalogs.limit_days(chain)}个工作日</span>' in facts, f"{v} {code}: time limit")
            both = '；其中行政许可、行政处罚决定<span class="limit">7个工作日</span>，自作出决定之日起' in facts
            eq(both, catalogs.inherited(chain, "decisions") == "some", f"{v} {code}: the decisions' 7 days beside")
            channels = facts.split("<dt>公开渠道</dt>", 1)[1].split("</dd>", 1)[0]
            for name in catalogs.channel_names(chain):
                ok(f">{esc(name)}<" in channels, f"{v} {code}: channel {name}")
            ok(f"<dt>公开方式</dt><dd>{catalogs.inherited(chain, 'manner')}</dd>" in facts, f"{v} {code}: manner")
            ok(f"<dt>监督渠道</dt><dd>{esc(catalogs.inherited(chain, 'supervision'))}</dd>" in facts,
               f"{v} {code}: supervision")
            for attr, label in [("lead", "牵头单位"), ("responsible", "责任单位"), ("body", "公开主体")]:
                unit = catalogs.inherited(chain, attr)
                if unit is not None:
                    ok(f"<dt>{label}</dt><dd>{esc(unit)}</dd>" in facts, f"{v} {code}: {label}")
            pages += 1
    ok(pages > 250, f"walked {pages} column pages")


def test_lost_digits_and_contradictions_are_shown(s):
    page = s.get("/xxgk/lincang/c/D04.C01").text
    ok("（按国家规定）" in facts_of(page) and "方案此处的天数在提取文本中缺失" in facts_of(page),
       "Lincang's 20 days: the national rule, the lost digits said")
    ok("原文缺字" in s.get("/xxgk/lincang/c/D04.C11").text, "Lincang D04.C11: the lost days of 验收结果")
    page = s.get("/xxgk/shanwei/c/D01").text
    ok("原文前后不一" in page and "市发展改革局" in page and "市发展改革委" in page, "Shanwei's two lead units")
    ok("<dt>工作完成时限</dt><dd>2018年12月底前完成（方案对本领域工作的要求）</dd>" in page,
       "2018年12月底前完成 shown as the field's work deadline")
    ok("（方案规定）" in facts_of(page), "Shanwei states its limits")


def test_catalog_page_lists_every_domain_category_item_and_unit(s):
    for v in catalogs.VARIANTS:
        r = s.get(f"/xxgk/{v}/catalog")
        eq(r.status, 200, v)
        root = catalogs.load(v)
        ok("\u200b" not in r.text, f"{v}: no invisible character in the names (a copied name is the catalog's)")
        main = main_of(r.text).replace('<span class="bp"></span>', "")  # where a long label may break, not text
        ok(f"<h1>{esc(root.get('name'))}</h1>" in main, f"{v}: the catalog's name")
        for d in root.findall("domain"):
            ok(f'<section class="catalog-domain" id="{d.get("code")}"' in main, f"{v}: domain {d.get('code')}")
        for node, chain in catalogs.columns(v):
            if node.tag != "category":
                continue
            row = main.split(f'<tr id="{node.get("code")}"', 1)[1].split("</tr>", 1)[0]
            ok(esc(node.get("name")) in row, f"{v} {node.get('code')}: name")
            for item in node.findall("item"):
                ok(f"<li>{esc(item.text)}" in row or f"<li>其中：{esc(item.text)}</li>" in row,
                   f"{v} {item.get('code')}: item {item.text}")
            ok(f'<span class="limit">{catalogs.limit_days(chain)}个工作日</span>' in row, f"{v} {node.get('code')}: limit")
            ok(catalogs.inherited(chain, "manner") in row, f"{v} {node.get('code')}: manner")
            for name in catalogs.channel_names(chain):
                ok(f">{esc(name)}<" in row, f"{v} {node.get('code')}: channel {name}")
        for node in root.iter():
            for attr in ("lead", "responsible", "body"):
                if node.get(attr):
                    ok(esc(node.get(attr)) in main, f"{v} {node.get('code')}: {attr}")
        for c in root.findall("channels/channel[@url]"):
            ok(f'<a href="{c.get("url")}">{esc(c.get("name"))}</a>' in main, f"{v}: link to {c.get('name')}")
        ok(f'href="/xxgk/{v}/catalog"' in r.text, f"{v}: linked from every page's header")


def test_shanwei_has_its_five_fields_in_order(s):
    main = main_of(s.get("/xxgk/shanwei/").text)
    ok("<h1>公共资源交易领域信息公开</h1>" in main, "the field as the document names it")
    ok("公共资源配置领域" not in main, "not another document's name")
    names = re.findall(r'<h2 id="d-D\d\d"><a href="[^"]+">([^<]+)</a></h2>', main)
    eq(names, ["工程建设项目招标投标", "政府采购", "国有土地使用权出让", "矿业权出让", "国有产权交易"], "二（三）1-5")
    ok("<h1>公共资源配置领域信息公开</h1>" in s.get("/xxgk/lincang/").text, "Lincang keeps its own wording")
    page = s.get("/xxgk/shanwei/c/D04.C02").text
    ok("<li>转让价格</li>" in page and "<li>交易价格</li>" in page, "prices are items of the transaction notice")
    for code in ["D04.C03", "D04.C04", "D03.C01.C01"]:
        eq(s.get(f"/xxgk/shanwei/c/{code}").status, 404, f"{code} is no column any more")


def test_yancheng_row_four_once_and_housing_first(s):
    page = s.get("/xxgk/yancheng/c/D02.C03").text
    ok("本类信息应公开的内容" not in page, "row 4 has no items of its own")
    subs = re.findall(r'<li><a href="/xxgk/yancheng/c/D02\.C03\.C0\d">([^<]+)</a></li>', page)
    eq(subs, ["招标公告", "资格审查结果", "中标候选人", "中标结果"], "row 4's notices")
    page = s.get("/xxgk/yancheng/c/D02.C03.C04").text
    ok("<li>中标价<ul><li>其中：暂估价</li><li>其中：暂列金额</li></ul></li>" in page,
       "暂估价 and 暂列金额 shown within 中标价")
    main = main_of(s.get("/xxgk/yancheng/").text)
    names = re.findall(r'<h2 id="d-D\d\d"><a href="[^"]+">([^<]+)</a></h2>', main)
    eq(names[0], "住房保障", "住房保障 first, as (一) of the main text")


def test_lincang_item_groups_are_shown(s):
    groups = {"D02.C02": [("出让土地基本信息", "宗地编号"), ("规划指标要求", "容积率")],
              "D03.C01": [("出让的采矿权基本情况", "采矿权项目名称")],
              "D10.C02": [("标的基本概况", "交易罚没财物品名")]}
    for code, pairs in groups.items():
        page = s.get(f"/xxgk/lincang/c/{code}").text
        for label, first in pairs:
            ok(f'<span class="group-label">{label}</span><ul><li>{first}</li>' in page, f"{code}: {label}")
    page = s.get("/xxgk/lincang/c/D04.C05").text
    ok('<li>入围价格<span class="condition">（协议供货、定点采购项目）</span></li>' in page, "an item's case")


def demo_notices(s):
    """The notices xxgkctl demo-data made (their document numbers), with site and category."""
    rows = s.sql("SELECT st.site_key, n.id, n.issuer, n.category_code, n.doc_number, n.body FROM notices n "
                 "JOIN sites st ON st.id = n.site_id WHERE st.site_key IN "
                 "('lincang','yancheng','qinghai','zhejiang','shanwei')")
    return [r for r in rows if re.fullmatch(r"浙?公资〔\d{4}〕\d+号", r[4])]


def test_demo_issuers_are_their_domains_units(s):
    notices = demo_notices(s)
    ok(len(notices) > 300, f"{len(notices)} demo notices")
    places = {"lincang": "临沧市", "yancheng": "盐城市", "qinghai": "青海省", "zhejiang": "浙江省", "shanwei": "汕尾市"}
    chains = {v: {n.get("code"): chain for n, chain in catalogs.columns(v)} for v in catalogs.VARIANTS}
    for key, nid, issuer, code, _, _ in notices:
        chain = chains[key][code]
        units = " ".join(filter(None, (n.get(a) for n in chain for a in ("lead", "responsible", "body"))))
        place = places[key]
        ok(issuer.startswith(place) or issuer in units, f"{key} notice {nid}: {issuer} is of {place}")
        if key == "zhejiang":  # the document names roles only: the province's departments hold them
            ok(re.fullmatch(r"浙江省\w+(厅|委员会|委)", issuer), f"zhejiang notice {nid}: {issuer}")
            continue
        unit = issuer[len(place) - 1:]  # 临沧市财政局 -> 市财政局
        ok(issuer in units or unit in units or unit[1:] in units, f"{key} notice {nid} in {code}: {issuer} not in {units}")
    for key in ["qinghai", "zhejiang"]:
        ok(not [n for n in notices if n[0] == key and n[2].endswith("局") and "管理局" not in n[2]
                and "监管局" not in n[2]], f"{key}: provincial departments are 厅, not 局")


def test_demo_notices_read_true(s):
    notices = demo_notices(s)
    leaves = {v: {n.get("code") for n, _ in catalogs.columns(v) if n.tag == "category" and n.find("category") is None}
              for v in catalogs.VARIANTS}
    for key, nid, _, code, _, body in notices:
        ok(code in leaves[key], f"{key} notice {nid}: filed on a leaf category, not {code}")
        ok("见下表" not in body and "日内向" not in body and "异议" not in body, f"{key} notice {nid}: body {body}")
    items = s.sql("SELECT i.label, i.value FROM notice_items i JOIN notices n ON n.id = i.notice_id "
                  "WHERE n.doc_number LIKE '%公资〔%'")
    kinds = [(lambda l: "专家名单" in l, r"(\w{2,3}（[^）]+）、){4}\w{2,3}（[^）]+）"),
             (lambda l: (l.endswith("金额") and "标准" not in l) or l in ("成交价格", "起始价", "转让底价", "中标价"), r"人民币\d+\.\d\d万元"),
             (lambda l: (l.endswith("日期") and "及" not in l) or l == "有效期止", r"\d{4}-\d\d-\d\d"),
             (lambda l: l in ("占地面积", "土地面积", "宗地总面积", "标的面积"), r"\d+\.\d\d平方米"),
             (lambda l: l.startswith("主要中标和成交标的"), r"[^人].*台，单价人民币\d+元")]
    checked = 0
    for label, value in items:
        for fits, pattern in kinds:
            if fits(label):
                ok(re.fullmatch(pattern, value), f"{label}: {value}")
                checked += 1
    ok(checked > 50, f"{checked} values checked by kind")
    with_items = s.sql("SELECT n.category_code, COUNT(i.item_code) FROM notices n JOIN sites st ON st.id = n.site_id "
                       "LEFT JOIN notice_items i ON i.notice_id = n.id WHERE st.site_key = 'lincang' "
                       "AND n.doc_number LIKE '公资〔%' GROUP BY n.id, n.category_code")
    cats = {c.get("code"): c for c in catalogs.load("lincang").iter("category")}
    for code, count in with_items:
        if cats[code].find("item") is not None:
            ok(int(count) > 0, f"lincang {code}: a notice of a category with items has items")


# The Shanwei catalog as it was before sql/020: the parts the migration maps.
OLD_SHANWEI = """<?xml version="1.0" encoding="UTF-8"?>
<catalog variant="shanwei" name="旧目录" jurisdiction="汕尾市" source="旧" version="1">
  <time-limits><time-limit kind="general" days="20">旧</time-limit></time-limits>
  <domain code="D03" name="国有土地使用权和矿业权出让">
    <category code="D03.C01" name="国有土地使用权出让"><category code="D03.C01.C02" name="出让公告"/></category>
    <category code="D03.C02" name="矿业权出让"><category code="D03.C02.C02" name="审批结果信息"/></category>
  </domain>
  <domain code="D04" name="国有产权交易">
    <category code="D04.C03" name="转让价格"/><category code="D04.C04" name="交易价格"/>
  </domain>
</catalog>
"""


def test_migration_moves_shanwei_notices_to_the_five_fields(s):
    tmp = tempfile.mkdtemp()
    os.makedirs(os.path.join(tmp, "catalogs"))
    with open(os.path.join(tmp, "catalogs", "shanwei.xml"), "w", encoding="utf-8") as f:
        f.write(OLD_SHANWEI)
    conf = os.path.join(s.var, "xxgk.conf")
    with open(conf, encoding="utf-8") as f:
        text = f.read()
    old_conf = os.path.join(tmp, "old.conf")
    with open(old_conf, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^xslt = .*$", f"xslt = {tmp}", text))
    key = "swmigrate"
    s.ctl("site", "add", key, "--variant", "shanwei", "--name", "汕尾迁移测试", "--org-code", "11441500MIGRATE020")
    olds = {"mig-1": "D03.C01", "mig-2": "D03.C01.C02", "mig-3": "D03.C02.C02", "mig-4": "D04.C03", "mig-5": "D04.C04"}
    notices = [{"external_id": ext, "title": f"迁移测试{ext}", "issuer": "汕尾市国土资源局", "formed_on": "2026-03-02",
                "published_at": "2026-03-10 09:00:00", "category": code, "body": "正文", "items": {}}
               for ext, code in olds.items()]
    path = os.path.join(tmp, "old.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": key, "notices": notices}, f, ensure_ascii=False)
    subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", old_conf, "import", path], cwd=TOP, env=s.env, check=True,
                   capture_output=True)
    demo_before = s.sql("SELECT n.id, n.category_code FROM notices n JOIN sites st ON st.id = n.site_id "
                        "WHERE st.site_key = 'shanwei' ORDER BY n.id")
    with open(os.path.join(TOP, "sql", "020_shanwei_five_fields.sql"), encoding="utf-8") as f:
        subprocess.run(["mariadb", "--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root", "xxgk"],
                       input=f.read(), text=True, check=True, capture_output=True)
    s.ctl("cache", "clear")
    moved = dict(s.sql(f"SELECT n.external_id, CONCAT(n.domain_code, ' ', n.category_code) FROM notices n "
                       f"JOIN sites st ON st.id = n.site_id WHERE st.site_key = '{key}'"))
    eq(moved, {"mig-1": "D03 D03", "mig-2": "D03 D03.C02", "mig-3": "D05 D05.C02", "mig-4": "D04 D04.C02",
               "mig-5": "D04 D04.C02"}, "the five fields' codes")
    cols = s.sql(f"SELECT c.column_code FROM notice_columns c JOIN notices n ON n.id = c.notice_id "
                 f"WHERE n.external_id = 'mig-3' AND n.site_id = (SELECT id FROM sites WHERE site_key = '{key}')")
    eq(sorted(c[0] for c in cols), ["*", "D05", "D05.C02"], "its column rows follow")
    ok("迁移测试mig-3" in s.get(f"/xxgk/{key}/c/D05.C02").text, "listed under 矿业权出让 › 审批结果信息")
    page = s.get(f"/xxgk/{key}/c/D04.C02").text
    ok("迁移测试mig-4" in page and "迁移测试mig-5" in page, "the price notices under 交易项目信息")
    ok("迁移测试mig-1" in s.get(f"/xxgk/{key}/c/D03").text, "the former field's own notice under its domain")
    eq(s.sql("SELECT n.id, n.category_code FROM notices n JOIN sites st ON st.id = n.site_id "
             "WHERE st.site_key = 'shanwei' ORDER BY n.id"), demo_before,
       "a site already on the new codes is left alone")


def test_catalog_page_in_a_browser(s):
    r = subprocess.run(["node", os.path.join(TOP, "tests", "browser", "scenario.mjs"), f"http://127.0.0.1:{s.port}",
                        "./catalog_page.mjs", s.var], cwd=os.path.join(TOP, "tests", "browser"),
                       capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"catalog_page: {r.stdout[-1500:]}{r.stderr[-1500:]}")
