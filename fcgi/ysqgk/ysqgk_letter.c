/* Letters from templates (see ysqgk_letter.h). */
#include "ysqgk/ysqgk_letter.h"
#include "core/body.h"
#include "core/calendar.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* What a missing value leaves in the letter, for the staff to fill in. */
static const struct {
	const char *key, *label;
} missing[] = {
	{"what", "需要补正的事项"},
	{"reasons", "理由"},
	{"where", "获取该信息的方式和途径"},
	{"right_body", "负责公开该信息的行政机关及其联系方式"},
	{"regime", "办理的规定和途径"},
	{"third_party", "第三方的名称"},
	{"other_body", "其他机关的名称"},
	{"question", "征求意见的事项"},
	{"review_body", "复议机关"},
	{"court", "管辖法院"},
	{"address", "本机关地址"},
	{"phone", "本机关电话"},
	{"asked_on", "要求说明理由的日期"},
	{"consulted_on", "征求意见的日期"},
	{"notice_on", "通知的日期"},
	{"until", "期限"},
};

const char *ysqgk_date_cn(struct pool *p, int32_t day)
{
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	return pool_printf(p, "%d年%u月%u日", y, m, d);
}

/* A value as it goes in: trimmed, without a full stop the template writes itself. */
static const char *tidy(struct pool *p, const char *v)
{
	if (v == NULL)
		return NULL;
	char *s = str_trim(pool_strdup(p, v));
	size_t n = strlen(s);
	while (n >= 3 && strcmp(s + n - 3, "。") == 0)
		s[n -= 3] = '\0';
	return *s ? s : NULL;
}

static const char *placeholder_for(struct pool *p, const char *key, size_t len)
{
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
		if (strlen(missing[i].key) == len && strncmp(missing[i].key, key, len) == 0)
			return pool_printf(p, "（请填写%s）", missing[i].label);
	return NULL;
}

/* Writes tpl with each {key} replaced by its value, a missing one by its placeholder; an unknown
 * key stays as it is (and keeps the letter from being sent). */
static void fill(struct pool *p, struct buf *out, const char *tpl, const char *const *keys, const char *const *vals,
                 size_t n)
{
	for (const char *t = tpl; *t;) {
		const char *close = *t == '{' ? strchr(t, '}') : NULL;
		size_t k = n;
		for (size_t i = 0; close && i < n && k == n; i++)
			if ((size_t)(close - t - 1) == strlen(keys[i]) && strncmp(t + 1, keys[i], strlen(keys[i])) == 0)
				k = i;
		if (k == n) {
			buf_putc(out, *t++);
			continue;
		}
		const char *v = vals[k] ? vals[k] : placeholder_for(p, keys[k], strlen(keys[k]));
		buf_puts(out, v ? v : keys[k]);
		t = close + 1;
	}
}

static const char *prop(struct pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s = v ? pool_strdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static bool named(xmlNodePtr n, const char *element)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)element);
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The first element of letters.xml named element whose attr is value (attr NULL: any). */
static xmlNodePtr find(struct request *req, const char *element, const char *attr, const char *value)
{
	xmlDocPtr letters = app_letters(req->app);
	for (xmlNodePtr c = letters ? xmlDocGetRootElement(letters)->children : NULL; c; c = c->next)
		if (named(c, element) && (attr == NULL || same(prop(req->pool, c, attr), value)))
			return c;
	return NULL;
}

/* A reply's <reason>: its outcome, code and variant. */
static xmlNodePtr find_reason(struct request *req, const struct ysqgk_letter_args *a)
{
	xmlDocPtr letters = app_letters(req->app);
	for (xmlNodePtr c = letters ? xmlDocGetRootElement(letters)->children : NULL; c; c = c->next)
		if (named(c, "reason") && same(prop(req->pool, c, "outcome"), a->outcome) &&
		    same(prop(req->pool, c, "code"), a->reason_code) && same(prop(req->pool, c, "variant"), a->variant))
			return c;
	return NULL;
}

size_t ysqgk_reply_reasons(const struct app *app, struct pool *p, struct ysqgk_reply_reason **out)
{
	xmlDocPtr letters = app_letters(app);
	size_t n = 0;
	xmlNodePtr root = letters ? xmlDocGetRootElement(letters) : NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		n += named(c, "reason");
	*out = pool_alloc(p, (n + 1) * sizeof **out);
	n = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (named(c, "reason"))
			(*out)[n++] = (struct ysqgk_reply_reason){prop(p, c, "outcome"), prop(p, c, "code"),
			                                          prop(p, c, "variant"), prop(p, c, "label")};
	return n;
}

/* The length of a template key at s ("{key}": lower-case letters and _), 0 for none. */
static size_t key_at(const char *s)
{
	size_t n = 1;
	while (s[0] == '{' && ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_') && n < 32)
		n++;
	return s[0] == '{' && n > 1 && s[n] == '}' ? n + 1 : 0;
}

const char *ysqgk_letter_placeholder(struct pool *p, const char *text)
{
	const char *open = strstr(text, "（请填写");
	if (open != NULL) {
		const char *close = strstr(open, "）");
		return pool_strndup(p, open, close ? (size_t)(close - open) + strlen("）") : strlen(open));
	}
	for (const char *b = strchr(text, '{'); b != NULL; b = strchr(b + 1, '{'))
		if (key_at(b))
			return pool_strndup(p, b, key_at(b));
	return NULL;
}

const char *ysqgk_letter_placeholder_key(struct pool *p, const char *placeholder)
{
	size_t n = key_at(placeholder);
	if (n > 0 && placeholder[n] == '\0')
		return pool_strndup(p, placeholder + 1, n - 2);
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
		if (strcmp(placeholder, placeholder_for(p, missing[i].key, strlen(missing[i].key))) == 0)
			return missing[i].key;
	return NULL;
}

/* The request's own fields a letter names. */
enum letter_col { L_NAME, L_TRACKING, L_RECEIVED, L_DESCRIPTION, L_DUE, L_DUE_PROVISIONAL, L__N };

static enum xerr load_request(struct request *req, long long id, char ***row)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT r.name, r.tracking_no, DATEDIFF(r.received_on, '1970-01-01'), r.description, "
	                       "DATEDIFF(d.due_on, '1970-01-01'), d.provisional FROM requests r "
	                       "LEFT JOIN deadlines d ON d.id = r.reply_deadline_id WHERE r.id = ? AND r.site_id = ?",
	                       "ii", id, req->site->id);
	if (e == XE_OK && r.nrows == 0)
		e = XE_NOT_FOUND;
	if (e == XE_OK)
		*row = r.rows[0];
	return e;
}

static const char *date_or_null(struct pool *p, const char *days_s)
{
	return days_s ? ysqgk_date_cn(p, (int32_t)strtol(days_s, NULL, 10)) : NULL;
}

static const char *day_or_null(struct pool *p, int32_t day)
{
	return day ? ysqgk_date_cn(p, day) : NULL;
}

/* What follows a date counted in working days into a year whose holiday arrangement is not
 * published (its bridging days and make-up working days are not known, calendar.h): the date may
 * move, and the applicant reads why; "" after a firm date. Names the years from the letter's to
 * the date's that are not published. */
static const char *provisional_note(struct request *req, int32_t on, int32_t day, bool provisional)
{
	if (!provisional || day == 0)
		return "";
	const struct calendar *cal = request_calendar(req);
	int from, to;
	unsigned m, d;
	civil_from_days(on ? on : day, &from, &m, &d);
	civil_from_days(day, &to, &m, &d);
	const char *years = NULL;
	for (int y = from; y <= to; y++)
		if (cal == NULL || !calendar_year_published(cal, y))
			years = years ? pool_printf(req->pool, "%s、%d", years, y) : pool_printf(req->pool, "%d", y);
	return pool_printf(req->pool, "（暂定：%s年节假日安排尚未公布，公布后可能调整）",
	                   years ? years : pool_printf(req->pool, "%d", to));
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* The placeholders, in the order values() gives them. */
static const char *const keys[] = {
	"name",     "third_party", "tracking_no", "received_on", "description", "due_on",  "until",
	"notice_on", "asked_on",   "consulted_on", "days",       "amount",      "method",  "reason",
	"basis",    "what",        "reasons",     "where",       "right_body",  "regime",  "address",
	"phone",    "review_body", "court",       "decision",    "due_on_note", "until_note",  "other_body",
	"question",
};
enum { NKEYS = sizeof keys / sizeof keys[0] };

static void values(struct request *req, char **w, const struct ysqgk_letter_args *a, const struct body *b,
                   const char *reason, const char *basis, const char *decision, const char *vals[NKEYS])
{
	struct pool *p = req->pool;
	int32_t due = w[L_DUE] ? (int32_t)strtol(w[L_DUE], NULL, 10) : 0;
	bool due_provisional = w[L_DUE_PROVISIONAL] && strcmp(w[L_DUE_PROVISIONAL], "1") == 0;
	const char *v[NKEYS] = {
		w[L_NAME], tidy(p, a->third_party), w[L_TRACKING], date_or_null(p, w[L_RECEIVED]), w[L_DESCRIPTION],
		date_or_null(p, w[L_DUE]), day_or_null(p, a->until), day_or_null(p, a->notice_on),
		day_or_null(p, a->asked_on), day_or_null(p, a->consulted_on), pool_printf(p, "%d", a->days),
		pool_printf(p, "%lld", a->amount), a->method, reason, basis, tidy(p, a->what), tidy(p, a->reasons),
		tidy(p, a->where), tidy(p, a->right_body), tidy(p, a->regime), nonempty(b->address), nonempty(b->phone),
		nonempty(b->review_body), nonempty(b->court), decision, provisional_note(req, a->on, due, due_provisional),
		provisional_note(req, a->on, a->until, a->until_provisional), tidy(p, a->other_body), tidy(p, a->question),
	};
	memcpy(vals, v, sizeof v);
}

/* The letter named name: for a request received under the 2008 Regulation, its version of the
 * letter where letters.xml has one (regulation="2008"), else the 2019 Regulation's, the only one
 * for the others. */
static xmlNodePtr find_letter(struct request *req, const char *name, bool regulation_2008)
{
	xmlDocPtr letters = app_letters(req->app);
	xmlNodePtr fallback = NULL;
	for (xmlNodePtr c = letters ? xmlDocGetRootElement(letters)->children : NULL; c; c = c->next) {
		if (!named(c, "letter") || !same(prop(req->pool, c, "name"), name))
			continue;
		const char *regulation = prop(req->pool, c, "regulation");
		if (regulation_2008 && same(regulation, "2008"))
			return c;
		if (regulation == NULL && fallback == NULL)
			fallback = c;
	}
	return fallback;
}

/* The UTF-8 characters an article reference is written with: 第十四条、第三十六条第三项. */
static size_t article_char_at(const char *s)
{
	static const char *const chars[] = {"第", "条", "款", "项", "、", "一", "二", "三", "四",
	                                    "五", "六", "七", "八", "九", "十", "百"};
	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (str_has_prefix(s, chars[i]))
			return strlen(chars[i]);
	return 0;
}

/* text without the article numbers after the Regulation's name: a 2019 letter sent for a request
 * under the 2008 Regulation cites the Regulation, but none of its 2019 articles, which the 2008
 * one numbered otherwise. */
static const char *without_articles(struct pool *p, const char *text)
{
	static const char title[] = "《中华人民共和国政府信息公开条例》";
	struct buf b;
	buf_init(&b);
	for (const char *t = text, *at; *t; t = at) {
		at = strstr(t, title);
		if (at == NULL) {
			buf_puts(&b, t);
			break;
		}
		at += strlen(title);
		buf_printf(&b, "%.*s", (int)(at - t), t);
		if (str_has_prefix(at, "第"))
			for (size_t n; (n = article_char_at(at)) > 0;)
				at += n;
	}
	const char *s = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The template, and for a reply the clause and basis of its reason. */
static enum xerr pick(struct request *req, const struct ysqgk_letter_args *a, bool regulation_2008, xmlNodePtr *tpl,
                      const char **reason, const char **basis, const char **message)
{
	const char *name = a->template;
	*reason = *basis = NULL;
	if (name == NULL) {
		xmlNodePtr r = find_reason(req, a);
		if (r == NULL) {
			*message = "请选择答复类型及其理由。";
			return XE_BAD_REQUEST;
		}
		name = prop(req->pool, r, "template");
		xmlChar *clause = xmlNodeGetContent(r);
		*reason = clause && *clause ? pool_strdup(req->pool, (const char *)clause) : NULL;
		xmlFree(clause);
		*basis = prop(req->pool, r, "basis");
	}
	*tpl = find_letter(req, name, regulation_2008);
	return *tpl ? XE_OK : XE_INTERNAL;
}

/* text, remedies, signature, date: one line each, as the applicant reads it. */
static const char *full_text(struct pool *p, const struct ysqgk_letter *l)
{
	return pool_printf(p, "%s\n%s%s%s\n%s", l->text, l->remedies ? l->remedies : "", l->remedies ? "\n" : "",
	                   l->signature, ysqgk_date_cn(p, l->on));
}

static const char *filled(struct pool *p, const char *tpl, const char *vals[NKEYS])
{
	struct buf b;
	buf_init(&b);
	fill(p, &b, tpl, keys, vals, NKEYS);
	const char *s = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return s;
}

enum xerr ysqgk_letter_make(struct request *req, long long id, const struct ysqgk_letter_args *a,
                            struct ysqgk_letter *out, const char **message)
{
	struct pool *p = req->pool;
	char **w;
	struct body body;
	xmlNodePtr tpl;
	const char *reason, *basis;
	enum xerr e = load_request(req, id, &w);
	if (e == XE_OK && (e = body_of_request(req->db, p, req->site->id, id, &body)) == XE_NOT_FOUND) {
		*message = "该申请没有办理机关签发告知书：请指定办理机关，或由管理员在“机关”页面设置受理本站申请的机关。";
		return XE_CONFLICT;
	}
	bool regulation_2008 = e == XE_OK && ysqgk_period_for((int32_t)strtol(w[L_RECEIVED], NULL, 10)).regulation_2008;
	if (e == XE_OK)
		e = pick(req, a, regulation_2008, &tpl, &reason, &basis, message);
	if (e != XE_OK)
		return e;
	const char *vals[NKEYS];
	values(req, w, a, &body, reason, basis, prop(p, tpl, "decision"), vals);
	xmlChar *t = xmlNodeGetContent(tpl);
	const char *text = a->text ? a->text : filled(p, (const char *)t, vals);
	if (regulation_2008 && !same(prop(p, tpl, "regulation"), "2008") && a->text == NULL)
		text = without_articles(p, text);
	xmlNodePtr remedies = same(prop(p, tpl, "remedies"), "1") ? find(req, "remedies", NULL, NULL) : NULL;
	xmlChar *rt = remedies ? xmlNodeGetContent(remedies) : NULL;
	*out = (struct ysqgk_letter){
		.template = prop(p, tpl, "name"),
		.title = prop(p, tpl, "title"),
		.text = text,
		.remedies = rt ? filled(p, (const char *)rt, vals) : NULL,
		.signature = body_signature(&body),
		.on = a->on,
		.body_id = body.id,
		.addressee = prop(p, tpl, "to"),
	};
	if (out->addressee == NULL)
		out->addressee = "applicant";
	out->to_applicant = same(out->addressee, "applicant");
	out->to_name = same(out->addressee, "third-party") ? tidy(p, a->third_party)
	               : same(out->addressee, "other-body") ? tidy(p, a->other_body)
	                                                    : w[L_NAME];
	out->full = full_text(p, out);
	xmlFree(t);
	xmlFree(rt);
	return XE_OK;
}
