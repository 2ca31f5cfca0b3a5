-- 107: a request's version, for the console's step forms. 1 when filed, one more with every step
-- of the workflow (and with a fee notice withdrawn because another request's step renumbered the
-- applicant's month). A step form carries the version its page showed, and a step posted from a
-- page the request has moved on from since (another member of staff took a step meanwhile, or the
-- same form was sent twice) is refused, instead of being applied to a state its sender never saw.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS version INT UNSIGNED NOT NULL DEFAULT 1 AFTER status;
