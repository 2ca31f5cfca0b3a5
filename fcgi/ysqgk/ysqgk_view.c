/* The applicant's view of a request (see ysqgk_view.h). */
#include "ysqgk/ysqgk_view.h"
#include "core/exchange.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_token.h"
#include "ysqgk/ysqgk_upload.h"
#include <stdlib.h>
#include <string.h>

enum view_col {
	V_TRACKING, V_STATUS, V_RECEIVED, V_CHANNEL, V_TYPE, V_NAME, V_DESCRIPTION, V_DOC_NUMBER, V_FORM, V_DELIVERY,
	V_OUTCOME, V_REASON, V_ANSWERED, V_DUE, V_PROVISIONAL, V_ORG_KIND, V_REPLY_OPEN, V_REPLY_ID, V_CORRECTION_FROM,
	V_CORRECTION_DUE
};

/* The days the running reply period does not count. */
static enum xerr load_pauses(struct request *req, long long deadline_id, struct ysqgk_view *v)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DATE_FORMAT(from_on, '%Y-%m-%d'), DATE_FORMAT(to_on, '%Y-%m-%d') FROM deadline_pauses "
	                       "WHERE deadline_id = ? ORDER BY from_on",
	                       "i", deadline_id);
	if (e != XE_OK)
		return e;
	v->npauses = r.nrows;
	v->pauses = pool_alloc(req->pool, (r.nrows + 1) * sizeof *v->pauses);
	for (size_t i = 0; i < r.nrows; i++)
		v->pauses[i] = (struct ysqgk_view_pause){r.rows[i][0], r.rows[i][1]};
	return XE_OK;
}

static enum xerr load_request(struct request *req, long long id, struct ysqgk_view *v)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.tracking_no, r.status, DATE_FORMAT(r.received_on, '%Y-%m-%d'), r.channel, "
	                       "r.applicant_type, r.name, r.description, r.doc_number, r.form, r.delivery, r.outcome, "
	                       "r.reason_code, DATE_FORMAT(r.answered_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), "
	                       "d.provisional, r.org_kind, d.is_open, d.id, DATE_FORMAT(c.start_on, '%Y-%m-%d'), "
	                       "DATE_FORMAT(c.due_on, '%Y-%m-%d') FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id "
	                       "LEFT JOIN deadlines c ON c.id = r.correction_deadline_id AND c.is_open = 1 "
	                       "WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **w = r.rows[0];
	*v = (struct ysqgk_view){
		.tracking_no = w[V_TRACKING],
		.status = w[V_STATUS],
		.status_label = ysqgk_label(&ysqgk_statuses, w[V_STATUS]),
		.received_on = w[V_RECEIVED],
		.due_on = w[V_DUE],
		.open = !ysqgk_status_final(w[V_STATUS]),
		.provisional = w[V_PROVISIONAL] != NULL && strcmp(w[V_PROVISIONAL], "1") == 0,
		.channel = w[V_CHANNEL],
		.channel_label = ysqgk_label(&ysqgk_channels, w[V_CHANNEL]),
		.applicant_type = w[V_TYPE],
		.applicant_type_label = ysqgk_label(&ysqgk_applicant_types, w[V_TYPE]),
		.org_kind = w[V_ORG_KIND],
		.org_kind_label = ysqgk_label(&ysqgk_org_kinds, w[V_ORG_KIND]),
		.name = w[V_NAME],
		.description = w[V_DESCRIPTION],
		.doc_number = w[V_DOC_NUMBER],
		.form = w[V_FORM],
		.form_label = ysqgk_label(&ysqgk_forms, w[V_FORM]),
		.delivery = w[V_DELIVERY],
		.delivery_label = ysqgk_label(&ysqgk_deliveries, w[V_DELIVERY]),
		.outcome = w[V_OUTCOME],
		.outcome_label = ysqgk_label(&ysqgk_outcomes, w[V_OUTCOME]),
		.reason_code = w[V_REASON],
		.answered_on = w[V_ANSWERED],
	};
	/* An open request whose reply period has stopped waits for its correction. */
	v->reply_suspended = v->open && w[V_REPLY_OPEN] != NULL && strcmp(w[V_REPLY_OPEN], "0") == 0;
	if (v->reply_suspended) {
		v->correction_from = w[V_CORRECTION_FROM];
		v->correction_due = w[V_CORRECTION_DUE];
	}
	return w[V_REPLY_ID] != NULL && v->open ? load_pauses(req, strtoll(w[V_REPLY_ID], NULL, 10), v) : XE_OK;
}

/* A timeline step's label: the event's, else the status's it names. */
static const char *step_label(const char *kind)
{
	const char *l = ysqgk_label(&ysqgk_event_kinds, kind);
	if (l == NULL)
		l = ysqgk_label(&ysqgk_statuses, kind);
	return l ? l : "";
}

static enum xerr load_steps(struct request *req, long long id, struct ysqgk_view *v)
{
	enum step_col { E_DATE, E_KIND, E_NOTE };
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DATE_FORMAT(on_date, '%Y-%m-%d'), kind, applicant_note FROM request_events "
	                       "WHERE request_id = ? AND visible = 1 ORDER BY at, id",
	                       "i", id);
	if (e != XE_OK)
		return e;
	v->nsteps = r.nrows;
	v->steps = pool_alloc(req->pool, (r.nrows + 1) * sizeof *v->steps);
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		v->steps[i] = (struct ysqgk_view_step){w[E_DATE], w[E_KIND], step_label(w[E_KIND]), w[E_NOTE]};
	}
	return XE_OK;
}

/* The documents, with a signed link each when they are replies. */
static enum xerr load_docs(struct request *req, long long id, enum ysqgk_view_docs which, struct ysqgk_view *v)
{
	enum doc_col { D_ID, D_FILENAME, D_MIME, D_SIZE, D_SHA256, D_DATE };
	struct db_result r;
	enum xerr e = which == VIEW_APPLICATION
	                  ? db_query(req->db, req->pool, &r,
	                             "SELECT id, filename, mime, size, sha256, DATE_FORMAT(created_at, '%Y-%m-%d') "
	                             "FROM request_attachments WHERE request_id = ? AND kind = 'application' ORDER BY id",
	                             "i", id)
	                  : db_query(req->db, req->pool, &r,
	                             "SELECT id, filename, mime, size, sha256, DATE_FORMAT(created_at, '%Y-%m-%d') "
	                             "FROM request_attachments WHERE request_id = ? AND visible_to_applicant = 1 ORDER BY id",
	                             "i", id);
	struct ysqgk_secret secret;
	if (e == XE_OK && which == VIEW_REPLIES && r.nrows > 0)
		e = ysqgk_secret_load(req, &secret);
	if (e != XE_OK)
		return e;
	v->ndocs = r.nrows;
	v->docs = pool_alloc(req->pool, (r.nrows + 1) * sizeof *v->docs);
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		struct ysqgk_view_doc *d = &v->docs[i];
		*d = (struct ysqgk_view_doc){strtoll(w[D_ID], NULL, 10), strtoll(w[D_SIZE], NULL, 10), w[D_FILENAME],
		                             w[D_MIME], w[D_SHA256], w[D_DATE], NULL};
		if (which == VIEW_REPLIES)
			d->url = ysqgk_doc_url(req, &secret, d->id);
	}
	return XE_OK;
}

enum xerr ysqgk_view_load(struct request *req, long long id, enum ysqgk_view_docs which, struct ysqgk_view *v)
{
	enum xerr e = load_request(req, id, v);
	if (e == XE_OK)
		e = load_steps(req, id, v);
	if (e == XE_OK)
		e = load_docs(req, id, which, v);
	return e;
}

static void add_description(xmlNodePtr n, const struct ysqgk_view *v)
{
	xml_add(n, "description", v->description);
	if (v->doc_number != NULL && *v->doc_number)
		xml_add(n, "doc-number", v->doc_number);
}

void ysqgk_view_xml(struct pool *p, const struct ysqgk_view *v, xmlNodePtr parent)
{
	xmlNodePtr rn = xmlNewChild(parent, NULL, (const xmlChar *)"request", NULL);
	xml_attr(rn, "tracking-no", v->tracking_no);
	xml_attr(rn, "status", v->status);
	xml_attr(rn, "status-label", v->status_label);
	xml_attr(rn, "open", v->open ? "1" : "0");
	xml_attr(rn, "received-on", v->received_on);
	xml_attr(rn, "due-on", v->due_on);
	xml_attr(rn, "provisional", v->provisional ? "1" : "0");
	xml_attr(rn, "channel-label", v->channel_label);
	xml_attr(rn, "applicant-type-label", v->applicant_type_label);
	xml_attr(rn, "name", v->name);
	xml_attr(rn, "form-label", v->form_label);
	xml_attr(rn, "delivery-label", v->delivery_label);
	if (v->outcome != NULL) {
		xml_attr(rn, "outcome", v->outcome);
		xml_attr(rn, "outcome-label", v->outcome_label);
		xml_attr(rn, "reason-code", v->reason_code);
		xml_attr(rn, "answered-on", v->answered_on);
	}
	if (v->reply_suspended) {
		xml_attr(rn, "reply-suspended", "1");
		xml_attr(rn, "correction-from", v->correction_from);
		xml_attr(rn, "correction-due", v->correction_due);
	}
	add_description(rn, v);
	for (size_t i = 0; i < v->npauses; i++) {
		xmlNodePtr pn = xmlNewChild(rn, NULL, (const xmlChar *)"pause", NULL);
		xml_attr(pn, "from", v->pauses[i].from);
		xml_attr(pn, "to", v->pauses[i].to);
	}
	for (size_t i = 0; i < v->nsteps; i++) {
		const struct ysqgk_view_step *s = &v->steps[i];
		xmlNodePtr en = xml_add(rn, "event", s->note);
		xml_attr(en, "date", s->date);
		xml_attr(en, "kind", s->kind);
		xml_attr(en, "label", s->label);
	}
	for (size_t i = 0; i < v->ndocs; i++) {
		const struct ysqgk_view_doc *d = &v->docs[i];
		xmlNodePtr dn = xmlNewChild(rn, NULL, (const xmlChar *)"document", NULL);
		xml_attr(dn, "filename", d->filename);
		xml_attr(dn, "mime", d->mime);
		xml_attr(dn, "size", ysqgk_size_text(p, d->size));
		xml_attr(dn, "sha256", d->sha256);
		xml_attr(dn, "date", d->date);
		xml_attr(dn, "url", d->url);
	}
}

static void json_steps(struct jw *w, const struct ysqgk_view *v)
{
	jw_open(w, "events", '[');
	for (size_t i = 0; i < v->nsteps; i++) {
		const struct ysqgk_view_step *s = &v->steps[i];
		jw_open(w, NULL, '{');
		jw_str(w, "date", s->date);
		jw_str(w, "kind", s->kind);
		jw_str(w, "label", s->label);
		jw_str(w, "note", s->note);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void json_docs(struct jw *w, const struct ysqgk_view *v)
{
	jw_open(w, "documents", '[');
	for (size_t i = 0; i < v->ndocs; i++) {
		const struct ysqgk_view_doc *d = &v->docs[i];
		jw_open(w, NULL, '{');
		jw_str(w, "filename", d->filename);
		jw_str(w, "mime", d->mime);
		jw_int(w, "size", d->size);
		jw_str(w, "sha256", d->sha256);
		jw_str(w, "date", d->date);
		jw_str(w, "url", d->url);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

void ysqgk_view_json(const struct ysqgk_view *v, struct buf *out)
{
	struct jw w;
	jw_init(&w, out);
	jw_open(&w, NULL, '{');
	jw_str(&w, "tracking_no", v->tracking_no);
	jw_str(&w, "status", v->status);
	jw_str(&w, "status_label", v->status_label);
	jw_bool(&w, "open", v->open);
	jw_str(&w, "channel", v->channel);
	jw_str(&w, "received_on", v->received_on);
	jw_str(&w, "due_on", v->due_on);
	jw_bool(&w, "provisional", v->provisional);
	jw_str(&w, "applicant_type", v->applicant_type);
	jw_str(&w, "org_kind", v->org_kind);
	jw_str(&w, "name", v->name);
	jw_str(&w, "description", v->description);
	jw_str(&w, "doc_number", v->doc_number);
	jw_str(&w, "form", v->form);
	jw_str(&w, "delivery", v->delivery);
	jw_str(&w, "outcome", v->outcome);
	jw_str(&w, "outcome_label", v->outcome_label);
	jw_str(&w, "reason_code", v->reason_code);
	jw_str(&w, "answered_on", v->answered_on);
	json_steps(&w, v);
	json_docs(&w, v);
	jw_close(&w, '}');
	buf_putc(out, '\n');
}

void ysqgk_receipt_xml(struct pool *p, const struct ysqgk_view *v, const char *query_code, xmlNodePtr parent)
{
	xmlNodePtr rn = xmlNewChild(parent, NULL, (const xmlChar *)"receipt", NULL);
	xml_attr(rn, "tracking-no", v->tracking_no);
	xml_attr(rn, "query-code", query_code);
	xml_attr(rn, "received-on", v->received_on);
	xml_attr(rn, "due-on", v->due_on);
	int32_t received = INT32_MAX; /* the database's date; were it unreadable, the rules in force now */
	(void)parse_date(v->received_on, &received);
	xml_attr_int(rn, "reply-days", ysqgk_period_for(received).reply_days); /* what the due date counts */
	xml_attr(rn, "provisional", v->provisional ? "1" : "0");
	xml_attr(rn, "status-label", v->status_label);
	xml_attr(rn, "channel-label", v->channel_label);
	xml_attr(rn, "applicant-type-label", v->applicant_type_label);
	xml_attr(rn, "org-kind-label", v->org_kind_label);
	xml_attr(rn, "name", v->name);
	xml_attr(rn, "form-label", v->form_label);
	xml_attr(rn, "delivery-label", v->delivery_label);
	add_description(rn, v);
	for (size_t i = 0; i < v->ndocs; i++) {
		xmlNodePtr an = xmlNewChild(rn, NULL, (const xmlChar *)"attachment", NULL);
		xml_attr(an, "filename", v->docs[i].filename);
		xml_attr(an, "size", ysqgk_size_text(p, v->docs[i].size));
		xml_attr(an, "sha256", v->docs[i].sha256);
	}
}
