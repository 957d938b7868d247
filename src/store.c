#define _POSIX_C_SOURCE 200809L
#include "store.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

struct Store {
    sqlite3 *db;
};

static const char *const schema =
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

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        oc_fail(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Open and make sure the schema is there and the file is sound. */
static sqlite3 *try_open(const char *path, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        oc_fail(err, errlen, "%s", db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt *st = NULL;
    bool sound = false;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *r = sqlite3_column_text(st, 0);
        sound = r && strcmp((const char *)r, "ok") == 0;
    }
    sqlite3_finalize(st);
    if (!sound) {
        oc_fail(err, errlen, "%s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    int version = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > STORE_SCHEMA_VERSION) {
        oc_fail(err, errlen, "made by a newer version of the game (schema %d, this one knows %d)", version,
                STORE_SCHEMA_VERSION);
        sqlite3_close(db);
        return NULL;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d;", STORE_SCHEMA_VERSION);
    if (exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", err, errlen) != 0 ||
        exec(db, "BEGIN IMMEDIATE;", err, errlen) != 0)
        goto fail;
    if (exec(db, schema, err, errlen) != 0 || exec(db, sql, err, errlen) != 0) {
        exec(db, "ROLLBACK;", NULL, 0);
        goto fail;
    }
    if (exec(db, "COMMIT;", err, errlen) == 0)
        return db;
fail:
    sqlite3_close(db);
    return NULL;
}

Store *store_open(const char *path, char *notice, size_t nlen)
{
    if (notice && nlen)
        notice[0] = '\0';
    char err[512];
    sqlite3 *db = try_open(path, err, sizeof err);
    if (!db && oc_file_exists(path)) {
        /* keep the damaged file for whoever wants to rescue it, then start afresh */
        char aside[1100];
        snprintf(aside, sizeof aside, "%s.corrupt", path);
        if (rename(path, aside) == 0) {
            char journal[1100];
            snprintf(journal, sizeof journal, "%s-journal", path);
            remove(journal);
            db = try_open(path, err, sizeof err);
            if (db)
                oc_fail(notice, nlen, "%s could not be read (%.200s); it was kept as %s and a new one started",
                        path, err, aside);
        }
    }
    if (!db) {
        oc_fail(notice, nlen, "%s: %s", path, err);
        return NULL;
    }
    Store *s = calloc(1, sizeof *s);
    if (!s) {
        sqlite3_close(db);
        oc_fail(notice, nlen, "out of memory");
        return NULL;
    }
    s->db = db;
    return s;
}

void store_close(Store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

static int clean_name(const char *in, char *out, char *err, size_t errlen)
{
    while (*in && isspace((unsigned char)*in))
        in++;
    size_t n = strlen(in);
    while (n > 0 && isspace((unsigned char)in[n - 1]))
        n--;
    if (n == 0)
        return oc_fail(err, errlen, "a name needs at least one letter");
    if (n >= STORE_NAME_MAX)
        return oc_fail(err, errlen, "a name may be at most %d bytes", STORE_NAME_MAX - 1);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)in[i] < 0x20)
            return oc_fail(err, errlen, "a name may not contain control characters");
    memcpy(out, in, n);
    out[n] = '\0';
    return 0;
}

static int name_write(Store *s, const char *sql, int64_t id, const char *name, int64_t *new_id, char *err,
                      size_t errlen)
{
    char clean[STORE_NAME_MAX];
    if (clean_name(name, clean, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return oc_fail(err, errlen, "%s", sqlite3_errmsg(s->db));
    sqlite3_bind_text(st, 1, clean, -1, SQLITE_TRANSIENT);
    if (id)
        sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT)
        return oc_fail(err, errlen, "there is already a student called %s", clean);
    if (rc != SQLITE_DONE)
        return oc_fail(err, errlen, "%s", sqlite3_errmsg(s->db));
    if (new_id)
        *new_id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_add_student(Store *s, const char *name, int64_t *id, char *err, size_t errlen)
{
    return name_write(s, "INSERT INTO students(name) VALUES (?1)", 0, name, id, err, errlen);
}

int store_rename_student(Store *s, int64_t id, const char *name, char *err, size_t errlen)
{
    return name_write(s, "UPDATE students SET name=?1 WHERE id=?2", id, name, NULL, err, errlen);
}

int store_students(Store *s, Student *out, int max)
{
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

int store_record_attempt(Store *s, int64_t student, const char *level_id, int earned, int total, int percent,
                         int stars, char *err, size_t errlen)
{
    if (percent < 0 || percent > 100 || stars < 0 || stars > 3 || earned < 0 || total < earned)
        return oc_fail(err, errlen, "score out of range (%d/%d, %d %%, %d stars)", earned, total, percent, stars);
    if (exec(s->db, "BEGIN IMMEDIATE;", err, errlen) != 0)
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
            oc_fail(err, errlen, "saving the score: %s", sqlite3_errmsg(s->db));
            exec(s->db, "ROLLBACK;", NULL, 0);
            return -1;
        }
    }
    return exec(s->db, "COMMIT;", err, errlen);
}

int store_best(Store *s, int64_t student, const char *level_id, BestScore *out)
{
    *out = (BestScore){.percent = -1};
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
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM academy_attempts WHERE student_id=?1", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, student);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}
