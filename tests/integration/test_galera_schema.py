"""The schema as a Galera cluster needs it (GUIDE section 11), checked on every install so that a
new migration cannot break it: every table InnoDB with a primary key (rows are replicated by their
key), but the search index's Mroonga tables, which are each node's own
(sql/035_search_ladder.sql, sql/096_search_log.sql, sql/099_search_parts.sql,
sql/100_search_facets.sql). The cluster suite checks the same on a real cluster."""
from harness import eq


def test_every_table_is_innodb_with_a_primary_key_but_the_search_index(s):
    tables = s.sql("SELECT t.TABLE_NAME, t.ENGINE, (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS k "
                   "WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME "
                   "AND k.CONSTRAINT_TYPE = 'PRIMARY KEY') FROM information_schema.TABLES t "
                   "WHERE t.TABLE_SCHEMA = 'xxgk' AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY t.TABLE_NAME")
    eq([t for t, engine, pk in tables if pk != "1"], [], "tables without a primary key")
    node_own = ["search_docs", "search_docs_sample", "search_docs_sparse", "search_docs_tier1", "search_docs_tier2",
                "search_docs_tier3", "search_facets", "search_marks", "search_tiers"]
    eq([t for t, engine, pk in tables if engine != "InnoDB"], node_own, "tables not in InnoDB")
