"""The cluster suite's harness: the local cluster of tools/cluster.sh (three Galera nodes, two web
hosts running the sanitizer build) in a temporary folder on free loopback ports, with real HTTP to
each host and SQL to each node. Standard library only; the integration harness's HTTP client and
checks are reused."""
import os, shutil, socket, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from harness import BIN, TOP, Http, ok  # noqa: E402

# Ports above BASE that tools/cluster.sh uses (nodes 1-3: MariaDB, Galera, IST, SST; hosts A, B).
OFFSETS = [o + n for o in (0, 10, 20, 30) for n in (1, 2, 3)] + [41, 42]


def free_base():
    """A BASE whose every port is free now (tried from a random start), below the ephemeral range:
    a node's state transfer binds its port when it starts, and a client's connection may have
    taken a port of that range meanwhile as its own."""
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    start = 10000 + int.from_bytes(os.urandom(2), "big") % max(low - 10000 - 5100, 1)
    for base in range(start, start + 5000, 50):
        socks = []
        try:
            for off in OFFSETS:
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", base + off))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free ports for the cluster")


class Host(Http):
    def __init__(self, name, port, var):
        self.name, self.port, self.var = name, port, var


class Cluster:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="xxgk-cluster-")
        os.chmod(self.dir, 0o755)
        self.base = free_base()
        self.a = Host("A", self.base + 41, os.path.join(self.dir, "hostA"))
        self.b = Host("B", self.base + 42, os.path.join(self.dir, "hostB"))
        self.hosts = (self.a, self.b)
        self.env = dict(os.environ, XXGK_TOP=TOP, XXGK_PROCESSES="2", XXGK_THREADS="2", XXGK_BODY_MAX="1048576",
                        XXGK_YSQGK_MIN_FILL="0", XXGK_YSQGK_TRUSTED_PROXIES="127.0.0.1", XXGK_YSQGK_EXEMPT="127.0.0.1",
                        ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=" + os.path.join(self.dir, "asan"),
                        UBSAN_OPTIONS="print_stacktrace=1:log_path=" + os.path.join(self.dir, "ubsan"),
                        LSAN_OPTIONS="suppressions=" + os.path.join(TOP, "tests", "lsan.supp"))
        self.fixtures = {}

    def sh(self, script, check=True):
        r = subprocess.run(["sh", "-c", ". tools/cluster.sh; " + script], cwd=TOP, env=self.env,
                           capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"cluster: {script}: {r.stdout}{r.stderr}")
        return r

    def start(self):
        self.sh(f'cluster_start "{self.dir}" {self.base} "{BIN}"')

    def stop(self):
        self.sh(f'cluster_stop "{self.dir}"', check=False)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def kill_node(self, n):
        self.sh(f'cluster_node_kill "{self.dir}" {n}')

    def start_node(self, n):
        """Starts node n again and returns once it is synced with the others."""
        self.sh(f'cluster_node_start "{self.dir}" {n}')

    def node_state(self, n):
        return self.sh(f'cluster_node_state "{self.dir}" {n}', check=False).stdout.strip()

    def sql(self, n, query, sync=True):
        """Reads node n directly, as root through its socket (for assertions only), after the node has
        applied everything the cluster committed before (wsrep_sync_wait). sync=False for the node's
        own state (its lock waits, its counters): that waits for nothing, where a causal read would
        wait behind the very transactions a test holds there."""
        wait = "SET SESSION wsrep_sync_wait = 1; " if sync else ""
        r = subprocess.run(["mariadb", f"--defaults-file={self.dir}/node{n}/my.cnf", "-u", "root", "-N", "-B", "xxgk",
                            "-e", wait + query], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"node {n}: {query}: {r.stderr}")
        return [line.split("\t") for line in r.stdout.splitlines()]

    def sql_args(self, n):
        """The mariadb client's arguments for node n (for a session held open)."""
        return [f"--defaults-file={self.dir}/node{n}/my.cnf", "-u", "root"]

    def ctl(self, *args, host="A", input=None, check=True):
        conf = os.path.join(self.dir, f"host{host}", "xxgk.conf")
        r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, *args], cwd=TOP, env=self.env,
                           capture_output=True, text=True, input=input)
        if check and r.returncode != 0:
            raise RuntimeError(f"xxgkctl {' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
        return r

    def error_log(self, host):
        with open(os.path.join(host.var, "xxgk.err"), encoding="utf-8", errors="replace") as f:
            return f.read()

    def sanitizer_reports(self):
        out = []
        for name in os.listdir(self.dir):
            if name.startswith(("asan", "ubsan")):
                with open(os.path.join(self.dir, name), errors="replace") as f:
                    out.append(f.read())
        for h in self.hosts:
            text = self.error_log(h) if os.path.exists(os.path.join(h.var, "xxgk.err")) else ""
            if "runtime error" in text or "Sanitizer" in text:
                out.append(text)
        return out


class OnNode:
    """The cluster seen as one server (what the single-server helpers, such as harness.import_notices,
    take): xxgkctl through host A, SQL on node n."""

    def __init__(self, c, n):
        self.c, self.n, self.var = c, n, c.dir

    def ctl(self, *args, **kw):
        return self.c.ctl(*args, **kw)

    def sql(self, query):
        return self.c.sql(self.n, query)

    def state(self, query):
        """The node's own state, read without waiting for it to catch up (Cluster.sql)."""
        return self.c.sql(self.n, query, sync=False)


_sites = iter(range(1, 1000))


def new_site(c, prefix, users=()):
    """A site of the test's own, added through host A's xxgkctl, with the accounts of users
    (admin, approver, staff: login the role, password xxgk-demo)."""
    key = f"{prefix}-{next(_sites)}"
    c.ctl("site", "add", key, "--variant", "lincang", "--name", f"集群测试站{key}", "--org-code", "XXGKCLUSTER")
    for role in users:
        c.ctl("user", "add", role, "--role", role, "--site", key, input="xxgk-demo\n")
    return key
