/* Staff accounts (staff.h): the rules, the writes and their audit entries. */
#include "core/staff.h"
#include "core/auth.h"
#include "core/exchange.h"
#include "core/parse.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

/* The account as the audit log keeps it (no password). */
static const char *user_json(struct db *db, struct pool *p, long long id)
{
	struct db_result r;
	if (db_query(db, p, &r,
	             "SELECT u.login, u.display_name, u.role, u.email, u.remind, u.disabled, "
	             "COALESCE((SELECT GROUP_CONCAT(b.body ORDER BY b.body SEPARATOR '、') FROM user_bodies b "
	             " WHERE b.user_id = u.id), '') FROM users u WHERE u.id = ?",
	             "i", id) != XE_OK || r.nrows == 0)
		return NULL;
	static const char *const keys[] = {"login", "name", "role", "email", "remind", "disabled", "bodies"};
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	for (size_t k = 0; k < FIELDS_OF(keys); k++)
		jw_str(&w, keys[k], r.rows[0][k]);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static const char *check_fields(const struct staff_fields *f)
{
	enum role level;
	if (!role_parse(f->role, &level))
		return "角色应为管理员、审核人或工作人员";
	if (f->name != NULL && (!text_valid(f->name, strlen(f->name)) || utf8_chars(f->name) > 100))
		return "姓名不能超过100个字符";
	if (f->email != NULL && *f->email && !value_is_email(f->email))
		return "电子邮箱格式不正确";
	return NULL;
}

/* The user's bodies become f's, each checked to be one of the site's. */
static enum xerr set_bodies(struct db *db, struct pool *p, long long site, long long id, const struct staff_fields *f,
                            const char **why)
{
	enum xerr e = db_exec(db, "DELETE FROM user_bodies WHERE user_id = ?", "i", id);
	for (size_t i = 0; e == XE_OK && i < f->nbodies; i++) {
		if ((e = db_exec(db,
		                 "INSERT IGNORE INTO user_bodies (user_id, body_id, body) SELECT ?, id, name FROM bodies "
		                 "WHERE site_id = ? AND name = ?",
		                 "iis", id, site, f->bodies[i])) != XE_OK)
			break;
		if (db_value(db, p, &e, "SELECT 1 FROM bodies WHERE site_id = ? AND name = ?", "is", site, f->bodies[i]) == NULL &&
		    e == XE_OK) {
			*why = pool_printf(p, "本站没有“%s”这个机关", f->bodies[i]);
			e = XE_BAD_REQUEST;
		}
	}
	return e;
}

static enum xerr finish(struct db *db, enum xerr e)
{
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK)
		db_rollback(db);
	return e;
}

static enum xerr audit(struct db *db, const struct audit_entry *who, const char *action, long long id,
                       const char *before, const char *after)
{
	struct audit_entry ae = *who;
	ae.action = action;
	ae.subject = "user";
	ae.subject_id = id;
	ae.before_json = before;
	ae.after_json = after;
	return audit_write(db, &ae);
}

enum xerr staff_add(struct db *db, struct pool *p, const struct audit_entry *who, const struct staff_fields *f,
                    const char *password, long long *id, const char **why)
{
	*why = check_fields(f);
	if (*why == NULL && (f->login == NULL || !text_valid(f->login, strlen(f->login)) || utf8_chars(f->login) > 64))
		*why = "用户名不能为空，且不能超过64个字符";
	if (*why == NULL && (password == NULL || strlen(password) < STAFF_PASSWORD_MIN))
		*why = "密码至少8个字符";
	if (*why != NULL)
		return XE_BAD_REQUEST;
	const char *hash = password_hash(p, password);
	if (hash == NULL)
		return XE_INTERNAL;
	enum xerr e = db_begin(db);
	if (e == XE_OK)
		e = db_exec(db,
		            "INSERT INTO users (site_id, login, display_name, password_hash, role, email, remind) "
		            "VALUES (?, ?, ?, ?, ?, ?, ?)",
		            "isssssi", who->site_id, f->login, f->name ? f->name : f->login, hash, f->role,
		            f->email ? f->email : "", (long long)f->remind);
	if (e == XE_CONFLICT)
		*why = "本站已有这个用户名";
	if (e == XE_OK)
		*id = (long long)db_insert_id(db);
	if (e == XE_OK)
		e = set_bodies(db, p, who->site_id, *id, f, why);
	if (e == XE_OK)
		e = audit(db, who, "user.add", *id, NULL, user_json(db, p, *id));
	return finish(db, e);
}

/* Locks the site's user id and returns its record before the change; NULL: not the site's. */
static const char *lock_user(struct db *db, struct pool *p, long long site, long long id, enum xerr *e)
{
	const char *found = db_value(db, p, e, "SELECT id FROM users WHERE id = ? AND site_id = ? FOR UPDATE", "ii", id,
	                             site);
	if (*e == XE_OK && found == NULL)
		*e = XE_NOT_FOUND;
	return *e == XE_OK ? user_json(db, p, id) : NULL;
}

enum xerr staff_set(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                    const struct staff_fields *f, const char **why)
{
	if ((*why = check_fields(f)) != NULL)
		return XE_BAD_REQUEST;
	enum xerr e = db_begin(db);
	const char *before = e == XE_OK ? lock_user(db, p, who->site_id, id, &e) : NULL;
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET display_name = COALESCE(?, login), role = ?, email = ?, remind = ? WHERE id = ?",
		            "sssii", f->name, f->role, f->email ? f->email : "", (long long)f->remind, id);
	if (e == XE_OK)
		e = set_bodies(db, p, who->site_id, id, f, why);
	if (e == XE_OK)
		e = audit(db, who, "user.set", id, before, user_json(db, p, id));
	return finish(db, e);
}

enum xerr staff_disable(struct db *db, struct pool *p, const struct audit_entry *who, long long id, bool disabled)
{
	enum xerr e = db_begin(db);
	const char *before = e == XE_OK ? lock_user(db, p, who->site_id, id, &e) : NULL;
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET disabled = ? WHERE id = ?", "ii", (long long)disabled, id);
	if (e == XE_OK && disabled)
		e = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", id);
	if (e == XE_OK)
		e = audit(db, who, disabled ? "user.disable" : "user.enable", id, before, user_json(db, p, id));
	return finish(db, e);
}

enum xerr staff_passwd(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *password,
                       const char **why)
{
	*why = NULL;
	if (password == NULL || strlen(password) < STAFF_PASSWORD_MIN) {
		*why = "密码至少8个字符";
		return XE_BAD_REQUEST;
	}
	const char *hash = password_hash(p, password);
	if (hash == NULL)
		return XE_INTERNAL;
	enum xerr e = db_begin(db);
	if (e == XE_OK)
		lock_user(db, p, who->site_id, id, &e);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "si", hash, id);
	/* the new password ends the account's sign-in wait, as `xxgkctl user passwd` does */
	if (e == XE_OK)
		e = db_exec(db,
		            "DELETE l FROM login_limits l JOIN users u ON u.login = l.subject "
		            "WHERE l.kind = 'account' AND u.id = ? AND l.site_id = ?",
		            "ii", id, who->site_id);
	if (e == XE_OK)
		e = audit(db, who, "user.passwd", id, NULL, NULL);
	return finish(db, e);
}

enum xerr staff_settings(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *email,
                         bool remind)
{
	enum xerr e = db_begin(db);
	const char *before = e == XE_OK ? user_json(db, p, id) : NULL;
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET email = ?, remind = ? WHERE id = ?", "sii", email ? email : "",
		            (long long)remind, id);
	if (e == XE_OK)
		e = audit(db, who, "user.settings", id, before, user_json(db, p, id));
	return finish(db, e);
}
