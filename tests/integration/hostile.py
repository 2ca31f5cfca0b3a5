"""Helpers of the attack suite (test_attack.py) and the SSI tests (test_ssi.py): requests sent as
raw bytes (any target, header or body, from any loopback address), multipart bodies written as
given, the detectors of live markup, of SSI that nginx ran and of injected headers, and
checksums of the data tables. Standard library only."""
import html.parser, http.client, json, os, re, socket, subprocess, urllib.parse

SITE = "lincang"  # the demo site whose pages nginx scans for SSI (tools/stack.sh)
BASE = f"/xxgk/{SITE}/"


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def ctype(self):
        return (self.header("Content-Type") or "").split(";")[0].strip()

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def _b(v):
    return v if isinstance(v, bytes) else str(v).encode()


def send(s, method, target, headers=(), body=None, source=None, timeout=30):
    """One request written byte for byte as given (nothing checked or encoded on the way), on its
    own connection, from source (a loopback address) when given. Status 0: no answer."""
    hdrs = [(_b(k), _b(v)) for k, v in headers]
    names = {k.lower() for k, _ in hdrs}
    if b"host" not in names:
        hdrs.insert(0, (b"Host", b"localhost"))
    if body is not None and b"content-length" not in names:
        hdrs.append((b"Content-Length", str(len(body)).encode()))
    hdrs.append((b"Connection", b"close"))
    raw = _b(method) + b" " + _b(target) + b" HTTP/1.1\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in hdrs)
    raw += b"\r\n" + (body or b"")
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    try:
        sock.sendall(raw)
        resp = http.client.HTTPResponse(sock, method=method)
        try:
            resp.begin()
            return Answer(resp.status, resp.getheaders(), resp.read())
        except (http.client.HTTPException, OSError):
            return Answer(0, [], b"")
    finally:
        sock.close()


def query(fields):
    """A query string or urlencoded body; values may be bytes (sent as they are, percent-encoded)."""
    return "&".join(f"{urllib.parse.quote(k)}={urllib.parse.quote_from_bytes(_b(v), safe='')}"
                    for k, v in (fields.items() if isinstance(fields, dict) else fields))


def path_segment(value):
    return urllib.parse.quote_from_bytes(_b(value), safe="")


def multipart(fields, files=(), boundary="xxgkAttackBoundary7f3a"):
    """fields: (name, value) pairs; files: (name, filename, content type, data). Names, file names
    and values go into the body as they are, CR, LF, NUL and quotes included."""
    out = b""
    for k, v in (fields.items() if isinstance(fields, dict) else fields):
        out += b"--" + boundary.encode() + b'\r\nContent-Disposition: form-data; name="' + _b(k) + b'"\r\n\r\n'
        out += _b(v) + b"\r\n"
    for name, filename, ctype, data in files:
        out += (b"--" + boundary.encode() + b'\r\nContent-Disposition: form-data; name="' + _b(name) +
                b'"; filename="' + _b(filename) + b'"\r\nContent-Type: ' + _b(ctype) + b"\r\n\r\n" + data + b"\r\n")
    out += b"--" + boundary.encode() + b"--\r\n"
    return out, f"multipart/form-data; boundary={boundary}"


def json_with(obj, raw_values):
    """obj as JSON, with each placeholder string in raw_values replaced by its bytes put between
    the quotes as they are (only " and \\ escaped): invalid UTF-8 and control characters reach
    the server unmended."""
    text = json.dumps(obj, ensure_ascii=False).encode()
    for placeholder, value in raw_values.items():
        v = _b(value).replace(b"\\", b"\\\\").replace(b'"', b'\\"')
        text = text.replace(json.dumps(placeholder).encode(), b'"' + v + b'"')
    return text


# ---- what must never come back ----

# What nginx writes for the SSI directives the suite sends, had they run: DATE_LOCAL in its
# default format, the page of "/" (a redirect in the test stack), a failed directive, and the
# marker of the timefmt case (a year and month, which the directive's text does not hold).
SSI_RAN = re.compile(rb"\[an error occurred while processing the directive\]"
                     rb"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d"
                     rb"|<title>302 Found</title>|<center>nginx</center>|SSI\d{6}RAN")


def ssi_ran(answer):
    return SSI_RAN.search(answer.body) is not None


def live_ssi(answer):
    """A directive left in an HTML page: on a site whose pages nginx scans it would run."""
    return answer.ctype == "text/html" and b"<!--#" in answer.body


# xxgk's own scripts, from its static folder by name: the text-size buttons' state and the
# console's idle warning. Any other script element is live markup.
OWN_SCRIPTS = ([("src", "/xxgk-static/text-size.js"), ("defer", None)],
               [("src", "/xxgk-static/session.js"), ("defer", None)])


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live = []

    def handle_starttag(self, tag, attrs):
        names = [k for k, _ in attrs]
        if tag == "script" and attrs in OWN_SCRIPTS:
            return
        if (tag in ("script", "iframe", "object", "embed") or any(k.startswith("on") for k in names) or
                (tag == "img" and ("src", "x") in attrs) or (tag == "svg" and "onload" in names)):
            self.live.append((tag, attrs))

    handle_startendtag = handle_starttag


def live_markup(answer):
    """Markup that would run: in HTML a script-like element or an event-handler attribute
    anywhere (xxgk's pages have none of their own: the CSP forbids them); in JSON and XML any
    raw tag of the suite's payloads."""
    if answer.ctype == "text/html":
        p = _Tags()
        p.feed(answer.text)
        p.close()
        return bool(p.live)
    if answer.ctype in ("application/json", "application/atom+xml", "application/xml"):
        return re.search(rb"<(script|img|svg|b)[\s/>]", answer.body) is not None
    return False


def injected_header(answer):
    return (answer.header("X-Injected") is not None or
            any(k.lower() == "set-cookie" and "injected" in v for k, v in answer.headers))


def input_value(text, input_id):
    """The value of an input as a browser reads it (entities decoded, either quoting)."""
    class Inputs(html.parser.HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("id") == input_id:
                Inputs.found = a.get("value")
    p = Inputs()
    p.feed(text)
    return Inputs.found


def meta_content(text, name):
    class Metas(html.parser.HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "meta" and a.get("name") == name:
                Metas.found = a.get("content")
    p = Metas()
    p.feed(text)
    return Metas.found


# ---- the stored data ----

# Every table a request may change, but the bookkeeping that a refused request changes by
# design: login attempts (the lockout counts refusals), throttle counters (lookups count every
# attempt), sessions (their idle clock), the search queue and index (applied by any search).
DATA_TABLES = ["sites", "site_generation", "users", "user_bodies", "push_tokens", "notices",
               "notice_columns", "notice_versions", "attachments", "index_serials", "audit_log", "outbox",
               "requests", "request_serials", "request_events", "request_letters", "request_attachments",
               "bodies", "deadlines", "deadline_pauses", "deadline_changes", "calendar_days",
               "calendar_years", "calendar_changes"]


class Checksums:
    """CHECKSUM TABLE over the data tables through one client kept open (a client a round would
    cost more than the requests it checks). The tables with a PERSISTENT generated column are
    digested from their rows instead: MariaDB's CHECKSUM TABLE leaves such a column out of the
    columns it reads and then sums its bytes anyway (MDEV-22943), so their checksum moves while
    their rows stay the same (users, bodies and notices; seen within one run of the suite,
    nothing written)."""

    OWN_DIGEST = ["users", "bodies", "notices"]

    def __init__(self, s):
        self.p = subprocess.Popen(["mariadb", "--no-defaults", "-S", os.path.join(s.var, "mysql", "sock"), "-u", "root",
                                   "-N", "-B", "-n", "xxgk"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
        checked = [t for t in DATA_TABLES if t not in self.OWN_DIGEST]
        self.statements = f"CHECKSUM TABLE {', '.join(checked)};"
        for table in self.OWN_DIGEST:
            columns = self.rows("SELECT GROUP_CONCAT(CONCAT('IFNULL(`', COLUMN_NAME, '`, 0x00)') ORDER BY ORDINAL_POSITION) "
                                f"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'xxgk' AND TABLE_NAME = '{table}';")[0]
            self.statements += (f" SELECT 'xxgk.{table}', COUNT(*), BIT_XOR(CRC32(CONCAT_WS(0x1f, {columns}))) "
                                f"FROM {table};")

    def rows(self, statements):
        self.p.stdin.write(statements + " SELECT 'checksums-end';\n")
        self.p.stdin.flush()
        rows = []
        for line in self.p.stdout:
            if line.strip() == "checksums-end":
                return rows
            rows.append(line.strip())
        raise RuntimeError("the mariadb client ended")

    def now(self):
        return tuple(self.rows(self.statements))

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)
