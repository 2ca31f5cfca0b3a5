-- 009: the timeliness report reads a site's notices by formation date.
CREATE INDEX IF NOT EXISTS k_site_formed ON notices (site_id, formed_on);
