/* What a process shares between its worker threads. Built once at start, read-only afterwards
 * (no global mutable state): configuration, compiled stylesheets, catalogs, limits. */
#ifndef XXGK_APP_H
#define XXGK_APP_H
#include "core/config.h"
#include "core/parse.h"
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/security.h>
#include <stdbool.h>

#define MAX_STYLESHEETS 48
#define MAX_CATALOGS 16

struct stylesheet {
	char name[32];
	xsltStylesheetPtr xsl;
};

struct catalog {
	char variant[32];
	xmlDocPtr doc;
};

struct app {
	struct config cfg;
	char xslt_dir[512];
	char prefix[64];            /* URL prefix, "/xxgk" */
	char static_url[128];       /* where nginx serves xslt/static/ */
	size_t max_body;            /* bytes of a request body */
	struct limits limits;
	struct stylesheet sheets[MAX_STYLESHEETS];
	size_t nsheets;
	struct catalog catalogs[MAX_CATALOGS];
	size_t ncatalogs;
	xmlDocPtr letters;          /* xslt/letters.xml: the letter templates */
	xsltSecurityPrefsPtr security;
	int access_log_fd;          /* -1: none */
	bool trust_sso_header;
	char sso_header[64];
	const char *copies_root;    /* [cache] copies_dir (absolute), NULL: no stored page copies */
	long long copies_min_free_mb; /* [cache] copies_min_free_mb: no copies below this */
};

/* Loads config-derived settings, compiles every stylesheet in xslt_dir and loads every catalog.
 * On failure writes a message to err. */
bool app_init(struct app *app, const char *config_path, char *err, size_t errlen);
void app_free(struct app *app);
xsltStylesheetPtr app_stylesheet(const struct app *app, const char *name);
xmlDocPtr app_catalog(const struct app *app, const char *variant);
xmlDocPtr app_letters(const struct app *app);
/* Reads the [cache] settings of stored page copies into app (app_init does; the CLI's lighter
 * set-up too). Read once, not per request. */
void app_read_copies_settings(struct app *app);
/* Loads the catalogs only (xxgkctl). */
bool app_load_catalogs(struct app *app, char *err, size_t errlen);
/* XML parsing for untrusted or imported documents: no network, no external entities. */
#define XXGK_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS)

#endif
