/* /admin/users: the site's staff accounts, with lockouts after failed sign-ins visible. */
#include "server/handlers.h"
#include "core/render.h"

enum xerr admin_users(struct request *req)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT u.id, u.login, u.display_name, u.role, IF(u.site_id IS NULL, '全部站点', ''), "
	                       "u.disabled, u.failed_logins, IF(u.locked_until > NOW(), DATE_FORMAT(u.locked_until, "
	                       "'%Y-%m-%d %H:%i'), NULL), COALESCE((SELECT GROUP_CONCAT(body ORDER BY body SEPARATOR '、') "
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
	static const char *const cols[] = {"id", "login", "name", "role", "scope", "disabled", "failed", "locked-until",
	                                   "bodies", "last-login"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(list, "user", r.rows[i], cols, 10);
	return render(req, doc, "admin_users");
}
