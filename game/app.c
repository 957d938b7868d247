#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <SDL_ttf.h>
#include <stb/stb_image_write.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx.h"
#include "oc_util.h"
#include "room_ui.h"

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
    gfx_cache_flush(app->gfx);
    p->bg_top = gfx_rgba(0x16, 0x1d, 0x33, 255);
    p->bg_bottom = gfx_rgba(0x08, 0x0b, 0x16, 255);
    p->panel = gfx_rgba(0x24, 0x2d, 0x4a, 255);
    p->panel_hi = gfx_rgba(0x33, 0x3f, 0x66, 255);
    p->text = gfx_rgba(0xf4, 0xf1, 0xea, 255);
    p->text_dim = gfx_rgba(0xa9, 0xb1, 0xc8, 255);
    p->focus = gfx_rgba(0xff, 0xe0, 0x8a, 255);
    if (app->settings.colorblind) {
        /* Okabe-Ito: orange/blue carry the meaning, never red against green. */
        p->accent = gfx_rgba(0xc8, 0x62, 0x00, 255);
        p->accent2 = gfx_rgba(0x56, 0xb4, 0xe9, 255);
        p->good = gfx_rgba(0x00, 0x9e, 0xd8, 255);
        p->bad = gfx_rgba(0xe6, 0x9f, 0x00, 255);
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
    Frame f = layout_frame(app->pw, app->ph);
    if (f.scale != app->frame.scale)
        text_flush(app->text); /* glyphs are rasterised for one scale */
    gfx_cache_flush(app->gfx);
    app->frame = f;
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

int app_init(App *app, const GameOptions *opt, char *err, size_t errlen)
{
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    app->start_counter = SDL_GetPerformanceCounter();
    if (opt->headless)
        SDL_setenv("SDL_VIDEODRIVER", "dummy", 0);
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
    oc_path_join(app->settings_path, sizeof app->settings_path, app->data_dir, "settings.json");
    SettingsStatus st = settings_load(&app->settings, app->settings_path, msg, sizeof msg);
    if (st == SETTINGS_CORRUPT || st == SETTINGS_REPAIRED) {
        SDL_Log("settings: %s", msg);
        app_toast(app, msg);
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
        if (app->settings.fullscreen)
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        app->win = SDL_CreateWindow("Occlusion Coach", SDL_WINDOWPOS_CENTERED_DISPLAY(disp),
                                    SDL_WINDOWPOS_CENTERED_DISPLAY(disp), w, h, flags);
        if (!app->win) {
            oc_fail(err, errlen, "window: %s", SDL_GetError());
            app_shutdown(app);
            return -1;
        }
        SDL_SetWindowMinimumSize(app->win, 640, 360);
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!app->ren)
            app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_SOFTWARE);
        if (!app->ren) {
            oc_fail(err, errlen, "renderer: %s", SDL_GetError());
            app_shutdown(app);
            return -1;
        }
        SDL_RendererInfo info;
        SDL_GetRendererInfo(app->ren, &info);
        app->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
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
    }
}

void app_toast(App *app, const char *msg)
{
    oc_strlcpy(app->toast, msg, sizeof app->toast);
    app->toast_until = app->time + 6.0;
}

void app_save_settings(App *app)
{
    char err[512];
    if (settings_save(&app->settings, app->settings_path, err, sizeof err) != 0) {
        SDL_Log("settings: %s", err);
        app_toast(app, err);
    }
    audio_set_volume(&app->audio, app->settings.volume, app->settings.mute);
}

void app_toggle_fullscreen(App *app)
{
    app->settings.fullscreen = !app->settings.fullscreen;
    if (app->win)
        SDL_SetWindowFullscreen(app->win, app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
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

static void handle_event(App *app, const SDL_Event *e)
{
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

static void draw_overlays(App *app)
{
    const Palette *p = &app->pal;
    if (app->time < app->caption_until && app->caption[0]) {
        float w = gfx_text_width(app, FONT_BOLD, 30, app->caption) + 48;
        LRect r = {(app->frame.lw - w) / 2, app->frame.lh - 150, w, 56};
        gfx_round_rect(app, r, 12, gfx_rgba(0, 0, 0, 200));
        gfx_text_in(app, FONT_BOLD, 30, r, ALIGN_CENTER, p->focus, app->caption);
    }
    if (app->time < app->toast_until && app->toast[0]) {
        LRect r = {60, 24, app->frame.lw - 120, 64};
        gfx_round_rect(app, r, 12, gfx_rgba(0x40, 0x2a, 0x05, 235));
        gfx_text_in(app, FONT_REGULAR, 26, r, ALIGN_LEFT, p->text, app->toast);
    }
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
    for (int i = first < 0 ? 0 : first; i < app->depth; i++)
        if (app->stack[i]->draw)
            app->stack[i]->draw(app->stack[i], app);
    draw_overlays(app);
}

void app_frame(App *app, double frame_dt)
{
    apply_ops(app);
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle_event(app, &e);
    apply_ops(app);
    if (frame_dt > 0.25)
        frame_dt = 0.25; /* after a stall, do not try to catch up minutes of game time */
    app->accumulator += frame_dt;
    while (app->accumulator >= APP_STEP_SECONDS) {
        app->accumulator -= APP_STEP_SECONDS;
        app->time += APP_STEP_SECONDS;
        Scene *top = app->depth ? app->stack[app->depth - 1] : NULL;
        if (top && top->update)
            top->update(top, app, APP_STEP_SECONDS);
    }
    apply_ops(app);
    draw(app);
    SDL_RenderPresent(app->ren);
    app->frames_presented++;
    if (app->first_frame_ms < 0)
        app->first_frame_ms =
            (double)(SDL_GetPerformanceCounter() - app->start_counter) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

void app_run(App *app, long max_frames)
{
    const double freq = (double)SDL_GetPerformanceFrequency();
    app->last_counter = SDL_GetPerformanceCounter();
    while (app->running && (max_frames < 0 || app->frames_presented < max_frames)) {
        Uint64 now = SDL_GetPerformanceCounter();
        double dt = (double)(now - app->last_counter) / freq;
        app->last_counter = now;
        app_frame(app, dt);
        if (!app->vsync) { /* no vsync: do not spin; aim at ~60 Hz */
            double spent = (double)(SDL_GetPerformanceCounter() - now) / freq;
            if (spent < 1.0 / 60.0)
                SDL_Delay((Uint32)((1.0 / 60.0 - spent) * 1000.0));
        }
    }
}

/* The loop still draws every frame; issue 9 makes these decide when a window draws. */
void app_redraw(App *app)
{
    (void)app;
}

void app_animate(App *app)
{
    (void)app;
}

void app_wake_at(App *app, double game_time)
{
    (void)app;
    (void)game_time;
}
