/* Information-processing fees (《政府信息公开信息处理费管理办法》, 2020): free as a rule; only
 * for requests whose number or frequency clearly exceeds a reasonable range, by one method per
 * request. Amounts in yuan: pure functions; and the per-request method's count, kept in the
 * database. */
#ifndef XXGK_YSQGK_FEES_H
#define XXGK_YSQGK_FEES_H
#include "core/request.h"

/* Per request, by the applicant's n-th request in the calendar month: 1-10 free, 11-30 100
 * yuan each, then each further band of 10 requests 100 yuan more per request. */
long long ysqgk_fee_per_request(long long nth_in_month);
/* By volume, for one request of pages pages: 1-30 free, 31-100 10 yuan a page, 101-200 20 yuan
 * a page, from 201 40 yuan a page (each band priced at its own rate). */
long long ysqgk_fee_by_volume(long long pages);

/* The per-request count: requests.month_seq is a request's place among the same applicant's
 * requests to the same body (the one assigned, else the site's receiving body) received in the
 * same calendar month, in the order of their receipt dates (of registration within a day).
 * Renumbers request id's applicant's requests in the month holding day, in the caller's
 * transaction: after a filing, a corrected receipt date (both months) and an assignment. */
enum xerr ysqgk_fee_recount(struct request *req, long long id, int32_t day);

#endif
