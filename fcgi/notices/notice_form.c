#include "notices/notice_form.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "notices/catalog.h"
#include "core/render.h"
#include "core/text.h"
#include "notices/timeliness.h"
#include <stdlib.h>
#include <string.h>

static const char *const validities[] = {"有效", "失效", "废止", NULL};
static const char *const kinds[] = {"general", "licensing-penalty", NULL};
static const struct field_spec fields[] = {
	{"category", FT_CODE, true, 64, 0, 0, NULL, "信息类别"},
	{"title", FT_LINE, true, 500, 0, 0, NULL, "标题"},
	{"issuer", FT_LINE, true, 200, 0, 0, NULL, "发布机构"},
	{"doc_number", FT_LINE, false, 100, 0, 0, NULL, "发文字号"},
	{"subject", FT_LINE, false, 100, 0, 0, NULL, "主题分类"},
	{"formed_on", FT_DATE, true, 0, 0, 0, NULL, "成文日期"},
	{"validity", FT_CHOICE, false, 0, 0, 0, validities, "公文时效"},
	{"decision_kind", FT_CHOICE, false, 0, 0, 0, kinds, "决定类型"},
	{"body", FT_TEXT, true, 200000, 0, 0, NULL, "正文"},
	{"external_id", FT_LINE, false, 100, 0, 0, NULL, "外部编号"},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

bool notice_form_read(struct request *req, struct notice_in *n, struct field_error *err)
{
	const char *v[NFIELDS];
	memset(n, 0, sizeof *n);
	if (!form_validate(req->pool, &req->body, fields, NFIELDS, v, err))
		return false;
	n->category_code = v[0];
	n->title = v[1];
	n->issuer = v[2];
	n->doc_number = v[3];
	n->subject = v[4];
	n->formed_on = v[5];
	n->validity = v[6];
	n->decision_kind = v[7];
	n->body = v[8];
	n->external_id = v[9];
	n->status = "draft";
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr cat = catalog ? catalog_find(catalog, n->category_code) : NULL;
	if (cat == NULL || !xmlStrEqual(cat->name, (const xmlChar *)"category")) {
		*err = (struct field_error){"category", "信息类别", "不是本站目录中的信息类别"};
		return false;
	}
	/* The category's items, each a field named item.CODE. */
	for (xmlNodePtr c = cat->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"item"))
			continue;
		char *code = catalog_attr(c, "code");
		const char *field = pool_printf(req->pool, "item.%s", code);
		xmlFree(code);
		const char *value = request_field(req, field);
		if (value == NULL || n->nitems == NOTICE_MAX_ITEMS)
			continue;
		char *trimmed = str_trim(pool_strdup(req->pool, value));
		if (utf8_chars(trimmed) > 20000) {
			*err = (struct field_error){field, "公开内容", "内容过长"};
			return false;
		}
		n->items[n->nitems].code = field + 5;
		n->items[n->nitems].value = trimmed;
		n->nitems++;
	}
	const char *field = NULL, *message = NULL;
	if (!notice_validate(req->app, req->pool, req->site, n, &field, &message)) {
		*err = (struct field_error){field, field, message};
		return false;
	}
	return true;
}

enum xerr notice_form_check(struct request *req, const struct notice_in *n, struct publish_check *out)
{
	memset(out, 0, sizeof *out);
	completeness_of_input(req->app, req->site, n, req->pool, &out->c);
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	/* The same rule as the timeliness report: published today, would it be late? */
	out->limit_days = timeliness_limit(req->app, req->site, n->category_code,
	                                   strcmp(n->decision_kind, "licensing-penalty") == 0);
	int32_t formed;
	if (!parse_date(n->formed_on, &formed))
		return XE_BAD_REQUEST;
	struct tl_eval ev = timeliness_evaluate(cal, formed, out->limit_days, req->today, req->today);
	format_date(ev.due, out->due);
	out->provisional = ev.provisional;
	out->late = ev.status == TL_LATE && ev.late_by > 0;
	out->late_by = ev.late_by;
	return XE_OK;
}

enum xerr notice_form_may_edit(struct request *req, const char *issuer, bool *yes)
{
	return auth_serves_body(req, issuer, yes);
}

xmlNodePtr notice_form_xml(struct request *req, xmlNodePtr root, const struct notice_in *n, long long id,
                           const char *status, const struct publish_check *check, const struct field_error *err)
{
	xmlNodePtr ed = xmlNewChild(root, NULL, (const xmlChar *)"editor", NULL);
	if (id > 0)
		xml_attr_int(ed, "id", id);
	xml_attr(ed, "status", status);
	static const char *const names[] = {"category", "title", "issuer", "doc_number", "subject", "formed_on",
	                                    "validity", "decision_kind", "body", "external_id"};
	const char *values[] = {n->category_code, n->title, n->issuer, n->doc_number, n->subject, n->formed_on,
	                        n->validity, n->decision_kind, n->body, n->external_id};
	for (size_t i = 0; i < NFIELDS; i++) {
		xmlNodePtr f = xml_add(ed, "field", values[i] ? values[i] : "");
		xml_attr(f, "name", names[i]);
		xml_attr(f, "label", fields[i].label);
	}
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr cat = (catalog && n->category_code) ? catalog_find(catalog, n->category_code) : NULL;
	if (cat != NULL) {
		xmlNodePtr cn = xmlNewChild(ed, NULL, (const xmlChar *)"category", NULL);
		xml_attr(cn, "code", n->category_code);
		xml_attr(cn, "path", completeness_category_path(req->pool, cat));
		for (xmlNodePtr c = cat->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"item"))
				continue;
			char *code = catalog_attr(c, "code");
			xmlChar *label = xmlNodeGetContent(c);
			const char *value = "";
			for (size_t i = 0; i < n->nitems; i++)
				if (strcmp(n->items[i].code, code) == 0)
					value = n->items[i].value;
			xmlNodePtr it = xml_add(cn, "item", value);
			xml_attr(it, "code", code);
			xml_attr(it, "label", (const char *)label);
			xmlFree(code);
			xmlFree(label);
		}
	}
	/* The bodies a staff member may publish for; approvers and admins type any. */
	if (req->user != NULL && role_rank(req->user->role) < 2) {
		struct db_result r;
		if (db_query(req->db, req->pool, &r, "SELECT body FROM user_bodies WHERE user_id = ? ORDER BY body", "i",
		             req->user->id) == XE_OK) {
			xmlNodePtr bodies = xmlNewChild(ed, NULL, (const xmlChar *)"bodies", NULL);
			for (size_t i = 0; i < r.nrows; i++)
				xml_add(bodies, "body", r.rows[i][0]);
		}
	}
	if (check != NULL) {
		completeness_xml(ed, &check->c);
		xmlNodePtr t = xmlNewChild(ed, NULL, (const xmlChar *)"timeliness", NULL);
		xml_attr(t, "due", check->due);
		xml_attr_int(t, "limit", check->limit_days);
		xml_attr_int(t, "late-by", check->late ? check->late_by : 0);
		if (check->provisional)
			xml_attr(t, "provisional", "1");
	}
	if (err != NULL && err->field != NULL) {
		xmlNodePtr e = xml_add(ed, "error", err->message);
		xml_attr(e, "field", err->field);
		xml_attr(e, "label", err->label);
	}
	return ed;
}

const char *notice_json(struct pool *p, const struct notice_in *n, const char *status)
{
	struct buf b;
	buf_init(&b);
	const char *keys[] = {"title", "issuer", "doc_number", "subject", "formed_on", "validity", "category",
	                      "decision_kind", "external_id", "body"};
	const char *vals[] = {n->title, n->issuer, n->doc_number, n->subject, n->formed_on, n->validity,
	                      n->category_code, n->decision_kind, n->external_id, n->body};
	buf_puts(&b, "{\"status\":");
	buf_json_str(&b, status);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		buf_printf(&b, ",\"%s\":", keys[i]);
		buf_json_str(&b, vals[i] ? vals[i] : "");
	}
	buf_puts(&b, ",\"items\":{");
	for (size_t i = 0; i < n->nitems; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_json_str(&b, n->items[i].code);
		buf_putc(&b, ':');
		buf_json_str(&b, n->items[i].value);
	}
	buf_puts(&b, "}}");
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

enum xerr notice_form_load(struct request *req, long long id, struct notice_in *n, const char **status, int *version)
{
	struct db_result r;
	memset(n, 0, sizeof *n);
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT title, issuer, doc_number, subject, DATE_FORMAT(formed_on, '%Y-%m-%d'), validity, "
	                       "category_code, decision_kind, body, external_id, status, version FROM notices "
	                       "WHERE id = ? AND site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **row = r.rows[0];
	n->title = row[0];
	n->issuer = row[1];
	n->doc_number = row[2];
	n->subject = row[3];
	n->formed_on = row[4];
	n->validity = row[5];
	n->category_code = row[6];
	n->decision_kind = row[7];
	n->body = row[8];
	n->external_id = row[9];
	n->status = row[10];
	*status = row[10];
	*version = (int)strtol(row[11], NULL, 10);
	e = db_query(req->db, req->pool, &r, "SELECT item_code, value, label FROM notice_items WHERE notice_id = ?", "i", id);
	for (size_t i = 0; e == XE_OK && i < r.nrows && n->nitems < NOTICE_MAX_ITEMS; i++, n->nitems++) {
		n->items[n->nitems].code = r.rows[i][0];
		n->items[n->nitems].value = r.rows[i][1];
		n->items[n->nitems].label = r.rows[i][2];
	}
	return e;
}
