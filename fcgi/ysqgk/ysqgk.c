/* Disclosure on request: the shared logic (see ysqgk.h). */
#include "ysqgk/ysqgk.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "core/mail.h"
#include "core/render.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- codes and labels ---- */

static const char *const applicant_type_codes[] = {"person", "organization", NULL};
static const char *const applicant_type_labels[] = {"公民", "法人或者其他组织", NULL};
static const char *const org_kind_codes[] = {"commercial", "research", "public-interest", "legal-services", "other", NULL};
static const char *const org_kind_labels[] = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", NULL};
static const char *const id_type_codes[] = {"resident-id",      "passport",             "hk-macao-permit", "taiwan-permit",
                                            "residence-permit", "foreign-permanent-id", "other",           NULL};
static const char *const id_type_labels[] = {"居民身份证",       "护照",           "港澳居民来往内地通行证",
                                             "台湾居民来往大陆通行证", "港澳台居民居住证", "外国人永久居留身份证",
                                             "其他有效身份证件", NULL};
static const char *const form_codes[] = {"paper", "electronic", "disc", "disk", NULL};
static const char *const form_labels[] = {"纸质文本", "电子文档", "光盘", "磁盘", NULL};
static const char *const delivery_codes[] = {"post", "email", "pickup", "fax", "onsite", NULL};
static const char *const delivery_labels[] = {"邮寄", "电子邮件", "自行领取", "传真", "当场阅读、抄录", NULL};
static const char *const channel_codes[] = {"online", "in-person", "registered-post", "ordinary-post", "fax", "email", NULL};
static const char *const channel_labels[] = {"网上申请", "当面提交", "挂号信件或邮政快递", "平常信件", "传真", "电子邮件", NULL};
static const char *const status_codes[] = {"registered", "correction_requested", "corrected", "abandoned", "in_progress",
                                           "consultation", "extended", "answered", "closed", "withdrawn", NULL};
static const char *const status_labels[] = {"已登记", "待补正", "已补正", "视为放弃申请", "办理中",
                                            "征求第三方意见", "已延期答复", "已答复", "已办结", "已撤回", NULL};
static const char *const outcome_codes[] = {"disclosed",      "partly-disclosed", "not-disclosed",
                                            "cannot-provide", "not-processed",    "other", NULL};
static const char *const outcome_labels[] = {"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", NULL};
/* Timeline steps: the statuses plus the filing itself and free notes. */
static const char *const event_codes[] = {"filed",        "registered", "correction_requested", "corrected",
                                          "abandoned",    "in_progress", "consultation",        "consultation_end",
                                          "extended",     "answered",    "closed",              "withdrawn",
                                          "fee_notice",   "note",        NULL};
static const char *const event_labels[] = {"提交申请",     "登记申请", "告知补正",   "收到补正",
                                           "视为放弃申请", "开始办理", "征求第三方意见", "征求意见结束",
                                           "延长答复期限", "作出答复", "办结",       "撤回申请",
                                           "告知收费",     "说明",     NULL};

const struct ysqgk_choices ysqgk_applicant_types = {"applicant_type", applicant_type_codes, applicant_type_labels};
const struct ysqgk_choices ysqgk_org_kinds = {"org_kind", org_kind_codes, org_kind_labels};
const struct ysqgk_choices ysqgk_id_types = {"id_type", id_type_codes, id_type_labels};
const struct ysqgk_choices ysqgk_forms = {"form", form_codes, form_labels};
const struct ysqgk_choices ysqgk_deliveries = {"delivery", delivery_codes, delivery_labels};
const struct ysqgk_choices ysqgk_channels = {"channel", channel_codes, channel_labels};
const struct ysqgk_choices ysqgk_statuses = {"status", status_codes, status_labels};
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
	const struct config *c = &app->cfg;
	o->min_fill_seconds = config_int(c, "ysqgk", "min_fill_seconds", 3, 0, 3600, NULL);
	o->form_max_hours = config_int(c, "ysqgk", "form_max_hours", 24, 1, 24 * 31, NULL);
	o->file_limit = config_int(c, "ysqgk", "file_limit", 10, 1, 1000000, NULL);
	o->file_window = config_int(c, "ysqgk", "file_window", 3600, 10, 31 * 86400, NULL);
	o->query_limit = config_int(c, "ysqgk", "query_limit", 60, 1, 1000000, NULL);
	o->query_window = config_int(c, "ysqgk", "query_window", 600, 10, 31 * 86400, NULL);
	o->attachments_max = config_int(c, "ysqgk", "attachments_max", 5, 0, YSQGK_MAX_FILES, NULL);
	o->attachment_max = config_int(c, "ysqgk", "attachment_max", 10 << 20, 1024, 1LL << 30, NULL);
	o->trusted_proxies = config_get(c, "ysqgk", "trusted_proxies", "");
	o->exempt = config_get(c, "ysqgk", "exempt", "");
}

/* ---- the fields and their rules ---- */

enum {
	F_TYPE, F_ORG_KIND, F_NAME, F_ORG_CODE, F_LEGAL_REP, F_CONTACT, F_ID_TYPE, F_ID_NUMBER, F_PHONE,
	F_EMAIL, F_ADDRESS, F_POSTCODE, F_DESCRIPTION, F_DOC_NUMBER, F_FORM, F_DELIVERY, NFIELDS
};

const char *const ysqgk_field_names[] = {"applicant_type", "org_kind", "name",        "org_code",   "legal_rep",
                                        "contact",        "id_type",  "id_number",   "phone",      "email",
                                        "address",        "postcode", "description", "doc_number", "form",
                                        "delivery",       NULL};

static const struct field_spec specs[NFIELDS] = {
	[F_TYPE] = {"applicant_type", FT_CHOICE, true, 0, 0, 0, applicant_type_codes, "申请人类型"},
	[F_ORG_KIND] = {"org_kind", FT_CHOICE, false, 0, 0, 0, org_kind_codes, "组织类别"},
	[F_NAME] = {"name", FT_LINE, true, 100, 0, 0, NULL, "姓名或名称"},
	[F_ORG_CODE] = {"org_code", FT_LINE, false, 18, 0, 0, NULL, "统一社会信用代码"},
	[F_LEGAL_REP] = {"legal_rep", FT_LINE, false, 50, 0, 0, NULL, "法定代表人或负责人"},
	[F_CONTACT] = {"contact", FT_LINE, false, 50, 0, 0, NULL, "联系人"},
	[F_ID_TYPE] = {"id_type", FT_CHOICE, false, 0, 0, 0, id_type_codes, "证件类型"},
	[F_ID_NUMBER] = {"id_number", FT_LINE, false, 32, 0, 0, NULL, "证件号码"},
	[F_PHONE] = {"phone", FT_PHONE, true, 20, 0, 0, NULL, "联系电话"},
	[F_EMAIL] = {"email", FT_EMAIL, false, 254, 0, 0, NULL, "电子邮箱"},
	[F_ADDRESS] = {"address", FT_LINE, false, 200, 0, 0, NULL, "通信地址"},
	[F_POSTCODE] = {"postcode", FT_LINE, false, 6, 0, 0, NULL, "邮政编码"},
	[F_DESCRIPTION] = {"description", FT_TEXT, true, 2000, 0, 0, NULL, "所需信息的内容描述"},
	[F_DOC_NUMBER] = {"doc_number", FT_LINE, false, 100, 0, 0, NULL, "文件名称或文号"},
	[F_FORM] = {"form", FT_CHOICE, true, 0, 0, 0, form_codes, "信息的提供形式"},
	[F_DELIVERY] = {"delivery", FT_CHOICE, true, 0, 0, 0, delivery_codes, "信息的获取方式"},
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool ysqgk_resident_id_valid(const char *s)
{
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	if (s == NULL || strlen(s) != 18)
		return false;
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (!is_digit(s[i]))
			return false;
		sum += (s[i] - '0') * weights[i];
	}
	if (s[17] != check[sum % 11])
		return false;
	char date[11] = {s[6], s[7], s[8], s[9], '-', s[10], s[11], '-', s[12], s[13], '\0'};
	int32_t d;
	return parse_date(date, &d);
}

bool ysqgk_uscc_valid(const char *s)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	if (s == NULL || strlen(s) != 18)
		return false;
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		const char *p = strchr(set, s[i]);
		if (p == NULL)
			return false;
		sum += (int)(p - set) * weights[i];
	}
	int c = 31 - sum % 31;
	if (c == 31)
		c = 0;
	return s[17] == set[c];
}

/* Other identity documents: 5 to 32 letters, digits or hyphens. */
static bool other_id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 5 || n > 32)
		return false;
	for (const char *c = s; *c; c++)
		if (!(is_digit(*c) || (*c >= 'A' && *c <= 'Z') || *c == '-'))
			return false;
	return true;
}

const char *ysqgk_sniff(const unsigned char *d, size_t n)
{
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "application/msword";
	/* OFD and DOCX are ZIP containers; their member names are stored in clear. */
	if (n >= 30 && memcmp(d, "PK\x03\x04", 4) == 0) {
		if (memmem(d, n, "word/", 5) != NULL && memmem(d, n, "[Content_Types].xml", 19) != NULL)
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (memmem(d, n, "OFD.xml", 7) != NULL)
			return "application/ofd";
	}
	return NULL;
}

/* Upper case, spaces dropped (identity numbers and codes are typed in many ways). */
static char *normalize_code_value(struct pool *p, const char *s)
{
	char *r = pool_alloc(p, strlen(s) + 1), *w = r;
	for (const char *c = s; *c; c++) {
		if (*c == ' ' || *c == '\t')
			continue;
		*w++ = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c;
	}
	*w = '\0';
	return r;
}

static size_t count_digits(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += is_digit(*s);
	return n;
}

const char *ysqgk_size_text(struct pool *p, long long bytes)
{
	if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
		return pool_printf(p, "%lld MB", bytes >> 20);
	if (bytes >= 1024)
		return pool_printf(p, "%lld KB", bytes / 1024);
	return pool_printf(p, "%lld 字节", bytes);
}

enum xerr ysqgk_parse_body(struct request *req, struct form *out, const char **message)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	const char *ct = req->content_type ? req->content_type : "";
	struct limits lim = req->app->limits;
	/* A few more files than allowed still parse, to be answered with a clear field error; each
	 * file is bounded by the body limit here and by attachment_max in the validation. */
	lim.max_files = (size_t)cfg.attachments_max + 5;
	lim.max_file_size = req->app->max_body;
	const char *why;
	enum xerr e = XE_OK;
	memset(out, 0, sizeof *out);
	if (req->raw_body_len == 0)
		e = XE_OK;
	else if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		e = parse_urlencoded(req->pool, (const char *)req->raw_body, req->raw_body_len, &lim, out, &why);
	else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		e = parse_multipart(req->pool, req->raw_body, req->raw_body_len, ct, &lim, out, &why);
	else
		e = XE_UNSUPPORTED;
	if (e == XE_BAD_REQUEST && out->refused_field != NULL)
		return XE_OK; /* a field's own error: ysqgk_validate reports it with the others */
	*message = e == XE_TOO_LARGE     ? "提交的内容超出限制（字段过多、过长或附件过多）。"
	           : e == XE_UNSUPPORTED ? "不支持的提交格式。"
	                                 : "提交的内容格式有误（须为有效的 UTF-8 文本）。";
	return e;
}

/* A file name fit to store and show: its base name, no control characters, at most 200 characters. */
static const char *clean_filename(struct pool *p, const char *name)
{
	char *r = pool_strdup(p, name ? name : "");
	for (char *c = r; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == '"' || *c == '\\' || *c == '/')
			*c = '_';
	size_t chars = 0;
	for (unsigned char *c = (unsigned char *)r; *c;) {
		size_t n = utf8_seq_len(c);
		if (n == 0 || ++chars > 200) {
			*c = '\0';
			break;
		}
		c += n;
	}
	return *r ? r : "附件";
}

size_t ysqgk_validate(struct request *req, const struct form *form, struct ysqgk_in *in, struct ysqgk_error *errs,
                      size_t max)
{
	struct pool *p = req->pool;
	const char *v[NFIELDS];
	const char *msg[NFIELDS] = {0};
	for (size_t i = 0; i < NFIELDS; i++) {
		struct field_error fe;
		if (!form_validate(p, form, &specs[i], 1, &v[i], &fe)) {
			/* A choice left open is "not chosen" rather than "not filled in". */
			msg[i] = specs[i].type == FT_CHOICE && strcmp(fe.message, "必须填写") == 0 ? "必须选择" : fe.message;
			v[i] = NULL;
		}
	}
	/* Rules between fields, each only where the field itself was fine. */
	bool person = v[F_TYPE] && strcmp(v[F_TYPE], "person") == 0;
	bool org = v[F_TYPE] && strcmp(v[F_TYPE], "organization") == 0;
	if (v[F_ID_NUMBER])
		v[F_ID_NUMBER] = normalize_code_value(p, v[F_ID_NUMBER]);
	if (v[F_ORG_CODE])
		v[F_ORG_CODE] = normalize_code_value(p, v[F_ORG_CODE]);
	static const int for_person[] = {F_ID_TYPE, F_ID_NUMBER};
	static const int for_org[] = {F_ORG_KIND, F_ORG_CODE, F_LEGAL_REP, F_CONTACT};
	if (person) {
		for (size_t k = 0; k < 2; k++)
			if (v[for_person[k]] == NULL && msg[for_person[k]] == NULL)
				msg[for_person[k]] = specs[for_person[k]].type == FT_CHOICE ? "必须选择（申请人为公民时）"
				                                                            : "必须填写（申请人为公民时）";
		/* A person's request carries no organisation data, even if some was typed. */
		v[F_ORG_KIND] = v[F_ORG_CODE] = v[F_LEGAL_REP] = NULL;
		msg[F_ORG_KIND] = msg[F_ORG_CODE] = msg[F_LEGAL_REP] = NULL;
	}
	if (org)
		for (size_t k = 0; k < 4; k++)
			if (v[for_org[k]] == NULL && msg[for_org[k]] == NULL)
				msg[for_org[k]] = specs[for_org[k]].type == FT_CHOICE ? "必须选择（申请人为法人或者其他组织时）"
				                                                      : "必须填写（申请人为法人或者其他组织时）";
	if (v[F_ID_NUMBER] && msg[F_ID_NUMBER] == NULL) {
		if (v[F_ID_TYPE] == NULL) {
			if (msg[F_ID_TYPE] == NULL)
				msg[F_ID_TYPE] = "必须选择（填写了证件号码时）";
		} else if (strcmp(v[F_ID_TYPE], "resident-id") == 0) {
			if (!ysqgk_resident_id_valid(v[F_ID_NUMBER]))
				msg[F_ID_NUMBER] = "不是有效的居民身份证号码（18位，最后一位可以是X）";
		} else if (!other_id_valid(v[F_ID_NUMBER])) {
			msg[F_ID_NUMBER] = "格式不正确（应为5到32位字母、数字或连字符）";
		}
	}
	if (v[F_ORG_CODE] && msg[F_ORG_CODE] == NULL && !ysqgk_uscc_valid(v[F_ORG_CODE]))
		msg[F_ORG_CODE] = "不是有效的统一社会信用代码（18位）";
	if (v[F_PHONE] && (count_digits(v[F_PHONE]) < 7 || count_digits(v[F_PHONE]) > 15))
		msg[F_PHONE] = "不是有效的电话号码（应含7到15位数字）";
	if (v[F_POSTCODE] && (strlen(v[F_POSTCODE]) != 6 || count_digits(v[F_POSTCODE]) != 6))
		msg[F_POSTCODE] = "应为6位数字";
	if (v[F_DELIVERY] && strcmp(v[F_DELIVERY], "email") == 0 && v[F_EMAIL] == NULL && msg[F_EMAIL] == NULL)
		msg[F_EMAIL] = "必须填写（选择以电子邮件获取时）";
	if (v[F_DELIVERY] && strcmp(v[F_DELIVERY], "post") == 0 && v[F_ADDRESS] == NULL && msg[F_ADDRESS] == NULL)
		msg[F_ADDRESS] = "必须填写（选择邮寄时）";

	size_t n = 0;
	for (size_t i = 0; i < NFIELDS; i++)
		if (msg[i] != NULL) {
			if (n < max)
				errs[n] = (struct ysqgk_error){specs[i].name, specs[i].label, msg[i], XE_BAD_REQUEST};
			n++;
		}

	/* A part of the body refused by the parser (a file name holding a line break). */
	if (form->refused_field != NULL) {
		const char *label = strcmp(form->refused_field, "attachments") == 0 ? "附件" : form->refused_field;
		for (size_t i = 0; i < NFIELDS; i++)
			if (strcmp(specs[i].name, form->refused_field) == 0)
				label = specs[i].label;
		if (n < max)
			errs[n] = (struct ysqgk_error){form->refused_field, label, form->refused_message, XE_BAD_REQUEST};
		n++;
	}

	/* The attachments: how many, how large, what they are (by their bytes). */
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	memset(in, 0, sizeof *in);
	const char *fmsg = NULL;
	enum xerr fstatus = XE_BAD_REQUEST;
	if (form->nfiles > (size_t)cfg.attachments_max) {
		fmsg = pool_printf(p, "最多只能上传%lld个（收到%zu个）", cfg.attachments_max, form->nfiles);
		fstatus = XE_TOO_LARGE;
	}
	for (size_t i = 0; fmsg == NULL && i < form->nfiles; i++) {
		const struct upload *u = &form->files[i];
		const char *fname = clean_filename(p, u->filename);
		const char *mime = ysqgk_sniff(u->data, u->len);
		if (u->len == 0) {
			fmsg = pool_printf(p, "“%s”是空文件", fname);
		} else if ((long long)u->len > cfg.attachment_max) {
			fmsg = pool_printf(p, "“%s”超过了每个文件%s的大小限制", fname, ysqgk_size_text(p, cfg.attachment_max));
			fstatus = XE_TOO_LARGE;
		} else if (mime == NULL) {
			fmsg = pool_printf(p, "“%s”不是允许的文件类型（只接受 PDF、JPEG、PNG、OFD、DOC、DOCX）", fname);
			fstatus = XE_UNSUPPORTED;
		} else {
			in->files[in->nfiles++] = (struct ysqgk_attachment){fname, mime, u->data, u->len};
		}
	}
	if (fmsg != NULL) {
		if (n < max)
			errs[n] = (struct ysqgk_error){"attachments", "附件", fmsg, fstatus};
		n++;
		in->nfiles = 0;
	}
	in->applicant_type = v[F_TYPE];
	in->org_kind = v[F_ORG_KIND];
	in->name = v[F_NAME];
	in->org_code = v[F_ORG_CODE];
	in->legal_rep = v[F_LEGAL_REP];
	in->contact = v[F_CONTACT];
	in->id_type = v[F_ID_TYPE];
	in->id_number = v[F_ID_NUMBER];
	in->phone = v[F_PHONE];
	in->email = v[F_EMAIL];
	in->address = v[F_ADDRESS];
	in->postcode = v[F_POSTCODE];
	in->description = v[F_DESCRIPTION];
	in->doc_number = v[F_DOC_NUMBER];
	in->form = v[F_FORM];
	in->delivery = v[F_DELIVERY];
	return n;
}

/* ---- masking ---- */

/* Keeps `head` and `tail` characters (UTF-8 aware) and puts one '*' for each one in between. */
static const char *mask_middle(struct pool *p, const char *s, size_t head, size_t tail)
{
	if (s == NULL || *s == '\0')
		return "";
	size_t chars = utf8_chars(s);
	if (head + tail >= chars) {
		head = chars > 2 ? 1 : 0;
		tail = 0;
	}
	struct buf b;
	buf_init(&b);
	const unsigned char *c = (const unsigned char *)s;
	for (size_t i = 0; *c; i++) {
		size_t n = utf8_seq_len(c);
		if (n == 0)
			n = 1;
		if (i < head || i >= chars - tail)
			buf_put(&b, c, n);
		else
			buf_putc(&b, '*');
		c += n;
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

const char *ysqgk_mask_id(struct pool *p, const char *s)
{
	size_t n = s ? utf8_chars(s) : 0;
	return mask_middle(p, s, n >= 15 ? 4 : n >= 8 ? 2 : 1, n >= 15 ? 4 : n >= 8 ? 2 : 0);
}

const char *ysqgk_mask_phone(struct pool *p, const char *s)
{
	size_t n = s ? utf8_chars(s) : 0;
	return mask_middle(p, s, n >= 11 ? 3 : 2, n >= 11 ? 4 : 2);
}

const char *ysqgk_mask_address(struct pool *p, const char *s)
{
	if (s == NULL || *s == '\0')
		return "";
	size_t n = utf8_chars(s);
	size_t keep = n > 12 ? 6 : n / 2;
	/* The kept start, then a fixed mask that does not tell the length. */
	struct buf b;
	buf_init(&b);
	const unsigned char *c = (const unsigned char *)s;
	for (size_t i = 0; i < keep && *c; i++) {
		size_t k = utf8_seq_len(c);
		if (k == 0)
			k = 1;
		buf_put(&b, c, k);
		c += k;
	}
	buf_puts(&b, "****");
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

const char *ysqgk_mask_email(struct pool *p, const char *s)
{
	if (s == NULL || *s == '\0')
		return "";
	const char *at = strchr(s, '@');
	if (at == NULL || at == s)
		return mask_middle(p, s, 1, 0);
	return pool_printf(p, "%c***%s", s[0], at);
}

/* ---- secrets, tokens, throttles ---- */

/* The install's HMAC key (created on first use) and the database's clock in milliseconds: every
 * worker on every host agrees on both. Call it outside a transaction that may roll back. */
static enum xerr install_secret(struct request *req, const char **secret, long long *now_ms)
{
	enum xerr e = XE_INTERNAL;
	for (int attempt = 0; attempt < 2; attempt++) {
		struct db_result r;
		e = db_query(req->db, req->pool, &r,
		             "SELECT secret, CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED) FROM install_secrets "
		             "WHERE name = 'ysqgk'",
		             "");
		if (e != XE_OK)
			break;
		if (r.nrows == 1) {
			*secret = r.rows[0][0];
			*now_ms = strtoll(r.rows[0][1], NULL, 10);
			break;
		}
		char fresh[65];
		e = random_hex(fresh, 32) ? XE_OK : XE_INTERNAL;
		if (e == XE_OK)
			e = db_exec(req->db, "INSERT IGNORE INTO install_secrets (name, secret) VALUES ('ysqgk', ?)", "s", fresh);
		if (e != XE_OK)
			break;
		e = XE_INTERNAL; /* unless the next round reads it */
	}
	return e;
}

static void mac_hex(const char *secret, const char *msg, char out[65])
{
	unsigned char mac[32];
	hmac_sha256(secret, strlen(secret), msg, strlen(msg), mac);
	hex_encode(mac, 32, out);
}

static bool all_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (const char *c = s; *c; c++)
		if (!(is_digit(*c) || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

enum xerr ysqgk_form_token(struct request *req, const char **token)
{
	const char *secret;
	long long now;
	enum xerr e = install_secret(req, &secret, &now);
	if (e != XE_OK)
		return e;
	char nonce[33], mac[65];
	if (!random_hex(nonce, 16))
		return XE_INTERNAL;
	mac_hex(secret, pool_printf(req->pool, "form|%s|%lld|%s", req->site->key, now, nonce), mac);
	*token = pool_printf(req->pool, "%lld.%s.%s", now, nonce, mac);
	return XE_OK;
}

enum xerr ysqgk_check_token(struct request *req, const char *token, enum token_state *state, const char **nonce)
{
	*state = TOKEN_BAD;
	*nonce = NULL;
	if (token == NULL || strlen(token) > 120)
		return XE_OK;
	const char *d1 = strchr(token, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	if (d1 == NULL || d2 == NULL)
		return XE_OK;
	const char *ms_s = pool_strndup(req->pool, token, (size_t)(d1 - token));
	const char *n_s = pool_strndup(req->pool, d1 + 1, (size_t)(d2 - d1 - 1));
	long long issued;
	if (!parse_int(ms_s, 0, 1LL << 50, &issued) || !all_hex(n_s, 32) || !all_hex(d2 + 1, 64))
		return XE_OK;
	const char *secret;
	long long now;
	enum xerr e = install_secret(req, &secret, &now);
	if (e != XE_OK)
		return e;
	char mac[65];
	mac_hex(secret, pool_printf(req->pool, "form|%s|%lld|%s", req->site->key, issued, n_s), mac);
	if (!equal_constant_time(mac, d2 + 1))
		return XE_OK;
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	*nonce = n_s;
	if (now - issued < cfg.min_fill_seconds * 1000)
		*state = TOKEN_TOO_FAST;
	else if (now - issued > cfg.form_max_hours * 3600 * 1000)
		*state = TOKEN_EXPIRED;
	else
		*state = TOKEN_OK;
	return XE_OK;
}

static const char *doc_sig(struct pool *p, const char *secret, long long site_id, long long doc_id, long long exp)
{
	char mac[65];
	mac_hex(secret, pool_printf(p, "doc|%lld|%lld|%lld", site_id, doc_id, exp), mac);
	return pool_strdup(p, mac);
}

#define DOC_LINK_SECONDS 7200

static const char *doc_url(struct request *req, long long doc_id, const char *secret, long long now_ms)
{
	long long exp = now_ms / 1000 + DOC_LINK_SECONDS;
	return pool_printf(req->pool, "%sysqgk/doc/%lld?t=%lld.%s", site_base(req), doc_id, exp,
	                   doc_sig(req->pool, secret, req->site->id, doc_id, exp));
}

enum xerr ysqgk_doc_check(struct request *req, long long doc_id, const char *t, bool *valid)
{
	*valid = false;
	const char *dot = t ? strchr(t, '.') : NULL;
	long long exp;
	if (dot == NULL || !parse_int(pool_strndup(req->pool, t, (size_t)(dot - t)), 0, 1LL << 40, &exp) ||
	    !all_hex(dot + 1, 64))
		return XE_OK;
	const char *secret;
	long long now;
	enum xerr e = install_secret(req, &secret, &now);
	if (e != XE_OK)
		return e;
	*valid = equal_constant_time(doc_sig(req->pool, secret, req->site->id, doc_id, exp), dot + 1) && exp >= now / 1000;
	return XE_OK;
}

static bool addr_plausible(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 45)
		return false;
	for (const char *c = s; *c; c++)
		if (!(is_digit(*c) || (*c >= 'a' && *c <= 'f') || (*c >= 'A' && *c <= 'F') || *c == '.' || *c == ':'))
			return false;
	return true;
}

/* Is addr one of the space- or comma-separated addresses in list? */
static bool addr_listed(const char *list, const char *addr)
{
	size_t n = strlen(addr);
	for (const char *c = list; *c;) {
		while (*c == ' ' || *c == ',' || *c == '\t')
			c++;
		size_t k = strcspn(c, " ,\t");
		if (k > 0 && k == n && strncmp(c, addr, n) == 0)
			return true;
		c += k;
	}
	return false;
}

const char *ysqgk_client_addr(struct request *req)
{
	const char *ra = req->remote_addr ? req->remote_addr : "";
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	const char *xff = request_env(req, "HTTP_X_FORWARDED_FOR");
	if (*cfg.trusted_proxies == '\0' || !addr_listed(cfg.trusted_proxies, ra) || xff == NULL)
		return ra;
	/* From the right: the first address not of a trusted proxy is the client. */
	const char *end = xff + strlen(xff), *client = ra;
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		char *tok = str_trim(pool_strndup(req->pool, start, (size_t)(end - start)));
		if (!addr_plausible(tok))
			break;
		client = tok;
		if (!addr_listed(cfg.trusted_proxies, tok))
			break;
		end = start > xff ? start - 1 : start;
	}
	return client;
}

enum xerr ysqgk_throttle(struct request *req, const char *bucket, long long limit, long long window, bool *over)
{
	*over = false;
	const char *addr = ysqgk_client_addr(req);
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	if (addr_listed(cfg.exempt, addr))
		return XE_OK;
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO throttle_counters (bucket, addr, window_start, hits) "
	                      "VALUES (?, ?, FLOOR(UNIX_TIMESTAMP() / ?) * ?, LAST_INSERT_ID(1)) "
	                      "ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)",
	                      "ssii", bucket, addr, window, window);
	const char *hits = e == XE_OK ? db_value(req->db, req->pool, &e, "SELECT LAST_INSERT_ID()", "") : NULL;
	if (e != XE_OK)
		return e;
	long long h = hits ? strtoll(hits, NULL, 10) : 1;
	*over = h > limit;
	/* A new window: sweep old counters of this bucket now and then. */
	if (h == 1)
		e = db_exec(req->db,
		            "DELETE FROM throttle_counters WHERE bucket = ? AND window_start < UNIX_TIMESTAMP() - ? LIMIT 500",
		            "si", bucket, 2 * window);
	return e;
}

/* ---- codes and lookup ---- */

static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; /* 32: no 0, 1, I, O */

bool ysqgk_new_code(char out[15])
{
	unsigned char r[12];
	if (!random_bytes(r, sizeof r))
		return false;
	size_t k = 0;
	for (size_t i = 0; i < 12; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = '-';
		out[k++] = code_alphabet[r[i] & 31];
	}
	out[k] = '\0';
	return true;
}

/* The 12 significant characters of a code as typed (dashes and spaces dropped, upper case). */
static bool normalize_query_code(const char *s, char out[13])
{
	size_t k = 0;
	out[0] = '\0';
	if (s == NULL)
		return false;
	for (const char *c = s; *c; c++) {
		if (*c == '-' || *c == ' ' || *c == '\t')
			continue;
		char u = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c;
		if (k == 12 || strchr(code_alphabet, u) == NULL || u == '\0')
			return false;
		out[k++] = u;
	}
	out[k] = '\0';
	return k == 12;
}

void ysqgk_code_hash(const char *salt, const char *code, char out[65])
{
	char norm[13];
	if (!normalize_query_code(code, norm))
		norm[0] = '\0';
	struct sha256 s;
	unsigned char h[32];
	sha256_init(&s);
	sha256_update(&s, salt, strlen(salt));
	sha256_update(&s, ":", 1);
	sha256_update(&s, norm, strlen(norm));
	sha256_final(&s, h);
	hex_encode(h, 32, out);
}

const char *ysqgk_normalize_tracking(struct pool *p, const char *s)
{
	if (s == NULL)
		return NULL;
	char *t = str_trim(pool_strdup(p, s));
	size_t n = strlen(t);
	if (n == 0 || n > 64)
		return NULL;
	for (char *c = t; *c; c++) {
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 32);
		else if (!(is_digit(*c) || (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '_'))
			return NULL;
	}
	return t;
}

enum xerr ysqgk_lookup(struct request *req, const char *tracking_no, const char *query_code, long long *id)
{
	*id = 0;
	const char *tn = ysqgk_normalize_tracking(req->pool, tracking_no);
	char norm[13];
	bool code_ok = normalize_query_code(query_code, norm);
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, query_salt, query_hash FROM requests WHERE site_id = ? AND tracking_no = ?", "is",
	                       req->site->id, tn ? tn : "");
	if (e != XE_OK)
		return e;
	/* The same hashing and comparison whether or not the number exists. */
	bool found = r.nrows == 1;
	const char *salt = found ? r.rows[0][1] : "00000000000000000000000000000000";
	const char *want = found ? r.rows[0][2] : "0000000000000000000000000000000000000000000000000000000000000000";
	char got[65];
	ysqgk_code_hash(salt, code_ok ? norm : "", got);
	bool match = equal_constant_time(got, want);
	if (found && code_ok && match)
		*id = strtoll(r.rows[0][0], NULL, 10);
	return XE_OK;
}

/* ---- filing ---- */

static const char *actor_of(struct request *req)
{
	if (req->user != NULL)
		return req->user->login;
	if (req->rest != NULL && str_has_prefix(req->rest, "api/"))
		return "api";
	return "public";
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *upper(struct pool *p, const char *s)
{
	char *r = pool_strdup(p, s);
	for (char *c = r; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 32);
	return r;
}

/* One counter row per key, incremented atomically; returns the new value through LAST_INSERT_ID. */
static enum xerr last_insert_id(struct request *req, long long *out)
{
	enum xerr e;
	const char *v = db_value(req->db, req->pool, &e, "SELECT LAST_INSERT_ID()", "");
	if (e == XE_OK && v == NULL)
		e = XE_INTERNAL;
	if (e == XE_OK)
		*out = strtoll(v, NULL, 10);
	return e;
}

static const char *audit_json(struct request *req, const struct ysqgk_in *in, const struct ysqgk_receipt *r)
{
	struct pool *p = req->pool;
	char recv[11], due[11];
	format_date(r->received_on, recv);
	format_date(r->due_on, due);
	struct buf b;
	buf_init(&b);
	const char *const keys[] = {"tracking_no", "channel", "applicant_type", "org_kind", "name", "org_code", "id_type",
	                            "id_number",   "phone",   "email",          "address",  "received_on", "due_on"};
	/* Personal information only masked: the audit trail is a log. */
	const char *const vals[] = {r->tracking_no,
	                            in->channel,
	                            in->applicant_type,
	                            nz(in->org_kind),
	                            in->name,
	                            nz(in->org_code),
	                            nz(in->id_type),
	                            ysqgk_mask_id(p, in->id_number),
	                            ysqgk_mask_phone(p, in->phone),
	                            ysqgk_mask_email(p, in->email),
	                            ysqgk_mask_address(p, in->address),
	                            recv,
	                            due};
	buf_putc(&b, '{');
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		buf_json_str(&b, keys[i]);
		buf_putc(&b, ':');
		buf_json_str(&b, vals[i]);
		buf_putc(&b, ',');
	}
	buf_printf(&b, "\"provisional\":%s,\"month_seq\":%lld,\"attachments\":%zu}", r->provisional ? "true" : "false",
	           r->month_seq, in->nfiles);
	const char *s = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return s;
}

enum xerr ysqgk_file(struct request *req, const struct ysqgk_in *in, struct ysqgk_receipt *out)
{
	struct pool *p = req->pool;
	struct db *db = req->db;
	memset(out, 0, sizeof *out);
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	int year;
	unsigned month, day;
	civil_from_days(in->received_on, &year, &month, &day);
	char received[11];
	format_date(in->received_on, received);

	/* The serial: a counter per site and year, never reused (a rollback gives it back unused). */
	long long serial = 0;
	enum xerr e = db_exec(db,
	                      "INSERT INTO request_serials (site_id, year, last_serial) VALUES (?, ?, LAST_INSERT_ID(1)) "
	                      "ON DUPLICATE KEY UPDATE last_serial = LAST_INSERT_ID(last_serial + 1)",
	                      "ii", req->site->id, (long long)year);
	if (e == XE_OK)
		e = last_insert_id(req, &serial);
	if (e != XE_OK)
		return e;
	out->tracking_no = pool_printf(p, "%s-%d-%05lld", upper(p, req->site->key), year, serial);

	/* The query code: shown once, stored as a salted hash. */
	char code[15], salt[33], hash[65];
	if (!ysqgk_new_code(code) || !random_hex(salt, 16))
		return XE_INTERNAL;
	ysqgk_code_hash(salt, code, hash);
	out->query_code = pool_strdup(p, code);

	/* The same applicant, for the per-request fee method: the identity document, or the
	 * organisation's code. */
	bool org = strcmp(in->applicant_type, "organization") == 0;
	const char *who = org ? pool_printf(p, "organization|%s", nz(in->org_code))
	                      : pool_printf(p, "person|%s|%s", nz(in->id_type), nz(in->id_number));
	char applicant_key[65];
	sha256_hex(who, strlen(who), applicant_key);
	e = db_exec(db,
	            "INSERT INTO request_applicant_months (site_id, applicant_key, month, requests) "
	            "VALUES (?, ?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE requests = LAST_INSERT_ID(requests + 1)",
	            "iss", req->site->id, applicant_key, pool_printf(p, "%04d-%02u", year, month));
	if (e == XE_OK)
		e = last_insert_id(req, &out->month_seq);
	if (e != XE_OK)
		return e;

	e = db_exec(db,
	            "INSERT INTO requests (site_id, tracking_no, year, serial, query_salt, query_hash, channel, "
	            "applicant_type, org_kind, name, org_code, legal_rep, contact, id_type, id_number, phone, email, "
	            "address, postcode, applicant_key, month_seq, description, doc_number, form, delivery, received_on, "
	            "status, form_nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	            "?, 'registered', ?)",
	            "isiissssssssssssssssissssss", req->site->id, out->tracking_no, (long long)year, serial, salt, hash,
	            in->channel, in->applicant_type, in->org_kind, in->name, nz(in->org_code), nz(in->legal_rep),
	            nz(in->contact), nz(in->id_type), nz(in->id_number), nz(in->phone), nz(in->email), nz(in->address),
	            nz(in->postcode), applicant_key, out->month_seq, in->description, nz(in->doc_number), in->form,
	            in->delivery, received, in->form_nonce);
	if (e != XE_OK)
		return e; /* XE_CONFLICT: this form was filed already */
	out->id = (long long)db_insert_id(db);
	out->received_on = in->received_on;

	/* The first step of the timeline. */
	bool online = strcmp(in->channel, "online") == 0;
	const char *note = online ? "通过网上申请平台提交申请，系统确认收到。"
	                          : pool_printf(p, "以%s方式提交的申请已登记。", nz(ysqgk_label(&ysqgk_channels, in->channel)));
	e = db_exec(db,
	            "INSERT INTO request_events (request_id, on_date, actor, kind, status_to, note, applicant_note, visible) "
	            "VALUES (?, ?, ?, ?, 'registered', '', ?, 1)",
	            "issss", out->id, received, actor_of(req), online ? "filed" : "registered", note);
	long long event_id = (long long)db_insert_id(db);
	for (size_t i = 0; i < in->nfiles && e == XE_OK; i++) {
		const struct ysqgk_attachment *a = &in->files[i];
		char sum[65];
		sha256_hex(a->data, a->len, sum);
		e = db_exec(db,
		            "INSERT INTO request_attachments (request_id, event_id, kind, filename, mime, size, sha256, data, "
		            "visible_to_applicant, uploaded_by) VALUES (?, ?, 'application', ?, ?, ?, ?, ?, 0, ?)",
		            "iissisbs", out->id, event_id, a->filename, a->mime, (long long)a->len, sum, a->data, a->len,
		            actor_of(req));
	}
	if (e != XE_OK)
		return e;

	/* The reply period: 20 working days from receipt (Art. 33), from the calendar module. */
	struct cal_result due;
	long long deadline_id = 0;
	e = deadline_store(db, cal, "request", out->id, "reply", in->received_on, 20, NULL, 0, &due, &deadline_id);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", deadline_id, out->id);
	if (e != XE_OK)
		return e;
	out->due_on = due.due;
	out->provisional = due.provisional;

	e = audit_request(req, "request.file", "request", out->id, NULL, audit_json(req, in, out), NULL);
	if (e == XE_OK)
		e = ysqgk_notify(req, out->id, online ? "filed" : "registered", NULL, &out->mail_id);
	return e;
}

/* ---- what the applicant sees ---- */

static const char *const final_statuses[] = {"abandoned", "answered", "closed", "withdrawn", NULL};

static bool is_final(const char *status)
{
	for (const char *const *s = final_statuses; *s; s++)
		if (strcmp(*s, status) == 0)
			return true;
	return false;
}

struct view {
	char **row;
	struct db_result events, docs;
};

enum { V_TRACKING, V_STATUS, V_RECEIVED, V_CHANNEL, V_TYPE, V_NAME, V_DESCRIPTION, V_DOC_NUMBER, V_FORM, V_DELIVERY,
       V_OUTCOME, V_REASON, V_ANSWERED, V_DUE, V_PROVISIONAL, V_ORG_KIND };

static enum xerr load_view(struct request *req, long long id, struct view *v, bool applicant_files)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.tracking_no, r.status, DATE_FORMAT(r.received_on, '%Y-%m-%d'), r.channel, "
	                       "r.applicant_type, r.name, r.description, r.doc_number, r.form, r.delivery, r.outcome, "
	                       "r.reason_code, DATE_FORMAT(r.answered_on, '%Y-%m-%d'), DATE_FORMAT(d.due_on, '%Y-%m-%d'), "
	                       "d.provisional, r.org_kind FROM requests r LEFT JOIN deadlines d ON d.id = r.reply_deadline_id "
	                       "WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	v->row = r.rows[0];
	e = db_query(req->db, req->pool, &v->events,
	             "SELECT DATE_FORMAT(on_date, '%Y-%m-%d'), kind, applicant_note FROM request_events "
	             "WHERE request_id = ? AND visible = 1 ORDER BY at, id",
	             "i", id);
	if (e != XE_OK)
		return e;
	if (applicant_files)
		return db_query(req->db, req->pool, &v->docs,
		                "SELECT id, filename, mime, size, sha256, DATE_FORMAT(created_at, '%Y-%m-%d') "
		                "FROM request_attachments WHERE request_id = ? AND kind = 'application' ORDER BY id",
		                "i", id);
	return db_query(req->db, req->pool, &v->docs,
	                "SELECT id, filename, mime, size, sha256, DATE_FORMAT(created_at, '%Y-%m-%d') "
	                "FROM request_attachments WHERE request_id = ? AND visible_to_applicant = 1 ORDER BY id",
	                "i", id);
}

static const char *event_label(const char *kind)
{
	const char *l = ysqgk_label(&ysqgk_event_kinds, kind);
	return l ? l : nz(ysqgk_label(&ysqgk_statuses, kind));
}

enum xerr ysqgk_view_xml(struct request *req, long long id, xmlNodePtr parent)
{
	struct view v;
	enum xerr e = load_view(req, id, &v, false);
	const char *secret = NULL;
	long long now = 0;
	if (e == XE_OK && v.docs.nrows > 0)
		e = install_secret(req, &secret, &now);
	if (e != XE_OK)
		return e;
	char **row = v.row;
	xmlNodePtr rn = xmlNewChild(parent, NULL, (const xmlChar *)"request", NULL);
	xml_attr(rn, "tracking-no", row[V_TRACKING]);
	xml_attr(rn, "status", row[V_STATUS]);
	xml_attr(rn, "status-label", ysqgk_label(&ysqgk_statuses, row[V_STATUS]));
	xml_attr(rn, "open", is_final(row[V_STATUS]) ? "0" : "1");
	xml_attr(rn, "received-on", row[V_RECEIVED]);
	xml_attr(rn, "due-on", row[V_DUE]);
	xml_attr(rn, "provisional", row[V_PROVISIONAL] && strcmp(row[V_PROVISIONAL], "1") == 0 ? "1" : "0");
	xml_attr(rn, "channel-label", ysqgk_label(&ysqgk_channels, row[V_CHANNEL]));
	xml_attr(rn, "applicant-type-label", ysqgk_label(&ysqgk_applicant_types, row[V_TYPE]));
	xml_attr(rn, "name", row[V_NAME]);
	xml_attr(rn, "form-label", ysqgk_label(&ysqgk_forms, row[V_FORM]));
	xml_attr(rn, "delivery-label", ysqgk_label(&ysqgk_deliveries, row[V_DELIVERY]));
	if (row[V_OUTCOME] != NULL) {
		xml_attr(rn, "outcome", row[V_OUTCOME]);
		xml_attr(rn, "outcome-label", ysqgk_label(&ysqgk_outcomes, row[V_OUTCOME]));
		xml_attr(rn, "reason-code", row[V_REASON]);
		xml_attr(rn, "answered-on", row[V_ANSWERED]);
	}
	xml_add(rn, "description", row[V_DESCRIPTION]);
	if (row[V_DOC_NUMBER] && *row[V_DOC_NUMBER])
		xml_add(rn, "doc-number", row[V_DOC_NUMBER]);
	for (size_t i = 0; i < v.events.nrows; i++) {
		char **ev = v.events.rows[i];
		xmlNodePtr en = xml_add(rn, "event", ev[2]);
		xml_attr(en, "date", ev[0]);
		xml_attr(en, "kind", ev[1]);
		xml_attr(en, "label", event_label(ev[1]));
	}
	for (size_t i = 0; i < v.docs.nrows; i++) {
		char **d = v.docs.rows[i];
		xmlNodePtr dn = xmlNewChild(rn, NULL, (const xmlChar *)"document", NULL);
		xml_attr(dn, "filename", d[1]);
		xml_attr(dn, "mime", d[2]);
		xml_attr(dn, "size", ysqgk_size_text(req->pool, strtoll(d[3], NULL, 10)));
		xml_attr(dn, "sha256", d[4]);
		xml_attr(dn, "date", d[5]);
		xml_attr(dn, "url", doc_url(req, strtoll(d[0], NULL, 10), secret, now));
	}
	return XE_OK;
}

static void json_field(struct buf *b, const char *key, const char *value, bool comma)
{
	buf_json_str(b, key);
	buf_putc(b, ':');
	if (value == NULL)
		buf_puts(b, "null");
	else
		buf_json_str(b, value);
	if (comma)
		buf_putc(b, ',');
}

enum xerr ysqgk_view_json(struct request *req, long long id, struct buf *b)
{
	struct view v;
	enum xerr e = load_view(req, id, &v, false);
	const char *secret = NULL;
	long long now = 0;
	if (e == XE_OK && v.docs.nrows > 0)
		e = install_secret(req, &secret, &now);
	if (e != XE_OK)
		return e;
	char **row = v.row;
	buf_putc(b, '{');
	json_field(b, "tracking_no", row[V_TRACKING], true);
	json_field(b, "status", row[V_STATUS], true);
	json_field(b, "status_label", ysqgk_label(&ysqgk_statuses, row[V_STATUS]), true);
	buf_printf(b, "\"open\":%s,", is_final(row[V_STATUS]) ? "false" : "true");
	json_field(b, "channel", row[V_CHANNEL], true);
	json_field(b, "received_on", row[V_RECEIVED], true);
	json_field(b, "due_on", row[V_DUE], true);
	buf_printf(b, "\"provisional\":%s,", row[V_PROVISIONAL] && strcmp(row[V_PROVISIONAL], "1") == 0 ? "true" : "false");
	json_field(b, "applicant_type", row[V_TYPE], true);
	json_field(b, "org_kind", row[V_ORG_KIND], true);
	json_field(b, "name", row[V_NAME], true);
	json_field(b, "description", row[V_DESCRIPTION], true);
	json_field(b, "doc_number", row[V_DOC_NUMBER], true);
	json_field(b, "form", row[V_FORM], true);
	json_field(b, "delivery", row[V_DELIVERY], true);
	json_field(b, "outcome", row[V_OUTCOME], true);
	json_field(b, "outcome_label", ysqgk_label(&ysqgk_outcomes, row[V_OUTCOME]), true);
	json_field(b, "reason_code", row[V_REASON], true);
	json_field(b, "answered_on", row[V_ANSWERED], true);
	buf_puts(b, "\"events\":[");
	for (size_t i = 0; i < v.events.nrows; i++) {
		char **ev = v.events.rows[i];
		buf_puts(b, i ? ",{" : "{");
		json_field(b, "date", ev[0], true);
		json_field(b, "kind", ev[1], true);
		json_field(b, "label", event_label(ev[1]), true);
		json_field(b, "note", ev[2], false);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"documents\":[");
	for (size_t i = 0; i < v.docs.nrows; i++) {
		char **d = v.docs.rows[i];
		buf_puts(b, i ? ",{" : "{");
		json_field(b, "filename", d[1], true);
		json_field(b, "mime", d[2], true);
		buf_printf(b, "\"size\":%lld,", strtoll(d[3], NULL, 10));
		json_field(b, "sha256", d[4], true);
		json_field(b, "date", d[5], true);
		json_field(b, "url", doc_url(req, strtoll(d[0], NULL, 10), secret, now), false);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}\n");
	return XE_OK;
}

enum xerr ysqgk_receipt_xml(struct request *req, long long id, const char *query_code, xmlNodePtr parent)
{
	struct view v;
	enum xerr e = load_view(req, id, &v, true);
	if (e != XE_OK)
		return e;
	char **row = v.row;
	xmlNodePtr rn = xmlNewChild(parent, NULL, (const xmlChar *)"receipt", NULL);
	xml_attr(rn, "tracking-no", row[V_TRACKING]);
	xml_attr(rn, "query-code", query_code);
	xml_attr(rn, "received-on", row[V_RECEIVED]);
	xml_attr(rn, "due-on", row[V_DUE]);
	xml_attr(rn, "provisional", row[V_PROVISIONAL] && strcmp(row[V_PROVISIONAL], "1") == 0 ? "1" : "0");
	xml_attr(rn, "status-label", ysqgk_label(&ysqgk_statuses, row[V_STATUS]));
	xml_attr(rn, "channel-label", ysqgk_label(&ysqgk_channels, row[V_CHANNEL]));
	xml_attr(rn, "applicant-type-label", ysqgk_label(&ysqgk_applicant_types, row[V_TYPE]));
	xml_attr(rn, "org-kind-label", ysqgk_label(&ysqgk_org_kinds, row[V_ORG_KIND]));
	xml_attr(rn, "name", row[V_NAME]);
	xml_attr(rn, "form-label", ysqgk_label(&ysqgk_forms, row[V_FORM]));
	xml_attr(rn, "delivery-label", ysqgk_label(&ysqgk_deliveries, row[V_DELIVERY]));
	xml_add(rn, "description", row[V_DESCRIPTION]);
	if (row[V_DOC_NUMBER] && *row[V_DOC_NUMBER])
		xml_add(rn, "doc-number", row[V_DOC_NUMBER]);
	for (size_t i = 0; i < v.docs.nrows; i++) {
		char **d = v.docs.rows[i];
		xmlNodePtr an = xmlNewChild(rn, NULL, (const xmlChar *)"attachment", NULL);
		xml_attr(an, "filename", d[1]);
		xml_attr(an, "size", ysqgk_size_text(req->pool, strtoll(d[3], NULL, 10)));
		xml_attr(an, "sha256", d[4]);
	}
	return XE_OK;
}

/* ---- notifications ---- */

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
	{"extended", "答复期限已延长", "经政府信息公开工作机构负责人同意，答复期限延长。"},
	{"answered", "已作出答复", "本机关已对您的申请作出答复，请在查询页面查看答复内容并下载相关文件。"},
	{"closed", "申请已办结", "您的申请已经办结。"},
	{"withdrawn", "申请已撤回", "您已撤回政府信息公开申请。"},
	{"fee_notice", "信息处理费缴纳通知", "您的申请需要缴纳信息处理费，详见下列说明。"},
};

static const char *query_link(struct request *req, const char *tracking)
{
	const char *base = config_get(&req->app->cfg, "mail", "link_base", "");
	const char *path = pool_printf(req->pool, "%sysqgk/query?no=%s", site_base(req), tracking);
	if (base && *base)
		return pool_printf(req->pool, "%s%s", base, path);
	if (req->site->domain && *req->site->domain && url_is_safe(pool_printf(req->pool, "https://%s", req->site->domain)))
		return pool_printf(req->pool, "https://%s%s", req->site->domain, path);
	return path;
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
	                       "DATE_FORMAT(d.due_on, '%Y-%m-%d'), d.provisional, r.status FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **row = r.rows[0];
	if (row[1] == NULL || !value_is_email(row[1]))
		return XE_OK;
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s：\n\n您好！%s\n\n", row[2], steps[k].text);
	if (note != NULL && *note)
		buf_printf(&b, "%s\n\n", note);
	buf_printf(&b, "受理编号：%s\n收到申请日期：%s\n", row[0], row[3]);
	if (row[4] != NULL && !is_final(row[6]))
		buf_printf(&b, "答复期限：%s%s\n", row[4],
		           row[5] && strcmp(row[5], "1") == 0 ? "（暂定：该年度节假日安排尚未公布）" : "");
	buf_printf(&b, "当前状态：%s\n\n", nz(ysqgk_label(&ysqgk_statuses, row[6])));
	buf_printf(&b, "查询办理进度（需要输入受理编号和提交申请时显示的查询码）：\n%s\n\n", query_link(req, row[0]));
	buf_printf(&b, "本邮件由系统自动发送，请勿直接回复。\n%s\n", req->site->name);
	const char *subject = pool_printf(req->pool, "【%s】政府信息公开申请 %s：%s", req->site->name, row[0], steps[k].subject);
	e = mail_queue(req->db, &req->app->cfg, req->site->id, id, row[1], subject, buf_cstr(&b), mail_id);
	buf_free(&b);
	return e;
}
