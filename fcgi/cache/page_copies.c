#include "cache/page_copies.h"
#include "core/fd_write.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CODE_MAX 80

/* A path from parts; false when it does not fit (never a truncated path). */
static bool path_join(char *out, size_t size, const char *a, const char *b)
{
	int n = snprintf(out, size, "%s/%s", a, b);
	return n > 0 && (size_t)n < size;
}

static bool page_code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CODE_MAX)
		return false;
	/* Letters and digits first: never ".", "..", or a hidden file. */
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

bool copies_page_file(const char *rest, bool ssi, char *name, size_t size)
{
	const char *method = ssi ? "SSI-GET" : "GET";
	int n;
	if (rest[0] == '\0')
		n = snprintf(name, size, "%s.html", method);
	else if ((rest[0] == 'c' || rest[0] == 'n') && rest[1] == '/' && page_code_ok(rest + 2))
		n = snprintf(name, size, "%s/%c/%s.html", method, rest[0], rest + 2);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

/* The generation `current` points at: 1 and *gen, 0 when there is no link, -1 when it is
 * something else (then it is replaced). */
static int current_generation(const char *site_dir, unsigned long long *gen)
{
	char link[PATH_MAX], target[64];
	if (!path_join(link, sizeof link, site_dir, "current"))
		return -1;
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n < 0)
		return errno == ENOENT ? 0 : -1;
	target[n] = '\0';
	char *end;
	errno = 0;
	unsigned long long g = strtoull(target + 1, &end, 10);
	if (target[0] != 'g' || end == target + 1 || *end != '\0' || errno != 0)
		return -1;
	*gen = g;
	return 1;
}

bool copies_current(const char *site_dir, unsigned long long *generation)
{
	return current_generation(site_dir, generation) == 1;
}

/* Serialises the moves of `current` between processes (flock: released if a process dies). */
static int lock_site(const char *site_dir)
{
	char path[PATH_MAX];
	if (!path_join(path, sizeof path, site_dir, ".lock"))
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

static void unlock_site(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

static bool make_dir(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST;
}

/* Makes g<generation> and points `current` at it in one rename. Call with the site locked. */
static bool point_current(const char *site_dir, unsigned long long generation)
{
	char name[32], dir[PATH_MAX], tmp[PATH_MAX], link[PATH_MAX];
	snprintf(name, sizeof name, "g%llu", generation);
	if (!path_join(dir, sizeof dir, site_dir, name) || !make_dir(dir))
		return false;
	/* mkdir obeys the umask: the web server's workers (another user) must read and enter it. */
	chmod(dir, 0755);
	if (!path_join(link, sizeof link, site_dir, "current"))
		return false;
	int n = snprintf(tmp, sizeof tmp, "%s/.current.%ld", site_dir, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp)
		return false;
	unlink(tmp);
	if (symlink(name, tmp) != 0)
		return false;
	if (rename(tmp, link) != 0) {
		unlink(tmp);
		return false;
	}
	return true;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0; /* go on: what is left is removed next time */
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes the folders of generations older than keep (nginx looks only through `current`). Never
 * a newer one: another process may have just made it current. */
static void sweep(const char *site_dir, unsigned long long keep)
{
	DIR *d = opendir(site_dir);
	if (d == NULL)
		return;
	char path[PATH_MAX];
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		char *end;
		errno = 0;
		unsigned long long g = strtoull(de->d_name + 1, &end, 10);
		if (de->d_name[0] != 'g' || end == de->d_name + 1 || *end != '\0' || errno != 0 || g >= keep)
			continue;
		if (path_join(path, sizeof path, site_dir, de->d_name))
			remove_tree(path);
	}
	closedir(d);
}

static bool ensure_site_dir(const char *site_dir)
{
	char parent[PATH_MAX];
	int n = snprintf(parent, sizeof parent, "%s", site_dir);
	if (n < 0 || (size_t)n >= sizeof parent)
		return false;
	char *slash = strrchr(parent, '/');
	if (slash != NULL && slash != parent) {
		*slash = '\0';
		if (make_dir(parent))
			chmod(parent, 0755);
	}
	if (!make_dir(site_dir))
		return false;
	chmod(site_dir, 0755);
	return true;
}

enum xerr copies_advance(const char *site_dir, unsigned long long generation)
{
	bool moved = false;
	if (ensure_site_dir(site_dir)) {
		int fd = lock_site(site_dir);
		if (fd >= 0) {
			moved = point_current(site_dir, generation);
			unlock_site(fd);
		}
	}
	if (moved) {
		sweep(site_dir, generation);
		return XE_OK;
	}
	/* Whatever went wrong, the old copies must not be served after this change. */
	char link[PATH_MAX];
	if (path_join(link, sizeof link, site_dir, "current") && (unlink(link) == 0 || errno == ENOENT)) {
		fprintf(stderr, "xxgk: page copies in %s: could not start generation %llu; copies off until it can\n",
		        site_dir, generation);
		return XE_OK;
	}
	fprintf(stderr, "xxgk: page copies in %s: cannot take the old copies out of view: %s\n", site_dir,
	        strerror(errno));
	return XE_INTERNAL;
}

bool copies_follow(const char *site_dir, unsigned long long generation)
{
	unsigned long long cur = 0;
	if (current_generation(site_dir, &cur) == 1 && cur == generation)
		return true;
	if (!ensure_site_dir(site_dir))
		return false;
	int fd = lock_site(site_dir);
	if (fd < 0)
		return false;
	int have = current_generation(site_dir, &cur);
	bool ok = (have == 1 && cur == generation);
	if (have == 0 || (have == 1 && cur < generation) || have < 0)
		ok = point_current(site_dir, generation);
	unlock_site(fd);
	if (ok && !(have == 1 && cur == generation))
		sweep(site_dir, generation);
	return ok;
}

void copies_store(const char *site_dir, unsigned long long generation, const char *rest, const char *body,
                  size_t len, long long min_free_mb)
{
	char name[CODE_MAX + 32], gdir[PATH_MAX], path[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX];
	/* The page carries the CMS's header and footer as SSI includes (only xxgk's own markup can:
	 * the serializer escapes "<!--" in data): nginx must expand them, which costs it a third of
	 * its pages a second, so these are kept apart from the pages it sends as they are. */
	bool ssi = memmem(body, len, "<!--#", 5) != NULL;
	if (!copies_page_file(rest, ssi, name, sizeof name) || !copies_follow(site_dir, generation))
		return;
	int n = snprintf(gdir, sizeof gdir, "%s/g%llu", site_dir, generation);
	if (n < 0 || (size_t)n >= sizeof gdir || !path_join(path, sizeof path, gdir, name))
		return;
	/* Already there: a page of one generation is the same bytes whoever renders it. (Where nginx
	 * does not look here, every request would otherwise write the page again.) */
	if (access(path, F_OK) == 0)
		return;
	struct statvfs fs;
	if (statvfs(site_dir, &fs) != 0 ||
	    (unsigned long long)fs.f_bavail * fs.f_frsize < (unsigned long long)min_free_mb << 20)
		return;
	/* The folders on the way: GET/ and GET/c/ or GET/n/ (or SSI-GET/...). Never g<N> itself: if
	 * it is gone, a newer generation took its place. */
	snprintf(dir, sizeof dir, "%s", path);
	for (char *s = dir + strlen(gdir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		bool made = mkdir(dir, 0755) == 0;
		if (!made && errno != EEXIST)
			return;
		if (made)
			chmod(dir, 0755);
		*s = '/';
	}
	char *slash = strrchr(dir, '/');
	*slash = '\0';
	n = snprintf(tmp, sizeof tmp, "%s/.tmp.XXXXXX", dir);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return;
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return;
	bool ok = fchmod(fd, 0644) == 0 && fd_write_all(fd, body, len);
	ok = (close(fd) == 0) && ok;
	if (!ok || rename(tmp, path) != 0)
		unlink(tmp);
}

void copies_hide(const char *copies_dir)
{
	DIR *d = opendir(copies_dir);
	if (d == NULL)
		return;
	char site_dir[PATH_MAX], link[PATH_MAX];
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && path_join(site_dir, sizeof site_dir, copies_dir, de->d_name) &&
		    path_join(link, sizeof link, site_dir, "current"))
			unlink(link);
	closedir(d);
}

void copies_clear(const char *copies_dir)
{
	DIR *d = opendir(copies_dir);
	if (d == NULL)
		return;
	char site_dir[PATH_MAX], link[PATH_MAX];
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !path_join(site_dir, sizeof site_dir, copies_dir, de->d_name))
			continue;
		/* Out of view first, in one step; then the files. */
		if (path_join(link, sizeof link, site_dir, "current"))
			unlink(link);
		sweep(site_dir, ULLONG_MAX);
	}
	closedir(d);
}
