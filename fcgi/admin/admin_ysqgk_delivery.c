/* Delivery of the answer (送达): POST /admin/requests/{id}/delivery records how the answer
 * reached the applicant (邮寄 with its postal tracking number, 当面, 电子邮件, 传真, 在线) and on which
 * day; the case page lists them. Recorded by those who may answer the request (ysqgk_authz.h),
 * once it is answered; the row, a "delivered" event on the timeline and the audit entry are one
 * transaction. The status does not change: delivery is a fact about the answer, not a step. */
#include "admin/admin_delivery.h"
#include "core/audit.h"
#include "core/render.h"
#include "core/text.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_authz.h"
#include <string.h>

enum delivery_method { DM_POST, DM_IN_PERSON, DM_EMAIL, DM_FAX, DM_ONLINE };
static const char *const methods[] = {[DM_POST] = "post", [DM_IN_PERSON] = "in-person", [DM_EMAIL] = "email",
                                      [DM_FAX] = "fax", [DM_ONLINE] = "online", NULL};
static const char *const method_labels[] = {"邮寄", "当面", "电子邮件", "传真", "在线"};

enum delivery_field { D_METHOD, D_ON, D_TRACKING, D_NOTE, D__N };
static const struct field_spec delivery_fields[D__N] = {
	[D_METHOD] = {"method", FT_CHOICE, true, 0, 0, 0, methods, "送达方式"},
	[D_ON] = {"delivered_on", FT_DATE, true, 0, 0, 0, NULL, "送达日期"},
	[D_TRACKING] = {"tracking_no", FT_CODE, false, 40, 0, 0, NULL, "邮件号"},
	[D_NOTE] = {"note", FT_LINE, false, 500, 0, 0, NULL, "说明"},
};

static bool answered(const char *status)
{
	return strcmp(status, "answered") == 0 || strcmp(status, "closed") == 0;
}

/* Those who may answer the request may record its delivery, whatever its status now. */
static bool may_record(const struct ysqgk_authz *az)
{
	enum ysqgk_verdict v = ysqgk_authz_decide(az, ACT_ANSWER);
	return v == AZ_ALLOWED || v == AZ_STATUS;
}

enum xerr admin_delivery_xml(struct request *req, xmlNodePtr rn, long long id, const struct ysqgk_authz *az)
{
	struct db_result r;
	enum xerr e = db_query(req->db, req->pool, &r,
	                       "SELECT method, DATE_FORMAT(delivered_on, '%Y-%m-%d'), tracking_no, note, recorded_by "
	                       "FROM request_deliveries WHERE request_id = ? ORDER BY delivered_on, id",
	                       "i", id);
	if (e != XE_OK)
		return e;
	xmlNodePtr list = xmlNewChild(rn, NULL, (const xmlChar *)"deliveries", NULL);
	if (may_record(az) && answered(az->status))
		xml_attr(list, "may-record", "1");
	for (size_t m = 0; methods[m] != NULL; m++)
		xml_attr(xml_add(list, "method", method_labels[m]), "code", methods[m]);
	static const char *const cols[] = {"method", "on", "tracking-no", "note", "by"};
	for (size_t i = 0; i < r.nrows; i++) {
		xmlNodePtr d = xml_add_row(list, "delivery", r.rows[i], cols, FIELDS_OF(cols));
		for (size_t m = 0; methods[m] != NULL; m++)
			if (strcmp(methods[m], r.rows[i][0]) == 0)
				xml_attr(d, "method-label", method_labels[m]);
	}
	return XE_OK;
}

/* The date and tracking number against the request: the reason for a refusal, or NULL. */
static const char *check(struct request *req, const struct field_value *v, const char *answered_on)
{
	char on[11];
	format_date((int32_t)v[D_ON].num, on);
	if (v[D_ON].num > req->today)
		return "送达日期不能晚于今天。";
	if (answered_on != NULL && strcmp(on, answered_on) < 0)
		return pool_printf(req->pool, "送达日期不能早于答复日期（%s）。", answered_on);
	if (v[D_METHOD].num == DM_POST && v[D_TRACKING].text == NULL)
		return "邮寄送达请填写邮件号。";
	return NULL;
}

struct delivery {
	struct request *req;
	long long id;
	const struct field_value *v;
	const char *note;
};

static enum xerr store_tx(struct db *db, void *ctx)
{
	const struct delivery *d = ctx;
	const struct field_value *v = d->v;
	const char *by = d->req->user->login;
	enum xerr e = db_exec(db,
	                      "INSERT INTO request_deliveries (request_id, method, delivered_on, tracking_no, note, recorded_by) "
	                      "VALUES (?, ?, ?, ?, ?, ?)",
	                      "isssss", d->id, v[D_METHOD].text, v[D_ON].text, v[D_TRACKING].text ? v[D_TRACKING].text : "",
	                      v[D_NOTE].text ? v[D_NOTE].text : "", by);
	if (e == XE_OK)
		e = db_exec(db,
		            "INSERT INTO request_events (request_id, on_date, actor, kind, note, visible) "
		            "VALUES (?, ?, ?, 'delivered', ?, 0)",
		            "isss", d->id, v[D_ON].text, by, d->note);
	if (e == XE_OK)
		e = audit_request(d->req, "request.deliver", "request", d->id, NULL,
		                  form_json(d->req->pool, delivery_fields, v, D_METHOD, D__N), d->note);
	return e;
}

static enum xerr store(struct request *req, long long id, const struct field_value *v)
{
	const char *label = method_labels[v[D_METHOD].num];
	const char *note = pool_printf(req->pool, "%s送达%s%s%s%s", label, v[D_TRACKING].text ? "，邮件号" : "",
	                               v[D_TRACKING].text ? v[D_TRACKING].text : "", v[D_NOTE].text ? "；" : "",
	                               v[D_NOTE].text ? v[D_NOTE].text : "");
	struct delivery d = {req, id, v, note};
	return db_transaction(req->db, store_tx, &d);
}

enum xerr admin_ysqgk_deliver(struct request *req)
{
	long long id;
	struct ysqgk_authz az;
	if (!request_path_id(req, 0, &id))
		return XE_NOT_FOUND;
	enum xerr e = ysqgk_authz_load(req, id, &az);
	if (e != XE_OK)
		return e;
	if (ysqgk_authz_decide(&az, RIGHT_SEE) != AZ_ALLOWED)
		return XE_NOT_FOUND;
	if (!may_record(&az))
		return admin_ysqgk_refused(req, id, "deliver", XE_FORBIDDEN, "您不能为该申请记录送达。");
	if (!answered(az.status))
		return admin_ysqgk_refused(req, id, "deliver", XE_CONFLICT, "申请尚未答复，不能记录送达。");
	struct field_value v[D__N];
	struct field_error err;
	if (!form_parse(req->pool, &req->body, delivery_fields, v, &err))
		return admin_ysqgk_refused(req, id, "deliver", XE_BAD_REQUEST,
		                           pool_printf(req->pool, "%s%s。", err.label, err.message));
	struct db_result r;
	if ((e = db_query(req->db, req->pool, &r,
	                  "SELECT DATE_FORMAT(answered_on, '%Y-%m-%d') FROM requests WHERE id = ?", "i", id)) != XE_OK)
		return e;
	const char *why = check(req, v, r.nrows ? r.rows[0][0] : NULL);
	if (why != NULL)
		return admin_ysqgk_refused(req, id, "deliver", XE_BAD_REQUEST, why);
	if ((e = store(req, id, v)) != XE_OK)
		return e;
	respond_redirect(req, pool_printf(req->pool, "%sadmin/requests/%lld?done=deliver#delivery-h", site_base(req), id));
	return XE_OK;
}
