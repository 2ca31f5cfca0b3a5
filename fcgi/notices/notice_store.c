#include "notices/notice_store.h"
#include "notices/catalog.h"
#include "notices/push.h"
#include "cache/page_copies.h"
#include "notices/search.h"
#include "core/exchange.h"
#include "core/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The notice page's copy (sql/011_notice_page_row.sql) of the number of the notice n's
 * attachments, computed as the migration computes it. */
#define ATTACHMENT_COUNT_OF_N "(SELECT COUNT(*) FROM attachments a WHERE a.notice_id = n.id)"

static int compare_items(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	return strcmp(a[0], b[0]);
}

const char *notice_items_json(struct pool *p, const struct notice_in *n)
{
	const char *(*items)[3] = pool_alloc(p, (n->nitems + 1) * sizeof *items);
	size_t k = 0;
	for (size_t j = 0; j < n->nitems; j++)
		if (n->items[j].value != NULL && *n->items[j].value != '\0') {
			items[k][0] = n->items[j].code;
			items[k][1] = n->items[j].label ? n->items[j].label : "";
			items[k++][2] = n->items[j].value;
		}
	if (k == 0)
		return NULL;
	qsort(items, k, sizeof *items, compare_items);
	struct buf doc;
	buf_init(&doc);
	struct jw w;
	jw_init(&w, &doc);
	jw_open(&w, NULL, '[');
	for (size_t j = 0; j < k; j++) {
		jw_open(&w, NULL, '[');
		for (size_t c = 0; c < 3; c++)
			jw_str(&w, NULL, items[j][c]);
		jw_close(&w, ']');
	}
	jw_close(&w, ']');
	const char *r = pool_strdup(p, buf_cstr(&doc));
	buf_free(&doc);
	return r;
}

static bool check_len(const char *v, size_t max, bool required, const char *name, const char **field,
                      const char **message)
{
	if (v == NULL || *v == '\0' || text_blank(v)) {
		if (required) {
			*field = name;
			*message = "必须填写";
			return false;
		}
		return true;
	}
	if (!text_valid(v, strlen(v))) {
		*field = name;
		*message = "含有无效字符";
		return false;
	}
	if (utf8_chars(v) > max) {
		*field = name;
		*message = "内容过长";
		return false;
	}
	return true;
}

static bool valid_datetime(const char *s)
{
	/* "YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss" */
	char date[11];
	int32_t d;
	size_t n = strlen(s);
	if (n != 10 && n != 19)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!parse_date(date, &d))
		return false;
	if (n == 19) {
		if (s[10] != ' ' && s[10] != 'T')
			return false;
		if (s[13] != ':' || s[16] != ':')
			return false;
		for (int i = 11; i < 19; i++)
			if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
				return false;
		if ((s[11] - '0') * 10 + (s[12] - '0') > 23 || (s[14] - '0') * 10 + (s[15] - '0') > 59 ||
		    (s[17] - '0') * 10 + (s[18] - '0') > 59)
			return false;
	}
	return true;
}

/* A publication from 1970-01-02 (the feeds, the API and OCDS give times as seconds since
 * 1970, which MariaDB counts only from then) to tomorrow in Beijing (a CMS's clock a little
 * ahead): a date later than that is a mistake that would head every list, and beyond 2038 the
 * same seconds run out. */
static bool published_in_range(const char *s)
{
	char date[11];
	int32_t d;
	memcpy(date, s, 10);
	date[10] = '\0';
	return parse_date(date, &d) && d >= days_from_civil(1970, 1, 2) && d <= today_local() + 1;
}

/* A document is formed before it is published: a formation date after the publication showed
 * beside it on the page, and the timeliness counted from it came out negative. The published
 * date is checked on its own (published_in_range); here only its day counts. A draft may wait
 * for a document not yet signed: its date is checked when it is published. */
static bool formed_in_range(int32_t formed, const struct notice_in *n)
{
	bool draft = n->status != NULL && strcmp(n->status, "draft") == 0;
	int32_t last = draft ? INT32_MAX : today_local() + 1;
	char day[11];
	if (n->published_at != NULL && strlen(n->published_at) >= 10) {
		memcpy(day, n->published_at, 10);
		day[10] = '\0';
		int32_t p;
		if (parse_date(day, &p) && p < last)
			last = p;
	}
	return formed >= days_from_civil(1949, 10, 1) && formed <= last;
}

/* Controls that turn the text after them around: a title could read backwards in every list. */
static bool no_bidi_control(const char *v, const char *name, const char **field, const char **message)
{
	if (v == NULL || !text_has_bidi_control(v))
		return true;
	*field = name;
	*message = "含有改变文字方向的控制字符（如 U+202E），请删除";
	return false;
}

/* An optional date (NULL or empty: none) not before the formation date formed. */
static bool optional_date(const char *v, int32_t formed, const char *name, const char *why, const char **field,
                          const char **message)
{
	int32_t d;
	if (v == NULL || *v == '\0' || (parse_date(v, &d) && d >= formed))
		return true;
	*field = name;
	*message = why;
	return false;
}

const char *const notice_document_kinds[] = {"other", "rule", "normative", "licensing", "penalty", "enforcement", NULL};

static bool document_kind_ok(struct notice_in *n, const char **field, const char **message)
{
	if (n->document_kind == NULL || *n->document_kind == '\0')
		n->document_kind = "other";
	for (size_t i = 0; notice_document_kinds[i] != NULL; i++)
		if (strcmp(n->document_kind, notice_document_kinds[i]) == 0)
			return true;
	*field = "document_kind";
	*message = "应为 other、rule、normative、licensing、penalty 或 enforcement";
	return false;
}

bool notice_validate(const struct app *app, struct pool *p, const struct site *site, struct notice_in *n,
                     const char **field, const char **message)
{
	if (!check_len(n->title, 500, true, "title", field, message) ||
	    !check_len(n->issuer, 200, true, "issuer", field, message) ||
	    !check_len(n->doc_number, 100, false, "doc_number", field, message) ||
	    !check_len(n->subject, 100, false, "subject", field, message) ||
	    !check_len(n->body, 1000000, true, "body", field, message) ||
	    !check_len(n->external_id, 100, false, "external_id", field, message))
		return false;
	if (strpbrk(n->title, "\r\n") != NULL) {
		*field = "title";
		*message = "标题不能换行";
		return false;
	}
	if (!no_bidi_control(n->title, "title", field, message) || !no_bidi_control(n->issuer, "issuer", field, message) ||
	    !no_bidi_control(n->doc_number, "doc_number", field, message))
		return false;
	int32_t d;
	if (n->formed_on == NULL || !parse_date(n->formed_on, &d)) {
		*field = "formed_on";
		*message = "成文日期应为有效日期（年-月-日）";
		return false;
	}
	if (!optional_date(n->changed_on, d, "changed_on", "变更日期应为成文日期当天或之后的有效日期", field, message) ||
	    !optional_date(n->repealed_on, d, "repealed_on", "废止日期应为成文日期当天或之后的有效日期", field, message) ||
	    !document_kind_ok(n, field, message))
		return false;
	if (n->published_at != NULL && *n->published_at && !valid_datetime(n->published_at)) {
		*field = "published_at";
		*message = "发布日期应为 年-月-日 或 年-月-日 时:分:秒";
		return false;
	}
	if (n->published_at != NULL && *n->published_at && !published_in_range(n->published_at)) {
		*field = "published_at";
		*message = "发布日期应在1970年1月2日之后，且不晚于明天";
		return false;
	}
	if (!formed_in_range(d, n)) {
		*field = "formed_on";
		*message = "成文日期应不早于1949年10月1日，且不晚于发布日期（发布时未填发布日期的，不晚于明天）";
		return false;
	}
	if (n->validity == NULL || *n->validity == '\0')
		n->validity = "有效";
	if (strcmp(n->validity, "有效") != 0 && strcmp(n->validity, "失效") != 0 && strcmp(n->validity, "废止") != 0) {
		*field = "validity";
		*message = "公文时效应为 有效、失效 或 废止";
		return false;
	}
	if (n->decision_kind == NULL || *n->decision_kind == '\0')
		n->decision_kind = "general";
	if (strcmp(n->decision_kind, "general") != 0 && strcmp(n->decision_kind, "licensing-penalty") != 0) {
		*field = "decision_kind";
		*message = "应为 general 或 licensing-penalty";
		return false;
	}
	if (n->status == NULL || *n->status == '\0')
		n->status = "published";
	if (strcmp(n->status, "draft") != 0 && strcmp(n->status, "published") != 0) {
		*field = "status";
		*message = "应为 draft 或 published";
		return false;
	}
	xmlDocPtr catalog = app_catalog(app, site->variant);
	xmlNodePtr cat = (catalog && n->category_code) ? catalog_find(catalog, n->category_code) : NULL;
	if (cat == NULL || !xmlStrEqual(cat->name, (const xmlChar *)"category")) {
		*field = "category";
		*message = "不是本站目录中的信息类别";
		return false;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		xmlNodePtr def = n->items[i].code ? catalog_item(cat, n->items[i].code) : NULL;
		if (def == NULL) {
			*field = n->items[i].code ? n->items[i].code : "items";
			*message = "不是该信息类别的公开内容项";
			return false;
		}
		/* The label as worded when the value was given: kept with the value for the record. */
		xmlChar *label = xmlNodeGetContent(def);
		n->items[i].label = label ? pool_strdup(p, (const char *)label) : "";
		xmlFree(label);
		if (!check_len(n->items[i].value, 20000, false, n->items[i].code, field, message))
			return false;
		for (size_t j = 0; j < i; j++)
			if (strcmp(n->items[j].code, n->items[i].code) == 0) {
				*field = n->items[i].code;
				*message = "公开内容项重复";
				return false;
			}
	}
	return true;
}

const char *index_number(struct pool *p, const struct site *site, int year, long long serial)
{
	struct buf b;
	buf_init(&b);
	for (const char *f = site->index_format; *f;) {
		if (strncmp(f, "{org}", 5) == 0) {
			buf_puts(&b, site->org_code);
			f += 5;
		} else if (strncmp(f, "{year}", 6) == 0) {
			buf_printf(&b, "%04d", year);
			f += 6;
		} else if (strncmp(f, "{serial}", 8) == 0) {
			buf_printf(&b, "%05lld", serial);
			f += 8;
		} else {
			buf_putc(&b, *f++);
		}
	}
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

enum xerr site_touch(struct db *db, const struct site *site)
{
	enum xerr e = db_exec(db,
	                      "INSERT INTO site_generation (site_id, generation) VALUES (?, 2) "
	                      "ON DUPLICATE KEY UPDATE generation = generation + 1",
	                      "i", site->id);
	if (e != XE_OK || site->copies_dir == NULL)
		return e;
	/* The row stays locked until commit: changes to one site advance one at a time. */
	struct pool *p = pool_new();
	const char *g = db_value(db, p, &e, "SELECT generation FROM site_generation WHERE site_id = ?", "i", site->id);
	if (e == XE_OK && g != NULL)
		e = copies_advance(site->copies_dir, strtoull(g, NULL, 10));
	pool_free(p);
	return e;
}

enum xerr notice_unlist(struct db *db, long long id)
{
	return db_exec(db, "DELETE FROM notice_columns WHERE notice_id = ?", "i", id);
}

static enum xerr write_columns(struct db *db, const struct site *site, long long id, const char *category,
                               const char *published_at)
{
	enum xerr e = notice_unlist(db, id);
	if (e != XE_OK)
		return e;
	char cols[16][64];
	size_t n = catalog_columns(category, cols, 15);
	snprintf(cols[n++], sizeof cols[0], "*");
	for (size_t i = 0; i < n && e == XE_OK; i++)
		e = db_exec(db,
		            "INSERT INTO notice_columns (site_id, column_code, published_at, notice_id, title) "
		            "SELECT ?, ?, ?, id, title FROM notices WHERE id = ?",
		            "issi", site->id, cols[i], published_at, id);
	return e;
}

enum xerr notice_columns_level(struct db *db, long long site_id)
{
	/* utf8mb4_bin: the site's collation would take a change of case or width for no change. */
	enum xerr e = db_exec(db,
	                      "UPDATE notice_columns c JOIN notices n ON n.id = c.notice_id SET c.title = n.title "
	                      "WHERE c.site_id = ? AND c.title COLLATE utf8mb4_bin <> n.title",
	                      "i", site_id);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE notices n SET n.attachment_count = " ATTACHMENT_COUNT_OF_N " WHERE n.site_id = ?", "i",
		            site_id);
	return e;
}

enum xerr notice_publish(struct db *db, struct pool *p, const struct site *site, long long id, const char *published_at)
{
	struct db_result r;
	/* An edit of a published notice keeps its publication date. */
	enum xerr e = db_query(db, p, &r,
	                       "SELECT index_no, category_code, DATE_FORMAT(COALESCE(?, published_at, NOW()), '%Y-%m-%d %H:%i:%s'), "
	                       "status FROM notices WHERE id = ? AND site_id = ? FOR UPDATE",
	                       "sii", published_at, id, site->id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return XE_NOT_FOUND;
	const char *index_no = r.rows[0][0], *category = r.rows[0][1], *when = r.rows[0][2];
	const char *event = strcmp(r.rows[0][3], "published") == 0 ? "update" : "publish";
	if (index_no == NULL) {
		long long year = strtoll(when, NULL, 10);
		e = db_exec(db, "INSERT IGNORE INTO index_serials (site_id, year, last_serial) VALUES (?, ?, 0)", "ii",
		            site->id, year);
		if (e == XE_OK)
			e = db_exec(db, "UPDATE index_serials SET last_serial = last_serial + 1 WHERE site_id = ? AND year = ?",
			            "ii", site->id, year);
		const char *serial = e == XE_OK ? db_value(db, p, &e,
		                                           "SELECT last_serial FROM index_serials WHERE site_id = ? AND year = ?",
		                                           "ii", site->id, year)
		                                : NULL;
		if (e != XE_OK)
			return e;
		if (serial == NULL)
			return XE_INTERNAL;
		index_no = index_number(p, site, (int)year, strtoll(serial, NULL, 10));
	}
	e = db_exec(db, "UPDATE notices SET status = 'published', index_no = ?, published_at = ? WHERE id = ?", "ssi",
	            index_no, when, id);
	if (e == XE_OK)
		e = write_columns(db, site, id, category, when);
	if (e == XE_OK)
		e = site_touch(db, site);
	/* Search index: queued INSIDE the caller's transaction (search.h); applied after commit. */
	if (e == XE_OK)
		e = search_mark(db, id);
	/* The trading platforms: the outbox row, in the same transaction (push.h). */
	if (e == XE_OK)
		e = push_mark(db, id, event);
	return e;
}

enum xerr notice_withdraw(struct db *db, const struct site *site, long long id)
{
	enum xerr e = db_exec(db, "UPDATE notices SET status = 'withdrawn' WHERE id = ? AND site_id = ?", "ii", id, site->id);
	if (e == XE_OK && db_affected(db) == 0)
		return XE_NOT_FOUND;
	if (e == XE_OK)
		e = notice_unlist(db, id);
	if (e == XE_OK)
		e = site_touch(db, site);
	/* Search index: queued INSIDE the caller's transaction (search.h); applied after commit. */
	if (e == XE_OK)
		e = search_mark(db, id);
	if (e == XE_OK)
		e = push_mark(db, id, "withdraw");
	return e;
}

static const char *or_empty(const char *s)
{
	return s != NULL ? s : "";
}

enum xerr notice_save(struct db *db, struct pool *p, const struct site *site, const struct notice_in *n,
                      long long *id_out)
{
	char domain[4];
	memcpy(domain, n->category_code, 3);
	domain[3] = '\0';
	long long id = (id_out != NULL && *id_out > 0) ? *id_out : 0;
	enum xerr e = XE_OK;
	if (id > 0) {
		/* The editor names the notice: it must be this site's. */
		const char *mine = db_value(db, p, &e, "SELECT id FROM notices WHERE id = ? AND site_id = ? FOR UPDATE", "ii",
		                            id, site->id);
		if (e != XE_OK)
			return e;
		if (mine == NULL)
			return XE_NOT_FOUND;
	} else if (n->external_id != NULL && *n->external_id) {
		const char *same = db_value(db, p, &e, "SELECT id FROM notices WHERE site_id = ? AND external_id = ?", "is",
		                            site->id, n->external_id);
		if (e != XE_OK)
			return e;
		if (same != NULL)
			id = strtoll(same, NULL, 10);
	}
	const char *ext = (n->external_id && *n->external_id) ? n->external_id : NULL;
	const char *items = notice_items_json(p, n);
	bool existing = id != 0;
	if (!existing) {
		e = db_exec(db,
		            "INSERT INTO notices (site_id, title, issuer, doc_number, subject, formed_on, validity, domain_code, "
		            "category_code, decision_kind, body, status, external_id, issuer_body_id, changed_on, "
		            "document_kind, repealed_on, items_json) "
		            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, "
		            "(SELECT b.id FROM bodies b WHERE b.site_id = ? AND b.name = ?), NULLIF(?, ''), ?, NULLIF(?, ''), ?)",
		            "isssssssssssisssss", site->id, n->title, n->issuer, n->doc_number ? n->doc_number : "",
		            n->subject ? n->subject : "", n->formed_on, n->validity, domain, n->category_code,
		            n->decision_kind, n->body, ext, site->id, n->issuer, or_empty(n->changed_on), n->document_kind,
		            or_empty(n->repealed_on), items);
		if (e != XE_OK)
			return e;
		id = (long long)db_insert_id(db);
	} else {
		/* The issuing body's record follows a new issuer text; an unchanged text keeps its body,
		 * renamed since or not (sql/060_bodies.sql). */
		e = db_exec(db,
		            "UPDATE notices SET issuer_body_id = (SELECT b.id FROM bodies b WHERE b.site_id = notices.site_id "
		            "AND b.name = ?) WHERE id = ? AND issuer <> ?",
		            "sis", n->issuer, id, n->issuer);
		if (e == XE_OK)
			e = db_exec(db,
			            "UPDATE notices SET title = ?, issuer = ?, doc_number = ?, subject = ?, formed_on = ?, "
			            "validity = ?, domain_code = ?, category_code = ?, decision_kind = ?, body = ?, "
			            "changed_on = NULLIF(?, ''), document_kind = ?, repealed_on = NULLIF(?, ''), items_json = ? "
			            "WHERE id = ?",
			            "ssssssssssssssi", n->title, n->issuer, n->doc_number ? n->doc_number : "",
			            n->subject ? n->subject : "", n->formed_on, n->validity, domain, n->category_code,
			            n->decision_kind, n->body, or_empty(n->changed_on), n->document_kind, or_empty(n->repealed_on),
			            items, id);
		if (e != XE_OK)
			return e;
	}
	if (strcmp(n->status, "published") == 0) {
		e = notice_publish(db, p, site, id, (n->published_at && *n->published_at) ? n->published_at : NULL);
	} else {
		/* A listed notice saved without publishing (publication writes its rows afresh): the
		 * lists show its new title at once. */
		if (existing)
			e = db_exec(db, "UPDATE notice_columns SET title = ? WHERE notice_id = ?", "si", n->title, id);
		if (e == XE_OK)
			e = site_touch(db, site);
	}
	/* Search index: an edit of a notice that stays published changes its text. Queued INSIDE the
	 * caller's transaction (search.h); a draft's mark is applied as "not indexed", harmlessly. */
	if (e == XE_OK && strcmp(n->status, "published") != 0)
		e = search_mark(db, id);
	if (e == XE_OK && id_out)
		*id_out = id;
	return e;
}
