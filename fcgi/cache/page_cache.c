#include "cache/page_cache.h"
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096

struct entry {
	struct entry *next_hash, *prev_lru, *next_lru;
	uint64_t hash;
	unsigned long long generation;
	char *key, *body;
	size_t len;
	char type[64];
};

struct page_cache {
	pthread_mutex_t lock;
	struct entry *buckets[BUCKETS];
	struct entry *lru_head, *lru_tail; /* head: most recently used */
	size_t bytes, max_bytes;
	unsigned long long hits, misses;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct page_cache *page_cache_new(size_t max_bytes)
{
	struct page_cache *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	pthread_mutex_init(&c->lock, NULL);
	c->max_bytes = max_bytes;
	return c;
}

static void lru_unlink(struct page_cache *c, struct entry *e)
{
	if (e->prev_lru)
		e->prev_lru->next_lru = e->next_lru;
	else
		c->lru_head = e->next_lru;
	if (e->next_lru)
		e->next_lru->prev_lru = e->prev_lru;
	else
		c->lru_tail = e->prev_lru;
	e->prev_lru = e->next_lru = NULL;
}

static void lru_front(struct page_cache *c, struct entry *e)
{
	e->next_lru = c->lru_head;
	e->prev_lru = NULL;
	if (c->lru_head)
		c->lru_head->prev_lru = e;
	c->lru_head = e;
	if (c->lru_tail == NULL)
		c->lru_tail = e;
}

static void drop(struct page_cache *c, struct entry *e)
{
	struct entry **p = &c->buckets[e->hash % BUCKETS];
	while (*p != e)
		p = &(*p)->next_hash;
	*p = e->next_hash;
	lru_unlink(c, e);
	c->bytes -= e->len + strlen(e->key);
	free(e->key);
	free(e->body);
	free(e);
}

void page_cache_free(struct page_cache *c)
{
	if (c == NULL)
		return;
	while (c->lru_head)
		drop(c, c->lru_head);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static struct entry *find(struct page_cache *c, const char *key, uint64_t h)
{
	for (struct entry *e = c->buckets[h % BUCKETS]; e; e = e->next_hash)
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

bool page_cache_get(struct page_cache *c, const char *key, unsigned long long generation, struct buf *out,
                    char type[64])
{
	uint64_t h = fnv1a(key);
	bool hit = false;
	pthread_mutex_lock(&c->lock);
	struct entry *e = find(c, key, h);
	if (e != NULL && e->generation == generation) {
		buf_put(out, e->body, e->len);
		memcpy(type, e->type, 64);
		lru_unlink(c, e);
		lru_front(c, e);
		hit = true;
		c->hits++;
	} else {
		if (e != NULL)
			drop(c, e); /* from an older generation: never served again */
		c->misses++;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void page_cache_put(struct page_cache *c, const char *key, unsigned long long generation, const char *type,
                    const char *body, size_t len)
{
	size_t klen = strlen(key);
	if (len + klen > c->max_bytes / 8 || strlen(type) >= 64)
		return; /* one page never takes more than an eighth of the cache */
	struct entry *e = calloc(1, sizeof *e);
	if (e == NULL)
		return;
	e->key = malloc(klen + 1);
	e->body = malloc(len ? len : 1);
	if (e->key == NULL || e->body == NULL) {
		free(e->key);
		free(e->body);
		free(e);
		return;
	}
	memcpy(e->key, key, klen + 1);
	memcpy(e->body, body, len);
	e->len = len;
	e->generation = generation;
	e->hash = fnv1a(key);
	snprintf(e->type, sizeof e->type, "%s", type);
	pthread_mutex_lock(&c->lock);
	struct entry *old = find(c, key, e->hash);
	if (old != NULL)
		drop(c, old);
	while (c->bytes + len + klen > c->max_bytes && c->lru_tail != NULL)
		drop(c, c->lru_tail);
	e->next_hash = c->buckets[e->hash % BUCKETS];
	c->buckets[e->hash % BUCKETS] = e;
	lru_front(c, e);
	c->bytes += len + klen;
	pthread_mutex_unlock(&c->lock);
}

void page_cache_stats(struct page_cache *c, unsigned long long *hits, unsigned long long *misses, size_t *bytes)
{
	pthread_mutex_lock(&c->lock);
	*hits = c->hits;
	*misses = c->misses;
	*bytes = c->bytes;
	pthread_mutex_unlock(&c->lock);
}
