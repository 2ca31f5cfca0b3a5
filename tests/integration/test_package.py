"""The Debian package, on this machine as on CI's (root, Debian 12, no init): built by
dpkg-buildpackage from the sources, installed with apt-get, its database made by `xxgkctl setup`
on a MariaDB of its own, its workers started by the package's spawn-fcgi script (there is no
systemd to start xxgk.socket), a column served through nginx with the package's snippet and
through Apache with the package's configuration (enabled with a2enconf), doctor clean; then
`apt-get purge` leaves nothing of it: no file of the package's list, no account, no folder.

The package is installed into the machine itself, so runs of this test take turns (a lock), and
it refuses to start where xxgk is installed already rather than purge someone's installation."""
import fcntl, grp, os, pwd, re, shutil, subprocess, tempfile, time

from harness import TOP, Failure, eq, free_port, ok

APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", "--no-install-recommends"]
ENV = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
CONF = "/etc/xxgk/xxgk.conf"
SPAWN = "/usr/share/xxgk/xxgk-spawn"
SITE, TITLE = "pkgtest", "软件包测试公告"


def run(*cmd, check=True, timeout=600, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=timeout, **kw)
    if check and r.returncode != 0:
        raise Failure(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stdout[-1500:]}{r.stderr[-1500:]}")
    return r


def installed():
    r = run("dpkg-query", "-W", "-f=${Status}", "xxgk", check=False)
    return r.returncode == 0 and "installed" in r.stdout


def left_behind():
    """Anything of a package the test installed, however far it got (half-configured too)."""
    r = run("dpkg-query", "-W", "-f=${Status}", "xxgk", check=False)
    return r.returncode == 0 and not r.stdout.endswith("not-installed")


def wait_for(what, cond, seconds=30):
    end = time.time() + seconds
    while not cond():
        if time.time() > end:
            raise Failure(f"timed out waiting for {what}")
        time.sleep(0.1)


def get(port, path):
    r = run("curl", "-s", "-D", "-", f"http://127.0.0.1:{port}{path}", check=False)
    head, _, body = r.stdout.partition("\n\n")  # text mode: CRLF read as LF
    return head, body


class Machine:
    """What the test starts, stopped by pid whatever happens."""

    def __init__(self, tmp):
        self.tmp, self.procs = tmp, []

    def start(self, *cmd):
        self.procs.append(subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))

    def stop(self):
        if os.path.exists("/run/xxgk/xxgk.pid") and os.path.exists(SPAWN):
            pid = int(open("/run/xxgk/xxgk.pid").read())
            run(SPAWN, "stop", check=False)
            wait_for("the workers to stop", lambda: not alive(pid))
        for p in reversed(self.procs):
            p.terminate()
            p.wait(timeout=60)
        self.procs = []


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def build(tmp):
    run("sh", os.path.join(TOP, "tools", "deb.sh"), os.path.join(tmp, "deb"), timeout=1200)
    debs = [f for f in os.listdir(os.path.join(tmp, "deb")) if re.fullmatch(r"xxgk_[^_]+_amd64\.deb", f)]
    eq(len(debs), 1, "one xxgk_<version>_amd64.deb")
    return os.path.join(tmp, "deb", debs[0])


def check_installed_files():
    st = os.stat(CONF)
    eq((pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name, st.st_mode & 0o777), ("root", "xxgk", 0o640),
       "the configuration's owner, group and mode")
    conffiles = open("/var/lib/dpkg/info/xxgk.conffiles").read().split()
    # xxgk.conf is made by postinst, never a conffile: setup writes the password into it.
    eq(sorted(conffiles), ["/etc/apache2/conf-available/xxgk.conf", "/etc/logrotate.d/xxgk",
                           "/etc/nginx/snippets/xxgk.conf"], "conffiles")
    user = pwd.getpwnam("xxgk")
    ok(user.pw_uid < 1000 and user.pw_shell.endswith("nologin"), f"a system account: {user}")
    for path in ["/var/log/xxgk", "/var/cache/xxgk/pages"]:
        eq(pwd.getpwuid(os.stat(path).st_uid).pw_name, "xxgk", f"{path} is the service's")
    snippet = open("/etc/nginx/snippets/xxgk.conf").read()
    ok("@" not in re.sub(r"location @xxgk\w*|@xxgk\w*;", "", snippet), "no placeholder left in the snippet")
    for page in ["man8/xxgkctl.8", "man8/xxgk.fcgi.8", "man5/xxgk.conf.5"]:
        ok(os.path.exists(f"/usr/share/man/{page}.gz"), f"the manual page {page}")
    keys = run("sh", "-c", "zcat /usr/share/man/man5/xxgk.conf.5.gz").stdout
    ok(".B copies_dir\n" in keys and "\\fB/usr/share/xxgk/xslt\\fR" in keys, "xxgk.conf(5) KEYS, for /usr")
    r = run("logrotate", "-d", "/etc/logrotate.d/xxgk", check=False)
    ok("error" not in r.stderr.lower(), r.stderr)
    if shutil.which("systemd-analyze"):
        r = run("systemd-analyze", "security", "--offline=true", "/lib/systemd/system/xxgk.service", check=False)
        m = re.search(r"Overall exposure level for xxgk.service: ([0-9.]+)", r.stdout + r.stderr)
        ok(m and float(m[1]) < 2.0, f"systemd-analyze security: {m and m[0]}")


def start_mariadb(m):
    data, sock = os.path.join(m.tmp, "data"), os.path.join(m.tmp, "mysqld.sock")
    run("mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root",
        "--auth-root-authentication-method=socket", "--skip-test-db")
    m.start("mariadbd", "--no-defaults", f"--datadir={data}", f"--socket={sock}", "--skip-networking", "--user=root",
            f"--pid-file={m.tmp}/mysqld.pid", f"--log-error={m.tmp}/mysqld.err",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci")
    wait_for("MariaDB", lambda: run("mariadb-admin", "--no-defaults", "-S", sock, "-u", "root", "ping",
                                    check=False).returncode == 0, 60)
    return sock


def set_up_database_and_site(m, sock):
    # The one line a webmaster edits when MariaDB's socket is not Debian's /run/mysqld/mysqld.sock.
    text = open(CONF).read()
    with open(CONF, "w") as fh:
        fh.write(re.sub(r"(?m)^socket = .*$", f"socket = {sock}", text, count=1))
    r = run("xxgkctl", "setup")
    ok("database xxgk: created" in r.stdout and "Mroonga: plugin and functions installed" in r.stdout, r.stdout)
    ok(re.search(r"(?m)^password = [0-9a-f]{32}$", open(CONF).read()), "the password written into the file")
    eq(oct(os.stat(CONF).st_mode & 0o777), oct(0o640), "the file's mode after setup")
    r = run("xxgkctl", "setup")
    ok("database xxgk: exists" in r.stdout and "schema is up to date" in r.stdout, r.stdout)
    run("xxgkctl", "site", "add", SITE, "--variant", "lincang", "--name", "软件包测试站", "--org-code", "PKG-TEST")
    notice = os.path.join(m.tmp, "notice.json")
    with open(notice, "w") as fh:
        fh.write('{"site": "%s", "notices": [{"external_id": "pkg-1", "title": "%s", "issuer": "临沧市财政局",'
                 ' "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00", "category": "D04.C01",'
                 ' "body": "正文", "items": {}}]}' % (SITE, TITLE))
    run("xxgkctl", "import", notice, "--publish-incomplete")  # as root, as the guide's reader would; no items


def serve_through_nginx(m):
    d = os.path.join(m.tmp, "nginx")
    os.makedirs(os.path.join(d, "tmp"))
    shutil.copy("/etc/nginx/fastcgi_params", d)  # the snippet's `include fastcgi_params`, as in /etc/nginx
    port = free_port()
    with open(os.path.join(d, "nginx.conf"), "w") as fh:
        fh.write(f"""user www-data;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {d}/tmp/body; proxy_temp_path {d}/tmp/proxy; fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi; scgi_temp_path {d}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        include /etc/nginx/snippets/xxgk.conf;
    }}
}}
""")
    m.start("nginx", "-p", d, "-c", os.path.join(d, "nginx.conf"), "-e", os.path.join(d, "error.log"),
            "-g", "daemon off;")
    wait_for("nginx", lambda: get(port, "/xxgk-static/xxgk.css")[0].startswith("HTTP/1.1 200"))
    head, body = get(port, f"/xxgk/{SITE}/c/D04")
    ok(head.startswith("HTTP/1.1 200") and TITLE in body, head)
    head, body = get(port, f"/xxgk/{SITE}/c/D04")
    ok("X-Cache: file" in head and TITLE in body, f"the second time nginx sends the stored copy:\n{head}")
    return d


def serve_through_apache(m):
    run("a2enconf", "xxgk")
    d, mods = os.path.join(m.tmp, "apache"), "/usr/lib/apache2/modules"
    os.makedirs(d)
    port = free_port()
    modules = "".join(f"LoadModule {name}_module {mods}/mod_{name}.so\n"
                      for name in ["mpm_event", "authz_core", "alias", "mime", "headers", "proxy", "proxy_fcgi", "env",
                                   "filter", "include", "deflate"])
    with open(os.path.join(d, "apache2.conf"), "w") as fh:
        fh.write(f"""ServerRoot {d}
ServerName localhost
PidFile {d}/httpd.pid
Mutex file:{d} default
ErrorLog {d}/error.log
{modules}TypesConfig /etc/mime.types
User www-data
Group www-data
Listen 127.0.0.1:{port}
DocumentRoot {d}
Include /etc/apache2/conf-enabled/xxgk.conf
""")
    m.start("apache2", "-d", d, "-f", os.path.join(d, "apache2.conf"), "-DFOREGROUND")
    wait_for("Apache", lambda: get(port, "/xxgk-static/xxgk.css")[0].startswith("HTTP/1.1 200"))
    head, body = get(port, f"/xxgk/{SITE}/c/D04")
    ok(head.startswith("HTTP/1.1 200") and TITLE in body, head)


def purge_and_find_nothing(files):
    run(*APT, "purge", "xxgk")
    left = [f for f in files if os.path.lexists(f) and not os.path.isdir(f)]
    eq(left, [], "files of the package left after purge")
    for path in ["/etc/xxgk", "/var/log/xxgk", "/var/cache/xxgk", "/run/xxgk", "/usr/share/xxgk",
                 "/etc/apache2/conf-enabled/xxgk.conf"]:
        ok(not os.path.lexists(path), f"{path} left after purge")
    for db in [pwd.getpwnam, grp.getgrnam]:
        try:
            db("xxgk")
            raise Failure(f"{db.__name__}('xxgk') after purge")
        except KeyError:
            pass
    eq(run("dpkg-statoverride", "--list", CONF, check=False).stdout, "", "the statoverride")


def test_the_package_installs_serves_and_purges_without_a_trace(s):
    ok(os.geteuid() == 0, "runs as root, as CI does")
    with open("/tmp/xxgk-package-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ok(not installed(), "xxgk is installed on this machine already: the test would purge it (apt purge xxgk)")
        tmp = tempfile.mkdtemp(prefix="xxgk-package-")
        os.chmod(tmp, 0o755)
        m = Machine(tmp)
        try:
            deb = build(tmp)
            run(*APT, "install", deb)
            files = run("dpkg", "-L", "xxgk").stdout.split()
            check_installed_files()
            set_up_database_and_site(m, start_mariadb(m))
            copies = [os.path.join(d, f) for d, ds, fs in os.walk("/var/cache/xxgk") for f in ds + fs]
            eq([p for p in copies if os.lstat(p).st_uid != pwd.getpwnam("xxgk").pw_uid], [], "root's copies")
            run(SPAWN, "start")
            wait_for("the workers' socket", lambda: os.path.exists("/run/xxgk/xxgk.sock"))
            nginx = serve_through_nginx(m)
            serve_through_apache(m)
            r = run("xxgkctl", "doctor", "--nginx-dir", nginx, check=False)
            eq(r.returncode, 0, r.stdout)
            ok("doctor: 0 errors" in r.stdout and "ok    web server: nginx:" in r.stdout, r.stdout)
            m.stop()
            purge_and_find_nothing(files)
        finally:
            m.stop()
            if left_behind() or os.path.exists(CONF):
                run(*APT, "purge", "xxgk", check=False)
            shutil.rmtree(tmp, ignore_errors=True)
