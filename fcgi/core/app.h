/* What a process shares between its worker threads. Built once at start, read-only afterwards
 * (no global mutable state): settings, compiled stylesheets, catalogs, limits. */
#ifndef XXGK_APP_H
#define XXGK_APP_H
#include "core/buf.h"
#include "core/parse.h"
#include "core/seal.h"
#include "core/settings.h"
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
	struct settings cfg;        /* every key of the configuration file, read once */
	const char *xslt_dir;
	const char *prefix;         /* URL prefix, "/xxgk" */
	const char *static_url;     /* where nginx serves xslt/static/ */
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
	const char *sso_header;
	const char *copies_root;    /* [cache] copies_dir (absolute), NULL: no stored page copies */
	long long copies_min_free_mb; /* [cache] copies_min_free_mb: no copies below this */
	struct keyring keys;        /* [keys] file, read by app_load_keys */
	bool keys_loaded;
};

/* Reads and checks the configuration file (settings.h) into app->cfg and the fields above it
 * derives. Every problem adds a line to errors; false when there was any. */
bool app_configure(struct app *app, const char *config_path, struct buf *errors);
/* After app_configure: opens the access log, compiles every stylesheet in xslt_dir, loads every
 * catalog and the letter templates. On failure writes a message to err. */
bool app_init(struct app *app, char *err, size_t errlen);
void app_free(struct app *app);
xsltStylesheetPtr app_stylesheet(const struct app *app, const char *name);
xmlDocPtr app_catalog(const struct app *app, const char *variant);
xmlDocPtr app_letters(const struct app *app);
/* Reads the key file ([keys] file) into app->keys; app_init does. On failure writes to err. */
bool app_load_keys(struct app *app, char *err, size_t errlen);
/* Loads the catalogs only (xxgkctl). */
bool app_load_catalogs(struct app *app, char *err, size_t errlen);
/* XML parsing for untrusted or imported documents: no network, no external entities. */
#define XXGK_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS)

#endif
