/* The audit log (全程留痕): call inside the transaction of the change it records. */
#ifndef XXGK_AUDIT_H
#define XXGK_AUDIT_H
#include "core/db.h"
#include "core/request.h"

struct audit_entry {
	long long site_id;        /* 0: none */
	const char *actor;        /* staff login, "public", "api", "xxgkctl", "system" */
	const char *actor_ip;
	const char *action;       /* e.g. "notice.publish", "request.file", "user.add" */
	const char *subject;      /* notice, request, user, site, calendar, token */
	long long subject_id;     /* 0: none */
	const char *before_json;  /* the record before (NULL for a creation) */
	const char *after_json;   /* the record after (NULL for a deletion) */
	const char *note;         /* the reason given, if any */
};

enum xerr audit_write(struct db *db, const struct audit_entry *e);
/* n entries in one statement (the bulk writer of notices). */
enum xerr audit_write_many(struct db *db, struct pool *p, const struct audit_entry *e, size_t n);
/* The same from a web request: actor and address from the request (signed-in user or "public"). */
enum xerr audit_request(struct request *req, const char *action, const char *subject, long long subject_id,
                        const char *before_json, const char *after_json, const char *note);

#endif
