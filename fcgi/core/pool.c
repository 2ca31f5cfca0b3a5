#include "core/pool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 16384

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct deferred {
	struct deferred *next;
	void (*fn)(void *);
	void *arg;
};

struct pool {
	struct chunk *head;
	struct deferred *defer;
	size_t total;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL) {
		fputs("xxgk: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct pool *pool_new(void)
{
	struct pool *p = xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	return p;
}

void pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	/* Deferred cleanups run newest first, like destructors. */
	for (struct deferred *d = p->defer; d != NULL; d = d->next)
		d->fn(d->arg);
	for (struct chunk *c = p->head, *next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(p);
}

void *pool_alloc(struct pool *p, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct chunk *c = p->head;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > CHUNK ? n : CHUNK;
		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		/* A large one-off block goes second so the current chunk keeps filling. */
		if (n > CHUNK && p->head != NULL) {
			c->next = p->head->next;
			p->head->next = c;
		} else {
			c->next = p->head;
			p->head = c;
		}
		p->total += size;
	}
	void *r = (char *)c->data + c->used;
	c->used += n;
	memset(r, 0, n);
	return r;
}

char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *pool_strdup(struct pool *p, const char *s)
{
	return s == NULL ? NULL : pool_strndup(p, s, strlen(s));
}

char *pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return pool_strdup(p, "");
	char *r = pool_alloc(p, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return r;
}

void pool_defer(struct pool *p, void (*fn)(void *), void *arg)
{
	struct deferred *d = pool_alloc(p, sizeof *d);
	d->fn = fn;
	d->arg = arg;
	d->next = p->defer;
	p->defer = d;
}

size_t pool_used(const struct pool *p)
{
	return p->total;
}
