-- 041: sign-in limits that a stranger cannot turn against an account's owner
-- (fcgi/core/login_limits.h): an address is blocked after repeated failures; an account is never
-- locked, its further attempts wait a growing delay, except from addresses that have not failed
-- on it. One row per address (site_id 0: an address is blocked on every site) and per account
-- (the site and the login as typed, known or not, so that an unknown login is answered alike).
CREATE TABLE IF NOT EXISTS login_limits (
  kind       ENUM('address','account') NOT NULL,
  site_id    INT UNSIGNED NOT NULL,
  subject    VARCHAR(64)  NOT NULL,                    -- the address, or the login
  failures   INT UNSIGNED NOT NULL DEFAULT 0,          -- in the current run
  run_since  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP, -- the run's first failure
  last_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP, -- its latest
  wait_until DATETIME     NULL,                        -- address: blocked until; account: next attempt at
  PRIMARY KEY (kind, site_id, subject),
  KEY k_last (last_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The per-account lockout these replace.
ALTER TABLE users DROP COLUMN IF EXISTS failed_logins;
ALTER TABLE users DROP COLUMN IF EXISTS locked_until;
