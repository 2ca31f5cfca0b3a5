/* Every configuration key, declared once in settings_table.c's table: its section, key, type, bounds,
 * default and meaning. The file is read and checked against the table once, at start, into the
 * typed fields below; the programs read these fields and never the file by name. An unknown
 * section or key, or a bad value, is an error with the file and line (and the nearest known
 * name), never silently skipped or replaced by the default. */
#ifndef XXGK_SETTINGS_H
#define XXGK_SETTINGS_H
#include "core/buf.h"
#include "core/config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum setting_type {
	ST_STRING, /* text */
	ST_PATH,   /* an absolute file system path */
	ST_INT,    /* a whole number within bounds */
	ST_SIZE,   /* bytes, with an optional K, M or G (1024-based), within bounds */
	ST_BOOL,   /* yes/no, true/false, on/off, 1/0 */
	ST_LIST,   /* items separated by spaces or commas, each checked; kept as written */
	ST_CHOICE, /* one of a list of words; kept as its index */
};

enum mail_mode { MAIL_OUTBOX, MAIL_SMTP };

/* [site.KEY]: one section per site that needs its own settings. */
struct site_settings {
	const char *key;
	const char *header_include, *footer_include; /* NULL: none */
};

/* Strings point into the file's text (ini) or at the table's defaults; NULL is "unset". */
struct settings {
	struct {
		const char *host, *user, *password, *name, *socket;
		const char *nodes; /* host:port list: a Galera cluster's nodes, "" for none */
		long long port;
	} database;
	struct {
		const char *prefix, *static_url;
		const char *user; /* the service's account; NULL: the owner of cache.copies_dir */
		const char *allowed_hosts; /* a list: core/exchange.h's host_allowed() */
		long long processes, threads, max_requests; /* threads 0: one per CPU */
		long long stop_grace;                      /* seconds */
		bool xml_arena;
	} server;
	struct {
		const char *xslt, *sql;
	} paths;
	struct {
		long long body_max, small_body_max, fields_max, field_max, uploads_max, upload_max;
	} limits;
	struct {
		const char *access, *error;
	} log;
	struct {
		bool enabled;
		long long max_mb;
		const char *copies_dir;
		long long copies_min_free_mb;
		long long poll_ms; /* 0: no polling of site_generation (one web host) */
	} cache;
	struct {
		long long apply_ms; /* 0: only searches apply the change log */
		long long memory_mb; /* a worker process's copies of the tiers (search_memory.h); 0: none */
	} search;
	struct {
		long long push_body_max;
	} api;
	struct {
		const char *ocid_prefix;
	} ocds;
	struct {
		long long idle_minutes, max_hours;
		long long address_failures, address_window_minutes, address_block_minutes; /* core/login_limits.h */
		long long account_free_failures, account_delay_seconds, account_delay_max_seconds, account_reset_minutes;
		bool sso_enabled;
		const char *sso_header;
	} auth;
	struct {
		long long min_fill_seconds, form_max_hours, file_limit, file_window, query_limit, query_window,
			attachments_max, attachment_max;
		const char *trusted_proxies, *exempt;
	} ysqgk;
	struct {
		const char *file;
		int cipher, hash; /* enum seal_cipher, enum seal_hash (core/seal.h) */
	} keys;
	struct {
		int mode; /* enum mail_mode */
		bool send_immediately;
		const char *smtp_host, *helo, *from, *from_name, *link_base;
		long long smtp_port, timeout_seconds;
	} mail;
	struct {
		bool deliver_immediately;
		long long timeout_seconds, retry_base_seconds, retry_max_seconds, batch;
	} push;
	struct site_settings *sites;
	size_t nsites;
	struct config ini; /* the file as read, which holds the strings */
};

/* The section of the per-site keys in the table, and what a site's section starts with in a file. */
#define SETTINGS_SITE_SECTION "site.KEY"
#define SETTINGS_SITE_PREFIX "site."
/* The units a size is written in (64M). */
#define SETTINGS_KB 1024LL
#define SETTINGS_MB (1024LL * 1024)
#define SETTINGS_GB (1024LL * 1024 * 1024)

/* One row of the table. */
struct setting {
	const char *section;        /* "site.KEY" for the per-site keys */
	const char *key;
	enum setting_type type;
	size_t offset;              /* of the field in struct settings (struct site_settings for site.KEY) */
	const char *dflt;           /* as it is written in the file; NULL: unset */
	long long min, max;         /* ST_INT, ST_SIZE: the bounds; text: min is the least length */
	const char *const *choices; /* ST_CHOICE: the words, NULL-terminated */
	bool (*check)(const char *); /* text: a further rule (each item of a list), NULL: none */
	const char *rule;           /* what check asks, in words */
	const char *help;           /* one line */
};

extern const struct setting settings_table[];
extern const size_t settings_count;

/* Reads and checks the file into s; every problem adds a line "path:LINE: message\n" to errors.
 * False when there was any (s is then to be freed, not used). */
bool settings_load(struct settings *s, const char *path, struct buf *errors);
/* The same from text, name standing for the file in messages. */
bool settings_parse(struct settings *s, const char *text, const char *name, struct buf *errors);
void settings_free(struct settings *s);
/* Writes the lines of errors to f, each after prefix. */
void settings_print_errors(FILE *f, const char *prefix, struct buf *errors);
/* The [site.KEY] settings of a site, or NULL when the file has none. */
const struct site_settings *settings_site(const struct settings *s, const char *key);

/* The table as text (a key and its default, then its type and meaning) or as the body of a
 * xxgk.conf(5) KEYS section (roff). */
void settings_describe(struct buf *out, bool man);

/* Edit distance (insertions, deletions, substitutions and swaps of neighbours). */
size_t edit_distance(const char *a, const char *b);
/* Of the n candidates, the nearest to name when near enough to be what was meant, else NULL. */
const char *nearest_name(const char *name, const char *const *candidates, size_t n);

#endif
