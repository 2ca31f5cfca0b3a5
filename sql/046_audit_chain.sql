-- 046: a tamper-evident audit log (fcgi/core/audit.h). Each entry carries its place in the
-- install's one chain (seq, from 1 without gaps) and an HMAC over its content and the previous
-- entry's hash, under a key kept in the key file, not in the database: an entry changed by hand
-- no longer matches its hash, and a deleted one leaves a gap in seq. `xxgkctl audit verify`
-- names the first entry that does not match. The chain's head is one row, locked (FOR UPDATE)
-- by each writer in its own transaction, so that concurrent writers extend the chain one after
-- the other. Entries written before this migration have no seq until xxgkctl keys init (or
-- migrate, with the key file at hand) chains them, oldest first.

ALTER TABLE audit_log
  ADD COLUMN IF NOT EXISTS seq        BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS chain_hash CHAR(64) CHARACTER SET ascii NULL,
  ADD UNIQUE KEY IF NOT EXISTS uk_seq (seq);

CREATE TABLE IF NOT EXISTS audit_chain (
  id    TINYINT UNSIGNED NOT NULL PRIMARY KEY,       -- always 1: one chain per install
  seq   BIGINT UNSIGNED  NOT NULL,                   -- the last entry's
  hash  CHAR(64) CHARACTER SET ascii NOT NULL        -- the last entry's chain_hash
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO audit_chain (id, seq, hash) VALUES (1, 0, REPEAT('0', 64));
