/* /admin/login-limits: the sign-in limits in force (core/login_limits.h) — blocked addresses
 * and accounts whose attempts wait — and the recent failures counting towards them, for admins,
 * who may end one (audited). */
#include "core/audit.h"
#include "core/exchange.h"
#include "core/render.h"
#include "server/handlers.h"
#include <string.h>

/* The columns of the list; the attributes of a <limit>, in column order. */
enum limit_col { L_KIND, L_SUBJECT, L_FAILURES, L_SINCE, L_LAST, L_UNTIL, L_ACTIVE, L__N };
static const char *const limit_attrs[L__N] = {
	[L_KIND] = "kind",   [L_SUBJECT] = "subject", [L_FAILURES] = "failures", [L_SINCE] = "since",
	[L_LAST] = "last",   [L_UNTIL] = "until",     [L_ACTIVE] = "active",
};

/* The addresses (every site's) and this site's accounts, blocked or waiting first, then those
 * with a failure in the last day. */
static enum xerr load_limits(struct request *req, long long site_id, struct db_result *r)
{
	return db_query(req->db, req->pool, r,
	                "SELECT kind, subject, failures, DATE_FORMAT(run_since, '%Y-%m-%d %H:%i:%s'), "
	                "DATE_FORMAT(last_at, '%Y-%m-%d %H:%i:%s'), "
	                "IF(wait_until > NOW(), DATE_FORMAT(wait_until, '%Y-%m-%d %H:%i:%s'), NULL), "
	                "IF(wait_until > NOW(), 1, 0) FROM login_limits "
	                "WHERE (kind = 'address' OR site_id = ?) AND (wait_until > NOW() OR last_at > NOW() - INTERVAL 1 DAY) "
	                "ORDER BY wait_until > NOW() DESC, last_at DESC LIMIT 200",
	                "i", site_id);
}

static enum xerr show(struct request *req, const char *done)
{
	struct db_result r;
	enum xerr e = load_limits(req, req->site->id, &r);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-login-limits", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"limits", NULL);
	const struct settings *cfg = &req->app->cfg;
	xml_attr_int(list, "address-failures", cfg->auth.address_failures);
	xml_attr_int(list, "address-block-minutes", cfg->auth.address_block_minutes);
	xml_attr_int(list, "account-free-failures", cfg->auth.account_free_failures);
	xml_attr(list, "done", done);
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(list, "limit", r.rows[i], limit_attrs, L__N);
	return render(req, doc, "admin_login_limits");
}

enum xerr admin_login_limits(struct request *req)
{
	const char *done = request_param(req, "done");
	return show(req, done != NULL && strcmp(done, "1") == 0 ? "1" : NULL);
}

static const char *const kinds[] = {"address", "account", NULL};
enum clear_field { C_KIND, C_SUBJECT, C__N };
static const struct field_spec clear_fields[C__N] = {
	[C_KIND] = {"kind", FT_CHOICE, true, 0, 0, 0, kinds, "类别"},
	[C_SUBJECT] = {"subject", FT_LINE, true, 64, 0, 0, NULL, "地址或用户名"},
};

/* The row as it was, for the audit entry. */
static const char *limit_json(struct request *req, char **w)
{
	struct buf b;
	struct jw j;
	buf_init(&b);
	jw_init(&j, &b);
	jw_open(&j, NULL, '{');
	for (enum limit_col c = L_KIND; c < L_ACTIVE; c++)
		jw_str(&j, limit_attrs[c], w[c]);
	jw_close(&j, '}');
	return jw_finish(&j, req->pool);
}

/* Ends a block or a wait: the row goes, and the next failure starts a new run. */
struct clear_tx {
	struct request *req;
	const char *kind, *subject;
};

static enum xerr clear_tx(struct db *db, void *ctx)
{
	struct clear_tx *t = ctx;
	struct request *req = t->req;
	long long site = strcmp(t->kind, "address") == 0 ? 0 : req->site->id;
	struct db_result r;
	enum xerr e = db_query(db, req->pool, &r,
	                       "SELECT kind, subject, failures, DATE_FORMAT(run_since, '%Y-%m-%d %H:%i:%s'), "
	                       "DATE_FORMAT(last_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(wait_until, '%Y-%m-%d %H:%i:%s'), 0 "
	                       "FROM login_limits WHERE kind = ? AND site_id = ? AND subject = ? FOR UPDATE",
	                       "sis", t->kind, site, t->subject);
	if (e == XE_OK && r.nrows == 0)
		e = XE_NOT_FOUND;
	if (e == XE_OK)
		e = db_exec(db, "DELETE FROM login_limits WHERE kind = ? AND site_id = ? AND subject = ?", "sis", t->kind, site,
		            t->subject);
	if (e == XE_OK)
		e = audit_request(req, "auth.limit_clear", "user", 0, limit_json(req, r.rows[0]), NULL,
		                  pool_printf(req->pool, "解除登录限制：%s %s", strcmp(t->kind, "address") == 0 ? "地址" : "账号",
		                              t->subject));
	return e;
}

static enum xerr clear(struct request *req, const char *kind, const char *subject)
{
	struct clear_tx t = {req, kind, subject};
	return db_transaction(req->db, clear_tx, &t);
}

enum xerr admin_login_limits_clear(struct request *req)
{
	struct field_value v[C__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, clear_fields, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	enum xerr e = clear(req, kinds[v[C_KIND].num], v[C_SUBJECT].text);
	if (e != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/login-limits?done=1", site_base(req)));
	return XE_OK;
}
