/* The smaller scenes: settings, pause and quit dialogs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx.h"
#include "history/history.h"
#include "menu.h"
#include "scene_lab.h"

Scene *scene_title(void);

static Scene *new_scene(Scene proto)
{
    Scene *s = malloc(sizeof *s);
    if (s)
        *s = proto;
    return s;
}

static void free_state(Scene *s, App *app)
{
    (void)app;
    free(s->state);
    s->state = NULL;
}

static void alloc_menu(Scene *s, App *app)
{
    (void)app;
    s->state = calloc(1, sizeof(Menu));
}

/* ---------------- settings ---------------- */

enum { SET_VOLUME, SET_MUTE, SET_FULLSCREEN, SET_MOTION, SET_PALETTE, SET_BACK, SET_COUNT };

static void settings_change(App *app, int row, int dir)
{
    Settings *st = &app->settings;
    switch (row) {
    case SET_VOLUME:
        st->volume += dir * 10;
        st->volume = st->volume < 0 ? 0 : st->volume > 100 ? 100 : st->volume;
        break;
    case SET_MUTE:
        st->mute = !st->mute;
        break;
    case SET_FULLSCREEN:
        app_toggle_fullscreen(app);
        return; /* saves itself */
    case SET_MOTION:
        st->reduced_motion = !st->reduced_motion;
        break;
    case SET_PALETTE:
        st->colorblind = !st->colorblind;
        app_apply_palette(app);
        break;
    default:
        return;
    }
    app_save_settings(app);
    app_cue(app, CUE_MOVE);
}

static void settings_action(Scene *s, App *app, Action a)
{
    Menu *m = s->state;
    if (a == ACT_BACK || (a == ACT_PAUSE)) {
        app_cue(app, CUE_BACK);
        app_pop(app);
        return;
    }
    if ((a == ACT_LEFT || a == ACT_RIGHT) && m->focus != SET_BACK) {
        settings_change(app, m->focus, a == ACT_LEFT ? -1 : 1);
        return;
    }
    if (a == ACT_LEFT) {
        app_pop(app);
        return;
    }
    int i = menu_action(m, app, a);
    if (i == SET_BACK)
        app_pop(app);
    else if (i >= 0)
        settings_change(app, i, 1);
}

static void settings_pointer(Scene *s, App *app, float x, float y, bool click)
{
    Menu *m = s->state;
    int i = menu_pointer(m, app, x, y, click);
    if (i == SET_BACK)
        app_pop(app);
    else if (i == SET_VOLUME) /* left half lowers, right half raises */
        settings_change(app, i, x < m->rect[i].x + m->rect[i].w / 2 ? -1 : 1);
    else if (i >= 0)
        settings_change(app, i, 1);
}

static void settings_draw(Scene *s, App *app)
{
    Menu *m = s->state;
    const Palette *p = &app->pal;
    const Settings *st = &app->settings;
    gfx_backdrop(app);
    gfx_heading(app, "Settings", "Up/Down: choose     Left/Right or Enter: change     Backspace or Esc: back");
    char vol[32];
    snprintf(vol, sizeof vol, "\xE2\x97\x80  %d %%  \xE2\x96\xB6", st->volume);
    const char *names[SET_COUNT] = {"Volume", "Sound", "Display", "Motion", "Colours", ""};
    const char *vals[SET_COUNT] = {vol,
                                   st->mute ? "Off (captions on screen)" : "On",
                                   st->fullscreen ? "Full screen" : "Window",
                                   st->reduced_motion ? "Reduced: no flashes or pulsing" : "Full",
                                   st->colorblind ? "Colour-blind safe (blue, yellow, vermilion)" : "Standard (red/green)",
                                   ""};
    m->count = SET_COUNT;
    float w = app->frame.lw - 160;
    for (int i = 0; i < SET_COUNT; i++) {
        LRect r = {80, 230 + (float)i * 110, i == SET_BACK ? 360 : w, 90};
        m->rect[i] = r;
        if (i == SET_BACK) {
            gfx_button(app, r, "Back", m->focus == i, 0.0f);
            continue;
        }
        bool f = m->focus == i;
        gfx_round_rect(app, r, 18, f ? p->panel_hi : p->panel);
        if (f)
            gfx_round_outline(app, r, 18, 4, p->focus);
        gfx_text_in(app, FONT_BOLD, 38, r, ALIGN_LEFT, p->text, names[i]);
        gfx_text_in(app, FONT_REGULAR, 38, r, ALIGN_RIGHT, f ? p->focus : p->text_dim, vals[i]);
    }
    /* the two palettes side by side, so the choice can be seen */
    float sy = 920;
    float tw = gfx_text(app, FONT_REGULAR, 28, 80, sy + 4, ALIGN_LEFT, p->text_dim, "Safe, warning, danger look like:");
    SDL_Color sw[3] = {p->good, p->warn, p->bad};
    for (int k = 0; k < 3; k++)
        gfx_round_rect(app, (LRect){80 + tw + 24 + (float)k * 90, sy, 70, 40}, 8, sw[k]);
}

static Scene *scene_settings(void)
{
    return new_scene((Scene){.name = "settings",
                             .enter = alloc_menu,
                             .leave = free_state,
                             .action = settings_action,
                             .pointer = settings_pointer,
                             .draw = settings_draw});
}

/* ---------------- dialogs ---------------- */

static LRect dialog_box(App *app, float h)
{
    return (LRect){app->frame.lw / 2 - 520, app->frame.lh / 2 - h / 2, 1040, h};
}

enum { QUIT_STAY, QUIT_LEAVE };

static void quit_do(App *app, int i)
{
    if (i == QUIT_LEAVE)
        app->running = false;
    else if (i == QUIT_STAY)
        app_pop(app);
}

static void quit_enter(Scene *s, App *app)
{
    alloc_menu(s, app);
    Menu *m = s->state;
    if (m) {
        m->count = 2;
        m->horizontal = true;
    }
    app_cue(app, CUE_ALERT);
}

static void quit_action(Scene *s, App *app, Action a)
{
    Menu *m = s->state;
    if (a == ACT_PAUSE || a == ACT_BACK) {
        app_pop(app);
        return;
    }
    if (a == ACT_UP || a == ACT_DOWN)
        a = a == ACT_UP ? ACT_LEFT : ACT_RIGHT;
    quit_do(app, menu_action(m, app, a));
}

static void quit_pointer(Scene *s, App *app, float x, float y, bool click)
{
    quit_do(app, menu_pointer(s->state, app, x, y, click));
}

static void quit_draw(Scene *s, App *app)
{
    Menu *m = s->state;
    const Palette *p = &app->pal; /* the app dims the screen below (.dim) */
    LRect b = dialog_box(app, 400);
    gfx_round_rect(app, b, 28, p->panel);
    gfx_round_outline(app, b, 28, 3, p->accent2);
    gfx_text(app, FONT_BOLD, 56, b.x + b.w / 2, b.y + 50, ALIGN_CENTER, p->text, "Leave Occlusion Coach?");
    gfx_text(app, FONT_REGULAR, 32, b.x + b.w / 2, b.y + 135, ALIGN_CENTER, p->text_dim,
             "Settings, history and scores are already saved.");
    m->rect[QUIT_STAY] = (LRect){b.x + 120, b.y + 250, 360, 90};
    m->rect[QUIT_LEAVE] = (LRect){b.x + b.w - 480, b.y + 250, 360, 90};
    gfx_button(app, m->rect[QUIT_STAY], "Stay", m->focus == QUIT_STAY, 0.0f);
    gfx_button(app, m->rect[QUIT_LEAVE], "Quit", m->focus == QUIT_LEAVE, 0.0f);
}

/* A menu dialog is still until its focus moves: the app caches it with the dimmed screen below. */
static unsigned menu_still_key(Scene *s)
{
    const Menu *m = s->state;
    return m ? (unsigned)m->focus : 0u;
}

Scene *scene_confirm_quit(void)
{
    return new_scene((Scene){.name = "confirm-quit",
                             .overlay = true,
                             .dim = true,
                             .still_key = menu_still_key,
                             .enter = quit_enter,
                             .leave = free_state,
                             .action = quit_action,
                             .pointer = quit_pointer,
                             .draw = quit_draw});
}

enum { PAUSE_RESUME, PAUSE_TITLE, PAUSE_QUIT, PAUSE_COUNT };

static void pause_do(App *app, int i)
{
    if (i == PAUSE_RESUME) {
        app_pop(app);
    } else if (i == PAUSE_TITLE) {
        app_cue(app, CUE_BACK);
        app_set_root(app, scene_title());
    } else if (i == PAUSE_QUIT) {
        app_request_quit(app);
    }
}

static void pause_enter(Scene *s, App *app)
{
    alloc_menu(s, app);
    Menu *m = s->state;
    if (m)
        m->count = PAUSE_COUNT;
}

static void pause_action(Scene *s, App *app, Action a)
{
    if (a == ACT_PAUSE || a == ACT_BACK) {
        app_pop(app);
        return;
    }
    pause_do(app, menu_action(s->state, app, a));
}

static void pause_pointer(Scene *s, App *app, float x, float y, bool click)
{
    pause_do(app, menu_pointer(s->state, app, x, y, click));
}

static void pause_draw(Scene *s, App *app)
{
    Menu *m = s->state;
    const Palette *p = &app->pal; /* the app dims the screen below (.dim) */
    LRect b = dialog_box(app, 520);
    gfx_round_rect(app, b, 28, p->panel);
    gfx_text(app, FONT_BOLD, 64, b.x + b.w / 2, b.y + 40, ALIGN_CENTER, p->text, "Paused");
    static const char *const labels[PAUSE_COUNT] = {"Resume", "Back to title", "Quit game"};
    for (int i = 0; i < PAUSE_COUNT; i++) {
        m->rect[i] = (LRect){b.x + b.w / 2 - 300, b.y + 160 + (float)i * 110, 600, 90};
        gfx_button(app, m->rect[i], labels[i], m->focus == i, 0.0f);
    }
}

Scene *scene_pause(void)
{
    return new_scene((Scene){.name = "pause",
                             .overlay = true,
                             .dim = true,
                             .still_key = menu_still_key,
                             .enter = pause_enter,
                             .leave = free_state,
                             .action = pause_action,
                             .pointer = pause_pointer,
                             .draw = pause_draw});
}

Scene *scene_create(SceneId id)
{
    switch (id) {
    case SCENE_TITLE:
        return scene_title();
    case SCENE_SETTINGS:
        return scene_settings();
    case SCENE_ACADEMY:
        return scene_academy();
    case SCENE_LAB:
        return scene_lab();
    case SCENE_SESSION:
        return scene_session();
    case SCENE_HISTORY:
        return scene_history();
    default:
        return NULL;
    }
}
