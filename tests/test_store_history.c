/* The session history in the store: athletes, sessions, sets, stops, screening; interrupted sessions;
 * the CSV export (RFC 4180); the upgrade of a database made by the first release; names that are one
 * person; the daily backup. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "oc_util.h"
#include "store.h"
#include "store_fixture.h"

#ifndef OC_SOURCE_DIR
#define OC_SOURCE_DIR "."
#endif

static StoreSessionStart start_for(int64_t athlete, int64_t when)
{
    return (StoreSessionStart){.athlete = athlete,
                               .protocol_id = "guide-five-sets",
                               .protocol_name = "The guide's five sets",
                               .body_part = "thigh",
                               .load_percent = 30,
                               .tightness = 7,
                               .pressure_mmhg = -1,
                               .started_unix = when};
}

static void sessions_sets_and_stops_round_trip(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    int64_t ana, ana2, ben;
    assert_int_equal(store_athlete_get_or_add(s, "Ana", &ana, err, sizeof err), 0);
    assert_int_equal(store_athlete_get_or_add(s, " ana ", &ana2, err, sizeof err), 0);
    assert_true(ana == ana2); /* the same person */
    assert_int_equal(store_athlete_get_or_add(s, "Ben", &ben, err, sizeof err), 0);
    assert_true(ben != ana);
    assert_int_equal(store_athlete_get_or_add(s, "\xe2\x80\x8b \xc2\xa0", NULL, err, sizeof err), -1);

    int64_t s1, s2;
    StoreSessionStart st = start_for(ana, 1795000000);
    assert_int_equal(store_session_begin(s, &st, &s1, err, sizeof err), 0);
    assert_int_equal(store_session_screening(s, s1, "pregnancy", false, err, sizeof err), 0);
    assert_int_equal(store_session_screening(s, s1, "clots", false, err, sizeof err), 0);
    const int planned[] = {30, 15, 15, 15};
    const int done[] = {28, 15, 13, 11};
    for (int i = 0; i < 4; i++) {
        StoreSet set = {.index = i + 1, .reps_planned = planned[i], .reps_done = done[i], .started_s = 60.0 + 90 * i,
                        .duration_s = 50, .wrap_time_s = 110.0 + 90 * i};
        assert_int_equal(store_set_commit(s, s1, &set, err, sizeof err), 0);
    }
    assert_int_equal(store_session_end(s, s1, STORE_SESSION_DONE, NULL, 1795000500, 420, err, sizeof err), 0);

    st = start_for(ben, 1795000100);
    st.tightness = -1;
    st.pressure_mmhg = 180;
    st.body_part = "arm";
    assert_int_equal(store_session_begin(s, &st, &s2, err, sizeof err), 0);
    StoreSet set = {.index = 1, .reps_planned = 0, .reps_done = 22, .started_s = 30, .duration_s = 70,
                    .wrap_time_s = 100};
    assert_int_equal(store_set_commit(s, s2, &set, err, sizeof err), 0);
    assert_int_equal(store_session_end(s, s2, STORE_SESSION_STOPPED, "numbness", 1795000300, 160, err, sizeof err), 0);
    /* bad input is refused before it reaches the file */
    set.index = 0;
    assert_int_equal(store_set_commit(s, s2, &set, err, sizeof err), -1);
    assert_int_equal(store_session_end(s, s2, STORE_SESSION_RUNNING, NULL, 0, 0, err, sizeof err), -1);
    st.athlete = 999;
    assert_int_equal(store_session_begin(s, &st, NULL, err, sizeof err), -1);
    store_close(s);

    s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    StoreSessionInfo info[4];
    assert_int_equal(store_athlete_sessions(s, ana, info, 4), 1);
    assert_int_equal(info[0].status, STORE_SESSION_DONE);
    assert_int_equal(info[0].sets, 4);
    assert_int_equal(info[0].reps, 28 + 15 + 13 + 11);
    assert_true(info[0].wrap_time_s == 420);
    assert_string_equal(info[0].body_part, "thigh");
    assert_true(info[0].tightness == 7);
    assert_true(info[0].pressure_mmhg == -1);
    assert_int_equal(store_athlete_sessions(s, ben, info, 4), 1);
    assert_int_equal(info[0].status, STORE_SESSION_STOPPED);
    assert_string_equal(info[0].stop_reason, "numbness");
    assert_true(info[0].pressure_mmhg == 180);
    assert_true(info[0].tightness == -1);
    StoreSet sets[8];
    assert_int_equal(store_session_sets(s, s1, sets, 8), 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(sets[i].index, i + 1);
        assert_int_equal(sets[i].reps_planned, planned[i]);
        assert_int_equal(sets[i].reps_done, done[i]);
    }
    StorePerson people[4];
    int total = 0;
    assert_int_equal(store_people(s, people, 4, &total), 2);
    assert_int_equal(total, 2);
    assert_string_equal(people[0].name, "Ana");
    assert_int_equal(people[0].sessions, 1);
    Student ath[4];
    assert_int_equal(store_athletes(s, ath, 4), 2);
    assert_string_equal(ath[0].name, "Ana");
    assert_true(ath[1].id == ben);
    store_close(s);
}

static void running_sessions_become_interrupted_at_next_open(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    int64_t a, id;
    assert_int_equal(store_athlete_get_or_add(s, "Cleo", &a, err, sizeof err), 0);
    StoreSessionStart st = start_for(a, 1795000000);
    assert_int_equal(store_session_begin(s, &st, &id, err, sizeof err), 0);
    for (int i = 1; i <= 2; i++) {
        StoreSet set = {.index = i, .reps_planned = 15, .reps_done = 15, .started_s = 90.0 * i, .duration_s = 45,
                        .wrap_time_s = 90.0 * i + 45};
        assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), 0);
    }
    /* a second copy of the game opening the same file while this one runs leaves the session alone */
    Store *other = store_open(f->path, msg, sizeof msg);
    assert_non_null(other);
    assert_int_equal(store_interrupted_on_open(other), 0);
    store_close(other);
    StoreSessionInfo info;
    assert_int_equal(store_athlete_sessions(s, a, &info, 1), 1);
    assert_int_equal(info.status, STORE_SESSION_RUNNING);
    store_close(s); /* as if killed: the session never ended */

    s = store_open(f->path, msg, sizeof msg);
    assert_int_equal(store_interrupted_on_open(s), 1);
    assert_int_equal(store_athlete_sessions(s, a, &info, 1), 1);
    assert_int_equal(info.status, STORE_SESSION_INTERRUPTED);
    assert_int_equal(info.sets, 2); /* the committed sets stay */
    assert_int_equal(info.reps, 30);
    store_close(s);
}

/* ---- a small RFC 4180 reader, to check the export field by field ---- */

typedef struct Csv {
    char *cell[64][24];
    int rows, cols[64];
} Csv;

static void csv_parse(const char *t, Csv *c)
{
    memset(c, 0, sizeof *c);
    char buf[4096];
    size_t n = 0;
    int r = 0, k = 0;
    bool quoted = false;
    for (const char *p = t;; p++) {
        if (quoted) {
            assert_true(*p != '\0'); /* an open quote must close */
            if (*p == '"' && p[1] == '"') {
                buf[n++] = '"';
                p++;
            } else if (*p == '"') {
                quoted = false;
                assert_true(p[1] == ',' || p[1] == '\r'); /* nothing between a closing quote and the next field */
            } else {
                buf[n++] = *p;
            }
            continue;
        }
        if (*p == '"') {
            assert_int_equal(n, 0); /* a quote only opens a field */
            quoted = true;
        } else if (*p == ',' || *p == '\r' || *p == '\0') {
            if (*p == '\0' && n == 0 && k == 0)
                break;
            buf[n] = '\0';
            c->cell[r][k++] = strdup(buf);
            n = 0;
            if (*p == '\r') {
                assert_int_equal(p[1], '\n'); /* CRLF line ends */
                p++;
                c->cols[r++] = k;
                k = 0;
            }
            if (*p == '\0')
                break;
        } else {
            assert_true(*p != '\n'); /* a bare LF only inside quotes */
            buf[n++] = *p;
        }
    }
    c->rows = r;
}

static void csv_free(Csv *c)
{
    for (int r = 0; r < 64; r++)
        for (int k = 0; k < 24; k++)
            free(c->cell[r][k]);
}

static int col(const Csv *c, const char *name)
{
    for (int k = 0; k < c->cols[0]; k++)
        if (strcmp(c->cell[0][k], name) == 0)
            return k;
    fail_msg("no column %s", name);
    return -1;
}

static void export_is_rfc4180(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    int64_t a, b, id;
    const char *tricky = "O'Brien, \"Jo\"";
    assert_int_equal(store_athlete_get_or_add(s, tricky, &a, err, sizeof err), 0);
    StoreSessionStart st = start_for(a, 1795000000);
    st.protocol_name = "Five sets, \"guide\"";
    assert_int_equal(store_session_begin(s, &st, &id, err, sizeof err), 0);
    for (int i = 1; i <= 3; i++) {
        StoreSet set = {.index = i, .reps_planned = i == 1 ? 30 : 15, .reps_done = 10 + i, .started_s = 90.0 * i,
                        .duration_s = 45, .wrap_time_s = 90.0 * i + 45};
        assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), 0);
    }
    assert_int_equal(store_session_end(s, id, STORE_SESSION_STOPPED, "other: said \"stop\",\nthen sat down",
                                       1795000400, 300, err, sizeof err),
                     0);
    store_close(s);
    /* a name with a line break, as another program might have written it */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO athletes(name, name_key) VALUES ('Two\nLines, \"Dee\"', 'two lines');"
                                  "INSERT INTO sessions(athlete_id, protocol_id, protocol_name, body_part,"
                                  " load_percent, started_unix, status) VALUES (last_insert_rowid(), 'beginner',"
                                  " 'Beginner', 'calf', 25, 1795100000, 'done');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    b = sqlite3_last_insert_rowid(db);
    sqlite3_close(db);

    s = store_open(f->path, msg, sizeof msg);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_int_equal(store_export_csv(s, mem, err, sizeof err), 0);
    fclose(mem);
    store_close(s);
    assert_true(strncmp(text, "session,athlete,started,status,set,reps_planned,reps_done", 57) == 0);
    Csv c;
    csv_parse(text, &c);
    assert_int_equal(c.rows, 1 + 3 + 1);
    for (int r = 0; r < c.rows; r++)
        assert_int_equal(c.cols[r], c.cols[0]);
    int ca = col(&c, "athlete"), cs = col(&c, "status"), cset = col(&c, "set"), cd = col(&c, "reps_done");
    int cp = col(&c, "reps_planned"), cr = col(&c, "stop_reason"), cn = col(&c, "protocol_name");
    int cst = col(&c, "started");
    for (int r = 1; r <= 3; r++) {
        assert_string_equal(c.cell[r][ca], tricky);
        assert_string_equal(c.cell[r][cs], "stopped");
        assert_int_equal(atoi(c.cell[r][cset]), r);
        assert_int_equal(atoi(c.cell[r][cd]), 10 + r);
        assert_int_equal(atoi(c.cell[r][cp]), r == 1 ? 30 : 15);
        assert_string_equal(c.cell[r][cr], "other: said \"stop\",\nthen sat down");
        assert_string_equal(c.cell[r][cn], "Five sets, \"guide\"");
        assert_string_equal(c.cell[r][cst], "2026-11-18T11:06:40Z");
    }
    assert_string_equal(c.cell[4][ca], "Two\nLines, \"Dee\"");
    assert_string_equal(c.cell[4][cs], "done");
    assert_string_equal(c.cell[4][cset], ""); /* a session without sets still has its row */
    (void)b;
    csv_free(&c);
    free(text);
}

/* tests/data/store/v1-main-2026-11-25.sqlite3 was written by the game as it was on 2026-11-25 (schema 1:
 * four students, thirteen attempts). It upgrades with nothing lost, and the history tables appear. */
static void first_release_database_upgrades_with_nothing_lost(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    size_t len = 0;
    char *bytes = oc_read_file(OC_SOURCE_DIR "/tests/data/store/v1-main-2026-11-25.sqlite3", &len, err, sizeof err);
    assert_non_null(bytes);
    assert_int_equal(oc_write_file_atomic(f->path, bytes, len, err, sizeof err), 0);
    free(bytes);
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    Student st[8];
    assert_int_equal(store_students(s, st, 8), 4);
    assert_string_equal(st[0].name, "Ana");
    assert_string_equal(st[2].name, "\xc3\x89lodie");
    assert_string_equal(st[3].name, "O'Brien, \"Jo\"");
    int total_attempts = 0;
    for (int i = 0; i < 4; i++)
        total_attempts += store_attempt_count(s, st[i].id);
    assert_int_equal(total_attempts, 13);
    BestScore b;
    assert_int_equal(store_best(s, st[1].id, "how-tight", &b), 0);
    assert_int_equal(b.percent, 100);
    assert_int_equal(b.stars, 3);
    assert_int_equal(b.attempts, 2);
    assert_int_equal(store_best(s, st[2].id, "safety-first", &b), 0);
    assert_int_equal(b.percent, 70);
    /* names now compare normalised: lower case and the decomposed form are the same student */
    assert_int_equal(store_add_student(s, "\xc3\xa9lodie", NULL, err, sizeof err), -1);
    assert_int_equal(store_add_student(s, "E\xcc\x81LODIE", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "already"));
    /* the new tables work in the upgraded file */
    int64_t a, id;
    assert_int_equal(store_athlete_get_or_add(s, "Ana", &a, err, sizeof err), 0);
    StoreSessionStart ss = start_for(a, 1795000000);
    assert_int_equal(store_session_begin(s, &ss, &id, err, sizeof err), 0);
    StorePerson people[8];
    int total;
    assert_int_equal(store_people(s, people, 8, &total), 4);
    assert_string_equal(people[0].name, "Ana");
    assert_true(people[0].athlete == a && people[0].student == st[0].id); /* one person, both roles */
    assert_int_equal(people[0].attempts, 4);
    assert_string_equal(people[2].name, "\xc3\x89lodie"); /* sorted with the Es, not after Z */
    StoreLevelBest lv[8];
    assert_int_equal(store_student_levels(s, st[0].id, lv, 8), 3);
    store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), STORE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void names_are_one_person_however_typed(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    int64_t id;
    assert_int_equal(store_add_student(s, "Ren\xc3\xa9", &id, err, sizeof err), 0);              /* NFC */
    assert_int_equal(store_add_student(s, "Rene\xcc\x81", NULL, err, sizeof err), -1);           /* NFD */
    assert_int_equal(store_add_student(s, "\xc3\x89lodie", NULL, err, sizeof err), 0);
    assert_int_equal(store_add_student(s, "\xc3\xa9lodie", NULL, err, sizeof err), -1);
    assert_int_equal(store_add_student(s, "\xe2\x80\x8b\xe2\x80\x8b", NULL, err, sizeof err), -1); /* zero width */
    assert_int_equal(store_add_student(s, "\xc2\xa0\xe2\x80\xaf\xef\xbb\xbf", NULL, err, sizeof err), -1);
    assert_int_equal(store_add_student(s, "\xc0\xaf", NULL, err, sizeof err), -1);     /* overlong '/' */
    assert_int_equal(store_add_student(s, "\xed\xa0\x80x", NULL, err, sizeof err), -1); /* a surrogate */
    /* stored in NFC, trimmed of invisible ends */
    int64_t a1, a2;
    assert_int_equal(store_athlete_get_or_add(s, "\xe2\x80\x8bRene\xcc\x81\xc2\xa0", &a1, err, sizeof err), 0);
    assert_int_equal(store_athlete_get_or_add(s, "REN\xc3\x89", &a2, err, sizeof err), 0);
    assert_true(a1 == a2);
    StorePerson p[4];
    int total;
    assert_int_equal(store_people(s, p, 4, &total), 2);
    assert_string_equal(p[0].name, "\xc3\x89lodie");
    assert_string_equal(p[1].name, "Ren\xc3\xa9");
    assert_true(p[1].athlete == a1 && p[1].student == id);
    store_close(s);
}

static int count_backups(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "occlusion-coach-", 16) == 0)
            n++;
    closedir(d);
    return n;
}

typedef struct BackupRound {
    const StoreFixture *f;
    const char *dir, *date;
} BackupRound;

static int back_up(int game, void *ctx)
{
    const BackupRound *r = ctx;
    char m[600] = "", e[300] = "";
    Store *c = store_open(r->f->path, m, sizeof m);
    int rc = store_backup_daily(c, r->dir, r->date, e, sizeof e);
    if (rc < 0)
        fprintf(stderr, "game %d on %s: %s\n", game, r->date, e);
    store_close(c);
    return rc < 0 ? -1 : 0;
}

/* Two games on one data folder on the same day both make the day's backup after their first frame: one
 * makes it, the other finds it made or being made; neither fails or leaves a half-written file. */
static void games_back_up_together_once(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300], dir[200];
    snprintf(dir, sizeof dir, "%s/backups", f->dir);
    Store *s = store_open(f->path, msg, sizeof msg);
    for (int i = 0; i < 200; i++) {
        char name[32];
        snprintf(name, sizeof name, "Student %03d", i);
        assert_int_equal(store_add_student(s, name, NULL, err, sizeof err), 0);
    }
    store_close(s);
    for (int round = 0; round < 10; round++) {
        char date[16], path[300];
        snprintf(date, sizeof date, "2026-10-%02d", round + 1);
        BackupRound r = {f, dir, date};
        assert_int_equal(store_fixture_games(6, back_up, &r), 0);
        snprintf(path, sizeof path, "%s/occlusion-coach-%s.sqlite3", dir, date);
        s = store_open(path, msg, sizeof msg);
        assert_non_null(s);
        assert_string_equal(msg, "");
        assert_int_equal(store_student_count(s), 200);
        store_close(s);
    }
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp")); /* nothing half-written left behind */
    closedir(d);
}

static void daily_backup_keeps_the_last_seven(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300], dir[200], path[300];
    snprintf(dir, sizeof dir, "%s/backups", f->dir);
    Store *s = store_open(f->path, msg, sizeof msg);
    int64_t id;
    assert_int_equal(store_add_student(s, "Fay", &id, err, sizeof err), 0);
    assert_int_equal(store_backup_daily(s, dir, "2026-11-01", err, sizeof err), 1);
    assert_int_equal(store_backup_daily(s, dir, "2026-11-01", err, sizeof err), 0); /* once a day */
    for (int d = 2; d <= 10; d++) {
        char date[16];
        snprintf(date, sizeof date, "2026-11-%02d", d);
        assert_int_equal(store_record_attempt(s, id, "how-tight", d % 9, 8, d * 10 % 100, 1, err, sizeof err), 0);
        assert_int_equal(store_backup_daily(s, dir, date, err, sizeof err), 1);
    }
    assert_int_equal(count_backups(dir), STORE_BACKUPS_KEPT);
    snprintf(path, sizeof path, "%s/occlusion-coach-2026-11-03.sqlite3", dir);
    assert_false(oc_file_exists(path));
    snprintf(path, sizeof path, "%s/occlusion-coach-2026-11-04.sqlite3", dir);
    assert_true(oc_file_exists(path));
    assert_int_equal(store_backup_daily(s, dir, "26-11-04", err, sizeof err), -1);
    assert_int_equal(store_backup_daily(s, dir, "2026-13-04", err, sizeof err), -1);
    store_close(s);
    /* a backup is a whole database: the 10th day's copy holds nine attempts */
    snprintf(path, sizeof path, "%s/occlusion-coach-2026-11-10.sqlite3", dir);
    s = store_open(path, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    assert_int_equal(store_attempt_count(s, id), 9);
    store_close(s);
}

/* People and athletes list in natural order: case ignored, digits compared by value, leading zeros too. */
static void people_sort_naturally(void **state)
{
    StoreFixture *f = *state;
    char msg[600], err[300];
    Store *s = store_open(f->path, msg, sizeof msg);
    assert_non_null(s);
    static const char *const added[] = {"Athlete 10", "athlete 2", "Athlete 1", "Bea", "Athlete 12",
                                        "Athlete 9",  "Row 100",   "Row 20",    "Row 003", "athlete 11b",
                                        "Athlete 11a"};
    static const char *const want[] = {"Athlete 1",   "athlete 2", "Athlete 9", "Athlete 10",
                                       "Athlete 11a", "athlete 11b", "Athlete 12", "Bea",
                                       "Row 003",     "Row 20",    "Row 100"};
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
        int64_t a;
        assert_int_equal(store_athlete_get_or_add(s, added[i], &a, err, sizeof err), 0);
    }
    assert_int_equal(store_add_student(s, "Athlete 0", NULL, err, sizeof err), 0); /* a student only */
    StorePerson people[16];
    int total;
    assert_int_equal(store_people(s, people, 16, &total), 12);
    assert_string_equal(people[0].name, "Athlete 0");
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(people[i + 1].name, want[i]);
    Student ath[16];
    assert_int_equal(store_athletes(s, ath, 16), 11);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(ath[i].name, want[i]);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sessions_sets_and_stops_round_trip, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(running_sessions_become_interrupted_at_next_open, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(export_is_rfc4180, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(first_release_database_upgrades_with_nothing_lost, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(names_are_one_person_however_typed, store_fixture_setup,
                                        store_fixture_teardown),
        cmocka_unit_test_setup_teardown(people_sort_naturally, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(daily_backup_keeps_the_last_seven, store_fixture_setup, store_fixture_teardown),
        cmocka_unit_test_setup_teardown(games_back_up_together_once, store_fixture_setup, store_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
