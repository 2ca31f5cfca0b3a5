/* Writing a whole buffer to a file descriptor, through short writes and interruptions. */
#ifndef XXGK_FD_WRITE_H
#define XXGK_FD_WRITE_H
#include <stdbool.h>
#include <stddef.h>

/* false on an error (errno tells) or when nothing more can be written. */
bool fd_write_all(int fd, const char *p, size_t n);

#endif
