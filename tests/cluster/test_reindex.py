"""The search index on a cluster (README.md "## Search"): `xxgkctl search reindex` rebuilds every
node's own index. On a Galera node the new tables keep their full-text indexes during the load,
the tiers' and the samples' trigrams too (sql/101_search_trigrams.sql, search_index.c
build_create), and a search through either web host then finds a term of four Chinese characters
by them."""
import re, urllib.parse

from cluster import OnNode, new_site
from harness import eq, import_notices, ok

TERM = "翎羽鸾鹤"
TRIGRAM_TABLES = ["search_docs_tier1", "search_docs_tier2", "search_docs_tier3", "search_docs_sample",
                  "search_docs_sparse"]


def test_every_node_rebuilds_its_index_with_the_tiers_trigrams(c):
    site = new_site(c, "reindex")
    import_notices(OnNode(c, 1), site, [{"external_id": f"r{k}", "title": f"{TERM}重建{k}", "issuer": "测试市财政局",
                                         "formed_on": "2026-02-27", "published_at": f"2026-03-{k + 1:02d} 09:00:00",
                                         "category": "D04.C05", "body": "正文。", "items": {}} for k in range(3)])
    r = c.ctl("search", "reindex")
    ok("search index rebuilt" in r.stdout, r.stdout)
    for n in (1, 2, 3):
        for table in TRIGRAM_TABLES:
            create = c.sql(n, f"SHOW CREATE TABLE {table}", sync=False)[0][1]
            ok("ft_trigram" in create and "TokenTrigram" in create, f"node {n}: {table} has its trigrams: {create}")
    for host in c.hosts:
        r = host.get(f"/xxgk/{site}/search?q=" + urllib.parse.quote(TERM))
        eq(r.status, 200, f"host {host.name}: {r.text[:300]}")
        eq(len(re.findall(r'<h3><a href="/xxgk/[a-z0-9_-]+/n/\d+">', r.text)), 3, f"host {host.name}: every notice")
