/* Completeness: the content items a notice's category requires in the site's variant (the
 * category's own <item> elements in xslt/catalogs/{variant}.xml, labelled in that variant's
 * wording) and which of them the notice leaves without a value. A value that is empty or only
 * white space (ASCII, no-break, ideographic and the other Unicode spaces) counts as missing.
 * Not required: an item the document requires only in some case (condition="…") or counts within
 * another (part-of="…"); where the items are published at different stages (publication="…":
 * 出让公告, 成交公示, 供应结果), the items of the publications the notice gives any item of, or of
 * the first when it gives none.
 * Used by `xxgkctl notices incomplete` and by the staff editor before publishing. */
#ifndef XXGK_COMPLETENESS_H
#define XXGK_COMPLETENESS_H
#include "core/app.h"
#include "core/db.h"
#include "notices/notice_store.h"
#include "core/request.h"
#include <libxml/tree.h>
#include <stdbool.h>

struct completeness_item {
	const char *code, *label; /* label: the catalog's wording for the site's variant */
};

struct completeness {
	const char *category_code;
	bool category_known;      /* false: the category is not in the variant's catalog (nothing required) */
	const char *category_path; /* "领域 › 类别 › 子类别" in the variant's wording, "" when unknown */
	struct completeness_item *required;
	size_t nrequired;
	struct completeness_item *missing; /* in the catalog's order */
	size_t nmissing;
};

/* A value with nothing but white space in it (NULL and "" included). */
bool completeness_blank(const char *value);

/* The pure part: required and missing items of category given the notice's (code, value) pairs.
 * category NULL gives category_known false and nothing required. Strings come from p. */
void completeness_check(struct pool *p, xmlNodePtr category, const char *const *codes, const char *const *values,
                        size_t n, struct completeness *out);

/* The category path as the catalog names it ("住房保障 › 保障性住房分配信息"), from p. */
const char *completeness_category_path(struct pool *p, xmlNodePtr category);
/* Every category under node, depth first, as <category code="…">its path</category> under list:
 * the columns a draft notice may be put in (Art. 44, the annual report). */
void completeness_category_list(struct pool *p, xmlNodePtr list, xmlNodePtr node);

/* For a stored notice of the site (any status). XE_NOT_FOUND when it is not the site's. */
enum xerr completeness_of_notice(struct db *db, struct pool *p, const struct app *app, const struct site *site,
                                 long long notice_id, struct completeness *out);

/* For a notice being edited, before it is saved (the editor's form, an import, a push). */
void completeness_of_input(const struct app *app, const struct site *site, const struct notice_in *n, struct pool *p,
                           struct completeness *out);

/* One notice seen by completeness_scan. Strings live until the callback returns. */
struct completeness_row {
	long long id;
	const char *index_no; /* NULL for a draft never published */
	const char *title, *status, *issuer;
	const struct completeness *c;
};

/* Calls fn for every draft or published notice of the site, in id order, that misses at least
 * one required item or whose category is not in the catalog. Reads in batches, so memory stays
 * flat at any table size. fn returns false to stop. *count gets how many were reported. */
enum xerr completeness_scan(struct db *db, const struct app *app, const struct site *site,
                            bool (*fn)(void *ctx, const struct completeness_row *row), void *ctx, long long *count);

/* Adds <completeness category="..." known="1" path="..."><required code label/>...
 * <missing code label/>...</completeness> under parent (for the staff editor's page). */
xmlNodePtr completeness_xml(xmlNodePtr parent, const struct completeness *c);

#endif
