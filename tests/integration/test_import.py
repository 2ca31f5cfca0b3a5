"""xxgkctl import of CMS exports (cms-integration/IMPORT.md): a TRS-shaped CSV and a Hanweb-shaped
XLSX through mapping files, in UTF-8 and GB18030; --dry-run; drafts for incomplete notices;
importing again updates; attachments from beside the export; errors that store nothing."""
import hashlib, json, os, shutil, tempfile

from console import Staff
from harness import TOP, eq, import_notices, ok
from harness import new_site as harness_new_site

FIX = os.path.join(TOP, "tests", "integration", "fixtures", "import")


def new_site(s, key):
    s.ctl("site", "add", key, "--variant", "lincang", "--name", f"导入测试 {key}", "--org-code", key.upper())
    return s.sql(f"SELECT id FROM sites WHERE site_key = '{key}'")[0][0]


def copy_fixtures():
    d = os.path.join(tempfile.mkdtemp(), "export")
    shutil.copytree(FIX, d)
    return d


def notices(s, site_id):
    rows = s.sql(f"SELECT external_id, status, COALESCE(index_no, ''), COALESCE(published_at, ''), formed_on, "
                 f"category_code, attachment_count, id FROM notices WHERE site_id = {site_id} ORDER BY external_id")
    return {r[0]: r for r in rows}


def csv_import(s, site, *extra, path=None, mapfile=None, check=True):
    return s.ctl("import", path or os.path.join(FIX, "trs_wcm.csv"), "--map", mapfile or os.path.join(FIX, "trs_wcm.map"),
                 "--site", site, *extra, check=check)


def test_csv_dry_run_reports_and_writes_nothing(s):
    sid = new_site(s, "imp-dry")
    r = csv_import(s, "imp-dry", "--dry-run")
    out = r.stdout
    ok("trs_wcm.csv:row 2: creates [TRS-1001]" in out and "published; 2 attachments" in out, out)
    ok("row 4: creates [TRS-1003]" in out and "draft, as it is incomplete; missing required items: 采购项目预算金额；" in out, out)
    ok("row 5: creates [TRS-1004]" in out, out)
    ok(out.rstrip().endswith("dry run: 4 notices for imp-dry: 4 to create, 0 to update, "
                             "1 drafts for missing required items; nothing written"), out)
    eq(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid}"), [["0"]], "nothing written")
    csv_import(s, "imp-dry")
    r = csv_import(s, "imp-dry", "--dry-run")
    ok("row 2: updates notice " in r.stdout and "0 to create, 4 to update" in r.stdout, r.stdout)


def test_csv_import_fields_drafts_attachments_and_audit(s):
    sid = new_site(s, "imp-csv")
    r = csv_import(s, "imp-csv")
    ok("imported 4 notices into imp-csv: 4 created, 0 updated, 1 as drafts for missing required items" in r.stdout,
       r.stdout)
    n = notices(s, sid)
    eq(sorted(n), ["TRS-1001", "TRS-1002", "TRS-1003", "TRS-1004"], "the export's ids")
    eq([n[k][1] for k in sorted(n)], ["published", "published", "draft", "draft"],
       "published as the export says, except the incomplete TRS-1003; TRS-1004 is a 草稿")
    eq(n["TRS-1001"][2], "IMP-CSV/2026-00001", "索引号 in the file's order")
    eq(n["TRS-1002"][2], "IMP-CSV/2026-00002", "索引号 in the file's order")
    eq(n["TRS-1003"][2], "", "a draft has no 索引号")
    eq(n["TRS-1002"][3:6], ["2026-03-06 09:30:00", "2026-03-05", "D04.C01"],
       "2026年3月6日 09:30 and 2026/3/5 read as dates; the category by its name")
    eq(n["TRS-1001"][5], "D04.C01", "the category by the export's word (招标公告) through [category]")
    eq(n["TRS-1003"][5], "D04.C02", "the category by its path 政府采购/资格预审公告信息")
    body = s.sql(f"SELECT body FROM notices WHERE external_id = 'TRS-1001' AND site_id = {sid}")[0][0]
    ok("<" not in body and "alert" not in body and "医疗设备采购项目进行公开招标" in body and "特此公告" in body,
       f"an HTML body as its text: {body!r}")
    # the attachments, stored with their digests
    atts = s.sql(f"SELECT filename, mime, size, sha256 FROM attachments WHERE notice_id = {n['TRS-1001'][7]} ORDER BY filename")
    for name, mime in [("招标文件.pdf", "application/pdf"), ("现场照片.png", "image/png")]:
        data = open(os.path.join(FIX, "附件", name), "rb").read()
        ok([name, mime, str(len(data)), hashlib.sha256(data).hexdigest()] in atts, f"{name} stored: {atts}")
    eq(n["TRS-1001"][6], "2", "attachment_count")
    # the items, kept in the notice's row: [code, label, value] in code order (bytes), none empty
    for ext, row in n.items():
        items = json.loads(s.sql(f"SELECT COALESCE(items_json, 'null') FROM notices WHERE id = {row[7]}")[0][0]) or []
        codes = [i[0] for i in items]
        eq(codes, sorted(codes, key=lambda c: c.encode()), f"{ext}: items in code order")
        ok(all(len(i) == 3 and i[1] and i[2] for i in items), f"{ext}: code, label and value each: {items}")
        view = s.sql(f"SELECT item_code, label, value FROM notice_items WHERE notice_id = {row[7]} ORDER BY item_code")
        eq(sorted(view), sorted(items), f"{ext}: the notice_items view reads them back")
    eq(len(json.loads(s.sql(f"SELECT items_json FROM notices WHERE id = {n['TRS-1002'][7]}")[0][0])), 8, "8 items")
    page = s.get(f"/xxgk/imp-csv/n/{n['TRS-1001'][7]}")
    eq(page.status, 200, "the notice page")
    ok("临翔区第二人民医院医疗设备采购项目" in page.text and "招标文件.pdf" in page.text and "alert(1)" not in page.text,
       "the page shows the notice and its attachments")
    lst = s.get("/xxgk/imp-csv/c/D04.C01")
    ok("课桌椅采购项目" in lst.text and "绿化养护" not in lst.text, "published notices listed, drafts not")
    audit = s.sql(f"SELECT actor, action, before_json IS NULL, JSON_VALUE(after_json, '$.external_id') FROM audit_log "
                  f"WHERE site_id = {sid} AND subject = 'notice' ORDER BY id")
    eq(audit, [["xxgkctl", "notice.create", "1", e] for e in ["TRS-1001", "TRS-1002", "TRS-1003", "TRS-1004"]],
       "an audit entry for each notice, in the same transaction")
    pending = s.sql(f"SELECT COUNT(*) FROM search_pending p JOIN notices n ON n.id = p.notice_id WHERE n.site_id = {sid}")
    eq(pending, [["4"]], "every notice queued for the search index")


def test_reimport_updates_and_never_duplicates(s):
    sid = new_site(s, "imp-re")
    csv_import(s, "imp-re")
    before = notices(s, sid)
    d = copy_fixtures()
    path = os.path.join(d, "trs_wcm.csv")
    text = open(path, encoding="utf-8-sig").read().replace("课桌椅采购项目招标公告", "课桌椅采购项目招标公告（更正）")
    open(path, "w", encoding="utf-8-sig", newline="").write(text)
    r = csv_import(s, "imp-re", path=path, mapfile=os.path.join(d, "trs_wcm.map"))
    ok("imported 4 notices into imp-re: 0 created, 4 updated" in r.stdout, r.stdout)
    after = notices(s, sid)
    eq(sorted(after), sorted(before), "no notice added")
    eq({k: v[7] for k, v in after.items()}, {k: v[7] for k, v in before.items()}, "the same notices, updated in place")
    eq(after["TRS-1002"][2], before["TRS-1002"][2], "the 索引号 kept")
    eq(s.sql(f"SELECT title FROM notices WHERE id = {after['TRS-1002'][7]}"), [["临沧市教育体育局课桌椅采购项目招标公告（更正）"]],
       "the title updated")
    ok("（更正）" in s.get("/xxgk/imp-re/c/D04.C01").text, "the column list shows the new title")
    eq(s.sql(f"SELECT COUNT(*) FROM attachments a JOIN notices n ON n.id = a.notice_id WHERE n.site_id = {sid}"),
       [["2"]], "attachments replaced, not added again")
    upd = s.sql(f"SELECT JSON_VALUE(before_json, '$.title'), JSON_VALUE(after_json, '$.title') FROM audit_log "
                f"WHERE subject_id = {after['TRS-1002'][7]} AND action = 'notice.update'")
    eq(upd, [["临沧市教育体育局课桌椅采购项目招标公告", "临沧市教育体育局课桌椅采购项目招标公告（更正）"]],
       "the update's audit entry has the record before and after")


def test_publish_incomplete(s):
    sid = new_site(s, "imp-inc")
    r = csv_import(s, "imp-inc", "--publish-incomplete")
    ok("drafts" not in r.stdout, r.stdout)
    n = notices(s, sid)
    eq((n["TRS-1003"][1], n["TRS-1003"][2]), ("published", "IMP-INC/2026-00003"), "published as it is")
    eq(n["TRS-1004"][1], "draft", "a 草稿 stays a draft")


def test_gb18030_export(s):
    sid = new_site(s, "imp-gbk")
    d = copy_fixtures()
    text = open(os.path.join(d, "trs_wcm.csv"), encoding="utf-8-sig").read()
    gbk = os.path.join(d, "trs_gbk.csv")
    open(gbk, "wb").write(text.encode("gb18030"))
    r = csv_import(s, "imp-gbk", path=gbk, mapfile=os.path.join(d, "trs_wcm.map"), check=False)
    eq(r.returncode, 1, "GB18030 read as UTF-8 is refused")
    ok("trs_gbk.csv:1: not UTF-8 text" in r.stderr and "encoding = gb18030" in r.stderr, r.stderr)
    mapfile = os.path.join(d, "gbk.map")
    open(mapfile, "w", encoding="utf-8").write(
        open(os.path.join(d, "trs_wcm.map"), encoding="utf-8").read().replace("encoding = utf-8", "encoding = gb18030"))
    csv_import(s, "imp-gbk", path=gbk, mapfile=mapfile)
    titles = s.sql(f"SELECT title FROM notices WHERE site_id = {sid} ORDER BY external_id")
    eq(titles[1], ["临沧市教育体育局课桌椅采购项目招标公告"], "the text read right")
    eq(len(titles), 4, "all four")


def test_xlsx_export(s):
    sid = new_site(s, "imp-xlsx")
    r = s.ctl("import", os.path.join(FIX, "hanweb.xlsx"), "--map", os.path.join(FIX, "hanweb.map"), "--site", "imp-xlsx")
    ok("imported 2 notices into imp-xlsx: 2 created" in r.stdout, r.stdout)
    n = notices(s, sid)
    eq(n["HW-2026-0001"][1:7], ["published", "IMP-XLSX/2026-00001", "2026-03-04 10:30:00", "2026-03-01", "D01.C01.C01", "1"],
       "date cells (built-in and Chinese custom formats) read as dates; the category by name; an attachment")
    eq(n["HW-2026-0002"][1], "draft", "incomplete: a draft")
    eq(n["HW-2026-0002"][5], "D01.C01.C01", "the category by a path with a level left out")
    row = s.sql(f"SELECT subject, body FROM notices WHERE id = {n['HW-2026-0002'][7]}")[0]
    eq(row, ["综合政务/住房保障", "滨江新区保障性住房项目规划建设方案，现予公开。"], "[defaults] and an inline string")
    items = json.loads(s.sql(f"SELECT items_json FROM notices WHERE id = {n['HW-2026-0001'][7]}")[0][0])
    eq([i[2] for i in items][:3], ["临沧市临翔区城南片区凤翔路以东", "城镇住宅用地", "35994.10平方米"], "items from shared strings")


def test_errors_name_the_place_and_store_nothing(s):
    sid = new_site(s, "imp-err")
    d = copy_fixtures()
    m = os.path.join(d, "trs_wcm.map")
    open(m, "a", encoding="utf-8").write("\n[items]\nI09 = 不存在的列\n")
    r = csv_import(s, "imp-err", mapfile=m, path=os.path.join(d, "trs_wcm.csv"), check=False)
    ok(r.returncode == 1 and "trs_wcm.csv:row 1: no column named 不存在的列" in r.stderr, r.stderr)
    os.remove(os.path.join(d, "附件", "现场照片.png"))
    r = csv_import(s, "imp-err", path=os.path.join(d, "trs_wcm.csv"), check=False)
    ok(r.returncode == 1 and "trs_wcm.csv:row 2: attachment 附件/现场照片.png: no such file beside the export" in r.stderr,
       r.stderr)
    bad = os.path.join(d, "bad.csv")
    text = open(os.path.join(d, "trs_wcm.csv"), encoding="utf-8-sig").read()
    open(bad, "w", encoding="utf-8").write(text.replace("2026/3/5", "2026/2/30").replace("附件/招标文件.pdf；附件/现场照片.png", ""))
    r = csv_import(s, "imp-err", path=bad, check=False)
    ok(r.returncode == 1 and "bad.csv:row 3: notice 2, field formed_on" in r.stderr, r.stderr)
    r = s.ctl("import", os.path.join(d, "trs_wcm.csv"), "--site", "imp-err", check=False)
    ok(r.returncode == 1 and "needs a mapping file" in r.stderr, r.stderr)
    eq(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid}"), [["0"]], "nothing stored")


def test_several_files_in_one_command(s):
    """An archive split in files: each is imported in turn (the next read while one is written); a
    file with an error stores nothing of its own and the others are still imported."""
    sid = new_site(s, "imp-many")
    d = tempfile.mkdtemp()

    def export(name, ids, formed_on="2026-03-02"):
        notices = [{"external_id": i, "title": f"分卷导入公告{i}", "issuer": "分卷测试局", "formed_on": formed_on,
                    "published_at": "2026-03-10 09:00:00", "category": "D04.C05", "body": "正文。", "items": {}}
                   for i in ids]
        path = os.path.join(d, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"site": "imp-many", "notices": notices}, f, ensure_ascii=False)
        return path

    files = [export("a.json", ["M1", "M2"]), export("bad.json", ["M3"], formed_on="2026-02-30"),
             export("c.json", ["M4"])]
    r = s.ctl("import", *files, check=False)
    eq(r.returncode, 1, f"a file failed: {r.stdout}{r.stderr}")
    ok("bad.json:" in r.stderr and "field formed_on" in r.stderr, r.stderr)
    eq(r.stdout.count("imported "), 2, r.stdout)
    eq(sorted(notices(s, sid)), ["M1", "M2", "M4"], "the good files' notices, none of the bad one's")
    shutil.rmtree(d)


def test_the_mapping_file_of_import_md_works_as_written(s):
    """The guide's example, copied as it stands, reads a TRS export (its comments once sat at the
    ends of lines, where they are part of the value: the file was refused line after line)."""
    with open(os.path.join(TOP, "cms-integration", "IMPORT.md"), encoding="utf-8") as fh:
        doc = fh.read()
    example = doc.split("```ini\n", 1)[1].split("```", 1)[0]
    new_site(s, "imp-doc")
    export = ("文档ID,标题,发布机构,文号,成文日期,发布时间,所属栏目,文档状态,采购人及代理机构,预算金额,联系人,正文,附件\n"
              "DOC-1,某医院设备采购招标公告,临沧市财政局,临采〔2026〕1号,2026-03-02,2026-03-04 10:15:00,招标公告,已发,"
              "采购人：某医院,人民币100万元,,<p>正文。</p>,\n")
    with tempfile.TemporaryDirectory() as d:
        mapfile, path = os.path.join(d, "trs.map"), os.path.join(d, "export.csv")
        with open(mapfile, "w", encoding="utf-8") as fh:
            fh.write(example)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(export)
        r = csv_import(s, "imp-doc", "--dry-run", path=path, mapfile=mapfile, check=False)
    eq(r.returncode, 0, f"the example is read: {r.stdout[-600:]}{r.stderr[-600:]}")
    ok("row 2: creates [DOC-1]" in r.stdout and "nothing written" in r.stdout, r.stdout[-600:])


def test_a_utf16_export_is_named_so(s):
    """Excel's "Unicode text" is UTF-16: it was called a GBK export, to be read with gb18030."""
    new_site(s, "imp-u16")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "u16.csv")
        with open(path, "w", encoding="utf-16") as fh:
            fh.write("文档ID,标题\nX-1,标题\n")
        r = csv_import(s, "imp-u16", "--dry-run", path=path, check=False)
    ok(r.returncode != 0 and "UTF-16" in r.stderr and "gb18030" not in r.stderr, r.stderr)


def test_a_notice_awaiting_an_approver_is_named_as_not_applied_on_reimport(s):
    """Imported again over a notice staff submitted for approval, the file's text is rightly not
    applied; the summary counted it among "withdrawn left as they are" and named none."""
    key = harness_new_site(s, "lincang", "imp-pend", users=("staff",), bodies=("临沧市财政局",))
    s.sql(f"UPDATE sites SET require_approval = 1 WHERE site_key = '{key}'")
    notice = {"external_id": "PEND-1", "title": "待审核的导入公告", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
              "category": "D04.C05", "body": "正文", "published_at": "2026-03-10 09:00:00",
              "items": {"D04.C05.I03": "临沧市华宇医疗器械有限公司，地址：临翔区南塘街1号", "D04.C05.I04": "人民币386.5万元"}}
    nid = import_notices(s, key, [notice])["PEND-1"]
    r = Staff(s, key, "staff").post(f"notices/{nid}", {"category": "D04.C05", "title": "待审核的导入公告（更正）",
                                                      "issuer": "临沧市财政局", "formed_on": "2026-03-02", "body": "改正后的正文",
                                                      "action": "publish", "reason": "更正正文"})
    eq(r.status, 303, r.text[:300])
    eq(s.sql(f"SELECT status FROM notices WHERE id = {nid}"), [["pending"]], "submitted for approval")
    path = os.path.join(s.var, "imp-pend.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": key, "notices": [dict(notice, title="CMS 再次导入的公告")]}, f, ensure_ascii=False)
    for dry in (True, False):
        r = s.ctl("import", path, *(["--dry-run"] if dry else []))
        ok(f"imp-pend.json:1: {'leaves' if dry else 'left'} notice {nid} [PEND-1] CMS 再次导入的公告 — awaiting an "
           "approver in the console: the file's text is not applied; it stays as it was submitted (the approver "
           "publishes it)" in r.stdout, r.stdout)
        ok(f"1 {'not to be applied' if dry else 'not applied'} (the file's text left unused: 1 awaiting an approver "
           "in the console, which the approver publishes)" in r.stdout and "withdrawn" not in r.stdout, r.stdout)
    eq(s.sql(f"SELECT status, title FROM notices WHERE id = {nid}"), [["pending", "待审核的导入公告（更正）"]], "as submitted")


def test_a_withdrawn_notice_stays_withdrawn_on_reimport(s):
    """Importing again a notice staff withdrew in the console published it again (the dry run
    said "— published"): it is left as it is, text and attachments too, and the dry run and the
    summary say that it stays withdrawn and that only the console publishes it again."""
    key = harness_new_site(s, "lincang", "imp-wd", users=("admin",))
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{key}'")[0][0]
    csv_import(s, key)
    nid = notices(s, sid)["TRS-1001"][7]
    r = Staff(s, key, "admin").post(f"notices/{nid}", {"action": "withdraw", "reason": "内容有误"})
    eq(r.status, 303, f"withdrawn in the console ({r.text[:200]})")
    stored = s.sql(f"SELECT status, title, index_no, published_at FROM notices WHERE id = {nid}")
    files = s.sql(f"SELECT filename, sha256 FROM attachments WHERE notice_id = {nid} ORDER BY id")
    audits = s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'notice' AND subject_id = {nid}")
    d = copy_fixtures()
    path = os.path.join(d, "trs_wcm.csv")
    text = open(path, encoding="utf-8-sig").read().replace("医疗设备采购项目招标公告", "医疗设备采购项目招标公告（更正）")
    open(path, "w", encoding="utf-8-sig", newline="").write(text)
    r = csv_import(s, key, "--dry-run", path=path, mapfile=os.path.join(d, "trs_wcm.map"))
    ok(f"trs_wcm.csv:row 2: leaves notice {nid} [TRS-1001] " in r.stdout and
       "— withdrawn: the file's text is not applied; it stays withdrawn and is not changed (only the console "
       "publishes it again)" in r.stdout, r.stdout)
    ok(f"row 2: updates" not in r.stdout and "— published; 2 attachments" not in r.stdout, r.stdout)
    ok("0 to create, 3 to update" in r.stdout and
       "1 not to be applied (the file's text left unused: 1 withdrawn in the console, which only the console "
       "publishes again); nothing written" in r.stdout, r.stdout)
    r = csv_import(s, key, path=path, mapfile=os.path.join(d, "trs_wcm.map"))
    ok(f"trs_wcm.csv:row 2: left notice {nid} [TRS-1001] " in r.stdout and "— withdrawn: the file's text is not "
       "applied" in r.stdout, r.stdout)
    ok(f"imported 4 notices into {key}: 0 created, 3 updated," in r.stdout and ", 1 not applied (the file's text "
       "left unused: 1 withdrawn in the console, which only the console publishes again)\n" in r.stdout, r.stdout)
    eq(s.sql(f"SELECT status, title, index_no, published_at FROM notices WHERE id = {nid}"), stored,
       "left as it was withdrawn")
    eq(s.sql(f"SELECT filename, sha256 FROM attachments WHERE notice_id = {nid} ORDER BY id"), files,
       "its attachments as they were")
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'notice' AND subject_id = {nid}"), audits,
       "no change, nothing to audit")
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "not public")
    shutil.rmtree(os.path.dirname(d))


def test_dry_run_and_summary_say_what_a_published_notice_becomes(s):
    """A notice imported as a draft over a published one stays published (step 4), but the dry run
    said "— draft" ("draft, as it is incomplete" for an incomplete one) and the summary counted it
    among the drafts: both now say the status the write gives it."""
    sid = new_site(s, "imp-stay")
    csv_import(s, "imp-stay", "--publish-incomplete")
    eq([notices(s, sid)[k][1] for k in ("TRS-1001", "TRS-1003")], ["published", "published"], "published first")
    d = copy_fixtures()
    path = os.path.join(d, "trs_wcm.csv")
    text = open(path, encoding="utf-8-sig").read()
    ok(text.count("2026-03-04 10:15:00,招标公告,已发,") == 1, "TRS-1001's status cell")
    open(path, "w", encoding="utf-8-sig", newline="").write(
        text.replace("2026-03-04 10:15:00,招标公告,已发,", "2026-03-04 10:15:00,招标公告,草稿,"))
    mapfile = os.path.join(d, "trs_wcm.map")
    r = csv_import(s, "imp-stay", "--dry-run", path=path, mapfile=mapfile)
    lines = {l.split(": ", 1)[0].rsplit(":", 1)[1]: l for l in r.stdout.splitlines() if ":row " in l}
    ok("[TRS-1001]" in lines["row 2"] and
       lines["row 2"].endswith("— stays published (a draft leaves a published notice published); 2 attachments"),
       lines["row 2"])
    ok("[TRS-1003]" in lines["row 4"] and "— stays published (incomplete, so imported as a draft; a draft leaves a "
       "published notice published); missing required items: 采购项目预算金额" in lines["row 4"], lines["row 4"])
    ok("— draft; missing required items:" in lines["row 5"], lines["row 5"])
    ok(r.stdout.rstrip().endswith("dry run: 4 notices for imp-stay: 0 to create, 4 to update, 0 drafts for missing "
                                  "required items, 1 incomplete that stay published; nothing written"), r.stdout)
    r = csv_import(s, "imp-stay", path=path, mapfile=mapfile)
    ok("imported 4 notices into imp-stay: 0 created, 4 updated, 1 incomplete that stay published (they were "
       "published before)" in r.stdout and "as drafts" not in r.stdout, r.stdout)
    n = notices(s, sid)
    eq([n[k][1] for k in ("TRS-1001", "TRS-1003", "TRS-1004")], ["published", "published", "draft"],
       "as the dry run and the summary said")
    shutil.rmtree(os.path.dirname(d))


def test_every_kind_of_error_is_reported_at_once(s):
    """A field error, a duplicate external id and a missing attachment in one file: the duplicate
    and the attachment were reported only once the fields were right (one run per kind of error).
    All are reported in one run, in the file's order, still at most 20 and then the count."""
    sid = new_site(s, "imp-allerrs")
    d = tempfile.mkdtemp()

    def notice(ext, **kw):
        n = {"external_id": ext, "title": f"错误汇总{ext}", "issuer": "测试局", "formed_on": "2026-03-02",
             "category": "D04.C05", "body": "正文。"}
        n.update(kw)
        return n

    path = os.path.join(d, "errs.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": "imp-allerrs", "notices": [
            notice("E1", formed_on="2026-02-30"), notice("E2", attachments=["附件/没有这个文件.pdf"]),
            notice("E1"), notice("E4")]}, f, ensure_ascii=False, indent=1)
    r = s.ctl("import", path, check=False)
    eq(r.returncode, 1, r.stdout + r.stderr)
    errors = [l for l in r.stderr.splitlines() if l.startswith("xxgkctl import: ")]
    ok(len(errors) == 3 and "notice 1, field formed_on" in errors[0] and
       "attachment 附件/没有这个文件.pdf: no such file beside the export" in errors[1] and
       "notice 3, field external_id: E1 appears twice in the file (notice 1 has it)" in errors[2], r.stderr)
    # at most 20, then how many in all
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": "imp-allerrs", "notices": [notice(f"F{k}", formed_on="2026-02-30") for k in range(15)] +
                   [notice("F0", attachments=["无.pdf"]) for _ in range(10)]}, f, ensure_ascii=False, indent=1)
    r = s.ctl("import", path, check=False)
    errors = [l for l in r.stderr.splitlines() if l.startswith("xxgkctl import: ")]
    eq(len(errors), 21, r.stderr)
    eq(errors[-1], "xxgkctl import: ... 35 errors in all", "15 fields, 10 duplicates, 10 attachments")
    eq(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid}"), [["0"]], "nothing stored")
    shutil.rmtree(d)
