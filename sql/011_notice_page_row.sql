-- 011: a notice page reads one row. Each notice keeps its items as the page shows them
-- (items_json: [[item_code, label, value], ...] in item_code order; NULL for none) and the number
-- of its attachments: the page's second statement and its EXISTS subquery on attachments had
-- cost MariaDB 84 of its 183 us a page (bench/README.md). xxgk writes both in the same
-- transaction as notice_items and attachments (fcgi/notice_store.c, fcgi/admin_notice_edit.c);
-- `xxgkctl cache clear` brings them level after changes made by hand.
ALTER TABLE notices ADD COLUMN IF NOT EXISTS items_json MEDIUMTEXT NULL,
                    ADD COLUMN IF NOT EXISTS attachment_count INT UNSIGNED NOT NULL DEFAULT 0;
-- JSON_ARRAYAGG stops at group_concat_max_len: 1 GB (its largest) for this session.
SET SESSION group_concat_max_len = 1073741824;
UPDATE notices n
   SET n.items_json = (SELECT JSON_ARRAYAGG(JSON_ARRAY(i.item_code, i.label, i.value)
                                            ORDER BY i.item_code COLLATE utf8mb4_bin)
                         FROM notice_items i WHERE i.notice_id = n.id),
       n.attachment_count = (SELECT COUNT(*) FROM attachments a WHERE a.notice_id = n.id);
