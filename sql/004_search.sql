-- 004: full-text search of published notices, in Chinese (README.md "## Search" has the measurements).
--
-- search_docs is a Mroonga table (MariaDB's Groonga engine, Debian package mariadb-plugin-mroonga,
-- enabled once with INSTALL SONAME 'ha_mroonga'; without it this migration stops with "Unknown
-- storage engine 'Mroonga'"). One row per published notice: its title, content items and body,
-- one per line. The bigram tokenizer that splits every script makes any substring findable
-- (Chinese needs no word segmentation; digits and Latin letters match inside words too);
-- NormalizerAuto folds case and full-width forms.
--
-- Mroonga does not take part in transactions, so notices are never indexed from inside the
-- transaction that changes them: that transaction queues the notice in search_pending (InnoDB),
-- and the search page (or `xxgkctl search sync|reindex`) applies the queue from the committed
-- notices (fcgi/search.c). search_docs is therefore derived data: `xxgkctl search reindex`
-- rebuilds it at any time.
CREATE TABLE IF NOT EXISTS search_docs (
  notice_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  site_id       INT UNSIGNED NOT NULL,
  published_at  DATETIME NOT NULL,
  content       MEDIUMTEXT NOT NULL,
  -- No index on site_id, on purpose: the site is a condition inside the Groonga query, after the
  -- terms, so it filters the (usually small) set of matches; with an index Groonga would read all
  -- of a large site's postings for every query (bench/README.md, "Search: the site inside the query").
  FULLTEXT KEY ft_content (content) COMMENT 'tokenizer "TokenBigramSplitSymbolAlphaDigit", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Notices whose index entry must be brought up to date (written in the changing transaction).
CREATE TABLE IF NOT EXISTS search_pending (
  notice_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Notices published before this migration: queued, applied by the first searches or at once by
-- `xxgkctl search sync`.
INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices WHERE status = 'published';
