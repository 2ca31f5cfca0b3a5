#include "ysqgk/ysqgk_workflow.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "ysqgk/ysqgk_fees.h"
#include "core/mail.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

enum {
	S_REGISTERED = 1 << 0,
	S_CORR_REQ = 1 << 1,
	S_CORRECTED = 1 << 2,
	S_ABANDONED = 1 << 3,
	S_IN_PROGRESS = 1 << 4,
	S_CONSULT = 1 << 5,
	S_EXTENDED = 1 << 6,
	S_ANSWERED = 1 << 7,
	S_CLOSED = 1 << 8,
	S_WITHDRAWN = 1 << 9,
};
/* The clock runs in these; a consultation or a correction stops it. */
#define S_RUNNING (S_REGISTERED | S_CORRECTED | S_IN_PROGRESS | S_EXTENDED)
#define S_ACTIVE (S_RUNNING | S_CORR_REQ | S_CONSULT)

static const char *const status_names[] = {"registered", "correction_requested", "corrected", "abandoned",
                                           "in_progress", "consultation", "extended", "answered", "closed",
                                           "withdrawn"};

static unsigned status_bit(const char *s)
{
	for (unsigned i = 0; i < sizeof status_names / sizeof status_names[0]; i++)
		if (strcmp(status_names[i], s) == 0)
			return 1u << i;
	return 0;
}

/* The transition table: the whole workflow. to NULL: the status does not change (or, for the
 * end of a consultation, returns to what it was). */
static const struct transition {
	enum ysqgk_action action;
	const char *name;
	unsigned from;
	const char *to;
	enum role role;     /* who may take it, at least */
	const char *event;  /* request_events.kind */
	const char *notify; /* ysqgk_notify step, NULL: none */
	bool visible;       /* shown to the applicant on the tracking page */
} table[ACT__N] = {
	{ACT_ACCEPT, "accept", S_REGISTERED | S_CORRECTED, "in_progress", ROLE_STAFF, "in_progress", "in_progress", true},
	{ACT_REQUEST_CORRECTION, "correction", S_REGISTERED, "correction_requested", ROLE_STAFF, "correction_requested",
	 "correction_requested", true},
	{ACT_CORRECTED, "corrected", S_CORR_REQ, "corrected", ROLE_STAFF, "corrected", "corrected", true},
	{ACT_ABANDON, "abandon", S_CORR_REQ, "abandoned", ROLE_STAFF, "abandoned", "abandoned", true},
	{ACT_CONSULT, "consult", S_RUNNING, "consultation", ROLE_STAFF, "consultation", "consultation", true},
	{ACT_CONSULT_END, "consult_end", S_CONSULT, NULL, ROLE_STAFF, "consultation_end", "consultation_end", true},
	{ACT_EXTEND, "extend", S_REGISTERED | S_CORRECTED | S_IN_PROGRESS, "extended", ROLE_APPROVER, "extended", "extended", true},
	{ACT_FEE_NOTICE, "fee_notice", S_RUNNING, NULL, ROLE_STAFF, "fee_notice", "fee_notice", true},
	{ACT_FEE_PAID, "fee_paid", S_RUNNING, NULL, ROLE_STAFF, "note", NULL, true},
	{ACT_FEE_UNPAID, "fee_unpaid", S_RUNNING, "closed", ROLE_STAFF, "closed", "closed", true},
	{ACT_ANSWER, "answer", S_RUNNING, "answered", ROLE_STAFF, "answered", "answered", true},
	{ACT_CLOSE, "close", S_ANSWERED, "closed", ROLE_STAFF, "closed", "closed", true},
	{ACT_WITHDRAW, "withdraw", S_ACTIVE, "withdrawn", ROLE_STAFF, "withdrawn", "withdrawn", true},
	{ACT_ASSIGN, "assign", S_ACTIVE, NULL, ROLE_APPROVER, "note", NULL, false},
};

const struct ysqgk_reason ysqgk_reasons[] = {
	{"disclosed", "", "予以公开"},
	{"partly-disclosed", "", "部分公开"},
	{"not-disclosed", "1", "属于国家秘密"},
	{"not-disclosed", "2", "其他法律行政法规禁止公开"},
	{"not-disclosed", "3", "危及“三安全一稳定”"},
	{"not-disclosed", "4", "保护第三方合法权益"},
	{"not-disclosed", "5", "属于三类内部事务信息"},
	{"not-disclosed", "6", "属于四类过程性信息"},
	{"not-disclosed", "7", "属于行政执法案卷"},
	{"not-disclosed", "8", "属于行政查询事项"},
	{"cannot-provide", "1", "本机关不掌握相关政府信息"},
	{"cannot-provide", "2", "没有现成信息需要另行制作"},
	{"cannot-provide", "3", "补正后申请内容仍不明确"},
	{"not-processed", "1", "信访举报投诉类申请"},
	{"not-processed", "2", "重复申请"},
	{"not-processed", "3", "要求提供公开出版物"},
	{"not-processed", "4", "无正当理由大量反复申请"},
	{"not-processed", "5", "要求行政机关确认或重新出具已获取信息"},
	{"other", "1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"other", "2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"other", "3", "其他"},
};
const size_t ysqgk_nreasons = sizeof ysqgk_reasons / sizeof ysqgk_reasons[0];

const char *ysqgk_reason_label(const char *outcome, const char *code)
{
	for (size_t i = 0; i < ysqgk_nreasons; i++)
		if (outcome && strcmp(ysqgk_reasons[i].outcome, outcome) == 0 && strcmp(ysqgk_reasons[i].code, code ? code : "") == 0)
			return ysqgk_reasons[i].label;
	return NULL;
}

bool ysqgk_outcome_valid(const char *outcome, const char *code)
{
	return ysqgk_reason_label(outcome, code) != NULL;
}

bool ysqgk_action_allowed(enum ysqgk_action a, const char *status)
{
	return a < ACT__N && (table[a].from & status_bit(status)) != 0;
}

const char *ysqgk_action_name(enum ysqgk_action a)
{
	return a < ACT__N ? table[a].name : "";
}

bool ysqgk_action_by_name(const char *name, enum ysqgk_action *a)
{
	for (unsigned i = 0; i < ACT__N; i++)
		if (name && strcmp(table[i].name, name) == 0) {
			*a = table[i].action;
			return true;
		}
	return false;
}

bool ysqgk_status_final(const char *status)
{
	return (status_bit(status) & (S_ABANDONED | S_ANSWERED | S_CLOSED | S_WITHDRAWN)) != 0;
}

/* ---- letters ---- */

static void fill(struct buf *out, const char *tpl, const char *const *keys, const char *const *vals, size_t n)
{
	for (const char *t = tpl; *t;) {
		bool done = false;
		if (*t == '{')
			for (size_t k = 0; k < n && !done; k++) {
				size_t kl = strlen(keys[k]);
				if (strncmp(t + 1, keys[k], kl) == 0 && t[1 + kl] == '}') {
					buf_puts(out, vals[k] ? vals[k] : "");
					t += kl + 2;
					done = true;
				}
			}
		if (!done)
			buf_putc(out, *t++);
	}
}

enum xerr ysqgk_letter(struct request *req, long long id, const char *kind, const char *outcome,
                          const char *reason_code, int days, int32_t until, long long amount, const char **title,
                          const char **text)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.name, r.tracking_no, DATE_FORMAT(r.received_on, '%Y-%m-%d'), r.description, "
	                       "DATE_FORMAT(d.due_on, '%Y-%m-%d') FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	xmlDocPtr letters = app_letters(req->app);
	xmlNodePtr found = NULL;
	for (xmlNodePtr c = letters ? xmlDocGetRootElement(letters)->children : NULL; c && !found; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *k = xmlGetProp(c, (const xmlChar *)"kind"), *o = xmlGetProp(c, (const xmlChar *)"outcome");
		if (k && strcmp((const char *)k, kind) == 0 && (o == NULL || (outcome && strcmp((const char *)o, outcome) == 0)))
			found = c;
		xmlFree(k);
		xmlFree(o);
	}
	if (found == NULL)
		return XE_INTERNAL;
	char today[11], until_s[11] = "";
	format_date(req->today, today);
	if (until)
		format_date(until, until_s);
	const char *reason = ysqgk_reason_label(outcome, reason_code);
	const char *keys[] = {"name", "tracking_no", "received_on", "description", "due_on", "site", "today", "until",
	                      "days", "amount", "reason"};
	const char *vals[] = {r.rows[0][0], r.rows[0][1], r.rows[0][2], r.rows[0][3], r.rows[0][4], req->site->name, today,
	                      until_s, pool_printf(req->pool, "%d", days), pool_printf(req->pool, "%lld", amount),
	                      reason ? reason : ""};
	xmlChar *tpl = xmlNodeGetContent(found), *t = xmlGetProp(found, (const xmlChar *)"title");
	struct buf b;
	buf_init(&b);
	fill(&b, (const char *)tpl, keys, vals, sizeof keys / sizeof keys[0]);
	*text = pool_strdup(req->pool, buf_cstr(&b));
	*title = pool_strdup(req->pool, t ? (const char *)t : "告知书");
	buf_free(&b);
	xmlFree(tpl);
	xmlFree(t);
	return XE_OK;
}

/* ---- applying a step ---- */

struct current {
	const char *status, *assigned_body, *resume_status, *fee_state;
	int32_t received_on, fee_pay_by;
	long long reply_deadline, correction_deadline, consultation_deadline, month_seq;
	int extension_days;
};

static enum xerr load(struct request *req, long long id, struct current *c)
{
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
	c->status = w[0];
	c->assigned_body = w[1];
	c->resume_status = w[2];
	c->fee_state = w[3];
	c->received_on = (int32_t)strtol(w[4], NULL, 10);
	c->fee_pay_by = w[5] ? (int32_t)strtol(w[5], NULL, 10) : 0;
	c->reply_deadline = strtoll(w[6], NULL, 10);
	c->correction_deadline = strtoll(w[7], NULL, 10);
	c->consultation_deadline = strtoll(w[8], NULL, 10);
	c->month_seq = strtoll(w[9], NULL, 10);
	c->extension_days = (int)strtol(w[10], NULL, 10);
	return XE_OK;
}

static int32_t due_of(struct request *req, long long deadline_id, enum xerr *e)
{
	const char *v = db_value(req->db, req->pool, e, "SELECT DATEDIFF(due_on, '1970-01-01') FROM deadlines WHERE id = ?",
	                         "i", deadline_id);
	return v ? (int32_t)strtol(v, NULL, 10) : 0;
}

static enum xerr close_deadline(struct request *req, long long id)
{
	if (id == 0)
		return XE_OK;
	return db_exec(req->db, "UPDATE deadlines SET is_open = 0 WHERE id = ?", "i", id);
}

static const char *date_s(struct pool *p, int32_t d)
{
	char s[11];
	format_date(d, s);
	return pool_strdup(p, s);
}

#define FAIL(code, msg)                                                                                                \
	do {                                                                                                           \
		*message = (msg);                                                                                      \
		e = (code);                                                                                            \
		goto done;                                                                                             \
	} while (0)

enum xerr ysqgk_workflow_apply(struct request *req, long long id, const struct ysqgk_step *step,
                               struct ysqgk_step_result *out, const char **message)
{
	memset(out, 0, sizeof *out);
	*message = NULL;
	if (step->action >= ACT__N)
		return XE_BAD_REQUEST;
	const struct transition *t = &table[step->action];
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	enum xerr e = db_begin(req->db);
	if (e != XE_OK)
		return e;
	struct current c;
	const char *new_status = NULL, *letter = step->letter, *letter_kind = NULL, *letter_title = NULL;
	const char *applicant_note = NULL, *audit_note = step->note ? step->note : "";
	const char *outcome = NULL, *reason_code = NULL;
	int32_t on = step->on ? step->on : req->today;
	if ((e = load(req, id, &c)) != XE_OK)
		goto done;
	if (req->user == NULL || req->user->level < t->role)
		FAIL(XE_FORBIDDEN, t->role >= ROLE_APPROVER ? "这一步须由审核人（政府信息公开工作机构负责人）办理。" : "无权办理。");
	if (c.assigned_body != NULL && req->user->level < ROLE_APPROVER) {
		bool mine = false;
		if ((e = auth_serves_body(req, c.assigned_body, &mine)) != XE_OK)
			goto done;
		if (!mine)
			FAIL(XE_FORBIDDEN, "该申请不由您所在的机构办理。");
	}
	if (!(t->from & status_bit(c.status)))
		FAIL(XE_CONFLICT, pool_printf(req->pool, "申请当前状态为“%s”，不能办理这一步。",
		                              ysqgk_label(&ysqgk_statuses, c.status)));
	if (on < c.received_on || on > req->today)
		FAIL(XE_BAD_REQUEST, "日期应在收到申请之日与今天之间。");
	const char *before = pool_printf(req->pool, "{\"status\":\"%s\",\"fee_state\":\"%s\"}", c.status, c.fee_state);
	new_status = t->to ? t->to : c.status;

	switch (step->action) {
	case ACT_ACCEPT:
		break;
	case ACT_REQUEST_CORRECTION: {
		/* Art. 30: the correction notice goes out within 7 working days of receipt. */
		struct cal_result limit = cal_add(cal, c.received_on, 7, NULL, 0, NULL, NULL);
		if (on > limit.due)
			out->warning = pool_printf(req->pool, "补正告知晚于收到申请后7个工作日（应于%s前发出）。",
			                           date_s(req->pool, limit.due));
		int days = step->days > 0 ? step->days : 15;
		if (step->until > 0) {
			if (step->until <= on)
				FAIL(XE_BAD_REQUEST, "补正期限应晚于告知之日。");
			days = cal_between(cal, on, step->until, NULL, 0, NULL);
		}
		if (days < 1 || days > 60)
			FAIL(XE_BAD_REQUEST, "补正期限应为1至60个工作日。");
		struct cal_result cr;
		long long did;
		if ((e = deadline_store(req->db, cal, "request", id, "correction", on, days, NULL, 0, &cr, &did)) != XE_OK ||
		    (e = close_deadline(req, c.reply_deadline)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET correction_deadline_id = ? WHERE id = ?", "ii", did, id)) != XE_OK)
			goto done;
		letter_kind = "correction";
		if (letter == NULL && (e = ysqgk_letter(req, id, "correction", NULL, NULL, days, cr.due, 0, &letter_title,
		                                           &letter)) != XE_OK)
			goto done;
		break;
	}
	case ACT_CORRECTED: {
		/* The reply period runs again from the day the corrected request arrived. */
		struct cal_result rr;
		long long did;
		if ((e = close_deadline(req, c.correction_deadline)) != XE_OK ||
		    (e = deadline_store(req->db, cal, "request", id, "reply", on, 20, NULL, 0, &rr, &did)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", did, id)) != XE_OK)
			goto done;
		applicant_note = pool_printf(req->pool, "本机关于%s收到补正后的申请，答复期限自该日起重新计算，至%s%s。",
		                             date_s(req->pool, on), date_s(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
		break;
	}
	case ACT_ABANDON: {
		int32_t due = due_of(req, c.correction_deadline, &e);
		if (e != XE_OK)
			goto done;
		if (req->today <= due)
			FAIL(XE_CONFLICT, pool_printf(req->pool, "补正期限（%s）尚未届满。", date_s(req->pool, due)));
		if ((e = close_deadline(req, c.correction_deadline)) != XE_OK)
			goto done;
		outcome = "other";
		reason_code = "1";
		applicant_note = "您未在补正期限内补正申请，视为放弃申请，本机关不再处理该申请。";
		break;
	}
	case ACT_CONSULT: {
		/* Art. 32, 33: the third party has 15 working days; that time does not count. */
		struct cal_result cr;
		long long did;
		if ((e = deadline_store(req->db, cal, "request", id, "consultation", on, 15, NULL, 0, &cr, &did)) != XE_OK ||
		    (e = db_exec(req->db, "INSERT INTO deadline_pauses (deadline_id, from_on, to_on) VALUES (?, ?, ?)", "iss",
		                 c.reply_deadline, date_s(req->pool, on), date_s(req->pool, cr.due))) != XE_OK ||
		    (e = deadline_recompute_one(req->db, req->pool, cal, c.reply_deadline, "consultation", NULL)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET consultation_deadline_id = ?, resume_status = ? WHERE id = ?",
		                 "isi", did, c.status, id)) != XE_OK)
			goto done;
		applicant_note = pool_printf(req->pool, "本机关于%s书面征求第三方意见，第三方应于%s前提出意见；征求意见期间不计入答复期限。",
		                             date_s(req->pool, on), date_s(req->pool, cr.due));
		break;
	}
	case ACT_CONSULT_END: {
		/* The pause ends the day the consultation ended. */
		if ((e = db_exec(req->db,
		                 "UPDATE deadline_pauses SET to_on = ? WHERE deadline_id = ? AND to_on >= ? ORDER BY from_on DESC LIMIT 1",
		                 "sis", date_s(req->pool, on), c.reply_deadline, date_s(req->pool, on))) != XE_OK)
			goto done;
		struct cal_result rr;
		if ((e = deadline_recompute_one(req->db, req->pool, cal, c.reply_deadline, "consultation ended", &rr)) != XE_OK ||
		    (e = close_deadline(req, c.consultation_deadline)) != XE_OK)
			goto done;
		new_status = c.resume_status ? c.resume_status : "in_progress";
		applicant_note = pool_printf(req->pool, "征求第三方意见于%s结束，答复期限继续计算，至%s%s。", date_s(req->pool, on),
		                             date_s(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
		break;
	}
	case ACT_EXTEND: {
		if (c.extension_days > 0)
			FAIL(XE_CONFLICT, "答复期限只能延长一次。");
		if (step->days < 1 || step->days > 20)
			FAIL(XE_BAD_REQUEST, "延长期限最长不超过20个工作日。");
		int32_t due = due_of(req, c.reply_deadline, &e);
		if (e != XE_OK)
			goto done;
		if (on > due)
			FAIL(XE_CONFLICT, pool_printf(req->pool, "答复期限（%s）已过，不能再延长。", date_s(req->pool, due)));
		struct cal_result rr;
		if ((e = db_exec(req->db, "UPDATE deadlines SET days = days + ? WHERE id = ?", "ii", (long long)step->days,
		                 c.reply_deadline)) != XE_OK ||
		    (e = deadline_recompute_one(req->db, req->pool, cal, c.reply_deadline, "extension", &rr)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET extension_days = ? WHERE id = ?", "ii", (long long)step->days,
		                 id)) != XE_OK)
			goto done;
		letter_kind = "extension";
		if (letter == NULL && (e = ysqgk_letter(req, id, "extension", NULL, NULL, step->days, 0, 0, &letter_title,
		                                           &letter)) != XE_OK)
			goto done;
		break;
	}
	case ACT_FEE_NOTICE: {
		if (strcmp(c.fee_state, "none") != 0)
			FAIL(XE_CONFLICT, "该申请已发出过收费通知。");
		long long amount;
		const char *method = step->fee_method ? step->fee_method : "per-request";
		if (strcmp(method, "per-request") == 0)
			amount = ysqgk_fee_per_request(c.month_seq);
		else if (strcmp(method, "by-volume") == 0 && step->pages > 0 && step->pages <= 1000000)
			amount = ysqgk_fee_by_volume(step->pages);
		else
			FAIL(XE_BAD_REQUEST, "收费方式应为按件或按量（按量须填写页数）。");
		if (amount == 0)
			FAIL(XE_CONFLICT, strcmp(method, "per-request") == 0
			                      ? "该申请人本月申请未超过10件，按件计收不收费。"
			                      : "页数未超过30页，按量计收不收费。");
		/* The applicant pays within 20 working days; the time until payment does not count. */
		int32_t pay_by = step->until ? step->until : cal_add(cal, on, 20, NULL, 0, NULL, NULL).due;
		if (pay_by <= on)
			FAIL(XE_BAD_REQUEST, "缴费期限应晚于通知之日。");
		if ((e = db_exec(req->db, "INSERT INTO deadline_pauses (deadline_id, from_on, to_on) VALUES (?, ?, ?)", "iss",
		                 c.reply_deadline, date_s(req->pool, on), date_s(req->pool, pay_by))) != XE_OK ||
		    (e = deadline_recompute_one(req->db, req->pool, cal, c.reply_deadline, "fee notice", NULL)) != XE_OK ||
		    (e = db_exec(req->db,
		                 "UPDATE requests SET fee_state = 'notified', fee_method = ?, fee_amount = ?, fee_pages = ?, "
		                 "fee_pay_by = ? WHERE id = ?",
		                 "siisi", method, amount, step->pages > 0 ? step->pages : 0, date_s(req->pool, pay_by), id)) != XE_OK)
			goto done;
		letter_kind = "fee";
		if (letter == NULL &&
		    (e = ysqgk_letter(req, id, "fee", NULL, NULL, 0, pay_by, amount, &letter_title, &letter)) != XE_OK)
			goto done;
		audit_note = pool_printf(req->pool, "%s收费%lld元；%s", strcmp(method, "per-request") == 0 ? "按件" : "按量",
		                         amount, audit_note);
		break;
	}
	case ACT_FEE_PAID: {
		if (strcmp(c.fee_state, "notified") != 0)
			FAIL(XE_CONFLICT, "没有待缴的费用。");
		if ((e = db_exec(req->db,
		                 "UPDATE deadline_pauses SET to_on = ? WHERE deadline_id = ? AND to_on >= ? ORDER BY from_on DESC LIMIT 1",
		                 "sis", date_s(req->pool, on), c.reply_deadline, date_s(req->pool, on))) != XE_OK)
			goto done;
		struct cal_result rr;
		if ((e = deadline_recompute_one(req->db, req->pool, cal, c.reply_deadline, "fee paid", &rr)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'paid' WHERE id = ?", "i", id)) != XE_OK)
			goto done;
		applicant_note = pool_printf(req->pool, "本机关于%s收到信息处理费，答复期限继续计算，至%s。", date_s(req->pool, on),
		                             date_s(req->pool, rr.due));
		break;
	}
	case ACT_FEE_UNPAID:
		if (strcmp(c.fee_state, "notified") != 0)
			FAIL(XE_CONFLICT, "没有待缴的费用。");
		if (req->today <= c.fee_pay_by)
			FAIL(XE_CONFLICT, pool_printf(req->pool, "缴费期限（%s）尚未届满。", date_s(req->pool, c.fee_pay_by)));
		if ((e = close_deadline(req, c.reply_deadline)) != XE_OK ||
		    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'unpaid' WHERE id = ?", "i", id)) != XE_OK)
			goto done;
		outcome = "other";
		reason_code = "2";
		applicant_note = "您未在期限内缴纳信息处理费，视为放弃申请，本机关不再处理该申请。";
		break;
	case ACT_ANSWER: {
		if (strcmp(c.fee_state, "notified") == 0)
			FAIL(XE_CONFLICT, "收费通知尚未了结（已缴或逾期未缴）。");
		outcome = step->outcome;
		reason_code = step->reason_code ? step->reason_code : "";
		if (!ysqgk_outcome_valid(outcome, reason_code) ||
		    (strcmp(outcome, "other") == 0 && strcmp(reason_code, "3") != 0))
			FAIL(XE_BAD_REQUEST, "请选择答复类型及其理由。");
		int32_t due = due_of(req, c.reply_deadline, &e);
		if (e != XE_OK)
			goto done;
		if (on > due)
			out->warning = pool_printf(req->pool, "答复晚于答复期限（%s）。", date_s(req->pool, due));
		if ((e = close_deadline(req, c.reply_deadline)) != XE_OK)
			goto done;
		letter_kind = "reply";
		if (letter == NULL &&
		    (e = ysqgk_letter(req, id, "reply", outcome, reason_code, 0, 0, 0, &letter_title, &letter)) != XE_OK)
			goto done;
		break;
	}
	case ACT_CLOSE:
		break;
	case ACT_WITHDRAW:
		if ((e = close_deadline(req, c.reply_deadline)) != XE_OK || (e = close_deadline(req, c.correction_deadline)) != XE_OK ||
		    (e = close_deadline(req, c.consultation_deadline)) != XE_OK)
			goto done;
		outcome = "other";
		reason_code = "3";
		applicant_note = "您已撤回政府信息公开申请，本机关不再处理。";
		break;
	case ACT_ASSIGN: {
		if (step->body == NULL || *step->body == '\0' || utf8_chars(step->body) > 200)
			FAIL(XE_BAD_REQUEST, "请填写办理机构。");
		if ((e = db_exec(req->db, "UPDATE requests SET assigned_body = ?, handler_user_id = NULLIF(?, 0) WHERE id = ?",
		                 "sii", step->body, step->handler_id, id)) != XE_OK)
			goto done;
		audit_note = pool_printf(req->pool, "交由%s办理；%s", step->body, audit_note);
		break;
	}
	case ACT__N:
		break;
	}

	if (letter != NULL && (utf8_chars(letter) > 20000 || !text_valid(letter, strlen(letter))))
		FAIL(XE_BAD_REQUEST, "告知书内容过长或含有无效字符。");
	/* The request's new state. */
	if (outcome != NULL)
		e = db_exec(req->db, "UPDATE requests SET outcome = ?, reason_code = NULLIF(?, '') WHERE id = ?", "ssi", outcome,
		            reason_code, id);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "UPDATE requests SET status = ?, answered_on = IF(? = 'answered', ?, answered_on), "
		            "closed_on = IF(? IN ('closed', 'abandoned', 'withdrawn'), ?, closed_on) WHERE id = ?",
		            "sssssi", new_status, new_status, date_s(req->pool, on), new_status, date_s(req->pool, on), id);
	/* The timeline, the letter, the audit entry, the applicant's mail: all in this transaction. */
	const char *shown = letter ? letter : applicant_note;
	if (e == XE_OK)
		e = db_exec(req->db,
		            "INSERT INTO request_events (request_id, on_date, actor, kind, status_from, status_to, note, "
		            "applicant_note, visible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		            "isssssssi", id, date_s(req->pool, on), req->user->login, t->event, c.status, new_status, audit_note,
		            t->visible ? shown : NULL, (long long)t->visible);
	long long event_id = (long long)db_insert_id(req->db);
	for (size_t i = 0; e == XE_OK && step->action == ACT_ANSWER && i < step->nfiles; i++) {
		const struct upload *u = &step->files[i];
		const char *mime = u->len ? ysqgk_sniff(u->data, u->len) : NULL;
		if (mime == NULL)
			FAIL(XE_UNSUPPORTED, pool_printf(req->pool, "附件“%s”的类型不受支持。", u->filename));
		char sha[65];
		sha256_hex(u->data, u->len, sha);
		e = db_exec(req->db,
		            "INSERT INTO request_attachments (request_id, event_id, kind, filename, mime, size, sha256, data, "
		            "visible_to_applicant, uploaded_by) VALUES (?, ?, 'reply', ?, ?, ?, ?, ?, 1, ?)",
		            "iissisbs", id, event_id, u->filename, mime, (long long)u->len, sha, u->data,
		            u->len, req->user->login);
	}
	if (e == XE_OK && letter != NULL)
		e = db_exec(req->db,
		            "INSERT INTO request_letters (request_id, event_id, kind, title, body, created_by) VALUES (?, ?, ?, ?, ?, ?)",
		            "iissss", id, event_id, letter_kind, letter_title ? letter_title : "告知书", letter, req->user->login);
	if (e == XE_OK)
		e = audit_request(req, pool_printf(req->pool, "request.%s", t->name), "request", id, before,
		                  pool_printf(req->pool, "{\"status\":\"%s\",\"on\":\"%s\"%s%s%s}", new_status,
		                              date_s(req->pool, on), outcome ? ",\"outcome\":\"" : "", outcome ? outcome : "",
		                              outcome ? "\"" : ""),
		                  audit_note);
	if (e == XE_OK && t->notify != NULL)
		e = ysqgk_notify(req, id, t->notify, shown, &out->mail_id);
	if (e == XE_OK)
		e = db_commit(req->db);
	out->status = new_status;
done:
	if (e != XE_OK)
		db_rollback(req->db);
	else if (out->mail_id)
		mail_after_commit(req->db, &req->app->cfg, req->pool, out->mail_id);
	return e;
}
