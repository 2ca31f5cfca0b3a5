"""A new notice takes its attachments in the form that creates it (multipart), over real HTTP: the
notice, its files (type from the bytes, digest, count) and the audit entries in one transaction;
a file of a type not accepted refuses the whole form (the form again, saying which file), with
nothing stored. On a site of the module's own."""
import hashlib, os, re

from console import Staff
from harness import eq, fixture, new_site, ok

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def site(s):
    return fixture(s, "create-files.site", lambda s: new_site(s, "lincang", "create-files", users=("admin",)))


def create(s, st, title, files, action="save"):
    token = st.csrf()
    b = "----xxgk" + hashlib.sha1(os.urandom(8)).hexdigest()
    fields = {"csrf": token, "category": "D04.C09", "title": title, "issuer": "临沧市财政局",
              "formed_on": "2026-04-01", "validity": "有效", "decision_kind": "general", "body": "单一来源公示正文。",
              "action": action, "reason": "测试"}
    body = b"".join(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items())
    for name, data in files:
        body += (f'--{b}\r\nContent-Disposition: form-data; name="attachments"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{b}--\r\n".encode()
    return s.request("POST", f"/xxgk/{site(s)}/admin/notices", body=body,
                     headers={**st.headers(), "Content-Type": f"multipart/form-data; boundary={b}"})


def notices_titled(s, title):
    return s.sql(f"SELECT n.id, n.status, n.attachment_count FROM notices n JOIN sites st ON st.id = n.site_id "
                 f"WHERE st.site_key = '{site(s)}' AND n.title = '{title}'")


def test_the_new_notice_form_takes_files(s):
    st = Staff(s, site(s), "admin")
    form = st.get("notices/new?category=D04.C09").text
    ok(re.search(r'<form method="post" action="[^"]*admin/notices" class="editor" enctype="multipart/form-data">', form),
       "the new-notice form is multipart")
    ok('name="attachments" type="file" multiple' in form, "with a file field that takes several")
    r = create(s, st, "带附件的新公告", [("单一来源论证意见.pdf", PDF), ("现场照片.png", PNG)], action="publish")
    eq(r.status, 303, f"created: {r.text[:300]}")
    rows = notices_titled(s, "带附件的新公告")
    eq(len(rows), 1, "one notice")
    nid, status, count = rows[0]
    eq((status, count), ("published", "2"), "published with its two attachments counted")
    att = s.sql(f"SELECT filename, mime, size, sha256 FROM attachments WHERE notice_id = {nid} ORDER BY id")
    eq(att, [["单一来源论证意见.pdf", "application/pdf", str(len(PDF)), hashlib.sha256(PDF).hexdigest()],
             ["现场照片.png", "image/png", str(len(PNG)), hashlib.sha256(PNG).hexdigest()]], "stored, typed by content")
    audit = s.sql(f"SELECT action FROM audit_log WHERE subject = 'notice' AND subject_id = {nid} ORDER BY id")
    eq([a[0] for a in audit], ["notice.publish", "notice.attach", "notice.attach"], "audited with the notice")
    page = s.get(f"/xxgk/{site(s)}/n/{nid}").text
    ok("单一来源论证意见.pdf" in page and "现场照片.png" in page, "on the public page at once")


def test_a_refused_file_stores_nothing(s):
    st = Staff(s, site(s), "admin")
    before = s.sql("SELECT COUNT(*) FROM attachments")[0][0]
    r = create(s, st, "附件类型不符的新公告", [("好的.pdf", PDF), ("伪装.pdf", b"<html>not a pdf</html>")])
    eq(r.status, 415, "refused")
    ok("伪装.pdf" in r.text and "请重新选择附件" in r.text, "the form again, naming the file")
    ok('value="附件类型不符的新公告"' in r.text, "with what was typed")
    eq(notices_titled(s, "附件类型不符的新公告"), [], "no notice stored")
    eq(s.sql("SELECT COUNT(*) FROM attachments")[0][0], before, "no attachment stored")


def test_no_file_chosen_is_a_notice_without_attachments(s):
    st = Staff(s, site(s), "admin")
    eq(create(s, st, "没有附件的新公告", [("", b"")]).status, 303, "the empty part a browser sends is no file")
    eq([r[2] for r in notices_titled(s, "没有附件的新公告")], ["0"], "saved, no attachments")
