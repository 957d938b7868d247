/* End to end: the real binary renders the title headless at 720p and 4K; the PNGs must show the
 * title, every menu item and the footer where the layout puts them, at both sizes alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "png_check.h"

static const char *game;
static const char *outdir;

static void shoot(int w, int h, const char *extra, const char *name, Image *img)
{
    char cmd[2048], png[1024];
    snprintf(png, sizeof png, "%s/%s", outdir, name);
    snprintf(cmd, sizeof cmd, "'%s' --headless --size %dx%d --frames 3 --data-dir '%s/data-%s' --screenshot '%s' %s",
             game, w, h, outdir, name, png, extra);
    assert_int_equal(run_cmd(cmd), 0);
    assert_int_equal(image_load(img, png), 0);
    assert_int_equal(img->w, w);
    assert_int_equal(img->h, h);
}

typedef struct Measure {
    double title, subtitle, menu[TITLE_MENU_ITEMS], gap, footer, stddev;
    double focus_rgb[3], other_rgb[3];
} Measure;

static Measure measure(const Image *img)
{
    Measure m;
    Frame f = layout_frame(img->w, img->h);
    TitleLayout L = layout_title(&f);
    m.stddev = image_luma_stddev(img);
    m.title = image_bright_fraction(img, &f, L.title, 200);
    m.subtitle = image_bright_fraction(img, &f, L.subtitle, 120);
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        m.menu[i] = image_bright_fraction(img, &f, L.menu[i], 200);
    /* the strip between the subtitle and the menu holds nothing */
    LRect gap = {L.menu[0].x, L.subtitle.y + L.subtitle.h + 4, L.menu[0].w, L.menu[0].y - (L.subtitle.y + L.subtitle.h) - 12};
    m.gap = image_bright_fraction(img, &f, gap, 120);
    m.footer = image_bright_fraction(img, &f, L.footer, 100);
    LRect band0 = {L.menu[0].x + 8, L.menu[0].y + 8, 40, L.menu[0].h - 16}; /* button edge, no text */
    LRect band1 = {L.menu[1].x + 8, L.menu[1].y + 8, 40, L.menu[1].h - 16};
    image_mean(img, &f, band0, m.focus_rgb);
    image_mean(img, &f, band1, m.other_rgb);
    return m;
}

static void check(const Measure *m)
{
    assert_true(m->stddev > 15.0); /* not a blank or flat picture */
    assert_true(m->title > 0.08 && m->title < 0.6);
    assert_true(m->subtitle > 0.02);
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        if (!(m->menu[i] > 0.01 && m->menu[i] < 0.5))
            fail_msg("menu item %d: bright fraction %.3f", i, m->menu[i]);
    assert_true(m->gap < 0.001);
    assert_true(m->footer > 0.005);
    /* the focused button is red (the accent), the others are blue-grey */
    assert_true(m->focus_rgb[0] > 140 && m->focus_rgb[0] > 2 * m->focus_rgb[2]);
    assert_true(m->other_rgb[2] > m->other_rgb[0]);
}

static void test_720p_and_4k(void **state)
{
    (void)state;
    Image a, b;
    shoot(1280, 720, "", "title-720p.png", &a);
    shoot(3840, 2160, "", "title-4k.png", &b);
    Measure ma = measure(&a), mb = measure(&b);
    check(&ma);
    check(&mb);
    /* same picture at both sizes: the title covers the same share of its box */
    assert_true(ma.title / mb.title > 0.8 && ma.title / mb.title < 1.25);
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        assert_true(ma.menu[i] / mb.menu[i] > 0.7 && ma.menu[i] / mb.menu[i] < 1.4);
    image_free(&a);
    image_free(&b);
}

static void test_other_scenes_render(void **state)
{
    (void)state;
    static const char *const scenes[] = {"lab", "session", "academy", "history", "settings"};
    for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++) {
        char extra[64], name[64];
        snprintf(extra, sizeof extra, "--scene %s", scenes[i]);
        snprintf(name, sizeof name, "%s-1080p.png", scenes[i]);
        Image img;
        shoot(1920, 1080, extra, name, &img);
        assert_true(image_luma_stddev(&img) > 15.0);
        Frame f = layout_frame(img.w, img.h);
        /* every scene has its heading in the top-left corner */
        assert_true(image_bright_fraction(&img, &f, (LRect){80, 50, 500, 90}, 200) > 0.05);
        image_free(&img);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s GAME OUTDIR\n", argv[0]);
        return 2;
    }
    game = argv[1];
    outdir = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_720p_and_4k),
        cmocka_unit_test(test_other_scenes_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
