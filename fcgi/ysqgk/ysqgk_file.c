/* Filing a request (see ysqgk_file.h). */
#include "ysqgk/ysqgk_file.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "core/text.h"
#include "ysqgk/ysqgk_fees.h"
#include "ysqgk/ysqgk_lookup.h"
#include "ysqgk/ysqgk_mail.h"
#include "ysqgk/ysqgk_mask.h"
#include "ysqgk/ysqgk_pii.h"
#include <stdlib.h>
#include <string.h>

static const char *actor_of(struct request *req)
{
	if (req->user != NULL)
		return req->user->login;
	if (req->rest != NULL && str_has_prefix(req->rest, "api/"))
		return "api";
	return "public";
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *upper(struct pool *p, const char *s)
{
	char *r = pool_strdup(p, s);
	for (char *c = r; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 32);
	return r;
}

/* One counter row per key, incremented atomically; returns the new value through LAST_INSERT_ID. */
static enum xerr last_insert_id(struct request *req, long long *out)
{
	enum xerr e;
	const char *v = db_value(req->db, req->pool, &e, "SELECT LAST_INSERT_ID()", "");
	if (e == XE_OK && v == NULL)
		e = XE_INTERNAL;
	if (e == XE_OK)
		*out = strtoll(v, NULL, 10);
	return e;
}

/* The tracking number: a counter per site and year, never reused (a rollback gives it back unused). */
static enum xerr next_serial(struct request *req, int year, long long *serial)
{
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO request_serials (site_id, year, last_serial) VALUES (?, ?, LAST_INSERT_ID(1)) "
	                      "ON DUPLICATE KEY UPDATE last_serial = LAST_INSERT_ID(last_serial + 1)",
	                      "ii", req->site->id, (long long)year);
	return e == XE_OK ? last_insert_id(req, serial) : e;
}

/* The same applicant, for the per-request fee method: the identity document, or the
 * organisation's code, under the keyed hash (ysqgk_pii.h). */
static bool applicant_key_of(struct request *req, const struct keyring *keys, const struct ysqgk_in *in, char key[65])
{
	struct pool *p = req->pool;
	bool org = strcmp(in->applicant_type, "organization") == 0;
	const char *who = org ? pool_printf(p, "organization|%s", nz(in->org_code))
	                      : pool_printf(p, "person|%s|%s", nz(in->id_type), nz(in->id_number));
	return ysqgk_applicant_key(keys, who, key);
}

/* This request's place in the applicant's month with the body, by receipt date: filed late for
 * an earlier day, it moves the ones received after it. */
static enum xerr count_month(struct request *req, int32_t received_on, struct ysqgk_receipt *out)
{
	enum xerr e = ysqgk_fee_recount(req, out->id, received_on);
	const char *n = e == XE_OK ? db_value(req->db, req->pool, &e, "SELECT month_seq FROM requests WHERE id = ?", "i",
	                                      out->id)
	                           : NULL;
	out->month_seq = n ? strtoll(n, NULL, 10) : 0;
	return e;
}

/* The identity number, phone, e-mail and address are stored sealed, with their masks (ysqgk_pii.h). */
static enum xerr insert_row(struct request *req, const struct keyring *keys, const struct ysqgk_in *in, int year,
                            long long serial, const char *salt, const char *hash, const char *applicant_key,
                            struct ysqgk_receipt *out)
{
	char received[11];
	format_date(in->received_on, received);
	const char *plain[PII__N] = {in->id_number, in->phone, in->email, in->address};
	struct ysqgk_sealed s;
	enum xerr e = ysqgk_pii_seal(req->pool, keys, req->site->id, out->tracking_no, plain, &s);
	if (e != XE_OK)
		return e;
	e = db_exec(
	    req->db,
	    "INSERT INTO requests (site_id, tracking_no, year, serial, query_salt, query_hash, channel, "
	    "applicant_type, org_kind, name, org_code, legal_rep, contact, id_type, id_number, phone, email, "
	    "address, postcode, applicant_key, month_seq, description, doc_number, form, delivery, received_on, "
	    "status, form_nonce, pii_key, id_number_mask, phone_mask, email_mask, address_mask) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?)",
	    "isiissssssssssssssssissssssissss", req->site->id, out->tracking_no, (long long)year, serial, salt, hash,
	    in->channel, in->applicant_type, in->org_kind, in->name, nz(in->org_code), nz(in->legal_rep), nz(in->contact),
	    nz(in->id_type), s.value[PII_ID_NUMBER], s.value[PII_PHONE], s.value[PII_EMAIL], s.value[PII_ADDRESS],
	    nz(in->postcode), applicant_key, out->month_seq, in->description, nz(in->doc_number), in->form, in->delivery,
	    received, in->form_nonce, (long long)s.key_id, s.mask[PII_ID_NUMBER], s.mask[PII_PHONE], s.mask[PII_EMAIL],
	    s.mask[PII_ADDRESS]);
	if (e == XE_OK)
		out->id = (long long)db_insert_id(req->db);
	return e; /* XE_CONFLICT: this form was filed already */
}

/* The first step of the timeline, with the application's attachments. */
static enum xerr first_step(struct request *req, const struct ysqgk_in *in, long long id)
{
	char received[11];
	format_date(in->received_on, received);
	bool online = strcmp(in->channel, "online") == 0;
	const char *note = online ? "通过网上申请平台提交申请，系统确认收到。"
	                          : pool_printf(req->pool, "以%s方式提交的申请已登记。",
	                                        nz(ysqgk_label(&ysqgk_channels, in->channel)));
	enum xerr e = db_exec(req->db,
	                      "INSERT INTO request_events (request_id, on_date, actor, kind, status_to, note, applicant_note, "
	                      "visible) VALUES (?, ?, ?, ?, 'registered', '', ?, 1)",
	                      "issss", id, received, actor_of(req), online ? "filed" : "registered", note);
	long long event_id = (long long)db_insert_id(req->db);
	for (size_t i = 0; i < in->nfiles && e == XE_OK; i++) {
		const struct ysqgk_attachment *a = &in->files[i];
		char sum[65];
		sha256_hex(a->data, a->len, sum);
		e = db_exec(req->db,
		            "INSERT INTO request_attachments (request_id, event_id, kind, filename, mime, size, sha256, data, "
		            "visible_to_applicant, uploaded_by) VALUES (?, ?, 'application', ?, ?, ?, ?, ?, 0, ?)",
		            "iissisbs", id, event_id, a->filename, a->mime, (long long)a->len, sum, a->data, a->len,
		            actor_of(req));
	}
	return e;
}

/* The reply period from receipt: 20 working days (Art. 33), 15 for a request received while the
 * 2008 Regulation was in force (ysqgk_period_for). */
static enum xerr reply_deadline(struct request *req, const struct calendar *cal, int32_t received_on,
                                struct ysqgk_receipt *out)
{
	struct cal_result due = {0}; /* read below even when the store failed */
	long long deadline_id = 0;
	enum xerr e = deadline_store(req->db, cal, "request", out->id, "reply", received_on,
	                             ysqgk_period_for(received_on).reply_days, NULL, 0, &due, &deadline_id);
	if (e == XE_OK)
		e = db_exec(req->db, "UPDATE requests SET reply_deadline_id = ? WHERE id = ?", "ii", deadline_id, out->id);
	out->due_on = due.due;
	out->provisional = due.provisional;
	return e;
}

/* The audit entry's after-image: personal information only masked, as the audit trail is a log. */
static const char *audit_json(struct request *req, const struct ysqgk_in *in, const struct ysqgk_receipt *r)
{
	struct pool *p = req->pool;
	char recv[11], due[11];
	format_date(r->received_on, recv);
	format_date(r->due_on, due);
	struct buf b;
	struct jw w;
	buf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "tracking_no", r->tracking_no);
	jw_str(&w, "channel", in->channel);
	jw_str(&w, "applicant_type", in->applicant_type);
	jw_str(&w, "org_kind", nz(in->org_kind));
	jw_str(&w, "name", in->name);
	jw_str(&w, "org_code", nz(in->org_code));
	jw_str(&w, "id_type", nz(in->id_type));
	jw_str(&w, "id_number", ysqgk_mask_id(p, in->id_number));
	jw_str(&w, "phone", ysqgk_mask_phone(p, in->phone));
	jw_str(&w, "email", ysqgk_mask_email(p, in->email));
	jw_str(&w, "address", ysqgk_mask_address(p, in->address));
	jw_str(&w, "received_on", recv);
	jw_str(&w, "due_on", due);
	jw_bool(&w, "provisional", r->provisional);
	jw_int(&w, "month_seq", r->month_seq);
	jw_int(&w, "attachments", (long long)in->nfiles);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

enum xerr ysqgk_file(struct request *req, const struct ysqgk_in *in, struct ysqgk_receipt *out)
{
	struct pool *p = req->pool;
	memset(out, 0, sizeof *out);
	const struct calendar *cal = request_calendar(req);
	if (cal == NULL)
		return XE_UNAVAILABLE;
	int year;
	unsigned month, day;
	civil_from_days(in->received_on, &year, &month, &day);
	long long serial = 0;
	enum xerr e = next_serial(req, year, &serial);
	if (e != XE_OK)
		return e;
	out->tracking_no = pool_printf(p, "%s-%d-%05lld", upper(p, req->site->key), year, serial);
	/* The query code: shown once, stored as a salted hash. */
	char code[15], salt[33], hash[65], applicant_key[65];
	if (!ysqgk_new_code(code) || !random_hex(salt, 16))
		return XE_INTERNAL;
	ysqgk_code_hash(salt, code, hash);
	out->query_code = pool_strdup(p, code);
	out->received_on = in->received_on;
	/* The keys as the file has them now: a rotation may have added one since the worker started. */
	struct keyring spare;
	const struct keyring *keys = keyring_fresh(&req->app->keys, &spare);
	e = applicant_key_of(req, keys, in, applicant_key) ? XE_OK : XE_UNAVAILABLE;
	if (e == XE_OK)
		e = insert_row(req, keys, in, year, serial, salt, hash, applicant_key, out);
	keyring_wipe(&spare);
	if (e != XE_OK || (e = count_month(req, in->received_on, out)) != XE_OK ||
	    (e = first_step(req, in, out->id)) != XE_OK || (e = reply_deadline(req, cal, in->received_on, out)) != XE_OK ||
	    (e = audit_request(req, "request.file", "request", out->id, NULL, audit_json(req, in, out), NULL)) != XE_OK)
		return e;
	bool online = strcmp(in->channel, "online") == 0;
	return ysqgk_notify(req, out->id, online ? "filed" : "registered", NULL, &out->mail_id);
}

struct online_tx {
	struct request *req;
	const struct ysqgk_in *in;
	struct ysqgk_throttled *t;
	struct ysqgk_receipt *out;
};

static enum xerr online_tx(struct db *db, void *ctx)
{
	struct online_tx *o = ctx;
	(void)db; /* the request's own */
	enum xerr e = ysqgk_throttle(o->req, YSQGK_FILING, o->t);
	if (e != XE_OK)
		return e;
	if (o->t->over)
		return XE_TOO_MANY;
	return ysqgk_file(o->req, o->in, o->out);
}

enum xerr ysqgk_file_online(struct request *req, const struct ysqgk_in *in, struct ysqgk_throttled *t,
                            struct ysqgk_receipt *out)
{
	struct online_tx o = {req, in, t, out};
	memset(t, 0, sizeof *t);
	return db_transaction(req->db, online_tx, &o);
}
