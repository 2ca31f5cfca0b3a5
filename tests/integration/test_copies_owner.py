"""xxgkctl run as root never leaves stored copies that the service's account cannot use: what it
makes in [cache] copies_dir (the folders, the site's lock, the `current` link, the new generation's
folder) is given to [server] user, or to the folder's owner when that is not set; a [server] user
with no account is refused before anything changes. The tests run as root; the service's account
is nobody."""
import json, os, pwd, shutil, subprocess, tempfile

from harness import BIN, TOP, eq, ok

NOBODY = pwd.getpwnam("nobody")


def ctl(s, conf, *args):
    return subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", conf, *args], cwd=TOP, env=s.env,
                          capture_output=True, text=True)


def setup(s, tmp, key, user):
    """A configuration with its own copies folder, and a site of its own in the stack's database."""
    lines = open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8").read().splitlines()
    lines = [f"copies_dir = {tmp}/copies" if l.startswith("copies_dir =") else l for l in lines]
    if user:
        lines.insert(lines.index("[server]") + 1, f"user = {user}")
    conf = os.path.join(tmp, "xxgk.conf")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    r = ctl(s, conf, "site", "add", key, "--variant", "lincang", "--name", "所有者测试", "--org-code", "TEST-OWNER")
    eq(r.returncode, 0, r.stderr)
    notice = {"external_id": f"{key}-1", "title": "所有者测试公告", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
              "published_at": "2026-03-10 09:00:00", "category": "D04.C01", "body": "正文", "items": {}}
    path = os.path.join(tmp, "notice.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"site": key, "notices": [notice]}, fh, ensure_ascii=False)
    return conf, path


def owners(folder):
    """Every entry under folder (itself included) with its owner's uid, links not followed."""
    out = {folder: os.lstat(folder).st_uid}
    for d, dirs, files in os.walk(folder):
        for name in dirs + files:
            out[os.path.join(d, name)] = os.lstat(os.path.join(d, name)).st_uid
    return out


def test_as_root_the_copies_go_to_the_configured_account(s):
    tmp = tempfile.mkdtemp(prefix="xxgk-owner-")
    try:
        conf, notice = setup(s, tmp, "owner1", "nobody")
        r = ctl(s, conf, "import", notice)
        eq(r.returncode, 0, r.stderr)
        made = owners(f"{tmp}/copies")
        ok(any(p.endswith("/owner1/current") for p in made) and any(p.endswith("/owner1/.lock") for p in made),
           f"the import moved the site's copies: {sorted(made)}")
        eq({p: u for p, u in made.items() if u != NOBODY.pw_uid}, {}, "entries not the service account's")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_without_a_configured_account_the_folders_owner_is_the_services(s):
    tmp = tempfile.mkdtemp(prefix="xxgk-owner-")
    try:
        conf, notice = setup(s, tmp, "owner2", None)
        os.mkdir(f"{tmp}/copies")
        os.chown(f"{tmp}/copies", NOBODY.pw_uid, NOBODY.pw_gid)
        r = ctl(s, conf, "import", notice)
        eq(r.returncode, 0, r.stderr)
        made = owners(f"{tmp}/copies")
        ok(len(made) >= 5, sorted(made))
        eq({p: u for p, u in made.items() if u != NOBODY.pw_uid}, {}, "entries not the folder owner's")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_an_account_that_does_not_exist_is_refused_before_any_change(s):
    tmp = tempfile.mkdtemp(prefix="xxgk-owner-")
    try:
        conf, notice = setup(s, tmp, "owner3", "nobody")
        with open(conf, encoding="utf-8") as fh:
            text = fh.read().replace("user = nobody", "user = xxgk_owner_none")
        with open(conf, "w", encoding="utf-8") as fh:
            fh.write(text)
        r = ctl(s, conf, "import", notice)
        eq(r.returncode, 1, r.stdout)
        ok("[server] user xxgk_owner_none: there is no such account" in r.stderr, r.stderr)
        ok("Set [server] user" in r.stderr, r.stderr)
        eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id = 'owner3-1'"), [["0"]], "nothing imported")
        ok(not os.path.exists(f"{tmp}/copies"), "no copies made")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
