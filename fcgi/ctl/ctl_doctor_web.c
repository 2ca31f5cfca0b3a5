/* xxgkctl doctor: the web server's part (which configuration routes the prefix to xxgk, its
 * modules, the sites it scans for SSI, the folder nginx sends stored pages from) and the files an
 * upgrade left beside the configurations in use. */
#include "ctl/ctl_doctor.h"
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- files an upgrade left beside the ones in use ---- */

/* A configuration file the administrator changed and the package changed too: dpkg (or ucf)
 * keeps the administrator's and puts the package's new one beside it, where nothing reads it, so
 * the new version's fixes are not in use (nginx's `error_page 413 = @xxgk;`, Apache's
 * CGIPassAuth); or keeps the administrator's beside the package's, when that was taken. Checks
 * beside file, and beside the file a link names (Apache's conf-enabled). */
void doctor_left_beside(struct doctor *d, const char *what, const char *file)
{
	static const struct {
		const char *suffix;
		bool theirs; /* the package's new version, not the administrator's */
	} left[] = {{".dpkg-dist", true}, {".dpkg-new", true}, {".ucf-dist", true}, {".dpkg-old", false}, {".ucf-old", false}};
	char real[PATH_MAX], other[PATH_MAX + 16];
	const char *paths[2] = {file, realpath(file, real) != NULL && strcmp(real, file) != 0 ? real : NULL};
	for (size_t p = 0; p < 2 && paths[p] != NULL; p++)
		for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
			snprintf(other, sizeof other, "%s%s", paths[p], left[i].suffix);
			if (access(other, F_OK) != 0)
				continue;
			if (left[i].theirs)
				say(d, L_WARN, what,
				    fix(d, "diff %s %s, carry what is new into %s (keeping your changes), then rm %s and reload", paths[p],
				        other, paths[p], other),
				    "%s is the package's newer version of %s, which you changed and kept at an upgrade: "
				    "the fixes in it are not in use",
				    other, paths[p]);
			else
				say(d, L_WARN, what,
				    fix(d, "diff %s %s, carry your changes into %s, then rm %s and reload", other, paths[p], paths[p],
				        other),
				    "%s is your version of %s, which an upgrade replaced with the package's: your changes in it "
				    "are not in use",
				    other, paths[p]);
		}
}

/* ---- the web server ---- */

struct route {
	char file[PATH_MAX]; /* the enabled file that routes the prefix to xxgk */
	int line;
	char target[PATH_MAX]; /* the file it includes for it ("" when it routes in place) */
};

/* The word after the directive, without quotes or the final ';', relative paths taken from base. */
static void include_target(const char *s, const char *base, char *out, size_t n)
{
	s += strcspn(s, " \t");
	s += strspn(s, " \t\"'");
	size_t len = strcspn(s, " \t\"';");
	if (*s == '/')
		snprintf(out, n, "%.*s", (int)len, s);
	else
		snprintf(out, n, "%s/%.*s", base, (int)len, s);
}

/* A directive that routes prefix/ to xxgk: an include of a file named for xxgk (nginx's include,
 * Apache's Include), a location (nginx, Apache) or a ProxyPass for prefix/. */
static bool routes(const char *s, const char *prefix, const char *base, char *target, size_t n)
{
	char path[300];
	snprintf(path, sizeof path, "%s/", prefix);
	target[0] = '\0';
	if (strncasecmp(s, "include", 7) == 0 && strstr(s, "xxgk") != NULL) {
		include_target(s, base, target, n);
		return true;
	}
	return (strncasecmp(s, "location", 8) == 0 || strncasecmp(s, "<location", 9) == 0 ||
	        strncasecmp(s, "proxypass", 9) == 0) && strstr(s, path) != NULL;
}

static bool scan_file(const char *path, const char *prefix, const char *base, struct route *r)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	char line[2048];
	bool found = false;
	for (int no = 1; !found && fgets(line, sizeof line, f) != NULL; no++) {
		line[strcspn(line, "#\n")] = '\0';
		const char *s = line + strspn(line, " \t");
		if (routes(s, prefix, base, r->target, sizeof r->target)) {
			snprintf(r->file, sizeof r->file, "%s", path);
			r->line = no;
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* The files a web server reads: dir/names (one file), or every file in it ending in suffix. */
static bool scan(const char *dir, const char *name, const char *suffix, const char *prefix, struct route *r)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (suffix == NULL)
		return scan_file(path, prefix, dir, r);
	DIR *d = opendir(path);
	bool found = false;
	for (struct dirent *de; !found && d != NULL && (de = readdir(d)) != NULL;) {
		size_t n = strlen(de->d_name), m = strlen(suffix);
		char file[PATH_MAX];
		int len = snprintf(file, sizeof file, "%s/%s", path, de->d_name);
		if (de->d_name[0] == '.' || n < m || strcmp(de->d_name + n - m, suffix) != 0 || len < 0 ||
		    (size_t)len >= sizeof file)
			continue;
		found = scan_file(file, prefix, dir, r);
	}
	if (d != NULL)
		closedir(d);
	return found;
}

static bool nginx_routes(const char *dir, const char *prefix, struct route *r)
{
	return scan(dir, "nginx.conf", NULL, prefix, r) || scan(dir, "conf.d", ".conf", prefix, r) ||
	       scan(dir, "sites-enabled", "", prefix, r);
}

static bool apache_routes(const char *dir, const char *prefix, struct route *r)
{
	return scan(dir, "conf-enabled", ".conf", prefix, r) || scan(dir, "sites-enabled", ".conf", prefix, r) ||
	       scan(dir, "apache2.conf", NULL, prefix, r);
}

/* The modules xxgk's Apache configuration uses (ProxyPass to the socket, Header and RequestHeader). */
static const char *apache_module_missing(const char *dir)
{
	static const char *const mods[] = {"proxy_fcgi", "headers"};
	for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/mods-enabled/%s.load", dir, mods[i]);
		if (access(path, F_OK) != 0)
			return mods[i];
	}
	return NULL;
}

static void say_route(struct doctor *d, const char *server, const struct route *r, const char *dir)
{
	const char *mod = strcmp(server, "Apache") == 0 ? apache_module_missing(dir) : NULL;
	if (r->target[0] != '\0' && strchr(r->target, '*') == NULL && access(r->target, R_OK) != 0)
		say(d, L_ERROR, "web server", fix(d, "install xxgk again, or take line %d out of %s", r->line, r->file),
		    "%s: %s:%d includes %s, which is not there: %s", server, r->file, r->line, r->target, strerror(errno));
	else if (mod != NULL)
		say(d, L_ERROR, "web server", "a2enmod proxy_fcgi headers && systemctl reload apache2",
		    "Apache: %s routes to xxgk, but mod_%s is not enabled (%s/mods-enabled)", r->file, mod, dir);
	else
		say(d, L_OK, "web server", NULL, "%s: %s:%d routes %s/ to xxgk", server, r->file, r->line,
		    d->ctx->app.cfg.server.prefix);
}

/* The sites a web server scans for SSI includes: the alternatives in the line that begins with
 * directive and holds "^PREFIX/(?:a|b)/" (nginx's `if ($uri ~ …)`, Apache's `<LocationMatch …>`),
 * copied into list; its line number, 0 when there is none. */
static int ssi_sites(const char *file, const char *directive, const char *prefix, char *list, size_t n)
{
	char start[300], line[2048];
	snprintf(start, sizeof start, "\"^%s/(?:", prefix);
	FILE *f = fopen(file, "r");
	int found = 0;
	for (int no = 1; f != NULL && !found && fgets(line, sizeof line, f) != NULL; no++) {
		const char *s = strstr(line, start);
		if (s == NULL || strncmp(line + strspn(line, " \t"), directive, strlen(directive)) != 0)
			continue;
		s += strlen(start);
		const char *end = strstr(s, ")/\"");
		snprintf(list, n, "|%.*s|", end ? (int)(end - s) : 0, s);
		found = no;
	}
	if (f != NULL)
		fclose(f);
	return found;
}

static bool wears_cms_parts(const struct site_settings *site)
{
	return site->header_include != NULL || site->footer_include != NULL;
}

/* A site with the CMS's header or footer whose pages the web server would not expand: the
 * includes stay HTML comments, and the pages go without them. */
static void check_ssi(struct doctor *d, const char *server, const char *file, const char *directive)
{
	const struct settings *cfg = &d->ctx->app.cfg;
	char list[1024], key[80];
	int line = ssi_sites(file, directive, cfg->server.prefix, list, sizeof list);
	for (size_t i = 0; line > 0 && i < cfg->nsites; i++) {
		const struct site_settings *site = &cfg->sites[i];
		snprintf(key, sizeof key, "|%s|", site->key);
		if (wears_cms_parts(site) && strstr(list, key) == NULL)
			say(d, L_ERROR, "web server",
			    fix(d, "add %s to the sites in line %d of %s, then reload %s", site->key, line, file, server),
			    "the pages of %s carry the CMS's header and footer as SSI includes, and %s does not expand them",
			    site->key, server);
	}
}

/* Apache expands them with mod_include, run by type through mod_filter: without either the
 * configuration still loads, and the pages go without the header and footer. */
static void check_apache_ssi(struct doctor *d, const struct route *r, const char *dir)
{
	const struct settings *cfg = &d->ctx->app.cfg;
	const char *wearing = NULL;
	for (size_t i = 0; wearing == NULL && i < cfg->nsites; i++)
		wearing = wears_cms_parts(&cfg->sites[i]) ? cfg->sites[i].key : NULL;
	static const char *const mods[] = {"include", "filter"};
	for (size_t i = 0; wearing != NULL && i < sizeof mods / sizeof mods[0]; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/mods-enabled/%s.load", dir, mods[i]);
		if (access(path, F_OK) != 0) {
			say(d, L_ERROR, "web server", "a2enmod include filter && systemctl reload apache2",
			    "the pages of %s carry the CMS's header and footer as SSI includes, and Apache's mod_%s is not "
			    "enabled (%s/mods-enabled)", wearing, mods[i], dir);
			return;
		}
	}
	check_ssi(d, "Apache", r->file, "<LocationMatch");
}

/* The folder nginx sends stored pages from: the `root` of the location whose try_files reads
 * <site>/current, in file or a file it includes for xxgk; false when there is none. */
static bool nginx_copies_root(const char *file, char *root, size_t n, int depth)
{
	char line[2048], last_root[PATH_MAX] = "", inc[PATH_MAX], base[PATH_MAX];
	snprintf(base, sizeof base, "%s", file);
	FILE *f = fopen(file, "r");
	bool found = false;
	while (f != NULL && !found && fgets(line, sizeof line, f) != NULL) {
		const char *s = line + strspn(line, " \t");
		if (strncmp(s, "root ", 5) == 0)
			snprintf(last_root, sizeof last_root, "%.*s", (int)strcspn(s + 5, ";\n"), s + 5);
		else if (strncmp(s, "try_files ", 10) == 0 && strstr(s, "/current/") != NULL && last_root[0] != '\0')
			found = snprintf(root, n, "%s", last_root) < (int)n;
		else if (depth > 0 && strncmp(s, "include ", 8) == 0 && strstr(s, "xxgk") != NULL) {
			include_target(s, dirname(base), inc, sizeof inc);
			found = nginx_copies_root(inc, root, n, depth - 1);
			snprintf(base, sizeof base, "%s", file);
		}
	}
	if (f != NULL)
		fclose(f);
	return found;
}

static bool has_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	bool any = false;
	for (struct dirent *e; dp != NULL && !any && (e = readdir(dp)) != NULL;)
		any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (dp != NULL)
		closedir(dp);
	return any;
}

/* nginx sends stored pages from its snippet's folder whatever [cache] copies_dir says: with it
 * unset the workers neither store nor replace them there, so pages stored before stay as they
 * were, for good; set to another folder, nginx never sees a page stored. */
static void check_nginx_copies(struct doctor *d, const struct route *r)
{
	char root[PATH_MAX];
	const char *dir = d->ctx->app.copies_root, *file = r->target[0] ? r->target : r->file;
	if (!nginx_copies_root(file, root, sizeof root, 1) || root[0] == '@') /* '@': a template not filled in */
		return;
	if (dir == NULL && has_entries(root))
		say(d, L_WARN, "stored copies", fix(d, "rm -rf %s/*", root),
		    "[cache] copies_dir is not set, but %s holds pages stored before, which nginx (%s) still sends "
		    "as they were: a change made since is not on them",
		    root, file);
	else if (dir != NULL && strcmp(dir, root) != 0)
		say(d, L_ERROR, "stored copies", fix(d, "copies_dir = %s in [cache], or that folder in %s", root, file),
		    "the workers store pages in %s, and nginx (%s) sends them from %s", dir, file, root);
}

void doctor_check_web(struct doctor *d)
{
	const char *nginx = ctl_opt(d->ctx, "--nginx-dir"), *apache = ctl_opt(d->ctx, "--apache-dir");
	nginx = nginx ? nginx : "/etc/nginx";
	apache = apache ? apache : "/etc/apache2";
	const char *prefix = d->ctx->app.cfg.server.prefix;
	struct route r = {0};
	if (nginx_routes(nginx, prefix, &r)) {
		say_route(d, "nginx", &r, nginx);
		if (r.target[0] != '\0')
			check_ssi(d, "nginx", r.target, "if");
		check_nginx_copies(d, &r);
	} else if (apache_routes(apache, prefix, &r)) {
		say_route(d, "Apache", &r, apache);
		check_apache_ssi(d, &r, apache);
	}
	if (r.file[0] != '\0') {
		doctor_left_beside(d, "web server", r.file);
		if (r.target[0] != '\0' && strchr(r.target, '*') == NULL)
			doctor_left_beside(d, "web server", r.target);
	}
	else if (access(nginx, F_OK) != 0 && access(apache, F_OK) != 0)
		say(d, L_WARN, "web server", "--nginx-dir DIR or --apache-dir DIR names where it is",
		    "neither %s nor %s is here (another web server, or another host?)", nginx, apache);
	else
		say(d, L_ERROR, "web server",
		    "nginx: put `include snippets/xxgk.conf;` in your site's server block; Apache: a2enconf xxgk; then reload it",
		    "neither nginx (%s) nor Apache (%s) routes %s/ to xxgk", nginx, apache, prefix);
}

