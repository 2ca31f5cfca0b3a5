/* /admin/users: the site's staff accounts (sign-in limits: admin_login_limits.c). */
#include "server/handlers.h"
#include "core/render.h"

/* The columns of the list; the attributes of a <user>, in column order. */
enum user_col {
	C_ID, C_LOGIN, C_NAME, C_ROLE, C_SCOPE, C_DISABLED, C_BODIES, C_LAST_LOGIN, C__N
};
static const char *const user_attrs[C__N] = {
	[C_ID] = "id", [C_LOGIN] = "login", [C_NAME] = "name", [C_ROLE] = "role", [C_SCOPE] = "scope",
	[C_DISABLED] = "disabled", [C_BODIES] = "bodies",
	[C_LAST_LOGIN] = "last-login",
};

enum xerr admin_users(struct request *req)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT u.id, u.login, u.display_name, u.role, IF(u.site_id IS NULL, '全部站点', ''), "
	                       "u.disabled, COALESCE((SELECT GROUP_CONCAT(body ORDER BY body SEPARATOR '、') "
	                       "FROM user_bodies b WHERE b.user_id = u.id), ''), "
	                       "(SELECT DATE_FORMAT(MAX(at), '%Y-%m-%d %H:%i') FROM login_attempts a "
	                       " WHERE a.login = u.login AND a.site_id = ? AND a.ok = 1) "
	                       "FROM users u WHERE u.site_id = ? OR u.site_id IS NULL ORDER BY u.role, u.login",
	                       "ii", req->site->id, req->site->id);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-users", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"users", NULL);
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(list, "user", r.rows[i], user_attrs, C__N);
	return render(req, doc, "admin_users");
}
