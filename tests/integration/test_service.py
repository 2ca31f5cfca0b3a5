"""The service as a Debian daemon runs it: TERM lets the requests in flight finish, HUP reads the
configuration again and replaces the workers without failing a request, workers end with their
master, logrotate's renames are followed, start-up errors are logged with a time stamp, the
spawn-fcgi script keeps its pid file, and a small form's body over its limit is refused before it
is read. Each test runs an xxgk.fcgi of its own (the sanitizer build) over the suite's database,
in a folder of its own, and stops it."""
import grp, json, os, pwd, re, shutil, signal, socket, struct, subprocess, tempfile, threading, time

from harness import BIN, TOP, Failure, Stack, eq, free_port, ok
from test_ysqgk import PDF, base, person, post_form, receipt_values

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \[\d+\] xxgk: "
SPAWN = os.path.join(TOP, "cms-integration", "spawn-fcgi", "xxgk-spawn.sh")


def wait_for(cond, seconds, what):
    """Polls cond until it is true; a Failure after seconds."""
    deadline = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > deadline:
            raise Failure(f"{what} (waited {seconds} s)")
        time.sleep(0.05)


def proc_stat(pid):
    """A process's state letter and parent from /proc; (None, None) when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return fields[0], int(fields[1])
    except (OSError, IndexError, ValueError):
        return None, None


def running(pid):
    return proc_stat(pid)[0] not in (None, "Z")


def children(pid):
    return sorted(int(n) for n in os.listdir("/proc") if n.isdigit() and proc_stat(n)[1] == pid and running(n))


def config_text(base, changes):
    """base (INI text) with the keys of changes ({section: {key: value}}) set, and no stored
    copies (a start clears them, and they are the suite's)."""
    out, section, done = [], None, set()

    def missing(sec):
        return [f"{k} = {v}" for k, v in changes.get(sec, {}).items() if (sec, k) not in done]

    for line in base.splitlines():
        header = re.fullmatch(r"\[([^\]]+)\]", line)
        key = re.fullmatch(r"([A-Za-z0-9_]+) *=.*", line)
        if header:
            out += missing(section)
            section = header[1]
        elif key and key[1] == "copies_dir":
            continue
        elif key and key[1] in changes.get(section, {}):
            line = f"{key[1]} = {changes[section][key[1]]}"
            done.add((section, key[1]))
        out.append(line)
    out += missing(section)
    seen = set(re.findall(r"(?m)^\[([^\]]+)\]", base))
    for sec in changes:
        if sec not in seen:
            out += [f"[{sec}]"] + missing(sec)
    return "\n".join(out) + "\n"


class Service:
    """xxgk.fcgi in a folder of its own, with the suite's configuration changed as asked: its own
    access log and error log (unless error_log is False), workers that do not retire. start() runs
    it behind an nginx of its own, as `make run` does (tools/stack.sh); spawn() runs the spawn-fcgi
    script instead."""
    request, get, post = Stack.request, Stack.get, Stack.post

    def __init__(self, s, error_log=True, **changes):
        self.s, self.error_log = s, error_log
        self.dir = tempfile.mkdtemp(prefix="service-", dir=s.var)
        os.chmod(self.dir, 0o755)  # nginx's workers reach the socket through it
        self.port = free_port()
        self.conf = os.path.join(self.dir, "xxgk.conf")
        self.sock = os.path.join(self.dir, "xxgk.sock")
        self.pidfile = os.path.join(self.dir, "spawn.pid")
        self.pid = None
        self.configure(**changes)

    def path(self, name):
        return os.path.join(self.dir, name)

    def configure(self, **changes):
        with open(os.path.join(self.s.var, "xxgk.conf"), encoding="utf-8") as fh:
            base = fh.read()
        merged = {"server": {"max_requests": "0"}, "log": {"access": self.path("access.log")}}
        if self.error_log:
            merged["log"]["error"] = self.path("error.log")
        for sec, keys in changes.items():
            merged.setdefault(sec, {}).update(keys)
        with open(self.conf, "w", encoding="utf-8") as fh:
            fh.write(config_text(base, merged))

    def start(self):
        self.s.sh(f'stack_web_start "{self.dir}" {self.port} "{BIN}"')
        with open(self.path("xxgk.pid")) as fh:
            self.pid = int(fh.read())
        return self

    def spawn(self, command):
        env = dict(self.s.env, XXGK_BIN=os.path.join(BIN, "xxgk.fcgi"), XXGK_CONF=self.conf, XXGK_SOCKET=self.sock,
                   XXGK_PIDFILE=self.pidfile, XXGK_ERROR_LOG=self.path("stderr.log"), XXGK_CACHE=self.path("cache"),
                   XXGK_USER="", XXGK_WEBUSER="")
        r = subprocess.run(["sh", SPAWN, command], env=env, capture_output=True, text=True, timeout=90)
        if command == "start" and r.returncode == 0:
            wait_for(lambda: os.path.exists(self.sock), 10, "the spawned service listens")
            self.pid = int(self.read("spawn.pid"))
        return r

    def read(self, name):
        try:
            with open(self.path(name), encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except FileNotFoundError:
            return ""

    def log(self):
        return self.read("error.log")

    def fcgi_get(self, path):
        """The answer to a GET straight over the FastCGI socket (cgi-fcgi), without nginx."""
        env = dict(os.environ, REQUEST_METHOD="GET", DOCUMENT_URI=path, QUERY_STRING="")
        r = subprocess.run(["cgi-fcgi", "-bind", "-connect", self.sock], capture_output=True, env=env, timeout=30)
        return r.stdout.decode("utf-8", "replace")

    def stop(self):
        """TERM and a wait for the master; whatever it leaves is killed; nginx goes too."""
        if self.pid is None:
            return
        left = [self.pid] + children(self.pid)
        try:
            if running(self.pid):
                os.kill(self.pid, signal.SIGTERM)
                wait_for(lambda: not running(self.pid), 30, "the service stops")
        finally:
            for pid in left:
                if running(pid):
                    os.kill(pid, signal.SIGKILL)
            for name in ("xxgk.pid", "spawn.pid"):
                if os.path.exists(self.path(name)):
                    os.unlink(self.path(name))
            self.s.sh(f'stack_stop "{self.dir}"', check=False)


class Load:
    """Clients asking for paths in turn until stopped; every answer but a 200 is kept."""

    def __init__(self, svc, paths, clients=4):
        self.svc, self.paths = svc, paths
        self.ok, self.failed = 0, []
        self.lock, self.done = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(clients)]
        for t in self.threads:
            t.start()

    def run(self, n):
        while not self.done.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            try:
                r = self.svc.get(path, timeout=30)
                good, what = r.status == 200, f"{r.status} {path}: {r.text[:120]}"
            except Exception as e:  # a connection refused or reset is a failed request too
                good, what = False, f"{path}: {e!r}"
            with self.lock:
                if good:
                    self.ok += 1
                else:
                    self.failed.append(what)

    def count(self):
        with self.lock:
            return self.ok

    def stop(self):
        self.done.set()
        for t in self.threads:
            t.join()


PAGES = ["/xxgk/", "/xxgk/lincang/", "/xxgk/shanwei/", "/xxgk/yancheng/", "/xxgk/qinghai/", "/xxgk/zhejiang/"]


def test_a_reload_under_load_fails_no_request_and_takes_the_new_configuration(s):
    svc = Service(s, server={"processes": "2", "threads": "2"}).start()
    load = None
    try:
        wait_for(lambda: len(children(svc.pid)) == 2, 10, "two workers")
        before = children(svc.pid)
        ok('href="/xxgk-static/xxgk.css"' in svc.get("/xxgk/lincang/").text, "the static_url before")
        load = Load(svc, PAGES)
        wait_for(lambda: load.count() >= 50, 30, "the load runs")
        svc.configure(server={"processes": "3", "threads": "2", "static_url": "/xxgk-static-2"})
        os.kill(svc.pid, signal.SIGHUP)
        wait_for(lambda: "reload: done" in svc.log() or not running(svc.pid), 60, "the reload ends")
        ok(running(svc.pid), "the master runs on")
        at_end = load.count()
        wait_for(lambda: load.count() >= at_end + 50, 30, "requests go on after the reload")
        load.stop()
        eq(load.failed, [], "no request failed across the reload")
        ok('href="/xxgk-static-2/xxgk.css"' in svc.get("/xxgk/lincang/").text, "the new static_url")
        wait_for(lambda: len(children(svc.pid)) == 3, 10, "the new number of workers")
        after = children(svc.pid)
        eq(set(after) & set(before), set(), "every worker was replaced")
        ok(re.search(STAMP + r"reload: 3 processes x 2 threads; replacing the workers one by one", svc.log()),
           f"the reload is logged: {svc.log()}")
    finally:
        if load is not None:
            load.stop()
        svc.stop()


def test_a_reload_with_a_bad_configuration_is_logged_and_the_running_one_stays(s):
    svc = Service(s, server={"processes": "1", "threads": "1"}).start()
    try:
        wait_for(lambda: len(children(svc.pid)) == 1, 10, "a worker")
        before = children(svc.pid)
        with open(svc.conf, "a", encoding="utf-8") as fh:
            fh.write("[server]\nprocesess = 3\n")
        lines = svc.read("xxgk.conf").count("\n")
        os.kill(svc.pid, signal.SIGHUP)
        wait_for(lambda: "reload: the running configuration stays" in svc.log() or not running(svc.pid), 30,
                 "the reload is refused")
        ok(re.search(STAMP + re.escape(f"{svc.conf}:{lines}: unknown key procesess in [server]; did you mean "
                                       "processes?"), svc.log()), f"the problem is logged: {svc.log()}")
        eq(children(svc.pid), before, "the same worker runs on")
        eq(svc.get("/xxgk/lincang/").status, 200, "and answers")
    finally:
        svc.stop()


def test_a_stylesheet_that_does_not_compile_is_logged_and_refused(s):
    svc = Service(s, server={"processes": "1", "threads": "1"})
    xslt = svc.path("xslt")
    shutil.copytree(os.path.join(TOP, "xslt"), xslt)
    svc.configure(server={"processes": "1", "threads": "1"}, paths={"xslt": xslt})
    broken = os.path.join(xslt, "broken.xsl")
    refused = STAMP + re.escape(broken) + ": stylesheet does not compile\n"
    try:
        svc.start()
        with open(broken, "w", encoding="utf-8") as fh:
            fh.write('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n')
        os.kill(svc.pid, signal.SIGHUP)
        wait_for(lambda: "reload: the running configuration stays" in svc.log() or not running(svc.pid), 30,
                 "the reload is refused")
        ok(re.search(refused, svc.log()), f"the stylesheet is named, in the error log: {svc.log()}")
        eq(svc.get("/xxgk/lincang/").status, 200, "the running configuration serves on")
        svc.stop()
        r = subprocess.run([os.path.join(BIN, "xxgk.fcgi"), "-c", svc.conf, "--listen", svc.path("again.sock")],
                           env=s.env, capture_output=True, text=True, timeout=60)
        ok(r.returncode != 0, "a start with it is refused")
        eq(len(re.findall(refused, svc.log())), 2, f"and logged: {svc.log()}")
    finally:
        svc.stop()


def test_term_lets_the_requests_in_flight_finish(s):
    svc = Service(s, server={"processes": "2", "threads": "4"}).start()
    locker, statuses, clients = None, [], []
    try:
        # Requests that wait: every page reads its site, and the sites table is locked.
        locker = subprocess.Popen(["mariadb", "--no-defaults", "-n", "-N", "-B", "-S",
                                   os.path.join(s.var, "mysql", "sock"), "-u", "root", "xxgk"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        locker.stdin.write("LOCK TABLES sites WRITE;\nSELECT 'locked';\n")
        locker.stdin.flush()
        eq(locker.stdout.readline().strip(), "locked", "the sites table is locked")
        for path in PAGES:
            t = threading.Thread(target=lambda p=path: statuses.append(svc.get(p, timeout=60).status))
            t.start()
            clients.append(t)

        def waiting():
            return int(s.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                             "WHERE STATE LIKE 'Waiting for table%'")[0][0])
        wait_for(lambda: waiting() == len(PAGES), 30, f"{len(PAGES)} requests in flight")
        os.kill(svc.pid, signal.SIGTERM)
        wait_for(lambda: "stopping: 2 workers finish the requests they are answering" in svc.log(), 10,
                 "the master tells its workers to finish")
        locker.stdin.write("UNLOCK TABLES;\n")
        locker.stdin.close()
        locker.wait(timeout=10)
        for t in clients:
            t.join(timeout=60)
        eq(sorted(statuses), [200] * len(PAGES), "every request in flight was answered")
        wait_for(lambda: not running(svc.pid), 15, "the master ends after its workers")
        ok(re.search(STAMP + "stopped", svc.log()), f"the stop is logged: {svc.log()}")
    finally:
        if locker is not None and locker.poll() is None:
            locker.kill()
            locker.wait()
        for t in clients:
            t.join(timeout=60)
        svc.stop()


def test_workers_end_when_their_master_is_killed(s):
    svc = Service(s, server={"processes": "2", "threads": "2"}).start()
    workers = []
    try:
        wait_for(lambda: len(children(svc.pid)) == 2, 10, "two workers")
        workers = children(svc.pid)
        os.kill(svc.pid, signal.SIGKILL)
        wait_for(lambda: not any(running(w) for w in workers), 3, "the workers end after their master")
    finally:
        for w in workers:
            if running(w):
                os.kill(w, signal.SIGKILL)
        svc.stop()


def test_a_wrong_database_password_is_logged_once_with_the_servers_message(s):
    svc = Service(s, database={"user": "xxgk_nobody", "password": "wrong-password"},
                  server={"processes": "2", "threads": "2"})
    p = subprocess.Popen([os.path.join(BIN, "xxgk.fcgi"), "-c", svc.conf, "--listen", svc.sock], env=s.env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        denied = (STAMP + r"database: cannot connect: Access denied for user 'xxgk_nobody'@'localhost' "
                  r"\(using password: YES\) \(error 1045\)\n")
        wait_for(lambda: re.search(denied, svc.log()), 30, "the start-up error is logged")
        for path in PAGES:
            ok(svc.fcgi_get(path).startswith("Status: 503"), f"{path}: 503 while the database refuses")
        eq(len(re.findall("cannot connect", svc.log())), 1,
           f"logged once, not per connection or per request: {svc.log()}")
        # The password put right and the service reloaded: the database is back, and that is logged.
        svc.configure(server={"processes": "2", "threads": "2"})
        p.send_signal(signal.SIGHUP)
        wait_for(lambda: re.search(STAMP + "database: connected again\n", svc.log()), 30, "the way back is logged")
        wait_for(lambda: "reload: done" in svc.log(), 30, "the workers with the wrong password are gone")
        ok(svc.fcgi_get("/xxgk/lincang/").startswith("Status: 200"), "pages again")
    finally:
        p.terminate()
        p.wait(timeout=30)


def fcgi_body_cut_short(sock, params, sent, timeout):
    """A FastCGI request that sends only `sent` of its body and keeps the connection open; what
    the worker answers on standard output. socket.timeout when it answers nothing."""
    def record(kind, content):
        return struct.pack("!BBHHBx", 1, kind, 1, len(content), 0) + content

    def size(b):
        return bytes([len(b)]) if len(b) < 128 else struct.pack("!I", len(b) | 1 << 31)
    pairs = b"".join(size(k.encode()) + size(v.encode()) + k.encode() + v.encode() for k, v in params.items())
    with socket.socket(socket.AF_UNIX) as conn:
        conn.settimeout(timeout)
        conn.connect(sock)
        conn.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, pairs) + record(4, b"") + record(5, sent))
        out, buf = b"", b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                return out
            buf += chunk
            while len(buf) >= 8:
                _, kind, _, clen, plen = struct.unpack("!BBHHBx", buf[:8])
                if len(buf) < 8 + clen + plen:
                    break
                if kind == 6:
                    out += buf[8:8 + clen]
                if kind == 3:  # FCGI_END_REQUEST
                    return out
                buf = buf[8 + clen + plen:]


def test_a_body_over_the_small_limit_is_refused_before_it_is_read(s):
    svc = Service(s, limits={"body_max": "4M"}, ysqgk={"attachment_max": "2M"}).start()
    mib = 1 << 20
    try:
        t0 = time.monotonic()
        r = svc.post("/xxgk/lincang/admin/login", body=b"login=" + b"x" * mib,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        eq(r.status, 413, "a MiB to the sign-in")
        ok("提交的内容超过了允许的大小（64 KB）" in r.text, f"the limit is named: {r.text[:400]}")
        ok(time.monotonic() - t0 < 3, "refused at once")
        big = json.dumps(person(description="x" * mib), ensure_ascii=False).encode()
        r = svc.post("/xxgk/lincang/api/requests", body=big, headers={"Content-Type": "application/json"})
        eq(r.status, 413, "a MiB of JSON to the request API")
        ok("64 KB" in r.json()["error"], f"the limit is named: {r.json()}")
        # Not a byte past the limit is read: with a KiB of the MiB sent, the answer comes all the same.
        params = {"REQUEST_METHOD": "POST", "DOCUMENT_URI": "/xxgk/lincang/admin/login", "QUERY_STRING": "",
                  "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(mib)}
        try:
            answer = fcgi_body_cut_short(svc.sock, params, b"login=" + b"x" * 1018, 5)
        except socket.timeout:
            raise Failure("the worker waited for the rest of the body")
        ok(answer.startswith(b"Status: 413"), f"answered 413 unread: {answer[:200]!r}")
        # An upload as large still goes through the request form.
        scan = PDF + b"0" * (mib - len(PDF))
        r = post_form(svc, person(), files=[("attachments", "scan.pdf", "application/pdf", scan)], site_base=base(s))
        eq(r.status, 200, f"a MiB uploaded through the request form: {r.text[:300]}")
        receipt_values(r.text)
    finally:
        svc.stop()


def test_a_second_start_is_refused_and_stop_still_works(s):
    svc = Service(s, error_log=False, server={"processes": "1", "threads": "1"})
    try:
        r = svc.spawn("start")
        eq(r.returncode, 0, r.stderr)
        pid = svc.read("spawn.pid")
        ok(running(int(pid)), "the pid file names the master")
        # spawn-fcgi makes the socket before the program runs: wait for the master's first line.
        first = STAMP + r"1 processes x 1 threads, config " + re.escape(svc.conf)
        wait_for(lambda: re.search(first, svc.read("stderr.log")), 10, "the master's first line")
        r = svc.spawn("start")
        ok(r.returncode != 0 and "already running" in r.stderr, f"the second start is refused: {r.stderr}")
        eq(svc.read("spawn.pid"), pid, "the pid file is kept")
        r = svc.spawn("stop")
        eq(r.returncode, 0, r.stderr)
        ok(not running(int(pid)) and not os.path.exists(svc.pidfile),
           f"stopped, the pid file removed: {proc_stat(int(pid))}, {os.path.exists(svc.pidfile)}, {r.stderr!r}")
        # Standard error went to a file, not /dev/null: the master's first line is there.
        ok(re.search(first, svc.read("stderr.log")), f"standard error is kept: {svc.read('stderr.log')}")
    finally:
        svc.stop()


def test_logrotate_renames_the_logs_and_the_service_writes_new_ones(s):
    svc = Service(s, server={"processes": "1", "threads": "1"})
    try:
        eq(svc.spawn("start").returncode, 0, "started")
        ok(svc.fcgi_get("/xxgk/lincang/").startswith("Status: 200"), "a page")
        wait_for(lambda: " GET /xxgk/lincang/ 200 " in svc.read("access.log"), 5, "its access-log line")
        with open(os.path.join(TOP, "cms-integration", "logrotate", "xxgk"), encoding="utf-8") as fh:
            rules = fh.read().replace("/var/log/xxgk", svc.dir).replace("/run/xxgk/xxgk.pid", svc.pidfile)
        # The service's account rotates its logs (su xxgk xxgk); here the tests' own account does.
        me, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        rules = rules.replace("su xxgk xxgk", f"su {me} {group}")
        with open(svc.path("logrotate.conf"), "w", encoding="utf-8") as fh:
            fh.write(rules)
        r = subprocess.run(["logrotate", "-f", "-s", svc.path("logrotate.state"), svc.path("logrotate.conf")],
                           capture_output=True, text=True, timeout=60)
        eq(r.returncode, 0, r.stderr)
        ok(" GET /xxgk/lincang/ 200 " in svc.read("access.log.1"), "the old lines in the renamed access log")
        wait_for(lambda: "reload: done" in svc.log(), 30, "the service reopened its error log and reloaded")
        ok(svc.fcgi_get("/xxgk/shanwei/").startswith("Status: 200"), "a page after the rotation")
        wait_for(lambda: " GET /xxgk/shanwei/ 200 " in svc.read("access.log"), 5, "a new access log")
        ok("/xxgk/shanwei/" not in svc.read("access.log.1"), "new lines only in the new file")
        ok(re.search(STAMP + "reload: reading", svc.read("error.log.1")), "the error log was renamed too")
    finally:
        svc.spawn("stop")
        svc.stop()
