"""Disclosure on request (依申请公开), the public side, over real HTTP: filing through the form and
the API, the receipt and its due date (against `xxgkctl deadline` and against a count by hand
over the official 2026 arrangement typed in below), tracking with right and wrong codes, bad input
of every kind, abuse limits, markup kept inert, personal information kept out of public pages and
logs, the per-applicant monthly count, and mail through the outbox and a real SMTP conversation.

The requests are filed on a site of the module's own. The test stack ([ysqgk] in tools/stack.sh,
values in harness.py) has no minimum fill time (its test runs a tier that has one), believes
X-Forwarded-For from nginx and never throttles loopback: a test that checks a limit acts from its
own address."""
import datetime, email, email.header, hashlib, html, html.parser, io, itertools, json, os, re, socket, subprocess, threading
import time, zipfile

from harness import BIN, each_front_end, eq, fixture, free_port, new_site, ok, wait_until

FILE_LIMIT, QUERY_LIMIT, ATTACHMENT_MAX = 5, 20, 102400  # harness.py


def site(s):
    """The module's own site (Lincang's catalog) with an approver, made by the first test that asks."""
    return fixture(s, "ysqgk.site", lambda s: new_site(s, "lincang", "ysqgk", users=("approver",)))


def base(s):
    return f"/xxgk/{site(s)}/"

# The State Council's 2026 arrangement (国办发明电〔2025〕7号), typed in by hand.
OFF_2026 = {"2026-01-01", "2026-01-02", "2026-01-03",
            "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
            "2026-02-22", "2026-02-23",
            "2026-04-04", "2026-04-05", "2026-04-06",
            "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
            "2026-06-19", "2026-06-20", "2026-06-21",
            "2026-09-25", "2026-09-26", "2026-09-27",
            "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"}
WORK_2026 = {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}

_addr = itertools.count(int.from_bytes(os.urandom(2), "big") % 40000)


def new_addr():
    """A private address, new for each caller: its own throttle counters."""
    n = next(_addr)
    return f"10.{n // 62500}.{n // 250 % 250}.{n % 250 + 1}"


def xff(addr):
    return {"X-Forwarded-For": addr}


def hand_due(start, days):
    """The days-th working day after start, counted here day by day; None outside 2026."""
    d, n = start, 0
    while n < days:
        d += datetime.timedelta(days=1)
        if d.year != 2026:
            return None
        iso = d.isoformat()
        if iso in WORK_2026 or (d.weekday() < 5 and iso not in OFF_2026):
            n += 1
    return d


def resident_id(first17):
    """GB 11643: the check character of an 18-character resident identity number."""
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]


def uscc(first17):
    """GB 32100: the check character of a unified social credit code."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    c = 31 - sum(chars.index(ch) * k for ch, k in zip(first17, w)) % 31
    return first17 + chars[0 if c == 31 else c]


_person = itertools.count(1)


def person(**over):
    n = next(_person)
    f = {"applicant_type": "person", "name": f"申请人{n}", "id_type": "resident-id",
         "id_number": resident_id(f"5309021985{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"),
         "phone": f"139{n:08d}", "email": f"applicant{n}@example.com",
         "address": f"云南省临沧市临翔区测试路{n}号", "postcode": "677000",
         "description": "2025年度临沧市政府采购项目的合同文本和验收报告", "doc_number": "",
         "form": "electronic", "delivery": "email"}
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def organization(**over):
    f = person(applicant_type="organization", name="临沧某某律师事务所", org_kind="legal-services",
               org_code=uscc("31530000MD012345" + "6"), legal_rep="李四", contact="王五", id_type=None,
               id_number=None)
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def multipart(fields, files=()):
    boundary = "----xxgktest" + hashlib.sha1(os.urandom(8)).hexdigest()
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode())
        out.write(v if isinstance(v, bytes) else v.encode())
        out.write(b"\r\n")
    for name, filename, ctype, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: {ctype}\r\n\r\n".encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def docx_bytes():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return b.getvalue()


def plain_zip():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("notes.txt", "hello")
    return b.getvalue()


class _Inputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and "id" in a:
            self.values[a["id"]] = a.get("value")


def input_value(text, input_id):
    """The value of an input as a browser reads it (entities decoded, either quoting)."""
    p = _Inputs()
    p.feed(text)
    return p.values.get(input_id)


def get_form(s, headers=None, site_base=None):
    r = s.get((site_base or base(s)) + "ysqgk/", headers=headers)
    eq(r.status, 200, "form page")
    m = re.search(r'name="form_token" value="([^"]+)"', r.text)
    ok(m is not None, "the form carries its signed token")
    return html.unescape(m.group(1))


def post_form(s, fields, files=(), token=None, headers=None, site_base=None):
    """Files through the form (the suite's tier has no minimum fill time: no waiting)."""
    b = site_base or base(s)
    if token is None:
        token = get_form(s, headers, b)
    body, ctype = multipart(dict(fields, form_token=token), files)
    h = {"Content-Type": ctype}
    h.update(headers or {})
    return s.post(b + "ysqgk/", body=body, headers=h)


def file_api(s, fields, headers=None):
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    return s.post(base(s) + "api/requests", body=json.dumps(fields, ensure_ascii=False).encode(), headers=h)


def count_requests(s):
    return int(s.sql(f"SELECT COUNT(*) FROM requests r JOIN sites st ON st.id = r.site_id "
                     f"WHERE st.site_key = '{site(s)}'")[0][0])


def receipt_values(text):
    tn = re.search(r'class="code">([A-Z0-9_-]+-\d{4}-\d{5})<', text)
    qc = re.search(r'class="code">([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})<', text)
    ok(tn and qc, "receipt shows the tracking number and the query code")
    return tn.group(1), qc.group(1)


def query_page(s, tracking_no, code, headers=None):
    return s.post(base(s) + "ysqgk/query", fields={"tracking_no": tracking_no, "query_code": code}, headers=headers)


def check_due(s, received, due, provisional, what):
    """due (YYYY-MM-DD) against xxgkctl and, inside 2026, against the count by hand above."""
    out = s.ctl("deadline", received, "20").stdout.split()
    eq(due, out[0], f"{what}: due date against xxgkctl deadline {received} 20")
    eq(provisional, len(out) > 1 and out[1] == "provisional", f"{what}: provisional flag against xxgkctl")
    by_hand = hand_due(datetime.date.fromisoformat(received), 20)
    if by_hand is not None:
        eq(due, by_hand.isoformat(), f"{what}: due date against the count by hand over the 2026 arrangement")
        eq(provisional, False, f"{what}: a 2026 due date is not provisional")


# ---- the count by hand itself, on dates worked out on paper ----

def test_hand_count_matches_known_dates(s):
    # received Fri 2026-09-18: 9-20 (Sunday, 调休上班) = 1, 9-21..24 = 5 (9-25..27 中秋 off),
    # 9-28..30 = 8, 10-01..07 国庆 off, 10-08, 10-09 = 10, 10-10 (Saturday, 调休上班) = 11,
    # 10-12..16 = 16, 10-19..22 = 20
    eq(hand_due(datetime.date(2026, 9, 18), 20), datetime.date(2026, 10, 22), "National Day 2026 by hand")
    eq(s.ctl("deadline", "2026-09-18", "20").stdout.strip(), "2026-10-22", "National Day 2026 by xxgkctl")
    # received Tue 2026-02-10: 2-11..13 = 3, 2-14 (Saturday, 调休上班) = 4, Spring Festival 2-15..23 off,
    # 2-24..27 = 8, 2-28 (Saturday, 调休上班) = 9, 3-02..06 = 14, 3-09..13 = 19, 3-16 = 20
    eq(hand_due(datetime.date(2026, 2, 10), 20), datetime.date(2026, 3, 16), "Spring Festival 2026 by hand")
    eq(s.ctl("deadline", "2026-02-10", "20").stdout.strip(), "2026-03-16", "Spring Festival 2026 by xxgkctl")


# ---- the form ----

def test_form_page_labels_every_input(s):
    r = s.get(base(s) + "ysqgk/")
    eq(r.status, 200, "status")
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', r.text)
    for fid in ids:
        if fid == "q":
            continue  # the site search, labelled by the layout
        ok(f'<label for="{fid}"' in r.text, f"input {fid} has a label")
    for name in ["applicant_type", "name", "id_type", "id_number", "org_kind", "org_code", "legal_rep", "contact",
                 "phone", "email", "address", "postcode", "description", "doc_number", "form", "delivery",
                 "attachments"]:
        ok(f'name="{name}"' in r.text, f"field {name} on the form")
    ok(r.text.count("（必填）") >= 6, "required items say so in their label text")
    ok('enctype="multipart/form-data"' in r.text, "the form can carry attachments")
    ok(re.search(r'<div class="hp" aria-hidden="true">.*?tabindex="-1"', r.text), "honeypot hidden and untabbable")
    eq(re.findall(r"<script[^>]*>", r.text), ['<script src="/xxgk-static/text-size.js" defer>'],
       "no script but the text-size buttons' state, from a file")
    # each visitor gets a form of their own: a token is never served from a cache
    eq(r.header("Cache-Control"), "no-store", "the form page is not cached")
    ok(get_form(s) != get_form(s), "a fresh token on every visit")


@each_front_end
def test_file_through_form_gives_receipt_and_due_date(s):
    before = count_requests(s)
    f = person(description="请公开2025年临沧市政府采购合同")
    r = post_form(s, f, files=[("attachments", "身份证扫描件.pdf", "application/pdf", PDF),
                               ("attachments", "photo.jpg", "image/jpeg", JPEG)])
    eq(r.status, 200, f"filing answered: {r.text[:300]}")
    eq(r.header("Cache-Control"), "no-store", "the receipt is not cached")
    tn, code = receipt_values(r.text)
    today = datetime.date.today()
    ok(re.fullmatch(rf"{re.escape(site(s).upper())}-{today.year}-\d{{5}}", tn), f"tracking number format {tn}")
    eq(count_requests(s), before + 1, "one request stored")
    row = s.sql(f"SELECT r.id, DATE_FORMAT(r.received_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), "
                f"d.provisional, r.status, r.channel, r.query_hash, r.query_salt, d.kind, d.days, d.calendar_version "
                f"FROM requests r JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.tracking_no = '{tn}'")[0]
    rid, received, due, prov, status, channel, qhash, salt, kind, days, cal_version = row
    eq(received, today.isoformat(), "received on the day of the system's acknowledgment")
    eq((status, channel, kind, days), ("registered", "online", "reply", "20"), "status, channel, deadline")
    eq(cal_version, s.sql("SELECT version FROM calendar_state WHERE id = 1")[0][0], "deadline's calendar version")
    check_due(s, received, due, prov == "1", "form filing")
    ok(f"{due}前" in r.text, "the receipt shows the due date")
    ok(f"<td>{received}</td>" in r.text, "the receipt shows the receipt date")
    # the code is stored only as a salted hash
    norm = code.replace("-", "")
    eq(qhash, hashlib.sha256(f"{salt}:{norm}".encode()).hexdigest(), "query hash = SHA-256(salt:code)")
    ok(not s.sql(f"SELECT id FROM requests WHERE CONCAT_WS('|', query_hash, query_salt, description) LIKE '%{norm}%'"),
       "the query code itself is stored nowhere")
    # the timeline, the audit entry, the attachments with their checksums
    ev = s.sql(f"SELECT kind, status_to, visible, actor FROM request_events WHERE request_id = {rid}")
    eq(ev, [["filed", "registered", "1", "public"]], "the first step of the timeline")
    eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE action = 'request.file' AND subject_id = {rid}")[0][0], "1",
       "audited")
    att = s.sql(f"SELECT filename, mime, size, sha256 FROM request_attachments WHERE request_id = {rid} ORDER BY id")
    eq(att, [["身份证扫描件.pdf", "application/pdf", str(len(PDF)), hashlib.sha256(PDF).hexdigest()],
             ["photo.jpg", "image/jpeg", str(len(JPEG)), hashlib.sha256(JPEG).hexdigest()]], "attachments")
    ok("身份证扫描件.pdf" in r.text and hashlib.sha256(PDF).hexdigest() not in r.text and "SHA-256" not in r.text,
       "the receipt lists the attachment, without a digest (kept for staff, meaningless to citizens)")
    # printable: the receipt's own print rules exist in the stylesheet
    css = s.get("/xxgk-static/xxgk.css").text
    ok(re.search(r"@media print \{[^}]*\.no-print", css), "print CSS hides the screen-only parts of the receipt")
    ok('class="no-print"' in r.text, "screen-only links marked")


def test_file_through_api(s):
    before = count_requests(s)
    r = file_api(s, organization(description="请公开本单位所在园区的规划许可信息"))
    eq(r.status, 201, f"created: {r.text}")
    j = r.json()
    eq(sorted(j), ["due_on", "provisional", "query_code", "received_on", "tracking_no"], "exactly the receipt fields")
    eq(j["received_on"], datetime.date.today().isoformat(), "received today")
    ok(isinstance(j["provisional"], bool), "provisional is a boolean")
    check_due(s, j["received_on"], j["due_on"], j["provisional"], "API filing")
    eq(r.header("Location"), f"{base(s)}api/requests/{j['tracking_no']}", "Location")
    eq(count_requests(s), before + 1, "one request stored")
    row = s.sql(f"SELECT applicant_type, org_kind, org_code, channel FROM requests WHERE tracking_no = '{j['tracking_no']}'")
    eq(row[0][:3], ["organization", "legal-services", uscc("31530000MD0123456")], "organization stored")
    g = s.get(f"{base(s)}api/requests/{j['tracking_no']}?query_code={j['query_code']}")
    eq(g.status, 200, "lookup")
    v = g.json()
    eq((v["tracking_no"], v["status"], v["due_on"], v["received_on"]),
       (j["tracking_no"], "registered", j["due_on"], j["received_on"]), "status JSON")
    eq([e["kind"] for e in v["events"]], ["filed"], "timeline")
    eq(g.header("Cache-Control"), "no-store", "not cached")
    # urlencoded works too (no attachments)
    r2 = s.post(base(s) + "api/requests", fields=person())
    eq(r2.status, 201, f"urlencoded filing: {r2.text}")


def test_tracking_numbers_are_serial_and_unique_under_concurrency(s):
    results = []

    def one():
        results.append(file_api(s, person()))
    threads = [threading.Thread(target=one) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    eq([r.status for r in results], [201] * 8, "all filed")
    serials = sorted(int(r.json()["tracking_no"].rsplit("-", 1)[1]) for r in results)
    eq(len(set(serials)), 8, "eight different tracking numbers")
    eq(serials, list(range(serials[0], serials[0] + 8)), "consecutive serials")
    codes = {r.json()["query_code"] for r in results}
    eq(len(codes), 8, "eight different query codes")


def test_tracking_with_right_and_wrong_code(s):
    j = file_api(s, person()).json()
    tn, code = j["tracking_no"], j["query_code"]
    r = query_page(s, tn, code)
    eq(r.status, 200, "right code")
    ok("已登记" in r.text and "提交申请" in r.text, "status and the first step shown")
    ok(f"{j['due_on']}前" in r.text, "due date shown")
    eq(r.header("Cache-Control"), "no-store", "not cached")
    # typed the way people type: lower case, no dashes, spaces around
    eq(query_page(s, tn.lower(), " " + code.replace("-", "").lower() + " ").status, 200, "code as typed")
    # a wrong code and an unknown number: the same answer, nothing about the request
    wrong = "2222-2222-2222" if code != "2222-2222-2222" else "3333-3333-3333"
    unknown = "LINCANG-2020-99999"
    a, b = query_page(s, tn, wrong), query_page(s, unknown, code)
    eq((a.status, b.status), (404, 404), "wrong code and unknown number")
    # alike but for the number typed in, shown back in its field (the field's hint shows the site's
    # first number as an example, which tn is when this test files first)
    eq(a.text.replace(f'value="{tn}"', 'value="X"'), b.text.replace(f'value="{unknown}"', 'value="X"'),
       "wrong code and unknown number answer alike")
    ok("已登记" not in a.text and j["due_on"] not in a.text, "nothing revealed")
    ja = s.get(f"{base(s)}api/requests/{tn}?query_code={wrong}")
    jb = s.get(f"{base(s)}api/requests/{unknown}?query_code={code}")
    eq((ja.status, jb.status, ja.body), (404, 404, jb.body), "API: alike")
    eq(ja.json()["field"], None, "the answer names no field")
    eq(s.get(f"{base(s)}api/requests/{tn}").status, 404, "no code")
    # the receipt again from the tracking page, without the code
    rr = s.post(base(s) + "ysqgk/receipt", fields={"tracking_no": tn, "query_code": code})
    eq(rr.status, 200, "receipt again")
    ok(tn in rr.text and code not in rr.text and "补打回执" in rr.text, "receipt again, code not shown")
    eq(s.post(base(s) + "ysqgk/receipt", fields={"tracking_no": tn, "query_code": wrong}).status, 404, "wrong code")


def test_tracking_with_empty_fields_names_them(s):
    """Both fields empty: 400 naming each, the form back with them marked, and no lookup counted."""
    a = new_addr()

    def hits():
        return s.sql(f"SELECT COALESCE(SUM(hits), 0) FROM throttle_counters WHERE bucket = 'query' AND addr = '{a}'")[0][0]

    r = query_page(s, "", " ", headers=xff(a))
    eq(r.status, 400, "empty fields are the applicant's to fill")
    text = html.unescape(r.text)
    ok("受理编号：必须填写" in text and "查询码：必须填写" in text, "each empty field named")
    ok("没有查到" not in text and "受理编号或查询码不正确" not in text, "not the answer to a wrong pair")
    for field in ("tracking_no", "query_code"):
        ok(re.search(rf'<input id="f-{field}"[^>]*aria-invalid="true"', r.text), f"{field} marked invalid")
        ok(re.search(rf'<span class="field-error" id="e-{field}">', r.text), f"{field}: the error at the field")
    eq(str(hits()), "0", "not counted against the lookup limit")
    r = query_page(s, "LINCANG-2020-99999", "", headers=xff(a))
    eq(r.status, 400, "one field empty")
    text = html.unescape(r.text)
    ok("查询码：必须填写" in text and "受理编号：必须填写" not in text, "only the empty field named")
    ok('value="LINCANG-2020-99999"' in r.text, "the number typed kept")
    eq(query_page(s, "LINCANG-2020-99999", "2222-2222-2222", headers=xff(a)).status, 404, "both given: looked up")
    eq(str(hits()), "1", "only the lookup counted")


def api_error(s, fields, status, field, what, raw=None, ctype="application/json"):
    before = count_requests(s)
    if raw is None:
        r = file_api(s, fields)
    else:
        r = s.post(base(s) + "api/requests", body=raw, headers={"Content-Type": ctype})
    eq(r.status, status, f"{what}: status ({r.text[:200]})")
    ok(r.header("Content-Type").startswith("application/json"), f"{what}: JSON error")
    j = r.json()
    eq(sorted(j), ["error", "field"], f"{what}: error shape")
    eq(j["field"], field, f"{what}: field")
    ok(isinstance(j["error"], str) and j["error"], f"{what}: message")
    eq(count_requests(s), before, f"{what}: nothing stored")
    return j


def test_bad_input_through_the_api(s):
    for name in ["applicant_type", "name", "phone", "description", "form", "delivery"]:
        f = person()
        del f[name]
        api_error(s, f, 400, name, f"missing {name}")
    for name in ["id_type", "id_number"]:
        f = person()
        del f[name]
        api_error(s, f, 400, name, f"person without {name}")
    for name in ["org_kind", "org_code", "legal_rep", "contact"]:
        f = organization()
        del f[name]
        api_error(s, f, 400, name, f"organization without {name}")
    api_error(s, person(email="not-an-address"), 400, "email", "bad email")
    api_error(s, person(email="a@b.c\r\nBcc: x@y.z"), 400, "email", "header injection in email")
    api_error(s, person(delivery="email", email=None), 400, "email", "email delivery without email")
    api_error(s, person(delivery="post", address=None), 400, "address", "post delivery without address")
    api_error(s, person(phone="call me"), 400, "phone", "bad phone")
    api_error(s, person(phone="123"), 400, "phone", "short phone")
    good = person()["id_number"]
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    api_error(s, person(id_number=bad_check), 400, "id_number", "resident id with a wrong check digit")
    api_error(s, person(id_number=resident_id("53090219901332123")), 400, "id_number", "resident id, no such date")
    api_error(s, person(id_type="passport", id_number="E1"), 400, "id_number", "passport number too short")
    code = uscc("91530900MA6K1234" + "5")
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    api_error(s, organization(org_code=wrong), 400, "org_code", "credit code with a wrong check character")
    api_error(s, organization(org_code="91530900MA6K1234"), 400, "org_code", "credit code too short")
    api_error(s, person(postcode="67700"), 400, "postcode", "bad postcode")
    api_error(s, person(applicant_type="robot"), 400, "applicant_type", "unknown applicant type")
    api_error(s, organization(org_kind="church"), 400, "org_kind", "unknown organisation kind")
    api_error(s, person(form="papyrus"), 400, "form", "unknown form")
    api_error(s, person(name="甲" * 101), 400, "name", "name too long")
    api_error(s, person(description="长" * 2001), 400, "description", "description too long")
    api_error(s, person(name="a\nb"), 400, "name", "line break in a one-line field")
    api_error(s, person(name="a\x01b"), 400, "name", "control character")
    api_error(s, dict(person(), colour="blue"), 400, "colour", "unknown field")
    api_error(s, dict(person(), name=42), 400, "name", "not a string")
    api_error(s, None, 400, None, "not JSON", raw=b"{\"name\": ")
    api_error(s, None, 400, None, "not an object", raw=b"[1, 2]")
    api_error(s, None, 400, None, "duplicate keys", raw=b'{"name": "a", "name": "b"}')
    bad_utf8 = json.dumps(person()).encode().replace(b'"name": "', b'"name": "\xff\xfe', 1)
    api_error(s, None, 400, None, "invalid UTF-8 in JSON", raw=bad_utf8)
    api_error(s, None, 400, None, "invalid UTF-8 urlencoded", raw=b"applicant_type=person&name=%FF%FE",
              ctype="application/x-www-form-urlencoded")
    body, ctype = multipart(dict(person(), name=b"\xc3\x28"))
    api_error(s, None, 400, None, "invalid UTF-8 in multipart", raw=body, ctype=ctype)
    api_error(s, None, 415, None, "unsupported content type", raw=b"name=x", ctype="text/plain")
    eq(s.get(base(s) + "api/requests").status, 405, "GET on the filing address")


def test_oversized_body_is_413(s):
    before = count_requests(s)
    big = json.dumps(person(description="x" * (1100 * 1024))).encode()  # test body_max is 1 MiB
    r = s.post(base(s) + "api/requests", body=big, headers={"Content-Type": "application/json"})
    eq(r.status, 413, "API")
    body, ctype = multipart(person(), [("attachments", "big.pdf", "application/pdf", PDF + b"0" * (1100 * 1024))])
    eq(s.post(base(s) + "ysqgk/", body=body, headers={"Content-Type": ctype}).status, 413, "form")
    eq(count_requests(s), before, "nothing stored")


def test_attachment_limits(s):
    def api_files(files, fields=None):
        body, ctype = multipart(fields or person(), files)
        return s.post(base(s) + "api/requests", body=body, headers={"Content-Type": ctype})
    before = count_requests(s)
    six = [("attachments", f"f{i}.pdf", "application/pdf", PDF) for i in range(6)]
    r = api_files(six)
    eq((r.status, r.json()["field"]), (413, "attachments"), "six files")
    # eleven: one error, counting them (the parser refused the eleventh with the console's own words)
    r = api_files([("attachments", f"f{i}.pdf", "application/pdf", PDF) for i in range(11)])
    eq((r.status, r.json()["field"]), (413, "attachments"), "eleven files")
    ok("收到11个" in r.json()["error"] and "保存后" not in r.json()["error"], r.json()["error"])
    r = api_files([("attachments", "big.pdf", "application/pdf", PDF + b"0" * ATTACHMENT_MAX)])
    eq((r.status, r.json()["field"]), (413, "attachments"), "a file over the limit")
    ok("100 KB" in r.json()["error"], f"the limit is named: {r.json()['error']}")
    r = api_files([("attachments", "virus.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 60)])
    eq((r.status, r.json()["field"]), (415, "attachments"), "an executable claiming to be a PDF")
    r = api_files([("attachments", "notes.zip", "application/zip", plain_zip())])
    eq((r.status, r.json()["field"]), (415, "attachments"), "a plain ZIP")
    r = api_files([("attachments", "empty.pdf", "application/pdf", b"")])
    eq((r.status, r.json()["field"]), (400, "attachments"), "an empty file")
    eq(count_requests(s), before, "nothing stored")
    # the type comes from the bytes: a PNG named .pdf is stored as a PNG; DOCX, DOC and OFD pass
    five = [("attachments", "scan.pdf", "application/pdf", PNG),
            ("attachments", "申请.docx", "application/octet-stream", docx_bytes()),
            ("attachments", "old.doc", "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
            ("attachments", "e.ofd", "application/octet-stream", ofd_bytes()),
            ("attachments", "a.pdf", "application/pdf", PDF)]
    r = api_files(five)
    eq(r.status, 201, f"five good files: {r.text}")
    mimes = s.sql("SELECT a.mime FROM request_attachments a JOIN requests q ON q.id = a.request_id "
                  f"WHERE q.tracking_no = '{r.json()['tracking_no']}' ORDER BY a.id")
    eq([m[0] for m in mimes], ["image/png", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               "application/msword", "application/ofd", "application/pdf"], "types by content")
    # through the form: the error is listed, what was typed is kept
    f = person(name="保留我")
    r = post_form(s, f, files=six)
    eq(r.status, 413, "form: six files")
    ok('href="#f-attachments"' in r.text and 'aria-invalid="true"' in r.text, "form: error tied to the file input")
    eq(input_value(r.text, "f-name"), "保留我", "form: typed name kept")


def ofd_bytes():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return b.getvalue()


def test_bad_input_through_the_form_lists_errors_and_keeps_input(s):
    before = count_requests(s)
    typed = {"applicant_type": "person", "name": '张"三<b>', "id_type": "resident-id", "id_number": "123",
             "phone": "", "description": "第一行\n<第二行>", "form": "electronic", "delivery": "post",
             "email": "bad"}
    r = post_form(s, typed)
    eq(r.status, 400, "status")
    eq(count_requests(s), before, "nothing stored")
    summary = r.text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    for field, anchor in [("id_number", "f-id_number"), ("phone", "f-phone"), ("email", "f-email"),
                          ("address", "f-address")]:
        ok(f'href="#{anchor}"' in summary, f"summary links to {field}")
        m = re.search(rf'<(?:input|textarea) id="{anchor}"[^>]*>', r.text)  # the address is a textarea
        ok(m and 'aria-invalid="true"' in m.group(0) and f"e-{field}" in m.group(0),
           f"{field}: aria-invalid and aria-describedby")
        ok(f'id="e-{field}"' in r.text, f"{field}: the message the field points to")
    ok('href="#f-name"' not in summary, "a good field is not listed")
    eq(input_value(r.text, "f-name"), typed["name"], "typed name kept")
    ok('张"三<b>' not in r.text, "kept escaped")
    ok("第一行\n&lt;第二行&gt;</textarea>" in r.text, "typed description kept, escaped")
    ok(re.search(r'<input type="radio" id="f-delivery-post"[^>]*checked', r.text), "chosen radio kept")
    ok(re.search(r'<option value="resident-id" selected', r.text), "chosen option kept")
    ok("<b>" not in r.text.split("<main", 1)[1], "no markup from the input")
    # bytes that are not UTF-8: refused whole
    body, ctype = multipart(dict(person(), form_token=get_form(s), name=b"\xe5\xbc"))
    r = s.post(base(s) + "ysqgk/", body=body, headers={"Content-Type": ctype})
    eq(r.status, 400, "invalid UTF-8 through the form")
    eq(count_requests(s), before, "nothing stored")
    # missing radios: the summary links to the group's first option
    r = post_form(s, {"name": "x"})
    ok('href="#f-applicant_type-person"' in r.text and 'href="#f-form-paper"' in r.text, "group anchors")
    ok('aria-describedby="e-applicant_type"' in r.text, "the group is described by its error")


def test_honeypot_and_forged_submissions_are_refused(s):
    before = count_requests(s)
    r = post_form(s, dict(person(), website="http://spam.example"))
    eq(r.status, 400, "honeypot")
    token = get_form(s)
    ms, nonce, mac = token.split(".")
    forged = f"{int(ms) - 60000}.{nonce}.{mac}"  # pretend the form was opened a minute earlier
    r = post_form(s, person(), token=forged)
    eq(r.status, 400, "forged time")
    ok("已失效" in r.text, "forged: the form is reissued")
    new = re.search(r'name="form_token" value="([^"]+)"', r.text).group(1)
    ok(new != forged, "a fresh token")
    eq(post_form(s, person(), token="").status, 400, "no token")
    eq(count_requests(s), before, "nothing stored")
    # the same form twice (a reload): one request, the second answer says so
    token = get_form(s)
    first = post_form(s, person(), token=token)
    eq(first.status, 200, "first submission")
    tn, _ = receipt_values(first.text)
    again = post_form(s, person(), token=token)
    eq(again.status, 409, "second submission of the same form")
    ok(tn in again.text and "没有再提交" in again.text, "the second answer names the first")
    eq(count_requests(s), before + 1, "one request")


MIN_FILL = 2  # seconds, on the tier of the next test only


def test_a_form_sent_before_the_minimum_fill_time_is_refused_until_it_has_passed(s):
    """The minimum fill time, on a web tier of its own that sets one: the suite's tier sets none,
    so that the other tests file at once."""
    before, b = count_requests(s), base(s)
    with s.web_tier("fill-time", min_fill_seconds=MIN_FILL, processes=1) as tier:
        opened = time.time()
        token = get_form(tier, site_base=b)
        fast = person()
        r = post_form(tier, fast, token=token, site_base=b)
        eq(r.status, 400, "too fast")
        ok(f"提交过快：为防止自动程序批量提交，页面打开后至少{MIN_FILL}秒才能提交" in r.text, "too fast: said so")
        eq(input_value(r.text, "f-phone"), fast["phone"], "too fast: typed values kept")
        eq(count_requests(s), before, "nothing stored")

        def sent_again():
            r = post_form(tier, fast, token=token, site_base=b)
            ok(r.status == 200 or (r.status == 400 and "提交过快" in r.text), f"too fast or filed: {r.status}")
            return r if r.status == 200 else None
        # The same form, sent again until it is taken (a reload does not reset the clock).
        r = wait_until(sent_again, "the form is taken once the minimum has passed", timeout=30, interval=0.2)
        ok(time.time() - opened >= MIN_FILL - 0.01, f"not before {MIN_FILL} s: {time.time() - opened:.2f} s")
        receipt_values(r.text)
    eq(count_requests(s), before + 1, "one request")


def test_throttles_answer_429(s):
    a = new_addr()
    codes = [file_api(s, person(), headers=xff(a)).status for _ in range(FILE_LIMIT)]
    eq(codes, [201] * FILE_LIMIT, "up to the limit")
    before = count_requests(s)
    r = file_api(s, person(), headers=xff(a))
    eq(r.status, 429, "over the limit")
    ok("次数过多" in r.json()["error"], "a clear message")
    ok(r.header("Retry-After") is not None, "Retry-After")
    f = person(name="限流时保留")
    r = post_form(s, f, headers=xff(a))
    eq(r.status, 429, "the form too")
    ok("提交次数过多" in r.text, "form: a clear message")
    eq(input_value(r.text, "f-name"), "限流时保留", "form: typed values kept")
    eq(count_requests(s), before, "nothing stored over the limit")
    eq(file_api(s, person(), headers=xff(new_addr())).status, 201, "another address is not affected")
    eq(file_api(s, person()).status, 201, "an exempt address is not affected")
    # a proxy chain: the client is the rightmost address not of a trusted proxy
    eq(file_api(s, person(), headers=xff(f"{new_addr()}, {a}")).status, 429, "the client behind a chain")
    # lookups: wrong codes and right ones count alike
    j = file_api(s, person()).json()
    b = new_addr()
    for i in range(QUERY_LIMIT):
        code = j["query_code"] if i % 2 else "2345-2345-2345"
        rr = query_page(s, j["tracking_no"], code, headers=xff(b))
        ok(rr.status in (200, 404), f"lookup {i}: {rr.status}")
    r = query_page(s, j["tracking_no"], j["query_code"], headers=xff(b))
    eq(r.status, 429, "lookups over the limit (page)")
    ok("查询次数过多" in r.text and "已登记" not in r.text, "page: message, nothing shown")
    r = s.get(f"{base(s)}api/requests/{j['tracking_no']}?query_code={j['query_code']}", headers=xff(b))
    eq(r.status, 429, "lookups over the limit (API)")
    eq(query_page(s, j["tracking_no"], j["query_code"]).status, 200, "others still look up")


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
SHORT_MARKUP = '<b onclick="x">&amp;</b>'  # for the fields of at most 50 characters


def test_markup_in_every_field_comes_back_inert(s):
    f = organization(name="机构" + MARKUP, legal_rep="代表" + SHORT_MARKUP, contact="联系" + SHORT_MARKUP,
                     description="描述" + MARKUP, doc_number="文号" + MARKUP)
    r = post_form(s, f, files=[("attachments", "<img src=x onerror=alert(2)>.pdf", "application/pdf", PDF)])
    eq(r.status, 200, f"filed: {r.text[:300]}")
    ok("&lt;img src=x onerror=alert(2)&gt;.pdf" in r.text, "receipt: the file name escaped")
    tn, code = receipt_values(r.text)
    esc = '&lt;script&gt;alert("x")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;'
    for what, page in [("receipt", r), ("tracking page", query_page(s, tn, code)),
                       ("receipt again", s.post(base(s) + "ysqgk/receipt", fields={"tracking_no": tn, "query_code": code}))]:
        main = page.text.split("<main", 1)[1]
        ok("<script" not in main and "<img" not in main and "<b " not in main, f"{what}: no live markup")
        ok(main.count(esc) >= 2, f"{what}: the text shown escaped")
    g = s.get(f"{base(s)}api/requests/{tn}?query_code={code}")
    ok(b"<script" not in g.body and b"<img" not in g.body and b"<b " not in g.body, "API: no raw markup in the bytes")
    v = g.json()
    eq((v["name"], v["description"], v["doc_number"]), (f["name"], f["description"], f["doc_number"]),
       "API: the exact text back")
    # and the mail in the outbox carries it as plain text
    body = s.sql(f"SELECT o.body FROM outbox o JOIN requests q ON q.id = o.request_id WHERE q.tracking_no = '{tn}'")
    ok(body, "a receipt mail")


def test_personal_information_stays_out_of_public_pages_and_logs(s):
    idn = resident_id("53092419770615888")
    phone, address = "13987651234", "云南省临沧市双江县秘密巷77号"
    f = person(id_number=idn, phone=phone, address=address, delivery="post")
    r = post_form(s, f)
    eq(r.status, 200, "filed through the form")
    tn, code = receipt_values(r.text)
    j = file_api(s, person(id_number=idn, phone=phone, address=address)).json()
    pages = [r, query_page(s, tn, code), s.post(base(s) + "ysqgk/receipt", fields={"tracking_no": tn, "query_code": code}),
             s.get(f"{base(s)}api/requests/{j['tracking_no']}?query_code={j['query_code']}"),
             s.get(base(s)), s.get(base(s) + "feed.atom"), s.get(base(s) + "ysqgk/query?no=" + tn)]
    for p in pages:
        for secret, what in [(idn, "identity number"), (phone, "phone"), (address, "address"),
                             (address[:10], "start of the address")]:
            ok(secret not in p.text, f"{what} on a public page (status {p.status})")
    # The workers write their log within a second (buffered): wait for this test's lines.
    def worker_log():
        with open(os.path.join(s.var, "access.log"), encoding="utf-8", errors="replace") as fh:
            return fh.read()
    wait_until(lambda: f" POST {base(s)}ysqgk/receipt " in worker_log(), "the requests' lines are in the workers' log",
               timeout=5)
    for log in [os.path.join(s.var, "access.log"), os.path.join(s.var, "nginx", "access.log")]:
        with open(log, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for secret in (idn, phone, address):
            ok(secret not in text and html.escape(secret) not in text, f"personal information in {log}")
    # the audit trail keeps masked values only; the request itself keeps them in full for staff
    audit = "".join(x[0] for x in s.sql("SELECT after_json FROM audit_log WHERE action = 'request.file'"))
    ok(idn not in audit and phone not in audit and address not in audit, "audit trail masked")
    ok(json.dumps(idn[:4] + "*" * 10 + idn[-4:]) in audit and json.dumps("139****1234") in audit,
       "audit trail shows the masked forms")
    # sealed at rest (test_privacy.py shows them opened for the handler)
    stored = s.sql(f"SELECT id_number, phone, address FROM requests WHERE tracking_no = '{tn}'")[0]
    ok(all(v and secret not in v for v, secret in zip(stored, (idn, phone, address))), f"stored sealed: {stored}")


def test_monthly_count_per_applicant(s):
    first17 = "53090219800101" + "{:03d}".format(int.from_bytes(os.urandom(2), "big") % 1000)
    idn = resident_id(first17)
    seqs = []
    for variant in (idn, idn.lower(), idn[:6] + " " + idn[6:]):  # the same person, typed three ways
        j = file_api(s, person(id_number=variant)).json()
        seqs.append(int(s.sql(f"SELECT month_seq FROM requests WHERE tracking_no = '{j['tracking_no']}'")[0][0]))
    eq(seqs, [seqs[0], seqs[0] + 1, seqs[0] + 2], "the same applicant's requests in the month count on")
    eq(seqs[0], 1, "a new applicant starts at 1")
    org = organization(org_code=uscc("91530900MA6K" + "{:05d}".format(int.from_bytes(os.urandom(2), "big") % 100000)))
    a = file_api(s, org).json()
    b = file_api(s, dict(org, org_code=org["org_code"].lower())).json()
    got = [int(s.sql(f"SELECT month_seq FROM requests WHERE tracking_no = '{x['tracking_no']}'")[0][0]) for x in (a, b)]
    eq(got, [1, 2], "an organisation counts by its credit code")
    # the applicant's key is a keyed hash (ysqgk_pii.h): not the plain SHA-256 of the identity
    key = s.sql(f"SELECT applicant_key FROM requests WHERE tracking_no = '{j['tracking_no']}'")[0][0]
    ok(key != hashlib.sha256(f"person|resident-id|{idn}".encode()).hexdigest(), "not a plain hash")
    eq(s.sql(f"SELECT MAX(month_seq) FROM requests WHERE applicant_key = '{key}'")[0][0], "3", "counter")


def test_outbox_lists_the_receipt_mail(s):
    to = f"outbox-{os.urandom(4).hex()}@example.com"
    j = file_api(s, person(email=to)).json()
    out = s.ctl("outbox", "--site", site(s)).stdout
    line = [x for x in out.splitlines() if to in x]
    ok(line and j["tracking_no"] in line[0] and " held " in line[0], f"listed: {out[-500:]}")
    mid = line[0].split()[0]
    shown = s.ctl("outbox", "show", mid).stdout
    ok(j["tracking_no"] in shown and j["due_on"] in shown and j["query_code"] not in shown,
       "the message: number and due date, never the query code")
    ok("ysqgk/query?no=" + j["tracking_no"] in shown, "a link to the tracking page")
    eq(s.ctl("outbox", "--site", "nosuchsite", check=False).returncode, 1, "unknown site")
    # no email address: no mail
    before = int(s.sql("SELECT COUNT(*) FROM outbox")[0][0])
    file_api(s, person(email=None, delivery="pickup"))
    eq(int(s.sql("SELECT COUNT(*) FROM outbox")[0][0]), before, "no address, no mail")


def ctl_with(s, conf, *args):
    """xxgkctl with another configuration file (the stack's own, changed)."""
    return subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, *args], capture_output=True, text=True,
                          env=s.env, timeout=60)


class FakeRelay:
    """A minimal SMTP server on a free port: records the conversation of one message."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.commands, self.data = [], b""
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        conn, _ = self.sock.accept()
        f = conn.makefile("rb")
        conn.sendall(b"220 relay.test ESMTP\r\n")
        while True:
            line = f.readline()
            if not line:
                break
            cmd = line.decode().rstrip("\r\n")
            self.commands.append(cmd)
            if cmd.upper().startswith("EHLO"):
                conn.sendall(b"250-relay.test\r\n250 8BITMIME\r\n")
            elif cmd.upper() == "DATA":
                conn.sendall(b"354 go ahead\r\n")
                while True:
                    l2 = f.readline()
                    if l2 in (b".\r\n", b""):
                        break
                    self.data += l2
                conn.sendall(b"250 2.0.0 queued as 42\r\n")
            elif cmd.upper() == "QUIT":
                conn.sendall(b"221 bye\r\n")
                break
            else:
                conn.sendall(b"250 ok\r\n")
        conn.close()
        self.sock.close()


def test_mail_goes_through_an_smtp_relay(s):
    j = file_api(s, person(name="邮件测试人", email="smtp-check@example.com")).json()
    mid = s.sql(f"SELECT o.id FROM outbox o JOIN requests q ON q.id = o.request_id "
                f"WHERE q.tracking_no = '{j['tracking_no']}'")[0][0]
    relay = FakeRelay()
    conf = os.path.join(s.var, "smtp.conf")
    with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
        text = fh.read().replace("mode = outbox", f"mode = smtp\nsmtp_host = 127.0.0.1\nsmtp_port = {relay.port}\n"
                                                  "helo = xxgk.test\ntimeout_seconds = 5")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write(text)
    r = ctl_with(s, conf, "outbox", "send", mid)
    relay.thread.join(10)
    eq(r.returncode, 0, f"sent: {r.stdout}{r.stderr}")
    eq(relay.commands[:3], ["EHLO xxgk.test", "MAIL FROM:<xxgk@localhost>", "RCPT TO:<smtp-check@example.com>"],
       "the conversation")
    eq(relay.commands[-1], "QUIT", "ends politely")
    msg = email.message_from_bytes(relay.data)
    subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    ok(j["tracking_no"] in subject and "已收到您的申请" in subject, f"subject decoded: {subject}")
    eq(msg.get_content_type(), "text/plain", "plain text")
    body = msg.get_payload(decode=True).decode("utf-8")
    ok("邮件测试人" in body and j["due_on"] in body and j["query_code"] not in body, "body decoded")
    ok(msg["Message-ID"] and msg["Date"], "Message-ID and Date")
    eq(s.sql(f"SELECT status FROM outbox WHERE id = {mid}")[0][0], "sent", "marked sent")
    # a relay that is not there: the message stays for a later try, with the reason
    dead = text.replace(f"smtp_port = {relay.port}", f"smtp_port = {free_port()}")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write(dead)
    r = ctl_with(s, conf, "outbox", "send", mid)
    eq(r.returncode, 1, "resend to a dead relay fails")
    st, err = s.sql(f"SELECT status, last_error FROM outbox WHERE id = {mid}")[0]
    ok(st == "queued" and "connect" in err, f"kept for later with the reason: {st} {err}")


@each_front_end
def test_reply_documents_download_through_signed_links(s):
    from console import Staff
    j = file_api(s, person()).json()
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{j['tracking_no']}'")[0][0]
    st = Staff(s, site(s), "approver")
    ok(st.signed_in, "staff signed in")
    today = datetime.date.today().isoformat()
    reply_pdf = PDF + b"% reply " + os.urandom(8).hex().encode() + b"\n"
    for action, files in [("accept", []), ("answer", [("documents", "答复书<附件>.pdf", "application/pdf", reply_pdf)])]:
        body, ctype = multipart({"action": action, "on": today, "outcome": "disclosed:", "csrf": st.csrf()}, files)
        r = s.request("POST", f"{base(s)}admin/requests/{rid}", body=body, headers={**st.headers(), "Content-Type": ctype})
        eq(r.status, 303, f"staff: {action}: {r.text[:300]}")
    page = query_page(s, j["tracking_no"], j["query_code"])
    eq(page.status, 200, "tracking page")
    ok("已答复" in page.text and "予以公开" in page.text, "status and outcome shown")
    ok("答复书&lt;附件&gt;.pdf" in page.text and "答复书<附件>" not in page.text, "document name, escaped")
    url = html.unescape(re.search(r'<a href="([^"]*/ysqgk/doc/\d+\?t=[^"]+)"', page.text).group(1))
    d = s.get(url)
    eq((d.status, d.body), (200, reply_pdf), "the document downloads")
    eq(d.header("Content-Type"), "application/pdf", "its type")
    ok("attachment;" in d.header("Content-Disposition"), "as a download")
    v = s.get(f"{base(s)}api/requests/{j['tracking_no']}?query_code={j['query_code']}").json()
    eq((v["status"], v["outcome"]), ("answered", "disclosed"), "API: answered")
    eq([(x["filename"], x["sha256"]) for x in v["documents"]],
       [("答复书<附件>.pdf", hashlib.sha256(reply_pdf).hexdigest())], "API: the document and its checksum")
    eq(s.get(v["documents"][0]["url"]).body, reply_pdf, "API link downloads too")
    # a link changed in any part does not work; another site does not serve it
    path, t = url.split("?t=")
    exp, sig = t.split(".")
    eq(s.get(f"{path}?t={int(exp) + 3600}.{sig}").status, 404, "a later expiry with the old signature")
    eq(s.get(f"{path}?t={exp}.{sig[:-1]}{'0' if sig[-1] != '0' else '1'}").status, 404, "a changed signature")
    other = path.rsplit("/", 1)
    eq(s.get(f"{other[0]}/{int(other[1]) + 1}?t={t}").status, 404, "another document with this signature")
    eq(s.get(url.replace(f"/xxgk/{site(s)}/", "/xxgk/qinghai/")).status, 404, "another site")


def test_document_links_are_signed(s):
    eq(s.get(base(s) + "ysqgk/doc/1").status, 404, "no signature")
    eq(s.get(base(s) + "ysqgk/doc/1?t=9999999999." + "0" * 64).status, 404, "a forged signature")
    eq(s.get(base(s) + "ysqgk/doc/abc?t=1.2").status, 404, "not a number")


def test_addresses_and_methods(s):
    r = s.get(f"/xxgk/{site(s)}/ysqgk")
    eq((r.status, r.header("Location")), (303, base(s) + "ysqgk/"), "without the slash")
    eq(s.get(base(s) + "ysqgk/query").status, 200, "tracking page")
    r = s.get(base(s) + f"ysqgk/query?no={site(s)}-2026-00001")
    ok(f'value="{site(s).upper()}-2026-00001"' in r.text, "?no= prefills the number")
    eq(s.get(base(s) + "ysqgk/receipt").status, 405, "receipt is posted")
    eq(s.request("PUT", base(s) + "api/requests").status, 405, "PUT")
    eq(s.get("/xxgk/nosuchsite/ysqgk/").status, 404, "unknown site")
    # every site has the form, with its own prefix
    other = fixture(s, "ysqgk.other", lambda s: new_site(s, "qinghai", "ysqgk"))
    j = s.post(f"/xxgk/{other}/api/requests", body=json.dumps(person()).encode(),
               headers={"Content-Type": "application/json"}).json()
    ok(j["tracking_no"].startswith(other.upper() + "-"), f"site prefix: {j['tracking_no']}")
    eq(s.get(f"{base(s)}api/requests/{j['tracking_no']}?query_code={j['query_code']}").status, 404,
       "a request of another site is not found here")
