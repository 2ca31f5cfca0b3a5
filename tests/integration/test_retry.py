"""A write transaction that the database ends in a deadlock is run again, whole, and commits
(core/db.h, db_transaction): a staff member's withdrawal of a notice meets another transaction
that takes the same two rows in the opposite order; InnoDB rolls the smaller one back (xxgk's);
xxgk runs it again once the other has committed, and both changes are there, each once. Without
the retry the withdrawal answers 503.

The other transaction is the test's own, through the mariadb client, on the test's own site."""
import os, threading

from console import Staff
from harness import eq, import_notices, new_site, ok, wait_until
from sql_session import SqlSession


def deadlock_count(sql):
    return int(sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")[0][1])


def lock_waits(sql):
    return int(sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")[0][0])


def withdraw_against(s, site, session, sql, post):
    """Withdraws a notice of site through post(path, fields) while session holds its site's
    generation and then asks for the notice itself (the opposite order). Returns the response."""
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
    wait_until(lambda: lock_waits(sql) >= 1, "the withdrawal waits for the site's generation")
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
