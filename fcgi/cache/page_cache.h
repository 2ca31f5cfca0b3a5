/* Rendered public pages, cached per worker process and exact: each entry carries the site's
 * generation (site_generation, bumped in the same transaction as every change to published
 * data), and a request serves it only when the database's generation still matches. So a
 * publish or edit is visible on the next request from any worker on any host, and the cache
 * needs no cross-worker invalidation. With stored copies on, the site's `current` link stands in
 * for the database's generation (dispatch.c, serve_cached_page). Bounded in bytes, least recently
 * used out first. */
#ifndef XXGK_PAGE_CACHE_H
#define XXGK_PAGE_CACHE_H
#include "core/buf.h"
#include <stdbool.h>
#include <stddef.h>

struct page_cache;

struct page_cache *page_cache_new(size_t max_bytes);
void page_cache_free(struct page_cache *c);
/* Copies a fresh entry's body into out and its media type into type (64 bytes). */
bool page_cache_get(struct page_cache *c, const char *key, unsigned long long generation, struct buf *out,
                    char type[64]);
void page_cache_put(struct page_cache *c, const char *key, unsigned long long generation, const char *type,
                    const char *body, size_t len);
void page_cache_stats(struct page_cache *c, unsigned long long *hits, unsigned long long *misses, size_t *bytes);

#endif
