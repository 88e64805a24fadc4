#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): a folder of outputs is replaced whole, never
   half. Returns 0, or -1 with errno set (ENOSYS or EINVAL where the file system cannot). */
static inline int canvass_exchange_paths(const char *a, const char *b) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

/* The process holding a POSIX write lock on byte `offset` of `path`, or 0 when none does (or it cannot be told).
   SQLite's WAL write lock is byte 120 of the -shm file. */
static inline int canvass_lock_holder(const char *path, long offset) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct flock lock = {0};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = offset;
    lock.l_len = 1;
    int pid = 0;
    if (fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK) pid = (int)lock.l_pid;
    close(fd);
    return pid;
}
