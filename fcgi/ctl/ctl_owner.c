/* The service's account, and what xxgkctl leaves in the stored copies' folder.
 *
 * Every change xxgkctl makes to published data moves the site's copies to a new folder
 * (cache/page_copies.h). Made by root, that folder, the site's lock and the `current` link would
 * be root's, and the workers, running as the service's account, could neither store a page there
 * nor move the link: pages would go uncached, silently, until the next change made as that
 * account. So xxgkctl run as root gives them to the service's account before it ends. */
#include "ctl/ctl.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The owner of path, or of its nearest folder that exists. */
static bool owner_of_nearest(const char *path, uid_t *uid)
{
	char p[PATH_MAX];
	int n = snprintf(p, sizeof p, "%s", path);
	if (n <= 0 || (size_t)n >= sizeof p)
		return false;
	struct stat st;
	while (stat(p, &st) != 0) {
		char *slash = strrchr(p, '/');
		if (slash == NULL)
			return false;
		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	*uid = st.st_uid;
	return true;
}

static void take(struct service_user *u, const struct passwd *pw)
{
	snprintf(u->name, sizeof u->name, "%s", pw->pw_name);
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
}

bool service_user_find(const struct settings *cfg, struct service_user *u, char *why, size_t n)
{
	memset(u, 0, sizeof *u);
	const char *name = cfg->server.user;
	if (name != NULL && *name) {
		const struct passwd *pw = getpwnam(name);
		if (pw == NULL) {
			snprintf(why, n, "[server] user %s: there is no such account", name);
			return false;
		}
		take(u, pw);
		u->known = true;
		return true;
	}
	uid_t uid;
	const char *dir = cfg->cache.copies_dir;
	if (dir == NULL || !*dir || !owner_of_nearest(dir, &uid))
		return true; /* not known: nothing is given, nothing refused */
	const struct passwd *pw = getpwuid(uid);
	if (pw == NULL) {
		snprintf(why, n, "%s belongs to uid %ld, which has no account: set [server] user", dir, (long)uid);
		return false;
	}
	take(u, pw);
	u->known = true;
	return true;
}

struct walk {
	const struct service_user *u;
	bool fix;
	char *bad; /* the first entry that is not (or cannot be made) the account's */
	size_t badsize;
	int err;   /* why it cannot be made so (0: it is not, and fix was off) */
};

/* Walks what xxgkctl may have made: the folder (depth 0), the sites' folders (1), their lock, link
 * and generation folders (2), and the inside of a generation folder that is not the account's
 * (the workers' pages are). With fix, gives each entry that is not the account's to it; without,
 * stops at the first. */
static bool walk(struct walk *w, int dirfd, const char *name, const char *path, int depth)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT; /* removed meanwhile (a worker swept an old generation) */
	bool owned = st.st_uid == w->u->uid;
	if (!owned && (!w->fix || fchownat(dirfd, name, w->u->uid, w->u->gid, AT_SYMLINK_NOFOLLOW) != 0)) {
		w->err = w->fix ? errno : 0;
		snprintf(w->bad, w->badsize, "%s", path);
		return false;
	}
	if (!S_ISDIR(st.st_mode) || (owned && depth >= 2))
		return true;
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return errno == ENOENT;
	}
	bool ok = true;
	struct dirent *de;
	while (ok && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char sub[PATH_MAX];
		int len = snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
		if (len > 0 && (size_t)len < sizeof sub)
			ok = walk(w, fd, de->d_name, sub, depth + 1);
	}
	closedir(d);
	return ok;
}

int copies_owned_by(const char *dir, const struct service_user *u, bool fix, char *bad, size_t n)
{
	struct walk w = {.u = u, .fix = fix, .bad = bad, .badsize = n, .err = 0};
	return walk(&w, AT_FDCWD, dir, dir, 0) ? -1 : w.err;
}

bool ctl_owner_before(struct ctl *ctx, struct service_user *u)
{
	u->known = false;
	if (geteuid() != 0 || ctx->app.copies_root == NULL)
		return true;
	char why[PATH_MAX + 100];
	if (service_user_find(&ctx->app.cfg, u, why, sizeof why))
		return true;
	fprintf(stderr,
	        "xxgkctl: %s.\nxxgkctl run as root gives what it makes in %s to the service's account, and that\n"
	        "account is not known. Set [server] user in %s, or run xxgkctl as that account.\n",
	        why, ctx->app.copies_root, ctx->config_path);
	return false;
}

bool ctl_owner_after(struct ctl *ctx, const struct service_user *u)
{
	if (!u->known || u->uid == 0 || geteuid() != 0 || ctx->app.copies_root == NULL)
		return true;
	char bad[PATH_MAX];
	int err = copies_owned_by(ctx->app.copies_root, u, true, bad, sizeof bad);
	if (err < 0)
		return true;
	fprintf(stderr, "xxgkctl: cannot give %s to %s (%s): the workers cannot store pages there.\n"
	                "Run: chown -R %s: %s\n", bad, u->name, strerror(err), u->name, ctx->app.copies_root);
	return false;
}
