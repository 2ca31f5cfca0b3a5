"""Apache beside nginx (issue 20): the stack's Apache runs the shipped
cms-integration/apache/xxgk.conf in front of the same workers as nginx. Here what concerns the
two web servers' own configuration: a client's single sign-on header refused by both, the CMS's
SSI includes never touching an attachment, compression of pages, feeds and JSON but not of the
staff console, and 200 requests at once through Apache while nginx keeps answering. The modules
of pages, uploads, the console, feeds and SSI run their tests through both front ends
(harness.each_front_end)."""
import gzip, hashlib, os, statistics, subprocess, threading, time

from console import Staff
from harness import FRONT_ENDS, each_front_end, eq, import_notices, new_site, ok

SPOOFS = [("X-Remote-User", "admin"), ("x-remote-user", "admin"), ("X-REMOTE-USER", "admin"),
          ("X_Remote_User", "admin"), ("X-Remote-User", "admin, admin")]
HEADER = "临沧市人民政府门户网站"  # the CMS header's text (cms-integration/embed/demo-cms-header.html)


def dashboard_by_fastcgi(tier, site, user):
    """The console's dashboard asked of the tier's workers directly over FastCGI, with the SSO
    header set as a web server that signed the user in would set it: the status line."""
    env = dict(os.environ, REQUEST_METHOD="GET", DOCUMENT_URI=f"/xxgk/{site}/admin/", QUERY_STRING="",
               REMOTE_ADDR="127.0.0.1", HTTP_X_REMOTE_USER=user)
    out = subprocess.run(["cgi-fcgi", "-bind", "-connect", os.path.join(tier.var, "xxgk.sock")],
                         capture_output=True, env=env, timeout=30)
    return out.stdout.split(b"\r\n", 1)[0].decode()


def test_a_clients_own_sso_header_signs_nobody_in_through_either_server(s):
    site = new_site(s, "yancheng", "apache-sso", users=("admin",))
    with s.web_tier("sso", apache=True, sso_enabled="yes") as tier:
        # the tier trusts the header: set by the web server, it signs the admin in
        eq(dashboard_by_fastcgi(tier, site, "admin"), "Status: 200 OK", "single sign-on works when the server sets it")
        sessions = s.sql("SELECT COUNT(*) FROM sessions")
        for front in FRONT_ENDS:
            web = tier.through(front)
            for name, value in SPOOFS:
                r = web.get(f"/xxgk/{site}/admin/", headers={name: value})
                eq(r.status, 303, f"{front}: {name}: {value} sends the client to sign in")
                ok("/admin/login" in (r.header("Location") or ""), f"{front}: {name}: to the sign-in page")
                ok("xxgk_session=" not in (r.header("Set-Cookie") or ""), f"{front}: {name}: no session")
            r = web.post(f"/xxgk/{site}/admin/notices", fields={"title": "x"}, headers={"X-Remote-User": "admin"})
            eq(r.status, 403, f"{front}: a POST with the header is a stranger's")
        eq(s.sql("SELECT COUNT(*) FROM sessions"), sessions, "no session was opened")


def multipart(fields, files):
    b = "----xxgkapacheboundary"
    body = b"".join(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields.items())
    for field, name, ctype, data in files:
        body += (f'--{b}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                 f"Content-Type: {ctype}\r\n\r\n").encode() + data + b"\r\n"
    return body + f"--{b}--\r\n".encode(), f"multipart/form-data; boundary={b}"


# A PDF whose bytes carry SSI directives: a web server that scanned it would change it.
SSI_PDF = (b"%PDF-1.4\n% <!--#include virtual=\"/cms/lincang-header.html\" -->\n"
           b"% <!--#echo var=\"DATE_LOCAL\" --> <!--#printenv -->\n%%EOF\n")


def test_attachments_of_a_site_with_includes_come_back_byte_for_byte(s):
    """On a site whose pages both servers scan for the CMS's header and footer, the pages get them
    and an attachment that carries directives comes back as it was uploaded, whichever server
    took the upload and whichever sends it, with or without compression asked for."""
    site = new_site(s, "lincang", "apache-ssi", users=("admin",))
    nid = import_notices(s, site, [{"external_id": "att", "title": "附件公告", "issuer": "临沧市财政局",
                                    "formed_on": "2026-03-02", "category": "D04.C01", "body": "正文"}])["att"]
    append = f"\n[site.{site}]\nheader_include = /cms/lincang-header.html\nfooter_include = /cms/lincang-footer.html\n"
    with s.web_tier("ssi-site", apache=True, append=append) as tier:
        for front in FRONT_ENDS:
            web = tier.through(front)
            page = web.get(f"/xxgk/{site}/n/{nid}")
            eq(page.text.count(HEADER), 1, f"{front}: the notice page wears the CMS header")
            ok("<!--#" not in page.text, f"{front}: every include expanded")
            admin = Staff(web, site, "admin")
            data = SSI_PDF + front.encode() + b"\n"
            body, ctype = multipart({"csrf": admin.csrf()}, [("file", f"{front}.pdf", "application/pdf", data)])
            r = web.request("POST", f"/xxgk/{site}/admin/notices/{nid}/attachments", body=body,
                            headers={**admin.headers(), "Content-Type": ctype})
            eq(r.status, 303, f"{front}: uploaded")
            aid = s.sql(f"SELECT id, sha256 FROM attachments WHERE notice_id = {nid} AND filename = '{front}.pdf'")
            eq(aid[0][1], hashlib.sha256(data).hexdigest(), f"{front}: stored as sent")
            for other in FRONT_ENDS:
                for asked in ({}, {"Accept-Encoding": "gzip"}):
                    d = tier.through(other).get(f"/xxgk/{site}/a/{aid[0][0]}", headers=asked)
                    eq((d.status, d.header("Content-Encoding")), (200, None), f"{front} upload, {other}: sent whole")
                    eq(d.body, data, f"uploaded through {front}, downloaded through {other} {asked}: the same bytes")


def gunzip(r, what):
    eq(r.header("Content-Encoding"), "gzip", f"{what}: compressed")
    ok("Accept-Encoding" in (r.header("Vary") or ""), f"{what}: Vary: Accept-Encoding")
    return gzip.decompress(r.body)


@each_front_end
def test_pages_feeds_and_json_are_compressed_and_the_console_is_not(s):
    gz = {"Accept-Encoding": "gzip"}
    for path in ["/xxgk/qinghai/c/D01", "/xxgk/qinghai/c/D01", "/xxgk/qinghai/c/D01?x=gz",
                 "/xxgk/lincang/c/D02", "/xxgk/qinghai/feed.atom", "/xxgk/qinghai/api/notices?limit=5",
                 "/xxgk/zhejiang/api/ocds.json?limit=2", "/xxgk-static/xxgk.css"]:
        plain, packed = s.get(path), s.get(path, headers=gz)
        eq((plain.status, packed.status), (200, 200), path)
        eq(plain.header("Content-Encoding"), None, f"{path}: as it is when the client does not ask")
        eq(gunzip(packed, path), plain.body, f"{path}: the same bytes, compressed")
    for path in ["/xxgk/qinghai/admin/login", "/xxgk/lincang/admin/login"]:
        r = s.get(path, headers=gz)
        eq((r.status, r.header("Content-Encoding")), (200, None), f"{path}: the console is never compressed")


def timed_get(web, path, timeout):
    t0 = time.monotonic()
    try:
        status = web.get(path, timeout=timeout).status
    except OSError as e:
        status = f"{type(e).__name__}"
    return status, time.monotonic() - t0


def test_200_requests_at_once_through_apache_while_nginx_keeps_answering(s):
    """200 clients at once through Apache, each a page the workers render (a query string of its
    own), while nginx is asked for rendered pages one after another: every answer is a page, and
    afterwards Apache holds no worker (nginx gets as many pages at once as there are worker
    threads). With Apache's enablereuse=on its kept connections held every worker: requests
    through both servers hung."""
    apache, nginx = s.through("apache"), s.through("nginx")
    idle = [timed_get(nginx, f"/xxgk/qinghai/c/D02?x=idle{i}", 10)[1] for i in range(10)]
    results, during, start, done = [None] * 200, [], threading.Barrier(201), threading.Event()

    def client(i):
        start.wait()
        results[i] = timed_get(apache, f"/xxgk/yancheng/c/D01?x=client{i}", 30)

    def sample():
        start.wait()
        while not done.is_set():
            during.append(timed_get(nginx, f"/xxgk/qinghai/c/D02?x=during{len(during)}", 30))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(200)] + [threading.Thread(target=sample)]
    for t in threads:
        t.start()
    t0 = time.monotonic()
    for t in threads[:200]:
        t.join()
    elapsed = time.monotonic() - t0
    done.set()
    threads[200].join()
    eq([r[0] for r in results], [200] * 200, "every request through Apache answered with its page")
    eq([r[0] for r in during], [200] * len(during), "nginx answered every request meanwhile")
    after = [None] * 8
    pool = [threading.Thread(target=lambda i=i: after.__setitem__(i, timed_get(nginx, f"/xxgk/qinghai/c/D02?x=after{i}", 10)))
            for i in range(len(after))]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    eq([r[0] for r in after], [200] * len(after), "then 8 at once through nginx: no worker is held by Apache")
    ms = lambda xs: f"{statistics.median(xs) * 1000:.0f}/{max(xs) * 1000:.0f} ms"
    print(f"     apache: 200 at once in {elapsed:.2f} s (each {ms([r[1] for r in results])} median/max); "
          f"nginx meanwhile: {len(during)} pages, {ms([r[1] for r in during])}; idle {ms(idle)}", flush=True)

