"""A write transaction that the cluster ends is run again, whole, and commits (core/db.h,
db_transaction), on the cluster as on one server (tests/integration/test_retry.py):

- a deadlock on one node: the test's transaction on node 2 (heavier: 39 notices changed) holds
  the site's generation and then asks for the notice that a withdrawal through host B (node 2)
  holds while it waits for the generation; InnoDB rolls the withdrawal back, xxgk runs it again;
- a conflict between nodes: the withdrawal through host B holds the notice and waits for the
  generation that the test holds on node 2, while another transaction changes the same notice on
  node 1 and commits; its replication to node 2 aborts the withdrawal (a brute-force abort, 1213),
  xxgk runs it again once the test lets the generation go.

Both changes are on every node afterwards, each once."""
import os, sys, threading

from cluster import OnNode, new_site
from console import Staff
from harness import eq, import_notices, ok, wait_until
from sql_session import SqlSession

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from test_retry import Looks, check_both_committed, deadlock_count, withdraw_against  # noqa: E402


def staff_post(c, host, site):
    st = Staff(host, site, "admin")
    token = st.csrf()
    return lambda path, f: st.post(path, {**f, "csrf": token}, token=False)


def test_a_deadlock_on_a_node_is_run_again(c):
    site = new_site(c, "deadlock", users=("admin",))
    node2 = OnNode(c, 2)
    before = deadlock_count(node2.sql)
    session = SqlSession(*c.sql_args(2))
    try:
        target, r = withdraw_against(node2, site, session, node2.sql, staff_post(c, c.b, site), node2.state)
    finally:
        session.close()
    ok(deadlock_count(node2.sql) > before, "node 2 saw a deadlock")
    for n in (1, 2, 3):
        check_both_committed(OnNode(c, n).sql, target, r)


def bf_aborts(c, n):
    return int(c.sql(n, "SHOW GLOBAL STATUS LIKE 'wsrep_local_bf_aborts'", sync=False)[0][1])


def test_a_conflict_with_another_node_is_run_again(c):
    site = new_site(c, "conflict", users=("admin",))
    node2 = OnNode(c, 2)
    ids = import_notices(node2, site, [{"external_id": "cf", "title": "冲突测试公告", "issuer": "测试市财政局",
                                        "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00",
                                        "category": "D04.C05", "body": "正文。", "items": {}}])
    target, sid = ids["cf"], c.sql(2, f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    post = staff_post(c, c.b, site)
    aborts = bf_aborts(c, 2)
    holder = SqlSession(*c.sql_args(2))
    try:
        holder.run(f"SET autocommit = 0; START TRANSACTION; "
                   f"UPDATE site_generation SET generation = generation WHERE site_id = {sid};", "held")
        answer = {}
        t = threading.Thread(target=lambda: answer.update(r=post(f"notices/{target}", {"action": "withdraw",
                                                                                        "reason": "冲突测试"})))
        t.start()
        # The answer too: a withdrawal that answered without waiting (it met an error, or ran on
        # another node) will never wait, and its status says why.
        looks = Looks(node2.state)
        wait_until(lambda: looks.waiting() or "r" in answer, "the withdrawal holds the notice and waits on node 2")
        r = answer.get("r")
        ok(r is None, f"the withdrawal waits on node 2 before it answers (it answered "
                      f"{getattr(r, 'status', '')}: {getattr(r, 'text', '')[:200]}; {looks})")
        c.sql(1, f"UPDATE notices SET publish_note = '另一事务' WHERE id = {target}")
        wait_until(lambda: bf_aborts(c, 2) > aborts, "node 2 aborts the withdrawal for node 1's change")
        holder.run("ROLLBACK;", "released")
        t.join(60)
    finally:
        holder.close()
    ok("r" in answer, "the withdrawal answered")
    for n in (1, 2, 3):
        check_both_committed(OnNode(c, n).sql, target, answer["r"])
