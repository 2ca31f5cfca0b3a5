#!/usr/bin/env python3
"""Measures the search page per class of query, as issue 25 states its goals: p50 and p99 with one
connection, and the rate at 64 connections against the uncached column page's, measured in the
same run just before and just after the searches. Used by bench/run.sh (its search section) and on
its own against any running stack:

  search_classes.py --url http://127.0.0.1:PORT --socket MARIADB_SOCKET --site lincang
      [--column D04.C01] [--duration 10] [--connections 64] [--pids PID...] [--out FILE]

Each class has several distinct queries, drawn from the generated notices (bench/gen_notices.py),
and every wrk connection walks through them in turn, so no answer is asked twice in a row and a
class's figures are not one query's. Nothing on the path caches search answers (Groonga's cache is
off in every select: search.c), so every request is a search. --pids: the process groups whose
CPU time is read before and after each measurement (xxgk's master, MariaDB): CPU per request.

Classes (a million notices of bench/gen_notices.py; matches scale with the count):
  phone    a telephone number (digits; about 1 notice in 100,000)
  project  a project: county, place and goods (about 1 in 1,900)
  place    a place name (about 1 in 16)
  common   a word in every notice
  two      a place and a kind of goods (about 1 in 240)"""
import argparse, os, re, subprocess, sys, tempfile, urllib.parse

PLACES = ["体育中心", "人民公园", "供水管网", "智慧城市", "农田水利"]
COMMON = ["采购", "公告", "供应商", "临沧市", "财政资金"]
TWO = ["体育中心 监控设备", "人民公园 办公设备", "供水管网 车辆", "智慧城市 图书资料", "农田水利 课桌椅"]
CLASSES = ["phone", "project", "place", "common", "two"]
PER_CLASS = 20  # distinct telephone numbers and projects


def sql(socket, query):
    r = subprocess.run(["mariadb", "--no-defaults", "-S", socket, "-u", "root", "-N", "-B", "xxgk", "-e", query],
                       capture_output=True, text=True, check=True)
    return [line.split("\t") for line in r.stdout.splitlines()]


def terms(socket, site):
    """The queries of each class. Telephone numbers and projects from notices spread over the site
    (every 97th of its newest 20,000 and of the rest)."""
    site_id = int(sql(socket, f"SELECT id FROM sites WHERE site_key = '{site}'")[0][0])
    ids = [r[0] for r in sql(socket, f"SELECT id FROM notices WHERE site_id = {site_id} AND status = 'published' "
                                     f"AND MOD(id, 97) = 0 ORDER BY id DESC LIMIT {4 * PER_CLASS}")]
    rows = sql(socket, "SELECT REGEXP_SUBSTR(items_json, '0883-[0-9]{7}'), "
                       "REGEXP_REPLACE(title, '^临沧市(.*?)采购项目.*$', '\\\\1') "
                       f"FROM notices WHERE id IN ({','.join(ids)})")
    phones = sorted({r[0] for r in rows if r[0] and r[0] != "NULL"})[:PER_CLASS]
    projects = sorted({r[1] for r in rows if r[1] and r[1] != "NULL" and not r[1].startswith("临沧市")})[:PER_CLASS]
    return site_id, {"phone": phones, "project": projects, "place": PLACES, "common": COMMON, "two": TWO}


def ticks(pids):
    """CPU ticks so far of the processes, their threads and their direct children, living and reaped."""
    t = 0
    for pid in pids:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for q in [str(pid)] + kids:
            try:
                with open(f"/proc/{q}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                t += sum(int(x) for x in fields[11:15])
            except (OSError, IndexError):
                pass
    return t


def ms(v):
    m = re.match(r"([0-9.]+)(us|ms|s|m)$", v)
    if not m:
        return 0.0
    x, unit = float(m.group(1)), m.group(2)
    return {"us": x / 1000, "ms": x, "s": x * 1000, "m": x * 60000}[unit]


def wrk(url, paths, conns, duration, workdir, pids):
    """One wrk run over paths in turn: requests/s, p50, p99 (ms), requests, errors, CPU us a request."""
    script = os.path.join(workdir, "paths.lua")
    with open(script, "w", encoding="utf-8") as f:
        f.write("paths = {\n" + "".join(f'  "{p}",\n' for p in paths) + "}\n")
        # Each connection its own place in the list, so that 64 connections do not ask alike.
        f.write("local i = 0\nsetup = function(thread) end\n"
                "init = function(args) i = math.random(#paths) end\n"
                "request = function() i = i % #paths + 1; return wrk.format('GET', paths[i]) end\n")
    threads = 1 if conns == 1 else 2
    subprocess.run(["wrk", f"-t{threads}", f"-c{conns}", "-d2s", "--timeout", "30s", "-s", script, url],
                   capture_output=True)
    t0 = ticks(pids)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--timeout", "30s", "--latency",
                          "-s", script, url], capture_output=True, text=True).stdout
    t1 = ticks(pids)
    r = {"rps": 0.0, "p50": 0.0, "p99": 0.0, "n": 0, "errors": 0}
    for line in out.splitlines():
        w = line.split()
        if w[:1] == ["50%"]:
            r["p50"] = ms(w[1])
        elif w[:1] == ["99%"]:
            r["p99"] = ms(w[1])
        elif w[:1] == ["Requests/sec:"]:
            r["rps"] = float(w[1])
        elif "requests in" in line:
            r["n"] = int(w[0])
        elif "Non-2xx" in line:
            r["errors"] += int(w[-1])
        elif line.strip().startswith("Socket errors"):
            r["errors"] += sum(int(x) for x in re.findall(r"\d+", line))
    hz = os.sysconf("SC_CLK_TCK")
    r["cpu_us"] = (t1 - t0) * 1e6 / hz / r["n"] if r["n"] else 0.0
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--socket", required=True)
    ap.add_argument("--site", default="lincang")
    ap.add_argument("--column", default="D04.C01")
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--pids", type=int, nargs="*", default=[])
    ap.add_argument("--classes", nargs="*", default=CLASSES)
    ap.add_argument("--out")
    a = ap.parse_args()
    _, by_class = terms(a.socket, a.site)
    base = f"/xxgk/{a.site}/search?q="
    paths = {k: [base + urllib.parse.quote(t) for t in by_class[k]] for k in a.classes}
    column = [f"/xxgk/{a.site}/c/{a.column}"]
    lines = []
    with tempfile.TemporaryDirectory() as d:
        col_before = wrk(a.url, column, a.connections, a.duration, d, a.pids)
        single = {k: wrk(a.url, paths[k], 1, a.duration, d, a.pids) for k in a.classes}
        many = {k: wrk(a.url, paths[k], a.connections, a.duration, d, a.pids) for k in a.classes}
        col_after = wrk(a.url, column, a.connections, a.duration, d, a.pids)
    col_rps = (col_before["rps"] + col_after["rps"]) / 2
    col_cpu = (col_before["cpu_us"] + col_after["cpu_us"]) / 2
    lines.append(f"column {col_rps:.1f} {col_before['rps']:.1f} {col_after['rps']:.1f} {col_cpu:.0f} "
                 f"{col_before['errors'] + col_after['errors']}")
    for k in a.classes:
        s, m = single[k], many[k]
        lines.append(f"{k} {len(paths[k])} {s['p50']:.2f} {s['p99']:.2f} {s['n']} {s['cpu_us']:.0f} "
                     f"{m['rps']:.1f} {m['rps'] / col_rps if col_rps else 0:.3f} {m['p99']:.2f} {m['cpu_us']:.0f} "
                     f"{s['errors'] + m['errors']}")
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"column page (uncached, {a.connections} connections): {col_rps:.0f} req/s (before {col_before['rps']:.0f}, "
          f"after {col_after['rps']:.0f}), CPU {col_cpu:.0f} us a request")
    print(f"{'class':8}{'queries':>8}{'p50 c1':>9}{'p99 c1':>9}{'CPU us':>8}{'req/s c' + str(a.connections):>11}"
          f"{'/column':>9}{'p99':>9}{'CPU us':>8}")
    for k in a.classes:
        s, m = single[k], many[k]
        print(f"{k:8}{len(paths[k]):>8}{s['p50']:>9.1f}{s['p99']:>9.1f}{s['cpu_us']:>8.0f}{m['rps']:>11.1f}"
              f"{m['rps'] / col_rps if col_rps else 0:>9.3f}{m['p99']:>9.1f}{m['cpu_us']:>8.0f}"
              + ("  ERRORS" if s["errors"] + m["errors"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
