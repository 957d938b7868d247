/* Captions and notices cover nothing: on the title, the Academy map, Settings and a quiz question, at 720p,
 * 1080p and 4K, a frame with a caption and a long notice differs from the same frame without them only in
 * the strip along the bottom edge (APP_NOTICE_H), which no scene draws in. Screenshots are left in the
 * output folder. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy_ui.h"
#include "app.h"
#include "test_app.h"

static const char *outdir = ".";

static Uint32 *grab(App *app)
{
    Uint32 *px = malloc((size_t)app->pw * (size_t)app->ph * 4);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, px, app->pw * 4), 0);
    return px;
}

/* First physical row where the two frames differ (ph if none). */
static int first_diff_row(App *app, const Uint32 *a, const Uint32 *b)
{
    for (int y = 0; y < app->ph; y++)
        for (int x = 0; x < app->pw; x++)
            if ((a[(size_t)y * app->pw + x] & 0xFFFFFF) != (b[(size_t)y * app->pw + x] & 0xFFFFFF))
                return y;
    return app->ph;
}

typedef enum { AT_TITLE, AT_MAP, AT_SETTINGS, AT_QUIZ } Where;

static void check_at(int w, int h, Where where, const char *tag)
{
    App *app = test_app_start("notices", w, h, true);
    assert_non_null(app);
    app->settings.reduced_motion = true; /* the title holds still between the two frames */
    AcademyData *ad = NULL;
    if (where == AT_MAP || where == AT_SETTINGS)
        app_push(app, scene_create(where == AT_MAP ? SCENE_ACADEMY : SCENE_SETTINGS));
    if (where == AT_QUIZ) {
        test_frame(app);
        ad = academy_data_create(app);
        assert_non_null(ad);
        app_push(app, scene_quiz_at(ad, 0, 0));
    }
    for (int i = 0; i < 3; i++)
        test_frame(app);
    app_frame(app, 0.0);
    Uint32 *before = grab(app);
    app_cue(app, CUE_MOVE); /* muted: "[tick]" as a caption */
    app_toast(app, "Screenshot saved: /home/trainer/.local/share/OcclusionCoach/occlusion-coach/"
                   "screenshot-20261125-194500.png");
    app_frame(app, 0.0);
    Uint32 *after = grab(app);
    if (w == 1920) { /* one size is enough to look at */
        char path[512];
        snprintf(path, sizeof path, "%s/notices-%s-%dx%d.png", outdir, tag, w, h);
        char err[256];
        assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    }
    int row = first_diff_row(app, before, after);
    int strip = (int)((app->frame.lh - APP_NOTICE_H) * app->frame.scale) - 1;
    printf("%s %dx%d: notices start at row %d, the strip at %d\n", tag, w, h, row, strip);
    assert_true(row < app->ph); /* they are shown */
    assert_true(row >= strip);  /* and only there */
    /* a notice too long for one line grows upwards, staying in the bottom quarter */
    app_toast(app, "Settings could not be saved: /a/rather/long/path/to/the/data/folder/settings.json is read-only "
                   "(the folder belongs to another user, and the disk is nearly full as well), so this notice "
                   "needs more than one line at every size, which is rare");
    app_frame(app, 0.0);
    Uint32 *longer = grab(app);
    row = first_diff_row(app, before, longer);
    assert_true(row < strip);
    assert_true(row > app->ph * 3 / 4);
    free(longer);
    free(before);
    free(after);
    if (ad) {
        app_set_root(app, scene_create(SCENE_TITLE));
        test_frame(app);
        academy_data_destroy(ad);
    }
    assert_int_equal(test_app_stop(app), 0);
}

static void check_all(Where where, const char *tag)
{
    check_at(1280, 720, where, tag);
    check_at(1920, 1080, where, tag);
    check_at(3840, 2160, where, tag);
}

static void test_title(void **state)
{
    (void)state;
    check_all(AT_TITLE, "title");
}

static void test_academy_map(void **state)
{
    (void)state;
    check_all(AT_MAP, "academy");
}

static void test_settings_swatches(void **state)
{
    (void)state;
    check_all(AT_SETTINGS, "settings");
}

static void test_quiz(void **state)
{
    (void)state;
    check_all(AT_QUIZ, "quiz");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        outdir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_academy_map),
        cmocka_unit_test(test_settings_swatches),
        cmocka_unit_test(test_quiz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
