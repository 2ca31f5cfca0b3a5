/* /admin/requests/{id}: one disclosure request for the staff who handle it — the applicant's
 * details (in full only to its handlers), the deadlines, the whole timeline with internal notes,
 * the letters, and the steps the workflow allows now; POST applies a step. */
#include "core/auth.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "server/handlers.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_workflow.h"
#include "ysqgk/ysqgk.h"
#include <stdlib.h>
#include <string.h>

/* May the user see this request at all, and its personal information in full? */
static enum xerr case_access(struct request *req, const char *body, long long handler, bool *see, bool *full)
{
	*see = *full = false;
	if (req->user->level >= ROLE_APPROVER) {
		*see = *full = true;
		return XE_OK;
	}
	if (handler == req->user->id) {
		*see = *full = true;
		return XE_OK;
	}
	if (body == NULL || *body == '\0') {
		*see = true; /* unassigned: the intake's to sort, details masked */
		return XE_OK;
	}
	bool mine = false;
	enum xerr e = auth_serves_body(req, body, &mine);
	*see = *full = mine;
	return e;
}

enum xerr admin_ysqgk_case(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.tracking_no, r.status, r.channel, r.applicant_type, r.org_kind, r.name, r.org_code, "
	                       "r.legal_rep, r.contact, r.id_type, r.id_number, r.phone, r.email, r.address, r.postcode, "
	                       "r.description, r.doc_number, r.form, r.delivery, DATE_FORMAT(r.received_on, '%Y-%m-%d'), "
	                       "COALESCE(r.assigned_body, ''), COALESCE(r.handler_user_id, 0), r.outcome, r.reason_code, "
	                       "DATE_FORMAT(r.answered_on, '%Y-%m-%d'), r.extension_days, r.fee_state, r.fee_amount, "
	                       "DATE_FORMAT(r.fee_pay_by, '%Y-%m-%d'), r.month_seq, COALESCE(r.reply_deadline_id, 0), "
	                       "COALESCE(r.correction_deadline_id, 0), COALESCE(r.consultation_deadline_id, 0) "
	                       "FROM requests r WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **w = r.rows[0];
	bool see, full;
	if ((e = case_access(req, w[20], strtoll(w[21], NULL, 10), &see, &full)) != XE_OK)
		return e;
	if (!see)
		return XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-request", &root);
	xmlNodePtr rn = xmlNewChild(root, NULL, (const xmlChar *)"request", NULL);
	xml_attr_int(rn, "id", id);
	static const char *const cols[] = {"tracking-no", "status", "channel", "applicant-type", "org-kind", "name",
	                                   "org-code", "legal-rep", "contact", "id-type", "id-number", "phone", "email",
	                                   "address", "postcode", "description", "doc-number", "form", "delivery",
	                                   "received-on", "body", NULL, "outcome", "reason-code", "answered-on",
	                                   "extension-days", "fee-state", "fee-amount", "fee-pay-by", "month-seq"};
	for (int k = 0; k < 30; k++)
		if (cols[k] != NULL && k != 10 && k != 11 && k != 13 && k != 12)
			xml_attr(rn, cols[k], w[k]);
	/* Identity number, phone, address and email: in full only to those handling the request. */
	xml_attr(rn, "id-number", full ? w[10] : ysqgk_mask_id(req->pool, w[10]));
	xml_attr(rn, "phone", full ? w[11] : ysqgk_mask_phone(req->pool, w[11]));
	xml_attr(rn, "email", full ? w[12] : ysqgk_mask_email(req->pool, w[12]));
	xml_attr(rn, "address", full ? w[13] : ysqgk_mask_address(req->pool, w[13]));
	if (!full)
		xml_attr(rn, "masked", "1");
	xml_attr(rn, "status-label", ysqgk_label(&ysqgk_statuses, w[1]));
	xml_attr(rn, "channel-label", ysqgk_label(&ysqgk_channels, w[2]));
	xml_attr(rn, "form-label", ysqgk_label(&ysqgk_forms, w[17]));
	xml_attr(rn, "delivery-label", ysqgk_label(&ysqgk_deliveries, w[18]));
	xml_attr(rn, "id-type-label", ysqgk_label(&ysqgk_id_types, w[9]));
	xml_attr(rn, "org-kind-label", ysqgk_label(&ysqgk_org_kinds, w[4]));
	xml_attr(rn, "outcome-label", ysqgk_label(&ysqgk_outcomes, w[22]));
	xml_attr(rn, "reason-label", ysqgk_reason_label(w[22], w[23] ? w[23] : ""));
	/* Deadlines: reply, correction, consultation, with their pauses. */
	const long long dl[3] = {strtoll(w[30], NULL, 10), strtoll(w[31], NULL, 10), strtoll(w[32], NULL, 10)};
	static const char *const dkinds[3] = {"reply", "correction", "consultation"};
	for (int k = 0; k < 3; k++) {
		if (dl[k] == 0)
			continue;
		struct db_result d;
		if ((e = db_query(req->db, req->pool, &d,
		                  "SELECT DATE_FORMAT(start_on, '%Y-%m-%d'), days, DATE_FORMAT(due_on, '%Y-%m-%d'), provisional, "
		                  "is_open FROM deadlines WHERE id = ?",
		                  "i", dl[k])) != XE_OK)
			return e;
		if (d.nrows == 0)
			continue;
		static const char *const dcols[] = {"start", "days", "due", "provisional", "open"};
		xmlNodePtr dn = xml_add_row(rn, "deadline", d.rows[0], dcols, 5);
		xml_attr(dn, "kind", dkinds[k]);
		struct db_result pz;
		if ((e = db_query(req->db, req->pool, &pz,
		                  "SELECT DATE_FORMAT(from_on, '%Y-%m-%d'), DATE_FORMAT(to_on, '%Y-%m-%d') FROM deadline_pauses "
		                  "WHERE deadline_id = ? ORDER BY from_on",
		                  "i", dl[k])) != XE_OK)
			return e;
		static const char *const pcols[] = {"from", "to"};
		for (size_t i = 0; i < pz.nrows; i++)
			xml_add_row(dn, "pause", pz.rows[i], pcols, 2);
	}
	/* The timeline, internal notes included. */
	struct db_result ev;
	if ((e = db_query(req->db, req->pool, &ev,
	                  "SELECT DATE_FORMAT(on_date, '%Y-%m-%d'), DATE_FORMAT(at, '%Y-%m-%d %H:%i'), actor, kind, "
	                  "status_to, note, applicant_note, visible FROM request_events WHERE request_id = ? ORDER BY at, id",
	                  "i", id)) != XE_OK)
		return e;
	static const char *const ecols[] = {"on", "at", "actor", "kind", "status-to", "note", NULL, "visible"};
	for (size_t i = 0; i < ev.nrows; i++) {
		xmlNodePtr en = xml_add_row(rn, "event", ev.rows[i], ecols, 8);
		xml_attr(en, "kind-label", ysqgk_label(&ysqgk_event_kinds, ev.rows[i][3]));
		if (ev.rows[i][6])
			xml_add(en, "applicant-note", ev.rows[i][6]);
	}
	struct db_result lt;
	if ((e = db_query(req->db, req->pool, &lt,
	                  "SELECT id, kind, title, DATE_FORMAT(created_at, '%Y-%m-%d'), created_by FROM request_letters "
	                  "WHERE request_id = ? ORDER BY id",
	                  "i", id)) != XE_OK)
		return e;
	static const char *const lcols[] = {"id", "kind", "title", "date", "by"};
	for (size_t i = 0; i < lt.nrows; i++)
		xml_add_row(rn, "letter", lt.rows[i], lcols, 5);
	struct db_result at;
	if ((e = db_query(req->db, req->pool, &at,
	                  "SELECT id, kind, filename, mime, size, sha256, visible_to_applicant FROM request_attachments "
	                  "WHERE request_id = ? ORDER BY id",
	                  "i", id)) != XE_OK)
		return e;
	static const char *const acols[] = {"id", "kind", "filename", "mime", "size", "sha256", "visible"};
	for (size_t i = 0; i < at.nrows; i++)
		xml_add_row(rn, "attachment", at.rows[i], acols, 7);
	/* The steps allowed now, and what the answer form needs. */
	xmlNodePtr acts = xmlNewChild(rn, NULL, (const xmlChar *)"actions", NULL);
	for (unsigned a = 0; a < ACT__N; a++)
		if (ysqgk_action_allowed((enum ysqgk_action)a, w[1]))
			xml_attr(xmlNewChild(acts, NULL, (const xmlChar *)"action", NULL), "name",
			         ysqgk_action_name((enum ysqgk_action)a));
	xmlNodePtr reasons = xmlNewChild(rn, NULL, (const xmlChar *)"reasons", NULL);
	for (size_t i = 0; i < ysqgk_nreasons; i++) {
		if (strcmp(ysqgk_reasons[i].outcome, "other") == 0 && strcmp(ysqgk_reasons[i].code, "3") != 0)
			continue; /* 其他处理 1 and 2 come from the workflow itself (abandonment, unpaid fee) */
		xmlNodePtr rr = xml_add(reasons, "reason", ysqgk_reasons[i].label);
		xml_attr(rr, "value", pool_printf(req->pool, "%s:%s", ysqgk_reasons[i].outcome, ysqgk_reasons[i].code));
		xml_attr(rr, "outcome-label", ysqgk_label(&ysqgk_outcomes, ysqgk_reasons[i].outcome));
	}
	/* A filled-in reply letter to edit, for the outcome picked with ?outcome=OUTCOME:CODE. */
	const char *pick = request_param(req, "outcome");
	if (pick != NULL && strlen(pick) < 40 && ysqgk_action_allowed(ACT_ANSWER, w[1])) {
		const char *colon = strchr(pick, ':');
		const char *oc = colon ? pool_strndup(req->pool, pick, (size_t)(colon - pick)) : pick;
		const char *rc = colon ? colon + 1 : "";
		const char *title, *text;
		if (ysqgk_outcome_valid(oc, rc) && ysqgk_letter(req, id, "reply", oc, rc, 0, 0, 0, &title, &text) == XE_OK) {
			xmlNodePtr dr = xml_add(rn, "draft-letter", text);
			xml_attr(dr, "outcome", pick);
		}
	}
	const char *done = request_param(req, "done"), *warn = request_param(req, "warn");
	if (done != NULL && strlen(done) < 32)
		xml_attr(rn, "done", done);
	if (warn != NULL && strlen(warn) < 300)
		xml_add(rn, "warning", warn);
	return render(req, doc, "admin_request");
}

enum xerr admin_ysqgk_act(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	static const char *const methods[] = {"per-request", "by-volume", NULL};
	static const struct field_spec fields[] = {
		{"action", FT_CODE, true, 32, 0, 0, NULL, "办理步骤"},
		{"on", FT_DATE, false, 0, 0, 0, NULL, "日期"},
		{"note", FT_TEXT, false, 2000, 0, 0, NULL, "说明"},
		{"letter", FT_TEXT, false, 20000, 0, 0, NULL, "告知书"},
		{"days", FT_INT, false, 0, 1, 60, NULL, "工作日数"},
		{"until", FT_DATE, false, 0, 0, 0, NULL, "期限"},
		{"outcome", FT_LINE, false, 40, 0, 0, NULL, "答复类型"},
		{"fee_method", FT_CHOICE, false, 0, 0, 0, methods, "收费方式"},
		{"pages", FT_INT, false, 0, 1, 1000000, NULL, "页数"},
		{"body", FT_LINE, false, 200, 0, 0, NULL, "办理机构"},
	};
	const char *v[10];
	struct field_error err;
	if (!form_validate(req->pool, &req->body, fields, 10, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	struct ysqgk_step step = {0};
	if (!ysqgk_action_by_name(v[0], &step.action))
		return XE_BAD_REQUEST;
	/* Staff see only what they may: the workflow checks bodies and roles again itself. */
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT COALESCE(assigned_body, ''), COALESCE(handler_user_id, 0) FROM requests "
	                       "WHERE id = ? AND site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	bool see, full;
	if (r.nrows == 0 || (e = case_access(req, r.rows[0][0], strtoll(r.rows[0][1], NULL, 10), &see, &full)) != XE_OK || !see)
		return e != XE_OK ? e : XE_NOT_FOUND;
	long long n;
	if (v[1])
		parse_date(v[1], &step.on);
	step.note = v[2];
	step.letter = v[3];
	if (v[4] && parse_int(v[4], 1, 60, &n))
		step.days = (int)n;
	if (v[5])
		parse_date(v[5], &step.until);
	if (v[6]) {
		const char *colon = strchr(v[6], ':');
		step.outcome = colon ? pool_strndup(req->pool, v[6], (size_t)(colon - v[6])) : v[6];
		step.reason_code = colon ? colon + 1 : "";
	}
	step.fee_method = v[7];
	if (v[8] && parse_int(v[8], 1, 1000000, &n))
		step.pages = n;
	step.body = v[9];
	step.files = req->body.files;
	step.nfiles = req->body.nfiles;
	struct ysqgk_step_result out;
	const char *message = NULL;
	e = ysqgk_workflow_apply(req, id, &step, &out, &message);
	if (e != XE_OK) {
		respond_error(req, e, message, NULL);
		return XE_OK;
	}
	struct buf loc;
	buf_init(&loc);
	buf_printf(&loc, "%sadmin/requests/%lld?done=%s", site_base(req), id, v[0]);
	if (out.warning) {
		buf_puts(&loc, "&warn=");
		for (const unsigned char *c = (const unsigned char *)out.warning; *c; c++)
			buf_printf(&loc, "%%%02X", *c);
	}
	respond_redirect(req, pool_strdup(req->pool, buf_cstr(&loc)));
	buf_free(&loc);
	return XE_OK;
}

enum xerr admin_ysqgk_letter(struct request *req)
{
	long long id, lid;
	if (!request_path_id(req, 0, &id) ||
	    !request_path_id(req, 1, &lid))
		return XE_NOT_FOUND;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT l.title, l.body, DATE_FORMAT(l.created_at, '%Y-%m-%d'), r.tracking_no, "
	                       "COALESCE(r.assigned_body, ''), COALESCE(r.handler_user_id, 0) FROM request_letters l "
	                       "JOIN requests r ON r.id = l.request_id WHERE l.id = ? AND r.id = ? AND r.site_id = ?",
	                       "iii", lid, id, req->site->id);
	if (e != XE_OK)
		return e;
	bool see, full;
	if (r.nrows == 0 || (e = case_access(req, r.rows[0][4], strtoll(r.rows[0][5], NULL, 10), &see, &full)) != XE_OK || !see)
		return e != XE_OK ? e : XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-letter", &root);
	xmlNodePtr ln = xmlNewChild(root, NULL, (const xmlChar *)"letter", NULL);
	xml_attr(ln, "title", r.rows[0][0]);
	xml_attr(ln, "date", r.rows[0][2]);
	xml_attr(ln, "tracking-no", r.rows[0][3]);
	xml_attr_int(ln, "request", id);
	for (char *line = r.rows[0][1], *next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		xml_add(ln, "p", line);
	}
	return render(req, doc, "admin_letter");
}
