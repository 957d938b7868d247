/* The History scene and the student picker, played through the interface (headless): people in one
 * scrolling list, a person who is athlete and student at once, the export from the screen, and the 30th
 * student picked in the Academy. Screenshots at 720p, 1080p and 4K go to the output dir. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "academy_ui.h"
#include "gfx.h"
#include "history/history.h"
#include "oc_util.h"
#include "png_check.h"
#include "store.h"
#include "test_app.h"

static const char *outdir = ".";

#define STUDENTS 30

static void seed(App *app)
{
    Store *s = app->store;
    assert_non_null(s);
    char err[300];
    int64_t maya, stu;
    assert_int_equal(store_athlete_get_or_add(s, "Maya Okafor", &maya, err, sizeof err), 0);
    assert_int_equal(store_add_student(s, "maya okafor", &stu, err, sizeof err), 0); /* the same person */
    for (int w = 0; w < 6; w++) {
        StoreSessionStart st = {.athlete = maya, .protocol_id = "guide-five-sets", .protocol_name = "Five sets",
                                .body_part = "thigh", .load_percent = 30, .tightness = 7, .pressure_mmhg = -1,
                                .started_unix = 1790000000 + (int64_t)w * 7 * 86400};
        int64_t id;
        assert_int_equal(store_session_begin(s, &st, &id, err, sizeof err), 0);
        for (int k = 1; k <= 5; k++) {
            StoreSet set = {.index = k, .reps_planned = k == 1 ? 30 : 15, .reps_done = (k == 1 ? 24 : 11) + w,
                            .started_s = 90.0 * k, .duration_s = 45, .wrap_time_s = 90.0 * k + 45};
            assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), 0);
        }
        assert_int_equal(store_session_end(s, id, w == 3 ? STORE_SESSION_STOPPED : STORE_SESSION_DONE,
                                           w == 3 ? "pain above 7/10" : NULL, st.started_unix + 600, 500 + w * 10,
                                           err, sizeof err),
                         0);
    }
    assert_int_equal(store_record_attempt(s, stu, "how-tight", 7, 8, 88, 2, err, sizeof err), 0);
    for (int i = 1; i <= STUDENTS; i++) {
        char name[32];
        snprintf(name, sizeof name, "Student %02d", i);
        assert_int_equal(store_add_student(s, name, &stu, err, sizeof err), 0);
        if (i == 1) {
            assert_int_equal(store_record_attempt(s, stu, "how-it-works", 8, 8, 100, 3, err, sizeof err), 0);
            assert_int_equal(store_record_attempt(s, stu, "where-the-band-goes", 5, 8, 62, 1, err, sizeof err), 0);
        }
    }
}

static Scene *top(App *app)
{
    return app->depth ? app->stack[app->depth - 1] : NULL;
}

static HistoryProbe probe(App *app)
{
    HistoryProbe p;
    assert_true(history_probe(top(app), &p));
    return p;
}

static void shot(App *app, const char *name)
{
    char path[600], err[300];
    test_frame(app);
    snprintf(path, sizeof path, "%s/history-%s.png", outdir, name);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    Image img = {0};
    assert_int_equal(image_load(&img, path), 0);
    assert_true(image_luma_stddev(&img) > 10.0); /* something drawn, not a blank screen */
    image_free(&img);
}

static void history_lists_people_and_exports(void **state)
{
    (void)state;
    App *app = test_app_start("history", 1920, 1080, true);
    assert_non_null(app);
    seed(app);
    app_push(app, scene_create(SCENE_HISTORY));
    test_frame(app);
    assert_string_equal(app_top_name(app), "history");
    HistoryProbe p = probe(app);
    assert_int_equal(p.people, 1 + STUDENTS); /* Maya once, though she is athlete and student */
    assert_string_equal(p.name, "Maya Okafor");
    assert_int_equal(p.sessions, 6);
    assert_int_equal(p.levels, 1);
    shot(app, "maya-1080p");
    test_key(app, SDLK_DOWN, 0); /* a student with no sessions: the Academy takes the pane */
    p = probe(app);
    assert_string_equal(p.name, "Student 01");
    assert_int_equal(p.sessions, 0);
    assert_int_equal(p.levels, 2);
    shot(app, "student-1080p");
    test_key(app, SDLK_UP, 0);
    /* the list scrolls: the last student can be reached and is shown */
    for (int i = 0; i < STUDENTS; i++)
        test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_DOWN, 0); /* past the end: stays on the last */
    p = probe(app);
    assert_int_equal(p.person, STUDENTS);
    assert_string_equal(p.name, "Student 30");
    assert_true(p.list_top > 0);
    assert_true(p.person >= p.list_top && p.person < p.list_top + p.list_visible);
    shot(app, "scrolled-1080p");
    test_key(app, SDLK_PAGEUP, 0); /* sessions table; nothing to scroll for a student */
    test_key(app, SDLK_HOME, 0);
    /* export from the screen: a CSV in the data dir, and a toast that says where */
    test_key(app, SDLK_n, 0);
    assert_non_null(strstr(app->toast, "exported"));
    const char *path = strstr(app->toast, test_app_datadir());
    assert_non_null(path);
    char err[300];
    size_t len = 0;
    char *csv = oc_read_file(path, &len, err, sizeof err);
    assert_non_null(csv);
    assert_true(strncmp(csv, "session,athlete,started,status,set,reps_planned,reps_done", 57) == 0);
    int rows = 0;
    for (char *c = csv; (c = strstr(c, "\r\n")) != NULL; c += 2)
        rows++;
    assert_int_equal(rows, 1 + 6 * 5); /* header + one row per set */
    assert_non_null(strstr(csv, ",stopped,"));
    free(csv);
    assert_int_equal(test_app_stop(app), 0);
}

static void history_at_720p_and_4k(void **state)
{
    (void)state;
    static const int sizes[2][2] = {{1280, 720}, {3840, 2160}};
    for (int i = 0; i < 2; i++) {
        App *app = test_app_start("history-size", sizes[i][0], sizes[i][1], true);
        assert_non_null(app);
        seed(app);
        app_push(app, scene_create(SCENE_HISTORY));
        test_frame(app);
        assert_int_equal(probe(app).sessions, 6);
        shot(app, i == 0 ? "maya-720p" : "maya-4k");
        assert_int_equal(test_app_stop(app), 0);
    }
}

static void empty_history_says_so(void **state)
{
    (void)state;
    App *app = test_app_start("history-empty", 1280, 720, true);
    assert_non_null(app);
    app_push(app, scene_create(SCENE_HISTORY));
    test_frame(app);
    assert_int_equal(probe(app).people, 0);
    test_key(app, SDLK_DOWN, 0); /* nothing to move to: no crash */
    test_key(app, SDLK_n, 0);    /* exporting an empty history writes the header */
    assert_non_null(strstr(app->toast, "exported"));
    shot(app, "empty-720p");
    test_key(app, SDLK_BACKSPACE, 0);
    test_frame(app);
    assert_string_equal(app_top_name(app), "title");
    assert_int_equal(test_app_stop(app), 0);
}

/* A database that could not be opened at start (busy, disk full) is tried again when History opens. */
static void history_opens_the_store_again(void **state)
{
    (void)state;
    App *app = test_app_start("history-retry", 1280, 720, true);
    assert_non_null(app);
    seed(app);
    store_close(app->store);
    app->store = NULL; /* as if another program had held it when the game started */
    app_push(app, scene_create(SCENE_HISTORY));
    test_frame(app);
    assert_non_null(app->store);
    assert_int_equal(probe(app).people, 1 + STUDENTS);
    assert_int_equal(test_app_stop(app), 0);
}

static void the_thirtieth_student_can_be_picked(void **state)
{
    (void)state;
    App *app = test_app_start("picker", 1280, 720, true);
    assert_non_null(app);
    seed(app);
    app_push(app, scene_academy());
    test_frame(app);
    char name[64];
    int pick_top = 0;
    assert_true(academy_probe_student(top(app), name, sizeof name, &pick_top));
    /* focus the "Change student" button: after the levels, the second button */
    int levels = 0;
    {
        char dir[OC_PATH_MAX];
        LevelSet set = {0};
        app_levels_dir(&app->opt, dir, sizeof dir);
        academy_load_dir(&set, dir, NULL, NULL);
        levels = set.count;
        academy_free(&set);
    }
    for (int i = 0; i < levels + 1; i++)
        test_key(app, SDLK_RIGHT, 0);
    test_key(app, SDLK_RETURN, 0);
    /* rows: "maya okafor", Student 01..30, then "+ New student" and "Cancel"; the 30th student is row 30 */
    for (int i = 0; i < STUDENTS; i++)
        test_key(app, SDLK_DOWN, 0);
    test_frame(app);
    assert_true(academy_probe_student(top(app), name, sizeof name, &pick_top));
    assert_true(pick_top > 0); /* the list scrolled to keep the focus on screen */
    char path[600], err[300];
    snprintf(path, sizeof path, "%s/academy-picker-scrolled-720p.png", outdir);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    test_key(app, SDLK_RETURN, 0);
    assert_true(academy_probe_student(top(app), name, sizeof name, NULL));
    assert_string_equal(name, "Student 30");
    assert_int_equal(test_app_stop(app), 0);
}

/* Eight sessions one afternoon: each keeps its own place in the chart (bar clusters side by side, never on
 * top of each other), and the table shows every protocol, body part and ending in full at 720p, 1080p and 4K.
 * Stop reasons read as words. */
static void same_day_sessions_are_readable(void **state)
{
    (void)state;
    static const int sizes[3][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};
    static const char *const reasons[] = {NULL, "numbness", "left", "pain", NULL, "time-limit", NULL, "dizziness"};
    for (int i = 0; i < 3; i++) {
        App *app = test_app_start("history-day", sizes[i][0], sizes[i][1], true);
        assert_non_null(app);
        Store *s = app->store;
        char err[300];
        int64_t ana;
        assert_int_equal(store_athlete_get_or_add(s, "Ana", &ana, err, sizeof err), 0);
        int64_t day = (int64_t)time(NULL) - 4 * 3600;
        for (int k = 0; k < 8; k++) {
            StoreSessionStart st = {.athlete = ana, .protocol_id = "guide-five-sets",
                                    .protocol_name = "The guide's five sets",
                                    .body_part = k % 2 ? "upper-arm" : "thigh", .load_percent = 30,
                                    .tightness = 7, .pressure_mmhg = -1, .started_unix = day + k * 240};
            int64_t id;
            assert_int_equal(store_session_begin(s, &st, &id, err, sizeof err), 0);
            for (int j = 1; j <= 1 + k % 5; j++) {
                StoreSet set = {.index = j, .reps_planned = 15, .reps_done = 10 + j, .started_s = 90.0 * j,
                                .duration_s = 45, .wrap_time_s = 90.0 * j + 45};
                assert_int_equal(store_set_commit(s, id, &set, err, sizeof err), 0);
            }
            assert_int_equal(store_session_end(s, id, reasons[k] ? STORE_SESSION_STOPPED : STORE_SESSION_DONE,
                                               reasons[k], st.started_unix + 200, 100 + k * 20, err, sizeof err),
                             0);
        }
        app_push(app, scene_create(SCENE_HISTORY));
        test_frame(app);
        HistoryProbe p = probe(app);
        assert_string_equal(p.name, "Ana");
        assert_int_equal(p.chart_n, 8);
        assert_true(p.chart_half > 5);
        for (int k = 0; k + 1 < 8; k++) /* in order, clusters apart */
            assert_true(p.chart_x[k + 1] - p.chart_x[k] >= 2 * p.chart_half);
        for (int c = 0; c < 8; c++)
            assert_true(p.col_x[c + 1] > p.col_x[c]);
        shot(app, i == 0 ? "day-720p" : i == 1 ? "day-1080p" : "day-4k");
        assert_int_equal(p.cut_cells, 0); /* "The guide's five sets", "Upper arm", "Stopped: numbness" */
        assert_int_equal(test_app_stop(app), 0);
    }
    char t[120];
    history_ended_text(STORE_SESSION_STOPPED, "numbness", t, sizeof t);
    assert_string_equal(t, "Stopped: numbness");
    history_ended_text(STORE_SESSION_STOPPED, "pain; time-limit", t, sizeof t);
    assert_string_equal(t, "Stopped: pain, time limit");
    history_ended_text(STORE_SESSION_STOPPED, "left", t, sizeof t);
    assert_string_equal(t, "Ended early");
    history_ended_text(STORE_SESSION_STOPPED, "pain above 7/10", t, sizeof t); /* older free text stays */
    assert_string_equal(t, "Stopped: pain above 7/10");
    history_ended_text(STORE_SESSION_STOPPED, NULL, t, sizeof t);
    assert_string_equal(t, "Stopped");
    history_ended_text(STORE_SESSION_DONE, NULL, t, sizeof t);
    assert_string_equal(t, "Done");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        outdir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(history_lists_people_and_exports),
        cmocka_unit_test(history_at_720p_and_4k),
        cmocka_unit_test(empty_history_says_so),
        cmocka_unit_test(history_opens_the_store_again),
        cmocka_unit_test(the_thirtieth_student_can_be_picked),
        cmocka_unit_test(same_day_sessions_are_readable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
