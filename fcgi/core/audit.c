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

enum xerr audit_write_many(struct db *db, struct pool *p, const struct audit_entry *e, size_t n)
{
	long long *site_id = pool_alloc(p, (n + 1) * sizeof *site_id), *subject_id = pool_alloc(p, (n + 1) * sizeof *subject_id);
	const char **col[7];
	for (size_t c = 0; c < 7; c++)
		col[c] = pool_alloc(p, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		site_id[i] = e[i].site_id;
		subject_id[i] = e[i].subject_id;
		col[0][i] = e[i].actor;
		col[1][i] = e[i].actor_ip ? e[i].actor_ip : "";
		col[2][i] = e[i].action;
		col[3][i] = e[i].subject;
		col[4][i] = e[i].before_json;
		col[5][i] = e[i].after_json;
		col[6][i] = e[i].note ? e[i].note : "";
	}
	return db_exec_array(db,
	                     "INSERT INTO audit_log (site_id, actor, actor_ip, action, subject, subject_id, before_json, "
	                     "after_json, note) VALUES (NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)",
	                     "issssisss", n, site_id, col[0], col[1], col[2], col[3], subject_id, col[4], col[5], col[6]);
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
