/* Reviews and suits of a request (see ysqgk_review.h). */
#include "ysqgk/ysqgk_review.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_authz.h"
#include "ysqgk/ysqgk_token.h"
#include <stdlib.h>
#include <string.h>

const char *const ysqgk_review_kinds[] = {[REVIEW_REVIEW] = "review", [REVIEW_SUIT] = "suit",
                                          [REVIEW_SUIT_AFTER_REVIEW] = "suit-after-review", NULL};
const char *const ysqgk_review_results[] = {[RESULT_UPHELD] = "upheld", [RESULT_CORRECTED] = "corrected",
                                            [RESULT_OTHER] = "other", [RESULT_PENDING] = "pending", NULL};
const char *const ysqgk_review_kind_labels[] = {[REVIEW_REVIEW] = "行政复议",
                                                [REVIEW_SUIT] = "行政诉讼（未经复议直接起诉）",
                                                [REVIEW_SUIT_AFTER_REVIEW] = "行政诉讼（复议后起诉）", NULL};
const char *const ysqgk_review_result_labels[] = {[RESULT_UPHELD] = "结果维持", [RESULT_CORRECTED] = "结果纠正",
                                                  [RESULT_OTHER] = "其他结果", [RESULT_PENDING] = "尚未审结", NULL};

enum review_field { V_REVIEW, V_KIND, V_FILED_ON, V_DECIDED_ON, V_RESULT, V_NOTE, V__N };
static const struct field_spec review_fields[V__N] = {
	[V_REVIEW] = {"review", FT_ID, false, 0, 0, 0, NULL, "记录编号"},
	[V_KIND] = {"kind", FT_CHOICE, true, 0, 0, 0, ysqgk_review_kinds, "类型"},
	[V_FILED_ON] = {"filed_on", FT_DATE, true, 0, 0, 0, NULL, "申请复议或起诉日期"},
	[V_DECIDED_ON] = {"decided_on", FT_DATE, false, 0, 0, 0, NULL, "决定或裁判日期"},
	[V_RESULT] = {"result", FT_CHOICE, true, 0, 0, 0, ysqgk_review_results, "结果"},
	[V_NOTE] = {"note", FT_TEXT, false, 1000, 0, 0, NULL, "说明"},
};

/* The dates and the result agree: filed on or after the receipt and not after today; a result
 * other than pending has its decision day, on or after the filing and not after today. */
static const char *dates_wrong(struct request *req, const struct field_value *v, int32_t received)
{
	bool decided = v[V_DECIDED_ON].text != NULL;
	int32_t filed = (int32_t)v[V_FILED_ON].num, on = (int32_t)v[V_DECIDED_ON].num;
	if (filed < received || filed > req->today)
		return "申请复议或起诉日期应在收到申请之日以后、今天以前。";
	if (decided != (v[V_RESULT].num != RESULT_PENDING))
		return "已作出决定或裁判的，请填写日期并选择结果；尚未审结的，不填决定或裁判日期。";
	if (decided && (on < filed || on > req->today))
		return "决定或裁判日期应在申请复议或起诉日期以后、今天以前。";
	return NULL;
}

/* Inserts (with the form's one-time nonce: a second insert of the same form is a duplicate key,
 * XE_CONFLICT) or updates the record under the request's row lock, with its audit entry. */
static enum xerr store(struct request *req, long long id, const struct field_value *v, const char *nonce,
                       const char **message)
{
	const char *received_s;
	enum xerr e;
	received_s = db_value(req->db, req->pool, &e,
	                      "SELECT DATEDIFF(received_on, '1970-01-01') FROM requests WHERE id = ? AND site_id = ? FOR UPDATE",
	                      "ii", id, req->site->id);
	if (e != XE_OK || received_s == NULL)
		return e != XE_OK ? e : XE_NOT_FOUND;
	if ((e = ysqgk_authz_check(req, id, RIGHT_REVIEW, NULL, message)) != XE_OK)
		return e;
	if ((*message = dates_wrong(req, v, (int32_t)strtol(received_s, NULL, 10))) != NULL)
		return XE_BAD_REQUEST;
	const char *note = v[V_NOTE].text ? v[V_NOTE].text : "";
	long long rid = v[V_REVIEW].text ? v[V_REVIEW].num : 0;
	if (rid == 0) {
		e = db_exec(req->db,
		            "INSERT INTO request_reviews (request_id, kind, filed_on, decided_on, result, note, form_nonce, "
		            "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		            "isssssss", id, v[V_KIND].text, v[V_FILED_ON].text, v[V_DECIDED_ON].text, v[V_RESULT].text, note,
		            nonce, req->user->login);
		rid = e == XE_OK ? (long long)db_insert_id(req->db) : 0;
	} else {
		if (db_value(req->db, req->pool, &e, "SELECT id FROM request_reviews WHERE id = ? AND request_id = ?", "ii",
		             rid, id) == NULL) {
			*message = "该申请没有这条复议或诉讼记录。";
			return e != XE_OK ? e : XE_CONFLICT;
		}
		e = db_exec(req->db,
		            "UPDATE request_reviews SET kind = ?, filed_on = ?, decided_on = ?, result = ?, note = ? "
		            "WHERE id = ? AND request_id = ?",
		            "sssssii", v[V_KIND].text, v[V_FILED_ON].text, v[V_DECIDED_ON].text, v[V_RESULT].text, note, rid,
		            id);
	}
	if (e == XE_OK)
		e = audit_request(req, v[V_REVIEW].text ? "request.review_set" : "request.review_add", "request", id, NULL,
		                  form_json(req->pool, review_fields, v, V_KIND, V__N), ysqgk_review_kind_labels[v[V_KIND].num]);
	return e;
}

/* A record entered by mistake, deleted under the request's row lock by those who may (not the
 * staff who enter them: it leaves the annual report), with the record as it was and the reason
 * in its audit entry. */
enum delete_field { D_REVIEW, D_REASON, D__N };
static const struct field_spec delete_fields[D__N] = {
	[D_REVIEW] = {"review", FT_ID, true, 0, 0, 0, NULL, "记录编号"},
	[D_REASON] = {"reason", FT_TEXT, true, 500, 0, 0, NULL, "删除的理由"},
};

static enum xerr delete_record(struct request *req, long long id, const struct field_value *v, const char **message)
{
	enum xerr e;
	if (db_value(req->db, req->pool, &e, "SELECT id FROM requests WHERE id = ? AND site_id = ? FOR UPDATE", "ii", id,
	             req->site->id) == NULL)
		return e != XE_OK ? e : XE_NOT_FOUND;
	if ((e = ysqgk_authz_check(req, id, RIGHT_REVIEW_DELETE, NULL, message)) != XE_OK)
		return e;
	const char *before = db_value(
	    req->db, req->pool, &e,
	    "SELECT JSON_OBJECT('review', id, 'kind', kind, 'filed_on', DATE_FORMAT(filed_on, '%Y-%m-%d'), 'decided_on', "
	    "DATE_FORMAT(decided_on, '%Y-%m-%d'), 'result', result, 'note', note, 'created_by', created_by, 'created_at', "
	    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s')) FROM request_reviews WHERE id = ? AND request_id = ?",
	    "ii", v[D_REVIEW].num, id);
	if (e != XE_OK)
		return e;
	if (before == NULL) {
		*message = "该申请没有这条复议或诉讼记录（可能已被删除）。";
		return XE_CONFLICT;
	}
	e = db_exec(req->db, "DELETE FROM request_reviews WHERE id = ? AND request_id = ?", "ii", v[D_REVIEW].num, id);
	if (e == XE_OK)
		e = audit_request(req, "request.review_delete", "request", id, before, NULL, v[D_REASON].text);
	return e;
}

/* store() or delete_record() as db_transaction() runs it, again after a deadlock. */
struct store_tx {
	struct request *req;
	long long id;
	const struct field_value *v;
	const char *nonce; /* a new record's */
	bool delete;
	const char **message;
};

static enum xerr store_tx(struct db *db, void *ctx)
{
	struct store_tx *t = ctx;
	(void)db; /* the request's own */
	*t->message = NULL;
	return t->delete ? delete_record(t->req, t->id, t->v, t->message) : store(t->req, t->id, t->v, t->nonce, t->message);
}

/* The record this form stored already (a second click, the form sent again), as the refusal
 * names it. */
static const char *recorded_by(struct request *req, long long id, const char *nonce, enum xerr *e)
{
	struct db_result r;
	/* Only a record of this request is named: the token of another request's form names nothing. */
	*e = db_query(req->db, req->pool, &r,
	              "SELECT kind, DATE_FORMAT(filed_on, '%Y-%m-%d'), created_by, "
	              "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') FROM request_reviews WHERE form_nonce = ? AND request_id = ?",
	              "si", nonce, id);
	if (*e != XE_OK || r.nrows == 0)
		return "这份表单已经提交过，没有再次记录。";
	char **w = r.rows[0];
	int k = 0;
	while (ysqgk_review_kinds[k] != NULL && strcmp(ysqgk_review_kinds[k], w[0]) != 0)
		k++;
	return pool_printf(req->pool,
	                   "这份表单已经提交过：%s于%s记录了%s（%s申请或起诉），没有再次记录。如需再记录一件，请刷新页面后填写。",
	                   w[2], w[3], ysqgk_review_kinds[k] ? ysqgk_review_kind_labels[k] : w[0], w[1]);
}

/* A new record's form: its one-time token, genuine (as the public form's, ysqgk_token.h; the
 * fill-time and age limits are the public form's, not the staff's). */
static enum xerr form_nonce(struct request *req, const char **nonce, const char **message)
{
	enum token_state ts;
	enum xerr e = ysqgk_check_token(req, form_get(&req->body, "form_token"), &ts, nonce);
	if (e == XE_OK && ts == TOKEN_BAD) {
		*message = "表单已失效：请刷新申请页面后重新填写。";
		e = XE_BAD_REQUEST;
	}
	return e;
}

enum xerr ysqgk_review_save(struct request *req, long long id, const char **message)
{
	struct field_value v[V__N], d[D__N];
	struct field_error err;
	*message = NULL;
	const char *action = form_get(&req->body, "action");
	bool delete = action != NULL && strcmp(action, "delete") == 0;
	if (delete ? !form_parse(req->pool, &req->body, delete_fields, d, &err)
	           : !form_parse(req->pool, &req->body, review_fields, v, &err)) {
		*message = pool_printf(req->pool, "%s%s。", err.label, err.message);
		return XE_BAD_REQUEST;
	}
	const char *nonce = NULL;
	enum xerr e;
	if (!delete && v[V_REVIEW].text == NULL && (e = form_nonce(req, &nonce, message)) != XE_OK)
		return e;
	struct store_tx t = {req, id, delete ? d : v, nonce, delete, message};
	e = db_transaction(req->db, store_tx, &t);
	if (e == XE_CONFLICT && nonce != NULL && *message == NULL) { /* the nonce's unique key */
		enum xerr q;
		*message = recorded_by(req, id, nonce, &q);
		if (q != XE_OK)
			return q;
	}
	return e;
}

static int index_of(const char *const *names, const char *v)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return 0;
}

enum xerr ysqgk_review_xml(struct request *req, xmlNodePtr parent, long long id)
{
	enum { R_ID, R_KIND, R_FILED, R_DECIDED, R_RESULT, R_NOTE };
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT id, kind, DATE_FORMAT(filed_on, '%Y-%m-%d'), DATE_FORMAT(decided_on, '%Y-%m-%d'), "
	                       "result, note FROM request_reviews WHERE request_id = ? ORDER BY filed_on, id",
	                       "i", id);
	if (e != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(parent, NULL, (const xmlChar *)"reviews", NULL);
	const char *token; /* the new record's form: single-use */
	if ((e = ysqgk_form_token(req, &token)) != XE_OK)
		return e;
	xml_attr(list, "token", token);
	struct ysqgk_authz az;
	if ((e = ysqgk_authz_load(req, id, &az)) != XE_OK)
		return e;
	if (ysqgk_authz_decide(&az, RIGHT_REVIEW_DELETE) == AZ_ALLOWED)
		xml_attr(list, "may-delete", "1");
	for (size_t i = 0; i < r.nrows; i++) {
		char **w = r.rows[i];
		xmlNodePtr n = xmlNewChild(list, NULL, (const xmlChar *)"review", NULL);
		xml_attr(n, "id", w[R_ID]);
		xml_attr(n, "kind", w[R_KIND]);
		xml_attr(n, "kind-label", ysqgk_review_kind_labels[index_of(ysqgk_review_kinds, w[R_KIND])]);
		xml_attr(n, "filed-on", w[R_FILED]);
		xml_attr(n, "decided-on", w[R_DECIDED]);
		xml_attr(n, "result", w[R_RESULT]);
		xml_attr(n, "result-label", ysqgk_review_result_labels[index_of(ysqgk_review_results, w[R_RESULT])]);
		xml_attr(n, "note", w[R_NOTE]);
	}
	return XE_OK;
}
