/* Stored page copies (fcgi/cache/page_copies.c): which pages become which files, and how `current`
 * moves between generations, on the real file system in a temporary folder. */
#include "cache/page_copies.h"
#include "unit.h"
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *file_for(const char *rest)
{
	static char name[128]; /* one call per CHECK_STR; tests are single-threaded */
	return copies_page_file(rest, false, name, sizeof name) ? name : NULL;
}

void test_copies_page_file(void)
{
	CHECK_STR(file_for(""), "GET.html");
	CHECK_STR(file_for("c/D01.C02"), "GET/c/D01.C02.html");
	CHECK_STR(file_for("n/12345"), "GET/n/12345.html");
	char name[64];
	CHECK(copies_page_file("n/12345", true, name, sizeof name) && strcmp(name, "SSI-GET/n/12345.html") == 0);
	CHECK(copies_page_file("", true, name, sizeof name) && strcmp(name, "SSI-GET.html") == 0);
	CHECK(file_for("search") == NULL);
	CHECK(file_for("c/D01/feed.atom") == NULL);
	CHECK(file_for("c/") == NULL);
	CHECK(file_for("c/..") == NULL);
	CHECK(file_for("c/.hidden") == NULL);
	CHECK(file_for("n/1?x") == NULL);
	CHECK(file_for("x/1") == NULL);
	CHECK(file_for("c/\xe5\x85\xac") == NULL); /* never a name nginx's pattern would not ask for */
	char long_code[90];
	memset(long_code, 'A', sizeof long_code);
	memcpy(long_code, "c/", 2);
	long_code[2 + 80] = '\0';
	CHECK(file_for(long_code) != NULL);
	long_code[2 + 80] = 'A';
	long_code[2 + 81] = '\0';
	CHECK(file_for(long_code) == NULL);
}

static bool exists(const char *dir, const char *rel)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	struct stat st;
	return lstat(path, &st) == 0;
}

static const char *current_of(const char *dir)
{
	static char target[64];
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/current", dir);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n < 0)
		return "";
	target[n] = '\0';
	return target;
}

void test_copies_generations(void)
{
	char root[] = "/tmp/xxgk-copies-XXXXXX";
	CHECK(mkdtemp(root) != NULL);
	char site[PATH_MAX];
	snprintf(site, sizeof site, "%s/demo", root);

	/* The first page after a start points `current` at the generation it was rendered from. */
	copies_store(site, 5, "n/7", "<p>five</p>", 11, 0);
	CHECK_STR(current_of(site), "g5");
	CHECK(exists(site, "g5/GET/n/7.html"));
	copies_store(site, 5, "", "<p>home</p>", 11, 0);
	CHECK(exists(site, "g5/GET.html"));
	/* Stored once per generation: a second render does not write it again. */
	char home[PATH_MAX + 16];
	snprintf(home, sizeof home, "%s/g5/GET.html", site);
	struct stat before, after;
	CHECK(stat(home, &before) == 0);
	copies_store(site, 5, "", "<p>home</p>", 11, 0);
	CHECK(stat(home, &after) == 0 && after.st_ino == before.st_ino);
	copies_store(site, 5, "search", "x", 1, 0);
	const char *with_ssi = "<body><!--# include virtual=\"/h.html\" --><p>x</p>";
	copies_store(site, 5, "n/8", with_ssi, strlen(with_ssi), 0);
	CHECK(exists(site, "g5/SSI-GET/n/8.html") && !exists(site, "g5/GET/n/8.html"));
	const char *escaped = "<p>&lt;!--# include virtual=\"/etc/passwd\" --&gt;</p>";
	copies_store(site, 5, "n/9", escaped, strlen(escaped), 0);
	CHECK(exists(site, "g5/GET/n/9.html"));
	CHECK(!exists(site, "g5/search"));

	/* A change: an empty folder is current, the old one is gone. */
	CHECK(copies_advance(site, 6) == XE_OK);
	CHECK_STR(current_of(site), "g6");
	CHECK(exists(site, "g6") && !exists(site, "g6/GET.html") && !exists(site, "g5"));

	/* A worker that read generation 5 before the change committed stores nothing anyone sees. */
	copies_store(site, 5, "n/7", "<p>five</p>", 11, 0);
	CHECK(!exists(site, "g5/GET/n/7.html"));
	CHECK_STR(current_of(site), "g6");

	/* A change made where copies were off: the first worker to see it moves `current` on. */
	copies_store(site, 8, "c/D01", "<p>eight</p>", 12, 0);
	CHECK_STR(current_of(site), "g8");
	CHECK(exists(site, "g8/GET/c/D01.html") && !exists(site, "g6"));

	/* Not below the free-space floor. */
	copies_store(site, 8, "c/D02", "x", 1, 1LL << 40);
	CHECK(!exists(site, "g8/GET/c/D02.html"));

	/* Clearing takes everything out of view. */
	copies_clear(root);
	CHECK(!exists(site, "current") && !exists(site, "g8"));
	copies_clear(root); /* and again: nothing there is fine */

	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "%s/demo/.lock", root);
	unlink(cmd);
	rmdir(site);
	CHECK(rmdir(root) == 0); /* nothing else was left behind */
}
