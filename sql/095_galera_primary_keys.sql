-- 095: every InnoDB table has a primary key, as Galera needs (GUIDE section 11): it replicates
-- rows by their key, and a table without one is replicated by whole-row comparison on every node,
-- or, for DELETE, not reliably at all. deadline_pauses was the one without (several pauses of a
-- deadline may begin on the same day, so the key is a new id, not its columns).
ALTER TABLE deadline_pauses ADD COLUMN IF NOT EXISTS id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
