-- 080: the site's 网站标识码 (SiteIDCode), the identifier the national register of government
-- websites gives each site. 国办发〔2017〕47号 asks for it in the head of every page; the CMS's
-- footer shows it too, so it is the webmaster's to set (xxgkctl site set KEY --id-code CODE).
-- Empty until set: the pages then leave the tag out rather than carry a wrong one.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS id_code VARCHAR(16) NOT NULL DEFAULT '' AFTER domain;
