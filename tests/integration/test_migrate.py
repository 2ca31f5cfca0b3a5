"""The workers and a database at another schema than theirs, on a database of the module's own
(the suite's stays as it is): between an upgrade of the programs and `xxgkctl migrate` the new
workers met the old tables, and staff steps, the console's registration and public filings
answered 500 (Unknown column 'fixed_on') while other pages worked. Now every request is answered
503 saying that the database needs `xxgkctl migrate`, the error log says so once, and the workers
serve again within seconds of the migration. An older package installed over a database a newer
one migrated was as silent (migrate said "schema is up to date", doctor that all was applied):
migrate and doctor call it an error, and the workers answer 503."""
import os, shutil, subprocess, tempfile

from harness import BIN, TOP, eq, ok, wait_until

DB = "xxgk_migrate"


def root_sql(s, query):
    subprocess.run(["mariadb", "--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root", "-e", query],
                   check=True, capture_output=True, text=True)


def ctl(s, conf, *args, check=True):
    r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, *args], cwd=TOP, env=s.env, capture_output=True,
                       text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"xxgkctl {' '.join(args)}: {r.stdout}{r.stderr}")
    return r


def latest():
    return max(int(f[:3]) for f in os.listdir(os.path.join(TOP, "sql")) if f.endswith(".sql"))


class OwnDatabase:
    """A database migrated up to a version (the migrations after it left out), and a web tier on it."""

    def __init__(self, s, upto):
        self.s, self.upto = s, upto

    def __enter__(self):
        s = self.s
        self.tmp = tempfile.mkdtemp(prefix="xxgk-migrate-")
        os.chmod(self.tmp, 0o755)
        sql = os.path.join(self.tmp, "sql")
        os.mkdir(sql)
        for f in os.listdir(os.path.join(TOP, "sql")):
            if f.endswith(".sql") and int(f[:3]) <= self.upto:
                shutil.copy(os.path.join(TOP, "sql", f), sql)
        root_sql(s, f"DROP DATABASE IF EXISTS {DB}; CREATE DATABASE {DB} CHARACTER SET utf8mb4 "
                    "COLLATE utf8mb4_unicode_ci")
        with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
            text = fh.read().replace("\nname = xxgk\n", f"\nname = {DB}\n", 1)
        self.conf = os.path.join(self.tmp, "xxgk.conf")
        with open(self.conf, "w", encoding="utf-8") as fh:
            fh.write(text.replace("copies_dir =", "#copies_dir =", 1))
        ctl(s, self.conf, "migrate", "--dir", sql)
        return self

    def tier(self, name):
        return self.s.web_tier(name, append=f"\n[database]\nname = {DB}\n")

    def __exit__(self, *exc):
        root_sql(self.s, f"DROP DATABASE IF EXISTS {DB}")
        shutil.rmtree(self.tmp, ignore_errors=True)


def error_log(tier):
    with open(os.path.join(tier.var, "xxgk.err"), encoding="utf-8", errors="replace") as fh:
        return fh.read()


def test_workers_on_a_database_not_yet_migrated_answer_503_until_it_is(s):
    with OwnDatabase(s, 102) as db, db.tier("older") as w:
        page = w.get("/xxgk/")
        eq(page.status, 503, page.text)
        ok("xxgkctl migrate" in page.text and page.header("Retry-After"), page.text)
        api = w.get("/xxgk/lincang/api/notices")
        eq(api.status, 503, api.text)
        ok("xxgkctl migrate" in api.json()["error"], api.text)
        filing = w.post("/xxgk/lincang/ysqgk/", fields={"name": "张三"})
        eq(filing.status, 503, filing.text)
        for _ in range(5):
            eq(w.get("/xxgk/lincang/").status, 503, "every request")
        log = error_log(w)
        eq(log.count(f"schema is at version 102, older than this program's ({latest()})"), 1, log)
        ok("Unknown column" not in log, log)
        r = ctl(s, db.conf, "migrate")
        ok(f"schema is at version {latest()}" in r.stdout, r.stdout)
        wait_until(lambda: w.get("/xxgk/").status == 200, "the workers serve again after the migration", timeout=10)
        ok("answering requests again" in error_log(w), error_log(w))


def test_a_database_newer_than_the_program_is_an_error_and_not_served(s):
    newer = latest() + 1
    said = f"the database is at version {newer}, newer than this program ({latest()}): install the newer package again"
    with OwnDatabase(s, latest()) as db:
        root_sql(s, f"INSERT INTO {DB}.schema_version (version, name) VALUES ({newer}, '{newer}_later.sql')")
        r = ctl(s, db.conf, "migrate", check=False)
        eq(r.returncode, 1, r.stdout + r.stderr)
        ok(said in r.stderr and "up to date" not in r.stdout, r.stdout + r.stderr)
        r = ctl(s, db.conf, "doctor", "--nginx-dir", os.path.join(s.var, "nginx"), "--today", "2026-06-15", check=False)
        eq(r.returncode, 1, r.stdout)
        ok(f"ERROR migrations: {said}" in r.stdout, r.stdout)
        with db.tier("newer") as w:
            page = w.get("/xxgk/")
            eq(page.status, 503, page.text)
            ok("重新安装" in page.text, page.text)
            eq(w.get("/xxgk/lincang/api/notices").status, 503, "the API")
            log = error_log(w)
            eq(log.count(f"schema is at version {newer}, newer than this program's ({latest()})"), 1, log)
