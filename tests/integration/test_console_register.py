"""Registering a request that came on paper: the printable receipt (tracking number, the query
code shown once, the due date, the answering body's address, where to follow it), and the
application's scans (PDF, JPEG, PNG) kept as the applicant's files, which the staff who handle the
request open from its page; another kind of file is refused with what was typed kept, and nothing
stored."""
import html, io, re, zipfile

from console import Staff
from harness import eq, fixture, new_site, ok
from hostile import multipart
from test_ysqgk_workflow import PERSON

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def site(s):
    return fixture(s, "console_register.site", lambda s: new_site(s, "lincang", "cregister", users=("staff",),
                                                                  bodies=("临沧市财政局",)))


def post(st, fields, files):
    body, ctype = multipart(list(fields.items()) + [("csrf", st.csrf()), ("form_token", st.form_token("requests/new"))],
                            files)
    return st.s.request("POST", f"/xxgk/{st.site}/admin/requests/new", body=body,
                        headers={**st.headers(), "Content-Type": ctype})


def register_with_scans(st, name):
    """A paper request with two scans (a PDF and a PNG), registered by st: the receipt page."""
    fields = dict(PERSON, name=name, channel="registered-post", received_on="2026-11-30", assigned_body="临沧市财政局")
    r = post(st, fields, [("attachments", "申请书.pdf", "application/pdf", PDF),
                          ("attachments", "身份证.png", "image/png", PNG)])
    eq(r.status, 200, r.text[:400])
    return r


def test_receipt_and_scans(s):
    st = Staff(s, site(s), "staff")
    r = register_with_scans(st, "纸质申请人")
    page = html.unescape(r.text)
    receipt = re.search(r'<article class="receipt".*?</article>', page, re.S)
    ok(receipt, "a printable receipt")
    receipt = receipt.group(0)
    tracking = re.search(r"受理编号</dt><dd><strong>([^<]+)</strong>", receipt).group(1)
    code = re.search(r'class="query-code">([^<]+)<', receipt).group(1)
    ok("纸质申请人" in receipt and "2026-11-30" in receipt and "挂号信件或邮政快递" in receipt, "to whom, when, how")
    ok("临沧市财政局" in receipt and "测试路" in receipt, "the answering body and its address")
    ok("2份扫描件" in receipt and f"/xxgk/{site(s)}/ysqgk/query" in receipt, "the scans and where to follow it")
    # the query code opens the applicant's view, and is shown nowhere else
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking}'")[0][0]
    ok(code not in st.get(f"requests/{rid}").text, "not on the case page")
    eq(s.sql(f"SELECT filename, mime, kind FROM request_attachments WHERE request_id = {rid} ORDER BY id"),
       [["申请书.pdf", "application/pdf", "application"], ["身份证.png", "image/png", "application"]],
       "kept as the applicant's files")


def test_other_files_refused_and_nothing_stored(s):
    st = Staff(s, site(s), "staff")
    before = s.sql("SELECT COUNT(*) FROM requests")
    fields = dict(PERSON, name="错文件申请人", channel="in-person", received_on="2026-11-30")
    r = post(st, fields, [("attachments", "notes.txt", "text/plain", b"plain text, not a scan\n")])
    ok(r.status in (400, 415), f"refused: {r.status}")
    text = html.unescape(r.text)
    ok('value="错文件申请人"' in text, "what was typed kept")
    # a Word file the web form takes is not a scan
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    r = post(st, fields, [("attachments", "申请书.docx", "application/octet-stream", docx.getvalue())])
    eq(r.status, 415, r.text[:300])
    ok("只接受PDF、JPEG或PNG文件" in html.unescape(r.text), "why")
    eq(s.sql("SELECT COUNT(*) FROM requests"), before, "nothing stored")


def test_the_staff_open_the_applicant_s_files(s):
    st = Staff(s, site(s), "staff")
    r = register_with_scans(st, "材料查看人")
    rid = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
    files = s.sql(f"SELECT id FROM request_attachments WHERE request_id = {rid} ORDER BY id")
    page = st.get(f"requests/{rid}").text
    for (fid,), data, mime in zip(files, (PDF, PNG), ("application/pdf", "image/png")):
        ok(f'href="/xxgk/{site(s)}/admin/requests/{rid}/files/{fid}"' in page, f"file {fid} linked from the page")
        got = st.get(f"requests/{rid}/files/{fid}")
        eq((got.status, got.body, got.header("Content-Type")), (200, data, mime), f"file {fid} as it was sent")
        eq(got.header("Cache-Control"), "private, no-store", "never kept by a cache")
    other = s.sql(f"SELECT id FROM requests WHERE id <> {rid} ORDER BY id LIMIT 1")[0][0]
    eq(st.get(f"requests/{other}/files/{files[0][0]}").status, 404, "a file only under its own request")
    r = s.get(f"/xxgk/{site(s)}/admin/requests/{rid}/files/{files[0][0]}")
    ok(r.status in (302, 303, 401) and r.body != PDF, f"not to a stranger ({r.status})")
