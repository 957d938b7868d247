/* The Lab in a headless app, driven by the same actions keys, clickers and gamepads send: the chest, back
 * and neck are refused with their reasons on screen; reps, the wrap and the side-by-side view react. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "lab.h"
#include "png_check.h"
#include "test_app.h"

static const char *outdir;

static void settle(App *app, int n)
{
    for (int i = 0; i < n; i++)
        test_frame(app);
}

static void shot(App *app, const char *name, Image *img)
{
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/%s.png", outdir, name);
    assert_int_equal(app_screenshot(app, path, err, sizeof err), 0);
    assert_int_equal(image_load(img, path), 0);
}

/* Focus the "Body part" control (tenth from the left with the simple tightness control) and step it. */
static void pick(App *app, int steps)
{
    for (int i = 0; i < steps; i++) {
        app_dispatch(app, ACT_UP);
        settle(app, 1);
    }
}

static void test_refusals_on_screen(void **state)
{
    (void)state;
    App *app = test_app_start("lab-play", 1280, 720, true);
    assert_non_null(app);
    app_push(app, scene_create(SCENE_LAB));
    settle(app, 3);
    assert_string_equal(app_top_name(app), "lab");
    Frame f = layout_frame(1280, 720);
    LabLayout L = lab_layout(&f, false);
    Image limb, chest, neck;
    shot(app, "lab-play-arm", &limb);
    double rgb_limb[3];
    image_mean(&limb, &f, lab_measure_rect(L.views[0]), rgb_limb);
    /* to the Body part control: Rep, Auto, Rest, Wrap, Tightness, Advanced, Load, Speed, Pause, View, Body part */
    for (int i = 0; i < 10; i++) {
        app_dispatch(app, ACT_RIGHT);
        settle(app, 1);
    }
    pick(app, 5); /* arm, forearm, thigh, calf, shoulder, chest */
    settle(app, 2);
    shot(app, "lab-play-chest", &chest);
    pick(app, 2); /* back, neck */
    settle(app, 2);
    shot(app, "lab-play-neck", &neck);
    /* the limb is gone: a card with the reason sits where it was (the neck's card is dark red) */
    LRect card = {L.views[0].x + 60, L.views[0].y + L.views[0].h * 0.3f, L.views[0].w - 120, L.views[0].h * 0.3f};
    double c_chest[3], c_neck[3];
    image_mean(&chest, &f, card, c_chest);
    image_mean(&neck, &f, card, c_neck);
    printf("  limb area rgb %.0f %.0f %.0f; chest card %.0f %.0f %.0f; neck card %.0f %.0f %.0f\n", rgb_limb[0],
           rgb_limb[1], rgb_limb[2], c_chest[0], c_chest[1], c_chest[2], c_neck[0], c_neck[1], c_neck[2]);
    assert_true(c_neck[0] > c_neck[2] + 10);   /* red safety card */
    assert_true(c_chest[2] > c_chest[0] + 10); /* blue-grey explanation card */
    assert_true(image_bright_fraction(&neck, &f, card, 150) > 0.01); /* with words on it */
    /* one more step comes back round to the upper arm */
    pick(app, 1);
    settle(app, 2);
    Image back;
    shot(app, "lab-play-arm-again", &back);
    double rgb_back[3];
    image_mean(&back, &f, lab_measure_rect(L.views[0]), rgb_back);
    for (int k = 0; k < 3; k++)
        assert_true(rgb_back[k] > rgb_limb[k] - 6 && rgb_back[k] < rgb_limb[k] + 6);
    image_free(&limb);
    image_free(&chest);
    image_free(&neck);
    image_free(&back);
    assert_int_equal(test_app_stop(app), 0);
}

/* Tab switches to the side-by-side pair; the wrap and a few reps make the left one darker. */
static void test_side_by_side_and_reps(void **state)
{
    (void)state;
    App *app = test_app_start("lab-play-side", 1280, 720, true);
    assert_non_null(app);
    app_push(app, scene_create(SCENE_LAB));
    settle(app, 3);
    app_dispatch(app, ACT_FLIP); /* Tab: compare */
    app_dispatch(app, ACT_ALT);  /* N: wrap on */
    settle(app, 2);
    for (int r = 0; r < 40; r++) { /* clicker "next": one rep each, 2 s apart */
        app_dispatch(app, ACT_NEXT);
        settle(app, 121);
    }
    Frame f = layout_frame(1280, 720);
    LabLayout L = lab_layout(&f, true);
    Image img;
    shot(app, "lab-play-side", &img);
    double a[3], b[3];
    image_mean(&img, &f, lab_measure_rect(L.views[0]), a);
    image_mean(&img, &f, lab_measure_rect(L.views[1]), b);
    printf("  after 40 reps: with wrap %.0f %.0f %.0f, without %.0f %.0f %.0f\n", a[0], a[1], a[2], b[0], b[1], b[2]);
    /* the wrapped limb's muscle turned purple (blue up, red down) while the twin's stayed red */
    assert_true(a[2] - a[0] > b[2] - b[0] + 10);
    image_free(&img);
    assert_int_equal(test_app_stop(app), 0);
}

/* Pixels of r that clearly differ between two screenshots of the same size. */
static long pixels_differ(const Image *a, const Image *b, const Frame *f, LRect r)
{
    int x, y, w, h;
    layout_to_px(f, r, &x, &y, &w, &h);
    long n = 0;
    for (int j = y; j < y + h && j < a->h; j++)
        for (int i = x; i < x + w && i < a->w; i++) {
            const unsigned char *p = a->px + 4 * ((size_t)j * (size_t)a->w + (size_t)i);
            const unsigned char *q = b->px + 4 * ((size_t)j * (size_t)b->w + (size_t)i);
            int d = 0;
            for (int k = 0; k < 3; k++)
                d += p[k] > q[k] ? p[k] - q[k] : q[k] - p[k];
            n += d > 60; /* a glyph's edge may shade a little differently when a panel is repainted */
        }
    return n;
}

/* Enter on "Advanced" shows the cuff's own controls before it and keeps the focus on "Advanced", so a second
 * Enter switches it back off (and does not change the pressure instead). */
static void test_advanced_toggles_back(void **state)
{
    (void)state;
    App *app = test_app_start("lab-play-adv", 1280, 720, true);
    assert_non_null(app);
    app_push(app, scene_create(SCENE_LAB));
    settle(app, 3);
    /* Rep, Auto reps, Rest, Wrap, Tightness, Advanced */
    for (int i = 0; i < 5; i++) {
        app_dispatch(app, ACT_RIGHT);
        settle(app, 1);
    }
    Frame f = layout_frame(1280, 720);
    LabLayout L = lab_layout(&f, false);
    Image off, on, back;
    shot(app, "lab-play-adv-off", &off);
    app_dispatch(app, ACT_ACCEPT);
    settle(app, 2);
    shot(app, "lab-play-adv-on", &on);
    app_dispatch(app, ACT_ACCEPT);
    settle(app, 2);
    shot(app, "lab-play-adv-back", &back);
    /* thirteen buttons with the cuff's three: the focus (accent colour) sits on the eighth, "Advanced" */
    float gap = 8, w = (L.controls.w - gap * 12) / 13;
    LRect adv = {L.controls.x + 7 * (w + gap), L.controls.y, w, L.controls.h};
    LRect aop = {L.controls.x + 5 * (w + gap), L.controls.y, w, L.controls.h};
    double c_adv[3], c_aop[3];
    image_mean(&on, &f, adv, c_adv);
    image_mean(&on, &f, aop, c_aop);
    /* the row right of "Auto reps": the sound cue's caption shows over the bottom-left corner for a while */
    LRect row = {L.controls.x + 2 * (w + gap), L.controls.y, L.controls.w - 2 * (w + gap), L.controls.h};
    long d_on = pixels_differ(&off, &on, &f, row), d_back = pixels_differ(&off, &back, &f, row);
    printf("  advanced on: Advanced button rgb %.0f %.0f %.0f, %% AOP button %.0f %.0f %.0f; controls differ by "
           "%ld px on, %ld px after the second Enter\n",
           c_adv[0], c_adv[1], c_adv[2], c_aop[0], c_aop[1], c_aop[2], d_on, d_back);
    assert_true(d_on > 1000);
    double dist = 0;
    for (int k = 0; k < 3; k++)
        dist += c_adv[k] > c_aop[k] ? c_adv[k] - c_aop[k] : c_aop[k] - c_adv[k];
    assert_true(dist > 30);
    assert_int_equal(d_back, 0); /* the same row, the same focus, Advanced off again */
    image_free(&off);
    image_free(&on);
    image_free(&back);
    assert_int_equal(test_app_stop(app), 0);
}

int main(int argc, char **argv)
{
    outdir = argc > 1 ? argv[1] : ".";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals_on_screen),
        cmocka_unit_test(test_side_by_side_and_reps),
        cmocka_unit_test(test_advanced_toggles_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
