#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: one wrapper per option used.
   Memory statistics take one process-wide mutex on every allocation, which two
   connections on two threads then queue on. Call before the first connection opens. */
static inline int referral_funnel_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
