/* Import of notices from a CMS export (XML or JSON; formats in cms-integration/IMPORT.md),
 * validated in full before anything is written, then stored in one transaction. */
#ifndef XXGK_IMPORT_H
#define XXGK_IMPORT_H
#include "core/app.h"
#include "core/db.h"
#include "notices/notice_store.h"
#include "core/site.h"
#include <jansson.h>
#include <stdio.h>

/* One notice object of the JSON format into n (strings point into p). */
bool notice_from_json(struct pool *p, json_t *obj, struct notice_in *n, const char **field, const char **message);
/* Imports path into site_key (NULL: the file's own "site"). Errors name the file, line and field.
 * Returns 0 on success, 1 on a validation or database error (nothing stored). */
int import_file(const struct app *app, struct db *db, const char *path, const char *site_key, FILE *progress);

#endif
