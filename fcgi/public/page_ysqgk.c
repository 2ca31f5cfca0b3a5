/* /xxgk/{site}/ysqgk/ — the disclosure-request form (依申请公开申请表), its submission, the
 * receipt (回执, printable) and the receipt printed again from the tracking page.
 * Abuse limits on the form: a honeypot field, a minimum fill time signed with the install's
 * secret, a one-time nonce (a reload cannot file twice), and the per-address filing throttle. */
#include "server/handlers.h"
#include "core/body.h"
#include "core/mail.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_file.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_rules.h"
#include "ysqgk/ysqgk_throttle.h"
#include "ysqgk/ysqgk_token.h"
#include "ysqgk/ysqgk_view.h"
#include <string.h>

#define MAX_ERRORS 24

static void add_choices(xmlNodePtr parent, const struct ysqgk_choices *c)
{
	xmlNodePtr cn = xmlNewChild(parent, NULL, (const xmlChar *)"choices", NULL);
	xml_attr(cn, "name", c->name);
	for (size_t i = 0; c->codes[i] != NULL; i++) {
		xmlNodePtr o = xmlNewChild(cn, NULL, (const xmlChar *)"choice", NULL);
		xml_attr(o, "value", c->codes[i]);
		xml_attr(o, "label", c->labels[i]);
	}
}

/* Where an error's link in the summary lands: the field, or the first option of a group. */
static const char *anchor_of(struct pool *p, const char *field)
{
	const struct ysqgk_choices *groups[] = {&ysqgk_applicant_types, &ysqgk_forms, &ysqgk_deliveries};
	for (size_t i = 0; i < 3; i++)
		if (strcmp(groups[i]->name, field) == 0)
			return pool_printf(p, "f-%s-%s", field, groups[i]->codes[0]);
	return pool_printf(p, "f-%s", field);
}

/* The form page: empty, or again with what was typed (as text, escaped by the serializer), the
 * errors tied to their fields, and a general notice. */
static enum xerr render_form(struct request *req, int status, const char *token, const struct form *typed,
                             const struct ysqgk_error *errs, size_t nerrs, const char *notice)
{
	struct ysqgk_config cfg;
	ysqgk_config(req->app, &cfg);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "ysqgk_form", &root);
	xmlNodePtr y = xmlNewChild(root, NULL, (const xmlChar *)"ysqgk", NULL);
	xml_attr(y, "token", token);
	xml_attr_int(y, "attachments-max", cfg.attachments_max);
	xml_attr(y, "attachment-max", ysqgk_size_text(req->pool, cfg.attachment_max));
	add_choices(y, &ysqgk_applicant_types);
	add_choices(y, &ysqgk_org_kinds);
	add_choices(y, &ysqgk_id_types);
	add_choices(y, &ysqgk_forms);
	add_choices(y, &ysqgk_deliveries);
	xmlNodePtr values = xmlNewChild(y, NULL, (const xmlChar *)"values", NULL);
	for (enum ysqgk_field f = 0; typed != NULL && f < YF__N; f++) {
		const char *v = form_get(typed, ysqgk_fields[f].name);
		if (v != NULL && *v)
			xml_attr(xml_add(values, "v", v), "name", ysqgk_fields[f].name);
	}
	if (typed != NULL && typed->nfiles > 0)
		xml_attr(values, "had-files", "1");
	xmlNodePtr en = xmlNewChild(y, NULL, (const xmlChar *)"errors", NULL);
	for (size_t i = 0; i < nerrs && i < MAX_ERRORS; i++) {
		xmlNodePtr e = xml_add(en, "error", errs[i].message);
		xml_attr(e, "field", errs[i].field);
		xml_attr(e, "label", errs[i].label);
		xml_attr(e, "anchor", anchor_of(req->pool, errs[i].field));
	}
	if (notice != NULL)
		xml_add(y, "notice", notice);
	req->status = status;
	enum xerr e = render(req, doc, "ysqgk_form");
	/* What was typed (identity number, phone, address) must not stay in any cache. */
	request_header(req, "Cache-Control", "no-store");
	return e;
}

enum xerr page_ysqgk_redirect(struct request *req)
{
	respond_redirect(req, pool_printf(req->pool, "%sysqgk/", site_base(req)));
	return XE_OK;
}

enum xerr page_ysqgk_form(struct request *req)
{
	const char *token;
	enum xerr e = ysqgk_form_token(req, &token);
	if (e != XE_OK)
		return e;
	return render_form(req, 200, token, NULL, NULL, 0, NULL);
}

static enum xerr render_duplicate(struct request *req, const char *tracking_no)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "ysqgk_receipt", &root);
	xmlNodePtr d = xmlNewChild(root, NULL, (const xmlChar *)"duplicate", NULL);
	xml_attr(d, "tracking-no", tracking_no);
	req->status = 409;
	enum xerr e = render(req, doc, "ysqgk_receipt");
	request_header(req, "Cache-Control", "no-store");
	return e;
}

/* The signed issue time of the form: genuine, not too fresh, not too old. When it is not, the
 * form again with what was typed and why (*answered); else the form's one-time nonce. */
static enum xerr check_form_token(struct request *req, const struct form *f, const char **nonce, bool *answered)
{
	const char *token = form_get(f, "form_token");
	enum token_state ts;
	*answered = false;
	enum xerr e = ysqgk_check_token(req, token, &ts, nonce);
	if (e != XE_OK || ts == TOKEN_OK)
		return e;
	*answered = true;
	if (ts == TOKEN_TOO_FAST) {
		struct ysqgk_config cfg;
		ysqgk_config(req->app, &cfg);
		return render_form(req, 400, token, f, NULL, 0,
		                   pool_printf(req->pool,
		                               "提交过快：为防止自动程序批量提交，页面打开后至少%lld秒才能提交。请核对填写的内容后再次提交（附件需重新选择）。",
		                               cfg.min_fill_seconds));
	}
	const char *fresh;
	if ((e = ysqgk_form_token(req, &fresh)) != XE_OK)
		return e;
	return render_form(req, 400, fresh, f, NULL, 0,
	                   ts == TOKEN_EXPIRED ? "申请页面打开的时间过长，已经失效。已为您保留填写的内容（附件需重新选择），请核对后再次提交。"
	                                       : "申请页面已失效。已为您保留填写的内容（附件需重新选择），请核对后再次提交。");
}

/* The receipt of what was just filed, with the query code shown this once. */
static enum xerr render_receipt(struct request *req, long long id, const char *query_code)
{
	struct ysqgk_view v;
	enum xerr e = ysqgk_view_load(req, id, VIEW_APPLICATION, &v);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "ysqgk_receipt", &root);
	ysqgk_receipt_xml(req->pool, &v, query_code, root);
	struct body body; /* the body that answers it, with its contact block */
	if ((e = body_of_request(req->db, req->pool, req->site->id, id, &body)) == XE_OK)
		body_xml(root, "body", &body);
	else if (e != XE_NOT_FOUND)
		return e;
	e = render(req, doc, "ysqgk_receipt");
	request_header(req, "Cache-Control", "no-store");
	return e;
}

/* Files the validated request under the filing throttle, in one transaction: the receipt, or
 * the form again past the throttle, or the request this form filed already. */
static enum xerr file_request(struct request *req, const char *token, const struct form *f, struct ysqgk_in *in)
{
	in->channel = "online";
	in->received_on = req->today; /* the system's acknowledgment is the receipt date */
	struct ysqgk_throttled t;
	struct ysqgk_receipt rc;
	enum xerr e = ysqgk_file_online(req, in, &t, &rc);
	if (e == XE_TOO_MANY && t.over) {
		e = render_form(req, 429, token, f, NULL, 0, pool_printf(req->pool, "%s已为您保留填写的内容。", t.message));
		ysqgk_throttle_retry_after(req, &t);
		return e;
	}
	if (e == XE_CONFLICT) {
		const char *already = db_value(req->db, req->pool, &e, "SELECT tracking_no FROM requests WHERE form_nonce = ?",
		                               "s", in->form_nonce);
		return e != XE_OK ? e : render_duplicate(req, already ? already : "");
	}
	if (e != XE_OK)
		return e;
	mail_after_commit(req->db, &req->app->cfg, req->pool, rc.mail_id);
	req->status = 200;
	return render_receipt(req, rc.id, rc.query_code);
}

enum xerr page_ysqgk_submit(struct request *req)
{
	struct form f;
	const char *why;
	enum xerr e = ysqgk_parse_body(req, &f, &why);
	if (e != XE_OK) {
		respond_error(req, e, why, NULL);
		return e;
	}
	/* The honeypot: a field people never see. Whatever filled it is not a person. */
	const char *hp = form_get(&f, "website");
	if (hp != NULL && *hp) {
		respond_error(req, XE_BAD_REQUEST, "提交未通过校验。请在申请页面上正常填写后提交。", NULL);
		return XE_BAD_REQUEST;
	}
	const char *nonce = NULL;
	bool answered;
	if ((e = check_form_token(req, &f, &nonce, &answered)) != XE_OK || answered)
		return e;
	struct ysqgk_error errs[MAX_ERRORS];
	struct ysqgk_in in;
	size_t n = ysqgk_validate(req, &f, &in, errs, MAX_ERRORS);
	if (n > 0) {
		int status = 400;
		for (size_t i = 0; i < n && i < MAX_ERRORS; i++)
			if (errs[i].status != XE_BAD_REQUEST)
				status = xerr_status(errs[i].status);
		return render_form(req, status, form_get(&f, "form_token"), &f, errs, n, NULL);
	}
	/* This form filed already (a reload, a second click): say so, file nothing. */
	const char *already = db_value(req->db, req->pool, &e, "SELECT tracking_no FROM requests WHERE form_nonce = ?", "s",
	                               nonce);
	if (e != XE_OK)
		return e;
	if (already != NULL)
		return render_duplicate(req, already);
	in.form_nonce = nonce;
	return file_request(req, form_get(&f, "form_token"), &f, &in);
}

/* The receipt again, from the tracking page (tracking number and query code posted). The query
 * code is not shown again. */
enum xerr page_ysqgk_receipt(struct request *req)
{
	struct ysqgk_throttled t;
	enum xerr e = ysqgk_throttle(req, YSQGK_LOOKUP, &t);
	if (e != XE_OK)
		return e;
	if (t.over)
		return ysqgk_throttle_answer(req, &t);
	long long id;
	e = ysqgk_lookup(req, request_field(req, "tracking_no"), request_field(req, "query_code"), &id);
	if (e != XE_OK)
		return e;
	if (id == 0) {
		respond_error(req, XE_NOT_FOUND, "受理编号或查询码不正确。", NULL);
		return XE_NOT_FOUND;
	}
	return render_receipt(req, id, NULL);
}
