-- 102: a notice's content items are kept once, in the notice's row (items_json, from 011:
-- [[item_code, label, value], ...] in item_code order, the empty ones left out; NULL for none).
--
-- Every writer already wrote them twice in one transaction: as that copy and as rows of
-- notice_items, eight rows a notice in a procurement catalog. Nothing reads one item alone: the
-- page, the search index, the push snapshot and the compliance report read the copy; the editor,
-- the API, OCDS and the completeness report read all of a notice's items at once. The second
-- copy cost a quarter of MariaDB's CPU in an import of a million notices (117-123 s against
-- 163-195 s; bench/README.md "The import at a million: one copy of the items"), and two copies
-- could drift apart after a change made by hand.
--
-- notice_items stays as a view over the copy, with the same columns, for what reads it (the
-- readers above; reports and SQL of a webmaster's own): read-only. A change made by hand now
-- goes to notices.items_json, and is on the pages after `xxgkctl cache clear`.
--
-- First the copy is brought level with the rows, as 011 computed it, for changes made by hand
-- since: on a site of a million notices this reads every notice once (minutes).
SET SESSION group_concat_max_len = 1073741824;
UPDATE notices n
   SET n.items_json = (SELECT JSON_ARRAYAGG(JSON_ARRAY(i.item_code, i.label, i.value)
                                            ORDER BY i.item_code COLLATE utf8mb4_bin)
                         FROM notice_items i WHERE i.notice_id = n.id);
DROP TABLE notice_items;
-- INVOKER: whoever reads it needs only SELECT on notices (no definer's account to carry along
-- in a dump or to another server).
CREATE OR REPLACE SQL SECURITY INVOKER VIEW notice_items AS
SELECT n.id AS notice_id, j.item_code, j.label, j.value
  FROM notices n,
       JSON_TABLE(n.items_json, '$[*]' COLUMNS (item_code VARCHAR(64) PATH '$[0]',
                                                label VARCHAR(200) PATH '$[1]',
                                                value TEXT PATH '$[2]')) j;
