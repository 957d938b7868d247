/* Frame pacing in a real window (SDL's dummy video driver, or X11 under Xvfb from window_xvfb.sh): a still
 * screen presents almost nothing, a 1 Hz countdown presents once a tick, an animation is capped at its rate,
 * captions redraw when they appear and when they go, and SIGTERM ends the loop with the settings saved even
 * while the "Leave?" dialog is up. The checks count frames; none of them times anything. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "oc_util.h"
#include "test_app.h"

static int setup(void **state)
{
    *state = test_app_start_window("pacing", true);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    return test_app_stop(*state);
}


/* ---- a probe scene: what it asks of the loop, and how often it was drawn ---- */

typedef enum { PROBE_STILL, PROBE_TICK, PROBE_ANIMATE, PROBE_ANIMATE_SLOW } ProbeMode;

typedef struct Probe {
    ProbeMode mode;
    double t;
    long draws;
    int ticks; /* whole seconds seen */
} Probe;

static void probe_update(Scene *s, App *app, double dt)
{
    Probe *p = s->state;
    p->t += dt;
    if (p->mode == PROBE_TICK) { /* a 1 Hz countdown */
        int whole = (int)floor(p->t);
        if (whole != p->ticks) {
            p->ticks = whole;
            app_redraw(app);
        }
        app_wake_at(app, app->time + (floor(p->t) + 1.0 - p->t));
    } else if (p->mode == PROBE_ANIMATE) {
        app_animate(app);
    } else if (p->mode == PROBE_ANIMATE_SLOW) {
        app_animate_at(app, 20.0);
    }
}

/* SIGTERM from another thread while the loop sleeps under the "Leave?" dialog (the probe is not on top). */
static Uint32 send_term(Uint32 interval, void *param)
{
    (void)interval;
    (void)param;
    kill(getpid(), SIGTERM);
    return 0;
}

static void probe_draw(Scene *s, App *app)
{
    Probe *p = s->state;
    p->draws++;
    SDL_SetRenderDrawColor(app->ren, 20, 30, 40, 255);
    SDL_RenderClear(app->ren);
}

static void probe_leave(Scene *s, App *app)
{
    (void)s;
    (void)app; /* the state belongs to the test */
}

static Scene *probe_scene(Probe *p)
{
    Scene *s = calloc(1, sizeof *s);
    *s = (Scene){.name = "probe", .state = p, .leave = probe_leave, .update = probe_update, .draw = probe_draw};
    return s;
}

static void settle(App *app)
{
    test_run_for(app, 0.3); /* the first frames: window mapped, exposed */
}

static void test_still_screen_presents_nothing(void **state)
{
    App *app = *state;
    static Probe p = {.mode = PROBE_STILL};
    app_set_root(app, probe_scene(&p));
    settle(app);
    long frames = test_run_for(app, 1.5);
    printf("still: %ld frames in 1.5 s\n", frames);
    assert_true(frames <= 1);
    assert_true(p.draws >= 1); /* it was shown */
}

static void test_settings_screen_is_still(void **state)
{
    App *app = *state;
    app_set_root(app, scene_create(SCENE_TITLE));
    app_push(app, scene_create(SCENE_SETTINGS));
    settle(app);
    long frames = test_run_for(app, 1.5);
    printf("settings: %ld frames in 1.5 s\n", frames);
    assert_true(frames <= 1);
}

static void test_countdown_presents_once_a_tick(void **state)
{
    App *app = *state;
    static Probe p = {.mode = PROBE_TICK};
    app_set_root(app, probe_scene(&p));
    settle(app);
    long frames = test_run_for(app, 2.5);
    printf("1 Hz countdown: %ld frames in 2.5 s, %d ticks\n", frames, p.ticks);
    assert_true(frames >= 2);
    assert_true(frames <= 4);
}

static void test_animation_is_capped(void **state)
{
    App *app = *state;
    static Probe p = {.mode = PROBE_ANIMATE};
    app_set_root(app, probe_scene(&p));
    settle(app);
    long frames = test_run_for(app, 1.0);
    printf("animation: %ld frames in 1.0 s (cap %.0f Hz)\n", frames, APP_ANIM_HZ);
    assert_true(frames >= 5); /* it does animate (a loose bound: the machine may be busy) */
    assert_true(frames <= (long)APP_ANIM_HZ + 2); /* never uncapped */
}

static void test_slow_animation_at_its_rate(void **state)
{
    App *app = *state;
    static Probe p = {.mode = PROBE_ANIMATE_SLOW};
    app_set_root(app, probe_scene(&p));
    settle(app);
    long frames = test_run_for(app, 1.0);
    printf("20 Hz animation: %ld frames in 1.0 s\n", frames);
    assert_true(frames >= 3);
    assert_true(frames <= 22);
}

static void test_caption_appears_and_goes(void **state)
{
    App *app = *state; /* muted: every cue is a caption for 1.5 s */
    static Probe p = {.mode = PROBE_STILL};
    app_set_root(app, probe_scene(&p));
    settle(app);
    app_cue(app, CUE_SELECT);
    long frames = test_run_for(app, 2.2);
    printf("caption: %ld frames in 2.2 s\n", frames);
    assert_true(frames >= 2); /* shown, then gone */
    assert_true(frames <= 3);
    assert_false(app->time < app->caption_until);
}

static void test_sigterm_saves_and_ends_over_the_leave_dialog(void **state)
{
    App *app = *state;
    char path[OC_PATH_MAX + 32];
    oc_path_join(path, sizeof path, test_app_datadir(), "settings.json");
    assert_false(oc_file_exists(path));
    static Probe p = {.mode = PROBE_STILL};
    app_set_root(app, probe_scene(&p));
    app_request_quit(app); /* "Leave Occlusion Coach?" */
    settle(app);
    assert_string_equal(app_top_name(app), "confirm-quit");
    SDL_TimerID timer = SDL_AddTimer(300, send_term, NULL);
    assert_true(timer != 0);
    double t0 = app->time;
    test_run_for(app, 30.0);
    assert_true(app->signalled);
    assert_false(app->running);
    assert_true(app->time - t0 < 10.0); /* the loop ended on the signal, not on the 30 s limit */
    assert_true(oc_file_exists(path));
}

int main(void)
{
    if (!getenv("SDL_VIDEODRIVER"))
        setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_still_screen_presents_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_screen_is_still, setup, teardown),
        cmocka_unit_test_setup_teardown(test_countdown_presents_once_a_tick, setup, teardown),
        cmocka_unit_test_setup_teardown(test_animation_is_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_animation_at_its_rate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_caption_appears_and_goes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigterm_saves_and_ends_over_the_leave_dialog, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
