"""The one authorization decision on disclosure requests, walked through HTTP with real sessions
and CSRF tokens: every role (staff serving two bodies, staff of a third body, approver, admin) in
every relation to a request (its body is theirs, another body's, none yet and someone else
registered it, none yet and they registered it), on requests in every status a step is taken
from, for every step, the page (listed, opened, contact details in full) included.

Where the decision refuses, the answer is 403 (409 where the role may act but not from the status)
and the request's row, its timeline, letters, deadlines, audit entries and mail are byte for byte
what they were; where it allows, the step is taken (303). Every cell is checked and every wrong
cell reported, not only the first.

The table (README "Staff console"): staff take every step but those for approvers (the
extension, disclosure over a third party's objection, a later reply date under Art. 35, a
corrected receipt date) on their bodies' requests, and make their answers draft notices (Art.
44); on a request without a body that they registered they only give it to a body they serve
(seeing it in full); approvers and admins take every step on every request; nobody acts on
another body's request. The requests are on a site of the module's own, whose bodies are A, B, C
and D."""
import datetime, hashlib, html, re, urllib.parse

from console import single_use_page
from harness import Failure, eq, fixture, new_site, ok

BODY_A, BODY_B, BODY_C, BODY_D = "授权测试甲局", "授权测试乙局", "授权测试丙局", "授权测试丁局"
PASSWORD = "authz-password-1"
STEPS = ["accept", "correction", "corrected", "abandon", "consult", "consult_received", "consult_end", "public_interest",
         "extend", "art35_reasons", "art35_later", "fee_notice", "fee_paid", "fee_unpaid", "answer", "close", "withdraw",
         "assign", "redate", "body_consult", "body_answer"]
EVERY = set(STEPS)
APPROVERS_ONLY = {"extend", "public_interest", "art35_later", "redate"}
# (role, relation) -> the steps allowed; see and contact details alike
ALLOWED = {
    ("staff", "own"): EVERY - APPROVERS_ONLY,
    ("staff", "other"): set(),
    ("staff", "unassigned"): set(),
    ("staff", "registrant"): {"assign"},
    **{(role, rel): EVERY for role in ("approver", "admin") for rel in ("own", "unassigned", "registrant")},
}
SEES = {cell: cell not in (("staff", "other"), ("staff", "unassigned")) for cell in ALLOWED}
# What the workflow takes from a registered request (the offered steps on such a request).
FROM_REGISTERED = {"accept", "correction", "consult", "public_interest", "extend", "art35_reasons", "art35_later",
                   "fee_notice", "fee_paid", "fee_unpaid", "answer", "withdraw", "assign", "redate", "body_consult"}
# Art. 44: who may make an answered request's answer a draft notice (the answer's relations).
TO_NOTICE = {cell for cell, steps in ALLOWED.items() if "answer" in steps and cell != ("staff", "registrant")}

PERSON = {"applicant_type": "person", "name": "授权测试申请人", "id_type": "resident-id",
          "id_number": "11010519491231002X", "phone": "13800004321", "email": "authz@example.com",
          "address": "浙江省杭州市西湖区授权测试路9号", "postcode": "310000",
          "description": "授权测试所需的信息", "form": "paper", "delivery": "post"}
RECEIVED = datetime.date.today() - datetime.timedelta(days=90)
ON = (RECEIVED + datetime.timedelta(days=2)).isoformat()  # every step's date but those dated today
PAY_BY = (RECEIVED + datetime.timedelta(days=5)).isoformat()  # long past: an unpaid fee may end the request
# Steps whose form has no date: taken today, after the period they end (the date rules).
TODAY_STEPS = {"abandon", "fee_unpaid"}
FEE = {"fee_method": "by-volume", "pages": "31"}
REDATED = (RECEIVED - datetime.timedelta(days=1)).isoformat()

# The steps that bring a new (registered) request to a status, and the steps each status is for.
TO_STATUS = {
    "registered": [],
    "correction_requested": [("correction", {"days": "1", "what": "项目名称"})],  # its period long over: abandon may follow
    "consultation": [("consult", {"third_party": "某建设工程有限公司"})],
    "body_consultation": [("body_consult", {"other_body": "某市发展和改革局", "ground": "joint", "question": "能否公开"})],
    "fee_notified": [("fee_notice", dict(FEE, until=PAY_BY))],  # in a running status, a fee to pay, past due
    "answered": [("answer", {"outcome": "disclosed:"})],
}
STATUS_FOR = {"corrected": "correction_requested", "abandon": "correction_requested",
              "consult_received": "consultation", "consult_end": "consultation", "fee_paid": "fee_notified",
              "fee_unpaid": "fee_notified", "close": "answered", "body_answer": "body_consultation"}
# A step's own fields, where it needs any (a letter's public fields included).
FIELDS = {"correction": {"days": "15", "what": "项目名称"}, "consult": {"third_party": "某建设工程有限公司"},
          "consult_end": {"answer": "objected"}, "public_interest": {"reasons": "涉及重大公共利益"},
          "extend": {"days": "5", "reasons": "需要调取档案"}, "art35_later": {"reasons": "申请数量较多"},
          "fee_notice": dict(FEE, until=PAY_BY), "answer": {"outcome": "disclosed:"}, "redate": {"received_on": REDATED},
          "body_consult": {"other_body": "某市发展和改革局", "ground": "joint", "question": "能否公开"},
          "body_answer": {"gist": "同意公开"}}


def site(s):
    """The module's site, with the four bodies (the accounts are each test's own)."""
    return fixture(s, "authz.site", lambda s: new_site(s, "zhejiang", "authz", bodies=(BODY_A, BODY_B, BODY_C, BODY_D)))


class Console:
    """A signed-in account: its cookie, and its CSRF token read once."""

    def __init__(self, s, site, login, password=PASSWORD):
        self.s, self.site, self.login = s, site, login
        r = s.post(f"/xxgk/{site}/admin/login", fields={"login": login, "password": password})
        m = re.search(r"xxgk_session=([0-9a-f]{64})", r.header("Set-Cookie") or "")
        ok(m, f"{login} signs in: {r.status}")
        self.cookie = m.group(1)
        self.token = re.search(r'name="csrf" value="([0-9a-f]{64})"', self.get("requests").text).group(1)

    def get(self, path):
        return self.s.get(f"/xxgk/{self.site}/admin/{path}", headers={"Cookie": f"xxgk_session={self.cookie}"})

    def post(self, path, fields):
        page = single_use_page(path, fields)  # a single-use form: its one-time token, as the browser has it
        if page is not None:
            fields = dict(fields, form_token=html.unescape(re.search(r'name="form_token" value="([^"]+)"',
                                                                     self.get(page).text).group(1)))
        body = urllib.parse.urlencode(dict(fields, csrf=self.token))
        return self.s.request("POST", f"/xxgk/{self.site}/admin/{path}", body=body,
                              headers={"Cookie": f"xxgk_session={self.cookie}",
                                       "Content-Type": "application/x-www-form-urlencoded"})

    def register(self, body=None):
        fields = dict(PERSON, channel="in-person", received_on=RECEIVED.isoformat())
        if body:
            fields["assigned_body"] = body
        r = self.post("requests/new", fields)
        eq(r.status, 200, f"{self.login} registers: {r.text[:300]}")
        return re.search(r'/admin/requests/(\d+)"', r.text).group(1)

    def step(self, rid, action, **fields):
        dated = {} if action in TODAY_STEPS else {"on": ON}
        return self.post(f"requests/{rid}", dict({"action": action, **dated}, **fields))


class Team:
    """The accounts of one test: two staff (bodies A and B; body C), an approver, an admin."""

    def __init__(self, s, tag):
        key = site(s)
        for login, role, bodies in [("s1", "staff", [BODY_A, BODY_B]), ("s2", "staff", [BODY_C]),
                                    ("approver", "approver", []), ("admin", "admin", [])]:
            args = ["user", "add", f"{tag}-{login}", "--role", role, "--site", key]
            for b in bodies:
                args += ["--body", b]
            s.ctl(*args, input=PASSWORD + "\n")
        self.s1, self.s2, self.approver, self.admin = (Console(s, key, f"{tag}-{x}")
                                                       for x in ("s1", "s2", "approver", "admin"))
        self.by_role = {"approver": self.approver, "admin": self.admin}

    def request(self, registrant, body, status):
        """A request registered by registrant (with body or none), brought to status by the admin."""
        rid = registrant.register(body)
        for action, fields in TO_STATUS[status]:
            r = self.admin.step(rid, action, **fields)
            eq(r.status, 303, f"setup: {action} to {status}: {r.text[:300]}")
        return rid


def snapshot(s, rid):
    """The request's row and everything a step writes about it, as a checksum."""
    rows = s.sql(f"SELECT * FROM requests WHERE id = {rid}; "
                 f"SELECT * FROM request_events WHERE request_id = {rid} ORDER BY id; "
                 f"SELECT * FROM request_letters WHERE request_id = {rid} ORDER BY id; "
                 f"SELECT * FROM request_attachments WHERE request_id = {rid} ORDER BY id; "
                 f"SELECT * FROM deadlines WHERE subject = 'request' AND subject_id = {rid} ORDER BY id; "
                 f"SELECT COUNT(*) FROM audit_log WHERE subject = 'request' AND subject_id = {rid}; "
                 f"SELECT COUNT(*) FROM outbox WHERE request_id = {rid}")
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refuse(s, wrong, cell, who, rid, action, expect, fields=None):
    """The step is refused with expect and changes nothing stored; a refusal on a request the user
    may see shows its page again with why and what was typed. False when the request changed."""
    before = snapshot(s, rid)
    note = f"矩阵测试备注-{action}"
    r = who.step(rid, action, note=note, **(fields if fields is not None else FIELDS.get(action, {})))
    if r.status != expect:
        wrong.append(f"{cell} {action} on #{rid}: {r.status}, expected {expect}")
    if r.status == expect and SEES.get(cell) and note not in r.text:
        wrong.append(f"{cell} {action} on #{rid}: the refusal lost what was typed")
    if snapshot(s, rid) != before:
        wrong.append(f"{cell} {action} on #{rid}: refused ({r.status}) but the stored request changed")
        return False
    return True


def allow(wrong, cell, who, rid, action, fields=None):
    r = who.step(rid, action, **(fields if fields is not None else FIELDS.get(action, {})))
    if r.status != 303:
        wrong.append(f"{cell} {action} on #{rid}: {r.status}, expected 303: {re.sub(r'<[^>]+>', ' ', r.text)[-200:]!r}")
    return r.status == 303


def report(wrong):
    if wrong:
        raise Failure(f"{len(wrong)} wrong cells:\n  " + "\n  ".join(wrong))


def test_refused_cells_answer_403_and_change_nothing(s):
    """Every refused (role, relation, step), each on a request in a status the step is taken from."""
    t = Team(s, "azr")
    wrong = []
    # Registered by s1 without a body: s1 registered it, s2 did not. Given to body A: s1's, not s2's.
    # Each cell on a request in a status its step is taken from; a new one after a cell that
    # changed it, so that one wrong cell does not hide the next.
    cells = [(("staff", "registrant"), t.s1, t.s1, None), (("staff", "unassigned"), t.s2, t.s1, None),
             (("staff", "other"), t.s2, t.admin, BODY_A), (("staff", "own"), t.s1, t.admin, BODY_A)]
    for cell, who, registrant, body in cells:
        for status in TO_STATUS:
            rid = None
            for action in [a for a in STEPS if STATUS_FOR.get(a, "registered") == status and a not in ALLOWED[cell]]:
                rid = rid or t.request(registrant, body, status)
                if not refuse(s, wrong, cell, who, rid, action, 403):
                    rid = None
    # Staff give a request only to a body they serve.
    mine = t.request(t.s1, None, "registered")
    refuse(s, wrong, ("staff", "registrant"), t.s1, mine, "assign", 403, {"body": BODY_C})
    refuse(s, wrong, ("staff", "own"), t.s1, t.request(t.admin, BODY_A, "registered"), "assign", 403, {"body": BODY_C})
    # Role and relation are judged before the status: a request one may not touch does not tell it.
    other = t.request(t.admin, BODY_A, "registered")
    refuse(s, wrong, ("staff", "other"), t.s2, other, "close", 403)
    for role, who in t.by_role.items():
        refuse(s, wrong, (role, "own"), who, other, "close", 409)
    refuse(s, wrong, ("staff", "own"), t.s1, other, "close", 409)
    report(wrong)


def chains(cell, body, later):
    """Paths through the workflow that take every step the cell allows, each on a new request;
    later: a working day after any reply deadline of theirs, for Art. 35's later reply."""
    allowed = ALLOWED[cell]
    path = [("correction", FIELDS["correction"]), ("corrected", {}), ("accept", {}), ("consult", FIELDS["consult"]),
            ("consult_received", {}), ("consult_end", FIELDS["consult_end"]),
            ("public_interest", FIELDS["public_interest"]), ("extend", FIELDS["extend"]), ("art35_reasons", {}),
            ("art35_later", dict(FIELDS["art35_later"], until=later)), ("fee_notice", dict(FEE, until=PAY_BY)),
            ("fee_paid", {}), ("answer", FIELDS["answer"]), ("close", {})]
    return [[st for st in p if st[0] in allowed] for p in [
        path,
        [("correction", {"days": "1", "what": "项目名称"}), ("abandon", {})],
        [("fee_notice", dict(FEE, until=PAY_BY)), ("fee_unpaid", {})],
        [("withdraw", {})],
        [("assign", {"body": body})],
        [("redate", FIELDS["redate"])],
    ]]


def test_allowed_cells_take_the_step(s):
    """Every allowed (role, relation, step), along paths through the workflow."""
    t = Team(s, "aza")
    wrong = []
    later = s.ctl("deadline", ON, "120").stdout.split()[0]
    cells = [(("staff", "own"), t.s1, lambda: t.s1.register(BODY_A), BODY_B),
             (("staff", "registrant"), t.s1, lambda: t.s1.register(None), BODY_B)]
    for role, who in t.by_role.items():
        someone_else = t.admin if role == "approver" else t.approver
        cells += [((role, "own"), who, lambda: t.s1.register(BODY_A), BODY_D),
                  ((role, "unassigned"), who, lambda e=someone_else: e.register(None), BODY_D),
                  ((role, "registrant"), who, lambda w=who: w.register(None), BODY_D)]
    for cell, who, new_request, body in cells:
        for chain in chains(cell, body, later):
            if not chain:
                continue
            rid = new_request()
            for action, fields in chain:
                if not allow(wrong, cell, who, rid, action, fields):
                    break
    report(wrong)


def offered(text):
    steps = text.split('id="act-h"', 1)[1].split('id="tl-h"', 1)[0]
    return set(re.findall(r'name="action" value="([a-z0-9_]+)"', steps))


def test_pages_list_open_unmask_and_offer_only_what_is_allowed(s):
    t = Team(s, "azp")
    wrong = []
    by_s1, own_a = t.s1.register(None), t.s1.register(BODY_A)
    by_admin, by_approver = t.admin.register(None), t.approver.register(None)
    cases = [(("staff", "own"), t.s1, own_a), (("staff", "registrant"), t.s1, by_s1),
             (("staff", "other"), t.s2, own_a), (("staff", "unassigned"), t.s2, by_s1),
             (("approver", "own"), t.approver, own_a), (("approver", "unassigned"), t.approver, by_admin),
             (("approver", "registrant"), t.approver, by_approver), (("admin", "own"), t.admin, own_a),
             (("admin", "unassigned"), t.admin, by_approver), (("admin", "registrant"), t.admin, by_admin)]
    for cell, who, rid in cases:
        tracking = s.sql(f"SELECT tracking_no FROM requests WHERE id = {rid}")[0][0]
        listed = tracking in who.get("requests").text
        page = who.get(f"requests/{rid}")
        if listed != SEES[cell] or page.status != (200 if SEES[cell] else 404):
            wrong.append(f"{cell}: listed {listed}, page {page.status}; sees: {SEES[cell]}")
        if page.status != 200:
            continue
        if (PERSON["address"] in page.text) != SEES[cell] or (PERSON["phone"] in page.text) != SEES[cell]:
            wrong.append(f"{cell}: contact details in full: {PERSON['address'] in page.text}")
        want = ALLOWED[cell] & FROM_REGISTERED
        if offered(page.text) != want:
            wrong.append(f"{cell}: offered {sorted(offered(page.text))}, expected {sorted(want)}")
    # Staff assign to a body they serve, picked from a list; their registered request, once given
    # to their body, is theirs to handle.
    page = t.s1.get(f"requests/{by_s1}").text
    if not (f"<option>{BODY_A}</option>" in page and f"<option>{BODY_B}</option>" in page and BODY_C not in page):
        wrong.append("staff registrant: the bodies offered to assign to are not the two s1 serves")
    r = t.s1.step(by_s1, "assign", body=BODY_B)
    if r.status != 303 or offered(t.s1.get(f"requests/{by_s1}").text) != ALLOWED[("staff", "own")] & FROM_REGISTERED:
        wrong.append(f"staff registrant: assigning to a body s1 serves ({r.status}) does not make the request s1's")
    # A refusal on a visible request shows the page again: why, and the letter as typed.
    letter = "尊敬的申请人：这是一封<b>不能丢失</b>的告知书。"
    r = t.s1.step(own_a, "extend", days="7", note="延期理由", letter=letter, reasons="需要调取档案")
    if r.status != 403 or "审核人" not in r.text or "未能办理" not in r.text:
        wrong.append(f"staff own extend: {r.status}, the page does not say why")
    elif not ("尊敬的申请人：这是一封&lt;b&gt;不能丢失&lt;/b&gt;的告知书。" in r.text and 'value="延期理由"' in r.text
              and 'value="7"' in r.text):
        wrong.append("staff own extend: the refusal lost the letter, the note or the days typed")
    elif "extend" in offered(r.text) or 'class="step refused"' not in r.text:
        wrong.append("staff own extend: the refused step is offered as a form to send")
    report(wrong)


def test_an_answer_becomes_a_notice_only_for_those_who_may_answer(s):
    """Art. 44 (POST requests/{id}/notice) in every cell, on requests answered with information
    given: allowed, a draft notice and a 303; refused, 403 and nothing stored (no notice, the
    request's row and records as they were); the form offered exactly where it is allowed."""
    t = Team(s, "azn")
    wrong = []
    cases = [(("staff", "own"), t.s1, lambda: t.s1.register(BODY_A)),
             (("staff", "registrant"), t.s1, lambda: t.s1.register(None)),
             (("staff", "other"), t.s2, lambda: t.s1.register(BODY_A)),
             (("staff", "unassigned"), t.s2, lambda: t.s1.register(None))]
    for role, who in t.by_role.items():
        someone_else = t.admin if role == "approver" else t.approver
        cases += [((role, "own"), who, lambda: t.s1.register(BODY_A)),
                  ((role, "unassigned"), who, lambda e=someone_else: e.register(None)),
                  ((role, "registrant"), who, lambda w=who: w.register(None))]
    for cell, who, new_request in cases:
        rid = new_request()
        r = t.admin.step(rid, "answer", **FIELDS["answer"])
        eq(r.status, 303, f"setup: answered: {r.text[:300]}")
        page = t.admin.get(f"requests/{rid}").text
        column = re.search(r'<select id="pa-category" name="category">\s*<option value="([^"]+)"', page).group(1)
        offered_form = 'id="pa-category"' in who.get(f"requests/{rid}").text
        if offered_form != (cell in TO_NOTICE):
            wrong.append(f"{cell}: the Art. 44 form offered: {offered_form}")
        before, notices = snapshot(s, rid), s.sql("SELECT COUNT(*) FROM notices")
        r = who.post(f"requests/{rid}/notice", {"category": column, "title": f"矩阵测试转主动公开{rid}",
                                                 "basis": "repeated"})
        if cell in TO_NOTICE:
            linked = s.sql(f"SELECT COUNT(*) FROM requests r JOIN notices n ON n.id = r.notice_id WHERE r.id = {rid}")
            if r.status != 303 or linked != [["1"]]:
                wrong.append(f"{cell}: to notice {r.status}, linked {linked}: {re.sub(r'<[^>]+>', ' ', r.text)[-200:]!r}")
        elif r.status != 403:
            wrong.append(f"{cell}: to notice {r.status}, expected 403")
        elif snapshot(s, rid) != before or s.sql("SELECT COUNT(*) FROM notices") != notices:
            wrong.append(f"{cell}: refused, but something was stored")
    report(wrong)
