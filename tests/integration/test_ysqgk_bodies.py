"""Disclosing bodies as records: xxgkctl body add|set|list and the admins' console page (declared
fields, bad input refused with nothing stored, every change audited), a rename following in
requests and staff bodies, imported notices referring to the body their issuer names, the
receipt's contact block, registration and assignment only to a body of the site (on a site of
the module's own), and the demo's bodies."""
import json, os, re

from console import Staff
from harness import eq, fixture, import_notices, new_site, ok
from test_ysqgk_workflow import PERSON, act, register
from ysqgk_case import refused


def site(s):
    """A Qinghai-variant site of the module's own, with two bodies besides its receiving office."""
    return fixture(s, "bodies.site", lambda s: new_site(s, "qinghai", "bodies", users=("admin", "approver", "staff"),
                                                        bodies=("青海省财政局", "青海省自然资源局")))


def tag():
    return os.urandom(3).hex()


def body_row(s, site, name):
    rows = s.sql(f"SELECT b.id, b.phone, b.review_body, b.court, b.receives FROM bodies b JOIN sites s ON s.id = b.site_id "
                 f"WHERE s.site_key = '{site}' AND b.name = '{name}'")
    return rows[0] if rows else None


def audits(s, action):
    return int(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")[0][0])


def test_ctl_adds_changes_and_lists_bodies(s):
    key = site(s)
    name = f"测试县财政局{tag()}"
    before = audits(s, "body.add")
    r = s.ctl("body", "add", name, "--site", key, "--phone", "0515-1234567", "--review-body", "测试县人民政府",
              "--court", "测试县人民法院", "--hours", "工作日9:00—17:00")
    ok("added" in r.stdout, r.stdout)
    bid, phone, review, court, receives = body_row(s, key, name)
    eq((phone, review, court, receives), ("0515-1234567", "测试县人民政府", "测试县人民法院", "0"), "stored")
    eq(audits(s, "body.add"), before + 1, "audited")
    # set changes only what it is given
    s.ctl("body", "set", name, "--site", key, "--fax", "0515-7654321")
    eq(s.sql(f"SELECT phone, fax, court FROM bodies WHERE id = {bid}"), [["0515-1234567", "0515-7654321", "测试县人民法院"]],
       "one field changed")
    after = json.loads(s.sql(f"SELECT after_json FROM audit_log WHERE action = 'body.set' AND subject_id = {bid}")[-1][0])
    eq(after["fax"], "0515-7654321", "the audit entry has the record after")
    ok(name in s.ctl("body", "list", "--site", key).stdout, "listed")
    # bad input: refused, nothing changed
    r = s.ctl("body", "set", name, "--site", key, "--phone", "call me", check=False)
    eq(r.returncode, 2, "a bad telephone number is refused")
    ok("--phone" in r.stderr and "电话" in r.stderr, r.stderr)
    eq(body_row(s, key, name)[1], "0515-1234567", "unchanged")
    r = s.ctl("body", "add", name, "--site", key, check=False)
    eq(r.returncode, 1, "a second body of the same name")
    eq(s.ctl("body", "set", "没有这个机关", "--site", key, check=False).returncode, 1, "unknown body")


def test_a_rename_follows_in_requests_and_staff_bodies(s):
    key = site(s)
    old, new = f"改名前机关{tag()}", f"改名后机关{tag()}"
    s.ctl("body", "add", old, "--site", key)
    login = f"rn{tag()}"
    s.ctl("user", "add", login, "--role", "staff", "--site", key, "--body", old, input="password-1\n")
    ap = Staff(s, key, "approver")
    rid, _ = register(ap, "2025-03-03", assigned_body=old)
    s.ctl("body", "set", old, "--site", key, "--name", new)
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [[new]], "the request's body")
    eq(s.sql(f"SELECT ub.body FROM user_bodies ub JOIN users u ON u.id = ub.user_id WHERE u.login = '{login}'"),
       [[new]], "the staff member's body")
    st = Staff(s, key, login, "password-1")
    eq(st.get(f"requests/{rid}").status, 200, "its staff still handle it")
    r = s.ctl("user", "add", f"x{tag()}", "--role", "staff", "--site", key, "--body", old, input="password-1\n",
              check=False)
    eq(r.returncode, 1, "the old name is no body any more")
    ok("no body" in r.stderr, r.stderr)


def test_imported_notices_refer_to_the_body_their_issuer_names(s):
    """xxgkctl import writes through the bulk writer: a new notice whose issuer names a body of
    the site refers to it, another issuer to none; a re-import that changes the issuer follows it."""
    key = site(s)
    ext = f"body-{tag()}"

    def notice(n, issuer):
        return {"external_id": f"{ext}-{n}", "title": f"机关关联测试{n}", "issuer": issuer, "formed_on": "2026-03-02",
                "category": "D01.C01", "body": "正文"}

    def linked():
        return s.sql(f"SELECT n.external_id, COALESCE(b.name, '-') FROM notices n LEFT JOIN bodies b ON b.id = n.issuer_body_id "
                     f"WHERE n.external_id LIKE '{ext}-%' ORDER BY n.external_id")

    import_notices(s, key, [notice(1, "青海省财政局"), notice(2, "某不是本站机关的单位")])
    eq(linked(), [[f"{ext}-1", "青海省财政局"], [f"{ext}-2", "-"]], "new notices")
    import_notices(s, key, [notice(1, "某不是本站机关的单位"), notice(2, "青海省自然资源局")])
    eq(linked(), [[f"{ext}-1", "-"], [f"{ext}-2", "青海省自然资源局"]], "a changed issuer is followed")


def test_console_page_for_admins(s):
    key = site(s)
    office = s.sql(f"SELECT b.name FROM bodies b JOIN sites s ON s.id = b.site_id WHERE s.site_key = '{key}' "
                   f"AND b.receives = 1")[0][0]
    admin = Staff(s, key, "admin")
    page = admin.get("bodies")
    eq(page.status, 200, "the page")
    ok(office in page.text and "受理本站申请" in page.text, "the receiving body is marked")
    eq(Staff(s, key, "staff").get("bodies").status, 403, "staff may not")
    name = f"汕尾测试机关{tag()}"
    fields = {"name": name, "address": "汕尾市城区测试路1号", "phone": "0660-3333333", "review_body": "汕尾市人民政府",
              "court": "汕尾市城区人民法院"}
    count = int(s.sql("SELECT COUNT(*) FROM bodies")[0][0])
    bad = admin.post("bodies", dict(fields, phone="电话号码"))
    eq(bad.status, 400, "a bad field")
    ok("电话" in bad.text and "不是有效的电话号码" in bad.text and name in bad.text, "the error, and what was typed")
    eq(int(s.sql("SELECT COUNT(*) FROM bodies")[0][0]), count, "nothing stored")
    r = admin.post("bodies", fields)
    eq(r.status, 303, r.text[:300])
    bid = body_row(s, key, name)[0]
    ok(f"bodies?done={bid}" in r.header("Location"), r.header("Location"))
    edit = admin.get(f"bodies/{bid}")
    ok('value="汕尾市城区测试路1号"' in edit.text, "the form holds the record")
    r = admin.post(f"bodies/{bid}", dict(fields, court="汕尾市中级人民法院"))
    eq(r.status, 303, r.text[:300])
    eq(body_row(s, key, name)[3], "汕尾市中级人民法院", "changed")
    who = s.sql(f"SELECT actor, action FROM audit_log WHERE subject = 'body' AND subject_id = {bid} ORDER BY id")
    eq(who, [["admin", "body.add"], ["admin", "body.set"]], "both audited, by the admin")
    dup = admin.post("bodies", dict(fields))
    eq(dup.status, 400, "the same name twice")
    ok("同名" in dup.text, "says why")


def test_receipt_names_the_receiving_body_and_its_contacts(s):
    key = site(s)
    r = s.post(f"/xxgk/{key}/api/requests", body=json.dumps(
        {k: v for k, v in PERSON.items()}, ensure_ascii=False).encode(), headers={"Content-Type": "application/json"})
    eq(r.status, 201, r.text[:300])
    j = r.json()
    page = s.post(f"/xxgk/{key}/ysqgk/receipt", fields={"tracking_no": j["tracking_no"], "query_code": j["query_code"]})
    eq(page.status, 200, "the receipt again")
    office = s.sql(f"SELECT b.name, b.address, b.phone, b.hours FROM bodies b JOIN sites s ON s.id = b.site_id "
                   f"WHERE s.site_key = '{key}' AND b.receives = 1")[0]
    for v in office:
        ok(v in page.text, f"{v} on the receipt")
    ok(f'class="receipt-issuer">{office[0]}<' in page.text, "issued by the body, not the site")


def test_registration_and_assignment_only_to_a_body_of_the_site(s):
    ap = Staff(s, site(s), "approver")
    count = int(s.sql("SELECT COUNT(*) FROM requests")[0][0])
    r = ap.post("requests/new", dict(PERSON, channel="in-person", received_on="2025-05-06", assigned_body="青海省不存在局"))
    eq(r.status, 400, "an unknown body")
    ok("本站没有这个机关" in r.text, "says so")
    eq(int(s.sql("SELECT COUNT(*) FROM requests")[0][0]), count, "nothing filed")
    ok('<option value="青海省财政局">' in ap.get("requests/new").text, "the form offers the site's bodies")
    rid, _ = register(ap, "2025-05-06")
    r = act(ap, rid, "assign", expect=400, body="临沧市财政局")  # another site's
    ok("本站的一个机关" in r.text, r.text[:300])
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [["NULL"]], "unassigned still")
    act(ap, rid, "assign", body="青海省自然资源局")
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [["青海省自然资源局"]], "assigned")


def test_assignment_form_asks_for_a_body(s):
    """The case page's assign form starts on an empty choice, as the queue's batch assign does, and
    an empty body is refused at its field: nothing is given to the first body of the list."""
    ap = Staff(s, site(s), "approver")
    rid, _ = register(ap, "2025-05-06")
    page = ap.get(f"requests/{rid}").text
    form = re.search(r'<select id="body-assign" name="body"[^>]*>(.*?)</select>', page, re.S)
    ok(form, "the assign form's body select")
    options = re.findall(r"<option[^>]*>[^<]*</option>", form.group(1))
    eq(options[0], '<option value="">请选择机关</option>', "an empty first option, chosen until one is picked")
    ok(not any("selected" in o for o in options), "no body preselected on an unassigned request")
    r = refused(s, ap, rid, "assign", 400, "办理机关：必须填写", body="")
    ok(re.search(r'<select id="body-assign" name="body"[^>]*aria-invalid="true"', r.text), "the field marked")
    eq(s.sql(f"SELECT assigned_body FROM requests WHERE id = {rid}"), [["NULL"]], "unassigned still")
    act(ap, rid, "assign", body="青海省自然资源局")
    page = ap.get(f"requests/{rid}").text
    ok(re.search(r"<option selected[^>]*>青海省自然资源局</option>", page), "its body chosen once assigned")


def test_demo_sites_have_complete_bodies(s):
    rows = s.sql("SELECT s.site_key, b.name, b.review_body <> '' AND b.court <> '' AND b.address <> '' AND b.phone <> '' "
                 "AND b.hours <> '', (SELECT COUNT(*) FROM bodies o WHERE o.site_id = s.id) FROM bodies b "
                 "JOIN sites s ON s.id = b.site_id WHERE b.receives = 1 "
                 "AND s.site_key IN ('lincang', 'yancheng', 'qinghai', 'zhejiang', 'shanwei')")
    eq(len(rows), 5, "every demo site has its receiving body")
    for key, name, complete, n in rows:
        ok(complete == "1" and int(n) >= 5, f"{key}: {name} complete, and the issuing bodies ({n})")
    strays = s.sql("SELECT s.site_key, n.issuer, COUNT(*) FROM notices n JOIN sites s ON s.id = n.site_id "
                   "WHERE s.site_key IN ('lincang', 'yancheng', 'qinghai', 'zhejiang', 'shanwei') "
                   "AND n.external_id IS NULL AND n.issuer_body_id IS NULL GROUP BY s.site_key, n.issuer")
    eq(strays, [], "every demo notice (imports by other tests have external ids) is issued by a body of its site")
    unlinked = s.sql("SELECT COUNT(*) FROM notices n JOIN bodies b ON b.site_id = n.site_id AND b.name = n.issuer "
                     "WHERE NOT n.issuer_body_id <=> b.id")
    eq(unlinked, [["0"]], "a notice whose issuer names a body refers to it")
    ok(int(s.sql("SELECT COUNT(*) FROM notices WHERE issuer_body_id IS NOT NULL")[0][0]) > 100, "the demo's notices")


def test_a_step_s_note_fits_the_audit_log_with_the_step_s_own_words(s):
    """A step's note is kept in the audit log after the step's own words (交由…办理；): a note of
    2,000 characters, which the form took, overflowed the log's 2,000 and the step answered 500.
    The note takes 1,000 now, and a longer one is refused at its field."""
    ap = Staff(s, site(s), "approver")
    rid, _ = register(ap, "2025-05-06")
    refused(s, ap, rid, "assign", 400, "说明", body="青海省自然资源局", note="注" * 1001)
    act(ap, rid, "assign", body="青海省自然资源局", note="注" * 1000)
    note = s.sql(f"SELECT note FROM audit_log WHERE subject = 'request' AND subject_id = {rid} "
                 "AND action = 'request.assign'")[0][0]
    ok(note.startswith("交由青海省自然资源局办理；") and note.endswith("注" * 1000), "the whole note, after the step's words")
