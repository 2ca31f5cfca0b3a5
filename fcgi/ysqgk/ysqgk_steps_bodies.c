/* Another administrative body's opinion (征求其他机关意见): the letter to it, and its answer. Art.
 * 33 para. 3 of 《中华人民共和国政府信息公开条例》 leaves the time needed for other bodies' opinions
 * out of the reply period, as for a third party's; the reply clock stops from the letter's
 * sending to the day the answer is recorded. Information made jointly with the body (Art. 34):
 * the body answers within 15 working days of its receipt, and silence counts as agreement. For
 * any other reason (the body's confirmation, Art. 17 para. 3, or its opinion) the Regulation
 * sets no period: the letter asks for an answer by a date the staff set. Until the answer, the
 * pause is taken to run to that date (the 15th working day from the sending, for joint
 * information), so that the reply deadline shown is the one that holds if the answer comes then;
 * the answer moves the pause's end to its day, earlier or later. */
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_steps.h"
#include "core/text.h"
#include <string.h>

const char *const ysqgk_body_grounds[] = {[BODY_JOINT] = "joint", [BODY_OTHER] = "other", NULL};

/* The longest answer-by period the staff may set: a pause of months is a mistyped date. */
#define BODY_MAX_DAYS 60

static bool blank(struct pool *p, const char *s)
{
	return s == NULL || *str_trim(pool_strdup(p, s)) == '\0';
}

/* The day the letter asks the body to answer by, and whether it is counted into a year whose
 * holiday arrangement is not published; a refusal when the staff's date does not fit. */
static enum xerr answer_by(struct ysqgk_taking *t, struct cal_result *by)
{
	if (t->in->ground == BODY_JOINT) {
		if (t->in->until)
			return ysqgk_refuse(t, XE_BAD_REQUEST,
			                    "共同制作的信息，被征求意见机关的期限由条例第三十四条规定（自收到征求意见之日起15个工作日），"
			                    "不另定答复日期。");
		*by = cal_add(t->cal, t->on, 15, NULL, 0, NULL, NULL);
		return XE_OK;
	}
	if (t->in->until == 0)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "请填写请其他机关答复的日期。");
	if (t->in->until <= t->on)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "请其他机关答复的日期应晚于发函之日。");
	if (cal_between(t->cal, t->on, t->in->until, NULL, 0, NULL) > BODY_MAX_DAYS)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "请其他机关答复的日期不能晚于发函之日起60个工作日。");
	if (!cal_is_workday(t->cal, t->in->until, NULL))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "until", "请其他机关答复的日期应为工作日。");
	*by = (struct cal_result){.due = t->in->until, .provisional = false}; /* the staff's date stands */
	return XE_OK;
}

enum xerr ysqgk_step_body_consult(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (blank(req->pool, t->in->other_body))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "other_body", "请填写征求意见的行政机关的名称。");
	if (blank(req->pool, t->in->question))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "question", "请填写征求意见的事项。");
	struct cal_result by;
	long long did;
	enum xerr e = answer_by(t, &by);
	if (e != XE_OK)
		return e;
	if (t->in->ground == BODY_JOINT)
		e = deadline_store(req->db, t->cal, "request", t->id, "body_consultation", t->on, 15, NULL, 0, &by, &did);
	else
		e = deadline_store_fixed(req->db, t->cal, "request", t->id, "body_consultation", t->on, by.due, &by, &did);
	if (e != XE_OK || (e = ysqgk_pause_reply(t, PAUSE_OTHER_BODY, by.due, "other body's consultation")) != XE_OK ||
	    (e = db_exec(req->db,
	                 "UPDATE requests SET consultation_deadline_id = ?, resume_status = ?, other_body = ? WHERE id = ?",
	                 "issi", did, t->was->status, t->in->other_body, t->id)) != XE_OK)
		return e;
	/* The applicant learns that the clock stopped and why, not whom the body consulted nor about
	 * what: as for a third party. */
	t->applicant_note = pool_printf(req->pool,
	                                "本机关于%s书面征求其他行政机关意见。根据《中华人民共和国政府信息公开条例》第三十三条第三款，"
	                                "征求意见所需时间不计入答复期限，答复期限自本机关收到其意见之日起继续计算。",
	                                ysqgk_date_cn(req->pool, t->on));
	t->audit_note = pool_printf(req->pool, "征求%s的意见（%s），请于%s前答复；%s", t->in->other_body,
	                            t->in->ground == BODY_JOINT ? "共同制作，第三十四条" : "其他情形",
	                            ysqgk_step_date(req->pool, by.due), t->audit_note);
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){
	                                .template = t->in->ground == BODY_JOINT ? "other-body-joint" : "other-body",
	                                .until = by.due, .until_provisional = by.provisional});
}

/* The answer came (or, for joint information, the 15 days ran out: staff record that as the
 * gist, on the day they ended): the pause ends that day, however it compares with the date asked
 * for, since the whole time the opinion needed is not counted; the request goes back to where it
 * was. */
enum xerr ysqgk_step_body_answer(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (blank(req->pool, t->in->gist))
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "gist", "请填写其他机关意见的主要内容。");
	struct cal_result rr;
	enum xerr e;
	if ((e = ysqgk_pause_set_end(req, t->was->reply_deadline, PAUSE_OTHER_BODY, t->was->body_sent_on, t->on, PAUSE_END_ON)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, "other body's answer", &rr)) !=
	        XE_OK ||
	    (e = ysqgk_close_deadline(req, t->was->consultation_deadline)) != XE_OK)
		return e;
	t->status = t->was->resume_status ? t->was->resume_status : "in_progress";
	t->audit_note = pool_printf(req->pool, "%s的意见：%s；%s", t->was->other_body ? t->was->other_body : "其他机关",
	                            t->in->gist, t->audit_note);
	t->applicant_note = pool_printf(req->pool, "征求其他行政机关意见于%s结束，答复期限继续计算，至%s%s。",
	                                ysqgk_date_cn(req->pool, t->on), ysqgk_date_cn(req->pool, rr.due),
	                                rr.provisional ? "（暂定）" : "");
	return XE_OK;
}
