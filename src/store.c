/* Opening the database safely (see store.h for the rules), its schema and migrations, and the Academy's
 * students and scores. The session history is in store_history.c. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oc_util.h"
#include "store_internal.h"

#define KEY_MAX (STORE_NAME_MAX * 4)

/* Version 1: the students and Academy scores of the first release (tests/data/store has such a file). */
static const char *const schema_v1 =
    "CREATE TABLE IF NOT EXISTS students ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE IF NOT EXISTS academy_attempts ("
    "  id INTEGER PRIMARY KEY,"
    "  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,"
    "  level_id TEXT NOT NULL,"
    "  earned INTEGER NOT NULL, total INTEGER NOT NULL,"
    "  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),"
    "  stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 3),"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE IF NOT EXISTS academy_best ("
    "  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,"
    "  level_id TEXT NOT NULL,"
    "  percent INTEGER NOT NULL, stars INTEGER NOT NULL, attempts INTEGER NOT NULL,"
    "  PRIMARY KEY (student_id, level_id));";

/* Version 2: names compared by a normalised key; athletes and their Guided Sessions. */
static const char *const migrate_v2 =
    "ALTER TABLE students ADD COLUMN name_key TEXT;"
    "UPDATE students SET name_key = oc_name_key(name);"
    "CREATE INDEX students_name_key ON students(name_key);"
    "CREATE TABLE athletes ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX athletes_name_key ON athletes(name_key);"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,"
    "  protocol_id TEXT NOT NULL, protocol_name TEXT NOT NULL,"
    "  body_part TEXT NOT NULL,"
    "  load_percent REAL NOT NULL,"
    "  tightness REAL,"          /* NULL when unknown */
    "  pressure_mmhg REAL,"      /* NULL when unknown */
    "  started_unix INTEGER NOT NULL,"
    "  group_id INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','stopped','interrupted')),"
    "  ended_unix INTEGER,"
    "  wrap_time_s REAL);"
    "CREATE INDEX sessions_athlete ON sessions(athlete_id, started_unix);"
    "CREATE INDEX sessions_status ON sessions(status);"
    "CREATE TABLE sets ("
    "  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL CHECK (idx >= 1),"
    "  reps_planned INTEGER NOT NULL CHECK (reps_planned >= 0),"
    "  reps_done INTEGER NOT NULL CHECK (reps_done >= 0),"
    "  started_s REAL NOT NULL, duration_s REAL NOT NULL, wrap_time_s REAL NOT NULL,"
    "  PRIMARY KEY (session_id, idx));"
    "CREATE TABLE stops ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  reason TEXT NOT NULL,"
    "  at_unix INTEGER NOT NULL);"
    "CREATE INDEX stops_session ON stops(session_id);"
    "CREATE TABLE screening ("
    "  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  item_id TEXT NOT NULL,"
    "  answer INTEGER NOT NULL CHECK (answer IN (0,1)),"
    "  PRIMARY KEY (session_id, item_id));";

/* ---------------- shared helpers ---------------- */

static const char *reason_text(sqlite3 *db)
{
    switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_FULL: return "the disk is full";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the database is in use by another program";
    case SQLITE_READONLY: return "the database is read-only";
    default: return sqlite3_errmsg(db);
    }
}

int store_fail_sql(Store *s, const char *what, char *err, size_t errlen)
{
    s->last_error = sqlite3_errcode(s->db);
    return oc_fail(err, errlen, "%s: %s (%s)", what, reason_text(s->db), s->path);
}

int store_exec(Store *s, const char *sql, const char *what, char *err, size_t errlen)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sql(s, what, err, errlen);
    return 0;
}

int store_check_writable(Store *s, char *err, size_t errlen)
{
    if (!s)
        return oc_fail(err, errlen, "nothing can be saved: the database could not be opened");
    if (s->newer)
        return oc_fail(err, errlen, "%s was made by a newer version of the game; nothing is saved to it", s->path);
    if (s->read_only)
        return oc_fail(err, errlen, "%s is read-only; nothing can be saved", s->path);
    return 0;
}

int store_begin(Store *s, const char *what, char *err, size_t errlen)
{
    if (store_check_writable(s, err, errlen) != 0)
        return -1;
    return store_exec(s, "BEGIN IMMEDIATE;", what, err, errlen);
}

int store_commit(Store *s, const char *what, char *err, size_t errlen)
{
    if (sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
        store_fail_sql(s, what, err, errlen);
        store_rollback(s);
        return -1;
    }
    return 0;
}

void store_rollback(Store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
}

static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    char key[KEY_MAX];
    if (!name || oc_name_key((const char *)name, key, sizeof key) != 0) {
        /* not valid text for the key: fall back to the name itself, so nothing is refused or lost */
        if (name)
            sqlite3_result_text(ctx, (const char *)name, -1, SQLITE_TRANSIENT);
        else
            sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
}

static void sql_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    char key[KEY_MAX];
    if (!name || oc_name_sort_key((const char *)name, key, sizeof key) != 0)
        sqlite3_result_value(ctx, argv[0]);
    else
        sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
}

/* ---------------- opening ---------------- */

typedef enum OpenResult {
    OPEN_OK,
    OPEN_NOT_A_DATABASE, /* SQLite says: not a database, or malformed */
    OPEN_BUSY,
    OPEN_FULL,
    OPEN_FAILED,
} OpenResult;

static OpenResult classify_code(int code)
{
    switch (code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return OPEN_NOT_A_DATABASE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return OPEN_BUSY;
    case SQLITE_FULL: return OPEN_FULL;
    default: return OPEN_FAILED;
    }
}

static OpenResult classify(sqlite3 *db)
{
    return classify_code(sqlite3_errcode(db));
}

static int read_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* quick_check: SQLITE_OK and *sound. A report other than "ok" is SQLite saying the file is malformed. */
static int quick_check(sqlite3 *db, bool *sound)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
    *sound = false;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *r = sqlite3_column_text(st, 0);
            *sound = r && strcmp((const char *)r, "ok") == 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static sqlite3 *open_db(const char *path, int flags, int busy_ms)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, busy_ms);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", NULL, NULL, NULL);
    sqlite3_create_function(db, "oc_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_name_key, NULL,
                            NULL);
    sqlite3_create_function(db, "oc_sort_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_sort_key, NULL,
                            NULL);
    return db;
}

static int upgrade(Store *s, int version, char *err, size_t errlen)
{
    if (store_exec(s, "BEGIN IMMEDIATE;", "upgrading the database", err, errlen) != 0)
        return -1;
    /* Another game may have upgraded the file between our first look and this write lock. */
    if (read_int(s->db, "PRAGMA user_version", &version) != SQLITE_OK) {
        store_rollback(s);
        return oc_fail(err, errlen, "upgrading the database: %s", sqlite3_errmsg(s->db));
    }
    if (version >= STORE_SCHEMA_VERSION)
        return store_commit(s, "upgrading the database", err, errlen);
    int rc = 0;
    if (version < 1)
        rc = store_exec(s, schema_v1, "creating the database", err, errlen);
    if (rc == 0 && version < 2)
        rc = store_exec(s, migrate_v2, "upgrading the database to version 2", err, errlen);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d;", STORE_SCHEMA_VERSION);
    if (rc == 0)
        rc = store_exec(s, sql, "upgrading the database", err, errlen);
    if (rc != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, "upgrading the database", err, errlen);
}

/* Sessions left running by a program that was killed. Only when no other running game has this database
 * open (it would own those sessions): each open store holds a shared flock on <path>.running. */
static void mark_interrupted(Store *s, char *notice, size_t nlen)
{
    char lock[1100];
    snprintf(lock, sizeof lock, "%s.running", s->path);
    s->owner_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    bool alone = s->owner_fd >= 0 && flock(s->owner_fd, LOCK_EX | LOCK_NB) == 0;
    if (s->owner_fd < 0)
        alone = false;
    int running = 0;
    if (alone && read_int(s->db, "SELECT count(*) FROM sessions WHERE status='running'", &running) == SQLITE_OK &&
        running > 0) {
        char err[400];
        if (store_begin(s, "marking interrupted sessions", err, sizeof err) == 0 &&
            store_exec(s, "UPDATE sessions SET status='interrupted' WHERE status='running'",
                       "marking interrupted sessions", err, sizeof err) == 0 &&
            store_commit(s, "marking interrupted sessions", err, sizeof err) == 0)
            s->interrupted = running;
        else {
            store_rollback(s);
            oc_fail(notice, nlen, "%s", err);
        }
    }
    if (s->owner_fd >= 0)
        flock(s->owner_fd, LOCK_SH | LOCK_NB);
}

/* One try at opening path as a usable database. On OPEN_OK, s->db is set. */
static OpenResult try_open(Store *s, int busy_ms, char *why, size_t wlen)
{
    const char *path = s->path;
    sqlite3 *db = open_db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_ms);
    if (!db) /* e.g. a read-only folder with no file yet, or no permission at all */
        db = open_db(path, SQLITE_OPEN_READONLY, busy_ms);
    if (!db) {
        oc_fail(why, wlen, "cannot open it (%s)", strerror(errno));
        return OPEN_FAILED;
    }
    int version = 0;
    bool sound = false;
    if (read_int(db, "PRAGMA user_version", &version) != SQLITE_OK || quick_check(db, &sound) != SQLITE_OK) {
        OpenResult r = classify(db);
        oc_fail(why, wlen, "%s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return r;
    }
    if (!sound) {
        oc_fail(why, wlen, "SQLite's check found it damaged");
        sqlite3_close(db);
        return OPEN_NOT_A_DATABASE;
    }
    s->db = db;
    s->read_only = sqlite3_db_readonly(db, "main") == 1;
    if (version > STORE_SCHEMA_VERSION) {
        /* made by a newer game: reopen read-only so not one byte of it changes */
        sqlite3_close(db);
        s->db = open_db(path, SQLITE_OPEN_READONLY, busy_ms);
        if (!s->db) {
            oc_fail(why, wlen, "cannot open it read-only");
            return OPEN_FAILED;
        }
        s->read_only = true;
        s->newer = true;
        oc_fail(why, wlen, "made by a newer version of the game (format %d, this one knows %d)", version,
                STORE_SCHEMA_VERSION);
        return OPEN_OK;
    }
    if (version < STORE_SCHEMA_VERSION && !s->read_only && upgrade(s, version, why, wlen) != 0) {
        int code = s->last_error & 0xff;
        if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM) {
            s->read_only = true; /* e.g. a read-only folder: no journal can be made */
            why[0] = '\0';
            return OPEN_OK;
        }
        OpenResult r = classify_code(s->last_error);
        sqlite3_close(s->db);
        s->db = NULL;
        return r == OPEN_OK ? OPEN_FAILED : r;
    }
    return OPEN_OK;
}

/* Moves <path> (and its journal, which belongs to it) to a new numbered .corrupt-N name. */
static int set_aside(const char *path, char *aside, size_t cap, char *err, size_t errlen)
{
    char journal[1100];
    snprintf(journal, sizeof journal, "%s-journal", path);
    if (oc_set_aside(path, "corrupt", aside, cap, err, errlen) != 0)
        return -1;
    if (oc_file_exists(journal)) {
        char to[1200];
        snprintf(to, sizeof to, "%s-journal", aside);
        if (link(journal, to) != 0 || unlink(journal) != 0) {
            /* a new database beside an old hot journal could be "rolled back" with it: stop here */
            int e = errno;
            if (rename(aside, path) != 0)
                return oc_fail(err, errlen, "%s: cannot move its journal aside (%s); the file is now %s", path,
                               strerror(e), aside);
            return oc_fail(err, errlen, "%s: cannot move its journal aside (%s)", path, strerror(e));
        }
    }
    return 0;
}

Store *store_open_with(const char *path, const StoreOpenOptions *opt, char *notice, size_t nlen)
{
    char tmp[8];
    if (!notice || nlen == 0) {
        notice = tmp;
        nlen = sizeof tmp;
    }
    notice[0] = '\0';
    int busy_ms = opt && opt->busy_ms > 0 ? opt->busy_ms : STORE_BUSY_MS_DEFAULT;
    Store *s = calloc(1, sizeof *s);
    if (!s) {
        oc_fail(notice, nlen, "out of memory");
        return NULL;
    }
    s->owner_fd = -1;
    if (oc_strlcpy(s->path, path, sizeof s->path) >= sizeof s->path) {
        oc_fail(notice, nlen, "%.200s...: the database path is too long", path);
        free(s);
        return NULL;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        oc_fail(notice, nlen, "%s is not a regular file; nothing can be saved (it was left as it is)", path);
        free(s);
        return NULL;
    }
    char why[600] = "";
    OpenResult r = try_open(s, busy_ms, why, sizeof why);
    char aside[1100] = "";
    if (r == OPEN_NOT_A_DATABASE) {
        char err[600];
        if (set_aside(path, aside, sizeof aside, err, sizeof err) != 0) {
            oc_fail(notice, nlen, "%s is damaged (%s) and could not be set aside: %s; nothing can be saved", path,
                    why, err);
            free(s);
            return NULL;
        }
        char why2[600] = "";
        r = try_open(s, busy_ms, why2, sizeof why2);
        if (r == OPEN_OK)
            oc_fail(notice, nlen, "%s could not be read (%.200s); it is kept as %s and a new one was started", path,
                    why, aside);
        else
            oc_strlcpy(why, why2, sizeof why);
    }
    switch (r) {
    case OPEN_OK: break;
    case OPEN_BUSY:
        oc_fail(notice, nlen,
                "%s is in use by another program (waited %.1f s); nothing was changed and nothing can be saved "
                "until it is closed and the game restarted",
                path, busy_ms / 1000.0);
        break;
    case OPEN_FULL:
        oc_fail(notice, nlen, "%s: the disk is full; nothing was changed or moved, and nothing can be saved "
                "until space is freed", path);
        break;
    default:
        oc_fail(notice, nlen, "%s: %s; nothing can be saved%s%s", path, why, aside[0] ? "; the old file is kept as " : "",
                aside);
        break;
    }
    if (r != OPEN_OK) {
        free(s);
        return NULL;
    }
    if (s->newer)
        oc_fail(notice, nlen, "%s was %s; it is shown but left untouched, and nothing can be saved", path, why);
    else if (s->read_only && !notice[0])
        oc_fail(notice, nlen, "%s is read-only: scores and history are shown but nothing can be saved", path);
    if (!s->read_only) {
        char mark[600] = "";
        mark_interrupted(s, mark, sizeof mark);
        if (mark[0] && !notice[0])
            oc_strlcpy(notice, mark, nlen);
    }
    return s;
}

Store *store_open(const char *path, char *notice, size_t nlen)
{
    return store_open_with(path, NULL, notice, nlen);
}

void store_close(Store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    if (s->owner_fd >= 0)
        close(s->owner_fd); /* drops the flock */
    free(s);
}

bool store_read_only(const Store *s)
{
    return !s || s->read_only;
}

int store_interrupted_on_open(const Store *s)
{
    return s ? s->interrupted : 0;
}

/* ---------------- students ---------------- */

static int name_write(Store *s, int64_t id, const char *name, int64_t *new_id, char *err, size_t errlen)
{
    char clean[STORE_NAME_MAX], key[KEY_MAX];
    if (oc_name_clean(name, clean, sizeof clean, err, errlen) != 0)
        return -1;
    if (oc_name_key(clean, key, sizeof key) != 0)
        return oc_fail(err, errlen, "out of memory");
    if (store_begin(s, "saving the student", err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT name FROM students WHERE (name_key=?1 OR name=?2) AND id<>?3", -1, &st,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, clean, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        oc_fail(err, errlen, "there is already a student called %s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        store_rollback(s);
        return -1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "saving the student", err, errlen);
        store_rollback(s);
        return -1;
    }
    const char *sql = id ? "UPDATE students SET name=?1, name_key=?2 WHERE id=?3"
                         : "INSERT INTO students(name, name_key) VALUES (?1, ?2)";
    rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, clean, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
        if (id)
            sqlite3_bind_int64(st, 3, id);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            oc_fail(err, errlen, "there is already a student called %s", clean);
        else
            store_fail_sql(s, "saving the student", err, errlen);
        store_rollback(s);
        return -1;
    }
    if (new_id)
        *new_id = sqlite3_last_insert_rowid(s->db);
    return store_commit(s, "saving the student", err, errlen);
}

int store_add_student(Store *s, const char *name, int64_t *id, char *err, size_t errlen)
{
    return name_write(s, 0, name, id, err, errlen);
}

int store_rename_student(Store *s, int64_t id, const char *name, char *err, size_t errlen)
{
    if (id <= 0)
        return oc_fail(err, errlen, "no such student");
    return name_write(s, id, name, NULL, err, errlen);
}

int store_students(Store *s, Student *out, int max)
{
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT id, name FROM students ORDER BY id", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        out[n].id = sqlite3_column_int64(st, 0);
        const unsigned char *name = sqlite3_column_text(st, 1);
        oc_strlcpy(out[n].name, name ? (const char *)name : "?", sizeof out[n].name);
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

int store_student_count(Store *s)
{
    int n = -1;
    if (!s || read_int(s->db, "SELECT count(*) FROM students", &n) != SQLITE_OK)
        return -1;
    return n;
}

int store_record_attempt(Store *s, int64_t student, const char *level_id, int earned, int total, int percent,
                         int stars, char *err, size_t errlen)
{
    if (percent < 0 || percent > 100 || stars < 0 || stars > 3 || earned < 0 || total < earned)
        return oc_fail(err, errlen, "score out of range (%d/%d, %d %%, %d stars)", earned, total, percent, stars);
    if (store_begin(s, "saving the score", err, errlen) != 0)
        return -1;
    static const char *const sql[2] = {
        "INSERT INTO academy_attempts(student_id, level_id, earned, total, percent, stars)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        "INSERT INTO academy_best(student_id, level_id, percent, stars, attempts) VALUES (?1, ?2, ?5, ?6, 1)"
        " ON CONFLICT(student_id, level_id) DO UPDATE SET percent=max(percent, excluded.percent),"
        " stars=max(stars, excluded.stars), attempts=attempts+1",
    };
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, student);
            sqlite3_bind_text(st, 2, level_id, -1, SQLITE_TRANSIENT);
            if (i == 0) {
                sqlite3_bind_int(st, 3, earned);
                sqlite3_bind_int(st, 4, total);
            }
            sqlite3_bind_int(st, 5, percent);
            sqlite3_bind_int(st, 6, stars);
            rc = sqlite3_step(st);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            store_fail_sql(s, "saving the score", err, errlen);
            store_rollback(s);
            return -1;
        }
    }
    return store_commit(s, "saving the score", err, errlen);
}

int store_best(Store *s, int64_t student, const char *level_id, BestScore *out)
{
    *out = (BestScore){.percent = -1};
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT percent, stars, attempts FROM academy_best WHERE student_id=?1 AND level_id=?2",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, student);
    sqlite3_bind_text(st, 2, level_id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->percent = sqlite3_column_int(st, 0);
        out->stars = sqlite3_column_int(st, 1);
        out->attempts = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_attempt_count(Store *s, int64_t student)
{
    if (!s)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM academy_attempts WHERE student_id=?1", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, student);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}
