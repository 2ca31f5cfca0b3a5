-- 106: a review or suit is recorded once. The form that records one from the request's page
-- carries the one-time token of the public filing form (requests.form_nonce, ysqgk_token.h); its
-- nonce is kept with the record, so that the same form sent twice (a double-click, Back and send
-- again) stores one record and the second is refused. Records entered before have none.
ALTER TABLE request_reviews ADD COLUMN IF NOT EXISTS form_nonce CHAR(32) NULL AFTER note;
CREATE UNIQUE INDEX IF NOT EXISTS uk_review_form_nonce ON request_reviews (form_nonce);
