"""A disclosure request's case over HTTP, as its handlers work it: register, take steps, read what
was stored (to show a refused step changed nothing) and the letters as printed."""
import html, re

from harness import eq, ok
from test_ysqgk_workflow import PERSON, act, register  # noqa: F401 (re-exported for the ysqgk test modules)


def snapshot(s, rid):
    """Everything a step may write about request rid."""
    return [
        s.sql(f"SELECT * FROM requests WHERE id = {rid}"),
        s.sql(f"SELECT * FROM request_events WHERE request_id = {rid} ORDER BY id"),
        s.sql(f"SELECT * FROM request_letters WHERE request_id = {rid} ORDER BY id"),
        s.sql(f"SELECT d.*, (SELECT GROUP_CONCAT(CONCAT(p.from_on, '/', p.to_on) ORDER BY p.from_on) FROM deadline_pauses p "
              f"WHERE p.deadline_id = d.id) FROM deadlines d WHERE d.subject = 'request' AND d.subject_id = {rid} ORDER BY d.id"),
        s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'request' AND subject_id = {rid}"),
        s.sql(f"SELECT COUNT(*) FROM outbox WHERE request_id = {rid}"),
    ]


def refused(s, st, rid, action, status, says, **fields):
    """The step is refused with status, its message containing says, and nothing stored changes."""
    before = snapshot(s, rid)
    r = st.post(f"requests/{rid}", dict(action=action, **fields))
    eq(r.status, status, f"{action} {fields}: {r.text[:300] if r.status != status else ''}")
    text = html.unescape(r.text)
    ok(says in text, f"{action}: the reason {says!r} in {re.sub(r'<[^>]+>', ' ', text)[:600]!r}")
    eq(snapshot(s, rid), before, f"{action}: nothing stored changed")
    return r


def due(s, rid, kind="reply"):
    rows = s.sql(f"SELECT DATE_FORMAT(due_on, '%Y-%m-%d') FROM deadlines WHERE subject = 'request' AND subject_id = {rid} "
                 f"AND kind = '{kind}' ORDER BY id DESC LIMIT 1")
    return rows[0][0]


def ctl_due(s, start, days, *pauses):
    """The due date by xxgkctl deadline (the calendar module's own command), for a cross-check."""
    args = ["deadline", start, str(days)]
    for p in pauses:
        args += ["--pause", p]
    return s.ctl(*args).stdout.split()[0]


def cn_date(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def letters(s, rid):
    """The request's letters: (id, template, addressee) in order."""
    return s.sql(f"SELECT id, kind, addressee FROM request_letters WHERE request_id = {rid} ORDER BY id")


def printed(st, rid, lid):
    """A letter's print page: its title, paragraphs, signature, date, and the page itself."""
    r = st.get(f"requests/{rid}/letters/{lid}")
    eq(r.status, 200, "the letter's page")
    article = re.search(r'<article class="letter".*?</article>', r.text, re.S).group(0)

    def texts(pattern):
        return [html.unescape(re.sub(r"<[^>]+>", "", x)) for x in re.findall(pattern, article, re.S)]

    title = texts(r"<h1[^>]*>(.*?)</h1>")[0]
    paragraphs = texts(r'<p(?: class="to")?>(.*?)</p>')
    signature = texts(r'<p class="signature">(.*?)</p>')
    date = texts(r'<p class="date">(.*?)</p>')
    return {"title": title, "paragraphs": paragraphs, "signature": signature[0] if signature else None,
            "date": date[0] if date else None, "page": r.text}


def last_letter(s, st, rid):
    lid = letters(s, rid)[-1][0]
    return printed(st, rid, lid)
