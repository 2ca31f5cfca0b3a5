/* xxgkctl setup: the database step of an install on the machine that runs MariaDB, as root. */
#include "core/crypto.h"
#include "ctl/ctl.h"
#include "ctl/migrate.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Debian's mariadb-plugin-mroonga: installs the plugin and creates its functions. */
#define MROONGA_INSTALL_SQL "/usr/share/mysql/mroonga/install.sql"
#define CONFIG_MAX (1 << 20)

static const char help[] =
	"usage: xxgkctl setup\n"
	"Run as root on the machine that runs MariaDB. Signs in as MariaDB's root through its unix socket\n"
	"([database] socket, or the client library's default), creates the database [database] name\n"
	"(utf8mb4) and the account [database] user@localhost with every right on it, installs the\n"
	"Mroonga plugin and its functions (Chinese full-text search) when they are missing, writes the\n"
	"account's password into the configuration file (a new random one when the file has none) and\n"
	"applies the migrations. Safe to run again: what exists is kept, and the account's password is\n"
	"set to the file's.\n";

/* Database and account names are kept to these, so that no quoting question arises. */
static bool plain_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool preconditions(const struct settings *cfg)
{
	const char *why = NULL;
	if (geteuid() != 0)
		why = "run it as root (sudo xxgkctl setup): MariaDB's root signs in through the socket as the system's root";
	else if (cfg->database.host != NULL && *cfg->database.host)
		why = "[database] host is set: setup works on this machine's MariaDB through its socket; on another "
		      "server run the three statements of the guide (section 2) there";
	else if (!plain_name(cfg->database.name) || !plain_name(cfg->database.user))
		why = "[database] name and user: letters, digits and _ only (at most 64)";
	else if (strcmp(cfg->database.user, "root") == 0)
		why = "[database] user is root: name the account xxgk should have (user = xxgk)";
	if (why != NULL)
		fprintf(stderr, "xxgkctl setup: %s\n", why);
	return why == NULL;
}

static struct db *connect_as_root(const struct settings *cfg)
{
	struct settings root = *cfg;
	root.database.user = "root";
	root.database.password = NULL;
	root.database.name = NULL;
	char err[512];
	struct db *db = db_open(&root, err, sizeof err);
	if (db == NULL)
		fprintf(stderr, "xxgkctl setup: as MariaDB's root: %s\n", err);
	return db;
}

static bool positive(const char *count, enum xerr e)
{
	return e == XE_OK && count != NULL && strcmp(count, "0") != 0;
}

static bool database_exists(struct db *db, struct pool *p, enum xerr *e)
{
	return positive(db_value(db, p, e, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @xxgk_db", ""),
	                *e);
}

static bool account_exists(struct db *db, struct pool *p, enum xerr *e)
{
	return positive(db_value(db, p, e, "SELECT COUNT(*) FROM mysql.user WHERE User = @xxgk_user AND Host = 'localhost'", ""),
	                *e);
}

/* The names and the password travel as bound parameters into session variables; the statements
 * that need them as identifiers are fixed text that quotes them on the server. */
static bool create_database_and_account(struct db *db, const struct settings *cfg, const char *password)
{
	enum xerr e = db_exec(db, "SET @xxgk_db = ?, @xxgk_user = ?, @xxgk_pw = ?", "sss", cfg->database.name,
	                      cfg->database.user, password);
	struct pool *p = pool_new();
	bool had_db = e == XE_OK && database_exists(db, p, &e), had_user = e == XE_OK && account_exists(db, p, &e);
	pool_free(p);
	char err[512] = "";
	if (e == XE_OK &&
	    db_run_script(db,
	                  "EXECUTE IMMEDIATE CONCAT('CREATE DATABASE IF NOT EXISTS `', REPLACE(@xxgk_db, '`', '``'),"
	                  " '` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');"
	                  "EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ', QUOTE(@xxgk_user), '@''localhost''"
	                  " IDENTIFIED BY ', QUOTE(@xxgk_pw));"
	                  "EXECUTE IMMEDIATE CONCAT('ALTER USER ', QUOTE(@xxgk_user), '@''localhost'' IDENTIFIED BY ',"
	                  " QUOTE(@xxgk_pw));"
	                  "EXECUTE IMMEDIATE CONCAT('GRANT ALL PRIVILEGES ON `', REPLACE(@xxgk_db, '`', '``'), '`.* TO ',"
	                  " QUOTE(@xxgk_user), '@''localhost''');"
	                  "SET @xxgk_pw = NULL",
	                  err, sizeof err) != XE_OK)
		e = XE_INTERNAL;
	if (e != XE_OK) {
		fprintf(stderr, "xxgkctl setup: %s\n", err[0] ? err : db_error(db));
		return false;
	}
	printf("database %s: %s (utf8mb4)\n", cfg->database.name, had_db ? "exists" : "created");
	printf("account %s@localhost: %s, with every right on %s\n", cfg->database.user, had_user ? "exists" : "created",
	       cfg->database.name);
	return true;
}

/* The file's lines with [database] password set to password (replacing the section's own line,
 * or added after its header, or in a new section at the end). */
static void with_password(struct buf *out, const char *text, const char *password)
{
	bool in_db = false, done = false;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line + 1) : strlen(line);
		const char *s = line + strspn(line, " \t");
		if (*s == '[') {
			if (in_db && !done) {
				buf_printf(out, "password = %s\n", password);
				done = true;
			}
			in_db = strncmp(s, "[database]", 10) == 0;
		}
		if (in_db && !done && strncmp(s, "password", 8) == 0 && strchr(" \t=", s[8]) != NULL) {
			buf_printf(out, "password = %s\n", password);
			done = true;
		} else {
			buf_put(out, line, len);
			if (end == NULL)
				buf_putc(out, '\n');
		}
		line += len;
	}
	if (!done)
		buf_printf(out, in_db ? "password = %s\n" : "\n[database]\npassword = %s\n", password);
}

static char *read_config(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, st) != 0 || st->st_size > CONFIG_MAX) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	char *text = malloc((size_t)st->st_size + 1);
	ssize_t n = read(fd, text, (size_t)st->st_size);
	close(fd);
	if (n != st->st_size) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

/* Replaces the file in one rename, with its owner and mode (root:xxgk 0640 as installed). */
static bool write_password(const char *path, const char *password)
{
	struct stat st;
	char *text = read_config(path, &st);
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s.setup-tmp", path);
	int fd = text && n > 0 && (size_t)n < sizeof tmp ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	bool ok = fd >= 0;
	if (ok) {
		struct buf out;
		buf_init(&out);
		with_password(&out, text, password);
		ok = fchown(fd, st.st_uid, st.st_gid) == 0 && fchmod(fd, st.st_mode & 07777) == 0 &&
		     write(fd, out.data, out.len) == (ssize_t)out.len && fsync(fd) == 0;
		buf_free(&out);
		ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	if (!ok)
		fprintf(stderr, "xxgkctl setup: cannot write the password into %s: %s\n", path, strerror(errno));
	free(text);
	return ok;
}

static bool mroonga_present(struct db *db)
{
	struct pool *p = pool_new();
	enum xerr e1, e2;
	const char *plugin =
		db_value(db, p, &e1, "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'Mroonga'", "");
	const char *fn = db_value(db, p, &e2, "SELECT COUNT(*) FROM mysql.func WHERE name = 'mroonga_command'", "");
	bool yes = plugin != NULL && strcmp(plugin, "ACTIVE") == 0 && fn != NULL && strcmp(fn, "0") != 0;
	pool_free(p);
	return yes;
}

static bool install_mroonga(struct db *db)
{
	if (mroonga_present(db)) {
		puts("Mroonga: plugin and functions present");
		return true;
	}
	struct stat st;
	char *sql = read_config(MROONGA_INSTALL_SQL, &st);
	char err[512] = "";
	bool ok = sql != NULL && db_run_script(db, sql, err, sizeof err) == XE_OK;
	free(sql);
	if (!ok) {
		fprintf(stderr, "xxgkctl setup: Mroonga (Chinese full-text search): %s\n",
		        err[0] ? err : "not installed; apt-get install mariadb-plugin-mroonga, then run setup again");
		return false;
	}
	puts("Mroonga: plugin and functions installed");
	return true;
}

static int migrate_as_account(const struct settings *cfg, const char *password)
{
	struct settings as = *cfg;
	as.database.password = password;
	char err[512];
	struct db *db = db_open(&as, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "xxgkctl setup: as %s: %s\n", cfg->database.user, err);
		return 1;
	}
	int rc = migrate_apply(db, cfg->paths.sql, 3600, stdout);
	db_close(db);
	return rc;
}

int ctl_setup(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, help))
		return 0;
	const struct settings *cfg = &ctx->app.cfg;
	if (!preconditions(cfg))
		return 1;
	char fresh[33];
	const char *password = cfg->database.password;
	bool new_password = password == NULL || *password == '\0';
	if (new_password) {
		if (!random_hex(fresh, 16)) {
			fputs("xxgkctl setup: no random bytes from the kernel\n", stderr);
			return 1;
		}
		password = fresh;
	}
	struct db *db = connect_as_root(cfg);
	/* The file first: should the server fail next, a second run sets the same password. */
	bool ok = db != NULL && (!new_password || write_password(ctx->config_path, password)) &&
	          create_database_and_account(db, cfg, password) && install_mroonga(db);
	db_close(db);
	if (!ok)
		return 1;
	if (new_password)
		printf("password: a new one, written into %s\n", ctx->config_path);
	int rc = migrate_as_account(cfg, password);
	if (rc == 0)
		puts("next: xxgkctl site add KEY --variant VARIANT --name NAME --org-code CODE (xxgkctl site --help)");
	return rc;
}
