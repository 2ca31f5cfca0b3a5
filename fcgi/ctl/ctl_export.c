/* xxgkctl export ocds --site SITE [--from DATE] [--to DATE] [--base-url URL] [--output FILE] —
 * the site's procurement notices as one OCDS 1.1 release package (notices/ocds.c), the same
 * releases GET /xxgk/SITE/api/ocds.json serves, written page by page so that memory stays flat. */
#include "ctl/ctl.h"
#include "core/exchange.h"
#include "notices/import.h"
#include "notices/ocds.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

#define EXPORT_PAGE 500

static bool base_url_ok(const char *u)
{
	const char *host = strncmp(u, "https://", 8) == 0 ? u + 8 : strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
	return host != NULL && host_name_valid(host);
}

/* The options' own checks, before the database is asked; 0 when they hold, else the exit code. */
static int check_options(const char *key, const char *from, const char *to, const char *base)
{
	int32_t fd = 0, td = 0;
	if (key == NULL) {
		fputs("xxgkctl export ocds: --site SITE is needed\n", stderr);
		return 2;
	}
	if ((from != NULL && !parse_date(from, &fd)) || (to != NULL && !parse_date(to, &td))) {
		fputs("xxgkctl export ocds: --from and --to take a date, YYYY-MM-DD\n", stderr);
		return 2;
	}
	if (from != NULL && to != NULL && td < fd) {
		fputs("xxgkctl export ocds: --to is before --from\n", stderr);
		return 2;
	}
	if (base != NULL && !base_url_ok(base)) {
		fputs("xxgkctl export ocds: --base-url is http(s)://HOST[:PORT], no path\n", stderr);
		return 2;
	}
	return 0;
}

/* The package to out, a page of releases at a time, each page in its own pool: only the keyset
 * position is carried over, so memory stays flat. */
static enum xerr write_package(struct ocds_export *x, const char *uri, FILE *out, size_t *total)
{
	struct pool *p = x->p;
	struct buf b;
	buf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	ocds_package_begin(&w, x, uri);
	*total = 0;
	bool more = true;
	while (more) {
		struct pool *page = pool_new();
		x->p = page;
		size_t n;
		enum xerr e = ocds_releases(x, &w, &n, &more);
		x->after_when = x->after_when ? pool_strdup(p, x->after_when) : NULL;
		x->p = p;
		pool_free(page);
		if (e != XE_OK) {
			buf_free(&b);
			return e;
		}
		*total += n;
		fwrite(b.data, 1, b.len, out);
		b.len = 0;
	}
	ocds_package_end(&w, NULL);
	buf_putc(&b, '\n');
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
	return XE_OK;
}

static int export_ocds(struct ctl *ctx)
{
	const char *key = ctl_opt(ctx, "--site"), *from = ctl_opt(ctx, "--from"), *to = ctl_opt(ctx, "--to"),
	           *base = ctl_opt(ctx, "--base-url"), *output = ctl_opt(ctx, "--output");
	int rc = check_options(key, from, to, base);
	if (rc != 0)
		return rc;
	struct db *db = ctl_db(ctx);
	if (db == NULL)
		return 1;
	struct pool *p = pool_new();
	rc = 1;
	FILE *out = stdout;
	struct site site;
	enum xerr e = site_by_key(db, p, NULL, key, &site);
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl export ocds: site %s: %s\n", key, e == XE_NOT_FOUND ? "no such site" : db_error(db));
		goto done;
	}
	if (base == NULL)
		base = host_name_valid(site.domain) ? pool_printf(p, "https://%s", site.domain) : "http://localhost";
	if (output != NULL && (out = fopen(output, "w")) == NULL) {
		perror(output);
		goto done;
	}
	const char *prefix = ctx->app.prefix;
	struct ocds_export x = {
		.app = &ctx->app,
		.db = db,
		.p = p,
		.site = &site,
		.origin = base,
		.prefix = prefix,
		.ocid_prefix = ocds_ocid_prefix(&ctx->app.cfg),
		.from = from,
		.to = to,
		.limit = EXPORT_PAGE,
	};
	const char *uri = pool_printf(p, "%s%s/%s/api/ocds.json%s%s%s%s%s", base, prefix, site.key, from || to ? "?" : "",
	                              from ? "from=" : "", from ? from : "", from && to ? "&to=" : to ? "to=" : "",
	                              to ? to : "");
	size_t total;
	if (write_package(&x, uri, out, &total) != XE_OK) {
		fprintf(stderr, "xxgkctl export ocds: %s\n", db_error(db));
		goto done;
	}
	if (fflush(out) != 0 || ferror(out)) {
		perror(output ? output : "stdout");
		goto done;
	}
	fprintf(stderr, "%zu procurement notices of %s exported as OCDS releases\n", total, site.key);
	rc = 0;
done:
	if (out != stdout && out != NULL)
		fclose(out);
	pool_free(p);
	return rc;
}

int ctl_export(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, "usage: xxgkctl export ocds --site SITE [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	                        "                          [--base-url https://HOST] [--output FILE]\n"
	                        "Writes the site's procurement notices (its catalog's 政府采购 domain, without\n"
	                        "supervision records) published in the period as one Open Contracting Data\n"
	                        "Standard 1.1 release package (JSON) to stdout or FILE. Links to the notices use\n"
	                        "--base-url (default https:// and the site's domain); ocids use [ocds] ocid_prefix.\n"))
		return 0;
	const char *what = ctl_arg(ctx, 0);
	if (what == NULL || strcmp(what, "ocds") != 0) {
		fputs("xxgkctl export: what? (xxgkctl export ocds --help)\n", stderr);
		return 2;
	}
	return export_ocds(ctx);
}
