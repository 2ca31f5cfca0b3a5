#include "server/worker.h"
#include "cache/generation_poll.h"
#include "cache/page_cache.h"
#include "core/errlog.h"
#include "core/xml_arena.h"
#include "notices/search_applier.h"
#include "notices/search_memory.h"
#include "server/serve.h"
#include <errno.h>
#include <mysql.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

enum { MAX_THREADS = 64 };

/* What the threads of a process share. */
struct process {
	const struct app *app;
	const struct worker_options *o;
	struct page_cache *cache;
	struct search_memory *search;
	struct access_log *log;
	int stop_fd;        /* an eventfd, readable once the process is to stop */
	atomic_bool done;   /* every thread has ended: the housekeeper ends too */
};

enum { EV_LISTEN, EV_STOP };

/* The thread's wait for a connection or the stop. EPOLLEXCLUSIVE: a connection wakes one waiting
 * thread, not all of them. */
static int wait_set(const struct process *p)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event conn = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.u32 = EV_LISTEN};
	struct epoll_event stop = {.events = EPOLLIN, .data.u32 = EV_STOP};
	if (ep >= 0 && (epoll_ctl(ep, EPOLL_CTL_ADD, p->o->listen_fd, &conn) != 0 ||
	                epoll_ctl(ep, EPOLL_CTL_ADD, p->stop_fd, &stop) != 0)) {
		errlog("epoll: %s", strerror(errno));
		close(ep);
		return -1;
	}
	return ep;
}

enum next { NEXT_REQUEST, NEXT_NONE, NEXT_STOP };

/* The next request, once a connection is there and unless the process is stopping. The socket
 * does not block: a connection another thread took first leaves this one waiting again. */
static enum next next_request(int ep, FCGX_Request *fr)
{
	struct epoll_event ev[2];
	int n = epoll_wait(ep, ev, 2, -1);
	if (n < 0)
		return errno == EINTR ? NEXT_NONE : NEXT_STOP;
	for (int i = 0; i < n; i++)
		if (ev[i].data.u32 == EV_STOP)
			return NEXT_STOP;
	int rc = FCGX_Accept_r(fr);
	if (rc >= 0)
		return NEXT_REQUEST;
	if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR || rc == -ECONNABORTED)
		return NEXT_NONE;
	errlog("a worker thread cannot take connections: %s", rc > -4096 ? strerror(-rc) : "libfcgi error");
	return NEXT_STOP;
}

static void *serve_thread(void *arg)
{
	struct process *p = arg;
	mysql_thread_init();
	struct server_thread t = {p->app, db_new(&p->app->cfg), NULL, p->cache, p->log, p->o->schema_gate, p->search};
	db_set_keyring(t.db, &p->app->keys);
	db_watch(t.db, p->o->db_status);
	db_connect(t.db); /* now, so that a database it cannot reach is logged at the start */
	/* Up to 8 MB of libxml2 memory kept between requests; a request past 64 MB goes on with
	 * malloc (xml_arena.h). */
	struct xml_arena *arena = NULL;
	if (p->app->cfg.server.xml_arena)
		arena = xml_arena_new((size_t)8 << 20, (size_t)64 << 20);
	int ep = wait_set(p);
	FCGX_Request fr;
	FCGX_InitRequest(&fr, p->o->listen_fd, 0);
	long long served = 0, max = p->o->max_requests;
	while (ep >= 0 && (max == 0 || served < max)) {
		enum next next = next_request(ep, &fr);
		if (next == NEXT_STOP)
			break;
		if (next == NEXT_NONE)
			continue;
		struct io io = io_fcgi(&fr);
		if (arena != NULL)
			xml_arena_begin(arena);
		serve_request(&t, &io);
		if (arena != NULL)
			xml_arena_end(arena);
		serve_finish(&fr);
		served++;
	}
	if (ep >= 0)
		close(ep);
	FCGX_Free(&fr, 1);
	xml_arena_free(arena);
	calendar_free(t.calendar);
	db_close(t.db);
	mysql_thread_end();
	return NULL;
}

/* The signals a worker process takes in its housekeeping thread only. */
static sigset_t worker_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1); /* worker_run: the threads have ended */
	return set;
}

/* Writes the access log out once a second, and takes the process's TERM and INT (blocked in the
 * other threads): they stop the threads from taking connections. */
static void *housekeeping_thread(void *arg)
{
	struct process *p = arg;
	sigset_t set = worker_signals();
	const struct timespec second = {1, 0};
	for (;;) {
		int sig = sigtimedwait(&set, NULL, &second);
		access_log_flush(p->log);
		if (sig == SIGTERM || sig == SIGINT)
			eventfd_write(p->stop_fd, 1);
		if (atomic_load(&p->done))
			return NULL;
	}
}

static void start_thread(pthread_t *tid, void *(*fn)(void *), void *arg)
{
	if (pthread_create(tid, NULL, fn, arg) != 0) {
		errlog("pthread_create: %s", strerror(errno));
		exit(1);
	}
}

static void say_ready(int fd)
{
	if (fd < 0)
		return;
	pid_t pid = getpid();
	/* A lost message only keeps the master from replacing its other workers on a reload. */
	if (write(fd, &pid, sizeof pid) != sizeof pid)
		errlog("cannot tell the master that worker %d is ready: %s", (int)pid, strerror(errno));
	close(fd);
}

void worker_run(const struct app *app, const struct worker_options *o)
{
	struct process p = {app, o, NULL, NULL, NULL, eventfd(0, EFD_CLOEXEC), false};
	if (p.stop_fd < 0) {
		errlog("eventfd: %s", strerror(errno));
		exit(1);
	}
	if (app->cfg.cache.enabled)
		p.cache = page_cache_new((size_t)app->cfg.cache.max_mb << 20);
	p.search = search_memory_start(app, o->db_status);
	/* 32 KB: a write every 400 or so requests at full load. */
	p.log = access_log_new(app->access_log_fd, (size_t)32 << 10);
	sigset_t set = worker_signals();
	pthread_sigmask(SIG_SETMASK, &set, NULL); /* before the threads, which inherit the mask */
	pthread_t keeper, tids[MAX_THREADS];
	int threads = o->threads < MAX_THREADS ? o->threads : MAX_THREADS;
	start_thread(&keeper, housekeeping_thread, &p);
	for (int i = 0; i < threads; i++)
		start_thread(&tids[i], serve_thread, &p);
	/* Several web hosts on a cluster: this host's copies follow the others' changes, and the
	 * node's search index follows the log (both off on one host and one server). */
	struct generation_poll *poll = generation_poll_start(app, o->db_status);
	struct search_applier *applier = search_applier_start(app, o->db_status);
	say_ready(o->ready_fd);
	for (int i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	search_applier_stop(applier);
	generation_poll_stop(poll);
	atomic_store(&p.done, true);
	pthread_kill(keeper, SIGUSR1);
	pthread_join(keeper, NULL);
	access_log_free(p.log);
	page_cache_free(p.cache);
	search_memory_stop(p.search);
	close(p.stop_fd);
}
