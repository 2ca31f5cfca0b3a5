/* /admin/bodies: the site's disclosing bodies (core/body.h) for its admins — the list, a form to
 * add one, and a form per body to change it; every change audited ("body.add", "body.set"). */
#include "core/body.h"
#include "core/render.h"
#include "server/handlers.h"
#include <string.h>

/* The page: every body, and the form (id 0: a new body) with what was typed and what was wrong. */
static enum xerr page(struct request *req, long long editing, const struct form *typed, const struct field_error *err)
{
	struct body *b;
	size_t n;
	enum xerr e = body_list(req->db, req->pool, req->site->id, &b, &n);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-bodies", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"bodies", NULL);
	for (size_t i = 0; i < n; i++)
		body_xml(list, "body", &b[i]);
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"edit", NULL);
	xml_attr_int(f, "id", editing);
	for (size_t i = 0; typed != NULL && i < typed->n; i++)
		if (strcmp(typed->fields[i].key, "csrf") != 0)
			xml_attr(xml_add(f, "value", typed->fields[i].value), "name", typed->fields[i].key);
	if (err != NULL) {
		xmlNodePtr en = xml_add(f, "error", err->message);
		xml_attr(en, "field", err->field);
		xml_attr(en, "label", err->label);
		req->status = 400;
	}
	const char *done = request_param(req, "done");
	if (done != NULL && strlen(done) < 21)
		xml_attr(root, "done", done);
	return render(req, doc, "admin_bodies");
}

enum xerr admin_bodies(struct request *req)
{
	return page(req, 0, NULL, NULL);
}

enum xerr admin_body(struct request *req)
{
	long long id;
	struct body b;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	enum xerr e = body_get(req->db, req->pool, req->site->id, id, &b);
	if (e != XE_OK)
		return e;
	struct form f;
	body_form(req->pool, &b, &f);
	return page(req, id, &f, NULL);
}

/* Saves the posted fields as body id (0: new); back to the list, or the form again with the error. */
static enum xerr save(struct request *req, long long id)
{
	struct field_value v[BF__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, body_fields, v, &err))
		return page(req, id, &req->body, &err);
	struct audit_entry who = {.site_id = req->site->id, .actor = req->user->login, .actor_ip = req->remote_addr};
	long long saved = 0;
	enum xerr e = body_store(req->db, req->pool, &who, id, v, &saved);
	if (e != XE_OK) {
		if (e != XE_CONFLICT)
			return e;
		err = (struct field_error){"name", body_fields[BF_NAME].label, "本站已有同名机关"};
		return page(req, id, &req->body, &err);
	}
	respond_redirect(req, pool_printf(req->pool, "%sadmin/bodies?done=%lld", site_base(req), saved));
	return XE_OK;
}

enum xerr admin_body_add(struct request *req)
{
	return save(req, 0);
}

enum xerr admin_body_update(struct request *req)
{
	long long id;
	struct body b;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	enum xerr e = body_get(req->db, req->pool, req->site->id, id, &b);
	return e == XE_OK ? save(req, id) : e;
}
