"""Keeps working: a database restart makes pages fail cleanly with 503, and they recover by
themselves. Runs in any position: it starts the database again whatever happens, and then
restarts the workers and nginx and waits until they serve, so that no worker keeps a connection
the restart broke (a write on one is not retried) for the tests that come after."""
from harness import eq, ok


def test_database_restart_gives_503_then_recovers(s):
    eq(s.get("/xxgk/lincang/").status, 200, "before")
    stored = s.get("/xxgk/lincang/")
    eq(stored.header("X-Cache"), "file", "the home page is stored")
    try:
        try:
            s.sh(f'kill "$(cat "{s.var}/mysql/mariadbd.pid")"; '
                 f'while kill -0 "$(cat "{s.var}/mysql/mariadbd.pid")" 2>/dev/null; do sleep 0.1; done')
            r = s.get("/xxgk/lincang/?from=outage")
            eq(r.status, 503, "database down")
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
    finally:
        s.restart_web()
    eq(s.get("/xxgk/lincang/?from=restarted").status, 200, "the workers and nginx serve again")
