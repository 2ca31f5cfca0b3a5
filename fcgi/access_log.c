#include "access_log.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct access_log {
	int fd;
	pthread_mutex_t lock; /* held while lines are added or written: lines never interleave */
	size_t len, cap;
	char data[];
};

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* a full disk loses log lines, never a request */
		p += w;
		n -= (size_t)w;
	}
}

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
	if (log->len + n > log->cap) {
		write_all(log->fd, log->data, log->len);
		log->len = 0;
	}
	if (n > log->cap) {
		write_all(log->fd, line, n);
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
	write_all(log->fd, log->data, log->len);
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
