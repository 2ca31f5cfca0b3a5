"""A write transaction that the database ends in a deadlock is run again, whole, and commits
(core/db.h, db_transaction): a staff member's withdrawal of a notice meets another transaction
that takes the same two rows in the opposite order; InnoDB rolls the smaller one back (xxgk's);
xxgk runs it again once the other has committed, and both changes are there, each once. Without
the retry the withdrawal answers 503.

A transaction whose connection is killed half-way (an array-bound statement of an import's
batch waiting for a row) is lost, not continued on the new connection: the batch is run again,
whole, and every notice is there once. It used to forget the transaction when it reconnected
(the rest would have run outside any), and the import failed.

The other transaction is the test's own, through the mariadb client, on the test's own site."""
import json, os, subprocess, threading, time

from console import Staff
from harness import BIN, TOP, eq, import_notices, new_site, ok, wait_until
from sql_session import SqlSession


def deadlock_count(sql):
    return int(sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")[0][1])


def lock_waits(sql):
    return int(sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")[0][0])


class Looks:
    """A server's lock waits, looked at in turn through sql, at least LOOK_APART seconds apart:
    InnoDB refills INNODB_TRX only when it has gone unread for 100 ms (trx0i_s.cc), so faster looks
    read the rows of the first look again and again, and a wait that began after it is never seen
    (a cluster test waited 10 s that way, then failed). For a failure's message: how many looks,
    the longest, and the server's transactions and connections once 2 s have passed with none seen."""
    LOOK_APART = 0.25

    def __init__(self, sql):
        self.sql, self.t0, self.last, self.n, self.longest, self.seen = sql, time.monotonic(), 0.0, 0, 0.0, ""

    def waiting(self):
        time.sleep(max(0.0, self.last + self.LOOK_APART - time.monotonic()))
        t = time.monotonic()
        found = lock_waits(self.sql)
        self.n, self.longest = self.n + 1, max(self.longest, time.monotonic() - t)
        if not found and not self.seen and time.monotonic() - self.t0 > 2:
            self.seen = repr(self.sql("SELECT trx_id, trx_state, trx_mysql_thread_id, trx_query "
                                      "FROM information_schema.INNODB_TRX")) + " " + \
                repr(self.sql("SELECT id, command, state, time, info FROM information_schema.PROCESSLIST "
                              "WHERE command <> 'Sleep'"))
        self.last = time.monotonic()
        return found >= 1

    def __str__(self):
        return f"{self.n} looks at the lock waits, the longest {self.longest:.2f} s; at 2 s: {self.seen or '-'}"


def withdraw_against(s, site, session, sql, post, state=None):
    """Withdraws a notice of site through post(path, fields) while session holds its site's
    generation and then asks for the notice itself (the opposite order). Returns the response.
    state reads the server's lock waits (on a cluster, the node's own, not a causal read, which
    would wait behind the very transactions the test holds there); sql by default."""
    sid = sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    ids = import_notices(s, site, [{"external_id": f"dl{k}", "title": f"死锁测试公告{k}", "issuer": "测试市财政局",
                                    "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00",
                                    "category": "D04.C05", "body": "正文。", "items": {}} for k in range(40)])
    target = ids["dl0"]
    others = ",".join(str(v) for k, v in ids.items() if k != "dl0")
    # The heavier transaction (39 notices changed, by their keys: no lock on the target) is the
    # one InnoDB keeps: xxgk's is rolled back.
    session.run(f"SET autocommit = 0; START TRANSACTION; "
                f"UPDATE notices SET publish_note = '批量备注' WHERE id IN ({others}); "
                f"UPDATE site_generation SET generation = generation WHERE site_id = {sid};", "held")
    answer = {}
    t = threading.Thread(target=lambda: answer.update(r=post(f"notices/{target}", {"action": "withdraw",
                                                                                    "reason": "死锁测试"})))
    t.start()
    # xxgk has the notice and waits for the site's generation; now the other way round.
    looks = Looks(state or sql)
    wait_until(lambda: looks.waiting() or "r" in answer, "the withdrawal waits for the site's generation")
    r = answer.get("r")
    ok(r is None, f"the withdrawal waits for the site's generation before it answers (it answered "
                  f"{getattr(r, 'status', '')}: {getattr(r, 'text', '')[:200]}; {looks})")
    session.run(f"UPDATE notices SET publish_note = '另一事务' WHERE id = {target}; COMMIT;", "committed")
    t.join(60)
    ok("r" in answer, "the withdrawal answered")
    return target, answer["r"]


def check_both_committed(sql, target, r):
    eq(r.status, 303, f"the withdrawal succeeded after its retry ({r.status} {r.text[:300]})")
    eq(sql(f"SELECT status, publish_note FROM notices WHERE id = {target}"), [["withdrawn", "另一事务"]],
       "both transactions' changes are there")
    eq(sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'notice' AND subject_id = {target} "
           f"AND action = 'notice.withdraw'"), [["1"]], "the withdrawal audited once")


def test_a_deadlock_is_run_again_and_both_transactions_commit(s):
    site = new_site(s, "lincang", "retry", users=("admin",))
    st = Staff(s, site, "admin")
    token = st.csrf()
    before = deadlock_count(s.sql)
    session = SqlSession("--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root")
    try:
        target, r = withdraw_against(s, site, session, s.sql,
                                     lambda path, f: st.post(path, {**f, "csrf": token}, token=False))
    finally:
        session.close()
    ok(deadlock_count(s.sql) > before, "InnoDB saw a deadlock")
    check_both_committed(s.sql, target, r)


def touching(sql):
    """The connection whose statement has waited a second or more to link notices to a body."""
    rows = sql("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT id FROM bodies WHERE site_id%' "
               "AND TIME >= 1")
    return rows[0][0] if len(rows) == 1 else None


def test_a_transaction_whose_connection_is_killed_is_run_again_whole(s):
    site = new_site(s, "lincang", "killed")
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    issuer = "断线测试局"
    notices = [{"external_id": f"kc{k}", "title": f"断线测试公告{k}", "issuer": issuer, "formed_on": "2026-03-02",
                "published_at": "2026-03-10 09:00:00", "category": "D04.C05", "body": "正文。", "items": {}}
               for k in range(3)]
    path = os.path.join(s.var, "killed-import.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": site, "notices": notices}, f, ensure_ascii=False)
    # The issuing body, not yet committed: the batch's look-up of its notices' body (a locking
    # read of bodies, before the notices' INSERT) waits for it.
    session = SqlSession("--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root")
    out = {}
    try:
        session.run(f"SET autocommit = 0; START TRANSACTION; "
                    f"INSERT INTO bodies (site_id, name) VALUES ({sid}, '{issuer}');", "held")
        t = threading.Thread(target=lambda: out.update(r=subprocess.run(
            [os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path,
             "--publish-incomplete"], cwd=TOP, env=s.env, capture_output=True, text=True)))
        t.start()
        # The statement waiting shows in the process list, which is not a cache (INNODB_TRX is:
        # Looks).
        wait_until(lambda: touching(s.sql) is not None or not t.is_alive(),
                   "the import's batch waits for the body")
        ok(t.is_alive(), f"the import waits: {out['r'].stdout}{out['r'].stderr}" if "r" in out else "")
        s.sql(f"KILL CONNECTION {touching(s.sql)}")
        session.run("ROLLBACK;", "released")
        t.join(60)
    finally:
        session.close()
        os.unlink(path)
    ok("r" in out, "the import ended")
    r = out["r"]
    eq(r.returncode, 0, f"the import succeeded after its retry: {r.stdout}{r.stderr}")
    eq(s.sql(f"SELECT external_id, COUNT(*) FROM notices WHERE site_id = {sid} GROUP BY external_id ORDER BY 1"),
       [[f"kc{k}", "1"] for k in range(3)], "every notice there once")
