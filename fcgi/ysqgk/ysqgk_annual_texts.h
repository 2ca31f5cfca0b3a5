/* What staff write and enter for an annual report (ysqgk_annual_report.h): the text of sections
 * 一, 五 and 六, the fees (行政事业性收费, 万元) and any decision count the notices do not give;
 * and the finished report as a draft notice in a column of the site, to publish. Each change is
 * audited in its own transaction. */
#ifndef XXGK_YSQGK_ANNUAL_TEXTS_H
#define XXGK_YSQGK_ANNUAL_TEXTS_H
#include "core/request.h"
#include "ysqgk/ysqgk_annual_report.h"

/* Saves the posted form (overview, problems, other, fees_wan, licensing, penalty, enforcement; an
 * empty figure is "not entered") for the scope and year. XE_BAD_REQUEST with *message (nothing
 * stored). */
enum xerr ysqgk_annual_texts_save(struct request *req, const struct ysqgk_annual_scope *scope, int year,
                                  const char **message);
/* The report r (computed for a body or a site of req's site) as a draft notice of category in
 * req's site, issued by the body (a site's report: its receiving body), its text the report's;
 * *notice_id the draft. XE_CONFLICT or XE_BAD_REQUEST with *message. */
enum xerr ysqgk_annual_to_notice(struct request *req, const struct ysqgk_annual_report *r, const char *category,
                                 long long *notice_id, const char **message);

#endif
