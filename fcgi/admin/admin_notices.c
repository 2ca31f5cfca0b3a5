/* /admin/notices: the staff's list of notices (only their bodies' for staff), the category
 * picker and the new-notice form, and creating a notice (saved as a draft, or published) with
 * the attachments chosen in the same form. */
#include "core/auth.h"
#include "core/audit.h"
#include "notices/catalog.h"
#include "server/handlers.h"
#include "notices/notice_attach.h"
#include "notices/notice_form.h"
#include "notices/push.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_token.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const statuses[] = {"draft", "pending", "published", "withdrawn", NULL};

enum filter { F_STATUS, F_Q, F_BEFORE, F__N };
static const struct field_spec filters[F__N] = {
	[F_STATUS] = {"status", FT_CHOICE, false, 0, 0, 0, statuses, "状态"},
	[F_Q] = {"q", FT_LINE, false, 100, 0, 0, NULL, "标题"},
	[F_BEFORE] = {"before", FT_ID, false, 0, 0, 0, NULL, "翻页"},
};

/* The columns of the list's rows; the attributes of a <notice>, in column order. */
enum list_col { C_ID, C_TITLE, C_ISSUER, C_STATUS, C_CATEGORY, C_INDEX_NO, C_UPDATED, C_PUBLISHED, C__N };
static const char *const list_attrs[C__N] = {
	[C_ID] = "id", [C_TITLE] = "title", [C_ISSUER] = "issuer", [C_STATUS] = "status", [C_CATEGORY] = "category",
	[C_INDEX_NO] = "index-no", [C_UPDATED] = "updated", [C_PUBLISHED] = "published",
};

enum xerr admin_notices(struct request *req)
{
	struct field_value v[F__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->query, filters, v, &err))
		return XE_BAD_REQUEST;
	bool all_bodies = req->user->level >= ROLE_APPROVER;
	struct db_result r;
	/* Staff see only the notices of the bodies they serve. */
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT n.id, n.title, n.issuer, n.status, n.category_code, n.index_no, "
	                       "DATE_FORMAT(n.updated_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(n.published_at, '%Y-%m-%d') "
	                       "FROM notices n WHERE n.site_id = ? "
	                       "AND (? = 1 OR n.issuer IN (SELECT body FROM user_bodies WHERE user_id = ?)) "
	                       "AND (? IS NULL OR n.status = ?) AND (? IS NULL OR n.title LIKE CONCAT('%', ?, '%')) "
	                       "AND (? IS NULL OR n.id < ?) ORDER BY n.id DESC LIMIT 51",
	                       "iiissssss", req->site->id, (long long)all_bodies, req->user->id, v[F_STATUS].text,
	                       v[F_STATUS].text, v[F_Q].text, v[F_Q].text, v[F_BEFORE].text, v[F_BEFORE].text);
	if (e != XE_OK)
		return e;
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-notices", &root);
	xmlNodePtr list = xmlNewChild(root, NULL, (const xmlChar *)"notices", NULL);
	xml_attr(list, "status", v[F_STATUS].text);
	xml_attr(list, "q", v[F_Q].text);
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	size_t n = r.nrows > 50 ? 50 : r.nrows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr row = xml_add_row(list, "notice", r.rows[i], list_attrs, C__N);
		xmlNodePtr cat = catalog ? catalog_find(catalog, r.rows[i][C_CATEGORY]) : NULL;
		char *name = cat ? catalog_attr(cat, "name") : NULL;
		xml_attr(row, "category-name", name);
		xmlFree(name);
	}
	if (r.nrows > 50)
		xml_attr(list, "older", r.rows[49][C_ID]);
	return render(req, doc, "admin_notices");
}

enum xerr admin_notice_new(struct request *req)
{
	const char *category = request_param(req, "category");
	xmlDocPtr catalog = app_catalog(req->app, req->site->variant);
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-notice-edit", &root);
	xmlNodePtr cat = (catalog && category) ? catalog_find(catalog, category) : NULL;
	if (cat == NULL || !xmlStrEqual(cat->name, (const xmlChar *)"category")) {
		/* First the category: the form's fields depend on it. */
		catalog_nav(root, catalog, 0);
		xmlNewChild(root, NULL, (const xmlChar *)"pick-category", NULL);
		return render(req, doc, "admin_notice_edit");
	}
	struct notice_in n;
	memset(&n, 0, sizeof n);
	n.category_code = category;
	n.validity = "有效";
	n.decision_kind = "general";
	char today[11];
	format_date(req->today, today);
	n.formed_on = pool_strdup(req->pool, today);
	xmlNodePtr ed = notice_form_xml(req, root, &n, 0, "new", NULL, NULL);
	const char *token;
	enum xerr e = ysqgk_form_token(req, &token);
	if (e != XE_OK)
		return e;
	xml_attr(ed, "form-token", token);
	return render(req, doc, "admin_notice_edit");
}

/* What the editor's page showed (its hidden fields; none from older pages and scripts): the
 * notice's version, which the console's saves and withdrawals count, and the time of its last
 * change, which a CMS's push or import moves too. */
enum page_field { PF_VERSION, PF_STAMP, PF__N };
static const struct field_spec page_fields[PF__N] = {
	[PF_VERSION] = {"version", FT_INT, false, 0, 0, INT_MAX, NULL, "版本"},
	[PF_STAMP] = {"stamp", FT_INT, false, 0, 0, LLONG_MAX, NULL, "修改时间"},
};

static bool page_shown(struct request *req, long long *version, long long *stamp)
{
	struct field_value v[PF__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, page_fields, v, &err) || v[PF_VERSION].text == NULL)
		return false;
	*version = v[PF_VERSION].num;
	*stamp = v[PF_STAMP].text != NULL ? v[PF_STAMP].num : -1;
	return true;
}

/* The page was made from the notice as it is now (true too for a form without the fields). */
static bool page_is_current(struct request *req, long long id, int version, enum xerr *e)
{
	long long shown, stamp;
	*e = XE_OK;
	if (!page_shown(req, &shown, &stamp))
		return true;
	if (shown != version)
		return false;
	const char *now = db_value(req->db, req->pool, e, "SELECT UNIX_TIMESTAMP(updated_at) FROM notices WHERE id = ?",
	                           "i", id);
	return *e != XE_OK || stamp < 0 || now == NULL || strtoll(now, NULL, 10) == stamp;
}

static enum xerr show_form_again(struct request *req, const struct notice_in *n, long long id, const char *status,
                                 const struct publish_check *check, const struct field_error *err, int http_status)
{
	xmlNodePtr root;
	xmlDocPtr doc = render_doc_new(req, "admin-notice-edit", &root);
	xmlNodePtr ed = notice_form_xml(req, root, n, id, status, check, err);
	long long version, stamp;
	if (page_shown(req, &version, &stamp)) { /* the page's, kept: a page found old stays old until reloaded */
		xml_attr_int(ed, "version", version);
		if (stamp >= 0)
			xml_attr_int(ed, "stamp", stamp);
	}
	const char *token = form_get(&req->body, "form_token");
	enum token_state ts;
	const char *nonce;
	if (id == 0 && token != NULL && ysqgk_check_token(req, token, &ts, &nonce) == XE_OK && ts != TOKEN_BAD)
		xml_attr(ed, "form-token", token); /* a new notice's form, still the one sent once */
	const char *reason = request_field(req, "reason"); /* as typed, the form coming back */
	if (reason != NULL)
		xml_add(ed, "typed-reason", reason);
	req->status = http_status;
	return render(req, doc, "admin_notice_edit");
}

#define MAX_NEW_FILES 20

/* A submitted notice, its checks, and what becomes of it. */
struct submission {
	struct notice_in n;
	struct publish_check check;
	const char *action, *reason;
	/* publish: action=publish; republish: a save of a published notice, which puts the changed
	 * text on its public page at once and so is checked as a publication. */
	bool publish, republish, needs_reason, pending;
	const char *new_status;
	const char *nonce; /* a new notice's form's one-time nonce (NULL: a form without a token) */
	/* A new notice's attachments (the form's "attachments" files) and their stored types. */
	const struct upload *files[MAX_NEW_FILES];
	const char *types[MAX_NEW_FILES];
	size_t nfiles;
};

/* The files a new notice came with, each of a type accepted: 0, else the answer's status with
 * *err. Files sent to an existing notice's form are not its to take: the editor uploads them one
 * by one. */
static int submission_files(struct request *req, long long id, struct submission *sub, struct field_error *err)
{
	for (size_t i = 0; id == 0; i++) {
		const struct upload *u = form_file(&req->body, "attachments", i);
		if (u == NULL)
			break;
		if (u->len == 0 && (u->filename == NULL || *u->filename == '\0'))
			continue; /* the empty part a browser sends when no file was chosen */
		if (sub->nfiles == MAX_NEW_FILES) {
			*err = (struct field_error){"attachments", "附件", "一次最多上传20个，其余请保存后在编辑页面上传"};
			return 400;
		}
		if (u->len == 0) {
			*err = (struct field_error){"attachments", "附件",
			                            pool_printf(req->pool, "“%s”是空文件，请重新选择附件", u->filename)};
			return 400;
		}
		const char *type = notice_attach_type(u);
		if (type == NULL) {
			*err = (struct field_error){"attachments", "附件",
			                            pool_printf(req->pool, "“%s”的类型不受支持（可上传 PDF、OFD、Word、Excel、JPEG、PNG、ZIP），"
			                                                   "请重新选择附件",
			                                        u->filename ? u->filename : "")};
			return 415;
		}
		sub->files[sub->nfiles] = u;
		sub->types[sub->nfiles++] = type;
	}
	return 0;
}

/* Whether an incomplete or late publication by this user awaits an approver: the site requires
 * one and the user is not one. */
static enum xerr approval_pending(struct request *req, bool *pending)
{
	enum xerr e;
	const char *approval = db_value(req->db, req->pool, &e, "SELECT require_approval FROM sites WHERE id = ?", "i",
	                                req->site->id);
	*pending = e == XE_OK && approval && strcmp(approval, "1") == 0 && req->user->level < ROLE_APPROVER;
	return e;
}

/* Reads and checks the form; on a bad one shows it again with the error (req->responded). */
/* A new notice's form is single-use (a double-click on 发布 made two notices): its token, when
 * it has one (scripts that post without may make more), must be the site's; the nonce it names
 * is kept with the notice it makes. */
static enum xerr form_once(struct request *req, const char **nonce, struct field_error *err)
{
	const char *token = form_get(&req->body, "form_token");
	*nonce = NULL;
	if (token == NULL)
		return XE_OK;
	enum token_state ts;
	enum xerr e = ysqgk_check_token(req, token, &ts, nonce);
	if (e == XE_OK && ts == TOKEN_BAD) {
		*err = (struct field_error){NULL, NULL, "表单已失效：请刷新页面后重新填写（本页填写的内容可先复制保存）。"};
		e = XE_BAD_REQUEST;
	}
	return e;
}

/* A save from a page older than the notice would put back what others saved since, or publish
 * again a notice withdrawn since: refused, with what was typed kept on the page. */
static struct field_error stale_page(struct request *req, int version)
{
	return (struct field_error){
	    NULL, NULL,
	    pool_printf(req->pool,
	                "该信息在您打开本页之后已被他人修改、发布或撤回（现为第%d版），您的修改没有保存。"
	                "请先复制本页上您填写的内容，再刷新页面，在最新的版本上重新修改。",
	                version)};
}

static enum xerr submission_read(struct request *req, long long id, const char *old_status, int version,
                                 struct submission *sub)
{
	struct field_error err = {0};
	sub->action = request_field(req, "action");
	if (sub->action == NULL)
		sub->action = "save";
	bool read = notice_form_read(req, &sub->n, &err);
	if (req->body.refused_message != NULL) { /* a file the body parser refused (R_PART_ERRORS) */
		const char *field = req->body.refused_field;
		err = (struct field_error){field, field && strcmp(field, "attachments") == 0 ? "附件" : field,
		                           req->body.refused_message};
		return show_form_again(req, &sub->n, id, old_status, NULL, &err, 400);
	}
	if (!read)
		return show_form_again(req, &sub->n, id, old_status, NULL, &err, 400);
	enum xerr e0 = XE_OK;
	int refused = submission_files(req, id, sub, &err);
	if (refused != 0)
		return show_form_again(req, &sub->n, id, old_status, NULL, &err, refused);
	if (id == 0 && (e0 = form_once(req, &sub->nonce, &err)) != XE_OK)
		return e0 == XE_BAD_REQUEST ? show_form_again(req, &sub->n, id, old_status, NULL, &err, 400) : e0;
	if (id != 0 && !page_is_current(req, id, version, &e0)) {
		err = stale_page(req, version);
		return show_form_again(req, &sub->n, id, old_status, NULL, &err, 409);
	}
	if (e0 != XE_OK)
		return e0;
	bool may = false;
	enum xerr e = notice_form_may_edit(req, sub->n.issuer, &may);
	if (e != XE_OK)
		return e;
	if (!may) {
		err = (struct field_error){"issuer", "发布机构", "您不负责该机构的信息"};
		return show_form_again(req, &sub->n, id, old_status, NULL, &err, 403);
	}
	e = notice_form_check(req, &sub->n, &sub->check);
	if (e != XE_OK)
		return e;
	const char *reason = request_field(req, "reason");
	sub->reason = reason ? str_trim(pool_strdup(req->pool, reason)) : "";
	if (utf8_chars(sub->reason) > NOTICE_REASON_MAX) {
		err = (struct field_error){"reason", "原因", pool_printf(req->pool, "不能超过%d个字符", NOTICE_REASON_MAX)};
		return show_form_again(req, &sub->n, id, old_status, &sub->check, &err, 400);
	}
	const struct publish_check *check = &sub->check;
	sub->publish = strcmp(sub->action, "publish") == 0;
	sub->republish = !sub->publish && strcmp(old_status, "published") == 0;
	sub->needs_reason = (sub->publish || sub->republish) && (check->c.nmissing > 0 || check->late);
	if (sub->needs_reason && (e = approval_pending(req, &sub->pending)) != XE_OK)
		return e;
	const char *lacks = check->c.nmissing > 0 && check->late ? "缺少必填内容且已超过公开时限"
	                    : check->c.nmissing > 0              ? "缺少必填内容"
	                                                         : "已超过公开时限";
	/* The live page must not change without the approver's consent: a staff member submits the
	 * change for approval (action=publish), which takes it out of view until then. */
	if (sub->republish && sub->pending) {
		err = (struct field_error){"reason", "发布原因",
		                           pool_printf(req->pool,
		                                       "该信息已发布，保存即公开修改后的内容，而修改后的内容%s，须经审核人同意后公开。"
		                                       "请填写原因后点“发布”提交审核（审核人同意前该信息暂停公开），或请审核人修改",
		                                       lacks)};
		return show_form_again(req, &sub->n, id, old_status, check, &err, 409);
	}
	if (sub->needs_reason && *sub->reason == '\0') {
		err = (struct field_error){"reason", "发布原因",
		                           sub->republish
		                               ? pool_printf(req->pool, "该信息已发布，保存即公开修改后的内容，而修改后的内容%s，须填写原因", lacks)
		                               : pool_printf(req->pool, "该信息%s，发布须填写原因", lacks)};
		return show_form_again(req, &sub->n, id, old_status, check, &err, 409);
	}
	return XE_OK;
}

/* The status the notice takes: pending when its publication awaits an approver. */
static void submission_status(const char *old_status, struct submission *sub)
{
	sub->new_status = sub->publish ? (sub->pending ? "pending" : "published")
	                  : (strcmp(old_status, "new") == 0 || strcmp(old_status, "withdrawn") == 0) ? "draft"
	                                                                                             : old_status;
	sub->n.status = strcmp(sub->new_status, "published") == 0 ? "published" : "draft";
}

/* What a save's transaction takes and hands back (*nid the notice's id). */
struct save_tx {
	struct request *req;
	long long id;
	const char *old_status, *before_json;
	int version;
	struct submission *sub;
	long long *nid;
	const char **audit_action;
};

/* The notice, its version and its audit entry (run by db_transaction: again, whole, after a
 * deadlock or a cluster's conflict). */
static enum xerr save_tx(struct db *db, void *ctx)
{
	struct save_tx *t = ctx;
	struct request *req = t->req;
	struct submission *sub = t->sub;
	long long id = t->id, *nid = t->nid;
	const char *old_status = t->old_status, *before_json = t->before_json, **audit_action = t->audit_action;
	int version = t->version;
	struct notice_in *n = &sub->n;
	enum xerr e = XE_OK;
	(void)db; /* the request's own */
	*nid = id;
	bool pending = strcmp(sub->new_status, "pending") == 0;
	e = notice_save(req->db, req->pool, req->site, n, nid);
	if (e == XE_OK && id == 0 && sub->nonce != NULL) /* a second copy of the form: a duplicate key */
		e = db_exec(req->db, "INSERT INTO notice_form_nonces (nonce, notice_id) VALUES (?, ?)", "si", sub->nonce, *nid);
	if (e == XE_OK && pending)
		e = db_exec(req->db, "UPDATE notices SET status = 'pending' WHERE id = ?", "i", *nid);
	/* A published notice whose edit awaits approval is not public (its page is 404): its column
	 * rows go too, or the lists would show the unapproved title linking to that 404. The
	 * approver's publication writes them again, with the first publication date. */
	if (e == XE_OK && pending)
		e = notice_unlist(req->db, *nid);
	if (e == XE_OK && strcmp(sub->new_status, "published") == 0 && strcmp(old_status, "published") == 0)
		n->status = "published";
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE notices SET version = ? WHERE id = ?", "ii", (long long)version + 1, *nid);
	if (e == XE_OK && *sub->reason != '\0')
		e = db_exec(req->db, "UPDATE notices SET publish_note = ? WHERE id = ?", "si", sub->reason, *nid);
	const char *after = notice_json(req->pool, n, sub->new_status);
	if (e == XE_OK)
		e = db_exec(req->db, "INSERT INTO notice_versions (notice_id, version, actor, snapshot) VALUES (?, ?, ?, ?)",
		            "iiss", *nid, (long long)version + 1, req->user->login, after);
	*audit_action = sub->publish ? (sub->pending ? "notice.submit" : "notice.publish")
	                : id == 0    ? "notice.create"
	                             : "notice.update";
	const char *note = sub->reason;
	if (sub->needs_reason && sub->check.c.nmissing > 0)
		note = pool_printf(req->pool, "缺少%zu项必填内容；%s", sub->check.c.nmissing, sub->reason);
	if (sub->needs_reason && sub->check.late)
		note = pool_printf(req->pool, "超过公开时限%d个工作日；%s", sub->check.late_by, note);
	if (e == XE_OK)
		e = audit_request(req, *audit_action, "notice", *nid, before_json, after, note);
	for (size_t i = 0; e == XE_OK && i < sub->nfiles; i++)
		e = notice_attach(req, *nid, sub->files[i], sub->types[i]);
	return e;
}

/* The notice, its version and its audit entry, in one transaction; *nid the notice's id. */
static enum xerr submission_save(struct request *req, long long id, const char *old_status, const char *before_json,
                                 int version, struct submission *sub, long long *nid, const char **audit_action)
{
	struct save_tx t = {req, id, old_status, before_json, version, sub, nid, audit_action};
	return db_transaction(req->db, save_tx, &t);
}

/* The notice a new notice's form made when it was first sent: the second copy is sent there. */
static enum xerr made_by_form(struct request *req, const char *nonce)
{
	enum xerr e;
	const char *nid = db_value(req->db, req->pool, &e, "SELECT notice_id FROM notice_form_nonces WHERE nonce = ?", "s",
	                           nonce);
	if (e != XE_OK || nid == NULL)
		return e != XE_OK ? e : XE_CONFLICT;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%s?done=notice.once", site_base(req), nid));
	return XE_OK;
}

/* Saving and publishing, shared by create (id 0) and update. */
enum xerr notice_form_commit(struct request *req, long long id, const char *old_status, const char *before_json,
                             int version)
{
	struct submission sub = {0};
	enum xerr e = submission_read(req, id, old_status, version, &sub);
	if (e != XE_OK || req->responded)
		return e;
	submission_status(old_status, &sub);
	long long nid;
	const char *audit_action;
	e = submission_save(req, id, old_status, before_json, version, &sub, &nid, &audit_action);
	if (e == XE_CONFLICT && id == 0 && sub.nonce != NULL)
		return made_by_form(req, sub.nonce);
	if (e == XE_CONFLICT && id != 0) { /* another save of the same version committed first */
		struct field_error err = stale_page(req, version + 1);
		return show_form_again(req, &sub.n, id, old_status, NULL, &err, 409);
	}
	if (e != XE_OK)
		return e;
	push_after_commit(req->db, req->app, nid);
	respond_redirect(req, pool_printf(req->pool, "%sadmin/notices/%lld?done=%s", site_base(req), nid, audit_action));
	return XE_OK;
}

enum xerr admin_notice_create(struct request *req)
{
	return notice_form_commit(req, 0, "new", NULL, 0);
}
