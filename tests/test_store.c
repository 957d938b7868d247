/* The SQLite store: students, attempts, best scores, a damaged file, transactions. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "oc_util.h"
#include "store.h"
#include "store_fixture.h"
#include "unprivileged.h"

static void students_and_best_scores_persist(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    int64_t ana, ben;
    assert_int_equal(store_add_student(s, "  Ana  ", &ana, err, sizeof err), 0);
    assert_int_equal(store_add_student(s, "Ben", &ben, err, sizeof err), 0);
    assert_int_equal(store_add_student(s, "ana", NULL, err, sizeof err), -1); /* names are unique, any case */
    assert_non_null(strstr(err, "already"));
    assert_int_equal(store_add_student(s, "   ", NULL, err, sizeof err), -1);
    assert_int_equal(store_add_student(s, "a name that is far too long to fit on the card", NULL, err, sizeof err),
                     -1);

    BestScore b;
    assert_int_equal(store_best(s, ana, "how-tight", &b), 0);
    assert_int_equal(b.percent, -1);
    assert_int_equal(b.stars, 0);
    assert_int_equal(store_record_attempt(s, ana, "how-tight", 5, 8, 62, 1, err, sizeof err), 0);
    assert_int_equal(store_record_attempt(s, ana, "how-tight", 8, 8, 100, 3, err, sizeof err), 0);
    assert_int_equal(store_record_attempt(s, ana, "how-tight", 2, 8, 25, 0, err, sizeof err), 0);
    assert_int_equal(store_record_attempt(s, ben, "how-tight", 6, 8, 75, 1, err, sizeof err), 0);
    /* out-of-range scores are refused before they reach the file */
    assert_int_equal(store_record_attempt(s, ben, "how-tight", 9, 8, 112, 4, err, sizeof err), -1);
    store_close(s);

    s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    Student list[8];
    assert_int_equal(store_students(s, list, 8), 2);
    assert_string_equal(list[0].name, "Ana");
    assert_string_equal(list[1].name, "Ben");
    assert_int_equal(store_best(s, ana, "how-tight", &b), 0);
    assert_int_equal(b.percent, 100); /* a worse later attempt does not lower the best */
    assert_int_equal(b.stars, 3);
    assert_int_equal(b.attempts, 3);
    assert_int_equal(store_best(s, ben, "how-tight", &b), 0);
    assert_int_equal(b.percent, 75);
    assert_int_equal(b.attempts, 1);
    assert_int_equal(store_attempt_count(s, ana), 3);
    assert_int_equal(store_rename_student(s, ben, "Benjamin", err, sizeof err), 0);
    assert_int_equal(store_students(s, list, 8), 2);
    assert_string_equal(list[1].name, "Benjamin");
    store_close(s);
}

static void damaged_file_is_kept_aside(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    const char junk[] = "this is not a database, it is a shopping list: eggs, milk, bands\n";
    assert_int_equal(oc_write_file_atomic(f->path, junk, sizeof junk - 1, err, sizeof err), 0);
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_non_null(strstr(msg, ".corrupt"));
    assert_non_null(strstr(msg, f->path));
    int64_t id;
    assert_int_equal(store_add_student(s, "Cleo", &id, err, sizeof err), 0);
    store_close(s);
    char aside[256];
    snprintf(aside, sizeof aside, "%s.corrupt-1", f->path);
    size_t len;
    char *kept = oc_read_file(aside, &len, err, sizeof err);
    assert_non_null(kept);
    assert_memory_equal(kept, junk, sizeof junk - 1); /* nothing the user had is thrown away */
    free(kept);
    /* a second damaged file gets a new number: the first copy is never overwritten */
    const char junk2[] = "a second, different shopping list\n";
    store_close(store_open(f->path, msg, sizeof msg)); /* the new database is sound: stays */
    assert_int_equal(oc_write_file_atomic(f->path, junk2, sizeof junk2 - 1, err, sizeof err), 0);
    s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_non_null(strstr(msg, ".corrupt-2"));
    store_close(s);
    kept = oc_read_file(aside, &len, err, sizeof err);
    assert_non_null(kept);
    assert_memory_equal(kept, junk, sizeof junk - 1);
    free(kept);
    snprintf(aside, sizeof aside, "%s.corrupt-2", f->path);
    kept = oc_read_file(aside, &len, err, sizeof err);
    assert_non_null(kept);
    assert_memory_equal(kept, junk2, sizeof junk2 - 1);
    free(kept);
}

/* A writer that dies between the two statements of an attempt leaves neither behind: the attempt log and
 * the best score never disagree. Simulated by a trigger that fails the second statement. */
static void attempt_is_all_or_nothing(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    int64_t id;
    assert_int_equal(store_add_student(s, "Dee", &id, err, sizeof err), 0);
    store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TRIGGER fail_best BEFORE INSERT ON academy_best "
                                  "BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    s = store_open(f->path, msg, sizeof msg);
    assert_int_equal(store_record_attempt(s, id, "the-workout", 8, 8, 100, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "simulated crash"));
    assert_int_equal(store_attempt_count(s, id), 0); /* the first statement was rolled back too */
    BestScore b;
    assert_int_equal(store_best(s, id, "the-workout", &b), 0);
    assert_int_equal(b.percent, -1);
    store_close(s);
}

static void newer_schema_is_not_overwritten(void **state)
{
    StoreFixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE future(x); INSERT INTO future VALUES (42); PRAGMA user_version=99;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    size_t len0 = 0, len1 = 0;
    char err[300];
    char *before = oc_read_file(f->path, &len0, err, sizeof err);
    char msg[600];
    Store *s = store_open(f->path, msg, sizeof msg);
    /* opened read-only, kept exactly as it is, and the game says it cannot save */
    assert_non_null(s);
    assert_non_null(strstr(msg, "newer version"));
    assert_non_null(strstr(msg, "nothing can be saved"));
    assert_true(store_read_only(s));
    assert_int_equal(store_add_student(s, "Eve", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "newer version"));
    store_close(s);
    char *after = oc_read_file(f->path, &len1, err, sizeof err);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(before);
    free(after);
    char aside[256];
    snprintf(aside, sizeof aside, "%s.corrupt-1", f->path);
    assert_false(oc_file_exists(aside));
}


/* ---- the cases of issue 13 where a healthy database used to be moved aside ---- */

#ifndef OC_SOURCE_DIR
#define OC_SOURCE_DIR "."
#endif
#define FIXTURE_V1 OC_SOURCE_DIR "/tests/data/store/v1-main-2026-11-25.sqlite3"

static void copy_fixture(const char *to)
{
    char err[300];
    size_t len = 0;
    char *bytes = oc_read_file(FIXTURE_V1, &len, err, sizeof err);
    assert_non_null(bytes);
    assert_int_equal(oc_write_file_atomic(to, bytes, len, err, sizeof err), 0);
    free(bytes);
}

static char *slurp(const char *path, size_t *len)
{
    char err[300];
    char *t = oc_read_file(path, len, err, sizeof err);
    assert_non_null(t);
    return t;
}

/* Nothing beside the database: no .corrupt copy, and the journal (if any) where it was. */
static void assert_nothing_set_aside(const StoreFixture *f)
{
    char aside[256];
    snprintf(aside, sizeof aside, "%s.corrupt-1", f->path);
    assert_false(oc_file_exists(aside));
}

static int count_students(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    int n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM students", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

/* Two games started at once on an old database (a trainer double-clicks): each sees format 1 before either
 * upgrades. The one that gets the write lock second must find the work done, not run it again. */
static int open_old_database(int game, void *ctx)
{
    const StoreFixture *f = ctx;
    char msg[600] = "";
    Store *s = store_open(f->path, msg, sizeof msg);
    int ok = s && msg[0] == '\0' && store_student_count(s) == 4;
    if (!ok)
        fprintf(stderr, "game %d: %s\n", game, msg);
    store_close(s);
    return ok ? 0 : -1;
}

static void games_started_together_upgrade_once(void **state)
{
    StoreFixture *f = *state;
    for (int round = 0; round < 12; round++) {
        copy_fixture(f->path);
        assert_int_equal(store_fixture_games(6, open_old_database, f), 0);
        assert_nothing_set_aside(f);
        assert_int_equal(count_students(f->path), 4);
    }
}

static const StoreOpenOptions quick = {.busy_ms = 200};

static void reader_elsewhere_is_waited_for_not_moved(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    store_close(store_open(f->path, msg, sizeof msg)); /* a current database */
    sqlite3 *cli;
    assert_int_equal(sqlite3_open(f->path, &cli), SQLITE_OK);
    /* another program (the sqlite3 shell is enough) holds a read transaction */
    assert_int_equal(sqlite3_exec(cli, "BEGIN; SELECT count(*) FROM students;", NULL, NULL, NULL), SQLITE_OK);
    Store *s = store_open_with(f->path, &quick, msg, sizeof msg);
    assert_non_null(s); /* reading is fine while another reads */
    assert_string_equal(msg, "");
    assert_int_equal(store_add_student(s, "Gus", NULL, err, sizeof err), -1); /* waited, then reported */
    assert_non_null(strstr(err, "in use by another program"));
    assert_int_equal(sqlite3_exec(cli, "COMMIT;", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_add_student(s, "Gus", NULL, err, sizeof err), 0); /* and works once it is free */
    store_close(s);
    sqlite3_close(cli);
    assert_nothing_set_aside(f);
    assert_int_equal(count_students(f->path), 1);
}

static void writer_elsewhere_keeps_its_journal_and_commits(void **state)
{
    StoreFixture *f = *state;
    char msg[600];
    copy_fixture(f->path);
    store_close(store_open(f->path, msg, sizeof msg)); /* upgraded once */
    sqlite3 *cli;
    assert_int_equal(sqlite3_open(f->path, &cli), SQLITE_OK);
    sqlite3_busy_timeout(cli, 5000);
    /* another program is half-way through a write: it holds the lock and has a live journal */
    assert_int_equal(sqlite3_exec(cli, "PRAGMA cache_size=1; BEGIN IMMEDIATE;"
                                       " INSERT INTO students(name, name_key) VALUES ('Hal', 'hal');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char journal[200];
    snprintf(journal, sizeof journal, "%s-journal", f->path);
    assert_true(oc_file_exists(journal));
    Store *s = store_open_with(f->path, &quick, msg, sizeof msg);
    assert_non_null(s);
    Student list[8];
    assert_int_equal(store_students(s, list, 8), 4); /* reads what is committed */
    store_close(s);
    assert_true(oc_file_exists(journal));                                   /* its journal untouched */
    assert_int_equal(sqlite3_exec(cli, "COMMIT;", NULL, NULL, NULL), SQLITE_OK); /* and its COMMIT works */
    sqlite3_close(cli);
    assert_nothing_set_aside(f);
    assert_int_equal(count_students(f->path), 5);

    /* an exclusive lock: the open waits, then says so and changes nothing */
    assert_int_equal(sqlite3_open(f->path, &cli), SQLITE_OK);
    assert_int_equal(sqlite3_exec(cli, "BEGIN EXCLUSIVE; INSERT INTO students(name, name_key) VALUES ('Ivy','ivy');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    s = store_open_with(f->path, &quick, msg, sizeof msg);
    assert_null(s);
    assert_non_null(strstr(msg, "in use by another program"));
    assert_non_null(strstr(msg, "nothing was changed"));
    assert_true(oc_file_exists(journal));
    assert_int_equal(sqlite3_exec(cli, "COMMIT;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(cli);
    assert_nothing_set_aside(f);
    assert_int_equal(count_students(f->path), 6);
}

static int open_read_only_file(const char *path)
{
    char msg[600], err[300];
    Store *s = store_open(path, msg, sizeof msg);
    if (!s)
        return 1;
    if (!store_read_only(s) || !strstr(msg, "read-only"))
        return 2;
    Student list[8];
    if (store_students(s, list, 8) != 4) /* the scores are still shown */
        return 3;
    if (store_add_student(s, "Jo", NULL, err, sizeof err) != -1 || !strstr(err, "read-only"))
        return 4;
    store_close(s);
    return 0;
}

static void read_only_file_opens_read_only(void **state)
{
    StoreFixture *f = *state;
    char msg[600];
    copy_fixture(f->path);
    store_close(store_open(f->path, msg, sizeof msg));
    size_t len0, len1;
    char *before = slurp(f->path, &len0);
    assert_int_equal(chmod(f->dir, 0755), 0);
    assert_int_equal(chmod(f->path, 0444), 0);
    assert_int_equal(unprivileged_run(open_read_only_file, f->path), 0);
    chmod(f->path, 0644);
    char *after = slurp(f->path, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(before);
    free(after);
    assert_nothing_set_aside(f);
}

/* ---- a full disk, simulated by a VFS that wraps the default one and fails writes with SQLITE_FULL (as
 * the unix VFS does on ENOSPC) once a byte budget is spent. In process, no mount needed. ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;
static long long full_budget = -1; /* bytes that may still be written; -1 = no limit */

typedef struct FullFile {
    sqlite3_file base;
    sqlite3_file *real;
} FullFile;

#define REAL(f) (((FullFile *)(f))->real)
static int ff_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int ff_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int ff_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    if (full_budget >= 0) {
        if (n > full_budget)
            return SQLITE_FULL;
        full_budget -= n;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 sz) { return REAL(f)->pMethods->xTruncate(REAL(f), sz); }
static int ff_sync(sqlite3_file *f, int fl) { return REAL(f)->pMethods->xSync(REAL(f), fl); }
static int ff_size(sqlite3_file *f, sqlite3_int64 *sz) { return REAL(f)->pMethods->xFileSize(REAL(f), sz); }
static int ff_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int ff_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int ff_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int ff_fcntl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int ff_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int ff_chars(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }

static const sqlite3_io_methods full_io = {
    .iVersion = 1, .xClose = ff_close, .xRead = ff_read, .xWrite = ff_write, .xTruncate = ff_truncate,
    .xSync = ff_sync, .xFileSize = ff_size, .xLock = ff_lock, .xUnlock = ff_unlock,
    .xCheckReservedLock = ff_reserved, .xFileControl = ff_fcntl, .xSectorSize = ff_sector,
    .xDeviceCharacteristics = ff_chars,
};

static int full_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    FullFile *ff = (FullFile *)f;
    ff->real = (sqlite3_file *)(ff + 1);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
    f->pMethods = rc == SQLITE_OK ? &full_io : NULL;
    return rc;
}

static void full_vfs_install(long long budget)
{
    if (!real_vfs) {
        real_vfs = sqlite3_vfs_find(NULL);
        full_vfs = *real_vfs;
        full_vfs.iVersion = 1;
        full_vfs.zName = "oc-full-disk";
        full_vfs.szOsFile = (int)sizeof(FullFile) + real_vfs->szOsFile;
        full_vfs.xOpen = full_open;
        full_vfs.pAppData = NULL;
        assert_int_equal(sqlite3_vfs_register(&full_vfs, 1), SQLITE_OK);
    }
    full_budget = budget;
}

static void full_vfs_remove(void)
{
    if (real_vfs) {
        sqlite3_vfs_unregister(&full_vfs);
        sqlite3_vfs_register(real_vfs, 1);
        real_vfs = NULL;
    }
}

static void full_disk_moves_nothing(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    copy_fixture(f->path); /* 4 students, 13 attempts, schema 1: opening it must write (the upgrade) */
    size_t len0, len1;
    char *before = slurp(f->path, &len0);
    full_vfs_install(0);
    for (int start = 1; start <= 2; start++) { /* the second start used to destroy the copy of the first */
        Store *s = store_open(f->path, msg, sizeof msg);
        assert_null(s);
        print_message("start %d: %s\n", start, msg);
        assert_non_null(strstr(msg, "disk is full"));
        assert_non_null(strstr(msg, "nothing was changed or moved"));
        char *after = slurp(f->path, &len1);
        assert_int_equal(len0, len1);
        assert_memory_equal(before, after, len0);
        free(after);
        assert_nothing_set_aside(f);
    }
    free(before);
    /* space freed: everything is there and upgraded */
    full_vfs_install(-1);
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    assert_int_equal(store_student_count(s), 4);
    /* the disk fills during a session: the set is refused with the reason, earlier ones stay */
    int64_t a, id;
    assert_int_equal(store_athlete_get_or_add(s, "Kai", &a, err, sizeof err), 0);
    StoreSessionStart st = {.athlete = a, .protocol_id = "p", .protocol_name = "P", .body_part = "arm",
                            .load_percent = 30, .tightness = 7, .pressure_mmhg = -1, .started_unix = 1};
    assert_int_equal(store_session_begin(s, &st, &id, err, sizeof err), 0);
    StoreSet set = {.index = 1, .reps_planned = 30, .reps_done = 30, .started_s = 0, .duration_s = 60,
                    .wrap_time_s = 60};
    assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), 0);
    full_vfs_install(0);
    set.index = 2;
    assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), -1);
    assert_non_null(strstr(err, "disk is full"));
    full_vfs_install(-1);
    StoreSet sets[4];
    assert_int_equal(store_session_sets(s, id, sets, 4), 1);
    store_close(s);
    full_vfs_remove();
    int attempts = 0;
    s = store_open(f->path, msg, sizeof msg);
    Student list[4];
    assert_int_equal(store_students(s, list, 4), 4);
    for (int i = 0; i < 4; i++)
        attempts += store_attempt_count(s, list[i].id);
    assert_int_equal(attempts, 13);
    store_close(s);
}

static void full_disk_on_a_new_database(void **state)
{
    StoreFixture *f = *state;
    char msg[600];
    full_vfs_install(0);
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_null(s);
    assert_non_null(strstr(msg, "disk is full"));
    full_vfs_install(-1);
    s = store_open(f->path, msg, sizeof msg); /* the empty file left behind is no reason to set anything aside */
    assert_non_null(s);
    assert_string_equal(msg, "");
    store_close(s);
    full_vfs_remove();
    assert_nothing_set_aside(f);
}

static void not_a_regular_file_is_left_alone(void **state)
{
    StoreFixture *f = *state;
    char msg[600];
    assert_int_equal(mkdir(f->path, 0755), 0);
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_null(s);
    assert_non_null(strstr(msg, "not a regular file"));
    assert_nothing_set_aside(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(students_and_best_scores_persist, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(damaged_file_is_kept_aside, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(attempt_is_all_or_nothing, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_not_overwritten, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(reader_elsewhere_is_waited_for_not_moved, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(writer_elsewhere_keeps_its_journal_and_commits, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(read_only_file_opens_read_only, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(full_disk_moves_nothing, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(full_disk_on_a_new_database, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(not_a_regular_file_is_left_alone, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(games_started_together_upgrade_once, store_fixture_setup, store_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
