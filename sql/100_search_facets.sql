-- 100: a search's facets counted by one key (README.md "## Search"; fcgi/notices/search.c).
--
-- A search page shows how many of its matches fall in each domain, issuing body and year. Groonga
-- counted them by three drilldowns over three columns, two of them text: three groupings and three
-- sorts in every select, even one with no match. Each grouping and sort is a new Groonga table, a
-- memory mapping made and unmade, which on a busy server is much of a select's cost: at a million
-- notices and 64 connections a word in every notice was searched 457 times a second with them, 592
-- with the one drilldown below, 699 with none (bench/README.md "Search at a million: the facets
-- by one key").
--
-- Now each indexed notice also has `facet`, a reference to search_facets, whose key is the
-- notice's domain, issuing body and year joined by U+001F (search_facet_key). One drilldown by it
-- groups by a record id; the page adds the groups up by domain, body and year.
--
-- search_facets is a Mroonga table, each node's own like the index (never replicated on Galera);
-- Groonga adds a key when a notice that has it is loaded, and keys are never taken out (a few per
-- domain, body and year). Until a notice is indexed again its facet is empty and it is counted in no
-- facet, so every published notice is logged again (as in 098) and every node indexes everything
-- again: on a large site run `xxgkctl search reindex` after this migration. The searches' matches
-- and their order are the same meanwhile.
CREATE TABLE IF NOT EXISTS search_facets (
  facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4;

ALTER TABLE search_docs ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT ''
  COMMENT 'type "search_facets"';
ALTER TABLE search_docs_tier1 ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
  DEFAULT '' COMMENT 'type "search_facets"';
ALTER TABLE search_docs_tier2 ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
  DEFAULT '' COMMENT 'type "search_facets"';
ALTER TABLE search_docs_tier3 ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
  DEFAULT '' COMMENT 'type "search_facets"';
ALTER TABLE search_docs_sample ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
  DEFAULT '' COMMENT 'type "search_facets"';
ALTER TABLE search_docs_sparse ADD COLUMN facet VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
  DEFAULT '' COMMENT 'type "search_facets"';

-- A new seq per site: every node's marks are below it, so every node applies it to its index.
INSERT INTO search_log_heads (site_id, seq)
  SELECT DISTINCT site_id, 1 FROM notices WHERE status = 'published'
  ON DUPLICATE KEY UPDATE seq = search_log_heads.seq + 1;
INSERT IGNORE INTO search_log (site_id, seq, notice_id)
  SELECT n.site_id, h.seq, n.id FROM notices n JOIN search_log_heads h ON h.site_id = n.site_id
  WHERE n.status = 'published';
