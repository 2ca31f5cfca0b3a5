/* The configuration keys, declared once (settings.h): the table, and the rules its text values are
 * checked against. settings.c reads a file against it. */
#include "core/settings.h"
#include "core/exchange.h"
#include "core/text.h"
#include <arpa/inet.h>
#include <string.h>

#ifndef XXGK_DATADIR
#define XXGK_DATADIR "/usr/local/share/xxgk"
#endif

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
#define SITE_TEXT(k, field, chk, rul, h) {SETTINGS_SITE_SECTION, k, ST_STRING, AT_SITE(field), NULL, 0, 0, NULL, chk, rul, h}

#define KB SETTINGS_KB
#define MB SETTINGS_MB
#define GB SETTINGS_GB

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
	INT("search", "memory_mb", search.memory_mb, "1024", 0, 1048576,
	    "Each worker process keeps a copy of the newest notices' search index of each site searched (the "
	    "tiers), built from the database and kept to its change log, and answers from it the searches "
	    "for words of three Chinese characters or more, for a small part of what Groonga costs. This "
	    "bounds the copies of a process (megabytes; every process has its own). A site whose copy would "
	    "pass it is searched through Groonga alone, as with 0: no copies. One database server only."),

	SIZE("api", "push_body_max", api.push_body_max, "8M", 1 * KB, 4 * GB, "The push API's largest request body."),

	TEXT("ocds", "ocid_prefix", ST_STRING, ocds.ocid_prefix, "ocds-xxgk00-", 1, 64, NULL, NULL,
	     "The publisher's OCDS prefix, registered with the Open Contracting Partnership (the default is a "
	     "placeholder)."),

	INT("auth", "idle_minutes", auth.idle_minutes, "30", 1, 1440, "A staff session ends after this long unused."),
	INT("auth", "max_hours", auth.max_hours, "12", 1, 240, "A staff session ends this long after sign-in, and its forms with it."),
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

	INT("ysqgk", "min_fill_seconds", ysqgk.min_fill_seconds, "1", 0, 3600,
	    "The request form is refused when sent sooner after it was opened (a person with the browser's "
	    "autofill still takes longer than a second)."),
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
	          "site's key; GUIDE section 7)."),
	SITE_TEXT("footer_include", footer_include, ssi_path, "a path on the site, without -- or '",
	          "The CMS's footer, likewise at the bottom."),
};
const size_t settings_count = sizeof settings_table / sizeof settings_table[0];
