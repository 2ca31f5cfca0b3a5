/* Sites: one install serves several, each with its own variant, organisation code and look. */
#ifndef XXGK_SITE_H
#define XXGK_SITE_H
#include "core/request.h"

/* A site's columns for a query that reads the site along with a page's rows: FROM sites s
 * LEFT JOIN site_generation g ON g.site_id = s.id, the site's columns first (site_from_row). */
#define SITE_COLS "s.id, s.site_key, s.name, s.variant, s.org_code, s.index_format, s.domain, s.look, " \
                  "COALESCE(g.generation, 1), s.id_code"
#define SITE_FROM "sites s LEFT JOIN site_generation g ON g.site_id = s.id "
enum { SITE_NCOLS = 10 };

/* req->site from the first SITE_NCOLS columns of a row read with SITE_COLS. */
void site_from_row(struct request *req, char **row);
/* Loads req->site by key; XE_NOT_FOUND for an unknown or malformed key. */
enum xerr site_load(struct request *req, const char *key);
bool site_key_valid(const char *key);
/* A 网站标识码 as the national register gives them: 10 ASCII letters and digits (5309000001,
 * bm01000001). */
bool site_id_code_valid(const char *code);
/* The same without a request (the CLI): strings from p. With app, the site's page copies
 * folder is set when the configuration has one. */
enum xerr site_by_key(struct db *db, struct pool *p, const struct app *app, const char *key, struct site *out);
/* The folder of a site's stored page copies (page_copies.h), from p; NULL when copies are off. */
const char *site_copies_dir(struct pool *p, const struct app *app, const char *key);

#endif
