"""What Galera needs of the schema, on the cluster itself: every table of the database is InnoDB
with a primary key (rows are replicated by their key), but the search index's Mroonga tables,
which are each node's own (sql/035_search_ladder.sql, sql/096_search_log.sql, 099_search_parts.sql); and every node has
the same tables."""
from harness import eq

NODE_OWN = ["search_docs", "search_docs_sample", "search_docs_sparse", "search_docs_tier1", "search_docs_tier2",
            "search_docs_tier3", "search_facets", "search_marks", "search_tiers"]

TABLES = ("SELECT t.TABLE_NAME, t.ENGINE, (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS k "
          "WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND k.CONSTRAINT_TYPE = 'PRIMARY KEY') "
          "FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = 'xxgk' AND t.TABLE_TYPE = 'BASE TABLE' "
          "ORDER BY t.TABLE_NAME")


def test_every_table_is_innodb_with_a_primary_key_but_the_nodes_own_index(c):
    tables = c.sql(1, TABLES)
    eq([t for t, engine, pk in tables if pk != "1"], [], "tables without a primary key")
    eq([t for t, engine, pk in tables if engine != "InnoDB"], NODE_OWN, "tables not in InnoDB")
    for n in (2, 3):
        eq(c.sql(n, TABLES), tables, f"node {n} has the same tables")
