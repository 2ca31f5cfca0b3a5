/* The staff notice editor's form: the declared fields, reading a submitted form into a
 * struct notice_in (with the category's items as fields), and the publication checks
 * (completeness, lateness, reason, approval) shared by create and update. */
#ifndef XXGK_NOTICE_FORM_H
#define XXGK_NOTICE_FORM_H
#include "notices/completeness.h"
#include "notices/notice_store.h"
#include "core/request.h"

/* The characters a publication's or a withdrawal's reason may have (kept in the audit log). */
#define NOTICE_REASON_MAX 1000

struct publish_check {
	struct completeness c;
	bool late, provisional;
	int late_by;            /* working days past the due date, today */
	char due[11];           /* due date of publication */
	int limit_days;
};

/* Reads the form; false with err filled (field, label, Chinese message). */
bool notice_form_read(struct request *req, struct notice_in *n, struct field_error *err);
/* Completeness and lateness of n if it were published today. */
enum xerr notice_form_check(struct request *req, const struct notice_in *n, struct publish_check *out);
/* Adds <editor> with the values, the category's items as fields, the bodies the user may
 * choose, the checks, and the error if any, under root. */
xmlNodePtr notice_form_xml(struct request *req, xmlNodePtr root, const struct notice_in *n, long long id,
                           const char *status, const struct publish_check *check, const struct field_error *err);
/* JSON of a notice for the audit log and version history (from p). */
const char *notice_json(struct pool *p, const struct notice_in *n, const char *status);
/* Loads a stored notice of the site into n (strings from the request's pool). */
enum xerr notice_form_load(struct request *req, long long id, struct notice_in *n, const char **status, int *version);
/* Reads the submitted form and saves it (action save or publish), with the checks, the version
 * and the audit entry, then redirects to the notice's page. id 0 creates. */
enum xerr notice_form_commit(struct request *req, long long id, const char *old_status, const char *before_json,
                             int version);
/* May the signed-in user act for this disclosing body? */
enum xerr notice_form_may_edit(struct request *req, const char *issuer, bool *yes);

#endif
