/* Staff accounts of a site, changed by its admins in the console (admin_users.c) under the rules
 * of `xxgkctl user`: a role of admin, approver or staff; a password of at least 8 characters,
 * stored as a yescrypt hash; the bodies served, each one of the site's; a disabled account's
 * sessions ended at once; a new password ends the account's sign-in wait. Every change is
 * audited in its transaction ("user.add", "user.set", "user.disable", "user.enable",
 * "user.passwd", "user.settings"), before and after, the password never. */
#ifndef XXGK_STAFF_H
#define XXGK_STAFF_H
#include "core/audit.h"
#include "core/db.h"
#include "core/pool.h"
#include <stdbool.h>
#include <stddef.h>

#define STAFF_PASSWORD_MIN 8

struct staff_fields {
	const char *login; /* staff_add only */
	const char *name;  /* NULL: the login */
	const char *role;  /* admin, approver, staff */
	const char *email; /* NULL or "": none (no reminder mail) */
	bool remind;
	const char *const *bodies; /* the site's bodies' names */
	size_t nbodies;
};

/* Each returns XE_OK; XE_BAD_REQUEST or XE_CONFLICT (a login taken) with *why in Chinese for the
 * person who typed it; XE_NOT_FOUND for a user not of the site (the install-wide admins are
 * `xxgkctl user`'s); or a database error. Each runs its own transaction; who names the actor and
 * the site. */
enum xerr staff_add(struct db *db, struct pool *p, const struct audit_entry *who, const struct staff_fields *f,
                    const char *password, long long *id, const char **why);
enum xerr staff_set(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                    const struct staff_fields *f, const char **why);
enum xerr staff_disable(struct db *db, struct pool *p, const struct audit_entry *who, long long id, bool disabled);
/* A new password ends the account's sessions (a password changed because it leaked must lock
 * out whoever signed in with it), but keep, the session of the one who changed it ("" for none). */
enum xerr staff_passwd(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *password,
                       const char *keep, const char **why);
/* A user's own settings (any site's user, the install-wide admins included): the address the
 * reminder goes to, and whether it goes. */
enum xerr staff_settings(struct db *db, struct pool *p, const struct audit_entry *who, long long id, const char *email,
                         bool remind);

#endif
