-- 030: search covers what people look for, filters and facets, and a newest-first tier
-- (README.md "## Search"; fcgi/notices/search_index.c writes and reads these tables).
--
-- search_docs is rebuilt with:
-- - content: the title, every item as "label：value" in the site's variant wording, the body, the
--   issuing body and the names of the columns the notice is in (domain and categories). Before,
--   labels and column names were not indexed: 采购 missed the 政府采购 notices that say it only there.
-- - the filter and facet columns: domain_code, category_code (a column filter takes a category
--   and its sub-categories by prefix), issuer, year.
-- - recent: the same text, but only for the notices published on or after their site's cutoff in
--   search_tiers (a site's newest 25,000 to 50,000; every notice of a site that has fewer), with a
--   full-text index of its own. A search newest first reads it first: more than 1,000 matches
--   there settle every listed page and the "1,000+" without reading a million postings; a small
--   site's search never reads a large site's older postings.
-- - the tokenizer TokenBigramSplitSymbol: Chinese and symbols in bigrams as before, but runs of
--   digits and of Latin letters whole, so a telephone number is one token instead of eleven
--   bigrams found in nearly every notice (a number then matches whole, not inside a longer one).
-- The same index options are in fcgi/notices/search.h (SEARCH_FULLTEXT_OPTIONS), for the rebuild.
--
-- Every published notice is queued: searches apply the queue a slice at a time, or
-- `xxgkctl search reindex` rebuilds the whole index at once (in bulk, minutes for a million).
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
  recent         MEDIUMTEXT NOT NULL,
  -- No index on site_id, on purpose: the site is a condition on the terms' matches; an index
  -- would make Groonga read all of a large site's postings for every query.
  FULLTEXT KEY ft_content (content) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"',
  FULLTEXT KEY ft_recent (recent) COMMENT 'tokenizer "TokenBigramSplitSymbol", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per site: notices published at or after cutoff are in search_docs.recent; no row (or NULL):
-- all of them are. Moved by `xxgkctl search sync` and set by `xxgkctl search reindex`.
CREATE TABLE IF NOT EXISTS search_tiers (
  site_id  INT UNSIGNED NOT NULL PRIMARY KEY,
  cutoff   DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices WHERE status = 'published';
