"""A large push (PUSH_BULK_MIN notices or more) goes through the bulk writer: it must leave exactly
what the one-by-one path leaves for the same notices — rows, 索引号, column rows, search queue,
and audit entries with the record before and after — on creation and on update."""
import json

from harness import eq, ok
from test_import_resume import dump
from test_push import push, token

ITEMS = {"D04.C05.I03": "临沧市华宇医疗器械有限公司，地址：临翔区南塘街1号", "D04.C05.I04": "人民币386.5万元"}


def notices(version):
    out = []
    for k in range(60):
        n = {"external_id": f"bulk-{k:03d}", "title": f"批量推送公告{k}（第{version}版）", "issuer": "临沧市财政局",
             "formed_on": "2026-02-27", "category": "D04.C05", "body": f"正文{k}\n第{version}版", "items": dict(ITEMS)}
        if k % 7 == 2 + version:  # on update, drafts get published and published ones pushed as drafts
            n["status"] = "draft"
        # every time given on creation (no clock in the comparison); on update some are left out,
        # and the notice keeps its time
        if version == 1 or k % 5 == 0 or k % 7 == 3:
            n["published_at"] = f"2026-03-{k % 28 + 1:02d} 09:{version:02d}:00"
        if version == 2 and k % 4 == 0:
            n["items"] = {"D04.C05.I03": "改为：临沧市泰和医疗器械有限公司"}
        out.append(n)
    return out


def audit(s, site):
    sid = s.sql(f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0]
    rows = s.sql("SELECT a.action, a.note LIKE 'push API, token %', COALESCE(a.before_json, 'null'), a.after_json "
                 f"FROM audit_log a JOIN notices n ON n.id = a.subject_id WHERE a.site_id = {sid} AND a.subject = 'notice' "
                 "ORDER BY n.external_id, a.id")
    out = []
    for action, note, before, after in rows:
        b, a = json.loads(before.replace("\\\\", "\\")), json.loads(after.replace("\\\\", "\\"))
        for snap in (b, a):
            if snap:
                snap.pop("id")
        out.append([action, note, b, a])
    return out


def same(a, b, what):
    """Row by row, the first difference named (the items' JSON compared as JSON: the bulk writer
    writes it compactly, the one-by-one path as the database's JSON_ARRAYAGG does)."""
    eq(len(a), len(b), f"{what}: rows")
    for x, y in zip(a, b):
        if what == "notices":
            x, y = x[:14] + [json.loads(x[14])] + x[15:], y[:14] + [json.loads(y[14])] + y[15:]
        if x != y:
            eq(x, y, what)


def test_large_push_equals_one_by_one(s):
    for site in ("push-bulk", "push-one"):
        s.ctl("site", "add", site, "--variant", "lincang", "--name", "推送对照", "--org-code", "PUSHEQ")
    for version in (1, 2):
        batch = notices(version)
        r = push(s, "push-bulk", {"notices": batch}, token(s, "push-bulk"))
        eq(r.status, 201 if version == 1 else 200, r.text[:300])
        d = r.json()
        eq((d["created"], d["updated"]), (60, 0) if version == 1 else (0, 60), "counts")
        ok(all(n["index_no"] or n["status"] == "draft" for n in d["notices"]), "each with its 索引号 or a draft")
        for half in (batch[:30], batch[30:]):  # under PUSH_BULK_MIN: one notice at a time
            r = push(s, "push-one", {"notices": half}, token(s, "push-one"))
            ok(r.status in (200, 201), r.text[:300])
        bulk, one = dump(s, "push-bulk"), dump(s, "push-one")
        for what in bulk:
            same(bulk[what], one[what], what)
        same(audit(s, "push-bulk"), audit(s, "push-one"), "audit")
