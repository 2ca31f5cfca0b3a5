-- 090: pushes of notices to the trading platforms the catalogs name (issue 22, item 3).
-- push_endpoints: where a site's notices go, one row per platform (a catalog channel with
-- pushed="yes"), managed by `xxgkctl push endpoint add|list|remove`. The key signs each POST
-- (HMAC-SHA256), so it is kept as given: a hash could not sign.
CREATE TABLE IF NOT EXISTS push_endpoints (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id     INT UNSIGNED NOT NULL,
  name        VARCHAR(100)  NOT NULL,                 -- the operator's name for it, unique per site
  channel     VARCHAR(100)  NOT NULL,                 -- the catalog's <channel name>: which categories
  url         VARCHAR(1000) NOT NULL,
  secret      VARCHAR(128)  NOT NULL,
  format      ENUM('json','ocds') NOT NULL DEFAULT 'json',
  active      TINYINT(1)    NOT NULL DEFAULT 1,       -- 0: removed (its history stays)
  created_at  DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uk_site_name (site_id, name),
  CONSTRAINT fk_push_endpoint_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- push_changes: the outbox. One row per publication, change or withdrawal of a notice of a site
-- that has an active endpoint, written in the change's own transaction with the notice as it
-- then stood (snapshot), so a rolled-back change is never pushed and each change carries its
-- own content. expanded: its deliveries (one per endpoint whose channel covers the category)
-- have been made; that needs the catalog, which the worker or xxgkctl doing it has.
CREATE TABLE IF NOT EXISTS push_changes (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id     INT UNSIGNED    NOT NULL,
  notice_id   BIGINT UNSIGNED NOT NULL,
  event       ENUM('publish','update','withdraw') NOT NULL,
  category_code VARCHAR(64)   NOT NULL,               -- which endpoints it goes to (their channels)
  snapshot    MEDIUMTEXT      NOT NULL,               -- JSON of the notice (push.h)
  created_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  expanded    TINYINT(1)      NOT NULL DEFAULT 0,
  KEY k_unexpanded (expanded, id),
  KEY k_notice (notice_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- push_deliveries: one change to one endpoint, with the bytes to send. Delivered in id order per
-- notice and endpoint: a row waits while an earlier one of its notice and endpoint is unsent.
-- A sender leases a row (lease_until) before its POST, so two senders never send it at once; a
-- sender that died leaves a lease that runs out, and the row is sent again with the same
-- delivery id for the receiver to recognise.
CREATE TABLE IF NOT EXISTS push_deliveries (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  change_id     BIGINT UNSIGNED NOT NULL,
  endpoint_id   INT UNSIGNED    NOT NULL,
  site_id       INT UNSIGNED    NOT NULL,
  notice_id     BIGINT UNSIGNED NOT NULL,
  body          MEDIUMTEXT      NOT NULL,
  status        ENUM('queued','sent') NOT NULL DEFAULT 'queued',
  attempts      INT UNSIGNED    NOT NULL DEFAULT 0,
  next_at       DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  lease_until   DATETIME(6)     NULL,
  last_at       DATETIME(6)     NULL,                 -- the latest attempt
  last_status   INT             NULL,                 -- its HTTP status (NULL: no answer)
  last_error    VARCHAR(500)    NULL,
  sent_at       DATETIME(6)     NULL,
  UNIQUE KEY uk_change_endpoint (change_id, endpoint_id),
  KEY k_due (status, next_at),
  KEY k_order (endpoint_id, notice_id, status, id),
  KEY k_notice (notice_id, endpoint_id, id),
  KEY k_site (site_id, status, id),
  CONSTRAINT fk_push_delivery_change FOREIGN KEY (change_id) REFERENCES push_changes (id),
  CONSTRAINT fk_push_delivery_endpoint FOREIGN KEY (endpoint_id) REFERENCES push_endpoints (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
