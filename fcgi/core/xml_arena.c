#include "core/xml_arena.h"
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define XXGK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XXGK_ASAN 1
#endif
#endif
#ifdef XXGK_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define NO_ASAN
#endif

#define BLOCK_SIZE ((size_t)256 << 10)
/* Before each allocation: its size, for realloc. 16 bytes keep the payload aligned like malloc's
 * (and, poisoned in the sanitizer build, act as a red zone between neighbours). */
#define HEADER 16

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct xml_arena {
	struct block *blocks; /* in use: the one being filled first; large one-off blocks after it */
	struct block *spare;  /* kept from earlier requests, empty: taken before malloc is asked */
	char *last;           /* header of the newest allocation in the first block, or NULL */
	size_t keep, limit, used;
	size_t spare_bytes;   /* the spares' size, held against keep */
	bool spilled;         /* this window went past limit: some of its memory is malloc's */
};

/* libxml2's allocator hooks take no context argument, so the arena a thread is filling has to
 * be found through the thread itself. NULL outside a window: plain malloc. */
static _Thread_local struct xml_arena *active;

/* Bytes an allocation of n takes in a block: its header and its payload, rounded to 16. */
static size_t span(size_t n)
{
	return HEADER + (((n == 0 ? 1 : n) + 15) & ~(size_t)15);
}

NO_ASAN static size_t header_size(const char *payload)
{
	size_t n;
	memcpy(&n, payload - HEADER, sizeof n);
	return n;
}

NO_ASAN static void header_set(char *header, size_t n)
{
	memcpy(header, &n, sizeof n);
}

static bool owns(const struct xml_arena *a, const void *p)
{
	for (const struct block *b = a->blocks; b != NULL; b = b->next)
		if ((const char *)p > (const char *)b->data && (const char *)p < (const char *)b->data + b->used)
			return true;
	return false;
}

/* NULL when the request has used its limit: the caller takes the memory from malloc instead. */
static void *arena_alloc(struct xml_arena *a, size_t n)
{
	size_t need = span(n);
	if (a->used + need > a->limit)
		return NULL;
	struct block *b = a->blocks;
	if (b == NULL || b->size - b->used < need) {
		size_t size = need > BLOCK_SIZE / 2 ? need : BLOCK_SIZE;
		if (size == BLOCK_SIZE && a->spare != NULL) {
			b = a->spare; /* already poisoned, its pages already faulted in */
			a->spare = b->next;
			a->spare_bytes -= b->size;
		} else {
			b = malloc(sizeof *b + size);
			if (b == NULL)
				return NULL;
			b->size = size;
			b->used = 0;
			POISON(b->data, size);
		}
		if (size > BLOCK_SIZE && a->blocks != NULL) {
			/* A large one-off block goes second so the current block keeps filling. */
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = a->blocks;
			a->blocks = b;
			a->last = NULL;
		}
	}
	char *header = (char *)b->data + b->used;
	b->used += need;
	a->used += need;
	header_set(header, n);
	UNPOISON(header + HEADER, n);
	if (b == a->blocks)
		a->last = header;
	return header + HEADER;
}

static void arena_release(struct xml_arena *a, char *p)
{
	size_t n = header_size(p);
	POISON(p, n);
	/* The newest allocation gives its room back (xmlBuf grows and shrinks this way). */
	if (p - HEADER == a->last) {
		a->blocks->used -= span(n);
		a->used -= span(n);
		a->last = NULL;
	}
}

static void *hook_malloc(size_t n)
{
	struct xml_arena *a = active;
	if (a == NULL)
		return malloc(n);
	void *p = arena_alloc(a, n);
	if (p == NULL) {
		a->spilled = true;
		p = malloc(n);
	}
	return p;
}

static void hook_free(void *p)
{
	struct xml_arena *a = active;
	if (p == NULL)
		return;
	if (a != NULL && owns(a, p))
		arena_release(a, p);
	else
		free(p);
}

static void *hook_realloc(void *p, size_t n)
{
	struct xml_arena *a = active;
	if (p == NULL)
		return hook_malloc(n);
	if (a == NULL || !owns(a, p))
		return realloc(p, n);
	size_t old = header_size(p);
	char *header = (char *)p - HEADER;
	if (header == a->last) {
		/* The newest allocation grows in place while its block has room. */
		struct block *b = a->blocks;
		size_t have = span(old), want = span(n);
		bool room = want <= have || b->size - b->used >= want - have;
		if (room && a->used - have + want <= a->limit) {
			b->used = b->used - have + want;
			a->used = a->used - have + want;
			header_set(header, n);
			POISON(p, old);
			UNPOISON(p, n);
			return p;
		}
	}
	void *q = hook_malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	arena_release(a, p);
	return q;
}

static char *hook_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = hook_malloc(n);
	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

void xml_arena_install(void)
{
	if (xmlMemSetup(hook_free, hook_malloc, hook_realloc, hook_strdup) != 0) {
		fputs("xxgk: xmlMemSetup failed\n", stderr);
		abort();
	}
}

struct xml_arena *xml_arena_new(size_t keep, size_t limit)
{
	struct xml_arena *a = calloc(1, sizeof *a);
	if (a == NULL) {
		fputs("xxgk: out of memory\n", stderr);
		abort();
	}
	a->keep = keep;
	a->limit = limit;
	return a;
}

void xml_arena_begin(struct xml_arena *a)
{
	a->used = 0;
	a->spilled = false;
	active = a;
}

void xml_arena_free_doc(xmlDocPtr doc)
{
	struct xml_arena *a = active;
	if (doc == NULL)
		return;
	if (a == NULL || a->spilled || !owns(a, doc)) {
		xmlFreeDoc(doc);
		return;
	}
	/* Made in this window, all of it from the arena: its tree is left to the rewind. The rest
	 * goes through xmlFreeDoc, for the references it holds to what outlives the window: its
	 * dictionary and its ID table's (a result's dictionary leans on the stylesheet's). */
	doc->children = NULL;
	doc->last = NULL;
	xmlFreeDoc(doc);
}

void xml_arena_end(struct xml_arena *a)
{
	/* libxml2 keeps the last error's message per thread; it must not outlive the arena. */
	xmlResetLastError();
	active = NULL;
	/* Rewind: blocks of the usual size are kept as spares, up to `keep` bytes, for the next
	 * request (fresh memory would be faulted in again); the rest, and every large one-off block,
	 * go back. */
	for (struct block *b = a->blocks, *next; b != NULL; b = next) {
		next = b->next;
		if (b->size == BLOCK_SIZE && a->spare_bytes + b->size <= a->keep) {
			a->spare_bytes += b->size;
			b->used = 0;
			POISON(b->data, b->size);
			b->next = a->spare;
			a->spare = b;
		} else {
			UNPOISON(b->data, b->size);
			free(b);
		}
	}
	a->blocks = NULL;
	a->last = NULL;
	a->used = 0;
}

void xml_arena_free(struct xml_arena *a)
{
	if (a == NULL)
		return;
	if (active == a)
		xml_arena_end(a);
	struct block *lists[] = {a->blocks, a->spare};
	for (size_t i = 0; i < 2; i++)
		for (struct block *b = lists[i], *next; b != NULL; b = next) {
			next = b->next;
			UNPOISON(b->data, b->size);
			free(b);
		}
	free(a);
}

size_t xml_arena_held(const struct xml_arena *a)
{
	size_t n = a->spare_bytes;
	for (const struct block *b = a->blocks; b != NULL; b = b->next)
		n += b->size;
	return n;
}

size_t xml_arena_used(const struct xml_arena *a)
{
	return a->used;
}
