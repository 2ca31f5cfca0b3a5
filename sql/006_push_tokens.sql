-- 006: API tokens for the push API (POST /xxgk/{site}/api/push), one or more per site.
-- Only the SHA-256 of a token is stored: `xxgkctl token add` shows the token once and it cannot
-- be read back. A revoked token stays for the record (the audit log names tokens by id).

CREATE TABLE IF NOT EXISTS push_tokens (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id       INT UNSIGNED NOT NULL,
  name          VARCHAR(100) NOT NULL DEFAULT '',   -- what the token is for, e.g. the CMS's name
  token_hash    CHAR(64)     NOT NULL,              -- lower-case hex SHA-256 of the 256-bit token
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_used_at  DATETIME     NULL,
  revoked_at    DATETIME     NULL,
  UNIQUE KEY uk_token_hash (token_hash),
  KEY k_site (site_id),
  CONSTRAINT fk_push_token_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
