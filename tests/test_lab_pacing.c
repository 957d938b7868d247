/* The Muscle Lab in a window (SDL's dummy video driver; window_xvfb.sh runs it again under Xvfb): it draws
 * frames at the rate of what moves and no faster. Paused, it presents nothing; at rest with nothing
 * happening, only when what it shows changes (the clock's second); mid-set, with particles drifting and
 * washing out, at most the animation cap. The checks count presented frames; none of them times anything. */
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
#include "scene_lab.h"

static int setup(void **state)
{
    App *app = test_app_start_window("labpacing", true);
    if (!app)
        return -1;
    app->settings.reduced_motion = false;
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    return test_app_stop(*state);
}


static void open_lab(App *app, Scene *lab)
{
    app_set_root(app, scene_create(SCENE_TITLE));
    app_push(app, lab);
    test_run_for(app, 0.3); /* the first frames: window mapped, layers painted */
}

static void test_mid_set_is_capped(void **state)
{
    App *app = *state;
    open_lab(app, scene_lab_demo(BODY_THIGH, true, 240.0)); /* the fourth set: particles everywhere */
    long frames = test_run_for(app, 1.0);
    printf("Lab mid-set, side by side: %ld frames in 1.0 s (cap %.0f Hz)\n", frames, APP_ANIM_HZ);
    assert_true(frames >= 5); /* it does move (a loose bound: the machine may be busy) */
    assert_true(frames <= (long)APP_ANIM_HZ + 2);
}

static void test_paused_presents_nothing(void **state)
{
    App *app = *state;
    open_lab(app, scene_lab_demo(BODY_THIGH, false, 240.0));
    /* the Pause control, as a player reaches it: Right to it, Enter */
    for (int i = 0; i < 8; i++)
        app_dispatch(app, ACT_RIGHT);
    app_dispatch(app, ACT_ACCEPT);
    test_run_for(app, 0.3); /* the press itself redraws (focus, "Resume", "paused" by the clock) */
    long frames = test_run_for(app, 1.5);
    printf("Lab paused mid-set: %ld frames in 1.5 s\n", frames);
    assert_true(frames <= 2); /* nothing animates (a window manager's expose may add one) */
}

static void test_idle_lab_draws_only_changes(void **state)
{
    App *app = *state;
    open_lab(app, scene_lab()); /* ready, no wrap, no reps: nothing moves but the clock */
    long frames = test_run_for(app, 2.0);
    printf("Lab idle: %ld frames in 2.0 s\n", frames);
    assert_true(frames <= 5); /* a 1 Hz clock, give or take a tick at the edges and an expose */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mid_set_is_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paused_presents_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_lab_draws_only_changes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
