"""Pushes to the trading platforms (issue 22, item 3): a notice's publication, change and
withdrawal in the staff console reach a receiver (Python's http.server on loopback) as signed
POSTs, once each and in order, through failures and retries; the status shows in the editor and
in `xxgkctl push status`. On Yancheng sites of the module's own (its platform wants the source
named)."""
import datetime, hashlib, hmac, http.server, json, re, threading

from console import Staff
from harness import eq, free_port, import_notices, new_site, ok, wait_until

PLATFORM = "盐城市公共资源交易平台"
PUSHED = "D04.C03"      # 履约及变更信息: its channels name the platform
NOT_PUSHED = "D04.C01"  # 出让（招标、拍卖）批复: they do not


class Receiver:
    """A platform on loopback: answers the first `fail` requests with `status`, the rest 200, and
    keeps every request (headers and body) it got."""

    def __init__(self, fail=0, status=500):
        self.fail, self.status, self.got = fail, status, []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                n = len(receiver.got)
                code = receiver.status if n < receiver.fail else 200
                receiver.got.append((dict(self.headers), body, code))
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"no" if code >= 300 else b"ok")

            def log_message(self, *a):
                pass

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self):
        return f"http://127.0.0.1:{self.port}/receive"

    def delivered(self):
        return [(h, json.loads(b)) for h, b, code in self.got if code == 200]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def add_endpoint(s, site, receiver, name="市交易平台"):
    r = s.ctl("push", "endpoint", "add", "--site", site, "--name", name, "--channel", PLATFORM,
              "--url", receiver.url())
    m = re.search(r"^([0-9a-f]{64})$", r.stdout, re.M)
    ok(m, f"the key is printed once: {r.stdout}")
    return m.group(1).encode()


def publish(st, title, category=PUSHED, reason="测试"):
    today = datetime.date.today().isoformat()
    r = st.post("notices", {"category": category, "title": title, "issuer": "盐城市财政局", "formed_on": today,
                            "body": "正文", f"item.{category}.I01": "已填写", "action": "publish", "reason": reason})
    eq(r.status, 303, f"published: {r.text[:300]}")
    return re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)


def edit(st, nid, title):
    today = datetime.date.today().isoformat()
    r = st.post(f"notices/{nid}", {"category": PUSHED, "title": title, "issuer": "盐城市财政局", "formed_on": today,
                                   "body": "正文（更正）", f"item.{PUSHED}.I01": "已填写", "action": "save"})
    eq(r.status, 303, f"saved: {r.text[:300]}")


def deliver_until_sent(s, nid, timeout=30):
    def done():
        s.ctl("push", "deliver")
        rows = s.sql(f"SELECT status FROM push_deliveries WHERE notice_id = {nid}")
        return rows and all(r[0] == "sent" for r in rows) and rows
    return wait_until(done, f"every push of notice {nid} delivered", timeout=timeout, interval=0.3)


def signed(key, headers, body):
    mac = hmac.new(key, headers["X-Xxgk-Timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest("sha256=" + mac, headers["X-Xxgk-Signature"])


def test_a_receiver_failing_twice_gets_each_change_once_in_order(s):
    site = new_site(s, "yancheng", "push", users=("admin",))
    rx = Receiver(fail=2)
    try:
        key = add_endpoint(s, site, rx)
        st = Staff(s, site, "admin")
        nid = publish(st, "履约信息（第一版）")
        edit(st, nid, "履约信息（第二版）")
        r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "撤回测试"})
        eq(r.status, 303, "withdrawn")
        rows = deliver_until_sent(s, nid)
        eq(len(rows), 3, "one delivery per change")
        got = rx.delivered()
        eq([b["event"] for h, b in got], ["publish", "update", "withdraw"], "each change once, in order")
        eq([b["notice"]["title"] for h, b in got], ["履约信息（第一版）", "履约信息（第二版）", "履约信息（第二版）"],
           "each change carries the notice as that change left it")
        eq(got[2][1]["notice"]["status"], "withdrawn", "the withdrawal says so")
        eq(len(rx.got), 5, "two failures, then the three changes")
        first = rx.got[0][0]["X-Xxgk-Delivery"]
        eq([h["X-Xxgk-Delivery"] for h, b, c in rx.got[:3]], [first] * 3,
           "the first change was retried until delivered before the others went")
        eq(len({h["X-Xxgk-Delivery"] for h, b in got}), 3, "three deliveries")
        for h, b, c in rx.got:
            ok(signed(key, h, b), f"signed with the endpoint's key: {h.get('X-Xxgk-Signature')}")
            eq(h["X-Xxgk-Notice"], nid, "the notice's id in a header")
        body = got[0][1]
        eq(body["channel"], PLATFORM, "the channel")
        eq(body["category"]["code"], PUSHED, "the category")
        ok(body["source_note"].startswith("信息来源："), f"Yancheng's platform gets the source: {body}")
        eq([i["value"] for i in body["notice"]["items"]], ["已填写"], "the items")
        page = st.get(f"notices/{nid}").text
        ok("推送至交易平台" in page and "市交易平台" in page and page.count("已送达") == 3, "status in the editor")
        status = s.ctl("push", "status", "--notice", nid).stdout
        eq(status.count(" sent "), 3, f"xxgkctl push status: {status}")
        ok(re.search(r"市交易平台\s+" + PLATFORM + r"\s+delivered 3\s+waiting 0", status), status)
    finally:
        rx.close()


def test_a_failing_platform_shows_what_waits_and_other_categories_are_not_pushed(s):
    site = new_site(s, "yancheng", "push", users=("admin",))
    rx = Receiver(fail=1000, status=503)
    try:
        add_endpoint(s, site, rx)
        st = Staff(s, site, "admin")
        nid = publish(st, "履约信息（平台故障）")
        other = publish(st, "出让批复", category=NOT_PUSHED)
        wait_until(lambda: len(rx.got) >= 1, "the first attempt right after the save")
        eq(s.sql(f"SELECT COUNT(*) FROM push_changes WHERE notice_id = {other}"), [["1"]], "the change is queued")
        eq(s.sql(f"SELECT COUNT(*) FROM push_deliveries WHERE notice_id = {other}"), [["0"]],
           "no delivery where the category's channels do not name the platform")
        row = s.sql(f"SELECT status, attempts, last_status, next_at > NOW(6) FROM push_deliveries WHERE notice_id = {nid}")
        eq(row, [["queued", "1", "503", "1"]], "failed, waiting for its next attempt")
        page = st.get(f"notices/{nid}").text
        ok("未送达" in page and "HTTP 503" in page, "the editor shows the failure")
        status = s.ctl("push", "status", "--site", site).stdout
        ok(re.search(rf"notice {nid} publish\s+to 市交易平台: failing, 1 attempt", status), status)
        ok("waiting 1 (failing 1)" in status, status)
    finally:
        rx.close()


def test_endpoints_are_checked(s):
    site = new_site(s, "yancheng", "push")
    bad = [(["--channel", "政府网站", "--url", "https://example.org/r"], "a channel that is not pushed to"),
           (["--channel", PLATFORM, "--url", "http://example.org/r"], "http to another host"),
           (["--channel", PLATFORM, "--url", "ftp://127.0.0.1/r"], "another scheme")]
    for args, what in bad:
        r = s.ctl("push", "endpoint", "add", "--site", site, "--name", "x", *args, check=False)
        eq(r.returncode, 2, f"{what}: {r.stderr}")
    eq(s.sql(f"SELECT COUNT(*) FROM push_endpoints e JOIN sites s ON s.id = e.site_id WHERE s.site_key = '{site}'"),
       [["0"]], "nothing stored")
    s.ctl("push", "endpoint", "add", "--site", site, "--name", "x", "--channel", PLATFORM,
          "--url", "https://ggzy.example.gov.cn/receive")
    ok("https://ggzy.example.gov.cn/receive" in s.ctl("push", "endpoint", "list", "--site", site).stdout, "listed")
    s.ctl("push", "endpoint", "remove", "--site", site, "--name", "x")
    ok("0 endpoint(s)" in s.ctl("push", "endpoint", "list", "--site", site).stdout, "removed")


def test_imports_push_ocds_for_procurement_and_json_for_the_rest(s):
    site = new_site(s, "lincang", "push")
    rx = Receiver()
    try:
        s.ctl("push", "endpoint", "add", "--site", site, "--name", "国家平台", "--channel", "全国公共资源交易平台",
              "--url", rx.url(), "--format", "ocds")
        common = {"issuer": "临沧市财政局", "formed_on": "2026-11-02", "published_at": "2026-11-05 09:00:00",
                  "body": "正文"}
        ids = import_notices(s, site, [dict(common, external_id="buy", title="采购公告", category="D04.C01"),
                                       dict(common, external_id="land", title="出让公告", category="D02.C02")])
        import_notices(s, site, [dict(common, external_id="buy", title="采购公告（更正）", category="D04.C01")])
        for nid in ids.values():
            deliver_until_sent(s, nid)
        got = {(h["X-Xxgk-Notice"], h["X-Xxgk-Event"]): b for h, b in rx.delivered()}
        eq(sorted(got), sorted([(str(ids["buy"]), "publish"), (str(ids["buy"]), "update"),
                                (str(ids["land"]), "publish")]), "an import's publications and its change")
        release = got[(str(ids["buy"]), "update")]["releases"][0]
        ok(release["ocid"].endswith(f"-{ids['buy']}") and release["tender"]["title"] == "采购公告（更正）",
           f"procurement as an OCDS release package: {release}")
        eq(got[(str(ids["land"]), "publish")]["notice"]["title"], "出让公告", "other notices as our JSON")
    finally:
        rx.close()
