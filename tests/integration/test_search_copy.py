"""The workers' in-memory copy of the search tiers ([search] memory_mb, search_memory.h): a tier of
workers with copies on, beside the suite's, which runs without (Groonga answers every select
there). The same searches through both must give the same pages (results, order, counts,
estimates, facets, pages), the copy must follow imports, edits and withdrawals as the index does
(on the next request: Groonga answers until the copy has caught up), and a copy past memory_mb
is not made. Every page of the tier says in X-Search-Copy whether the copy answered it."""
import random, re, time
from datetime import datetime, timedelta

from console import Staff
import harness
from harness import eq, ok, wait_until
from test_search import ids_of, load, new_site, notice, result_ids, search

# Few characters, so that terms of three or four of them are in many notices and stand in them
# apart as often as whole.
ALPHA = "琥珀玛瑙珊瑚"
GAPS = ["，", "\n", " ", "A1", "、", "。"]


def text(rnd, n, gaps=GAPS):
    return "".join(rnd.choice(ALPHA) if rnd.random() < 0.8 else rnd.choice(gaps) for _ in range(n))


def title(rnd):
    """A title: no line break, no space at either end."""
    return "公告" + text(rnd, 12, [g for g in GAPS if g != "\n"]) + "。"


def term(rnd, n=None):
    return "".join(rnd.choice(ALPHA) for _ in range(n or rnd.randint(3, 4)))


def copy_search(tier, site, q, **params):
    """The tier's page for the search once its copy answers it (a search the copy is not up to date
    for, or that comes to a worker without one yet, is Groonga's, and asks for the copy)."""
    def answered():
        r = search(tier, site, q, **params)
        return r if r.header("X-Search-Copy") == "yes" else None
    return wait_until(answered, f"the copy answers {q} {params}", timeout=60, interval=0.2)


def same_page(text):
    """The page without what differs between two tiers of workers: their ports."""
    return re.sub(r"127\.0\.0\.1:\d+", "HOST", text)


def site_with_notices(s, rnd, n=600):
    site = new_site(s)
    start = datetime(2026, 1, 1, 0, 30)
    load(s, site, [notice(f"c{k}", title(rnd), body=text(rnd, 80), category=rnd.choice(["D04.C01", "D04.C05", "D02.C02"]),
                          issuer=rnd.choice(["测试市财政局", "测试市住建局"]),
                          published_at=f"{start + timedelta(hours=k):%Y-%m-%d %H:%M:%S}") for k in range(n)])
    # Tiers cut at the 10th and the 100th newest, the older ones counted in the sample: every
    # select of the ladder but search_docs'.
    s.ctl("search", "sync", "--tier-keep", "10", "--site", site)
    return site


def test_the_copy_answers_every_search_as_groonga_does(s):
    rnd = random.Random(25)
    site = site_with_notices(s, rnd)
    days = [r[0] for r in s.sql("SELECT DISTINCT DATE(n.published_at) FROM notices n JOIN sites x ON x.id = n.site_id "
                                f"WHERE x.site_key = '{site}'")]
    with s.web_tier("copy", memory_mb="64", max_requests="0") as tier:
        compared = 0
        for k in range(120):
            q = term(rnd) if k % 3 else f"{term(rnd)} {term(rnd, 3)}"
            params = {}
            if k % 7 == 1:
                params["c"] = rnd.choice(["D04", "D04.C01", "D02"])
            if k % 11 == 2:
                params["body"] = "测试市住建局"
            if k % 5 == 3:
                params["from" if k % 2 else "to"] = rnd.choice(days)
            if k % 4 == 0:
                params["page"] = rnd.randint(2, 3)
            want = search(s, site, q, **params)
            eq(want.header("X-Search-Copy"), "no", "the suite's workers have no copy")
            got = copy_search(tier, site, q, **params)
            eq(same_page(got.text), same_page(want.text), f"{q} {params}: the copy's page is Groonga's")
            compared += bool(result_ids(want.text))
        ok(compared > 60, f"most searches found something ({compared} of 120)")
        # What the copy does not answer is Groonga's, on the same tier: two characters, relevance.
        for q, params in [(ALPHA[:2], {}), (term(rnd), {"sort": "relevance"})]:
            r = search(tier, site, q, **params)
            eq(r.header("X-Search-Copy"), "no", f"{q} {params}: Groonga's")
            eq(same_page(r.text), same_page(search(s, site, q, **params).text), f"{q} {params}: the same page")


def test_the_copy_follows_imports_edits_and_withdrawals(s):
    rnd = random.Random(26)
    site = harness.new_site(s, "lincang", "sc", users=("approver",))
    start = datetime(2026, 1, 1, 0, 30)
    load(s, site, [notice(f"c{k}", title(rnd), body=text(rnd, 80),
                          published_at=f"{start + timedelta(hours=k):%Y-%m-%d %H:%M:%S}") for k in range(200)])
    new, old = "麒麟瑶琴锦", "翡翠琉璃鸾"
    with s.web_tier("copy-follows", memory_mb="64", max_requests="0") as tier:
        copy_search(tier, site, new)  # the copy is made
        # A new notice: found on the next request, whoever answers it, and then by the copy.
        load(s, site, [notice("fresh", f"{new}项目公告", published_at="2026-06-01 09:00:00")], sync=False)
        (nid,) = ids_of(s, site, "fresh")
        eq(result_ids(search(tier, site, new).text), [nid], "found on the next request")
        eq(result_ids(copy_search(tier, site, new).text), [nid], "and by the copy once it has caught up")
        # Edited: the old words go, the new come.
        load(s, site, [notice("fresh", f"{old}项目公告", published_at="2026-06-01 09:00:00")], sync=False)
        eq(result_ids(search(tier, site, new).text), [], "the old text is not found on the next request")
        eq(result_ids(copy_search(tier, site, new).text), [], "nor by the copy")
        eq(result_ids(copy_search(tier, site, old).text), [nid], "the new text is")
        # Withdrawn through the console: gone from the next search and from the copy.
        st = Staff(s, site, "approver")
        ok(st.signed_in, "approver signed in")
        r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "测试撤回"})
        eq(r.status, 303, f"withdrawn ({r.text[:200]})")
        eq(result_ids(search(tier, site, old).text), [], "a withdrawn notice is not found on the next request")
        eq(result_ids(copy_search(tier, site, old).text), [], "nor by the copy")


def test_a_copy_past_memory_mb_is_not_made(s):
    rnd = random.Random(27)
    site = new_site(s)
    # About 3 MB of text: more than the 1 MB the tier allows its copies.
    load(s, site, [notice(f"m{k}", title(rnd), body=text(rnd, 900), published_at="2026-02-01 08:00:00")
                   for k in range(1200)])
    with s.web_tier("copy-small", memory_mb="1", max_requests="0") as tier:
        q = term(rnd)
        for _ in range(10):
            r = search(tier, site, q)
            eq(r.header("X-Search-Copy"), "no", "Groonga answers")
            time.sleep(0.3)
        eq(same_page(r.text), same_page(search(s, site, q).text), "the same page as without copies")
        log = open(f"{tier.var}/xxgk.err", encoding="utf-8").read()
        ok("past [search] memory_mb" in log, "the workers' log says why")
