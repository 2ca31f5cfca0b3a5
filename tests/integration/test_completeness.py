"""Completeness: `xxgkctl notices incomplete` reports exactly the required content items a notice
lacks, in its site's catalog variant's own wording. Notices enter through `xxgkctl import` (JSON),
each variant on a fresh site so that nothing else is listed. The expected labels are typed in by
hand from the catalog definitions (xslt/catalogs/*.xml, themselves from the seed documents)."""
import csv, io

from harness import eq, import_notices, new_site, ok

# variant: (category, number of items the category has, the two left out: {code: label as worded})
CASES = {
    # 临沧 成交公示信息: 地块编号、地块位置、土地面积、土地用途、出让年限、成交价格、受让单位
    "lincang": ("D02.C03", 7, {"D02.C03.I02": "地块位置", "D02.C03.I03": "土地面积"}),
    # 青海 成交公示信息 (the same category, its own fields): 地块编号、位置界址、土地用途、标的面积、空间范围、…
    "qinghai": ("D02.C03", 8, {"D02.C03.I02": "位置界址", "D02.C03.I05": "空间范围"}),
    # 浙江 农村危房改造相关政策措施执行情况信息: 农村危房改造政策、对象认定过程、补助资金分配、改造结果
    "zhejiang": ("D01.C01.C04", 4, {"D01.C01.C04.I02": "对象认定过程", "D01.C01.C04.I03": "补助资金分配"}),
    # 盐城 附件1 第4项 中标候选人: … 可以公开的评标情况、项目负责人姓名 …
    "yancheng": ("D02.C03.C03", 10, {"D02.C03.C03.I05": "可以公开的评标情况", "D02.C03.C03.I06": "项目负责人姓名"}),
    # 汕尾 中标候选人: … 评标情况、项目负责人 …
    "shanwei": ("D01.C04", 10, {"D01.C04.I05": "评标情况", "D01.C04.I06": "项目负责人"}),
}

HEADER = ["编号", "索引号", "状态", "标题", "类别代码", "信息类别", "缺少项数", "缺少的公开内容", "缺少项代码"]


def codes(category, n):
    return [f"{category}.I{i:02d}" for i in range(1, n + 1)]


def notice(ext, title, category, items, **kw):
    n = {"external_id": ext, "title": title, "issuer": "完整性测试单位", "formed_on": "2026-03-02",
         "published_at": "2026-03-10 09:00:00", "category": category, "body": "正文", "items": items}
    n.update(kw)
    return n


def incomplete_csv(s, site):
    r = s.ctl("notices", "incomplete", "--site", site, "--format", "csv")
    eq(r.returncode, 0, "exit code")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    eq(rows[0], HEADER, "CSV header")
    return rows[1:]


def id_of(s, site, ext):
    return s.sql(f"SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id "
                 f"WHERE st.site_key = '{site}' AND n.external_id = '{ext}'")[0][0]


def test_missing_items_in_each_variants_wording(s):
    for variant, (category, count, left_out) in CASES.items():
        site = new_site(s, variant, "cpl", name=f"完整性测试（{variant}）", org_code="CPL" + variant[:2].upper())
        all_codes = codes(category, count)
        for c in left_out:
            ok(c in all_codes, f"{c} is one of the category's items")
        first, second = sorted(left_out)
        # one of the two is not given at all, the other only white space (ideographic and ASCII)
        items = {c: f"内容{i}" for i, c in enumerate(all_codes) if c not in left_out}
        items[second] = "\u3000 \u3000"
        complete = {c: f"内容{i}" for i, c in enumerate(all_codes)}
        import_notices(s, site, [notice("cpl-1", "缺两项的公告", category, items),
                              notice("cpl-2", "完整的公告", category, complete)])
        rows = incomplete_csv(s, site)
        eq(len(rows), 1, f"{variant}: only the incomplete notice is listed: {rows}")
        row = rows[0]
        eq(row[0], id_of(s, site, "cpl-1"), f"{variant}: id")
        ok(row[1].startswith("CPL"), f"{variant}: 索引号 {row[1]}")
        eq(row[2], "已发布", f"{variant}: status")
        eq(row[3], "缺两项的公告", f"{variant}: title")
        eq(row[4], category, f"{variant}: category code")
        eq(row[6], "2", f"{variant}: two items missing")
        eq(row[7], f"{left_out[first]}；{left_out[second]}", f"{variant}: the missing items in the variant's wording")
        eq(row[8], f"{first};{second}", f"{variant}: their codes")
        # the text form says the same
        text = s.ctl("notices", "incomplete", "--site", site).stdout
        ok(f"缺少 2 项（共 {count} 项）：{left_out[first]}；{left_out[second]}\n" in text, f"{variant}: text: {text}")
        ok("缺两项的公告" in text and "完整的公告" not in text, f"{variant}: text lists only the incomplete one")
        ok(text.rstrip().endswith("1 条草稿或已发布的信息缺少应公开的内容项"), f"{variant}: summary: {text}")


def test_drafts_are_checked_and_filling_in_clears_them(s):
    site = new_site(s, "qinghai", "cpl", name="完整性测试（草稿）", org_code="CPLDR")
    # a draft with no items at all: all eight of 青海 成交公示信息, in the catalog's order
    import_notices(s, site, [notice("d-1", "草稿公告", "D02.C03", {}, status="draft", published_at=None)])
    rows = incomplete_csv(s, site)
    eq(len(rows), 1, "one draft")
    eq(rows[0][1], "", "a draft has no 索引号 yet")
    eq(rows[0][2], "草稿", "status")
    eq(rows[0][7], "地块编号；位置界址；土地用途；标的面积；空间范围；出让年限；成交价格；受让单位", "all eight, in order")
    text = s.ctl("notices", "incomplete", "--site", site).stdout
    ok("（未发布，无索引号）" in text and "缺少 8 项（共 8 项）" in text, text)
    # the CMS sends the notice again with every item: nothing is missing any more
    full = {c: "已填" for c in codes("D02.C03", 8)}
    import_notices(s, site, [notice("d-1", "草稿公告", "D02.C03", full, status="draft", published_at=None)])
    eq(incomplete_csv(s, site), [], "complete now")
    ok("0 条草稿或已发布的信息缺少应公开的内容项" in s.ctl("notices", "incomplete", "--site", site).stdout, "text summary")


def test_command_errors(s):
    r = s.ctl("notices", "--help")
    ok(r.stdout.startswith("usage: xxgkctl notices") and "incomplete --site SITE" in r.stdout, r.stdout)
    eq(s.ctl("notices", "incomplete", check=False).returncode, 2, "no --site")
    r = s.ctl("notices", "incomplete", "--site", "no-such-site", check=False)
    eq(r.returncode, 2, "unknown site")
    ok("no site no-such-site" in r.stderr, r.stderr)
    eq(s.ctl("notices", "incomplete", "--site", "lincang", "--format", "xml", check=False).returncode, 2, "bad format")
    eq(s.ctl("notices", "frobnicate", check=False).returncode, 2, "unknown subcommand")
    # a demo site: every listed notice misses at least one item and says how many
    for row in incomplete_csv(s, "lincang"):
        ok(int(row[6]) == len(row[7].split("；")) >= 1, f"demo row {row}")
