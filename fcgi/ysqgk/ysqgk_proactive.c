/* A notice for proactive disclosure from an answered request (see ysqgk_proactive.h). */
#include "ysqgk/ysqgk_proactive.h"
#include "core/audit.h"
#include "core/body.h"
#include "core/exchange.h"
#include "notices/notice_form.h"
#include "notices/notice_store.h"
#include "ysqgk/ysqgk_authz.h"
#include <stdlib.h>
#include <string.h>

const char *const ysqgk_proactive_bases[] = {[PROACTIVE_REPEATED] = "repeated", [PROACTIVE_SUGGESTED] = "suggested",
                                             NULL};
static const char *const basis_notes[] = {
	[PROACTIVE_REPEATED] = "多个申请人就相同政府信息提出公开申请，该信息属于可以公开的政府信息",
	[PROACTIVE_SUGGESTED] = "申请人建议将该信息纳入主动公开的范围，经审核属于主动公开范围",
};

/* The columns of load_answered()'s row. */
enum answered_col { A_STATUS, A_OUTCOME, A_NOTICE, A_ANSWERED, A_DESCRIPTION, A_TRACKING };

/* The request under its row lock, if the user may make its answer a notice (ysqgk_authz.h):
 * answered with information given, and not made a notice yet. */
static enum xerr load_answered(struct request *req, long long id, char ***row, const char **message)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT status, COALESCE(outcome, ''), notice_id, DATE_FORMAT(answered_on, '%Y-%m-%d'), "
	                       "description, tracking_no FROM requests WHERE id = ? AND site_id = ? FOR UPDATE",
	                       "ii", id, req->site->id);
	if (e != XE_OK || r.nrows == 0)
		return e != XE_OK ? e : XE_NOT_FOUND;
	if ((e = ysqgk_authz_check(req, id, RIGHT_TO_NOTICE, NULL, message)) != XE_OK)
		return e;
	char **w = r.rows[0];
	bool given = strcmp(w[A_OUTCOME], "disclosed") == 0 || strcmp(w[A_OUTCOME], "partly-disclosed") == 0;
	if ((strcmp(w[A_STATUS], "answered") != 0 && strcmp(w[A_STATUS], "closed") != 0) || !given) {
		*message = "只有已作出答复、予以公开或者部分公开的信息，才能纳入主动公开的范围（条例第四十四条）。";
		return XE_CONFLICT;
	}
	if (w[A_NOTICE] != NULL) {
		*message = "该申请的信息已经转为主动公开的信息。";
		return XE_CONFLICT;
	}
	*row = w;
	return XE_OK;
}

/* The draft, as the editor would save it: checked against the site's catalog. */
static enum xerr save_draft(struct request *req, char **w, const struct body *b, const char *category,
                            const char *title, enum ysqgk_proactive_basis basis, long long *nid, const char **message)
{
	struct notice_in n = {
		.title = title,
		.issuer = b->name,
		.formed_on = w[A_ANSWERED],
		.category_code = category,
		.status = "draft",
		.body = pool_printf(req->pool, "%s。根据《中华人民共和国政府信息公开条例》第四十四条的规定，本机关将依申请公开的下列信息纳入主动公开的范围：%s",
		                    basis_notes[basis], w[A_DESCRIPTION]),
	};
	const char *field;
	if (!notice_validate(req->app, req->pool, req->site, &n, &field, message))
		return XE_BAD_REQUEST;
	*nid = 0;
	enum xerr e = notice_save(req->db, req->pool, req->site, &n, nid);
	const char *image = notice_json(req->pool, &n, "draft");
	if (e == XE_OK)
		e = db_exec(req->db, "INSERT INTO notice_versions (notice_id, version, actor, snapshot) VALUES (?, 1, ?, ?)", "iss",
		            *nid, req->user->login, image);
	if (e == XE_OK)
		e = audit_request(req, "notice.create", "notice", *nid, NULL, image,
		                  pool_printf(req->pool, "由依申请公开%s转为主动公开：%s", w[A_TRACKING], basis_notes[basis]));
	return e;
}

/* The reply's documents become the notice's attachments. */
static enum xerr copy_documents(struct request *req, long long id, long long nid)
{
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO attachments (notice_id, filename, mime, size, sha256, data) SELECT ?, filename, "
	                      "mime, size, sha256, data FROM request_attachments WHERE request_id = ? AND kind = 'reply' "
	                      "AND visible_to_applicant = 1 ORDER BY id",
	                      "ii", nid, id);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "UPDATE notices SET attachment_count = (SELECT COUNT(*) FROM attachments WHERE notice_id = ?) "
		            "WHERE id = ?",
		            "ii", nid, nid);
	return e;
}

/* The request's audit image: the notice made from it and its column. */
static const char *link_json(struct pool *p, long long nid, const char *category)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_int(&w, "notice_id", nid);
	jw_str(&w, "category", category);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static enum xerr make(struct request *req, long long id, const char *category, const char *title,
                      enum ysqgk_proactive_basis basis, long long *nid, const char **message)
{
	char **w;
	struct body b;
	enum xerr e = load_answered(req, id, &w, message);
	if (e == XE_OK && (e = body_of_request(req->db, req->pool, req->site->id, id, &b)) == XE_NOT_FOUND) {
		*message = "该申请没有办理机关，不能作为发布机构。";
		e = XE_CONFLICT;
	}
	if (e == XE_OK)
		e = save_draft(req, w, &b, category, title, basis, nid, message);
	if (e == XE_OK)
		e = copy_documents(req, id, *nid);
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE requests SET notice_id = ? WHERE id = ?", "ii", *nid, id);
	if (e == XE_OK)
		e = audit_request(req, "request.to_notice", "request", id, NULL, link_json(req->pool, *nid, category),
		                  basis_notes[basis]);
	return e;
}

struct make_tx {
	struct request *req;
	long long id;
	const char *category, *title;
	enum ysqgk_proactive_basis basis;
	long long *notice_id;
	const char **message;
};

static enum xerr make_tx(struct db *db, void *ctx)
{
	struct make_tx *t = ctx;
	(void)db; /* the request's own */
	*t->message = NULL;
	return make(t->req, t->id, t->category, t->title, t->basis, t->notice_id, t->message);
}

enum xerr ysqgk_to_notice(struct request *req, long long id, const char *category, const char *title,
                          enum ysqgk_proactive_basis basis, long long *notice_id, const char **message)
{
	struct make_tx t = {req, id, category, title, basis, notice_id, message};
	return db_transaction(req->db, make_tx, &t);
}
