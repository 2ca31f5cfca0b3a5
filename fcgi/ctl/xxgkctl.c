/* xxgkctl: the admin command line. Each command is a function; the table below is the list. */
#include "core/app.h"
#include "core/text.h"
#include "core/version.h"
#include "ctl/ctl.h"
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ctl_command commands[] = {
	{"migrate", ctl_migrate, "apply the schema migrations in sql/ (in order, each recorded)"},
	{"import", ctl_import, "import notices from a CMS export file (JSON, XML, CSV or XLSX)"},
	{"demo-data", ctl_demo_data, "create the demo sites, or add generated notices for load tests"},
	{"site", ctl_site, "list or add sites"},
	{"catalog", ctl_catalog, "check the catalog definitions against their schema"},
	{"user", ctl_user, "staff accounts: add, passwd, disable, enable, unlock, list"},
	{"body", ctl_body, "a site's disclosing bodies: add, set, list (addresses, review body, court)"},
	{"calendar", ctl_calendar, "load a year's official holiday arrangement, or show a year"},
	{"deadline", ctl_deadline, "the due date N working days after a date (--explain: day by day)"},
	{"remind", ctl_remind, "the daily mail to staff of requests due within 5 working days or overdue"},
	{"outbox", ctl_outbox, "mail to applicants: list, show, send through the SMTP relay"},
	{"notices", ctl_notices, "checks on a site's notices: incomplete (required items missing)"},
	{"report", ctl_report, "reports: timeliness (monthly), compliance (per body and period), annual"},
	{"export", ctl_export, "export procurement notices as OCDS release JSON"},
	{"push", ctl_push, "pushes to the trading platforms: endpoint add|list|remove, deliver, status"},
	{"token", ctl_token, "push API tokens: add (shown once), list, revoke"},
	{"search", ctl_search, "full-text search index: reindex [--site S], sync, status"},
	{"cluster", ctl_cluster, "a Galera cluster's nodes: state, size, flow control, search lag"},
	{"cache", ctl_cache, "clear every cached page (workers' and nginx's copies), level copied notice data"},
	{"config", ctl_config, "check a configuration file, or list every key with its default"},
	{"setup", ctl_setup, "as root: create the database and its account on this machine's MariaDB, migrate"},
	{"doctor", ctl_doctor, "check the installation and say how to fix what is wrong"},
	{"keys", ctl_keys, "the key file: init, rotate (re-seals personal data under a new key), status"},
	{"audit", ctl_audit, "the audit log: verify its chain (names the first entry changed or missing)"},
};

/* Commands that change nothing in the stored copies' folder: the key file and the audit log's
 * check need no service account (make install runs keys init before the account may exist). */
static bool leaves_copies(const struct ctl_command *cmd)
{
	return cmd->fn == ctl_keys || cmd->fn == ctl_audit;
}

/* Runs a command on a configuration checked in full (config and doctor check their own): as
 * root, what it makes in the stored copies' folder is given to the service's account. */
static int run_configured(const struct ctl_command *cmd, struct ctl *ctx)
{
	if (cmd->fn == ctl_config || cmd->fn == ctl_doctor)
		return cmd->fn(ctx);
	if (!ctl_configure(ctx))
		return 1;
	if (leaves_copies(cmd))
		return cmd->fn(ctx);
	struct service_user owner;
	if (!ctl_owner_before(ctx, &owner))
		return 1;
	int rc = cmd->fn(ctx);
	if (!ctl_owner_after(ctx, &owner) && rc == 0)
		rc = 1;
	return rc;
}

static int usage(FILE *f, int code)
{
	fputs("usage: xxgkctl [-c CONFIG] COMMAND [ARGS]\n"
	      "       xxgkctl --version\n\n"
	      "The configuration is found through -c, then $XXGK_CONFIG, then ./var/xxgk.conf, then\n"
	      "/etc/xxgk/xxgk.conf.\n\ncommands:\n",
	      f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n`xxgkctl COMMAND --help` tells more about each.\n", f);
	return code;
}

int main(int argc, char **argv)
{
	clock_beijing();
	const char *config_path = NULL;
	int i = 1;
	if (i + 1 < argc && strcmp(argv[i], "-c") == 0) {
		config_path = argv[i + 1];
		i += 2;
	}
	if (i >= argc)
		return usage(stderr, 2);
	if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "help") == 0)
		return usage(stdout, 0);
	if (strcmp(argv[i], "--version") == 0) {
		printf("xxgkctl %s (schema %d)\n", xxgk_version(), xxgk_schema_version());
		return 0;
	}
	const struct ctl_command *cmd = NULL;
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(commands[k].name, argv[i]) == 0)
			cmd = &commands[k];
	if (cmd == NULL) {
		fprintf(stderr, "xxgkctl: unknown command %s\n", argv[i]);
		return usage(stderr, 2);
	}
	xmlInitParser();
	exsltRegisterAll();
	mysql_library_init(0, NULL, NULL);
	struct ctl ctx = {.config_path = config_locate(config_path), .argc = argc - i, .argv = argv + i};
	bool help = ctl_flag(&ctx, "--help") || ctl_flag(&ctx, "-h");
	int rc = help ? cmd->fn(&ctx) : run_configured(cmd, &ctx);
	ctl_free(&ctx);
	mysql_library_end();
	xmlCleanupParser();
	return rc;
}
