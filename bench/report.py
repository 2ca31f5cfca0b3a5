#!/usr/bin/env python3
"""Prints the table of `make bench` from the measurements bench/run.sh wrote (one line per run:
name, requests/s, p99 ms, mean ms, errors, requests, CPU us of nginx, the application and MariaDB,
p50 ms) and its facts (key=value lines), with the ratios and whether each target is met.
Standard library only."""
import sys


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def load(results, facts):
    """With several rounds (BENCH_ROUNDS), each figure is the median of its rounds."""
    seen = {}
    with open(results) as f:
        for line in f:
            name, rps, p99, avg, errors, requests, cpu_nginx, cpu_app, cpu_db, p50 = line.split()
            seen.setdefault(name, []).append((float(rps), float(p99), float(avg), int(errors), int(requests),
                                              float(cpu_nginx), float(cpu_app), float(cpu_db), float(p50)))
    runs = {}
    for name, rs in seen.items():
        runs[name] = dict(rps=median([r[0] for r in rs]), p99=median([r[1] for r in rs]),
                          avg=median([r[2] for r in rs]), errors=sum(r[3] for r in rs),
                          requests=sum(r[4] for r in rs), rounds=len(rs), cpu_nginx=median([r[5] for r in rs]),
                          cpu_app=median([r[6] for r in rs]), cpu_db=median([r[7] for r in rs]),
                          p50=median([r[8] for r in rs]))
    info = {}
    with open(facts) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            info[k] = v
    return runs, info


def pad(text, width):
    """text left-aligned in width columns of a terminal, where a Chinese character takes two."""
    import unicodedata
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def ms(v):
    return f"{v:.2f} ms" if v < 100 else f"{v:.0f} ms"


def search_classes(info):
    """bench/search_classes.py's lines: the column page, then one per class."""
    column, classes = None, {}
    try:
        with open(info.get("search_classes_file", "")) as f:
            for line in f:
                w = line.split()
                if w[0] == "column":
                    column = dict(rps=float(w[1]), cpu=float(w[4]))
                else:
                    classes[w[0]] = dict(queries=int(w[1]), p50=float(w[2]), p99=float(w[3]), cpu1=float(w[5]),
                                         rps=float(w[6]), share=float(w[7]), p99_many=float(w[8]), cpu=float(w[9]),
                                         errors=int(w[10]))
    except OSError:
        pass
    return column, classes


def search_tables(info, p):
    """The search page per class (distinct queries, one connection and many), then the count query
    through the index against the LIKE scan, and one select over every notice."""
    column, classes = search_classes(info)
    names = {"phone": "rare: telephone numbers", "project": "rare: projects", "place": "medium: place names",
             "common": "in every notice", "two": "two terms"}
    p("")
    p(f"  Search ({int(info['search_indexed']):,} notices indexed), through the search page, uncached: each class "
      "several distinct")
    p(f"  queries in turn; p50 and p99 with one connection; the rate at {info['connections']} connections "
      "against the uncached")
    if column:
        p(f"  column page's ({column['rps']:.0f} req/s, CPU {column['cpu']:.0f} us a request, measured just before "
          "and after); CPU us: a search at that rate, nginx, xxgk and MariaDB together")
    p(f"  {'class':28}{'queries':>8}{'p50':>10}{'p99':>10}{'req/s':>9}{'/column':>9}{'CPU us':>8}")
    for kind, c in classes.items():
        p(f"  {names.get(kind, kind):28}{c['queries']:>8}{ms(c['p50']):>10}{ms(c['p99']):>10}{c['rps']:>9.0f}"
          f"{c['share']:>9.2f}{c['cpu']:>8.0f}" + ("  ERRORS" if c["errors"] else ""))
    p("")
    p("  One query of each class counted through the Mroonga index against the LIKE scan of titles, items and")
    p("  bodies, and one Groonga select over every notice with page 1, the count and the facets (what the page")
    p("  did before it read the tiers of the newest notices first) (median of 3, MariaDB's profile)")
    p(f"  {'class (query)':40}{'matches':>9}{'index':>10}{'LIKE':>11}{'LIKE/index':>11}{'all':>10}")
    with open(info["search_file"]) as f:
        for line in f:
            kind, term, n, t_index, t_like, t_select = line.split()
            t_index, t_like, t_select = float(t_index), float(t_like), float(t_select)
            label = f"{names.get(kind, kind)} ({term.replace('+', ' ')})"
            p(f"  {pad(label, 40)}{n:>9}{ms(t_index):>10}{ms(t_like):>11}{t_like / max(t_index, 0.001):>10.0f}x"
              f"{ms(t_select):>10}")


def loading(info, p):
    """The load: the import's rate against LOAD DATA of the same rows; the search index's rate."""
    n = int(info["notices"])
    load_s, limit_s = int(info["load_ms"]) / 1000, float(info["limit_seconds"])
    limit_n = int(info.get("limit_notices") or n)
    rate, limit = n / max(load_s, 0.001), limit_n / max(limit_s, 0.001)
    sample = int(info.get("limit_sample") or 0)
    rows = f"rows of the first {limit_n:,} notices" if sample else "same rows"
    p(f"  Loading: {n:,} notices through xxgkctl import in {load_s:.1f} s, {rate:,.0f} notices/s; LOAD DATA of the "
      f"{rows} into the same tables {limit_s:.1f} s, {limit:,.0f}/s: {rate / limit:.2f}x the limit")
    idx_s = int(info["search_index_ms"]) / 1000
    p(f"  Search index: {int(info['search_indexed']):,} notices by `xxgkctl search reindex` (built in bulk) in "
      f"{idx_s:.1f} s, {int(info['search_indexed']) / max(idx_s, 0.001):,.0f} notices/s; then `search sync` "
      f"{int(info.get('sync_ms') or 0) / 1000:.1f} s")
    if info.get("sitting_s"):
        p(f"  The sitting up to the report: {int(info['sitting_s']) / 60:.1f} min (generating the files "
          f"{int(info.get('gen_ms') or 0) / 1000:.0f} s, untimed; LOAD DATA with writing its files out "
          f"{int(info.get('limit_wall_ms') or 0) / 1000:.0f} s); load average {info.get('load_start', '?')} "
          f"at the start; server options {info.get('db_opts', '')}; its environment {info.get('db_env', '')}")
    return rate, rate / limit


def memory(info, p):
    before, after = [int(v) for v in info["rss_before"].split()], [int(v) for v in info["rss_after"].split()]
    mb = lambda vs: ", ".join(f"{v / 1024:.1f}" for v in vs) + " MB"
    if info.get("rss_start"):
        start = [int(v) for v in info["rss_start"].split()]
        p(f"  The workers' copies of the search tiers: ready in {int(info['copy_ms']) / 1000:.1f} s; "
          f"{mb(start)} before them, {mb(before)} with them (+{(sum(before) - sum(start)) / 1024:.0f} MB in all)")
    p(f"  Worker memory (RSS of each xxgk worker process, uncached): {mb(before)} before, {mb(after)} after "
      f"{int(info['rss_requests']):,} requests of every kind")
    return sum(after) - sum(before)


def main():
    runs, info = load(sys.argv[1], sys.argv[2])
    out = []
    p = out.append
    p(f"xxgk benchmark, {info['date']}")
    p(f"  {info['notices']} notices in column {info['column']} of site {info['site']} "
      f"({info['rows']} rows in the column), on {info['cpus']} CPUs, load average before: {info['load']}")
    rounds = int(info.get("rounds", "1"))
    p(f"  wrk {info['wrk']} per measurement, after a {info['warmup']} s warm-up; all on loopback"
      + (f"; {rounds} rounds, medians shown" if rounds > 1 else ""))
    p(f"  xxgk: {info['xxgk']}; PHP-FPM: {info['php']}; CGI: {info['cgi']}")
    p(f"  list page:   {info['list_url']}")
    p(f"  notice page: {info['notice_url']}")
    p(f"  deep page:   page {info['deep_page']}: {info['deep_url']}")
    if info.get("deeper_page"):
        p(f"  deeper page: page {info['deeper_page']}: {info['deeper_url']}")
    p("")
    import_rate, import_ratio = loading(info, p)
    grown = memory(info, p)
    p("")
    rows = [("nginx static file (the limit)", "static"), ("xxgk cached: stored copy (file)", "cached"),
            ("xxgk cached in the worker (hit)", "worker"), ("xxgk uncached", "uncached"), ("PHP-FPM, same SQL and XSLT", "php"),
            ("CGI, a process per request", "cgi")]
    p(f"  {'':34}{'list page':>24}{'notice page':>24}")
    p(f"  {'':34}{'req/s':>12}{'p99':>12}{'req/s':>12}{'p99':>12}")
    for label, key in rows:
        cells = ""
        for page in ("list", "notice"):
            r = runs.get(f"{key}_{page}")
            cells += f"{r['rps']:>12.0f}{ms(r['p99']):>12}" if r else f"{'-':>12}{'-':>12}"
        p(f"  {label:34}{cells}")
    d1, dn, dm = runs.get("depth_page1"), runs.get("depth_deep"), runs.get("depth_deeper")
    if d1 and dn:
        p(f"  {'xxgk uncached, list page 1':34}{d1['rps']:>12.0f}{ms(d1['p99']):>12}"
          f"    (median of {d1['rounds']}, interleaved with the next)")
        p(f"  {'xxgk uncached, list page ' + info['deep_page']:34}{dn['rps']:>12.0f}{ms(dn['p99']):>12}")
    if dm:
        p(f"  {'xxgk uncached, list page ' + info['deeper_page']:34}{dm['rps']:>12.0f}{ms(dm['p99']):>12}")
    if info.get("search_file"):
        search_tables(info, p)
    p("")
    p("  CPU time per request (us), all processes of each server summed: nginx + application + MariaDB")
    p(f"  {'':34}{'list page':>24}{'notice page':>24}")
    for label, key in rows:
        cells = ""
        for page in ("list", "notice"):
            r = runs.get(f"{key}_{page}")
            cells += (f"{r['cpu_nginx']:>8.0f}{r['cpu_app']:>8.0f}{r['cpu_db']:>8.0f}" if r else f"{'-':>24}")
        p(f"  {label:34}{cells}")
    errors = [f"{k}: {v['errors']} of {v['requests']}" for k, v in sorted(runs.items()) if v["errors"]]
    if errors:
        p("")
        p("  ERRORS (non-2xx answers, socket errors or timeouts): " + "; ".join(errors))
    p("")
    p("Targets")
    verdicts = []

    def target(label, values, ok, detail=""):
        mark = "met" if ok else "NOT met"
        verdicts.append(ok)
        p(f"  {label:36}{values:38}{mark}{detail}")

    def ratio(a, b, page):
        ra, rb = runs.get(f"{a}_{page}"), runs.get(f"{b}_{page}")
        return ra["rps"] / rb["rps"] if ra and rb and rb["rps"] > 0 else 0.0

    target("import >= 0.5x LOAD DATA", f"{import_ratio:.2f}x", import_ratio >= 0.5)
    target("import >= 10,000 notices/s", f"{import_rate:,.0f}/s", import_rate >= 10000)
    c = [ratio("cached", "static", pg) for pg in ("list", "notice")]
    target("cached >= 0.5x static", f"list {c[0]:.2f}x, notice {c[1]:.2f}x", min(c) >= 0.5)
    u = [ratio("uncached", "php", pg) for pg in ("list", "notice")]
    target("uncached >= 3x PHP-FPM", f"list {u[0]:.1f}x, notice {u[1]:.1f}x", min(u) >= 3)
    g = [ratio("uncached", "cgi", pg) for pg in ("list", "notice")]
    target("uncached >= 20x CGI", f"list {g[0]:.1f}x, notice {g[1]:.1f}x", min(g) >= 20)
    if d1 and dn:
        t = d1["rps"] / dn["rps"] if dn["rps"] > 0 else 99.0
        target(f"page {info['deep_page']} / page 1 <= 1.5x", f"time per request {t:.2f}x, p99 "
               f"{dn['p99'] / d1['p99']:.2f}x", t <= 1.5 and int(info["deep_page"]) >= 5000,
               "" if int(info["deep_page"]) >= 5000 else " (the column is too short for page 5,000)")
    if d1 and dm:
        t = d1["rps"] / dm["rps"] if dm["rps"] > 0 else 99.0
        target(f"page {info['deeper_page']} / page 1 <= 1.5x", f"time per request {t:.2f}x, p99 "
               f"{dm['p99'] / d1['p99']:.2f}x", t <= 1.5 and int(info["deeper_page"]) >= 50000,
               "" if int(info["deeper_page"]) >= 50000 else " (the column is too short for page 50,000)")
    if d1 and dn:
        p(f"  {'':36}rows the list query reads: page 1 {info['reads_1']}, page {info['deep_page']} "
          f"{info['reads_deep']}" + (f", page {info['deeper_page']} {info['reads_deeper']}" if dm else ""))
    _, classes = search_classes(info)
    if classes:
        worst50 = max(classes.items(), key=lambda kv: kv[1]["p50"])
        worst99 = max(classes.items(), key=lambda kv: kv[1]["p99"])
        target("search p50 <= 20 ms, one connection", f"worst {ms(worst50[1]['p50'])} ({worst50[0]})",
               worst50[1]["p50"] <= 20)
        target("search p99 <= 50 ms, one connection", f"worst {ms(worst99[1]['p99'])} ({worst99[0]})",
               worst99[1]["p99"] <= 50)
        low = min(classes.items(), key=lambda kv: kv[1]["share"])
        target(f"search >= 0.25x column at {info['connections']}", f"lowest {low[1]['share']:.2f}x ({low[0]})",
               low[1]["share"] >= 0.25)
    target("worker memory flat over requests", f"{grown / 1024:+.1f} MB in all after "
           f"{int(info['rss_requests']):,}", grown < 10 * 1024)
    # Split: the pages readers get (stored copies, or the workers' cache for a query string), and
    # pages rendered on every request, which queue on the CPUs at this concurrency.
    for label, prefixes in (("cached", ("cached_", "worker_")), ("uncached", ("uncached_", "depth_"))):
        worst = max(((runs[k]["p99"], k) for k in runs if k.startswith(prefixes)), default=(0.0, "-"))
        target(f"p99 <= 20 ms at {info['connections']} conns, {label}", f"worst {ms(worst[0])} ({worst[1]})",
               worst[0] <= 20)
    if errors:
        verdicts.append(False)
        p("  (some measurements had errors: see above)")
    print("\n".join(out))
    # A missed target is a result, not a failure of the run; errors in the answers are.
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
