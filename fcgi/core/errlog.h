/* The service's error log: start-up errors, a worker that died, the database going away and
 * coming back. One line a message, "2026-11-24T06:38:10+0800 [PID] xxgk: message", written to
 * standard error in one write, so that the lines of several processes never mix. Standard error
 * is the journal under systemd, or the file of [log] error (errlog_reopen), which the worker
 * processes inherit. */
#ifndef XXGK_ERRLOG_H
#define XXGK_ERRLOG_H
#include <stdbool.h>
#include <stddef.h>

void errlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Points standard error at the file path (appended to, created 0640): a file that logrotate has
 * renamed is left to its readers. False, standard error unchanged and a message in err when it
 * cannot be opened. */
bool errlog_reopen(const char *path, char *err, size_t errlen);

#endif
