
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
