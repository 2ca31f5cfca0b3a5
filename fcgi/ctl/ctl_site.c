/* xxgkctl site list|add|set — sites are rows: a key, a catalog variant, a name, an organisation
 * code (the first part of every 索引号), a domain and the 网站标识码 (SiteIDCode) that
 * 国办发〔2017〕47号 asks for in every page's head. */
#include "core/audit.h"
#include "core/exchange.h"
#include "core/site.h"
#include "core/text.h"
#include "ctl/ctl.h"
#include "notices/notice_store.h"
#include <stdio.h>
#include <string.h>

static int site_list(struct db *db, struct pool *p)
{
	struct db_result r;
	if (db_query(db, p, &r, "SELECT site_key, variant, org_code, id_code, name FROM sites ORDER BY id", "") != XE_OK) {
		fprintf(stderr, "xxgkctl: %s\n", db_error(db));
		return 1;
	}
	for (size_t i = 0; i < r.nrows; i++)
		printf("%-12s %-10s %-20s %-10s %s\n", r.rows[i][0], r.rows[i][1], r.rows[i][2],
		       *r.rows[i][3] ? r.rows[i][3] : "-", r.rows[i][4]);
	return 0;
}

static bool id_code_ok(const char *code)
{
	if (site_id_code_valid(code))
		return true;
	fputs("xxgkctl site: --id-code is the 网站标识码 the register gave the site: 10 letters and digits, "
	      "such as 5309000001\n",
	      stderr);
	return false;
}

static int site_add(struct ctl *ctx, struct db *db)
{
	const char *key = ctl_arg(ctx, 1), *variant = ctl_opt(ctx, "--variant"), *name = ctl_opt(ctx, "--name"),
	           *org = ctl_opt(ctx, "--org-code"), *domain = ctl_opt(ctx, "--domain"), *id_code = ctl_opt(ctx, "--id-code");
	if (key == NULL || !site_key_valid(key) || variant == NULL || name == NULL || org == NULL) {
		fputs("xxgkctl site add: KEY (a-z, 0-9, - and _), --variant, --name and --org-code are needed\n", stderr);
		return 2;
	}
	if (app_catalog(&ctx->app, variant) == NULL) {
		fprintf(stderr, "xxgkctl site add: no catalog for variant %s\n", variant);
		return 2;
	}
	if (!text_valid(name, strlen(name)) || !text_valid(org, strlen(org))) {
		fputs("xxgkctl site add: --name and --org-code must be valid UTF-8 text\n", stderr);
		return 2;
	}
	if (id_code != NULL && !id_code_ok(id_code))
		return 2;
	enum xerr e = db_exec(db, "INSERT INTO sites (site_key, name, variant, org_code, domain, id_code) VALUES (?, ?, ?, ?, ?, ?)",
	                      "ssssss", key, name, variant, org, domain ? domain : "", id_code ? id_code : "");
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl site add: %s\n", e == XE_CONFLICT ? "that key exists" : db_error(db));
		return 1;
	}
	printf("site %s added\n", key);
	return 0;
}

/* The audit entry of a changed SiteIDCode: what it was and what it is. */
static enum xerr audit_id_code(struct db *db, struct pool *p, const struct site *s, const char *code)
{
	const char *json[2];
	const char *values[2] = {s->id_code, code};
	for (size_t i = 0; i < 2; i++) {
		struct buf j;
		buf_init(&j);
		struct jw w;
		jw_init(&w, &j);
		jw_open(&w, NULL, '{');
		jw_str(&w, "id_code", values[i]);
		jw_close(&w, '}');
		json[i] = pool_strdup(p, buf_cstr(&j));
		buf_free(&j);
	}
	struct audit_entry a = {.site_id = s->id, .actor = "xxgkctl", .action = "site.set", .subject = "site",
	                        .subject_id = s->id, .before_json = json[0], .after_json = json[1]};
	return audit_write(db, &a);
}

/* Every page carries the code: the change moves the site's generation, so that no cached page
 * keeps the old one. */
static int site_set(struct ctl *ctx, struct db *db, struct pool *p)
{
	const char *key = ctl_arg(ctx, 1), *code = ctl_opt(ctx, "--id-code");
	if (key == NULL || code == NULL) {
		fputs("xxgkctl site set: KEY and --id-code CODE are needed\n", stderr);
		return 2;
	}
	if (!id_code_ok(code))
		return 2;
	struct site s;
	enum xerr e = site_by_key(db, p, &ctx->app, key, &s);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl site set: %s\n", e == XE_NOT_FOUND ? "no such site" : db_error(db));
		return 1;
	}
	e = db_begin(db);
	if (e == XE_OK)
		e = db_exec(db, "UPDATE sites SET id_code = ? WHERE id = ?", "si", code, s.id);
	if (e == XE_OK)
		e = audit_id_code(db, p, &s, code);
	if (e == XE_OK)
		e = site_touch(db, &s);
	if (e == XE_OK)
		e = db_commit(db);
	if (e != XE_OK) {
		db_rollback(db);
		fprintf(stderr, "xxgkctl site set: %s\n", db_error(db));
		return 1;
	}
	printf("site %s: SiteIDCode %s\n", key, code);
	return 0;
}

int ctl_site(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl site list\n"
	                        "       xxgkctl site add KEY --variant VARIANT --name NAME --org-code CODE [--domain HOST]\n"
	                        "                            [--id-code SITEIDCODE]\n"
	                        "       xxgkctl site set KEY --id-code SITEIDCODE\n"
	                        "A site is one column tree on one catalog variant (lincang, yancheng, qinghai,\n"
	                        "zhejiang, shanwei). KEY appears in URLs: /xxgk/KEY/. SITEIDCODE is the site's\n"
	                        "网站标识码 (10 letters and digits), carried as SiteIDCode in every page's head.\n"))
		return 0;
	const char *sub = ctl_arg(ctx, 0);
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	int rc;
	if (sub == NULL || strcmp(sub, "list") == 0)
		rc = site_list(db, p);
	else if (strcmp(sub, "add") == 0)
		rc = site_add(ctx, db);
	else if (strcmp(sub, "set") == 0)
		rc = site_set(ctx, db, p);
	else {
		fprintf(stderr, "xxgkctl site: unknown subcommand %s\n", sub);
		rc = 2;
	}
	pool_free(p);
	return rc;
}
