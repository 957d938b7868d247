/* The Guided Session in a real window (SDL's dummy video driver, or X11 under Xvfb): it presents a frame
 * only when something on it changes. The setup screen and the debrief present nothing while nobody
 * touches them; a rest counting down presents about once a second per clock on screen (the countdown, the
 * wrap clock, the session clock), not at an animation rate; paused, only the clocks that keep running
 * tick. The checks count frames; none of them times anything. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oc_util.h"
#include "test_app.h"
#include "session_ui.h"

static int setup(void **state)
{
    App *app = test_app_start_window("session-pacing", false);
    if (!app)
        return -1;
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    return test_app_stop(*state);
}


static SessionUi *session_on_top(App *app)
{
    assert_string_equal(app_top_name(app), "session");
    SessionUi *u = app->stack[app->depth - 1]->state;
    assert_non_null(u);
    return u;
}

static void test_session_redraws_only_when_something_changes(void **state)
{
    App *app = *state;
    app_set_root(app, scene_create(SCENE_TITLE));
    app_push(app, scene_create(SCENE_SESSION));
    test_run_for(app, 0.4);
    SessionUi *u = session_on_top(app);
    Session *s = &u->eng;

    long frames = test_run_for(app, 1.5);
    printf("setup screen: %ld frames in 1.5 s\n", frames);
    assert_true(frames <= 1);

    /* the trainer's keys: Start, "No" to every question, the wrap on, "feels right" */
    app_dispatch(app, ACT_ACCEPT);
    for (int i = 0; i < 100 && session_phase(s) == SESSION_SCREENING; i++)
        app_dispatch(app, ACT_ACCEPT);
    for (int i = 0; i < 10 && session_phase(s) == SESSION_WRAP; i++)
        app_dispatch(app, ACT_ACCEPT);
    assert_int_equal(session_phase(s), SESSION_GET_READY);
    u->session_scale = 10.0; /* through the 3-2-1 */
    for (int i = 0; i < 50 && session_phase(s) == SESSION_GET_READY; i++)
        test_run_for(app, 0.05);
    assert_int_equal(session_phase(s), SESSION_SET);
    u->session_scale = 1.0;
    app_dispatch(app, ACT_ALT); /* N: the set ends; the rest begins */
    test_run_for(app, 1.3);          /* its flash comes and goes */
    assert_int_equal(session_phase(s), SESSION_REST);

    double left = session_seconds_left(s);
    frames = test_run_for(app, 3.0);
    printf("rest counting down: %ld frames in 3.0 s (%.1f s of rest counted)\n", frames,
           left - session_seconds_left(s));
    assert_true(left - session_seconds_left(s) > 2.0); /* it did count */
    assert_true(frames >= 2);                         /* and showed it */
    assert_true(frames <= 3 * 3 + 2);                 /* three clocks at 1 Hz at most, never an animation rate */

    app_dispatch(app, ACT_PAUSE);
    assert_int_equal(u->dialog, DLG_PAUSE);
    test_run_for(app, 0.3);
    left = session_seconds_left(s);
    frames = test_run_for(app, 3.0);
    printf("paused: %ld frames in 3.0 s\n", frames);
    assert_true(session_paused(s));
    assert_true(session_seconds_left(s) == left); /* the rest waits */
    assert_true(frames <= 2 * 3 + 2);              /* only the wrap and session clocks run on */

    /* stop: pain; every wrap off: the debrief, which shows the session as it ended */
    app_dispatch(app, ACT_BACK);
    assert_int_equal(u->dialog, DLG_STOP);
    app_dispatch(app, ACT_ACCEPT);
    test_run_for(app, 1.3);
    assert_int_equal(session_phase(s), SESSION_STOPPED);
    app_dispatch(app, ACT_ACCEPT);
    test_run_for(app, 0.4);
    assert_int_equal(session_phase(s), SESSION_DEBRIEF);
    double ended = session_elapsed_s(s);
    frames = test_run_for(app, 1.5);
    printf("debrief: %ld frames in 1.5 s\n", frames);
    assert_true(frames <= 1);
    assert_true(session_elapsed_s(s) == ended);
}

int main(void)
{
    if (!getenv("SDL_VIDEODRIVER"))
        setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_session_redraws_only_when_something_changes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
