-- 105: each pause of a reply period knows what it waits for and whether it still runs. The steps
-- that end one (the fee paid or the notice withdrawn, the third party's answer, the other body's
-- answer) found it by the latest first day or the latest end: with a fee notice and a
-- consultation at once, the fee paid on the day the consultation ended ended the consultation's
-- pause a second time and left the fee's running to the day it could have been paid (a reply
-- date four weeks late); two consultations begun the same day ended the first twice. A pause
-- made before this migration has no kind and is found as before, by its first day.
ALTER TABLE deadline_pauses
  ADD COLUMN IF NOT EXISTS kind ENUM('fee','consultation','other_body') NULL AFTER to_on,
  ADD COLUMN IF NOT EXISTS is_open TINYINT(1) NOT NULL DEFAULT 0 AFTER kind;
