/* The staff's part of an annual report (see ysqgk_annual_texts.h). */
#include "ysqgk/ysqgk_annual_texts.h"
#include "core/audit.h"
#include "core/body.h"
#include "core/calendar.h"
#include "core/exchange.h"
#include "core/text.h"
#include "notices/notice_form.h"
#include "notices/notice_store.h"
#include <stdlib.h>
#include <string.h>

enum text_field { X_OVERVIEW, X_PROBLEMS, X_OTHER, X_FEES, X_LICENSING, X_PENALTY, X_ENFORCEMENT, X__N };
static const struct field_spec text_fields[X__N] = {
	[X_OVERVIEW] = {"overview", FT_TEXT, false, 20000, 0, 0, NULL, "一、总体情况"},
	[X_PROBLEMS] = {"problems", FT_TEXT, false, 20000, 0, 0, NULL, "五、存在的主要问题及改进情况"},
	[X_OTHER] = {"other", FT_TEXT, false, 20000, 0, 0, NULL, "六、其他需要报告的事项"},
	[X_FEES] = {"fees_wan", FT_LINE, false, 20, 0, 0, NULL, "行政事业性收费（万元）"},
	[X_LICENSING] = {"licensing", FT_INT, false, 0, 0, 100000000, NULL, "行政许可决定数量"},
	[X_PENALTY] = {"penalty", FT_INT, false, 0, 0, 100000000, NULL, "行政处罚决定数量"},
	[X_ENFORCEMENT] = {"enforcement", FT_INT, false, 0, 0, 100000000, NULL, "行政强制决定数量"},
};

/* 万元 as the form gives it: digits, at most one point and four decimals. */
static bool wan_ok(const char *s)
{
	size_t digits = 0, decimals = 0;
	bool point = false;
	for (; *s; s++) {
		if (*s == '.' && !point)
			point = true;
		else if (*s >= '0' && *s <= '9')
			point ? decimals++ : digits++;
		else
			return false;
	}
	return digits >= 1 && digits <= 8 && decimals <= 4;
}

static const char *texts_json(struct pool *p, const struct field_value *v)
{
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	for (int i = 0; i < X__N; i++)
		jw_str(&w, text_fields[i].name, v[i].text ? v[i].text : "");
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static enum xerr store_texts(struct request *req, const struct ysqgk_annual_scope *scope, int year,
                             const struct field_value *v)
{
	enum xerr e = db_exec(
	    req->db,
	    "INSERT INTO annual_reports (scope, year, overview, problems, other, fees_wan, licensing_n, penalty_n, "
	    "enforcement_n, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "overview = VALUES(overview), problems = VALUES(problems), other = VALUES(other), fees_wan = VALUES(fees_wan), "
	    "licensing_n = VALUES(licensing_n), penalty_n = VALUES(penalty_n), enforcement_n = VALUES(enforcement_n), "
	    "updated_by = VALUES(updated_by)",
	    "sissssssss", scope->key, (long long)year, v[X_OVERVIEW].text ? v[X_OVERVIEW].text : "",
	    v[X_PROBLEMS].text ? v[X_PROBLEMS].text : "", v[X_OTHER].text ? v[X_OTHER].text : "", v[X_FEES].text,
	    v[X_LICENSING].text, v[X_PENALTY].text, v[X_ENFORCEMENT].text, req->user->login);
	const char *id = e == XE_OK ? db_value(req->db, req->pool, &e,
	                                        "SELECT id FROM annual_reports WHERE scope = ? AND year = ?", "si",
	                                        scope->key, (long long)year)
	                            : NULL;
	if (e == XE_OK)
		e = audit_request(req, "annual_report.set", "annual_report", id ? strtoll(id, NULL, 10) : 0, NULL,
		                  texts_json(req->pool, v), pool_printf(req->pool, "%s %d年度", scope->name, year));
	return e;
}

/* store_texts() as db_transaction() runs it, again after a deadlock. */
struct texts_tx {
	struct request *req;
	const struct ysqgk_annual_scope *scope;
	int year;
	const struct field_value *v;
};

static enum xerr texts_tx(struct db *db, void *ctx)
{
	struct texts_tx *t = ctx;
	(void)db; /* the request's own */
	return store_texts(t->req, t->scope, t->year, t->v);
}

enum xerr ysqgk_annual_texts_save(struct request *req, const struct ysqgk_annual_scope *scope, int year,
                                  const char **message)
{
	struct field_value v[X__N];
	struct field_error err;
	*message = NULL;
	if (!form_parse(req->pool, &req->body, text_fields, v, &err)) {
		*message = pool_printf(req->pool, "%s%s。", err.label, err.message);
		return XE_BAD_REQUEST;
	}
	if (v[X_FEES].text != NULL && !wan_ok(v[X_FEES].text)) {
		*message = "行政事业性收费应为以万元计的金额，如 12.5，最多四位小数。";
		return XE_BAD_REQUEST;
	}
	struct texts_tx t = {req, scope, year, v};
	return db_transaction(req->db, texts_tx, &t);
}

/* The issuing body: the scope's, or the site's receiving body for a site's report. */
static enum xerr issuer_of(struct request *req, const struct ysqgk_annual_report *r, struct body *b,
                           const char **message)
{
	enum xerr e = r->scope.kind == ANNUAL_BODY ? body_get(req->db, req->pool, req->site->id, r->scope.body_id, b)
	                                           : body_receiving(req->db, req->pool, req->site->id, b);
	if (e == XE_NOT_FOUND) {
		*message = "本站没有受理申请的机关，无法确定发布机构：请先在“机关”中设置。";
		e = XE_CONFLICT;
	}
	return e;
}

static enum xerr make_notice(struct request *req, const struct ysqgk_annual_report *r, const char *category,
                             long long *nid, const char **message)
{
	struct body b;
	enum xerr e = issuer_of(req, r, &b, message);
	if (e != XE_OK)
		return e;
	struct buf text;
	buf_init(&text);
	ysqgk_annual_report_text(r, &text);
	char today[11];
	format_date(req->today, today);
	struct notice_in n = {
		.title = pool_printf(req->pool, "%s%d年度政府信息公开工作年度报告", r->scope.name, r->year),
		.issuer = b.name,
		.formed_on = pool_strdup(req->pool, today),
		.category_code = category,
		.status = "draft",
		.body = pool_strdup(req->pool, buf_cstr(&text)),
	};
	buf_free(&text);
	const char *field;
	if (!notice_validate(req->app, req->pool, req->site, &n, &field, message))
		return XE_BAD_REQUEST;
	*nid = 0;
	const char *image = notice_json(req->pool, &n, "draft");
	if ((e = notice_save(req->db, req->pool, req->site, &n, nid)) == XE_OK)
		e = db_exec(req->db, "INSERT INTO notice_versions (notice_id, version, actor, snapshot) VALUES (?, 1, ?, ?)",
		            "iss", *nid, req->user->login, image);
	if (e == XE_OK)
		e = db_exec(req->db,
		            "INSERT INTO annual_reports (scope, year, overview, problems, other, notice_id, updated_by) "
		            "VALUES (?, ?, '', '', '', ?, ?) ON DUPLICATE KEY UPDATE notice_id = VALUES(notice_id)",
		            "siis", r->scope.key, (long long)r->year, *nid, req->user->login);
	if (e == XE_OK)
		e = audit_request(req, "notice.create", "notice", *nid, NULL, image,
		                  pool_printf(req->pool, "由%d年度政府信息公开工作年度报告生成", r->year));
	return e;
}

/* make_notice() as db_transaction() runs it, again after a deadlock. */
struct notice_tx {
	struct request *req;
	const struct ysqgk_annual_report *r;
	const char *category;
	long long *notice_id;
	const char **message;
};

static enum xerr notice_tx(struct db *db, void *ctx)
{
	struct notice_tx *t = ctx;
	(void)db; /* the request's own */
	*t->message = NULL;
	return make_notice(t->req, t->r, t->category, t->notice_id, t->message);
}

enum xerr ysqgk_annual_to_notice(struct request *req, const struct ysqgk_annual_report *r, const char *category,
                                 long long *notice_id, const char **message)
{
	*message = NULL;
	if (r->scope.kind == ANNUAL_ALL || r->scope.site_id != req->site->id) {
		*message = "只有本站或本站机关的年度报告可以生成本站的公开信息。";
		return XE_CONFLICT;
	}
	struct notice_tx t = {req, r, category, notice_id, message};
	return db_transaction(req->db, notice_tx, &t);
}
