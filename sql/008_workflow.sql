-- 008: the staff side of disclosure on request: the state of the clock (extension, correction,
-- consultation, fee), the letters sent, and staff calendar-feed tokens.

ALTER TABLE requests ADD COLUMN IF NOT EXISTS extension_days SMALLINT UNSIGNED NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS correction_deadline_id BIGINT UNSIGNED NULL;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS consultation_deadline_id BIGINT UNSIGNED NULL;
-- The status to return to when a consultation ends (in_progress or extended).
ALTER TABLE requests ADD COLUMN IF NOT EXISTS resume_status VARCHAR(32) NULL;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS fee_state ENUM('none','notified','paid','unpaid') NOT NULL DEFAULT 'none';
ALTER TABLE requests ADD COLUMN IF NOT EXISTS fee_method ENUM('per-request','by-volume') NULL;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS fee_amount INT UNSIGNED NULL;      -- yuan
ALTER TABLE requests ADD COLUMN IF NOT EXISTS fee_pages INT UNSIGNED NULL;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS fee_pay_by DATE NULL;

-- Letters to the applicant (补正告知书, 延期答复告知书, 收费通知, 答复告知书), as sent.
CREATE TABLE IF NOT EXISTS request_letters (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id  BIGINT UNSIGNED NOT NULL,
  event_id    BIGINT UNSIGNED NULL,
  kind        VARCHAR(32)  NOT NULL,                 -- correction, extension, fee, reply, consultation
  title       VARCHAR(200) NOT NULL,
  body        MEDIUMTEXT   NOT NULL,
  created_by  VARCHAR(100) NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_request (request_id),
  CONSTRAINT fk_letter_request FOREIGN KEY (request_id) REFERENCES requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A staff member's calendar feed of due dates (iCal) is fetched by calendar programs that have
-- no session: the URL carries a token, stored here only hashed.
ALTER TABLE users ADD COLUMN IF NOT EXISTS ical_token_hash CHAR(64) NULL;
