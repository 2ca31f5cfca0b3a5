/* /admin/requests/new: registering a disclosure request that came on paper, in person, by post,
 * fax or email — the same rules and filing as the web form, with the receipt date the rules give
 * the channel (Art. 31) and the query code shown once, for the paper receipt. */
#include "server/handlers.h"
#include "core/body.h"
#include "core/mail.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_fees.h"
#include "ysqgk/ysqgk_file.h"
#include "ysqgk/ysqgk_rules.h"
#include "ysqgk/ysqgk_token.h"
#include <string.h>

static const char *const channels[] = {"in-person", "registered-post", "ordinary-post", "fax", "email", NULL};
enum register_field { RG_CHANNEL, RG_RECEIVED_ON, RG_BODY, RG__N };
static const struct field_spec register_fields[RG__N] = {
	[RG_CHANNEL] = {"channel", FT_CHOICE, true, 0, 0, 0, channels, "收到渠道"},
	[RG_RECEIVED_ON] = {"received_on", FT_DATE, true, 0, 0, 0, NULL, "收到申请之日"},
	[RG_BODY] = {"assigned_body", FT_LINE, false, 200, 0, 0, NULL, "办理机关"},
};

/* The bodies the user may give the request to, for the choice of the one that handles it: the
 * site's, or for staff those they serve (ysqgk_authz.h). */
static enum xerr add_bodies(struct request *req, xmlNodePtr f)
{
	struct body *b;
	size_t n;
	enum xerr e = body_list(req->db, req->pool, req->site->id, &b, &n);
	for (size_t i = 0; e == XE_OK && i < n; i++) {
		enum ysqgk_verdict v = AZ_ALLOWED;
		if ((e = ysqgk_authz_target(req, b[i].name, &v)) == XE_OK && v == AZ_ALLOWED)
			body_xml(f, "body", &b[i]);
	}
	return e;
}

/* The form is single-use, as the public one (ysqgk_token.h): its one-time token's nonce is the
 * request's form_nonce, so that the form sent twice (a double-click, Back and send again)
 * registers one request. */
enum xerr admin_ysqgk_register_form(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-register", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"register", NULL);
	char today[11];
	format_date(req->today, today);
	xml_attr(f, "today", today);
	const char *token;
	enum xerr e = ysqgk_form_token(req, &token);
	if (e == XE_OK) {
		xml_attr(f, "token", token);
		e = add_bodies(req, f);
	}
	return e == XE_OK ? render(req, doc, "admin_register") : e;
}

/* The request this form registered already: 409 with its tracking number and a link to it,
 * nothing registered again. */
static enum xerr render_duplicate(struct request *req, xmlDocPtr doc, xmlNodePtr root, const char *nonce)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, tracking_no, registered_by FROM requests WHERE form_nonce = ? AND site_id = ?", "si",
	                       nonce, req->site->id);
	if (e != XE_OK)
		return e;
	xmlNodePtr d = xmlNewChild(root, NULL, (const xmlChar *)"duplicate", NULL);
	if (r.nrows == 1) {
		xml_attr(d, "id", r.rows[0][0]);
		xml_attr(d, "tracking-no", r.rows[0][1]);
	}
	req->status = 409;
	return render(req, doc, "admin_register");
}

static void add_error(xmlNodePtr f, const char *field, const char *label, const char *message)
{
	xmlNodePtr en = xml_add(f, "error", message);
	xml_attr(en, "field", field);
	xml_attr(en, "label", label);
}

/* The request's own rules: every error found goes on the form (0: none). */
static size_t check_request(struct request *req, xmlNodePtr f, struct ysqgk_in *in)
{
	struct ysqgk_error errs[YF__N + 1];
	size_t n = ysqgk_validate(req, &req->body, in, errs, YF__N + 1);
	for (size_t i = 0; i < n && i < YF__N + 1; i++)
		add_error(f, errs[i].field, errs[i].label, errs[i].message);
	return n;
}

struct register_tx {
	struct request *req;
	const struct ysqgk_in *in;
	const char *body;
	struct ysqgk_receipt rc;
};

static enum xerr register_tx(struct db *db, void *ctx)
{
	struct register_tx *t = ctx;
	enum xerr e = ysqgk_file(t->req, t->in, &t->rc);
	/* Its registrant may see it in full and assign it while it has no body (ysqgk_authz.h); with
	 * a body, it takes its place in the applicant's count with that body (ysqgk_fees.h). */
	if (e == XE_OK)
		e = db_exec(db, "UPDATE requests SET registered_by = ?, assigned_body = ? WHERE id = ?", "isi",
		            t->req->user->id, t->body, t->rc.id);
	if (e == XE_OK && t->body != NULL)
		e = ysqgk_fee_recount(t->req, t->rc.id, t->in->received_on);
	return e;
}

/* What the printed receipt says beside the numbers: to whom, how and when it came, the scans
 * kept, where to follow it, and the body that answers it with its address. */
static enum xerr add_receipt(struct request *req, xmlNodePtr done, const struct ysqgk_in *in, long long id)
{
	char d[11];
	format_date(in->received_on, d);
	xml_attr(done, "name", in->name);
	xml_attr(done, "received-on", d);
	xml_attr(done, "channel-label", ysqgk_label(&ysqgk_channels, in->channel));
	xml_attr_int(done, "files", (long long)in->nfiles);
	xml_attr(done, "query-url", pool_printf(req->pool, "%sysqgk/query", site_base(req)));
	struct body b;
	enum xerr e = body_of_request(req->db, req->pool, req->site->id, id, &b);
	if (e == XE_OK)
		body_xml(done, "body", &b);
	return e == XE_NOT_FOUND ? XE_OK : e;
}

/* Scans of a paper request are kept as the applicant's files: PDF, JPEG or PNG (by their bytes,
 * ysqgk_upload.h), nothing else. */
static bool scans_only(const struct ysqgk_in *in)
{
	static const char *const kinds[] = {"application/pdf", "image/jpeg", "image/png"};
	for (size_t i = 0; i < in->nfiles; i++) {
		bool fits = false;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			fits = fits || (in->files[i].mime && strcmp(in->files[i].mime, kinds[k]) == 0);
		if (!fits)
			return false;
	}
	return true;
}

/* Files the request (with its disclosing body, when given) and shows its tracking number. */
static enum xerr file_and_show(struct request *req, xmlDocPtr doc, xmlNodePtr root, struct ysqgk_in *in,
                               const struct field_value *v, const char *nonce)
{
	in->form_nonce = nonce;
	in->channel = channels[v[RG_CHANNEL].num];
	in->received_on = (int32_t)v[RG_RECEIVED_ON].num;
	struct register_tx t = {req, in, v[RG_BODY].text, {0}};
	enum xerr e = db_transaction(req->db, register_tx, &t);
	if (e == XE_CONFLICT) /* the form's nonce: registered by the same form at the same moment */
		return render_duplicate(req, doc, root, in->form_nonce);
	if (e != XE_OK)
		return e;
	struct ysqgk_receipt rc = t.rc;
	if (rc.mail_id)
		mail_after_commit(req->db, &req->app->cfg, req->pool, rc.mail_id);
	/* The query code is shown once, on the printable receipt for the applicant. */
	xmlNodePtr done = xmlNewChild(root, NULL, (const xmlChar *)"registered", NULL);
	if ((e = add_receipt(req, done, in, rc.id)) != XE_OK)
		return e;
	xml_attr_int(done, "id", rc.id);
	xml_attr(done, "tracking-no", rc.tracking_no);
	xml_attr(done, "query-code", rc.query_code);
	char d[11];
	format_date(rc.due_on, d);
	xml_attr(done, "due-on", d);
	if (rc.provisional)
		xml_attr(done, "provisional", "1");
	return render(req, doc, "admin_register");
}

/* The form's one-time token: genuine (its age and fill time are the public form's limits, not
 * the staff's) and not used yet. *answered with the request it registered already (409); else
 * XE_BAD_REQUEST with the error on the form and a fresh token in it, or XE_OK with *nonce (the
 * token goes back on the form, should it have to be shown again). */
static enum xerr form_nonce(struct request *req, xmlDocPtr doc, xmlNodePtr root, xmlNodePtr f, const char **nonce,
                            bool *answered)
{
	const char *token = form_get(&req->body, "form_token");
	enum token_state ts;
	enum xerr e = ysqgk_check_token(req, token, &ts, nonce);
	if (e != XE_OK)
		return e;
	if (ts == TOKEN_BAD) {
		if ((e = ysqgk_form_token(req, &token)) != XE_OK)
			return e;
		xml_attr(f, "token", token);
		add_error(f, "form_token", "登记表", "已失效：已保留填写的内容（扫描件需重新选择），请核对后再次提交。");
		return XE_BAD_REQUEST;
	}
	xml_attr(f, "token", token);
	const char *already = db_value(req->db, req->pool, &e, "SELECT id FROM requests WHERE form_nonce = ?", "s", *nonce);
	if (e != XE_OK || already == NULL)
		return e;
	*answered = true;
	return render_duplicate(req, doc, root, *nonce);
}

/* Registering with a body assigns it: to a body of the site, and staff only to a body they serve
 * (ysqgk_authz.h). XE_BAD_REQUEST or XE_FORBIDDEN with the error on the form. */
static enum xerr body_check(struct request *req, xmlNodePtr f, const char *name)
{
	if (name == NULL)
		return XE_OK;
	struct body body;
	enum xerr e = body_named(req->db, req->pool, req->site->id, name, &body);
	if (e == XE_NOT_FOUND) {
		add_error(f, "assigned_body", "办理机关", "本站没有这个机关");
		return XE_BAD_REQUEST;
	}
	enum ysqgk_verdict v = AZ_ALLOWED;
	if (e != XE_OK || (e = ysqgk_authz_target(req, name, &v)) != XE_OK || v == AZ_ALLOWED)
		return e;
	add_error(f, "assigned_body", "办理机关", ysqgk_authz_reason(req->pool, v, NULL));
	return XE_FORBIDDEN;
}

enum xerr admin_ysqgk_register(struct request *req)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-register", &root);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"register", NULL);
	for (size_t i = 0; i < req->body.n; i++)
		if (strcmp(req->body.fields[i].key, "csrf") != 0 && strcmp(req->body.fields[i].key, "form_token") != 0) {
			xmlNodePtr fv = xml_add(f, "value", req->body.fields[i].value);
			xml_attr(fv, "name", req->body.fields[i].key);
		}
	struct field_value v[RG__N];
	struct field_error ferr;
	struct ysqgk_in in;
	const char *nonce = NULL;
	bool answered = false;
	enum xerr e = form_nonce(req, doc, root, f, &nonce, &answered);
	if (answered || (e != XE_OK && e != XE_BAD_REQUEST))
		return e;
	if (e != XE_OK) {
		/* the token's error is on the form */
	} else if (!form_parse(req->pool, &req->body, register_fields, v, &ferr))
		add_error(f, ferr.field, ferr.label, ferr.message);
	else if (v[RG_RECEIVED_ON].num > req->today)
		add_error(f, "received_on", "收到申请之日", "不能晚于今天");
	else if (!ysqgk_in_force((int32_t)v[RG_RECEIVED_ON].num))
		add_error(f, "received_on", "收到申请之日", "不能早于2008年5月1日（政府信息公开条例施行之日）");
	else if ((e = body_check(req, f, v[RG_BODY].text)) != XE_OK) {
		if (e != XE_BAD_REQUEST && e != XE_FORBIDDEN)
			return e;
	} else if (check_request(req, f, &in) == 0) {
		if (scans_only(&in))
			return file_and_show(req, doc, root, &in, v, nonce);
		add_error(f, "attachments", "扫描件", "只接受PDF、JPEG或PNG文件");
		e = XE_UNSUPPORTED;
	}
	enum xerr shown = add_bodies(req, f);
	if (shown != XE_OK)
		return shown;
	req->status = e == XE_FORBIDDEN ? 403 : e == XE_UNSUPPORTED ? 415 : 400;
	return render(req, doc, "admin_register");
}
