-- 098: a sparser sample beside `sample` (README.md "## Search"; fcgi/notices/search_ladder.c).
--
-- A search whose page is found in a tier of a site's newest notices estimates the matches older
-- than that tier's cutoff from `sample` (one notice in 64). What a Groonga select costs is the
-- matches it collects, so for a term in one notice of 16 (a place name) or a pair of common words
-- that count cost as much as the page itself at a million notices. `sparse` holds one notice in
-- 1,024, chosen by the same hash of the id as `sample` (so every one of its notices is in the
-- sample too): a term the first tier shows to be dense is counted there, at a sixteenth of the
-- cost, when it has enough matches there for an estimate.
--
-- The table is rebuilt with the new column and index, and every published notice is logged again
-- (as in 035), so every node indexes everything again: on a large site run `xxgkctl search
-- reindex` after this migration (it builds the indexes in bulk); until then the searches apply the
-- log a slice at a time. The tiers' cutoffs (search_tiers) stay as they are.
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
  tier1          MEDIUMTEXT NOT NULL,
  tier2          MEDIUMTEXT NOT NULL,
  tier3          MEDIUMTEXT NOT NULL,
  sample         MEDIUMTEXT NOT NULL,
  sparse         MEDIUMTEXT NOT NULL,
  -- No index on site_id, on purpose (035).
  FULLTEXT KEY ft_content (content) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier1 (tier1) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier2 (tier2) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier3 (tier3) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_sample (sample) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_sparse (sparse) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A new seq per site: every node's marks are below it, so every node applies it to its index.
INSERT INTO search_log_heads (site_id, seq)
  SELECT DISTINCT site_id, 1 FROM notices WHERE status = 'published'
  ON DUPLICATE KEY UPDATE seq = search_log_heads.seq + 1;
INSERT IGNORE INTO search_log (site_id, seq, notice_id)
  SELECT n.site_id, h.seq, n.id FROM notices n JOIN search_log_heads h ON h.site_id = n.site_id
  WHERE n.status = 'published';
