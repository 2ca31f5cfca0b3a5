"""The guide's backup and restore (cms-integration/GUIDE.md sections 13 and 14), run as written
against the stack's database, restored into an empty database of its own: every table back, the
same rows, the search index answering. A dump in mariadb-dump's alphabetical order cannot be
loaded (the search index's tables name search_facets as a column's type, and come before it)."""
import os, re, subprocess, tempfile

from harness import TOP, eq, ok

RESTORED = "xxgk_restored"


def guide_block(section):
    with open(os.path.join(TOP, "cms-integration", "GUIDE.md"), encoding="utf-8") as fh:
        text = fh.read()
    part = text.split(f"## {section}.", 1)[1]
    return part.split("```sh\n", 1)[1].split("```", 1)[0]


def client(s):
    return ["--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root"]


def sh(script):
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True)


def test_the_guide_s_backup_restores_into_an_empty_database(s):
    args = " ".join(client(s))
    with tempfile.TemporaryDirectory() as d:
        dump = os.path.join(d, "xxgk.sql.gz")
        backup = "\n".join(line for line in guide_block(13).splitlines() if not line.startswith("cp "))
        backup = backup.replace("mariadb-dump ", f"mariadb-dump {args} ").replace(
            "/var/backups/xxgk-$(date +%F).sql.gz", dump)
        r = sh("set -o pipefail\n" + backup)
        eq(r.returncode, 0, f"the backup: {r.stderr[-500:]}")
        eq(oct(os.stat(dump).st_mode & 0o777), "0o600", "the dump is its owner's alone (umask 077)")
        restore = re.search(r"^zcat .*$", guide_block(14), re.M).group(0).split(" &&")[0]
        restore = restore.replace("/var/backups/xxgk-2026-12-04.sql.gz", dump).replace(
            "| mariadb xxgk", f"| mariadb {args} {RESTORED}")
        try:
            s.sql(f"DROP DATABASE IF EXISTS {RESTORED}; CREATE DATABASE {RESTORED} CHARACTER SET utf8mb4 "
                  "COLLATE utf8mb4_unicode_ci")
            r = sh("set -o pipefail\n" + restore)
            eq(r.returncode, 0, f"the restore: {r.stderr[-500:]}")
            tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = '{}' ORDER BY 1"
            eq(s.sql(tables.format(RESTORED)), s.sql(tables.format("xxgk")), "every table and view back")
            for t in ("notices", "requests", "request_attachments", "audit_log", "sites", "users", "deadlines"):
                eq(s.sql(f"SELECT COUNT(*) FROM {RESTORED}.{t}"), s.sql(f"SELECT COUNT(*) FROM xxgk.{t}"), t)
            eq(s.sql(f"SELECT COUNT(*) FROM {RESTORED}.search_docs WHERE MATCH(content) AGAINST('公告' IN BOOLEAN MODE)"),
               s.sql("SELECT COUNT(*) FROM xxgk.search_docs WHERE MATCH(content) AGAINST('公告' IN BOOLEAN MODE)"),
               "the search index answers as before")
            # the dump as it was written before: in alphabetical order, it stops at the search index
            s.sql(f"DROP DATABASE {RESTORED}; CREATE DATABASE {RESTORED} CHARACTER SET utf8mb4 "
                  "COLLATE utf8mb4_unicode_ci")
            r = sh(f"set -o pipefail\nmariadb-dump {args} --single-transaction xxgk | mariadb {args} {RESTORED}")
            ok(r.returncode != 0 and "search_facets" in r.stderr, f"the old way fails: {r.stderr[-300:]}")
        finally:
            s.sql(f"DROP DATABASE IF EXISTS {RESTORED}")
