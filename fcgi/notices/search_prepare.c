/* What a search reads before its first select (search_prepare, search.h): whether this node's
 * index is behind the log, the site's mark and its cutoffs, in one statement. */
#include "notices/search.h"
#include "core/buf.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

/* The records of a Groonga select's answer, [[[n], [[name, type]...], [value...]...]] (from index
 * 2 on), or NULL for another shape. Borrowed from root. */
static json_t *groonga_records(json_t *root)
{
	json_t *result = json_array_get(root, 0);
	return json_is_array(result) && json_array_size(result) >= 2 ? result : NULL;
}

/* Whether a site's log head is past this node's mark for the site ([site_id, seq, notice_id]
 * records of search_marks; none for the site: the whole log). */
static bool head_behind(json_t *marks, long long site_id, long long head)
{
	for (size_t i = 2; i < json_array_size(marks); i++) {
		json_t *m = json_array_get(marks, i);
		if (json_integer_value(json_array_get(m, 0)) != site_id)
			continue;
		long long seq = json_integer_value(json_array_get(m, 1)), id = json_integer_value(json_array_get(m, 2));
		return head > seq || (head == seq && id != SEARCH_MARK_WHOLE);
	}
	return true;
}

/* A tier's cutoff as Groonga answers it (seconds, Mroonga's DATETIME read as UTC) as SQL wrote it. */
static const char *cutoff_text(struct pool *p, json_t *v)
{
	time_t t = (time_t)json_number_value(v);
	struct tm tm;
	char text[20];
	if (!json_is_number(v) || gmtime_r(&t, &tm) == NULL || strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return NULL;
	return pool_strdup(p, text);
}

/* What the answer of search_prepare's statement says: heads a JSON array of [site_id, seq] (NULL:
 * no log), marks and tiers Groonga's answers. False when one has another shape. */
/* The site's mark among the records of search_marks; {-1, -1} when it has none. */
static struct search_mark mark_of(json_t *marks, long long site_id)
{
	for (size_t i = 2; i < json_array_size(marks); i++) {
		json_t *m = json_array_get(marks, i);
		if (json_integer_value(json_array_get(m, 0)) == site_id)
			return (struct search_mark){json_integer_value(json_array_get(m, 1)), json_integer_value(json_array_get(m, 2))};
	}
	return (struct search_mark){-1, -1};
}

static bool prepared(struct pool *p, char **row, long long site_id, bool *behind, struct search_mark *mark,
                     struct search_cutoffs *c)
{
	json_t *heads = row[0] ? json_loads(row[0], 0, NULL) : json_array();
	json_t *marks_root = row[1] ? json_loads(row[1], 0, NULL) : NULL, *marks = groonga_records(marks_root);
	json_t *tiers_root = row[2] ? json_loads(row[2], 0, NULL) : NULL, *tiers = groonga_records(tiers_root);
	bool ok = json_is_array(heads) && marks != NULL && tiers != NULL;
	if (ok)
		*mark = mark_of(marks, site_id);
	for (size_t i = 0; ok && i < json_array_size(heads) && !*behind; i++) {
		json_t *h = json_array_get(heads, i);
		*behind = head_behind(marks, json_integer_value(json_array_get(h, 0)), json_integer_value(json_array_get(h, 1)));
	}
	for (size_t i = 2; ok && i < json_array_size(tiers); i++) {
		json_t *t = json_array_get(tiers, i);
		long long tier = json_integer_value(json_array_get(t, 0));
		if (tier < 1 || tier > SEARCH_PARTIAL_TIERS)
			continue; /* a tier this version does not have */
		ok = (c->at[tier - 1] = cutoff_text(p, json_array_get(t, 1))) != NULL;
	}
	json_decref(heads);
	json_decref(marks_root);
	json_decref(tiers_root);
	return ok;
}

enum xerr search_prepare(struct db *db, struct pool *p, long long site_id, bool *behind, struct search_mark *mark,
                         struct search_cutoffs *c)
{
	memset(c, 0, sizeof *c);
	*mark = (struct search_mark){-1, -1};
	*behind = false;
	struct buf tiers;
	buf_init(&tiers);
	buf_puts(&tiers, "select --table search_tiers --output_columns tier,cutoff --limit -1 --filter ");
	buf_printf(&tiers, "\"site_id == %lld\"", site_id);
	struct db_result r;
	/* The Mroonga tables through mroonga_command: as SQL, each costs MariaDB more than the rest. */
	enum xerr e = db_query(db, p, &r,
	                       "SELECT (SELECT JSON_ARRAYAGG(JSON_ARRAY(site_id, seq)) FROM search_log_heads), "
	                       "mroonga_command(?), mroonga_command(?)",
	                       "ss", "select --table search_marks --output_columns site_id,seq,notice_id --limit -1",
	                       buf_cstr(&tiers));
	buf_free(&tiers);
	if (e == XE_OK && (r.nrows != 1 || !prepared(p, r.rows[0], site_id, behind, mark, c)))
		e = XE_INTERNAL;
	return e;
}
