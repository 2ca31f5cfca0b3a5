/* Mail to the applicant (see ysqgk_mail.h). */
#include "ysqgk/ysqgk_mail.h"
#include "core/mail.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_pii.h"
#include <string.h>

static const struct {
	const char *step, *subject, *text;
} steps[] = {
	{"filed", "已收到您的申请", "本机关已收到您通过网上申请平台提交的政府信息公开申请（系统确认收到之日即为收到申请之日）。"},
	{"registered", "已登记您的申请", "本机关已登记您提交的政府信息公开申请。"},
	{"correction_requested", "请补正申请内容", "您的申请内容需要补正，请按下列说明补正。补正后，答复期限自本机关收到补正申请之日起重新计算。"},
	{"corrected", "已收到补正后的申请", "本机关已收到您补正后的申请，答复期限自收到之日起重新计算。"},
	{"abandoned", "申请视为放弃", "您未在期限内补正申请，根据《中华人民共和国政府信息公开条例》第三十条，视为放弃申请。"},
	{"in_progress", "申请正在办理", "您的申请正在办理。"},
	{"consultation", "正在征求第三方意见", "您申请的信息涉及第三方，本机关正在书面征求第三方意见，所需时间不计入答复期限。"},
	{"consultation_end", "征求第三方意见结束", "征求第三方意见已经结束，答复期限继续计算。"},
	{"body_consultation", "正在征求其他行政机关意见",
	 "本机关正在书面征求其他行政机关对您申请的信息的意见，所需时间不计入答复期限。"},
	{"body_consultation_end", "征求其他行政机关意见结束", "征求其他行政机关意见已经结束，答复期限继续计算。"},
	{"extended", "答复期限已延长", "经政府信息公开工作机构负责人同意，答复期限延长。"},
	{"answered", "已作出答复", "本机关已对您的申请作出答复，请在查询页面查看答复内容并下载相关文件。"},
	{"closed", "申请已办结", "您的申请已经办结。"},
	{"withdrawn", "申请已撤回", "您已撤回政府信息公开申请。"},
	{"fee_notice", "信息处理费缴纳通知", "您的申请需要缴纳信息处理费，详见下列说明。"},
	{"consultation_received", "第三方已收到征求意见书", "第三方已收到本机关的征求意见书，答复期限相应计算。"},
	{"art35_reasons", "请说明申请的理由", "请按下列说明向本机关说明申请的理由。"},
	{"art35_later", "已确定延迟答复的期限", "本机关已确定延迟答复的期限，详见下列说明。"},
	{"redated", "收到申请的日期已更正", "本机关更正了收到您申请的日期，答复期限相应调整。"},
	{"fee_withdrawn", "信息处理费缴纳通知已撤回", "本机关撤回了向您发出的信息处理费缴纳通知，您无需缴纳该通知所列费用，详见下列说明。"},
	{"deadline_moved", "答复期限已重新计算", "本机关重新计算了您的申请的答复期限，详见下列说明。"},
};

static const char *query_link(struct request *req, const char *tracking)
{
	const char *base = req->app->cfg.mail.link_base;
	const char *path = pool_printf(req->pool, "%sysqgk/query?no=%s", site_base(req), tracking);
	if (base && *base)
		return pool_printf(req->pool, "%s%s", base, path);
	if (req->site->domain && *req->site->domain && url_is_safe(pool_printf(req->pool, "https://%s", req->site->domain)))
		return pool_printf(req->pool, "https://%s%s", req->site->domain, path);
	return path;
}

/* The columns of the request's row in ysqgk_notify(). */
enum mail_col { M_TRACKING, M_EMAIL, M_NAME, M_RECEIVED, M_DUE, M_PROVISIONAL, M_STATUS, M_PII_KEY };

/* While the period is suspended its stored date is no promise, as the tracking page says: waiting
 * for a correction it starts again on its receipt; waiting for another body, the date assumes an
 * answer on the day the letter asked for. */
static void write_due(char **row, struct buf *b)
{
	if (strcmp(row[M_STATUS], "correction_requested") == 0)
		buf_puts(b, "答复期限：中止计算（等待补正），本机关收到补正之日起重新计算\n");
	else if (strcmp(row[M_STATUS], "body_consultation") == 0)
		buf_puts(b, "答复期限：中止计算（征求其他行政机关意见所需时间不计入答复期限），本机关收到其意见之日起继续计算\n");
	else
		buf_printf(b, "答复期限：%s%s\n", row[M_DUE],
		           row[M_PROVISIONAL] && strcmp(row[M_PROVISIONAL], "1") == 0 ? "（暂定：该年度节假日安排尚未公布）" : "");
}

/* The mail's text: the step, its note, where the request stands, and how to follow it. */
static void write_body(struct request *req, char **row, const char *text, const char *note, struct buf *b)
{
	const char *status = ysqgk_label(&ysqgk_statuses, row[M_STATUS]);
	buf_printf(b, "%s：\n\n您好！%s\n\n", row[M_NAME], text);
	/* A letter to the applicant opens with the same salutation as the mail: said once. */
	const char *salutation = pool_printf(req->pool, "%s：\n", row[M_NAME]);
	if (note != NULL && str_has_prefix(note, salutation))
		note += strlen(salutation);
	if (note != NULL && *note)
		buf_printf(b, "%s\n\n", note);
	buf_printf(b, "受理编号：%s\n收到申请日期：%s\n", row[M_TRACKING], row[M_RECEIVED]);
	if (row[M_DUE] != NULL && !ysqgk_status_final(row[M_STATUS]))
		write_due(row, b);
	buf_printf(b, "当前状态：%s\n\n", status ? status : "");
	buf_printf(b, "查询办理进度（需要输入受理编号和提交申请时显示的查询码）：\n%s\n\n", query_link(req, row[M_TRACKING]));
	buf_printf(b, "本邮件由系统自动发送，请勿直接回复。\n%s\n", req->site->name);
}

enum xerr ysqgk_notify(struct request *req, long long id, const char *step, const char *note, long long *mail_id)
{
	if (mail_id != NULL)
		*mail_id = 0;
	size_t k = 0;
	while (k < sizeof steps / sizeof steps[0] && strcmp(steps[k].step, step) != 0)
		k++;
	if (k == sizeof steps / sizeof steps[0])
		return XE_INTERNAL; /* a step the code does not know: a programming error */
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.tracking_no, r.email, r.name, DATE_FORMAT(r.received_on, '%Y-%m-%d'), "
	                       "DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional, r.status, r.pii_key FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **row = r.rows[0];
	/* The address in clear only to be queued, where it is sealed again (core/mail.h). */
	const char *tracking = row[M_TRACKING];
	const char *email = ysqgk_pii_open(req->pool, &req->app->keys, row[M_PII_KEY], req->site->id, tracking, PII_EMAIL,
	                                   row[M_EMAIL]);
	if (email == NULL || !value_is_email(email))
		return XE_OK;
	struct buf b;
	buf_init(&b);
	write_body(req, row, steps[k].text, note, &b);
	const char *subject = pool_printf(req->pool, "【%s】政府信息公开申请 %s：%s", req->site->name, tracking, steps[k].subject);
	e = mail_queue(req->db, &req->app->cfg, req->site->id, id, email, subject, buf_cstr(&b), mail_id);
	buf_free(&b);
	return e;
}
