"""No English and no doubled words on a Chinese page, over real HTTP: every rendered page type,
public and console, the letters and the audit view, is read as a person reads it (its text and
the attributes that are shown or spoken: alt, title, placeholder, aria-label, a button's value)
and searched for ASCII words outside an allow-list of codes, identifiers, file types, URLs and
addresses, and for a phrase said twice in a row (部分公开部分公开, 予以公开 · 予以公开). Machine
records shown for the record (a <pre> of an audit entry's JSON) are data, not words.

Lists (notices, requests, the audit log, login attempts, the reports that name notices) are read
on a site of the module's own, which other tests never write to: the demo sites' lists also show
what other tests typed there (the attack suite's payloads). One object of each kind in every
state, with its letters, is read on the demo site Lincang (its requests are in every state),
whose data the demo wrote; nothing on it is changed."""
import html, html.parser, os, re

from console import Staff
from harness import eq, fixture, import_notices, new_site, ok
from test_ysqgk import PDF, person, post_form, receipt_values

SITE = "lincang"
B = f"/xxgk/{SITE}/"
# Words a Chinese page may carry in Latin letters: file types and units people know by these names,
# the names of the formats the pages offer, and what the accounts of the demo are called.
ALLOWED = {"PDF", "OFD", "DOC", "DOCX", "XLS", "XLSX", "JPEG", "JPG", "PNG", "ZIP", "Word", "Excel", "KB", "MB",
           "CSV", "HTML", "SHA-256", "iCal", "ICS", "Atom", "Ctrl", "P", "X", "ICP",
           "admin", "approver", "staff"}
# Codes and identifiers: tracking numbers, query codes, catalog codes, index numbers, organisation
# and credit codes, version and document numbers (anything with a digit, or letters in capitals).
CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9._/-]+$|^[A-Z][A-Z0-9_-]*$")
URLISH = re.compile(r"(https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|(?:[\w-]+\.)+(?:cn|com|org|net)\b\S*|(?<!\S)/[\w./?=&%-]+|\S+\.(?:pdf|ofd|docx?|xlsx?|jpe?g|png|zip|csv|ics)\b)", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]")
# A phrase said twice at once; or on both sides of the pages' joiner " · ", where what follows it
# begins with the whole phrase that stands before (予以公开 · 予以公开, 其他处理 · 其他处理（…）; not
# 不予公开 · 公开后危及…). A list may name two things that share a word, 入围价格、价格调整规则: a
# comma or 、 between them is no doubling.
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,10})\1")
JOINER = re.compile(r"\s*·\s*")
INLINE = ("span", "strong", "em", "mark", "time", "abbr", "b", "i", "small", "label", "sup", "sub")
SHOWN_ATTRS = ("alt", "title", "placeholder", "aria-label")


class _Text(html.parser.HTMLParser):
    """The runs of text a person reads or hears, each as one string (one element's own text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs, self._skip, self._cur = [], 0, []

    def _flush(self):
        text = "".join(self._cur).strip()
        if text:
            self.runs.append(text)
        self._cur = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "pre", "code", "title", "head") or "hidden" in a:
            self._skip += 1
            if tag in ("title", "head"):
                self._skip -= 1  # the title is read (the head's other elements have no text)
        for k in SHOWN_ATTRS:
            if a.get(k):
                self.runs.append(a[k])
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.runs.append(a["value"])  # shown as the button's text (a <button>'s value is not)
        if tag not in INLINE:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style", "pre", "code") or "hidden" in dict(attrs):
            self._skip -= 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "pre", "code"):
            self._skip = max(0, self._skip - 1)
        if tag not in INLINE:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._cur.append(data)


def findings(text):
    """The English words and doubled phrases in a page's text."""
    p = _Text()
    p.feed(text)
    p._flush()
    found = []
    for run in p.runs:
        plain = URLISH.sub(" ", run)
        for w in WORD.findall(plain):
            if w not in ALLOWED and not CODE.match(w):
                found.append(f"English “{w}” in “{run[:60]}”")
        for m in DOUBLED.finditer(run):
            found.append(f"doubled “{m.group(0)}” in “{run[:60]}”")
        parts = JOINER.split(run)
        for before, after in zip(parts, parts[1:]):
            last = re.search(r"[\u4e00-\u9fff]{2,}$", before)  # the phrase just before the joiner
            if last and after.startswith(last.group(0)):
                found.append(f"doubled “{last.group(0)} · {last.group(0)}” in “{run[:60]}”")
    return found


def scan(pages):
    """pages: (label, response); every page answered and none with a finding."""
    bad = []
    for label, r in pages:
        ok(r.status in (200, 400, 404, 409), f"{label}: {r.status}")
        bad += [f"{label}: {f}" for f in findings(r.text)]
    eq(bad, [], f"{len(pages)} pages read")


def test_the_scanner_finds_what_it_is_for(s):
    """The checks themselves, on planted text: each kind of finding is found, codes are not."""
    planted = ("<p>状态：published</p><p>（reply，193 字节）</p><td>notice.publish</td><p>答复类型：<strong>部分公开</strong>部分公开</p>"
               "<li>答复类型：予以公开 · 予以公开</li><option>其他处理 · 其他处理（须写明处理情况）</option><p>已结束</p><p>Status: ok</p><input type=submit value=Send>")
    got = findings(planted)
    for expect in ("published", "reply", "notice.publish", "部分公开部分公开", "予以公开 · 予以公开", "其他处理 · 其他处理", "Status", "Send"):
        ok(any(expect in f for f in got), f"finds {expect}: {got}")
    clean = ("<p>受理编号 LINCANG-2026-00001，查询码 ABCD-EFGH-JKMN，索引号 11530900015118547K/2026-00014，"
             "类别 D04.C05，文号 临政办发〔2025〕12号，附件.pdf（PDF文档，3 KB），https://www.lincang.gov.cn/a?b=c，"
             "a.b@example.com，账号 admin</p><p>导入 /var/lib/xxgk/export-2026.json</p><p>/xxgk/lincang/c/D04?before=x</p><pre>{\"status\": \"published\"}</pre>"
             "<nav><a>信息公开目录</a><a>公开目录清单</a></nav><p>入围价格、价格调整规则</p><option>不予公开 · 公开后危及安全</option>"
             "<button name=size value=large>大字</button>")
    eq(findings(clean), [], "codes, URLs, paths, addresses, allowed names and machine records are not words")


def made(s):
    """A site with notices (items, an attachment, enough for a second page), a draft and a
    request with a file: what the lists and the public pages show."""
    key = new_site(s, "lincang", "words", users=("admin", "approver"))
    folder = os.path.join(s.var, "words-files")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "中标通知书.pdf"), "wb") as f:
        f.write(PDF)
    items = {"D04.C05.I01": "采购人：临沧市第二人民医院，地址：临沧市临翔区南塘街88号，电话：0883-2123456",
             "D04.C05.I05": "主要标的：彩色多普勒超声诊断仪（型号：LC-9000），数量：2台"}
    notices = [{"external_id": f"w{i}", "title": f"临沧市第二人民医院医疗设备采购项目第{i}包中标结果公告",
                "issuer": "临沧市财政局", "formed_on": "2026-04-01", "published_at": f"2026-04-{2 + i % 20:02d} 09:{i:02d}:00",
                "category": "D04.C05", "body": "现将中标结果公告如下，具体事项见下表。", "items": items,
                "attachments": ["words-files/中标通知书.pdf"] if i == 3 else []} for i in range(22)]
    ids = import_notices(s, key, notices)
    import_notices(s, key, [{"external_id": "w-draft", "title": "待补充的采购意向公开", "issuer": "临沧市财政局",
                             "formed_on": "2026-04-01", "category": "D04.C01", "body": "草稿"}], publish_incomplete=False)
    r = post_form(s, person(), files=[("attachments", "身份证明.pdf", "application/pdf", PDF)], site_base=f"/xxgk/{key}/")
    receipt_values(r.text)
    return key, ids["w3"]


def own(s):
    return fixture(s, "words.site", made)


def public_pages(s):
    key, nid = own(s)
    b = f"/xxgk/{key}/"
    paths = [b, b + "c/D04", b + "c/D04.C05", f"{b}n/{nid}", b + "catalog", b + "search?q=%E9%87%87%E8%B4%AD",
             b + "search?q=%E9%87%87%E8%B4%AD&from=2026-13-01", b + "ysqgk/", b + "ysqgk/query",
             b + "n/999999999", b + "c/D04?before=x", "/xxgk/no-such-site/", B + "ysqgk/"]
    return [(p, s.get(p)) for p in paths] + [("/xxgk/", site_index(s))]


class _Page:
    def __init__(self, status, text):
        self.status, self.text = status, text


def site_index(s):
    """The site index, without the names other tests gave their sites (data, in any words)."""
    r = s.get("/xxgk/")
    text = r.text
    for (name,) in s.sql("SELECT name FROM sites WHERE site_key NOT IN "
                         "('lincang', 'yancheng', 'qinghai', 'zhejiang', 'shanwei') AND site_key NOT LIKE 'words-%'"):
        text = text.replace(html.escape(name, quote=False), "")
    return _Page(r.status, text)


def test_public_pages(s):
    scan(public_pages(s))


def test_console_lists_and_forms(s):
    key, _ = own(s)
    st = Staff(s, key, "admin")
    ok(st.signed_in, "the site's admin signs in")
    month = s.sql("SELECT DATE_FORMAT(CURDATE(), '%Y-%m')")[0][0]
    paths = ["", "notices", "notices?status=published", "notices?status=draft", "notices/new",
             "notices/new?category=D04.C05", "audit", "audit?subject=request", "audit?subject=notice", "users",
             "login-limits", "requests", "requests/new", "bodies", "reports/annual?year=2026", "reports/compliance",
             "reports/timeliness?month=" + month]
    scan([(f"admin/{p}", st.get(p)) for p in paths])


def requests_in_every_status(s):
    return s.sql(f"SELECT MIN(r.id), r.status FROM requests r JOIN sites st ON st.id = r.site_id "
                 f"WHERE st.site_key = '{SITE}' GROUP BY r.status ORDER BY r.status")


def test_demo_objects_and_letters_in_every_state(s):
    """A demo notice in the editor and its versions, a demo request in each status, a letter of
    each kind: what the demo wrote, in the console's words."""
    st = Staff(s, SITE, "admin")
    ok(st.signed_in, "the demo's admin signs in")
    nid = s.sql(f"SELECT n.id FROM notices n JOIN sites st ON st.id = n.site_id WHERE st.site_key = '{SITE}' "
                f"AND n.status = 'published' ORDER BY n.id LIMIT 1")[0][0]
    paths = [f"notices/{nid}", f"notices/{nid}/versions"]
    for rid, lid in s.sql(f"SELECT MIN(l.request_id), MIN(l.id) FROM request_letters l JOIN requests r ON r.id = l.request_id "
                          f"JOIN sites st ON st.id = r.site_id WHERE st.site_key = '{SITE}' GROUP BY l.kind"):
        paths.append(f"requests/{rid}/letters/{lid}")
    scan([(f"admin/{p}", st.get(p)) for p in paths])


def test_tracking_pages_of_requests_in_every_status(s):
    """The words for every status, step, reply and deadline, on the staff's page of a demo request
    in each status (the applicant's own view needs a query code the demo does not keep; the
    tracking page of a request of the test's own is read below)."""
    st = Staff(s, SITE, "admin")
    pages = []
    for rid, status in requests_in_every_status(s):
        pages.append((f"request {rid} ({status})", st.get(f"requests/{rid}")))
    scan(pages)


def test_a_suspended_reply_period_is_shown_as_suspended(s):
    """While a request waits for its correction (补正) the reply period is suspended, not over:
    the applicant's tracking page and the staff's page say 中止计算, with the correction's
    period, never 已结束 or the old due date; once corrected, the new due date is shown."""
    key = new_site(s, "lincang", "words-suspended", users=("approver",))
    b = f"/xxgk/{key}/"
    receipt = post_form(s, person(), site_base=b)
    tracking, code = receipt_values(receipt.text)
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking}'")[0][0]
    old_due = s.sql(f"SELECT DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r JOIN deadlines d ON d.id = r.reply_deadline_id "
                    f"WHERE r.id = {rid}")[0][0]
    st = Staff(s, key, "approver")
    today = s.sql("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')")[0][0]
    r = st.post(f"requests/{rid}", {"action": "correction", "on": today, "days": "15", "what": "所需信息的年份"})
    eq(r.status, 303, f"correction requested: {r.text[:300]}")
    correction_due = s.sql(f"SELECT DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r JOIN deadlines d "
                           f"ON d.id = r.correction_deadline_id WHERE r.id = {rid}")[0][0]
    public = s.post(b + "ysqgk/query", fields={"tracking_no": tracking, "query_code": code}).text
    ok("中止计算" in public and f"请于{correction_due}前补正" in public, "the applicant sees the period suspended")
    ok(f"{old_due}前" not in public and "已结束" not in public, "not the old due date, not ended")
    staff = st.get(f"requests/{rid}").text
    ok("中止计算" in staff and "已结束" not in staff, "the staff's page says suspended, not ended")
    scan([("receipt", receipt), ("tracking, waiting for a correction", s.post(b + "ysqgk/query", fields={"tracking_no": tracking, "query_code": code})),
          ("staff page, waiting for a correction", st.get(f"requests/{rid}"))])


def test_the_query_code_slip_and_a_request_with_its_files(s):
    """The slip of a reissued query code, and the staff's page of a request with a file and a
    reissue on its timeline, on a site of the test's own."""
    from test_ysqgk_reissue import FIELDS
    key = new_site(s, "zhejiang", "words-slip", users=("approver",))
    r = post_form(s, person(), files=[("attachments", "身份证明.pdf", "application/pdf", PDF)], site_base=f"/xxgk/{key}/")
    tracking, _ = receipt_values(r.text)
    rid = s.sql(f"SELECT id FROM requests WHERE tracking_no = '{tracking}'")[0][0]
    st = Staff(s, key, "approver")
    slip = st.post(f"requests/{rid}/query-code", FIELDS)
    eq(slip.status, 200, "reissued")
    page = st.get(f"requests/{rid}")
    ok("身份证明.pdf" in page.text, "the page lists the file")
    scan([("query-code slip", slip), ("staff page with a file and a reissue", page)])
