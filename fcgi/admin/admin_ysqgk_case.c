/* /admin/requests/{id}: one disclosure request for the staff who handle it — the applicant's
 * details (in full only to those ysqgk_authz.h allows), the deadlines, the whole timeline with
 * internal notes, the letters, the steps the user may take now and, once answered, the form that
 * makes the answer a notice (Art. 44); POST applies a step, and a refused one shows the page
 * again with why and what was typed. */
#include "admin/admin_delivery.h"
#include "core/body.h"
#include "core/calendar.h"
#include "notices/catalog.h"
#include "notices/completeness.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_letter.h"
#include "ysqgk/ysqgk_pii.h"
#include "ysqgk/ysqgk_proactive.h"
#include "ysqgk/ysqgk_review.h"
#include "ysqgk/ysqgk_workflow.h"
#include <stdlib.h>
#include <string.h>

/* The columns of load_case()'s row. */
enum case_col {
	K_TRACKING, K_STATUS, K_CHANNEL, K_TYPE, K_ORG_KIND, K_NAME, K_ORG_CODE, K_LEGAL_REP, K_CONTACT, K_ID_TYPE,
	K_ID_NUMBER, K_PHONE, K_EMAIL, K_ADDRESS, K_POSTCODE, K_DESCRIPTION, K_DOC_NUMBER, K_FORM, K_DELIVERY,
	K_RECEIVED, K_BODY, K_HANDLER, K_OUTCOME, K_REASON, K_ANSWERED, K_EXTENSION, K_FEE_STATE, K_FEE_AMOUNT,
	K_FEE_PAY_BY, K_MONTH_SEQ, K_REPLY_DEADLINE, K_CORRECTION_DEADLINE, K_CONSULTATION_DEADLINE, K_PII_KEY,
	K_ID_NUMBER_MASK, K_PHONE_MASK, K_EMAIL_MASK, K_ADDRESS_MASK, K_NOTICE, K_VERSION
};

static enum xerr load_case(struct request *req, long long id, char ***row)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.tracking_no, r.status, r.channel, r.applicant_type, r.org_kind, r.name, r.org_code, "
	                       "r.legal_rep, r.contact, r.id_type, r.id_number, r.phone, r.email, r.address, r.postcode, "
	                       "r.description, r.doc_number, r.form, r.delivery, DATE_FORMAT(r.received_on, '%Y-%m-%d'), "
	                       "COALESCE(r.assigned_body, ''), COALESCE(r.handler_user_id, 0), r.outcome, r.reason_code, "
	                       "DATE_FORMAT(r.answered_on, '%Y-%m-%d'), r.extension_days, r.fee_state, r.fee_amount, "
	                       "DATE_FORMAT(r.fee_pay_by, '%Y-%m-%d'), r.month_seq, COALESCE(r.reply_deadline_id, 0), "
	                       "COALESCE(r.correction_deadline_id, 0), COALESCE(r.consultation_deadline_id, 0), r.pii_key, "
	                       "r.id_number_mask, r.phone_mask, r.email_mask, r.address_mask, r.notice_id, r.version "
	                       "FROM requests r WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	*row = r.rows[0];
	return XE_OK;
}

/* The request's fields as attributes: as stored, the personal ones masked unless full, and the
 * labels of the codes. */
static void add_details(struct request *req, xmlNodePtr rn, char **w, bool full)
{
	static const struct {
		enum case_col col;
		const char *attr;
	} plain[] = {
		{K_TRACKING, "tracking-no"}, {K_STATUS, "status"},           {K_CHANNEL, "channel"},
		{K_TYPE, "applicant-type"},  {K_ORG_KIND, "org-kind"},       {K_NAME, "name"},
		{K_ORG_CODE, "org-code"},    {K_LEGAL_REP, "legal-rep"},     {K_CONTACT, "contact"},
		{K_ID_TYPE, "id-type"},      {K_POSTCODE, "postcode"},       {K_DESCRIPTION, "description"},
		{K_DOC_NUMBER, "doc-number"}, {K_FORM, "form"},              {K_DELIVERY, "delivery"},
		{K_RECEIVED, "received-on"}, {K_BODY, "body"},               {K_OUTCOME, "outcome"},
		{K_REASON, "reason-code"},   {K_ANSWERED, "answered-on"},    {K_EXTENSION, "extension-days"},
		{K_FEE_STATE, "fee-state"},  {K_FEE_AMOUNT, "fee-amount"},   {K_FEE_PAY_BY, "fee-pay-by"},
		{K_MONTH_SEQ, "month-seq"},  {K_NOTICE, "notice"},
	};
	for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++)
		xml_attr(rn, plain[k].attr, w[plain[k].col]);
	/* Identity number, phone, address and email: opened only for those handling the request,
	 * their stored masks otherwise. */
	static const struct {
		enum pii_field f;
		enum case_col value, mask;
		const char *attr;
	} pii[] = {{PII_ID_NUMBER, K_ID_NUMBER, K_ID_NUMBER_MASK, "id-number"},
	           {PII_PHONE, K_PHONE, K_PHONE_MASK, "phone"},
	           {PII_EMAIL, K_EMAIL, K_EMAIL_MASK, "email"},
	           {PII_ADDRESS, K_ADDRESS, K_ADDRESS_MASK, "address"}};
	for (size_t k = 0; k < sizeof pii / sizeof pii[0]; k++) {
		const char *v = ysqgk_pii_shown(req->pool, &req->app->keys, full, w[K_PII_KEY], req->site->id, w[K_TRACKING],
		                                pii[k].f, w[pii[k].value], w[pii[k].mask]);
		xml_attr(rn, pii[k].attr, v ? v : "（无法解密：密钥文件中没有加密它的密钥）");
	}
	if (!full)
		xml_attr(rn, "masked", "1");
	xml_attr(rn, "status-label", ysqgk_label(&ysqgk_statuses, w[K_STATUS]));
	xml_attr(rn, "channel-label", ysqgk_label(&ysqgk_channels, w[K_CHANNEL]));
	xml_attr(rn, "form-label", ysqgk_label(&ysqgk_forms, w[K_FORM]));
	xml_attr(rn, "delivery-label", ysqgk_label(&ysqgk_deliveries, w[K_DELIVERY]));
	xml_attr(rn, "id-type-label", ysqgk_label(&ysqgk_id_types, w[K_ID_TYPE]));
	xml_attr(rn, "org-kind-label", ysqgk_label(&ysqgk_org_kinds, w[K_ORG_KIND]));
	xml_attr(rn, "outcome-label", ysqgk_label(&ysqgk_outcomes, w[K_OUTCOME]));
	xml_attr(rn, "reason-label", ysqgk_reason_label(w[K_OUTCOME], w[K_REASON] ? w[K_REASON] : ""));
}

/* The reply period's length and the longest extension, by the Regulation the request was
 * received under: the extension form offers no more than the step allows. */
static void add_period(xmlNodePtr rn, const char *received_on)
{
	int32_t on = INT32_MAX; /* the database's date; were it unreadable, the rules in force now */
	(void)parse_date(received_on, &on);
	struct ysqgk_period period = ysqgk_period_for(on);
	xml_attr_int(rn, "reply-days", period.reply_days);
	xml_attr_int(rn, "extension-max", period.extension_max);
}

/* One deadline with its pauses. */
static enum xerr add_deadline(struct request *req, xmlNodePtr rn, const char *kind, long long deadline_id)
{
	struct db_result d, pz;
	enum xerr e = db_query(req->db, req->pool, &d,
	                       "SELECT DATE_FORMAT(start_on, '%Y-%m-%d'), days, DATE_FORMAT(due_on, '%Y-%m-%d'), provisional, "
	                       "is_open, kind FROM deadlines WHERE id = ?",
	                       "i", deadline_id);
	if (e != XE_OK || d.nrows == 0)
		return e;
	/* the attributes of a <deadline>, in column order */
	static const char *const dcols[] = {"start", "days", "due", "provisional", "open"};
	xmlNodePtr dn = xml_add_row(rn, "deadline", d.rows[0], dcols, FIELDS_OF(dcols));
	/* A consultation's deadline is a third party's or another body's: as stored. */
	xml_attr(dn, "kind", strcmp(kind, "consultation") == 0 ? d.rows[0][5] : kind);
	if ((e = db_query(req->db, req->pool, &pz,
	                  "SELECT DATE_FORMAT(from_on, '%Y-%m-%d'), DATE_FORMAT(to_on, '%Y-%m-%d') FROM deadline_pauses "
	                  "WHERE deadline_id = ? ORDER BY from_on",
	                  "i", deadline_id)) != XE_OK)
		return e;
	static const char *const pcols[] = {"from", "to"};
	for (size_t i = 0; i < pz.nrows; i++)
		xml_add_row(dn, "pause", pz.rows[i], pcols, FIELDS_OF(pcols));
	return XE_OK;
}

/* Reply, correction, consultation: those the request has. */
static enum xerr add_deadlines(struct request *req, xmlNodePtr rn, char **w)
{
	static const struct {
		enum case_col col;
		const char *kind;
	} kinds[] = {{K_REPLY_DEADLINE, "reply"}, {K_CORRECTION_DEADLINE, "correction"},
	             {K_CONSULTATION_DEADLINE, "consultation"}};
	enum xerr e = XE_OK;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && e == XE_OK; k++) {
		long long id = strtoll(w[kinds[k].col], NULL, 10);
		if (id != 0)
			e = add_deadline(req, rn, kinds[k].kind, id);
	}
	return e;
}

/* The timeline, internal notes included; the letters; every attachment. */
static enum xerr add_history(struct request *req, xmlNodePtr rn, long long id)
{
	enum event_col { EV_ON, EV_AT, EV_ACTOR, EV_KIND, EV_STATUS_TO, EV_NOTE, EV_APPLICANT_NOTE, EV_VISIBLE };
	struct db_result ev, lt, at;
	enum xerr e = db_query(req->db, req->pool, &ev,
	                       "SELECT DATE_FORMAT(on_date, '%Y-%m-%d'), DATE_FORMAT(at, '%Y-%m-%d %H:%i'), actor, kind, "
	                       "status_to, note, applicant_note, visible FROM request_events WHERE request_id = ? "
	                       "ORDER BY at, id",
	                       "i", id);
	if (e != XE_OK)
		return e;
	static const char *const ecols[] = {[EV_ON] = "on",   [EV_AT] = "at",     [EV_ACTOR] = "actor",
	                                    [EV_KIND] = "kind", [EV_STATUS_TO] = "status-to", [EV_NOTE] = "note",
	                                    [EV_APPLICANT_NOTE] = NULL, [EV_VISIBLE] = "visible"};
	for (size_t i = 0; i < ev.nrows; i++) {
		char **w = ev.rows[i];
		xmlNodePtr en = xml_add_row(rn, "event", w, ecols, FIELDS_OF(ecols));
		xml_attr(en, "kind-label", ysqgk_label(&ysqgk_event_kinds, w[EV_KIND]));
		if (w[EV_APPLICANT_NOTE])
			xml_add(en, "applicant-note", w[EV_APPLICANT_NOTE]);
	}
	if ((e = db_query(req->db, req->pool, &lt,
	                  "SELECT id, kind, title, DATE_FORMAT(COALESCE(on_date, created_at), '%Y-%m-%d'), created_by, "
	                  "signature, addressee, to_name FROM request_letters WHERE request_id = ? ORDER BY id",
	                  "i", id)) != XE_OK)
		return e;
	static const char *const lcols[] = {"id", "kind", "title", "date", "by", "signature", "to", "to-name"};
	for (size_t i = 0; i < lt.nrows; i++)
		xml_add_row(rn, "letter", lt.rows[i], lcols, FIELDS_OF(lcols));
	if ((e = db_query(req->db, req->pool, &at,
	                  "SELECT id, kind, filename, mime, size, sha256, visible_to_applicant FROM request_attachments "
	                  "WHERE request_id = ? ORDER BY id",
	                  "i", id)) != XE_OK)
		return e;
	static const char *const acols[] = {"id", "kind", "filename", "mime", "size", "sha256", "visible"};
	for (size_t i = 0; i < at.nrows; i++)
		xml_add_row(rn, "attachment", at.rows[i], acols, FIELDS_OF(acols));
	return XE_OK;
}

/* The body that answers the request (its own, else the receiving body) and every body of the
 * site, among which approvers and admins choose when they assign it. */
static enum xerr add_bodies(struct request *req, xmlNodePtr rn, long long id)
{
	struct body answering, *all;
	size_t n;
	enum xerr e = body_of_request(req->db, req->pool, req->site->id, id, &answering);
	if (e == XE_OK)
		body_xml(rn, "answering-body", &answering);
	else if (e != XE_NOT_FOUND)
		return e;
	if ((e = body_list(req->db, req->pool, req->site->id, &all, &n)) != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(rn, NULL, (const xmlChar *)"bodies", NULL);
	for (size_t i = 0; i < n; i++)
		body_xml(list, "body", &all[i]);
	return XE_OK;
}

/* Art. 44: an answer that gave information can become a notice for proactive disclosure, once. */
static void add_proactive(struct request *req, xmlNodePtr rn, char **w, const struct ysqgk_authz *az)
{
	const char *status = w[K_STATUS], *outcome = w[K_OUTCOME] ? w[K_OUTCOME] : "";
	bool answered = strcmp(status, "answered") == 0 || strcmp(status, "closed") == 0;
	bool given = strcmp(outcome, "disclosed") == 0 || strcmp(outcome, "partly-disclosed") == 0;
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	if (!answered || !given || w[K_NOTICE] != NULL || catalog == NULL ||
	    ysqgk_authz_decide(az, RIGHT_TO_NOTICE) != AZ_ALLOWED)
		return;
	xmlNodePtr list = xmlNewChild(rn, NULL, (const xmlChar *)"proactive", NULL);
	completeness_category_list(req->pool, list, xmlDocGetRootElement(catalog));
}

/* The bodies a staff member may give the request to (approvers and admins: any of add_bodies()'s). */
static enum xerr add_assign_bodies(struct request *req, xmlNodePtr acts)
{
	if (ysqgk_authz_every_body(req->user->level))
		return XE_OK;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r, "SELECT body FROM user_bodies WHERE user_id = ? ORDER BY body", "i",
	                       req->user->id);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		xml_add(acts, "assign-body", r.rows[i][0]);
	return e;
}

/* The steps the user may take now, and the reasons the answer form offers (letters.xml's, with
 * their variants; 其他处理 1 and 2 come from the workflow itself). */
static enum xerr add_actions(struct request *req, xmlNodePtr rn, const struct ysqgk_authz *az)
{
	xmlNodePtr acts = xmlNewChild(rn, NULL, (const xmlChar *)"actions", NULL);
	for (enum ysqgk_action a = 0; a < ACT__N; a++)
		if (ysqgk_authz_decide(az, a) == AZ_ALLOWED)
			xml_attr(xmlNewChild(acts, NULL, (const xmlChar *)"action", NULL), "name", ysqgk_action_name(a));
	struct ysqgk_reply_reason *r;
	size_t n = ysqgk_reply_reasons(req->app, req->pool, &r);
	xmlNodePtr reasons = xmlNewChild(rn, NULL, (const xmlChar *)"reasons", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].outcome, "other") == 0 && strcmp(r[i].code, "3") != 0)
			continue;
		xmlNodePtr rr = xml_add(reasons, "reason", ysqgk_reason_label(r[i].outcome, r[i].code));
		const char *variant = r[i].variant && *r[i].variant ? pool_printf(req->pool, ":%s", r[i].variant) : "";
		xml_attr(rr, "value", pool_printf(req->pool, "%s:%s%s", r[i].outcome, r[i].code, variant));
		xml_attr(rr, "outcome-label", ysqgk_label(&ysqgk_outcomes, r[i].outcome));
		xml_attr(rr, "letter", r[i].label);
	}
	return ysqgk_authz_decide(az, ACT_ASSIGN) == AZ_ALLOWED ? add_assign_bodies(req, acts) : XE_OK;
}

/* "OUTCOME:CODE[:VARIANT]" as the answer form sends it; the code "" when there is none. */
static void split_outcome(struct pool *p, const char *s, const char **outcome, const char **code, const char **variant)
{
	const char *colon = strchr(s, ':'), *second = colon ? strchr(colon + 1, ':') : NULL;
	*outcome = colon ? pool_strndup(p, s, (size_t)(colon - s)) : s;
	*code = !colon ? "" : second ? pool_strndup(p, colon + 1, (size_t)(second - colon - 1)) : colon + 1;
	*variant = second ? second + 1 : NULL;
}

/* A filled-in reply letter to edit, for the reason picked with ?outcome=OUTCOME:CODE[:VARIANT]
 * (the remedies, signature and date are added when it is sent); and what the last step reported
 * (?done=, ?warn=). */
static enum xerr add_page_state(struct request *req, xmlNodePtr rn, long long id, const struct ysqgk_authz *az)
{
	const char *pick = request_param(req, "outcome");
	if (pick != NULL && strlen(pick) < 60 && ysqgk_authz_decide(az, ACT_ANSWER) == AZ_ALLOWED) {
		struct ysqgk_letter_args args = {.on = req->today};
		struct ysqgk_letter letter;
		const char *message;
		split_outcome(req->pool, pick, &args.outcome, &args.reason_code, &args.variant);
		if (ysqgk_outcome_valid(args.outcome, args.reason_code) &&
		    ysqgk_letter_make(req, id, &args, &letter, &message) == XE_OK)
			xml_attr(xml_add(rn, "draft-letter", letter.text), "outcome", pick);
	}
	const char *done = request_param(req, "done"), *warning;
	if (done != NULL && strlen(done) < 32)
		xml_attr(rn, "done", done);
	/* A code of the program's table, said in its words: an unknown one says nothing. */
	enum xerr e = ysqgk_warning_text(req, id, ysqgk_warning_of(request_param(req, "warn")), &warning);
	if (e != XE_OK)
		return e;
	if (warning != NULL)
		xml_add(rn, "warning", warning);
	return XE_OK;
}

/* A step that was refused, shown again: what was asked, why not (with the status it answers),
 * and what was typed, so that nothing is lost (files cannot be given back). */
struct attempt {
	const char *action; /* as posted */
	const char *message;
	enum xerr error;
	const char *field; /* the form's field it is about, or NULL */
	bool review;       /* a review's form, in its own section, not a step's */
};

static void add_attempt(struct request *req, xmlNodePtr rn, const struct attempt *at)
{
	if (at->review) {
		xml_add(rn, "review-error", at->message ? at->message : xerr_message_zh(at->error));
		req->status = xerr_status(at->error);
		return;
	}
	xmlNodePtr an = xml_add(rn, "attempt", NULL);
	xml_attr(an, "action", at->action);
	xml_attr(an, "message", at->message ? at->message : xerr_message_zh(at->error));
	xml_attr(an, "field", at->field);
	for (size_t i = 0; i < req->body.n; i++)
		if (strcmp(req->body.fields[i].key, "csrf") != 0 && strcmp(req->body.fields[i].key, "action") != 0)
			xml_attr(xml_add(an, "value", req->body.fields[i].value), "name", req->body.fields[i].key);
	req->status = xerr_status(at->error);
}

/* The page, for those who may see the request (404 for the others: it is not theirs to know). */
static enum xerr show_case(struct request *req, long long id, const struct attempt *at)
{
	char **w;
	struct ysqgk_authz az;
	enum xerr e = load_case(req, id, &w);
	if (e == XE_OK)
		e = ysqgk_authz_load(req, id, &az);
	if (e != XE_OK)
		return e;
	if (ysqgk_authz_decide(&az, RIGHT_SEE) != AZ_ALLOWED)
		return XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-request", &root);
	xmlNodePtr rn = xmlNewChild(root, NULL, (const xmlChar *)"request", NULL);
	xml_attr_int(rn, "id", id);
	xml_attr(rn, "version", w[K_VERSION]); /* read with the row, before what the page shows of it */
	add_details(req, rn, w, ysqgk_authz_decide(&az, RIGHT_CONTACT) == AZ_ALLOWED);
	add_period(rn, w[K_RECEIVED]);
	if ((e = add_deadlines(req, rn, w)) != XE_OK || (e = add_history(req, rn, id)) != XE_OK ||
	    (e = add_bodies(req, rn, id)) != XE_OK || (e = add_actions(req, rn, &az)) != XE_OK ||
	    (e = ysqgk_review_xml(req, rn, id)) != XE_OK)
		return e;
	add_proactive(req, rn, w, &az);
	if ((e = admin_delivery_xml(req, rn, id, &az)) != XE_OK) /* the delivery record: admin_ysqgk_delivery.c */
		return e;
	if ((e = add_page_state(req, rn, id, &az)) != XE_OK)
		return e;
	if (at != NULL)
		add_attempt(req, rn, at);
	return render(req, doc, "admin_request");
}

enum xerr admin_ysqgk_case(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	return show_case(req, id, NULL);
}

/* The step form: every step's fields, each step reading its own. */
enum act_field {
	A_ACTION, A_ON, A_NOTE, A_LETTER, A_DAYS, A_UNTIL, A_OUTCOME, A_FEE_METHOD, A_PAGES, A_BODY, A_WHAT, A_REASONS,
	A_WHERE, A_RIGHT_BODY, A_REGIME, A_THIRD_PARTY, A_ANSWER, A_RECEIVED_ON, A_OTHER_BODY, A_QUESTION, A_GROUND,
	A_GIST, A_VERSION, A__N
};
static const struct field_spec act_fields[A__N] = {
	[A_ACTION] = {"action", FT_CHOICE, true, 0, 0, 0, ysqgk_action_names, "办理步骤"},
	[A_ON] = {"on", FT_DATE, false, 0, 0, 0, NULL, "日期"},
	/* 1,000: the audit log keeps the note after the step's own words, within its 2,000. */
	[A_NOTE] = {"note", FT_TEXT, false, 1000, 0, 0, NULL, "说明"},
	[A_LETTER] = {"letter", FT_TEXT, false, 20000, 0, 0, NULL, "告知书"},
	[A_DAYS] = {"days", FT_INT, false, 0, 1, 60, NULL, "工作日数"},
	[A_UNTIL] = {"until", FT_DATE, false, 0, 0, 0, NULL, "期限"},
	[A_OUTCOME] = {"outcome", FT_LINE, false, 60, 0, 0, NULL, "答复类型"},
	[A_FEE_METHOD] = {"fee_method", FT_CHOICE, false, 0, 0, 0, ysqgk_fee_methods, "收费方式"},
	[A_PAGES] = {"pages", FT_INT, false, 0, 1, 1000000, NULL, "页数"},
	[A_BODY] = {"body", FT_LINE, false, 200, 0, 0, NULL, "办理机关"},
	[A_WHAT] = {"what", FT_TEXT, false, 2000, 0, 0, NULL, "需要补正的事项"},
	[A_REASONS] = {"reasons", FT_TEXT, false, 4000, 0, 0, NULL, "理由"},
	[A_WHERE] = {"where", FT_TEXT, false, 1000, 0, 0, NULL, "获取的方式和途径"},
	[A_RIGHT_BODY] = {"right_body", FT_TEXT, false, 1000, 0, 0, NULL, "负责公开的行政机关及其联系方式"},
	[A_REGIME] = {"regime", FT_TEXT, false, 1000, 0, 0, NULL, "办理的规定和途径"},
	[A_THIRD_PARTY] = {"third_party", FT_LINE, false, 200, 0, 0, NULL, "第三方的名称"},
	[A_ANSWER] = {"answer", FT_CHOICE, false, 0, 0, 0, ysqgk_third_party_answers, "第三方的意见"},
	[A_RECEIVED_ON] = {"received_on", FT_DATE, false, 0, 0, 0, NULL, "更正后的收到申请之日"},
	[A_OTHER_BODY] = {"other_body", FT_LINE, false, 100, 0, 0, NULL, "征求意见的行政机关"},
	[A_QUESTION] = {"question", FT_TEXT, false, 2000, 0, 0, NULL, "征求意见的事项"},
	[A_GROUND] = {"ground", FT_CHOICE, false, 0, 0, 0, ysqgk_body_grounds, "征求意见的情形"},
	/* 800: the audit log keeps it after the body's name and before the note, within its 2,000. */
	[A_GIST] = {"gist", FT_TEXT, false, 800, 0, 0, NULL, "其他机关意见的主要内容"},
	[A_VERSION] = {"version", FT_ID, false, 0, 0, 0, NULL, "页面的版本"}, /* ysqgk_step.version */
};

static struct ysqgk_step step_of(struct request *req, const struct field_value *v)
{
	struct ysqgk_step step = {
		.action = (enum ysqgk_action)v[A_ACTION].num,
		.on = (int32_t)v[A_ON].num,
		.note = v[A_NOTE].text,
		.letter = v[A_LETTER].text,
		.days = (int)v[A_DAYS].num,
		.until = (int32_t)v[A_UNTIL].num,
		.fee_method = (enum ysqgk_fee_method)v[A_FEE_METHOD].num,
		.pages = v[A_PAGES].num,
		.body = v[A_BODY].text,
		.files = req->body.files,
		.nfiles = req->body.nfiles,
		.what = v[A_WHAT].text,
		.reasons = v[A_REASONS].text,
		.where = v[A_WHERE].text,
		.right_body = v[A_RIGHT_BODY].text,
		.regime = v[A_REGIME].text,
		.third_party = v[A_THIRD_PARTY].text,
		.answer = v[A_ANSWER].text ? (enum ysqgk_third_party_answer)v[A_ANSWER].num : TP_UNKNOWN,
		.received_on = (int32_t)v[A_RECEIVED_ON].num,
		.other_body = v[A_OTHER_BODY].text,
		.question = v[A_QUESTION].text,
		.ground = v[A_GROUND].text ? (enum ysqgk_body_ground)v[A_GROUND].num : BODY_OTHER,
		.gist = v[A_GIST].text,
		.version = v[A_VERSION].text ? v[A_VERSION].num : 0,
	};
	if (v[A_OUTCOME].text != NULL)
		split_outcome(req->pool, v[A_OUTCOME].text, &step.outcome, &step.reason_code, &step.variant);
	return step;
}

/* Back to the request's page, saying what was done and any warning. */
static void redirect_done(struct request *req, long long id, enum ysqgk_action action, enum ysqgk_warning warning)
{
	respond_redirect(req, pool_printf(req->pool, "%sadmin/requests/%lld?done=%s%s%s", site_base(req), id,
	                                  ysqgk_action_name(action), warning != YW_NONE ? "&warn=" : "",
	                                  ysqgk_warning_code(warning)));
}

/* Refused by the workflow or by the form: the page again, unless the error is not the
 * person's to mend (the database). */
enum xerr admin_ysqgk_refused(struct request *req, long long id, const char *action, enum xerr e, const char *message)
{
	return admin_ysqgk_refused_at(req, id, action, e, NULL, message);
}

enum xerr admin_ysqgk_review_refused(struct request *req, long long id, enum xerr e, const char *message)
{
	if (e == XE_INTERNAL || e == XE_UNAVAILABLE || e == XE_NOT_FOUND)
		return e;
	return show_case(req, id, &(struct attempt){NULL, message, e, NULL, true});
}

enum xerr admin_ysqgk_refused_at(struct request *req, long long id, const char *action, enum xerr e, const char *field,
                                 const char *message)
{
	if (e == XE_INTERNAL || e == XE_UNAVAILABLE || e == XE_NOT_FOUND)
		return e;
	return show_case(req, id, &(struct attempt){action, message, e, field, false});
}

enum xerr admin_ysqgk_act(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	/* Not even seen: nothing of the request is shown, only why. */
	struct ysqgk_authz az;
	bool answered;
	enum xerr e = ysqgk_authz_seen(req, id, &az, &answered);
	if (e != XE_OK || answered)
		return e;
	struct field_value v[A__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, act_fields, v, &err))
		return admin_ysqgk_refused_at(req, id, request_field(req, "action"), XE_BAD_REQUEST, err.field,
		                              pool_printf(req->pool, "%s%s。", err.label, err.message));
	/* The workflow asks ysqgk_authz_check() itself, under the request's row lock. */
	struct ysqgk_step step = step_of(req, v);
	struct ysqgk_step_result out;
	const char *message = NULL;
	e = ysqgk_workflow_apply(req, id, &step, &out, &message);
	if (e != XE_OK)
		return admin_ysqgk_refused_at(req, id, ysqgk_action_name(step.action), e, out.field, message);
	redirect_done(req, id, step.action, out.warning);
	return XE_OK;
}

/* POST /admin/requests/{id}/notice: the answer as a draft notice for proactive disclosure (Art. 44). */
enum notice_field { N_CATEGORY, N_TITLE, N_BASIS, N__N };
static const struct field_spec notice_fields[N__N] = {
	[N_CATEGORY] = {"category", FT_CODE, true, 64, 0, 0, NULL, "栏目"},
	[N_TITLE] = {"title", FT_LINE, true, 500, 0, 0, NULL, "标题"},
	[N_BASIS] = {"basis", FT_CHOICE, true, 0, 0, 0, ysqgk_proactive_bases, "依据"},
};

enum xerr admin_ysqgk_to_notice(struct request *req)
{
	long long id, nid = 0;
	struct field_value v[N__N];
	struct field_error err;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	/* Not even seen: nothing of the request is shown, only why; ysqgk_to_notice() asks
	 * ysqgk_authz_check() itself, under the request's row lock. */
	struct ysqgk_authz az;
	bool answered;
	enum xerr e = ysqgk_authz_seen(req, id, &az, &answered);
	if (e != XE_OK || answered)
		return e;
	if (!form_parse(req->pool, &req->body, notice_fields, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	const char *message = NULL;
	e = ysqgk_to_notice(req, id, v[N_CATEGORY].text, v[N_TITLE].text, (enum ysqgk_proactive_basis)v[N_BASIS].num, &nid,
	                    &message);
	if (e != XE_OK && message != NULL) {
		respond_error(req, e, message, NULL);
		return XE_OK;
	}
	if (e != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%lld?done=notice.from_request", site_base(req), nid));
	return XE_OK;
}

/* A letter as sent, for printing on A4: its text, then the signing body's signature line and the
 * step's date over the seal. */
enum xerr admin_ysqgk_letter(struct request *req)
{
	long long id, lid;
	if (!request_path_id(req, 0, &id) || !request_path_id(req, 1, &lid))
		return XE_NOT_FOUND;
	struct ysqgk_authz az;
	enum xerr e = ysqgk_authz_load(req, id, &az);
	if (e != XE_OK)
		return e;
	if (ysqgk_authz_decide(&az, RIGHT_SEE) != AZ_ALLOWED)
		return XE_NOT_FOUND;
	enum letter_col { L_TITLE, L_BODY, L_DATE, L_SIGNATURE, L_TO, L_TO_NAME, L_TRACKING };
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT l.title, l.body, DATEDIFF(COALESCE(l.on_date, l.created_at), '1970-01-01'), l.signature, "
	             "l.addressee, l.to_name, r.tracking_no FROM request_letters l JOIN requests r ON r.id = l.request_id "
	             "WHERE l.id = ? AND r.id = ? AND r.site_id = ?",
	             "iii", lid, id, req->site->id);
	if (e != XE_OK || r.nrows == 0)
		return e != XE_OK ? e : XE_NOT_FOUND;
	char **w = r.rows[0];
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-letter", &root);
	xmlNodePtr ln = xmlNewChild(root, NULL, (const xmlChar *)"letter", NULL);
	static const char *const attrs[] = {[L_TITLE] = "title", [L_SIGNATURE] = "signature", [L_TO] = "to",
	                                    [L_TO_NAME] = "to-name", [L_TRACKING] = "tracking-no"};
	for (size_t k = 0; k < sizeof attrs / sizeof attrs[0]; k++)
		if (attrs[k] != NULL)
			xml_attr(ln, attrs[k], w[k]);
	xml_attr(ln, "date", ysqgk_date_cn(req->pool, (int32_t)strtol(w[L_DATE], NULL, 10)));
	xml_attr_int(ln, "request", id);
	for (char *line = w[L_BODY], *next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		xml_add(ln, "p", line);
	}
	return render(req, doc, "admin_letter");
}
