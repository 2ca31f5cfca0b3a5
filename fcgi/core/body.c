/* Disclosing bodies as records (see body.h). */
#include "core/body.h"
#include "core/exchange.h"
#include "core/render.h"
#include <stdlib.h>
#include <string.h>

const char *const body_receives_choices[] = {"0", "1", NULL};

const struct field_spec body_fields[BF__N] = {
	[BF_NAME] = {"name", FT_LINE, true, 200, 0, 0, NULL, "机关名称"},
	[BF_ADDRESS] = {"address", FT_LINE, false, 300, 0, 0, NULL, "地址"},
	[BF_POSTCODE] = {"postcode", FT_CODE, false, 10, 0, 0, NULL, "邮政编码"},
	[BF_PHONE] = {"phone", FT_PHONE, false, 64, 0, 0, NULL, "电话"},
	[BF_FAX] = {"fax", FT_PHONE, false, 64, 0, 0, NULL, "传真"},
	[BF_HOURS] = {"hours", FT_LINE, false, 200, 0, 0, NULL, "办公时间"},
	[BF_REVIEW_BODY] = {"review_body", FT_LINE, false, 200, 0, 0, NULL, "复议机关"},
	[BF_COURT] = {"court", FT_LINE, false, 200, 0, 0, NULL, "管辖法院"},
	[BF_SIGNATURE] = {"signature", FT_LINE, false, 200, 0, 0, NULL, "落款"},
	[BF_RECEIVES] = {"receives", FT_CHOICE, false, 0, 0, 0, body_receives_choices, "受理本站申请"},
};

/* The columns of a body's row, in body_field order after the id. */
#define BODY_COLS "id, name, address, postcode, phone, fax, hours, review_body, court, signature, receives"
enum body_col { C_ID, C_FIELDS };

const char *body_signature(const struct body *b)
{
	return b->signature != NULL && *b->signature ? b->signature : b->name;
}

static void from_row(char **w, struct body *b)
{
	char **f = w + C_FIELDS;
	*b = (struct body){
		.id = strtoll(w[C_ID], NULL, 10),
		.name = f[BF_NAME],
		.address = f[BF_ADDRESS],
		.postcode = f[BF_POSTCODE],
		.phone = f[BF_PHONE],
		.fax = f[BF_FAX],
		.hours = f[BF_HOURS],
		.review_body = f[BF_REVIEW_BODY],
		.court = f[BF_COURT],
		.signature = f[BF_SIGNATURE],
		.receives = strcmp(f[BF_RECEIVES], "1") == 0,
	};
}

static enum xerr one(enum xerr e, const struct db_result *r, struct body *out)
{
	if (e != XE_OK)
		return e;
	if (r->nrows == 0)
		return XE_NOT_FOUND;
	from_row(r->rows[0], out);
	return XE_OK;
}

enum xerr body_get(struct db *db, struct pool *p, long long site_id, long long id, struct body *out)
{
	struct db_result r;
	return one(db_query(db, p, &r, "SELECT " BODY_COLS " FROM bodies WHERE site_id = ? AND id = ?", "ii", site_id, id),
	           &r, out);
}

enum xerr body_named(struct db *db, struct pool *p, long long site_id, const char *name, struct body *out)
{
	struct db_result r;
	return one(db_query(db, p, &r, "SELECT " BODY_COLS " FROM bodies WHERE site_id = ? AND name = ?", "is", site_id,
	                    name ? name : ""),
	           &r, out);
}

enum xerr body_receiving(struct db *db, struct pool *p, long long site_id, struct body *out)
{
	struct db_result r;
	return one(db_query(db, p, &r, "SELECT " BODY_COLS " FROM bodies WHERE receives_site = ?", "i", site_id), &r, out);
}

enum xerr body_of_request(struct db *db, struct pool *p, long long site_id, long long request_id, struct body *out)
{
	enum xerr e;
	const char *assigned = db_value(db, p, &e, "SELECT assigned_body FROM requests WHERE id = ? AND site_id = ?", "ii",
	                                request_id, site_id);
	if (e != XE_OK)
		return e;
	return assigned ? body_named(db, p, site_id, assigned, out) : body_receiving(db, p, site_id, out);
}

enum xerr body_list(struct db *db, struct pool *p, long long site_id, struct body **out, size_t *n)
{
	struct db_result r;
	enum xerr e = db_query(db, p, &r, "SELECT " BODY_COLS " FROM bodies WHERE site_id = ? ORDER BY receives DESC, name",
	                       "i", site_id);
	if (e != XE_OK)
		return e;
	*n = r.nrows;
	*out = pool_alloc(p, (r.nrows + 1) * sizeof **out);
	for (size_t i = 0; i < r.nrows; i++)
		from_row(r.rows[i], &(*out)[i]);
	return XE_OK;
}

/* The fields in body_field order. */
static void values_of(const struct body *b, const char *v[BF__N])
{
	const char *f[BF__N] = {
		[BF_NAME] = b->name,       [BF_ADDRESS] = b->address,         [BF_POSTCODE] = b->postcode,
		[BF_PHONE] = b->phone,     [BF_FAX] = b->fax,                 [BF_HOURS] = b->hours,
		[BF_REVIEW_BODY] = b->review_body, [BF_COURT] = b->court,     [BF_SIGNATURE] = b->signature,
		[BF_RECEIVES] = body_receives_choices[b->receives],
	};
	memcpy(v, f, sizeof f);
}

void body_form(struct pool *p, const struct body *b, struct form *out)
{
	const char *v[BF__N];
	values_of(b, v);
	memset(out, 0, sizeof *out);
	for (int i = 0; i < BF__N; i++)
		if (v[i] != NULL && *v[i])
			form_add(p, out, body_fields[i].name, v[i]);
}

/* The parsed fields as a record (text fields absent: empty). */
static struct body parsed(const struct field_value *v)
{
	const char *t[BF__N];
	for (int i = 0; i < BF__N; i++)
		t[i] = v[i].text ? v[i].text : "";
	return (struct body){0,        t[BF_NAME],        t[BF_ADDRESS], t[BF_POSTCODE],  t[BF_PHONE],
	                     t[BF_FAX], t[BF_HOURS],       t[BF_REVIEW_BODY], t[BF_COURT], t[BF_SIGNATURE],
	                     v[BF_RECEIVES].text != NULL && v[BF_RECEIVES].num == 1};
}

static const char *image(struct pool *p, const struct body *b)
{
	const char *v[BF__N];
	values_of(b, v);
	struct buf out;
	struct jw w;
	buf_init(&out);
	jw_init(&w, &out);
	jw_open(&w, NULL, '{');
	for (int i = 0; i < BF_RECEIVES; i++)
		jw_str(&w, body_fields[i].name, v[i]);
	jw_bool(&w, "receives", b->receives);
	jw_close(&w, '}');
	return jw_finish(&w, p);
}

static enum xerr write_row(struct db *db, long long site_id, long long id, const struct body *b, long long *id_out)
{
	enum xerr e;
	if (b->receives && (e = db_exec(db, "UPDATE bodies SET receives = 0 WHERE site_id = ? AND id <> ? AND receives = 1",
	                                "ii", site_id, id)) != XE_OK)
		return e;
	if (id == 0) {
		e = db_exec(db,
		            "INSERT INTO bodies (site_id, name, address, postcode, phone, fax, hours, review_body, court, "
		            "signature, receives) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		            "isssssssssi", site_id, b->name, b->address, b->postcode, b->phone, b->fax, b->hours,
		            b->review_body, b->court, b->signature, (long long)b->receives);
		*id_out = e == XE_OK ? (long long)db_insert_id(db) : 0;
		return e;
	}
	*id_out = id;
	return db_exec(db,
	               "UPDATE bodies SET name = ?, address = ?, postcode = ?, phone = ?, fax = ?, hours = ?, "
	               "review_body = ?, court = ?, signature = ?, receives = ? WHERE site_id = ? AND id = ?",
	               "sssssssssiii", b->name, b->address, b->postcode, b->phone, b->fax, b->hours, b->review_body,
	               b->court, b->signature, (long long)b->receives, site_id, id);
}

enum xerr body_save(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                    const struct field_value *v, long long *id_out)
{
	struct body before, after = parsed(v);
	enum xerr e = id ? body_get(db, p, who->site_id, id, &before) : XE_OK;
	if (e == XE_OK)
		e = write_row(db, who->site_id, id, &after, id_out);
	if (e != XE_OK)
		return e;
	struct audit_entry a = *who;
	a.action = id ? "body.set" : "body.add";
	a.subject = "body";
	a.subject_id = *id_out;
	a.before_json = id ? image(p, &before) : NULL;
	a.after_json = image(p, &after);
	return audit_write(db, &a);
}

xmlNodePtr body_xml(xmlNodePtr parent, const char *element, const struct body *b)
{
	static const char *const attrs[BF__N] = {
		[BF_NAME] = "name", [BF_ADDRESS] = "address", [BF_POSTCODE] = "postcode", [BF_PHONE] = "phone",
		[BF_FAX] = "fax", [BF_HOURS] = "hours", [BF_REVIEW_BODY] = "review-body", [BF_COURT] = "court",
		[BF_SIGNATURE] = "signature", [BF_RECEIVES] = "receives",
	};
	const char *v[BF__N];
	values_of(b, v);
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)element, NULL);
	xml_attr_int(n, "id", b->id);
	for (int i = 0; i < BF__N; i++)
		xml_attr(n, attrs[i], v[i]);
	xml_attr(n, "signature-line", body_signature(b));
	return n;
}

struct store_tx {
	struct pool *p;
	const struct audit_entry *who;
	long long id;
	const struct field_value *v;
	long long *id_out;
};

static enum xerr store_tx(struct db *db, void *ctx)
{
	struct store_tx *t = ctx;
	return body_save(db, t->p, t->who, t->id, t->v, t->id_out);
}

enum xerr body_store(struct db *db, struct pool *p, const struct audit_entry *who, long long id,
                     const struct field_value *v, long long *id_out)
{
	struct store_tx t = {p, who, id, v, id_out};
	return db_transaction(db, store_tx, &t);
}
