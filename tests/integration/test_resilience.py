"""Keeps working: a database restart makes pages fail cleanly with 503, and they recover by
themselves; the service's error log says when the database went away and when it came back, once
each. Runs in any position: it starts the database again whatever happens, and then restarts the
workers and nginx and waits until they serve, so that no worker keeps a connection the restart
broke (a write on one is not retried) for the tests that come after."""
import os, re, threading, time

from harness import eq, ok
from sql_session import SqlSession

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \[\d+\] xxgk: "


def error_log(s):
    with open(os.path.join(s.var, "xxgk.err"), encoding="utf-8", errors="replace") as fh:
        return fh.read()


def test_database_restart_gives_503_then_recovers(s):
    eq(s.get("/xxgk/lincang/").status, 200, "before")
    stored = s.get("/xxgk/lincang/")
    eq(stored.header("X-Cache"), "file", "the home page is stored")
    log_before = len(error_log(s))
    try:
        try:
            s.sh(f'kill "$(cat "{s.var}/mysql/mariadbd.pid")"; '
                 f'while kill -0 "$(cat "{s.var}/mysql/mariadbd.pid")" 2>/dev/null; do sleep 0.1; done')
            r = s.get("/xxgk/lincang/?from=outage")
            eq(r.status, 503, "database down")
            for i in range(4):
                eq(s.get(f"/xxgk/shanwei/?from=outage{i}").status, 503, "every page while it is down")
            ok("暂时无法提供服务" in r.text, "a clear message")
            eq(r.header("Retry-After"), "5", "Retry-After")
            # Nothing can change while the database is down, so a stored page is still the current one.
            r = s.get("/xxgk/lincang/")
            eq((r.status, r.body), (200, stored.body), "stored pages are still sent while the database is down")
        finally:
            s.sh(f'stack_db_start "{s.var}"')
        # pages the workers render (a query string: not a stored copy)
        statuses = [s.get(f"/xxgk/lincang/?from=recovery-{i}").status for i in range(3)]
        ok(statuses[-1] == 200, f"recovered without a restart of the workers: {statuses}")
        # The error log: the database going away once, not per request, and its return once
        # (logged by the first connection made again: a page the workers render from the database).
        eq(s.get("/xxgk/shanwei/?from=after-outage").status, 200, "a page from the database again")
        log = error_log(s)[log_before:]
        down = re.findall(STAMP + r"database: cannot connect: Can't connect to local server through socket .*\n", log)
        eq(len(down), 1, f"the outage logged once: {log[-2000:]}")
        ok(re.search(STAMP + r"database: connected again\n", log[log.index(down[0]):]), "and the return")
    finally:
        s.restart_web()
    eq(s.get("/xxgk/lincang/?from=restarted").status, 200, "the workers and nginx serve again")


def test_a_table_held_by_a_lock_answers_503_before_the_web_server_gives_up(s):
    """A statement that waits out the read timeout (30 s) is given up, not run again: waiting twice
    took 60 s, the web server's own limit, whose bare 504 answered instead (HTML on api/ too)."""
    nid = s.sql("SELECT n.id FROM notices n JOIN sites t ON t.id = n.site_id WHERE t.site_key = 'lincang' "
                "AND n.status = 'published' LIMIT 1")[0][0]
    session = SqlSession("--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root")
    got = {}

    def ask(name, path):
        t0 = time.time()
        got[name] = (s.get(path, timeout=120), time.time() - t0)

    try:
        session.run("LOCK TABLES notices WRITE;", "locked")
        asks = [threading.Thread(target=ask, args=a) for a in
                (("page", f"/xxgk/lincang/n/{nid}?held=1"), ("api", "/xxgk/lincang/api/notices?limit=1&held=1"))]
        for t in asks:
            t.start()
        for t in asks:
            t.join()
    finally:
        session.run("UNLOCK TABLES;", "unlocked")
        session.close()
    for name, (r, took) in got.items():
        eq(r.status, 503, f"{name}: xxgk's answer, not the web server's ({r.text[:200]})")
        ok(took < 45, f"{name}: within one read timeout ({took:.1f} s)")
    ok(got["api"][0].header("Content-Type").startswith("application/json"), "JSON on api/")
    eq(got["api"][0].header("Retry-After"), "5", "with Retry-After, as the HTML page has")
    ok("(a lock held?) and was given up" in error_log(s), "the log says the statement waited")
    eq(s.get(f"/xxgk/lincang/n/{nid}?held=2").status, 200, "and once the lock is gone the page is back")
