/* The workflow's transition table and what every step shares (see ysqgk_workflow.h): the row
 * lock, the authorization check (ysqgk_authz.h), the transaction, the new state, the
 * timeline, the letter, the audit entry and the mail. The steps' own work is in ysqgk_steps.c. */
#include "ysqgk/ysqgk_workflow.h"
#include "core/audit.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "core/mail.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_mail.h"
#include "ysqgk/ysqgk_steps.h"
#include "ysqgk/ysqgk_upload.h"
#include <stdlib.h>
#include <string.h>

#define BIT(status) (1u << (status))
/* The clock runs in these; a consultation or a correction stops it. */
#define RUNNING (BIT(REQ_REGISTERED) | BIT(REQ_CORRECTED) | BIT(REQ_IN_PROGRESS) | BIT(REQ_EXTENDED))
#define ACTIVE (RUNNING | BIT(REQ_CORRECTION_REQUESTED) | BIT(REQ_CONSULTATION))

const char *const ysqgk_action_names[] = {
	[ACT_ACCEPT] = "accept",         [ACT_REQUEST_CORRECTION] = "correction", [ACT_CORRECTED] = "corrected",
	[ACT_ABANDON] = "abandon",       [ACT_CONSULT] = "consult",               [ACT_CONSULT_END] = "consult_end",
	[ACT_EXTEND] = "extend",         [ACT_FEE_NOTICE] = "fee_notice",         [ACT_FEE_PAID] = "fee_paid",
	[ACT_FEE_UNPAID] = "fee_unpaid", [ACT_ANSWER] = "answer",                 [ACT_CLOSE] = "close",
	[ACT_WITHDRAW] = "withdraw",     [ACT_ASSIGN] = "assign",                 [ACT__N] = NULL,
};

const char *const ysqgk_fee_methods[] = {[FEE_PER_REQUEST] = "per-request", [FEE_BY_VOLUME] = "by-volume", NULL};

/* The transition table: the whole workflow (who may take a step is ysqgk_authz.c's). to NULL:
 * the status does not change (or, for the end of a consultation, the step says where it
 * returns). take NULL: nothing beyond what every step does. */
static const struct transition {
	unsigned from;
	const char *to;
	const char *event;   /* request_events.kind */
	const char *notify;  /* ysqgk_notify step, NULL: none */
	bool visible;        /* shown to the applicant on the tracking page */
	bool documents;      /* the step's files are reply documents for the applicant */
	ysqgk_step_fn take;
} table[ACT__N] = {
	[ACT_ACCEPT] = {BIT(REQ_REGISTERED) | BIT(REQ_CORRECTED), "in_progress", "in_progress", "in_progress",
	                true, false, NULL},
	[ACT_REQUEST_CORRECTION] = {BIT(REQ_REGISTERED), "correction_requested", "correction_requested",
	                            "correction_requested", true, false, ysqgk_step_correction},
	[ACT_CORRECTED] = {BIT(REQ_CORRECTION_REQUESTED), "corrected", "corrected", "corrected", true, false,
	                   ysqgk_step_corrected},
	[ACT_ABANDON] = {BIT(REQ_CORRECTION_REQUESTED), "abandoned", "abandoned", "abandoned", true, false,
	                 ysqgk_step_abandon},
	[ACT_CONSULT] = {RUNNING, "consultation", "consultation", "consultation", true, false,
	                 ysqgk_step_consult},
	[ACT_CONSULT_END] = {BIT(REQ_CONSULTATION), NULL, "consultation_end", "consultation_end", true, false,
	                     ysqgk_step_consult_end},
	[ACT_EXTEND] = {BIT(REQ_REGISTERED) | BIT(REQ_CORRECTED) | BIT(REQ_IN_PROGRESS), "extended",
	                "extended", "extended", true, false, ysqgk_step_extend},
	[ACT_FEE_NOTICE] = {RUNNING, NULL, "fee_notice", "fee_notice", true, false, ysqgk_step_fee_notice},
	[ACT_FEE_PAID] = {RUNNING, NULL, "note", NULL, true, false, ysqgk_step_fee_paid},
	[ACT_FEE_UNPAID] = {RUNNING, "closed", "closed", "closed", true, false, ysqgk_step_fee_unpaid},
	[ACT_ANSWER] = {RUNNING, "answered", "answered", "answered", true, true, ysqgk_step_answer},
	[ACT_CLOSE] = {BIT(REQ_ANSWERED), "closed", "closed", "closed", true, false, NULL},
	[ACT_WITHDRAW] = {ACTIVE, "withdrawn", "withdrawn", "withdrawn", true, false, ysqgk_step_withdraw},
	[ACT_ASSIGN] = {ACTIVE, NULL, "note", NULL, false, false, ysqgk_step_assign},
};

static unsigned status_bit(const char *code)
{
	enum ysqgk_status st;
	return ysqgk_status_parse(code, &st) ? BIT(st) : 0;
}

bool ysqgk_action_allowed(enum ysqgk_action a, const char *status)
{
	return a < ACT__N && (table[a].from & status_bit(status)) != 0;
}

const char *ysqgk_action_name(enum ysqgk_action a)
{
	return a < ACT__N ? ysqgk_action_names[a] : "";
}

static enum xerr load_current(struct request *req, long long id, struct ysqgk_current *c)
{
	enum current_col {
		C_STATUS, C_BODY, C_RESUME, C_FEE_STATE, C_RECEIVED, C_PAY_BY, C_REPLY, C_CORRECTION, C_CONSULTATION,
		C_MONTH_SEQ, C_EXTENSION
	};
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT status, assigned_body, resume_status, fee_state, DATEDIFF(received_on, '1970-01-01'), "
	                       "DATEDIFF(fee_pay_by, '1970-01-01'), COALESCE(reply_deadline_id, 0), "
	                       "COALESCE(correction_deadline_id, 0), COALESCE(consultation_deadline_id, 0), month_seq, "
	                       "extension_days FROM requests WHERE id = ? AND site_id = ? FOR UPDATE",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **w = r.rows[0];
	*c = (struct ysqgk_current){
		.status = w[C_STATUS],
		.assigned_body = w[C_BODY],
		.resume_status = w[C_RESUME],
		.fee_state = w[C_FEE_STATE],
		.received_on = (int32_t)strtol(w[C_RECEIVED], NULL, 10),
		.fee_pay_by = w[C_PAY_BY] ? (int32_t)strtol(w[C_PAY_BY], NULL, 10) : 0,
		.reply_deadline = strtoll(w[C_REPLY], NULL, 10),
		.correction_deadline = strtoll(w[C_CORRECTION], NULL, 10),
		.consultation_deadline = strtoll(w[C_CONSULTATION], NULL, 10),
		.month_seq = strtoll(w[C_MONTH_SEQ], NULL, 10),
		.extension_days = (int)strtol(w[C_EXTENSION], NULL, 10),
	};
	return XE_OK;
}

/* Who may take the step and from which status (the one decision, ysqgk_authz.h); on which day. */
static enum xerr check(struct ysqgk_taking *t, const struct transition *tr)
{
	struct request *req = t->req;
	enum xerr e = ysqgk_authz_check(req, t->id, t->in->action, t->in->body, &t->message);
	if (e != XE_OK)
		return e;
	if (t->on < t->was->received_on || t->on > req->today)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "日期应在收到申请之日与今天之间。");
	t->status = tr->to ? tr->to : t->was->status;
	return XE_OK;
}

static enum xerr write_state(struct ysqgk_taking *t, const char *on)
{
	struct request *req = t->req;
	enum xerr e = XE_OK;
	if (t->outcome != NULL)
		e = db_exec(req->db, "UPDATE requests SET outcome = ?, reason_code = NULLIF(?, '') WHERE id = ?", "ssi",
		            t->outcome, t->reason_code, t->id);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "UPDATE requests SET status = ?, answered_on = IF(? = 'answered', ?, answered_on), "
		            "closed_on = IF(? IN ('closed', 'abandoned', 'withdrawn'), ?, closed_on) WHERE id = ?",
		            "sssssi", t->status, t->status, on, t->status, on, t->id);
	return e;
}

/* The reply documents, on the step's event and shown to the applicant. */
static enum xerr write_documents(struct ysqgk_taking *t, long long event_id)
{
	struct request *req = t->req;
	enum xerr e = XE_OK;
	for (size_t i = 0; e == XE_OK && i < t->in->nfiles; i++) {
		const struct upload *u = &t->in->files[i];
		const char *mime = u->len ? ysqgk_sniff(u->data, u->len) : NULL;
		if (mime == NULL)
			return ysqgk_refuse(t, XE_UNSUPPORTED, pool_printf(req->pool, "附件“%s”的类型不受支持。", u->filename));
		char sha[65];
		sha256_hex(u->data, u->len, sha);
		e = db_exec(req->db,
		            "INSERT INTO request_attachments (request_id, event_id, kind, filename, mime, size, sha256, data, "
		            "visible_to_applicant, uploaded_by) VALUES (?, ?, 'reply', ?, ?, ?, ?, ?, 1, ?)",
		            "iissisbs", t->id, event_id, u->filename, mime, (long long)u->len, sha, u->data, u->len,
		            req->user->login);
	}
	return e;
}

static const char *audit_image(struct pool *p, const char *const *keys, const char *const *values, size_t n)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	for (size_t i = 0; i < n; i++)
		if (values[i] != NULL)
			jw_str(&w, keys[i], values[i]);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static enum xerr write_audit(struct ysqgk_taking *t, const char *on)
{
	struct pool *p = t->req->pool;
	static const char *const before_keys[] = {"status", "fee_state"}, *const after_keys[] = {"status", "on", "outcome"};
	const char *before[] = {t->was->status, t->was->fee_state}, *after[] = {t->status, on, t->outcome};
	return audit_request(t->req, pool_printf(p, "request.%s", ysqgk_action_names[t->in->action]), "request", t->id,
	                     audit_image(p, before_keys, before, 2), audit_image(p, after_keys, after, 3), t->audit_note);
}

/* What every step writes, in its transaction: the request's new state, the timeline event (what
 * the applicant is told, when the step is shown to them), the reply documents, the letter, the
 * audit entry and the mail. */
static enum xerr record(struct ysqgk_taking *t, const struct transition *tr, long long *mail_id)
{
	struct request *req = t->req;
	const char *shown = t->letter ? t->letter : t->applicant_note;
	char on[11];
	format_date(t->on, on);
	enum xerr e = write_state(t, on);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "INSERT INTO request_events (request_id, on_date, actor, kind, status_from, status_to, note, "
		            "applicant_note, visible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		            "isssssssi", t->id, on, req->user->login, tr->event, t->was->status, t->status, t->audit_note,
		            tr->visible ? shown : NULL, (long long)tr->visible);
	long long event_id = (long long)db_insert_id(req->db);
	if (e == XE_OK && tr->documents)
		e = write_documents(t, event_id);
	if (e == XE_OK && t->letter != NULL)
		e = db_exec(req->db,
		            "INSERT INTO request_letters (request_id, event_id, kind, title, body, created_by) VALUES (?, ?, ?, ?, ?, ?)",
		            "iissss", t->id, event_id, t->letter_kind, t->letter_title ? t->letter_title : "告知书", t->letter,
		            req->user->login);
	if (e == XE_OK)
		e = write_audit(t, on);
	if (e == XE_OK && tr->notify != NULL)
		e = ysqgk_notify(req, t->id, tr->notify, shown, mail_id);
	return e;
}

/* The step inside its transaction: lock and check, the step's own work, what every step writes. */
static enum xerr take(struct ysqgk_taking *t, struct ysqgk_current *was, long long *mail_id)
{
	const struct transition *tr = &table[t->in->action];
	enum xerr e = load_current(t->req, t->id, was);
	if (e == XE_OK)
		e = check(t, tr);
	if (e == XE_OK && tr->take != NULL)
		e = tr->take(t);
	if (e == XE_OK && t->letter != NULL && (utf8_chars(t->letter) > 20000 || !text_valid(t->letter, strlen(t->letter))))
		e = ysqgk_refuse(t, XE_BAD_REQUEST, "告知书内容过长或含有无效字符。");
	if (e == XE_OK)
		e = record(t, tr, mail_id);
	return e;
}

/* A step's transaction (db_transaction: run again, whole, after a deadlock or a cluster's
 * conflict), the taking made afresh for every run. */
struct apply_tx {
	struct request *req;
	long long id;
	const struct ysqgk_step *step;
	const struct calendar *cal;
	struct ysqgk_current was;
	struct ysqgk_taking t;
	long long mail_id;
};

static enum xerr apply_tx(struct db *db, void *ctx)
{
	struct apply_tx *a = ctx;
	(void)db; /* the request's own */
	a->mail_id = 0;
	a->t = (struct ysqgk_taking){.req = a->req,
	                             .id = a->id,
	                             .in = a->step,
	                             .was = &a->was,
	                             .cal = a->cal,
	                             .on = a->step->on ? a->step->on : a->req->today,
	                             .letter = a->step->letter,
	                             .audit_note = a->step->note ? a->step->note : ""};
	return take(&a->t, &a->was, &a->mail_id);
}

enum xerr ysqgk_workflow_apply(struct request *req, long long id, const struct ysqgk_step *step,
                               struct ysqgk_step_result *out, const char **message)
{
	memset(out, 0, sizeof *out);
	*message = NULL;
	if (step->action >= ACT__N)
		return XE_BAD_REQUEST;
	struct apply_tx a = {.req = req, .id = id, .step = step, .cal = request_calendar(req)};
	if (a.cal == NULL)
		return XE_UNAVAILABLE;
	enum xerr e = db_transaction(req->db, apply_tx, &a);
	*message = a.t.message;
	out->warning = a.t.warning;
	if (e != XE_OK)
		return e;
	out->status = a.t.status;
	out->mail_id = a.mail_id;
	if (out->mail_id)
		mail_after_commit(req->db, &req->app->cfg, req->pool, out->mail_id);
	return XE_OK;
}
