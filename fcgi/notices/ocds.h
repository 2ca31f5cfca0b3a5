/* Export of procurement notices as Open Contracting Data Standard 1.1 release packages, shared by
 * GET /xxgk/{site}/api/ocds.json and `xxgkctl export ocds`. Which notices count as procurement
 * is read from the site's catalog by name (the 政府采购 domain; supervision categories such as
 * complaints, assessments and credit records are not contracting processes and are left out);
 * the mapping of item labels to OCDS fields is in cms-integration/API.md. */
#ifndef XXGK_OCDS_H
#define XXGK_OCDS_H
#include "core/app.h"
#include "core/db.h"
#include "core/exchange.h"
#include "core/request.h"
#include <libxml/tree.h>

#define OCDS_DEFAULT_PREFIX "ocds-xxgk00-"

struct ocds_export {
	const struct app *app;
	struct db *db;
	struct pool *p;
	const struct site *site;
	const char *origin;      /* "https://host": links to the notice pages */
	const char *prefix;      /* the URL prefix, "/xxgk" */
	const char *ocid_prefix; /* ocid = prefix + notice id */
	const char *from, *to;   /* "YYYY-MM-DD", inclusive; NULL: open */
	long long limit;         /* notices per call of ocds_releases */
	/* The keyset position: the last notice written (publication time, id). */
	const char *after_when;
	long long after_id;
};

/* The [ocds] ocid_prefix of the configuration, or OCDS_DEFAULT_PREFIX. */
const char *ocds_ocid_prefix(const struct settings *cfg);
/* Opens the package: uri, version, publishedDate, publisher, and the "releases" array. */
void ocds_package_begin(struct jw *w, const struct ocds_export *x, const char *uri);
/* Writes the releases of the next procurement notices after the position (oldest first), at
 * most x->limit; *more tells whether others follow. Moves the position on. */
enum xerr ocds_releases(struct ocds_export *x, struct jw *w, size_t *written, bool *more);
/* The release of one published procurement notice as it stands (a push); *written false when
 * the notice is not a procurement one. */
enum xerr ocds_release_one(struct ocds_export *x, struct jw *w, long long notice_id, bool *written);
/* Closes the releases and the package; next_url (or NULL) becomes links.next. */
void ocds_package_end(struct jw *w, const char *next_url);

/* Pure helpers (unit-tested). */
/* A Chinese amount ("人民币1,234.56万元", "¥800元", "3亿元") as a JSON number of yuan with at most
 * two decimals; the currency (CNY unless 美元/港元/欧元 is named). False if no amount is found. */
bool ocds_amount(struct pool *p, const char *text, const char **amount_json, const char **currency);
/* Is this category (or domain) a procurement contracting process in its catalog? */
bool ocds_category_included(xmlNodePtr category);
/* The OCDS release tags for a category, as a JSON array, from its name. */
const char *ocds_tags(xmlNodePtr category);
/* The column codes holding the site's procurement notices (the 政府采购 domains). */
size_t ocds_columns(struct pool *p, xmlDocPtr catalog, const char **codes, size_t max);

#endif
