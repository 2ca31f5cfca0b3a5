"""xxgkctl doctor against the suite's stack: a clean stack passes (exit 0, warnings allowed), and
each planted fault is named, with its fix, and makes the exit status 1. The faults:
  config      an unknown key; a bad value; a password every account can read; a file the
              service's account cannot read; [server] user naming no account; a key set twice
              (a warning)
  database    a socket nothing listens on; an account the server refuses (its own message)
  migrations  a migration not applied
  mroonga     the plugin missing (a bare MariaDB); mroonga_command() missing
  files       a catalog the service's account cannot read; an access log it cannot open; stored
              copies that belong to another account
  mail        mode = smtp with no relay listening (and one that answers passes)
  web server  neither nginx nor Apache routing /xxgk/; an include of a missing file; a site with
              the CMS's header and footer that nginx does not scan for SSI includes; Apache's
              configuration enabled without mod_proxy_fcgi; such a site under Apache without
              mod_include, or not in the file's SSI line
  calendar    next year not loaded from November: a warning, not an error
  upgrades    the package's newer version of a configuration file left beside the one in use
              (.dpkg-dist and the like) by an upgrade that kept the administrator's, beside the
              web server's file that routes to xxgk (through Apache's link too) or beside
              xxgk.conf; the administrator's own version left beside the package's (.dpkg-old):
              warnings naming both files, with diff
The tests run as root; the service's account of a planted fault is nobody."""
import os, shutil, socket, subprocess, tempfile, threading

from harness import BIN, TOP, eq, free_port, ok


def migrations():
    """The migrations the project ships: a bare database lacks every one."""
    return [f for f in os.listdir(os.path.join(TOP, "sql")) if f.endswith(".sql")]


def doctor(s, conf, *args):
    nginx = [] if any(a.startswith("--nginx-dir") for a in args) else ["--nginx-dir", os.path.join(s.var, "nginx")]
    r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, "doctor", *nginx, *args], cwd=TOP, env=s.env,
                       capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def variant(s, tmp, name, sets=(), extra=""):
    """The stack's configuration with each (section, key, value) set, and extra text after it."""
    lines = open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8").read().splitlines()
    for section, key, value in sets:
        if f"[{section}]" not in lines:
            lines += ["", f"[{section}]"]
        at = lines.index(f"[{section}]")
        end = next((i for i in range(at + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        lines = lines[:at + 1] + [f"{key} = {value}"] + [l for l in lines[at + 1:end] if not l.startswith(f"{key} =")] \
            + lines[end:]
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n" + extra)
    os.chmod(path, 0o644)
    return path


def fails_naming(rc, out, *texts):
    eq(rc, 1, out)
    for t in texts:
        ok(t in out, f"{t!r} not in:\n{out}")


class Tmp:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="xxgk-doctor-")
        os.chmod(self.path, 0o755)
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def test_a_clean_stack_passes(s):
    rc, out = doctor(s, os.path.join(s.var, "xxgk.conf"), "--today", "2026-06-15")
    eq(rc, 0, out)
    ok("doctor: 0 errors, 0 warnings" in out, out)
    for what in ["config", "database", "migrations", "mroonga", "calendar", "stylesheets", "access log",
                 "stored copies", "mail", "web server"]:
        ok(f"ok    {what}: " in out, f"{what} checked:\n{out}")


def test_configuration_faults(s):
    with Tmp() as tmp:
        conf = variant(s, tmp, "unknown.conf", extra="[cache]\ncopies_dri = /tmp\n")
        fails_naming(*doctor(s, conf), "ERROR config:", "copies_dri", "did you mean copies_dir?")
        conf = variant(s, tmp, "bad.conf", sets=[("server", "processes", "many")])
        fails_naming(*doctor(s, conf), "ERROR config:", "processes = many")
        conf = variant(s, tmp, "readable.conf", sets=[("database", "password", "secret")])
        fails_naming(*doctor(s, conf), "holds the database password and every account can read it",
                     f"fix: chown root:root {conf} && chmod 640 {conf}")  # the service runs as root here
        conf = variant(s, tmp, "private.conf", sets=[("server", "user", "nobody")])
        os.chmod(conf, 0o600)
        fails_naming(*doctor(s, conf), f"nobody cannot read {conf}", f"fix: chown root:nogroup {conf}")
        conf = variant(s, tmp, "account.conf", sets=[("server", "user", "xxgk_nobody_here")])
        fails_naming(*doctor(s, conf), "[server] user xxgk_nobody_here: there is no such account")


def test_stored_copies_that_nginx_sends_but_the_workers_no_longer_replace(s):
    """nginx sends stored pages from its snippet's folder whatever the configuration says: with
    [cache] copies_dir taken out (as the guide says to do under Apache) the pages stored before
    stayed, and nginx went on sending them, old, with doctor saying all was well."""
    s.get("/xxgk/lincang/")  # a stored copy in the stack's folder
    copies = os.path.join(s.var, "copies")
    with Tmp() as tmp:
        conf = os.path.join(tmp, "off.conf")
        with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
            text = "".join(l for l in fh if not l.startswith("copies_dir"))
        with open(conf, "w", encoding="utf-8") as fh:
            fh.write(text)
        rc, out = doctor(s, conf, "--today", "2026-06-15")
        ok(f"WARN  stored copies: [cache] copies_dir is not set, but {copies} holds pages stored before" in out, out)
        ok(f"fix: rm -rf {copies}/*" in out, out)
        conf = variant(s, tmp, "elsewhere.conf", sets=[("cache", "copies_dir", tmp)])
        fails_naming(*doctor(s, conf, "--today", "2026-06-15"),
                     f"the workers store pages in {tmp}, and nginx", f"sends them from {copies}")


def test_a_key_file_every_account_can_read_is_an_error(s):
    """The key unseals the applicants' personal data: doctor passed it at mode 644 ("can be read"),
    while a configuration file holding the password at that mode is an error."""
    with Tmp() as tmp:
        key = os.path.join(tmp, "xxgk.key")
        shutil.copy(os.path.join(s.var, "xxgk.key"), key)
        os.chmod(key, 0o644)
        conf = variant(s, tmp, "key.conf", sets=[("keys", "file", key)])
        fails_naming(*doctor(s, conf, "--today", "2026-06-15"), "ERROR key file:",
                     f"{key} unseals the applicants' personal data", "can read it (mode 644)", f"chmod 640 {key}")


def test_a_key_set_twice_warns_at_the_line_that_counts(s):
    with Tmp() as tmp:
        conf = variant(s, tmp, "twice.conf", sets=[("server", "processes", "2")], extra="\n[server]\nprocesses = 3\n")
        last = len(open(conf, encoding="utf-8").read().splitlines())
        rc, out = doctor(s, conf, "--today", "2026-06-15")
        eq(rc, 0, out)
        ok(f"WARN  config: {conf}:{last}: [server] processes is set 2 times; this last line is the one used" in out
           and "0 errors, 1 warning" in out, out)
        ok(f"fix: keep one line of [server] processes in {conf}" in out, out)


def test_database_faults_are_the_servers_own_words(s):
    with Tmp() as tmp:
        conf = variant(s, tmp, "socket.conf", sets=[("database", "socket", os.path.join(tmp, "no.sock"))])
        fails_naming(*doctor(s, conf), "ERROR database: Can't connect to local server through socket",
                     "fix: start MariaDB")
        conf = variant(s, tmp, "account.conf", sets=[("database", "user", "xxgk_doctor_nobody"),
                                                      ("database", "password", "x")])
        os.chmod(conf, 0o600)
        fails_naming(*doctor(s, conf), "ERROR database: Access denied for user 'xxgk_doctor_nobody'@'localhost'",
                     "run xxgkctl setup as root")


def test_a_migration_not_applied(s):
    with Tmp() as tmp:
        shutil.copytree(os.path.join(TOP, "sql"), os.path.join(tmp, "sql"))
        with open(os.path.join(tmp, "sql", "999_later.sql"), "w") as fh:
            fh.write("SELECT 1;\n")
        conf = variant(s, tmp, "sql.conf", sets=[("paths", "sql", os.path.join(tmp, "sql"))])
        fails_naming(*doctor(s, conf), "ERROR migrations: 1 not applied: 999_later.sql", "fix: xxgkctl migrate")


def test_mroonga_function_missing(s):
    s.sql("DROP FUNCTION mroonga_command")
    try:
        fails_naming(*doctor(s, os.path.join(s.var, "xxgk.conf")), "ERROR mroonga:", "mroonga_command",
                     "/usr/share/mysql/mroonga/install.sql")
    finally:
        s.sql("CREATE FUNCTION mroonga_command RETURNS STRING SONAME 'ha_mroonga.so'")


def test_mroonga_plugin_missing(s):
    """A MariaDB where the plugin was never installed: its own short-lived instance."""
    with Tmp() as tmp:
        data, sock = os.path.join(tmp, "data"), os.path.join(tmp, "sock")
        subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root",
                        "--auth-root-authentication-method=socket", "--skip-test-db"], check=True,
                       capture_output=True)
        db = subprocess.Popen(["mariadbd", "--no-defaults", f"--datadir={data}", f"--socket={sock}",
                               "--skip-networking", "--user=root", f"--pid-file={tmp}/pid",
                               f"--log-error={tmp}/err.log"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = ["mariadb", "--no-defaults", "-S", sock, "-u", "root"]
            for _ in range(300):
                if subprocess.run([*client, "-e", "SELECT 1"], capture_output=True).returncode == 0:
                    break
                threading.Event().wait(0.1)
            subprocess.run([*client, "-e", "CREATE DATABASE xxgk"], check=True)
            conf = variant(s, tmp, "bare.conf", sets=[("database", "socket", sock)])
            fails_naming(*doctor(s, conf), "ERROR mroonga: the Mroonga plugin is not installed",
                         "apt-get install mariadb-plugin-mroonga",
                         f"ERROR migrations: {len(migrations())} not applied")
        finally:
            db.terminate()
            db.wait(timeout=60)


def test_files_the_service_account_cannot_use(s):
    with Tmp() as tmp:
        xslt = os.path.join(tmp, "xslt")
        shutil.copytree(os.path.join(TOP, "xslt"), xslt)
        os.chmod(os.path.join(xslt, "catalogs", "qinghai.xml"), 0o600)
        copies = os.path.join(tmp, "copies")
        os.mkdir(copies)
        logdir = os.path.join(tmp, "log")
        os.mkdir(logdir, 0o755)
        conf = variant(s, tmp, "files.conf", sets=[("server", "user", "nobody"), ("paths", "xslt", xslt),
                                                    ("cache", "copies_dir", copies),
                                                    ("log", "access", os.path.join(logdir, "access.log"))])
        fails_naming(*doctor(s, conf), "checking as nobody, the service's account", "ERROR stylesheets:",
                     "qinghai.xml", f"ERROR access log: nobody cannot open {logdir}/access.log",
                     f"ERROR stored copies: {copies} belongs to root, not nobody",
                     f"fix: chown -R nobody: {copies}")


class Relay:
    """Enough of an SMTP relay to greet, answer EHLO and QUIT."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        conn, _ = self.sock.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 relay ESMTP\r\n")
            for line in lines:
                conn.sendall(b"221 bye\r\n" if line.upper().startswith(b"QUIT") else b"250 ok\r\n")
                if line.upper().startswith(b"QUIT"):
                    break
        self.sock.close()


def test_mail_relay(s):
    with Tmp() as tmp:
        conf = variant(s, tmp, "norelay.conf", sets=[("mail", "mode", "smtp"), ("mail", "smtp_port", str(free_port()))])
        fails_naming(*doctor(s, conf), "ERROR mail: the relay 127.0.0.1:", "Connection refused",
                     "fix: start the relay")
        relay = Relay()
        conf = variant(s, tmp, "relay.conf", sets=[("mail", "mode", "smtp"), ("mail", "smtp_port", str(relay.port))])
        rc, out = doctor(s, conf, "--today", "2026-06-15")
        eq(rc, 0, out)
        ok(f"ok    mail: the relay 127.0.0.1:{relay.port} answers" in out, out)


def test_web_server_faults(s):
    conf = os.path.join(s.var, "xxgk.conf")
    with Tmp() as tmp:
        nginx, apache = os.path.join(tmp, "nginx"), os.path.join(tmp, "apache2")
        for d in ["nginx/sites-enabled", "apache2/conf-enabled", "apache2/mods-enabled"]:
            os.makedirs(os.path.join(tmp, d))
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     "ERROR web server: neither nginx", "include snippets/xxgk.conf;", "a2enconf xxgk")
        with open(os.path.join(nginx, "sites-enabled", "default"), "w") as fh:
            fh.write("server {\n    listen 80;\n    include snippets/xxgk.conf;\n}\n")
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     f"sites-enabled/default:3 includes {nginx}/snippets/xxgk.conf, which is not there")
        os.makedirs(os.path.join(nginx, "snippets"))
        shutil.copy(os.path.join(TOP, "cms-integration", "nginx", "xxgk-location.conf"),
                    os.path.join(nginx, "snippets", "xxgk.conf"))
        # The stack's lincang wears its CMS's header and footer; this snippet scans no site.
        with open(os.path.join(nginx, "snippets", "xxgk.conf"), encoding="utf-8") as fh:
            line = 1 + next(i for i, l in enumerate(fh) if l.strip().startswith('if ($uri ~ "^/xxgk/(?:'))
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     "the pages of lincang carry the CMS's header and footer as SSI includes, and nginx does not "
                     "expand them", f"fix: add lincang to the sites in line {line} of {nginx}/snippets/xxgk.conf")
        with open(os.path.join(nginx, "snippets", "xxgk.conf"), encoding="utf-8") as fh:
            text = fh.read().replace("@INCLUDE_SITES@", "yancheng|lincang")
        with open(os.path.join(nginx, "snippets", "xxgk.conf"), "w", encoding="utf-8") as fh:
            fh.write(text)
        rc, out = doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache, "--today", "2026-06-15")
        eq(rc, 0, out)
        os.remove(os.path.join(nginx, "sites-enabled", "default"))
        shutil.copy(os.path.join(TOP, "cms-integration", "apache", "xxgk.conf"),
                    os.path.join(apache, "conf-enabled", "xxgk.conf"))
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     "mod_proxy_fcgi is not enabled", "fix: a2enmod proxy_fcgi headers")
        for mod in ["proxy_fcgi", "headers"]:
            open(os.path.join(apache, "mods-enabled", f"{mod}.load"), "w").close()
        # lincang wears the CMS's header and footer: Apache loads the file without mod_include,
        # and its pages went without them while doctor said all was well.
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     "the pages of lincang carry the CMS's header and footer as SSI includes, and Apache's "
                     "mod_include is not enabled", "fix: a2enmod include filter")
        for mod in ["include", "filter"]:
            open(os.path.join(apache, "mods-enabled", f"{mod}.load"), "w").close()
        enabled = os.path.join(apache, "conf-enabled", "xxgk.conf")
        with open(enabled, encoding="utf-8") as fh:
            text = fh.read()
        line = 1 + text[:text.index('<LocationMatch "^/xxgk/(?:@INCLUDE_SITES@)/">')].count("\n")
        fails_naming(*doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache),
                     "the pages of lincang carry the CMS's header and footer as SSI includes, and Apache does not "
                     f"expand them", f"fix: add lincang to the sites in line {line} of {enabled}, then reload Apache")
        with open(enabled, "w", encoding="utf-8") as fh:
            fh.write(text.replace("@INCLUDE_SITES@", "lincang"))
        rc, out = doctor(s, conf, "--nginx-dir", nginx, "--apache-dir", apache, "--today", "2026-06-15")
        eq(rc, 0, out)
        ok("ok    web server: Apache:" in out, out)


def test_files_an_upgrade_left_beside_the_ones_in_use(s):
    """A kept, edited conffile silently went without the new version's fixes (the snippet's
    error_page 413 = @xxgk;, the Apache file's CGIPassAuth), the new one lying beside it unread."""
    with Tmp() as tmp:
        nginx, apache = os.path.join(tmp, "nginx"), os.path.join(tmp, "apache2")
        for d in ["nginx/sites-enabled", "nginx/snippets", "apache2/conf-enabled", "apache2/conf-available",
                  "apache2/mods-enabled"]:
            os.makedirs(os.path.join(tmp, d))
        with open(os.path.join(nginx, "sites-enabled", "default"), "w") as fh:
            fh.write("server {\n    listen 80;\n    include snippets/xxgk.conf;\n}\n")
        snippet = os.path.join(nginx, "snippets", "xxgk.conf")
        with open(os.path.join(TOP, "cms-integration", "nginx", "xxgk-location.conf"), encoding="utf-8") as fh:
            text = fh.read()
        with open(snippet, "w", encoding="utf-8") as fh:
            fh.write(text.replace("@INCLUDE_SITES@", "lincang"))
        conf = variant(s, tmp, "xxgk.conf")
        args = ("--nginx-dir", nginx, "--apache-dir", apache, "--today", "2026-06-15")
        rc, out = doctor(s, conf, *args)
        eq((rc, out.count("WARN  ")), (0, 0), out)
        shutil.copy(snippet, snippet + ".dpkg-dist")
        shutil.copy(conf, conf + ".dpkg-dist")
        rc, out = doctor(s, conf, *args)
        eq(rc, 0, out)
        ok(f"WARN  web server: {snippet}.dpkg-dist is the package's newer version of {snippet}, which you changed "
           "and kept at an upgrade: the fixes in it are not in use" in out, out)
        ok(f"fix: diff {snippet} {snippet}.dpkg-dist, carry what is new into {snippet}" in out, out)
        ok(f"WARN  config: {conf}.dpkg-dist is the package's newer version of {conf}" in out, out)
        os.rename(snippet + ".dpkg-dist", snippet + ".dpkg-old")
        rc, out = doctor(s, conf, *args)
        ok(f"WARN  web server: {snippet}.dpkg-old is your version of {snippet}, which an upgrade replaced with the "
           "package's: your changes in it are not in use" in out, out)
        # Apache: the file enabled is a link to conf-available, where dpkg leaves the new one.
        shutil.rmtree(os.path.join(nginx, "sites-enabled"))
        available = os.path.join(apache, "conf-available", "xxgk.conf")
        with open(os.path.join(TOP, "cms-integration", "apache", "xxgk.conf"), encoding="utf-8") as fh:
            text = fh.read()
        with open(available, "w", encoding="utf-8") as fh:
            fh.write(text.replace("@INCLUDE_SITES@", "lincang"))
        os.symlink("../conf-available/xxgk.conf", os.path.join(apache, "conf-enabled", "xxgk.conf"))
        for mod in ["proxy_fcgi", "headers", "include", "filter"]:
            open(os.path.join(apache, "mods-enabled", f"{mod}.load"), "w").close()
        shutil.copy(available, available + ".ucf-dist")
        rc, out = doctor(s, conf, *args)
        eq(rc, 0, out)
        ok("ok    web server: Apache:" in out and f"WARN  web server: {available}.ucf-dist is the package's newer "
           f"version of {available}" in out, out)


def test_next_years_calendar_warns_from_november(s):
    conf = os.path.join(s.var, "xxgk.conf")
    rc, out = doctor(s, conf, "--today", "2026-11-02")
    eq(rc, 0, out)
    ok("WARN  calendar: 2027's holidays are not loaded" in out and "1 warning" in out, out)
    ok("fix: xxgkctl calendar load 2027.json" in out, out)
    rc, out = doctor(s, conf, "--today", "2026-10-30")
    ok("ok    calendar: 2026's holidays are loaded" in out and "0 warnings" in out, out)
    rc, out = doctor(s, conf, "--today", "2031-03-01")
    ok("WARN  calendar: 2031's holidays are not loaded" in out, out)
