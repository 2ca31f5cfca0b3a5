/* xxgk.fcgi: the FastCGI responder. A master process keeps N worker processes alive (a crashed
 * one is replaced); each worker runs T threads, each with its own database connection, sharing
 * the compiled stylesheets and catalogs. Listens on a socket given by systemd (LISTEN_FDS),
 * by spawn-fcgi (fd 0), or opened itself with --listen. */
#include "core/access_log.h"
#include "core/app.h"
#include "core/calendar.h"
#include "cache/page_cache.h"
#include "cache/page_copies.h"
#include "core/db.h"
#include "core/render.h"
#include "core/route.h"
#include "core/text.h"
#include "core/xml_arena.h"
#include <errno.h>
#include <stdbool.h>
#include <fcgiapp.h>
#include <getopt.h>
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct worker {
	const struct app *app;
	struct page_cache *cache; /* shared by the process's threads; NULL when disabled */
	struct access_log *log;   /* shared too; NULL when there is none */
	int listen_fd;
	int id;
	long long max_requests; /* 0: no limit; else the thread retires after this many */
};

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const char *fcgi_env(void *ctx, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)ctx)->envp);
}

static void log_request(struct access_log *log, const struct request *req, size_t bytes)
{
	if (log == NULL)
		return;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char when[32], line[1024];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* The path only: query strings can carry query codes, and bodies personal data. */
	int n = snprintf(line, sizeof line, "%s %s %s %.300s %d %zu %lldus\n", when,
	                 req->remote_addr ? req->remote_addr : "-", req->method ? req->method : "-",
	                 req->path ? req->path : "-", req->status, bytes, (long long)(now_us() - req->start_us));
	if (n > 0)
		access_log_add(log, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Where a request comes from and its answer goes: FastCGI streams, or CGI's environment,
 * standard input and output (--cgi, the process-per-request way the benchmark compares). */
struct io {
	const char *(*env)(void *ctx, const char *name);
	int (*read)(void *ctx, char *buf, int n);
	void (*write)(void *ctx, const char *data, size_t n);
	void *ctx;
};

static int fcgi_read(void *ctx, char *buf, int n)
{
	return FCGX_GetStr(buf, n, ((FCGX_Request *)ctx)->in);
}

static void fcgi_write(void *ctx, const char *data, size_t n)
{
	FCGX_PutStr(data, (int)n, ((FCGX_Request *)ctx)->out);
}

static const char *cgi_env(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static int cgi_read(void *ctx, char *buf, int n)
{
	(void)ctx;
	return (int)fread(buf, 1, (size_t)n, stdin);
}

static void cgi_write(void *ctx, const char *data, size_t n)
{
	(void)ctx;
	fwrite(data, 1, n, stdout);
}

/* libfcgi's own printf knows few conversions, so headers are formatted here and written whole. */
static void put_headers(const struct io *io, struct request *req, size_t body_len)
{
	struct buf h;
	buf_init(&h);
	buf_printf(&h, "Status: %d %s\r\n", req->status, http_reason(req->status));
	for (size_t i = 0; i < req->nheaders; i++)
		buf_printf(&h, "%s: %s\r\n", req->headers[i].name, req->headers[i].value);
	buf_printf(&h, "Content-Length: %zu\r\n"
	               "X-Content-Type-Options: nosniff\r\n"
	               "Referrer-Policy: same-origin\r\n"
	               "X-Frame-Options: SAMEORIGIN\r\n"
	               "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
	               "script-src 'self'; frame-ancestors 'self'; form-action 'self'\r\n\r\n",
	           body_len);
	io->write(io->ctx, h.data, h.len);
	buf_free(&h);
}

static void handle(const struct app *app, struct db *db, struct calendar **cal, struct page_cache *cache,
                   struct access_log *log, const struct io *io)
{
	struct request req;
	memset(&req, 0, sizeof req);
	req.start_us = now_us();
	req.pool = pool_new();
	req.app = app;
	req.db = db;
	req.calendar_slot = cal;
	req.cache = cache;
	req.env_ctx = io->ctx;
	req.getenv_fn = io->env;
	req.read_fn = io->read;
	buf_init(&req.out);
	req.today = today_local();
	req.method = request_env(&req, "REQUEST_METHOD");
	if (req.method == NULL)
		req.method = "GET";
	req.path = request_env(&req, "DOCUMENT_URI");
	if (req.path == NULL) {
		const char *uri = request_env(&req, "REQUEST_URI");
		if (uri != NULL) {
			const char *q = strchr(uri, '?');
			req.path = q ? pool_strndup(req.pool, uri, (size_t)(q - uri)) : uri;
		}
	}
	req.query_string = request_env(&req, "QUERY_STRING");
	req.remote_addr = request_env(&req, "REMOTE_ADDR");
	req.content_type = request_env(&req, "CONTENT_TYPE");
	req.user_agent = request_env(&req, "HTTP_USER_AGENT");
	req.https = request_env(&req, "HTTPS");
	parse_cookies(req.pool, request_env(&req, "HTTP_COOKIE"), &req.cookies);
	/* dispatch reads the body, within the limit of the route it finds. */
	dispatch(&req);
	if (!req.responded)
		respond_error(&req, XE_INTERNAL, NULL, NULL);

	bool head = strcmp(req.method, "HEAD") == 0;
	put_headers(io, &req, req.out.len);
	if (!head && req.out.len > 0)
		io->write(io->ctx, req.out.data, req.out.len);
	log_request(log, &req, req.out.len);
	buf_free(&req.out);
	pool_free(req.pool);
}

/* Ends a request. When its input was read to the end, the connection is closed at once: with
 * nothing unread, the close cannot become a reset that loses the answer. Otherwise libfcgi's
 * lingering close (shut down our side, then read until the server hangs up) lets the server
 * finish sending first. That close waits for nginx to hang up, a wake-up per request, and
 * cost about a tenth of the uncached pages a second. */
static void finish_request(FCGX_Request *fr)
{
	if (FCGX_GetChar(fr->in) == EOF && FCGX_GetError(fr->in) == 0)
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

static void *worker_thread(void *arg)
{
	struct worker *w = arg;
	mysql_thread_init();
	struct db *db = db_new(&w->app->cfg);
	struct calendar *cal = NULL;
	/* Up to 8 MB of libxml2 memory kept between requests; a request past 64 MB goes on with
	 * malloc (xml_arena.h). */
	struct xml_arena *arena = NULL;
	if (w->app->cfg.server.xml_arena)
		arena = xml_arena_new((size_t)8 << 20, (size_t)64 << 20);
	FCGX_Request fr;
	FCGX_InitRequest(&fr, w->listen_fd, 0);
	for (long long served = 0; w->max_requests == 0 || served < w->max_requests; served++) {
		if (FCGX_Accept_r(&fr) < 0)
			break;
		struct io io = {fcgi_env, fcgi_read, fcgi_write, &fr};
		if (arena != NULL)
			xml_arena_begin(arena);
		handle(w->app, db, &cal, w->cache, w->log, &io);
		if (arena != NULL)
			xml_arena_end(arena);
		finish_request(&fr);
	}
	FCGX_Free(&fr, 1);
	xml_arena_free(arena);
	calendar_free(cal);
	db_close(db);
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
	sigaddset(&set, SIGUSR1); /* run_worker: the threads have retired */
	return set;
}

struct housekeeper {
	struct access_log *log;
	atomic_bool retiring;
};

/* Writes the access log out once a second, and takes the process's TERM and INT (blocked in the
 * other threads), so the lines buffered are written before the process ends. Requests still
 * running end as they would with the default action. */
static void *housekeeping_thread(void *arg)
{
	struct housekeeper *h = arg;
	sigset_t set = worker_signals();
	const struct timespec second = {1, 0};
	for (;;) {
		int sig = sigtimedwait(&set, NULL, &second);
		access_log_flush(h->log);
		if (sig == SIGTERM || sig == SIGINT)
			_exit(0);
		if (atomic_load(&h->retiring))
			return NULL;
	}
}

/* Returns when every thread has retired (max_requests); the process then exits and the master
 * starts a fresh one. */
static void run_worker(const struct app *app, int listen_fd, int threads, long long max_requests)
{
	pthread_t tids[64], keeper;
	struct worker ws[64];
	struct page_cache *cache = NULL;
	if (app->cfg.cache.enabled)
		cache = page_cache_new((size_t)app->cfg.cache.max_mb << 20);
	/* 32 KB: a write every 400 or so requests at full load. */
	struct housekeeper h = {access_log_new(app->access_log_fd, (size_t)32 << 10), false};
	sigset_t set = worker_signals();
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* before the threads, which inherit the mask */
	if (pthread_create(&keeper, NULL, housekeeping_thread, &h) != 0) {
		perror("xxgk: pthread_create");
		exit(1);
	}
	for (int i = 0; i < threads; i++) {
		ws[i] = (struct worker){app, cache, h.log, listen_fd, i, max_requests};
		if (pthread_create(&tids[i], NULL, worker_thread, &ws[i]) != 0) {
			perror("xxgk: pthread_create");
			exit(1);
		}
	}
	for (int i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	atomic_store(&h.retiring, true);
	pthread_kill(keeper, SIGUSR1);
	pthread_join(keeper, NULL);
	access_log_free(h.log);
	page_cache_free(cache);
}

/* --cgi: one request from the environment and standard input, then exit. */
static int run_cgi(const struct app *app)
{
	struct db *db = db_new(&app->cfg);
	struct calendar *cal = NULL;
	struct io io = {cgi_env, cgi_read, cgi_write, NULL};
	struct access_log *log = access_log_new(app->access_log_fd, 0);
	handle(app, db, &cal, NULL, log, &io);
	access_log_free(log);
	fflush(stdout);
	calendar_free(cal);
	db_close(db);
	return 0;
}

/* The default threads a process: one per CPU this process may run on, so two processes keep
 * every CPU busy while threads wait for MariaDB. More only added switching: on 2 CPUs, 2 x 4
 * threads rendered 5-10% fewer uncached pages a second than 2 x 2, at a higher p99. */
static long long cpus_available(void)
{
	cpu_set_t set;
	long long n = 0;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : n;
}

static volatile sig_atomic_t stopping;
static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* The settings, checked in full before anything starts, then what they name. */
static bool configure(struct app *app, const char *path)
{
	struct buf errors;
	buf_init(&errors);
	bool ok = app_configure(app, path, &errors);
	settings_print_errors(stderr, "xxgk: ", &errors);
	buf_free(&errors);
	char err[512];
	if (ok && !app_init(app, err, sizeof err)) {
		fprintf(stderr, "xxgk: %s\n", err);
		ok = false;
	}
	if (!ok)
		app_free(app);
	return ok;
}

static int usage(FILE *f, int code)
{
	fputs("usage: xxgk.fcgi [-c CONFIG] [--listen ADDR] [--processes N] [--threads N]\n"
	      "  -c CONFIG      configuration file (default: $XXGK_CONFIG, ./var/xxgk.conf, /etc/xxgk/xxgk.conf)\n"
	      "  --listen ADDR  open the FastCGI socket: a path (unix socket) or HOST:PORT;\n"
	      "                 without it the socket comes from systemd (LISTEN_FDS) or spawn-fcgi (fd 0)\n"
	      "  --processes N  worker processes (default [server] processes, 2)\n"
	      "  --threads N    threads per process (default [server] threads, or one per CPU)\n"
	      "  --cgi          answer one request as a CGI program (environment, stdin, stdout) and exit\n",
	      f);
	return code;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL, *listen_addr = NULL;
	bool cgi = false;
	long long procs = -1, threads = -1;
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'}, {"listen", required_argument, NULL, 'l'},
		{"processes", required_argument, NULL, 'p'}, {"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'}, {"cgi", no_argument, NULL, 'g'}, {NULL, 0, NULL, 0}};
	xml_arena_install();
	int ch;
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': config_path = optarg; break;
		case 'l': listen_addr = optarg; break;
		case 'p':
			if (!parse_int(optarg, 1, 64, &procs))
				return usage(stderr, 2);
			break;
		case 't':
			if (!parse_int(optarg, 1, 64, &threads))
				return usage(stderr, 2);
			break;
		case 'h': return usage(stdout, 0);
		case 'g': cgi = true; break;
		default: return usage(stderr, 2);
		}
	}
	xmlInitParser();
	exsltRegisterAll();
	mysql_library_init(0, NULL, NULL);
	if (FCGX_Init() != 0) {
		fputs("xxgk: FCGX_Init failed\n", stderr);
		return 1;
	}
	struct app app;
	const char *path = config_locate(config_path);
	if (!configure(&app, path))
		return 1;
	if (cgi) {
		int rc = run_cgi(&app);
		app_free(&app);
		mysql_library_end();
		return rc;
	}
	if (procs < 0)
		procs = app.cfg.server.processes;
	if (threads < 0)
		threads = app.cfg.server.threads > 0 ? app.cfg.server.threads : cpus_available();
	long long max_requests = app.cfg.server.max_requests;

	int listen_fd = 0;
	const char *listen_fds = getenv("LISTEN_FDS");
	if (listen_addr != NULL) {
		bool unix_socket = strchr(listen_addr, ':') == NULL;
		if (unix_socket)
			unlink(listen_addr);
		listen_fd = FCGX_OpenSocket(listen_addr, 128);
		if (listen_fd < 0) {
			fprintf(stderr, "xxgk: cannot listen on %s\n", listen_addr);
			return 1;
		}
		if (unix_socket)
			chmod(listen_addr, 0666); /* the web server's workers run as another user */
	} else if (listen_fds != NULL && strcmp(listen_fds, "1") == 0) {
		listen_fd = 3; /* systemd socket activation */
	}
	fprintf(stderr, "xxgk: %lld processes x %lld threads, config %s\n", procs, threads, path);
	/* Stored page copies from before this start may come from other stylesheets, catalogs or
	 * settings: out of view and away before the first request. */
	if (app.copies_root != NULL)
		copies_clear(app.copies_root);

	/* The master only supervises: it replaces a worker that died, and stops them all on TERM. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	pid_t pids[64] = {0};
	for (;;) {
		for (int i = 0; i < procs && !stopping; i++) {
			if (pids[i] != 0)
				continue;
			pid_t pid = fork();
			if (pid == 0) {
				signal(SIGTERM, SIG_DFL);
				signal(SIGINT, SIG_DFL);
				run_worker(&app, listen_fd, (int)threads, max_requests);
				/* A normal exit, so that leak checkers see the worker's end. */
				app_free(&app);
				mysql_library_end();
				xsltCleanupGlobals();
				xmlCleanupParser();
				exit(0);
			}
			if (pid > 0)
				pids[i] = pid;
		}
		int status;
		pid_t dead = wait(&status);
		if (stopping)
			break;
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			sleep(1);
			continue;
		}
		for (int i = 0; i < procs; i++)
			if (pids[i] == dead) {
				pids[i] = 0;
				if (WIFSIGNALED(status))
					fprintf(stderr, "xxgk: worker %d died of signal %d; replacing it\n", (int)dead,
					        WTERMSIG(status));
				else if (WEXITSTATUS(status) != 0)
					fprintf(stderr, "xxgk: worker %d exited with status %d; replacing it\n", (int)dead,
					        WEXITSTATUS(status));
			}
		/* A worker that failed is replaced after a pause, so a persistent fault cannot spin. */
		if (WIFSIGNALED(status) || WEXITSTATUS(status) != 0)
			sleep(1);
	}
	for (int i = 0; i < procs; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(NULL) > 0)
		;
	app_free(&app);
	mysql_library_end();
	return 0;
}
