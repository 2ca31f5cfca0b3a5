"""An attack suite of our own (issue 19): hostile values of every kind sent to every input surface
of the demo's Lincang site, whose pages nginx scans for SSI includes, so that a directive that
got through would run. For each request: no 5xx; no live markup, no SSI that ran and no injected
header in the answer nor in the later pages that show what was stored (receipt, tracking, the
applicant's API, the console, notice pages, lists, feeds, fragments); and when the request is
refused, no data table changed (CHECKSUM TABLE before and after). The table of surfaces and
cases is printed with what each answered.

Then each finding of the outside attack has its own test here or in test_ssi.py."""
import concurrent.futures, html, itertools, re, time

from console import Staff, single_use_page
from harness import eq, ok
from hostile import (BASE, SITE, SSI_RAN, Checksums, injected_header, input_value, json_with, live_markup, live_ssi,
                     multipart, path_segment, query, send, ssi_ran)

# ---- the cases: what an attacker types ----

CASES = [
    ("sql-quote", "' OR '1'='1' -- "),
    ("sql-union", "0 UNION SELECT login, password_hash FROM users#"),
    ("sql-stacked", "1; DROP TABLE notices; --"),
    ("markup-script", "<script>alert(1)</script>"),
    ("markup-attribute", '"><img src=x onerror=alert(1)>'),
    ("markup-quote", "'><svg onload=alert(1)>"),
    ("ssi-echo", '<!--#echo var="DATE_LOCAL" -->'),
    ("ssi-include", '<!--#include virtual="/" -->'),
    ("ssi-breakout", '<!--#include virtual="/cms/lincang-header.html" -->\' onmouseover=\'alert(1)'),
    ("ssi-timefmt", '<!--#config timefmt="SSI%Y%mRAN" --><!--#echo var="DATE_LOCAL" -->'),
    ("crlf", "a\r\nX-Injected: 1\r\nSet-Cookie: injected=1"),
    ("lf", "a\nX-Injected: 1"),
    ("overlong-utf8", b"\xc0\xbcscript\xe0\x80\xbe"),
    ("invalid-utf8", b"\xff\xfe\xed\xa0\x80"),
    ("nul", b"a\x00b"),
    ("traversal", "../../../../etc/passwd"),
    ("traversal-encoded", "..%2F..%2F..%2Fetc%2Fpasswd"),
    ("long-field", "长" * 70000),             # 210 KB: over every field's limit
    ("long-line", "x" * 3000),                # over every field's limit, within a request line
    ("huge", "x" * (1100 * 1024)),            # over the test stack's 1 MiB body limit
    ("num-negative", "-1"),
    ("num-zero", "0"),
    ("num-huge", "99999999999999999999999999"),
    ("num-float", "1e3"),
    ("num-hex", "0x1F"),
    ("num-padded", " 7 "),
    ("date-feb30", "2026-02-30"),
    ("date-zero", "0000-00-00"),
    ("date-far", "9999-12-31"),
    ("date-month13", "2026-13-01"),
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
_serial = itertools.count(1)


def resident_id(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]


def person():
    n = next(_serial)
    return {"applicant_type": "person", "name": f"攻击测试{n}", "id_type": "resident-id",
            "id_number": resident_id(f"5309021990{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"),
            "phone": f"137{n:08d}", "email": f"attack{n}@example.com", "address": "云南省临沧市临翔区测试路1号",
            "postcode": "677000", "description": "某项目的合同文本", "form": "electronic", "delivery": "email"}


def form_token(s):
    """A request form's signed token, as a browser gets it with the form."""
    r = s.get(BASE + "ysqgk/")
    return re.search(r'name="form_token" value="([^"]+)"', r.text).group(1).replace("&amp;", "&")


class Ctx:
    """What the surfaces need: a signed-in admin with the CSRF token, a push token, a request and a
    draft notice of the suite's own, and form tokens issued ahead (the form's minimum fill time)."""

    def __init__(self, s):
        self.s = s
        self.admin = Staff(s, SITE, "admin")
        ok(self.admin.signed_in, "the demo admin signs in")
        self.csrf = self.admin.csrf()
        self.cookie = self.admin.headers()["Cookie"]
        self.push_token = s.ctl("token", "add", "--site", SITE, "--name", "attack-suite").stdout.strip()
        r = self.admin.post("requests/new", dict(person(), channel="in-person", received_on="2026-03-02"))
        eq(r.status, 200, "a request of the suite's own")
        self.request_id = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
        r = self.admin.post("notices", {"category": "D01.C02", "title": "攻击测试草稿", "issuer": "临沧市财政局",
                                        "formed_on": "2026-03-02", "body": "草稿", "action": "save"})
        eq(r.status, 303, "a draft notice of the suite's own")
        self.notice_id = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
        self.form_tokens = [form_token(s) for _ in range(2 * len(CASES))]
        time.sleep(1.2)  # the test stack's minimum fill time (harness.py), once for all of them
        self.source = itertools.count(2)

    def get(self, path, headers=()):
        return send(self.s, "GET", BASE + path, headers=headers)

    def console_get(self, path):
        return send(self.s, "GET", BASE + "admin/" + path, headers=[("Cookie", self.cookie)])

    def post(self, path, fields, headers=(), source=None):
        return send(self.s, "POST", BASE + path, body=query(fields).encode(), source=source,
                    headers=[("Content-Type", "application/x-www-form-urlencoded"), *headers])

    def console_post(self, path, fields):
        extra = [("csrf", self.csrf)]
        page = single_use_page(path, fields)
        if page is not None:  # a single-use form: its one-time token, from its page as a browser has it
            m = re.search(r'name="form_token" value="([^"]+)"', self.console_get(page).text)
            extra.append(("form_token", html.unescape(m.group(1)) if m else ""))
        return self.post("admin/" + path, list(fields.items()) + extra, headers=[("Cookie", self.cookie)])

    def console_multipart(self, path, fields, files):
        body, ctype = multipart(list(fields.items()) + [("csrf", self.csrf)], files)
        return send(self.s, "POST", BASE + "admin/" + path, body=body,
                    headers=[("Content-Type", ctype), ("Cookie", self.cookie)])

    def loopback(self):
        """A loopback address of its own: a login refused from it does not lock out 127.0.0.1."""
        n = next(self.source)
        return f"127.0.{n // 250 + 1}.{n % 250 + 1}"


def accepted(a):
    return 200 <= a.status < 400


# ---- the later pages that show what a request stored ----

def views_of_request(ctx, tracking_no, code):
    rid = ctx.s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking_no}'")[0][0]
    fields = {"tracking_no": tracking_no, "query_code": code}
    return [ctx.post("ysqgk/query", fields), ctx.post("ysqgk/receipt", fields),
            ctx.get(f"api/requests/{tracking_no}?query_code={code}"), ctx.console_get(f"requests/{rid}"),
            ctx.console_get("requests?scope=all")]


def views_of_receipt(ctx, answer):
    tn = re.search(r'class="code">([A-Z]+-\d{4}-\d{5})<', answer.text)
    qc = re.search(r'class="code">([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})<', answer.text)
    ok(tn and qc, "a receipt with its tracking number and query code")
    return views_of_request(ctx, tn.group(1), qc.group(1))


def views_of_notice(ctx, nid, public=True):
    pages = [ctx.console_get(f"notices/{nid}"), ctx.console_get("notices?q=" + path_segment("攻击"))]
    if public:
        pages += [ctx.get(p) for p in (f"n/{nid}", "c/D01.C02", "fragment/D01.C02.html", "feed.atom",
                                       f"api/notices/{nid}")]
    return pages


# ---- the surfaces: where an attacker types it ----
# Each takes the context and a value and returns [(answer, later pages)]: the later pages are
# fetched only for an answer that accepted (and stored) what was sent.

def s_request_form(ctx, v):
    fields = dict(person(), name=v, description=v, doc_number=v, address=v,
                  form_token=ctx.form_tokens.pop())
    body, ctype = multipart(fields)
    a = send(ctx.s, "POST", BASE + "ysqgk/", body=body, headers=[("Content-Type", ctype)])
    return [(a, (lambda: views_of_receipt(ctx, a)) if a.status == 200 else None)]


def s_request_form_file(ctx, v):
    body, ctype = multipart(dict(person(), form_token=ctx.form_tokens.pop()),
                            [("attachments", v, "application/pdf", PDF)])
    a = send(ctx.s, "POST", BASE + "ysqgk/", body=body, headers=[("Content-Type", ctype)])
    return [(a, (lambda: views_of_receipt(ctx, a)) if a.status == 200 else None)]


def s_request_api(ctx, v):
    marks = {"@name@": v, "@desc@": v, "@doc@": v}
    body = json_with(dict(person(), name="@name@", description="@desc@", doc_number="@doc@"), marks)
    a = send(ctx.s, "POST", BASE + "api/requests", body=body, headers=[("Content-Type", "application/json")])
    later = None
    if a.status == 201:
        later = lambda: views_of_request(ctx, a.json()["tracking_no"], a.json()["query_code"])  # noqa: E731
    return [(a, later)]


def s_tracking(ctx, v):
    return [(ctx.post("ysqgk/query", {"tracking_no": v, "query_code": v}), None),
            (ctx.post("ysqgk/receipt", {"tracking_no": v, "query_code": "2345-2345-2345"}), None)]


def s_push(ctx, v):
    out = []
    for change in ({"title": "@v@", "body": "@v@", "subject": "@v@", "doc_number": "@v@"}, {"formed_on": "@v@"}):
        n = {"external_id": f"attack-{time.time_ns()}", "title": "攻击测试推送", "issuer": "临沧市财政局",
             "formed_on": "2026-03-02", "category": "D01.C02", "body": "正文", "items": {}}
        n.update(change)
        a = send(ctx.s, "POST", BASE + "api/push", body=json_with(n, {"@v@": v}),
                 headers=[("Content-Type", "application/json"), ("Authorization", "Bearer " + ctx.push_token)])
        later = None
        if a.status in (200, 201):
            later = lambda a=a: views_of_notice(ctx, a.json()["notices"][0]["id"])  # noqa: E731
        out.append((a, later))
    return out


def s_console_notice(ctx, v):
    out = []
    base = {"category": "D01.C02", "title": "攻击测试", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
            "body": "正文", "action": "save"}
    for change in ({"title": v, "body": v, "doc_number": v, "subject": v}, {"formed_on": v, "external_id": v},
                   {"category": v, "validity": v}):
        a = ctx.console_post("notices", dict(base, **change))
        later = None
        if a.status == 303:
            nid = re.search(r"/admin/notices/(\d+)", a.header("Location")).group(1)
            later = lambda nid=nid: views_of_notice(ctx, nid, public=False)  # noqa: E731
        out.append((a, later))
    a = ctx.console_post(f"notices/{ctx.notice_id}", dict(base, title=v, reason=v, action="save"))
    out.append((a, (lambda: views_of_notice(ctx, ctx.notice_id, public=False)) if a.status == 303 else None))
    # A draft cannot be withdrawn (409): the reason is checked before that.
    out.append((ctx.console_post(f"notices/{ctx.notice_id}", {"action": "withdraw", "reason": v}), None))
    return out


def s_console_upload(ctx, v):
    a = ctx.console_multipart(f"notices/{ctx.notice_id}/attachments", {}, [("file", v, "application/pdf", PDF)])
    return [(a, (lambda: views_of_notice(ctx, ctx.notice_id, public=False)) if a.status == 303 else None)]


def s_console_register(ctx, v):
    out = []
    for change in ({"name": v, "description": v, "assigned_body": v}, {"received_on": v, "channel": v}):
        a = ctx.console_post("requests/new", {**person(), "channel": "in-person", "received_on": "2026-03-02", **change})
        later = None
        if a.status == 200:
            rid = re.search(r'/admin/requests/(\d+)"', a.text).group(1)
            later = lambda rid=rid: [ctx.console_get(f"requests/{rid}"), ctx.console_get("requests?scope=all")]  # noqa
        out.append((a, later))
    return out


def s_console_step(ctx, v):
    rid = ctx.request_id
    out = []
    for fields in ({"action": "assign", "body": v, "note": v}, {"action": v}, {"action": "extend", "days": v},
                   {"action": "consult", "on": v}):
        a = ctx.console_post(f"requests/{rid}", fields)
        out.append((a, (lambda: [ctx.console_get(f"requests/{rid}")]) if accepted(a) else None))
    return out


def s_console_review(ctx, v):
    """A review record of the suite's request, and the annual report's text of a year no test reads:
    one post at a time (a generator), so that a refusal is checked against the post before it."""
    rid = ctx.request_id
    for fields in ({"kind": v, "filed_on": "2026-03-02", "result": "pending"},
                   {"kind": "review", "filed_on": v, "result": "pending"},
                   {"kind": "review", "filed_on": "2026-03-02", "result": "pending", "note": v},
                   {"kind": "review", "filed_on": "2026-03-02", "decided_on": v, "result": "upheld", "review": v}):
        a = ctx.console_post(f"requests/{rid}/reviews", fields)
        yield a, (lambda: [ctx.console_get(f"requests/{rid}")]) if accepted(a) else None
    a = ctx.console_post("reports/annual?year=2009", {"overview": v, "problems": v, "fees_wan": "1"})
    yield a, (lambda: [ctx.console_get("reports/annual?year=2009"),
                       ctx.console_get("reports/annual?year=2009&format=csv")]) if accepted(a) else None
    yield ctx.console_post("reports/annual?year=2009", {"fees_wan": v, "licensing": v}), None


def s_login(ctx, v):
    refused = ctx.post("admin/login", {"login": v, "password": "not-the-password"}, source=ctx.loopback())
    signed_in = ctx.post("admin/login", {"login": "admin", "password": "xxgk-demo", "next": v},
                         source=ctx.loopback())
    return [(refused, None), (signed_in, None)]


# Surfaces read with GET: (name, the paths and headers a value goes into). "{}" takes the value
# percent-encoded; ("header", name, path) sends it raw in a header.
GET_SURFACES = [
    ("search", ["search?q={}", "search?q=公告&page={}"]),
    ("lists and cursors", ["c/D04?before={}", "c/D04?after={}", "api/notices?before={}", "api/notices?limit={}",
                           "api/notices?column={}"]),
    ("feeds", ["c/{}/feed.atom", ("header", "Host", "feed.atom")]),
    ("fragments", ["fragment/D04.html?n={}", "fragment/{}.html"]),
    ("OCDS", ["api/ocds.json?from={}", "api/ocds.json?to={}", "api/ocds.json?after={}", "api/ocds.json?limit={}"]),
    ("request API lookup", ["api/requests/{}?query_code={}"]),
    ("console lists", ["admin/notices?q={}", "admin/notices?status={}", "admin/notices?before={}",
                       "admin/requests?status={}", "admin/requests?flag={}", "admin/requests?scope={}",
                       "admin/audit?actor={}", "admin/audit?from={}", "admin/audit?to={}", "admin/audit?before={}",
                       "admin/audit.csv?actor={}", "admin/reports/annual?year={}", "admin/reports/annual?format={}",
                       "admin/reports/annual?body={}", "admin/reports/annual?scope={}",
                       "admin/reports/timeliness?month={}"]),
    ("paths", ["n/{}", "c/{}", "a/{}", "ysqgk/doc/{}", "api/notices/{}", "admin/notices/{}", "admin/requests/{}",
               "/xxgk/{}/", "/xxgk/{}", ("raw", "n/")]),
    ("headers", [("header", "Cookie", "admin/"), ("header", "User-Agent", ""), ("header", "Referer", "search"),
                 ("header", "X-Forwarded-For", "ysqgk/query"), ("header", "Accept-Language", "")]),
]

POST_SURFACES = [
    ("request form", s_request_form),
    ("request form: file name", s_request_form_file),
    ("request API", s_request_api),
    ("tracking and receipt", s_tracking),
    ("push API", s_push),
    ("console: notice forms", s_console_notice),
    ("console: upload", s_console_upload),
    ("console: register a request", s_console_register),
    ("console: request steps", s_console_step),
    ("console: reviews and annual report", s_console_review),
    ("login", s_login),
]


def get_one(ctx, spec, v):
    enc = path_segment(v)
    if isinstance(spec, tuple) and spec[0] == "raw":  # the value as it is in the request line
        raw = v if isinstance(v, bytes) else v.encode()
        # A CR or LF would end the request line there: another request (HTTP/0.9), not this value.
        return send(ctx.s, "GET", BASE.encode() + spec[1].encode() + raw.replace(b"\r", b"%0D").replace(b"\n", b"%0A"))
    if isinstance(spec, tuple):
        _, name, path = spec
        value = v if isinstance(v, bytes) else v.encode()
        return send(ctx.s, "GET", BASE + path, headers=[(name, b"xxgk_session=" + value if name == "Cookie" else value)])
    path = spec.replace("{}", enc)
    headers = [("Cookie", ctx.cookie)] if path.startswith("admin/") else []
    return send(ctx.s, "GET", path if path.startswith("/") else BASE + path, headers=headers)


# ---- the outcomes ----

FAILURES = [("5xx", "5"), ("no answer", "0"), ("live markup", "M"), ("SSI ran", "S"), ("injected header", "H"),
            ("stored on refusal", "W")]


def cell_text(marks):
    """The status classes first, then the failures' letters: "4", "24", "2M"."""
    return "".join(sorted(m for m in marks if m.isdigit())) + "".join(sorted(m for m in marks if not m.isdigit()))


class Tally:
    def __init__(self):
        self.cells = {}    # (surface, case) -> set of marks
        self.counts = dict.fromkeys(["requests", "later pages", "accepted", "refused"] + [f for f, _ in FAILURES], 0)
        self.examples = []

    def fail(self, surface, case, what, detail):
        mark = dict(FAILURES)[what]
        self.cells.setdefault((surface, case), set()).add(mark)
        self.counts[what] += 1
        if len(self.examples) < 12:
            self.examples.append(f"{surface} / {case}: {what}: {detail}")

    def check(self, surface, case, a, later=False):
        self.counts["later pages" if later else "requests"] += 1
        if not later:
            self.cells.setdefault((surface, case), set()).add(str(a.status // 100))
            if accepted(a):
                self.counts["accepted"] += 1
            elif 400 <= a.status < 500:
                self.counts["refused"] += 1
        if a.status >= 500:
            self.fail(surface, case, "5xx", f"{a.status} {a.text[:120]!r}")
        if a.status == 0:
            self.fail(surface, case, "no answer", "")
        if live_markup(a):
            self.fail(surface, case, "live markup", a.text[:200])
        if ssi_ran(a) or live_ssi(a):
            m = SSI_RAN.search(a.body) or re.search(rb"<!--#", a.body)
            self.fail(surface, case, "SSI ran", a.body[max(m.start() - 60, 0):m.end() + 20])
        if injected_header(a):
            self.fail(surface, case, "injected header", a.headers)

    def table(self, surfaces):
        width = max(len(n) for n in surfaces)
        lines = ["cases: " + "  ".join(f"{i + 1}={name}" for i, (name, _) in enumerate(CASES)),
                 "cells: the answers' status classes (2, 3, 4), then any failure: " +
                 ", ".join(f"{m} {f}" for f, m in FAILURES),
                 " " * width + " " + "".join(f"{i + 1:>4}" for i in range(len(CASES)))]
        for name in surfaces:
            cells = [self.cells.get((name, case), set()) for case, _ in CASES]
            lines.append(f"{name:<{width}} " + "".join(f"{cell_text(c):>4}" for c in cells))
        lines.append(", ".join(f"{k}: {v}" for k, v in self.counts.items()))
        return "\n".join(lines)


def run_post_surfaces(ctx, tally):
    sums = Checksums(ctx.s)
    before = sums.now()
    try:
        for name, surface in POST_SURFACES:
            for case, v in CASES:
                for a, later in surface(ctx, v):
                    tally.check(name, case, a)
                    after = sums.now()
                    if not accepted(a) and after != before:
                        changed = [x for x, y in zip(before, after) if x != y]
                        tally.fail(name, case, "stored on refusal", f"{a.status}: {changed}")
                    before = after  # the later pages are read with GET, which stores nothing
                    if later is not None:
                        for page in later():
                            tally.check(name, case, page, later=True)
    finally:
        sums.close()


def run_get_surfaces(ctx, tally):
    jobs = [(name, case, spec, v) for name, specs in GET_SURFACES for case, v in CASES for spec in specs]
    sums = Checksums(ctx.s)
    try:
        before = sums.now()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda j: get_one(ctx, j[2], j[3]), jobs))
        for (name, case, _, _), a in zip(jobs, answers):
            tally.check(name, case, a)
        after = sums.now()
        if after != before:
            changed = [x for x, y in zip(before, after) if x != y]
            tally.fail("GET surfaces", "all", "stored on refusal", f"a GET changed a data table: {changed}")
    finally:
        sums.close()


def test_hostile_input_on_every_surface(s):
    t0 = time.time()
    ctx = Ctx(s)
    tally = Tally()
    run_get_surfaces(ctx, tally)
    run_post_surfaces(ctx, tally)
    print(tally.table([n for n, _ in GET_SURFACES] + [n for n, _ in POST_SURFACES]))
    print(f"({len(CASES)} cases on {len(GET_SURFACES) + len(POST_SURFACES)} surfaces in {time.time() - t0:.0f}s)")
    for line in tally.examples:
        print("  " + line)
    for what, _ in FAILURES:
        eq(tally.counts[what], 0, what)


# ---- issue 19, item 5: a file name with a line break was dropped with its file ----

def test_file_name_with_a_line_break_is_refused_at_its_field(s):
    count = lambda: s.sql("SELECT COUNT(*) FROM requests")[0][0]  # noqa: E731
    before = count()
    token = form_token(s)
    time.sleep(1.2)
    f = dict(person(), name="换行文件名", form_token=token)
    body, ctype = multipart(f, [("attachments", b"scan\r\n.pdf", "application/pdf", PDF)])
    r = send(s, "POST", BASE + "ysqgk/", body=body, headers=[("Content-Type", ctype)])
    eq(r.status, 400, "the form is refused, not filed without its file")
    ok('href="#f-attachments"' in r.text and 'id="e-attachments"' in r.text, "the error is at the file input")
    ok("文件名含有换行符" in r.text, "and says what is wrong")
    eq(input_value(r.text, "f-name"), "换行文件名", "what was typed is kept")
    body, ctype = multipart(person(), [("attachments", b"scan\n.pdf", "application/pdf", PDF)])
    r = send(s, "POST", BASE + "api/requests", body=body, headers=[("Content-Type", ctype)])
    eq((r.status, r.json()["field"]), (400, "attachments"), "the API names the field")
    eq(count(), before, "nothing filed")
    admin = Staff(s, SITE, "admin")
    r = admin.post("notices", {"category": "D01.C02", "title": "换行文件名测试", "issuer": "临沧市财政局",
                               "formed_on": "2026-03-02", "body": "草稿", "action": "save"})
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    body, ctype = multipart([("csrf", admin.csrf())], [("file", b"a\r\nb.pdf", "application/pdf", PDF)])
    r = send(s, "POST", f"{BASE}admin/notices/{nid}/attachments", body=body,
             headers=[("Content-Type", ctype), *admin.headers().items()])
    eq(r.status, 400, "a staff upload too")
    ok('href="#f-file"' in r.text and "文件名含有换行符" in r.text, "said at the file input of the notice's page")
    eq(s.sql(f"SELECT COUNT(*) FROM attachments WHERE notice_id = {nid}")[0][0], "0", "nothing attached")


def test_a_file_name_too_long_is_called_too_long(s):
    """A name of 256 bytes (84 Chinese characters and .pdf) is over what a stored name holds: the
    refusal says the name is too long (it said the name held control characters); 253 are taken."""
    count = lambda: s.sql("SELECT COUNT(*) FROM requests")[0][0]  # noqa: E731
    before = count()
    for chars, status in ((84, 400), (83, 201)):
        name = ("关" * chars).encode() + b".pdf"
        body, ctype = multipart(dict(person(), name=f"长文件名{chars}"), [("attachments", name, "application/pdf", PDF)])
        r = send(s, "POST", BASE + "api/requests", body=body, headers=[("Content-Type", ctype)])
        eq(r.status, status, f"{len(name)} bytes: {r.text[:200]}")
        if status == 400:
            eq(r.json()["field"], "attachments", "the field named")
            ok("文件名过长" in r.json()["error"] and "控制字符" not in r.json()["error"], r.json()["error"])
            eq(count(), before, "nothing filed")


def test_a_file_is_kept_under_a_name_that_shows_what_it_is(s):
    """A right-to-left override made invoice\u202efdp.exe show as invoiceexe.pdf on the staff's page
    (and turned the text after it around); a PDF named x.exe was kept as x.exe."""
    for sent, kept in (("invoice\u202efdp.exe", "invoicefdp.exe.pdf"), ("x.exe", "x.exe.pdf"),
                       ("申请书.PDF", "申请书.PDF"), ("\u2067扫描\u2069.pdf", "扫描.pdf")):
        body, ctype = multipart(dict(person(), name="文件名测试"), [("attachments", sent.encode(), "application/pdf", PDF)])
        r = send(s, "POST", BASE + "api/requests", body=body, headers=[("Content-Type", ctype)])
        eq(r.status, 201, f"{sent!r}: {r.text[:200]}")
        rid = s.sql("SELECT MAX(id) FROM requests")[0][0]
        eq(s.sql(f"SELECT filename FROM request_attachments WHERE request_id = {rid}"), [[kept]], f"{sent!r} kept as")


def test_a_filing_cut_short_is_called_so(s):
    """A body cut short was answered 提交的内容格式有误（须为有效的 UTF-8 文本）: the parser's own reason now."""
    body, ctype = multipart(person(), [("attachments", b"a.pdf", "application/pdf", PDF)])
    r = send(s, "POST", BASE + "api/requests", body=body[:-200], headers=[("Content-Type", ctype)])
    eq(r.status, 400, r.text[:200])
    ok("UTF-8" not in r.json()["error"] and "分隔" in r.json()["error"], r.json()["error"])
