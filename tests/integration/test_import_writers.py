"""`xxgkctl import` with batches written side by side (--writers): the same rows as one writer,
索引号 in the file's order; serials another writer takes meanwhile (a push) are not given twice;
the same new notice in two files of one command is created once and updated by the later file."""
import json, os, re, subprocess, sys, tempfile, time

from harness import BIN, TOP, eq, ok
from test_import_resume import dump

COUNT, BATCH = 600, 30


def generate(count=COUNT):
    out = tempfile.mkdtemp()
    r = subprocess.run([sys.executable, os.path.join(TOP, "bench", "gen_notices.py"), "--catalog",
                        os.path.join(TOP, "xslt", "catalogs", "lincang.xml"), "--category", "D04.C01", "--site", "lincang",
                        "--count", str(count), "--chunk", str(count // 3), "--out", out], capture_output=True, text=True,
                       check=True)
    return r.stdout.split()


def year_serial(index_no):
    """("2024", 17) of "WRITERS/2024-00017" (the default form, {org}/{year}-{serial})."""
    m = re.fullmatch(r"WRITERS/(\d{4})-(\d+)", index_no)
    ok(m, f"a 索引号 of the default form: {index_no}")
    return m.group(1), int(m.group(2))


def add_site(s, key):
    s.ctl("site", "add", key, "--variant", "lincang", "--name", "并行导入测试", "--org-code", "WRITERS")


def test_side_by_side_writes_what_one_writer_writes(s):
    paths = generate()
    for site, writers in (("writers-1", "1"), ("writers-4", "4")):
        add_site(s, site)
        r = s.ctl("import", *paths, "--site", site, "--batch", str(BATCH), "--writers", writers)
        eq(r.stdout.count(f"imported {COUNT // 3} notices into {site}: {COUNT // 3} created"), 3, r.stdout)
    one, four = dump(s, "writers-1"), dump(s, "writers-4")
    eq(len(one["notices"]), COUNT, "one writer")
    for what in one:
        eq(four[what], one[what], f"{what}: four writers give what one gives")
    # 索引号 in the files' order: the serial grows with the notice's place in the files, per year
    rows = s.sql("SELECT n.external_id, n.index_no FROM notices n JOIN sites st ON st.id = n.site_id "
                 "WHERE st.site_key = 'writers-4' ORDER BY n.external_id")
    last = {}
    for ext, index_no in rows:
        year, serial = year_serial(index_no)
        ok(serial > last.get(year, 0), f"{ext} {index_no}: after {last.get(year)} of {year}")
        last[year] = serial


def notice(ext, title, year=2026):
    return {"external_id": ext, "title": title, "issuer": "临沧市财政局", "formed_on": f"{year}-03-02",
            "published_at": f"{year}-03-02 10:00:00", "category": "D04.C05", "body": "正文"}


def write_file(s, notices):
    fd, path = tempfile.mkstemp(suffix=".json", dir=s.var)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"notices": notices}, f, ensure_ascii=False)
    return path


def push_one(s, site, tok, i):
    body = dict(notice(f"PUSH-{i}", f"同时推送的公告{i}", 2025),
                items={"D04.C05.I03": "临沧市某公司", "D04.C05.I04": "人民币1万元"})
    return s.request("POST", f"/xxgk/{site}/api/push", body=json.dumps(body, ensure_ascii=False).encode(),
                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + tok})


def test_serials_taken_meanwhile_are_not_given_twice(s):
    """Pushes of the same year as the import's notices take serials while its batches are written:
    a batch whose claimed serials were taken is written again, and the import goes on one batch at
    a time, as one writer does; the pushes are answered meanwhile, not after the import."""
    site, count = "writers-push", 1500
    add_site(s, site)
    tok = s.ctl("token", "add", "--site", site).stdout.strip()
    path = write_file(s, [notice(f"IMP-{i:05d}", f"导入的公告{i}", 2025) for i in range(count)])
    args = [os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path, "--site", site,
            "--batch", "5", "--writers", "3", "--publish-incomplete"]
    proc = subprocess.Popen(args, env=s.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pushed = 0
    while proc.poll() is None:
        eq(push_one(s, site, tok, pushed).status, 201, "pushed")
        pushed += 1
    out, err = proc.communicate(timeout=300)
    eq(proc.returncode, 0, err)
    ok(f"imported {count} notices into {site}: {count} created" in out, out + err)
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    between = int(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid} AND external_id LIKE 'PUSH-%' AND id > "
                        f"(SELECT MIN(id) FROM notices WHERE site_id = {sid} AND external_id LIKE 'IMP-%') AND id < "
                        f"(SELECT MAX(id) FROM notices WHERE site_id = {sid} AND external_id LIKE 'IMP-%')")[0][0])
    ok(between > 0, f"pushes answered while the batches were written ({between} of {pushed})")
    rows = s.sql(f"SELECT index_no FROM notices WHERE site_id = {sid} AND status = 'published'")
    eq(len(rows), count + pushed, "every notice, imported and pushed, published")
    serials = [year_serial(r[0]) for r in rows]
    eq(len(set(serials)), len(serials), "no 索引号 given twice")
    eq({y for y, _ in serials}, {"2025"}, "the year of publication")
    counter = int(s.sql(f"SELECT last_serial FROM index_serials WHERE year = 2025 AND site_id = {sid}")[0][0])
    ok(counter >= max(n for _, n in serials), f"the counter {counter} at or past every serial")
    eq(push_one(s, site, tok, pushed).status, 201, "a push after the import")
    eq(s.sql(f"SELECT index_no FROM notices WHERE site_id = {sid} AND external_id = 'PUSH-{pushed}'"),
       [[f"WRITERS/2025-{counter + 1:05d}"]], "the serial after the counter")


def test_one_new_notice_in_two_files_is_created_once(s):
    site = "writers-twice"
    add_site(s, site)
    first = write_file(s, [notice(f"A-{i}", "第一份文件") for i in range(39)] + [notice("BOTH", "第一份文件里的")])
    second = write_file(s, [notice("BOTH", "第二份文件里的")] + [notice(f"B-{i}", "第二份文件") for i in range(39)])
    started = time.time()
    r = s.ctl("import", first, second, "--site", site, "--batch", "40", "--writers", "2", "--publish-incomplete")
    ok(f"imported 40 notices into {site}: 40 created, 0 updated" in r.stdout, r.stdout + r.stderr)
    ok(f"imported 40 notices into {site}: 39 created, 1 updated" in r.stdout, r.stdout + r.stderr)
    eq(s.sql(f"SELECT title FROM notices WHERE external_id = 'BOTH' AND site_id = "
             f"(SELECT id FROM sites WHERE site_key = '{site}')"), [["第二份文件里的"]], "the later file's version")
    ok(time.time() - started < 60, "no batch waited on the other for long")
