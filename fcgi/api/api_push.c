/* POST /xxgk/{site}/api/push — a CMS creates or updates notices (documented in
 * cms-integration/API.md). Authorization: Bearer TOKEN, a token of this site (`xxgkctl token
 * add`; only its SHA-256 is stored). The body is JSON in the format of `xxgkctl import`: one notice
 * object, or {"notices": [...]}. Everything is parsed and validated (notice_from_json,
 * notice_validate) before anything is written; then all notices are saved in one transaction
 * with an audit entry each: all or nothing. A notice whose external_id exists is updated.
 * A batch of PUSH_BULK_MIN notices or more is written by the bulk writer (notice_batch.h): the
 * same rows and audit entries, with a few statements for the whole batch instead of a dozen for
 * each notice. A notice withdrawn in the console is left as it is (notice_batch_status): only the
 * console publishes it again. 201 when a notice was created, 200 otherwise; errors are JSON with
 * the field. */
#include "core/audit.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "server/handlers.h"
#include "notices/import.h"
#include "notices/notice_batch.h"
#include "notices/notice_store.h"
#include "core/render.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PUSH_MAX_NOTICES 1000
#define PUSH_BULK_MIN 50

static void free_json(void *j)
{
	json_decref(j);
}

/* {"error", "field"} plus where it was: the notice's index in a batch, the line of bad JSON. */
static enum xerr push_error(struct request *req, enum xerr e, const char *message, const char *field, long long index,
                            int line, int column)
{
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "error", message);
	jw_str(&w, "field", field);
	if (index >= 0)
		jw_int(&w, "index", index);
	if (line > 0) {
		jw_int(&w, "line", line);
		jw_int(&w, "column", column);
	}
	jw_close(&w, '}');
	buf_putc(&b, '\n');
	respond_json(req, xerr_status(e), &b);
	return XE_OK;
}

static enum xerr unauthorized(struct request *req)
{
	respond_error(req, XE_UNAUTHORIZED, "缺少本站有效的访问令牌（Authorization: Bearer …）", NULL);
	request_header(req, "WWW-Authenticate", "Bearer realm=\"xxgk\"");
	return XE_OK;
}

static bool token_syntax_ok(const char *t)
{
	if (strlen(t) != 64)
		return false;
	for (const char *c = t; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

/* The columns of snapshot()'s row: the keys up to S_INDEX_NO are the snapshot's own, in order. */
enum snapshot_col {
	S_ID, S_EXTERNAL_ID, S_TITLE, S_ISSUER, S_DOC_NUMBER, S_SUBJECT, S_FORMED_ON, S_PUBLISHED_AT, S_VALIDITY,
	S_CATEGORY, S_DECISION_KIND, S_STATUS, S_INDEX_NO, S_BODY_CHARS, S_BODY_SHA256, S_ITEMS
};
static const char *const snapshot_keys[S_INDEX_NO + 1] = {
	[S_EXTERNAL_ID] = "external_id", [S_TITLE] = "title", [S_ISSUER] = "issuer", [S_DOC_NUMBER] = "doc_number",
	[S_SUBJECT] = "subject", [S_FORMED_ON] = "formed_on", [S_PUBLISHED_AT] = "published_at",
	[S_VALIDITY] = "validity", [S_CATEGORY] = "category", [S_DECISION_KIND] = "decision_kind",
	[S_STATUS] = "status", [S_INDEX_NO] = "index_no",
};

/* The stored notice as the audit log keeps it (the body by length and digest). */
static enum xerr snapshot(struct request *req, long long id, const char **json)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, external_id, title, issuer, doc_number, subject, DATE_FORMAT(formed_on, '%Y-%m-%d'), "
	                       "DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s'), validity, category_code, decision_kind, status, "
	                       "index_no, CHAR_LENGTH(body), SHA2(body, 256), "
	                       "(SELECT COUNT(*) FROM notice_items i WHERE i.notice_id = notices.id) "
	                       "FROM notices WHERE id = ?",
	                       "i", id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0) {
		*json = NULL;
		return XE_OK;
	}
	char **n = r.rows[0];
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_raw(&w, "id", n[S_ID]);
	for (size_t i = S_EXTERNAL_ID; i <= S_INDEX_NO; i++)
		jw_str(&w, snapshot_keys[i], n[i]);
	jw_raw(&w, "body_chars", n[S_BODY_CHARS]);
	jw_str(&w, "body_sha256", n[S_BODY_SHA256]);
	jw_raw(&w, "items", n[S_ITEMS]);
	jw_close(&w, '}');
	*json = pool_strdup(req->pool, buf_cstr(&b));
	buf_free(&b);
	return XE_OK;
}

/* Who pushes: the token, and the actor the audit log names. */
struct pusher {
	long long token_id;
	const char *actor;
};

enum token_col { T_ID, T_SITE_ID, T_NAME, T_HASH };

/* 1. Who: a live token of this very site; 401 otherwise (answered here). */
static enum xerr push_who(struct request *req, struct pusher *who)
{
	const char *auth = request_env(req, "HTTP_AUTHORIZATION");
	if (auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0)
		return unauthorized(req);
	const char *token = auth + 7;
	while (*token == ' ')
		token++;
	if (!token_syntax_ok(token))
		return unauthorized(req);
	char hash[65];
	sha256_hex(token, strlen(token), hash);
	struct db_result tr;
	enum xerr e = db_query(req->db, req->pool, &tr,
	                       "SELECT id, site_id, name, token_hash FROM push_tokens WHERE token_hash = ? AND revoked_at IS NULL",
	                       "s", hash);
	if (e != XE_OK)
		return e;
	char **t = tr.nrows ? tr.rows[0] : NULL;
	if (t == NULL || !equal_constant_time(t[T_HASH], hash) || strtoll(t[T_SITE_ID], NULL, 10) != req->site->id)
		return unauthorized(req);
	who->token_id = strtoll(t[T_ID], NULL, 10);
	who->actor = pool_printf(req->pool, "api:%s", t[T_NAME][0] ? t[T_NAME] : t[T_ID]);
	return XE_OK;
}

/* The pushed JSON: one notice object (root), or a batch (list). */
struct push_body {
	json_t *root, *list;
	bool batch;
	size_t count;
};

/* The JSON's notices, one object or {"notices": [...]} (or a bare array); errors answered here. */
static enum xerr push_list(struct request *req, struct push_body *pb)
{
	json_t *root = pb->root;
	if (json_is_object(root) && json_object_get(root, "notices") != NULL) {
		pb->batch = true;
		pb->list = json_object_get(root, "notices");
		json_t *site = json_object_get(root, "site");
		if (site != NULL && !json_is_null(site) &&
		    (!json_is_string(site) || strcmp(json_string_value(site), req->site->key) != 0))
			return push_error(req, XE_BAD_REQUEST, "site 与请求地址中的站点不一致", "site", -1, 0, 0);
	} else if (json_is_array(root)) {
		pb->batch = true;
		pb->list = root;
	}
	pb->count = pb->batch ? json_array_size(pb->list) : 1;
	if (pb->batch && !json_is_array(pb->list))
		return push_error(req, XE_BAD_REQUEST, "notices 应为数组", "notices", -1, 0, 0);
	if (pb->count == 0 || pb->count > PUSH_MAX_NOTICES)
		return push_error(req, XE_BAD_REQUEST,
		                  pool_printf(req->pool, "一次推送1到%d条公开信息", PUSH_MAX_NOTICES), "notices", -1, 0, 0);
	return XE_OK;
}

/* What jansson found wrong, in the words the API's errors are in (its own text is English, and
 * "error" is a Chinese message for a person); line and column go beside it. */
static const char *json_why(const json_error_t *je)
{
	switch (json_error_code(je)) {
	case json_error_invalid_utf8: return "不是有效的 UTF-8 文本（请以 UTF-8 编码发送）";
	case json_error_premature_end_of_input: return "内容不完整，在结束之前中断";
	case json_error_end_of_input_expected: return "JSON 之后还有多余的内容";
	case json_error_duplicate_key: return "同一个对象中有重复的键";
	case json_error_null_character: return "含有 NUL 字符（\\u0000）";
	case json_error_stack_overflow: return "嵌套层数过多";
	case json_error_numeric_overflow: return "数值超出范围";
	default: return "语法错误，无法解析";
	}
}

/* 2. What: bounded JSON; errors answered here. */
static enum xerr push_what(struct request *req, struct push_body *pb)
{
	*pb = (struct push_body){0};
	const char *ct = req->content_type ? req->content_type : "";
	if (strncasecmp(ct, "application/json", 16) != 0 || (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' '))
		return push_error(req, XE_UNSUPPORTED, "请求体应为 JSON（Content-Type: application/json）", NULL, -1, 0, 0);
	long long max = req->app->cfg.api.push_body_max;
	if ((long long)req->raw_body_len > max)
		return push_error(req, XE_TOO_LARGE, pool_printf(req->pool, "请求体超过%lld字节的上限", max), NULL, -1, 0, 0);
	if (req->raw_body_len == 0)
		return push_error(req, XE_BAD_REQUEST, "请求体为空", NULL, -1, 0, 0);
	json_error_t je;
	/* A byte-order mark (some CMSs write one before UTF-8 JSON) is no part of the JSON. */
	size_t skip = req->raw_body_len >= 3 && memcmp(req->raw_body, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	pb->root = json_loadb((const char *)req->raw_body + skip, req->raw_body_len - skip, JSON_REJECT_DUPLICATES, &je);
	if (pb->root == NULL)
		return push_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "JSON 格式有误：%s", json_why(&je)), NULL, -1,
		                  je.line > 0 ? je.line : 1, je.column > 0 ? je.column : 1);
	pool_defer(req->pool, free_json, pb->root);
	return push_list(req, pb);
}

/* A key of the notice object that is no field of a notice (a misspelt "publishedAt" would leave
 * the publication time to the push's), or an external id given empty (each push would create
 * the notice anew): the field at fault, or NULL. */
static const char *push_refused_key(json_t *obj, const struct notice_in *n, const char **message)
{
	const char *key;
	json_t *value;
	json_object_foreach(obj, key, value)
	{
		(void)value;
		if (notice_json_key(key))
			continue;
		*message = strcmp(key, "attachments") == 0
		               ? "推送接口不接收附件（附件请在管理后台上传，或用 xxgkctl import 导入）"
		               : "不是公开信息的字段（字段名见 cms-integration/API.md）";
		return key;
	}
	if (n->external_id != NULL && *n->external_id == '\0') {
		*message = "不能为空字符串（CMS 中没有编号时省略该字段或给 null）";
		return "external_id";
	}
	return NULL;
}

/* 3. Everything checked before anything is written; errors answered here. */
static enum xerr push_check(struct request *req, const struct push_body *pb, struct notice_in *in)
{
	for (size_t i = 0; i < pb->count; i++) {
		const char *field = NULL, *message = NULL;
		json_t *obj = pb->batch ? json_array_get(pb->list, i) : pb->root;
		if (!notice_from_json(req->pool, obj, &in[i], &field, &message) ||
		    (field = push_refused_key(obj, &in[i], &message)) != NULL ||
		    !notice_validate(req->app, req->pool, req->site, &in[i], &field, &message))
			return push_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s：%s", field, message), field,
			                  pb->batch ? (long long)i : -1, 0, 0);
		for (size_t k = 0; k < i; k++)
			if (in[i].external_id && in[k].external_id && *in[i].external_id &&
			    strcmp(in[i].external_id, in[k].external_id) == 0)
				return push_error(req, XE_BAD_REQUEST, "external_id：同一次推送中重复", "external_id", (long long)i, 0, 0);
	}
	return XE_OK;
}

/* Saves one notice, an update when its external_id exists, with its audit entry; a withdrawn
 * notice is left as it is (*kept), with nothing to audit. */
static enum xerr push_save(struct request *req, const struct pusher *who, const struct notice_in *n, long long *id,
                           bool *created, bool *kept)
{
	enum xerr e = XE_OK;
	const char *before = NULL, *after = NULL;
	long long existing = 0;
	if (n->external_id != NULL && *n->external_id) {
		struct db_result r;
		e = db_query(req->db, req->pool, &r,
		             "SELECT id, status FROM notices WHERE site_id = ? AND external_id = ? FOR UPDATE", "is",
		             req->site->id, n->external_id);
		if (e == XE_OK && r.nrows > 0) {
			existing = strtoll(r.rows[0][0], NULL, 10);
			*kept = notice_batch_keeps(r.rows[0][1]);
		}
	}
	*created = existing == 0;
	if (e == XE_OK && *kept)
		*id = existing;
	if (e != XE_OK || *kept)
		return e;
	if (existing)
		e = snapshot(req, existing, &before);
	if (e == XE_OK)
		e = notice_save(req->db, req->pool, req->site, n, id);
	if (e == XE_OK)
		e = snapshot(req, *id, &after);
	if (e != XE_OK)
		return e;
	struct audit_entry a = {
		.site_id = req->site->id,
		.actor = who->actor,
		.actor_ip = req->remote_addr,
		.action = existing ? "notice.update" : "notice.create",
		.subject = "notice",
		.subject_id = *id,
		.before_json = before,
		.after_json = after,
		.note = pool_printf(req->pool, "push API, token %lld", who->token_id),
	};
	return audit_write(req->db, &a);
}

/* A large batch through the bulk writer, audited as push_save audits each notice. */
static enum xerr push_save_bulk(struct request *req, const struct pusher *who, const struct notice_in *in, size_t count,
                                long long *ids, bool *created, bool *kept)
{
	struct notice_saved *out = pool_alloc(req->pool, count * sizeof *out);
	struct notice_batch_opts o = {
	    .actor = who->actor,
	    .actor_ip = req->remote_addr,
	    .note = pool_printf(req->pool, "push API, token %lld", who->token_id),
	};
	enum xerr e = notice_save_batch(req->db, req->pool, req->site, in, count, &o, out);
	for (size_t i = 0; e == XE_OK && i < count; i++) {
		ids[i] = out[i].id;
		created[i] = out[i].created;
		kept[i] = out[i].kept;
	}
	return e;
}

/* Why a notice was left as it is (notice_batch_keeps): the answer's reason and its message. */
static void not_applied(struct jw *w, const char *status)
{
	bool pending = status != NULL && strcmp(status, "pending") == 0;
	jw_str(w, "reason", pending ? "awaiting_approval" : "withdrawn");
	jw_str(w, "message", pending ? "该公告正在后台等待审核，这次推送的内容没有采用，公告保持提交审核时的内容；审核人发布后，推送才会再更新它。"
	                             : "该公告已在后台撤回，这次推送的内容没有采用，公告保持撤回时的内容；在后台重新发布后，推送才会再更新它。");
}

/* 5. What became of each, with its 索引号 and address: 201 when one was created. A notice left as
 * it is says "not_applied" and why: "unchanged" read as a text identical to the stored one. The
 * count "unchanged" stays, equal to "not_applied", for the integrations written against it. */
static enum xerr push_answer(struct request *req, const struct notice_in *in, size_t count, const long long *ids,
                             const bool *created, const bool *kept)
{
	size_t ncreated = 0, nkept = 0;
	for (size_t i = 0; i < count; i++) {
		ncreated += created[i];
		nkept += kept[i];
	}
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "site", req->site->key);
	jw_int(&w, "created", (long long)ncreated);
	jw_int(&w, "updated", (long long)(count - ncreated - nkept));
	jw_int(&w, "not_applied", (long long)nkept);
	jw_int(&w, "unchanged", (long long)nkept);
	jw_open(&w, "notices", '[');
	const char *location = NULL;
	for (size_t i = 0; i < count; i++) {
		struct db_result r;
		enum xerr e = db_query(req->db, req->pool, &r, "SELECT index_no, status FROM notices WHERE id = ?", "i", ids[i]);
		if (e != XE_OK) {
			buf_free(&b);
			return e;
		}
		const char *index_no = r.nrows ? r.rows[0][0] : NULL, *status = r.nrows ? r.rows[0][1] : NULL;
		const char *url = exchange_url(req, pool_printf(req->pool, "n/%lld", ids[i]));
		jw_open(&w, NULL, '{');
		jw_int(&w, "id", ids[i]);
		jw_str(&w, "external_id", in[i].external_id);
		jw_str(&w, "result", created[i] ? "created" : kept[i] ? "not_applied" : "updated");
		jw_str(&w, "status", status);
		jw_str(&w, "index_no", index_no);
		jw_str(&w, "url", status && strcmp(status, "published") == 0 ? url : NULL);
		jw_str(&w, "api_url", status && strcmp(status, "published") == 0
		                          ? exchange_url(req, pool_printf(req->pool, "api/notices/%lld", ids[i]))
		                          : NULL);
		if (kept[i])
			not_applied(&w, status);
		jw_close(&w, '}');
		if (count == 1 && created[i])
			location = url;
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	buf_putc(&b, '\n');
	respond_json(req, ncreated > 0 ? 201 : 200, &b);
	if (location != NULL)
		request_header(req, "Location", location);
	return XE_OK;
}

/* 4. All in one transaction, each change with its audit entry. */
struct push_tx {
	struct request *req;
	const struct pusher *who;
	const struct notice_in *in;
	size_t count;
	long long *ids;
	bool *created, *kept; /* kept: a withdrawn notice, left as it is */
};

static enum xerr push_tx(struct db *db, void *ctx)
{
	struct push_tx *t = ctx;
	enum xerr e = XE_OK;
	/* Afresh on every run: notice_save takes an id it is given for the notice to update. */
	memset(t->ids, 0, t->count * sizeof *t->ids);
	memset(t->created, 0, t->count * sizeof *t->created);
	memset(t->kept, 0, t->count * sizeof *t->kept);
	if (t->count >= PUSH_BULK_MIN)
		e = push_save_bulk(t->req, t->who, t->in, t->count, t->ids, t->created, t->kept);
	for (size_t i = 0; i < t->count && e == XE_OK && t->count < PUSH_BULK_MIN; i++)
		e = push_save(t->req, t->who, &t->in[i], &t->ids[i], &t->created[i], &t->kept[i]);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE push_tokens SET last_used_at = NOW() WHERE id = ?", "i", t->who->token_id);
	return e;
}

enum xerr api_push(struct request *req)
{
	struct pusher who = {0};
	enum xerr e = push_who(req, &who);
	if (e != XE_OK || req->responded)
		return e;
	struct push_body pb = {0};
	e = push_what(req, &pb);
	if (e != XE_OK || req->responded)
		return e;
	struct notice_in *in = pool_alloc(req->pool, pb.count * sizeof *in);
	e = push_check(req, &pb, in);
	if (e != XE_OK || req->responded)
		return e;

	struct push_tx t = {req, &who, in, pb.count, pool_alloc(req->pool, pb.count * sizeof *t.ids),
	                    pool_alloc(req->pool, pb.count * sizeof *t.created),
	                    pool_alloc(req->pool, pb.count * sizeof *t.kept)};
	e = db_transaction(req->db, push_tx, &t);
	if (e != XE_OK)
		return e; /* dispatch answers with the JSON error */
	return push_answer(req, in, pb.count, t.ids, t.created, t.kept);
}
