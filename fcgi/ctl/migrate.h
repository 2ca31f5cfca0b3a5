/* Schema migrations: sql/NNN_name.sql applied in order, each recorded in schema_version. */
#ifndef XXGK_MIGRATE_H
#define XXGK_MIGRATE_H
#include "core/buf.h"
#include "core/db.h"
#include <stdio.h>

/* Applies every migration in dir not yet recorded, in order, waiting up to wait_seconds for
 * another run to end. Prints what it does to out. Returns 0 on success. */
int migrate_apply(struct db *db, const char *dir, int wait_seconds, FILE *out);
/* The migrations in dir that the database has not recorded: how many (-1 when the database or
 * dir cannot be read), their file names added to names, separated by ", ". Reads only. */
int migrate_pending(struct db *db, const char *dir, struct buf *names);
/* The highest applied version, or -1 when the database cannot be read. */
int migrate_current(struct db *db);
/* The same, reading only (0 when nothing was ever migrated). */
int migrate_recorded(struct db *db);
/* When the database was migrated past this program's schema (core/version.h: an older package
 * installed over a database a newer one migrated), what to say of it, into msg; false otherwise. */
bool migrate_newer(int current, char *msg, size_t n);

#endif
