/* The configuration keys (settings.h): the table, and reading a file against it. */
#include "core/settings.h"
#include "core/exchange.h"
#include "core/parse.h"
#include "core/site.h"
#include "core/text.h"
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef XXGK_DATADIR
#define XXGK_DATADIR "/usr/local/share/xxgk"
#endif

#define SITE_SECTION "site.KEY"
#define SITE_PREFIX "site."

/* ---- rules on text values (applied to a value that is not empty) ---- */

static bool url_prefix(const char *v)
{
	size_t n = strlen(v);
	return url_is_safe(v) && v[0] == '/' && v[n - 1] != '/';
}

static bool header_name(const char *v)
{
	for (const char *c = v; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	return true;
}

/* A login name as useradd accepts it by default. */
static bool account_name(const char *v)
{
	if (!((*v >= 'a' && *v <= 'z') || *v == '_'))
		return false;
	for (const char *c = v; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
			return false;
	return true;
}

static bool mail_address(const char *v)
{
	const char *at = strchr(v, '@');
	if (at == NULL || at == v || !host_name_valid(at + 1))
		return false;
	for (const char *c = v; c < at; c++)
		if ((unsigned char)*c <= ' ' || strchr("<>()[]\\,;:\"@", *c) != NULL)
			return false;
	return true;
}

static bool http_url(const char *v)
{
	return url_is_safe(v) && (strncasecmp(v, "https://", 8) == 0 || strncasecmp(v, "http://", 7) == 0);
}

static bool host_without_port(const char *v)
{
	return host_name_valid(v) && strchr(v, ':') == NULL;
}

/* A database node: host:port, the host a name or an address ([v6]:port for IPv6). */
static bool node_address(const char *v)
{
	const char *colon = strrchr(v, ':');
	long long port;
	if (colon == NULL || colon == v || !parse_int(colon + 1, 1, 65535, &port))
		return false;
	char host[256];
	size_t n = (size_t)(colon - v);
	if (n >= sizeof host)
		return false;
	memcpy(host, v, n);
	host[n] = '\0';
	if (host[0] == '[' && host[n - 1] == ']') {
		unsigned char addr[16];
		host[n - 1] = '\0';
		return inet_pton(AF_INET6, host + 1, addr) == 1;
	}
	return host_name_valid(host);
}

static bool ip_address(const char *v)
{
	unsigned char addr[16];
	return inet_pton(AF_INET, v, addr) == 1 || inet_pton(AF_INET6, v, addr) == 1;
}

/* What goes into the page for nginx's SSI: a path on the site that cannot end the comment the
 * directive sits in, nor its quoted argument. */
static bool ssi_path(const char *v)
{
	return v[0] == '/' && url_is_safe(v) && strstr(v, "--") == NULL && strchr(v, '\'') == NULL;
}

/* ---- the table ---- */

static const char *const mail_modes[] = {"outbox", "smtp", NULL};
/* seal.h's names, in its enums' order. */
static const char *const key_ciphers[] = {"aes-256-gcm", "sm4-gcm", NULL};
static const char *const key_hashes[] = {"hmac-sha256", "hmac-sm3", NULL};

/* offsetof the field, which must have the type the row's type keeps (checked at compile time). */
#define AT(field, ctype) _Generic(((struct settings *)0)->field, ctype: offsetof(struct settings, field))
#define AT_SITE(field) _Generic(((struct site_settings *)0)->field, const char *: offsetof(struct site_settings, field))

#define TEXT(sec, k, t, field, d, minlen, maxlen, chk, rul, h) \
	{sec, k, t, AT(field, const char *), d, minlen, maxlen, NULL, chk, rul, h}
#define INT(sec, k, field, d, lo, hi, h) {sec, k, ST_INT, AT(field, long long), d, lo, hi, NULL, NULL, NULL, h}
#define SIZE(sec, k, field, d, lo, hi, h) {sec, k, ST_SIZE, AT(field, long long), d, lo, hi, NULL, NULL, NULL, h}
#define BOOL(sec, k, field, d, h) {sec, k, ST_BOOL, AT(field, bool), d, 0, 0, NULL, NULL, NULL, h}
#define CHOICE(sec, k, field, d, words, h) {sec, k, ST_CHOICE, AT(field, int), d, 0, 0, words, NULL, NULL, h}
#define SITE_TEXT(k, field, chk, rul, h) {SITE_SECTION, k, ST_STRING, AT_SITE(field), NULL, 0, 0, NULL, chk, rul, h}

#define KB 1024LL
#define MB (1024LL * 1024)
#define GB (1024LL * 1024 * 1024)

const struct setting settings_table[] = {
	TEXT("database", "host", ST_STRING, database.host, NULL, 0, 255, host_name_valid, "a host name or address",
	     "The MariaDB/MySQL server over TCP; unset: the local server (through socket)."),
	INT("database", "port", database.port, "0", 0, 65535, "Its TCP port; 0: the client library's default (3306)."),
	TEXT("database", "socket", ST_PATH, database.socket, NULL, 0, 0, NULL, NULL,
	     "Its unix socket, preferred on one machine; unset: the client library's default."),
	TEXT("database", "user", ST_STRING, database.user, "root", 1, 0, NULL, NULL, "The database account."),
	TEXT("database", "password", ST_STRING, database.password, NULL, 0, 0, NULL, NULL,
	     "Its password; unset: none (socket authentication)."),
	TEXT("database", "name", ST_STRING, database.name, "xxgk", 1, 64, NULL, NULL, "The database (utf8mb4)."),
	TEXT("database", "nodes", ST_LIST, database.nodes, "", 0, 0, node_address, "host:port",
	     "The nodes of a Galera cluster, in the order this web host tries them (a connection moves to the "
	     "next when one is down or not ready); instead of host, port and socket. Unset: one server."),

	TEXT("server", "prefix", ST_STRING, server.prefix, "/xxgk", 0, 63, url_prefix, "/ and a path, without a final /",
	     "The URL prefix the web server routes to xxgk (the nginx location, Apache's ProxyPass path)."),
	TEXT("server", "static_url", ST_STRING, server.static_url, "/xxgk-static", 1, 127, url_is_safe,
	     "a path starting with / or an http(s) URL", "Where the web server serves xslt/static/ (the pages' CSS)."),
	TEXT("server", "user", ST_STRING, server.user, NULL, 1, 32, account_name, "a login name (a-z, 0-9, _ and -)",
	     "The account xxgk.fcgi runs as (systemd's User=, spawn-fcgi -u): xxgkctl run as root gives it what it "
	     "makes in copies_dir, and xxgkctl doctor checks as it; unset: the owner of copies_dir."),
	TEXT("server", "allowed_hosts", ST_LIST, server.allowed_hosts, "", 0, 0, host_without_port,
	     "host names or addresses without a port",
	     "Names a request's Host header may give for the absolute links of feeds and the API (its port "
	     "kept), besides each site's domain; any other Host gets the site's domain."),
	INT("server", "processes", server.processes, "2", 1, 64,
	    "Worker processes (a crashed one is replaced); xxgk.fcgi --processes overrides it."),
	INT("server", "threads", server.threads, NULL, 1, 64,
	    "Threads a process, each with its own database connection; unset: one per CPU. Raise it when "
	    "pages wait long on the database; xxgk.fcgi --threads overrides it."),
	INT("server", "max_requests", server.max_requests, "0", 0, 1LL << 40,
	    "Requests a thread serves before its process is replaced; 0: no limit."),
	INT("server", "stop_grace", server.stop_grace, "10", 0, 3600,
	    "Seconds a stopping or replaced worker has to finish the requests it is serving; then it is killed."),
	BOOL("server", "xml_arena", server.xml_arena, "yes",
	     "Give libxml2 a per-thread arena rewound after every request; no: plain malloc."),

	TEXT("paths", "xslt", ST_PATH, paths.xslt, XXGK_DATADIR "/xslt", 1, 400, NULL, NULL,
	     "The stylesheets and catalogs (make install puts them here)."),
	TEXT("paths", "sql", ST_PATH, paths.sql, XXGK_DATADIR "/sql", 1, 0, NULL, NULL,
	     "The schema migrations that xxgkctl migrate applies."),

	SIZE("limits", "body_max", limits.body_max, "12M", 1 * KB, 1 * GB,
	     "A request body's largest size (keep nginx's client_max_body_size at least this large)."),
	SIZE("limits", "small_body_max", limits.small_body_max, "64K", 1 * KB, 1 * GB,
	     "The largest body of a request that uploads nothing (sign-in, forms, the JSON request API); "
	     "uploads and the push may send up to body_max."),
	INT("limits", "fields_max", limits.fields_max, "200", 1, 10000, "Form fields a request."),
	SIZE("limits", "field_max", limits.field_max, "64K", 64, 16 * MB, "A form field's largest size."),
	INT("limits", "uploads_max", limits.uploads_max, "5", 0, 100, "Uploaded files a staff request."),
	SIZE("limits", "upload_max", limits.upload_max, "10M", 1 * KB, 1 * GB, "An uploaded file's largest size."),

	TEXT("log", "access", ST_PATH, log.access, NULL, 0, 0, NULL, NULL,
	     "The access log: a line a request (time, address, method, path without the query, status, bytes, "
	     "time); unset: none."),
	TEXT("log", "error", ST_PATH, log.error, NULL, 0, 0, NULL, NULL,
	     "The service's error log (start-up errors, the database going away and coming back), reopened on "
	     "SIGHUP; unset: standard error (the journal under systemd)."),

	BOOL("cache", "enabled", cache.enabled, "yes",
	     "Keep rendered public pages, checked against the site's generation in the database on every use; "
	     "no: neither this nor the stored copies."),
	INT("cache", "max_mb", cache.max_mb, "64", 1, 65536, "Megabytes of rendered pages a worker process keeps."),
	TEXT("cache", "copies_dir", ST_PATH, cache.copies_dir, NULL, 0, 0, NULL, NULL,
	     "Store column homes, columns and notices as files that nginx sends itself; the same folder for "
	     "every web host, writable by xxgk.fcgi and xxgkctl; unset: no copies."),
	INT("cache", "copies_min_free_mb", cache.copies_min_free_mb, "1024", 0, 1LL << 30,
	    "No copies are written while the file system has less free (megabytes)."),
	INT("cache", "poll_ms", cache.poll_ms, "0", 0, 60000,
	    "Several web hosts, each with copies_dir on its own disk: every worker process reads the sites' "
	    "generations this often and moves its host's copies to them, and takes them out of view when it "
	    "could not for twice as long, so a host serves no page older than 2 x poll_ms. 0: one web host (or "
	    "one folder every host shares), where every change moves the copies itself."),

	INT("search", "apply_ms", search.apply_ms, "0", 0, 60000,
	    "A cluster: every worker process applies the search change log to the index of the node it is "
	    "connected to this often, so that a node's index follows without searches and catches up after "
	    "an outage. 0: searches alone apply it."),

	SIZE("api", "push_body_max", api.push_body_max, "8M", 1 * KB, 4 * GB, "The push API's largest request body."),

	TEXT("ocds", "ocid_prefix", ST_STRING, ocds.ocid_prefix, "ocds-xxgk00-", 1, 64, NULL, NULL,
	     "The publisher's OCDS prefix, registered with the Open Contracting Partnership (the default is a "
	     "placeholder)."),

	INT("auth", "idle_minutes", auth.idle_minutes, "30", 1, 1440, "A staff session ends after this long unused."),
	INT("auth", "max_hours", auth.max_hours, "12", 1, 240, "A staff session ends this long after sign-in."),
	INT("auth", "address_failures", auth.address_failures, "20", 1, 100000,
	    "Failed sign-ins from one address, any account, that block it (the right password included)."),
	INT("auth", "address_window_minutes", auth.address_window_minutes, "15", 1, 1440,
	    "An address's failures are counted until it has had none for this long."),
	INT("auth", "address_block_minutes", auth.address_block_minutes, "15", 1, 1440, "How long a block lasts."),
	INT("auth", "account_free_failures", auth.account_free_failures, "3", 0, 1000,
	    "Failed sign-ins on an account before its further attempts wait (an account is never locked)."),
	INT("auth", "account_delay_seconds", auth.account_delay_seconds, "2", 1, 3600,
	    "The first wait; doubled with each further failure. Addresses that have not failed on the "
	    "account do not wait for the right password."),
	INT("auth", "account_delay_max_seconds", auth.account_delay_max_seconds, "900", 1, 86400, "The longest wait."),
	INT("auth", "account_reset_minutes", auth.account_reset_minutes, "60", 1, 1440,
	    "An account's failures are forgotten after this long without one (and at a sign-in)."),
	BOOL("auth", "sso_enabled", auth.sso_enabled, "no",
	     "Single sign-on: trust the user name the web server sets after the CMS signed the user in. Only "
	     "when the web server strips that header from client requests."),
	TEXT("auth", "sso_header", ST_STRING, auth.sso_header, "X-Remote-User", 1, 64, header_name,
	     "a header name (letters, digits and -)", "The header that carries the user name."),

	INT("ysqgk", "min_fill_seconds", ysqgk.min_fill_seconds, "3", 0, 3600,
	    "The request form is refused when sent sooner after it was opened."),
	INT("ysqgk", "form_max_hours", ysqgk.form_max_hours, "24", 1, 24 * 31,
	    "An older form is issued anew (what was typed is kept)."),
	INT("ysqgk", "file_limit", ysqgk.file_limit, "10", 1, 1000000, "Filings an address may make in file_window."),
	INT("ysqgk", "file_window", ysqgk.file_window, "3600", 10, 31 * 86400, "The window of file_limit, in seconds."),
	INT("ysqgk", "query_limit", ysqgk.query_limit, "60", 1, 1000000, "Lookups an address may make in query_window."),
	INT("ysqgk", "query_window", ysqgk.query_window, "600", 10, 31 * 86400, "The window of query_limit, in seconds."),
	/* 20: ysqgk.h's YSQGK_MAX_FILES, the most the request's record holds. */
	INT("ysqgk", "attachments_max", ysqgk.attachments_max, "5", 0, 20, "Files an applicant may attach."),
	SIZE("ysqgk", "attachment_max", ysqgk.attachment_max, "10M", 1 * KB, 1 * GB, "An attached file's largest size."),
	TEXT("ysqgk", "trusted_proxies", ST_LIST, ysqgk.trusted_proxies, "", 0, 0, ip_address, "IP addresses",
	     "Reverse proxies or load balancers whose X-Forwarded-For is believed (otherwise every applicant "
	     "shares the proxy's address)."),
	TEXT("ysqgk", "exempt", ST_LIST, ysqgk.exempt, "", 0, 0, ip_address, "IP addresses",
	     "Addresses never throttled, e.g. the service hall's own terminals."),

	TEXT("keys", "file", ST_PATH, keys.file, "/etc/xxgk/xxgk.key", 1, 0, NULL, NULL,
	     "The keys that seal applicants' personal data and chain the audit log, outside the database "
	     "(xxgkctl keys init creates it; 0640 root:xxgk)."),
	CHOICE("keys", "cipher", keys.cipher, "aes-256-gcm", key_ciphers,
	       "The cipher of the data keys that xxgkctl keys init and keys rotate make (sm4-gcm: 国密, for a "
	       "密评 assessment); keys already made keep theirs."),
	CHOICE("keys", "hash", keys.hash, "hmac-sha256", key_hashes,
	       "The keyed hash of the index and audit keys that xxgkctl keys init makes (hmac-sm3: 国密)."),

	CHOICE("mail", "mode", mail.mode, "outbox", mail_modes,
	       "outbox: mail to applicants is kept for staff to read (xxgkctl outbox); smtp: sent through the "
	       "relay below, retried by xxgkctl outbox send."),
	BOOL("mail", "send_immediately", mail.send_immediately, "yes",
	     "With smtp: send right after each step (otherwise only xxgkctl outbox send does)."),
	TEXT("mail", "from", ST_STRING, mail.from, "xxgk@localhost", 1, 254, mail_address, "an address name@host",
	     "The sender's address."),
	TEXT("mail", "from_name", ST_STRING, mail.from_name, "政府信息公开", 0, 0, NULL, NULL,
	     "The sender's name when the site's own is not known."),
	TEXT("mail", "smtp_host", ST_STRING, mail.smtp_host, "127.0.0.1", 1, 255, host_name_valid,
	     "a host name or address", "The relay (the site's own; no TLS or AUTH)."),
	INT("mail", "smtp_port", mail.smtp_port, "25", 1, 65535, "Its port."),
	TEXT("mail", "helo", ST_STRING, mail.helo, "localhost", 1, 255, host_name_valid, "a host name",
	     "The name xxgk gives the relay (EHLO)."),
	INT("mail", "timeout_seconds", mail.timeout_seconds, "10", 1, 300, "A connection and each reply may take this long."),
	TEXT("mail", "link_base", ST_STRING, mail.link_base, NULL, 0, 0, http_url, "an http(s) URL",
	     "Put before the links in mails; unset: https:// and the site's domain."),

	BOOL("push", "deliver_immediately", push.deliver_immediately, "yes",
	     "Push a notice's change to the trading platforms right after it is saved (otherwise only xxgkctl "
	     "push deliver, from its timer, does)."),
	INT("push", "timeout_seconds", push.timeout_seconds, "10", 1, 300,
	    "A push's connection and answer may take this long."),
	INT("push", "retry_base_seconds", push.retry_base_seconds, "30", 1, 86400,
	    "The wait after a push's first failure; doubled after each further one, with random jitter."),
	INT("push", "retry_max_seconds", push.retry_max_seconds, "3600", 1, 7 * 86400,
	    "The longest wait between attempts (a push is retried until it is delivered)."),
	INT("push", "batch", push.batch, "500", 1, 100000, "Pushes xxgkctl push deliver sends in one run at most."),

	SITE_TEXT("header_include", header_include, ssi_path, "a path on the site, without -- or '",
	          "The CMS's header, included by the web server's SSI at the top of the site's pages (KEY is the "
	          "site's key; GUIDE section 6)."),
	SITE_TEXT("footer_include", footer_include, ssi_path, "a path on the site, without -- or '",
	          "The CMS's footer, likewise at the bottom."),
};
const size_t settings_count = sizeof settings_table / sizeof settings_table[0];

/* ---- names ---- */

static bool is_site_row(const struct setting *row)
{
	return strcmp(row->section, SITE_SECTION) == 0;
}

static bool is_site_section(const char *name)
{
	return strncmp(name, SITE_PREFIX, strlen(SITE_PREFIX)) == 0;
}

static bool section_known(const char *name)
{
	if (is_site_section(name))
		return site_key_valid(name + strlen(SITE_PREFIX));
	for (size_t i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].section, name) == 0)
			return true;
	return false;
}

static const struct setting *find_row(const char *section, const char *key)
{
	const char *table_section = is_site_section(section) ? SITE_SECTION : section;
	for (size_t i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].section, table_section) == 0 && strcmp(settings_table[i].key, key) == 0)
			return &settings_table[i];
	return NULL;
}

size_t edit_distance(const char *a, const char *b)
{
	enum { LONGEST = 64 };
	size_t n = strlen(a), m = strlen(b);
	if (n > LONGEST || m > LONGEST)
		return SIZE_MAX;
	/* Three rows of the table: the one two back is for swaps of neighbours. */
	size_t rows[3][LONGEST + 1];
	for (size_t j = 0; j <= m; j++)
		rows[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
	}
	return rows[n % 3][m];
}

const char *nearest_name(const char *name, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(name, candidates[i]);
		size_t len = strlen(candidates[i]);
		/* A third of the name may be mistyped, one letter of a short one. */
		size_t near = len / 3 > 1 ? len / 3 : 1;
		if (d <= near && d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

/* The table's sections (SITE_SECTION as site. and the rest of name after its first dot, so that
 * [sites.lincang] meets [site.lincang]), or its keys of one section; n at most max. */
static size_t candidates(const char *section, const char *name, char *site_name, size_t site_len,
                         const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < settings_count && n < max; i++) {
		const struct setting *row = &settings_table[i];
		const char *c = section == NULL ? row->section : row->key;
		if (section != NULL && strcmp(row->section, section) != 0)
			continue;
		if (section == NULL && is_site_row(row)) {
			const char *dot = strchr(name, '.');
			snprintf(site_name, site_len, "%s%s", SITE_PREFIX, dot != NULL ? dot + 1 : "");
			c = site_name;
		}
		if (n == 0 || strcmp(out[n - 1], c) != 0)
			out[n++] = c;
	}
	return n;
}

static void unknown_section(struct buf *errors, const char *file, const struct config_section *sec)
{
	if (is_site_section(sec->name)) {
		buf_printf(errors, "%s:%d: [%s]: a site's key is 1 to 32 of a-z, 0-9, - and _\n", file, sec->line, sec->name);
		return;
	}
	const char *names[64];
	char site_name[160];
	size_t n = candidates(NULL, sec->name, site_name, sizeof site_name, names, 64);
	const char *near = nearest_name(sec->name, names, n);
	buf_printf(errors, "%s:%d: unknown section [%s]", file, sec->line, sec->name);
	if (near != NULL)
		buf_printf(errors, "; did you mean [%s]?", near);
	buf_putc(errors, '\n');
}

static void unknown_key(struct buf *errors, const char *file, const struct config_entry *e)
{
	const char *section = is_site_section(e->section) ? SITE_SECTION : e->section;
	const char *names[64];
	size_t n = candidates(section, e->key, NULL, 0, names, 64);
	const char *near = nearest_name(e->key, names, n);
	buf_printf(errors, "%s:%d: unknown key %s in [%s]", file, e->line, e->key, e->section);
	if (near != NULL) {
		buf_printf(errors, "; did you mean %s?", near);
	} else {
		for (size_t i = 0; i < settings_count; i++)
			if (strcmp(settings_table[i].key, e->key) == 0) {
				buf_printf(errors, "; %s is a key of [%s]", e->key, settings_table[i].section);
				break;
			}
	}
	buf_putc(errors, '\n');
}

/* ---- values ---- */

static void put_size(struct buf *b, long long v)
{
	static const char units[] = "GMK";
	for (int i = 0; i < 3; i++) {
		long long unit = 1LL << (10 * (3 - i));
		if (v != 0 && v % unit == 0) {
			buf_printf(b, "%lld%c", v / unit, units[i]);
			return;
		}
	}
	buf_printf(b, "%lld", v);
}

/* What a value of the row must be, in words. */
static void describe_type(struct buf *b, const struct setting *row)
{
	switch (row->type) {
	case ST_STRING:
		buf_puts(b, row->rule != NULL ? row->rule : "text");
		if (row->min > 0)
			buf_puts(b, ", not empty");
		if (row->max > 0)
			buf_printf(b, ", at most %lld bytes", row->max);
		break;
	case ST_PATH:
		buf_puts(b, "an absolute path");
		if (row->max > 0)
			buf_printf(b, " of at most %lld bytes", row->max);
		break;
	case ST_INT: buf_printf(b, "a whole number from %lld to %lld", row->min, row->max); break;
	case ST_SIZE:
		buf_puts(b, "a size in bytes from ");
		put_size(b, row->min);
		buf_puts(b, " to ");
		put_size(b, row->max);
		buf_puts(b, " (K, M, G: times 1024)");
		break;
	case ST_BOOL: buf_puts(b, "yes or no"); break;
	case ST_LIST: buf_printf(b, "%s, separated by spaces or commas", row->rule); break;
	case ST_CHOICE:
		buf_puts(b, "one of");
		for (size_t i = 0; row->choices[i] != NULL; i++)
			buf_printf(b, "%s %s", i ? "," : "", row->choices[i]);
		break;
	}
}

static bool parse_size(const char *v, long long min, long long max, long long *out)
{
	char digits[24];
	size_t n = strspn(v, "0123456789");
	long long unit = 1;
	if (n == 0 || n >= sizeof digits)
		return false;
	switch (v[n]) {
	case '\0': break;
	case 'K': case 'k': unit = KB; break;
	case 'M': case 'm': unit = MB; break;
	case 'G': case 'g': unit = GB; break;
	default: return false;
	}
	if (v[n] != '\0' && v[n + 1] != '\0')
		return false;
	memcpy(digits, v, n);
	digits[n] = '\0';
	long long count;
	if (!parse_int(digits, 0, max / unit, &count) || count * unit < min)
		return false;
	*out = count * unit;
	return true;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

static bool list_valid(const char *v, bool (*check)(const char *))
{
	char item[256];
	for (const char *c = v; *c;) {
		c += strspn(c, " ,\t");
		size_t k = strcspn(c, " ,\t");
		if (k == 0)
			break;
		if (k >= sizeof item)
			return false;
		memcpy(item, c, k);
		item[k] = '\0';
		if (!check(item))
			return false;
		c += k;
	}
	return true;
}

static bool text_fits(const struct setting *row, const char *v)
{
	size_t n = strlen(v);
	if (n < (size_t)row->min || (row->max > 0 && n > (size_t)row->max))
		return false;
	if (n == 0)
		return true;
	if (row->type == ST_PATH)
		return v[0] == '/';
	if (row->type == ST_LIST)
		return list_valid(v, row->check);
	return row->check == NULL || row->check(v);
}

/* Stores v, written for row, at field; false when it is not what the row takes. */
static bool set_value(const struct setting *row, const char *v, void *field)
{
	switch (row->type) {
	case ST_STRING:
	case ST_PATH:
	case ST_LIST:
		if (!text_fits(row, v))
			return false;
		*(const char **)field = v;
		return true;
	case ST_INT: return parse_int(v, row->min, row->max, (long long *)field);
	case ST_SIZE: return parse_size(v, row->min, row->max, (long long *)field);
	case ST_BOOL: return parse_bool(v, (bool *)field);
	case ST_CHOICE:
		for (int i = 0; row->choices[i] != NULL; i++)
			if (strcmp(row->choices[i], v) == 0) {
				*(int *)field = i;
				return true;
			}
		return false;
	}
	return false;
}

static bool set_default(const struct setting *row, void *base)
{
	void *field = (char *)base + row->offset;
	if (row->dflt == NULL) {
		if (row->type == ST_INT || row->type == ST_SIZE)
			*(long long *)field = 0;
		else if (row->type == ST_BOOL)
			*(bool *)field = false;
		else if (row->type == ST_CHOICE)
			*(int *)field = 0;
		else
			*(const char **)field = NULL;
		return true;
	}
	return set_value(row, row->dflt, field);
}

/* ---- reading a file ---- */

static struct site_settings *site_of(struct settings *s, const char *key)
{
	for (size_t i = 0; i < s->nsites; i++)
		if (strcmp(s->sites[i].key, key) == 0)
			return &s->sites[i];
	struct site_settings *p = realloc(s->sites, (s->nsites + 1) * sizeof *p);
	if (p == NULL)
		abort();
	s->sites = p;
	struct site_settings *site = &s->sites[s->nsites++];
	*site = (struct site_settings){.key = key};
	for (size_t i = 0; i < settings_count; i++)
		if (is_site_row(&settings_table[i]))
			set_default(&settings_table[i], site);
	return site;
}

static bool check_sections(struct settings *s, const char *file, struct buf *errors)
{
	bool ok = true;
	for (size_t i = 0; i < s->ini.nsections; i++) {
		const struct config_section *sec = &s->ini.sections[i];
		if (!section_known(sec->name)) {
			unknown_section(errors, file, sec);
			ok = false;
		} else if (is_site_section(sec->name)) {
			site_of(s, sec->name + strlen(SITE_PREFIX));
		}
	}
	return ok;
}

static bool read_entries(struct settings *s, const char *file, struct buf *errors)
{
	bool ok = true;
	for (size_t i = 0; i < s->ini.n; i++) {
		const struct config_entry *e = &s->ini.entries[i];
		if (!section_known(e->section))
			continue; /* reported with its section */
		const struct setting *row = find_row(e->section, e->key);
		if (row == NULL) {
			unknown_key(errors, file, e);
			ok = false;
			continue;
		}
		void *base = is_site_row(row) ? (void *)site_of(s, e->section + strlen(SITE_PREFIX)) : (void *)s;
		if (!set_value(row, e->value, (char *)base + row->offset)) {
			buf_printf(errors, "%s:%d: [%s] %s = %s: expected ", file, e->line, e->section, e->key, e->value);
			describe_type(errors, row);
			buf_putc(errors, '\n');
			ok = false;
		}
	}
	return ok;
}

static bool apply(struct settings *s, bool read_ok, const char *file, struct buf *errors)
{
	bool ok = read_ok;
	for (size_t i = 0; i < settings_count; i++)
		if (!is_site_row(&settings_table[i]) && !set_default(&settings_table[i], s)) {
			buf_printf(errors, "%s: the default of [%s] %s does not read\n", file, settings_table[i].section,
			           settings_table[i].key);
			ok = false;
		}
	ok = check_sections(s, file, errors) && ok;
	return read_entries(s, file, errors) && ok;
}

struct problem {
	long line;
	size_t at, len; /* in the buffer */
};

static int by_line(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return p->at < q->at ? -1 : p->at > q->at;
}

/* The lines "file:LINE: ..." that errors gained from offset from on, in the order of LINE, so
 * that the syntax, section and key problems read as the file does. */
static void sort_problems(struct buf *errors, size_t from, const char *file)
{
	size_t n = 0, skip = strlen(file) + 1;
	for (size_t i = from; i < errors->len; i++)
		n += errors->data[i] == '\n';
	if (n < 2)
		return;
	struct problem *ps = malloc(n * sizeof *ps);
	char *copy = malloc(errors->len - from);
	if (ps == NULL || copy == NULL)
		abort();
	memcpy(copy, errors->data + from, errors->len - from);
	size_t k = 0;
	for (size_t at = 0; k < n; k++) {
		const char *line = copy + at;
		size_t len = (size_t)((const char *)memchr(line, '\n', errors->len - from - at) - line) + 1;
		ps[k] = (struct problem){len > skip ? strtol(line + skip, NULL, 10) : 0, at, len};
		at += len;
	}
	qsort(ps, n, sizeof *ps, by_line);
	errors->len = from;
	for (k = 0; k < n; k++)
		buf_put(errors, copy + ps[k].at, ps[k].len);
	free(copy);
	free(ps);
}

bool settings_parse(struct settings *s, const char *text, const char *name, struct buf *errors)
{
	memset(s, 0, sizeof *s);
	size_t from = errors->len;
	bool ok = apply(s, config_parse(&s->ini, text, name, errors), name, errors);
	sort_problems(errors, from, name);
	return ok;
}

bool settings_load(struct settings *s, const char *path, struct buf *errors)
{
	memset(s, 0, sizeof *s);
	size_t from = errors->len;
	bool ok = config_load(&s->ini, path, errors);
	if (!ok && s->ini.n == 0 && s->ini.nsections == 0)
		return false; /* not read at all: nothing more to say */
	ok = apply(s, ok, path, errors);
	sort_problems(errors, from, path);
	return ok;
}

void settings_free(struct settings *s)
{
	config_free(&s->ini);
	free(s->sites);
	memset(s, 0, sizeof *s);
}

void settings_print_errors(FILE *f, const char *prefix, struct buf *errors)
{
	for (const char *line = buf_cstr(errors); *line;) {
		size_t n = strcspn(line, "\n");
		fprintf(f, "%s%.*s\n", prefix, (int)n, line);
		line += n + (line[n] != '\0');
	}
}

const struct site_settings *settings_site(const struct settings *s, const char *key)
{
	for (size_t i = 0; i < s->nsites; i++)
		if (strcmp(s->sites[i].key, key) == 0)
			return &s->sites[i];
	return NULL;
}

/* ---- the table for people ---- */

/* roff text: a backslash, a leading control character and hyphens made literal. */
static void put_roff(struct buf *b, const char *s)
{
	if (*s == '.' || *s == '\'')
		buf_puts(b, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			buf_puts(b, "\\e");
		else if (*s == '-')
			buf_puts(b, "\\-");
		else
			buf_putc(b, *s);
	}
}

static void describe_row_text(struct buf *out, const struct setting *row)
{
	struct buf type;
	buf_init(&type);
	describe_type(&type, row);
	buf_printf(out, "[%s] %s =%s%s\n    %s%s. %s\n", row->section, row->key, row->dflt && *row->dflt ? " " : "",
	           row->dflt ? row->dflt : "", buf_cstr(&type), row->dflt ? "" : "; unset by default", row->help);
	buf_free(&type);
}

static void describe_row_man(struct buf *out, const struct setting *row)
{
	struct buf type;
	buf_init(&type);
	describe_type(&type, row);
	buf_puts(out, ".TP\n.B ");
	put_roff(out, row->key);
	buf_putc(out, '\n');
	put_roff(out, buf_cstr(&type));
	if (row->dflt == NULL) {
		buf_puts(out, "; unset by default.\n");
	} else {
		buf_puts(out, "; default: ");
		buf_puts(out, *row->dflt ? "\\fB" : "empty");
		put_roff(out, row->dflt);
		buf_puts(out, *row->dflt ? "\\fR.\n" : ".\n");
	}
	buf_puts(out, ".br\n");
	put_roff(out, row->help);
	buf_putc(out, '\n');
	buf_free(&type);
}

void settings_describe(struct buf *out, bool man)
{
	for (size_t i = 0; i < settings_count; i++) {
		const struct setting *row = &settings_table[i];
		if (man && (i == 0 || strcmp(settings_table[i - 1].section, row->section) != 0)) {
			buf_puts(out, ".SS [");
			put_roff(out, row->section);
			buf_puts(out, "]\n");
		}
		if (man)
			describe_row_man(out, row);
		else
			describe_row_text(out, row);
	}
}
