-- 103: a deadline the body set as a date and wrote in a letter (the correction period's end, the
-- later reply date of Art. 35) stays that date when a year's holiday arrangement is loaded.
-- Recounted in working days, as every other deadline is, it moved: a 补正 period notified as
-- 「2027年2月4日前」 became 2027-02-03 after 2027's arrangement was loaded, and the request could
-- be declared abandoned on a day the letter still allowed. fixed_on is that date; the due date
-- is it, or the first working day after it when it turns out a rest day, moved on by any pause.
ALTER TABLE deadlines ADD COLUMN IF NOT EXISTS fixed_on DATE NULL AFTER due_on;

-- The open ones already notified: every correction period (its letter gives the date), and the
-- reply date set under Art. 35.
UPDATE deadlines SET fixed_on = due_on WHERE kind = 'correction' AND is_open = 1 AND fixed_on IS NULL;
UPDATE deadlines d JOIN requests r ON r.reply_deadline_id = d.id
   SET d.fixed_on = d.due_on
 WHERE d.is_open = 1 AND d.fixed_on IS NULL
   AND EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'art35_later');
