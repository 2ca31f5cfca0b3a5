"""Integration-test harness: starts the same stack `make run` does (private MariaDB, the
sanitizer build of the FastCGI workers, nginx) in a temporary folder on a free port, with Apache
in front of the same workers on a port of its own, and gives tests real HTTP and a real database.
A test decorated with @each_front_end runs twice, through nginx and through Apache. Standard
library only."""
import http.client, itertools, json, os, shutil, signal, socket, subprocess, tempfile, time, traceback
import urllib.parse

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(TOP, "bin", "san")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body, reason=""):
        self.status, self.headers, self.body, self.reason = status, headers, body, reason

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


FRONT_ENDS = ("nginx", "apache")


class Http:
    """Real HTTP to a web server (nginx, or Apache) on 127.0.0.1:self.port."""

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return Response(r.status, r.getheaders(), data, r.reason)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields=None, body=None, headers=None, **kw):
        h = dict(headers or {})
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        return self.request("POST", path, body=body, headers=h, **kw)


class FrontEnds:
    """The web servers in front of one tier of workers: nginx on self.port, Apache on
    self.apache_port (when started)."""

    def front_port(self, name):
        return {"nginx": self.port, "apache": self.apache_port}[name]

    def through(self, name):
        """This stack or tier as seen through one front end (see Through)."""
        return Through(self, name)


class Through(Http):
    """A stack or tier whose HTTP goes through one front end ("nginx" or "apache", in self.front),
    everything else (the database, xxgkctl, fixtures, the folder) being the stack's own."""

    def __init__(self, stack, name):
        self.__dict__.update(_stack=stack, front=name, port=stack.front_port(name))

    def __getattr__(self, name):
        return getattr(self._stack, name)


def each_front_end(test):
    """Marks test(s) to run once through nginx and once through Apache: run_tests calls it with
    s.through("nginx") and s.through("apache") (s.front names the one) and reports each run."""
    test.each_front_end = True
    return test


class Stack(FrontEnds, Http):
    def __init__(self):
        self.var = tempfile.mkdtemp(prefix="xxgk-test-")
        os.chmod(self.var, 0o755)  # nginx workers (nobody) reach the socket through it
        self.port = free_port()
        self.apache_port = free_port()
        self.front = "nginx"
        # Two threads a process, so that threads really share a worker (the per-thread libxml2
        # arena); retiring after 40 requests a thread, so that LeakSanitizer checks the workers
        # during the suite, not only at its end.
        self.env = dict(os.environ, XXGK_TOP=TOP, XXGK_PROCESSES="2", XXGK_THREADS="2", XXGK_MAX_REQUESTS="40",
                        XXGK_BODY_MAX="1048576", XXGK_SEARCH_MEMORY_MB="0",
                        # disclosure requests (issue 6): no minimum fill time (the tests of that
                        # rule run a web tier of their own, web_tier), small attachments, and
                        # X-Forwarded-For believed from nginx so that a test can act from its own
                        # address; loopback is never throttled, other tests file freely
                        XXGK_YSQGK_MIN_FILL="0", XXGK_YSQGK_FILE_LIMIT="5", XXGK_YSQGK_QUERY_LIMIT="20",
                        XXGK_YSQGK_ATTACHMENT_MAX="102400", XXGK_YSQGK_TRUSTED_PROXIES="127.0.0.1",
                        XXGK_YSQGK_EXEMPT="127.0.0.1",
                        ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=" + os.path.join(self.var, "asan"),
                        UBSAN_OPTIONS="print_stacktrace=1:log_path=" + os.path.join(self.var, "ubsan"),
                        LSAN_OPTIONS="suppressions=" + os.path.join(TOP, "tests", "lsan.supp"))
        self.fixtures = {}

    def sh(self, script, check=True):
        r = subprocess.run(["sh", "-c", ". tools/stack.sh; " + script], cwd=TOP, env=self.env,
                           capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"stack: {script}: {r.stdout}{r.stderr}")
        return r

    def start(self):
        V = self.var
        self.sh(f'stack_db_start "{V}" && stack_config "{V}"')
        self.ctl("keys", "init")
        self.ctl("migrate")
        self.ctl("demo-data")
        self.sh(f'stack_web_start "{V}" {self.port} "{BIN}" && stack_apache_start "{V}" {self.apache_port}')

    def restart_web(self):
        """Stops the workers and nginx, starts them again and returns once they serve."""
        for name in ("nginx.pid", "xxgk.pid"):
            stop_pidfile(os.path.join(self.var, name))
        self.sh(f'stack_web_start "{self.var}" {self.port} "{BIN}"')

    def web_tier(self, name, apache=False, append="", **settings):
        """Another tier of workers and nginx (and Apache when apache is true) on this database,
        with settings of its own (a `with` block): for the tests of a setting that the suite's tier
        sets otherwise. append is added to the end of its xxgk.conf (a [site.KEY] section)."""
        return WebTier(self, name, settings, apache, append)

    def stop(self):
        self.sh(f'stack_stop "{self.var}"', check=False)

    def cleanup(self):
        shutil.rmtree(self.var, ignore_errors=True)

    def ctl(self, *args, input=None, check=True):
        r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", os.path.join(self.var, "xxgk.conf"), *args],
                           cwd=TOP, env=self.env, capture_output=True, text=True, input=input)
        if check and r.returncode != 0:
            raise RuntimeError(f"xxgkctl {' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
        return r

    def sql(self, query):
        """Reads the database directly (for assertions only, never to set up what a test checks)."""
        r = subprocess.run(["mariadb", "--no-defaults", "-S", os.path.join(self.var, "mysql", "sock"), "-u", "root",
                            "-N", "-B", "xxgk", "-e", query], capture_output=True, text=True, check=True)
        return [line.split("\t") for line in r.stdout.splitlines()]

    def sanitizer_reports(self):
        out = []
        for name in os.listdir(self.var):
            if name.startswith(("asan", "ubsan")):
                with open(os.path.join(self.var, name), errors="replace") as f:
                    out.append(f.read())
        for err in [os.path.join(self.var, "xxgk.err")] + [os.path.join(self.var, d, "xxgk.err")
                                                            for d in os.listdir(self.var)]:
            if not os.path.isfile(err):
                continue
            with open(err, errors="replace") as f:
                text = f.read()
            if "runtime error" in text or "Sanitizer" in text:
                out.append(text)
        return out


def stop_pidfile(path):
    """Stops the process named in a pid file (SIGTERM) and waits until it has gone."""
    try:
        with open(path) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass

    def gone():  # ended: no such process, or a zombie waiting for init to reap it
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except (FileNotFoundError, ProcessLookupError):
            return True
    wait_until(gone, f"{os.path.basename(path)}: process {pid} stops")
    os.unlink(path)


class WebTier(FrontEnds, Http):
    """xxgk.fcgi and nginx (and Apache) in a folder of the suite's, on the suite's database, with a
    copy of the suite's configuration changed by settings (key = value lines replaced)."""

    def __init__(self, stack, name, settings, apache=False, append=""):
        self.stack, self.var, self.port = stack, os.path.join(stack.var, name), free_port()
        self.apache_port, self.front = (free_port() if apache else None), "nginx"
        os.makedirs(self.var)
        os.chmod(self.var, 0o755)
        with open(os.path.join(stack.var, "xxgk.conf"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        # No stored copies: a starting tier would clear the folder the suite's nginx serves.
        lines = [l for l in lines if not l.startswith("copies_dir")]
        lines = [f"access = {self.var}/access.log" if l.startswith("access =") else l for l in lines]
        for key, value in settings.items():
            ok(any(l.split("=", 1)[0].strip() == key for l in lines), f"{key} is in xxgk.conf")
            lines = [f"{key} = {value}" if l.split("=", 1)[0].strip() == key else l for l in lines]
        with open(os.path.join(self.var, "xxgk.conf"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n" + append)

    def __enter__(self):
        try:
            self.stack.sh(f'stack_web_start "{self.var}" {self.port} "{BIN}"')
            if self.apache_port:
                self.stack.sh(f'stack_apache_start "{self.var}" {self.apache_port}')
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        for name in ("apache.pid", "nginx.pid", "xxgk.pid"):
            stop_pidfile(os.path.join(self.var, name))


# The accounts of the tests' own sites have the demo accounts' password, so that console.Staff
# and the browser scenarios sign in to either the same way.
STAFF_PASSWORD = "xxgk-demo"
_site_numbers = itertools.count(1)


def body_record(i):
    """What a letter needs of a test site's body number i: where it is, how to reach it, the
    review body and the court its remedies name."""
    return ["--address", f"某市某区测试路{i + 1}号", "--postcode", "100000", "--phone", f"010-6000{i:04d}",
            "--hours", "工作日9:00—17:00", "--review-body", "某市人民政府", "--court", "某区人民法院"]


def new_site(s, variant, prefix, users=(), bodies=(), name=None, org_code="XXGKTEST", domain=None):
    """A site of the test's own (tests read the demo sites but change nothing on them): key
    PREFIX-N, unique in the stack, added through `xxgkctl site add` on the catalog variant, with
    its disclosing bodies (`xxgkctl body add`: the office that receives its requests and signs
    their letters, NAME政府信息公开办公室, and those in bodies) and the accounts of the roles in
    users (admin, approver, staff; the login is the role, the password STAFF_PASSWORD; staff
    serve the bodies in bodies). Returns the key."""
    key = f"{prefix}-{next(_site_numbers)}"
    name = name or f"测试站{key}"
    args = ["site", "add", key, "--variant", variant, "--name", name, "--org-code", org_code]
    s.ctl(*args + (["--domain", domain] if domain else []))
    for i, b in enumerate([f"{name}政府信息公开办公室", *bodies]):
        s.ctl("body", "add", b, "--site", key, *(["--receives"] if i == 0 else []), *body_record(i))
    for role in users:
        extra = [a for b in bodies for a in ("--body", b)] if role == "staff" else []
        s.ctl("user", "add", role, "--role", role, "--site", key, *extra, input=STAFF_PASSWORD + "\n")
    return key


def import_notices(s, site, notices, publish_incomplete=True):
    """Imports notices (objects of `xxgkctl import`'s JSON) into site the way a CMS export
    arrives, through `xxgkctl import`; returns {external_id: notice id} of those that have one.
    The tests' notices mostly carry no items: published as given unless publish_incomplete is
    False (then an incomplete notice arrives as a draft, as a webmaster's import does)."""
    fd, path = tempfile.mkstemp(suffix=".json", dir=s.var)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"site": site, "notices": notices}, f, ensure_ascii=False)
    try:
        r = s.ctl("import", path, *(["--publish-incomplete"] if publish_incomplete else []))
    finally:
        os.unlink(path)
    ok(f"imported {len(notices)} notices" in r.stdout, r.stdout + r.stderr)
    wanted = {n["external_id"] for n in notices if n.get("external_id")}
    rows = s.sql(f"SELECT n.external_id, n.id FROM notices n JOIN sites st ON st.id = n.site_id "
                 f"WHERE st.site_key = '{site}' AND n.external_id IS NOT NULL")
    return {ext: nid for ext, nid in rows if ext in wanted}


def fixture(s, key, make):
    """What make(s) returns, made once per stack: a module's own site and notices, made by
    whichever of its tests runs first."""
    if key not in s.fixtures:
        s.fixtures[key] = make(s)
    return s.fixtures[key]


def wait_until(cond, what, timeout=20, interval=0.05):
    """Polls cond() until it returns something true, and returns that; fails after timeout seconds."""
    deadline = time.time() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.time() > deadline:
            raise Failure(f"{what}: not within {timeout} s")
        time.sleep(interval)


class Failure(Exception):
    pass


def eq(actual, expected, what=""):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def ok(cond, what):
    if not cond:
        raise Failure(what)


def runs(mod, name, stack):
    """The runs of one test: (label, the stack or its view through a front end)."""
    label, fn = f"{mod.__name__}.{name}", getattr(mod, name)
    if getattr(fn, "each_front_end", False):
        return [(f"{label}[{front}]", fn, stack.through(front)) for front in FRONT_ENDS]
    return [(label, fn, stack)]


def run_tests(modules, stack):
    passed = failed = 0
    for mod in modules:
        for label, fn, s in [r for n in dir(mod) if n.startswith("test_") for r in runs(mod, n, stack)]:
            t0 = time.time()
            try:
                fn(s)
                passed += 1
                print(f"ok   {label} ({time.time() - t0:.1f}s)", flush=True)
            except Exception as e:
                failed += 1
                print(f"FAIL {label}: {e}", flush=True)
                if not isinstance(e, Failure):
                    traceback.print_exc()
    return passed, failed
