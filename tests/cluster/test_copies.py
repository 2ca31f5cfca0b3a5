"""Pages fresh on every web host (cache/generation_poll.h): each host keeps its own stored copies
and its workers their cache; a notice changed through host A is served by host B's stored copy
(nginx, X-Cache: file) and by B's workers' cache (a query string, X-Cache: hit) within the stated
bound of 2 x [cache] poll_ms = 0.5 s of A's answer, and never older after it; host A, where the
change was made, serves it at once. When a host cannot read the generations (its node frozen: a
frozen member holds every node's causal reads, so host A's go too), its copies go out of view
within the bound and come back after."""
import json, os, re, signal, threading, time

from cluster import OnNode, new_site
from harness import eq, import_notices, ok, wait_until

BOUND = 0.5
COLUMN = "c/D04.C05"


def push(c, host, site, token, title):
    body = {"notices": [{"external_id": "fresh", "title": title, "issuer": "测试市财政局", "formed_on": "2026-03-02",
                         "category": "D04.C05", "body": "正文。", "items": {}}]}
    r = host.request("POST", f"/xxgk/{site}/api/push", body=json.dumps(body, ensure_ascii=False).encode(),
                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    ok(r.status in (200, 201), f"the change through host {host.name} ({r.status} {r.text[:200]})")
    return time.monotonic()


def watch(host, path, title, until, seen):
    """Requests path on host until the monotonic time until, recording (start, status, X-Cache,
    whether title is on the page) for each answer."""
    while time.monotonic() < until:
        t = time.monotonic()
        r = host.get(path)
        seen.append((t, r.status, r.header("X-Cache"), title in r.text))


def test_a_change_through_one_host_is_served_by_the_other_within_the_bound(c):
    site = new_site(c, "fresh")
    token = c.ctl("token", "add", "--site", site).stdout.strip()
    for host in c.hosts:
        wait_until(lambda: host.get(f"/xxgk/{site}/").status == 200, f"host {host.name} knows the site")
    push(c, c.a, site, token, "第一版标题")
    paths = {"stored copy": f"/xxgk/{site}/{COLUMN}", "workers' cache": f"/xxgk/{site}/{COLUMN}?from=cache"}
    for host in c.hosts:  # both hosts have the page: a file for nginx, an entry in the workers' cache
        for what, path in paths.items():
            want = "file" if what == "stored copy" else "hit"
            wait_until(lambda: host.get(path).header("X-Cache") == want, f"host {host.name}: the {what}")
    seen = {(h.name, w): [] for h in c.hosts for w in paths}
    start = time.monotonic()
    threads = [threading.Thread(target=watch, args=(h, p, "第二版标题", start + 3 * BOUND + 1.5, seen[(h.name, w)]))
               for h in c.hosts for w, p in paths.items()]
    for t in threads:
        t.start()
    time.sleep(0.3)
    acked = push(c, c.a, site, token, "第二版标题")
    for t in threads:
        t.join()
    for (name, what), answers in seen.items():
        ok(all(status == 200 for _, status, _, _ in answers), f"host {name}, {what}: every answer 200")
        late = [t - acked for t, _, _, new in answers if not new and t > acked]
        stale = max(late, default=0.0)
        print(f"     host {name}, {what}: the old page last served {stale * 1000:.0f} ms after the change's answer "
              f"({len(answers)} requests, {sum(1 for a in answers if a[2] in ('file', 'hit'))} from the cache)")
        ok(stale <= BOUND if name == "B" else stale <= 0.0, f"host {name}, {what}: old page {stale:.3f} s after")
        ok(any(new for *_, new in answers), f"host {name}, {what}: the new page served")
        ok(any(x in ("file", "hit") and new for _, _, x, new in answers), f"host {name}, {what}: from the cache again")


def links(host):
    d = os.path.join(host.var, "copies")
    return {s for s in os.listdir(d) if os.path.islink(os.path.join(d, s, "current"))}


def test_a_host_that_cannot_read_the_generations_takes_its_copies_out_of_view(c):
    site = new_site(c, "frozen")
    import_notices(OnNode(c, 1), site, [{"external_id": "f", "title": "冻结测试", "issuer": "测试市财政局",
                                        "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00",
                                        "category": "D04.C05", "body": "正文。", "items": {}}])
    wait_until(lambda: site in links(c.b), "host B has a current link for the site")
    pid = int(open(os.path.join(c.dir, "node2", "mariadbd.pid")).read())
    os.kill(pid, signal.SIGSTOP)  # host B's node: its reads hang
    try:
        t0 = time.monotonic()
        wait_until(lambda: not links(c.b), "host B's copies out of view", timeout=5, interval=0.01)
        hidden = time.monotonic() - t0
    finally:
        os.kill(pid, signal.SIGCONT)
    print(f"     host B's copies out of view {hidden * 1000:.0f} ms after its node froze")
    ok(hidden <= BOUND + 0.1, f"within the bound: {hidden:.3f} s")
    wait_until(lambda: site in links(c.b), "and back once the node answers")
    wait_until(lambda: re.search(r"copies out of view.*\n(.*\n)*.*copies back in view", c.error_log(c.b)),
               "both logged")
