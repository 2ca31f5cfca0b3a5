-- 062: the per-request fee method counts an applicant's requests per body and per calendar month
-- of receipt, in the order of the receipt dates (《政府信息公开信息处理费管理办法》), not per site in
-- the order of registration: requests.month_seq is renumbered so (fcgi/ysqgk/ysqgk_fees.c keeps
-- it, after a filing, a corrected receipt date or an assignment), and the per-site counter goes.
-- A request not assigned yet counts with the site's receiving body.

UPDATE requests r JOIN (
  SELECT q.id, ROW_NUMBER() OVER (
    PARTITION BY q.site_id, q.applicant_key, COALESCE(q.assigned_body, b.name), DATE_FORMAT(q.received_on, '%Y-%m')
    ORDER BY q.received_on, q.id) AS n
  FROM requests q LEFT JOIN bodies b ON b.receives_site = q.site_id
) x ON x.id = r.id
SET r.month_seq = x.n, r.updated_at = r.updated_at;

DROP TABLE IF EXISTS request_applicant_months;
