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

/* A spindle-shaped muscle belly with tendons, and an elastic wrap round its upper end. Both are painted
 * once into a cached layer and stretched sideways as the muscle "breathes". */
typedef struct EmblemGeo {
    float cx, top, len, half;
} EmblemGeo;

static EmblemGeo emblem_geo(LRect r)
{
    return (EmblemGeo){r.x + r.w / 2, r.y + 40, r.h - 80, r.w * 0.31f};
}

/* The belly's half-width at fraction u of its length: it tapers into the tendons at both ends. */
static float emblem_half(const EmblemGeo *g, float u)
{
    return 14.0f + (g->half - 14.0f) * powf(fmaxf(0.0f, sinf((float)OC_PI * u)), 1.3f); /* sin(pi) < 0 in float */
}

static void draw_wrap(App *app, const EmblemGeo *g, float k);

static void paint_muscle(App *app, void *ctx)
{
    const EmblemGeo *g = ctx;
    const Palette *p = &app->pal;
    gfx_backdrop(app); /* opaque: the block can be stretched sideways, the vertical gradient hides it */
    gfx_round_rect(app, (LRect){g->cx - 14, g->top - 30, 28, g->len + 60}, 14, gfx_rgba(0xe8, 0xdc, 0xc8, 255));
    float ys[40], hw[40];
    int n = 40;
    for (int i = 0; i < n; i++) {
        float u = (float)i / (float)(n - 1);
        ys[i] = g->top + u * g->len;
        hw[i] = emblem_half(g, u);
    }
    gfx_spindle(app, g->cx, ys, hw, n, gfx_mix(p->accent, p->text, 0.3f), gfx_mix(p->accent, gfx_rgba(0x4a, 0x10, 0x28, 255), 0.3f));
    for (int k = -2; k <= 2; k++) /* fibre lines */
        gfx_rect(app, (LRect){g->cx + (float)k * g->half * 0.3f - 1.5f, g->top + g->len * 0.25f, 3, g->len * 0.5f},
                 gfx_rgba(255, 255, 255, 40));
    draw_wrap(app, g, 1.0f); /* stretched with the muscle, the wrap follows the breath for free */
}

/* The muscle block: the emblem's own footprint at full swell, in pixels. It is the one part of the screen
 * that changes every frame, so the static layer is copied around it. */
static SDL_Rect emblem_block(App *app, const EmblemGeo *g)
{
    int x, y, w, h;
    layout_to_px(&app->frame, (LRect){g->cx - g->half - 8, g->top - 32, 2 * g->half + 16, g->len + 64}, &x, &y, &w, &h);
    return (SDL_Rect){x, y, w, h};
}

/* The elastic wrap around the top of the belly, seen from a little above: as wide as the muscle where it
 * sits, pressing the outline in a few units, its edges curving round the limb, ribbed and shaded like
 * fabric. Painted into the muscle's cached layer (a few hundred blended triangles are too dear per frame
 * on the software renderer); k is the muscle's drawn width relative to full swell. */
#define WRAP_U 0.2f       /* where the wrap's upper edge sits, as a fraction of the belly's length */
#define WRAP_H 46.0f      /* its height in logical units */
#define WRAP_COLS 16      /* columns across the wrap (its curve and shading) */
#define WRAP_ROWS 12      /* rows through its height (its ribs) */
#define PINCH_ROWS 14     /* rows of the pinched outline beside it */

static SDL_Vertex wrap_vtx(App *app, float x, float y, SDL_Color c)
{
    return (SDL_Vertex){{x * app->frame.scale, y * app->frame.scale}, c, {0, 0}};
}

/* How far the wrap presses the outline in at y: fully under the wrap, easing out just above and below. */
static float wrap_pinch(float y, float y0, float y1, float depth, float ease)
{
    float d = y < y0 ? (y0 - y) / ease : y > y1 ? (y - y1) / ease : 0.0f;
    if (d >= 1.0f)
        return 0.0f;
    float s = 1.0f - d;
    return depth * s * s * (3.0f - 2.0f * s);
}

static void draw_wrap(App *app, const EmblemGeo *g, float k)
{
    const float y0 = g->top + g->len * WRAP_U, y1 = y0 + WRAP_H;
    const float depth = fmaxf(3.0f, g->half * k * 0.045f), ease = 26.0f;
    const float sag = WRAP_H * 0.22f; /* the edges dip in the middle: the band goes round, not across */
    /* 1. the muscle's outline squeezed in beside the wrap: backdrop-coloured slivers over its edge */
    {
        SDL_Vertex v[4 * (PINCH_ROWS + 1)];
        int idx[12 * PINCH_ROWS], ni = 0;
        float ya = y0 - ease, yb = y1 + ease;
        for (int i = 0; i <= PINCH_ROWS; i++) {
            float y = ya + (yb - ya) * (float)i / PINCH_ROWS;
            float outline = emblem_half(g, (y - g->top) / g->len) * k;
            float in = outline - wrap_pinch(y, y0, y1, depth, ease);
            SDL_Color bg = gfx_mix(app->pal.bg_top, app->pal.bg_bottom, y * app->frame.scale / (float)app->ph);
            v[4 * i] = wrap_vtx(app, g->cx - outline - 2.0f, y, bg);
            v[4 * i + 1] = wrap_vtx(app, g->cx - in, y, bg);
            v[4 * i + 2] = wrap_vtx(app, g->cx + in, y, bg);
            v[4 * i + 3] = wrap_vtx(app, g->cx + outline + 2.0f, y, bg);
        }
        for (int i = 0; i < PINCH_ROWS; i++)
            for (int side = 0; side < 2; side++) {
                int a = 4 * i + 2 * side, b = a + 1, c = a + 4, d = a + 5;
                idx[ni++] = a, idx[ni++] = b, idx[ni++] = c;
                idx[ni++] = b, idx[ni++] = d, idx[ni++] = c;
            }
        gfx_geometry(app, v, 4 * (PINCH_ROWS + 1), idx, ni);
    }
    /* 2. the band: a grid bent round the limb, light in the middle and dark at the sides, ribbed */
    SDL_Vertex v[(WRAP_COLS + 1) * (WRAP_ROWS + 1) + 2 * (WRAP_COLS + 1)];
    int idx[6 * WRAP_COLS * WRAP_ROWS + 6 * WRAP_COLS], ni = 0, nv = 0;
    const SDL_Color fabric = gfx_rgba(0x8c, 0x84, 0x7a, 255), rib = gfx_rgba(0xa8, 0xa0, 0x94, 255),
                    hem = gfx_rgba(0x4e, 0x48, 0x44, 255), shade = gfx_rgba(0x1a, 0x10, 0x14, 255);
    for (int c = 0; c <= WRAP_COLS; c++) { /* first a soft shadow it casts on the muscle below it */
        float s = -1.0f + 2.0f * (float)c / WRAP_COLS;
        float yb = y1 + sag * (1.0f - s * s);
        float half = emblem_half(g, (yb - g->top) / g->len) * k - wrap_pinch(yb, y0, y1, depth, ease);
        SDL_Color dark = shade, clear = shade;
        dark.a = 110, clear.a = 0;
        v[nv++] = wrap_vtx(app, g->cx + s * half, yb - 1.0f, dark);
        v[nv++] = wrap_vtx(app, g->cx + s * (half - 6.0f), yb + 9.0f, clear);
    }
    for (int c = 0; c < WRAP_COLS; c++) {
        int a = 2 * c;
        idx[ni++] = a, idx[ni++] = a + 1, idx[ni++] = a + 2;
        idx[ni++] = a + 1, idx[ni++] = a + 3, idx[ni++] = a + 2;
    }
    int base = nv;
    for (int r = 0; r <= WRAP_ROWS; r++) {
        float t = (float)r / WRAP_ROWS;
        SDL_Color row = r == 0 || r == WRAP_ROWS ? hem : (r % 2) ? rib : fabric;
        for (int c = 0; c <= WRAP_COLS; c++) {
            float s = -1.0f + 2.0f * (float)c / WRAP_COLS;
            float y = y0 + t * WRAP_H + sag * (1.0f - s * s);
            float half = emblem_half(g, (y - g->top) / g->len) * k - wrap_pinch(y, y0, y1, depth, ease);
            float light = 0.45f + 0.55f * sqrtf(fmaxf(0.0f, 1.0f - s * s)); /* round: lit in the middle */
            SDL_Color col = gfx_mix(shade, row, light);
            v[nv++] = wrap_vtx(app, g->cx + s * half, y, col);
        }
    }
    for (int r = 0; r < WRAP_ROWS; r++)
        for (int c = 0; c < WRAP_COLS; c++) {
            int a = base + r * (WRAP_COLS + 1) + c, b = a + 1, d = a + WRAP_COLS + 1, e = d + 1;
            idx[ni++] = a, idx[ni++] = b, idx[ni++] = d;
            idx[ni++] = b, idx[ni++] = e, idx[ni++] = d;
        }
    gfx_geometry(app, v, nv, idx, ni);
}

static void draw_emblem(App *app, LRect r, double t)
{
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
                 p->text_dim, "Blood in: yes \xC2\xB7 blood out: slowed");
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
