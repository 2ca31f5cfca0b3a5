/* The xxgkctl commands (ctl_*.c): each gets its arguments and opens what it needs lazily. */
#ifndef XXGK_CTL_H
#define XXGK_CTL_H
#include "core/app.h"
#include "core/db.h"
#include <stdbool.h>

struct ctl {
	const char *config_path;
	int argc;
	char **argv; /* argv[0] is the command name */
	struct app app;
	bool configured; /* app's settings read and checked (every command but config) */
	bool app_loaded;
	struct db *db;
};

struct ctl_command {
	const char *name;
	int (*fn)(struct ctl *ctx);
	const char *summary;
};

/* Reads and checks the configuration file into ctx->app; prints every problem. */
bool ctl_configure(struct ctl *ctx);
/* After ctl_configure: loads the catalogs (and the stylesheets when full); prints errors. */
bool ctl_app(struct ctl *ctx, bool full);
struct db *ctl_db(struct ctl *ctx);
void ctl_free(struct ctl *ctx);
bool ctl_wants_help(struct ctl *ctx, const char *text);
/* --name VALUE from the command's arguments, or NULL. */
const char *ctl_opt(struct ctl *ctx, const char *name);
bool ctl_flag(struct ctl *ctx, const char *name);
/* The n-th argument that is not an option or an option's value. */
const char *ctl_arg(struct ctl *ctx, int n);

int ctl_migrate(struct ctl *ctx);
int ctl_cache(struct ctl *ctx);
int ctl_import(struct ctl *ctx);
int ctl_demo_data(struct ctl *ctx);
int ctl_site(struct ctl *ctx);
int ctl_catalog(struct ctl *ctx);
int ctl_calendar(struct ctl *ctx);
int ctl_deadline(struct ctl *ctx);
int ctl_outbox(struct ctl *ctx);
int ctl_notices(struct ctl *ctx); /* ctl_report.c */
int ctl_report(struct ctl *ctx);  /* ctl_report.c */
int ctl_user(struct ctl *ctx);
int ctl_export(struct ctl *ctx); /* ctl_export.c */
int ctl_token(struct ctl *ctx);  /* ctl_token.c */
int ctl_search(struct ctl *ctx); /* ctl_search.c */
int ctl_cluster(struct ctl *ctx); /* ctl_cluster.c */
int ctl_config(struct ctl *ctx); /* ctl_config.c */

#endif
