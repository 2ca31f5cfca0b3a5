/* xxgk.fcgi: the FastCGI responder. A master process (master.h) keeps worker processes (worker.h)
 * running on a socket given by systemd (LISTEN_FDS), by spawn-fcgi (fd 0), or opened itself with
 * --listen; each request is answered as serve.h says. --cgi answers one request as a CGI
 * program (the process-per-request way the benchmark compares). */
#include "cache/page_copies.h"
#include "core/errlog.h"
#include "core/text.h"
#include "core/version.h"
#include "core/xml_arena.h"
#include "server/master.h"
#include "server/serve.h"
#include <fcgiapp.h>
#include <fcntl.h>
#include <getopt.h>
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* --cgi: one request from the environment and standard input, then exit. */
static int run_cgi(const struct app *app)
{
	struct server_thread t = {app, db_new(&app->cfg), NULL, NULL, access_log_new(app->access_log_fd, 0), NULL, NULL};
	db_set_keyring(t.db, &app->keys);
	struct io io = io_cgi();
	serve_request(&t, &io);
	access_log_free(t.log);
	fflush(stdout);
	calendar_free(t.calendar);
	db_close(t.db);
	return 0;
}

/* systemd's socket activation: one socket, fd 3, meant for this process. */
static bool systemd_socket(void)
{
	const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	long long p;
	return fds != NULL && strcmp(fds, "1") == 0 && (pid == NULL || (parse_int(pid, 1, 1LL << 31, &p) && p == getpid()));
}

/* The FastCGI socket, made non-blocking: the workers wait for it with epoll, and a connection
 * another worker took first must leave them waiting again rather than blocked in accept. -1 and a
 * message when there is none. */
static int open_socket(const char *listen_addr)
{
	int fd = 0;
	if (listen_addr != NULL) {
		bool unix_socket = strchr(listen_addr, ':') == NULL;
		if (unix_socket)
			unlink(listen_addr);
		fd = FCGX_OpenSocket(listen_addr, 128);
		if (fd < 0) {
			errlog("cannot listen on %s", listen_addr);
			return -1;
		}
		if (unix_socket)
			chmod(listen_addr, 0666); /* the web server's workers run as another user */
	} else if (systemd_socket()) {
		fd = 3;
	}
	int listening = 0;
	socklen_t len = sizeof listening;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) {
		errlog("fd %d is not a listening socket: start xxgk.fcgi from systemd's xxgk.socket or spawn-fcgi, "
		       "or give --listen",
		       fd);
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		errlog("cannot make the socket non-blocking");
		return -1;
	}
	return fd;
}

static int usage(FILE *f, int code)
{
	fputs("usage: xxgk.fcgi [-c CONFIG] [--listen ADDR] [--processes N] [--threads N]\n"
	      "  -c CONFIG      configuration file (default: $XXGK_CONFIG, ./var/xxgk.conf, /etc/xxgk/xxgk.conf)\n"
	      "  --listen ADDR  open the FastCGI socket: a path (unix socket) or HOST:PORT;\n"
	      "                 without it the socket comes from systemd (LISTEN_FDS) or spawn-fcgi (fd 0)\n"
	      "  --processes N  worker processes (default [server] processes, 2)\n"
	      "  --threads N    threads per process (default [server] threads, or one per CPU)\n"
	      "  --cgi          answer one request as a CGI program (environment, stdin, stdout) and exit\n"
	      "  --version      print the version and the database schema it needs, and exit\n"
	      "Signals: TERM stops after the requests being answered; HUP reads the configuration again,\n"
	      "reopens the logs and replaces the workers one by one.\n",
	      f);
	return code;
}

struct options {
	const char *config_path, *listen_addr;
	long long processes, threads; /* -1: the configuration's */
	bool cgi;
};

/* -1 when the program is to go on, else its exit status. */
static int read_options(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'}, {"listen", required_argument, NULL, 'l'},
		{"processes", required_argument, NULL, 'p'}, {"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'}, {"cgi", no_argument, NULL, 'g'}, {"version", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0}};
	*o = (struct options){NULL, NULL, -1, -1, false};
	int ch;
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': o->config_path = optarg; break;
		case 'l': o->listen_addr = optarg; break;
		case 'p':
			if (!parse_int(optarg, 1, 64, &o->processes))
				return usage(stderr, 2);
			break;
		case 't':
			if (!parse_int(optarg, 1, 64, &o->threads))
				return usage(stderr, 2);
			break;
		case 'h': return usage(stdout, 0);
		case 'g': o->cgi = true; break;
		case 'v': printf("xxgk.fcgi %s (schema %d)\n", xxgk_version(), xxgk_schema_version()); return 0;
		default: return usage(stderr, 2);
		}
	}
	return -1;
}

/* The service once configured: the socket, then the master until it stops. */
static int run_service(struct app *app, const struct options *opt, const char *path, int stderr_orig)
{
	int listen_fd = open_socket(opt->listen_addr);
	if (listen_fd < 0) {
		app_free(app);
		return 1;
	}
	/* Stored page copies from before this start may come from other stylesheets, catalogs or
	 * settings: out of view and away before the first request. */
	if (app->copies_root != NULL)
		copies_clear(app->copies_root);
	signal(SIGPIPE, SIG_IGN);
	struct master_options mo = {path, opt->processes, opt->threads, listen_fd, stderr_orig};
	return master_run(app, &mo);
}

int main(int argc, char **argv)
{
	clock_beijing();
	struct options opt;
	int rc = read_options(argc, argv, &opt);
	if (rc >= 0)
		return rc;
	/* The service's signals wait from the first instruction until the master reads them: a TERM
	 * or HUP sent while the configuration is still being read is neither lost (libfcgi would
	 * take TERM for itself) nor fatal. */
	sigset_t signals = master_signals();
	if (!opt.cgi)
		sigprocmask(SIG_BLOCK, &signals, NULL);
	xml_arena_install();
	xmlInitParser();
	exsltRegisterAll();
	mysql_library_init(0, NULL, NULL);
	if (FCGX_Init() != 0) {
		errlog("FCGX_Init failed");
		return 1;
	}
	/* Standard error as started (the journal, or a file), for a reload that unsets [log] error. */
	int stderr_orig = opt.cgi ? -1 : fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	struct app app;
	const char *path = config_locate(opt.config_path);
	if (!service_configure(&app, path, stderr_orig)) {
		rc = 1;
	} else if (opt.cgi) {
		rc = run_cgi(&app);
		app_free(&app);
	} else {
		rc = run_service(&app, &opt, path, stderr_orig);
	}
	if (stderr_orig >= 0)
		close(stderr_orig);
	mysql_library_end();
	return rc;
}
