"""What a webmaster installs: `make install` and `make uninstall` with PREFIX and DESTDIR, and the
workers started by spawn-fcgi (the socket arrives as fd 0) answering a real FastCGI request. The
Debian package has its own module (test_package)."""
import os, shutil, subprocess, tempfile, time

from harness import BIN, TOP, eq, ok, stop_pidfile, wait_until


def own_conf(s, name):
    """A copy of the suite's configuration with an access log of its own and no stored copies (a
    starting xxgk.fcgi would clear the suite's): its path, and the log's."""
    log, conf = os.path.join(s.var, f"{name}-access.log"), os.path.join(s.var, f"{name}.conf")
    with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    lines = [f"access = {log}" if l.startswith("access =") else l for l in lines if not l.startswith("copies_dir")]
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return conf, log


def make(*args):
    r = subprocess.run(["make", "-s", *args], cwd=TOP, capture_output=True, text=True)
    eq(r.returncode, 0, f"make {' '.join(args)}: {r.stderr[-800:]}")
    return r


def installed_files(dest):
    return sorted(os.path.relpath(os.path.join(d, f), dest) for d, _, fs in os.walk(dest) for f in fs)


def test_make_install_honours_prefix_and_destdir_and_uninstall_takes_it_all_back(s):
    """After a plain `make`, `make install PREFIX=/opt/xxgk` leaves no /usr/local anywhere: not in
    the programs (the stylesheets' and migrations' default folders are compiled in), nor in the
    units, the spawn-fcgi script, the web servers' files, the configuration or the manual pages;
    `make uninstall` with the same PREFIX takes every file back."""
    dest = tempfile.mkdtemp()
    make()
    try:
        make("install", f"DESTDIR={dest}", "PREFIX=/opt/xxgk")
        for path in ["opt/xxgk/sbin/xxgk.fcgi", "opt/xxgk/bin/xxgkctl", "opt/xxgk/share/xxgk/xslt/_layout.xsl",
                     "opt/xxgk/share/xxgk/xslt/catalogs/lincang.xml", "opt/xxgk/share/xxgk/sql/001_initial.sql",
                     "etc/xxgk/xxgk.conf", "opt/xxgk/share/doc/xxgk/GUIDE.md", "opt/xxgk/share/doc/xxgk/IMPORT.md",
                     "opt/xxgk/share/xxgk/xxgk-spawn",
                     "opt/xxgk/lib/systemd/system/xxgk.service", "opt/xxgk/lib/systemd/system/xxgk.socket",
                     "opt/xxgk/share/xxgk/nginx/xxgk.conf", "opt/xxgk/share/xxgk/apache/xxgk.conf",
                     "opt/xxgk/share/xxgk/logrotate/xxgk", "opt/xxgk/share/xxgk/mariadb/xxgk-search.conf",
                     "opt/xxgk/share/man/man8/xxgkctl.8",
                     "opt/xxgk/share/man/man8/xxgk.fcgi.8", "opt/xxgk/share/man/man5/xxgk.conf.5"]:
            ok(os.path.exists(os.path.join(dest, path)), f"installed {path}")
        for f in installed_files(dest):
            if f.startswith("opt/xxgk/share/doc/"):
                continue  # the guide, as written, tells of the default prefix
            with open(os.path.join(dest, f), "rb") as fh:
                ok(b"/usr/local" not in fh.read(), f"{f} names /usr/local")
        conf = open(os.path.join(dest, "etc/xxgk/xxgk.conf"), encoding="utf-8").read()
        ok("xslt = /opt/xxgk/share/xxgk/xslt" in conf, "the config points at the prefix")
        eq(os.stat(os.path.join(dest, "etc/xxgk/xxgk.conf")).st_mode & 0o777, 0o640, "the config's mode")
        unit = open(os.path.join(dest, "opt/xxgk/lib/systemd/system/xxgk.service"), encoding="utf-8").read()
        ok("ExecStart=/opt/xxgk/sbin/xxgk.fcgi -c /etc/xxgk/xxgk.conf" in unit, "the unit runs the installed program")
        keys = subprocess.run([os.path.join(dest, "opt/xxgk/bin/xxgkctl"), "config", "keys"], capture_output=True,
                              text=True).stdout
        ok("[paths] xslt = /opt/xxgk/share/xxgk/xslt\n" in keys, "the installed program's compiled-in default")
        page = open(os.path.join(dest, "opt/xxgk/share/man/man5/xxgk.conf.5"), encoding="utf-8").read()
        ok(".B copies_dir\n" in page and "\\fB/opt/xxgk/share/xxgk/sql\\fR" in page, "xxgk.conf(5) KEYS from the table")
        r = make("uninstall", f"DESTDIR={dest}", "PREFIX=/opt/xxgk")
        # the key file stays: without it the database's sealed personal data cannot be read
        eq(installed_files(dest), ["etc/xxgk/xxgk.key"], "files left by make uninstall")
        ok("kept " + os.path.join(dest, "etc/xxgk/xxgk.key") in r.stdout, r.stdout)
    finally:
        make()  # the checkout's programs back to the default prefix
        shutil.rmtree(dest, ignore_errors=True)


def test_uninstall_keeps_a_configuration_the_webmaster_changed(s):
    dest = tempfile.mkdtemp()
    try:
        make("install", f"DESTDIR={dest}")
        with open(os.path.join(dest, "etc/xxgk/xxgk.conf"), "a", encoding="utf-8") as fh:
            fh.write("\n[site.lincang]\nheader_include = /include/header.shtml\n")
        r = make("uninstall", f"DESTDIR={dest}")
        ok("kept" in r.stdout, r.stdout)
        eq(installed_files(dest), ["etc/xxgk/xxgk.conf", "etc/xxgk/xxgk.key"], "what is left")
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def test_spawn_fcgi_hands_the_socket_as_fd0(s):
    sock = os.path.join(s.var, "spawn.sock")
    pidfile = os.path.join(s.var, "spawn.pid")
    conf, _ = own_conf(s, "spawn")
    r = subprocess.run(["spawn-fcgi", "-s", sock, "-M", "0666", "-P", pidfile, "--",
                        os.path.join(BIN, "xxgk.fcgi"), "-c", conf, "--processes", "1",
                        "--threads", "1"], capture_output=True, text=True, env=s.env)
    eq(r.returncode, 0, r.stderr)
    try:
        wait_until(lambda: os.path.exists(sock), "the socket")
        env = dict(os.environ, REQUEST_METHOD="GET", DOCUMENT_URI="/xxgk/shanwei/", QUERY_STRING="")
        out = subprocess.run(["cgi-fcgi", "-bind", "-connect", sock], capture_output=True, env=env, timeout=20)
        text = out.stdout.decode("utf-8", "replace")
        ok(text.startswith("Status: 200"), text[:200])
        ok("汕尾" in text, "the Shanwei site's page")
    finally:
        stop_pidfile(pidfile)


def test_access_log_lines_are_written_within_a_second_and_before_the_workers_stop(s):
    """The workers buffer their access log (a write per request cost 6% of their CPU): a line
    reaches the file within a second of its request, and what is buffered when the service stops
    is written before the workers end."""
    conf, log = own_conf(s, "own-log")
    sock = os.path.join(s.var, "own-log.sock")
    env = dict(s.env, XXGK_MAX_REQUESTS="0")
    p = subprocess.Popen([os.path.join(BIN, "xxgk.fcgi"), "-c", conf, "--listen", sock, "--processes", "1",
                          "--threads", "2"], env=env, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: os.path.exists(sock), "the socket")

        def get(path):
            env = dict(os.environ, REQUEST_METHOD="GET", DOCUMENT_URI=path, QUERY_STRING="")
            out = subprocess.run(["cgi-fcgi", "-bind", "-connect", sock], capture_output=True, env=env, timeout=20)
            ok(out.stdout.startswith(b"Status: 200"), out.stdout[:200])

        def logged():
            with open(log, encoding="utf-8") as fh:
                return fh.read()

        get("/xxgk/lincang/")
        wait_until(lambda: " GET /xxgk/lincang/ 200 " in logged(), "the line arrived within the flush interval",
                   timeout=3)
        get("/xxgk/shanwei/")
        p.terminate()  # at once: the line is still in the buffer (flushed once a second)
        p.wait(timeout=20)
        ok(" GET /xxgk/shanwei/ 200 " in logged(), "the buffered line was written when the service stopped")
    finally:
        if p.poll() is None:
            p.kill()
