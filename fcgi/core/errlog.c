#include "core/errlog.h"
#include "core/fd_write.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void errlog(const char *fmt, ...)
{
	char line[2048];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	size_t n = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S%z", &tm);
	int k = snprintf(line + n, sizeof line - n, " [%d] xxgk: ", (int)getpid());
	if (k > 0)
		n += (size_t)k;
	va_list ap;
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof line - n, fmt, ap);
	va_end(ap);
	if (k > 0)
		n += (size_t)k;
	if (n > sizeof line - 2)
		n = sizeof line - 2; /* cut, and still a whole line */
	line[n++] = '\n';
	fd_write_all(STDERR_FILENO, line, n);
}

bool errlog_reopen(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the error log %s: %s", path, strerror(errno));
		return false;
	}
	/* dup2 gives standard error its new file in one step, and its copy is inherited by the
	 * workers forked afterwards (close-on-exec is not copied). */
	bool ok = fd == STDERR_FILENO ? fcntl(fd, F_SETFD, 0) == 0 : dup2(fd, STDERR_FILENO) == STDERR_FILENO;
	if (!ok)
		snprintf(err, errlen, "cannot use the error log %s: %s", path, strerror(errno));
	if (fd != STDERR_FILENO)
		close(fd);
	return ok;
}
