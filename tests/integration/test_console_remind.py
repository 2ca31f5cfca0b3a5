"""The morning reminder (xxgkctl remind, run by xxgk-remind.timer): each staff member with an
address and the reminder on gets one mail of the requests of the bodies they serve that are
overdue or due within 5 working days, through a real SMTP conversation with a local sink
([mail] mode = smtp); nothing to those who turned it off; a second run sends nothing again."""
import email, email.header, os, socket, subprocess, threading

from console import Staff
from harness import BIN, eq, fixture, new_site, ok, wait_until
from test_ysqgk_workflow import register

FINANCE, CENTRE = "临沧市财政局", "临沧市公共资源交易中心"
DAY = "2026-12-04"


class SmtpSink:
    """An SMTP server on a free port that takes every message it is given, one per connection or
    several, and keeps (recipients, parsed message)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.messages = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as f:
                self.session(conn, f)

    def session(self, conn, f):
        conn.sendall(b"220 sink ESMTP\r\n")
        rcpt = []
        for line in f:
            cmd = line.decode().rstrip("\r\n")
            if cmd.upper().startswith("RCPT TO:"):
                rcpt.append(cmd[8:].strip("<> "))
            if cmd.upper() == "DATA":
                conn.sendall(b"354 go ahead\r\n")
                data = b""
                for l2 in f:
                    if l2 == b".\r\n":
                        break
                    data += l2[1:] if l2.startswith(b"..") else l2
                self.messages.append((rcpt, email.message_from_bytes(data)))
                rcpt = []
                conn.sendall(b"250 queued\r\n")
            elif cmd.upper() == "QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    def close(self):
        self.sock.close()


def subject(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def make_site(s):
    """Requests as of DAY: overdue for the bureau, due in 1 working day for the centre, due later for
    the bureau, and overdue without a body (the office's: only admins, who serve every body, hear)."""
    key = new_site(s, "lincang", "cremind", users=("admin", "staff"), bodies=(FINANCE, CENTRE))
    ad = Staff(s, key, "admin")
    reqs = {"overdue": register(ad, "2026-10-09", assigned_body=FINANCE)[1],
            "soon": register(ad, "2026-11-09", assigned_body=CENTRE)[1],
            "later": register(ad, "2026-11-30", assigned_body=FINANCE)[1],
            "nobody": register(ad, "2026-10-12")[1]}
    eq(ad.post("account", {"email": "admin@example.gov.cn", "remind": "1"}).status, 303, "admin's address")
    eq(Staff(s, key, "staff").post("account", {"email": "staff@example.gov.cn", "remind": "1"}).status, 303, "staff's")
    r = ad.post("users", [("login", "quiet"), ("role", "staff"), ("email", "quiet@example.gov.cn"), ("body", FINANCE),
                          ("password", "quiet-pass-1")])
    eq(r.status, 303, r.text[:300])
    uid = r.header("Location").rsplit("/", 1)[1].split("?")[0]
    eq(ad.post(f"users/{uid}", [("action", "save"), ("role", "staff"), ("email", "quiet@example.gov.cn"),
                                ("body", FINANCE)]).status, 303, "quiet turns the reminder off")
    return key, reqs


def smtp_conf(s, port):
    conf = os.path.join(s.var, f"remind-{port}.conf")
    with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
        text = fh.read().replace("mode = outbox", f"mode = smtp\nsmtp_host = 127.0.0.1\nsmtp_port = {port}\n"
                                                  "helo = xxgk.test\ntimeout_seconds = 5")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write(text)
    return conf


def remind(s, conf, *args):
    return subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, "remind", *args], capture_output=True, text=True,
                          env=s.env, timeout=60)


def test_reminders_reach_the_sink_once(s):
    key, reqs = fixture(s, "console_remind.site", make_site)
    sink = SmtpSink()
    try:
        conf = smtp_conf(s, sink.port)
        r = remind(s, conf, "--site", key, "--date", DAY)
        eq(r.returncode, 0, r.stdout + r.stderr)
        ok("2 reminder(s) queued" in r.stdout, r.stdout)
        wait_until(lambda: len(sink.messages) == 2, "two messages at the sink")
        got = {rcpt[0]: msg for rcpt, msg in sink.messages}
        eq(sorted(got), ["admin@example.gov.cn", "staff@example.gov.cn"], "to those with the reminder on")
        staff = got["staff@example.gov.cn"]
        body = staff.get_payload(decode=True).decode("utf-8")
        ok("逾期1件" in subject(staff) and "5个工作日内到期1件" in subject(staff), subject(staff))
        ok(reqs["overdue"] in body and reqs["soon"] in body, body)
        ok(reqs["later"] not in body and reqs["nobody"] not in body, "not what is not due, nor another body's")
        ok("剩1个工作日" in body, body)
        admin = got["admin@example.gov.cn"].get_payload(decode=True).decode("utf-8")
        ok(reqs["nobody"] in admin and reqs["overdue"] in admin, "admins serve every body")
        # the timer again on the same day: nothing more
        r = remind(s, conf, "--site", key, "--date", DAY)
        eq(r.returncode, 0, r.stdout + r.stderr)
        ok("0 reminder(s) queued" in r.stdout, r.stdout)
        eq(len(sink.messages), 2, "nothing sent again")
        eq(s.sql(f"SELECT COUNT(*) FROM outbox o JOIN sites st ON st.id = o.site_id WHERE st.site_key = '{key}' "
                 f"AND o.request_id IS NULL AND o.status = 'sent'"), [["2"]], "sent, through the outbox")
    finally:
        sink.close()


def test_dry_run_sends_nothing(s):
    key, reqs = fixture(s, "console_remind.site", make_site)
    r = remind(s, os.path.join(s.var, "xxgk.conf"), "--site", key, "--date", "2026-12-03", "--dry-run")
    eq(r.returncode, 0, r.stdout + r.stderr)
    ok("would send staff:" in r.stdout and "quiet" not in r.stdout, r.stdout)
    eq(s.sql("SELECT COUNT(*) FROM reminder_sent WHERE on_date = '2026-12-03'"), [["0"]], "nothing recorded")
