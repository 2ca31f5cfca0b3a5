-- 063: Art. 44 — information given on request that several applicants ask for (or an applicant
-- suggests publishing) becomes a notice for proactive disclosure: the request keeps the notice
-- made from it, and the notice's editor finds its request through this column.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS notice_id BIGINT UNSIGNED NULL,
  ADD CONSTRAINT fk_request_notice FOREIGN KEY (notice_id) REFERENCES notices (id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS k_notice ON requests (notice_id);
