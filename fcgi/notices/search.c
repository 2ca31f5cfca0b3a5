#include "notices/search.h"
#include "core/buf.h"
#include "core/text.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- Pure text helpers ------------------------------------------------------------------- */

/* Decodes the code point at s[i] (i < len). An invalid or truncated sequence counts as one
 * byte, U+FFFD, so scanning always advances and never reads past len. */
static uint32_t decode(const char *s, size_t len, size_t i, size_t *next)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = len - i;
	unsigned char c = p[0];
	size_t n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
	if (n == 0 || n > left) {
		*next = i + 1;
		return 0xfffd;
	}
	uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1fu) : n == 3 ? (c & 0x0fu) : (c & 0x07u);
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			*next = i + 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[k] & 0x3fu);
	}
	*next = i + n;
	return cp;
}

uint32_t search_fold(uint32_t cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xfee0; /* full-width ASCII */
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x3000 ||
	       cp == 0xa0;
}

enum search_split_result search_split(struct pool *p, const char *q, struct search_terms *out)
{
	memset(out, 0, sizeof *out);
	size_t len = strlen(q);
	if (utf8_chars(q) > SEARCH_MAX_CHARS)
		return SEARCH_TOO_LONG;
	uint32_t *cps = pool_alloc(p, (len + 1) * sizeof *cps);
	size_t i = 0;
	while (i < len) {
		size_t next;
		uint32_t cp = decode(q, len, i, &next);
		if (is_space(cp)) {
			i = next;
			continue;
		}
		/* One term: up to the next space. */
		size_t start = i, n = 0;
		while (i < len) {
			cp = decode(q, len, i, &next);
			if (is_space(cp))
				break;
			cps[n++] = search_fold(cp);
			i = next;
		}
		bool dup = false;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = out->t[k].ncps == n && memcmp(out->t[k].cps, cps, n * sizeof *cps) == 0;
		if (dup)
			continue;
		if (out->n == SEARCH_MAX_TERMS)
			return SEARCH_TOO_MANY;
		struct search_term *t = &out->t[out->n++];
		t->text = pool_strndup(p, q + start, i - start);
		t->cps = pool_alloc(p, n * sizeof *cps);
		memcpy(t->cps, cps, n * sizeof *cps);
		t->ncps = n;
	}
	return out->n == 0 ? SEARCH_EMPTY : SEARCH_OK;
}

/* s with '"' and '\' escaped by a backslash, in double quotes: a phrase in Groonga's query
 * syntax, and a value on its command line. */
static void put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

const char *search_query_string(struct pool *p, long long site_id, const struct search_terms *t)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < t->n; i++) {
		buf_puts(&b, i ? " +" : "+");
		put_quoted(&b, t->t[i].text);
	}
	buf_printf(&b, " +site_id:%lld", site_id);
	const char *r = pool_strdup(p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

const char *search_groonga_select(struct pool *p, long long site_id, const struct search_terms *t, long long offset,
                                  long long limit)
{
	struct buf query, cmd;
	buf_init(&query);
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			buf_putc(&query, ' '); /* terms side by side: all required */
		put_quoted(&query, t->t[i].text);
	}
	buf_init(&cmd);
	buf_puts(&cmd, "select --table search_docs --match_columns content --query ");
	put_quoted(&cmd, buf_cstr(&query));
	buf_printf(&cmd,
	           " --filter \"site_id == %lld\" --sort_keys -published_at,-notice_id --output_columns notice_id"
	           " --offset %lld --limit %lld --match_escalation_threshold -1 --cache no",
	           site_id, offset, limit);
	const char *r = pool_strdup(p, buf_cstr(&cmd));
	buf_free(&query);
	buf_free(&cmd);
	return r;
}

bool search_groonga_parse(const char *json, long long *total, long long *ids, size_t max, size_t *n)
{
	*total = 0;
	*n = 0;
	json_t *root = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
	/* root: [result]; result: [[total], [[column, type]...], row...]; row: [notice_id] */
	json_t *result = json_array_get(root, 0);
	json_t *count = json_array_get(json_array_get(result, 0), 0);
	bool ok = json_is_array(root) && json_array_size(root) == 1 && json_is_array(result) &&
	          json_array_size(result) >= 2 && json_is_integer(count) && json_integer_value(count) >= 0;
	for (size_t i = 2; ok && i < json_array_size(result); i++) {
		json_t *row = json_array_get(result, i);
		json_t *id = json_array_get(row, 0);
		if (!json_is_array(row) || json_array_size(row) != 1 || !json_is_integer(id) || json_integer_value(id) <= 0 ||
		    *n == max)
			ok = false;
		else
			ids[(*n)++] = json_integer_value(id);
	}
	if (ok)
		*total = json_integer_value(count);
	else
		*n = 0;
	json_decref(root);
	return ok;
}

/* The end (byte offset) of an occurrence of term at text[i], or 0. */
static size_t match_at(const char *text, size_t len, size_t i, const struct search_term *term)
{
	size_t k = 0;
	while (k < term->ncps) {
		if (i >= len)
			return 0;
		size_t next;
		if (search_fold(decode(text, len, i, &next)) != term->cps[k])
			return 0;
		i = next;
		k++;
	}
	return k > 0 ? i : 0;
}

/* The longest occurrence of any term starting at text[i]: its end, or 0. */
static size_t longest_at(const char *text, size_t len, size_t i, const struct search_terms *t)
{
	size_t best = 0;
	for (size_t k = 0; k < t->n; k++) {
		size_t end = match_at(text, len, i, &t->t[k]);
		if (end > best)
			best = end;
	}
	return best;
}

bool search_find(const char *text, size_t len, const struct search_terms *t, size_t *start, size_t *end)
{
	for (size_t i = 0; i < len;) {
		size_t e = longest_at(text, len, i, t);
		if (e > 0) {
			*start = i;
			*end = e;
			return true;
		}
		size_t next;
		decode(text, len, i, &next);
		i = next;
	}
	return false;
}

size_t search_highlight(struct pool *p, const char *text, size_t len, const struct search_terms *t,
                        struct search_span **out)
{
	/* Two passes over the same greedy scan: count, then fill. */
	struct search_span *spans = NULL;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t count = 0, plain = 0;
		for (size_t i = 0; i < len;) {
			size_t e = longest_at(text, len, i, t);
			if (e > 0) {
				if (i > plain) {
					if (spans)
						spans[count] = (struct search_span){plain, i, false};
					count++;
				}
				if (spans)
					spans[count] = (struct search_span){i, e, true};
				count++;
				i = plain = e;
				continue;
			}
			size_t next;
			decode(text, len, i, &next);
			i = next;
		}
		if (len > plain) {
			if (spans)
				spans[count] = (struct search_span){plain, len, false};
			count++;
		}
		if (pass == 0)
			spans = pool_alloc(p, (count + 1) * sizeof *spans);
		n = count;
	}
	*out = spans;
	return n;
}

void search_snippet(const char *text, size_t len, const struct search_terms *t, size_t before, size_t width,
                    size_t *from, size_t *to)
{
	size_t ms = 0, me = 0, f = 0;
	if (search_find(text, len, t, &ms, &me)) {
		/* Back up to `before` characters, or to the start of the line if that comes first. */
		f = ms;
		for (size_t k = 0; k < before && f > 0; k++) {
			size_t g = f - 1;
			while (g > 0 && ((unsigned char)text[g] & 0xc0) == 0x80)
				g--;
			if (text[g] == '\n')
				break;
			f = g;
		}
	}
	size_t e = f;
	for (size_t k = 0; k < width && e < len; k++) {
		size_t next;
		decode(text, len, e, &next);
		e = next;
	}
	if (e < me)
		e = me;
	/* Never cut an occurrence at the end: follow the same greedy scan the highlighter does. */
	for (size_t i = f; i < e;) {
		size_t end = longest_at(text, len, i, t);
		if (end > 0) {
			if (end > e)
				e = end;
			i = end;
			continue;
		}
		size_t next;
		decode(text, len, i, &next);
		i = next;
	}
	*from = f;
	*to = e;
}

/* ---- The index ----------------------------------------------------------------------------- */

enum xerr search_mark(struct db *db, long long notice_id)
{
	return db_exec(db,
	               "INSERT INTO search_pending (notice_id) VALUES (?) "
	               "ON DUPLICATE KEY UPDATE notice_id = VALUES(notice_id)",
	               "i", notice_id);
}

enum xerr search_mark_many(struct db *db, const long long *notice_ids, size_t n)
{
	return db_exec_array(db,
	                     "INSERT INTO search_pending (notice_id) VALUES (?) "
	                     "ON DUPLICATE KEY UPDATE notice_id = VALUES(notice_id)",
	                     "i", n, notice_ids);
}

/* Writes one notice's current committed state into search_docs. */
static enum xerr sync_one(struct db *db, struct pool *p, const char *id_text)
{
	long long id = strtoll(id_text, NULL, 10);
	struct db_result r;
	enum xerr e = db_query(db, p, &r,
	                       "SELECT site_id, DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s'), title, body FROM notices "
	                       "WHERE id = ? AND status = 'published' AND published_at IS NOT NULL",
	                       "i", id);
	if (e != XE_OK)
		return e;
	if (r.nrows == 0)
		return db_exec(db, "DELETE FROM search_docs WHERE notice_id = ?", "i", id);
	char **n = r.rows[0];
	struct db_result items;
	e = db_query(db, p, &items, "SELECT value FROM notice_items WHERE notice_id = ? ORDER BY item_code", "i", id);
	if (e != XE_OK)
		return e;
	/* title, then each item's value, then the body, one per line (page_search.c relies on the
	 * title being the first line). */
	struct buf b;
	buf_init(&b);
	buf_puts(&b, n[2]);
	buf_putc(&b, '\n');
	for (size_t i = 0; i < items.nrows; i++) {
		buf_puts(&b, items.rows[i][0] ? items.rows[i][0] : "");
		buf_putc(&b, '\n');
	}
	buf_puts(&b, n[3] ? n[3] : "");
	e = db_exec(db, "REPLACE INTO search_docs (notice_id, site_id, published_at, content) VALUES (?, ?, ?, ?)", "isss",
	            id, n[0], n[1], buf_cstr(&b));
	buf_free(&b);
	return e;
}

double search_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum xerr search_sync(struct db *db, struct pool *p, size_t max, size_t *done, bool *more)
{
	*done = 0;
	*more = false;
	enum xerr e;
	/* The usual case, nothing queued: one index probe, no transaction. */
	const char *any = db_value(db, p, &e, "SELECT notice_id FROM search_pending LIMIT 1", "");
	if (e != XE_OK || any == NULL)
		return e;
	if ((e = db_begin(db)) != XE_OK)
		return e;
	/* Lock the queued rows this call will apply; rows another syncer holds, or that a writer is
	 * re-queuing right now, are skipped (SKIP LOCKED: MariaDB >= 10.6). A writer marks a notice
	 * after changing it, in its own transaction, so while we hold the mark no change to the notice
	 * can commit, and the notice rows read below (a consistent read taken after the lock) are
	 * its latest committed state. Nothing here locks notices: writers never wait on a search. */
	struct db_result q;
	e = db_query(db, p, &q,
	             "SELECT notice_id FROM search_pending ORDER BY notice_id LIMIT ? FOR UPDATE SKIP LOCKED", "i",
	             (long long)max + 1);
	size_t n = e == XE_OK ? (q.nrows > max ? max : q.nrows) : 0;
	for (size_t i = 0; i < n && e == XE_OK; i++) {
		e = sync_one(db, p, q.rows[i][0]);
		if (e == XE_OK)
			e = db_exec(db, "DELETE FROM search_pending WHERE notice_id = ?", "s", q.rows[i][0]);
	}
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		/* search_docs may already hold some of the new states (Mroonga writes at once); the marks
		 * stay, so the next sync writes them again. Applying a mark twice is harmless. */
		db_rollback(db);
		return e;
	}
	*done = n;
	*more = q.nrows > max;
	return XE_OK;
}

enum xerr search_apply(struct db *db, size_t batch, double budget_s, FILE *out, long long *applied, bool *more)
{
	double t0 = search_now(), last = t0;
	long long mine = 0;
	enum xerr e = XE_OK;
	*more = true;
	while (*more && (budget_s <= 0 || search_now() - t0 < budget_s)) {
		struct pool *bp = pool_new();
		size_t done = 0;
		e = search_sync(db, bp, batch, &done, more);
		pool_free(bp);
		if (e != XE_OK)
			break;
		mine += (long long)done;
		if (out != NULL && search_now() - last >= 1.0) {
			last = search_now();
			fprintf(out, "  %lld notices applied (%.0f/s)\n", mine, (double)mine / (last - t0));
			fflush(out);
		}
		if (done == 0)
			break; /* what is left is locked by someone else, who will apply it */
	}
	*applied += mine;
	return e;
}

enum xerr search_reindex(struct db *db, long long site_id, FILE *out, long long *indexed, long long *removed)
{
	*indexed = *removed = 0;
	struct pool *p = pool_new();
	enum xerr e;
	/* 1. Queue every notice of the site (or all), window by window so that no statement holds
	 *    many rows, and every indexed document (a notice deleted from the table outright leaves
	 *    one behind: the queue removes it). */
	const char *maxid = db_value(db, p, &e, "SELECT COALESCE(MAX(id), 0) FROM notices", "");
	long long top = (e == XE_OK && maxid) ? strtoll(maxid, NULL, 10) : 0;
	for (long long lo = 0; lo <= top && e == XE_OK; lo += 10000) {
		if (site_id > 0)
			e = db_exec(db,
			            "INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices "
			            "WHERE site_id = ? AND id > ? AND id <= ?",
			            "iii", site_id, lo, lo + 10000);
		else
			e = db_exec(db, "INSERT IGNORE INTO search_pending (notice_id) SELECT id FROM notices WHERE id > ? AND id <= ?",
			            "ii", lo, lo + 10000);
	}
	if (e == XE_OK) {
		if (site_id > 0)
			e = db_exec(db, "INSERT IGNORE INTO search_pending (notice_id) SELECT notice_id FROM search_docs WHERE site_id = ?",
			            "i", site_id);
		else
			e = db_exec(db, "INSERT IGNORE INTO search_pending (notice_id) SELECT notice_id FROM search_docs", "");
	}
	/* 2. Apply the queue (all of it: other sites' marks too, which is harmless). */
	const char *before = e == XE_OK ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_docs", "") : NULL;
	long long docs_before = before ? strtoll(before, NULL, 10) : 0, applied = 0;
	bool more;
	if (e == XE_OK)
		e = search_apply(db, 500, 0, out, &applied, &more);
	const char *after = e == XE_OK ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_docs", "") : NULL;
	if (e == XE_OK && after != NULL) {
		long long docs_after = strtoll(after, NULL, 10);
		const char *mine = site_id > 0 ? db_value(db, p, &e, "SELECT COUNT(*) FROM search_docs WHERE site_id = ?", "i",
		                                          site_id)
		                               : after;
		*indexed = mine ? strtoll(mine, NULL, 10) : 0;
		*removed = docs_before > docs_after ? docs_before - docs_after : 0;
	}
	pool_free(p);
	return e;
}
