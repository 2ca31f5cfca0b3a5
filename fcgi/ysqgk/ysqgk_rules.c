/* The filing's fields and their rules (see ysqgk_rules.h). */
#include "ysqgk/ysqgk_rules.h"
#include "core/text.h"
#include <string.h>

const struct field_spec ysqgk_fields[YF__N] = {
	[YF_TYPE] = {"applicant_type", FT_CHOICE, true, 0, 0, 0, ysqgk_applicant_type_codes, "申请人类型"},
	[YF_ORG_KIND] = {"org_kind", FT_CHOICE, false, 0, 0, 0, ysqgk_org_kind_codes, "组织类别"},
	[YF_NAME] = {"name", FT_LINE, true, 100, 0, 0, NULL, "姓名或名称"},
	[YF_ORG_CODE] = {"org_code", FT_LINE, false, 18, 0, 0, NULL, "统一社会信用代码"},
	[YF_LEGAL_REP] = {"legal_rep", FT_LINE, false, 50, 0, 0, NULL, "法定代表人或负责人"},
	[YF_CONTACT] = {"contact", FT_LINE, false, 50, 0, 0, NULL, "联系人"},
	[YF_ID_TYPE] = {"id_type", FT_CHOICE, false, 0, 0, 0, ysqgk_id_type_codes, "证件类型"},
	[YF_ID_NUMBER] = {"id_number", FT_LINE, false, 32, 0, 0, NULL, "证件号码"},
	[YF_PHONE] = {"phone", FT_PHONE, true, 20, 0, 0, NULL, "联系电话"},
	[YF_EMAIL] = {"email", FT_EMAIL, false, 254, 0, 0, NULL, "电子邮箱"},
	[YF_ADDRESS] = {"address", FT_LINE, false, 200, 0, 0, NULL, "通信地址"},
	[YF_POSTCODE] = {"postcode", FT_LINE, false, 6, 0, 0, NULL, "邮政编码"},
	[YF_DESCRIPTION] = {"description", FT_TEXT, true, 2000, 0, 0, NULL, "所需信息的内容描述"},
	[YF_DOC_NUMBER] = {"doc_number", FT_LINE, false, 100, 0, 0, NULL, "文件名称或文号"},
	[YF_FORM] = {"form", FT_CHOICE, true, 0, 0, 0, ysqgk_form_codes, "信息的提供形式"},
	[YF_DELIVERY] = {"delivery", FT_CHOICE, true, 0, 0, 0, ysqgk_delivery_codes, "信息的获取方式"},
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

/* Each field by its declared type; msg[f] is why field f is not accepted (NULL: it is). */
static void parse_fields(struct pool *p, const struct form *form, struct field_value *v, const char **msg)
{
	for (enum ysqgk_field f = 0; f < YF__N; f++) {
		struct field_error fe;
		msg[f] = NULL;
		if (!field_parse(p, form, &ysqgk_fields[f], &v[f], &fe))
			/* A choice left open is "not chosen" rather than "not filled in". */
			msg[f] = ysqgk_fields[f].type == FT_CHOICE && strcmp(fe.message, "必须填写") == 0 ? "必须选择" : fe.message;
	}
}

/* A field the applicant's type requires, left empty: why, unless it has a message already. */
static void require(const struct field_value *v, const char **msg, enum ysqgk_field f, const char *why)
{
	if (v[f].text == NULL && msg[f] == NULL)
		msg[f] = why;
}

/* A person gives an identity document; an organisation its kind, credit code and representatives. */
static void applicant_rules(struct field_value *v, const char **msg)
{
	bool person = v[YF_TYPE].text != NULL && v[YF_TYPE].num == APPLICANT_PERSON;
	bool org = v[YF_TYPE].text != NULL && v[YF_TYPE].num == APPLICANT_ORGANIZATION;
	if (person) {
		require(v, msg, YF_ID_TYPE, "必须选择（申请人为公民时）");
		require(v, msg, YF_ID_NUMBER, "必须填写（申请人为公民时）");
		/* A person's request carries no organisation data, even if some was typed. */
		static const enum ysqgk_field org_only[] = {YF_ORG_KIND, YF_ORG_CODE, YF_LEGAL_REP};
		for (size_t k = 0; k < sizeof org_only / sizeof org_only[0]; k++) {
			v[org_only[k]].text = NULL;
			msg[org_only[k]] = NULL;
		}
	}
	if (org) {
		require(v, msg, YF_ORG_KIND, "必须选择（申请人为法人或者其他组织时）");
		require(v, msg, YF_ORG_CODE, "必须填写（申请人为法人或者其他组织时）");
		require(v, msg, YF_LEGAL_REP, "必须填写（申请人为法人或者其他组织时）");
		require(v, msg, YF_CONTACT, "必须填写（申请人为法人或者其他组织时）");
	}
}

/* Identity numbers and credit codes by their check characters, each only where the field itself
 * was fine. */
static void identity_rules(struct pool *p, struct field_value *v, const char **msg)
{
	if (v[YF_ID_NUMBER].text != NULL)
		v[YF_ID_NUMBER].text = normalize_code_value(p, v[YF_ID_NUMBER].text);
	if (v[YF_ORG_CODE].text != NULL)
		v[YF_ORG_CODE].text = normalize_code_value(p, v[YF_ORG_CODE].text);
	/* The form offers 居民身份证 to begin with: a type without a number says nothing. */
	if (v[YF_ID_NUMBER].text == NULL && msg[YF_ID_NUMBER] == NULL)
		v[YF_ID_TYPE].text = NULL;
	if (v[YF_ID_NUMBER].text != NULL && msg[YF_ID_NUMBER] == NULL) {
		if (v[YF_ID_TYPE].text == NULL) {
			if (msg[YF_ID_TYPE] == NULL)
				msg[YF_ID_TYPE] = "必须选择（填写了证件号码时）";
		} else if (v[YF_ID_TYPE].num == ID_RESIDENT) {
			if (!ysqgk_resident_id_valid(v[YF_ID_NUMBER].text))
				msg[YF_ID_NUMBER] = "不是有效的居民身份证号码（18位，最后一位可以是X）";
		} else if (!other_id_valid(v[YF_ID_NUMBER].text)) {
			msg[YF_ID_NUMBER] = "格式不正确（应为5到32位字母、数字或连字符）";
		}
	}
	if (v[YF_ORG_CODE].text != NULL && msg[YF_ORG_CODE] == NULL && !ysqgk_uscc_valid(v[YF_ORG_CODE].text))
		msg[YF_ORG_CODE] = "不是有效的统一社会信用代码（18位）";
}

/* Phone and postcode by their digits; what the chosen delivery needs. */
static void contact_rules(const struct field_value *v, const char **msg)
{
	const char *phone = v[YF_PHONE].text, *postcode = v[YF_POSTCODE].text;
	if (phone != NULL && (count_digits(phone) < 7 || count_digits(phone) > 15))
		msg[YF_PHONE] = "不是有效的电话号码（应含7到15位数字）";
	if (postcode != NULL && (strlen(postcode) != 6 || count_digits(postcode) != 6))
		msg[YF_POSTCODE] = "应为6位数字";
	bool by_email = v[YF_DELIVERY].text != NULL && v[YF_DELIVERY].num == DELIVERY_EMAIL;
	bool by_post = v[YF_DELIVERY].text != NULL && v[YF_DELIVERY].num == DELIVERY_POST;
	if (by_email && v[YF_EMAIL].text == NULL && msg[YF_EMAIL] == NULL)
		msg[YF_EMAIL] = "必须填写（选择以电子邮件获取时）";
	if (by_post && v[YF_ADDRESS].text == NULL && msg[YF_ADDRESS] == NULL)
		msg[YF_ADDRESS] = "必须填写（选择邮寄时）";
}

static void fill_in(const struct field_value *v, struct ysqgk_in *in)
{
	in->applicant_type = v[YF_TYPE].text;
	in->org_kind = v[YF_ORG_KIND].text;
	in->name = v[YF_NAME].text;
	in->org_code = v[YF_ORG_CODE].text;
	in->legal_rep = v[YF_LEGAL_REP].text;
	in->contact = v[YF_CONTACT].text;
	in->id_type = v[YF_ID_TYPE].text;
	in->id_number = v[YF_ID_NUMBER].text;
	in->phone = v[YF_PHONE].text;
	in->email = v[YF_EMAIL].text;
	in->address = v[YF_ADDRESS].text;
	in->postcode = v[YF_POSTCODE].text;
	in->description = v[YF_DESCRIPTION].text;
	in->doc_number = v[YF_DOC_NUMBER].text;
	in->form = v[YF_FORM].text;
	in->delivery = v[YF_DELIVERY].text;
}

size_t ysqgk_validate(struct request *req, const struct form *form, struct ysqgk_in *in, struct ysqgk_error *errs,
                      size_t max)
{
	struct field_value v[YF__N];
	const char *msg[YF__N];
	parse_fields(req->pool, form, v, msg);
	applicant_rules(v, msg);
	identity_rules(req->pool, v, msg);
	contact_rules(v, msg);
	size_t n = 0;
	for (enum ysqgk_field f = 0; f < YF__N; f++)
		if (msg[f] != NULL) {
			if (n < max)
				errs[n] = (struct ysqgk_error){ysqgk_fields[f].name, ysqgk_fields[f].label, msg[f], XE_BAD_REQUEST};
			n++;
		}
	if (form->refused_field != NULL) { /* a part of the body the parser refused */
		const char *label = strcmp(form->refused_field, "attachments") == 0 ? "附件" : form->refused_field;
		for (enum ysqgk_field f = 0; f < YF__N; f++)
			if (strcmp(ysqgk_fields[f].name, form->refused_field) == 0)
				label = ysqgk_fields[f].label;
		if (n < max)
			errs[n] = (struct ysqgk_error){form->refused_field, label, form->refused_message, XE_BAD_REQUEST};
		n++;
	}
	memset(in, 0, sizeof *in);
	enum xerr status;
	const char *bad = ysqgk_check_attachments(req, form, in->files, &in->nfiles, &status);
	if (bad != NULL) {
		if (n < max)
			errs[n] = (struct ysqgk_error){"attachments", "附件", bad, status};
		n++;
	}
	fill_in(v, in);
	return n;
}
