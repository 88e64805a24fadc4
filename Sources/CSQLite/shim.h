#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: one wrapper per option used. */
static inline int canvass_checkpoint_on_close(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, (int *)0);
}
