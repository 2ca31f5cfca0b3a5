/* Sites: one install serves several, each with its own variant, organisation code and look. */
#ifndef XXGK_SITE_H
#define XXGK_SITE_H
#include "request.h"

/* Loads req->site by key; XE_NOT_FOUND for an unknown or malformed key. */
enum xerr site_load(struct request *req, const char *key);
bool site_key_valid(const char *key);
/* The same without a request (the CLI): strings from p. With app, the site's page copies
 * folder is set when the configuration has one. */
enum xerr site_by_key(struct db *db, struct pool *p, const struct app *app, const char *key, struct site *out);
/* The folder of a site's stored page copies (page_copies.h), from p; NULL when copies are off. */
const char *site_copies_dir(struct pool *p, const struct app *app, const char *key);

#endif
