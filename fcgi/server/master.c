#include "server/master.h"
#include "core/db.h"
#include "core/errlog.h"
#include "server/worker.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* 64 workers of the running configuration, and as many of the one before during a reload. */
enum { MAX_WORKERS = 128 };

struct slot {
	pid_t pid;           /* 0: free */
	unsigned generation; /* of the configuration it runs */
	bool ready;          /* its threads run */
	bool stopping;       /* told to finish its requests and exit */
	int64_t kill_at;     /* stopping: when it is killed, in ms; INT64_MAX once it was */
};

struct master {
	struct app app; /* the running configuration */
	const struct master_options *o;
	pid_t pid;
	long long processes, threads;
	unsigned generation; /* moves on every reload */
	bool stopping, reloading;
	int64_t respawn_at;  /* after a worker failed: no new one before this */
	int signal_fd;       /* TERM, INT, HUP and CHLD, blocked and read from here */
	int ready_rd, ready_wr; /* a worker writes its pid once its threads run */
	struct db_status *db_status; /* shared with every worker */
	struct schema_gate *schema_gate; /* shared with every worker */
	struct slot slots[MAX_WORKERS];
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Points standard error at [log] error, or back at stderr_orig when it is unset. */
static bool point_error_log(const struct app *app, int stderr_orig)
{
	const char *path = app->cfg.log.error;
	char err[600];
	if (path != NULL && *path) {
		if (errlog_reopen(path, err, sizeof err))
			return true;
		errlog("%s", err);
		return false;
	}
	if (stderr_orig >= 0 && dup2(stderr_orig, STDERR_FILENO) < 0) {
		errlog("cannot return to the standard error: %s", strerror(errno));
		return false;
	}
	return true;
}

bool service_configure(struct app *app, const char *path, int stderr_orig)
{
	struct buf errors;
	buf_init(&errors);
	bool ok = app_configure(app, path, &errors);
	for (const char *line = buf_cstr(&errors); *line;) {
		size_t n = strcspn(line, "\n");
		errlog("%.*s", (int)n, line);
		line += n + (line[n] != '\0');
	}
	buf_free(&errors);
	/* The error log first: what compiling the stylesheets finds goes there. */
	ok = ok && point_error_log(app, stderr_orig);
	char err[512];
	if (ok && !app_init(app, err, sizeof err)) {
		errlog("%s", err);
		ok = false;
	}
	if (!ok)
		app_free(app);
	return ok;
}

/* The default threads a process: one per CPU this process may run on, so that two processes keep
 * every CPU busy while threads wait for MariaDB; more only added switching (README). */
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

static void size_pool(struct master *m)
{
	const struct settings *c = &m->app.cfg;
	m->processes = m->o->processes > 0 ? m->o->processes : c->server.processes;
	m->threads = m->o->threads > 0 ? m->o->threads : c->server.threads > 0 ? c->server.threads : cpus_available();
}

/* ---- a worker ---- */

static _Noreturn void run_child(struct master *m)
{
	/* The kernel sends TERM when the master dies, however it dies (kept pending by the blocked
	 * mask until the housekeeping thread takes it); a master that died before this call has
	 * already left the worker to init. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != m->pid)
		_exit(0);
	close(m->signal_fd);
	close(m->ready_rd);
	if (m->o->stderr_orig >= 0)
		close(m->o->stderr_orig);
	signal(SIGHUP, SIG_IGN); /* a reload is the master's */
	struct worker_options wo = {m->o->listen_fd, m->ready_wr, (int)m->threads, m->app.cfg.server.max_requests,
	                            m->db_status, m->schema_gate};
	worker_run(&m->app, &wo);
	/* A normal exit, so that leak checkers see the worker's end. */
	app_free(&m->app);
	mysql_library_end();
	xsltCleanupGlobals();
	xmlCleanupParser();
	exit(0);
}

static bool spawn(struct master *m, int64_t now)
{
	struct slot *s = NULL;
	for (int i = 0; i < MAX_WORKERS && s == NULL; i++)
		if (m->slots[i].pid == 0)
			s = &m->slots[i];
	if (s == NULL)
		return false;
	pid_t pid = fork();
	if (pid < 0) {
		errlog("cannot start a worker: %s", strerror(errno));
		m->respawn_at = now + 1000;
		return false;
	}
	if (pid == 0)
		run_child(m);
	*s = (struct slot){pid, m->generation, false, false, 0};
	return true;
}

static void tell_stop(struct master *m, struct slot *s, int64_t now)
{
	kill(s->pid, SIGTERM);
	s->stopping = true;
	s->kill_at = now + m->app.cfg.server.stop_grace * 1000;
}

static void kill_overdue(struct master *m, int64_t now)
{
	for (int i = 0; i < MAX_WORKERS; i++) {
		struct slot *s = &m->slots[i];
		if (s->pid != 0 && s->stopping && s->kill_at <= now) {
			kill(s->pid, SIGKILL);
			s->kill_at = INT64_MAX;
			errlog("worker %d did not finish its requests within %lld s: killed", (int)s->pid,
			       m->app.cfg.server.stop_grace);
		}
	}
}

/* ---- keeping the pool ---- */

struct census {
	int current;  /* workers of the running configuration, not stopping */
	int starting; /* of those, not ready yet */
	int old;      /* workers of an earlier configuration, not yet told to stop */
	int old_alive; /* workers of an earlier configuration, stopping or not */
};

static struct census count(const struct master *m)
{
	struct census c = {0, 0, 0, 0};
	for (int i = 0; i < MAX_WORKERS; i++) {
		const struct slot *s = &m->slots[i];
		if (s->pid == 0)
			continue;
		bool current = s->generation == m->generation;
		c.old_alive += !current;
		if (s->stopping)
			continue;
		c.current += current;
		c.starting += current && !s->ready;
		c.old += !current;
	}
	return c;
}

/* Starts what is missing and, after a reload, stops an old worker for each new one running: one
 * new worker at a time while old ones remain, so the pool never shrinks. */
static void supervise(struct master *m, int64_t now)
{
	kill_overdue(m, now);
	if (m->stopping)
		return;
	struct census c = count(m);
	while (c.current < m->processes && now >= m->respawn_at && (c.old == 0 || c.starting == 0) && spawn(m, now)) {
		c.current++;
		c.starting++;
	}
	int ready = c.current - c.starting;
	for (int i = 0; i < MAX_WORKERS && c.old > 0 && ready + c.old > m->processes; i++) {
		struct slot *s = &m->slots[i];
		if (s->pid != 0 && !s->stopping && s->generation != m->generation) {
			tell_stop(m, s, now);
			c.old--;
		}
	}
	if (m->reloading && c.old_alive == 0) {
		m->reloading = false;
		errlog("reload: done, %d workers run the new configuration", c.current);
	}
}

static void reap(struct master *m, int64_t now)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_WORKERS; i++) {
			struct slot *s = &m->slots[i];
			if (s->pid != pid)
				continue;
			if (!s->stopping && WIFSIGNALED(status)) {
				errlog("worker %d died of signal %d; replacing it", (int)pid, WTERMSIG(status));
				m->respawn_at = now + 1000;
			} else if (!s->stopping && WEXITSTATUS(status) != 0) {
				errlog("worker %d exited with status %d; replacing it", (int)pid, WEXITSTATUS(status));
				m->respawn_at = now + 1000;
			}
			*s = (struct slot){0, 0, false, false, 0};
		}
	}
}

/* ---- signals ---- */

static void begin_stop(struct master *m, int64_t now)
{
	if (m->stopping)
		return;
	m->stopping = true;
	int n = 0;
	for (int i = 0; i < MAX_WORKERS; i++) {
		struct slot *s = &m->slots[i];
		if (s->pid != 0 && !s->stopping) {
			tell_stop(m, s, now);
			n++;
		}
	}
	errlog("stopping: %d workers finish the requests they are answering (within %lld s)", n,
	       m->app.cfg.server.stop_grace);
}

static void reload(struct master *m)
{
	errlog("reload: reading %s", m->o->config_path);
	struct app next;
	if (!service_configure(&next, m->o->config_path, m->o->stderr_orig)) {
		point_error_log(&m->app, m->o->stderr_orig);
		errlog("reload: the running configuration stays");
		return;
	}
	app_free(&m->app);
	m->app = next;
	m->generation++;
	m->reloading = true;
	size_pool(m);
	errlog("reload: %lld processes x %lld threads; replacing the workers one by one", m->processes, m->threads);
}

static void take_signals(struct master *m, int64_t now)
{
	struct signalfd_siginfo si;
	while (read(m->signal_fd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			begin_stop(m, now);
		else if (si.ssi_signo == SIGHUP && !m->stopping)
			reload(m);
		/* SIGCHLD: reap() looks at every turn. */
	}
}

static void take_ready(struct master *m)
{
	pid_t pids[64];
	ssize_t n;
	while ((n = read(m->ready_rd, pids, sizeof pids)) > 0)
		for (size_t k = 0; k < (size_t)n / sizeof pids[0]; k++)
			for (int i = 0; i < MAX_WORKERS; i++)
				if (m->slots[i].pid == pids[k])
					m->slots[i].ready = true;
}

/* Until the next worker is to be killed or started; -1: until something happens. */
static int next_wake_ms(const struct master *m, int64_t now)
{
	int64_t at = m->respawn_at > now ? m->respawn_at : INT64_MAX;
	for (int i = 0; i < MAX_WORKERS; i++)
		if (m->slots[i].pid != 0 && m->slots[i].stopping && m->slots[i].kill_at < at)
			at = m->slots[i].kill_at;
	if (at == INT64_MAX)
		return -1;
	return at <= now ? 0 : at - now > 60000 ? 60000 : (int)(at - now);
}

static bool alive(const struct master *m)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (m->slots[i].pid != 0)
			return true;
	return false;
}

sigset_t master_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	return set;
}

static bool open_channels(struct master *m)
{
	sigset_t set = master_signals();
	sigprocmask(SIG_BLOCK, &set, NULL);
	m->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	int p[2] = {-1, -1};
	if (m->signal_fd < 0 || pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) {
		errlog("cannot start: %s", strerror(errno));
		return false;
	}
	m->ready_rd = p[0];
	m->ready_wr = p[1];
	m->db_status = mmap(NULL, sizeof *m->db_status, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m->db_status == MAP_FAILED) {
		errlog("cannot start: %s", strerror(errno));
		m->db_status = NULL;
		return false;
	}
	m->schema_gate = mmap(NULL, sizeof *m->schema_gate, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m->schema_gate == MAP_FAILED) {
		errlog("cannot start: %s", strerror(errno));
		m->schema_gate = NULL;
		return false;
	}
	return true;
}

static void close_channels(struct master *m)
{
	if (m->signal_fd >= 0)
		close(m->signal_fd);
	if (m->ready_rd >= 0)
		close(m->ready_rd);
	if (m->ready_wr >= 0)
		close(m->ready_wr);
	if (m->db_status != NULL)
		munmap(m->db_status, sizeof *m->db_status);
	if (m->schema_gate != NULL)
		munmap(m->schema_gate, sizeof *m->schema_gate);
}

int master_run(struct app *app, const struct master_options *o)
{
	struct master ms = {.app = *app, .o = o, .pid = getpid(), .signal_fd = -1, .ready_rd = -1, .ready_wr = -1};
	struct master *m = &ms;
	int rc = 1;
	if (!open_channels(m))
		goto out;
	size_pool(m);
	errlog("%lld processes x %lld threads, config %s", m->processes, m->threads, o->config_path);
	for (;;) {
		int64_t now = now_ms();
		reap(m, now);
		supervise(m, now);
		if (m->stopping && !alive(m))
			break;
		struct pollfd pf[2] = {{m->signal_fd, POLLIN, 0}, {m->ready_rd, POLLIN, 0}};
		if (poll(pf, 2, next_wake_ms(m, now)) < 0 && errno != EINTR) {
			errlog("poll: %s", strerror(errno));
			begin_stop(m, now);
		}
		now = now_ms();
		if (pf[0].revents & POLLIN)
			take_signals(m, now);
		if (pf[1].revents & POLLIN)
			take_ready(m);
	}
	errlog("stopped");
	rc = 0;
out:
	close_channels(m);
	app_free(&m->app);
	return rc;
}
