"""The tamper-evident audit log (README "Audit log"): every entry carries an HMAC over its content
and the previous entry's hash, in one chain per database node (a single server's is chain 1, the
install's chain from before there were several) that concurrent writers on the node extend one
after the other; `xxgkctl audit verify` passes a whole log and names the first entry changed by
hand, the entries deleted from the middle or from the end, and an entry inserted by hand or
moved out of the chains. Each test puts back what it changed, so the log is whole again after it.
(Several chains, one per Galera node: tests/cluster/test_failover.py.)"""
import json, threading

from harness import eq, fixture, new_site, ok


def site(s):
    return fixture(s, "audit.site", lambda s: new_site(s, "yancheng", "audit"))


def verify(s):
    r = s.ctl("audit", "verify", check=False)
    return r.returncode, r.stdout + r.stderr


def entries(s, n):
    """n new entries of this module's own (adding push tokens writes one each): their ids and seqs."""
    for _ in range(n):
        s.ctl("token", "add", "--site", site(s), "--name", "audit-test")
    return [(int(i), int(q)) for i, q in s.sql(f"SELECT id, seq FROM audit_log WHERE chain = 1 ORDER BY seq DESC LIMIT {n}")][::-1]


class Saved:
    """Rows of audit_log kept aside in a table of the test's own, to be put back as they were."""

    def __init__(self, s, ids):
        self.s, self.ids = s, ",".join(str(i) for i in ids)
        s.sql(f"CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE id IN ({self.ids})")

    def restore(self):
        self.s.sql(f"DELETE FROM audit_log WHERE id IN ({self.ids}); "
                   "INSERT INTO audit_log SELECT * FROM audit_saved; DROP TABLE audit_saved")


def named_when_changed(s, ids, change, *named):
    """Changes the entries ids by hand (the SQL change): verify fails and names each of named;
    then they are put back and the log is whole again."""
    saved = Saved(s, ids)
    try:
        s.sql(change)
        rc, out = verify(s)
        eq(rc, 1, out)
        for text in named:
            ok(text in out, out)
    finally:
        saved.restore()
    eq(verify(s)[0], 0, "whole again once put back")


def test_a_whole_log_verifies(s):
    entries(s, 2)
    rc, out = verify(s)
    eq(rc, 0, out)
    ok("entries in 1 chain, each whole" in out, out)
    eq(s.sql("SELECT id, node FROM audit_chain"), [["1", ""]], "a single server's entries are chain 1's")


def test_concurrent_writers_extend_one_chain(s):
    before = int(s.sql("SELECT seq FROM audit_chain WHERE id = 1")[0][0])
    results = []
    body = {"applicant_type": "person", "name": "审计测试人", "id_type": "passport", "id_number": "E12345678",
            "phone": "13700001111", "description": "审计测试", "form": "electronic", "delivery": "pickup"}

    def one():
        results.append(s.post(f"/xxgk/{site(s)}/api/requests", body=json.dumps(body, ensure_ascii=False).encode(),
                              headers={"Content-Type": "application/json"}).status)
    threads = [threading.Thread(target=one) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    eq(results, [201] * 8, "all filed")
    seqs = [int(q) for (q,) in s.sql(f"SELECT seq FROM audit_log WHERE chain = 1 AND seq > {before} ORDER BY seq")]
    eq(seqs, list(range(before + 1, before + 1 + len(seqs))), "places without gaps or twins")
    ok(len(seqs) >= 8, f"{len(seqs)} entries")
    rc, out = verify(s)
    eq(rc, 0, out)


def test_an_entry_changed_by_hand_is_named(s):
    (eid, _), _ = entries(s, 2)
    named_when_changed(s, [eid], f"UPDATE audit_log SET note = 'nothing happened here' WHERE id = {eid}",
                       f"entry {eid} (", "does not match its hash")


def test_a_deleted_entry_leaves_a_gap_that_is_named(s):
    (first, _), (gone, seq), (after, _) = entries(s, 3)
    named_when_changed(s, [gone], f"DELETE FROM audit_log WHERE id = {gone}",
                       f"entries {seq} to {seq} of chain 1 (single server) are missing (deleted), "
                       f"between entry {first} and entry {after}")


def test_the_last_entries_deleted_and_one_inserted_are_named(s):
    (keep, _), (last, seq) = entries(s, 2)
    named_when_changed(s, [last], f"DELETE FROM audit_log WHERE id = {last}",
                       f"entries {seq} to {seq} of chain 1 (single server) are missing (deleted), after entry {keep}")
    s.sql("INSERT INTO audit_log (actor, action, subject, note) VALUES ('admin', 'user.add', 'user', 'by hand')")
    inserted = s.sql("SELECT MAX(id) FROM audit_log")[0][0]
    try:
        rc, out = verify(s)
        eq(rc, 1, out)
        ok(f"entry {inserted} has no place in a chain" in out, out)
    finally:
        s.sql(f"DELETE FROM audit_log WHERE id = {inserted}")


def test_an_entry_moved_to_a_chain_without_a_head_is_named(s):
    (_, _), (last, _) = entries(s, 2)
    named_when_changed(s, [last], f"UPDATE audit_log SET chain = 999 WHERE id = {last}",
                       f"entry {last} has no place in a chain")
