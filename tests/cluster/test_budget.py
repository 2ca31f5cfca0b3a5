"""A write that cannot commit for longer than the retry budget is answered 503 once the budget
has passed, and changes nothing (core/db.h, db_transaction: run again only while less than 5 s
have passed since its first run). The test holds a site's tracking-number counter
(request_serials) on node 2 past a lock wait's limit there (innodb_lock_wait_timeout 10 s,
tools/cluster.sh); a filing through host B (node 2) waits for it, meets the limit (1205, run
again like a conflict) and is answered 503 then, not after nine more waits (a budget of 10 runs
would have taken 100 s)."""
import json, os, sys, time

from cluster import new_site
from harness import eq, ok, wait_until
from sql_session import SqlSession

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from test_ysqgk import person  # noqa: E402


def test_a_write_held_past_the_budget_is_answered_503_and_changes_nothing(c):
    site = new_site(c, "budget")
    wait_until(lambda: c.b.get(f"/xxgk/{site}/").status == 200, "host B knows the site")
    sid = c.sql(1, f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    c.sql(1, f"INSERT INTO request_serials (site_id, year, last_serial) VALUES ({sid}, YEAR(CURDATE()), 0)")
    wait_until(lambda: c.sql(2, f"SELECT COUNT(*) FROM request_serials WHERE site_id = {sid}") == [["1"]],
               "the counter on node 2")
    session = SqlSession(*c.sql_args(2))
    try:
        session.run(f"SET autocommit = 0; START TRANSACTION; "
                    f"SELECT last_serial FROM request_serials WHERE site_id = {sid} FOR UPDATE;", "held")
        began = time.monotonic()
        r = c.b.request("POST", f"/xxgk/{site}/api/requests",
                        body=json.dumps(person(name="预算测试人"), ensure_ascii=False).encode(),
                        headers={"Content-Type": "application/json"}, timeout=60)
        took = time.monotonic() - began
    finally:
        session.run("ROLLBACK;", "released")
        session.close()
    print(f"     answered {r.status} after {took:.1f} s")
    eq(r.status, 503, f"refused once the budget had passed: {r.text[:300]}")
    ok(9 <= took <= 20, f"after one lock wait (10 s) and within the budget's bound: {took:.1f} s")
    for n in (1, 2, 3):
        eq(c.sql(n, f"SELECT COUNT(*) FROM requests WHERE site_id = {sid}"), [["0"]], f"nothing filed on node {n}")
        eq(c.sql(n, f"SELECT last_serial FROM request_serials WHERE site_id = {sid}"), [["0"]],
           f"the counter unchanged on node {n}")
