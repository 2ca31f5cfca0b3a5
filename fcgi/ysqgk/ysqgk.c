/* Disclosure on request: the domain's codes and labels, statuses, reasons and settings (see ysqgk.h). */
#include "ysqgk/ysqgk.h"
#include "core/text.h"
#include <string.h>

const char *const ysqgk_applicant_type_codes[] = {[APPLICANT_PERSON] = "person", [APPLICANT_ORGANIZATION] = "organization",
                                                   NULL};
static const char *const applicant_type_labels[] = {"公民", "法人或者其他组织", NULL};
const char *const ysqgk_org_kind_codes[] = {"commercial", "research", "public-interest", "legal-services", "other", NULL};
static const char *const org_kind_labels[] = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", NULL};
const char *const ysqgk_id_type_codes[] = {[ID_RESIDENT] = "resident-id",
                                            "passport",
                                            "hk-macao-permit",
                                            "taiwan-permit",
                                            "residence-permit",
                                            "foreign-permanent-id",
                                            "other",
                                            NULL};
static const char *const id_type_labels[] = {"居民身份证",       "护照",           "港澳居民来往内地通行证",
                                             "台湾居民来往大陆通行证", "港澳台居民居住证", "外国人永久居留身份证",
                                             "其他有效身份证件", NULL};
const char *const ysqgk_form_codes[] = {"paper", "electronic", "disc", "disk", NULL};
static const char *const form_labels[] = {"纸质文本", "电子文档", "光盘", "磁盘", NULL};
const char *const ysqgk_delivery_codes[] = {[DELIVERY_POST] = "post", [DELIVERY_EMAIL] = "email", "pickup", "fax",
                                             "onsite", NULL};
static const char *const delivery_labels[] = {"邮寄", "电子邮件", "自行领取", "传真", "当场阅读、抄录", NULL};
const char *const ysqgk_channel_codes[] = {"online", "in-person", "registered-post", "ordinary-post", "fax", "email", NULL};
static const char *const channel_labels[] = {"网上申请", "当面提交", "挂号信件或邮政快递", "平常信件", "传真", "电子邮件", NULL};
const char *const ysqgk_status_codes[] = {
	[REQ_REGISTERED] = "registered", [REQ_CORRECTION_REQUESTED] = "correction_requested",
	[REQ_CORRECTED] = "corrected",   [REQ_ABANDONED] = "abandoned",
	[REQ_IN_PROGRESS] = "in_progress", [REQ_CONSULTATION] = "consultation",
	[REQ_EXTENDED] = "extended",     [REQ_ANSWERED] = "answered",
	[REQ_CLOSED] = "closed",         [REQ_WITHDRAWN] = "withdrawn",
	[REQ_BODY_CONSULTATION] = "body_consultation", [REQ__N] = NULL};
static const char *const status_labels[] = {"已登记", "待补正", "已补正", "视为放弃申请", "办理中",
                                            "征求第三方意见", "已延期答复", "已答复", "已办结", "已撤回",
                                            "征求其他机关意见", NULL};
static const char *const outcome_codes[] = {"disclosed",      "partly-disclosed", "not-disclosed",
                                            "cannot-provide", "not-processed",    "other", NULL};
static const char *const outcome_labels[] = {"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", NULL};
/* Timeline steps: the statuses plus the filing itself and free notes. */
static const char *const event_codes[] = {
	"filed",      "registered",   "correction_requested", "corrected",   "abandoned",     "in_progress",
	"consultation", "consultation_received", "consultation_end", "public_interest", "extended", "art35_reasons",
	"art35_later", "answered",     "closed",               "withdrawn",   "fee_notice",    "fee_paid",
	"assigned",   "redated",      "note",                 "delivered",  "fee_withdrawn", "body_consultation",
	"body_consultation_end", "deadline_moved", NULL};
static const char *const event_labels[] = {
	"提交申请",       "登记申请",         "告知补正",     "收到补正",       "视为放弃申请",   "开始办理",
	"征求第三方意见", "第三方收到征求意见书", "征求意见结束", "决定公开并书面告知第三方", "延长答复期限", "要求说明理由",
	"确定延迟答复期限", "作出答复",       "办结",         "撤回申请",       "告知收费",       "收到信息处理费",
	"指定办理机关",   "更正收到日期",     "说明",         "送达答复",       "撤回收费通知",   "征求其他机关意见",
	"收到其他机关意见", "重新计算期限", NULL};

const struct ysqgk_choices ysqgk_applicant_types = {"applicant_type", ysqgk_applicant_type_codes, applicant_type_labels};
const struct ysqgk_choices ysqgk_org_kinds = {"org_kind", ysqgk_org_kind_codes, org_kind_labels};
const struct ysqgk_choices ysqgk_id_types = {"id_type", ysqgk_id_type_codes, id_type_labels};
const struct ysqgk_choices ysqgk_forms = {"form", ysqgk_form_codes, form_labels};
const struct ysqgk_choices ysqgk_deliveries = {"delivery", ysqgk_delivery_codes, delivery_labels};
const struct ysqgk_choices ysqgk_channels = {"channel", ysqgk_channel_codes, channel_labels};
const struct ysqgk_choices ysqgk_statuses = {"status", ysqgk_status_codes, status_labels};
const struct ysqgk_choices ysqgk_outcomes = {"outcome", outcome_codes, outcome_labels};
const struct ysqgk_choices ysqgk_event_kinds = {"event", event_codes, event_labels};

const char *ysqgk_label(const struct ysqgk_choices *c, const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; c->codes[i] != NULL; i++)
		if (strcmp(c->codes[i], code) == 0)
			return c->labels[i];
	return NULL;
}

void ysqgk_config(const struct app *app, struct ysqgk_config *o)
{
	o->min_fill_seconds = app->cfg.ysqgk.min_fill_seconds;
	o->form_max_hours = app->cfg.ysqgk.form_max_hours;
	o->file_limit = app->cfg.ysqgk.file_limit;
	o->file_window = app->cfg.ysqgk.file_window;
	o->query_limit = app->cfg.ysqgk.query_limit;
	o->query_window = app->cfg.ysqgk.query_window;
	o->attachments_max = app->cfg.ysqgk.attachments_max;
	o->attachment_max = app->cfg.ysqgk.attachment_max;
	o->trusted_proxies = app->cfg.ysqgk.trusted_proxies;
	o->exempt = app->cfg.ysqgk.exempt;
}

bool ysqgk_status_parse(const char *code, enum ysqgk_status *out)
{
	for (enum ysqgk_status st = REQ_REGISTERED; st < REQ__N; st++)
		if (code != NULL && strcmp(ysqgk_status_codes[st], code) == 0) {
			*out = st;
			return true;
		}
	return false;
}

bool ysqgk_status_final(const char *code)
{
	enum ysqgk_status st;
	return ysqgk_status_parse(code, &st) &&
	       (st == REQ_ABANDONED || st == REQ_ANSWERED || st == REQ_CLOSED || st == REQ_WITHDRAWN);
}

bool ysqgk_in_force(int32_t received_on)
{
	return received_on >= days_from_civil(2008, 5, 1);
}

struct ysqgk_period ysqgk_period_for(int32_t received_on)
{
	if (received_on < days_from_civil(2019, 5, 15))
		return (struct ysqgk_period){.reply_days = 15, .extension_max = 15, .regulation_2008 = true};
	return (struct ysqgk_period){.reply_days = 20, .extension_max = 20, .regulation_2008 = false};
}

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
		if (outcome && strcmp(ysqgk_reasons[i].outcome, outcome) == 0 &&
		    strcmp(ysqgk_reasons[i].code, code ? code : "") == 0)
			return ysqgk_reasons[i].label;
	return NULL;
}

bool ysqgk_outcome_valid(const char *outcome, const char *code)
{
	return ysqgk_reason_label(outcome, code) != NULL;
}
