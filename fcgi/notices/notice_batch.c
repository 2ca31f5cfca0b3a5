#include "notices/notice_batch.h"
#include "core/audit.h"
#include "core/crypto.h"
#include "core/exchange.h"
#include "core/text.h"
#include "notices/catalog.h"
#include "notices/push.h"
#include "notices/search.h"
#include <stdlib.h>
#include <string.h>

/* The record as the audit log keeps it (the push API's snapshot): the columns of the look-up's
 * row from B_EXTERNAL_ID on, in this order. */
enum batch_col {
	B_SEQ, B_ID, B_EXTERNAL_ID, B_TITLE, B_ISSUER, B_DOC_NUMBER, B_SUBJECT, B_FORMED_ON, B_PUBLISHED_AT, B_VALIDITY,
	B_CATEGORY, B_DECISION_KIND, B_STATUS, B_INDEX_NO, B_BODY_CHARS, B_BODY_SHA256, B_ITEMS, B__N
};
static const char *const snapshot_keys[B_INDEX_NO + 1] = {
	[B_EXTERNAL_ID] = "external_id", [B_TITLE] = "title", [B_ISSUER] = "issuer", [B_DOC_NUMBER] = "doc_number",
	[B_SUBJECT] = "subject", [B_FORMED_ON] = "formed_on", [B_PUBLISHED_AT] = "published_at",
	[B_VALIDITY] = "validity", [B_CATEGORY] = "category", [B_DECISION_KIND] = "decision_kind",
	[B_STATUS] = "status", [B_INDEX_NO] = "index_no",
};

struct batch {
	struct db *db;
	struct pool *p;
	const struct site *site;
	const struct notice_in *n;
	size_t count;
	const struct notice_batch_opts *o;
	struct notice_saved *out;
	const char **before; /* the audit snapshot of a notice that existed */
	const char **domain;
	bool *published;     /* published by this save */
	const char **push_event; /* publish or update for the trading platforms (push.h); NULL: none */
	const char **items_json, **attachment_count; /* the notice page's copies (NULL count: kept) */
	const char **issuer_was; /* an existing notice's issuer before the save (NULL: a new notice) */
	const char **body_id;    /* a new notice's issuing body (NULL: none) */
	const char *now;
};

static const char *snapshot_json(struct pool *p, long long id, char *const *row)
{
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_int(&w, "id", id);
	for (size_t i = B_EXTERNAL_ID; i <= B_INDEX_NO; i++)
		jw_str(&w, snapshot_keys[i], row[i]);
	jw_raw(&w, "body_chars", row[B_BODY_CHARS]);
	jw_str(&w, "body_sha256", row[B_BODY_SHA256]);
	jw_raw(&w, "items", row[B_ITEMS]);
	jw_close(&w, '}');
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* A JSON array of strings (NULL: null), the one parameter of a JSON_TABLE look-up. Each look-up
 * goes from the list to its notices through uk_external (STRAIGHT_JOIN, FORCE INDEX): while a
 * site is small the optimizer reads the site's notices through another index and joins the list
 * to them, and under FOR UPDATE locks every notice it read. */
static const char *json_strings(struct pool *p, const char *const *v, size_t n)
{
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_open(&w, NULL, '[');
	for (size_t i = 0; i < n; i++)
		jw_str(&w, NULL, v[i]);
	jw_close(&w, ']');
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static const char *ext_of(const struct notice_in *n)
{
	return n->external_id != NULL && *n->external_id ? n->external_id : NULL;
}

bool notice_batch_keeps(const char *stored)
{
	return stored != NULL && (strcmp(stored, "withdrawn") == 0 || strcmp(stored, "pending") == 0);
}

const char *notice_batch_status(const char *stored, const char *asked)
{
	if (stored == NULL)
		return strcmp(asked, "published") == 0 ? "published" : "draft";
	if (notice_batch_keeps(stored) || strcmp(asked, "published") != 0)
		return stored;
	return "published";
}

enum xerr notice_batch_existing(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                                size_t count, long long *ids, const char **statuses)
{
	const char **ext = pool_alloc(p, (count + 1) * sizeof *ext);
	for (size_t i = 0; i < count; i++) {
		ext[i] = ext_of(&n[i]);
		ids[i] = 0;
		statuses[i] = NULL;
	}
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT j.seq, n.id, n.status FROM JSON_TABLE(?, '$[*]' COLUMNS (seq FOR ORDINALITY, "
	                       "ext VARCHAR(100) PATH '$')) j STRAIGHT_JOIN notices n FORCE INDEX (uk_external) "
	                       "ON n.site_id = ? AND n.external_id = j.ext",
	                       "si", json_strings(p, ext, count), site->id);
	for (size_t k = 0; e == XE_OK && k < r.nrows; k++) {
		size_t i = strtoull(r.rows[k][0], NULL, 10) - 1;
		if (i < count) {
			ids[i] = strtoll(r.rows[k][1], NULL, 10);
			statuses[i] = r.rows[k][2];
		}
	}
	return e;
}

/* 1. Which notices exist (by external id, locked), with what the save keeps and the audit's
 * record before. */
static enum xerr batch_lookup(struct batch *b)
{
	const char **ext = pool_alloc(b->p, b->count * sizeof *ext);
	for (size_t i = 0; i < b->count; i++)
		ext[i] = ext_of(&b->n[i]);
	struct db_result r;
	enum xerr e = db_query(
	    b->db, b->p, &r,
	    "SELECT j.seq, n.id, n.external_id, n.title, n.issuer, n.doc_number, n.subject, "
	    "DATE_FORMAT(n.formed_on, '%Y-%m-%d'), DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s'), n.validity, "
	    "n.category_code, n.decision_kind, n.status, n.index_no, CHAR_LENGTH(n.body), SHA2(n.body, 256), "
	    "(SELECT COUNT(*) FROM notice_items i WHERE i.notice_id = n.id) "
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (seq FOR ORDINALITY, ext VARCHAR(100) PATH '$')) j "
	    "STRAIGHT_JOIN notices n FORCE INDEX (uk_external) ON n.site_id = ? AND n.external_id = j.ext FOR UPDATE",
	    "si", json_strings(b->p, ext, b->count), b->site->id);
	for (size_t k = 0; e == XE_OK && k < r.nrows; k++) {
		char **row = r.rows[k];
		size_t i = strtoull(row[B_SEQ], NULL, 10) - 1;
		if (i >= b->count)
			return XE_INTERNAL;
		struct notice_saved *s = &b->out[i];
		s->id = strtoll(row[B_ID], NULL, 10);
		s->status = row[B_STATUS];
		b->push_event[i] = strcmp(row[B_STATUS], "published") == 0 ? "update" : "publish";
		s->index_no = row[B_INDEX_NO];
		s->published_at = row[B_PUBLISHED_AT];
		b->before[i] = snapshot_json(b->p, s->id, row);
		b->issuer_was[i] = row[B_ISSUER];
	}
	if (e == XE_OK)
		b->now = db_value(b->db, b->p, &e, "SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s')", "");
	return e;
}

/* "YYYY-MM-DD", "YYYY-MM-DD hh:mm:ss" or with a T: as the database writes it back. */
static const char *datetime_of(struct pool *p, const char *s)
{
	if (strlen(s) == 10)
		return pool_printf(p, "%s 00:00:00", s);
	char *r = pool_strdup(p, s);
	r[10] = ' ';
	return r;
}

/* Serials k of the site's counter for year, in one step: the first is *first. */
static enum xerr reserve_serials(struct batch *b, long long year, long long k, long long *first)
{
	enum xerr e = db_exec(b->db, "INSERT IGNORE INTO index_serials (site_id, year, last_serial) VALUES (?, ?, 0)", "ii",
	                      b->site->id, year);
	if (e == XE_OK)
		e = db_exec(b->db, "UPDATE index_serials SET last_serial = last_serial + ? WHERE site_id = ? AND year = ?",
		            "iii", k, b->site->id, year);
	const char *last = e == XE_OK ? db_value(b->db, b->p, &e,
	                                         "SELECT last_serial FROM index_serials WHERE site_id = ? AND year = ?",
	                                         "ii", b->site->id, year)
	                              : NULL;
	if (e == XE_OK && last == NULL)
		e = XE_INTERNAL;
	if (e == XE_OK)
		*first = strtoll(last, NULL, 10) - k + 1;
	return e;
}

/* 2. What each notice becomes: status, publication time and 索引号, as notice_save and
 * notice_publish would set them one by one (serials in the batch's order). */
static enum xerr batch_plan(struct batch *b)
{
	bool *needs = pool_alloc(b->p, b->count * sizeof *needs);
	for (size_t i = 0; i < b->count; i++) {
		const struct notice_in *n = &b->n[i];
		struct notice_saved *s = &b->out[i];
		memcpy((char *)b->domain[i], n->category_code, 3);
		s->created = s->id == 0;
		s->kept = !s->created && notice_batch_keeps(s->status);
		s->status = notice_batch_status(s->created ? NULL : s->status, n->status);
		b->published[i] = !s->kept && strcmp(n->status, "published") == 0;
		if (!b->published[i])
			continue;
		if (n->published_at != NULL && *n->published_at)
			s->published_at = datetime_of(b->p, n->published_at);
		else if (s->published_at == NULL)
			s->published_at = b->now;
		needs[i] = s->index_no == NULL;
	}
	for (size_t i = 0; i < b->count; i++) {
		if (!needs[i])
			continue;
		long long year = strtoll(b->out[i].published_at, NULL, 10), k = 0, serial = 0;
		for (size_t j = i; j < b->count; j++)
			k += needs[j] && strtoll(b->out[j].published_at, NULL, 10) == year;
		enum xerr e = b->o->ticket ? batch_claim(b->db, b->o->ticket, b->site->id, year, k, &serial)
		                           : reserve_serials(b, year, k, &serial);
		if (e != XE_OK)
			return e;
		for (size_t j = i; j < b->count; j++)
			if (needs[j] && strtoll(b->out[j].published_at, NULL, 10) == year) {
				b->out[j].index_no = index_number(b->p, b->site, (int)year, serial++);
				needs[j] = false;
			}
	}
	if (b->o->ticket)
		batch_claims_made(b->o->ticket);
	return XE_OK;
}

/* 3. The items as they are stored, in the notice's row (JSON), and the page's copy of the number
 * of attachments (NULL: kept). */
static enum xerr batch_copies(struct batch *b)
{
	for (size_t i = 0; i < b->count; i++) {
		b->items_json[i] = notice_items_json(b->p, &b->n[i]);
		size_t nfiles = b->o->nfiles ? b->o->nfiles[i] : 0;
		if (nfiles > 0 || b->out[i].created)
			b->attachment_count[i] = pool_printf(b->p, "%zu", nfiles);
	}
	return XE_OK;
}

static int compare_issuers(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	return strcmp(*a, *b);
}

/* The issuing body of each new notice (sql/060_bodies.sql: the site's body of the issuer's name,
 * or none), looked up once for each distinct issuer of the batch and bound in its INSERT: a batch
 * has few issuers, and a second write of every new row costs more than the notice's INSERT. Read
 * with a shared lock, as the UPDATE's subquery reads: a body being created meanwhile is waited for. */
static enum xerr batch_body_ids(struct batch *b)
{
	const char **issuers = pool_alloc(b->p, (b->count + 1) * sizeof *issuers);
	size_t m = 0;
	for (size_t i = 0; i < b->count; i++)
		if (b->out[i].created)
			issuers[m++] = b->n[i].issuer ? b->n[i].issuer : "";
	qsort(issuers, m, sizeof *issuers, compare_issuers);
	enum xerr e = XE_OK;
	for (size_t k = 0; k < m && e == XE_OK; k++) {
		if (k > 0 && strcmp(issuers[k], issuers[k - 1]) == 0)
			continue;
		const char *id = db_value(b->db, b->p, &e,
		                          "SELECT id FROM bodies WHERE site_id = ? AND name = ? LOCK IN SHARE MODE", "is",
		                          b->site->id, issuers[k]);
		for (size_t i = 0; i < b->count && e == XE_OK; i++)
			if (b->out[i].created && strcmp(b->n[i].issuer ? b->n[i].issuer : "", issuers[k]) == 0)
				b->body_id[i] = id;
	}
	return e;
}

/* The notices' fields as column arrays, for the indexes idx[0..m). */
struct columns {
	const char **title, **issuer, **doc_number, **subject, **formed_on, **validity, **domain, **category,
	    **decision_kind, **body, **status, **external_id, **index_no, **published_at, **items_json,
	    **attachment_count, **changed_on, **document_kind, **repealed_on, **body_id;
	long long *id, *site_id;
};

static void columns_of(struct batch *b, const size_t *idx, size_t m, struct columns *c)
{
	const char ***all[] = {&c->title, &c->issuer, &c->doc_number, &c->subject, &c->formed_on, &c->validity,
	                       &c->domain, &c->category, &c->decision_kind, &c->body, &c->status, &c->external_id,
	                       &c->index_no, &c->published_at, &c->items_json, &c->attachment_count, &c->changed_on,
	                       &c->document_kind, &c->repealed_on, &c->body_id};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		*all[k] = pool_alloc(b->p, (m + 1) * sizeof(char *));
	c->id = pool_alloc(b->p, (m + 1) * sizeof *c->id);
	c->site_id = pool_alloc(b->p, (m + 1) * sizeof *c->site_id);
	for (size_t k = 0; k < m; k++) {
		const struct notice_in *n = &b->n[idx[k]];
		const struct notice_saved *s = &b->out[idx[k]];
		c->title[k] = n->title;
		c->issuer[k] = n->issuer;
		c->body_id[k] = b->body_id[idx[k]];
		c->doc_number[k] = n->doc_number ? n->doc_number : "";
		c->subject[k] = n->subject ? n->subject : "";
		c->formed_on[k] = n->formed_on;
		c->validity[k] = n->validity;
		c->domain[k] = b->domain[idx[k]];
		c->category[k] = n->category_code;
		c->decision_kind[k] = n->decision_kind;
		c->changed_on[k] = n->changed_on && *n->changed_on ? n->changed_on : NULL;
		c->document_kind[k] = n->document_kind;
		c->repealed_on[k] = n->repealed_on && *n->repealed_on ? n->repealed_on : NULL;
		c->body[k] = n->body;
		c->status[k] = s->status;
		c->external_id[k] = ext_of(n);
		c->index_no[k] = s->index_no;
		c->published_at[k] = s->published_at;
		c->items_json[k] = b->items_json[idx[k]];
		c->attachment_count[k] = b->attachment_count[idx[k]];
		c->id[k] = s->id;
		c->site_id[k] = b->site->id;
	}
}

/* New notices without an external id are found again by a key of this batch's own, cleared
 * before the transaction ends. */
static enum xerr batch_insert(struct batch *b, const size_t *idx, size_t m)
{
	struct columns c;
	columns_of(b, idx, m, &c);
	char token[33];
	if (!random_hex(token, 16))
		return XE_INTERNAL;
	size_t ntransient = 0;
	for (size_t k = 0; k < m; k++)
		if (c.external_id[k] == NULL) {
			c.external_id[k] = pool_printf(b->p, "~%s:%zu", token, k);
			ntransient++;
		}
	enum xerr e = db_exec_array(
	    b->db,
	    "INSERT INTO notices (site_id, title, issuer, doc_number, subject, formed_on, validity, domain_code, "
	    "category_code, decision_kind, body, status, external_id, index_no, published_at, items_json, attachment_count, "
	    "changed_on, document_kind, repealed_on, issuer_body_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "issssssssssssssssssss", m, c.site_id, c.title, c.issuer, c.doc_number, c.subject, c.formed_on, c.validity,
	    c.domain, c.category, c.decision_kind, c.body, c.status, c.external_id, c.index_no, c.published_at,
	    c.items_json, c.attachment_count, c.changed_on, c.document_kind, c.repealed_on, c.body_id);
	struct db_result r;
	if (e == XE_OK)
		e = db_query(b->db, b->p, &r,
		             "SELECT j.seq, n.id FROM JSON_TABLE(?, '$[*]' COLUMNS (seq FOR ORDINALITY, "
		             "ext VARCHAR(100) PATH '$')) j STRAIGHT_JOIN notices n FORCE INDEX (uk_external) "
		             "ON n.site_id = ? AND n.external_id = j.ext",
		             "si", json_strings(b->p, c.external_id, m), b->site->id);
	if (e == XE_OK && r.nrows != m)
		e = XE_INTERNAL;
	long long *transient = pool_alloc(b->p, (ntransient + 1) * sizeof *transient);
	size_t t = 0;
	for (size_t k = 0; e == XE_OK && k < r.nrows; k++) {
		size_t j = strtoull(r.rows[k][0], NULL, 10) - 1;
		if (j >= m)
			return XE_INTERNAL;
		b->out[idx[j]].id = strtoll(r.rows[k][1], NULL, 10);
		if (ext_of(&b->n[idx[j]]) == NULL)
			transient[t++] = b->out[idx[j]].id;
	}
	if (e == XE_OK)
		e = db_exec_array(b->db, "UPDATE notices SET external_id = NULL WHERE id = ?", "i", t, transient);
	return e;
}

static enum xerr batch_update(struct batch *b, const size_t *idx, size_t m)
{
	struct columns c;
	columns_of(b, idx, m, &c);
	enum xerr e = db_exec_array(
	    b->db,
	    "UPDATE notices SET title = ?, issuer = ?, doc_number = ?, subject = ?, formed_on = ?, validity = ?, "
	    "domain_code = ?, category_code = ?, decision_kind = ?, body = ?, status = ?, index_no = ?, published_at = ?, "
	    "items_json = ?, attachment_count = COALESCE(?, attachment_count), changed_on = ?, document_kind = ?, "
	    "repealed_on = ? WHERE id = ?",
	    "ssssssssssssssssssi", m, c.title, c.issuer, c.doc_number, c.subject, c.formed_on, c.validity, c.domain,
	    c.category, c.decision_kind, c.body, c.status, c.index_no, c.published_at, c.items_json, c.attachment_count,
	    c.changed_on, c.document_kind, c.repealed_on, c.id);
	return e;
}

/* 4. The notices' own rows, new and existing. */
static enum xerr batch_notices(struct batch *b)
{
	size_t *fresh = pool_alloc(b->p, b->count * sizeof *fresh), *old = pool_alloc(b->p, b->count * sizeof *old);
	size_t nfresh = 0, nold = 0;
	for (size_t i = 0; i < b->count; i++) {
		if (b->out[i].created)
			fresh[nfresh++] = i;
		else if (!b->out[i].kept)
			old[nold++] = i;
	}
	enum xerr e = nfresh ? batch_insert(b, fresh, nfresh) : XE_OK;
	if (e == XE_OK && nold)
		e = batch_update(b, old, nold);
	return e;
}

/* The issuing body's record (sql/060_bodies.sql), as notice_save keeps it: a new notice (set by
 * its INSERT, which saves a second write of every new row), or an existing one whose issuer text
 * changed, refers to the site's body of that name, or to none; an unchanged text keeps its body,
 * renamed since or not. */
static enum xerr batch_bodies(struct batch *b)
{
	long long *id = pool_alloc(b->p, b->count * sizeof *id), *site = pool_alloc(b->p, b->count * sizeof *site);
	const char **issuer = pool_alloc(b->p, b->count * sizeof *issuer);
	size_t m = 0;
	for (size_t i = 0; i < b->count; i++) {
		const char *now = b->n[i].issuer ? b->n[i].issuer : "";
		if (!b->out[i].created && !b->out[i].kept &&
		    (b->issuer_was[i] == NULL || strcmp(b->issuer_was[i], now) != 0)) {
			id[m] = b->out[i].id;
			site[m] = b->site->id;
			issuer[m++] = now;
		}
	}
	if (m == 0)
		return XE_OK;
	return db_exec_array(b->db,
	                     "UPDATE notices SET issuer_body_id = (SELECT bd.id FROM bodies bd WHERE bd.site_id = ? AND "
	                     "bd.name = ?) WHERE id = ?",
	                     "isi", m, site, issuer, id);
}

/* 5. Attachments (the items are in the notice's row: sql/102_items_in_notice.sql). */
static enum xerr batch_files(struct batch *b)
{
	enum xerr e = XE_OK;
	for (size_t i = 0; i < b->count && e == XE_OK && b->o->files; i++) {
		if (b->o->nfiles[i] == 0 || b->out[i].kept)
			continue;
		e = db_exec(b->db, "DELETE FROM attachments WHERE notice_id = ?", "i", b->out[i].id);
		for (size_t j = 0; j < b->o->nfiles[i] && e == XE_OK; j++) {
			const struct notice_file *f = &b->o->files[i][j];
			char sha[65];
			sha256_hex(f->data, f->len, sha);
			e = db_exec(b->db,
			            "INSERT INTO attachments (notice_id, filename, mime, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?)",
			            "issisb", b->out[i].id, f->filename, f->mime, (long long)f->len, sha, f->data, f->len);
		}
	}
	return e;
}

/* 6. The column rows: written afresh for a published notice, the title kept level for an
 * existing one that is not (it stays where it was listed). */
static enum xerr batch_columns(struct batch *b)
{
	size_t max = 0, nold = 0, nkeep = 0;
	for (size_t i = 0; i < b->count; i++) {
		max += b->published[i] ? 16 : 0;
		nold += !b->out[i].created && b->published[i];
		nkeep += !b->out[i].created && !b->out[i].kept && !b->published[i];
	}
	long long *old = pool_alloc(b->p, (nold + 1) * sizeof *old), *keep = pool_alloc(b->p, (nkeep + 1) * sizeof *keep);
	const char **keep_title = pool_alloc(b->p, (nkeep + 1) * sizeof *keep_title);
	long long *site_id = pool_alloc(b->p, (max + 1) * sizeof *site_id), *id = pool_alloc(b->p, (max + 1) * sizeof *id);
	const char **code = pool_alloc(b->p, (max + 1) * sizeof *code), **when = pool_alloc(b->p, (max + 1) * sizeof *when),
	           **title = pool_alloc(b->p, (max + 1) * sizeof *title);
	size_t m = 0;
	nold = nkeep = 0;
	for (size_t i = 0; i < b->count; i++) {
		if (!b->published[i]) {
			if (!b->out[i].created && !b->out[i].kept) {
				keep[nkeep] = b->out[i].id;
				keep_title[nkeep++] = b->n[i].title;
			}
			continue;
		}
		if (!b->out[i].created)
			old[nold++] = b->out[i].id;
		char cols[16][64];
		size_t nc = catalog_columns(b->n[i].category_code, cols, 15);
		memcpy(cols[nc++], "*", 2);
		for (size_t c = 0; c < nc; c++, m++) {
			site_id[m] = b->site->id;
			code[m] = pool_strdup(b->p, cols[c]);
			when[m] = b->out[i].published_at;
			id[m] = b->out[i].id;
			title[m] = b->n[i].title;
		}
	}
	enum xerr e = db_exec_array(b->db, "DELETE FROM notice_columns WHERE notice_id = ?", "i", nold, old);
	if (e == XE_OK)
		e = db_exec_array(b->db, "UPDATE notice_columns SET title = ? WHERE notice_id = ?", "si", nkeep, keep_title, keep);
	if (e == XE_OK)
		e = db_exec_array(b->db,
		                  "INSERT INTO notice_columns (site_id, column_code, published_at, notice_id, title) "
		                  "VALUES (?, ?, ?, ?, ?)",
		                  "issis", m, site_id, code, when, id, title);
	return e;
}

/* The record after, from what was written (the body by length and digest). */
static const char *after_json(struct batch *b, size_t i)
{
	const struct notice_in *n = &b->n[i];
	const struct notice_saved *s = &b->out[i];
	char sha[65];
	sha256_hex(n->body, strlen(n->body), sha);
	size_t items = 0;
	for (size_t j = 0; j < n->nitems; j++)
		items += n->items[j].value != NULL && *n->items[j].value != '\0';
	char *row[B__N] = {0};
	const char *v[B__N] = {
	    [B_EXTERNAL_ID] = ext_of(n), [B_TITLE] = n->title, [B_ISSUER] = n->issuer,
	    [B_DOC_NUMBER] = n->doc_number ? n->doc_number : "", [B_SUBJECT] = n->subject ? n->subject : "",
	    [B_FORMED_ON] = n->formed_on, [B_PUBLISHED_AT] = s->published_at, [B_VALIDITY] = n->validity,
	    [B_CATEGORY] = n->category_code, [B_DECISION_KIND] = n->decision_kind, [B_STATUS] = s->status,
	    [B_INDEX_NO] = s->index_no, [B_BODY_CHARS] = pool_printf(b->p, "%zu", utf8_chars(n->body)),
	    [B_BODY_SHA256] = sha, [B_ITEMS] = pool_printf(b->p, "%zu", items)};
	memcpy(row, v, sizeof row);
	return snapshot_json(b->p, s->id, row);
}

/* 7. The search queue, the site's generation, and the audit log (of the notices written: a
 * withdrawn one left as it is has no change to record). */
static enum xerr batch_after(struct batch *b)
{
	long long *id = pool_alloc(b->p, b->count * sizeof *id);
	struct audit_entry *a = pool_alloc(b->p, b->count * sizeof *a);
	size_t m = 0;
	for (size_t i = 0; i < b->count; i++) {
		if (b->out[i].kept)
			continue;
		id[m] = b->out[i].id;
		a[m++] = (struct audit_entry){
		    .site_id = b->site->id,
		    .actor = b->o->actor,
		    .actor_ip = b->o->actor_ip,
		    .action = b->out[i].created ? "notice.create" : "notice.update",
		    .subject = "notice",
		    .subject_id = b->out[i].id,
		    .before_json = b->before[i],
		    .after_json = after_json(b, i),
		    .note = b->o->note,
		};
	}
	/* The rows every writer locks, from here to the commit: the serial counter first. */
	enum xerr e = b->o->ticket ? batch_claims_take(b->db, b->o->ticket, b->site->id) : XE_OK;
	/* Search index: queued INSIDE the caller's transaction (search.h); applied after commit. */
	if (e == XE_OK)
		e = search_mark_many(b->db, b->site->id, id, m);
	if (e == XE_OK)
		e = site_touch(b->db, b->site);
	/* The trading platforms: the published notices' outbox rows, in the same transaction. */
	long long *pushed = pool_alloc(b->p, b->count * sizeof *pushed);
	const char **events = pool_alloc(b->p, b->count * sizeof *events);
	size_t npushed = 0;
	for (size_t i = 0; i < b->count; i++)
		if (b->published[i]) {
			pushed[npushed] = b->out[i].id;
			events[npushed++] = b->push_event[i] ? b->push_event[i] : "publish";
		}
	if (e == XE_OK)
		e = push_mark_many(b->db, b->site->id, pushed, events, npushed);
	if (e == XE_OK)
		e = audit_write_many(b->db, b->p, a, m);
	return e;
}

enum xerr notice_save_batch(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                            size_t count, const struct notice_batch_opts *o, struct notice_saved *out)
{
	memset(out, 0, count * sizeof *out);
	if (count == 0)
		return XE_OK;
	struct batch b = {
	    .db = db, .p = p, .site = site, .n = n, .count = count, .o = o, .out = out,
	    .before = pool_alloc(p, count * sizeof(char *)),
	    .domain = pool_alloc(p, count * sizeof(char *)),
	    .published = pool_alloc(p, count * sizeof(bool)),
	    .push_event = pool_alloc(p, count * sizeof(char *)),
	    .items_json = pool_alloc(p, count * sizeof(char *)),
	    .attachment_count = pool_alloc(p, count * sizeof(char *)),
	    .issuer_was = pool_alloc(p, count * sizeof(char *)),
	    .body_id = pool_alloc(p, count * sizeof(char *)),
	};
	for (size_t i = 0; i < count; i++)
		b.domain[i] = pool_alloc(p, 4);
	enum xerr (*const steps[])(struct batch *) = {batch_lookup,  batch_plan,   batch_copies, batch_body_ids,
	                                              batch_notices, batch_bodies, batch_files,
	                                              batch_columns, batch_after};
	enum xerr e = XE_OK;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && e == XE_OK; i++)
		e = steps[i](&b);
	return e;
}
