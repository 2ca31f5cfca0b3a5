/* Request-scoped memory for libxml2 and libxslt. A page builds and frees thousands of small
 * nodes, strings and XPath objects; through glibc's malloc that was a quarter of a rendered
 * page's CPU time. While a worker thread has its arena switched on, libxml2's allocations are
 * carved from large blocks and freeing them costs nothing; at the end of the request the arena
 * is rewound in one step. Allocations made outside a window (the catalogs, the stylesheets) go
 * to malloc as before, and either kind may be freed at any time.
 *
 * Rule for callers: nothing libxml2 allocates inside a window may be kept after it. In the
 * sanitizer build the rewound memory is poisoned, so a pointer kept by mistake is reported. */
#ifndef XXGK_XML_ARENA_H
#define XXGK_XML_ARENA_H
#include <libxml/tree.h>
#include <stddef.h>

struct xml_arena;

/* Routes libxml2's allocator through here. Call once, first thing in main, before any other
 * libxml2 call. */
void xml_arena_install(void);

/* keep: bytes a thread keeps between requests; limit: past this, a request's further
 * allocations go to malloc (a huge report still works, only without the arena). */
struct xml_arena *xml_arena_new(size_t keep, size_t limit);
void xml_arena_free(struct xml_arena *a);

/* The window: allocations by this thread come from the arena between begin and end. end
 * rewinds it; everything allocated in the window is gone. */
void xml_arena_begin(struct xml_arena *a);
void xml_arena_end(struct xml_arena *a);

/* Frees a document. The tree of one made in the current window, wholly from the arena, is left
 * to the rewind (walking a page's trees to free them node by node cost 8% of a transform); the
 * rest, and any other document, goes through xmlFreeDoc. */
void xml_arena_free_doc(xmlDocPtr doc);
/* Bytes of blocks the arena holds, in use or kept as spares (tests: spares are reused). */
size_t xml_arena_held(const struct xml_arena *a);
/* Bytes handed out in the current window (tests and the bench's curiosity). */
size_t xml_arena_used(const struct xml_arena *a);

#endif
