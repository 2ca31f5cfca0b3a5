"""The import's XML reader (and an XLSX's parts) takes no DTD: `xxgkctl import` of a document
with an external entity (a local file, an http URL, an external DTD) or with entities that grow
(billion laughs, one large entity referenced many times) ends with a clear error naming the
line, stores nothing, reads no file, opens no connection, and stays within a bounded time and
memory."""
import io, os, socket, subprocess, tempfile, threading, time, zipfile

from harness import BIN, TOP, eq, new_site, ok

FIX = os.path.join(TOP, "tests", "integration", "fixtures", "import")
REFUSED = "a DTD (<!DOCTYPE ...>) is not accepted"
NOTICE = ('<notice external-id="X-1" category="D04.C01"><title>{title}</title><issuer>临沧市财政局</issuer>'
          '<formed-on>2026-03-02</formed-on><body>{body}</body></notice>')
# Bounds for a refused document, in the sanitizer build the tests run: the same import of a
# well-formed file stays far below both.
MAX_SECONDS = 10
MAX_RSS_MB = 400


def document(dtd, title="&e;", body="正文"):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{dtd}\n<notices>{NOTICE.format(title=title, body=body)}</notices>\n'


def run_import(s, site, path, *extra):
    """xxgkctl import: its exit code, its output, and its own time and peak memory (wait4)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.time()
        p = subprocess.Popen([os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "import", path,
                              "--site", site, *extra], cwd=TOP, env=s.env, stdout=out, stderr=subprocess.STDOUT)
        watchdog = threading.Timer(120, p.kill)
        watchdog.start()
        _, status, usage = os.wait4(p.pid, 0)
        watchdog.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.time() - t0
        out.seek(0)
        return p.returncode, out.read().decode(errors="replace"), seconds, usage.ru_maxrss / 1024


def import_file(s, site, text, name="notices.xml", *extra):
    d = tempfile.mkdtemp(dir=s.var)
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
    return path, run_import(s, site, path, *extra)


def stored(s, site):
    return s.sql(f"SELECT COUNT(*) FROM notices n JOIN sites t ON t.id = n.site_id WHERE t.site_key = '{site}'")


def test_a_well_formed_file_imports(s):
    """The reader that refuses DTDs still reads the format (the counterpart of the refusals)."""
    site = new_site(s, "lincang", "xmlok")
    _, (rc, out, _, _) = import_file(s, site, document("", title="医疗设备采购&amp;招标公告"), "ok.xml",
                                     "--publish-incomplete")
    eq(rc, 0, out)
    eq(s.sql(f"SELECT title FROM notices n JOIN sites t ON t.id = n.site_id WHERE t.site_key = '{site}'"),
       [["医疗设备采购&招标公告"]], "the notice, its predefined entity read")


def test_external_entity_files_are_never_read(s):
    site = new_site(s, "lincang", "xxe")
    secret = os.path.join(s.var, "secret.txt")
    marker = "XXE-MARKER-" + os.urandom(6).hex()
    with open(secret, "w") as f:
        f.write(marker)
    for target in ["file:///etc/passwd", "file://" + secret, secret]:
        dtd = f'<!DOCTYPE notices [<!ENTITY e SYSTEM "{target}">]>'
        for path_and_result in [import_file(s, site, document(dtd, body="&e;")),
                                import_file(s, site, document(dtd), "dry.xml", "--dry-run")]:
            path, (rc, out, _, _) = path_and_result
            eq(rc, 1, f"{target}: refused: {out}")
            ok(f"{path}:2: {REFUSED}" in out, f"{target}: the error names the file, the line and why: {out}")
            ok(marker not in out and "root:" not in out, f"{target}: nothing of the file in the output: {out}")
    eq(stored(s, site), [["0"]], "nothing stored")
    eq(s.sql(f"SELECT COUNT(*) FROM notices WHERE title LIKE '%{marker}%' OR body LIKE '%{marker}%' "
             "OR body LIKE '%root:%'"), [["0"]], "the file's content is nowhere in the database")


def test_no_connection_is_opened(s):
    site = new_site(s, "lincang", "xxenet")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        for dtd in [f'<!DOCTYPE notices [<!ENTITY e SYSTEM "{url}/entity">]>',
                    f'<!DOCTYPE notices SYSTEM "{url}/notices.dtd">',
                    f'<!DOCTYPE notices [<!ENTITY % p SYSTEM "{url}/parameter"> %p;]>']:
            path, (rc, out, _, _) = import_file(s, site, document(dtd))
            eq(rc, 1, f"refused: {out}")
            ok(REFUSED in out, out)
        # A connection made and closed would still wait in the listen queue.
        try:
            conn, _ = listener.accept()
            conn.close()
            ok(False, "the import connected to the URL of an entity or a DTD")
        except BlockingIOError:
            pass
    finally:
        listener.close()
    eq(stored(s, site), [["0"]], "nothing stored")


def laughs():
    dtd = ['<!DOCTYPE notices [', '<!ENTITY e0 "lol">']
    dtd += [f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    dtd.append('<!ENTITY e "&e9;">]>')
    return document("\n".join(dtd))


def quadratic():
    """One entity of 20,000 characters referenced 20,000 times: 400 million characters from a
    file of 80 KB."""
    return document(f'<!DOCTYPE notices [<!ENTITY a "{"x" * 20000}">]>', title="标题", body="&a;" * 20000)


def test_growing_entities_end_quickly_in_bounded_memory(s):
    site = new_site(s, "lincang", "laughs")
    for name, text in [("laughs.xml", laughs()), ("quadratic.xml", quadratic())]:
        path, (rc, out, seconds, rss_mb) = import_file(s, site, text, name)
        eq(rc, 1, f"{name}: refused: {out}")
        ok(f"{path}:2: {REFUSED}" in out, f"{name}: a clear error: {out}")
        ok(seconds < MAX_SECONDS, f"{name}: took {seconds:.1f} s")
        ok(rss_mb < MAX_RSS_MB, f"{name}: took {rss_mb:.0f} MB")
    eq(stored(s, site), [["0"]], "nothing stored")


def test_a_text_over_the_parser_s_limit_is_named_as_such(s):
    """A body of 20 million characters: libxml2 printed "huge text node" and its context line to
    stderr, and the error said "Extra content at the end of the document"."""
    site = new_site(s, "lincang", "hugetext")
    path, (rc, out, _, _) = import_file(s, site, document("", title="标题", body="采购" * 10_000_000), "huge.xml")
    eq(rc, 1, out[:300])
    eq(out, f"xxgkctl import: {path}:3: an element holds more than 10,000,000 bytes of text; no field takes that "
       "much (the longest, body, takes 1,000,000 characters)\n", "one line that names the cause")
    eq(stored(s, site), [["0"]], "nothing stored")


def xlsx_with(part, text):
    """The Hanweb fixture with one of its XML parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(os.path.join(FIX, "hanweb.xlsx")) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, text if item.filename == part else src.read(item.filename))
    return out.getvalue()


def test_xlsx_parts_take_no_dtd(s):
    site = new_site(s, "lincang", "xlsxdtd")
    mapfile = os.path.join(FIX, "hanweb.map")
    with zipfile.ZipFile(os.path.join(FIX, "hanweb.xlsx")) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        sheet = z.read("xl/worksheets/sheet2.xml").decode()  # the sheet hanweb.map reads
    dtd = '<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    for part, text in [("xl/sharedStrings.xml", strings.replace("?>", "?>" + dtd, 1).replace("<t>", "<t>&e;", 1)),
                       ("xl/worksheets/sheet2.xml", sheet.replace("?>", "?>" + dtd.replace("sst", "worksheet"), 1))]:
        path, (rc, out, _, _) = import_file(s, site, xlsx_with(part, text), "export.xlsx", "--map", mapfile)
        eq(rc, 1, f"{part}: refused: {out}")
        ok(part in out and REFUSED in out and "root:" not in out, f"{part}: a clear error: {out}")
    eq(stored(s, site), [["0"]], "nothing stored")
