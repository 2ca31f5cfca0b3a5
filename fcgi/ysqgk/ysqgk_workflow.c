/* The workflow's transition table, the table of date rules beside it, and what every step shares
 * (see ysqgk_workflow.h): the row lock, the authorization check (ysqgk_authz.h), the step's date
 * against the date rules, the transaction, the new state, the timeline, the letter, the audit
 * entry and the mail. The steps' own work is in ysqgk_steps*.c. */
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
#define ACTIVE (RUNNING | BIT(REQ_CORRECTION_REQUESTED) | BIT(REQ_CONSULTATION) | BIT(REQ_BODY_CONSULTATION))

const char *const ysqgk_action_names[] = {
	[ACT_ACCEPT] = "accept",           [ACT_REQUEST_CORRECTION] = "correction",
	[ACT_CORRECTED] = "corrected",     [ACT_ABANDON] = "abandon",
	[ACT_CONSULT] = "consult",         [ACT_CONSULT_RECEIVED] = "consult_received",
	[ACT_CONSULT_END] = "consult_end", [ACT_PUBLIC_INTEREST] = "public_interest",
	[ACT_EXTEND] = "extend",           [ACT_ART35_REASONS] = "art35_reasons",
	[ACT_ART35_LATER] = "art35_later", [ACT_FEE_NOTICE] = "fee_notice",
	[ACT_FEE_PAID] = "fee_paid",       [ACT_FEE_UNPAID] = "fee_unpaid",
	[ACT_ANSWER] = "answer",           [ACT_CLOSE] = "close",
	[ACT_WITHDRAW] = "withdraw",       [ACT_ASSIGN] = "assign",
	[ACT_REDATE] = "redate",           [ACT_BODY_CONSULT] = "body_consult",
	[ACT_BODY_ANSWER] = "body_answer", [ACT__N] = NULL,
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
	[ACT_CONSULT_RECEIVED] = {BIT(REQ_CONSULTATION), NULL, "consultation_received", "consultation_received",
	                          true, false, ysqgk_step_consult_received},
	[ACT_CONSULT_END] = {BIT(REQ_CONSULTATION), NULL, "consultation_end", "consultation_end", true, false,
	                     ysqgk_step_consult_end},
	[ACT_PUBLIC_INTEREST] = {RUNNING, NULL, "public_interest", NULL, false, false, ysqgk_step_public_interest},
	[ACT_EXTEND] = {BIT(REQ_REGISTERED) | BIT(REQ_CORRECTED) | BIT(REQ_IN_PROGRESS), "extended",
	                "extended", "extended", true, false, ysqgk_step_extend},
	[ACT_ART35_REASONS] = {RUNNING, NULL, "art35_reasons", "art35_reasons", true, false, ysqgk_step_art35_reasons},
	[ACT_ART35_LATER] = {RUNNING, NULL, "art35_later", "art35_later", true, false, ysqgk_step_art35_later},
	[ACT_FEE_NOTICE] = {RUNNING, NULL, "fee_notice", "fee_notice", true, false, ysqgk_step_fee_notice},
	[ACT_FEE_PAID] = {RUNNING, NULL, "fee_paid", NULL, true, false, ysqgk_step_fee_paid},
	[ACT_FEE_UNPAID] = {RUNNING, "closed", "closed", "closed", true, false, ysqgk_step_fee_unpaid},
	[ACT_ANSWER] = {RUNNING, "answered", "answered", "answered", true, true, ysqgk_step_answer},
	[ACT_CLOSE] = {BIT(REQ_ANSWERED), "closed", "closed", "closed", true, false, NULL},
	[ACT_WITHDRAW] = {ACTIVE, "withdrawn", "withdrawn", "withdrawn", true, false, ysqgk_step_withdraw},
	[ACT_ASSIGN] = {ACTIVE, NULL, "assigned", NULL, false, false, ysqgk_step_assign},
	[ACT_REDATE] = {ACTIVE, NULL, "redated", "redated", true, false, ysqgk_step_redate},
	[ACT_BODY_CONSULT] = {RUNNING, "body_consultation", "body_consultation", "body_consultation", true, false,
	                      ysqgk_step_body_consult},
	[ACT_BODY_ANSWER] = {BIT(REQ_BODY_CONSULTATION), NULL, "body_consultation_end", "body_consultation_end", true,
	                     false, ysqgk_step_body_answer},
};

/* The dates a step's date is compared with: as recorded, under the request's row lock. */
enum date_ref {
	D_TODAY, D_RECEIVED, D_LAST_STEP, D_REPLY_DUE, D_CORRECTION_SENT, D_CORRECTION_DUE, D_FEE_SENT, D_PAY_BY,
	D_CONSULT_SENT, D_CONSULT_RECEIVED, D_CONSULT_DUE, D_ART35_ASKED, D_BODY_SENT
};
enum date_cmp { NOT_AFTER, NOT_BEFORE, AFTER };

static bool answer_none(const struct ysqgk_taking *t)
{
	return t->in->answer == TP_NONE;
}

static bool excessive(const struct ysqgk_taking *t)
{
	return t->in->outcome && strcmp(t->in->outcome, "not-processed") == 0 && t->in->reason_code &&
	       strcmp(t->in->reason_code, "4") == 0;
}

#define A(action) (1u << (action))
#define ALL_ACTIONS (~0u)
/* The date rules: a step's date may not contradict the dates recorded before it (each of these
 * feeds the annual report). A rule holds for its actions (and when `when` says so); a refusal
 * says why with the date compared ({date}). missing: the refusal when that date is not recorded
 * (NULL: the rule does not apply then). The specific rules come first, so that a refusal names
 * the rule that matters. */
static const struct date_rule {
	unsigned actions;
	bool (*when)(const struct ysqgk_taking *t);
	enum date_cmp cmp;
	enum date_ref ref;
	enum xerr status;
	const char *why, *missing;
} date_rules[] = {
	{ALL_ACTIONS, NULL, NOT_AFTER, D_TODAY, XE_BAD_REQUEST, "办理日期不能晚于今天（{date}）。", NULL},
	{A(ACT_ABANDON), NULL, AFTER, D_CORRECTION_DUE, XE_CONFLICT,
	 "补正期限至{date}，期限届满后才能认定申请人逾期未补正、视为放弃申请。", NULL},
	{A(ACT_CORRECTED), NULL, NOT_BEFORE, D_CORRECTION_SENT, XE_CONFLICT, "收到补正之日不能早于告知补正之日（{date}）。",
	 NULL},
	{A(ACT_FEE_PAID), NULL, NOT_BEFORE, D_FEE_SENT, XE_CONFLICT, "缴费之日不能早于发出收费通知之日（{date}）。", NULL},
	{A(ACT_FEE_UNPAID), NULL, AFTER, D_PAY_BY, XE_CONFLICT, "缴费期限至{date}，期限届满后才能认定逾期未缴费。", NULL},
	{A(ACT_FEE_NOTICE), NULL, NOT_AFTER, D_REPLY_DUE, XE_CONFLICT,
	 "答复期限至{date}，收费通知应在答复期限届满前发出；期限已过，不能再通知收费。", NULL},
	{A(ACT_EXTEND), NULL, NOT_AFTER, D_REPLY_DUE, XE_CONFLICT, "答复期限（{date}）已过，不能再延长。", NULL},
	{A(ACT_CONSULT_RECEIVED), NULL, NOT_BEFORE, D_CONSULT_SENT, XE_CONFLICT,
	 "第三方收到征求意见书之日不能早于发出之日（{date}）。", NULL},
	{A(ACT_CONSULT_END), answer_none, NOT_BEFORE, D_CONSULT_RECEIVED, XE_CONFLICT,
	 "认定第三方逾期未提出意见之日不能早于其收到征求意见书之日（{date}）。",
	 "第三方提出意见的15个工作日自其收到征求意见书之日起计算：请先登记第三方收到的日期。"},
	{A(ACT_CONSULT_END), answer_none, AFTER, D_CONSULT_DUE, XE_CONFLICT,
	 "第三方提出意见的期限至{date}，期限届满后才能认定第三方逾期未提出意见。", NULL},
	{A(ACT_BODY_ANSWER), NULL, NOT_BEFORE, D_BODY_SENT, XE_CONFLICT,
	 "收到其他机关意见之日不能早于发出征求意见函之日（{date}）。", NULL},
	{A(ACT_ART35_LATER), NULL, NOT_BEFORE, D_ART35_ASKED, XE_CONFLICT, "确定延迟答复期限之日不能早于要求说明理由之日（{date}）。",
	 "须先要求申请人说明理由（条例第三十五条）。"},
	{A(ACT_ANSWER), excessive, NOT_BEFORE, D_ART35_ASKED, XE_CONFLICT, "不予处理之日不能早于要求说明理由之日（{date}）。",
	 "以“无正当理由大量反复申请”不予处理，须先要求申请人说明理由（条例第三十五条）。"},
	{ALL_ACTIONS, NULL, NOT_BEFORE, D_RECEIVED, XE_CONFLICT, "办理日期不能早于收到申请之日（{date}）。", NULL},
	{ALL_ACTIONS, NULL, NOT_BEFORE, D_LAST_STEP, XE_CONFLICT, "办理日期不能早于上一个办理步骤的日期（{date}）。", NULL},
};

static int32_t ref_date(const struct ysqgk_taking *t, enum date_ref r)
{
	const struct ysqgk_current *w = t->was;
	const int32_t dates[] = {
		[D_TODAY] = t->req->today,        [D_RECEIVED] = w->received_on,     [D_LAST_STEP] = w->last_step_on,
		[D_REPLY_DUE] = w->reply_due,     [D_CORRECTION_SENT] = w->correction_sent_on,
		[D_CORRECTION_DUE] = w->correction_due, [D_FEE_SENT] = w->fee_sent_on, [D_PAY_BY] = w->fee_pay_by,
		[D_CONSULT_SENT] = w->consult_sent_on, [D_CONSULT_RECEIVED] = w->consult_received_on,
		[D_CONSULT_DUE] = w->consult_due, [D_ART35_ASKED] = w->art35_asked_on, [D_BODY_SENT] = w->body_sent_on,
	};
	return dates[r];
}

/* why with {date} as the date. */
static const char *with_date(struct pool *p, const char *why, int32_t day)
{
	const char *at = strstr(why, "{date}");
	if (at == NULL)
		return why;
	return pool_printf(p, "%.*s%s%s", (int)(at - why), why, ysqgk_step_date(p, day), at + strlen("{date}"));
}

/* The step's date against every rule that holds for it. */
static enum xerr check_dates(struct ysqgk_taking *t)
{
	struct pool *p = t->req->pool;
	for (size_t i = 0; i < sizeof date_rules / sizeof date_rules[0]; i++) {
		const struct date_rule *r = &date_rules[i];
		if (!(r->actions & A(t->in->action)) || (r->when && !r->when(t)))
			continue;
		int32_t ref = ref_date(t, r->ref);
		if (ref == 0) {
			if (r->missing)
				return ysqgk_refuse(t, r->status, r->missing);
			continue;
		}
		bool holds = r->cmp == NOT_AFTER ? t->on <= ref : r->cmp == NOT_BEFORE ? t->on >= ref : t->on > ref;
		if (!holds) /* about the step's date: its field is marked */
			return ysqgk_refuse_at(t, r->status, "on", with_date(p, r->why, ref));
	}
	return XE_OK;
}

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

/* The columns of load_current()'s row. */
enum current_col {
	C_STATUS, C_BODY, C_RESUME, C_FEE_STATE, C_THIRD_PARTY, C_THIRD_PARTY_ANSWER, C_OTHER_BODY, C_DELIVERY, C_REPLY,
	C_CORRECTION,
	C_CONSULTATION, C_MONTH_SEQ, C_EXTENSION, C_VERSION, C_DATES
};
/* The dates after them, in this order (days since 1970-01-01, NULL: none). */
enum current_date {
	CD_RECEIVED, CD_PAY_BY, CD_LAST_STEP, CD_FIRST_STEP, CD_REPLY_DUE, CD_CORRECTION_SENT, CD_CORRECTION_DUE,
	CD_FEE_SENT, CD_CONSULT_SENT, CD_CONSULT_RECEIVED, CD_CONSULT_DUE, CD_ART35_ASKED, CD_ART35_LATER, CD_BODY_SENT,
	CD__N
};

static int32_t day_of(const char *v)
{
	return v ? (int32_t)strtol(v, NULL, 10) : 0;
}

static void read_dates(char **d, struct ysqgk_current *c)
{
	c->received_on = day_of(d[CD_RECEIVED]);
	c->fee_pay_by = day_of(d[CD_PAY_BY]);
	c->last_step_on = day_of(d[CD_LAST_STEP]);
	c->first_step_on = day_of(d[CD_FIRST_STEP]);
	c->reply_due = day_of(d[CD_REPLY_DUE]);
	c->correction_sent_on = day_of(d[CD_CORRECTION_SENT]);
	c->correction_due = day_of(d[CD_CORRECTION_DUE]);
	c->fee_sent_on = day_of(d[CD_FEE_SENT]);
	c->consult_sent_on = day_of(d[CD_CONSULT_SENT]);
	c->consult_received_on = day_of(d[CD_CONSULT_RECEIVED]);
	c->consult_due = day_of(d[CD_CONSULT_DUE]);
	c->art35_asked_on = day_of(d[CD_ART35_ASKED]);
	c->art35_later_on = day_of(d[CD_ART35_LATER]);
	c->body_sent_on = day_of(d[CD_BODY_SENT]);
}

/* The request under its row lock, with the dates of its last steps of each kind. The timeline's
 * steps that set no date of the procedure (assignment, a corrected receipt date, notes) are not
 * "the previous step" of the date rules. */
static enum xerr load_current(struct request *req, long long id, struct ysqgk_current *c)
{
	struct db_result r;
	enum xerr e = db_query(
	    req->db, req->pool, &r,
	    "SELECT status, assigned_body, resume_status, fee_state, third_party, third_party_answer, other_body, delivery, "
	    "COALESCE(reply_deadline_id, 0), COALESCE(correction_deadline_id, 0), COALESCE(consultation_deadline_id, 0), "
	    "month_seq, extension_days, version, DATEDIFF(received_on, '1970-01-01'), DATEDIFF(fee_pay_by, '1970-01-01'), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind NOT IN ('assigned', 'redated', 'note')), "
	    "(SELECT DATEDIFF(MIN(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind NOT IN ('filed', 'registered', 'assigned', 'redated', 'note')), "
	    "(SELECT DATEDIFF(due_on, '1970-01-01') FROM deadlines d WHERE d.id = r.reply_deadline_id), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'correction_requested'), "
	    "(SELECT DATEDIFF(due_on, '1970-01-01') FROM deadlines d WHERE d.id = r.correction_deadline_id), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'fee_notice'), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'consultation'), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'consultation_received' AND e.at > (SELECT MAX(c.at) FROM request_events c "
	    " WHERE c.request_id = r.id AND c.kind = 'consultation')), "
	    "(SELECT DATEDIFF(due_on, '1970-01-01') FROM deadlines d WHERE d.id = r.consultation_deadline_id), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'art35_reasons'), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'art35_later'), "
	    "(SELECT DATEDIFF(MAX(on_date), '1970-01-01') FROM request_events e WHERE e.request_id = r.id "
	    " AND e.kind = 'body_consultation') "
	    "FROM requests r WHERE r.id = ? AND r.site_id = ? FOR UPDATE",
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
		.third_party = w[C_THIRD_PARTY],
		.third_party_answer = w[C_THIRD_PARTY_ANSWER],
		.other_body = w[C_OTHER_BODY],
		.delivery = w[C_DELIVERY],
		.reply_deadline = strtoll(w[C_REPLY], NULL, 10),
		.correction_deadline = strtoll(w[C_CORRECTION], NULL, 10),
		.consultation_deadline = strtoll(w[C_CONSULTATION], NULL, 10),
		.month_seq = strtoll(w[C_MONTH_SEQ], NULL, 10),
		.extension_days = (int)strtol(w[C_EXTENSION], NULL, 10),
		.version = strtoll(w[C_VERSION], NULL, 10),
	};
	read_dates(w + C_DATES, c);
	return XE_OK;
}

/* A step posted from a page older than the request's state: refused, naming the latest record
 * of the timeline (what the sender did not see), and how many steps were taken since. */
static enum xerr stale(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i'), actor, kind FROM request_events "
	                       "WHERE request_id = ? ORDER BY id DESC LIMIT 1",
	                       "i", t->id);
	if (e != XE_OK)
		return e;
	long long since = t->was->version - t->in->version;
	const char *what = r.nrows == 0 ? "办理状态已变更"
	                                : pool_printf(req->pool, "%s %s：%s%s", r.rows[0][0], r.rows[0][1],
	                                              ysqgk_label(&ysqgk_event_kinds, r.rows[0][2]),
	                                              since > 1 ? pool_printf(req->pool, "，共%lld项", since) : "");
	return ysqgk_refuse(t, XE_CONFLICT,
	                    pool_printf(req->pool, "该申请在您打开页面后已有新的办理记录（%s），请刷新页面后重新办理。", what));
}

/* The page the step came from shows the request as it is; who may take the step and from which
 * status (the one decision, ysqgk_authz.h); on which day. */
static enum xerr check(struct ysqgk_taking *t, const struct transition *tr)
{
	struct request *req = t->req;
	if (t->in->version != 0 && t->in->version != t->was->version)
		return stale(t);
	enum xerr e = ysqgk_authz_check(req, t->id, t->in->action, t->in->body, &t->message);
	if (e != XE_OK)
		return e;
	t->status = tr->to ? tr->to : t->was->status;
	return check_dates(t);
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
		            "closed_on = IF(? IN ('closed', 'abandoned', 'withdrawn'), ?, closed_on), version = version + 1 "
		            "WHERE id = ?",
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

/* The letter as sent: its text and remedies, signed by the body and dated by the step. */
static enum xerr write_letter(struct ysqgk_taking *t, long long event_id)
{
	const struct ysqgk_letter *l = t->letter;
	struct request *req = t->req;
	const char *body = l->remedies ? pool_printf(req->pool, "%s\n%s", l->text, l->remedies) : l->text;
	return db_exec(req->db,
	               "INSERT INTO request_letters (request_id, event_id, kind, title, body, created_by, on_date, signature, "
	               "body_id, addressee, to_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	               "iissssssiss", t->id, event_id, l->template, l->title, body, req->user->login,
	               ysqgk_step_date(req->pool, l->on), l->signature, l->body_id,
	               l->addressee, l->to_name ? l->to_name : "");
}

/* What every step writes, in its transaction: the request's new state, the timeline event (what
 * the applicant is told, when the step is shown to them: a letter to them as sent), the reply
 * documents, the letter, the audit entry and the mail. */
static enum xerr record(struct ysqgk_taking *t, const struct transition *tr, long long *mail_id)
{
	struct request *req = t->req;
	bool to_applicant = t->letter != NULL && t->letter->to_applicant;
	const char *shown = to_applicant ? t->letter->full : t->applicant_note;
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
		e = write_letter(t, event_id);
	if (e == XE_OK)
		e = write_audit(t, on);
	if (e == XE_OK && tr->notify != NULL)
		e = ysqgk_notify(req, t->id, tr->notify, shown, mail_id);
	return e;
}

/* The step form's field that fills in a placeholder left in the letter: the letter itself when
 * the staff wrote its text (the template's fields then go unread), else the field the template
 * takes the value from. None for what no step form gives: the signing body's details (on the
 * bodies page) and the request's own; nor for the third party of the Art. 32 decision, the one
 * consulted, which its form does not ask for. */
static const char *placeholder_field(const struct ysqgk_taking *t, const char *left)
{
	static const char *const typed[] = {"what", "reasons", "where", "right_body", "regime", "other_body", "question"};
	if (strstr(t->letter->text, left) == NULL)
		return NULL; /* in the remedies */
	if (t->in->letter != NULL)
		return "letter";
	const char *key = ysqgk_letter_placeholder_key(t->req->pool, left);
	for (size_t i = 0; key != NULL && i < sizeof typed / sizeof typed[0]; i++)
		if (strcmp(key, typed[i]) == 0)
			return typed[i];
	return key != NULL && strcmp(key, "third_party") == 0 && t->in->third_party != NULL ? "third_party" : NULL;
}

/* Why a letter with a placeholder left is not sent, and who fills it in when no field of the
 * step's form does: the signing body's details are set on the bodies page, by an admin. */
static const char *placeholder_message(struct pool *p, const char *left, const char *field)
{
	static const char *const of_body[] = {"review_body", "court", "address", "phone"};
	const char *key = field == NULL ? ysqgk_letter_placeholder_key(p, left) : NULL;
	for (size_t i = 0; key != NULL && i < sizeof of_body / sizeof of_body[0]; i++)
		if (strcmp(key, of_body[i]) == 0)
			return pool_printf(p, "告知书中还有待填写的内容：%s。这是签发机关的信息，请管理员在“机关”页面填写后再发出。", left);
	return pool_printf(p, "告知书中还有待填写的内容：%s。请填写后再发出。", left);
}

/* A letter goes out whole: nothing left to fill in, of a length a letter has. */
static enum xerr check_letter(struct ysqgk_taking *t)
{
	const char *full = t->letter->full;
	const char *left = ysqgk_letter_placeholder(t->req->pool, full);
	if (left != NULL) {
		const char *field = placeholder_field(t, left);
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, field, placeholder_message(t->req->pool, left, field));
	}
	if (utf8_chars(full) > 20000 || !text_valid(full, strlen(full)))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "letter", "告知书内容过长或含有无效字符。");
	return XE_OK;
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
	if (e == XE_OK && t->letter != NULL)
		e = check_letter(t);
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
	out->field = e != XE_OK ? a.t.field : NULL;
	if (e != XE_OK)
		return e;
	out->status = a.t.status;
	out->mail_id = a.mail_id;
	if (out->mail_id)
		mail_after_commit(req->db, &req->app->cfg, req->pool, out->mail_id);
	return XE_OK;
}
