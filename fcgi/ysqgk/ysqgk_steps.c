/* The workflow's steps, one function each (see ysqgk_steps.h). A step checks what only it
 * checks, moves its deadlines, and says what the timeline, the letter and the audit entry carry;
 * ysqgk_workflow_apply() writes those and commits. Articles: 《中华人民共和国政府信息公开条例》. */
#include "ysqgk/ysqgk_steps.h"
#include "core/body.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_fees.h"
#include "ysqgk/ysqgk_letter.h"
#include <stdlib.h>
#include <string.h>

static const char *date_s(struct pool *p, int32_t d)
{
	char s[11];
	format_date(d, s);
	return pool_strdup(p, s);
}

static enum xerr close_deadline(struct request *req, long long id)
{
	if (id == 0)
		return XE_OK;
	return db_exec(req->db, "UPDATE deadlines SET is_open = 0 WHERE id = ?", "i", id);
}

static int32_t due_of(struct request *req, long long deadline_id, enum xerr *e)
{
	const char *v = db_value(req->db, req->pool, e, "SELECT DATEDIFF(due_on, '1970-01-01') FROM deadlines WHERE id = ?",
	                         "i", deadline_id);
	return v ? (int32_t)strtol(v, NULL, 10) : 0;
}

/* Stops the reply clock from the step's day to until: that time does not count. */
static enum xerr pause_reply(struct ysqgk_taking *t, int32_t until, const char *why)
{
	struct request *req = t->req;
	enum xerr e = db_exec(req->db, "INSERT INTO deadline_pauses (deadline_id, from_on, to_on) VALUES (?, ?, ?)", "iss",
	                      t->was->reply_deadline, date_s(req->pool, t->on), date_s(req->pool, until));
	return e == XE_OK ? deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, why, NULL) : e;
}

/* Runs the reply clock again from the step's day; *due: the reply deadline now. */
static enum xerr resume_reply(struct ysqgk_taking *t, const char *why, struct cal_result *due)
{
	struct request *req = t->req;
	const char *on = date_s(req->pool, t->on);
	enum xerr e = db_exec(req->db,
	                      "UPDATE deadline_pauses SET to_on = ? WHERE deadline_id = ? AND to_on >= ? "
	                      "ORDER BY from_on DESC LIMIT 1",
	                      "sis", on, t->was->reply_deadline, on);
	return e == XE_OK ? deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, why, due) : e;
}

/* The letter of kind from its template, unless the staff wrote their own. */
static enum xerr template_letter(struct ysqgk_taking *t, const char *kind, const struct ysqgk_letter_args *args)
{
	t->letter_kind = kind;
	if (t->letter != NULL)
		return XE_OK;
	return ysqgk_letter(t->req, t->id, kind, args, &t->letter_title, &t->letter);
}

/* Art. 30: the correction notice goes out within 7 working days of receipt; the applicant has
 * the period given (15 working days unless said otherwise) and the reply clock stops. */
enum xerr ysqgk_step_correction(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct cal_result limit = cal_add(t->cal, t->was->received_on, 7, NULL, 0, NULL, NULL);
	if (t->on > limit.due)
		t->warning = pool_printf(req->pool, "补正告知晚于收到申请后7个工作日（应于%s前发出）。",
		                         date_s(req->pool, limit.due));
	int days = t->in->days > 0 ? t->in->days : 15;
	if (t->in->until > 0) {
		if (t->in->until <= t->on)
			return ysqgk_refuse(t, XE_BAD_REQUEST, "补正期限应晚于告知之日。");
		days = cal_between(t->cal, t->on, t->in->until, NULL, 0, NULL);
	}
	if (days < 1 || days > 60)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "补正期限应为1至60个工作日。");
	struct cal_result cr;
	long long did;
	enum xerr e;
	if ((e = deadline_store(req->db, t->cal, "request", t->id, "correction", t->on, days, NULL, 0, &cr, &did)) != XE_OK ||
	    (e = close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET correction_deadline_id = ? WHERE id = ?", "ii", did, t->id)) != XE_OK)
		return e;
	return template_letter(t, "correction", &(struct ysqgk_letter_args){.days = days, .until = cr.due});
}

/* The reply period runs again, whole, from the day the corrected request arrived. */
enum xerr ysqgk_step_corrected(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct cal_result rr;
	long long did;
	enum xerr e;
	if ((e = close_deadline(req, t->was->correction_deadline)) != XE_OK ||
	    (e = deadline_store(req->db, t->cal, "request", t->id, "reply", t->on, 20, NULL, 0, &rr, &did)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", did, t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "本机关于%s收到补正后的申请，答复期限自该日起重新计算，至%s%s。",
	                                date_s(req->pool, t->on), date_s(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* Art. 30: no correction within the period counts as giving up the request (其他处理 1). */
enum xerr ysqgk_step_abandon(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	enum xerr e;
	int32_t due = due_of(req, t->was->correction_deadline, &e);
	if (e != XE_OK)
		return e;
	if (req->today <= due)
		return ysqgk_refuse(t, XE_CONFLICT, pool_printf(req->pool, "补正期限（%s）尚未届满。", date_s(req->pool, due)));
	if ((e = close_deadline(req, t->was->correction_deadline)) != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "1";
	t->applicant_note = "您未在补正期限内补正申请，视为放弃申请，本机关不再处理该申请。";
	return XE_OK;
}

/* Art. 32, 33: the third party has 15 working days; that time does not count. */
enum xerr ysqgk_step_consult(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct cal_result cr;
	long long did;
	enum xerr e;
	if ((e = deadline_store(req->db, t->cal, "request", t->id, "consultation", t->on, 15, NULL, 0, &cr, &did)) != XE_OK ||
	    (e = pause_reply(t, cr.due, "consultation")) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET consultation_deadline_id = ?, resume_status = ? WHERE id = ?", "isi",
	                 did, t->was->status, t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "本机关于%s书面征求第三方意见，第三方应于%s前提出意见；征求意见期间不计入答复期限。",
	                                date_s(req->pool, t->on), date_s(req->pool, cr.due));
	return XE_OK;
}

/* The pause ends the day the consultation ended; the request goes back to where it was. */
enum xerr ysqgk_step_consult_end(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct cal_result rr;
	enum xerr e;
	if ((e = resume_reply(t, "consultation ended", &rr)) != XE_OK ||
	    (e = close_deadline(req, t->was->consultation_deadline)) != XE_OK)
		return e;
	t->status = t->was->resume_status ? t->was->resume_status : "in_progress";
	t->applicant_note = pool_printf(req->pool, "征求第三方意见于%s结束，答复期限继续计算，至%s%s。",
	                                date_s(req->pool, t->on), date_s(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* Art. 33: once, by at most 20 working days, before the reply deadline has passed. */
enum xerr ysqgk_step_extend(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->was->extension_days > 0)
		return ysqgk_refuse(t, XE_CONFLICT, "答复期限只能延长一次。");
	if (t->in->days < 1 || t->in->days > 20)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "延长期限最长不超过20个工作日。");
	enum xerr e;
	int32_t due = due_of(req, t->was->reply_deadline, &e);
	if (e != XE_OK)
		return e;
	if (t->on > due)
		return ysqgk_refuse(t, XE_CONFLICT,
		                    pool_printf(req->pool, "答复期限（%s）已过，不能再延长。", date_s(req->pool, due)));
	struct cal_result rr;
	if ((e = db_exec(req->db, "UPDATE deadlines SET days = days + ? WHERE id = ?", "ii", (long long)t->in->days,
	                 t->was->reply_deadline)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, "extension", &rr)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET extension_days = ? WHERE id = ?", "ii", (long long)t->in->days,
	                 t->id)) != XE_OK)
		return e;
	return template_letter(t, "extension", &(struct ysqgk_letter_args){.days = t->in->days});
}

/* The fee by the method chosen: 0 when the measures charge nothing; -1 for a method without
 * what it needs (a number of pages). */
static long long fee_amount(const struct ysqgk_taking *t)
{
	if (t->in->fee_method == FEE_PER_REQUEST)
		return ysqgk_fee_per_request(t->was->month_seq);
	if (t->in->pages > 0 && t->in->pages <= 1000000)
		return ysqgk_fee_by_volume(t->in->pages);
	return -1;
}

/* A fee notice: the applicant pays within 20 working days; the time until payment does not count. */
enum xerr ysqgk_step_fee_notice(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	bool per_request = t->in->fee_method == FEE_PER_REQUEST;
	if (strcmp(t->was->fee_state, "none") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "该申请已发出过收费通知。");
	long long amount = fee_amount(t);
	if (amount < 0)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "收费方式应为按件或按量（按量须填写页数）。");
	if (amount == 0)
		return ysqgk_refuse(t, XE_CONFLICT,
		                    per_request ? "该申请人本月申请未超过10件，按件计收不收费。" : "页数未超过30页，按量计收不收费。");
	int32_t pay_by = t->in->until ? t->in->until : cal_add(t->cal, t->on, 20, NULL, 0, NULL, NULL).due;
	if (pay_by <= t->on)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "缴费期限应晚于通知之日。");
	enum xerr e;
	if ((e = pause_reply(t, pay_by, "fee notice")) != XE_OK ||
	    (e = db_exec(req->db,
	                 "UPDATE requests SET fee_state = 'notified', fee_method = ?, fee_amount = ?, fee_pages = ?, "
	                 "fee_pay_by = ? WHERE id = ?",
	                 "siisi", ysqgk_fee_methods[t->in->fee_method], amount, t->in->pages > 0 ? t->in->pages : 0,
	                 date_s(req->pool, pay_by), t->id)) != XE_OK ||
	    (e = template_letter(t, "fee", &(struct ysqgk_letter_args){.until = pay_by, .amount = amount})) != XE_OK)
		return e;
	t->audit_note = pool_printf(req->pool, "%s收费%lld元；%s", per_request ? "按件" : "按量", amount, t->audit_note);
	return XE_OK;
}

enum xerr ysqgk_step_fee_paid(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "没有待缴的费用。");
	struct cal_result rr;
	enum xerr e;
	if ((e = resume_reply(t, "fee paid", &rr)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'paid' WHERE id = ?", "i", t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "本机关于%s收到信息处理费，答复期限继续计算，至%s。",
	                                date_s(req->pool, t->on), date_s(req->pool, rr.due));
	return XE_OK;
}

/* Not paid by the day given: the request is not handled further (其他处理 2). */
enum xerr ysqgk_step_fee_unpaid(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "没有待缴的费用。");
	if (req->today <= t->was->fee_pay_by)
		return ysqgk_refuse(t, XE_CONFLICT, pool_printf(req->pool, "缴费期限（%s）尚未届满。",
		                                                date_s(req->pool, t->was->fee_pay_by)));
	enum xerr e;
	if ((e = close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'unpaid' WHERE id = ?", "i", t->id)) != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "2";
	t->applicant_note = "您未在期限内缴纳信息处理费，视为放弃申请，本机关不再处理该申请。";
	return XE_OK;
}

/* The reply: an outcome of the annual report with its reason, and the letter (Art. 36). The
 * outcomes 其他处理 1 and 2 come only from the workflow itself. */
enum xerr ysqgk_step_answer(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") == 0)
		return ysqgk_refuse(t, XE_CONFLICT, "收费通知尚未了结（已缴或逾期未缴）。");
	t->outcome = t->in->outcome;
	t->reason_code = t->in->reason_code ? t->in->reason_code : "";
	if (!ysqgk_outcome_valid(t->outcome, t->reason_code) ||
	    (strcmp(t->outcome, "other") == 0 && strcmp(t->reason_code, "3") != 0))
		return ysqgk_refuse(t, XE_BAD_REQUEST, "请选择答复类型及其理由。");
	enum xerr e;
	int32_t due = due_of(req, t->was->reply_deadline, &e);
	if (e != XE_OK)
		return e;
	if (t->on > due)
		t->warning = pool_printf(req->pool, "答复晚于答复期限（%s）。", date_s(req->pool, due));
	if ((e = close_deadline(req, t->was->reply_deadline)) != XE_OK)
		return e;
	return template_letter(t, "reply",
	                       &(struct ysqgk_letter_args){.outcome = t->outcome, .reason_code = t->reason_code});
}

/* The applicant withdrew (其他处理 3): every clock stops. */
enum xerr ysqgk_step_withdraw(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	enum xerr e;
	if ((e = close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = close_deadline(req, t->was->correction_deadline)) != XE_OK ||
	    (e = close_deadline(req, t->was->consultation_deadline)) != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "3";
	t->applicant_note = "您已撤回政府信息公开申请，本机关不再处理。";
	return XE_OK;
}

/* To a disclosing body, and to a handler in it; the status stays. */
enum xerr ysqgk_step_assign(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	struct body body;
	enum xerr e = t->in->body ? body_named(req->db, req->pool, req->site->id, t->in->body, &body) : XE_NOT_FOUND;
	if (e == XE_NOT_FOUND)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "请选择本站的一个机关办理。");
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE requests SET assigned_body = ?, handler_user_id = NULLIF(?, 0) WHERE id = ?",
		            "sii", body.name, t->in->handler_id, t->id);
	if (e != XE_OK)
		return e;
	t->audit_note = pool_printf(req->pool, "交由%s办理；%s", body.name, t->audit_note);
	return XE_OK;
}
