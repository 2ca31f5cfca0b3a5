/* /admin/notices/{id}: edit a notice (its category's items as fields), see what it still lacks
 * and whether it is late, publish (with a reason when incomplete or late), withdraw; its
 * version history; attachment upload. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "server/handlers.h"
#include "notices/notice_attach.h"
#include "notices/notice_form.h"
#include "notices/notice_store.h"
#include "notices/push.h"
#include "core/render.h"
#include "core/text.h"
#include <string.h>
#include <strings.h>

/* The notice named in the path, as the editor loaded it. */
struct mine {
	long long id;
	struct notice_in n;
	const char *status;
	int version;
};

/* Loads the notice named in the path and checks the user may act for its body. */
static enum xerr load_mine(struct request *req, struct mine *m)
{
	if (!request_path_id(req, 0, &m->id))
		return XE_NOT_FOUND;
	enum xerr e = notice_form_load(req, m->id, &m->n, &m->status, &m->version);
	if (e != XE_OK)
		return e;
	bool may = false;
	e = notice_form_may_edit(req, m->n.issuer, &may);
	if (e != XE_OK)
		return e;
	/* Another body's notice is not shown to staff at all. */
	return may ? XE_OK : XE_NOT_FOUND;
}

/* The notice's page: its form, state, attachments and pushes; err (NULL: none) at its field,
 * answered with status. */
static enum xerr show_edit(struct request *req, const struct mine *mine, const struct field_error *err, int status)
{
	struct mine m = *mine;
	struct publish_check check;
	enum xerr e = notice_form_check(req, &m.n, &check);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-notice-edit", &root);
	xmlNodePtr ed = notice_form_xml(req, root, &m.n, m.id, m.status, &check, err);
	req->status = status;
	xml_attr_int(ed, "version", m.version);
	const char *done = request_param(req, "done");
	if (done != NULL && strlen(done) < 40)
		xml_attr(ed, "done", done);
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT index_no, DATE_FORMAT(published_at, '%Y-%m-%d %H:%i'), publish_note, UNIX_TIMESTAMP(updated_at) "
	             "FROM notices WHERE id = ?",
	             "i", m.id);
	if (e != XE_OK)
		return e;
	xml_attr(ed, "stamp", r.rows[0][3]); /* its last change, a push's too: the editor's save compares it */
	static const char *const cols[] = {"index-no", "published-at", "publish-note"};
	xml_add_row(ed, "published", r.rows[0], cols, FIELDS_OF(cols));
	e = db_query(req->db, req->pool, &r,
	             "SELECT id, filename, mime, size, sha256 FROM attachments WHERE notice_id = ? ORDER BY id", "i", m.id);
	if (e != XE_OK)
		return e;
	xmlNodePtr atts = xmlNewChild(ed, NULL, (const xmlChar *)"attachments", NULL);
	static const char *const acols[] = {"id", "filename", "mime", "size", "sha256"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(atts, "attachment", r.rows[i], acols, FIELDS_OF(acols));
	if ((e = push_notice_xml(req->db, req->pool, m.id, ed)) != XE_OK)
		return e;
	/* A notice made from an answered disclosure request (Art. 44) links back to it. */
	if ((e = db_query(req->db, req->pool, &r, "SELECT id, tracking_no FROM requests WHERE notice_id = ? AND site_id = ?",
	                  "ii", m.id, req->site->id)) != XE_OK)
		return e;
	static const char *const rcols[] = {"id", "tracking-no"};
	for (size_t i = 0; i < r.nrows; i++)
		xml_add_row(ed, "from-request", r.rows[i], rcols, FIELDS_OF(rcols));
	return render(req, doc, "admin_notice_edit");
}

enum xerr admin_notice_edit(struct request *req)
{
	struct mine m;
	enum xerr e = load_mine(req, &m);
	return e == XE_OK ? show_edit(req, &m, NULL, 200) : e;
}

struct withdraw_tx {
	struct request *req;
	long long id;
	int version; /* the notice's before it */
	const char *before, *after, *reason;
};

/* A withdrawal is a version of its own: an editor's page opened before it is then an old page,
 * whose 发布 would otherwise have put the notice back. */
static enum xerr withdraw_tx(struct db *db, void *ctx)
{
	struct withdraw_tx *w = ctx;
	enum xerr e = notice_withdraw(db, w->req->site, w->id);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE notices SET version = ? WHERE id = ?", "ii", (long long)w->version + 1, w->id);
	if (e == XE_OK)
		e = db_exec(db, "INSERT INTO notice_versions (notice_id, version, actor, snapshot) VALUES (?, ?, ?, ?)", "iiss",
		            w->id, (long long)w->version + 1, w->req->user->login, w->after);
	if (e == XE_OK)
		e = audit_request(w->req, "notice.withdraw", "notice", w->id, w->before, w->after, w->reason);
	return e;
}

/* The withdrawal's form: its reason, kept in the audit log, as long as a publication's may be. */
enum withdraw_field { WF_REASON, WF__N };
static const struct field_spec withdraw_fields[WF__N] = {
	[WF_REASON] = {"reason", FT_TEXT, false, NOTICE_REASON_MAX, 0, 0, NULL, "撤回原因"},
};

/* The withdrawal: its reason checked first (a bad one is refused whatever the notice's state),
 * then only a published notice is withdrawn. */
static enum xerr withdraw(struct request *req, const struct mine *m, const char *before)
{
	struct field_value v[WF__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, withdraw_fields, v, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	if (strcmp(m->status, "published") != 0)
		return XE_CONFLICT;
	const char *reason = v[WF_REASON].text;
	struct withdraw_tx w = {req, m->id, m->version, before, notice_json(req->pool, &m->n, "withdrawn"),
	                        reason ? reason : ""};
	enum xerr e = db_transaction(req->db, withdraw_tx, &w);
	if (e != XE_OK)
		return e;
	push_after_commit(req->db, req->app, m->id);
	respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%lld?done=notice.withdraw", site_base(req), m->id));
	return XE_OK;
}

enum xerr admin_notice_update(struct request *req)
{
	struct mine m;
	enum xerr e = load_mine(req, &m);
	if (e != XE_OK)
		return e;
	const char *before = notice_json(req->pool, &m.n, m.status);
	const char *action = request_field(req, "action");
	if (action != NULL && strcmp(action, "withdraw") == 0)
		return withdraw(req, &m, before);
	if (action != NULL && strcmp(action, "save") != 0 && strcmp(action, "publish") != 0)
		return XE_BAD_REQUEST;
	return notice_form_commit(req, m.id, m.status, before, m.version);
}

enum xerr admin_notice_versions(struct request *req)
{
	struct mine m;
	enum xerr e = load_mine(req, &m);
	if (e != XE_OK)
		return e;
	struct db_result r;
	e = db_query(req->db, req->pool, &r,
	             "SELECT version, DATE_FORMAT(saved_at, '%Y-%m-%d %H:%i:%s'), actor, snapshot FROM notice_versions "
	             "WHERE notice_id = ? ORDER BY version DESC LIMIT 200",
	             "i", m.id);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-notice-versions", &root);
	xmlNodePtr vs = xmlNewChild(root, NULL, (const xmlChar *)"versions", NULL);
	xml_attr_int(vs, "id", m.id);
	xml_attr(vs, "title", m.n.title);
	/* The attributes of a <version>, in column order; then its snapshot. */
	enum { V_VERSION, V_SAVED_AT, V_ACTOR, V_SNAPSHOT };
	static const char *const cols[V_SNAPSHOT] = {[V_VERSION] = "version", [V_SAVED_AT] = "saved-at", [V_ACTOR] = "actor"};
	for (size_t i = 0; i < r.nrows; i++) {
		xmlNodePtr v = xml_add_row(vs, "version", r.rows[i], cols, FIELDS_OF(cols));
		xml_add(v, "snapshot", r.rows[i][V_SNAPSHOT]);
	}
	return render(req, doc, "admin_notice_versions");
}

struct upload_tx {
	struct request *req;
	long long id;
	const char *status;
	const struct upload *u;
	const char *type;
};

static enum xerr upload_tx(struct db *db, void *ctx)
{
	struct upload_tx *t = ctx;
	enum xerr e = notice_attach(t->req, t->id, t->u, t->type);
	if (e == XE_OK && strcmp(t->status, "published") == 0)
		e = site_touch(db, t->req->site);
	return e;
}

enum xerr admin_notice_upload(struct request *req)
{
	struct mine m;
	enum xerr e = load_mine(req, &m);
	if (e != XE_OK)
		return e;
	/* What is wrong with the file is said on the notice's page, at the file input. */
	const struct upload *u = form_file(&req->body, "file", 0);
	const char *type = u != NULL && u->len > 0 ? notice_attach_type(u) : NULL;
	const char *why = req->body.refused_message != NULL ? req->body.refused_message
	                  : u == NULL || req->body.nfiles > 1
	                      ? "请选择一个文件"
	                      : u->len == 0 ? pool_printf(req->pool, "“%s”是空文件，请重新选择", u->filename)
	                      : type == NULL ? "类型不受支持（可上传 PDF、OFD、Word、Excel、JPEG、PNG、ZIP）"
	                                     : NULL;
	if (why != NULL) {
		struct field_error err = {"file", "上传附件", why};
		return show_edit(req, &m, &err, type == NULL && u != NULL && u->len > 0 ? 415 : 400);
	}
	struct upload_tx t = {req, m.id, m.status, u, type};
	if ((e = db_transaction(req->db, upload_tx, &t)) != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%lld?done=notice.attach", site_base(req), m.id));
	return XE_OK;
}
