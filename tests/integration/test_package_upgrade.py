"""An upgrade of the package as the guide makes it (section 15), on this machine as
test_package.py installs it (root, Debian 12, no init, the workers started by xxgk-spawn): the
0.9.0 package (commit 6a835b2, built from this repository's history) installed, its database
set up by `xxgkctl setup` (which writes the password into /etc/xxgk/xxgk.conf), its nginx snippet
edited as section 7 says, a column served; then this tree's package installed over it by apt-get
with no terminal (the unattended way, keeping changed conffiles).

What it found: xxgk.conf was a conffile, so the upgrade asked about it (and a non-interactive one
failed; answering Y emptied the password); the workers were restarted before `xxgkctl migrate`
and answered 500 on the old schema; the snippet's fixes lay unread in a .dpkg-dist; and doctor
said all was clean while the workers ran the deleted program. Now: xxgk.conf is left as it was,
the package migrates the database before the workers' restart, doctor names the .dpkg-dist and
the workers to restart, and with the database down the package still installs and says what to
run. Takes the same lock as test_package.py."""
import fcntl, glob, os, shutil, subprocess, tempfile

from harness import TOP, Failure, eq, ok
from test_package import (APT, CONF, SITE, SPAWN, TITLE, Machine, build, get, installed, left_behind,
                          purge_and_find_nothing, run, serve_through_nginx, set_up_database_and_site, start_mariadb,
                          wait_for)

OLD = "6a835b2"  # 0.9.0, the release before: xxgk.conf a conffile, migrations up to 102
SNIPPET = "/etc/nginx/snippets/xxgk.conf"
UNATTENDED = ["-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"]


def build_old(tmp):
    src = os.path.join(tmp, "old")
    os.makedirs(src)
    archive = subprocess.run(["git", "-C", TOP, "archive", OLD], capture_output=True)
    if archive.returncode != 0:
        raise Failure(f"git archive {OLD}: the release before is needed from this repository's history "
                      f"({archive.stderr.decode(errors='replace')})")
    subprocess.run(["tar", "-x", "-C", src], input=archive.stdout, check=True)
    run("sh", os.path.join(src, "tools", "deb.sh"), os.path.join(tmp, "old-deb"), timeout=1200)
    debs = glob.glob(os.path.join(tmp, "old-deb", "xxgk_*_amd64.deb"))
    eq(len(debs), 1, "the old package")
    return debs[0]


def schema(sock):
    return run("mariadb", "--no-defaults", "-S", sock, "-u", "root", "-N", "-B", "xxgk", "-e",
               "SELECT MAX(version) FROM schema_version").stdout.strip()


def doctor(nginx):
    return run("xxgkctl", "doctor", "--nginx-dir", nginx, check=False)


def latest():
    return str(max(int(f[:3]) for f in os.listdir(os.path.join(TOP, "sql")) if f.endswith(".sql")))


def stop_mariadb(m):
    for p in [p for p in m.procs if os.path.basename(str(p.args[0])) == "mariadbd"]:
        p.terminate()
        p.wait(timeout=60)
        m.procs.remove(p)


def upgrade(m, old_deb, new_deb):
    run(*APT, "install", old_deb, stdin=subprocess.DEVNULL)
    sock = start_mariadb(m)
    set_up_database_and_site(m, sock)
    with open(SNIPPET, encoding="utf-8") as fh:  # section 7: the sites whose includes nginx expands
        text = fh.read()
    ok("(?:(?!))" in text, "the snippet's list of SSI sites")
    with open(SNIPPET, "w", encoding="utf-8") as fh:
        fh.write(text.replace("(?:(?!))", f"(?:{SITE})"))
    with open(CONF, encoding="utf-8") as fh:
        conf = fh.read()
    run(SPAWN, "start")
    wait_for("the workers' socket", lambda: os.path.exists("/run/xxgk/xxgk.sock"))
    nginx = serve_through_nginx(m)
    r = run(*APT, *UNATTENDED, "install", new_deb, stdin=subprocess.DEVNULL)
    return sock, conf, nginx, r.stdout + r.stderr


def test_an_upgrade_keeps_the_configuration_migrates_and_says_what_is_left(s):
    ok(os.geteuid() == 0, "runs as root, as CI does")
    with open("/tmp/xxgk-package-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ok(not installed(), "xxgk is installed on this machine already: the test would purge it (apt purge xxgk)")
        tmp = tempfile.mkdtemp(prefix="xxgk-package-upgrade-")
        os.chmod(tmp, 0o755)
        m = Machine(tmp)
        try:
            old_deb, new_deb = build_old(tmp), build(tmp)
            sock, conf, nginx, out = upgrade(m, old_deb, new_deb)
            # The configuration, with the password setup wrote, is the administrator's: as it was.
            with open(CONF, encoding="utf-8") as fh:
                eq(fh.read(), conf, "xxgk.conf after the upgrade")
            eq(glob.glob(CONF + ".*"), [], "files beside xxgk.conf")
            with open("/var/lib/dpkg/info/xxgk.conffiles") as fh:
                ok(CONF not in fh.read().split(), "xxgk.conf is no conffile of the new package")
            eq(run("dpkg-statoverride", "--list", CONF, check=False).stdout, "", "the old statoverride")
            st = os.stat(CONF)
            eq((st.st_uid, oct(st.st_mode & 0o777)), (0, oct(0o640)), "its owner and mode")
            # The database was migrated by the package, before any restart of the workers.
            ok(f"applied {latest()}_" in out, out)
            eq(schema(sock), latest(), "the schema after the upgrade")
            # The edited snippet was kept, the package's new one left beside it: doctor names both.
            with open(SNIPPET, encoding="utf-8") as fh:
                ok(f"(?:{SITE})" in fh.read(), "the edited snippet kept")
            ok(os.path.exists(SNIPPET + ".dpkg-dist"), "the package's snippet beside it")
            r = doctor(nginx)
            ok(f"WARN  web server: {SNIPPET}.dpkg-dist is the package's newer version of {SNIPPET}" in r.stdout
               and f"diff {SNIPPET} {SNIPPET}.dpkg-dist" in r.stdout, r.stdout)
            # Without systemd nothing restarted the workers: they run the program the upgrade deleted.
            ok("WARN  workers: the workers still run the program the upgrade replaced" in r.stdout
               and "xxgk-spawn stop, then start" in r.stdout, r.stdout)
            run(SPAWN, "stop")
            run(SPAWN, "start")
            wait_for("the workers' socket", lambda: os.path.exists("/run/xxgk/xxgk.sock"))
            port = int(open(os.path.join(nginx, "nginx.conf")).read().split("listen 127.0.0.1:")[1].split(";")[0])
            wait_for("the new workers' page", lambda: get(port, f"/xxgk/{SITE}/c/D04")[0].startswith(
                "HTTP/1.1 200"))
            head, body = get(port, f"/xxgk/{SITE}/c/D04")
            ok(TITLE in body, head)
            r = doctor(nginx)
            eq(r.returncode, 0, r.stdout)
            ok("the workers still run" not in r.stdout and "ok    workers: " in r.stdout, r.stdout)
            # The database down during an upgrade: the package installs, and says what to run.
            stop_mariadb(m)
            r = run(*APT, "install", "--reinstall", new_deb, stdin=subprocess.DEVNULL)
            ok("the database was not migrated" in r.stdout + r.stderr
               and "xxgkctl migrate && xxgkctl doctor" in r.stdout + r.stderr, r.stdout + r.stderr)
            files = run("dpkg", "-L", "xxgk").stdout.split()
            m.stop()
            purge_and_find_nothing(files)
            ok(not os.path.exists(CONF), "xxgk.conf removed on purge")
        finally:
            m.stop()
            if left_behind() or os.path.exists(CONF):
                run(*APT, "purge", "xxgk", check=False)
            for f in glob.glob(SNIPPET + ".dpkg-*"):
                os.remove(f)
            shutil.rmtree(tmp, ignore_errors=True)
