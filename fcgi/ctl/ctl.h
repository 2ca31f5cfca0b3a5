/* The xxgkctl commands (ctl_*.c): each gets its arguments and opens what it needs lazily. */
#ifndef XXGK_CTL_H
#define XXGK_CTL_H
#include "core/app.h"
#include "core/db.h"
#include <stdbool.h>
#include <sys/types.h>

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

/* The account the workers run as ([server] user, else the owner of [cache] copies_dir or of its
 * nearest existing folder). ctl_owner.c */
struct service_user {
	bool known;
	char name[64];
	uid_t uid;
	gid_t gid;
};
/* Fills u (known false when nothing names the account); false and why when [server] user, or the
 * folder's owner, has no account. */
bool service_user_find(const struct settings *cfg, struct service_user *u, char *why, size_t n);
/* -1 when what xxgkctl makes in the copies folder dir is u's (with fix: after giving it to u);
 * else the path of the first entry that is not in bad, and why fix could not give it (errno, 0
 * without fix). */
int copies_owned_by(const char *dir, const struct service_user *u, bool fix, char *bad, size_t n);
/* Around every command that may change published data: as root, finds the service's account
 * (false, with a message, when it is named but has none), then gives it what the command made in
 * the copies folder (false, with the command to run, when it could not). */
bool ctl_owner_before(struct ctl *ctx, struct service_user *u);
bool ctl_owner_after(struct ctl *ctx, const struct service_user *u);

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
int ctl_body(struct ctl *ctx);  /* ctl_body.c */
int ctl_export(struct ctl *ctx); /* ctl_export.c */
int ctl_token(struct ctl *ctx);  /* ctl_token.c */
int ctl_search(struct ctl *ctx); /* ctl_search.c */
int ctl_cluster(struct ctl *ctx); /* ctl_cluster.c */
int ctl_config(struct ctl *ctx); /* ctl_config.c */
int ctl_doctor(struct ctl *ctx); /* ctl_doctor.c */
int ctl_setup(struct ctl *ctx);  /* ctl_setup.c */
int ctl_keys(struct ctl *ctx);   /* ctl_keys.c */
int ctl_audit(struct ctl *ctx);  /* ctl_audit.c */
/* Seals personal data still in clear and chains audit entries from before the chain, when the
 * schema has migrations 045 and 046 and the key file is there (a note otherwise); 0 or 1. */
int ctl_keys_catch_up(struct ctl *ctx, struct db *db);
int ctl_push(struct ctl *ctx);   /* ctl_push.c */
int ctl_report_compliance(struct ctl *ctx); /* ctl_compliance.c: report compliance */

#endif
