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

/* One change of an account, as db_transaction runs it (perhaps more than once: what a run hands
 * back, id and why, is set afresh on each). */
struct change {
	struct pool *p;
	const struct audit_entry *who;
	const struct staff_fields *f;
	const char *hash; /* a new password's */
	const char *keep; /* the session a new password leaves open */
	long long id;
	bool flag; /* disabled, or remind */
	const char *email;
	const char **why;
};

/* Locks the site's user id and returns its record before the change; NULL: not the site's. */
static const char *lock_user(struct db *db, struct pool *p, long long site, long long id, enum xerr *e)
{
	const char *found = db_value(db, p, e, "SELECT id FROM users WHERE id = ? AND site_id = ? FOR UPDATE", "ii", id,
	                             site);
	if (*e == XE_OK && found == NULL)
		*e = XE_NOT_FOUND;
	return *e == XE_OK ? user_json(db, p, id) : NULL;
}

static enum xerr add_tx(struct db *db, void *ctx)
{
	struct change *c = ctx;
	const struct staff_fields *f = c->f;
	*c->why = NULL;
	enum xerr e = db_exec(db,
	                      "INSERT INTO users (site_id, login, display_name, password_hash, role, email, remind) "
	                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
	                      "isssssi", c->who->site_id, f->login, f->name ? f->name : f->login, c->hash, f->role,
	                      f->email ? f->email : "", (long long)f->remind);
	if (e == XE_CONFLICT)
		*c->why = "本站已有这个用户名";
	if (e != XE_OK)
		return e;
	c->id = (long long)db_insert_id(db);
	if ((e = set_bodies(db, c->p, c->who->site_id, c->id, f, c->why)) != XE_OK)
		return e;
	return audit(db, c->who, "user.add", c->id, NULL, user_json(db, c->p, c->id));
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
	struct change c = {.p = p, .who = who, .f = f, .hash = password_hash(p, password), .why = why};
	if (c.hash == NULL)
		return XE_INTERNAL;
	enum xerr e = db_transaction(db, add_tx, &c);
	*id = c.id;
	return e;
}

static enum xerr set_tx(struct db *db, void *ctx)
{
	struct change *c = ctx;
	*c->why = NULL;
	enum xerr e = XE_OK;
	const char *before = lock_user(db, c->p, c->who->site_id, c->id, &e);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET display_name = COALESCE(?, login), role = ?, email = ?, remind = ? WHERE id = ?",
		            "sssii", c->f->name, c->f->role, c->f->email ? c->f->email : "", (long long)c->f->remind, c->id);
	if (e == XE_OK)
		e = set_bodies(db, c->p, c->who->site_id, c->id, c->f, c->why);
	if (e == XE_OK)
		e = audit(db, c->who, "user.set", c->id, before, user_json(db, c->p, c->id));
	return e;
}

enum xerr staff_set(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                    const struct staff_fields *f, const char **why)
{
	if ((*why = check_fields(f)) != NULL)
		return XE_BAD_REQUEST;
	struct change c = {.p = p, .who = who, .f = f, .id = id, .why = why};
	return db_transaction(db, set_tx, &c);
}

static enum xerr disable_tx(struct db *db, void *ctx)
{
	struct change *c = ctx;
	enum xerr e = XE_OK;
	const char *before = lock_user(db, c->p, c->who->site_id, c->id, &e);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET disabled = ? WHERE id = ?", "ii", (long long)c->flag, c->id);
	if (e == XE_OK && c->flag)
		e = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", "i", c->id);
	if (e == XE_OK)
		e = audit(db, c->who, c->flag ? "user.disable" : "user.enable", c->id, before, user_json(db, c->p, c->id));
	return e;
}

enum xerr staff_disable(struct db *db, struct pool *p, const struct audit_entry *who, long long id, bool disabled)
{
	struct change c = {.p = p, .who = who, .id = id, .flag = disabled};
	return db_transaction(db, disable_tx, &c);
}

static enum xerr passwd_tx(struct db *db, void *ctx)
{
	struct change *c = ctx;
	enum xerr e = XE_OK;
	lock_user(db, c->p, c->who->site_id, c->id, &e);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "si", c->hash, c->id);
	if (e == XE_OK)
		e = db_exec(db, "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", "is", c->id, c->keep);
	/* the new password ends the account's sign-in wait, as `xxgkctl user passwd` does */
	if (e == XE_OK)
		e = db_exec(db,
		            "DELETE l FROM login_limits l JOIN users u ON u.login = l.subject "
		            "WHERE l.kind = 'account' AND u.id = ? AND l.site_id = ?",
		            "ii", c->id, c->who->site_id);
	if (e == XE_OK)
		e = audit(db, c->who, "user.passwd", c->id, NULL, NULL);
	return e;
}

enum xerr staff_passwd(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *password,
                       const char *keep, const char **why)
{
	*why = NULL;
	if (password == NULL || strlen(password) < STAFF_PASSWORD_MIN) {
		*why = "密码至少8个字符";
		return XE_BAD_REQUEST;
	}
	struct change c = {.p = p, .who = who, .id = id, .hash = password_hash(p, password), .keep = keep};
	if (c.hash == NULL)
		return XE_INTERNAL;
	return db_transaction(db, passwd_tx, &c);
}

static enum xerr settings_tx(struct db *db, void *ctx)
{
	struct change *c = ctx;
	const char *before = user_json(db, c->p, c->id);
	enum xerr e = db_exec(db, "UPDATE users SET email = ?, remind = ? WHERE id = ?", "sii", c->email ? c->email : "",
	                      (long long)c->flag, c->id);
	if (e == XE_OK)
		e = audit(db, c->who, "user.settings", c->id, before, user_json(db, c->p, c->id));
	return e;
}

enum xerr staff_settings(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *email,
                         bool remind)
{
	struct change c = {.p = p, .who = who, .id = id, .email = email, .flag = remind};
	return db_transaction(db, settings_tx, &c);
}
