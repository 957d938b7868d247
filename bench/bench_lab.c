/* bench_lab: CPU time per frame of the Muscle Lab in the middle of its demo (the fourth set's pump: every
 * particle on screen, the wrap, the flows), one limb and side by side, at 1920x1080 and 3840x2160 on the
 * software renderer, each run alternated with the floor of bench_frame: a bare SDL2 + SDL2_ttf program at
 * the same size that clears, renders one line of text afresh and presents. Medians of several runs.
 * Prints figures; asserts nothing (the target is 3x the floor).
 *
 *   bench_lab [--frames N] [--runs R] [--at SECONDS] [--json]   (--at 20: the wrap on at rest, no reps) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "bench_floor.h"
#include "oc_util.h"
#include "scene_lab.h"

static double bare_ms(int w, int h, const char *font, long frames)
{
    BenchFloor b;
    if (bench_floor_init(&b, w, h, font) != 0)
        exit(1);
    double ms = bench_floor_ms(&b, (int)frames);
    bench_floor_quit(&b);
    return ms;
}

static double lab_ms(App *app, bool side, double at, long frames)
{
    /* the thigh (the largest muscle on screen) near the end of its fourth set: the pump at its fullest */
    app_set_root(app, scene_create(SCENE_TITLE));
    app_frame(app, 1.0 / 60.0);
    app_push(app, scene_lab_demo(BODY_THIGH, side, at));
    for (int i = 0; i < 10; i++) /* layers and text warm */
        app_frame(app, 1.0 / 60.0);
    double t0 = bench_cpu_now();
    for (long i = 0; i < frames; i++)
        app_frame(app, 1.0 / 60.0);
    return (bench_cpu_now() - t0) * 1000.0 / (double)frames;
}

int main(int argc, char **argv)
{
    long frames = 60, runs = 5;
    double at = 240.0;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc && oc_parse_long(argv[i + 1], &frames) && frames > 0)
            i++;
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc && oc_parse_long(argv[i + 1], &runs) && runs > 0 &&
                 runs <= 50)
            i++;
        else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc && oc_parse_double(argv[i + 1], &at) && at >= 0 && at <= 3600)
            i++;
        else if (strcmp(argv[i], "--json") == 0)
            json = true;
        else {
            fprintf(stderr, "usage: bench_lab [--frames N] [--runs R (1-50)] [--at SECONDS (0-3600, default 240)] [--json]\n");
            return 2;
        }
    }
    char datadir[] = "/tmp/oc-bench-lab-XXXXXX";
    if (!mkdtemp(datadir))
        return 1;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!json)
        printf("bench_lab: software renderer, headless, thigh demo at %.0f s, %ld frames x %ld runs, alternated with "
               "the floor\n%-10s %-6s %12s %12s %8s\n",
               at, frames, runs, "size", "view", "lab ms", "floor ms", "ratio");
    static const int sizes[2][2] = {{1920, 1080}, {3840, 2160}};
    int rc = 0;
    for (int z = 0; z < 2; z++) {
        GameOptions o;
        options_defaults(&o);
        o.headless = true;
        o.mute = true;
        o.size_w = sizes[z][0];
        o.size_h = sizes[z][1];
        oc_strlcpy(o.data_dir, datadir, sizeof o.data_dir);
        App app;
        char err[512];
        if (app_init(&app, &o, err, sizeof err) != 0) {
            fprintf(stderr, "bench_lab: %s\n", err);
            return 1;
        }
        char font[OC_PATH_MAX];
        oc_strlcpy(font, text_font_path(app.text, FONT_REGULAR), sizeof font);
        for (int side = 0; side < 2; side++) {
            double g[50], f[50], r[50];
            for (long k = 0; k < runs; k++) {
                g[k] = lab_ms(&app, side, at, frames);
                f[k] = bare_ms(sizes[z][0], sizes[z][1], font, frames);
                r[k] = g[k] / f[k];
            }
            double gm = bench_median(g, (int)runs), fm = bench_median(f, (int)runs), rm = bench_median(r, (int)runs);
            if (json)
                printf("{\"scene\":\"lab-%s\",\"size\":\"%dx%d\",\"lab_ms\":%.3f,\"floor_ms\":%.3f,\"ratio\":%.3f}\n",
                       side ? "side" : "single", sizes[z][0], sizes[z][1], gm, fm, rm);
            else
                printf("%4dx%-5d %-6s %12.3f %12.3f %7.2fx   (target <= 3x)\n", sizes[z][0], sizes[z][1],
                       side ? "side" : "single", gm, fm, rm);
        }
        app_shutdown(&app);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
