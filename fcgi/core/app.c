#include "core/app.h"
#include <dirent.h>
#include <fcntl.h>
#include <libxslt/xsltutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool app_load_catalogs(struct app *app, char *err, size_t errlen)
{
	char dir[600];
	snprintf(dir, sizeof dir, "%s/catalogs", app->xslt_dir);
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		snprintf(err, errlen, "cannot read %s", dir);
		return false;
	}
	bool ok = true;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (ok && ends_with(name, ".xml") && app->ncatalogs < MAX_CATALOGS) {
			char path[900];
			snprintf(path, sizeof path, "%s/%s", dir, name);
			xmlDocPtr doc = xmlReadFile(path, "UTF-8", XXGK_XML_PARSE_OPTIONS);
			xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
			xmlChar *variant = root ? xmlGetProp(root, (const xmlChar *)"variant") : NULL;
			if (variant == NULL || strlen((const char *)variant) >= sizeof app->catalogs[0].variant) {
				snprintf(err, errlen, "%s: not a catalog (no variant attribute)", path);
				xmlFree(variant);
				xmlFreeDoc(doc);
				ok = false;
			} else {
				struct catalog *c = &app->catalogs[app->ncatalogs++];
				snprintf(c->variant, sizeof c->variant, "%s", (const char *)variant);
				c->doc = doc;
				xmlFree(variant);
			}
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

static bool load_stylesheets(struct app *app, char *err, size_t errlen)
{
	struct dirent **names;
	int n = scandir(app->xslt_dir, &names, NULL, by_name);
	if (n < 0) {
		snprintf(err, errlen, "cannot read stylesheet folder %s", app->xslt_dir);
		return false;
	}
	bool ok = true;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		/* _*.xsl are shared parts, imported by the page stylesheets, not compiled alone. */
		if (ok && ends_with(name, ".xsl") && name[0] != '_') {
			char path[900];
			snprintf(path, sizeof path, "%s/%s", app->xslt_dir, name);
			size_t base = strlen(name) - 4;
			if (app->nsheets == MAX_STYLESHEETS || base >= sizeof app->sheets[0].name) {
				snprintf(err, errlen, "%s: too many stylesheets or name too long", path);
				ok = false;
			} else {
				xsltStylesheetPtr xsl = xsltParseStylesheetFile((const xmlChar *)path);
				if (xsl == NULL) {
					snprintf(err, errlen, "%s: stylesheet does not compile", path);
					ok = false;
				} else {
					struct stylesheet *s = &app->sheets[app->nsheets++];
					memcpy(s->name, name, base);
					s->name[base] = '\0';
					s->xsl = xsl;
				}
			}
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

bool app_configure(struct app *app, const char *config_path, struct buf *errors)
{
	memset(app, 0, sizeof *app);
	app->access_log_fd = -1;
	if (!settings_load(&app->cfg, config_path, errors))
		return false;
	const struct settings *c = &app->cfg;
	app->xslt_dir = c->paths.xslt;
	app->prefix = c->server.prefix;
	app->static_url = c->server.static_url;
	app->max_body = (size_t)c->limits.body_max;
	app->limits = default_limits;
	app->limits.max_fields = (size_t)c->limits.fields_max;
	app->limits.max_value = (size_t)c->limits.field_max;
	app->limits.max_files = (size_t)c->limits.uploads_max;
	app->limits.max_file_size = (size_t)c->limits.upload_max;
	bool copies = c->cache.enabled && c->cache.copies_dir != NULL && c->cache.copies_dir[0] != '\0';
	app->copies_root = copies ? c->cache.copies_dir : NULL;
	app->copies_min_free_mb = c->cache.copies_min_free_mb;
	app->trust_sso_header = c->auth.sso_enabled;
	app->sso_header = c->auth.sso_header;
	/* Secrets (the database password, the keys) readable by every user are said at every start. */
	secret_file_warn(config_path, "configuration file", "xxgk", stderr);
	secret_file_warn(c->keys.file, "key file", "xxgk", stderr);
	return true;
}

bool app_load_keys(struct app *app, char *err, size_t errlen)
{
	if (app->keys_loaded)
		return true;
	app->keys_loaded = keyring_load(&app->keys, app->cfg.keys.file, err, errlen);
	return app->keys_loaded;
}

bool app_init(struct app *app, char *err, size_t errlen)
{
	const char *alog = app->cfg.log.access;
	if (alog != NULL && *alog) {
		app->access_log_fd = open(alog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (app->access_log_fd < 0) {
			snprintf(err, errlen, "cannot open access log %s", alog);
			return false;
		}
	}
	app->security = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(app->security, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(app->security, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(app->security, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(app->security, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(app->security, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	if (!load_stylesheets(app, err, errlen) || !app_load_catalogs(app, err, errlen) || !app_load_keys(app, err, errlen))
		return false;
	char path[600];
	snprintf(path, sizeof path, "%s/letters.xml", app->xslt_dir);
	app->letters = xmlReadFile(path, "UTF-8", XXGK_XML_PARSE_OPTIONS);
	if (app->letters == NULL) {
		snprintf(err, errlen, "%s: the letter templates do not load", path);
		return false;
	}
	return true;
}

xmlDocPtr app_letters(const struct app *app)
{
	return app->letters;
}

void app_free(struct app *app)
{
	for (size_t i = 0; i < app->nsheets; i++)
		xsltFreeStylesheet(app->sheets[i].xsl);
	for (size_t i = 0; i < app->ncatalogs; i++)
		xmlFreeDoc(app->catalogs[i].doc);
	if (app->letters)
		xmlFreeDoc(app->letters);
	if (app->security)
		xsltFreeSecurityPrefs(app->security);
	if (app->access_log_fd >= 0)
		close(app->access_log_fd);
	settings_free(&app->cfg);
	keyring_wipe(&app->keys);
	memset(app, 0, sizeof *app);
}

xsltStylesheetPtr app_stylesheet(const struct app *app, const char *name)
{
	for (size_t i = 0; i < app->nsheets; i++)
		if (strcmp(app->sheets[i].name, name) == 0)
			return app->sheets[i].xsl;
	return NULL;
}

xmlDocPtr app_catalog(const struct app *app, const char *variant)
{
	for (size_t i = 0; i < app->ncatalogs; i++)
		if (strcmp(app->catalogs[i].variant, variant) == 0)
			return app->catalogs[i].doc;
	return NULL;
}
