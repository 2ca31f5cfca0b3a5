"""A batch that fails at write time, for a reason the checks cannot see (here a trigger the test
adds to the notices table refuses one notice), stops only the batches after it in the file: the
batch before it, in flight on the other writer meanwhile, still commits. The message names the
notices written and those not, by their places and external ids, and running the same command
again yields the rows of one clean run."""
import os, queue, subprocess, sys, tempfile, threading

from harness import BIN, TOP, eq, ok, wait_until
from sql_session import SqlSession
from test_import_resume import dump

COUNT, BATCH = 400, 40
HELD = 121     # the first notice of batch 4: its batch waits, inside its transaction, for the test
REFUSED = 161  # the first notice of batch 5: refused while batch 4 waits
LOCK = "xxgk-test-held-batch"


def generate():
    out = tempfile.mkdtemp()
    r = subprocess.run([sys.executable, os.path.join(TOP, "bench", "gen_notices.py"), "--catalog",
                        os.path.join(TOP, "xslt", "catalogs", "lincang.xml"), "--category", "D04.C01", "--site", "lincang",
                        "--count", str(COUNT), "--chunk", str(COUNT), "--out", out], capture_output=True, text=True,
                       check=True)
    return r.stdout.split()[0]


def ext(k):
    return f"GEN-{k:07d}"


def session(s):
    return SqlSession("--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root")


def add_trigger(db, site_id, hold):
    """Refuses notice REFUSED of site_id; with hold, notice HELD's insert waits for the lock the
    test's session holds (its batch is then in flight until the test lets it go)."""
    held = f"IF NEW.external_id = '{ext(HELD)}' THEN SET @got = GET_LOCK('{LOCK}', 60); END IF;" if hold else ""
    db.run("DELIMITER //\n"
           "CREATE TRIGGER test_failed_batch BEFORE INSERT ON notices FOR EACH ROW BEGIN\n"
           f"  IF NEW.site_id = {site_id} THEN {held}\n"
           f"    IF NEW.external_id = '{ext(REFUSED)}' THEN\n"
           "      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test';\n"
           "    END IF;\n"
           "  END IF;\n"
           "END//\n"
           "DELIMITER ;", "trigger-made")


def stored_ids(s, site_id):
    return [r[0] for r in s.sql(f"SELECT external_id FROM notices WHERE site_id = {site_id} ORDER BY external_id")]


def lines_of(stream, into):
    for line in stream:
        into.put(line.rstrip("\n"))


def import_with_failed_batch(s, path, clean_site, site, writers):
    for key in (clean_site, site):  # the same variant and organisation code: the same 索引号
        s.ctl("site", "add", key, "--variant", "lincang", "--name", "失败批次测试", "--org-code", "FAILED")
    s.ctl("import", path, "--site", clean_site, "--batch", str(BATCH), "--writers", str(writers))
    clean = dump(s, clean_site)
    eq(len(clean["notices"]), COUNT, "the clean run")
    site_id = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    db, proc = session(s), None
    try:
        hold = writers > 1
        if hold:
            db.run(f"SELECT GET_LOCK('{LOCK}', 0);", "lock-held")
        add_trigger(db, site_id, hold)
        args = [os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path, "--site", site,
                "--batch", str(BATCH), "--writers", str(writers)]
        proc = subprocess.Popen(args, cwd=TOP, env=s.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        errors, out = queue.Queue(), []
        readers = [threading.Thread(target=lines_of, args=(proc.stderr, errors), daemon=True),
                   threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)]
        for t in readers:
            t.start()
        said, refused = [], f"notices {REFUSED} to {REFUSED + BATCH - 1} not written: refused by the test"
        while not any(refused in line for line in said):
            try:
                said.append(errors.get(timeout=60))
            except queue.Empty:
                break
        ok(any(refused in line for line in said), f"batch 5 was refused: {said}")
        if hold:  # batch 4 is still in flight: the test lets it go on
            eq(len(stored_ids(s, site_id)), HELD - 1, "batch 4 had not committed when batch 5 failed")
            db.run(f"SELECT RELEASE_LOCK('{LOCK}');", "lock-released")
        eq(proc.wait(timeout=120), 1, "the exit status of a failed import")
        for t in readers:
            t.join(timeout=10)
        while not errors.empty():
            said.append(errors.get())
        message = "\n".join(said)

        kept = REFUSED - 1
        eq(stored_ids(s, site_id), [ext(k) for k in range(1, kept + 1)], "the batches before the failed one are stored")
        audited = s.sql("SELECT COUNT(*) FROM audit_log a JOIN notices n ON n.id = a.subject_id "
                        f"WHERE a.subject = 'notice' AND n.site_id = {site_id}")[0][0]
        eq(int(audited), kept, "each notice stored has its audit entry")
        ok(f"{kept} of its {COUNT} notices ({kept} created, 0 updated): notices 1 to {kept} "
           f"(external ids {ext(1)} to {ext(kept)})" in message, message)
        ok(f"not written, {COUNT - kept} notices: notices {REFUSED} to {COUNT} "
           f"(external ids {ext(REFUSED)} to {ext(COUNT)})\n" in message, message)
        ok("running the same command again writes what was not written" in message, message)
        ok("perhaps" not in message, message)
        ok(not any(line.startswith("imported ") for line in out), f"no success line: {out}")
    finally:
        if proc is not None and proc.poll() is None:  # its connections go, and with them its locks
            proc.kill()
            proc.wait()
        db.run("DROP TRIGGER IF EXISTS test_failed_batch;", "trigger-dropped")
        db.close()
    r = s.ctl("import", path, "--site", site, "--batch", str(BATCH), "--writers", str(writers))
    ok(f"imported {COUNT} notices into {site}: {COUNT - kept} created, {kept} updated" in r.stdout, r.stdout)
    again = dump(s, site)
    for what in clean:
        eq(again[what], clean[what], f"{what}: the same as one clean run")


def test_a_failed_batch_keeps_the_batch_before_it_on_the_other_writer(s):
    import_with_failed_batch(s, generate(), "failed-a", "failed-b", 2)


def test_a_failed_batch_of_one_writer_says_what_was_written(s):
    import_with_failed_batch(s, generate(), "failed-c", "failed-d", 1)


def test_a_batch_whose_commit_lost_its_connection_is_said_to_be_perhaps_written(s):
    """The connection of the writer of batch 5 is killed while its COMMIT waits (the test blocks
    commits with BACKUP STAGE BLOCK_COMMIT): whether it committed is unknown to the import, which
    says so of its notices rather than that they were not written."""
    path = generate()
    for key in ("perhaps-a", "perhaps-b"):
        s.ctl("site", "add", key, "--variant", "lincang", "--name", "失败批次测试", "--org-code", "PERHAPS")
    s.ctl("import", path, "--site", "perhaps-a", "--batch", str(BATCH))
    clean = dump(s, "perhaps-a")
    site_id = s.sql("SELECT id FROM sites WHERE site_key = 'perhaps-b'")[0][0]
    db, proc, blocked = session(s), None, False
    try:
        db.run(f"SELECT GET_LOCK('{LOCK}', 0);", "lock-held")
        db.run("DELIMITER //\n"
               "CREATE TRIGGER test_perhaps_batch BEFORE INSERT ON notices FOR EACH ROW BEGIN\n"
               f"  IF NEW.site_id = {site_id} AND NEW.external_id = '{ext(REFUSED)}' THEN\n"
               f"    SET @got = GET_LOCK('{LOCK}', 60);\n"
               "  END IF;\n"
               "END//\n"
               "DELIMITER ;", "trigger-made")
        args = [os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path, "--site",
                "perhaps-b", "--batch", str(BATCH), "--writers", "2"]
        proc = subprocess.Popen(args, cwd=TOP, env=s.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        waiting = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = 'User lock'"
        wait_until(lambda: s.sql(waiting)[0][0] != "0" and len(stored_ids(s, site_id)) == REFUSED - 1,
                   "batch 5 waits in its insert, batches 1 to 4 committed")
        blocked = True
        db.run("BACKUP STAGE START; BACKUP STAGE FLUSH; BACKUP STAGE BLOCK_DDL; BACKUP STAGE BLOCK_COMMIT;", "blocked")
        db.run(f"SELECT RELEASE_LOCK('{LOCK}');", "lock-released")
        committing = "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = 'COMMIT'"
        wait_until(lambda: s.sql(committing), "batch 5's COMMIT waits")
        db.run(f"KILL CONNECTION {s.sql(committing)[0][0]}; BACKUP STAGE END;", "killed")
        blocked = False
        out, err = proc.communicate(timeout=120)
        eq(proc.returncode, 1, "the exit status of a failed import")
        ok(f"written into perhaps-b, in whole batches, {REFUSED - 1} of its {COUNT} notices" in err, err)
        ok(f"perhaps written, {BATCH} notices (the connection was lost during their COMMIT): notices {REFUSED} to "
           f"{REFUSED + BATCH - 1} (external ids {ext(REFUSED)} to {ext(REFUSED + BATCH - 1)})" in err, err)
        ok(f"not written, {COUNT - REFUSED - BATCH + 1} notices: notices {REFUSED + BATCH} to {COUNT}" in err, err)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if blocked:
            db.run("BACKUP STAGE END;", "ended")
        db.run("DROP TRIGGER IF EXISTS test_perhaps_batch;", "trigger-dropped")
        db.close()
    s.ctl("import", path, "--site", "perhaps-b", "--batch", str(BATCH))
    again = dump(s, "perhaps-b")
    for what in clean:
        eq(again[what], clean[what], f"{what}: the same as one clean run")
