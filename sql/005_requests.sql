-- 005: disclosure on request (依申请公开): the requests, their timeline (全程留痕), attachments,
-- tracking-number serials, the per-applicant monthly count the fee rules need, the per-address
-- abuse throttles, the install's signing secret, and the mail outbox.
--
-- Personal information (id_number, phone, address; also email) lives only in `requests`: public
-- pages, feeds, logs and the audit trail never carry it (the audit trail stores masked values);
-- staff lists show it masked (ysqgk_mask_* in fcgi/ysqgk.c), the handler of the request in full.
-- The query code is never stored: only SHA-256(query_salt || ':' || code).
-- Due dates are not copied here: the governing deadline is a row of `deadlines` (migration 002),
-- recomputed there when the calendar changes; requests.reply_deadline_id points to it.

CREATE TABLE IF NOT EXISTS requests (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id            INT UNSIGNED NOT NULL,
  tracking_no        VARCHAR(64)  NOT NULL,             -- {SITEKEY}-{YEAR}-{SERIAL:05}, never reused
  year               SMALLINT UNSIGNED NOT NULL,        -- the year of the serial
  serial             INT UNSIGNED NOT NULL,
  query_salt         CHAR(32)     NOT NULL,             -- random, per request
  query_hash         CHAR(64)     NOT NULL,             -- SHA-256 hex of salt ':' code
  channel            ENUM('online','in-person','registered-post','ordinary-post','fax','email') NOT NULL,
  applicant_type     ENUM('person','organization') NOT NULL,
  -- the annual report's applicant columns for legal persons and other organisations
  org_kind           ENUM('commercial','research','public-interest','legal-services','other') NULL,
  name               VARCHAR(200) NOT NULL,             -- the person's name or the organisation's
  org_code           VARCHAR(32)  NOT NULL DEFAULT '',  -- 统一社会信用代码
  legal_rep          VARCHAR(100) NOT NULL DEFAULT '',  -- 法定代表人或负责人
  contact            VARCHAR(100) NOT NULL DEFAULT '',  -- 联系人
  id_type            VARCHAR(32)  NOT NULL DEFAULT '',  -- resident-id, passport, ... (fcgi/ysqgk.c)
  id_number          VARCHAR(64)  NOT NULL DEFAULT '',  -- personal information
  phone              VARCHAR(32)  NOT NULL DEFAULT '',  -- personal information
  email              VARCHAR(254) NOT NULL DEFAULT '',
  address            VARCHAR(300) NOT NULL DEFAULT '',  -- personal information
  postcode           VARCHAR(10)  NOT NULL DEFAULT '',
  -- SHA-256 of the normalised identity (person: id type and number; organisation: its code):
  -- who "the same applicant" is for the per-request fee method.
  applicant_key      CHAR(64)     NOT NULL,
  month_seq          INT UNSIGNED NOT NULL,             -- this applicant's n-th request in the month of receipt
  description        TEXT         NOT NULL,             -- 所需信息的名称、文号或者便于查询的其他特征性描述
  doc_number         VARCHAR(200) NOT NULL DEFAULT '',
  form               ENUM('paper','electronic','disc','disk') NOT NULL,    -- 提供形式
  delivery           ENUM('post','email','pickup','fax','onsite') NOT NULL, -- 获取方式
  received_on        DATE         NOT NULL,             -- the receipt date the rules give the channel
  status             ENUM('registered','correction_requested','corrected','abandoned','in_progress',
                          'consultation','extended','answered','closed','withdrawn') NOT NULL DEFAULT 'registered',
  reply_deadline_id  BIGINT UNSIGNED NULL,              -- the deadlines row that governs the reply now
  assigned_body      VARCHAR(200) NULL,                 -- the disclosing body (user_bodies.body)
  handler_user_id    INT UNSIGNED NULL,                 -- the staff member handling it
  -- the annual report's rows: outcome and its numbered reason (不予公开 1-8, 无法提供 1-3, ...)
  outcome            ENUM('disclosed','partly-disclosed','not-disclosed','cannot-provide',
                          'not-processed','other') NULL,
  reason_code        VARCHAR(16)  NULL,
  answered_on        DATE         NULL,
  closed_on          DATE         NULL,
  form_nonce         CHAR(32)     NULL,                 -- the web form's one-time nonce (no double filing)
  created_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_tracking (site_id, tracking_no),
  UNIQUE KEY uk_serial (site_id, year, serial),
  UNIQUE KEY uk_form_nonce (form_nonce),
  KEY k_site_status (site_id, status, received_on),
  KEY k_site_received (site_id, received_on),
  KEY k_applicant (site_id, applicant_key, received_on),
  KEY k_body (site_id, assigned_body, status),
  CONSTRAINT fk_request_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tracking-number serials: one counter per site and year, never reused.
CREATE TABLE IF NOT EXISTS request_serials (
  site_id      INT UNSIGNED NOT NULL,
  year         SMALLINT UNSIGNED NOT NULL,
  last_serial  INT UNSIGNED NOT NULL,
  PRIMARY KEY (site_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Requests per applicant and calendar month (YYYY-MM of received_on), counted atomically at
-- filing: requests.month_seq is this counter after the increment.
CREATE TABLE IF NOT EXISTS request_applicant_months (
  site_id        INT UNSIGNED NOT NULL,
  applicant_key  CHAR(64)     NOT NULL,
  month          CHAR(7)      NOT NULL,
  requests       INT UNSIGNED NOT NULL,
  PRIMARY KEY (site_id, applicant_key, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every step, who took it, when, why; `visible` steps are shown to the applicant
-- on the tracking page with applicant_note (the internal note never is).
CREATE TABLE IF NOT EXISTS request_events (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id      BIGINT UNSIGNED NOT NULL,
  at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  on_date         DATE         NOT NULL,                -- the date the step takes effect (e.g. signed for)
  actor           VARCHAR(100) NOT NULL,                -- staff login, "public", "api", "system"
  kind            VARCHAR(32)  NOT NULL,                -- filed, registered, correction_requested, ...
  status_from     VARCHAR(32)  NULL,
  status_to       VARCHAR(32)  NULL,
  note            VARCHAR(2000) NOT NULL DEFAULT '',    -- why (internal)
  applicant_note  TEXT         NULL,                    -- what the applicant is told
  visible         TINYINT(1)   NOT NULL DEFAULT 0,
  KEY k_request (request_id, at),
  CONSTRAINT fk_event_request FOREIGN KEY (request_id) REFERENCES requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files: the applicant's (an ID scan, a corrected request) and the body's (reply documents).
-- The type is decided from the content (magic bytes), never from the client's claim.
CREATE TABLE IF NOT EXISTS request_attachments (
  id                    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id            BIGINT UNSIGNED NOT NULL,
  event_id              BIGINT UNSIGNED NULL,
  kind                  ENUM('application','correction','reply','notice','other') NOT NULL,
  filename              VARCHAR(255) NOT NULL,
  mime                  VARCHAR(100) NOT NULL,
  size                  BIGINT UNSIGNED NOT NULL,
  sha256                CHAR(64)     NOT NULL,
  data                  LONGBLOB     NOT NULL,
  visible_to_applicant  TINYINT(1)   NOT NULL DEFAULT 0,
  uploaded_by           VARCHAR(100) NOT NULL,
  created_at            DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_request (request_id, kind),
  CONSTRAINT fk_rattach_request FOREIGN KEY (request_id) REFERENCES requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Fixed-window counters per address (workers are stateless and may run on several hosts).
CREATE TABLE IF NOT EXISTS throttle_counters (
  bucket        VARCHAR(16)  NOT NULL,                  -- "file", "query"
  addr          VARCHAR(64)  NOT NULL,
  window_start  BIGINT       NOT NULL,                  -- Unix seconds, a multiple of the window
  hits          INT UNSIGNED NOT NULL,
  PRIMARY KEY (bucket, addr, window_start),
  KEY k_window (window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-install secrets (HMAC keys: the form's signed issue time, document links), created on
-- first use from the kernel's random source.
CREATE TABLE IF NOT EXISTS install_secrets (
  name        VARCHAR(32) NOT NULL PRIMARY KEY,
  secret      CHAR(64)    NOT NULL,
  created_at  DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mail to applicants. [mail] mode = outbox keeps messages here ('held') for staff to read;
-- mode = smtp queues them ('queued') and delivers them through the relay.
CREATE TABLE IF NOT EXISTS outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id     INT UNSIGNED NULL,
  request_id  BIGINT UNSIGNED NULL,
  to_addr     VARCHAR(254) NOT NULL,
  subject     VARCHAR(500) NOT NULL,
  body        MEDIUMTEXT   NOT NULL,
  status      ENUM('held','queued','sending','sent','failed') NOT NULL,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  last_error  VARCHAR(500) NOT NULL DEFAULT '',
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  claimed_at  DATETIME     NULL,
  sent_at     DATETIME     NULL,
  KEY k_status (status, id),
  KEY k_site (site_id, id),
  KEY k_request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
