#include "ctl/ctl.h"
#include "ctl/demo.h"
#include "ctl/migrate.h"
#include "core/site.h"
#include "core/text.h"
#include <libxml/relaxng.h>
#include <stdio.h>
#include <string.h>

bool ctl_configure(struct ctl *ctx)
{
	struct buf errors;
	buf_init(&errors);
	ctx->configured = app_configure(&ctx->app, ctx->config_path, &errors);
	settings_print_errors(stderr, "xxgkctl: ", &errors);
	buf_free(&errors);
	if (!ctx->configured)
		app_free(&ctx->app);
	return ctx->configured;
}

bool ctl_app(struct ctl *ctx, bool full)
{
	if (ctx->app_loaded)
		return true;
	char err[512];
	bool ok = full ? app_init(&ctx->app, err, sizeof err) : app_load_catalogs(&ctx->app, err, sizeof err);
	if (!ok) {
		fprintf(stderr, "xxgkctl: %s\n", err);
		return false;
	}
	ctx->app_loaded = true;
	return true;
}

struct db *ctl_db(struct ctl *ctx)
{
	if (ctx->db != NULL)
		return ctx->db;
	if (!ctl_app(ctx, false))
		return NULL;
	char err[512];
	ctx->db = db_open(&ctx->app.cfg, err, sizeof err);
	if (ctx->db == NULL)
		fprintf(stderr, "xxgkctl: %s\n", err);
	/* Without the key file, the commands that seal or write the audit log fail and say so. */
	else if (app_load_keys(&ctx->app, err, sizeof err))
		db_set_keyring(ctx->db, &ctx->app.keys);
	return ctx->db;
}

void ctl_free(struct ctl *ctx)
{
	db_close(ctx->db);
	if (ctx->configured)
		app_free(&ctx->app);
}

bool ctl_wants_help(struct ctl *ctx, const char *text)
{
	if (!ctl_flag(ctx, "--help") && !ctl_flag(ctx, "-h"))
		return false;
	fputs(text, stdout);
	return true;
}

const char *ctl_opt(struct ctl *ctx, const char *name)
{
	for (int i = 1; i + 1 < ctx->argc; i++)
		if (strcmp(ctx->argv[i], name) == 0)
			return ctx->argv[i + 1];
	return NULL;
}

bool ctl_flag(struct ctl *ctx, const char *name)
{
	for (int i = 1; i < ctx->argc; i++)
		if (strcmp(ctx->argv[i], name) == 0)
			return true;
	return false;
}

/* Options that take a value; everything else starting with -- is a flag. */
static bool takes_value(const char *opt)
{
	static const char *const with_value[] = {"--id-code", "--site", "--notices", "--dir", "--variant", "--name", "--org-code",
	                                         "--format", "--month", "--year", "--role", "--body", "--domain",
	                                         "--calendar-version", "--pause", "--today", "--from", "--to", "--base-url", "--output",
	                                         "--tier-keep", "--map", "--batch", "--writers", "--nginx-dir", "--apache-dir", "--file",
	                                         "--cipher", "--hash", "--max-rows", "--address", "--postcode", "--phone",
	                                         "--fax", "--hours", "--review-body", "--court", "--signature", "--node", "--rebuild-above", "--wait", NULL};
	for (const char *const *w = with_value; *w; w++)
		if (strcmp(*w, opt) == 0)
			return true;
	return false;
}

const char *ctl_arg(struct ctl *ctx, int n)
{
	for (int i = 1; i < ctx->argc; i++) {
		if (strncmp(ctx->argv[i], "--", 2) == 0) {
			if (takes_value(ctx->argv[i]))
				i++;
			continue;
		}
		if (n-- == 0)
			return ctx->argv[i];
	}
	return NULL;
}

static const char *sql_dir(struct ctl *ctx)
{
	const char *d = ctl_opt(ctx, "--dir");
	if (d != NULL)
		return d;
	return ctx->app.cfg.paths.sql;
}

int ctl_migrate(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl migrate [--dir SQLDIR] [--wait SECONDS]\n"
	                        "Applies the numbered migrations (NNN_name.sql) newer than the database's recorded\n"
	                        "version, in order, and records each in schema_version. Safe to run again.\n"
	                        "One run at a time for the database: another waits for it up to --wait seconds\n"
	                        "(3600), then fails. A database a newer release migrated is an error.\n"))
		return 0;
	long long wait = 3600;
	const char *w = ctl_opt(ctx, "--wait");
	if (w != NULL && !parse_int(w, 0, 86400, &wait)) {
		fprintf(stderr, "xxgkctl migrate: --wait takes seconds, 0 to 86400\n");
		return 2;
	}
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	int rc = migrate_apply(db, sql_dir(ctx), (int)wait, stdout);
	return rc == 0 ? ctl_keys_catch_up(ctx, db) : rc;
}

int ctl_demo_data(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl demo-data [--notices N [--site SITE]]\n"
	                        "Without --notices: creates the five demo sites (lincang, yancheng, qinghai,\n"
	                        "zhejiang, shanwei) with notices in every category, once.\n"
	                        "With --notices N: adds N realistic generated notices to SITE (or to every demo\n"
	                        "site), for load tests.\n"))
		return 0;
	/* The demo's requests are handled through the workflow, which fills in letter templates. */
	if (!ctl_app(ctx, true))
		return 1;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	const char *n = ctl_opt(ctx, "--notices");
	if (n == NULL)
		return demo_setup(&ctx->app, db, stdout);
	long long count;
	if (!parse_int(n, 1, 100000000, &count)) {
		fputs("xxgkctl demo-data: --notices takes a whole number from 1 to 100000000\n", stderr);
		return 2;
	}
	return demo_notices(&ctx->app, db, ctl_opt(ctx, "--site"), count, stdout);
}

/* Validates each catalog against catalog.rng and checks that codes are unique and nested. */
static int check_catalog(const char *rng_path, const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rng_path);
	xmlRelaxNGPtr schema = pc ? xmlRelaxNGParse(pc) : NULL;
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		fprintf(stderr, "%s: schema does not load\n", rng_path);
		return 1;
	}
	int rc = 0;
	xmlDocPtr doc = xmlReadFile(path, "UTF-8", XXGK_XML_PARSE_OPTIONS);
	if (doc == NULL) {
		fprintf(stderr, "%s: not well-formed\n", path);
		rc = 1;
	} else {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
		if (xmlRelaxNGValidateDoc(vc, doc) != 0)
			rc = 1;
		xmlRelaxNGFreeValidCtxt(vc);
		/* Codes: unique, and each child's code extends its parent's. */
		xmlNodePtr stack[64];
		int sp = 0;
		stack[sp++] = xmlDocGetRootElement(doc);
		size_t ncodes = 0, cap = 0;
		char **codes = NULL;
		while (sp > 0 && rc == 0) {
			xmlNodePtr n = stack[--sp];
			for (xmlNodePtr c = n->last; c != NULL; c = c->prev) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				xmlChar *code = xmlGetProp(c, (const xmlChar *)"code");
				if (code != NULL) {
					xmlChar *pcode = xmlGetProp(n, (const xmlChar *)"code");
					if (pcode != NULL && strncmp((const char *)code, (const char *)pcode, (size_t)xmlStrlen(pcode)) != 0) {
						fprintf(stderr, "%s:%ld: code %s is not under its parent %s\n", path, (long)xmlGetLineNo(c),
						        (const char *)code, (const char *)pcode);
						rc = 1;
					}
					xmlFree(pcode);
					for (size_t k = 0; k < ncodes; k++)
						if (strcmp(codes[k], (const char *)code) == 0) {
							fprintf(stderr, "%s:%ld: code %s used twice\n", path, (long)xmlGetLineNo(c), (const char *)code);
							rc = 1;
						}
					if (ncodes == cap) {
						cap = cap ? cap * 2 : 256;
						codes = realloc(codes, cap * sizeof *codes);
					}
					codes[ncodes++] = strdup((const char *)code);
					xmlFree(code);
				}
				if (sp < 64)
					stack[sp++] = c;
			}
		}
		for (size_t k = 0; k < ncodes; k++)
			free(codes[k]);
		free(codes);
		xmlFreeDoc(doc);
	}
	xmlRelaxNGFree(schema);
	return rc;
}

int ctl_catalog(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl catalog check [FILE...]\n"
	                        "Validates the catalog definitions (default: every xslt/catalogs/*.xml) against\n"
	                        "xslt/catalogs/catalog.rng and checks that codes are unique and nested.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	if (sub == NULL || strcmp(sub, "check") != 0) {
		fputs("xxgkctl catalog: the subcommand is check\n", stderr);
		return 2;
	}
	if (!ctl_app(ctx, false))
		return 1;
	char rng[700];
	snprintf(rng, sizeof rng, "%s/catalogs/catalog.rng", ctx->app.xslt_dir);
	int rc = 0;
	if (ctl_arg(ctx, 1) != NULL) {
		for (int k = 1; ctl_arg(ctx, k) != NULL; k++)
			rc |= check_catalog(rng, ctl_arg(ctx, k));
	} else {
		for (size_t k = 0; k < ctx->app.ncatalogs; k++) {
			char path[800];
			snprintf(path, sizeof path, "%s/catalogs/%s.xml", ctx->app.xslt_dir, ctx->app.catalogs[k].variant);
			int r = check_catalog(rng, path);
			printf("%s: %s\n", path, r == 0 ? "valid" : "INVALID");
			rc |= r;
		}
	}
	return rc;
}
