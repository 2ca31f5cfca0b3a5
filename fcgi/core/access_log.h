/* The access log of one process: its threads add whole lines to one buffer, written out when it
 * fills and when the process's housekeeping thread calls access_log_flush (once a second), as
 * nginx's `access_log ... buffer= flush=` does. A write per request cost a worker about 6% of its
 * CPU on an uncached page. Lines of several processes interleave whole (O_APPEND, whole lines
 * per write); a crash loses at most the last second's lines. */
#ifndef XXGK_ACCESS_LOG_H
#define XXGK_ACCESS_LOG_H
#include <stddef.h>

struct access_log;

/* NULL when fd < 0 (no log). buffer_bytes 0: every line written at once (CGI). fd stays the
 * caller's. */
struct access_log *access_log_new(int fd, size_t buffer_bytes);
void access_log_add(struct access_log *log, const char *line, size_t n);
void access_log_flush(struct access_log *log);
/* Flushes, then frees; NULL is fine. */
void access_log_free(struct access_log *log);

#endif
