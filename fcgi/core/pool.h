/* Per-request memory: everything a request allocates comes from its pool and is freed in one
 * call at the end of the request, so a long-lived worker cannot leak across requests. */
#ifndef XXGK_POOL_H
#define XXGK_POOL_H
#include <stddef.h>
#include <stdarg.h>

struct pool;

struct pool *pool_new(void);
void pool_free(struct pool *p);
void *pool_alloc(struct pool *p, size_t n);           /* zeroed; never NULL (aborts on OOM) */
char *pool_strdup(struct pool *p, const char *s);
char *pool_strndup(struct pool *p, const char *s, size_t n);
char *pool_printf(struct pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run fn(arg) when the pool is freed: for objects owned by other allocators (xmlDoc, MYSQL_RES). */
void pool_defer(struct pool *p, void (*fn)(void *), void *arg);
size_t pool_used(const struct pool *p);

#endif
