-- 003: staff accounts, sessions, sign-in throttling, and the audit log (全程留痕).

CREATE TABLE IF NOT EXISTS users (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id        INT UNSIGNED NULL,                 -- NULL: an admin of every site
  login          VARCHAR(64)  NOT NULL,
  display_name   VARCHAR(100) NOT NULL,
  password_hash  VARCHAR(255) NOT NULL,             -- yescrypt ($y$...) through libcrypt
  role           ENUM('admin','approver','staff') NOT NULL,
  disabled       TINYINT(1)   NOT NULL DEFAULT 0,
  failed_logins  INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until   DATETIME     NULL,
  created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  site_key_unique INT UNSIGNED AS (COALESCE(site_id, 0)) PERSISTENT,
  UNIQUE KEY uk_login (site_key_unique, login)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The disclosing bodies (发布机构 / the body a request is assigned to) a staff member serves.
CREATE TABLE IF NOT EXISTS user_bodies (
  user_id  INT UNSIGNED NOT NULL,
  body     VARCHAR(200) NOT NULL,
  PRIMARY KEY (user_id, body),
  CONSTRAINT fk_body_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions live in the database so that any worker on any host serves any request.
CREATE TABLE IF NOT EXISTS sessions (
  id_hash      CHAR(64)     NOT NULL PRIMARY KEY,   -- SHA-256 of the cookie's 256-bit id
  user_id      INT UNSIGNED NOT NULL,
  site_id      INT UNSIGNED NOT NULL,
  csrf_token   CHAR(64)     NOT NULL,
  created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ip           VARCHAR(64)  NOT NULL DEFAULT '',
  KEY k_user (user_id),
  CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS login_attempts (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id   INT UNSIGNED NOT NULL,
  login     VARCHAR(64)  NOT NULL,
  ip        VARCHAR(64)  NOT NULL,
  at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ok        TINYINT(1)   NOT NULL,
  KEY k_ip (ip, at),
  KEY k_login (site_id, login, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what, when, to what, with the record before and after (JSON), written in the same
-- transaction as the change itself.
CREATE TABLE IF NOT EXISTS audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  site_id     INT UNSIGNED NULL,
  actor       VARCHAR(100) NOT NULL,                -- a staff login, "public", "api", "xxgkctl", "system"
  actor_ip    VARCHAR(64)  NOT NULL DEFAULT '',
  action      VARCHAR(64)  NOT NULL,
  subject     VARCHAR(32)  NOT NULL,                -- notice, request, user, site, calendar, token
  subject_id  BIGINT UNSIGNED NULL,
  before_json MEDIUMTEXT   NULL,
  after_json  MEDIUMTEXT   NULL,
  note        VARCHAR(2000) NOT NULL DEFAULT '',
  KEY k_site_at (site_id, at),
  KEY k_subject (subject, subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
