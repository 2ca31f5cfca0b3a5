-- 040: who registered a request. The one authorization decision (fcgi/ysqgk/ysqgk_authz.c) lets
-- the staff member who registered a request that has no disclosing body yet see it in full (the
-- postal address the answer goes to) and give it to a body they serve.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS registered_by INT UNSIGNED NULL;  -- users.id; NULL: filed online
