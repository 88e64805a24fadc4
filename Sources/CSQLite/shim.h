#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: one wrapper per option used. */
static inline int canvass_checkpoint_on_close(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, (int *)0);
}

/* Reads bytes of the main database file through SQLite's own file handle. Opening and closing the file anew in this
   process would release every POSIX lock SQLite holds on it (a close drops all of a process's locks on a file). */
static inline int canvass_read_main(sqlite3 *db, void *buffer, int count, long long offset) {
    sqlite3_file *file = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods) return SQLITE_ERROR;
    return file->pMethods->xRead(file, buffer, count, offset);
}
