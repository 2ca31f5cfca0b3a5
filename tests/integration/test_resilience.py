"""Keeps working: a database restart makes pages fail cleanly with 503, and they recover by
themselves (runs last: it restarts the test database)."""
import time

from harness import eq, ok


def test_database_restart_gives_503_then_recovers(s):
    eq(s.get("/xxgk/lincang/").status, 200, "before")
    stored = s.get("/xxgk/lincang/")
    eq(stored.header("X-Cache"), "file", "the home page is stored")
    s.sh(f'kill "$(cat "{s.var}/mysql/mariadbd.pid")"; while kill -0 "$(cat "{s.var}/mysql/mariadbd.pid")" 2>/dev/null; do sleep 0.1; done')
    r = s.get("/xxgk/lincang/?from=outage")
    eq(r.status, 503, "database down")
    ok("暂时无法提供服务" in r.text, "a clear message")
    eq(r.header("Retry-After"), "5", "Retry-After")
    # Nothing can change while the database is down, so a stored page is still the current one.
    r = s.get("/xxgk/lincang/")
    eq((r.status, r.body), (200, stored.body), "stored pages are still sent while the database is down")
    s.sh(f'stack_db_start "{s.var}"')
    statuses = []
    for _ in range(3):
        statuses.append(s.get("/xxgk/lincang/").status)
    ok(statuses[-1] == 200, f"recovered without a restart of the workers: {statuses}")
