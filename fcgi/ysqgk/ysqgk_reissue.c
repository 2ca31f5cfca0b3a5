/* Reissuing a query code (see ysqgk_reissue.h). */
#include "ysqgk/ysqgk_reissue.h"
#include "core/audit.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_lookup.h"

/* What the audit entry keeps: the request and the proof checked (never the code). */
static const char *audit_json(struct pool *p, const char *tracking_no, const char *checked)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "tracking_no", tracking_no);
	jw_str(&w, "identity_checked", checked);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static enum xerr replace_code(struct request *req, long long id, const struct ysqgk_reissue *in, const char *tracking,
                              const char **code)
{
	char fresh[15], salt[33], hash[65];
	if (!ysqgk_new_code(fresh) || !random_hex(salt, 16))
		return XE_INTERNAL;
	ysqgk_code_hash(salt, fresh, hash);
	enum xerr e = db_exec(req->db, "UPDATE requests SET query_salt = ?, query_hash = ? WHERE id = ?", "ssi", salt, hash, id);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "INSERT INTO request_events (request_id, on_date, actor, kind, note, visible) "
		            "VALUES (?, CURDATE(), ?, 'code_reissued', ?, 0)",
		            "iss", id, req->user->login, pool_printf(req->pool, "核验：%s；%s", in->checked, in->reason));
	if (e == XE_OK)
		e = audit_request(req, "request.code_reissue", "request", id, NULL, audit_json(req->pool, tracking, in->checked),
		                  in->reason);
	if (e == XE_OK)
		*code = pool_strdup(req->pool, fresh);
	return e;
}

struct reissue {
	struct request *req;
	long long id;
	const struct ysqgk_reissue *in;
	const char *code, *tracking, *why;
};

/* As db_transaction runs it: what it hands back is set afresh on each run. */
static enum xerr reissue_tx(struct db *db, void *ctx)
{
	struct reissue *r = ctx;
	struct request *req = r->req;
	enum xerr e = XE_OK;
	r->code = r->why = NULL;
	r->tracking = db_value(db, req->pool, &e, "SELECT tracking_no FROM requests WHERE id = ? AND site_id = ? FOR UPDATE",
	                       "ii", r->id, req->site->id);
	if (e == XE_OK && r->tracking == NULL)
		e = XE_NOT_FOUND;
	struct ysqgk_authz az;
	if (e == XE_OK && (e = ysqgk_authz_load(req, r->id, &az)) == XE_OK) {
		enum ysqgk_verdict v = ysqgk_authz_decide(&az, RIGHT_CONTACT);
		if (v != AZ_ALLOWED) {
			r->why = ysqgk_authz_reason(req->pool, v, &az);
			e = XE_FORBIDDEN;
		}
	}
	if (e == XE_OK)
		e = replace_code(req, r->id, r->in, r->tracking, &r->code);
	return e;
}

enum xerr ysqgk_reissue_code(struct request *req, long long id, const struct ysqgk_reissue *in, const char **code,
                             const char **tracking_no, const char **why)
{
	struct reissue r = {.req = req, .id = id, .in = in};
	enum xerr e = db_transaction(req->db, reissue_tx, &r);
	if (r.why != NULL)
		*why = r.why;
	if (e != XE_OK)
		return e;
	*code = r.code;
	*tracking_no = r.tracking;
	return XE_OK;
}
