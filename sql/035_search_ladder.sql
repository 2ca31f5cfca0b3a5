-- 035: a ladder of tiers for newest-first search (README.md "## Search"; fcgi/notices/search_tiers.c
-- keeps the cutoffs, search_ladder.c reads the tiers in turn).
--
-- search_docs had one partial index, `recent` (a site's newest 25,000 to 50,000 notices): a word in
-- every notice wanted it small, a project name in one notice of 2,000 wanted it large, and at a
-- million notices neither was served in milliseconds. Now three nested partial indexes, each a
-- site's newest notices from the site's cutoff for that tier on: tier1 (its newest N to 2N),
-- tier2 (10N to 20N), tier3 (100N to 200N), N = 1,250 by default; `content` still holds every
-- notice. A newest-first search reads them in turn and stops at the first that settles its page
-- and its count.
--
-- `sample` holds one notice in 64 of every site and every year (chosen by a hash of its id): a
-- search whose page is found in a tier of the newest notices counts the notices before that tier's
-- cutoff there, 64 times, as an estimate (a term of this month's notices is not extrapolated over
-- ten years, as it would be from the tiers' own counts).
--
-- search_tiers has a row per site and tier with a cutoff; no row: the tier holds every notice of
-- the site. It is a Mroonga table, like search_docs and search_marks (096): on a Galera cluster
-- each node keeps its own rows, never replicated, so the cutoffs a node reads always describe the
-- tiers of its own index, however far its rolls and rebuilds are from the other nodes'.
--
-- The table is rebuilt, so every published notice is queued again, as in 030: on a large site run
-- `xxgkctl search reindex` after this migration (it sets every site's cutoffs and builds the
-- indexes in bulk); until then the searches apply the queue a slice at a time. Queued where this
-- database queues: the search_pending table before 096, the search log after it (a database that
-- had 096 before this one came), so that every node indexes everything again.
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
  -- No index on site_id, on purpose: the site is a condition on the terms' matches; an index
  -- would make Groonga read all of a large site's postings for every query.
  FULLTEXT KEY ft_content (content) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier1 (tier1) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier2 (tier2) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_tier3 (tier3) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_sample (sample) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TABLE IF EXISTS search_tiers;
CREATE TABLE search_tiers (
  site_id  INT UNSIGNED NOT NULL,
  tier     TINYINT UNSIGNED NOT NULL,
  cutoff   DATETIME NOT NULL,
  PRIMARY KEY (site_id, tier)
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

BEGIN NOT ATOMIC
  IF (SELECT COUNT(*) FROM information_schema.tables
      WHERE table_schema = DATABASE() AND table_name = 'search_log') = 0 THEN
    INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices WHERE status = 'published';
  ELSE
    INSERT INTO search_log_heads (site_id, seq)
      SELECT DISTINCT site_id, 1 FROM notices WHERE status = 'published'
      ON DUPLICATE KEY UPDATE seq = search_log_heads.seq + 1;
    INSERT IGNORE INTO search_log (site_id, seq, notice_id)
      SELECT n.site_id, h.seq, n.id FROM notices n JOIN search_log_heads h ON h.site_id = n.site_id
      WHERE n.status = 'published';
  END IF;
END;
