/* xxgkctl doctor: checks an installation as the service sees it and says, for each problem, how
 * to fix it in one line. Run as root, it checks as the service's account ([server] user): what
 * that account cannot read or write, or how the database answers it, is what the workers meet.
 * Errors make the exit status 1; warnings (a provisional calendar) do not. */
#include "core/mail.h"
#include "ctl/ctl.h"
#include "ctl/ctl_doctor.h"
#include "core/version.h"
#include "ctl/migrate.h"
#include <ctype.h>
#include <dirent.h>
#include <errmsg.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <mysqld_error.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"usage: xxgkctl doctor [--nginx-dir DIR] [--apache-dir DIR] [--today YYYY-MM-DD]\n"
	"Checks the installation and says how to fix each problem, in one line: the configuration file\n"
	"(unknown keys, bad values, who may read it, a key set twice), the database as the service's\n"
	"account (the server's own message), migrations not applied (or a database a newer release\n"
	"migrated), the Mroonga plugin and its\n"
	"functions, the stylesheets and catalogs, the access log, the stored copies' folder (the\n"
	"service's account must own it), next year's holidays (from November), the mail relay (mode =\n"
	"smtp), and the web server's xxgk configuration (nginx in /etc/nginx including\n"
	"snippets/xxgk.conf and expanding the SSI includes of the sites with a header_include, or\n"
	"Apache's conf-enabled/xxgk.conf in /etc/apache2 with its modules; --nginx-dir and --apache-dir\n"
	"look elsewhere). It warns of a newer version of xxgk.conf or of the web server's file that an\n"
	"upgrade left beside yours (.dpkg-dist, .dpkg-new, .ucf-dist; .dpkg-old for yours beside the\n"
	"package's), and of workers still running the program an upgrade replaced. Run as root, it\n"
	"checks as [server] user. Exit status 1 when there is an error; warnings (a key set twice,\n"
	"next year's holidays) do not count.\n";

void say(struct doctor *d, enum level lv, const char *what, const char *fix, const char *fmt, ...)
{
	static const char *const tags[] = {"ok   ", "WARN ", "ERROR"};
	printf("%s %s: ", tags[lv], what);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (lv != L_OK && fix != NULL)
		printf("      fix: %s\n", fix);
	d->errors += lv == L_ERROR;
	d->warnings += lv == L_WARN;
}

/* A fix line with names in it, for the next say(). */
const char *fix(struct doctor *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->fix, sizeof d->fix, fmt, ap);
	va_end(ap);
	return d->fix;
}

static const char *account(const struct doctor *d)
{
	return d->user.known ? d->user.name : "the service's account";
}

/* The group the configuration should belong to: the service account's own. */
static const char *service_group(const struct doctor *d)
{
	const struct group *g = d->user.known ? getgrgid(d->user.gid) : NULL;
	return g ? g->gr_name : "xxgk";
}

/* ---- the configuration ---- */

static bool check_settings(struct doctor *d)
{
	struct buf errors;
	buf_init(&errors);
	d->ctx->configured = app_configure(&d->ctx->app, d->config, &errors);
	for (const char *line = buf_cstr(&errors); *line;) {
		size_t n = strcspn(line, "\n");
		say(d, L_ERROR, "config", NULL, "%.*s", (int)n, line);
		line += n + (line[n] != '\0');
	}
	buf_free(&errors);
	if (!d->ctx->configured) {
		app_free(&d->ctx->app);
		puts("      fix: correct the lines above (xxgkctl config keys lists every key with its type and bounds)");
		return false;
	}
	say(d, L_OK, "config", NULL, "%s: every key known, every value valid", d->config);
	return true;
}

/* A key set twice is no error (the last line counts, as it always has), but the earlier line
 * reads as if it counted: a warning at the last one. */
static void check_repeats(struct doctor *d)
{
	const struct config *ini = &d->ctx->app.cfg.ini;
	for (size_t i = 0; i < ini->n; i++) {
		bool again;
		size_t before = config_times_before(ini, i, &again);
		const struct config_entry *e = &ini->entries[i];
		if (before > 0 && !again)
			say(d, L_WARN, "config", fix(d, "keep one line of [%s] %s in %s", e->section, e->key, d->config),
			    "%s:%d: [%s] %s is set %zu times; this last line is the one used", d->config, e->line, e->section,
			    e->key, before + 1);
	}
}

static void check_file_mode(struct doctor *d)
{
	struct stat st;
	if (stat(d->config, &st) != 0)
		return;
	const char *password = d->ctx->app.cfg.database.password;
	const struct group *g = getgrgid(st.st_gid);
	const struct passwd *o = getpwuid(st.st_uid);
	const char *gname = service_group(d);
	if (st.st_mode & (S_IWOTH | S_IWGRP))
		say(d, L_ERROR, "config", fix(d, "chown root:%s %s && chmod 640 %s", gname, d->config, d->config),
		    "%s can be changed by accounts other than its owner (mode %03o)", d->config, st.st_mode & 0777);
	else if ((st.st_mode & S_IROTH) && password != NULL && *password)
		say(d, L_ERROR, "config", fix(d, "chown root:%s %s && chmod 640 %s", gname, d->config, d->config),
		    "%s holds the database password and every account can read it (mode %03o)", d->config,
		    st.st_mode & 0777);
	else
		say(d, L_OK, "config", NULL, "%s is %s:%s, mode %03o", d->config, o ? o->pw_name : "?", g ? g->gr_name : "?",
		    st.st_mode & 0777);
}

static bool find_service(struct doctor *d)
{
	char why[PATH_MAX + 100];
	if (service_user_find(&d->ctx->app.cfg, &d->user, why, sizeof why))
		return true;
	say(d, L_ERROR, "account", "create it (adduser --system --group NAME), or correct [server] user", "%s", why);
	return false;
}

static const char *my_name(void)
{
	const struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : "?";
}

/* As root: from here on, the service's account. */
static bool become_service(struct doctor *d)
{
	if (!d->user.known || geteuid() != 0 || d->user.uid == 0) {
		say(d, L_OK, "account", NULL, "checking as %s%s", my_name(), d->user.known ? "" : " ([server] user is not set)");
		return true;
	}
	if (initgroups(d->user.name, d->user.gid) != 0 || setgid(d->user.gid) != 0 || setuid(d->user.uid) != 0) {
		say(d, L_ERROR, "account", NULL, "cannot become %s: %s", d->user.name, strerror(errno));
		return false;
	}
	say(d, L_OK, "account", NULL, "checking as %s, the service's account", d->user.name);
	if (access(d->config, R_OK) != 0)
		say(d, L_ERROR, "config", fix(d, "chown root:%s %s && chmod 640 %s", service_group(d), d->config, d->config),
		    "%s cannot read %s: %s", d->user.name, d->config, strerror(errno));
	return true;
}

/* ---- the database ---- */

static const char *database_fix(int err)
{
	switch (err) {
	case ER_ACCESS_DENIED_ERROR:
	case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
		return "put the account's name and password in [database], or run xxgkctl setup as root (it sets the "
		       "account's password to the file's)";
	case ER_BAD_DB_ERROR:
	case ER_DBACCESS_DENIED_ERROR:
		return "xxgkctl setup (as root) creates the database and gives the account its rights";
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_UNKNOWN_HOST:
		return "start MariaDB (systemctl start mariadb), or correct [database] socket, or host and port";
	default:
		return "see the server's message";
	}
}

static void check_database(struct doctor *d)
{
	const struct settings *cfg = &d->ctx->app.cfg;
	struct db *db = db_new(cfg);
	struct pool *p = pool_new();
	enum xerr e;
	const char *version = db_value(db, p, &e, "SELECT CONCAT(CURRENT_USER(), ' on MariaDB ', VERSION())", "");
	if (e == XE_OK) {
		say(d, L_OK, "database", NULL, "%s, database %s", version ? version : "?", cfg->database.name);
		d->db = db;
	} else {
		say(d, L_ERROR, "database", database_fix(db_errno(db)), "%s", db_error(db));
		db_close(db);
	}
	pool_free(p);
}

static void check_migrations(struct doctor *d)
{
	const char *dir = d->ctx->app.cfg.paths.sql;
	struct buf names;
	buf_init(&names);
	int n = migrate_pending(d->db, dir, &names);
	char newer[200];
	if (n == 0 && migrate_newer(migrate_recorded(d->db), newer, sizeof newer))
		say(d, L_ERROR, "migrations",
		    "apt-get install the xxgk package that migrated it (or restore the backup taken before that upgrade)",
		    "%s", newer);
	else if (n < 0)
		say(d, L_ERROR, "migrations", fix(d, "the folder must be readable by %s ([paths] sql)", account(d)),
		    "cannot compare %s with the database: %s", dir, d->db ? db_error(d->db) : strerror(errno));
	else if (n > 0)
		say(d, L_ERROR, "migrations", "xxgkctl migrate (after every upgrade)", "%d not applied: %s", n,
		    buf_cstr(&names));
	else
		say(d, L_OK, "migrations", NULL, "every migration in %s is applied", dir);
	buf_free(&names);
}

/* The function the search page asks Groonga through; without it, search falls back to SQL. */
static bool mroonga_function_answers(struct doctor *d, struct pool *p)
{
	enum xerr e;
	db_value(d->db, p, &e, "SELECT mroonga_command(?) IS NOT NULL", "s", "status");
	return e == XE_OK;
}

static void check_mroonga(struct doctor *d)
{
	struct pool *p = pool_new();
	enum xerr e;
	const char *status =
		db_value(d->db, p, &e, "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'Mroonga'", "");
	if (e != XE_OK || status == NULL || strcmp(status, "ACTIVE") != 0)
		say(d, L_ERROR, "mroonga", "apt-get install mariadb-plugin-mroonga, then xxgkctl setup as root",
		    "the Mroonga plugin is %s: the search index and its migration need it",
		    e != XE_OK ? "not readable" : status ? status : "not installed");
	else if (!mroonga_function_answers(d, p))
		say(d, L_ERROR, "mroonga", "as root: mariadb < /usr/share/mysql/mroonga/install.sql (or xxgkctl setup)",
		    "%s: every search logs it and takes two passes instead of one", db_error(d->db));
	else
		say(d, L_OK, "mroonga", NULL, "the plugin and mroonga_command() answer");
	pool_free(p);
}

static bool year_loaded(struct doctor *d, int year)
{
	struct pool *p = pool_new();
	enum xerr e;
	bool yes = db_value(d->db, p, &e, "SELECT 1 FROM calendar_years WHERE year = ?", "i", (long long)year) != NULL;
	pool_free(p);
	return yes;
}

static void check_calendar(struct doctor *d)
{
	char load[200];
	int next = d->year + 1;
	if (!year_loaded(d, d->year)) {
		snprintf(load, sizeof load, "xxgkctl calendar load %d.json (the State Council's notice; GUIDE section 11)", d->year);
		say(d, L_WARN, "calendar", load, "%d's holidays are not loaded: this year's deadlines are provisional",
		    d->year);
	} else if (d->month >= 11 && !year_loaded(d, next)) {
		snprintf(load, sizeof load, "xxgkctl calendar load %d.json when the State Council publishes it (GUIDE section 11)",
		         next);
		say(d, L_WARN, "calendar", load, "%d's holidays are not loaded: deadlines reaching into %d are provisional",
		    next, next);
	} else {
		say(d, L_OK, "calendar", NULL, "%d's holidays are loaded%s", d->year, d->month >= 11 ? ", and next year's" : "");
	}
}

/* ---- files ---- */

/* The key file on its own line, so that a key the account cannot read is not taken for a fault of
 * the stylesheets (app_init loads the keys last). */
static void check_keys(struct doctor *d)
{
	struct app *app = &d->ctx->app;
	char err[600];
	struct stat st;
	const char *file = app->cfg.keys.file;
	bool loaded = app_load_keys(app, err, sizeof err);
	/* The key unseals the applicants' personal data: as secret as the password, or more. */
	if (loaded && stat(file, &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH | S_IWGRP)))
		say(d, L_ERROR, "key file", fix(d, "chown root:%s %s && chmod 640 %s", service_group(d), file, file),
		    "%s unseals the applicants' personal data, and accounts other than root and %s can %s it (mode %03o)",
		    file, service_group(d), (st.st_mode & S_IROTH) ? "read" : "change", st.st_mode & 0777);
	else if (loaded)
		say(d, L_OK, "key file", NULL, "%s can be read", file);
	else
		say(d, L_ERROR, "key file",
		    fix(d, "chgrp %s %s && chmod 0640 %s (xxgkctl keys init makes one where there is none)", account(d),
		        app->cfg.keys.file, app->cfg.keys.file),
		    "%s", err);
}

static void check_stylesheets(struct doctor *d)
{
	struct app *app = &d->ctx->app;
	/* What xxgk.fcgi loads at start, but not its access log (check_log opens that). */
	const char *log = app->cfg.log.access;
	app->cfg.log.access = NULL;
	char err[600];
	bool ok = app_init(app, err, sizeof err);
	app->cfg.log.access = log;
	d->ctx->app_loaded = ok;
	if (ok)
		say(d, L_OK, "stylesheets", NULL, "%zu stylesheets and %zu catalogs in %s", app->nsheets, app->ncatalogs,
		    app->xslt_dir);
	else
		say(d, L_ERROR, "stylesheets",
		    fix(d, "reinstall xxgk (apt-get install --reinstall xxgk), or make [paths] xslt readable by %s", account(d)),
		    "%s", err);
}

static void check_log(struct doctor *d)
{
	const char *path = d->ctx->app.cfg.log.access;
	if (path == NULL || !*path)
		return;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd >= 0) {
		close(fd);
		say(d, L_OK, "access log", NULL, "%s can be written", path);
		return;
	}
	int err = errno;
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	if (access(path, F_OK) == 0)
		fix(d, "chown %s %s", account(d), path);
	else
		fix(d, "install -d -o %s %s", account(d), dirname(dir));
	say(d, L_ERROR, "access log", d->fix, "%s cannot open %s: %s", account(d), path, strerror(err));
}

static void check_copies(struct doctor *d)
{
	const char *dir = d->ctx->app.copies_root;
	if (dir == NULL) {
		say(d, L_OK, "stored copies", NULL, "off ([cache] copies_dir is not set)");
		return;
	}
	struct service_user me = d->user;
	if (!me.known) {
		me.uid = geteuid();
		snprintf(me.name, sizeof me.name, "%s", my_name());
	}
	char bad[PATH_MAX];
	struct stat st;
	if (copies_owned_by(dir, &me, false, bad, sizeof bad) >= 0 && lstat(bad, &st) == 0) {
		const struct passwd *o = getpwuid(st.st_uid);
		say(d, L_ERROR, "stored copies", fix(d, "chown -R %s: %s", me.name, dir),
		    "%s belongs to %s, not %s: the workers cannot store pages there, and pages go uncached", bad,
		    o ? o->pw_name : "another account", me.name);
	} else if (access(dir, W_OK) != 0 && errno != ENOENT) {
		say(d, L_ERROR, "stored copies", fix(d, "chown -R %s: %s", me.name, dir), "%s cannot write to %s: %s",
		    me.name, dir, strerror(errno));
	} else {
		say(d, L_OK, "stored copies", NULL, "%s is %s's", dir, me.name);
	}
}

/* ---- what lies outside ---- */

static void check_mail(struct doctor *d)
{
	struct mail_settings ms;
	mail_settings(&d->ctx->app.cfg, &ms);
	if (!ms.smtp) {
		say(d, L_OK, "mail", NULL, "mode = outbox: mail is kept for staff to read, no relay");
		return;
	}
	char err[512];
	if (smtp_probe(&ms, err, sizeof err))
		say(d, L_OK, "mail", NULL, "the relay %s:%s answers", ms.host, ms.port);
	else
		say(d, L_ERROR, "mail", "start the relay, or correct [mail] smtp_host and smtp_port (or mode = outbox)",
		    "the relay %s:%s: %s", ms.host, ms.port, err);
}

/* ---- the running workers ---- */

/* Without systemd nothing restarts the workers at an upgrade: they go on running the program it
 * replaced (its file gone, /proc/PID/exe reads "… (deleted)"), with the old program's statements
 * against the new schema. Looked at as root: a process that changed its account cannot be
 * looked into by that account. */
static void check_workers(struct doctor *d)
{
	static const char deleted[] = " (deleted)";
	const char *installed = xxgk_program_path();
	struct stat now, st;
	bool have = stat(installed, &now) == 0;
	int running = 0, stale = 0;
	long first = 0;
	DIR *proc = opendir("/proc");
	for (struct dirent *e; proc != NULL && (e = readdir(proc)) != NULL;) {
		char link[300], exe[PATH_MAX];
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(link, sizeof link, "/proc/%s/exe", e->d_name);
		ssize_t n = readlink(link, exe, sizeof exe - 1);
		if (n <= 0)
			continue;
		exe[n] = '\0';
		size_t dl = strlen(deleted);
		bool gone = (size_t)n > dl && strcmp(exe + n - dl, deleted) == 0;
		if (gone)
			exe[n - dl] = '\0';
		if (strcmp(exe, installed) != 0)
			continue;
		running++;
		if (gone || !have || stat(link, &st) != 0 || st.st_dev != now.st_dev || st.st_ino != now.st_ino) {
			if (stale++ == 0)
				first = strtol(e->d_name, NULL, 10);
		}
	}
	if (proc != NULL)
		closedir(proc);
	if (stale > 0)
		say(d, L_WARN, "workers",
		    fix(d, "systemctl restart xxgk.service, or without systemd: %s stop, then start", xxgk_spawn_path()),
		    "the workers still run the program the upgrade replaced (%d xxgk.fcgi process%s, pid %ld%s, not the "
		    "installed %s): restart them",
		    stale, stale == 1 ? "" : "es", first, stale > 1 ? " and others" : "", installed);
	else if (running > 0)
		say(d, L_OK, "workers", NULL, "%d xxgk.fcgi process%s run%s %s as installed", running, running == 1 ? "" : "es",
		    running == 1 ? "s" : "", installed);
}

/* ---- the command ---- */

static bool today(struct doctor *d)
{
	const char *s = ctl_opt(d->ctx, "--today");
	if (s == NULL) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		d->year = tm.tm_year + 1900;
		d->month = tm.tm_mon + 1;
		return true;
	}
	int day;
	char end;
	return sscanf(s, "%4d-%2d-%2d%c", &d->year, &d->month, &day, &end) == 3 && d->month >= 1 && d->month <= 12;
}

static void check_everything(struct doctor *d)
{
	if (!check_settings(d) || !find_service(d))
		return;
	check_repeats(d);
	check_file_mode(d);
	doctor_left_beside(d, "config", d->config);
	check_workers(d);
	if (!become_service(d))
		return;
	check_database(d);
	if (d->db != NULL) {
		check_migrations(d);
		check_mroonga(d);
		check_calendar(d);
	}
	check_keys(d);
	check_stylesheets(d);
	check_log(d);
	check_copies(d);
	check_mail(d);
	doctor_check_web(d);
}

int ctl_doctor(struct ctl *ctx)
{
	if (ctl_wants_help(ctx, help))
		return 0;
	struct doctor d = {.ctx = ctx, .config = ctx->config_path};
	if (!today(&d)) {
		fputs("xxgkctl doctor: --today takes a date YYYY-MM-DD\n", stderr);
		return 2;
	}
	check_everything(&d);
	db_close(d.db);
	printf("doctor: %d error%s, %d warning%s\n", d.errors, d.errors == 1 ? "" : "s", d.warnings,
	       d.warnings == 1 ? "" : "s");
	return d.errors > 0 ? 1 : 0;
}
