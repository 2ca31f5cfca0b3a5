-- 096: the search index on every node of a Galera cluster (README "Search", GUIDE section 11).
--
-- search_docs is a Mroonga table: Galera replicates its definition but not its rows, so each node
-- keeps its own index. What changes it is now a log that every node reads, instead of a queue
-- that the first reader emptied for all:
-- - search_log (InnoDB, replicated like everything else): one row per notice to bring up to
--   date, written in the transaction that changed the notice. Per site, seq numbers the changing
--   transactions in commit order: each one takes the next from search_log_heads, whose row it
--   holds until it commits (on a cluster, two nodes taking the same number are a certification
--   conflict, and one of them runs again), so a reader that sees a seq has seen every smaller one.
-- - search_marks (Mroonga, like the index: one per node, never replicated, copied with the index
--   when a node is rebuilt from another by a state transfer): per site, the last entry this
--   node's index has applied (seq, notice_id; notice_id 2^63-1 when all of seq is).
-- - search_node_lock: one row that a node's appliers lock (FOR UPDATE SKIP LOCKED) so that one at
--   a time applies the log there. Galera does not replicate row locks: each node's is its own.
-- - search_pending: a view of what this node has still to apply (xxgkctl search status counts it
--   per node).
-- search_log is pruned after 7 days by `xxgkctl search sync`; search_log_heads.pruned says up to
-- which seq, so that a node that was away longer knows its index must be rebuilt.
CREATE TABLE IF NOT EXISTS search_log (
  site_id    INT UNSIGNED NOT NULL,
  seq        BIGINT UNSIGNED NOT NULL,
  notice_id  BIGINT UNSIGNED NOT NULL,
  logged_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (site_id, seq, notice_id),
  KEY k_logged (logged_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS search_log_heads (
  site_id  INT UNSIGNED NOT NULL PRIMARY KEY,
  seq      BIGINT UNSIGNED NOT NULL,
  pruned   BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS search_marks (
  site_id    INT UNSIGNED NOT NULL PRIMARY KEY,
  seq        BIGINT NOT NULL,
  notice_id  BIGINT NOT NULL
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS search_node_lock (
  id  TINYINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO search_node_lock (id) VALUES (1);

-- What the old queue held becomes one logged change per site.
INSERT INTO search_log_heads (site_id, seq)
  SELECT DISTINCT n.site_id, 1 FROM search_pending p JOIN notices n ON n.id = p.notice_id
  ON DUPLICATE KEY UPDATE seq = search_log_heads.seq + 1;
INSERT IGNORE INTO search_log (site_id, seq, notice_id)
  SELECT n.site_id, h.seq, n.id FROM search_pending p JOIN notices n ON n.id = p.notice_id
  JOIN search_log_heads h ON h.site_id = n.site_id;
DROP TABLE search_pending;

CREATE OR REPLACE SQL SECURITY INVOKER VIEW search_pending AS
  SELECT DISTINCT l.notice_id FROM search_log l LEFT JOIN search_marks m ON m.site_id = l.site_id
  WHERE m.site_id IS NULL OR l.seq > m.seq OR (l.seq = m.seq AND l.notice_id > m.notice_id);
