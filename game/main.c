/* occlusion-coach: the game. */
#include <stdio.h>
#include <string.h>

#include "academy.h"
#include "app.h"
#include "oc_version.h"
#include "room_ui.h"

int main(int argc, char **argv)
{
    GameOptions opt;
    char err[1024];
    options_defaults(&opt);
    if (options_parse(&opt, argc, argv, err, sizeof err) != 0) {
        fprintf(stderr, "occlusion-coach: %s\n", err);
        return 2;
    }
    if (opt.help) {
        fputs(options_usage(), stdout);
        return 0;
    }
    if (opt.version) {
        printf("occlusion-coach %s\n", OC_VERSION_STRING);
        return 0;
    }
    if (opt.check_levels) {
        char dir[OC_PATH_MAX];
        app_levels_dir(&opt, dir, sizeof dir);
        return academy_check(dir, stdout);
    }
    App app;
    if (app_init(&app, &opt, err, sizeof err) != 0) {
        fprintf(stderr, "occlusion-coach: %s\n", err);
        return 1;
    }
    int rc = 0;
    if (opt.headless) {
        for (int i = 0; i < opt.frames && app.running; i++) {
            Uint64 t0 = SDL_GetPerformanceCounter();
            app_frame(&app, 1.0 / 60.0);
            /* while the room serves phones, headless frames keep real time (60 per second) instead of
             * spinning: the countdowns mean seconds to the people answering */
            if (room_ui_on(&app)) {
                double spent = (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
                if (spent < 1.0 / 60.0)
                    SDL_Delay((Uint32)((1.0 / 60.0 - spent) * 1000.0));
            }
        }
        if (opt.screenshot[0] && app_screenshot(&app, opt.screenshot, err, sizeof err) != 0) {
            fprintf(stderr, "occlusion-coach: --screenshot %s\n", err);
            rc = 1;
        }
    } else {
        app_run(&app, opt.frames_set ? opt.frames : -1);
    }
    app_shutdown(&app);
    return rc;
}
