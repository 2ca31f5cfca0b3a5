-- 085: delivery of the answer (送达): how, on which day, and the postal tracking number of a
-- mailed one. Several per request (a reply sent again, a further document). Each is also a
-- "delivered" event on the request's timeline and an audit entry, in one transaction.
CREATE TABLE IF NOT EXISTS request_deliveries (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id    BIGINT UNSIGNED NOT NULL,
  method        ENUM('post','in-person','email','fax','online') NOT NULL,
  delivered_on  DATE         NOT NULL,
  tracking_no   VARCHAR(40)  NOT NULL DEFAULT '',   -- the postal tracking number (邮寄)
  note          VARCHAR(500) NOT NULL DEFAULT '',
  recorded_by   VARCHAR(100) NOT NULL,
  recorded_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_request (request_id, delivered_on),
  CONSTRAINT fk_delivery_request FOREIGN KEY (request_id) REFERENCES requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
