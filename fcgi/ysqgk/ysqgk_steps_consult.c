/* The third party's steps (Art. 32, 34 of 《中华人民共和国政府信息公开条例》): the consultation
 * letter, its receipt, its end, and disclosure in the public interest over an objection. The
 * third party has 15 working days from its receipt of the letter; the reply period is paused
 * from the letter's sending to the third party's answer, or to the end of its 15 days. */
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_steps.h"
#include <string.h>

const char *const ysqgk_third_party_answers[] = {[TP_AGREED] = "agreed", [TP_OBJECTED] = "objected", [TP_NONE] = "none",
                                                 NULL};

/* The letter goes out: until its receipt is recorded, the third party's 15 days (and the pause)
 * are counted from the sending, the earliest they can start. */
enum xerr ysqgk_step_consult(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->in->third_party == NULL)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "third_party", "请填写第三方的名称。");
	struct cal_result cr;
	long long did;
	enum xerr e;
	if ((e = deadline_store(req->db, t->cal, "request", t->id, "consultation", t->on, 15, NULL, 0, &cr, &did)) != XE_OK ||
	    (e = ysqgk_pause_reply(t, PAUSE_CONSULTATION, cr.due, "consultation")) != XE_OK ||
	    (e = db_exec(req->db,
	                 "UPDATE requests SET consultation_deadline_id = ?, resume_status = ?, third_party = ?, "
	                 "third_party_answer = NULL WHERE id = ?",
	                 "issi", did, t->was->status, t->in->third_party, t->id)) != XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool,
	                                "本机关于%s书面征求第三方意见，第三方自收到征求意见书之日起15个工作日内提出意见；"
	                                "征求意见期间不计入答复期限。",
	                                ysqgk_date_cn(req->pool, t->on));
	t->audit_note = pool_printf(req->pool, "征求%s的意见；%s", t->in->third_party, t->audit_note);
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "consultation"});
}

/* The day the third party received the letter (the step's date): its 15 days run from it, and
 * the pause of the reply period to their end. */
enum xerr ysqgk_step_consult_received(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->was->consult_received_on)
		return ysqgk_refuse(t, XE_CONFLICT,
		                    pool_printf(req->pool, "已登记第三方于%s收到征求意见书。",
		                                ysqgk_step_date(req->pool, t->was->consult_received_on)));
	struct cal_result cr, rr;
	enum xerr e;
	if ((e = db_exec(req->db, "UPDATE deadlines SET start_on = ? WHERE id = ?", "si", ysqgk_step_date(req->pool, t->on),
	                 t->was->consultation_deadline)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->consultation_deadline, "third party's receipt",
	                                &cr)) != XE_OK ||
	    (e = ysqgk_pause_set_end(req, t->was->reply_deadline, PAUSE_CONSULTATION, t->was->consult_sent_on, cr.due, PAUSE_MOVE_END)) != XE_OK ||
	    (e = deadline_recompute_one(req->db, req->pool, t->cal, t->was->reply_deadline, "third party's receipt", &rr)) !=
	        XE_OK)
		return e;
	t->applicant_note = pool_printf(req->pool, "第三方于%s收到征求意见书，提出意见的期限至%s；答复期限相应计算至%s%s。",
	                                ysqgk_date_cn(req->pool, t->on), ysqgk_date_cn(req->pool, cr.due),
	                                ysqgk_date_cn(req->pool, rr.due), rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* The third party answered (agreed or objected), or its 15 days passed without an answer: the
 * pause ends that day at the latest, and the request goes back to where it was. */
enum xerr ysqgk_step_consult_end(struct ysqgk_taking *t)
{
	struct request *req = t->req;
	if (t->in->answer == TP_UNKNOWN)
		return ysqgk_refuse_at(t, XE_BAD_REQUEST, "answer", "请选择第三方的意见：同意公开、不同意公开，或者逾期未提出意见。");
	struct cal_result rr;
	enum xerr e;
	if ((e = ysqgk_resume_reply(t, PAUSE_CONSULTATION, t->was->consult_sent_on, "consultation ended", &rr)) != XE_OK ||
	    (e = ysqgk_close_deadline(req, t->was->consultation_deadline)) != XE_OK ||
	    (e = db_exec(req->db, "UPDATE requests SET third_party_answer = ? WHERE id = ?", "si",
	                 ysqgk_third_party_answers[t->in->answer], t->id)) != XE_OK)
		return e;
	t->status = t->was->resume_status ? t->was->resume_status : "in_progress";
	static const char *const said[] = {[TP_AGREED] = "同意公开", [TP_OBJECTED] = "不同意公开",
	                                   [TP_NONE] = "逾期未提出意见"};
	t->audit_note = pool_printf(req->pool, "第三方%s；%s", said[t->in->answer], t->audit_note);
	t->applicant_note = pool_printf(req->pool, "征求第三方意见于%s结束，答复期限继续计算，至%s%s。",
	                                ysqgk_date_cn(req->pool, t->on), ysqgk_date_cn(req->pool, rr.due),
	                                rr.provisional ? "（暂定）" : "");
	return XE_OK;
}

/* Art. 32: the third party objected, but withholding would greatly harm the public interest:
 * the body discloses, and tells the third party in writing what it discloses and why. */
enum xerr ysqgk_step_public_interest(struct ysqgk_taking *t)
{
	if (t->was->third_party_answer == NULL || strcmp(t->was->third_party_answer, "objected") != 0)
		return ysqgk_refuse(t, XE_CONFLICT, "第三方不同意公开时，才需要作出公开决定并书面告知第三方（条例第三十二条）。");
	t->audit_note = pool_printf(t->req->pool, "不同意公开的第三方：%s；%s", t->was->third_party, t->audit_note);
	return ysqgk_send_letter(t, (struct ysqgk_letter_args){.template = "public-interest",
	                                                       .third_party = t->was->third_party,
	                                                       .consulted_on = t->was->consult_sent_on});
}
