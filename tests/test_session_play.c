/* The Guided Session played through its keys, the way a trainer would: setup, thirteen screening answers,
 * the wrap placed and checked, 3-2-1, reps counted with Space, then a stop for pain. Screenshots of each
 * screen are kept in test-output; the phase band's colour and the history database are checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"
#include "png_check.h"
#include "session_ui.h"
#include "store.h"
#include "test_app.h"

static const char *out_dir = ".";

static void frames(App *app, int n)
{
    for (int i = 0; i < n; i++)
        test_frame(app);
}

static void shot(App *app, const char *name, Image *img)
{
    char path[1024], err[300];
    snprintf(path, sizeof path, "%s/%s", out_dir, name);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    if (img)
        assert_int_equal(image_load(img, path), 0);
}

static void test_trainer_runs_and_stops_a_session(void **state)
{
    (void)state;
    App *app = test_app_start("session-play", 1920, 1080, true);
    assert_non_null(app);
    app_push(app, scene_create(SCENE_SESSION));
    frames(app, 3);
    assert_string_equal(app_top_name(app), "session");
    /* the athlete's name: Up to Athletes (the Phones row sits above it), Enter, type (the first key
     * replaces the default), a typo undone */
    test_key(app, SDLK_UP, 0);
    test_key(app, SDLK_RETURN, 0);
    test_text(app, "Zo");
    test_text(app, "\xC3\xAB"); /* e with diaeresis: two bytes, one character */
    test_text(app, "x");
    test_key(app, SDLK_BACKSPACE, 0);
    frames(app, 2);
    shot(app, "session-setup.png", NULL);
    test_key(app, SDLK_RETURN, 0); /* the only name is done */
    test_key(app, SDLK_DOWN, 0);
    test_key(app, SDLK_RETURN, 0); /* Start */
    frames(app, 2);
    shot(app, "session-screening.png", NULL);
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        test_key(app, SDLK_RETURN, 0); /* "No" is the first button */
    test_key(app, SDLK_RETURN, 0);     /* Next: everyone has answered */
    test_key(app, SDLK_RETURN, 0);     /* Put the wraps on */
    frames(app, 2);
    shot(app, "session-wrap.png", NULL);
    test_key(app, SDLK_RETURN, 0); /* the wrap is on */
    frames(app, 2);
    shot(app, "session-tightness.png", NULL);
    test_key(app, SDLK_RETURN, 0); /* feels right */
    frames(app, 240);              /* 3-2-1 */
    for (int i = 0; i < 5; i++) {
        test_key(app, SDLK_SPACE, 0);
        frames(app, 10);
    }
    frames(app, 60);
    Image img;
    shot(app, "session-set.png", &img);
    /* the phase band shows the set's colour, vermillion */
    double rgb[3];
    image_mean(&img, &app->frame, (LRect){120, 300, 40, 8}, rgb); /* under the word's baseline */
    /* the phase word (LIFT) stands at least 12 % of the screen height: white ink from its top to its foot */
    float ink_top = -1, ink_foot = -1;
    for (float y = 110; y < 330; y += 2)
        if (image_bright_fraction(&img, &app->frame, (LRect){80, y, 500, 2}, 235) > 0.02) {
            if (ink_top < 0)
                ink_top = y;
            ink_foot = y + 2;
        }
    image_free(&img);
    if (ink_top < 0 || ink_foot - ink_top < 0.12f * 1080)
        fail_msg("phase word stands %.0f lu of 1080, expected at least 12 %%", ink_top < 0 ? 0.0 : ink_foot - ink_top);
    if (!(rgb[0] > 180 && rgb[1] > 70 && rgb[1] < 120 && rgb[2] < 40))
        fail_msg("set band colour %.0f,%.0f,%.0f, expected vermillion", rgb[0], rgb[1], rgb[2]);
    test_key(app, SDLK_BACKSPACE, 0); /* stop: the dialog asks why */
    frames(app, 2);
    shot(app, "session-stop-dialog.png", NULL);
    test_key(app, SDLK_RETURN, 0); /* pain above 7/10 */
    frames(app, 90);               /* past the flash */
    shot(app, "session-stopped.png", &img);
    image_mean(&img, &app->frame, (LRect){120, 300, 40, 8}, rgb);
    image_free(&img);
    if (!(rgb[0] > 170 && rgb[1] > 90 && rgb[1] < 150 && rgb[2] > 140))
        fail_msg("stopped band colour %.0f,%.0f,%.0f, expected reddish purple", rgb[0], rgb[1], rgb[2]);
    test_key(app, SDLK_RETURN, 0); /* every wrap is off: the debrief */
    frames(app, 3);
    shot(app, "session-debrief.png", NULL);

    /* the history: one stopped session, its first set with the five reps counted, the reason kept */
    char path[1200], notice[600], err[600];
    oc_path_join(path, sizeof path, test_app_datadir(), STORE_FILE);
    char csv[1200];
    snprintf(csv, sizeof csv, "%s/session-play.csv", out_dir);
    Store *st = store_open(path, notice, sizeof notice);
    assert_non_null(st);
    assert_int_equal(store_export_csv_file(st, csv, err, sizeof err), 0);
    store_close(st);
    size_t len = 0;
    char *text = oc_read_file(csv, &len, err, sizeof err);
    assert_non_null(text);
    if (!strstr(text, ",Zo\xC3\xAB,") || !strstr(text, ",stopped,1,0,5,") || !strstr(text, "pain"))
        fail_msg("history:\n%s", text);
    free(text);
    assert_int_equal(test_app_stop(app), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        out_dir = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_trainer_runs_and_stops_a_session)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
