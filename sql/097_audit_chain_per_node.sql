-- 097: one audit chain per database node (fcgi/core/audit.h). With one chain per install every
-- audited write locked the same head row; on a Galera cluster writers on two nodes then met as
-- certification conflicts, and a write that lost often enough in a row was refused. Each node
-- now extends a chain of its own (named by @@wsrep_node_name; a single server, wsrep off, is '');
-- the nodes never touch each other's heads. Entries carry their chain, a place in it (seq from 1
-- without gaps) and the HMAC over their content and the previous entry of the same chain, as
-- before. The install's one chain so far is chain 1, the single server's: its entries and hashes
-- stay valid as they are, and a single server goes on extending it. On a cluster each node starts
-- its own chain at its first audited write.

ALTER TABLE audit_chain
  MODIFY id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  ADD COLUMN IF NOT EXISTS node VARCHAR(255) NULL AFTER id;

UPDATE audit_chain SET node = '' WHERE id = 1 AND node IS NULL;

ALTER TABLE audit_chain
  MODIFY node VARCHAR(255) NOT NULL,            -- @@wsrep_node_name, or '' on a single server
  ADD UNIQUE KEY IF NOT EXISTS uk_node (node);

ALTER TABLE audit_log
  ADD COLUMN IF NOT EXISTS chain SMALLINT UNSIGNED NULL AFTER seq;

UPDATE audit_log SET chain = 1 WHERE seq IS NOT NULL AND chain IS NULL;

ALTER TABLE audit_log
  DROP INDEX IF EXISTS uk_seq,
  ADD UNIQUE KEY IF NOT EXISTS uk_chain_seq (chain, seq);
