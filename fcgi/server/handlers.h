/* Every page and API handler, for the route table (server/routes.c). They live by layer: the
 * public pages in public/ (page_*.c), the JSON API in api/ (api_*.c), the staff console in
 * admin/ (admin_*.c); a file holds one page or one resource's routes (a list, its form and its
 * actions). */
#ifndef XXGK_HANDLERS_H
#define XXGK_HANDLERS_H
#include "core/error.h"
#include "core/request.h"

/* public pages */
enum xerr page_sites(struct request *req);
enum xerr page_home(struct request *req);
enum xerr page_column(struct request *req);
enum xerr page_notice(struct request *req);
enum xerr page_catalog(struct request *req);
enum xerr page_attachment(struct request *req);
enum xerr page_search(struct request *req);
enum xerr page_text_size_css(struct request *req);
enum xerr page_text_size_set(struct request *req);

/* feeds and exchange */
enum xerr page_feed_site(struct request *req);
enum xerr page_feed_column(struct request *req);
enum xerr page_fragment(struct request *req);
enum xerr api_notices_list(struct request *req);
enum xerr api_notice(struct request *req);
enum xerr api_ocds(struct request *req);
enum xerr api_push(struct request *req);
enum xerr api_openapi(struct request *req);

/* disclosure on request, public side */
enum xerr page_ysqgk_redirect(struct request *req);
enum xerr page_ysqgk_form(struct request *req);
enum xerr page_ysqgk_submit(struct request *req);
enum xerr page_ysqgk_receipt(struct request *req);
enum xerr page_ysqgk_query_form(struct request *req);
enum xerr page_ysqgk_query(struct request *req);
enum xerr page_ysqgk_doc(struct request *req);
enum xerr api_ysqgk_file(struct request *req);
enum xerr api_ysqgk_show(struct request *req);

/* staff console */
enum xerr admin_login_form(struct request *req);
enum xerr admin_session_touch(struct request *req);
enum xerr admin_session_expired(struct request *req);
enum xerr admin_login_submit(struct request *req);
enum xerr admin_logout(struct request *req);
enum xerr admin_dashboard(struct request *req);
enum xerr admin_notices(struct request *req);
enum xerr admin_notice_new(struct request *req);
enum xerr admin_notice_create(struct request *req);
enum xerr admin_notice_edit(struct request *req);
enum xerr admin_notice_update(struct request *req);
enum xerr admin_notice_versions(struct request *req);
enum xerr admin_notice_upload(struct request *req);
enum xerr admin_audit(struct request *req);
enum xerr admin_audit_csv(struct request *req);
enum xerr admin_users(struct request *req);
enum xerr admin_user(struct request *req);
enum xerr admin_user_add(struct request *req);
enum xerr admin_user_update(struct request *req);
enum xerr admin_account(struct request *req);
enum xerr admin_account_update(struct request *req);
enum xerr admin_bodies(struct request *req);
enum xerr admin_body(struct request *req);
enum xerr admin_body_add(struct request *req);
enum xerr admin_body_update(struct request *req);
enum xerr admin_login_limits(struct request *req);
enum xerr admin_login_limits_clear(struct request *req);
enum xerr admin_ysqgk_queue(struct request *req);
enum xerr admin_queue_csv(struct request *req);  /* admin_queue_export.c */
enum xerr admin_queue_xlsx(struct request *req);
enum xerr admin_queue_assign(struct request *req); /* admin_queue_batch.c */
enum xerr admin_ysqgk_deliver(struct request *req); /* admin_ysqgk_delivery.c */
/* The case page again after a refused POST, with why and what was typed (admin_ysqgk_case.c). */
enum xerr admin_ysqgk_refused(struct request *req, long long id, const char *action, enum xerr e, const char *message);
/* A review's form refused: the request's page again, the reason in its reviews' section. */
enum xerr admin_ysqgk_review_refused(struct request *req, long long id, enum xerr e, const char *message);
/* ... naming the form's field the refusal is about (aria-invalid on it, a link to it). */
enum xerr admin_ysqgk_refused_at(struct request *req, long long id, const char *action, enum xerr e, const char *field,
                                 const char *message);
enum xerr admin_ysqgk_ics(struct request *req);
enum xerr admin_ysqgk_register_form(struct request *req);
enum xerr admin_ysqgk_register(struct request *req);
enum xerr admin_ysqgk_ical_token(struct request *req);
enum xerr admin_ysqgk_case(struct request *req);
enum xerr admin_ysqgk_act(struct request *req);
enum xerr admin_ysqgk_reissue(struct request *req);
enum xerr admin_ysqgk_letter(struct request *req);
enum xerr admin_ysqgk_file(struct request *req);
enum xerr admin_ysqgk_to_notice(struct request *req);
enum xerr admin_ysqgk_review(struct request *req); /* admin_ysqgk_review.c */
enum xerr admin_report_annual(struct request *req);
enum xerr admin_report_annual_save(struct request *req);
enum xerr admin_report_annual_notice(struct request *req);
enum xerr admin_report_timeliness(struct request *req);
enum xerr admin_report_compliance(struct request *req); /* admin_compliance.c */

#endif
