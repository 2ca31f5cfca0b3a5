#include "notices/notice_form.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/exchange.h"
#include "notices/catalog.h"
#include "core/render.h"
#include "core/text.h"
#include "notices/timeliness.h"
#include <stdlib.h>
#include <string.h>

static const char *const validities[] = {"有效", "失效", "废止", NULL};
static const char *const kinds[] = {"general", "licensing-penalty", NULL};
enum field {
	F_CATEGORY, F_TITLE, F_ISSUER, F_DOC_NUMBER, F_SUBJECT, F_FORMED_ON, F_VALIDITY, F_DECISION_KIND, F_BODY,
	F_EXTERNAL_ID, F_CHANGED_ON, F_DOCUMENT_KIND, F_REPEALED_ON, F__N
};
static const struct field_spec fields[F__N] = {
	[F_CATEGORY] = {"category", FT_CODE, true, 64, 0, 0, NULL, "信息类别"},
	[F_TITLE] = {"title", FT_LINE, true, 500, 0, 0, NULL, "标题"},
	[F_ISSUER] = {"issuer", FT_LINE, true, 200, 0, 0, NULL, "发布机构"},
	[F_DOC_NUMBER] = {"doc_number", FT_LINE, false, 100, 0, 0, NULL, "发文字号"},
	[F_SUBJECT] = {"subject", FT_LINE, false, 100, 0, 0, NULL, "主题分类"},
	[F_FORMED_ON] = {"formed_on", FT_DATE, true, 0, 0, 0, NULL, "成文日期"},
	[F_VALIDITY] = {"validity", FT_CHOICE, false, 0, 0, 0, validities, "公文时效"},
	[F_DECISION_KIND] = {"decision_kind", FT_CHOICE, false, 0, 0, 0, kinds, "决定类型"},
	[F_BODY] = {"body", FT_TEXT, true, 200000, 0, 0, NULL, "正文"},
	[F_EXTERNAL_ID] = {"external_id", FT_LINE, false, 100, 0, 0, NULL, "外部编号"},
	[F_CHANGED_ON] = {"changed_on", FT_DATE, false, 0, 0, 0, NULL, "变更日期"},
	[F_DOCUMENT_KIND] = {"document_kind", FT_CHOICE, false, 0, 0, 0, notice_document_kinds, "文件类型"},
	[F_REPEALED_ON] = {"repealed_on", FT_DATE, false, 0, 0, 0, NULL, "废止日期"},
};

/* The fields into n: as parsed, or (v NULL: the form was refused) as typed, so that the form
 * comes back with what was typed and only the faulty field marked. */
static void keep_fields(struct request *req, struct notice_in *n, const struct field_value *v)
{
	const char **const slot[F__N] = {
		[F_CATEGORY] = &n->category_code, [F_TITLE] = &n->title, [F_ISSUER] = &n->issuer,
		[F_DOC_NUMBER] = &n->doc_number, [F_SUBJECT] = &n->subject, [F_FORMED_ON] = &n->formed_on,
		[F_VALIDITY] = &n->validity, [F_DECISION_KIND] = &n->decision_kind, [F_BODY] = &n->body,
		[F_EXTERNAL_ID] = &n->external_id, [F_CHANGED_ON] = &n->changed_on,
		[F_DOCUMENT_KIND] = &n->document_kind, [F_REPEALED_ON] = &n->repealed_on,
	};
	for (enum field f = 0; f < F__N; f++)
		*slot[f] = v != NULL ? v[f].text : request_field(req, fields[f].name);
}

/* The category's items, each a field named item.CODE; false with *err for one too long. */
static bool read_items(struct request *req, xmlNodePtr cat, struct notice_in *n, struct field_error *err)
{
	bool ok = true;
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
		if (ok && utf8_chars(trimmed) > 20000) {
			*err = (struct field_error){field, "公开内容", "内容过长"};
			ok = false;
		}
		n->items[n->nitems].code = field + 5;
		n->items[n->nitems].value = trimmed;
		n->nitems++;
	}
	return ok;
}

bool notice_form_read(struct request *req, struct notice_in *n, struct field_error *err)
{
	struct field_value v[F__N];
	memset(n, 0, sizeof *n);
	bool parsed = form_parse(req->pool, &req->body, fields, v, err);
	keep_fields(req, n, parsed ? v : NULL);
	n->status = "draft";
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr cat = catalog && n->category_code ? catalog_find(catalog, n->category_code) : NULL;
	bool known = cat != NULL && xmlStrEqual(cat->name, (const xmlChar *)"category");
	struct field_error item_err;
	bool items = known && read_items(req, cat, n, &item_err);
	if (!parsed)
		return false;
	if (!known) {
		*err = (struct field_error){fields[F_CATEGORY].name, fields[F_CATEGORY].label, "不是本站目录中的信息类别"};
		return false;
	}
	if (!items) {
		*err = item_err;
		return false;
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
	bool decision = strcmp(n->decision_kind, "licensing-penalty") == 0 ||
	                (n->document_kind != NULL && (strcmp(n->document_kind, "licensing") == 0 ||
	                                              strcmp(n->document_kind, "penalty") == 0));
	out->limit_days = timeliness_limit(req->app, req->site, n->category_code, decision);
	int32_t formed, changed;
	if (!parse_date(n->formed_on, &formed))
		return XE_BAD_REQUEST;
	if (n->changed_on != NULL && parse_date(n->changed_on, &changed) && changed > formed)
		formed = changed; /* a change restarts the clock */
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
	const char *const values[F__N] = {
		[F_CATEGORY] = n->category_code, [F_TITLE] = n->title, [F_ISSUER] = n->issuer,
		[F_DOC_NUMBER] = n->doc_number, [F_SUBJECT] = n->subject, [F_FORMED_ON] = n->formed_on,
		[F_VALIDITY] = n->validity, [F_DECISION_KIND] = n->decision_kind, [F_BODY] = n->body,
		[F_EXTERNAL_ID] = n->external_id, [F_CHANGED_ON] = n->changed_on, [F_DOCUMENT_KIND] = n->document_kind,
		[F_REPEALED_ON] = n->repealed_on,
	};
	for (enum field i = 0; i < F__N; i++) {
		xmlNodePtr f = xml_add(ed, "field", values[i] ? values[i] : "");
		xml_attr(f, "name", fields[i].name);
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
	if (req->user != NULL && req->user->level < ROLE_APPROVER) {
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
	if (err != NULL && err->message != NULL) { /* without a field: about the whole form */
		xmlNodePtr e = xml_add(ed, "error", err->message);
		xml_attr(e, "field", err->field);
		xml_attr(e, "label", err->label);
	}
	return ed;
}

const char *notice_json(struct pool *p, const struct notice_in *n, const char *status)
{
	const char *const keys[] = {"title", "issuer", "doc_number", "subject", "formed_on", "validity", "category",
	                            "decision_kind", "external_id", "body", "changed_on", "document_kind", "repealed_on"};
	const char *const vals[] = {n->title, n->issuer, n->doc_number, n->subject, n->formed_on, n->validity,
	                            n->category_code, n->decision_kind, n->external_id, n->body, n->changed_on,
	                            n->document_kind, n->repealed_on};
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "status", status ? status : "");
	for (size_t i = 0; i < FIELDS_OF(keys); i++)
		jw_str(&w, keys[i], vals[i] ? vals[i] : "");
	jw_open(&w, "items", '{');
	for (size_t i = 0; i < n->nitems; i++)
		jw_str(&w, n->items[i].code ? n->items[i].code : "", n->items[i].value ? n->items[i].value : "");
	jw_close(&w, '}');
	jw_close(&w, '}');
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* The columns of notice_form_load's statement. */
enum load_col {
	L_TITLE, L_ISSUER, L_DOC_NUMBER, L_SUBJECT, L_FORMED_ON, L_VALIDITY, L_CATEGORY, L_DECISION_KIND, L_BODY,
	L_EXTERNAL_ID, L_STATUS, L_VERSION, L_CHANGED_ON, L_DOCUMENT_KIND, L_REPEALED_ON
};

enum xerr notice_form_load(struct request *req, long long id, struct notice_in *n, const char **status, int *version)
{
	struct db_result r;
	memset(n, 0, sizeof *n);
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT title, issuer, doc_number, subject, DATE_FORMAT(formed_on, '%Y-%m-%d'), validity, "
	                       "category_code, decision_kind, body, external_id, status, version, "
	                       "DATE_FORMAT(changed_on, '%Y-%m-%d'), document_kind, DATE_FORMAT(repealed_on, '%Y-%m-%d') "
	                       "FROM notices "
	                       "WHERE id = ? AND site_id = ?",
	                       "ii", id, req->site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	char **row = r.rows[0];
	n->title = row[L_TITLE];
	n->issuer = row[L_ISSUER];
	n->doc_number = row[L_DOC_NUMBER];
	n->subject = row[L_SUBJECT];
	n->formed_on = row[L_FORMED_ON];
	n->validity = row[L_VALIDITY];
	n->category_code = row[L_CATEGORY];
	n->decision_kind = row[L_DECISION_KIND];
	n->body = row[L_BODY];
	n->external_id = row[L_EXTERNAL_ID];
	n->status = row[L_STATUS];
	n->changed_on = row[L_CHANGED_ON];
	n->document_kind = row[L_DOCUMENT_KIND];
	n->repealed_on = row[L_REPEALED_ON];
	*status = row[L_STATUS];
	*version = (int)strtol(row[L_VERSION], NULL, 10);
	e = db_query(req->db, req->pool, &r, "SELECT item_code, value, label FROM notice_items WHERE notice_id = ?", "i", id);
	for (size_t i = 0; e == XE_OK && i < r.nrows && n->nitems < NOTICE_MAX_ITEMS; i++, n->nitems++) {
		n->items[n->nitems].code = r.rows[i][0];
		n->items[n->nitems].value = r.rows[i][1];
		n->items[n->nitems].label = r.rows[i][2];
	}
	return e;
}
