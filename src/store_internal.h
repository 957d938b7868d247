/* What store.c and store_history.c share. Not for other modules. */
#ifndef OC_STORE_INTERNAL_H
#define OC_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct Store {
    sqlite3 *db;
    bool read_only;     /* read-only file, or made by a newer game */
    bool newer;         /* made by a newer game: never written */
    int interrupted;    /* sessions marked interrupted by store_open */
    int last_error;     /* sqlite's code for the last failure reported by store_fail_sql */
    int owner_fd;       /* flock on <path>.running: held shared while this store is open */
    char path[1024];
};

/* Runs SQL; on failure writes "what: sqlite's message" (full disk and busy said plainly). */
int store_exec(Store *s, const char *sql, const char *what, char *err, size_t errlen);
/* A message for a failed call on s->db: "what: reason". Always -1. */
int store_fail_sql(Store *s, const char *what, char *err, size_t errlen);
/* -1 with a message if writes are refused. */
int store_check_writable(Store *s, char *err, size_t errlen);
int store_begin(Store *s, const char *what, char *err, size_t errlen);
int store_commit(Store *s, const char *what, char *err, size_t errlen);
void store_rollback(Store *s);

#endif
