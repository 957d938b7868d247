/* occlusion-coach: the game. */
#include <stdio.h>
#include <string.h>

#include "academy.h"
#include "app.h"
#include "oc_util.h"
#include "oc_version.h"
#include "room_ui.h"
#include "session_protocol.h"
#include "session_scene.h"
#include "store.h"

/* --export-csv FILE: the history of the data dir's database, one row per set. */
static int export_csv(const GameOptions *opt)
{
    char dir[OC_PATH_MAX], path[OC_PATH_MAX + 64], notice[1400], err[1400];
    if (opt->data_dir[0]) {
        oc_strlcpy(dir, opt->data_dir, sizeof dir);
    } else {
        char *pref = SDL_GetPrefPath("OcclusionCoach", "occlusion-coach");
        oc_strlcpy(dir, pref ? pref : ".", sizeof dir);
        SDL_free(pref);
    }
    oc_path_join(path, sizeof path, dir, STORE_FILE);
    Store *s = NULL; /* no database yet: the header alone */
    if (oc_file_exists(path)) {
        s = store_open(path, notice, sizeof notice);
        if (notice[0])
            fprintf(stderr, "occlusion-coach: %s\n", notice);
        if (!s)
            return 1;
    } else {
        fprintf(stderr, "occlusion-coach: --export-csv: no history yet in %s\n", dir);
    }
    int rc;
    if (strcmp(opt->export_csv, "-") == 0) {
        rc = store_export_csv(s, stdout, err, sizeof err);
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = oc_fail(err, sizeof err, "standard output: write error");
    } else {
        rc = store_export_csv_file(s, opt->export_csv, err, sizeof err);
    }
    store_close(s);
    if (rc != 0) {
        fprintf(stderr, "occlusion-coach: --export-csv: %s\n", err);
        return 1;
    }
    if (strcmp(opt->export_csv, "-") != 0)
        printf("wrote %s\n", opt->export_csv);
    return 0;
}

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
    if (opt.export_csv[0])
        return export_csv(&opt);
    if (opt.check_protocols) {
        char dir[OC_PATH_MAX];
        session_protocols_dir(&opt, dir, sizeof dir);
        return session_protocol_check(dir, stdout);
    }
    if (opt.protocol[0]) { /* a broken plan is refused before any window opens */
        SessionProtocol plan;
        if (session_protocol_load(opt.protocol, &plan, err, sizeof err) != 0) {
            fprintf(stderr, "occlusion-coach: --protocol %s\n", err);
            return 1;
        }
    }
    bool autoplay_run = opt.headless && opt.autoplay && opt.scene == SCENE_SESSION;
    if (autoplay_run && !opt.frames_set)
        opt.frames = 1000000; /* the session scene ends the run when the session is over */
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
        if (autoplay_run && session_autoplay_status() != 0) {
            fprintf(stderr, "occlusion-coach: --autoplay: %s\n", session_autoplay_message());
            rc = 1;
        }
    } else {
        app_run(&app, opt.frames_set ? opt.frames : -1);
    }
    app_shutdown(&app);
    return rc;
}
