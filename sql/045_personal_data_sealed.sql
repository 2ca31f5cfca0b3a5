-- 045: applicants' personal data sealed at rest (fcgi/ysqgk/ysqgk_pii.h, fcgi/core/seal.h).
-- 《个人信息保护法》 Art. 28 counts identity numbers as sensitive personal information; Art. 51 asks
-- for encryption or de-identification. The identity number, phone, e-mail and postal address of
-- a request, and the recipient of a mail, are stored as AES-256-GCM (or SM4-GCM) text under a
-- key kept in a file outside the database ([keys] file); pii_key names that key (0: in clear, a
-- row written before this migration, until xxgkctl migrate, keys init or keys rotate seals it
-- with the key file at hand). The masks that lists and most staff see are kept in clear beside
-- them, so that the console opens a value only for those who may see it in full.
-- applicant_key becomes a keyed hash (HMAC) of the identity when the row is sealed.

ALTER TABLE requests
  MODIFY COLUMN id_number VARCHAR(200)  NOT NULL DEFAULT '',
  MODIFY COLUMN phone     VARCHAR(100)  NOT NULL DEFAULT '',
  MODIFY COLUMN email     VARCHAR(400)  NOT NULL DEFAULT '',
  MODIFY COLUMN address   VARCHAR(1200) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS pii_key        INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS id_number_mask VARCHAR(64)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS phone_mask     VARCHAR(32)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS email_mask     VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS address_mask   VARCHAR(300) NOT NULL DEFAULT '',
  ADD KEY IF NOT EXISTS k_pii_key (pii_key);

ALTER TABLE outbox
  MODIFY COLUMN to_addr VARCHAR(400) NOT NULL,
  ADD COLUMN IF NOT EXISTS pii_key INT UNSIGNED NOT NULL DEFAULT 0,
  ADD KEY IF NOT EXISTS k_pii_key (pii_key);
