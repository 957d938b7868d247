/* The SQLite store: students, attempts, best scores, a damaged file, transactions. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "oc_util.h"
#include "store.h"

typedef struct Fixture {
    char dir[64];
    char path[128];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/oc-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, STORE_FILE);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void students_and_best_scores_persist(void **state)
{
    Fixture *f = *state;
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
    Fixture *f = *state;
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
    Fixture *f = *state;
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
    Fixture *f = *state;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(students_and_best_scores_persist, setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_file_is_kept_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(attempt_is_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_not_overwritten, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
