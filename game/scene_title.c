/* Title: the game's name, an animated muscle under a wrap, a rotating tip and the main menu. */
#include <math.h>
#include <stdlib.h>

#include "gfx.h"
#include "oc_util.h"
#include "menu.h"
#include "scene_lab.h"
#include "oc_version.h"

static const struct {
    const char *label;
    SceneId target; /* SCENE_COUNT = quit */
} items[TITLE_MENU_ITEMS] = {
    {"Muscle Lab", SCENE_LAB},   {"Guided Session", SCENE_SESSION}, {"Academy", SCENE_ACADEMY},
    {"History", SCENE_HISTORY},  {"Settings", SCENE_SETTINGS},      {"Quit", SCENE_COUNT},
};

static const char *const tips[] = {
    "A light load, 20 to 50 % of a one-rep max, is enough when the wrap keeps blood in the working muscle.",
    "The wrap should slow blood leaving the muscle, never stop blood arriving. Snug, never a tourniquet.",
    "Simple wraps aim for about 7 out of 10 tightness; arms and calves need a little less than thighs.",
    "Numbness or tingling before the first set? Take the wrap off and put it back on a little looser.",
    "Keep the wraps on through the short rests, and take them off as soon as the last set is done.",
    "Chest and back sit too close to the heart for a wrap to hold their blood: the method hardly reaches them.",
    "Under the wrap, oxygen runs low, slow fibres tire early and fast type II fibres join in even at light loads.",
};
#define TIP_SECONDS 9.0

typedef struct TitleState {
    Menu menu;
    double t;
    double idle; /* seconds without input: the Lab's demo plays as an attract loop after ATTRACT_AFTER */
} TitleState;

#define ATTRACT_AFTER 60.0

static void title_enter(Scene *s, App *app)
{
    (void)app;
    TitleState *st = calloc(1, sizeof *st);
    s->state = st;
    if (!st)
        return;
    st->menu.count = TITLE_MENU_ITEMS;
}

static void title_leave(Scene *s, App *app)
{
    (void)app;
    free(s->state);
    s->state = NULL;
}

static void activate(App *app, int i)
{
    if (i < 0)
        return;
    if (items[i].target == SCENE_COUNT)
        app_request_quit(app);
    else
        app_push(app, scene_create(items[i].target));
}

static void title_action(Scene *s, App *app, Action a)
{
    TitleState *st = s->state;
    st->idle = 0.0;
    if (a == ACT_PAUSE || a == ACT_BACK) {
        app_request_quit(app);
        return;
    }
    if (a == ACT_RIGHT)
        a = ACT_ACCEPT; /* clickers: "next" opens the focused item */
    activate(app, menu_action(&st->menu, app, a));
}

static void title_pointer(Scene *s, App *app, float x, float y, bool click)
{
    TitleState *st = s->state;
    st->idle = 0.0;
    activate(app, menu_pointer(&st->menu, app, x, y, click));
}

static void title_update(Scene *s, App *app, double dt)
{
    TitleState *st = s->state;
    st->t += dt;
    if ((st->idle += dt) >= ATTRACT_AFTER) { /* nobody at the keys: the Lab's demo plays until any input */
        st->idle = 0.0;
        app_push(app, scene_lab_attract());
    }
    if (app->settings.reduced_motion) { /* a still picture: only the tip changes */
        app_wake_at(app, app->time + (floor(st->t / TIP_SECONDS) + 1) * TIP_SECONDS - st->t);
        app_wake_at(app, app->time + ATTRACT_AFTER - st->idle);
    } else {
        app_animate_at(app, 30.0); /* a slow breath and a gentle pulse: 30 frames a second are smooth */
    }
}

/* A spindle-shaped muscle belly with tendons, and a band across its upper end. The muscle is painted
 * once into a cached layer and stretched sideways as it "breathes"; the band is drawn over it. */
typedef struct EmblemGeo {
    float cx, top, len, half;
} EmblemGeo;

static EmblemGeo emblem_geo(LRect r)
{
    return (EmblemGeo){r.x + r.w / 2, r.y + 40, r.h - 80, r.w * 0.31f};
}

static void paint_muscle(App *app, void *ctx)
{
    const EmblemGeo *g = ctx;
    const Palette *p = &app->pal;
    gfx_backdrop(app); /* opaque: the block can be stretched sideways, the vertical gradient hides it */
    gfx_round_rect(app, (LRect){g->cx - 14, g->top - 30, 28, g->len + 60}, 14, gfx_rgba(0xe8, 0xdc, 0xc8, 255));
    float ys[40], hw[40];
    int n = 40;
    for (int i = 0; i < n; i++) { /* the belly tapers into the tendons at both ends */
        float u = (float)i / (float)(n - 1);
        ys[i] = g->top + u * g->len;
        hw[i] = 14.0f + (g->half - 14.0f) * powf(fmaxf(0.0f, sinf((float)OC_PI * u)), 1.3f); /* sin(pi) < 0 in float */
    }
    gfx_spindle(app, g->cx, ys, hw, n, gfx_mix(p->accent, p->text, 0.3f), gfx_mix(p->accent, gfx_rgba(0x4a, 0x10, 0x28, 255), 0.3f));
    for (int k = -2; k <= 2; k++) /* fibre lines */
        gfx_rect(app, (LRect){g->cx + (float)k * g->half * 0.3f - 1.5f, g->top + g->len * 0.25f, 3, g->len * 0.5f},
                 gfx_rgba(255, 255, 255, 40));
}

/* The muscle block: the emblem's own footprint at full swell, in pixels. It is the one part of the screen
 * that changes every frame, so the static layer is copied around it. */
static SDL_Rect emblem_block(App *app, const EmblemGeo *g)
{
    int x, y, w, h;
    layout_to_px(&app->frame, (LRect){g->cx - g->half - 8, g->top - 32, 2 * g->half + 16, g->len + 64}, &x, &y, &w, &h);
    return (SDL_Rect){x, y, w, h};
}

static void draw_emblem(App *app, LRect r, double t)
{
    const Palette *p = &app->pal;
    bool still = app->settings.reduced_motion;
    float swell = still ? 0.5f : (float)(0.5 + 0.5 * sin(t * 2.0 * OC_PI / 4.0)); /* one slow breath */
    float k = 0.86f + 0.14f * swell; /* drawn width relative to full swell */
    EmblemGeo g = emblem_geo(r);
    SDL_Texture *layer = gfx_cached_layer(app, 1, (Uint32)(r.w * 16 + r.h), app->pw, app->ph, paint_muscle, &g);
    SDL_Rect dst = emblem_block(app, &g);
    if (layer) {
        /* sample a wider strip of the layer into the fixed block: the muscle shrinks, the vertical
         * gradient around it does not change */
        int sw = (int)lroundf((float)dst.w / k);
        SDL_Rect src = {dst.x + (dst.w - sw) / 2, dst.y, sw, dst.h};
        SDL_SetTextureScaleMode(layer, SDL_ScaleModeNearest); /* a small sideways stretch: nearest is enough */
        gfx_copy_layer(app, layer, &src, &dst, true);
    } else {
        paint_muscle(app, &g);
    }
    float half = g.half * k;
    float by = g.top + g.len * 0.2f;
    LRect band = {g.cx - half - 30, by, 2 * half + 60, 46};
    gfx_round_rect(app, band, 10, gfx_rgba(0x1b, 0x22, 0x38, 255));
    gfx_round_outline(app, band, 10, 3, p->accent2);
    gfx_rect(app, (LRect){g.cx + half + 8, by + 8, 16, 30}, p->accent2);
}

/* Everything that does not move, painted once per size, palette and tip into an opaque layer. */
typedef struct TitleStatic {
    TitleState *st;
    size_t tip;
} TitleStatic;

#define TIP_COUNT (sizeof tips / sizeof tips[0])

static void paint_static(App *app, void *ctx)
{
    const TitleStatic *ts = ctx;
    const Palette *p = &app->pal;
    TitleLayout L = layout_title(&app->frame);
    gfx_backdrop(app);
    gfx_text_in(app, FONT_BOLD, 112, L.title, ALIGN_CENTER, p->text, "Occlusion Coach");
    gfx_text_in(app, FONT_REGULAR, 36, L.subtitle, ALIGN_CENTER, p->text_dim,
                "Light weights, a snug wrap, and what happens inside the muscle");
    if (L.emblem.w > 220)
        gfx_text(app, FONT_REGULAR, 24, L.emblem.x + L.emblem.w / 2, L.emblem.y + L.emblem.h + 4, ALIGN_CENTER,
                 p->text_dim, "in: yes, out: slowly");
    if (L.tip.w > 220) {
        gfx_round_rect(app, L.tip, 24, gfx_rgba(0x1c, 0x24, 0x3e, 230));
        gfx_text(app, FONT_BOLD, 30, L.tip.x + 32, L.tip.y + 30, ALIGN_LEFT, p->accent2, "Did you know?");
        gfx_text_wrapped(app, FONT_REGULAR, 32, L.tip.x + 32, L.tip.y + 90, L.tip.w - 64, p->text, tips[ts->tip]);
        for (size_t d = 0; d < TIP_COUNT; d++) /* which tip of how many */
            gfx_ellipse(app, L.tip.x + L.tip.w / 2 + ((float)d - (float)(TIP_COUNT - 1) / 2) * 28, L.tip.y + L.tip.h - 40,
                        7, 7, d == ts->tip ? p->accent2 : p->panel_hi, d == ts->tip ? p->accent2 : p->panel_hi);
    }
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        gfx_button(app, L.menu[i], items[i].label, false, 0.0f);
    gfx_text(app, FONT_REGULAR, 26, L.footer.x, L.footer.y, ALIGN_LEFT, p->text_dim,
             "\xE2\x86\x91 \xE2\x86\x93 / PgUp PgDn  choose     Enter  open     Esc  quit     F11  full screen     F12  screenshot");
    gfx_text(app, FONT_REGULAR, 26, L.footer.x + L.footer.w, L.footer.y, ALIGN_RIGHT, p->text_dim,
             "v" OC_VERSION_STRING);
}

static void title_draw(Scene *s, App *app)
{
    TitleState *st = s->state;
    TitleLayout L = layout_title(&app->frame);
    TitleStatic ts = {st, (size_t)(st->t / TIP_SECONDS) % TIP_COUNT};
    SDL_Texture *layer = gfx_cached_layer(app, 2, (Uint32)ts.tip, app->pw, app->ph, paint_static, &ts);
    bool emblem = L.emblem.w > 220;
    if (layer) {
        /* one opaque copy: measured cheaper than copying only the parts that hold something (bench/) */
        gfx_copy_layer(app, layer, NULL, NULL, true);
    } else {
        paint_static(app, &ts);
    }
    if (emblem)
        draw_emblem(app, L.emblem, st->t);
    /* only the focused button is live: it covers its resting copy in the layer */
    float pulse = (float)(0.5 + 0.5 * sin(st->t * 4.0));
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        st->menu.rect[i] = L.menu[i];
    gfx_button(app, L.menu[st->menu.focus], items[st->menu.focus].label, true, pulse);
}

Scene *scene_title(void);
Scene *scene_title(void)
{
    Scene *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (Scene){.name = "title",
                 .enter = title_enter,
                 .leave = title_leave,
                 .action = title_action,
                 .pointer = title_pointer,
                 .update = title_update,
                 .draw = title_draw};
    return s;
}
