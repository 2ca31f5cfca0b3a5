-- 086: the daily reminder mail to staff (xxgkctl remind): where a staff member reads mail, and
-- whether they want the reminder (on unless they turn it off in the console). reminder_sent
-- records each user's reminder of a day, in the transaction that queues it, so that the timer
-- running twice (or on two hosts) sends it once.
ALTER TABLE users
  ADD COLUMN IF NOT EXISTS email VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS remind TINYINT(1) NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS reminder_sent (
  user_id   INT UNSIGNED NOT NULL,
  site_id   INT UNSIGNED NOT NULL,
  on_date   DATE         NOT NULL,
  outbox_id BIGINT UNSIGNED NULL,
  PRIMARY KEY (user_id, site_id, on_date),
  CONSTRAINT fk_reminder_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
