/* The workflow's steps, one function each (see ysqgk_steps.h). A step checks what only it
 * checks, moves its deadlines, and says what the timeline, the letter and the audit entry carry;
 * ysqgk_workflow_apply() has checked its date against the table of date rules, and writes those
 * and commits. Articles: 《中华人民共和国政府信息公开条例》. The third party's steps are in
 * ysqgk_steps_consult.c, another administrative body's consultation in ysqgk_steps_bodies.c; the fee notice and Art. 35, for requests clearly beyond a reasonable
 * number, in ysqgk_steps_excessive.c. */
#include "ysqgk/ysqgk_steps.h"
#include "core/body.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_fees.h"
#include <stdlib.h>
#include <string.h>

const char *ysqgk_step_date(struct pool *p, int32_t d)
{
	char s[11];
	format_date(d, s);
	return pool_strdup(p, s);
}

/* The last day for the notice asking for a correction: 7 working days after the receipt. */
static int32_t correction_notice_due(const struct calendar *cal, int32_t received_on)
{
	return cal_add(cal, received_on, 7, NULL, 0, NULL, NULL).due;
}

/* The warnings' codes in ?warn= (their words: ysqgk_warning_text). */
static const char *const warning_codes[YW__N] = {
	[YW_NONE] = "",
	[YW_LATE_CORRECTION] = "late-correction",
	[YW_LATE_ANSWER] = "late-answer",
};

const char *ysqgk_warning_code(enum ysqgk_warning w)
{
	return w < YW__N ? warning_codes[w] : "";
}

enum ysqgk_warning ysqgk_warning_of(const char *code)
{
	for (enum ysqgk_warning w = YW_NONE + 1; code != NULL && w < YW__N; w++)
		if (strcmp(code, warning_codes[w]) == 0)
			return w;
	return YW_NONE;
}

enum xerr ysqgk_warning_text(struct request *req, long long id, enum ysqgk_warning w, const char **text)
{
	*text = NULL;
	if (w == YW_NONE || w >= YW__N)
		return XE_OK;
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT DATEDIFF(r.received_on, '1970-01-01'), "
	                       "(SELECT DATEDIFF(d.due_on, '1970-01-01') FROM deadlines d WHERE d.id = r.reply_deadline_id) "
	                       "FROM requests r WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK || r.nrows == 0)
		return e;
	const char *day = w == YW_LATE_CORRECTION ? r.rows[0][0] : r.rows[0][1];
	if (day == NULL)
		return XE_OK;
	int32_t due = (int32_t)strtol(day, NULL, 10);
	if (w == YW_LATE_CORRECTION) {
		const struct calendar *cal = request_calendar(req);
		if (cal == NULL)
			return XE_UNAVAILABLE;
		due = correction_notice_due(cal, due);
	}
	const char *date = ysqgk_step_date(req->pool, due);
	*text = w == YW_LATE_CORRECTION ? pool_printf(req->pool, "补正告知晚于收到申请后7个工作日（应于%s前发出）。", date)
	                                : pool_printf(req->pool, "答复晚于答复期限（%s）。", date);
	return XE_OK;
}

enum xerr ysqgk_close_deadline(struct request *req, long long id)
{
	if (id == 0)
		return XE_OK;
	return db_exec(req->db, "UPDATE deadlines SET is_open = 0 WHERE id = ?", "i", id);
}

static const char *const pause_kinds[] = {[PAUSE_FEE] = "fee", [PAUSE_CONSULTATION] = "consultation",
                                           [PAUSE_OTHER_BODY] = "other_body"};

enum xerr ysqgk_pause_reply(struct ysqgk_taking *t, enum ysqgk_pause kind, int32_t until, const char *why)
{
	struct request *req = t->req;
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO deadline_pauses (deadline_id, from_on, to_on, kind, is_open) VALUES (?, ?, ?, ?, 1)",
	                      "isss", t->was->reply_deadline, ysqgk_step_date(req->pool, t->on),
	                      ysqgk_step_date(req->pool, until), pause_kinds[kind]);
	return e == XE_OK ? deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, why, NULL) : e;
}

enum xerr ysqgk_pause_set_end(struct request *req, long long deadline, enum ysqgk_pause kind, int32_t from, int32_t to,
                              enum ysqgk_pause_end how)
{
	const char *day = ysqgk_step_date(req->pool, to);
	long long capped = how == PAUSE_END_BY, ends = how != PAUSE_MOVE_END;
	enum xerr e = db_exec(req->db,
	                      "UPDATE deadline_pauses SET to_on = IF(?, LEAST(to_on, GREATEST(from_on, ?)), GREATEST(from_on, ?)), "
	                      "is_open = IF(?, 0, is_open) WHERE deadline_id = ? AND kind = ? AND is_open = 1",
	                      "issiis", capped, day, day, ends, deadline, pause_kinds[kind]);
	if (e != XE_OK || db_affected(req->db) > 0 || from == 0)
		return e;
	return db_exec(req->db,
	               "UPDATE deadline_pauses SET to_on = IF(?, LEAST(to_on, GREATEST(from_on, ?)), GREATEST(from_on, ?)) "
	               "WHERE deadline_id = ? AND kind IS NULL AND from_on = ? ORDER BY id DESC LIMIT 1",
	               "issis", capped, day, day, deadline, ysqgk_step_date(req->pool, from));
}

enum xerr ysqgk_resume_reply(struct ysqgk_taking *t, enum ysqgk_pause kind, int32_t from, const char *why,
                             struct cal_result *due)
{
	struct request *req = t->req;
	enum xerr e = ysqgk_pause_set_end(req, t->was->reply_deadline, kind, from, t->on, PAUSE_END_BY);
	return e == XE_OK ? deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, why, due) : e;
}

enum xerr ysqgk_send_letter(struct ysqgk_taking *t, struct ysqgk_letter_args a)
{
	const struct ysqgk_step *in = t->in;
	a.on = t->on;
	a.text = in->letter;
	a.what = in->what;
	a.reasons = in->reasons;
	a.where = in->where;
	a.right_body = in->right_body;
	a.regime = in->regime;
	if (a.third_party == NULL)
		a.third_party = in->third_party;
	a.other_body = in->other_body;
	a.question = in->question;
	t->letter = pool_alloc(t->req->pool, sizeof *t->letter);
	const char *message = NULL;
	enum xerr e = ysqgk_letter_make(t->req, t->id, &a, t->letter, &message);
	return e == XE_OK ? XE_OK : ysqgk_refuse(t, e, message);
}

/* Art. 30: the correction notice goes out within 7 working days of receipt, saying what to
 * correct; the applicant has the period given (15 working days unless said otherwise) and the
 * reply clock stops. */
enum xerr ysqgk_step_correction(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->on > correction_notice_due(t->cal, t->was->received_on))
		t->warning = YW_LATE_CORRECTION;
	int days = t->in->days > 0 ? t->in->days : 15;
	if (t->in->until > 0) {
		if (t->in->until <= t->on)
			return ysqgk_refuse_at(t, XE_BAD_REQUEST, "days", "补正期限应晚于告知之日。");
		days = cal_between(t->cal, t->on, t->in->until, NULL, 0, NULL);
	}
	if (days < 1 || days > 60)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "days", "补正期限应为1至60个工作日。");
	/* The letter gives the period's end as a date: that date it stays (calendar.h). */
	int32_t until = t->in->until > 0 ? t->in->until : cal_add(t->cal, t->on, days, NULL, 0, NULL, NULL).due;
	struct cal_result cr;
	long long did;
	enum xerr e;
	if ((e = deadline_store_fixed(req->db, t->cal, "request", t->id, "correction", t->on, until, &cr, &did)) != XE_OK ||
	    (e = ysqgk_close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET correction_deadline_id = ? WHERE id = ?", "ii", did, t->id)) != XE_OK)
		return e;
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "correction", .days = days, .until = cr.due});
}

/* The reply period runs again, whole, from the day the corrected request arrived; its length is
 * that of the Regulation the request was received under, as its letters say. */
enum xerr ysqgk_step_corrected(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	int days = ysqgk_period_for(t->was->received_on).reply_days;
	struct cal_result rr;
	long long did;
	enum xerr e;
	if ((e = ysqgk_close_deadline(req, t->was->correction_deadline)) != XE_OK ||
	    (e = deadline_store(req->db, t->cal, "request", t->id, "reply", t->on, days, NULL, 0, &rr, &did)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", did, t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "本机关于%s收到补正后的申请，答复期限自该日起重新计算，至%s%s。",
	                                ysqgk_date_cn(req->pool, t->on), ysqgk_date_cn(req->pool, rr.due),
	                                rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* Art. 30: no correction within the period counts as giving up the request (其他处理 1). */
enum xerr ysqgk_step_abandon(struct ysqgk_taking *t)
{
	enum xerr e = ysqgk_close_deadline(t->req, t->was->correction_deadline);
	if (e != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "1";
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.outcome = "other", .reason_code = "1",
	                                                       .notice_on = t->was->correction_sent_on,
	                                                       .until = t->was->correction_due});
}

/* Art. 33: once, by at most 20 working days (15 under the 2008 Regulation), with the reason,
 * before the reply deadline. */
enum xerr ysqgk_step_extend(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	int most = ysqgk_period_for(t->was->received_on).extension_max;
	if (t->was->extension_days > 0)
		return ysqgk_refuse(t, XE_CONFLICT, "答复期限只能延长一次。");
	if (t->was->art35_later_on)
		return ysqgk_refuse(t, XE_CONFLICT, "已按第三十五条确定了延迟答复的期限，不能再延长。");
	if (t->in->days < 1 || t->in->days > most)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "days", pool_printf(req->pool, "延长期限最长不超过%d个工作日。", most));
	struct cal_result rr;
	enum xerr e;
	if ((e = db_exec(req->db, "UPDATE deadlines SET days = days + ? WHERE id = ?", "ii", (long long)t->in->days,
	                 t->was->reply_deadline)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, "extension", &rr)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET extension_days = ? WHERE id = ?", "ii", (long long)t->in->days,
	                 t->id)) != XE_OK)
		return e;
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "extension", .days = t->in->days});
}

/* The reply: an outcome of the annual report with its reason, and the letter of that reason
 * (Art. 36-39). The outcomes 其他处理 1 and 2 come only from the workflow itself. */
enum xerr ysqgk_step_answer(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (strcmp(t->was->fee_state, "notified") == 0)
		return ysqgk_refuse(t, XE_CONFLICT, "收费通知尚未了结（已缴或逾期未缴）。");
	t->outcome = t->in->outcome;
	t->reason_code = t->in->reason_code ? t->in->reason_code : "";
	if (!ysqgk_outcome_valid(t->outcome, t->reason_code) ||
	    (strcmp(t->outcome, "other") == 0 && strcmp(t->reason_code, "3") != 0))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "outcome", "请选择答复类型及其理由。");
	if (t->on > t->was->reply_due)
		t->warning = YW_LATE_ANSWER;
	enum xerr e = ysqgk_close_deadline(req, t->was->reply_deadline);
	if (e != XE_OK)
		return e;
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.outcome = t->outcome, .reason_code = t->reason_code,
	                                                       .variant = t->in->variant,
	                                                       .asked_on = t->was->art35_asked_on});
}

/* The applicant withdrew (其他处理 3): every clock stops. */
enum xerr ysqgk_step_withdraw(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	enum xerr e;
	if ((e = ysqgk_close_deadline(req, t->was->reply_deadline)) != XE_OK ||
	    (e = ysqgk_close_deadline(req, t->was->correction_deadline)) != XE_OK ||
	    (e = ysqgk_close_deadline(req, t->was->consultation_deadline)) != XE_OK)
		return e;
	t->outcome = "other";
	t->reason_code = "3";
	t->applicant_note = "您已撤回政府信息公开申请，本机关不再处理。";
	return XE_OK;
}

/* To a disclosing body of the site, and to a handler in it; the status stays, the applicant's
 * count of requests to the body in the month follows, and a per-request fee notice it no longer
 * bears is withdrawn (ysqgk_fee_recheck). */
enum xerr ysqgk_step_assign(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->in->body == NULL) /* the form's empty choice: never taken as the first body */
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "body", "办理机关：必须填写。");
	struct body body;
	enum xerr e = body_named(req->db, req->pool, req->site->id, t->in->body, &body);
	if (e == XE_NOT_FOUND)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "body", "请选择本站的一个机关办理。");
	/* Given again to the body it has (a second click, a batch over rows assigned already):
	 * refused, so that one change is one event and one audit entry. */
	if (e == XE_OK && t->was->assigned_body != NULL && strcmp(t->was->assigned_body, body.name) == 0)
		return ysqgk_refuse_at(t, XE_CONFLICT, "body", pool_printf(req->pool, "该申请已由%s办理，无需重新指定。", body.name));
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE requests SET assigned_body = ?, handler_user_id = NULLIF(?, 0) WHERE id = ?",
		            "sii", body.name, t->in->handler_id, t->id);
	if (e == XE_OK)
		e = ysqgk_fee_recount(req, t->id, t->was->received_on);
	if (e == XE_OK)
		e = ysqgk_fee_recheck(t, "改由其他机关办理");
	if (e != XE_OK)
		return e;
	t->audit_note = pool_printf(req->pool, "交由%s办理；%s", body.name, t->audit_note);
	return XE_OK;
}

/* A receipt date registered wrongly (Art. 31 gives it by channel): the reply clock runs from the
 * right one unless a correction restarted it, and the fee counts follow the month (a per-request
 * fee notice they no longer bear is withdrawn: ysqgk_fee_recheck). Not after
 * today, nor after the first step taken on the request. */
/* A receipt date moved across 2019-05-15 changes the Regulation the request is under: its
 * reply period is recounted, but an extension granted or a period restarted after a correction
 * under the other one would keep that one's days. Such a request is refused the change. */
static enum xerr across_regulations(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	enum xerr e;
	const char *restarted = db_value(req->db, req->pool, &e,
	                                 "SELECT COUNT(*) FROM deadlines WHERE id = ? AND start_on <> ?", "is",
	                                 t->was->reply_deadline, ysqgk_step_date(req->pool, t->was->received_on));
	if (e != XE_OK)
		return e;
	if (t->was->extension_days > 0 || (restarted != NULL && strcmp(restarted, "0") != 0))
		return ysqgk_refuse(t, XE_CONFLICT,
		                    "更正后的收到申请之日与原日期分属2019年5月15日前后，适用的条例不同，而本申请已延长答复期限或"
		                    "在补正后重新计算答复期限：不能更正收到日期，请按实际情况办理。");
	return XE_OK;
}

enum xerr ysqgk_step_redate(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	int32_t to = t->in->received_on;
	if (to == 0)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "received_on", "请填写更正后的收到申请之日。");
	if (to == t->was->received_on) /* nothing to correct: not the same as a date left out */
		return ysqgk_refuse_at(t, XE_CONFLICT, "received_on",
		                    pool_printf(req->pool, "收到申请之日登记的就是%s，与填写的日期相同，无需更正。",
		                                ysqgk_step_date(req->pool, to)));
	if (to > req->today)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "received_on", "收到申请之日不能晚于今天。");
	if (!ysqgk_in_force(to))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "received_on", "收到申请之日不能早于2008年5月1日（政府信息公开条例施行之日）。");
	if (t->was->first_step_on && to > t->was->first_step_on)
		return ysqgk_refuse(t, XE_CONFLICT,
		                    pool_printf(req->pool, "收到申请之日不能晚于第一个办理步骤的日期（%s）。",
		                                ysqgk_step_date(req->pool, t->was->first_step_on)));
	const char *from_s = ysqgk_step_date(req->pool, t->was->received_on), *to_s = ysqgk_step_date(req->pool, to);
	/* A date on the other side of 2019-05-15 brings the other Regulation's reply period. */
	long long more = ysqgk_period_for(to).reply_days - ysqgk_period_for(t->was->received_on).reply_days;
	struct cal_result rr = {0};
	enum xerr e;
	if (more != 0 && (e = across_regulations(t)) != XE_OK)
		return e;
	if ((e = db_exec(req->db, "UPDATE requests SET received_on = ? WHERE id = ?", "si", to_s, t->id)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE deadlines SET start_on = ?, days = days + ? WHERE id = ? AND start_on = ?", "siis",
	                 to_s, more, t->was->reply_deadline, from_s)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, "receipt date corrected",
	                                &rr)) != XE_OK ||
	    (e = ysqgk_fee_recount(req, t->id, t->was->received_on)) != XE_OK || (e = ysqgk_fee_recount(req, t->id, to)) != XE_OK ||
	    (e = ysqgk_fee_recheck(t, "收到日期更正")) != XE_OK)
		return e;
	t->audit_note = pool_printf(req->pool, "收到日期由%s更正为%s；%s", from_s, to_s, t->audit_note);
	t->applicant_note = pool_printf(req->pool, "本机关收到您申请的日期更正为%s（原登记为%s），答复期限为%s%s。",
	                                ysqgk_date_cn(req->pool, to), ysqgk_date_cn(req->pool, t->was->received_on),
	                                ysqgk_date_cn(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
	return XE_OK;
}
