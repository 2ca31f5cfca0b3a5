-- 070: what the whole annual report (国办公开办函〔2021〕30号) counts that nothing recorded before.
--   notices: the change date (变更: a change restarts the notice's publication clock), the kind of
--            document section 二 counts (规章, 行政规范性文件, 行政许可/处罚/强制 decisions) and the
--            date a rule or normative document was repealed;
--   request_reviews: an administrative review of a request's answer, or a lawsuit against it
--            (directly, or after a review), with its dates and result (section 四);
--   annual_reports: what staff write or enter for a year's report of a body, a site or the
--            whole install (sections 一, 五, 六 and the figures the system cannot know).

ALTER TABLE notices ADD COLUMN IF NOT EXISTS changed_on DATE NULL AFTER formed_on,
  ADD COLUMN IF NOT EXISTS document_kind ENUM('other','rule','normative','licensing','penalty','enforcement')
      NOT NULL DEFAULT 'other' AFTER decision_kind,
  ADD COLUMN IF NOT EXISTS repealed_on DATE NULL AFTER document_kind;
-- The timeliness report selects notices by the date their clock starts (formed or changed).
ALTER TABLE notices ADD COLUMN IF NOT EXISTS clock_on DATE AS (GREATEST(formed_on, COALESCE(changed_on, formed_on))) PERSISTENT;
CREATE INDEX IF NOT EXISTS k_site_clock ON notices (site_id, clock_on);
CREATE INDEX IF NOT EXISTS k_site_kind ON notices (site_id, document_kind);

CREATE TABLE IF NOT EXISTS request_reviews (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id  BIGINT UNSIGNED NOT NULL,
  -- review: 行政复议; suit: 行政诉讼 未经复议直接起诉; suit-after-review: 复议后起诉
  kind        ENUM('review','suit','suit-after-review') NOT NULL,
  filed_on    DATE         NOT NULL,                    -- the day it was applied for or filed
  decided_on  DATE         NULL,                        -- the day of the decision or judgment
  result      ENUM('upheld','corrected','other','pending') NOT NULL DEFAULT 'pending',
  note        VARCHAR(1000) NOT NULL DEFAULT '',
  created_by  VARCHAR(100) NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_request (request_id),
  CONSTRAINT fk_review_request FOREIGN KEY (request_id) REFERENCES requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS annual_reports (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scope       VARCHAR(32)  NOT NULL,                    -- body:ID, site:ID or all
  year        SMALLINT UNSIGNED NOT NULL,
  overview    TEXT         NOT NULL,                    -- 一、总体情况
  problems    TEXT         NOT NULL,                    -- 五、存在的主要问题及改进情况
  other       TEXT         NOT NULL,                    -- 六、其他需要报告的事项
  -- Entered figures (NULL: not entered; the decisions then come from the notices).
  fees_wan    DECIMAL(12,4) NULL,                       -- 行政事业性收费, 万元
  licensing_n INT UNSIGNED NULL,
  penalty_n   INT UNSIGNED NULL,
  enforcement_n INT UNSIGNED NULL,
  notice_id   BIGINT UNSIGNED NULL,                     -- the draft notice made from it
  updated_by  VARCHAR(100) NOT NULL,
  updated_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_scope_year (scope, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
