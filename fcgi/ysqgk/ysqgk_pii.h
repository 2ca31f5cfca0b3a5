/* Applicants' personal data at rest: the identity number, phone, e-mail and postal address of a
 * request are stored sealed (core/seal.h) with the id of the data key in requests.pii_key, beside
 * their masks in clear for lists and for staff who may not see them in full (ysqgk_authz.h:
 * RIGHT_CONTACT). Who "the same applicant" is, for the monthly count, is a keyed hash of the
 * identity: a plain hash of an identity number is found again by trying every number.
 * Rows written before migration 045 have pii_key 0 and their values in clear until
 * ysqgk_pii_reseal() seals them (xxgkctl migrate, keys init and keys rotate run it). */
#ifndef XXGK_YSQGK_PII_H
#define XXGK_YSQGK_PII_H
#include "core/db.h"
#include "core/seal.h"
#include <stdio.h>

enum pii_field { PII_ID_NUMBER, PII_PHONE, PII_EMAIL, PII_ADDRESS, PII__N };

struct ysqgk_sealed {
	unsigned key_id;
	const char *value[PII__N]; /* as stored */
	const char *mask[PII__N];
};

/* Seals plain (NULL counts as "") for the request tracking_no of site_id. XE_UNAVAILABLE: no key. */
enum xerr ysqgk_pii_seal(struct pool *p, const struct keyring *k, long long site_id, const char *tracking_no,
                         const char *const plain[PII__N], struct ysqgk_sealed *out);
/* One field as the applicant gave it, from its stored value and the row's pii_key (0: in clear);
 * NULL when it does not open (a changed value, or a key no longer in the file). */
const char *ysqgk_pii_open(struct pool *p, const struct keyring *k, const char *pii_key, long long site_id,
                           const char *tracking_no, enum pii_field f, const char *stored);
/* What the console shows of a field: opened when full (NULL when it does not open), otherwise
 * its stored mask (made from the value for a row in clear). */
const char *ysqgk_pii_shown(struct pool *p, const struct keyring *k, bool full, const char *pii_key, long long site_id,
                            const char *tracking_no, enum pii_field f, const char *stored, const char *mask);
/* The applicant's key (64 hex) from the identity's text; false without the index key. */
bool ysqgk_applicant_key(const struct keyring *k, const char *identity, char out[65]);

/* Seals under the current data key every request and outbox row that is in clear or under
 * another key, a batch per transaction (an interruption loses nothing; running it again goes
 * on); *done: rows sealed, at most max (0: every one). Rows in clear also get their masks and
 * keyed applicant keys. */
enum xerr ysqgk_pii_reseal(struct db *db, const struct keyring *k, long long max, long long *done, FILE *log);
/* Rows sealed under a key other than the current one, or in clear. */
enum xerr ysqgk_pii_pending(struct db *db, const struct keyring *k, long long *rows);
/* Whether any row is sealed under data key id. */
enum xerr ysqgk_pii_key_used(struct db *db, unsigned id, bool *used);

#endif
