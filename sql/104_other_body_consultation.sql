-- 104: consulting another administrative body (征求其他机关意见) before answering a request.
-- Art. 33 para. 3 of the Regulation leaves the time needed for other bodies' opinions out of the
-- reply period, as for a third party's; only the third-party consultation could be recorded, and
-- its letter (损害贵方的合法权益, 15 working days) is wrong for a sister body. A request in the new
-- status body_consultation waits for the other body's answer, its reply clock paused from the
-- letter's sending to the day the answer is recorded. other_body names the body consulted;
-- consultation_deadline_id points, meanwhile, to the date the letter asks it to answer by. The
-- letter goes to that body (addressee other-body).

ALTER TABLE requests
  MODIFY COLUMN status ENUM('registered','correction_requested','corrected','abandoned','in_progress',
                            'consultation','extended','answered','closed','withdrawn','body_consultation')
                       NOT NULL DEFAULT 'registered',
  ADD COLUMN IF NOT EXISTS other_body VARCHAR(200) NULL AFTER third_party_answer;

ALTER TABLE request_letters
  MODIFY COLUMN addressee ENUM('applicant','third-party','other-body') NOT NULL DEFAULT 'applicant';
