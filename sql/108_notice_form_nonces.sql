-- 108: the new-notice form of the console is single-use. Sent twice (a double-click on 发布),
-- it made two notices with two 索引号. Its one-time token (the public filing form's, ysqgk_token.h)
-- names a nonce, kept here with the notice it made: the same form sent again finds it and makes
-- nothing. A table of its own, not a column of notices: imports and pushes never carry one.
CREATE TABLE IF NOT EXISTS notice_form_nonces (
  nonce      CHAR(32)        NOT NULL,
  notice_id  BIGINT UNSIGNED NOT NULL,
  created_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (nonce),
  KEY k_notice (notice_id),
  CONSTRAINT fk_form_nonce_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
