#include "core/access_log.h"
#include "core/fd_write.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct access_log {
	int fd;
	pthread_mutex_t lock; /* held while lines are added or written: lines never interleave */
	size_t len, cap;
	char data[];
};

struct access_log *access_log_new(int fd, size_t buffer_bytes)
{
	if (fd < 0)
		return NULL;
	struct access_log *log = malloc(sizeof *log + buffer_bytes);
	if (log == NULL)
		abort();
	log->fd = fd;
	log->len = 0;
	log->cap = buffer_bytes;
	pthread_mutex_init(&log->lock, NULL);
	return log;
}

void access_log_add(struct access_log *log, const char *line, size_t n)
{
	if (log == NULL)
		return;
	pthread_mutex_lock(&log->lock);
	/* A full disk loses log lines, never a request: the result is not looked at. */
	if (log->len + n > log->cap) {
		fd_write_all(log->fd, log->data, log->len);
		log->len = 0;
	}
	if (n > log->cap) {
		fd_write_all(log->fd, line, n);
	} else {
		memcpy(log->data + log->len, line, n);
		log->len += n;
	}
	pthread_mutex_unlock(&log->lock);
}

void access_log_flush(struct access_log *log)
{
	if (log == NULL)
		return;
	pthread_mutex_lock(&log->lock);
	fd_write_all(log->fd, log->data, log->len);
	log->len = 0;
	pthread_mutex_unlock(&log->lock);
}

void access_log_free(struct access_log *log)
{
	if (log == NULL)
		return;
	access_log_flush(log);
	pthread_mutex_destroy(&log->lock);
	free(log);
}
