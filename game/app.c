#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <SDL_ttf.h>
#include <math.h>
#include <signal.h>
#include <stb/stb_image_write.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx.h"
#include "oc_util.h"
#include "room_ui.h"
#include "store.h"

#ifndef OC_SOURCE_DIR
#define OC_SOURCE_DIR "."
#endif
#ifndef OC_INSTALL_DATADIR
#define OC_INSTALL_DATADIR "/usr/local/share/occlusion-coach"
#endif

/* assets/ next to the binary (build tree copy), the installed data dir, then the source tree. */
void app_locate_assets(char *out, size_t cap)
{
    const char *env = getenv("OC_ASSETS_DIR");
    char cand[3][OC_PATH_MAX + 16];
    int n = 0;
    char *base = SDL_GetBasePath();
    if (base) {
        snprintf(cand[n++], OC_PATH_MAX, "%sassets", base);
        SDL_free(base);
    }
    snprintf(cand[n++], OC_PATH_MAX, "%s/assets", OC_INSTALL_DATADIR);
    snprintf(cand[n++], OC_PATH_MAX, "%s/assets", OC_SOURCE_DIR);
    if (env && *env) {
        oc_strlcpy(out, env, cap);
        return;
    }
    for (int i = 0; i < n; i++) {
        char probe[OC_PATH_MAX + 64];
        oc_path_join(probe, sizeof probe, cand[i], "sounds/select.wav");
        if (oc_file_exists(probe)) {
            oc_strlcpy(out, cand[i], cap);
            return;
        }
    }
    oc_strlcpy(out, cand[n - 1], cap);
}

void app_levels_dir(const GameOptions *opt, char *out, size_t cap)
{
    if (opt->levels_dir[0]) {
        oc_strlcpy(out, opt->levels_dir, cap);
        return;
    }
    /* levels/ sits beside assets/, in the source tree and in the installed data dir alike */
    char assets[OC_PATH_MAX];
    app_locate_assets(assets, sizeof assets);
    size_t n = strlen(assets);
    while (n > 1 && assets[n - 1] == '/')
        assets[--n] = '\0';
    char *slash = strrchr(assets, '/');
    if (slash)
        slash[1] = '\0';
    else
        oc_strlcpy(assets, "./", sizeof assets);
    snprintf(out, cap, "%slevels/academy", assets);
}

void app_apply_palette(App *app)
{
    Palette *p = &app->pal;
    app->dirty = true;
    gfx_cache_flush(app->gfx);
    p->bg_top = gfx_rgba(0x16, 0x1d, 0x33, 255);
    p->bg_bottom = gfx_rgba(0x08, 0x0b, 0x16, 255);
    p->panel = gfx_rgba(0x24, 0x2d, 0x4a, 255);
    p->panel_hi = gfx_rgba(0x33, 0x3f, 0x66, 255);
    p->text = gfx_rgba(0xf4, 0xf1, 0xea, 255);
    p->text_dim = gfx_rgba(0xa9, 0xb1, 0xc8, 255);
    p->focus = gfx_rgba(0xff, 0xe0, 0x8a, 255);
    if (app->settings.colorblind) {
        /* Okabe-Ito: blue for safe, yellow for warning, vermilion for danger, never red against green.
         * The three differ in lightness as well as hue. Danger is a lightened vermilion (#D55E00 is
         * only 3.5:1 on the panels) so it still reads at 4.5:1 as text on a panel or the backdrop. */
        p->accent = gfx_rgba(0xc8, 0x62, 0x00, 255);
        p->accent2 = gfx_rgba(0x56, 0xb4, 0xe9, 255);
        p->good = gfx_rgba(0x00, 0x9e, 0xd8, 255);
        p->bad = gfx_rgba(0xf0, 0x70, 0x30, 255);
        p->warn = gfx_rgba(0xf0, 0xe4, 0x42, 255);
    } else {
        p->accent = gfx_rgba(0xb8, 0x2e, 0x3d, 255);
        p->accent2 = gfx_rgba(0x4f, 0x8c, 0xd6, 255);
        p->good = gfx_rgba(0x3c, 0xb3, 0x71, 255);
        p->bad = gfx_rgba(0xe5, 0x48, 0x4d, 255);
        p->warn = gfx_rgba(0xf2, 0xb1, 0x34, 255);
    }
}

static void update_size(App *app)
{
    if (app->canvas) {
        app->pw = app->canvas->w;
        app->ph = app->canvas->h;
    } else {
        SDL_GetRendererOutputSize(app->ren, &app->pw, &app->ph);
    }
    app->dirty = true;
    Frame f = layout_frame(app->pw, app->ph);
    if (f.scale != app->frame.scale)
        text_flush(app->text); /* glyphs are rasterised for one scale */
    gfx_cache_flush(app->gfx);
    app->frame = f;
}

/* ---- SIGTERM / SIGINT: a gym PC shutting down must not hang on the "Leave?" dialog ---- */

static volatile sig_atomic_t pending_signal;

static void on_signal(int sig)
{
    pending_signal = sig;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a sleeping poll() returns at once */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

/* Save and end the loop; the scenes' leave() runs in app_shutdown as on any quit. */
static void check_signal(App *app)
{
    if (!pending_signal || app->signalled)
        return;
    SDL_Log("signal %d: saving and quitting", (int)pending_signal);
    app->signalled = true;
    app_save_settings(app);
    app->running = false;
}

static int open_pads(App *app)
{
    int opened = 0;
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        if (!SDL_IsGameController(i))
            continue;
        SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(i);
        bool have = false;
        for (int k = 0; k < 4; k++)
            if (app->pads[k] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(app->pads[k])) == id)
                have = true;
        if (have)
            continue;
        for (int k = 0; k < 4; k++)
            if (!app->pads[k]) {
                app->pads[k] = SDL_GameControllerOpen(i);
                opened += app->pads[k] != NULL;
                break;
            }
    }
    return opened;
}

/* OpenGL drawn by the CPU (Mesa's llvmpipe or softpipe: no GPU, as under Xvfb, in most virtual machines
 * and on PCs without a working driver) costs several times the CPU of SDL's own software renderer for our
 * frames (cached layers copied opaque, a few small blended things): the animated title measured 2.6-5.6
 * CPU-s per 10 s against 0.5 in a 1920x1080 window under Xvfb. Names the GL rasteriser in `name`. */
static bool gl_is_software(SDL_Renderer *ren, char *name, size_t n)
{
    SDL_RendererInfo info;
    name[0] = '\0';
    if (SDL_GetRendererInfo(ren, &info) != 0 || strncmp(info.name, "opengl", 6) != 0)
        return false;
    typedef const unsigned char *(*GetString)(unsigned int);
    GetString get = (GetString)SDL_GL_GetProcAddress("glGetString");
    const char *r = get ? (const char *)get(0x1F01 /* GL_RENDERER */) : NULL;
    if (!r)
        return false;
    oc_strlcpy(name, r, n);
    return strstr(r, "llvmpipe") || strstr(r, "softpipe") || strstr(r, "swrast") || strstr(r, "Software Rasterizer");
}

/* The window's renderer: an explicit SDL_RENDER_DRIVER in the environment is always honoured; otherwise
 * SDL's first choice (a GPU's), unless that is OpenGL rasterised by the CPU, then SDL's software renderer.
 * `why` says which and why (logged with OC_VERBOSE=1). */
static SDL_Renderer *create_renderer(SDL_Window *win, char *why, size_t n)
{
    const char *env = SDL_getenv("SDL_RENDER_DRIVER");
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    char gl[128];
    if (env && env[0]) {
        snprintf(why, n, "SDL_RENDER_DRIVER=%s", env);
    } else if (ren && gl_is_software(ren, gl, sizeof gl)) {
        SDL_DestroyRenderer(ren);
        /* and the window's own framebuffer not through that OpenGL either (SDL may put it in a GL texture:
         * every frame uploaded and drawn by llvmpipe); an SDL_FRAMEBUFFER_ACCELERATION from the environment
         * still wins */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_PRESENTVSYNC);
        if (!ren)
            ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
        snprintf(why, n, "OpenGL here is %s, drawn by the CPU: SDL's software renderer costs less", gl);
        if (!ren) {
            ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
            snprintf(why, n, "OpenGL here is %s, but the software renderer failed", gl);
        }
    } else {
        snprintf(why, n, "%s", ren ? "SDL's first choice" : "no accelerated renderer");
    }
    if (!ren)
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    return ren;
}

int app_init(App *app, const GameOptions *opt, char *err, size_t errlen)
{
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    app->start_counter = SDL_GetPerformanceCounter();
    app->anim_last_hz = APP_ANIM_HZ;
    app->dirty = true;
    if (opt->headless)
        SDL_setenv("SDL_VIDEODRIVER", "dummy", 0);
    /* our own handlers: SDL's would turn SIGTERM into a window close, which asks "Leave?" first */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    pending_signal = 0;
    install_signals();
    SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_GAMECONTROLLER) != 0)
        return oc_fail(err, errlen, "SDL: %s", SDL_GetError());

    /* Data dir: settings, history and scores. */
    if (opt->data_dir[0]) {
        oc_strlcpy(app->data_dir, opt->data_dir, sizeof app->data_dir);
    } else {
        char *pref = SDL_GetPrefPath("OcclusionCoach", "occlusion-coach");
        oc_strlcpy(app->data_dir, pref ? pref : ".", sizeof app->data_dir);
        SDL_free(pref);
    }
    char msg[512];
    if (oc_mkdirs(app->data_dir, msg, sizeof msg) != 0) {
        SDL_Quit();
        return oc_fail(err, errlen, "--data-dir: %s", msg);
    }
    if (!oc_path_join(app->settings_path, sizeof app->settings_path, app->data_dir, "settings.json")) {
        SDL_Quit();
        return oc_fail(err, errlen, "--data-dir: '%s' is too long for the files kept in it", app->data_dir);
    }
    app_open_store(app);
    SettingsStatus st = settings_load(&app->settings, app->settings_path, msg, sizeof msg);
    if (st == SETTINGS_CORRUPT || st == SETTINGS_REPAIRED || st == SETTINGS_UNREADABLE) {
        SDL_Log("settings: %s", msg);
        app_toast(app, msg);
        app->settings_kept = st == SETTINGS_UNREADABLE; /* never save over a file we could not read */
        if (!app->settings_kept)
            app_save_settings(app);
    }
    if (opt->mute)
        app->settings.mute = true;
    if (opt->fullscreen)
        app->settings.fullscreen = true;
    if (opt->windowed)
        app->settings.fullscreen = false;
    app_apply_palette(app);
    app_locate_assets(app->assets_dir, sizeof app->assets_dir);

    if (opt->headless) {
        app->canvas = SDL_CreateRGBSurfaceWithFormat(0, opt->size_w, opt->size_h, 32, SDL_PIXELFORMAT_ARGB8888);
        app->ren = app->canvas ? SDL_CreateSoftwareRenderer(app->canvas) : NULL;
        if (!app->ren) {
            oc_fail(err, errlen, "headless renderer: %s", SDL_GetError());
            app_shutdown(app);
            return -1;
        }
    } else {
        int disp = opt->display >= 0 ? opt->display : 0;
        if (opt->display >= SDL_GetNumVideoDisplays()) {
            oc_fail(err, errlen, "--display: display %d does not exist (this system has %d: 0 to %d)", opt->display,
                    SDL_GetNumVideoDisplays(), SDL_GetNumVideoDisplays() - 1);
            app_shutdown(app);
            return -1;
        }
        int w = opt->windowed ? opt->win_w : 1280, h = opt->windowed ? opt->win_h : 720;
        Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
        int x = SDL_WINDOWPOS_CENTERED_DISPLAY(disp), y = x, cw = w, ch = h;
        SDL_Rect b;
        if (app->settings.fullscreen && SDL_GetDisplayBounds(disp, &b) == 0) {
            /* Created already covering the display: with no window manager (a kiosk PC, bare X) the
             * full-screen request is never acted on, and the window would stay at its windowed size. */
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
            x = b.x, y = b.y, cw = b.w, ch = b.h;
        }
        app->win = SDL_CreateWindow("Occlusion Coach", x, y, cw, ch, flags);
        app->windowed_rect = (SDL_Rect){SDL_WINDOWPOS_CENTERED_DISPLAY(disp), SDL_WINDOWPOS_CENTERED_DISPLAY(disp), w, h};
        if (!app->win) {
            oc_fail(err, errlen, "window: %s", SDL_GetError());
            app_shutdown(app);
            return -1;
        }
        SDL_SetWindowMinimumSize(app->win, 640, 360);
        char why[200];
        app->ren = create_renderer(app->win, why, sizeof why);
        if (!app->ren) {
            oc_fail(err, errlen, "renderer: %s", SDL_GetError());
            app_shutdown(app);
            return -1;
        }
        SDL_RendererInfo info;
        SDL_GetRendererInfo(app->ren, &info);
        app->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        if (getenv("OC_VERBOSE"))
            SDL_Log("renderer: %s (%s)%s", info.name, why,
                    app->vsync ? "; reports vsync, frames are paced by the clock anyway" : "");
        char icon[OC_PATH_MAX + 64];
        snprintf(icon, sizeof icon, "%s/icons/occlusion-coach-64.png", app->assets_dir);
        SDL_Surface *surf = gfx_load_surface(icon, NULL, 0);
        if (surf) {
            SDL_SetWindowIcon(app->win, surf);
            gfx_free_surface(surf);
        }
    }
    app->gfx = gfx_cache_create();
    app->text = text_create(app->ren, opt->font_path, err, errlen);
    if (!app->text) {
        app_shutdown(app);
        return -1;
    }
    update_size(app);

    char sounds[OC_PATH_MAX + 16];
    snprintf(sounds, sizeof sounds, "%s/sounds", app->assets_dir);
    audio_init(&app->audio, sounds, !opt->headless);
    audio_set_volume(&app->audio, app->settings.volume, app->settings.mute);
    open_pads(app);
    SDL_StopTextInput(); /* on only while a name is being typed */

    app->running = true;
    app->first_frame_ms = -1.0;
    app_set_root(app, scene_create(SCENE_TITLE));
    if (opt->scene != SCENE_TITLE)
        app_push(app, scene_create(opt->scene));
    app->last_counter = SDL_GetPerformanceCounter();
    return 0;
}

/* A queued scene that never entered has no state of its own to release. */
static void discard_scene(Scene *s)
{
    free(s);
}

static void destroy_scene(App *app, Scene *s)
{
    if (s->leave)
        s->leave(s, app);
    free(s);
}

void app_open_store(App *app)
{
    if (app->store)
        return;
    char path[OC_PATH_MAX + 64], notice[1400];
    oc_path_join(path, sizeof path, app->data_dir, STORE_FILE);
    app->store = store_open(path, notice, sizeof notice);
    if (notice[0]) {
        SDL_Log("%s", notice);
        app_toast(app, notice);
    }
}

/* Once a day, a copy with SQLite's online backup API in <data dir>/backups; the last 7 are kept (the core
 * has no clock). Run after the first frame is on screen, so it never delays the start. */
static void backup_daily(App *app)
{
    char date[16], dir[OC_PATH_MAX + 16], err[OC_PATH_MAX + 200];
    time_t now = time(NULL);
    struct tm tm;
    if (app->store && !store_read_only(app->store) && localtime_r(&now, &tm) &&
        strftime(date, sizeof date, "%Y-%m-%d", &tm) == 10) {
        oc_path_join(dir, sizeof dir, app->data_dir, "backups");
        if (store_backup_daily(app->store, dir, date, err, sizeof err) < 0) {
            SDL_Log("%s", err);
            app_toast(app, err);
        }
    }
}

void app_shutdown(App *app)
{
    for (int i = app->depth - 1; i >= 0; i--)
        destroy_scene(app, app->stack[i]);
    app->depth = 0;
    for (int i = 0; i < app->nops; i++)
        if (app->ops[i].scene)
            discard_scene(app->ops[i].scene);
    app->nops = 0;
    room_ui_shutdown(app); /* quitting stops the room's server */
    for (int k = 0; k < 4; k++)
        if (app->pads[k])
            SDL_GameControllerClose(app->pads[k]);
    audio_shutdown(&app->audio);
    text_destroy(app->text);
    app->text = NULL;
    gfx_cache_destroy(app->gfx);
    app->gfx = NULL;
    if (app->ren)
        SDL_DestroyRenderer(app->ren);
    if (app->canvas)
        SDL_FreeSurface(app->canvas);
    if (app->win)
        SDL_DestroyWindow(app->win);
    app->ren = NULL;
    app->win = NULL;
    app->canvas = NULL;
    store_close(app->store);
    app->store = NULL;
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

/* ---- scene stack: changes are queued and applied at the start of the next frame ---- */

static void queue(App *app, SceneOpKind k, Scene *s)
{
    if (app->nops >= APP_MAX_SCENES) {
        if (s)
            discard_scene(s);
        return;
    }
    app->ops[app->nops++] = (SceneOp){k, s};
}

void app_push(App *app, Scene *s)
{
    if (s)
        queue(app, OP_PUSH, s);
}
void app_pop(App *app)
{
    queue(app, OP_POP, NULL);
}
void app_set_root(App *app, Scene *s)
{
    if (s)
        queue(app, OP_ROOT, s);
}

static void apply_ops(App *app)
{
    if (app->nops > 0)
        app->dirty = true;
    for (int i = 0; i < app->nops; i++) {
        SceneOp op = app->ops[i];
        if (op.kind == OP_POP || op.kind == OP_ROOT) {
            int keep = op.kind == OP_POP ? app->depth - 1 : 0;
            if (op.kind == OP_POP && app->depth <= 1)
                keep = app->depth; /* never pop the root */
            while (app->depth > keep)
                destroy_scene(app, app->stack[--app->depth]);
        }
        if (op.kind == OP_PUSH || op.kind == OP_ROOT) {
            if (app->depth >= APP_MAX_SCENES) {
                discard_scene(op.scene);
                continue;
            }
            app->stack[app->depth++] = op.scene;
            op.scene->serial = ++app->scene_serial;
            if (op.scene->enter)
                op.scene->enter(op.scene, app);
        }
    }
    app->nops = 0;
}

const char *app_top_name(const App *app)
{
    return app->depth > 0 ? app->stack[app->depth - 1]->name : "";
}

void app_request_quit(App *app)
{
    if (strcmp(app_top_name(app), "confirm-quit") != 0)
        app_push(app, scene_confirm_quit());
}

void app_cue(App *app, Cue c)
{
    if (!audio_play(&app->audio, c)) {
        oc_strlcpy(app->caption, audio_caption(c), sizeof app->caption);
        app->caption_until = app->time + 1.5;
        app_redraw(app);
        app_wake_at(app, app->caption_until);
    }
}

void app_toast(App *app, const char *msg)
{
    oc_strlcpy(app->toast, msg, sizeof app->toast);
    app->toast_until = app->time + 6.0;
    app_redraw(app);
    app_wake_at(app, app->toast_until);
}

void app_save_settings(App *app)
{
    char err[OC_PATH_MAX + 128];
    if (app->settings_kept) {
        snprintf(err, sizeof err, "%s could not be read at start; changes are not saved, so it stays as it was",
                 app->settings_path);
        app_toast(app, err);
    } else if (settings_save(&app->settings, app->settings_path, err, sizeof err) != 0) {
        SDL_Log("settings: %s", err);
        app_toast(app, err);
    }
    audio_set_volume(&app->audio, app->settings.volume, app->settings.mute);
}

void app_toggle_fullscreen(App *app)
{
    app->settings.fullscreen = !app->settings.fullscreen;
    if (app->win) {
        int d = SDL_GetWindowDisplayIndex(app->win);
        SDL_Rect b;
        if (app->settings.fullscreen && d >= 0 && SDL_GetDisplayBounds(d, &b) == 0) {
            /* cover the display first, so that full screen holds even with no window manager */
            SDL_Rect *r = &app->windowed_rect; /* remembered for the way back */
            SDL_GetWindowPosition(app->win, &r->x, &r->y);
            SDL_GetWindowSize(app->win, &r->w, &r->h);
            SDL_SetWindowPosition(app->win, b.x, b.y);
            SDL_SetWindowSize(app->win, b.w, b.h);
            SDL_SetWindowFullscreen(app->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
        } else if (app->settings.fullscreen) {
            SDL_SetWindowFullscreen(app->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
        } else {
            SDL_SetWindowFullscreen(app->win, 0);
            const SDL_Rect *r = &app->windowed_rect;
            if (r->w > 0 && r->h > 0) {
                SDL_SetWindowSize(app->win, r->w, r->h);
                SDL_SetWindowPosition(app->win, r->x, r->y);
            }
        }
        update_size(app);
    }
    app_save_settings(app);
}

int app_screenshot(App *app, const char *path, char *err, size_t errlen)
{
    int w = app->pw, h = app->ph;
    unsigned char *px = malloc((size_t)w * (size_t)h * 4);
    if (!px)
        return oc_fail(err, errlen, "%s: out of memory for a %dx%d screenshot", path, w, h);
    if (SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, w * 4) != 0) {
        free(px);
        return oc_fail(err, errlen, "%s: cannot read the screen (%s)", path, SDL_GetError());
    }
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        px[4 * i + 3] = 255;
    int ok = stbi_write_png(path, w, h, 4, px, w * 4);
    free(px);
    return ok ? 0 : oc_fail(err, errlen, "%s: cannot write PNG", path);
}

static void screenshot_key(App *app)
{
    char name[64], path[OC_PATH_MAX + 64], err[512];
    time_t now = time(NULL);
    struct tm tmv;
    localtime_r(&now, &tmv);
    strftime(name, sizeof name, "screenshot-%Y%m%d-%H%M%S.png", &tmv);
    oc_path_join(path, sizeof path, app->data_dir, name);
    if (app_screenshot(app, path, err, sizeof err) == 0) {
        char msg[OC_PATH_MAX + 96];
        snprintf(msg, sizeof msg, "Screenshot saved: %s", path);
        app_toast(app, msg);
    } else {
        app_toast(app, err);
    }
}

/* ---- input ---- */

void app_dispatch(App *app, Action a)
{
    if (a == ACT_NONE || app->depth == 0)
        return;
    app->dirty = true;
    if (a == ACT_BLANK) {
        app->blank = !app->blank;
        return;
    }
    if (app->blank) { /* any key brings the picture back, and does nothing else */
        app->blank = false;
        return;
    }
    Scene *top = app->stack[app->depth - 1];
    if (top->action)
        top->action(top, app, a);
}

static Action key_action(const SDL_KeyboardEvent *k)
{
    switch (k->keysym.sym) {
    case SDLK_UP:
    case SDLK_w:
        return ACT_UP;
    case SDLK_DOWN:
    case SDLK_s:
        return ACT_DOWN;
    case SDLK_LEFT:
    case SDLK_a:
        return ACT_LEFT;
    case SDLK_RIGHT:
    case SDLK_d:
        return ACT_RIGHT;
    case SDLK_PAGEUP:
        return ACT_PREV;
    case SDLK_PAGEDOWN:
        return ACT_NEXT;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return ACT_ACCEPT;
    case SDLK_BACKSPACE:
        return ACT_BACK;
    case SDLK_ESCAPE:
    case SDLK_F5:
        return ACT_PAUSE;
    case SDLK_b:
    case SDLK_PERIOD:
        return ACT_BLANK;
    case SDLK_TAB:
    case SDLK_v:
        return ACT_FLIP;
    case SDLK_n:
        return ACT_ALT;
    default:
        return ACT_NONE;
    }
}

static Action pad_action(Uint8 button)
{
    switch (button) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        return ACT_UP;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        return ACT_DOWN;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        return ACT_LEFT;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        return ACT_RIGHT;
    case SDL_CONTROLLER_BUTTON_A:
        return ACT_ACCEPT;
    case SDL_CONTROLLER_BUTTON_B:
        return ACT_BACK;
    case SDL_CONTROLLER_BUTTON_START:
        return ACT_PAUSE;
    case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        return ACT_PREV;
    case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER:
        return ACT_NEXT;
    case SDL_CONTROLLER_BUTTON_Y:
        return ACT_FLIP;
    case SDL_CONTROLLER_BUTTON_X:
        return ACT_ALT;
    default:
        return ACT_NONE;
    }
}

static int pad_slot(App *app, SDL_JoystickID id)
{
    for (int k = 0; k < 4; k++)
        if (app->pads[k] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(app->pads[k])) == id)
            return k;
    return -1;
}

void app_text_input(App *app, bool on)
{
    if (on == app->typing)
        return;
    app->typing = on;
    if (on)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

typedef enum { PTR_MOVE, PTR_RELEASE, PTR_PRESS } PointerKind;

static void pointer(App *app, int px, int py, PointerKind kind)
{
    float sx = 1.0f, sy = 1.0f;
    if (app->win) { /* window coordinates to output pixels (high-DPI) */
        int ww, wh;
        SDL_GetWindowSize(app->win, &ww, &wh);
        if (ww > 0 && wh > 0) {
            sx = (float)app->pw / (float)ww;
            sy = (float)app->ph / (float)wh;
        }
    }
    app->mouse_lx = (float)px * sx / app->frame.scale;
    app->mouse_ly = (float)py * sy / app->frame.scale;
    if (app->blank) {
        if (kind == PTR_RELEASE)
            app->blank = false;
        return;
    }
    Scene *top = app->depth ? app->stack[app->depth - 1] : NULL;
    if (top && kind == PTR_PRESS && top->press)
        top->press(top, app, app->mouse_lx, app->mouse_ly);
    else if (top && kind != PTR_PRESS && top->pointer)
        top->pointer(top, app, app->mouse_lx, app->mouse_ly, kind == PTR_RELEASE);
}

/* Events after which the picture may differ. Key releases, raw joystick traffic and the like change nothing
 * (a stick that crosses its threshold becomes an action, which redraws). */
static bool event_changes_screen(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_KEYUP:
    case SDL_JOYAXISMOTION:
    case SDL_JOYBALLMOTION:
    case SDL_JOYHATMOTION:
    case SDL_JOYBUTTONDOWN:
    case SDL_JOYBUTTONUP:
    case SDL_JOYDEVICEADDED:
    case SDL_JOYDEVICEREMOVED:
    case SDL_CONTROLLERAXISMOTION:
    case SDL_CONTROLLERBUTTONUP:
    case SDL_CONTROLLERSENSORUPDATE:
    case SDL_SENSORUPDATE:
    case SDL_AUDIODEVICEADDED:
    case SDL_AUDIODEVICEREMOVED:
    case SDL_KEYMAPCHANGED:
    case SDL_CLIPBOARDUPDATE:
    case SDL_POLLSENTINEL:
        return false;
    case SDL_WINDOWEVENT:
        return e->window.event != SDL_WINDOWEVENT_MOVED && e->window.event != SDL_WINDOWEVENT_ENTER &&
               e->window.event != SDL_WINDOWEVENT_LEAVE && e->window.event != SDL_WINDOWEVENT_TAKE_FOCUS;
    default:
        return true;
    }
}

static void handle_event(App *app, const SDL_Event *e)
{
    if (event_changes_screen(e))
        app->dirty = true;
    switch (e->type) {
    case SDL_QUIT:
        app_request_quit(app); /* closing the window asks too: a session may be running */
        break;
    case SDL_KEYDOWN: {
        SDL_Keycode k = e->key.keysym.sym;
        if (k == SDLK_F11 || (k == SDLK_RETURN && (e->key.keysym.mod & KMOD_ALT))) {
            if (!e->key.repeat)
                app_toggle_fullscreen(app);
            break;
        }
        if (k == SDLK_F12) {
            if (!e->key.repeat)
                screenshot_key(app);
            break;
        }
        if (app->typing && k >= SDLK_SPACE && k < SDLK_DELETE)
            break; /* arrives as SDL_TEXTINPUT */
        Action a = key_action(&e->key);
        if (e->key.repeat && (a == ACT_PAUSE || a == ACT_BLANK || a == ACT_ACCEPT))
            break;
        app_dispatch(app, a);
        break;
    }
    case SDL_MOUSEMOTION:
        pointer(app, e->motion.x, e->motion.y, PTR_MOVE);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT)
            pointer(app, e->button.x, e->button.y, PTR_RELEASE);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            pointer(app, e->button.x, e->button.y, PTR_PRESS);
        break;
    case SDL_TEXTINPUT: {
        Scene *top = app->depth ? app->stack[app->depth - 1] : NULL;
        if (app->typing && top && top->text)
            top->text(top, app, e->text.text);
        break;
    }
    case SDL_CONTROLLERDEVICEADDED:
        open_pads(app);
        break;
    case SDL_CONTROLLERDEVICEREMOVED: {
        int k = pad_slot(app, e->cdevice.which);
        if (k >= 0) {
            SDL_GameControllerClose(app->pads[k]);
            app->pads[k] = NULL;
        }
        break;
    }
    case SDL_CONTROLLERBUTTONDOWN:
        app_dispatch(app, pad_action(e->cbutton.button));
        break;
    case SDL_CONTROLLERAXISMOTION: {
        int k = pad_slot(app, e->caxis.which);
        if (k < 0 || (e->caxis.axis != SDL_CONTROLLER_AXIS_LEFTY && e->caxis.axis != SDL_CONTROLLER_AXIS_LEFTX))
            break;
        int v = e->caxis.value, dir = 0;
        if (v < -20000)
            dir = e->caxis.axis == SDL_CONTROLLER_AXIS_LEFTY ? 1 : 3;
        else if (v > 20000)
            dir = e->caxis.axis == SDL_CONTROLLER_AXIS_LEFTY ? 2 : 4;
        else if (v > -8000 && v < 8000)
            dir = 0;
        else
            break;
        if (dir != app->stick_dir[k] && dir != 0)
            app_dispatch(app, dir == 1 ? ACT_UP : dir == 2 ? ACT_DOWN : dir == 3 ? ACT_LEFT : ACT_RIGHT);
        app->stick_dir[k] = dir;
        break;
    }
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            update_size(app);
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        text_flush(app->text);
        gfx_cache_flush(app->gfx);
        break;
    default:
        break;
    }
}

/* ---- frame ---- */

/* Captions (bottom left) and notices (bottom right) live in a strip along the bottom edge, below every
 * scene's content (which ends above lh - APP_NOTICE_H): they never cover a title, a name, a button or the
 * colour swatches, at any window size. A notice too long for one line grows upwards. */
static void draw_overlays(App *app)
{
    const Palette *p = &app->pal;
    const float pad = 16, text = 21, lh = app->frame.lh, lw = app->frame.lw;
    LRect strip = {pad, lh - APP_NOTICE_H, lw - 2 * pad, APP_NOTICE_H - 2};
    float left = strip.x;
    if (app->time < app->caption_until && app->caption[0]) {
        float w = gfx_text_width(app, FONT_BOLD, text, app->caption) + 32;
        LRect r = {strip.x, strip.y, w, strip.h};
        gfx_round_rect(app, r, 10, gfx_rgba(0, 0, 0, 215));
        gfx_text_in(app, FONT_BOLD, text, (LRect){r.x - 8, r.y, r.w, r.h}, ALIGN_LEFT, p->focus, app->caption);
        left = r.x + r.w + 12;
    }
    if (app->time < app->toast_until && app->toast[0]) {
        float avail = strip.x + strip.w - left, tw = gfx_text_width(app, FONT_REGULAR, text, app->toast) + 32;
        if (tw <= avail) {
            LRect r = {strip.x + strip.w - tw, strip.y, tw, strip.h};
            gfx_round_rect(app, r, 10, gfx_rgba(0x40, 0x2a, 0x05, 240));
            gfx_text_in(app, FONT_REGULAR, text, (LRect){r.x - 8, r.y, r.w, r.h}, ALIGN_LEFT, p->text, app->toast);
        } else {
            float h = gfx_text_height(app, FONT_REGULAR, text, avail - 32, app->toast) + 8;
            LRect r = {left, strip.y + strip.h - h, avail, h};
            gfx_round_rect(app, r, 10, gfx_rgba(0x40, 0x2a, 0x05, 240));
            gfx_text_wrapped(app, FONT_REGULAR, text, r.x + 16, r.y + 4, r.w - 32, p->text, app->toast);
        }
    }
}

/* The scenes under a dimming overlay, painted once per overlay (they are frozen while it is up). */
#define APP_UNDER_LAYER 7
typedef struct UnderCtx {
    int from, dim_at, to; /* stack indices [from, to); the dimming goes over those below dim_at */
} UnderCtx;

static void paint_under(App *app, void *ctx)
{
    const UnderCtx *u = ctx;
    for (int i = u->from; i < u->to; i++) {
        if (i == u->dim_at)
            gfx_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, gfx_rgba(4, 6, 12, 200));
        if (app->stack[i]->draw)
            app->stack[i]->draw(app->stack[i], app);
    }
    if (u->to == u->dim_at)
        gfx_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, gfx_rgba(4, 6, 12, 200));
}

static void draw(App *app)
{
    if (app->blank) {
        gfx_clear(app, gfx_rgba(0, 0, 0, 255));
        gfx_text(app, FONT_REGULAR, 20, app->frame.lw / 2, app->frame.lh - 40, ALIGN_CENTER,
                 gfx_rgba(40, 40, 40, 255), "Screen blanked: press any key");
        return;
    }
    int first = app->depth - 1;
    while (first > 0 && app->stack[first]->overlay)
        first--;
    if (first < 0)
        first = 0;
    Scene *top = app->depth > 0 ? app->stack[app->depth - 1] : NULL;
    if (top && top->overlay && top->dim && app->depth > 1) {
        bool still = top->still_key != NULL; /* the dialog itself goes into the layer too */
        UnderCtx u = {first, app->depth - 1, still ? app->depth : app->depth - 1};
        Uint32 key = still ? ((Uint32)top->serial * 16777619u) ^ (top->still_key(top) + 1u) : top->serial;
        SDL_Texture *layer = gfx_cached_layer(app, APP_UNDER_LAYER, key, app->pw, app->ph, paint_under, &u);
        if (layer)
            gfx_copy_layer(app, layer, NULL, NULL, true);
        else
            paint_under(app, &u);
        first = u.to;
    }
    for (int i = first; i < app->depth; i++)
        if (app->stack[i]->draw)
            app->stack[i]->draw(app->stack[i], app);
    draw_overlays(app);
}

/* Fires the scheduled changes that are due: each one asks for a frame. */
static void fire_wakes(App *app)
{
    int k = 0;
    for (int i = 0; i < app->nwakes; i++) {
        if (app->wakes[i] <= app->time + 1e-9)
            app->dirty = true;
        else
            app->wakes[k++] = app->wakes[i];
    }
    app->nwakes = k;
}

static double next_wake(const App *app)
{
    double t = INFINITY;
    for (int i = 0; i < app->nwakes; i++)
        if (app->wakes[i] < t)
            t = app->wakes[i];
    return t;
}

static void frame_events(App *app)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        handle_event(app, &e);
        apply_ops(app); /* keys typed ahead go to the scene the previous key opened */
    }
    check_signal(app);
}

/* Fixed steps worth frame_dt seconds (at most max_dt: after a stall, do not try to catch up minutes). */
static void frame_update(App *app, double frame_dt, double max_dt)
{
    apply_ops(app);
    if (frame_dt > max_dt)
        frame_dt = max_dt;
    app->accumulator += frame_dt;
    while (app->accumulator >= APP_STEP_SECONDS) {
        app->accumulator -= APP_STEP_SECONDS;
        app->time += APP_STEP_SECONDS;
        Scene *top = app->depth ? app->stack[app->depth - 1] : NULL;
        if (top && top->update)
            top->update(top, app, APP_STEP_SECONDS);
        fire_wakes(app);
    }
    apply_ops(app);
}

static void frame_present(App *app)
{
    /* calls made while drawing count for the next frame */
    app->dirty = false;
    app->anim_last = app->animating; /* expect the next animation frame one period from now */
    app->anim_last_hz = app->animating ? app->anim_hz : APP_ANIM_HZ;
    app->animating = false;
    app->anim_hz = 0;
    draw(app);
    SDL_RenderPresent(app->ren);
    app->frames_presented++;
    if (app->first_frame_ms < 0) {
        app->first_frame_ms =
            (double)(SDL_GetPerformanceCounter() - app->start_counter) * 1000.0 / (double)SDL_GetPerformanceFrequency();
        backup_daily(app);
    }
}

void app_frame(App *app, double frame_dt)
{
    apply_ops(app);
    frame_events(app);
    frame_update(app, frame_dt, 0.25);
    frame_present(app);
}

static double wall_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

/* Longest single sleep: bounds the catch-up work after it and how late a signal is noticed when the
 * poll is not interrupted (the signal may land on another thread). */
#define APP_MAX_SLEEP 0.25

void app_run(App *app, long max_frames)
{
    double start = wall_seconds();
    double last = start;
    double frame_start = -INFINITY; /* when the last presented frame began */
    while (app->running && (max_frames < 0 || app->frames_presented < max_frames)) {
        double now = wall_seconds();
        if (app->run_seconds > 0 && now - start >= app->run_seconds)
            break;
        if (max_frames >= 0) /* --frames N in a window: N frames at the animation rate, then quit */
            app_animate(app);
        /* when is the next frame wanted? never sooner than one animation period after the last one */
        /* input and changes draw at the full rate; an animation alone at the rate it asked for */
        double hz = app->dirty ? APP_ANIM_HZ : app->animating ? app->anim_hz : app->anim_last ? app->anim_last_hz
                                                                                                : APP_ANIM_HZ;
        double period = 1.0 / (hz >= 1.0 && hz <= APP_ANIM_HZ ? hz : APP_ANIM_HZ);
        double due = INFINITY;
        if (app->dirty || app->animating || app->anim_last || app->nops > 0)
            due = frame_start + period;
        double wake = next_wake(app);
        if (wake < INFINITY) {
            /* the wake fires on the first fixed step at or after it */
            double steps = ceil((wake - app->time - 1e-9) / APP_STEP_SECONDS);
            double at = now + fmax(0.0, steps * APP_STEP_SECONDS - app->accumulator);
            due = fmin(due, fmax(at, frame_start + period));
        }
        double wait = due - now;
        if (app->run_seconds > 0)
            wait = fmin(wait, start + app->run_seconds - now);
        if (wait > 0) {
            SDL_Event e;
            int ms = (int)floor(fmin(wait, APP_MAX_SLEEP) * 1000.0); /* a frame may start up to 1 ms early */
            if (SDL_WaitEventTimeout(&e, ms)) {
                handle_event(app, &e);
                apply_ops(app);
            }
        }
        frame_events(app);
        now = wall_seconds();
        /* game time follows the clock through sleeps; only a real stall (a suspended machine) is cut */
        frame_update(app, now - last, 1.0);
        last = now;
        if (!app->running)
            break;
        if (now >= frame_start + period - 0.001) {
            if (app->dirty || app->animating) {
                /* keep in step with the period (a late frame does not push the next one back) */
                frame_start = now - (frame_start + period) < period ? fmax(frame_start + period, now - 0.001) : now;
                frame_present(app);
            } else {
                app->anim_last = false; /* the animation stopped: sleep until something happens */
            }
        }
    }
    app->last_counter = SDL_GetPerformanceCounter();
}

void app_redraw(App *app)
{
    app->dirty = true;
}

void app_animate(App *app)
{
    app_animate_at(app, APP_ANIM_HZ);
}

void app_animate_at(App *app, double hz)
{
    if (!(hz >= 1.0))
        hz = 1.0;
    if (hz > APP_ANIM_HZ)
        hz = APP_ANIM_HZ;
    app->animating = true;
    if (hz > app->anim_hz)
        app->anim_hz = hz;
}

void app_wake_at(App *app, double game_time)
{
    if (!(game_time > app->time)) { /* due already (or NaN): the next frame shows it */
        app->dirty = true;
        return;
    }
    for (int i = 0; i < app->nwakes; i++)
        if (fabs(app->wakes[i] - game_time) < 1e-6)
            return;
    if (app->nwakes < APP_MAX_WAKES) {
        app->wakes[app->nwakes++] = game_time;
        return;
    }
    int latest = 0; /* full: keep the earliest ones */
    for (int i = 1; i < app->nwakes; i++)
        if (app->wakes[i] > app->wakes[latest])
            latest = i;
    if (game_time < app->wakes[latest])
        app->wakes[latest] = game_time;
}
