-- 001: sites, notices, their content items and attachments, index-number serials.
-- Every table is InnoDB, utf8mb4. Public pages read through indexes that make them independent
-- of the table size: a column list is a range scan of notice_columns in (published_at, id) order.

CREATE TABLE IF NOT EXISTS sites (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_key      VARCHAR(32)  NOT NULL,
  name          VARCHAR(200) NOT NULL,
  variant       VARCHAR(32)  NOT NULL,
  org_code      VARCHAR(64)  NOT NULL,
  index_format  VARCHAR(64)  NOT NULL DEFAULT '{org}/{year}-{serial}',
  domain        VARCHAR(200) NOT NULL DEFAULT '',
  look          VARCHAR(32)  NOT NULL DEFAULT 'default',
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_site_key (site_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS notices (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id        INT UNSIGNED NOT NULL,
  index_no       VARCHAR(64)  NULL,              -- 索引号, assigned on first publication
  title          VARCHAR(500) NOT NULL,
  issuer         VARCHAR(200) NOT NULL,          -- 发布机构
  doc_number     VARCHAR(100) NOT NULL DEFAULT '', -- 发文字号
  subject        VARCHAR(100) NOT NULL DEFAULT '', -- 主题分类
  formed_on      DATE         NOT NULL,          -- 成文日期 (the information was formed or changed)
  published_at   DATETIME     NULL,              -- 发布日期
  validity       VARCHAR(16)  NOT NULL DEFAULT '有效', -- 公文时效
  domain_code    VARCHAR(32)  NOT NULL,
  category_code  VARCHAR(64)  NOT NULL,
  decision_kind  ENUM('general','licensing-penalty') NOT NULL DEFAULT 'general',
  body           MEDIUMTEXT   NOT NULL,
  status         ENUM('draft','published','withdrawn') NOT NULL DEFAULT 'draft',
  external_id    VARCHAR(100) NULL,              -- the CMS's own id, for imports and pushes
  created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_index_no (site_id, index_no),
  UNIQUE KEY uk_external (site_id, external_id),
  KEY k_site_status (site_id, status, published_at, id),
  KEY k_site_category (site_id, category_code, status),
  CONSTRAINT fk_notice_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per column (domain, category, parent categories) a published notice appears in,
-- so that every column's list is one index range in publication order, at any depth.
CREATE TABLE IF NOT EXISTS notice_columns (
  site_id       INT UNSIGNED NOT NULL,
  column_code   VARCHAR(64)  NOT NULL,
  published_at  DATETIME     NOT NULL,
  notice_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (site_id, column_code, published_at, notice_id),
  KEY k_notice (notice_id),
  CONSTRAINT fk_column_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The values a notice gives for its category's required content items.
CREATE TABLE IF NOT EXISTS notice_items (
  notice_id  BIGINT UNSIGNED NOT NULL,
  item_code  VARCHAR(64)  NOT NULL,
  label      VARCHAR(200) NOT NULL,
  value      TEXT         NOT NULL,
  PRIMARY KEY (notice_id, item_code),
  CONSTRAINT fk_item_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS attachments (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  notice_id   BIGINT UNSIGNED NOT NULL,
  filename    VARCHAR(255) NOT NULL,
  mime        VARCHAR(100) NOT NULL,
  size        BIGINT UNSIGNED NOT NULL,
  sha256      CHAR(64)     NOT NULL,
  data        LONGBLOB     NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_notice (notice_id),
  CONSTRAINT fk_attachment_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 索引号 serials: one counter per site and year, never reused.
CREATE TABLE IF NOT EXISTS index_serials (
  site_id      INT UNSIGNED NOT NULL,
  year         SMALLINT UNSIGNED NOT NULL,
  last_serial  INT UNSIGNED NOT NULL,
  PRIMARY KEY (site_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Bumped by every change to a site's published data; rendered pages are cached per generation,
-- so a publish or edit is visible on the next request from any worker.
CREATE TABLE IF NOT EXISTS site_generation (
  site_id     INT UNSIGNED NOT NULL PRIMARY KEY,
  generation  BIGINT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
