"""File names as browsers send them. The HTML standard's multipart/form-data encoding writes a `"`
in a file's name as %22, and CR and LF as %0D and %0A; nothing else is escaped, `%` itself
included. An applicant's files and a notice's attachments were kept and shown with %22 in their
names; they keep the name the person chose (a line break as a space), any other %xx as it was
typed, and the download's Content-Disposition still holds together."""
import html, os, re, urllib.parse

from console import Staff
from harness import each_front_end, eq, fixture, import_notices, new_site, ok
from test_ysqgk import PDF, get_form, person

# (the name on the person's disk, what the browser writes between the quotes, what xxgk keeps)
NAMES = [
    ('报价"终稿".pdf', "报价%22终稿%22.pdf", '报价"终稿".pdf'),
    ("第一行\n第二行.pdf", "第一行%0A第二行.pdf", "第一行 第二行.pdf"),
    ("回车\r\n换行.pdf", "回车%0D%0A换行.pdf", "回车 换行.pdf"),
    ("进度100%41%2F%25.pdf", "进度100%41%2F%25.pdf", "进度100%41%2F%25.pdf"),
]


def browser_body(fields, files):
    """A body as Chrome writes it: its boundary, the fields, then each file's part with the name
    already encoded (files: (field, encoded name, data))."""
    boundary = "----WebKitFormBoundary" + os.urandom(8).hex()
    out = b""
    for k, v in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    for field, sent, data in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{sent}"\r\n'
                f"Content-Type: application/pdf\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def download_name(r):
    """The name a browser saves a download under (RFC 6266: filename* over filename), checking
    that the header is one disposition whose parameters a quote in the name cannot break."""
    cd = r.header("Content-Disposition") or ""
    m = re.fullmatch(r"""attachment; filename="download"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)""", cd)
    ok(m is not None, f"Content-Disposition: {cd!r}")
    return urllib.parse.unquote(m.group(1), errors="strict")


def site(s):
    return fixture(s, "upload-names.site", lambda s: new_site(s, "lincang", "upnames", users=("admin", "approver")))


@each_front_end
def test_an_applicants_file_names_are_kept_as_chosen(s):
    key = site(s)
    fields = dict(person(), form_token=get_form(s, site_base=f"/xxgk/{key}/"))
    body, ctype = browser_body(fields, [("attachments", sent, PDF + s.front.encode() + sent.encode())
                                        for _, sent, _ in NAMES])
    r = s.post(f"/xxgk/{key}/ysqgk/", body=body, headers={"Content-Type": ctype})
    eq(r.status, 200, f"filed: {r.text[:300]}")
    tn = re.search(r'class="code">([A-Z0-9_-]+-\d{4}-\d{5})<', r.text).group(1)
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tn}'")[0][0]
    stored = s.sql(f"SELECT id, filename FROM request_attachments WHERE request_id = {rid} ORDER BY id")
    eq([n for _, n in stored], [kept for _, _, kept in NAMES], "stored as the applicant named them")
    shown = html.unescape(r.text)
    for _, _, kept in NAMES:
        ok(kept in shown, f"the receipt lists {kept!r}")
    ok("%22" not in r.text and "%0A" not in r.text, "no browser escapes on the receipt")
    staff = Staff(s, key, "approver")
    page = html.unescape(staff.get(f"requests/{rid}").text)
    for fid, kept in stored:
        ok(f">{kept}</a>" in page, f"the request's page links {kept!r}")
        dl = staff.get(f"requests/{rid}/files/{fid}")
        eq(dl.status, 200, f"download {kept!r}")
        eq(download_name(dl), kept, "saved under its name")


@each_front_end
def test_a_notices_attachment_names_are_kept_as_chosen(s):
    key = site(s)
    nid = import_notices(s, key, [{"external_id": f"att-{s.front}", "title": "附件名称公告", "issuer": "临沧市财政局",
                                   "formed_on": "2026-03-02", "category": "D04.C01", "body": "正文"}])[f"att-{s.front}"]
    st = Staff(s, key, "admin")
    for _, sent, kept in NAMES:
        body, ctype = browser_body({"csrf": st.csrf()}, [("file", sent, PDF + sent.encode())])
        r = s.request("POST", f"/xxgk/{key}/admin/notices/{nid}/attachments", body=body,
                      headers={**st.headers(), "Content-Type": ctype})
        eq(r.status, 303, f"{sent}: {r.text[:300]}")
    stored = s.sql(f"SELECT id, filename FROM attachments WHERE notice_id = {nid} ORDER BY id")
    eq([n for _, n in stored], [kept for _, _, kept in NAMES], "stored as staff named them")
    page = s.get(f"/xxgk/{key}/n/{nid}")
    for aid, kept in stored:
        ok(f'/xxgk/{key}/a/{aid}">{html.escape(kept, quote=False)}</a>' in page.text or
           f'/xxgk/{key}/a/{aid}">{html.escape(kept)}</a>' in page.text, f"the notice page links {kept!r}")
        dl = s.get(f"/xxgk/{key}/a/{aid}")
        eq(dl.body, PDF + next(sent for _, sent, k in NAMES if k == kept).encode(), "the file")
        eq(download_name(dl), kept, "saved under its name")
    ok("%22" not in page.text, "no browser escapes on the page")
