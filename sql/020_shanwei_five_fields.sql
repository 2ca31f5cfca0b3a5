-- 020: the Shanwei catalog has the five fields of its document's 二（三）1-5 as five domains.
-- 国有土地使用权出让 and 矿业权出让 had been one domain (D03) with the two fields as its
-- categories; 转让价格 and 交易价格 had been categories of 国有产权交易 (D04) although they are
-- what a transaction notice states. Notices of Shanwei sites move with their categories:
--   D03.C01 (国有土地使用权出让) -> D03, the domain; its D03.C01.Cnn -> D03.Cnn
--   D03.C02 (矿业权出让) -> D05; its D03.C02.Cnn -> D05.Cnn
--   D04.C03 (转让价格), D04.C04 (交易价格) -> D04.C02 (交易项目信息, which has them as items)
-- and so do their column rows. The former categories had no items, so no item moves. Codes
-- D03.C01 and D03.C02 exist before and after with other meanings: a site that already has
-- notices in a code only the new catalog has is left alone. Pages are cached by the site's
-- generation, which is bumped; run `xxgkctl cache clear` afterwards where nginx serves stored
-- page copies ([cache] copies_dir), as after any change made in SQL.
CREATE TEMPORARY TABLE IF NOT EXISTS m020_codes (
  old_code VARCHAR(64) NOT NULL PRIMARY KEY,
  new_code VARCHAR(64) NOT NULL
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DELETE FROM m020_codes;
INSERT INTO m020_codes (old_code, new_code) VALUES
  ('D03.C01', 'D03'), ('D03.C01.C01', 'D03.C01'), ('D03.C01.C02', 'D03.C02'), ('D03.C01.C03', 'D03.C03'),
  ('D03.C01.C04', 'D03.C04'),
  ('D03.C02', 'D05'), ('D03.C02.C01', 'D05.C01'), ('D03.C02.C02', 'D05.C02'), ('D03.C02.C03', 'D05.C03'),
  ('D04.C03', 'D04.C02'), ('D04.C04', 'D04.C02');

CREATE TEMPORARY TABLE IF NOT EXISTS m020_moved (
  notice_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  new_code  VARCHAR(64) NOT NULL
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DELETE FROM m020_moved;
INSERT INTO m020_moved (notice_id, new_code)
SELECT n.id, m.new_code
  FROM notices n
  JOIN sites s ON s.id = n.site_id AND s.variant = 'shanwei'
  JOIN m020_codes m ON m.old_code = n.category_code COLLATE utf8mb4_bin
 WHERE NOT EXISTS (SELECT 1 FROM notices o
                    WHERE o.site_id = n.site_id
                      AND (o.category_code LIKE 'D05%' OR o.category_code IN ('D03.C03', 'D03.C04')));

UPDATE notices n JOIN m020_moved x ON x.notice_id = n.id
   SET n.category_code = x.new_code, n.domain_code = LEFT(x.new_code, 3);

-- A listed notice keeps its '*' row (the site's list); its column rows are written again from
-- the new code: the domain, then each category down to it.
DELETE c FROM notice_columns c JOIN m020_moved x ON x.notice_id = c.notice_id WHERE c.column_code <> '*';
INSERT INTO notice_columns (site_id, column_code, published_at, notice_id, title)
SELECT c.site_id, LEFT(x.new_code, l.len), c.published_at, c.notice_id, c.title
  FROM notice_columns c
  JOIN m020_moved x ON x.notice_id = c.notice_id
  JOIN (SELECT 3 AS len UNION ALL SELECT 7 UNION ALL SELECT 11 UNION ALL SELECT 15) l ON l.len <= LENGTH(x.new_code)
 WHERE c.column_code = '*';

UPDATE site_generation g JOIN sites s ON s.id = g.site_id
   SET g.generation = g.generation + 1
 WHERE s.variant = 'shanwei';

DROP TEMPORARY TABLE m020_moved;
DROP TEMPORARY TABLE m020_codes;
