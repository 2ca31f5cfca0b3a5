/* Applicants' personal data at rest (see ysqgk_pii.h). */
#include "ysqgk/ysqgk_pii.h"
#include "core/mail.h"
#include "ysqgk/ysqgk_mask.h"
#include <stdlib.h>
#include <string.h>

static const char *const columns[PII__N] = {"id_number", "phone", "email", "address"};
static const char *(*const masks[PII__N])(struct pool *, const char *) = {ysqgk_mask_id, ysqgk_mask_phone,
                                                                         ysqgk_mask_email, ysqgk_mask_address};
/* Rows a transaction of the reseal takes. */
#define RESEAL_BATCH 200

/* Binds a value to its request and column: moved to another row or column, it does not open. */
static const char *aad_of(struct pool *p, long long site_id, const char *tracking_no, enum pii_field f)
{
	return pool_printf(p, "requests|%s|%lld|%s", columns[f], site_id, tracking_no);
}

enum xerr ysqgk_pii_seal(struct pool *p, const struct keyring *k, long long site_id, const char *tracking_no,
                         const char *const plain[PII__N], struct ysqgk_sealed *out)
{
	const struct data_key *key = k ? keyring_current(k) : NULL;
	if (key == NULL)
		return XE_UNAVAILABLE;
	out->key_id = key->id;
	for (int f = 0; f < PII__N; f++) {
		const char *v = plain[f] ? plain[f] : "";
		out->value[f] = seal_text(p, key, aad_of(p, site_id, tracking_no, (enum pii_field)f), v);
		out->mask[f] = masks[f](p, v);
		if (out->value[f] == NULL)
			return XE_INTERNAL;
	}
	return XE_OK;
}

const char *ysqgk_pii_open(struct pool *p, const struct keyring *k, const char *pii_key, long long site_id,
                           const char *tracking_no, enum pii_field f, const char *stored)
{
	unsigned id = pii_key ? (unsigned)strtoul(pii_key, NULL, 10) : 0;
	if (id == 0)
		return stored ? stored : "";
	if (k == NULL)
		return NULL;
	const struct data_key *key = keyring_find(k, id);
	struct keyring spare;
	const struct keyring *now = key == NULL ? keyring_fresh(k, &spare) : NULL;
	if (now != NULL)
		key = keyring_find(now, id);
	const char *r = seal_open(p, key, aad_of(p, site_id, tracking_no, f), stored);
	if (now != NULL)
		keyring_wipe(&spare);
	return r;
}

const char *ysqgk_pii_shown(struct pool *p, const struct keyring *k, bool full, const char *pii_key, long long site_id,
                            const char *tracking_no, enum pii_field f, const char *stored, const char *mask)
{
	if (full)
		return ysqgk_pii_open(p, k, pii_key, site_id, tracking_no, f, stored);
	if (pii_key == NULL || strcmp(pii_key, "0") == 0)
		return masks[f](p, stored);
	return mask ? mask : "";
}

bool ysqgk_applicant_key(const struct keyring *k, const char *identity, char out[65])
{
	return k != NULL && seal_mac_hex(&k->index, identity, strlen(identity), out);
}

/* ---- sealing what is in clear or under an older key ---- */

enum reseal_col { RC_ID, RC_SITE, RC_TRACKING, RC_KEY, RC_FIELDS, RC_IDENTITY = RC_FIELDS + PII__N, RC_APPLICANT };

/* A row in clear had its applicant key as a plain SHA-256: the applicant's requests take the keyed
 * one (the monthly count, requests.month_seq, is per key and stays as it was). */
static enum xerr move_counts(struct db *db, const struct keyring *k, char **w)
{
	char key[65];
	if (!ysqgk_applicant_key(k, w[RC_IDENTITY], key))
		return XE_UNAVAILABLE;
	if (strcmp(key, w[RC_APPLICANT]) == 0)
		return XE_OK; /* moved with an earlier row of the same applicant */
	return db_exec(db, "UPDATE requests SET applicant_key = ? WHERE site_id = ? AND applicant_key = ?", "sis", key,
	               strtoll(w[RC_SITE], NULL, 10), w[RC_APPLICANT]);
}

static enum xerr reseal_request(struct db *db, struct pool *p, const struct keyring *k, char **w, FILE *log)
{
	long long site = strtoll(w[RC_SITE], NULL, 10);
	const char *plain[PII__N];
	for (int f = 0; f < PII__N; f++) {
		plain[f] = ysqgk_pii_open(p, k, w[RC_KEY], site, w[RC_TRACKING], (enum pii_field)f, w[RC_FIELDS + f]);
		if (plain[f] == NULL) {
			if (log != NULL)
				fprintf(log, "request %s (%s): its %s does not open under data key %s: is that key in the file?\n",
				        w[RC_ID], w[RC_TRACKING], columns[f], w[RC_KEY]);
			return XE_CONFLICT;
		}
	}
	struct ysqgk_sealed s;
	enum xerr e = ysqgk_pii_seal(p, k, site, w[RC_TRACKING], plain, &s);
	bool clear = strcmp(w[RC_KEY], "0") == 0;
	if (e == XE_OK && clear)
		e = move_counts(db, k, w);
	if (e == XE_OK)
		e = db_exec(db,
		            "UPDATE requests SET id_number = ?, phone = ?, email = ?, address = ?, id_number_mask = ?, "
		            "phone_mask = ?, email_mask = ?, address_mask = ?, pii_key = ? WHERE id = ?",
		            "ssssssssii", s.value[PII_ID_NUMBER], s.value[PII_PHONE], s.value[PII_EMAIL],
		            s.value[PII_ADDRESS], s.mask[PII_ID_NUMBER], s.mask[PII_PHONE], s.mask[PII_EMAIL],
		            s.mask[PII_ADDRESS], (long long)s.key_id, strtoll(w[RC_ID], NULL, 10));
	return e;
}

static enum xerr reseal_requests(struct db *db, struct pool *p, const struct keyring *k, long long batch, size_t *n,
                                 FILE *log)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT id, site_id, tracking_no, pii_key, id_number, phone, email, address, "
	                       "IF(applicant_type = 'organization', CONCAT('organization|', org_code), "
	                       "CONCAT('person|', id_type, '|', id_number)), applicant_key "
	                       "FROM requests WHERE pii_key <> ? ORDER BY id LIMIT ? FOR UPDATE",
	                       "ii", (long long)keyring_current(k)->id, batch);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++)
		e = reseal_request(db, p, k, r.rows[i], log);
	*n = e == XE_OK ? r.nrows : 0;
	return e;
}

static enum xerr reseal_outbox(struct db *db, struct pool *p, const struct keyring *k, long long batch, size_t *n,
                               FILE *log)
{
	const struct data_key *cur = keyring_current(k);
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT id, COALESCE(site_id, 0), COALESCE(request_id, 0), pii_key, to_addr FROM outbox "
	                       "WHERE pii_key <> ? ORDER BY id LIMIT ? FOR UPDATE",
	                       "ii", (long long)cur->id, batch);
	for (size_t i = 0; e == XE_OK && i < r.nrows; i++) {
		char **w = r.rows[i];
		long long site = strtoll(w[1], NULL, 10), req = strtoll(w[2], NULL, 10);
		const char *to = mail_open_to(p, k, w[3], site, req, w[4]);
		const char *sealed = to ? mail_seal_to(p, k, site, req, to) : NULL;
		if (sealed == NULL) {
			if (log != NULL)
				fprintf(log, "outbox %s: its address does not open under data key %s\n", w[0], w[3]);
			return XE_CONFLICT;
		}
		e = db_exec(db, "UPDATE outbox SET to_addr = ?, pii_key = ? WHERE id = ?", "sii", sealed, (long long)cur->id,
		            strtoll(w[0], NULL, 10));
	}
	*n = e == XE_OK ? r.nrows : 0;
	return e;
}

enum xerr ysqgk_pii_reseal(struct db *db, const struct keyring *k, long long max, long long *done, FILE *log)
{
	*done = 0;
	if (keyring_current(k) == NULL || !k->index.set)
		return XE_UNAVAILABLE;
	enum xerr (*const passes[])(struct db *, struct pool *, const struct keyring *, long long, size_t *, FILE *) = {
	    reseal_requests, reseal_outbox};
	enum xerr e = XE_OK;
	for (size_t pass = 0; pass < 2 && e == XE_OK; pass++) {
		size_t n = 1;
		while (e == XE_OK && n > 0 && (max == 0 || *done < max)) {
			long long batch = max == 0 || max - *done > RESEAL_BATCH ? RESEAL_BATCH : max - *done;
			struct pool *p = pool_new();
			e = db_begin(db);
			if (e == XE_OK)
				e = passes[pass](db, p, k, batch, &n, log);
			if (e == XE_OK)
				e = db_commit(db);
			else
				db_rollback(db);
			pool_free(p);
			*done += e == XE_OK ? (long long)n : 0;
		}
	}
	return e;
}

enum xerr ysqgk_pii_pending(struct db *db, const struct keyring *k, long long *rows)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *v = db_value(db, p, &e,
	                         "SELECT (SELECT COUNT(*) FROM requests WHERE pii_key <> ?) + "
	                         "(SELECT COUNT(*) FROM outbox WHERE pii_key <> ?)",
	                         "ii", (long long)keyring_current(k)->id, (long long)keyring_current(k)->id);
	*rows = v ? strtoll(v, NULL, 10) : 0;
	pool_free(p);
	return e;
}

enum xerr ysqgk_pii_key_used(struct db *db, unsigned id, bool *used)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *v = db_value(db, p, &e,
	                         "SELECT EXISTS (SELECT 1 FROM requests WHERE pii_key = ?) OR "
	                         "EXISTS (SELECT 1 FROM outbox WHERE pii_key = ?)",
	                         "ii", (long long)id, (long long)id);
	*used = v == NULL || strcmp(v, "0") != 0;
	pool_free(p);
	return e;
}
