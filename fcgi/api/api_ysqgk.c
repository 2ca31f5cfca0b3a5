/* The disclosure-request API.
 *   POST /xxgk/{site}/api/requests  — files a request: a JSON object of strings (the form's field
 *        names), or the form's own urlencoded / multipart body (attachments under "attachments").
 *        201 {"tracking_no", "query_code", "received_on", "due_on", "provisional"}; bad input 400
 *        {"error", "field"}; too many or too large attachments 413, a file of another type 415;
 *        the per-address filing limit 429. Nothing is stored unless the answer is 201.
 *        An optional Idempotency-Key header (once, 1-64 of A-Z a-z 0-9 . _ : -) files once: sent again
 *        with the same key and content, the filing is refused with 409 {"error", "field", "tracking_no"} and
 *        a Location naming the request the key filed (the query code is not shown again). The
 *        key is mapped onto the web form's one-time nonce (ysqgk_key_nonce).
 *   GET  /xxgk/{site}/api/requests/{tracking_no}?query_code=…  — the applicant's view as JSON;
 *        404 alike for an unknown number and a wrong code; throttled per address (429). */
#include "server/handlers.h"
#include "core/exchange.h"
#include "core/crypto.h"
#include "core/mail.h"
#include "core/render.h"
#include "core/text.h"
#include "ysqgk/ysqgk_file.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_rules.h"
#include "ysqgk/ysqgk_throttle.h"
#include "ysqgk/ysqgk_token.h"
#include "ysqgk/ysqgk_view.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A JSON object of string fields into f. On failure: the error, a message and the field. */
static enum xerr json_to_form(struct request *req, struct form *f, const char **message, const char **field)
{
	json_error_t jerr;
	json_t *root = json_loadb((const char *)req->raw_body, req->raw_body_len, JSON_REJECT_DUPLICATES, &jerr);
	enum xerr e = XE_OK;
	*message = NULL;
	*field = NULL;
	if (root == NULL || !json_is_object(root)) {
		e = XE_BAD_REQUEST;
		*message = "请求内容不是有效的 JSON 对象（须为 UTF-8 编码，字段不能重复）。";
	}
	const char *key;
	json_t *value;
	if (e == XE_OK) {
		json_object_foreach(root, key, value) {
			bool known = false;
			for (enum ysqgk_field k = 0; k < YF__N; k++)
				known = known || strcmp(ysqgk_fields[k].name, key) == 0;
			if (!known) {
				e = XE_BAD_REQUEST;
				*message = "未知的字段。";
				*field = pool_strdup(req->pool, key);
				break;
			}
			if (json_is_null(value))
				continue;
			const char *s = json_string_value(value);
			if (s == NULL || !text_valid(s, json_string_length(value)) || strlen(s) != json_string_length(value)) {
				e = XE_BAD_REQUEST;
				*message = "应为文本字符串（不能含控制字符）。";
				*field = pool_strdup(req->pool, key);
				break;
			}
			form_add(req->pool, f, pool_strdup(req->pool, key), pool_strdup(req->pool, s));
		}
	}
	if (root != NULL)
		json_decref(root);
	return e;
}

/* 201 with the receipt: where the request is, and the query code shown this once. */
static void respond_receipt(struct request *req, const struct ysqgk_receipt *rc)
{
	char recv[11], due[11];
	format_date(rc->received_on, recv);
	format_date(rc->due_on, due);
	struct buf j;
	struct jw w;
	buf_init(&j);
	jw_init(&w, &j);
	jw_open(&w, NULL, '{');
	jw_str(&w, "tracking_no", rc->tracking_no);
	jw_str(&w, "query_code", rc->query_code);
	jw_str(&w, "received_on", recv);
	jw_str(&w, "due_on", due);
	jw_bool(&w, "provisional", rc->provisional);
	jw_close(&w, '}');
	buf_putc(&j, '\n');
	respond_json(req, 201, &j);
	request_header(req, "Location", pool_printf(req->pool, "%sapi/requests/%s", site_base(req), rc->tracking_no));
	request_header(req, "Cache-Control", "no-store");
}

/* The filing's body, JSON or a form's, as a form. */
static enum xerr parse_filing(struct request *req, struct form *f)
{
	const char *ct = req->content_type ? req->content_type : "", *message = NULL, *field = NULL;
	memset(f, 0, sizeof *f);
	enum xerr e = strncasecmp(ct, "application/json", 16) == 0 ? json_to_form(req, f, &message, &field)
	                                                            : ysqgk_parse_body(req, f, &message);
	if (e != XE_OK)
		respond_error(req, e, message, field);
	return e;
}

#define KEY_MAX 64

static int by_key_then_value(const void *a, const void *b)
{
	const struct kv *x = *(const struct kv *const *)a, *y = *(const struct kv *const *)b;
	int c = strcmp(x->key, y->key);
	return c != 0 ? c : strcmp(x->value, y->value);
}

/* What is filed, whatever its wrapping (JSON or a form, its fields' order, a multipart body's
 * boundary, which a client draws anew for every try): its fields and its files, as a digest. */
static const char *filing_digest(struct request *req, const struct form *f)
{
	const struct kv **fields = pool_alloc(req->pool, (f->n + 1) * sizeof *fields);
	for (size_t i = 0; i < f->n; i++)
		fields[i] = &f->fields[i];
	qsort(fields, f->n, sizeof *fields, by_key_then_value);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < f->n; i++)
		buf_printf(&b, "%zu:%s%zu:%s", strlen(fields[i]->key), fields[i]->key, strlen(fields[i]->value), fields[i]->value);
	for (size_t i = 0; i < f->nfiles; i++) {
		char sha[65];
		sha256_hex(f->files[i].data, f->files[i].len, sha);
		const char *name = f->files[i].filename ? f->files[i].filename : "";
		buf_printf(&b, "file:%zu:%s%s", strlen(name), name, sha);
	}
	char digest[65];
	sha256_hex(b.data != NULL ? b.data : "", b.len, digest);
	buf_free(&b);
	return pool_strdup(req->pool, digest);
}

/* The Idempotency-Key header: absent (*nonce NULL), or once, 1-64 of A-Z a-z 0-9 . _ : -, and
 * its nonce for what f files; else 400 answered. */
static enum xerr idempotency_nonce(struct request *req, const struct form *f, const char **nonce)
{
	const char *key = request_env(req, "HTTP_IDEMPOTENCY_KEY");
	*nonce = NULL;
	if (key == NULL)
		return XE_OK;
	/* Sent twice, the header reaches us as two parameters (nginx) or as one joined by ", "
	 * (Apache): either way the client named two filings, and filing under one of them would
	 * depend on the web server. */
	if (request_env_count(req, "HTTP_IDEMPOTENCY_KEY") > 1 || strchr(key, ',') != NULL) {
		respond_error(req, XE_BAD_REQUEST,
		              "请求带有不止一个 Idempotency-Key（请求头重复，或一个值里以逗号隔开了几个键）；每次申请只能带一个，申请没有提交。",
		              "Idempotency-Key");
		return XE_BAD_REQUEST;
	}
	size_t n = strlen(key);
	bool valid = n >= 1 && n <= KEY_MAX;
	for (const char *c = key; valid && *c; c++)
		valid = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '.' ||
		        *c == '_' || *c == ':' || *c == '-';
	if (!valid) {
		respond_error(req, XE_BAD_REQUEST, "Idempotency-Key 应为1至64个字母、数字或 . _ : - 字符。", "Idempotency-Key");
		return XE_BAD_REQUEST;
	}
	return ysqgk_key_nonce(req, key, filing_digest(req, f), nonce);
}

/* 409: the key filed already (a client's retry); the request it filed, by its number. */
static enum xerr respond_filed(struct request *req, const char *nonce)
{
	enum xerr e;
	const char *tracking_no = db_value(req->db, req->pool, &e,
	                                   "SELECT tracking_no FROM requests WHERE form_nonce = ? AND site_id = ?", "si",
	                                   nonce, req->site->id);
	if (e != XE_OK)
		return e;
	if (tracking_no == NULL)
		tracking_no = "";
	struct buf j;
	struct jw w;
	buf_init(&j);
	jw_init(&w, &j);
	jw_open(&w, NULL, '{');
	jw_str(&w, "error",
	       pool_printf(req->pool, "这个 Idempotency-Key 已经提交过申请（受理编号 %s），没有再次提交。查询码只在第一次提交的答复中给出。",
	                   tracking_no));
	jw_str(&w, "field", "Idempotency-Key");
	jw_str(&w, "tracking_no", tracking_no);
	jw_close(&w, '}');
	buf_putc(&j, '\n');
	respond_json(req, 409, &j);
	if (*tracking_no)
		request_header(req, "Location", pool_printf(req->pool, "%sapi/requests/%s", site_base(req), tracking_no));
	request_header(req, "Cache-Control", "no-store");
	return XE_OK;
}

enum xerr api_ysqgk_file(struct request *req)
{
	struct form f;
	enum xerr e = parse_filing(req, &f);
	if (e != XE_OK)
		return e;
	const char *nonce;
	if ((e = idempotency_nonce(req, &f, &nonce)) != XE_OK)
		return e;
	if (nonce != NULL) {
		const char *filed = db_value(req->db, req->pool, &e, "SELECT id FROM requests WHERE form_nonce = ?", "s", nonce);
		if (e != XE_OK)
			return e;
		if (filed != NULL)
			return respond_filed(req, nonce);
	}
	struct ysqgk_error err;
	struct ysqgk_in in;
	if (ysqgk_validate(req, &f, &in, &err, 1) > 0) {
		respond_error(req, err.status, pool_printf(req->pool, "%s%s。", err.label, err.message), err.field);
		return err.status;
	}
	in.channel = "online";
	in.received_on = req->today;
	in.form_nonce = nonce;
	struct ysqgk_throttled t;
	struct ysqgk_receipt rc;
	e = ysqgk_file_online(req, &in, &t, &rc);
	if (e == XE_TOO_MANY && t.over)
		return ysqgk_throttle_answer(req, &t);
	if (e == XE_CONFLICT && nonce != NULL) /* the same key at the same moment */
		return respond_filed(req, nonce);
	if (e != XE_OK)
		return e;
	mail_after_commit(req->db, &req->app->cfg, req->pool, rc.mail_id);
	respond_receipt(req, &rc);
	return XE_OK;
}

enum xerr api_ysqgk_show(struct request *req)
{
	struct ysqgk_throttled t;
	enum xerr e = ysqgk_throttle(req, YSQGK_LOOKUP, &t);
	if (e != XE_OK)
		return e;
	if (t.over)
		return ysqgk_throttle_answer(req, &t);
	long long id;
	e = ysqgk_lookup(req, req->path_args[0], request_param(req, "query_code"), &id);
	if (e != XE_OK)
		return e;
	if (id == 0) {
		respond_error(req, XE_NOT_FOUND, "受理编号或查询码不正确。", NULL);
		return XE_NOT_FOUND;
	}
	struct ysqgk_view v;
	if ((e = ysqgk_view_load(req, id, VIEW_REPLIES, &v)) != XE_OK)
		return e;
	struct buf j;
	buf_init(&j);
	ysqgk_view_json(&v, &j);
	respond_json(req, 200, &j);
	request_header(req, "Cache-Control", "no-store");
	return XE_OK;
}
