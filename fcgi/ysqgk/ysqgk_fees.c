/* Fees (see ysqgk_fees.h). */
#include "ysqgk/ysqgk_fees.h"
#include "core/text.h"

long long ysqgk_fee_per_request(long long n)
{
	if (n <= 10)
		return 0;
	if (n <= 30)
		return 100;
	/* 31-40: 200, 41-50: 300, ... */
	return 100 * (2 + (n - 31) / 10);
}

long long ysqgk_fee_by_volume(long long pages)
{
	long long fee = 0;
	if (pages > 200) {
		fee += (pages - 200) * 40;
		pages = 200;
	}
	if (pages > 100) {
		fee += (pages - 100) * 20;
		pages = 100;
	}
	if (pages > 30)
		fee += (pages - 30) * 10;
	return fee;
}

enum xerr ysqgk_fee_recount(struct request *req, long long id, int32_t day)
{
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	char from[11], to[11];
	format_date(days_from_civil(y, m, 1), from);
	format_date(days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1), to);
	enum xerr e;
	const char *key = db_value(req->db, req->pool, &e, "SELECT applicant_key FROM requests WHERE id = ?", "i", id);
	const char *receiving = e == XE_OK ? db_value(req->db, req->pool, &e, "SELECT name FROM bodies WHERE receives_site = ?",
	                                              "i", req->site->id)
	                                   : NULL;
	if (e != XE_OK || key == NULL)
		return e != XE_OK ? e : XE_NOT_FOUND;
	return db_exec(req->db,
	               "UPDATE requests r JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY COALESCE(assigned_body, ?) "
	               "ORDER BY received_on, id) AS n FROM requests WHERE site_id = ? AND applicant_key = ? "
	               "AND received_on >= ? AND received_on < ?) x ON x.id = r.id "
	               "SET r.month_seq = x.n, r.updated_at = r.updated_at",
	               "sisss", receiving, req->site->id, key, from, to);
}
