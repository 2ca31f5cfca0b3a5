"""Integration-test harness: starts the same stack `make run` does (private MariaDB, the
sanitizer build of the FastCGI workers, nginx) in a temporary folder on a free port, and gives
tests real HTTP and a real database. Standard library only."""
import http.client, json, os, shutil, socket, subprocess, sys, tempfile, time, traceback, urllib.parse

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


class Stack:
    def __init__(self):
        self.var = tempfile.mkdtemp(prefix="xxgk-test-")
        os.chmod(self.var, 0o755)  # nginx workers (nobody) reach the socket through it
        self.port = free_port()
        # Two threads a process, so that threads really share a worker (the per-thread libxml2
        # arena); retiring after 40 requests a thread, so that LeakSanitizer checks the workers
        # during the suite, not only at its end.
        self.env = dict(os.environ, XXGK_TOP=TOP, XXGK_PROCESSES="2", XXGK_THREADS="2", XXGK_MAX_REQUESTS="40",
                        XXGK_BODY_MAX="1048576",
                        # disclosure requests (issue 6): a short fill time, small attachments, and
                        # X-Forwarded-For believed from nginx so that a test can act from its own
                        # address; loopback is never throttled, other tests file freely
                        XXGK_YSQGK_MIN_FILL="1", XXGK_YSQGK_FILE_LIMIT="5", XXGK_YSQGK_QUERY_LIMIT="20",
                        XXGK_YSQGK_ATTACHMENT_MAX="102400", XXGK_YSQGK_TRUSTED_PROXIES="127.0.0.1",
                        XXGK_YSQGK_EXEMPT="127.0.0.1",
                        ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=" + os.path.join(self.var, "asan"),
                        UBSAN_OPTIONS="print_stacktrace=1:log_path=" + os.path.join(self.var, "ubsan"),
                        LSAN_OPTIONS="suppressions=" + os.path.join(TOP, "tests", "lsan.supp"))

    def sh(self, script, check=True):
        r = subprocess.run(["sh", "-c", ". tools/stack.sh; " + script], cwd=TOP, env=self.env,
                           capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"stack: {script}: {r.stdout}{r.stderr}")
        return r

    def start(self):
        V = self.var
        self.sh(f'stack_db_start "{V}" && stack_config "{V}"')
        self.ctl("migrate")
        self.ctl("demo-data")
        self.sh(f'stack_web_start "{V}" {self.port} "{BIN}"')

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

    def sanitizer_reports(self):
        out = []
        for name in os.listdir(self.var):
            if name.startswith(("asan", "ubsan")):
                with open(os.path.join(self.var, name), errors="replace") as f:
                    out.append(f.read())
        with open(os.path.join(self.var, "xxgk.err"), errors="replace") as f:
            text = f.read()
        if "runtime error" in text or "Sanitizer" in text:
            out.append(text)
        return out


class Failure(Exception):
    pass


def eq(actual, expected, what=""):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def ok(cond, what):
    if not cond:
        raise Failure(what)


def run_tests(modules, stack):
    passed = failed = 0
    for mod in modules:
        for name in [n for n in dir(mod) if n.startswith("test_")]:
            fn = getattr(mod, name)
            label = f"{mod.__name__}.{name}"
            t0 = time.time()
            try:
                fn(stack)
                passed += 1
                print(f"ok   {label} ({time.time() - t0:.1f}s)", flush=True)
            except Exception as e:
                failed += 1
                print(f"FAIL {label}: {e}", flush=True)
                if not isinstance(e, Failure):
                    traceback.print_exc()
    return passed, failed
