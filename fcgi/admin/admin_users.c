/* /admin/users: the site's staff accounts for its admins — the list, a form to add one, and a
 * page per account to change its role, bodies and mail address, disable or enable it and give it
 * a new password (core/staff.h: the rules of `xxgkctl user`, each change audited). Install-wide
 * admins are listed but changed only with xxgkctl. /admin/account: a user's own mail address and
 * reminder (xxgkctl remind). Sign-in limits: admin_login_limits.c. */
#include "core/body.h"
#include "core/render.h"
#include "core/staff.h"
#include "server/handlers.h"
#include <stdlib.h>
#include <string.h>

/* The columns of the list; the attributes of a <user>, in column order. */
enum user_col {
	C_ID, C_LOGIN, C_NAME, C_ROLE, C_SCOPE, C_DISABLED, C_BODIES, C_LAST_LOGIN, C_EMAIL, C_REMIND, C__N
};
static const char *const user_attrs[C__N] = {
	[C_ID] = "id", [C_LOGIN] = "login", [C_NAME] = "name", [C_ROLE] = "role", [C_SCOPE] = "scope",
	[C_DISABLED] = "disabled", [C_BODIES] = "bodies", [C_LAST_LOGIN] = "last-login", [C_EMAIL] = "email",
	[C_REMIND] = "remind",
};

static const char *const roles[] = {"admin", "approver", "staff", NULL};
static const char *const on[] = {"1", NULL};
static const char *const user_actions[] = {"save", "disable", "enable", "passwd", NULL};
enum user_action { UA_SAVE, UA_DISABLE, UA_ENABLE, UA_PASSWD };

enum user_field { U_LOGIN, U_NAME, U_ROLE, U_EMAIL, U_REMIND, U_PASSWORD, U_ACTION, U__N };
static const struct field_spec user_fields[U__N] = {
	[U_LOGIN] = {"login", FT_CODE, false, 64, 0, 0, NULL, "用户名"},
	[U_NAME] = {"name", FT_LINE, false, 100, 0, 0, NULL, "姓名"},
	[U_ROLE] = {"role", FT_CHOICE, false, 0, 0, 0, roles, "角色"},
	[U_EMAIL] = {"email", FT_EMAIL, false, 254, 0, 0, NULL, "电子邮箱"},
	[U_REMIND] = {"remind", FT_CHOICE, false, 0, 0, 0, on, "到期提醒"},
	[U_PASSWORD] = {"password", FT_LINE, false, 256, 0, 0, NULL, "密码"},
	[U_ACTION] = {"action", FT_CHOICE, false, 0, 0, 0, user_actions, "操作"},
};
static const struct field_spec body_field = {"body", FT_LINE, true, 200, 0, 0, NULL, "负责机构"};

static enum xerr load_users(struct request *req, long long only, struct db_result *r)
{
	return db_query(req->db, req->pool, r,
	                "SELECT u.id, u.login, u.display_name, u.role, IF(u.site_id IS NULL, '全部站点', ''), "
	                "u.disabled, COALESCE((SELECT GROUP_CONCAT(body ORDER BY body SEPARATOR '、') "
	                "FROM user_bodies b WHERE b.user_id = u.id), ''), "
	                "(SELECT DATE_FORMAT(MAX(at), '%Y-%m-%d %H:%i') FROM login_attempts a "
	                " WHERE a.login = u.login AND a.site_id = ? AND a.ok = 1), u.email, u.remind "
	                "FROM users u WHERE (u.site_id = ? OR u.site_id IS NULL) AND (? = 0 OR u.id = ?) "
	                "ORDER BY u.role, u.login",
	                "iiii", req->site->id, req->site->id, only, only);
}

/* The page: the list (user 0) or one user's, the site's bodies, and the form with what was typed
 * and what was wrong. */
static enum xerr page(struct request *req, long long user, const struct form *typed, const char *error)
{
	struct db_result r, served;
	struct body *bodies;
	size_t nbodies;
	enum xerr e = load_users(req, user, &r);
	if (e == XE_OK)
		e = body_list(req->db, req->pool, req->site->id, &bodies, &nbodies);
	if (e == XE_OK)
		e = db_query(req->db, req->pool, &served, "SELECT body FROM user_bodies WHERE user_id = ?", "i", user);
	if (e != XE_OK)
		return e;
	if (user != 0 && r.nrows == 0)
		return XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, user ? "admin-user" : "admin-users", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"users", NULL);
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(list, "user", r.rows[i], user_attrs, C__N);
	xmlNodePtr bl = xmlNewChild(root, NULL, (const xmlChar *)"bodies", NULL);
	for (size_t i = 0; i < nbodies; i++) {
		xmlNodePtr b = xml_add(bl, "body", bodies[i].name);
		for (size_t k = 0; k < served.nrows; k++)
			if (strcmp(served.rows[k][0], bodies[i].name) == 0)
				xml_attr(b, "served", "1");
	}
	xmlNodePtr f = xmlNewChild(root, NULL, (const xmlChar *)"edit", NULL);
	for (size_t i = 0; typed != NULL && i < typed->n; i++)
		if (strcmp(typed->fields[i].key, "csrf") != 0 && strcmp(typed->fields[i].key, "password") != 0)
			xml_attr(xml_add(f, "value", typed->fields[i].value), "name", typed->fields[i].key);
	if (error != NULL) {
		xml_add(f, "error", error);
		if (req->status == 0 || req->status == 200)
			req->status = 400;
	}
	const char *done = request_param(req, "done");
	if (done != NULL && strlen(done) < 16)
		xml_attr(root, "done", done);
	return render(req, doc, user ? "admin_user" : "admin_users");
}

enum xerr admin_users(struct request *req)
{
	return page(req, 0, NULL, NULL);
}

enum xerr admin_user(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	return page(req, id, NULL, NULL);
}

/* The posted fields (parsed into v) as an account, with the bodies ticked; false with *why for a
 * bad one. */
static bool fields_of(struct request *req, const struct field_value *v, struct staff_fields *f, const char **why)
{
	struct field_error err;
	const char **bodies = pool_alloc(req->pool, (req->body.n + 1) * sizeof *bodies);
	*f = (struct staff_fields){.login = v[U_LOGIN].text, .name = v[U_NAME].text, .role = v[U_ROLE].text,
	                           .email = v[U_EMAIL].text, .remind = v[U_REMIND].text != NULL, .bodies = bodies};
	for (size_t i = 0; i < req->body.n; i++) {
		if (strcmp(req->body.fields[i].key, "body") != 0)
			continue;
		struct kv one = req->body.fields[i];
		struct form single = {.fields = &one, .n = 1, .cap = 1};
		struct field_value bv;
		if (!field_parse(req->pool, &single, &body_field, &bv, &err)) {
			*why = pool_printf(req->pool, "%s%s。", err.label, err.message);
			return false;
		}
		bodies[f->nbodies++] = bv.text;
	}
	if (f->role == NULL) {
		*why = "请选择角色。";
		return false;
	}
	return true;
}

static struct audit_entry who_of(struct request *req)
{
	return (struct audit_entry){.site_id = req->site->id, .actor = req->user->login, .actor_ip = req->remote_addr};
}

/* A refusal from staff.h: the form again with why; other errors are the error page's. */
static enum xerr refused(struct request *req, long long user, enum xerr e, const char *why)
{
	if (e != XE_BAD_REQUEST && e != XE_CONFLICT)
		return e;
	req->status = e == XE_CONFLICT ? 409 : 400;
	return page(req, user, &req->body, pool_printf(req->pool, "%s%s", why ? why : "", why && *why ? "。" : ""));
}

enum xerr admin_user_add(struct request *req)
{
	struct field_value v[U__N];
	struct staff_fields f;
	const char *why = NULL;
	struct field_error err;
	if (!form_parse(req->pool, &req->body, user_fields, v, &err))
		return page(req, 0, &req->body, pool_printf(req->pool, "%s%s。", err.label, err.message));
	if (!fields_of(req, v, &f, &why))
		return page(req, 0, &req->body, why);
	struct audit_entry who = who_of(req);
	long long id = 0;
	f.remind = true;
	enum xerr e = staff_add(req->db, req->pool, &who, &f, v[U_PASSWORD].text, &id, &why);
	if (e != XE_OK)
		return refused(req, 0, e, why);
	respond_redirect(req, pool_printf(req->pool, "%sadmin/users/%lld?done=add", site_base(req), id));
	return XE_OK;
}

enum xerr admin_user_update(struct request *req)
{
	long long id;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	struct field_value v[U__N];
	struct staff_fields f;
	const char *why = NULL;
	struct field_error err;
	if (!form_parse(req->pool, &req->body, user_fields, v, &err))
		return page(req, id, &req->body, pool_printf(req->pool, "%s%s。", err.label, err.message));
	if (v[U_ACTION].text == NULL)
		return page(req, id, &req->body, "请选择操作。");
	struct audit_entry who = who_of(req);
	enum user_action a = (enum user_action)v[U_ACTION].num;
	enum xerr e;
	if (a == UA_SAVE && !fields_of(req, v, &f, &why))
		return page(req, id, &req->body, why);
	if (a == UA_SAVE)
		e = staff_set(req->db, req->pool, &who, id, &f, &why);
	else if (a == UA_PASSWD)
		e = staff_passwd(req->db, req->pool, &who, id, v[U_PASSWORD].text,
		                 req->user->session_hash ? req->user->session_hash : "", &why);
	else if (id == req->user->id && a == UA_DISABLE)
		return refused(req, id, XE_BAD_REQUEST, "不能停用自己的账号");
	else
		e = staff_disable(req->db, req->pool, &who, id, a == UA_DISABLE);
	if (e != XE_OK)
		return refused(req, id, e, why);
	respond_redirect(req, pool_printf(req->pool, "%sadmin/users/%lld?done=%s", site_base(req), id, user_actions[a]));
	return XE_OK;
}

/* ---- a user's own account ---- */

enum account_field { AC_EMAIL, AC_REMIND, AC__N };
static const struct field_spec account_fields[AC__N] = {
	[AC_EMAIL] = {"email", FT_EMAIL, false, 254, 0, 0, NULL, "电子邮箱"},
	[AC_REMIND] = {"remind", FT_CHOICE, false, 0, 0, 0, on, "到期提醒"},
};

static enum xerr account_page(struct request *req, const struct form *typed, const char *error)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r, "SELECT login, display_name, role, email, remind FROM users WHERE id = ?",
	                       "i", req->user->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-account", &root);
	static const char *const cols[] = {"login", "name", "role", "email", "remind"};
	xmlNodePtr me = xml_add_row(root, "account", r.rows[0], cols, FIELDS_OF(cols));
	for (size_t i = 0; typed != NULL && i < typed->n; i++)
		if (strcmp(typed->fields[i].key, "csrf") != 0)
			xml_attr(xml_add(me, "value", typed->fields[i].value), "name", typed->fields[i].key);
	if (error != NULL) {
		xml_add(me, "error", error);
		req->status = 400;
	}
	if (request_param(req, "done") != NULL)
		xml_attr(root, "done", "settings");
	return render(req, doc, "admin_account");
}

enum xerr admin_account(struct request *req)
{
	return account_page(req, NULL, NULL);
}

enum xerr admin_account_update(struct request *req)
{
	struct field_value v[AC__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, account_fields, v, &err))
		return account_page(req, &req->body, pool_printf(req->pool, "%s%s。", err.label, err.message));
	struct audit_entry who = who_of(req);
	if (req->user->site_id == 0)
		who.site_id = 0;
	enum xerr e = staff_settings(req->db, req->pool, &who, req->user->id, v[AC_EMAIL].text, v[AC_REMIND].text != NULL);
	if (e != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/account?done=1", site_base(req)));
	return XE_OK;
}
