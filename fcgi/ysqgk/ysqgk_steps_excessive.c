/* The steps for requests whose number or frequency clearly exceeds a reasonable range: the fee
 * notice, its payment or non-payment (Art. 42 and 《政府信息公开信息处理费管理办法》), and
 * Art. 35 — the applicant asked for reasons, then a later reply date set (or the request not
 * processed, 不予处理 4, as an answer). */
#include "core/audit.h"
#include "core/exchange.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_fees.h"
#include "ysqgk/ysqgk_mail.h"
#include "ysqgk/ysqgk_steps.h"
#include <stdlib.h>
#include <string.h>

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

/* The month a per-request count is of: the calendar month of receipt, which a letter sent later
 * names ("this month" would be the letter's). */
static const char *count_month(const struct ysqgk_taking *t)
{
	int y;
	unsigned m, d;
	civil_from_days(t->was->received_on, &y, &m, &d);
	return pool_printf(t->req->pool, "%d年%u月", y, m);
}

static const char *method_phrase(const struct ysqgk_taking *t)
{
	struct pool *p = t->req->pool;
	if (t->in->fee_method == FEE_PER_REQUEST)
		return pool_printf(p, "按件计收的方式（%s您向本机关提出的第%lld件申请）", count_month(t), t->was->month_seq);
	return pool_printf(p, "按量计收的方式（共%lld页）", t->in->pages);
}

/* Why the method chosen charges this request nothing, or may not charge it, or NULL; *status the
 * refusal's and *field the form's field to change: the method when the method cannot charge this
 * request (by volume for reading on site; per request within the applicant's first 10 of the
 * month, which by volume may still charge), the pages when they are missing or too few to charge.
 * 《政府信息公开信息处理费管理办法》第五条: by volume only where the applicant asked for paper,
 * e-mail or copies of electronic data, none of which reading on site gives. */
static const char *not_charged(const struct ysqgk_taking *t, long long amount, enum xerr *status, const char **field)
{
	bool per_request = t->in->fee_method == FEE_PER_REQUEST;
	*status = XE_CONFLICT;
	*field = per_request ? "fee_method" : "pages";
	if (!per_request && strcmp(t->was->delivery, "onsite") == 0) {
		*field = "fee_method";
		return "申请人要求当场阅读、抄录，不适用按量计收（按量计收只适用于提供纸质件、发送电子邮件、复制电子数据等方式，"
		       "《政府信息公开信息处理费管理办法》第五条）；如需收费，请按件计收。";
	}
	if (amount < 0) {
		*status = XE_BAD_REQUEST;
		return "收费方式应为按件或按量（按量须填写页数）。";
	}
	if (amount > 0)
		return NULL;
	return per_request ? pool_printf(t->req->pool, "该申请人%s向本机关提出的申请未超过10件，按件计收不收费。", count_month(t))
	                   : "页数未超过30页，按量计收不收费。";
}

/* A fee notice before the reply deadline: the applicant pays within 20 working days (a date the
 * staff give instead is theirs, firm); the time until payment does not count. */
enum xerr ysqgk_step_fee_notice(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	bool per_request = t->in->fee_method == FEE_PER_REQUEST;
	if (strcmp(t->was->fee_state, "none") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "该申请已发出过收费通知。");
	long long amount = fee_amount(t);
	enum xerr e;
	const char *field;
	const char *why = not_charged(t, amount, &e, &field);
	if (why != NULL)
		return ysqgk_refuse_at(t, e, field, why);
	struct cal_result pay_by = {t->in->until, false};
	if (t->in->until == 0)
		pay_by = cal_add(t->cal, t->on, 20, NULL, 0, NULL, NULL);
	if (pay_by.due <= t->on)
		return ysqgk_refuse(t, XE_BAD_REQUEST, "缴费期限应晚于通知之日。");
	if ((e = ysqgk_pause_reply(t, PAUSE_FEE, pay_by.due, "fee notice")) != XE_OK ||
	    (e = db_exec(req->db,
	                 "UPDATE requests SET fee_state = 'notified', fee_method = ?, fee_amount = ?, fee_pages = ?, "
	                 "fee_pay_by = ? WHERE id = ?",
	                 "siisi", ysqgk_fee_methods[t->in->fee_method], amount, t->in->pages > 0 ? t->in->pages : 0,
	                 ysqgk_step_date(req->pool, pay_by.due), t->id)) != XE_OK)
		return e;
	t->audit_note = pool_printf(req->pool, "%s收费%lld元；%s", per_request ? "按件" : "按量", amount, t->audit_note);
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "fee", .until = pay_by.due,
	                                                       .until_provisional = pay_by.provisional,
	                                                       .amount = amount, .method = method_phrase(t)});
}

enum xerr ysqgk_step_fee_paid(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "没有待缴的费用。");
	struct cal_result rr;
	enum xerr e;
	if ((e = ysqgk_resume_reply(t, PAUSE_FEE, t->was->fee_sent_on, "fee paid", &rr)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'paid' WHERE id = ?", "i", t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "本机关于%s收到信息处理费，答复期限继续计算，至%s%s。",
	                                ysqgk_date_cn(req->pool, t->on), ysqgk_date_cn(req->pool, rr.due),
	                                rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* Not paid by the day given: the request is not handled further (其他处理 2). */
enum xerr ysqgk_step_fee_unpaid(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "没有待缴的费用。");
	enum xerr e;
	if ((e = ysqgk_close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET fee_state = 'unpaid' WHERE id = ?", "i", t->id)) != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "2";
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.outcome = "other", .reason_code = "2",
	                                                       .notice_on = t->was->fee_sent_on,
	                                                       .until = t->was->fee_pay_by});
}

/* Art. 35: the applicant is asked, once, for the reasons of requests clearly beyond a reasonable
 * number or frequency, by the day given (10 working days unless said otherwise). */
enum xerr ysqgk_step_art35_reasons(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->was->art35_asked_on)
		return ysqgk_refuse(t, XE_CONFLICT,
		                    pool_printf(req->pool, "已于%s要求申请人说明理由。",
		                                ysqgk_step_date(req->pool, t->was->art35_asked_on)));
	int32_t by = t->in->until ? t->in->until : cal_add(t->cal, t->on, 10, NULL, 0, NULL, NULL).due;
	if (by <= t->on)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "说明理由的期限应晚于告知之日。");
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "art35-reasons", .until = by});
}

/* Art. 35: the reasons are reasonable but the body cannot answer in time: the reply is due on
 * the later working day set, once. */
enum xerr ysqgk_step_art35_later(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	int32_t until = t->in->until;
	if (t->was->art35_later_on)
		return ysqgk_refuse(t, XE_CONFLICT, "已经确定过延迟答复的期限。");
	if (until <= t->was->reply_due)
		return ysqgk_refuse(t, XE_BAD_REQUEST,
		                    pool_printf(req->pool, "延迟答复的期限应晚于现在的答复期限（%s）。",
		                                ysqgk_step_date(req->pool, t->was->reply_due)));
	int days = cal_between(t->cal, t->on, until, NULL, 0, NULL);
	if (days > 366 || cal_add(t->cal, t->on, days, NULL, 0, NULL, NULL).due != until)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "延迟答复的期限应为一年内的工作日。");
	struct cal_result rr;
	long long did;
	enum xerr e;
	if ((e = ysqgk_close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = deadline_store_fixed(req->db, t->cal, "request", t->id, "reply", t->on, until, &rr, &did)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", did, t->id)) != XE_OK)
		return e;
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "art35-later", .until = until,
	                                                       .asked_on = t->was->art35_asked_on});
}

/* A per-request fee notice that a renumbering left without its basis (ysqgk_fee_recheck): the
 * columns of its request's row. */
enum stale_col { S_ID, S_DEADLINE, S_SEQ, S_AMOUNT, S_STATUS, S_RECEIVED, S_SENT, S_SENT_DAY, S__N };

/* What the applicant is told: why the count moved, what it is now, that nothing is owed under
 * the notice, and the reply deadline running again. */
static const char *withdrawal_note(struct ysqgk_taking *t, char **w, const char *cause, const struct cal_result *due)
{
	struct pool *p = t->req->pool;
	long long seq = strtoll(w[S_SEQ], NULL, 10), now = ysqgk_fee_per_request(seq);
	int y;
	unsigned m, d;
	civil_from_days((int32_t)strtol(w[S_RECEIVED], NULL, 10), &y, &m, &d);
	bool own = strtoll(w[S_ID], NULL, 10) == t->id;
	const char *charge = now == 0 ? "按件计收不收费"
	                              : pool_printf(p, "按件计收应为%lld元，如需收费，本机关将另行通知", now);
	const char *clock = due->due ? pool_printf(p, "答复期限自%s起继续计算，至%s%s。", ysqgk_date_cn(p, t->on),
	                                           ysqgk_date_cn(p, due->due), due->provisional ? "（暂定）" : "")
	                             : "";
	return pool_printf(p, "因%s申请%s，按件计收的件数重新计算：本件申请为您%d年%u月向办理机关提出的第%lld件，%s。"
	                      "本机关于%s发出的信息处理费缴纳通知（%s元）予以撤回，您无需缴纳该通知所列费用。%s",
	                   own ? "本件" : "您的另一件", cause, y, m, seq, charge,
	                   w[S_SENT_DAY] ? ysqgk_date_cn(p, (int32_t)strtol(w[S_SENT_DAY], NULL, 10)) : "", w[S_AMOUNT], clock);
}

/* The audit log's image of a request's fee: its state, and the amount or count that goes with it. */
static const char *fee_image(struct pool *p, const char *state, const char *key, const char *value)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "fee_state", state);
	jw_str(&w, "fee_method", strcmp(state, "none") == 0 ? NULL : "per-request");
	jw_str(&w, key, value);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

/* The withdrawal on the request's timeline (shown to the applicant), in the audit log and in
 * the applicant's mail, in the step's transaction. */
static enum xerr record_withdrawal(struct ysqgk_taking *t, char **w, const char *told)
{
	struct request *req = t->req;
	struct pool *p = req->pool;
	long long id = strtoll(w[S_ID], NULL, 10), mail_id;
	const char *on = ysqgk_step_date(p, t->on);
	const char *note = pool_printf(p, "按件计收件数重新计算为第%s件，与收费通知的%s元不符，撤回收费通知", w[S_SEQ],
	                               w[S_AMOUNT]);
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO request_events (request_id, on_date, actor, kind, status_from, status_to, note, "
	                      "applicant_note, visible) VALUES (?, ?, ?, 'fee_withdrawn', ?, ?, ?, ?, 1)",
	                      "issssss", id, on, req->user->login, w[S_STATUS], w[S_STATUS], note, told);
	if (e == XE_OK)
		e = audit_request(req, "request.fee_withdrawn", "request", id, fee_image(p, "notified", "fee_amount", w[S_AMOUNT]),
		                  fee_image(p, "none", "month_seq", w[S_SEQ]), note);
	return e == XE_OK ? ysqgk_notify(req, id, "fee_withdrawn", told, &mail_id) : e;
}

/* Withdraws one notice on the step's day: nothing owed under it, and the reply clock it stopped
 * runs again from that day (not before the notice itself). Its letter stays on record. */
static enum xerr withdraw_fee(struct ysqgk_taking *t, char **w, const char *cause)
{
	struct request *req = t->req;
	long long id = strtoll(w[S_ID], NULL, 10), deadline = strtoll(w[S_DEADLINE], NULL, 10);
	int32_t sent = w[S_SENT_DAY] != NULL ? (int32_t)strtol(w[S_SENT_DAY], NULL, 10) : 0;
	struct cal_result due = {0};
	enum xerr e = db_exec(req->db,
	                      "UPDATE requests SET fee_state = 'none', fee_method = NULL, fee_amount = NULL, fee_pages = NULL, "
	                      "fee_pay_by = NULL, version = version + 1 WHERE id = ?",
	                      "i", id);
	if (e == XE_OK && deadline != 0)
		e = ysqgk_pause_set_end(req, deadline, PAUSE_FEE, sent, t->on, PAUSE_END_BY);
	if (e == XE_OK && deadline != 0)
		e = deadline_recompute_one(req->db, req->pool, t->cal, deadline, "fee notice withdrawn", &due);
	return e == XE_OK ? record_withdrawal(t, w, withdrawal_note(t, w, cause, &due)) : e;
}

enum xerr ysqgk_fee_recheck(struct ysqgk_taking *t, const char *cause)
{
	struct request *req = t->req;
	struct db_result r;
	enum xerr e = db_query(
	    req->db, req->pool, &r,
	    "SELECT o.id, COALESCE(o.reply_deadline_id, 0), o.month_seq, COALESCE(o.fee_amount, 0), o.status, "
	    "DATEDIFF(o.received_on, '1970-01-01'), (SELECT DATE_FORMAT(MAX(e.on_date), '%Y-%m-%d') FROM request_events e "
	    "WHERE e.request_id = o.id AND e.kind = 'fee_notice'), (SELECT DATEDIFF(MAX(e.on_date), '1970-01-01') "
	    "FROM request_events e WHERE e.request_id = o.id AND e.kind = 'fee_notice') FROM requests o "
	    "WHERE o.site_id = ? AND o.applicant_key = (SELECT k.applicant_key FROM requests k WHERE k.id = ?) "
	    "AND o.fee_state = 'notified' AND o.fee_method = 'per-request' "
	    "AND o.status NOT IN ('abandoned', 'answered', 'closed', 'withdrawn') ORDER BY o.id FOR UPDATE",
	    "ii", req->site->id, t->id);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
		char **w = r.rows[i];
		if (ysqgk_fee_per_request(strtoll(w[S_SEQ], NULL, 10)) != strtoll(w[S_AMOUNT], NULL, 10))
			e = withdraw_fee(t, w, cause);
	}
	return e;
}
