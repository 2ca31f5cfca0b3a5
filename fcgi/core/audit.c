#include "core/audit.h"
#include "core/text.h"

enum xerr audit_write(struct db *db, const struct audit_entry *e)
{
	return db_exec(db,
	               "INSERT INTO audit_log (site_id, actor, actor_ip, action, subject, subject_id, before_json, "
	               "after_json, note) VALUES (NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)",
	               "issssisss", e->site_id, e->actor, e->actor_ip ? e->actor_ip : "", e->action, e->subject,
	               e->subject_id, e->before_json, e->after_json, e->note ? e->note : "");
}

enum xerr audit_request(struct request *req, const char *action, const char *subject, long long subject_id,
                        const char *before_json, const char *after_json, const char *note)
{
	const char *actor = "public";
	if (req->user != NULL)
		actor = req->user->login;
	else if (req->rest != NULL && str_has_prefix(req->rest, "api/"))
		actor = "api";
	struct audit_entry e = {
		.site_id = req->site ? req->site->id : 0,
		.actor = actor,
		.actor_ip = req->remote_addr,
		.action = action,
		.subject = subject,
		.subject_id = subject_id,
		.before_json = before_json,
		.after_json = after_json,
		.note = note,
	};
	return audit_write(req->db, &e);
}
