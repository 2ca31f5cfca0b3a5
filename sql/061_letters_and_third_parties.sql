-- 061: letters a body signs, and the third party of a consultation.
-- A letter as sent keeps the date of its step, the signing body and its signature line (the
-- text is as sent, remedies included), and whom it went to: the applicant, or a third party
-- (the consultation letter, the Art. 32 decision). A request keeps the third party consulted and
-- what it answered: an objection is what allows the Art. 32 decision.

ALTER TABLE request_letters
  ADD COLUMN IF NOT EXISTS on_date DATE NULL,
  ADD COLUMN IF NOT EXISTS signature VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS body_id INT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS addressee ENUM('applicant','third-party') NOT NULL DEFAULT 'applicant',
  ADD COLUMN IF NOT EXISTS to_name VARCHAR(200) NOT NULL DEFAULT '',
  ADD CONSTRAINT fk_letter_body FOREIGN KEY (body_id) REFERENCES bodies (id);
-- Letters sent before: dated by their step (their text carries the site's name and the day they
-- were written, as it was sent).
UPDATE request_letters l JOIN request_events e ON e.id = l.event_id SET l.on_date = e.on_date WHERE l.on_date IS NULL;

ALTER TABLE requests
  ADD COLUMN IF NOT EXISTS third_party VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS third_party_answer ENUM('agreed','objected','none') NULL;
