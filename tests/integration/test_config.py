"""The configuration file checked at start against the one table of keys: an unknown section or
key, or a bad value, stops xxgk.fcgi and every xxgkctl command with the file, the line and the
nearest known name; `xxgkctl config check` says OK to a good file; the example configuration
documents every key of the table with its default. Each test works on its own copies."""
import os, re, shutil, signal, subprocess, tempfile

from harness import BIN, TOP, eq, ok


class Files:
    """A folder of its own with configuration files made from the suite's (which is good)."""

    def __init__(self, s):
        self.dir = tempfile.mkdtemp(prefix="xxgk-config-")
        with open(os.path.join(s.var, "xxgk.conf"), encoding="utf-8") as fh:
            # No stored copies: should a worker start after all, it must not clear the suite's.
            self.good = "".join(l for l in fh if not l.startswith("copies_dir"))

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def bad(self, name, old, new):
        """The good file with one line changed; the path and the changed line's number."""
        ok(old in self.good, f"the suite's configuration has {old!r}")
        text = self.good.replace(old, new, 1)
        return self.write(name, text), self.good[:self.good.index(old)].count("\n") + 1

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def start_fcgi(s, files, conf):
    """Starts the sanitizer build on an unused socket; its exit status and stderr. A worker that
    starts after all is stopped, and the test fails on the timeout."""
    sock = os.path.join(files.dir, "unused.sock")
    p = subprocess.Popen([os.path.join(BIN, "xxgk.fcgi"), "-c", conf, "--listen", sock, "--processes", "1",
                          "--threads", "1"], env=s.env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGTERM)
        p.communicate()
        raise
    ok(not os.path.exists(sock), "stopped before it listened")
    return p.returncode, err


def ctl(s, *args):
    return subprocess.run([os.path.join(BIN, "xxgkctl"), *args], cwd=TOP, env=s.env, capture_output=True, text=True)


def refused_everywhere(s, files, conf, messages):
    """xxgk.fcgi, an xxgkctl command and config check each refuse conf with every message."""
    rc, err = start_fcgi(s, files, conf)
    ok(rc != 0, f"xxgk.fcgi exits non-zero: {rc}")
    for m in messages:
        ok(f"xxgk: {conf}:{m}" in err, f"xxgk.fcgi says {m!r}: {err}")
    r = ctl(s, "-c", conf, "site", "list")
    eq(r.returncode, 1, f"xxgkctl site list refused: {r.stdout}")
    eq(r.stdout, "", "and did nothing")
    for m in messages:
        ok(f"xxgkctl: {conf}:{m}" in r.stderr, f"xxgkctl says {m!r}: {r.stderr}")
    r = ctl(s, "config", "check", "-c", conf)
    eq(r.returncode, 1, "config check fails")
    eq(r.stderr.splitlines(), [f"{conf}:{m}" for m in messages], "config check lists the problems")


def test_unknown_section_stops_the_workers_and_xxgkctl(s):
    files = Files(s)
    try:
        conf, line = files.bad("section.conf", "[database]", "[databse]")
        # The section's keys are not reported again, nor taken for [database]'s.
        refused_everywhere(s, files, conf, [f"{line}: unknown section [databse]; did you mean [database]?"])
    finally:
        files.close()


def test_unknown_key_stops_the_workers_and_xxgkctl(s):
    files = Files(s)
    try:
        conf, line = files.bad("key.conf", "[database]\n", "[database]\npasswrd = secret\n")
        refused_everywhere(s, files, conf, [f"{line + 1}: unknown key passwrd in [database]; did you mean password?"])
    finally:
        files.close()


def test_bad_values_stop_the_workers_and_xxgkctl_all_reported_at_once(s):
    files = Files(s)
    try:
        conf, line = files.bad("values.conf", "[server]\n",
                               "[server]\nthreads = many\nmax_requests = -1\n[mail]\nmode = smpt\n[server]\n")
        refused_everywhere(s, files, conf, [
            f"{line + 1}: [server] threads = many: expected a whole number from 1 to 64",
            f"{line + 2}: [server] max_requests = -1: expected a whole number from 0 to 1099511627776",
            f"{line + 4}: [mail] mode = smpt: expected one of outbox, smtp"])
    finally:
        files.close()


def test_a_good_file_passes_config_check(s):
    conf = os.path.join(s.var, "xxgk.conf")
    r = ctl(s, "-c", conf, "config", "check")
    eq((r.returncode, r.stdout, r.stderr), (0, f"{conf}: OK\n", ""), "the suite's own configuration")
    files = Files(s)
    try:
        with open(os.path.join(TOP, "cms-integration", "xxgk.conf.example"), encoding="utf-8") as fh:
            example = files.write("example.conf", fh.read().replace("@PREFIX@", "/usr/local"))
        r = ctl(s, "config", "check", "-c", example)
        eq((r.returncode, r.stderr), (0, ""), "the installed example")
        # saved by Windows' Notepad, with a byte-order mark: it was ":1: expected key = value"
        with open(conf, encoding="utf-8") as fh:
            bom = files.write("bom.conf", "\ufeff" + fh.read())
        r = ctl(s, "config", "check", "-c", bom)
        eq((r.returncode, r.stderr), (0, ""), "a byte-order mark is no part of the text")
        # a folder given for the file: it was "larger than 1 MiB"
        r = ctl(s, "config", "check", "-c", s.var)
        ok(r.returncode != 0 and "Is a directory" in r.stderr, r.stderr)
    finally:
        files.close()


def test_config_check_warns_at_the_line_of_a_key_set_twice(s):
    """The earlier line reads as if it counted; doctor said so, config check said only OK."""
    files = Files(s)
    try:
        text = files.good + "\n[server]\nprocesses = 2\n\n[server]\nprocesses = 3\n"
        conf = files.write("twice.conf", text)
        line = text.count("\n")
        r = ctl(s, "config", "check", "-c", conf)
        eq((r.returncode, r.stdout), (0, f"{conf}: OK\n"), "a warning, not an error")
        times = len(re.findall(r"(?m)^processes\s*=", text))
        eq(r.stderr, f"{conf}:{line}: warning: [server] processes is set {times} times; "
           "this last line is the one used\n", "the line that counts")
    finally:
        files.close()


def table(s):
    """The table of keys, from xxgkctl config keys: (section, key) -> default ('' when unset), unset."""
    r = ctl(s, "config", "keys")
    eq(r.returncode, 0, r.stderr)
    keys, lines = {}, r.stdout.splitlines()
    for i, line in enumerate(lines):
        m = re.fullmatch(r"\[(\S+)\] (\S+) =(?: (.*))?", line)
        if m:
            keys[(m[1], m[2])] = (m[3] or "", "unset by default" in lines[i + 1])
    ok(len(keys) > 40 and ("site.KEY", "header_include") in keys, f"the table: {len(keys)} keys")
    return keys


def example_keys():
    """The keys of the example: (line, section, key, value, commented, the comment just above)."""
    with open(os.path.join(TOP, "cms-integration", "xxgk.conf.example"), encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    section, comment, out = None, [], []
    for n, line in enumerate(lines, 1):
        if line.startswith("# ") or line == "#":
            comment.append(line[2:])
            continue
        m = re.fullmatch(r"#?\[([^\]]+)\]", line)
        k = re.fullmatch(r"(#?)([A-Za-z0-9_.-]+) *=(?: *(.*))?", line)
        if m:
            section = "site.KEY" if m[1].startswith("site.") else m[1]
        elif k:
            out.append((n, section, k[2], k[3] or "", k[1] == "#", " ".join(comment)))
        else:
            ok(line == "", f"example line {n} is a comment, a section or a key: {line!r}")
        comment = []
    return out


def test_the_example_documents_every_key_with_its_default(s):
    keys = table(s)
    prefix = keys[("paths", "xslt")][0].removesuffix("/share/xxgk/xslt")
    seen = set()
    for n, section, key, value, commented, comment in example_keys():
        where = f"xxgk.conf.example:{n}: [{section}] {key}"
        ok((section, key) in keys, f"{where}: not a key of the table")
        ok((section, key) not in seen, f"{where}: twice")
        seen.add((section, key))
        default, unset = keys[(section, key)]
        value = value.replace("@PREFIX@", prefix)
        stated = re.search(r"\(default: ([^)]*)\)", comment)
        if commented:
            eq(value, default, f"{where}: a commented key shows its default")
        elif stated is not None:
            ok(stated[1].startswith("unset") if unset else stated[1] == default,
               f"{where}: says (default: {stated[1]}), the table {'unset' if unset else default}")
        else:
            eq(value, default, f"{where}: a value set without (default: …) is the default")
    eq(sorted(set(keys) - seen), [], "keys of the table missing from the example")


def test_config_keys_as_a_manual_section(s):
    keys = table(s)
    r = ctl(s, "config", "keys", "--format", "man")
    eq(r.returncode, 0, r.stderr)
    eq(r.stdout.count(".TP\n.B "), len(keys), "an entry a key")
    ok(".SS [database]\n.TP\n.B host\n" in r.stdout and ".SS [site.KEY]\n" in r.stdout, r.stdout[:300])
    ok(".B body_max\na size in bytes from 1K to 1G (K, M, G: times 1024); default: \\fB12M\\fR.\n" in r.stdout,
       "type, bounds and default")
    eq(ctl(s, "config", "keys", "--format", "html").returncode, 2, "an unknown format")
