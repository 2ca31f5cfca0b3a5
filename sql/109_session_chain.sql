-- 109: a form stays sendable when its sender signs in again. A session's CSRF token was its own,
-- so a form opened before the idle limit was refused once the person signed in again in another
-- tab. A sign-in from a browser whose cookie still names an earlier session of the same account
-- now continues that session's chain, and a form carrying the token of any session of the chain
-- (within [auth] max_hours of that session's sign-in) is accepted. Sign-out ends the whole chain;
-- a new password and a disabled account end the account's sessions, and so their chains.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS chain CHAR(64) NOT NULL DEFAULT '' AFTER csrf_token;
ALTER TABLE sessions ADD KEY IF NOT EXISTS k_chain (chain);
-- a session signed in before this migration is the start of its own chain
UPDATE sessions SET chain = id_hash WHERE chain = '';
