/* The disclosing bodies (机关) of a site as records (sql/060_bodies.sql): the name lists and
 * letters show, the contact block a receipt gives, the review body (复议机关) and the court a
 * letter's remedies name, the signature line, and which body receives the site's requests. One
 * declared field table serves the console's form and xxgkctl body. Elsewhere a body's name is
 * its display text and refers to the record (a rename follows through the foreign keys). */
#ifndef XXGK_BODY_H
#define XXGK_BODY_H
#include "core/audit.h"
#include "core/db.h"
#include "core/parse.h"
#include <libxml/tree.h>

enum body_field {
	BF_NAME, BF_ADDRESS, BF_POSTCODE, BF_PHONE, BF_FAX, BF_HOURS, BF_REVIEW_BODY, BF_COURT, BF_SIGNATURE,
	BF_RECEIVES, BF__N
};
extern const struct field_spec body_fields[BF__N];
/* The values of BF_RECEIVES, indexed: "0" no, "1" yes. */
extern const char *const body_receives_choices[];

struct body {
	long long id;
	const char *name, *address, *postcode, *phone, *fax, *hours, *review_body, *court, *signature;
	bool receives;
};

/* The signature line: the signature given, else the name. */
const char *body_signature(const struct body *b);

/* Each answers XE_NOT_FOUND when the site has no such body. */
enum xerr body_get(struct db *db, struct pool *p, long long site_id, long long id, struct body *out);
enum xerr body_named(struct db *db, struct pool *p, long long site_id, const char *name, struct body *out);
enum xerr body_receiving(struct db *db, struct pool *p, long long site_id, struct body *out);
/* The body that answers request id: the one it is assigned to, else the site's receiving body. */
enum xerr body_of_request(struct db *db, struct pool *p, long long site_id, long long request_id, struct body *out);
/* Every body of the site, by name. */
enum xerr body_list(struct db *db, struct pool *p, long long site_id, struct body **out, size_t *n);

/* A body's fields as a form, to change some of them and parse the whole again. */
void body_form(struct pool *p, const struct body *b, struct form *out);
/* Saves the parsed fields as body id of the site (0: a new body) in the caller's transaction,
 * with its audit entry ("body.add" or "body.set", who's site, actor and address); a body that
 * receives takes that over from the site's other bodies. XE_CONFLICT: the site has a body of that
 * name already. */
enum xerr body_save(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                    const struct field_value *v, long long *id_out);
/* body_save in a transaction of its own, run again after a deadlock (db_transaction). */
enum xerr body_store(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                     const struct field_value *v, long long *id_out);
/* The record as an element named element under parent, its fields as attributes. */
xmlNodePtr body_xml(xmlNodePtr parent, const char *element, const struct body *b);

#endif
