/* Information-processing fees (《政府信息公开信息处理费管理办法》, 2020): free as a rule; only
 * for requests whose number or frequency clearly exceeds a reasonable range, by one method per
 * request. Amounts in yuan. Pure functions. */
#ifndef XXGK_YSQGK_FEES_H
#define XXGK_YSQGK_FEES_H

/* Per request, by the applicant's n-th request in the calendar month: 1-10 free, 11-30 100
 * yuan each, then each further band of 10 requests 100 yuan more per request. */
long long ysqgk_fee_per_request(long long nth_in_month);
/* By volume, for one request of pages pages: 1-30 free, 31-100 10 yuan a page, 101-200 20 yuan
 * a page, from 201 40 yuan a page (each band priced at its own rate). */
long long ysqgk_fee_by_volume(long long pages);

#endif
