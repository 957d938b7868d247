#define _POSIX_C_SOURCE 200809L
#include "test_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

static char datadir[256];

const char *test_app_datadir(void)
{
    return datadir;
}

App *test_app_start_options(const char *tag, GameOptions *o)
{
    snprintf(datadir, sizeof datadir, "/tmp/oc-%s-XXXXXX", tag);
    if (!mkdtemp(datadir))
        return NULL;
    oc_strlcpy(o->data_dir, datadir, sizeof o->data_dir);
    App *app = calloc(1, sizeof *app);
    char err[512];
    if (!app || app_init(app, o, err, sizeof err) != 0) {
        fprintf(stderr, "app_init: %s\n", app ? err : "out of memory");
        free(app);
        return NULL;
    }
    return app;
}

App *test_app_start(const char *tag, int w, int h, bool mute)
{
    GameOptions o;
    options_defaults(&o);
    o.headless = true;
    o.size_w = w;
    o.size_h = h;
    o.mute = mute;
    return test_app_start_options(tag, &o);
}

App *test_app_start_window(const char *tag, bool mute)
{
    GameOptions o;
    options_defaults(&o);
    o.windowed = true;
    o.win_w = 640;
    o.win_h = 360;
    o.mute = mute;
    return test_app_start_options(tag, &o);
}

int test_app_stop(App *app)
{
    app_shutdown(app);
    free(app);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    return system(cmd) == 0 ? 0 : -1;
}

void test_frame(App *app)
{
    app_frame(app, 1.0 / 60.0);
}

long test_run_for(App *app, double seconds)
{
    long before = app->frames_presented;
    app->run_seconds = seconds;
    app_run(app, -1);
    return app->frames_presented - before;
}

void test_key(App *app, SDL_Keycode k, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    test_frame(app);
}

void test_text(App *app, const char *s)
{
    SDL_Event e = {0};
    e.type = SDL_TEXTINPUT;
    oc_strlcpy(e.text.text, s, sizeof e.text.text);
    SDL_PushEvent(&e);
    test_frame(app);
}
