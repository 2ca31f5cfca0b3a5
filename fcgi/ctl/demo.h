/* Demo and load-test data: the five demo sites, and realistic generated notices for them. */
#ifndef XXGK_DEMO_H
#define XXGK_DEMO_H
#include "core/app.h"
#include "core/db.h"
#include <stdio.h>

/* Creates the five demo sites (if missing) and, once, notices in every category of each. */
int demo_setup(const struct app *app, struct db *db, FILE *out);
/* Adds n generated notices to the site (all demo sites when key is NULL). */
int demo_notices(const struct app *app, struct db *db, const char *key, long long n, FILE *out);

#endif
