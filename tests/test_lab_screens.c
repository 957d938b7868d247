/* End to end: the real binary plays the Lab's demo headless (--scene lab --demo --at ...), and the muscle's
 * drawn area and colour are measured from the screenshots' pixels: at rest, after the fourth set and after
 * the release, with and without the wrap, for every body part, side by side, in the colour-blind palette,
 * and the debrief. The times come from the core's own demo (src/lab.c), not from numbers copied here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lab.h"
#include "png_check.h"

static const char *game;
static const char *outdir;

typedef struct Look {
    double area;   /* the muscle's silhouette, as a share of the measured rectangle */
    double luma;   /* the muscle's mean luminance */
    double rgb[3]; /* and mean colour */
} Look;

/* Muscle: a saturated red, purple or (colour-blind palette) vermilion to blue-violet, with green the weakest
 * channel below red; skin, tendons, veins, the wrap and the backdrop are not. */
static bool is_muscle(const unsigned char *p)
{
    int r = p[0], g = p[1], b = p[2];
    int mx = r > g ? (r > b ? r : b) : (g > b ? g : b), mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
    return mx > 30 && (mx - mn) * 100 > 55 * mx && g <= r && g * 10 < 7 * mx;
}

static bool is_skin(const unsigned char *p)
{
    int r = p[0], g = p[1], b = p[2];
    return r > 150 && g * 100 > 65 * r && g * 100 < 85 * r && b * 100 > 50 * r && b < g;
}

static Look look_at(const Image *img, LRect box)
{
    Frame f = layout_frame(img->w, img->h);
    LRect r = lab_measure_rect(box);
    int x0 = (int)floorf(r.x * f.scale), y0 = (int)floorf(r.y * f.scale);
    int x1 = (int)ceilf((r.x + r.w) * f.scale), y1 = (int)ceilf((r.y + r.h) * f.scale);
    Look k = {0};
    long n = 0, nm = 0, total = 0;
    double sum[3] = {0, 0, 0};
    /* the drawn area is the muscle's silhouette: per row, from its first to its last muscle pixel (particles,
     * fibre lines and veins over it do not make holes) */
    for (int y = y0; y < y1 && y < img->h; y++) {
        int first = -1, last = -1;
        for (int x = x0; x < x1 && x < img->w; x++) {
            const unsigned char *p = &img->px[4 * ((size_t)y * (size_t)img->w + (size_t)x)];
            total++;
            if (!is_muscle(p))
                continue;
            if (first < 0)
                first = x;
            last = x;
            nm++;
            for (int c = 0; c < 3; c++)
                sum[c] += p[c];
        }
        if (first >= 0)
            n += last - first + 1;
    }
    k.area = total ? (double)n / (double)total : 0.0;
    for (int c = 0; c < 3; c++)
        k.rgb[c] = nm ? sum[c] / (double)nm : 0.0;
    k.luma = 0.2126 * k.rgb[0] + 0.7152 * k.rgb[1] + 0.0722 * k.rgb[2];
    return k;
}

/* When the demo's fourth set ends, from the core that the game runs. */
static double set4_end(BodyPart part, bool cuff)
{
    Lab *lab = malloc(sizeof *lab);
    assert_non_null(lab);
    lab_start_demo(lab, part, cuff);
    while (lab->set4_end_t < 0.0 && lab_time(lab) < 1200.0)
        lab_run(lab, 0.05);
    double t = lab->set4_end_t;
    free(lab);
    assert_true(t > 0.0);
    return t;
}

static void shoot(const char *name, int w, int h, const char *limb, const char *cuff, double at, const char *extra,
                  const char *datadir, Image *img)
{
    char cmd[3072], png[1024], dd[1024];
    snprintf(png, sizeof png, "%s/%s.png", outdir, name);
    if (datadir)
        snprintf(dd, sizeof dd, "%s", datadir);
    else
        snprintf(dd, sizeof dd, "%s/lab-data", outdir);
    /* one frame: the picture at exactly --at (plus one frame's 1/60 s) */
    snprintf(cmd, sizeof cmd,
             "'%s' --headless --scene lab --demo --limb %s --lab-cuff %s --at %.3f --size %dx%d --frames 1 "
             "--data-dir '%s' --screenshot '%s' %s",
             game, limb, cuff, at, w, h, dd, png, extra ? extra : "");
    if (run_cmd(cmd) != 0)
        fail_msg("command failed: %s", cmd);
    assert_int_equal(image_load(img, png), 0);
    assert_int_equal(img->w, w);
    assert_int_equal(img->h, h);
}

static LRect view_box(int w, int h, bool side, int which)
{
    Frame f = layout_frame(w, h);
    return lab_layout(&f, side).views[which];
}

static Look shoot_look(const char *name, int w, int h, const char *limb, const char *cuff, double at)
{
    Image img;
    shoot(name, w, h, limb, cuff, at, NULL, NULL, &img);
    Look k = look_at(&img, view_box(w, h, false, 0));
    image_free(&img);
    printf("  %-28s area %.4f  luma %6.1f  rgb %5.1f %5.1f %5.1f\n", name, k.area, k.luma, k.rgb[0], k.rgb[1], k.rgb[2]);
    return k;
}

/* The upper arm at 720p: rest, after set 4, 4 minutes after release; with the wrap, then without. */
static void test_arm_rest_pump_release(void **state)
{
    (void)state;
    double t4 = set4_end(BODY_UPPER_ARM, true);
    Look rest = shoot_look("lab-arm-rest", 1280, 720, "arm", "on", 0.0);
    Look pump = shoot_look("lab-arm-set4", 1280, 720, "arm", "on", t4 - 0.05);
    Look back = shoot_look("lab-arm-release", 1280, 720, "arm", "on", t4 + 240.0);
    assert_true(rest.area > 0.05); /* a muscle is drawn at all */
    /* with the wrap: grows and darkens */
    assert_true(pump.area > rest.area * 1.12);
    assert_true(pump.luma < rest.luma * 0.85);
    /* and recovers after release: most of the way back in size and colour */
    assert_true(back.area < pump.area);
    assert_true(back.area - rest.area < 0.6 * (pump.area - rest.area));
    assert_true(back.luma > pump.luma + 0.6 * (rest.luma - pump.luma));

    double u4 = set4_end(BODY_UPPER_ARM, false);
    Look urest = shoot_look("lab-arm-nowrap-rest", 1280, 720, "arm", "off", 0.0);
    Look u = shoot_look("lab-arm-nowrap-set4", 1280, 720, "arm", "off", u4 - 0.05);
    Look uback = shoot_look("lab-arm-nowrap-release", 1280, 720, "arm", "off", u4 + 240.0);
    /* without the wrap: close to its resting look throughout */
    assert_true(fabs(urest.area - rest.area) < 0.01 * rest.area + 1e-3);
    assert_true(fabs(u.area / urest.area - 1.0) < 0.10);
    assert_true(fabs(u.luma / urest.luma - 1.0) < 0.10);
    assert_true(fabs(uback.area / urest.area - 1.0) < 0.06);
    /* the wrapped muscle changed far more than the unwrapped one on the same script */
    assert_true(pump.area / rest.area - 1.0 > 2.0 * fabs(u.area / urest.area - 1.0));
}

/* Every body part at 1080p: the muscle drawn, pumped and darkened by the end of the fourth set. */
static void test_every_part(void **state)
{
    (void)state;
    static const char *const ids[BODY_PART_COUNT] = {"arm", "forearm", "thigh", "calf", "shoulder"};
    for (int p = 0; p < BODY_PART_COUNT; p++) {
        char n0[64], n1[64];
        snprintf(n0, sizeof n0, "lab-%s-rest-1080p", ids[p]);
        snprintf(n1, sizeof n1, "lab-%s-set4-1080p", ids[p]);
        double t4 = set4_end((BodyPart)p, true);
        Look rest = shoot_look(n0, 1920, 1080, ids[p], "on", 0.0);
        Look pump = shoot_look(n1, 1920, 1080, ids[p], "on", t4 - 0.05);
        if (!(rest.area > 0.04 && pump.area > rest.area * 1.10 && pump.luma < rest.luma * 0.85))
            fail_msg("%s: area %.4f -> %.4f, luma %.1f -> %.1f", ids[p], rest.area, pump.area, rest.luma, pump.luma);
        /* purple: blue rises relative to red as oxygen falls */
        assert_true(pump.rgb[2] / pump.rgb[0] > rest.rgb[2] / rest.rgb[0] + 0.3);
    }
}

/* 4K, side by side: the wrapped limb (left) is bigger and darker than its twin (right) on the same reps. */
static void test_side_by_side_4k(void **state)
{
    (void)state;
    double t4 = set4_end(BODY_THIGH, true);
    Image img;
    shoot("lab-thigh-side-4k", 3840, 2160, "thigh", "on", t4 - 0.05, "--lab-view side", NULL, &img);
    Look with = look_at(&img, view_box(3840, 2160, true, 0)), without = look_at(&img, view_box(3840, 2160, true, 1));
    printf("  side by side 4K: with area %.4f luma %.1f, without area %.4f luma %.1f\n", with.area, with.luma,
           without.area, without.luma);
    assert_true(without.area > 0.04);
    assert_true(with.area > without.area * 1.10);
    assert_true(with.luma < without.luma * 0.85);
    assert_true(image_luma_stddev(&img) > 15.0);
    image_free(&img);
}

/* The colour-blind palette: the starved muscle turns blue-violet (never a red/green contrast). */
static void test_colorblind(void **state)
{
    (void)state;
    char dd[1024], path[1100];
    snprintf(dd, sizeof dd, "%s/lab-data-cb", outdir);
    snprintf(path, sizeof path, "mkdir -p '%s'", dd);
    assert_int_equal(run_cmd(path), 0);
    snprintf(path, sizeof path, "%s/settings.json", dd);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"version\": 1, \"colorblind_palette\": true, \"reduced_motion\": true}\n", f);
    fclose(f);
    double t4 = set4_end(BODY_CALF, true);
    Image a, b;
    shoot("lab-calf-cb-rest", 1280, 720, "calf", "on", 0.0, NULL, dd, &a);
    shoot("lab-calf-cb-set4", 1280, 720, "calf", "on", t4 - 0.05, NULL, dd, &b);
    Look rest = look_at(&a, view_box(1280, 720, false, 0)), pump = look_at(&b, view_box(1280, 720, false, 0));
    printf("  colour-blind calf: rest rgb %.0f %.0f %.0f, set 4 rgb %.0f %.0f %.0f\n", rest.rgb[0], rest.rgb[1],
           rest.rgb[2], pump.rgb[0], pump.rgb[1], pump.rgb[2]);
    assert_true(rest.rgb[0] > rest.rgb[2]); /* vermilion at rest */
    assert_true(pump.rgb[2] > pump.rgb[0]); /* blue-violet when starved */
    assert_true(pump.luma < rest.luma * 0.8);
    image_free(&a);
    image_free(&b);
}

/* After the run the debrief chart replaces the limb: lines drawn, no muscle. */
static void test_debrief(void **state)
{
    (void)state;
    double t4 = set4_end(BODY_UPPER_ARM, true);
    Image img;
    shoot("lab-arm-debrief", 1920, 1080, "arm", "on", t4 + LAB_DEMO_RECOVERY + 1.0, NULL, NULL, &img);
    Frame f = layout_frame(img.w, img.h);
    LabLayout L = lab_layout(&f, true);
    LRect area = {L.views[0].x, L.views[0].y, L.views[1].x + L.views[1].w - L.views[0].x, L.views[0].h};
    /* no limb: no skin anywhere in the chart area */
    Frame fr = layout_frame(img.w, img.h);
    long skin = 0, total = 0;
    for (int y = (int)(area.y * fr.scale); y < (int)((area.y + area.h) * fr.scale); y++)
        for (int x = (int)(area.x * fr.scale); x < (int)((area.x + area.w) * fr.scale); x++, total++)
            skin += is_skin(&img.px[4 * ((size_t)y * (size_t)img.w + (size_t)x)]);
    double lit = image_bright_fraction(&img, &f, area, 110);
    printf("  debrief: skin share %.5f, bright share %.4f\n", (double)skin / (double)total, lit);
    assert_true((double)skin / (double)total < 0.001);
    assert_true(lit > 0.005 && lit < 0.2);
    image_free(&img);
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
        cmocka_unit_test(test_arm_rest_pump_release),
        cmocka_unit_test(test_every_part),
        cmocka_unit_test(test_side_by_side_4k),
        cmocka_unit_test(test_colorblind),
        cmocka_unit_test(test_debrief),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
