#include "gfx.h"
#include "gfx_raster.h"

#include <stb/stb_image.h>
#include "oc_util.h"

#include <string.h>

#include <math.h>
#include <stdlib.h>

/* ---- caches: the software renderer fills interpolated triangles slowly, so anything large is drawn
 * once into a texture and then copied, and rounded corners are small anti-aliased textures. ---- */

#define CORNER_CACHE 96
#define LAYER_SLOTS 8
#define SCALED_MAX 48
#define SOLID_MAX 8

typedef struct Corner {
    int radius, thick; /* thick 0 = filled quarter disc */
    Uint32 argb;       /* the colour it is made in: copied without colour or alpha mods (the fast blend) */
    SDL_Texture *tex[4]; /* top-left, top-right, bottom-right, bottom-left */
} Corner;

/* What the current target is known to hold: the backdrop gradient, except where something was drawn
 * since (bounding boxes, merged when there are many). A translucent fill over pure backdrop is then
 * computed per row and drawn as opaque fills, exactly the pixels SDL's per-pixel blend would give, at
 * memset speed. Anything else falls back to SDL's blend. */
#define DRAWN_MAX 48

typedef struct Drawn {
    SDL_Rect r;
    bool solid;      /* r holds one opaque colour, but for its rounded corners */
    bool tinted;     /* r holds the backdrop under a translucent colour, but for its rounded corners */
    int rad;         /* those corners' radius */
    SDL_Color color;
} Drawn;

typedef struct Known {
    bool valid;
    SDL_Texture *target;
    int n;
    Drawn drawn[DRAWN_MAX];
} Known;

/* A copy with per-pixel alpha (text, icons) made once over what lies under it, a solid colour or the
 * backdrop's rows, into an opaque texture: the same pixels the blend would give, copied at memcpy speed. */
#define COMPOSED_MAX 256
typedef struct Composed {
    SDL_Texture *src;
    void *tag;
    int w, h, y;     /* y: the backdrop row the copy starts on (-1 over a solid colour) */
    Uint32 under;    /* the solid colour (0xAARRGGBB with alpha = the copy's alpha mod) */
    SDL_Texture *tex;
    Uint64 used;
} Composed;

/* An image drawn at a size other than its own, scaled once (and tinted) into a texture of exactly that
 * size: the software renderer otherwise stretches it with linear filtering on every copy. */
typedef struct Scaled {
    SDL_Texture *src;
    void *tag; /* the source's user data, set to a serial of ours: a new texture at a freed one's address
                  does not match */
    int w, h;
    Uint32 tint;
    SDL_Texture *tex;
    Uint64 used;
} Scaled;

/* A solid colour, for translucent fills over unknown pixels: copying it with an alpha mod blends several
 * times faster than SDL's per-pixel blended fill. */
typedef struct Solid {
    Uint32 rgb;
    int w, h;
    SDL_Texture *tex;
    Uint64 used;
} Solid;

typedef struct Layer {
    Uint32 key;
    int w, h;
    SDL_Texture *tex;
} Layer;

struct GfxCache {
    Corner corner[CORNER_CACHE];
    int ncorner;
    Layer layer[LAYER_SLOTS];
    SDL_Texture *backdrop;
    int bw, bh;
    SDL_Color btop, bbottom;
    Known known;
    Scaled scaled[SCALED_MAX];
    Solid solid[SOLID_MAX];
    Composed composed[COMPOSED_MAX];
    Uint64 tick;
    SDL_Surface *raster; /* gfx_raster_begin: triangles go here, rasterised by the CPU */
    SDL_Rect raster_touched;
};

static uintptr_t scaled_serial;

GfxCache *gfx_cache_create(void)
{
    return calloc(1, sizeof(GfxCache));
}

void gfx_cache_flush(GfxCache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->ncorner; i++)
        for (int k = 0; k < 4; k++)
            SDL_DestroyTexture(c->corner[i].tex[k]);
    c->ncorner = 0;
    for (int i = 0; i < LAYER_SLOTS; i++) {
        if (c->layer[i].tex)
            SDL_DestroyTexture(c->layer[i].tex);
        c->layer[i] = (Layer){0};
    }
    if (c->backdrop)
        SDL_DestroyTexture(c->backdrop);
    c->backdrop = NULL;
    c->known.valid = false;
    for (int i = 0; i < SCALED_MAX; i++) {
        if (c->scaled[i].tex)
            SDL_DestroyTexture(c->scaled[i].tex);
        c->scaled[i] = (Scaled){0};
    }
    for (int i = 0; i < SOLID_MAX; i++) {
        if (c->solid[i].tex)
            SDL_DestroyTexture(c->solid[i].tex);
        c->solid[i] = (Solid){0};
    }
    for (int i = 0; i < COMPOSED_MAX; i++) {
        if (c->composed[i].tex)
            SDL_DestroyTexture(c->composed[i].tex);
        c->composed[i] = (Composed){0};
    }
}

/* Something was drawn over r (physical pixels) on the current target; solid: in one opaque colour. */
static void note_drawn(App *app, Drawn d)
{
    Known *k = &app->gfx->known;
    if (!k->valid || d.r.w <= 0 || d.r.h <= 0 || SDL_GetRenderTarget(app->ren) != k->target)
        return;
    if (k->n < DRAWN_MAX) {
        k->drawn[k->n++] = d;
    } else {
        Drawn *last = &k->drawn[DRAWN_MAX - 1];
        SDL_Rect u;
        SDL_UnionRect(&last->r, &d.r, &u);
        *last = (Drawn){.r = u};
    }
}

static void note_solid(App *app, SDL_Rect r, bool solid, int rad, SDL_Color c)
{
    Known *k = &app->gfx->known;
    if (!k->valid || r.w <= 0 || r.h <= 0)
        return;
    if (SDL_GetRenderTarget(app->ren) != k->target)
        return; /* another target (a layer being painted): this one is untouched */
    if (k->n < DRAWN_MAX) {
        k->drawn[k->n++] = (Drawn){r, solid && c.a == 255, false, rad, c};
    } else {
        Drawn *d = &k->drawn[DRAWN_MAX - 1];
        SDL_Rect u;
        SDL_UnionRect(&d->r, &r, &u);
        *d = (Drawn){u, false, false, 0, {0, 0, 0, 0}};
    }
}

static void note_px(App *app, SDL_Rect r)
{
    note_solid(app, r, false, 0, (SDL_Color){0, 0, 0, 0});
}

typedef enum { UNDER_UNKNOWN, UNDER_BACKDROP, UNDER_SOLID, UNDER_TINTED } Under;

/* What shows under r on the current target: the plain backdrop, one solid colour, or something else. */
static Under under_px(App *app, SDL_Rect r, SDL_Color *solid)
{
    const Known *k = &app->gfx->known;
    if (!k->valid || SDL_GetRenderTarget(app->ren) != k->target)
        return UNDER_UNKNOWN;
    for (int i = k->n - 1; i >= 0; i--) {
        const Drawn *d = &k->drawn[i];
        if (!SDL_HasIntersection(&d->r, &r))
            continue;
        /* the topmost thing under r: it must cover r, away from its rounded corners */
        if (!(d->solid || d->tinted) || r.x < d->r.x || r.y < d->r.y || r.x + r.w > d->r.x + d->r.w || r.y + r.h > d->r.y + d->r.h)
            return UNDER_UNKNOWN;
        SDL_Rect c[4] = {{d->r.x, d->r.y, d->rad, d->rad},
                         {d->r.x + d->r.w - d->rad, d->r.y, d->rad, d->rad},
                         {d->r.x, d->r.y + d->r.h - d->rad, d->rad, d->rad},
                         {d->r.x + d->r.w - d->rad, d->r.y + d->r.h - d->rad, d->rad, d->rad}};
        for (int j = 0; j < 4 && d->rad > 0; j++)
            if (SDL_HasIntersection(&c[j], &r))
                return UNDER_UNKNOWN;
        *solid = d->color;
        return d->solid ? UNDER_SOLID : UNDER_TINTED;
    }
    return UNDER_BACKDROP;
}

static void note_all(App *app)
{
    if (SDL_GetRenderTarget(app->ren) == app->gfx->known.target)
        app->gfx->known.valid = false;
}

/* Is r on the current target pure backdrop? */
static bool over_backdrop(App *app, SDL_Rect r)
{
    const Known *k = &app->gfx->known;
    if (!k->valid || SDL_GetRenderTarget(app->ren) != k->target)
        return false;
    for (int i = 0; i < k->n; i++)
        if (SDL_HasIntersection(&k->drawn[i].r, &r))
            return false;
    return true;
}

void gfx_cache_destroy(GfxCache *c)
{
    gfx_cache_flush(c);
    free(c);
}

/* Coverage of a quarter disc (or ring) of radius r; orientation k puts the disc's centre at the
 * bottom-right (k=0, a top-left corner), bottom-left (1), top-left (2) or top-right (3) of the texture. */
static SDL_Texture *make_corner(App *app, int r, int thick, int k, SDL_Color c)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r, r, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    Uint32 *px = s->pixels;
    for (int y = 0; y < r; y++)
        for (int x = 0; x < r; x++) {
            int cover = 0;
            for (int sy = 0; sy < 4; sy++) /* 4x4 supersampling */
                for (int sx = 0; sx < 4; sx++) {
                    float fx = (float)x + (sx + 0.5f) / 4.0f, fy = (float)y + (sy + 0.5f) / 4.0f;
                    float dx = (k == 0 || k == 3) ? (float)r - fx : fx;
                    float dy = (k == 0 || k == 1) ? (float)r - fy : fy;
                    float d = sqrtf(dx * dx + dy * dy);
                    cover += d <= (float)r && (thick == 0 || d >= (float)(r - thick));
                }
            Uint32 a = (Uint32)(cover * 255 / 16) * c.a / 255u; /* as an alpha mod would scale it */
            px[y * (s->pitch / 4) + x] = (a << 24) | ((Uint32)c.r << 16) | ((Uint32)c.g << 8) | c.b;
        }
    SDL_Texture *t = SDL_CreateTextureFromSurface(app->ren, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static Corner *corner(App *app, int r, int thick, SDL_Color col)
{
    GfxCache *c = app->gfx;
    Uint32 argb = ((Uint32)col.a << 24) | ((Uint32)col.r << 16) | ((Uint32)col.g << 8) | col.b;
    for (int i = c->ncorner - 1; i >= 0; i--)
        if (c->corner[i].radius == r && c->corner[i].thick == thick && c->corner[i].argb == argb)
            return &c->corner[i];
    if (c->ncorner == CORNER_CACHE) {
        for (int k = 0; k < 4; k++)
            SDL_DestroyTexture(c->corner[0].tex[k]);
        memmove(&c->corner[0], &c->corner[1], sizeof(Corner) * (CORNER_CACHE - 1));
        c->ncorner--;
    }
    Corner *n = &c->corner[c->ncorner];
    *n = (Corner){.radius = r, .thick = thick, .argb = argb};
    for (int k = 0; k < 4; k++)
        if (!(n->tex[k] = make_corner(app, r, thick, k, col))) {
            for (int j = 0; j < k; j++)
                SDL_DestroyTexture(n->tex[j]);
            return NULL;
        }
    c->ncorner++;
    return n;
}

SDL_Texture *gfx_cached_layer(App *app, int slot, Uint32 key, int w, int h, void (*paint)(App *app, void *ctx),
                              void *ctx)
{
    Layer *L = &app->gfx->layer[slot % LAYER_SLOTS];
    if (L->tex && L->key == key && L->w == w && L->h == h)
        return L->tex;
    if (L->tex && (L->w != w || L->h != h)) {
        SDL_DestroyTexture(L->tex);
        L->tex = NULL;
    }
    if (!L->tex) {
        L->tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
        if (!L->tex)
            return NULL;
        SDL_SetTextureBlendMode(L->tex, SDL_BLENDMODE_BLEND);
    }
    SDL_Texture *prev = SDL_GetRenderTarget(app->ren);
    Known outer = app->gfx->known; /* the screen's record, kept while the layer is painted */
    app->gfx->known.valid = false;
    SDL_SetRenderTarget(app->ren, L->tex);
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 0);
    SDL_RenderClear(app->ren);
    paint(app, ctx);
    SDL_SetRenderTarget(app->ren, prev);
    app->gfx->known = outer;
    L->key = key;
    L->w = w;
    L->h = h;
    return L->tex;
}

SDL_Color gfx_rgba(Uint8 r, Uint8 g, Uint8 b, Uint8 a)
{
    return (SDL_Color){r, g, b, a};
}

SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t)
{
    if (t < 0.0f)
        t = 0.0f;
    if (t > 1.0f)
        t = 1.0f;
    return (SDL_Color){(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t),
                       (Uint8)(a.b + (b.b - a.b) * t), (Uint8)(a.a + (b.a - a.a) * t)};
}

/* An opaque fill, split so that SDL's streaming (non-temporal) stores only ever write whole 64-byte lines:
 * the middle from one 16-pixel boundary to another, the ragged edges (under 16 pixels) apart. Partial
 * lines written with streaming stores cost up to ten times as much as the rest of the fill. Needs the draw
 * colour and blend mode set. */
static void fill_aligned(App *app, SDL_Rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int x0 = r.x, x1 = r.x + r.w;
    int a0 = (x0 + 15) & ~15, a1 = x1 & ~15;
    if (r.w < 32 || a1 <= a0) {
        SDL_RenderFillRect(app->ren, &r);
        return;
    }
    SDL_Rect parts[3];
    int n = 0;
    if (a0 > x0)
        parts[n++] = (SDL_Rect){x0, r.y, a0 - x0, r.h};
    parts[n++] = (SDL_Rect){a0, r.y, a1 - a0, r.h};
    if (x1 > a1)
        parts[n++] = (SDL_Rect){a1, r.y, x1 - a1, r.h};
    SDL_RenderFillRects(app->ren, parts, n);
}

static void set_color(App *app, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(app->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, c.a);
}

void gfx_clear(App *app, SDL_Color c)
{
    note_all(app);
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, 255);
    SDL_RenderClear(app->ren);
}

/* The backdrop's colour on physical row y (what gradient_bands paints there). */
static SDL_Color backdrop_row(App *app, int y)
{
    return gfx_mix(app->pal.bg_top, app->pal.bg_bottom, app->ph > 0 ? (float)y / (float)app->ph : 0.0f);
}

/* SDL's software blend of c over an opaque pixel d, to the bit (SDL_blendfillrect.c, ARGB8888). */
static Uint8 blend_channel(Uint8 c, Uint8 a, Uint8 d)
{
    return (Uint8)(((255u - a) * d) / 255u + (c * (unsigned)a) / 255u);
}

/* Fill px with translucent c, known to lie over pure backdrop: one opaque fill per distinct row colour. */
static void fill_over_backdrop(App *app, SDL_Rect px, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
    int start = px.y;
    SDL_Color cur = {0, 0, 0, 255};
    for (int y = px.y; y <= px.y + px.h; y++) {
        SDL_Color row = cur;
        if (y < px.y + px.h) {
            SDL_Color d = backdrop_row(app, y);
            row = (SDL_Color){blend_channel(c.r, c.a, d.r), blend_channel(c.g, c.a, d.g), blend_channel(c.b, c.a, d.b), 255};
        }
        if (y == px.y) {
            cur = row;
            continue;
        }
        if (y == px.y + px.h || row.r != cur.r || row.g != cur.g || row.b != cur.b) {
            SDL_SetRenderDrawColor(app->ren, cur.r, cur.g, cur.b, 255);
            fill_aligned(app, (SDL_Rect){px.x, start, px.w, y - start});
            start = y;
            cur = row;
        }
    }
}

/* A solid texture of colour c at least w x h (made at the size asked for, reused for smaller fills). */
static SDL_Texture *solid(App *app, SDL_Color c, int w, int h)
{
    GfxCache *g = app->gfx;
    Uint32 rgb = ((Uint32)c.r << 16) | ((Uint32)c.g << 8) | c.b;
    Solid *victim = &g->solid[0];
    for (int i = 0; i < SOLID_MAX; i++) {
        Solid *e = &g->solid[i];
        if (e->tex && e->rgb == rgb && e->w >= w && e->h >= h) {
            e->used = ++g->tick;
            return e->tex;
        }
        if (!e->tex || e->used < victim->used)
            victim = e;
    }
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    *victim = (Solid){.rgb = rgb, .w = w, .h = h, .used = ++g->tick};
    victim->tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!victim->tex)
        return NULL;
    SDL_Texture *prev = SDL_GetRenderTarget(app->ren);
    SDL_SetRenderTarget(app->ren, victim->tex);
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, 255);
    SDL_RenderClear(app->ren);
    SDL_SetRenderTarget(app->ren, prev);
    SDL_SetTextureBlendMode(victim->tex, SDL_BLENDMODE_BLEND);
    return victim->tex;
}

/* A filled rectangle in physical pixels; `clear` = known to lie over pure backdrop. */
static void fill_px_color(App *app, SDL_Rect px, SDL_Color c, bool clear)
{
    if (px.w <= 0 || px.h <= 0)
        return;
    SDL_Texture *sol;
    if (c.a < 255 && c.a > 0 && clear) {
        fill_over_backdrop(app, px, c);
    } else if (c.a < 255 && c.a > 0 && px.w * px.h >= 4096 && px.w <= app->pw && px.h <= app->ph &&
               (sol = solid(app, c, px.w, px.h)) != NULL) {
        SDL_SetTextureAlphaMod(sol, c.a);
        SDL_RenderCopy(app->ren, sol, &(SDL_Rect){0, 0, px.w, px.h}, &px);
    } else {
        set_color(app, c);
        if (c.a == 255)
            fill_aligned(app, px);
        else
            SDL_RenderFillRect(app->ren, &px);
    }
}

void gfx_rect(App *app, LRect r, SDL_Color c)
{
    SDL_Rect px;
    layout_to_px(&app->frame, r, &px.x, &px.y, &px.w, &px.h);
    bool clear = c.a < 255 && c.a > 0 && over_backdrop(app, px);
    fill_px_color(app, px, c, clear);
    if (clear)
        note_drawn(app, (Drawn){.r = px, .tinted = true, .color = c});
    else
        note_solid(app, px, true, 0, c);
}

static SDL_Vertex vtx(App *app, float x, float y, SDL_Color c)
{
    SDL_Vertex v = {{x * app->frame.scale, y * app->frame.scale}, c, {0, 0}};
    return v;
}

/* Every triangle gfx draws goes through here: to the renderer, or into the surface of gfx_raster_begin. */
static void geometry(App *app, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
    if (app->gfx && app->gfx->raster) {
        gfx_raster_triangles(app->gfx->raster, &app->gfx->raster_touched, v, nv, idx, ni);
        return;
    }
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(app->ren, NULL, v, nv, idx, ni);
}

void gfx_raster_begin(App *app, SDL_Surface *dst)
{
    if (!app->gfx)
        return;
    app->gfx->raster = dst && dst->format->format == SDL_PIXELFORMAT_ARGB8888 ? dst : NULL;
    app->gfx->raster_touched = (SDL_Rect){0, 0, 0, 0};
}

SDL_Rect gfx_raster_end(App *app)
{
    if (!app->gfx)
        return (SDL_Rect){0, 0, 0, 0};
    app->gfx->raster = NULL;
    return app->gfx->raster_touched;
}

static void note_vertices(App *app, const SDL_Vertex *v, int n)
{
    if (n <= 0 || (app->gfx && app->gfx->raster)) /* drawn into a surface of the caller's, not the screen */
        return;
    float x0 = v[0].position.x, x1 = x0, y0 = v[0].position.y, y1 = y0;
    for (int i = 1; i < n; i++) {
        x0 = fminf(x0, v[i].position.x), x1 = fmaxf(x1, v[i].position.x);
        y0 = fminf(y0, v[i].position.y), y1 = fmaxf(y1, v[i].position.y);
    }
    int ix = (int)floorf(x0) - 1, iy = (int)floorf(y0) - 1;
    note_px(app, (SDL_Rect){ix, iy, (int)ceilf(x1) + 2 - ix, (int)ceilf(y1) + 2 - iy});
}

void gfx_gradient(App *app, LRect r, SDL_Color top, SDL_Color bottom)
{
    SDL_Vertex v[4] = {vtx(app, r.x, r.y, top), vtx(app, r.x + r.w, r.y, top), vtx(app, r.x + r.w, r.y + r.h, bottom),
                       vtx(app, r.x, r.y + r.h, bottom)};
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    geometry(app, v, 4, idx, 6);
    note_vertices(app, v, 4);
}

void gfx_geometry(App *app, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
    if (nv <= 0 || ni <= 0)
        return;
    geometry(app, v, nv, idx, ni);
    note_vertices(app, v, nv);
}

void gfx_fan(App *app, float cx, float cy, const float *xy, int n, SDL_Color centre, SDL_Color edge)
{
    SDL_Vertex v[130];
    int idx[3 * 129];
    if (n > 128)
        n = 128;
    v[0] = vtx(app, cx, cy, centre);
    for (int i = 0; i < n; i++)
        v[i + 1] = vtx(app, xy[2 * i], xy[2 * i + 1], edge);
    for (int i = 0; i < n; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % n + 1;
    }
    geometry(app, v, n + 1, idx, 3 * n);
    note_vertices(app, v, n + 1);
}

void gfx_spindle(App *app, float cx, const float *ys, const float *half, int n, SDL_Color centre, SDL_Color edge)
{
    SDL_Vertex v[3 * 64];
    int idx[12 * 63];
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++) {
        v[3 * i] = vtx(app, cx - half[i], ys[i], edge);
        v[3 * i + 1] = vtx(app, cx, ys[i], centre);
        v[3 * i + 2] = vtx(app, cx + half[i], ys[i], edge);
    }
    int k = 0;
    for (int i = 0; i + 1 < n; i++)
        for (int c = 0; c < 2; c++) { /* two quads per row pair: left-centre and centre-right */
            int a = 3 * i + c, b = a + 1, d = a + 3, e = b + 3;
            idx[k++] = a, idx[k++] = b, idx[k++] = d;
            idx[k++] = b, idx[k++] = e, idx[k++] = d;
        }
    geometry(app, v, 3 * n, idx, k);
    note_vertices(app, v, 3 * n);
}

static void fill_px(App *app, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    fill_aligned(app, (SDL_Rect){x, y, w, h}); /* opaque outlines; translucent ones blend per pixel anyway */
}

static void fill_px_c(App *app, int x, int y, int w, int h, SDL_Color c, bool clear)
{
    fill_px_color(app, (SDL_Rect){x, y, w, h}, c, clear);
}

static void corners_px(App *app, const Corner *cn, int x, int y, int w, int h, int rad)
{
    const int cx[4] = {x, x + w - rad, x + w - rad, x}, cy[4] = {y, y, y + h - rad, y + h - rad};
    for (int i = 0; i < 4; i++) {
        SDL_Rect d = {cx[i], cy[i], rad, rad};
        SDL_RenderCopy(app->ren, cn->tex[i], NULL, &d);
    }
}

void gfx_round_rect(App *app, LRect r, float radius, SDL_Color c)
{
    int x, y, w, h;
    layout_to_px(&app->frame, r, &x, &y, &w, &h);
    int rad = (int)lroundf(radius * app->frame.scale);
    if (rad > w / 2)
        rad = w / 2;
    if (rad > h / 2)
        rad = h / 2;
    bool clear = c.a < 255 && over_backdrop(app, (SDL_Rect){x, y, w, h});
    fill_px_c(app, x + rad, y, w - 2 * rad, h, c, clear);
    fill_px_c(app, x, y + rad, rad, h - 2 * rad, c, clear);
    fill_px_c(app, x + w - rad, y + rad, rad, h - 2 * rad, c, clear);
    Corner *cn = rad > 0 ? corner(app, rad, 0, c) : NULL;
    if (cn)
        corners_px(app, cn, x, y, w, h, rad);
    if (clear && c.a > 0)
        note_drawn(app, (Drawn){.r = {x, y, w, h}, .tinted = true, .rad = rad, .color = c});
    else
        note_solid(app, (SDL_Rect){x, y, w, h}, true, rad, c);
}

void gfx_round_outline(App *app, LRect r, float radius, float thick, SDL_Color c)
{
    int x, y, w, h;
    layout_to_px(&app->frame, r, &x, &y, &w, &h);
    int rad = (int)lroundf(radius * app->frame.scale);
    int t = (int)lroundf(thick * app->frame.scale);
    if (t < 1)
        t = 1;
    if (rad > w / 2)
        rad = w / 2;
    if (rad > h / 2)
        rad = h / 2;
    if (rad < t)
        rad = t;
    set_color(app, c);
    fill_px(app, x + rad, y, w - 2 * rad, t);
    fill_px(app, x + rad, y + h - t, w - 2 * rad, t);
    fill_px(app, x, y + rad, t, h - 2 * rad);
    fill_px(app, x + w - t, y + rad, t, h - 2 * rad);
    Corner *cn = corner(app, rad, t, c);
    if (cn)
        corners_px(app, cn, x, y, w, h, rad);
    note_px(app, (SDL_Rect){x, y, w, h});
}

void gfx_ellipse(App *app, float cx, float cy, float rx, float ry, SDL_Color inner, SDL_Color outer)
{
    float xy[2 * 48];
    for (int i = 0; i < 48; i++) {
        float a = (float)i / 48.0f * 2.0f * (float)OC_PI;
        xy[2 * i] = cx + cosf(a) * rx;
        xy[2 * i + 1] = cy + sinf(a) * ry;
    }
    gfx_fan(app, cx, cy, xy, 48, inner, outer);
}

static int px_size(App *app, float size)
{
    int px = (int)lroundf(size * app->frame.scale);
    return px < 6 ? 6 : px;
}

float gfx_text_width(App *app, FontStyle st, float size, const char *s)
{
    /* through the texture cache: a string drawn anyway is measured for free, and SDL_ttf's glyph
     * cache is not thrown away by switching sizes every frame */
    int w = 0, h = 0;
    if (!text_get(app->text, st, px_size(app, size), 0, s, app->pal.text, &w, &h))
        return 0.0f;
    return (float)w / app->frame.scale;
}

/* Text textures carry their colour: only a translucent ink needs a (slow) alpha mod. */
static void *texture_tag(SDL_Texture *t)
{
    void *tag = SDL_GetTextureUserData(t);
    if (!tag) {
        tag = (void *)++scaled_serial;
        SDL_SetTextureUserData(t, tag);
    }
    return tag;
}

/* t (w x h, blended with alpha mod a) made once over what is under it into an opaque texture; NULL when
 * what is under it is not known to be the backdrop or one colour. */
static SDL_Texture *composed(App *app, SDL_Texture *t, SDL_Rect dst, Uint8 a)
{
    SDL_Color bg = {0, 0, 0, 0};
    Under u = under_px(app, dst, &bg);
    if (u == UNDER_UNKNOWN || dst.w * dst.h < 256)
        return NULL;
    GfxCache *g = app->gfx;
    void *tag = texture_tag(t);
    int y = u == UNDER_SOLID ? -1 : dst.y;
    Uint32 under = u == UNDER_BACKDROP ? 0 : ((Uint32)bg.r << 16) | ((Uint32)bg.g << 8) | bg.b;
    under = (under << 8 | (u == UNDER_TINTED ? bg.a : 0)) ^ ((Uint32)a << 24) ^ ((Uint32)u << 29);
    Composed *victim = &g->composed[0];
    for (int i = 0; i < COMPOSED_MAX; i++) {
        Composed *e = &g->composed[i];
        if (e->tex && e->src == t && e->tag == tag && e->w == dst.w && e->h == dst.h && e->y == y && e->under == under) {
            e->used = ++g->tick;
            return e->tex;
        }
        if (!e->tex || e->used < victim->used)
            victim = e;
    }
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    *victim = (Composed){.src = t, .tag = tag, .w = dst.w, .h = dst.h, .y = y, .under = under, .used = ++g->tick};
    victim->tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, dst.w, dst.h);
    if (!victim->tex)
        return NULL;
    SDL_Texture *prev = SDL_GetRenderTarget(app->ren);
    Known keep = g->known;
    g->known.valid = false;
    SDL_SetRenderTarget(app->ren, victim->tex);
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
    if (u == UNDER_SOLID) {
        SDL_SetRenderDrawColor(app->ren, bg.r, bg.g, bg.b, 255);
        SDL_RenderClear(app->ren);
    } else {
        for (int row = 0; row < dst.h; row++) { /* the backdrop's rows (under a translucent colour) */
            SDL_Color c = backdrop_row(app, dst.y + row);
            if (u == UNDER_TINTED)
                c = (SDL_Color){blend_channel(bg.r, bg.a, c.r), blend_channel(bg.g, bg.a, c.g),
                                blend_channel(bg.b, bg.a, c.b), 255};
            SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, 255);
            SDL_RenderFillRect(app->ren, &(SDL_Rect){0, row, dst.w, 1});
        }
    }
    SDL_SetTextureAlphaMod(t, a);
    SDL_RenderCopy(app->ren, t, NULL, &(SDL_Rect){0, 0, dst.w, dst.h});
    SDL_SetRenderTarget(app->ren, prev);
    g->known = keep;
    SDL_SetTextureBlendMode(victim->tex, SDL_BLENDMODE_NONE);
    return victim->tex;
}

/* A blended copy of t (at its own size) to dst: from a composed opaque copy when what is under dst is known. */
static void copy_blended(App *app, SDL_Texture *t, SDL_Rect dst, Uint8 a)
{
    SDL_Texture *c = composed(app, t, dst, a);
    if (c) {
        SDL_RenderCopy(app->ren, c, NULL, &dst);
    } else {
        SDL_SetTextureAlphaMod(t, a);
        SDL_RenderCopy(app->ren, t, NULL, &dst);
    }
    note_px(app, dst);
}

static void blit(App *app, SDL_Texture *t, int x, int y, int w, int h, SDL_Color c)
{
    copy_blended(app, t, (SDL_Rect){x, y, w, h}, c.a);
}

float gfx_text(App *app, FontStyle st, float size, float x, float y, Align al, SDL_Color c, const char *s)
{
    int w, h;
    SDL_Texture *t = text_get(app->text, st, px_size(app, size), 0, s, c, &w, &h);
    if (!t)
        return 0.0f;
    float lw = (float)w / app->frame.scale;
    float x0 = al == ALIGN_CENTER ? x - lw / 2 : al == ALIGN_RIGHT ? x - lw : x;
    blit(app, t, (int)lroundf(x0 * app->frame.scale), (int)lroundf(y * app->frame.scale), w, h, c);
    return lw;
}

float gfx_text_height(App *app, FontStyle st, float size, float w, const char *s)
{
    int tw = 0, th = 0;
    if (!text_get(app->text, st, px_size(app, size), (int)(w * app->frame.scale), s, app->pal.text, &tw, &th))
        return 0.0f;
    return (float)th / app->frame.scale;
}

float gfx_text_wrapped(App *app, FontStyle st, float size, float x, float y, float w, SDL_Color c, const char *s)
{
    int tw, th;
    SDL_Texture *t = text_get(app->text, st, px_size(app, size), (int)(w * app->frame.scale), s, c, &tw, &th);
    if (!t)
        return 0.0f;
    blit(app, t, (int)lroundf(x * app->frame.scale), (int)lroundf(y * app->frame.scale), tw, th, c);
    return (float)th / app->frame.scale;
}

void gfx_text_in(App *app, FontStyle st, float size, LRect r, Align al, SDL_Color c, const char *s)
{
    int w, h;
    SDL_Texture *t = text_get(app->text, st, px_size(app, size), 0, s, c, &w, &h);
    if (!t)
        return;
    float lw = (float)w / app->frame.scale, lh = (float)h / app->frame.scale;
    float x = al == ALIGN_CENTER ? r.x + (r.w - lw) / 2 : al == ALIGN_RIGHT ? r.x + r.w - lw - 24 : r.x + 24;
    float y = r.y + (r.h - lh) / 2;
    blit(app, t, (int)lroundf(x * app->frame.scale), (int)lroundf(y * app->frame.scale), w, h, c);
}

bool gfx_hit(LRect r, float x, float y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

void gfx_button(App *app, LRect r, const char *label, bool focused, float pulse)
{
    const Palette *p = &app->pal;
    if (focused) {
        float grow = app->settings.reduced_motion ? 0.0f : 3.0f * pulse;
        LRect g = {r.x - grow, r.y - grow, r.w + 2 * grow, r.h + 2 * grow};
        gfx_round_rect(app, g, 18, p->accent);
        gfx_round_outline(app, g, 18, 4, p->focus);
        gfx_text_in(app, FONT_BOLD, 40, r, ALIGN_CENTER, p->text, label);
    } else {
        gfx_round_rect(app, r, 18, p->panel);
        gfx_text_in(app, FONT_REGULAR, 40, r, ALIGN_CENTER, p->text, label);
    }
}

/* A vertical gradient as one opaque fill per distinct colour: memset speed on the software renderer,
 * and exactly the colours an interpolating rasteriser would produce. */
static void gradient_bands(App *app, int y0, int y1, SDL_Color top, SDL_Color bottom)
{
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
    int span = y1 - y0;
    int start = y0;
    SDL_Color cur = top;
    for (int y = y0; y <= y1; y++) {
        SDL_Color c = y < y1 ? gfx_mix(top, bottom, span > 0 ? (float)(y - y0) / (float)span : 0.0f) : cur;
        if (y == y1 || c.r != cur.r || c.g != cur.g || c.b != cur.b) {
            SDL_SetRenderDrawColor(app->ren, cur.r, cur.g, cur.b, 255);
            fill_aligned(app, (SDL_Rect){0, start, app->pw, y - start});
            start = y;
            cur = c;
        }
    }
}

void gfx_copy_layer(App *app, SDL_Texture *t, const SDL_Rect *src, const SDL_Rect *dst, bool opaque)
{
    SDL_SetTextureBlendMode(t, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderCopy(app->ren, t, src, dst);
    if (dst)
        note_px(app, *dst);
    else
        note_all(app);
}

SDL_Surface *gfx_load_surface(const char *path, char *err, size_t errlen)
{
    int iw, ih, ic;
    unsigned char *pix = stbi_load(path, &iw, &ih, &ic, 4);
    if (!pix) {
        oc_fail(err, errlen, "%s: cannot load image (%s)", path, stbi_failure_reason());
        return NULL;
    }
    /* the surface borrows stb's pixels; gfx_free_surface releases both */
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormatFrom(pix, iw, ih, 32, iw * 4, SDL_PIXELFORMAT_RGBA32);
    if (!surf) {
        stbi_image_free(pix);
        oc_fail(err, errlen, "%s: %s", path, SDL_GetError());
        return NULL;
    }
    surf->userdata = pix;
    return surf;
}

void gfx_free_surface(SDL_Surface *surf)
{
    if (!surf)
        return;
    void *pix = surf->userdata;
    SDL_FreeSurface(surf);
    stbi_image_free(pix);
}

SDL_Texture *gfx_load_texture(App *app, const char *path, int *w, int *h, char *err, size_t errlen)
{
    SDL_Surface *surf = gfx_load_surface(path, err, errlen);
    if (!surf)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(app->ren, surf);
    if (w)
        *w = surf->w;
    if (h)
        *h = surf->h;
    gfx_free_surface(surf);
    if (!t) {
        oc_fail(err, errlen, "%s: %s", path, SDL_GetError());
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    return t;
}

/* t scaled to w x h and tinted, made once: the same pixels SDL's scaled copy would stretch into its
 * temporary surface on every frame. NULL if it cannot be made (then draw t directly). */
static SDL_Texture *scaled(App *app, SDL_Texture *t, int w, int h, SDL_Color tint)
{
    GfxCache *g = app->gfx;
    void *tag = SDL_GetTextureUserData(t);
    if (!tag) {
        tag = (void *)++scaled_serial;
        SDL_SetTextureUserData(t, tag);
    }
    Uint32 rgb = ((Uint32)tint.r << 16) | ((Uint32)tint.g << 8) | tint.b;
    Scaled *victim = &g->scaled[0];
    for (int i = 0; i < SCALED_MAX; i++) {
        Scaled *e = &g->scaled[i];
        if (e->tex && e->src == t && e->tag == tag && e->w == w && e->h == h && e->tint == rgb) {
            e->used = ++g->tick;
            return e->tex;
        }
        if (!e->tex || e->used < victim->used)
            victim = e;
    }
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    *victim = (Scaled){.src = t, .tag = tag, .w = w, .h = h, .tint = rgb, .used = ++g->tick};
    victim->tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!victim->tex)
        return NULL;
    SDL_Texture *prev = SDL_GetRenderTarget(app->ren);
    SDL_BlendMode bm;
    SDL_GetTextureBlendMode(t, &bm);
    SDL_SetRenderTarget(app->ren, victim->tex);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE); /* copy colour and alpha as they are */
    SDL_SetTextureColorMod(t, tint.r, tint.g, tint.b);
    SDL_SetTextureAlphaMod(t, 255);
    SDL_RenderCopy(app->ren, t, NULL, NULL);
    SDL_SetRenderTarget(app->ren, prev);
    SDL_SetTextureBlendMode(t, bm);
    SDL_SetTextureBlendMode(victim->tex, bm);
    return victim->tex;
}

void gfx_image(App *app, SDL_Texture *t, LRect dst, SDL_Color tint)
{
    if (!t)
        return;
    int x, y, w, h, tw = 0, th = 0;
    layout_to_px(&app->frame, dst, &x, &y, &w, &h);
    SDL_QueryTexture(t, NULL, NULL, &tw, &th);
    bool plain = tint.r == 255 && tint.g == 255 && tint.b == 255;
    SDL_Texture *s = (w > 0 && h > 0 && (w != tw || h != th || !plain)) ? scaled(app, t, w, h, tint) : NULL;
    if (s) {
        copy_blended(app, s, (SDL_Rect){x, y, w, h}, tint.a);
        return;
    }
    SDL_SetTextureColorMod(t, tint.r, tint.g, tint.b);
    SDL_SetTextureAlphaMod(t, tint.a);
    SDL_RenderCopy(app->ren, t, NULL, &(SDL_Rect){x, y, w, h});
    note_px(app, (SDL_Rect){x, y, w, h});
}

void gfx_backdrop(App *app)
{
    gradient_bands(app, 0, app->ph, app->pal.bg_top, app->pal.bg_bottom);
    Known *k = &app->gfx->known;
    k->valid = true;
    k->target = SDL_GetRenderTarget(app->ren);
    k->n = 0;
}

void gfx_heading(App *app, const char *title, const char *hint)
{
    gfx_text(app, FONT_BOLD, 72, 80, 50, ALIGN_LEFT, app->pal.text, title);
    if (hint)
        gfx_text(app, FONT_REGULAR, 30, 82, 140, ALIGN_LEFT, app->pal.text_dim, hint);
}
