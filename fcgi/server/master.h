/* The master process: it keeps [server] processes workers running on the FastCGI socket and
 * answers the service's signals, as a Debian daemon does.
 *   TERM, INT  stop: the workers take no more connections and finish the requests they are
 *              answering within [server] stop_grace seconds (then they are killed); the master
 *              exits when they are gone.
 *   HUP        reload: the configuration file is read again and checked in full (a bad one is
 *              logged and the running one stays), the error log and the access log are opened
 *              again by name (after logrotate has renamed them), and the workers are replaced
 *              one by one: a new worker is running before an old one is told to stop. The socket
 *              stays open throughout, so no request fails.
 * A worker that dies is replaced (after a second when it failed, so that a fault cannot spin).
 * Workers end when the master dies, however it dies. */
#ifndef XXGK_MASTER_H
#define XXGK_MASTER_H
#include "core/app.h"
#include <signal.h>
#include <stdbool.h>

struct master_options {
	const char *config_path;
	long long processes, threads; /* from the command line; -1: the configuration's */
	int listen_fd;
	int stderr_orig; /* standard error as the service was started with; -1: none */
};

/* TERM, INT, HUP and CHLD: blocked in the master, which reads them from a signalfd. */
sigset_t master_signals(void);
/* Reads and checks the configuration into app, points standard error at its [log] error (or
 * back at stderr_orig when it has none), then compiles what it names; every problem goes to the
 * error log. False when there was any (app is then freed). */
bool service_configure(struct app *app, const char *path, int stderr_orig);
/* Takes app (configured); returns the process's exit status once the service has stopped. */
int master_run(struct app *app, const struct master_options *o);

#endif
