/* The game shell driven without a window: keys, clicker keys, mouse, a virtual gamepad, the quit
 * confirmation, blanking, and settings that persist. Events go in through SDL_PushEvent. */
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
#include "png_check.h"
#include "test_app.h"

static int start(void **state)
{
    App *app = test_app_start("input", 1280, 720, false);
    *state = app;
    return app ? 0 : -1;
}

static int stop(void **state)
{
    return test_app_stop(*state);
}

static void click(App *app, LRect r)
{
    /* logical centre of r to pixels of the headless canvas */
    SDL_Event e = {0};
    e.type = SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = (Sint32)((r.x + r.w / 2) * app->frame.scale);
    e.button.y = (Sint32)((r.y + r.h / 2) * app->frame.scale);
    SDL_PushEvent(&e);
    test_frame(app);
}

static void test_keyboard_menu(void **state)
{
    App *app = *state;
    test_frame(app);
    assert_string_equal(app_top_name(app), "title");
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app_top_name(app), "session");
    test_key(app, SDLK_BACKSPACE, 0);
    assert_string_equal(app_top_name(app), "title");
    /* presenter clicker: PageDown moves, PageUp moves back, Right ("next") opens */
    test_key(app, SDLK_PAGEDOWN, 0); /* academy */
    test_key(app, SDLK_PAGEDOWN, 0); /* history */
    test_key(app, SDLK_PAGEDOWN, 0); /* settings */
    test_key(app, SDLK_PAGEUP, 0);   /* history */
    test_key(app, SDLK_RIGHT, 0);
    assert_string_equal(app_top_name(app), "history");
    test_key(app, SDLK_LEFT, 0); /* clicker "back" (the Academy's level grid uses Left/Right to move instead) */
    assert_string_equal(app_top_name(app), "title");
    /* focus is still on History; up past the top wraps around to Quit, which asks */
    test_key(app, SDLK_UP, 0);
    test_key(app, SDLK_UP, 0);
    test_key(app, SDLK_UP, 0);
    test_key(app, SDLK_UP, 0);
    test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app_top_name(app), "confirm-quit");
    assert_true(app->running);
}

static void test_escape_never_quits_at_once(void **state)
{
    App *app = *state;
    test_frame(app);
    test_key(app, SDLK_ESCAPE, 0);
    assert_string_equal(app_top_name(app), "confirm-quit");
    test_key(app, SDLK_ESCAPE, 0); /* a second Esc cancels, it does not confirm */
    assert_string_equal(app_top_name(app), "title");
    assert_true(app->running);
    /* closing the window asks too */
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    test_frame(app);
    assert_string_equal(app_top_name(app), "confirm-quit");
    test_key(app, SDLK_RETURN, 0); /* default answer is Stay */
    assert_true(app->running);
    assert_string_equal(app_top_name(app), "title");
    test_key(app, SDLK_ESCAPE, 0);
    test_key(app, SDLK_RIGHT, 0);
    test_key(app, SDLK_RETURN, 0);
    assert_false(app->running);
}

static void test_pause_overlay_in_a_mode(void **state)
{
    App *app = *state;
    test_frame(app);
    test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app_top_name(app), "lab");
    test_key(app, SDLK_F5, 0);
    assert_string_equal(app_top_name(app), "pause");
    test_key(app, SDLK_ESCAPE, 0);
    assert_string_equal(app_top_name(app), "lab");
    test_key(app, SDLK_ESCAPE, 0);
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RETURN, 0); /* Back to title */
    assert_string_equal(app_top_name(app), "title");
    assert_int_equal(app->depth, 1);
}

static Image shot_of(App *app, const char *name)
{
    char path[128], err[300];
    snprintf(path, sizeof path, "input-%s.png", name);
    test_frame(app);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    Image img = {0};
    assert_int_equal(image_load(&img, path), 0);
    return img;
}

/* Pixels that differ above the bottom strip (where sound captions such as "[tick]" come and go). */
static long pixels_differing(const Image *a, const Image *b)
{
    assert_true(a->w == b->w && a->h == b->h);
    long n = 0, rows = a->h - a->h / 16;
    for (long i = 0; i < (long)a->w * rows * 4; i += 4)
        n += memcmp(a->px + i, b->px + i, 3) != 0;
    return n;
}

/* The pause dialog is cached with the dimmed screen below it: moving the focus must still show at once,
 * and moving it back must give the same picture. */
static void test_cached_dialog_follows_focus(void **state)
{
    App *app = *state;
    test_frame(app);
    test_key(app, SDLK_RETURN, 0); /* the Lab */
    test_key(app, SDLK_F5, 0);
    assert_string_equal(app_top_name(app), "pause");
    Image a = shot_of(app, "pause-resume");
    test_key(app, SDLK_DOWN, 0);
    Image b = shot_of(app, "pause-title");
    test_key(app, SDLK_UP, 0);
    Image c = shot_of(app, "pause-resume-again");
    assert_true(pixels_differing(&a, &b) > 500); /* two buttons changed their look */
    assert_int_equal(pixels_differing(&a, &c), 0);
    image_free(&a);
    image_free(&b);
    image_free(&c);
}

static void test_blank_screen(void **state)
{
    App *app = *state;
    test_frame(app);
    test_key(app, SDLK_b, 0);
    assert_true(app->blank);
    test_key(app, SDLK_RETURN, 0); /* brings the picture back and does nothing else */
    assert_false(app->blank);
    assert_string_equal(app_top_name(app), "title");
    test_key(app, SDLK_PERIOD, 0);
    assert_true(app->blank);
    test_key(app, SDLK_PERIOD, 0);
    assert_false(app->blank);
}

static void test_mouse(void **state)
{
    App *app = *state;
    test_frame(app);
    TitleLayout L = layout_title(&app->frame);
    click(app, L.menu[4]);
    assert_string_equal(app_top_name(app), "settings");
    test_key(app, SDLK_ESCAPE, 0);
    click(app, L.menu[5]);
    assert_string_equal(app_top_name(app), "confirm-quit");
    assert_true(app->running);
}

static void test_settings_persist(void **state)
{
    App *app = *state;
    test_frame(app);
    for (int i = 0; i < 4; i++)
        test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app_top_name(app), "settings");
    int v0 = app->settings.volume;
    test_key(app, SDLK_LEFT, 0); /* volume down 10 */
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RETURN, 0); /* mute toggles */
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RIGHT, 0); /* reduced motion */
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RIGHT, 0); /* colour-blind palette */
    Settings s;
    char msg[256];
    assert_int_equal(settings_load(&s, app->settings_path, msg, sizeof msg), SETTINGS_LOADED);
    assert_int_equal(s.volume, v0 - 10);
    assert_true(s.mute);
    assert_true(s.reduced_motion);
    assert_true(s.colorblind);
    assert_int_equal(app->pal.accent.r, 0xc8); /* palette switched live */
}

/* press and release one button of the virtual pad, a frame each */
static void press(App *app, SDL_Joystick *js, SDL_GameControllerButton b)
{
    SDL_JoystickSetVirtualButton(js, b, 1);
    test_frame(app);
    SDL_JoystickSetVirtualButton(js, b, 0);
    test_frame(app);
}

static void test_virtual_gamepad(void **state)
{
    App *app = *state;
    test_frame(app);
    int idx = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 6, SDL_CONTROLLER_BUTTON_MAX, 0);
    assert_true(idx >= 0);
    test_frame(app); /* device-added event: the app opens it */
    assert_true(SDL_IsGameController(idx));
    assert_non_null(app->pads[0]);
    SDL_Joystick *js = SDL_GameControllerGetJoystick(app->pads[0]);
    /* D-pad down twice, then A: Academy */
    press(app, js, SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    press(app, js, SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    press(app, js, SDL_CONTROLLER_BUTTON_A);
    assert_string_equal(app_top_name(app), "academy");
    press(app, js, SDL_CONTROLLER_BUTTON_B);
    assert_string_equal(app_top_name(app), "title");
    /* left stick down then A: focus was on Academy (2), moves to History (3) */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, 30000);
    test_frame(app);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, 0);
    test_frame(app);
    press(app, js, SDL_CONTROLLER_BUTTON_A);
    assert_string_equal(app_top_name(app), "history");
    press(app, js, SDL_CONTROLLER_BUTTON_START);
    assert_string_equal(app_top_name(app), "pause");
    SDL_JoystickDetachVirtual(idx);
    test_frame(app);
    assert_null(app->pads[0]);
}

static void test_fixed_step_is_independent_of_frame_rate(void **state)
{
    App *app = *state;
    test_frame(app);
    double t0 = app->time;
    for (int i = 0; i < 30; i++) /* one second at 30 fps */
        app_frame(app, 1.0 / 30.0);
    double t1 = app->time;
    for (int i = 0; i < 144; i++) /* one second at 144 fps */
        app_frame(app, 1.0 / 144.0);
    double t2 = app->time;
    assert_true(t1 - t0 > 0.985 && t1 - t0 < 1.015);
    assert_true(t2 - t1 > 0.985 && t2 - t1 < 1.015);
}

static void test_corrupt_settings_do_not_stop_the_game(void **state)
{
    (void)state;
    char dir[256], p[512];
    snprintf(dir, sizeof dir, "/tmp/oc-corrupt-XXXXXX");
    assert_non_null(mkdtemp(dir));
    oc_path_join(p, sizeof p, dir, "settings.json");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("{\"version\":1, \"volume\": [", f);
    fclose(f);
    GameOptions o;
    options_defaults(&o);
    o.headless = true;
    o.size_w = 640;
    o.size_h = 360;
    oc_strlcpy(o.data_dir, dir, sizeof o.data_dir);
    App *app = calloc(1, sizeof *app);
    char err[512];
    assert_int_equal(app_init(app, &o, err, sizeof err), 0);
    test_frame(app);
    assert_non_null(strstr(app->toast, "settings.json"));
    assert_int_equal(app->settings.volume, 80);
    app_shutdown(app);
    free(app);
    Settings s;
    char msg[256];
    assert_int_equal(settings_load(&s, p, msg, sizeof msg), SETTINGS_LOADED); /* defaults written back */
    char aside[600];
    snprintf(aside, sizeof aside, "%s.corrupt-1", p);
    assert_true(oc_file_exists(aside)); /* the player's file is kept */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keyboard_menu, start, stop),
        cmocka_unit_test_setup_teardown(test_escape_never_quits_at_once, start, stop),
        cmocka_unit_test_setup_teardown(test_pause_overlay_in_a_mode, start, stop),
        cmocka_unit_test_setup_teardown(test_cached_dialog_follows_focus, start, stop),
        cmocka_unit_test_setup_teardown(test_blank_screen, start, stop),
        cmocka_unit_test_setup_teardown(test_mouse, start, stop),
        cmocka_unit_test_setup_teardown(test_settings_persist, start, stop),
        cmocka_unit_test_setup_teardown(test_virtual_gamepad, start, stop),
        cmocka_unit_test_setup_teardown(test_fixed_step_is_independent_of_frame_rate, start, stop),
        cmocka_unit_test(test_corrupt_settings_do_not_stop_the_game),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
