/* POST /admin/requests/assign: several requests of the queue given to one body. Each is the
 * workflow's assignment step (ysqgk_workflow_apply: the one decision, its own transaction and
 * audit entry), so that one refused row leaves the others assigned; the queue comes back with
 * what was assigned and, for each refused row, why. */
#include "admin/admin_queue.h"
#include "core/render.h"
#include "server/handlers.h"
#include "ysqgk/ysqgk_workflow.h"
#include <string.h>

#define BATCH_MAX 200

enum batch_field { B_BODY, B__N };
static const struct field_spec batch_fields[B__N] = {
	[B_BODY] = {"body", FT_LINE, true, 200, 0, 0, NULL, "办理机构"},
};
static const struct field_spec id_field = {"id", FT_ID, true, 0, 0, 0, NULL, "申请"};

/* The ids ticked, each parsed as a declared FT_ID; false with *err on a bad one or too many. */
static bool ids_of(struct request *req, long long **ids, size_t *n, struct field_error *err)
{
	size_t count = form_count(&req->body, "id");
	if (count == 0 || count > BATCH_MAX) {
		*err = (struct field_error){"id", id_field.label,
		                            count ? "一次最多选择200件" : "请至少选择一件"};
		return false;
	}
	*ids = pool_alloc(req->pool, count * sizeof **ids);
	*n = 0;
	for (size_t i = 0; i < req->body.n; i++) {
		if (strcmp(req->body.fields[i].key, "id") != 0)
			continue;
		struct kv one = req->body.fields[i];
		struct form f = {.fields = &one, .n = 1, .cap = 1};
		struct field_value v;
		if (!field_parse(req->pool, &f, &id_field, &v, err))
			return false;
		(*ids)[(*n)++] = v.num;
	}
	return true;
}

/* One row of the outcome: the request, and why it was refused (NULL: assigned). */
static void add_outcome(struct request *req, xmlNodePtr batch, long long id, enum xerr e, const char *message)
{
	xmlNodePtr row = xmlNewChild(batch, NULL, (const xmlChar *)(e == XE_OK ? "assigned" : "refused"), NULL);
	xml_attr_int(row, "id", id);
	struct db_result r;
	if (db_query(req->db, req->pool, &r, "SELECT tracking_no FROM requests WHERE id = ? AND site_id = ?", "ii", id,
	             req->site->id) == XE_OK && r.nrows == 1)
		xml_attr(row, "tracking-no", r.rows[0][0]);
	if (e != XE_OK)
		xml_attr(row, "reason", message ? message : xerr_message_zh(e == XE_NOT_FOUND ? XE_FORBIDDEN : e));
}

enum xerr admin_queue_assign(struct request *req)
{
	static const struct field_value no_filters[QF__N];
	struct field_value v[B__N];
	struct field_error err;
	long long *ids = NULL;
	size_t n = 0;
	if (!form_parse(req->pool, &req->body, batch_fields, v, &err) || !ids_of(req, &ids, &n, &err)) {
		respond_error(req, XE_BAD_REQUEST, pool_printf(req->pool, "%s：%s。", err.label, err.message), err.field);
		return XE_OK;
	}
	xmlNodePtr batch = xmlNewNode(NULL, (const xmlChar *)"batch");
	xml_attr(batch, "body", v[B_BODY].text);
	size_t done = 0;
	for (size_t i = 0; i < n; i++) {
		struct ysqgk_step step = {.action = ACT_ASSIGN, .body = v[B_BODY].text, .note = "批量分配"};
		struct ysqgk_step_result out;
		const char *message = NULL;
		enum xerr e = ysqgk_workflow_apply(req, ids[i], &step, &out, &message);
		if (e != XE_OK && e != XE_FORBIDDEN && e != XE_CONFLICT && e != XE_BAD_REQUEST && e != XE_NOT_FOUND) {
			xmlFreeNode(batch);
			return e;
		}
		done += e == XE_OK;
		add_outcome(req, batch, ids[i], e, message);
	}
	xml_attr_int(batch, "assigned", (long long)done);
	xml_attr_int(batch, "refused", (long long)(n - done));
	if (done < n)
		req->status = done ? 200 : 403;
	return admin_ysqgk_queue_page(req, no_filters, batch);
}
