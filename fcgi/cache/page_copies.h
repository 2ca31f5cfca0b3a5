/* Stored copies of public pages that the web server serves itself, without asking a worker.
 *
 * A site's copies live in <copies_dir>/<site>/g<generation>/, one folder per generation of its
 * published data (site_generation), and <copies_dir>/<site>/current is a symbolic link to the
 * folder of the newest generation. nginx looks only through `current`
 * (cms-integration/nginx/xxgk-location.conf). Every change to published data moves `current`
 * to a new, empty folder before its transaction commits (copies_advance, called by
 * site_touch), so a publish or edit is visible on the next request, as with the in-process
 * page cache. A worker that rendered a page stores it only into the folder of the generation it
 * read; a worker that read an older generation writes into a folder nobody looks at any more.
 *
 * Files: GET.html (the column home), GET/c/<code>.html, GET/n/<id>.html; SSI-GET.html and so on
 * for pages with the CMS's SSI includes, which nginx must expand. The method is part of the path
 * so that nginx sends anything but GET to the workers; pages with a query string are never
 * stored. Several web hosts either share the folder (a shared mount), or each keeps its own and
 * follows the others' changes by polling (generation_poll.h, [cache] poll_ms). */
#ifndef XXGK_PAGE_COPIES_H
#define XXGK_PAGE_COPIES_H
#include "core/error.h"
#include <stdbool.h>
#include <stddef.h>

/* The page's file name under a generation's folder ("GET/n/12.html", or "SSI-GET/n/12.html" for a
 * page with SSI includes), written into name; false when the page is not one that is stored
 * (rest is the path after /xxgk/<site>/). */
bool copies_page_file(const char *rest, bool ssi, char *name, size_t size);

/* The generation site_dir/current points at. False when there is no such link (copies cleared,
 * or a move that failed). `current` is moved before every change commits and only ever forward,
 * so it is never older than the database's generation (see dispatch.c for what that allows). */
bool copies_current(const char *site_dir, unsigned long long *generation);

/* Points site_dir/current at a new, empty folder for generation and removes the older ones.
 * XE_INTERNAL only when the old copies could not be taken out of view (then the change must not
 * commit); a copy that cannot be stored later is only a cache miss. */
enum xerr copies_advance(const char *site_dir, unsigned long long generation);

/* True when `current` is (now) generation's folder: a missing link, or one to an older
 * generation, is moved to it (the first request after a start, a change made without copies
 * configured, or on another web host: generation_poll.h). A newer one is left alone: whoever
 * asks read its generation before that change committed. */
bool copies_follow(const char *site_dir, unsigned long long generation);

/* Takes every site's copies out of view (the `current` links), leaving their files: a link
 * pointed again at the same generation serves them again. */
void copies_hide(const char *copies_dir);

/* Stores a rendered page as the copy for generation, unless a newer generation is current or
 * the file system has less than min_free_mb free. Failures are ignored (the page was served). */
void copies_store(const char *site_dir, unsigned long long generation, const char *rest, const char *body,
                  size_t len, long long min_free_mb);

/* Takes every site's copies out of view and removes them (a worker start: the stylesheets,
 * catalogs or configuration may have changed). */
void copies_clear(const char *copies_dir);

#endif
