-- 060: the disclosing bodies (机关) of a site as records: what a letter is signed with and what it
-- must name (the review body and the court for the remedies), what a receipt gives as the body's
-- address, telephone, fax and opening hours. The names stay where they were as the display text
-- and now refer to a record:
--   user_bodies (body_id, body)        -> bodies (id, name), a rename follows;
--   requests (site_id, assigned_body)  -> bodies (site_id, name), a rename follows; a request that is
--                                         not assigned yet belongs to the site's receiving body;
--   notices.issuer_body_id             -> bodies (id) where the issuer names a body; the issuer text
--                                         of a published notice stays as it was published.

CREATE TABLE IF NOT EXISTS bodies (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id        INT UNSIGNED NOT NULL,
  name           VARCHAR(200) NOT NULL,             -- as lists and letters show it
  address        VARCHAR(300) NOT NULL DEFAULT '',
  postcode       VARCHAR(10)  NOT NULL DEFAULT '',
  phone          VARCHAR(64)  NOT NULL DEFAULT '',
  fax            VARCHAR(64)  NOT NULL DEFAULT '',
  hours          VARCHAR(200) NOT NULL DEFAULT '',  -- opening hours of its office
  review_body    VARCHAR(200) NOT NULL DEFAULT '',  -- 复议机关: where an applicant seeks administrative review
  court          VARCHAR(200) NOT NULL DEFAULT '',  -- the people's court with jurisdiction over a suit against it
  signature      VARCHAR(200) NOT NULL DEFAULT '',  -- the letters' signature line; empty: the name
  -- The body that receives the site's requests: named on the receipt, and signing the letters of a
  -- request until it is assigned. At most one per site.
  receives       TINYINT(1)   NOT NULL DEFAULT 0,
  receives_site  INT UNSIGNED AS (IF(receives = 1, site_id, NULL)) PERSISTENT,
  created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_name (site_id, name),
  UNIQUE KEY uk_id_name (id, name),
  UNIQUE KEY uk_receives (receives_site),
  CONSTRAINT fk_body_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The strings in use become records (their contact details empty, for an admin to fill in).
UPDATE requests SET assigned_body = NULL WHERE assigned_body = '';
INSERT IGNORE INTO bodies (site_id, name)
  SELECT DISTINCT u.site_id, ub.body FROM user_bodies ub JOIN users u ON u.id = ub.user_id
  WHERE u.site_id IS NOT NULL AND ub.body <> '';
INSERT IGNORE INTO bodies (site_id, name)
  SELECT DISTINCT site_id, assigned_body FROM requests WHERE assigned_body IS NOT NULL;

-- A staff member serves bodies of their own site; admins of every site serve every body anyway.
ALTER TABLE user_bodies ADD COLUMN IF NOT EXISTS body_id INT UNSIGNED NULL;
UPDATE user_bodies ub JOIN users u ON u.id = ub.user_id JOIN bodies b ON b.site_id = u.site_id AND b.name = ub.body
  SET ub.body_id = b.id;
DELETE FROM user_bodies WHERE body_id IS NULL;
ALTER TABLE user_bodies MODIFY body_id INT UNSIGNED NOT NULL,
  ADD CONSTRAINT fk_user_body FOREIGN KEY (body_id, body) REFERENCES bodies (id, name) ON UPDATE CASCADE;

ALTER TABLE requests
  ADD CONSTRAINT fk_request_body FOREIGN KEY (site_id, assigned_body) REFERENCES bodies (site_id, name) ON UPDATE CASCADE;

-- updated_at kept: the feeds and lists read it as the notice's own change time.
ALTER TABLE notices ADD COLUMN IF NOT EXISTS issuer_body_id INT UNSIGNED NULL,
  ADD CONSTRAINT fk_notice_body FOREIGN KEY (issuer_body_id) REFERENCES bodies (id) ON DELETE SET NULL;
UPDATE notices n JOIN bodies b ON b.site_id = n.site_id AND b.name = n.issuer
  SET n.issuer_body_id = b.id, n.updated_at = n.updated_at;
