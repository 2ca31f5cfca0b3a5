#include "ctl/migrate.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/version.h"
#include <dirent.h>
#include <mysqld_error.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* "007_name.sql" -> 7; anything else -> -1. */
static int version_of(const char *name)
{
	size_t n = strlen(name);
	if (n < 9 || strcmp(name + n - 4, ".sql") != 0 || name[3] != '_')
		return -1;
	char num[4] = {name[0], name[1], name[2], '\0'};
	long long v;
	return parse_int(num, 0, 999, &v) ? (int)v : -1;
}

int migrate_current(struct db *db)
{
	char err[256];
	if (db_run_script(db,
	                  "CREATE TABLE IF NOT EXISTS schema_version ("
	                  " version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
	                  " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
	                  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	                  err, sizeof err) != XE_OK)
		return -1;
	struct pool *p = pool_new();
	enum xerr e;
	const char *v = db_value(db, p, &e, "SELECT COALESCE(MAX(version), 0) FROM schema_version", "");
	int r = (e == XE_OK && v != NULL) ? (int)strtol(v, NULL, 10) : -1;
	pool_free(p);
	return r;
}

int migrate_recorded(struct db *db)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *v = db_value(db, p, &e, "SELECT COALESCE(MAX(version), 0) FROM schema_version", "");
	int r = e == XE_OK && v != NULL ? (int)strtol(v, NULL, 10) : db_errno(db) == ER_NO_SUCH_TABLE ? 0 : -1;
	pool_free(p);
	return r;
}

bool migrate_newer(int current, char *msg, size_t n)
{
	int mine = xxgk_schema_version();
	if (current <= mine)
		return false;
	snprintf(msg, n, "the database is at version %d, newer than this program (%d): install the newer package again",
	         current, mine);
	return true;
}

static bool recorded(const struct db_result *r, int v)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i][0] != NULL && strtol(r->rows[i][0], NULL, 10) == v)
			return true;
	return false;
}

int migrate_pending(struct db *db, const char *dir, struct buf *names)
{
	struct pool *p = pool_new();
	struct db_result r = {0};
	if (db_query(db, p, &r, "SELECT version FROM schema_version", "") != XE_OK && db_errno(db) != ER_NO_SUCH_TABLE /* never migrated */) {
		pool_free(p);
		return -1;
	}
	struct dirent **files;
	int n = scandir(dir, &files, NULL, by_name), pending = n < 0 ? -1 : 0;
	for (int i = 0; i < n; i++) {
		int v = version_of(files[i]->d_name);
		if (v >= 0 && !recorded(&r, v))
			buf_printf(names, "%s%s", pending++ ? ", " : "", files[i]->d_name);
		free(files[i]);
	}
	if (n >= 0)
		free(files);
	pool_free(p);
	return pending;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, 4096, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* One `xxgkctl migrate` at a time for the whole database, from any host, on any node of a
 * cluster: a lease in a row that the first to update it holds (on Galera, two nodes taking it at
 * once are a certification conflict, and the one run again finds it taken). Waits for another
 * run to end, up to wait seconds; a lease left by a run that died lapses after an hour. */
static bool take_lease(struct db *db, const char *owner, int wait, FILE *out)
{
	char err[256];
	if (db_run_script(db,
	                  "CREATE TABLE IF NOT EXISTS schema_lock ("
	                  " id TINYINT UNSIGNED NOT NULL PRIMARY KEY, owner VARCHAR(300) NULL, until DATETIME NULL"
	                  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	                  err, sizeof err) != XE_OK ||
	    db_exec(db, "INSERT IGNORE INTO schema_lock (id) VALUES (1)", "") != XE_OK)
		return false;
	for (int waited = 0; waited <= wait; waited++) {
		if (db_exec(db,
		            "UPDATE schema_lock SET owner = ?, until = NOW() + INTERVAL 1 HOUR "
		            "WHERE id = 1 AND (owner IS NULL OR until < NOW())",
		            "s", owner) != XE_OK)
			return false;
		if (db_affected(db) == 1)
			return true;
		if (waited == 0)
			fprintf(out, "waiting for another xxgkctl migrate to finish\n");
		if (waited < wait)
			sleep(1);
	}
	return false;
}

static void release_lease(struct db *db, const char *owner)
{
	db_exec(db, "UPDATE schema_lock SET owner = NULL, until = NULL WHERE id = 1 AND owner = ?", "s", owner);
}

static int apply_all(struct db *db, const char *dir, FILE *out)
{
	int current = migrate_current(db);
	if (current < 0) {
		fprintf(stderr, "xxgkctl migrate: cannot read schema_version: %s\n", db_error(db));
		return 1;
	}
	/* Its tables are not this program's: nothing here can be applied to them, nor served. */
	char newer[200];
	if (migrate_newer(current, newer, sizeof newer)) {
		fprintf(stderr, "xxgkctl migrate: %s\n", newer);
		return 1;
	}
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "xxgkctl migrate: cannot read %s\n", dir);
		return 1;
	}
	int rc = 0, applied = 0;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		int v = version_of(name);
		/* Every migration not yet recorded, in order: work merged from parallel branches can
		 * bring a lower number after a higher one was applied. */
		enum xerr qe = XE_OK;
		struct pool *vp = pool_new();
		bool recorded = v >= 0 && db_value(db, vp, &qe, "SELECT 1 FROM schema_version WHERE version = ?", "i",
		                                   (long long)v) != NULL;
		pool_free(vp);
		if (qe != XE_OK) {
			fprintf(stderr, "xxgkctl migrate: %s\n", db_error(db));
			rc = 1;
		}
		if (rc == 0 && v >= 0 && !recorded) {
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, name);
			char *sql = read_file(path);
			char err[512] = "";
			/* DDL commits implicitly in MariaDB, so each migration is written to be re-runnable
			 * (IF NOT EXISTS); its data changes and the version row are one transaction. */
			if (sql == NULL || db_begin(db) != XE_OK || db_run_script(db, sql, err, sizeof err) != XE_OK) {
				fprintf(stderr, "xxgkctl migrate: %s: %s\n", path, sql ? err : "cannot read");
				db_rollback(db);
				rc = 1;
			} else if (db_exec(db, "INSERT INTO schema_version (version, name) VALUES (?, ?)", "is", (long long)v,
			                   name) != XE_OK ||
			           db_commit(db) != XE_OK) {
				fprintf(stderr, "xxgkctl migrate: %s: cannot record version: %s\n", path, db_error(db));
				db_rollback(db);
				rc = 1;
			} else {
				fprintf(out, "applied %s\n", name);
				applied++;
			}
			free(sql);
		}
		free(names[i]);
	}
	free(names);
	if (rc == 0)
		fprintf(out, applied ? "schema is at version %d\n" : "schema is up to date (version %d)\n",
		        migrate_current(db));
	return rc;
}

int migrate_apply(struct db *db, const char *dir, int wait_seconds, FILE *out)
{
	char host[256] = "", owner[320];
	gethostname(host, sizeof host - 1);
	snprintf(owner, sizeof owner, "%s:%ld", host, (long)getpid());
	/* One statement of a migration may rewrite a table of a million rows for minutes: the
	 * connection's read timeout, there for pages, would cut it off. */
	db_set_rw_timeout(db, 24 * 3600);
	if (!take_lease(db, owner, wait_seconds, out)) {
		fprintf(stderr, "xxgkctl migrate: cannot take the migration lease: %s\n", db_error(db));
		return 1;
	}
	int rc = apply_all(db, dir, out);
	release_lease(db, owner);
	return rc;
}
