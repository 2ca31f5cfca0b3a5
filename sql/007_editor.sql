-- 007: the staff notice editor: version history, publication reasons, approval.

-- A site may require an approver's consent to publish an incomplete or late notice.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS require_approval TINYINT(1) NOT NULL DEFAULT 0;

-- 'pending': waiting for an approver to consent to publishing it incomplete or late.
ALTER TABLE notices MODIFY status ENUM('draft','pending','published','withdrawn') NOT NULL DEFAULT 'draft';
ALTER TABLE notices ADD COLUMN IF NOT EXISTS publish_note VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN IF NOT EXISTS version INT UNSIGNED NOT NULL DEFAULT 1;

-- Every saved state of a notice, for the version history.
CREATE TABLE IF NOT EXISTS notice_versions (
  notice_id  BIGINT UNSIGNED NOT NULL,
  version    INT UNSIGNED NOT NULL,
  saved_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor      VARCHAR(100) NOT NULL,
  snapshot   MEDIUMTEXT NOT NULL,                 -- JSON of the notice and its items
  PRIMARY KEY (notice_id, version),
  CONSTRAINT fk_version_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
