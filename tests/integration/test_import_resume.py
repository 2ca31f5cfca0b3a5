"""An import killed midway (SIGKILL, between or inside a batch) leaves whole batches, and running it
again yields the same rows as one clean run: notices, items, column rows, 索引号 serials, search
queue, compared as sorted dumps keyed by external id (row ids differ: a rolled-back batch uses up
auto-increment values)."""
import os, signal, subprocess, sys, tempfile, time

from harness import BIN, TOP, eq, ok

COUNT, BATCH = 1200, 40


def generate():
    out = tempfile.mkdtemp()
    r = subprocess.run([sys.executable, os.path.join(TOP, "bench", "gen_notices.py"), "--catalog",
                        os.path.join(TOP, "xslt", "catalogs", "lincang.xml"), "--category", "D04.C01", "--site", "lincang",
                        "--count", str(COUNT), "--chunk", str(COUNT), "--out", out], capture_output=True, text=True, check=True)
    return r.stdout.split()[0]


def dump(s, site):
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    notices = s.sql("SELECT external_id, title, issuer, doc_number, subject, formed_on, published_at, validity, domain_code, "
                    "category_code, decision_kind, SHA2(body, 256), status, index_no, items_json, attachment_count "
                    f"FROM notices WHERE site_id = {sid} ORDER BY external_id")
    items = s.sql("SELECT n.external_id, i.item_code, i.label, i.value FROM notice_items i JOIN notices n ON n.id = i.notice_id "
                  f"WHERE n.site_id = {sid} ORDER BY n.external_id, i.item_code")
    columns = s.sql("SELECT c.column_code, c.published_at, n.external_id, c.title FROM notice_columns c "
                    f"JOIN notices n ON n.id = c.notice_id WHERE c.site_id = {sid} ORDER BY c.column_code, n.external_id")
    serials = s.sql(f"SELECT year, last_serial FROM index_serials WHERE site_id = {sid} ORDER BY year")
    queued = s.sql("SELECT n.external_id FROM search_pending p JOIN notices n ON n.id = p.notice_id "
                   f"WHERE n.site_id = {sid} ORDER BY n.external_id")
    return {"notices": notices, "items": items, "columns": columns, "serials": serials, "queued": queued}


def killed_and_rerun(s, clean_site, site, writers):
    path = generate()
    for key in (clean_site, site):  # the same variant and organisation code: the same 索引号
        s.ctl("site", "add", key, "--variant", "lincang", "--name", "续传测试", "--org-code", "RESUME")
    s.ctl("import", path, "--site", clean_site, "--batch", str(BATCH))
    clean = dump(s, clean_site)
    eq(len(clean["notices"]), COUNT, "the clean run")

    args = [os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path, "--site", site,
            "--batch", str(BATCH), "--writers", str(writers)]
    proc = subprocess.Popen(args, env=s.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    stored, deadline = 0, time.time() + 120
    while stored < 4 * BATCH and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
        stored = int(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid}")[0][0])
    finished_first = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    ok(not finished_first, "the import was killed before it finished")
    stored = int(s.sql(f"SELECT COUNT(*) FROM notices WHERE site_id = {sid}")[0][0])
    ok(0 < stored < COUNT, f"killed midway: {stored} of {COUNT} stored")
    eq(stored % BATCH, 0, "whole batches only")

    r = s.ctl("import", path, "--site", site, "--batch", str(BATCH), "--writers", str(writers))
    ok(f"{COUNT - stored} created, {stored} updated" in r.stdout, r.stdout)
    again = dump(s, site)
    for what in clean:
        eq(again[what], clean[what], f"{what}: the same as one clean run")


def test_killed_import_rerun_equals_a_clean_run(s):
    killed_and_rerun(s, "resume-a", "resume-b", 1)


def test_killed_import_of_three_writers_rerun_equals_a_clean_run(s):
    """Batches written side by side commit in turn: what a kill leaves is the file's first
    batches, whole, and the 索引号 of the rest are those a clean run gives them."""
    killed_and_rerun(s, "resume-c", "resume-d", 3)
