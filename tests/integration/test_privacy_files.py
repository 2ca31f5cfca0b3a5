"""The secrets on disk: `make install` puts the configuration (the database's account) and the key
file 0640 root:xxgk (root's group where there is no xxgk group), makes the keys once and keeps
them on a second install; xxgkctl and the workers warn loudly at start when either file can be
read by every user."""
import grp, os, shutil, stat, subprocess, tempfile

from harness import BIN, TOP, eq, ok


def test_make_install_keeps_the_secrets_from_other_users(s):
    dest = tempfile.mkdtemp()
    try:
        for attempt in (1, 2):
            r = subprocess.run(["make", "-s", "install", f"DESTDIR={dest}", "PREFIX=/opt/xxgk"], cwd=TOP,
                               capture_output=True, text=True)
            eq(r.returncode, 0, r.stderr[-500:])
            key = open(os.path.join(dest, "etc/xxgk/xxgk.key"), encoding="utf-8").read()
            if attempt == 1:
                first = key
        eq(key, first, "a second install keeps the keys")
        ok(key.count("\ndata 1 aes-256-gcm ") == 1 and "\nindex hmac-sha256 " in key and "\naudit hmac-sha256 " in key,
           "a data, an index and an audit key")
        try:
            group = grp.getgrnam("xxgk").gr_gid
        except KeyError:
            group = 0
        for name in ("xxgk.conf", "xxgk.key"):
            st = os.stat(os.path.join(dest, "etc/xxgk", name))
            eq(oct(stat.S_IMODE(st.st_mode)), "0o640", f"{name}'s mode")
            eq((st.st_uid, st.st_gid), (0, group), f"{name}'s owner and group")
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def test_a_world_readable_config_or_key_file_is_warned_about(s):
    d = tempfile.mkdtemp(dir=s.var)
    try:
        conf, key = os.path.join(d, "xxgk.conf"), os.path.join(d, "xxgk.key")
        shutil.copy(os.path.join(s.var, "xxgk.key"), key)
        with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
            text = fh.read().replace(f"file = {s.var}/xxgk.key", f"file = {key}")
        with open(conf, "w", encoding="utf-8") as fh:
            fh.write(text)
        for path, what in ((conf, "configuration file"), (key, "key file")):
            os.chmod(conf, 0o600)
            os.chmod(key, 0o600)
            quiet = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, "site", "list"], capture_output=True,
                                   text=True, env=s.env)
            eq((quiet.returncode, "WARNING" in quiet.stderr), (0, False), quiet.stderr)
            os.chmod(path, 0o644)
            ctl = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, "site", "list"], capture_output=True,
                                 text=True, env=s.env)
            ok(f"WARNING: the {what} {path} can be read by every user" in ctl.stderr, ctl.stderr)
            env = dict(os.environ, REQUEST_METHOD="GET", DOCUMENT_URI="/xxgk/", QUERY_STRING="")
            web = subprocess.run([os.path.join(BIN, "xxgk.fcgi"), "-c", conf, "--cgi"], capture_output=True, env=env,
                                 timeout=30)
            ok(f"WARNING: the {what} {path} can be read by every user".encode() in web.stderr, web.stderr[-300:])
            ok(web.stdout.startswith(b"Status: 200"), web.stdout[:100])
    finally:
        shutil.rmtree(d, ignore_errors=True)
