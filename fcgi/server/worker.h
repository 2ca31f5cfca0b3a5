/* A worker process: threads answering requests from the shared FastCGI socket, each with its own
 * database connection and libxml2 arena, and a housekeeping thread that writes the access log out
 * once a second and takes the process's signals.
 *
 * TERM or INT stops it gracefully: no thread takes another connection, the requests being
 * answered finish, the access log is written out, and worker_run returns. Connections nobody has
 * taken wait on the socket for another worker, so a stop loses none. The master sends TERM to
 * stop the service or to replace the worker on a reload; the kernel sends it when the master
 * dies. */
#ifndef XXGK_WORKER_H
#define XXGK_WORKER_H
#include "core/app.h"
#include "core/db.h"
#include "server/schema_gate.h"

struct worker_options {
	int listen_fd;               /* non-blocking: the threads wait for it with epoll */
	int ready_fd;                /* the worker writes its pid here once its threads run; -1: none */
	int threads;
	long long max_requests;      /* a thread's requests before it ends; 0: no limit */
	struct db_status *db_status; /* shared by the service's processes */
	struct schema_gate *schema_gate; /* shared by them too: the database's schema (schema_gate.h) */
};

/* Returns when TERM or INT has stopped the process, or every thread has served max_requests. */
void worker_run(const struct app *app, const struct worker_options *o);

#endif
