/* One request end to end: the request struct from the server's environment, dispatch (which
 * reads the body within the route's limit), the answer's headers and body, the access-log line.
 * Over FastCGI (the workers) or as CGI (xxgk.fcgi --cgi). */
#ifndef XXGK_SERVE_H
#define XXGK_SERVE_H
#include "cache/page_cache.h"
#include "core/access_log.h"
#include "core/app.h"
#include "core/calendar.h"
#include "core/db.h"
#include "server/schema_gate.h"
#include <fcgiapp.h>

/* Where a request comes from and its answer goes. */
struct io {
	const char *(*env)(void *ctx, const char *name);
	int (*read)(void *ctx, char *buf, int n);
	void (*write)(void *ctx, const char *data, size_t n);
	void *ctx;
	size_t (*env_count)(void *ctx, const char *name); /* NULL: a name comes at most once */
};

/* What a thread answers requests with. */
struct server_thread {
	const struct app *app;
	struct db *db;
	struct calendar *calendar; /* the thread's copy, refreshed when its version moves */
	struct page_cache *cache;  /* the process's; NULL: none */
	struct access_log *log;    /* the process's; NULL: none */
	struct schema_gate *schema; /* the service's; NULL: the schema is not checked */
	struct search_memory *search; /* the process's copies of the search tiers; NULL: none */
};

struct io io_fcgi(FCGX_Request *fr);
/* The environment, standard input and output. */
struct io io_cgi(void);
void serve_request(struct server_thread *t, const struct io *io);
/* Ends a FastCGI request and its connection. */
void serve_finish(FCGX_Request *fr);

#endif
