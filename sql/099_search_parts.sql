-- 099: the tiers and the samples as tables of their own (README.md "## Search";
-- fcgi/notices/search_index.c writes them, search_ladder.c reads them).
--
-- Until now search_docs held every notice with six texts: `content` and, empty where the notice is
-- not in them, `tier1`, `tier2`, `tier3`, `sample` and `sparse`, each with its full-text index. What
-- a Groonga select costs grows with the table it reads as well as with its matches: at a million
-- notices, counting the 1,250 matches of a word in every notice in the first tier cost MariaDB
-- 3.5 ms through search_docs' `tier1` index and 0.3 ms in a table of the same 1,253 notices alone;
-- a pair's count in the second tier 3.7 ms against 0.8 (bench/README.md "Search at a million: a
-- table for each tier"). So each tier and sample is now a table of the notices it holds, with the
-- columns a select filters, sorts and counts by, and `content` alone in search_docs.
--
-- Like search_docs they are Mroonga tables, each node's own (never replicated on Galera). The
-- tables are created empty and search_docs is rebuilt, so every published notice is logged again
-- (as in 098) and every node indexes everything again: on a large site run `xxgkctl search reindex`
-- after this migration (it builds them in bulk); until then the searches apply the log a slice at
-- a time. The tiers' cutoffs (search_tiers) stay as they are.
DROP TABLE IF EXISTS search_docs;
CREATE TABLE search_docs (
  notice_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  site_id        INT UNSIGNED NOT NULL,
  published_at   DATETIME NOT NULL,
  year           SMALLINT UNSIGNED NOT NULL,
  domain_code    VARCHAR(32) NOT NULL,
  category_code  VARCHAR(64) NOT NULL,
  issuer         VARCHAR(200) NOT NULL,
  content        MEDIUMTEXT NOT NULL,
  -- No index on site_id, on purpose (035).
  FULLTEXT KEY ft_content (content) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TABLE IF EXISTS search_docs_tier1, search_docs_tier2, search_docs_tier3, search_docs_sample,
  search_docs_sparse;
CREATE TABLE search_docs_tier1 LIKE search_docs;
CREATE TABLE search_docs_tier2 LIKE search_docs;
CREATE TABLE search_docs_tier3 LIKE search_docs;
CREATE TABLE search_docs_sample LIKE search_docs;
CREATE TABLE search_docs_sparse LIKE search_docs;

-- A new seq per site: every node's marks are below it, so every node applies it to its index.
INSERT INTO search_log_heads (site_id, seq)
  SELECT DISTINCT site_id, 1 FROM notices WHERE status = 'published'
  ON DUPLICATE KEY UPDATE seq = search_log_heads.seq + 1;
INSERT IGNORE INTO search_log (site_id, seq, notice_id)
  SELECT n.site_id, h.seq, n.id FROM notices n JOIN search_log_heads h ON h.site_id = n.site_id
  WHERE n.status = 'published';
