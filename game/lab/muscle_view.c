/* The muscle widget. Each body part (game/lab/muscle_shapes.c) is a wrapped limb "tube" (a curved
 * centreline with its own outline on each side) between neighbouring segments that show the joints, and
 * muscle bellies with their tendons laid out in the tube's own coordinates (u along the limb from the end
 * nearer the heart, s across it from -1 to 1). Bellies, skin, veins and the wrap are triangle strips in
 * those coordinates (the shoulder's wrap follows a curve of its own: through the armpit and over the
 * top), shaded as rounded surfaces and given a one-pixel transparent rim so their edges are antialiased. Everything that moves follows the model: girth of muscle and skin from swelling (the skin's
 * swollen edges are thin strips over the still, resting skin), the flesh bulging either side of the band
 * with its pressure, colour from tissue oxygen, veins from venous pooling, arrows from the two flows,
 * particles from lactate, phosphate and H+. */
#include "muscle_view.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "gfx.h"
#include "oc_rng.h"
#include "oc_util.h"
#include "lab.h"
#include "muscle_shapes.h"

#define SWELL_GAIN 3.0f   /* girth drawn at 3x the model's thickness change, so 7-10 % is visible */
#define MAX_PARTICLES 120
#define MAX_VERTS 6000
#define MAX_IDX 18000

/* ---------------- geometry of the five parts: muscle_shapes.c ---------------- */

#define GEO muscle_shapes() /* indexed by BodyPart */

/* ---------------- state ---------------- */

typedef struct Particle {
    float a, b;    /* position in its belly: along 0..1, across -1..1 */
    float va, vb;
    float life;    /* 1 alive; falls to 0 while washing out */
    unsigned char kind, belly;
    bool leaving;
} Particle;

struct MuscleView {
    const App *app; /* for the reduced-motion setting */
    BodyPart part;
    bool have;       /* a model was seen */
    float swell;     /* % (smoothed) */
    float oxygen;    /* 0..1 */
    float vein;      /* 0..1 distension */
    float inflow, outflow;
    float contraction, type2;
    float aop;       /* cuff % AOP (0 when off) */
    bool cuff_on, tourniquet;
    float metab[3];  /* target particle counts: lactate, Pi, H+ */
    double t;
    Particle p[MAX_PARTICLES];
    int np;
    Rng rng;
    /* the still skin and the slowly changing muscle, cached on an opaque backdrop (muscle_view_set_backdrop) */
    bool cached;
    SDL_Color backdrop;
    SDL_Texture *tex; /* streaming: the picture, rasterised by the CPU (gfx_raster_begin) into pic */
    SDL_Surface *pic;
    SDL_Rect slow_rect; /* where in pic the slow layer was drawn over the skin last time */
    int tw, th;
    Uint32 key;                         /* slow_key of the picture */
    float drawn_swell, drawn_oxygen, drawn_vein; /* and the smooth values it was drawn with */
    SDL_Surface *skin; /* the skin alone at the same place: the start of every redraw */
    Uint32 skin_key;
    /* per kind of particle, an antialiased disc with a highlight at its size, in its colour: copied with no
     * colour modulation (the renderer's fast blending path), an alpha mod only while one fades */
    SDL_Texture *dot[3];
    int dot_px[3];
    SDL_Color dot_c[3];
};

MuscleView *muscle_view_create(App *app, BodyPart part)
{
    MuscleView *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->app = app;
    v->part = (unsigned)part < BODY_PART_COUNT ? part : BODY_UPPER_ARM;
    v->oxygen = 0.70f;
    v->inflow = v->outflow = 1.0f;
    rng_seed(&v->rng, 0x5eed0001u + (unsigned)part);
    return v;
}

void muscle_view_destroy(MuscleView *v)
{
    if (v && v->tex)
        SDL_DestroyTexture(v->tex);
    for (int k = 0; v && k < 3; k++)
        if (v->dot[k])
            SDL_DestroyTexture(v->dot[k]);
    if (v) {
        SDL_FreeSurface(v->skin);
        SDL_FreeSurface(v->pic);
    }
    free(v);
}

void muscle_view_set_backdrop(MuscleView *v, SDL_Color bg)
{
    if (!v)
        return;
    v->cached = true;
    v->backdrop = bg;
    v->key = 0;
}

void muscle_view_set_part(MuscleView *v, BodyPart part)
{
    if (!v || (unsigned)part >= BODY_PART_COUNT || part == v->part)
        return;
    v->part = part;
    v->np = 0;
}

int muscle_view_particles(const MuscleView *v)
{
    int n = 0;
    for (int i = 0; i < v->np; i++)
        n += !v->p[i].leaving;
    return n;
}

static float clampf(float x, float lo, float hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static float approach(float cur, float target, float rate, double dt)
{
    float k = 1.0f - expf(-rate * (float)dt);
    return cur + (target - cur) * k;
}

static float frand(Rng *r)
{
    return (float)rng_uniform(r);
}

static void spawn(MuscleView *v, int kind)
{
    if (v->np >= MAX_PARTICLES)
        return;
    const PartGeo *g = &GEO[v->part];
    Particle *p = &v->p[v->np++];
    p->belly = (unsigned char)(rng_next(&v->rng) % (uint64_t)g->nbelly);
    p->a = 0.15f + 0.7f * frand(&v->rng);
    p->b = 1.4f * frand(&v->rng) - 0.7f;
    p->va = 0.03f * (frand(&v->rng) - 0.5f);
    p->vb = 0.10f * (frand(&v->rng) - 0.5f);
    p->life = 0.0f; /* fades in */
    p->kind = (unsigned char)kind;
    p->leaving = false;
}

void muscle_view_update(MuscleView *v, const Model *m, double dt)
{
    if (!v || !m)
        return;
    const ModelOut *o = model_out(m);
    float rate = 6.0f;
    if (!v->have) { /* the first look jumps straight to the model's state */
        rate = 1e6f;
        dt = 1.0;
    }
    v->have = true;
    v->t += v->have && rate < 1e5f ? dt : 0.0;
    v->swell = approach(v->swell, (float)o->swelling_percent, rate, dt);
    v->oxygen = approach(v->oxygen, (float)o->oxygen_saturation, rate, dt);
    /* veins distend with the pressure of the pooled blood under the wrap (12 mmHg at rest) */
    v->vein = approach(v->vein, clampf((float)(o->venous_pressure - 12.0) / 60.0f, 0.0f, 1.0f), rate, dt);
    v->inflow = approach(v->inflow, (float)o->arterial_inflow, rate * 2, dt);
    v->outflow = approach(v->outflow, (float)o->venous_outflow, rate * 2, dt);
    v->type2 = approach(v->type2, (float)o->type2_recruitment, rate, dt);
    v->contraction = model_in_rep(m) ? (float)sin(OC_PI * clampf((float)(m->rep_t / m->rep_len), 0.0f, 1.0f)) : 0.0f;
    v->cuff_on = o->cuff_mmhg > 0.0;
    v->aop = (float)o->aop_percent;
    v->tourniquet = v->cuff_on && o->arterial_inflow <= 0.0;
    /* particles: one per half mM of lactate, per mM of Pi, per 0.006 pH units of acid (above rest) */
    v->metab[0] = clampf((float)(o->lactate_muscle_mm - 1.0) * 2.0f, 0.0f, 48.0f);
    v->metab[1] = clampf((float)(o->pi_mm - 4.0) * 1.2f, 0.0f, 36.0f);
    v->metab[2] = clampf((float)(7.05 - o->ph) / 0.006f, 0.0f, 36.0f);
    int have[3] = {0, 0, 0};
    for (int i = 0; i < v->np; i++)
        if (!v->p[i].leaving)
            have[v->p[i].kind]++;
    for (int k = 0; k < 3; k++) {
        int want = (int)lroundf(v->metab[k]);
        for (int i = v->np - 1; i >= 0 && have[k] > want; i--)
            if (v->p[i].kind == k && !v->p[i].leaving) {
                v->p[i].leaving = true; /* washed out: towards the veins at the wrap */
                have[k]--;
            }
        for (; have[k] < want && v->np < MAX_PARTICLES; have[k]++)
            spawn(v, k);
    }
    float fdt = (float)dt;
    bool still = v->app && v->app->settings.reduced_motion; /* reduced motion: particles stay put */
    for (int i = 0; i < v->np;) {
        Particle *p = &v->p[i];
        if (p->leaving) {
            if (!still)
                p->a -= fdt * (0.25f + 0.04f * v->outflow);
            p->life -= fdt * 0.8f;
        } else {
            p->life = fminf(1.0f, p->life + fdt * 1.5f);
            if (!still) {
                p->a += p->va * fdt;
                p->b += p->vb * fdt;
                if (p->a < 0.1f || p->a > 0.9f)
                    p->va = -p->va;
                if (p->b < -0.75f || p->b > 0.75f)
                    p->vb = -p->vb;
                p->a = clampf(p->a, 0.1f, 0.9f);
                p->b = clampf(p->b, -0.75f, 0.75f);
            }
        }
        if (p->leaving && (p->life <= 0.0f || p->a < -0.2f)) {
            v->p[i] = v->p[--v->np];
            continue;
        }
        i++;
    }
}

/* ---------------- meshes ---------------- */

typedef struct Mesh {
    SDL_Vertex v[MAX_VERTS];
    int idx[MAX_IDX];
    int nv, ni;
} Mesh;

static Mesh mesh_buf; /* one frame's geometry at a time (drawing is single-threaded) */

static void mesh_flush(App *app, Mesh *m)
{
    if (m->ni > 0) {
        gfx_geometry(app, m->v, m->nv, m->idx, m->ni);
    }
    m->nv = m->ni = 0;
}

static bool mesh_room(App *app, Mesh *m, int nv, int ni)
{
    if (m->nv + nv > MAX_VERTS || m->ni + ni > MAX_IDX)
        mesh_flush(app, m);
    return nv <= MAX_VERTS && ni <= MAX_IDX;
}

/* The drawing frame: design units (fraction of the drawing height) to physical pixels. */
typedef struct View {
    float ox, oy, h; /* physical pixels */
    float px;        /* one physical pixel in design units */
} View;

static View view_of(App *app, LRect box)
{
    LRect d = lab_view_fit(box);
    float s = app->frame.scale;
    /* the design spans 0.9 of the area's height, with a margin above for the view's label */
    View w = {(d.x + d.w * 0.5f - d.h * 0.9f * 0.31f) * s, (d.y + d.h * 0.06f) * s, d.h * 0.9f * s, 0};
    w.px = 1.0f / w.h;
    return w;
}

static SDL_FPoint to_px(const View *w, float x, float y)
{
    return (SDL_FPoint){w->ox + x * w->h, w->oy + y * w->h};
}

static void bezier(const Tube *t, float u, float *x, float *y, float *nx, float *ny)
{
    float a = 1 - u;
    float b0 = a * a * a, b1 = 3 * a * a * u, b2 = 3 * a * u * u, b3 = u * u * u;
    *x = b0 * t->p[0][0] + b1 * t->p[1][0] + b2 * t->p[2][0] + b3 * t->p[3][0];
    *y = b0 * t->p[0][1] + b1 * t->p[1][1] + b2 * t->p[2][1] + b3 * t->p[3][1];
    float d0 = 3 * a * a, d1 = 6 * a * u, d2 = 3 * u * u;
    float tx = d0 * (t->p[1][0] - t->p[0][0]) + d1 * (t->p[2][0] - t->p[1][0]) + d2 * (t->p[3][0] - t->p[2][0]);
    float ty = d0 * (t->p[1][1] - t->p[0][1]) + d1 * (t->p[2][1] - t->p[1][1]) + d2 * (t->p[3][1] - t->p[2][1]);
    float l = sqrtf(tx * tx + ty * ty);
    if (l < 1e-6f)
        l = 1.0f, tx = 0, ty = 1;
    *nx = ty / l; /* s > 0 is to the right of a limb pointing down */
    *ny = -tx / l;
}

/* Catmull-Rom through the stations: a smooth outline without flat spots at each station. */
static float station(const float *r, float u)
{
    float f = clampf(u, 0.0f, 1.0f) * (float)(TUBE_STATIONS - 1);
    int i = (int)f;
    if (i >= TUBE_STATIONS - 1)
        return r[TUBE_STATIONS - 1];
    float k = f - (float)i;
    float p0 = r[i > 0 ? i - 1 : 0], p1 = r[i], p2 = r[i + 1], p3 = r[i + 2 < TUBE_STATIONS ? i + 2 : TUBE_STATIONS - 1];
    return 0.5f * (2.0f * p1 + (p2 - p0) * k + (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * k * k +
                   (3.0f * p1 - p0 - 3.0f * p2 + p3) * k * k * k);
}

/* The tube's mean radius at u (widths of strokes, particles and arrows). */
static float radius(const Tube *t, float u)
{
    return 0.5f * (station(t->rl, u) + station(t->rr, u));
}

/* A point of the tube at (u, s): s = -1 is its left outline, 1 its right one; grow scales the radius. */
static void tube_point(const Tube *t, float u, float s, float grow, float *x, float *y)
{
    float cx, cy, nx, ny;
    bezier(t, u, &cx, &cy, &nx, &ny);
    float r = station(s < 0.0f ? t->rl : t->rr, u) * grow;
    *x = cx + nx * s * r;
    *y = cy + ny * s * r;
}

static SDL_Color shade(SDL_Color c, float k)
{
    k = clampf(k, 0.0f, 1.6f);
    int r = (int)(c.r * k), g = (int)(c.g * k), b = (int)(c.b * k);
    if (k > 1.0f) { /* highlights go towards white rather than saturating */
        float w = (k - 1.0f) * 0.6f;
        r = (int)(c.r + (255 - c.r) * w), g = (int)(c.g + (255 - c.g) * w), b = (int)(c.b + (255 - c.b) * w);
    }
    return (SDL_Color){(Uint8)(r > 255 ? 255 : r), (Uint8)(g > 255 ? 255 : g), (Uint8)(b > 255 ? 255 : b), c.a};
}

/* Light from the upper left: a rounded surface across s in [-1, 1]. */
static float lambert(float s)
{
    float nz = sqrtf(fmaxf(0.0f, 1.0f - s * s));
    return 0.58f + 0.47f * nz - 0.20f * s;
}

/* A shaded patch between s = lo(u) and hi(u) along a tube, from u0 to u1, with an antialiased rim.
 * `lo`/`hi` come from a callback so bellies, skin and the band share one builder. */
typedef void (*Span)(const void *ctx, float u, float *lo, float *hi);

#define PATCH_COLS 9

typedef struct PatchOpt {
    float grow;             /* radius multiplier (inner layers sit inside the skin) */
    float stripes;          /* darkening of every other column: muscle fibres */
    bool rim_ends;          /* antialiased rims at both ends too */
    float fade_lo, fade_hi; /* share of the length over which the ends fade out (cut-off limb segments) */
    float tilt;             /* u shifts by tilt * s (the shoulder's slanted wrap) */
    bool round;             /* shaded as rounded along its length too (a belly's ends turn away) */
    bool krange;            /* shade across as the part k0..k1 of a whole round surface (-1..1 otherwise) */
    float k0, k1;
    int cols;               /* columns across (PATCH_COLS when 0) */
} PatchOpt;

static float tube_length(const Tube *t)
{
    float l = 0, px = t->p[0][0], py = t->p[0][1];
    for (int i = 1; i <= 8; i++) {
        float x, y, nx, ny;
        bezier(t, (float)i / 8.0f, &x, &y, &nx, &ny);
        l += sqrtf((x - px) * (x - px) + (y - py) * (y - py));
        px = x, py = y;
    }
    return l;
}

static float smooth01(float x)
{
    x = clampf(x, 0.0f, 1.0f);
    return x * x * (3 - 2 * x);
}

static void patch(App *app, const View *w, const Tube *t, float u0, float u1, int rows, Span span, const void *ctx,
                  SDL_Color base, const PatchOpt *o)
{
    Mesh *m = &mesh_buf;
    const int ncols = o->cols > 1 ? o->cols : PATCH_COLS;
    const int cols = ncols + 2; /* + one rim column on each side */
    int nrows = rows + 1 + (o->rim_ends ? 2 : 0);
    if (!mesh_room(app, m, nrows * (cols + 1), (nrows - 1) * cols * 6))
        return;
    int first = m->nv;
    float feather = 1.3f * w->px, fu = feather / fmaxf(tube_length(t), 1e-3f);
    for (int row = 0; row < nrows; row++) {
        int i = o->rim_ends ? row - 1 : row;
        float u = u0 + (u1 - u0) * (float)i / (float)rows;
        float alpha = 1.0f;
        if (i < 0)
            u = u0 - fu, alpha = 0.0f;
        else if (i > rows)
            u = u1 + fu, alpha = 0.0f;
        float f = (u - u0) / (u1 - u0);
        if (o->fade_lo > 0)
            alpha *= smooth01(f / o->fade_lo);
        if (o->fade_hi > 0)
            alpha *= smooth01((1.0f - f) / o->fade_hi);
        float lo, hi;
        span(ctx, clampf(u, u0, u1), &lo, &hi);
        float r = radius(t, u) * o->grow;
        float fs = r > 1e-4f ? feather / r : 0.0f; /* the rim's width in s */
        for (int j = 0; j <= cols; j++) {
            float s, k;
            Uint8 a = (Uint8)(base.a * alpha);
            float k0 = o->krange ? o->k0 : -1.0f, k1 = o->krange ? o->k1 : 1.0f;
            if (j == 0) {
                s = lo - fs, a = 0;
                k = k0;
            } else if (j == cols) {
                s = hi + fs, a = 0;
                k = k1;
            } else {
                float q = (float)(j - 1) / (float)(ncols - 1);
                s = lo + (hi - lo) * q;
                k = k0 + (k1 - k0) * q;
            }
            float x, y;
            tube_point(t, u + o->tilt * s, s, o->grow, &x, &y);
            float lit = lambert(k * 0.96f);
            if (o->round)
                lit *= 0.88f + 0.12f * sinf((float)OC_PI * clampf(f, 0.0f, 1.0f));
            if (o->stripes > 0.0f && j > 0 && j < cols && (j & 1))
                lit *= 1.0f - o->stripes;
            SDL_Color c = shade(base, lit);
            c.a = a;
            SDL_FPoint p = to_px(w, x, y);
            m->v[m->nv++] = (SDL_Vertex){p, c, {0, 0}};
        }
    }
    for (int i = 0; i + 1 < nrows; i++)
        for (int j = 0; j < cols; j++) {
            int a = first + i * (cols + 1) + j, b = a + 1, c = a + cols + 1, d = c + 1;
            int *ix = &m->idx[m->ni];
            ix[0] = a, ix[1] = b, ix[2] = c, ix[3] = b, ix[4] = d, ix[5] = c;
            m->ni += 6;
        }
}

/* A segment's full width, rounded off at capped ends (an ellipse's quarter). */
static void cap_span(const void *ctx, float u, float *lo, float *hi)
{
    const Segment *sg = ctx;
    float k = 1.0f;
    if (sg->cap[0] > 0.0f && u < sg->cap[0]) {
        float x = 1.0f - u / sg->cap[0];
        k = sqrtf(fmaxf(1.0f - x * x, 0.0f));
    }
    if (sg->cap[1] > 0.0f && u > 1.0f - sg->cap[1]) {
        float x = 1.0f - (1.0f - u) / sg->cap[1];
        k = sqrtf(fmaxf(1.0f - x * x, 0.0f));
    }
    k = fmaxf(k, 0.04f);
    *lo = -k;
    *hi = k;
}

typedef struct BellySpan {
    const Belly *b;
    float girth;   /* swelling and contraction */
    float shorten; /* contraction pulls the belly towards its middle */
    float spread;  /* swelling moves the bellies' centres outwards */
} BellySpan;

static float belly_profile(const Belly *b, float f)
{
    /* a spindle: rises to its peak, falls to a tendon; asymmetric around `peak` */
    float x = f < b->peak ? 0.5f * f / b->peak : 0.5f + 0.5f * (f - b->peak) / (1.0f - b->peak);
    float s = sinf((float)OC_PI * clampf(x, 0.0f, 1.0f));
    return powf(fmaxf(s, 0.0f), 0.62f); /* full bellies, not leaves */
}

#define TENDON_HW 0.06f /* a tendon's half-width across, as a share of the radius */

/* The belly's ends along the tube, shortened by a contraction. */
static void belly_ends(const BellySpan *bs, float *a, float *z)
{
    const Belly *b = bs->b;
    float mid = 0.5f * (b->u0 + b->u1), half = 0.5f * (b->u1 - b->u0) * bs->shorten;
    *a = mid - half;
    *z = mid + half;
}

/* The belly's centre and half-width across at u. Its ends narrow into their tendons, not to a point. */
static void belly_at(const BellySpan *bs, float u, float *sc, float *hw)
{
    const Belly *b = bs->b;
    float a, z;
    belly_ends(bs, &a, &z);
    float f = clampf((u - a) / (z - a), 0.0f, 1.0f);
    float tw = (f < b->peak ? b->t0 : b->t1) > 0.0f ? TENDON_HW : 0.0f;
    *hw = (tw + (b->hw - tw) * belly_profile(b, f)) * bs->girth + 0.01f;
    *sc = (b->sc + b->skew * (f - 0.5f)) * bs->spread;
}

static void belly_span(const void *ctx, float u, float *lo, float *hi)
{
    float sc, hw;
    belly_at(ctx, u, &sc, &hw);
    *lo = sc - hw;
    *hi = sc + hw;
}

/* The skin over the wrapped segment: it swells over the muscle with the model, and a wrap presses into
 * it, the flesh bulging either side of the band (a waist at the band). */
typedef struct SkinSpan {
    const PartGeo *g;
    float swell; /* girth factor over the muscle (1 at rest) */
    float pinch; /* how far the band presses in, as a share of the radius (0 without a wrap) */
    float inset; /* the layer under the skin sits this far inside it */
} SkinSpan;

static float skin_out(const SkinSpan *k, float u, float side)
{
    const PartGeo *g = k->g;
    float e = 0.0f;
    float f = (u - g->swell_u0) / (g->swell_u1 - g->swell_u0);
    if (f > 0.0f && f < 1.0f)
        e += (k->swell - 1.0f) * 0.95f * powf(sinf((float)OC_PI * f), 0.5f);
    if (k->pinch > 0.0f) { /* the flesh bulges out either side of the band, most just below it */
        float d = (u - (g->wrap_u + g->wrap_tilt * side)) / g->wrap_w;
        float below = d - 0.9f, above = d + 0.9f;
        e += k->pinch * (expf(-below * below * 2.2f) + 0.55f * expf(-above * above * 2.2f));
    }
    return e; /* never below the resting outline: the still skin underneath is that outline */
}

static void skin_span(const void *ctx, float u, float *lo, float *hi)
{
    const SkinSpan *k = ctx;
    float c = k->g->limb_cap, r = 1.0f;
    if (c > 0.0f && u < c) { /* a rounded top: a quarter ellipse */
        float x = 1.0f - u / c;
        r = sqrtf(fmaxf(1.0f - x * x, 0.002f));
    }
    *lo = -r - skin_out(k, u, -1.0f) + k->inset;
    *hi = r + skin_out(k, u, 1.0f) - k->inset;
}

/* One side's outer edge of a swollen outline, from inside the resting outline (where the still picture
 * underneath has the same shade) out to the swollen edge: the only part that changes as it swells. */
typedef struct StripSpan {
    Span span;
    const void *now, *rest;
    float inner; /* the strip starts this far out, as a share of the resting half-width */
    int side;    /* -1 left, 1 right */
} StripSpan;

static void strip_span(const void *ctx, float u, float *lo, float *hi)
{
    const StripSpan *st = ctx;
    float l, h, l0, h0;
    st->span(st->now, u, &l, &h);
    st->span(st->rest, u, &l0, &h0);
    if (st->side > 0) {
        *lo = st->inner * h0;
        *hi = fmaxf(h, h0);
    } else {
        *lo = fminf(l, l0);
        *hi = st->inner * l0;
    }
}

/* The layer under the skin where the muscles show (a cut-away): inside the skin, rounded at its ends. */
typedef struct WindowSpan {
    SkinSpan skin;
    float u0, u1;
} WindowSpan;

static void window_span(const void *ctx, float u, float *lo, float *hi)
{
    const WindowSpan *ws = ctx;
    /* rounded ends: a quarter ellipse over the first and last 14 % */
    float f = clampf((u - ws->u0) / (ws->u1 - ws->u0), 0.0f, 1.0f), e = fminf(f, 1.0f - f) / 0.14f;
    float x = 1.0f - fminf(e, 1.0f), k = sqrtf(fmaxf(1.0f - x * x, 0.0f));
    skin_span(&ws->skin, u, lo, hi);
    *lo *= k;
    *hi *= k;
}

static void blob(App *app, const View *w, const Blob *b, SDL_Color c)
{
    Mesh *m = &mesh_buf;
    enum { N = 40 };
    if (!mesh_room(app, m, 2 * N + 1, N * 9))
        return;
    int c0 = m->nv;
    m->v[m->nv++] = (SDL_Vertex){to_px(w, b->x, b->y), shade(c, lambert(0.0f)), {0, 0}};
    for (int i = 0; i < N; i++) {
        float a = (float)i / N * 2.0f * (float)OC_PI, cs = cosf(a), sn = sinf(a);
        float lit = lambert(cs * 0.96f) - 0.08f * sn;
        SDL_Color e = shade(c, lit), f = e;
        f.a = 0;
        m->v[m->nv++] = (SDL_Vertex){to_px(w, b->x + cs * b->rx, b->y + sn * b->ry), e, {0, 0}};
        m->v[m->nv++] = (SDL_Vertex){to_px(w, b->x + cs * (b->rx + 1.3f * w->px), b->y + sn * (b->ry + 1.3f * w->px)), f, {0, 0}};
    }
    for (int i = 0; i < N; i++) {
        int a = c0 + 1 + 2 * i, bb = c0 + 1 + 2 * ((i + 1) % N);
        int *ix = &m->idx[m->ni];
        ix[0] = c0, ix[1] = a, ix[2] = bb;
        ix[3] = a, ix[4] = a + 1, ix[5] = bb;
        ix[6] = bb, ix[7] = a + 1, ix[8] = bb + 1;
        m->ni += 9;
    }
}

/* A stroke through points (design units) of width wd, with soft edges. */
static void stroke(App *app, const View *w, const float *xy, int n, float wd0, float wd1, SDL_Color c)
{
    Mesh *m = &mesh_buf;
    if (n < 2 || !mesh_room(app, m, 4 * n, 18 * n))
        return;
    int first = m->nv;
    float f = 1.2f * w->px;
    for (int i = 0; i < n; i++) {
        int a = i > 0 ? i - 1 : 0, b = i < n - 1 ? i + 1 : n - 1;
        float tx = xy[2 * b] - xy[2 * a], ty = xy[2 * b + 1] - xy[2 * a + 1];
        float l = sqrtf(tx * tx + ty * ty);
        if (l < 1e-6f)
            l = 1;
        float nx = -ty / l, ny = tx / l;
        float wd = (wd0 + (wd1 - wd0) * (float)i / (float)(n - 1)) * 0.5f;
        float offs[4] = {-wd - f, -wd, wd, wd + f};
        for (int k = 0; k < 4; k++) {
            SDL_Color cc = k == 0 || k == 3 ? (SDL_Color){c.r, c.g, c.b, 0} : c;
            if (k == 1)
                cc = shade(c, 1.25f);
            m->v[m->nv++] = (SDL_Vertex){to_px(w, xy[2 * i] + nx * offs[k], xy[2 * i + 1] + ny * offs[k]), cc, {0, 0}};
        }
    }
    for (int i = 0; i + 1 < n; i++)
        for (int k = 0; k < 3; k++) {
            int a = first + 4 * i + k, b = a + 1, c2 = a + 4, d = c2 + 1;
            int *ix = &m->idx[m->ni];
            ix[0] = a, ix[1] = b, ix[2] = c2, ix[3] = b, ix[4] = d, ix[5] = c2;
            m->ni += 6;
        }
}

/* A disc (particles, markers) with a soft rim. */
static void disc(App *app, const View *w, float x, float y, float r, SDL_Color c)
{
    Mesh *m = &mesh_buf;
    enum { N = 10 };
    if (!mesh_room(app, m, 2 * N + 1, 9 * N))
        return;
    int c0 = m->nv;
    m->v[m->nv++] = (SDL_Vertex){to_px(w, x, y), shade(c, 1.3f), {0, 0}};
    for (int i = 0; i < N; i++) {
        float a = (float)i / N * 2.0f * (float)OC_PI, cs = cosf(a), sn = sinf(a);
        SDL_Color e = c, f = c;
        f.a = 0;
        m->v[m->nv++] = (SDL_Vertex){to_px(w, x + cs * r, y + sn * r), e, {0, 0}};
        m->v[m->nv++] = (SDL_Vertex){to_px(w, x + cs * (r + 1.2f * w->px), y + sn * (r + 1.2f * w->px)), f, {0, 0}};
    }
    for (int i = 0; i < N; i++) {
        int a = c0 + 1 + 2 * i, bb = c0 + 1 + 2 * ((i + 1) % N);
        int *ix = &m->idx[m->ni];
        ix[0] = c0, ix[1] = a, ix[2] = bb;
        ix[3] = a, ix[4] = a + 1, ix[5] = bb;
        ix[6] = bb, ix[7] = a + 1, ix[8] = bb + 1;
        m->ni += 9;
    }
}

/* ---------------- colours ---------------- */

static SDL_Color skin_color(void)
{
    return gfx_rgba(0xd9, 0xa5, 0x86, 255);
}

SDL_Color muscle_view_tissue_color(const App *app, double oxygen)
{
    /* healthy red at resting oxygen (70 %) and above, darkening through a dusky crimson to the deep plum of
     * congested, blood-filled muscle as oxygen runs out (dark and muted: never a bright violet); the
     * colour-blind palette goes from vermilion to deep blue-violet so the change also reads as light to dark.
     * The model's tissue O2 bottoms out near 25-30 % under a tight wrap (as near-infrared readings do). */
    float f = clampf((float)((0.70 - oxygen) / 0.40), 0.0f, 1.0f);
    f = powf(f, 0.8f);
    SDL_Color healthy, mid, starved;
    if (app->settings.colorblind) { /* through a saturated magenta: a straight orange-blue mix turns grey */
        healthy = gfx_rgba(0xd8, 0x55, 0x2a, 255), mid = gfx_rgba(0x90, 0x28, 0x80, 255);
        starved = gfx_rgba(0x36, 0x2c, 0x88, 255);
    } else {
        healthy = gfx_rgba(0xc8, 0x36, 0x3a, 255), mid = gfx_rgba(0x88, 0x24, 0x50, 255);
        starved = gfx_rgba(0x56, 0x1e, 0x4c, 255);
    }
    return f < 0.5f ? gfx_mix(healthy, mid, f * 2.0f) : gfx_mix(mid, starved, f * 2.0f - 1.0f);
}

static SDL_Color vein_color(const App *app, float distension)
{
    SDL_Color a = gfx_rgba(0x8a, 0x9a, 0xb0, 120), b = gfx_rgba(0x44, 0x58, 0x9c, 225);
    (void)app;
    return gfx_mix(a, b, distension);
}

/* ---------------- drawing ---------------- */

#define WINDOW_INSET 0.10f /* the cut-away sits this far inside the skin (share of the radius) */

static WindowSpan window_of(const PartGeo *g, SkinSpan skin)
{
    skin.inset = WINDOW_INSET;
    return (WindowSpan){skin, g->swell_u0 - 0.05f, fminf(g->swell_u1 + 0.03f, 0.99f)};
}

static SDL_Color window_color(void)
{
    return gfx_rgba(0x9c, 0x62, 0x56, 255);
}

/* The still skin (cached by the scenes): the neighbouring segments, the wrapped segment at rest with its
 * folds, and the cut-away where the muscles show, at rest too. What swells is drawn over it. */
static void draw_skin(App *app, const View *w, const PartGeo *g)
{
    SDL_Color skin = skin_color();
    for (int i = 0; i < g->nseg; i++) {
        const Segment *sg = &g->seg[i];
        patch(app, w, &sg->t, 0.0f, 1.0f, 30, cap_span, sg, sg->tone > 0.0f ? shade(skin, sg->tone) : skin,
              &(PatchOpt){.grow = 1.0f, .fade_lo = sg->fade[0], .fade_hi = sg->fade[1],
                          .rim_ends = sg->fade[0] <= 0.0f && sg->fade[1] <= 0.0f});
    }
    for (int i = 0; i < g->nblob; i++)
        blob(app, w, &g->blob[i], skin);
    SkinSpan rest = {g, 1.0f, 0.0f, 0.0f};
    patch(app, w, &g->limb, 0.0f, 1.0f, 44, skin_span, &rest, skin,
          &(PatchOpt){.grow = 1.0f, .fade_lo = g->limb_fade[0], .fade_hi = g->limb_fade[1]});
    SDL_Color fold = gfx_rgba(0x8a, 0x52, 0x40, 120);
    for (int i = 0; i < g->ncrease; i++) {
        const Crease *c = &g->crease[i];
        float xy[6] = {c->x[0], c->y[0], c->x[1], c->y[1], c->x[2], c->y[2]};
        stroke(app, w, xy, 3, c->width, c->width * 0.25f, fold);
    }
    WindowSpan ws = window_of(g, rest);
    /* the cut-away's top (where the band sits) runs softly into the skin rather than ending in a cut line */
    patch(app, w, &g->limb, ws.u0, ws.u1, 32, window_span, &ws, window_color(),
          &(PatchOpt){.grow = 1.0f, .rim_ends = true, .fade_lo = 0.07f});
    mesh_flush(app, &mesh_buf);
}

static float view_swell(const MuscleView *v)
{
    return 1.0f + SWELL_GAIN * fmaxf(0.0f, v->swell) / 100.0f;
}

static SkinSpan skin_of(const MuscleView *v, const PartGeo *g)
{
    /* a band on a curve of its own (the shoulder's loop) lies beside the tube, not round it: no waist */
    float pinch = v->cuff_on && g->loop_w <= 0.0f ? 0.03f + 0.05f * clampf(v->aop / 100.0f, 0.0f, 1.2f) : 0.0f;
    return (SkinSpan){g, view_swell(v), pinch, 0.0f};
}

/* Both sides' swollen edges of an outline over [u0, u1], over the resting one. */
static void swell_strips(App *app, const View *w, const Tube *t, float u0, float u1, Span span, const void *now,
                         const void *rest, SDL_Color c, float fade_lo)
{
    const float inner = 0.96f; /* outside the cut-away's edge: only the skin's margin changes */
    for (int side = -1; side <= 1; side += 2) {
        StripSpan st = {span, now, rest, inner, side};
        patch(app, w, t, u0, u1, 18, strip_span, &st, c,
              &(PatchOpt){.grow = 1.0f, .krange = true, .k0 = side < 0 ? -1.0f : inner, .k1 = side < 0 ? -inner : 1.0f,
                          .cols = 2, .fade_lo = fade_lo});
    }
}

/* What changes in the wrapped segment's skin: it swells with the model and bulges either side of the band,
 * with the band's shadow below it (the swollen muscles cover the still cut-away's edge). Drawn with the moving picture, as thin
 * strips over the still skin's edges (big blended triangles are dear on the software renderer). */
static void draw_limb_skin(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    SkinSpan sk = skin_of(v, g), rest = {g, 1.0f, 0.0f, 0.0f};
    if (sk.swell > 1.002f || sk.pinch > 0.0f) {
        float u0 = fmaxf(0.0f, fminf(g->swell_u0, g->wrap_u - 2.2f * g->wrap_w - fabsf(g->wrap_tilt)));
        float u1 = fminf(1.0f, g->swell_u1 + 0.02f);
        /* where the strips start at the limb's top they fade in as the still skin does (or over a short way
         * where the still skin has a hard top under its neighbour): no step at their end */
        float fade = u0 <= 0.0f ? fmaxf(g->limb_fade[0], 0.05f) / (u1 - u0) : 0.0f;
        swell_strips(app, w, &g->limb, u0, u1, skin_span, &sk, &rest, skin_color(), fade);
    }
    if (v->cuff_on && g->loop_w <= 0.0f) { /* the band's shadow on the skin just below it */
        float u = g->wrap_u + g->wrap_w * 0.5f;
        patch(app, w, &g->limb, u, u + 0.035f, 3, skin_span, &sk, gfx_rgba(0x3a, 0x1c, 0x14, 90),
              &(PatchOpt){.grow = 1.0f, .fade_hi = 1.0f, .tilt = g->wrap_tilt});
    }
}

void muscle_view_draw_still(App *app, const MuscleView *v, LRect box)
{
    if (v->cached)
        return; /* part of the cached picture */
    View w = view_of(app, box);
    draw_skin(app, &w, &GEO[v->part]);
}

/* A cached picture shows a rep in three steps (relaxed, half, full), each drawn once per rep. */
static float contraction_step(float c)
{
    return c < 0.3f ? 0.0f : c < 0.75f ? 0.5f : 1.0f;
}

/* A tendon: a pale, tapering cord from the belly's end to its attachment. */
static void draw_tendon(App *app, const View *w, const PartGeo *g, const BellySpan *bs, bool bottom)
{
    const Belly *b = bs->b;
    float len = bottom ? b->t1 : b->t0, ts = bottom ? b->ts1 : b->ts0;
    if (len <= 0.0f)
        return;
    float a, z, sc, hw;
    belly_ends(bs, &a, &z);
    float ue = bottom ? z : a, dir = bottom ? 1.0f : -1.0f;
    belly_at(bs, ue, &sc, &hw);
    float xy[2 * 6];
    for (int i = 0; i < 6; i++) { /* starts inside the belly's end, curves gently to its attachment */
        float f = (float)i / 5.0f, e = f * f * (3 - 2 * f);
        float u = clampf(ue + dir * (len * f - 0.03f * (1.0f - f)), 0.0f, 1.0f);
        tube_point(&g->limb, u, sc + (ts - sc) * e, 1.0f, &xy[2 * i], &xy[2 * i + 1]);
    }
    float r = radius(&g->limb, ue);
    float k = b->tendon_w > 0.0f ? b->tendon_w : 1.0f;
    stroke(app, w, xy, 6, 2.0f * TENDON_HW * k * r * bs->girth, 1.2f * TENDON_HW * k * r, gfx_rgba(0xd2, 0xbc, 0xa8, 235));
}

/* Where a tendon runs into its belly it spreads as a thin sheen over the muscle (an aponeurosis). */
static void draw_aponeurosis(App *app, const View *w, const PartGeo *g, const BellySpan *bs, bool bottom)
{
    const Belly *b = bs->b;
    if ((bottom ? b->t1 : b->t0) <= 0.0f)
        return;
    float a, z;
    belly_ends(bs, &a, &z);
    float ue = bottom ? z : a, dir = bottom ? -1.0f : 1.0f, len = 0.30f * (z - a);
    float xy[2 * 4];
    for (int i = 0; i < 4; i++) { /* from inside the belly out to its end */
        float u = ue + dir * len * (1.0f - (float)i / 3.0f), sc, hw;
        belly_at(bs, u, &sc, &hw);
        tube_point(&g->limb, u, sc, 1.0f, &xy[2 * i], &xy[2 * i + 1]);
    }
    float k = b->tendon_w > 0.0f ? b->tendon_w : 1.0f;
    stroke(app, w, xy, 4, 0.2f * TENDON_HW * k * radius(&g->limb, ue), 1.1f * TENDON_HW * k * radius(&g->limb, ue) * bs->girth,
           gfx_rgba(0xe8, 0xd8, 0xcc, 70));
}

static void draw_bellies(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    bool still = app->settings.reduced_motion;
    float c = still ? 0.0f : v->cached ? contraction_step(v->contraction) : v->contraction;
    float swell = view_swell(v);
    float girth = swell + 0.07f * c;
    float shorten = 1.0f - 0.05f * c;
    SDL_Color base = muscle_view_tissue_color(app, v->oxygen);
    if (still && v->contraction > 0.0f)
        base = shade(base, 1.12f); /* reduced motion: a rep shows as a brighter muscle, no movement */
    for (int layer = 0; layer < 3; layer++)
        for (int i = 0; i < g->nbelly; i++) {
            const Belly *b = &g->belly[i];
            if (b->layer != layer)
                continue;
            BellySpan bs = {b, girth, shorten, swell};
            draw_tendon(app, w, g, &bs, false);
            draw_tendon(app, w, g, &bs, true);
            float a, z;
            belly_ends(&bs, &a, &z);
            patch(app, w, &g->limb, a, z, 20, belly_span, &bs, b->tone ? shade(base, 0.88f) : base,
                  &(PatchOpt){.grow = 1.0f, .stripes = 0.06f, .rim_ends = true, .round = true,
                              .fade_lo = b->t0 > 0.0f ? 0.0f : 0.14f}); /* a fleshy origin runs deeper, out of sight */
            draw_aponeurosis(app, w, g, &bs, false);
            draw_aponeurosis(app, w, g, &bs, true);
        }
}

static void draw_veins(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    float d = clampf(v->vein, 0.0f, 1.0f);
    SDL_Color c = vein_color(app, d);
    float r0 = radius(&g->limb, 0.5f);
    SkinSpan sk = skin_of(v, g);
    for (int k = 0; k < g->nvein; k++) {
        const Vein *vn = &g->vein[k];
        float xy[2 * 17];
        int n = 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4 + (i == 3); j++) { /* smooth the five stations with a few steps each */
                float f = (float)j / 4.0f, u = vn->u[i] + (vn->u[i + 1] - vn->u[i]) * f;
                float s = vn->s[i] + (vn->s[i + 1] - vn->s[i]) * (f * f * (3 - 2 * f));
                s *= 1.0f + skin_out(&sk, u, s < 0.0f ? -1.0f : 1.0f); /* riding on the swollen skin */
                tube_point(&g->limb, u, s, 1.0f, &xy[2 * n], &xy[2 * n + 1]);
                n++;
            }
        float wd = r0 * (0.032f + 0.07f * d);
        stroke(app, w, xy, n, wd * 0.75f, wd, c);
    }
}

/* A disc of colour c (its alpha too) and diameter d pixels: 4x4 supersampled coverage, a little brighter
 * towards the upper left. */
static SDL_Texture *make_dot(App *app, int d, SDL_Color c)
{
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sf)
        return NULL;
    Uint32 *px = sf->pixels;
    float r = (float)d / 2.0f;
    for (int y = 0; y < d; y++)
        for (int x = 0; x < d; x++) {
            int cover = 0;
            for (int k = 0; k < 16; k++) {
                float fx = (float)x + ((float)(k % 4) + 0.5f) / 4.0f - r, fy = (float)y + ((float)(k / 4) + 0.5f) / 4.0f - r;
                cover += fx * fx + fy * fy <= r * r;
            }
            float dx = ((float)x + 0.5f - r * 0.7f) / r, dy = ((float)y + 0.5f - r * 0.7f) / r;
            float lit = clampf(0.78f + 0.22f * (1.0f - sqrtf(dx * dx + dy * dy)), 0.6f, 1.0f);
            Uint32 a = (Uint32)(cover * c.a / 16);
            Uint32 cr = (Uint32)lroundf(lit * (float)c.r), cg = (Uint32)lroundf(lit * (float)c.g),
                   cb = (Uint32)lroundf(lit * (float)c.b);
            px[y * (sf->pitch / 4) + x] = (a << 24) | (cr << 16) | (cg << 8) | cb;
        }
    SDL_Texture *t = SDL_CreateTextureFromSurface(app->ren, sf);
    SDL_FreeSurface(sf);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static void draw_particles(App *app, const View *w, MuscleView *v, const PartGeo *g)
{
    static const SDL_Color kinds[2][3] = {
        {{0xff, 0xd8, 0x5a, 230}, {0x8c, 0xe8, 0xb4, 230}, {0xf4, 0xf4, 0xff, 230}},
        {{0xf0, 0xe4, 0x42, 230}, {0x56, 0xb4, 0xe9, 230}, {0xf4, 0xf4, 0xff, 230}},
    };
    int pal = app->settings.colorblind ? 1 : 0;
    float pr = radius(&g->limb, 0.5f) * 0.055f;
    float girth = view_swell(v);
    for (int i = 0; i < v->np; i++) {
        const Particle *p = &v->p[i];
        const Belly *b = &g->belly[p->belly % g->nbelly];
        BellySpan bs = {b, girth, 1.0f, girth};
        float u = b->u0 + (b->u1 - b->u0) * p->a, sc, hw;
        belly_at(&bs, u, &sc, &hw);
        float s = sc + p->b * hw * 0.8f;
        if (p->leaving) /* washing out towards the veins at the wrap */
            u = fmaxf(g->wrap_u, u);
        float x, y;
        tube_point(&g->limb, u, s, 1.0f, &x, &y);
        SDL_Color c = kinds[pal][p->kind];
        c.a = (Uint8)(c.a * clampf(p->life, 0.0f, 1.0f));
        float rr = pr * (p->kind == 2 ? 0.7f : 1.0f);
        int d = (int)lroundf(2.0f * rr * w->h);
        if (d < 3) {
            disc(app, w, x, y, rr, c);
            continue;
        }
        SDL_Color full = kinds[pal][p->kind];
        int k = p->kind;
        if (!v->dot[k] || v->dot_px[k] != d || memcmp(&v->dot_c[k], &full, sizeof full) != 0) {
            if (v->dot[k])
                SDL_DestroyTexture(v->dot[k]);
            v->dot_px[k] = d;
            v->dot_c[k] = full;
            v->dot[k] = make_dot(app, d, full);
        }
        if (!v->dot[k]) {
            disc(app, w, x, y, rr, c);
            continue;
        }
        SDL_FPoint q = to_px(w, x, y);
        SDL_SetTextureAlphaMod(v->dot[k], (Uint8)lroundf(255.0f * clampf(p->life, 0.0f, 1.0f)));
        SDL_Rect dst = {(int)lroundf(q.x - (float)d / 2.0f), (int)lroundf(q.y - (float)d / 2.0f), d, d};
        gfx_copy_layer(app, v->dot[k], NULL, &dst, false);
    }
}

typedef struct BandSpan {
    SkinSpan skin;
    float tilt;
} BandSpan;

/* The band lies just proud of the resting skin; the flesh either side bulges past it (a waist). */
static void band_span(const void *ctx, float u, float *lo, float *hi)
{
    const BandSpan *b = ctx;
    *lo = -1.02f - 0.4f * skin_out(&b->skin, u - b->tilt, -1.0f);
    *hi = 1.02f + 0.4f * skin_out(&b->skin, u + b->tilt, 1.0f);
}

/* The wrap: a fabric band around the limb at the guide's place for this part; tilted on the shoulder
 * (through the armpit, over the top of the shoulder). It presses a waist into the skin (draw_limb_skin). */
static void full_span(const void *ctx, float u, float *lo, float *hi)
{
    (void)ctx, (void)u;
    *lo = -1.0f;
    *hi = 1.0f;
}

/* A band along a curve of its own (the shoulder: through the armpit, up the groove between chest and
 * deltoid and over the top), with a soft shadow on the skin beside it and the same stitched edges. */
static void draw_loop_band(App *app, const View *w, const PartGeo *g, SDL_Color fabric, SDL_Color edge)
{
    Tube t;
    memcpy(t.p, g->loop, sizeof t.p);
    for (int k = 3; k >= 1; k--) { /* a soft shadow: three nested faint strips, widest first */
        for (int i = 0; i < TUBE_STATIONS; i++)
            t.rl[i] = t.rr[i] = g->loop_w * (1.0f + 0.14f * (float)k);
        patch(app, w, &t, 0.0f, 1.0f, 12, full_span, NULL, gfx_rgba(0x3a, 0x1c, 0x14, 26),
              &(PatchOpt){.grow = 1.0f, .fade_lo = 0.30f, .fade_hi = 0.30f, .cols = 2});
    }
    for (int i = 0; i < TUBE_STATIONS; i++)
        t.rl[i] = t.rr[i] = g->loop_w;
    /* fades in from under the arm's inner edge and out where it turns over the top to the back */
    patch(app, w, &t, 0.0f, 1.0f, 20, full_span, NULL, shade(fabric, 1.15f),
          &(PatchOpt){.grow = 1.0f, .fade_lo = 0.10f, .fade_hi = 0.10f, .krange = true, .k0 = -0.75f, .k1 = 0.60f});
    for (int e = -1; e <= 1; e += 2) {
        float xy[2 * 12];
        for (int i = 0; i < 12; i++)
            tube_point(&t, 0.06f + 0.88f * (float)i / 11.0f, 0.72f * (float)e, 1.0f, &xy[2 * i], &xy[2 * i + 1]);
        stroke(app, w, xy, 12, 2.0f * w->px, 2.0f * w->px, gfx_rgba(edge.r, edge.g, edge.b, 200));
    }
}

static void draw_band(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    SDL_Color fabric = gfx_rgba(0x2a, 0x34, 0x58, 255), edge = gfx_rgba(0x56, 0xb4, 0xe9, 255);
    if (g->loop_w > 0.0f) {
        draw_loop_band(app, w, g, fabric, edge);
        return;
    }
    BandSpan bs = {skin_of(v, g), g->wrap_tilt};
    patch(app, w, &g->limb, g->wrap_u - g->wrap_w / 2, g->wrap_u + g->wrap_w / 2, 4, band_span, &bs,
          shade(fabric, 1.15f), &(PatchOpt){.grow = 1.0f, .rim_ends = true, .tilt = g->wrap_tilt});
    /* the stitched edge lines */
    for (int e = -1; e <= 1; e += 2) {
        float xy[2 * 9];
        for (int i = 0; i < 9; i++) {
            float s = -1.0f + 2.0f * (float)i / 8.0f;
            float u = g->wrap_u + g->wrap_tilt * s + (float)e * g->wrap_w * 0.36f;
            s *= 0.98f + skin_out(&bs.skin, u, s < 0.0f ? -1.0f : 1.0f);
            tube_point(&g->limb, u, s, 1.0f, &xy[2 * i], &xy[2 * i + 1]);
        }
        stroke(app, w, xy, 9, 2.0f * w->px, 2.0f * w->px, gfx_rgba(edge.r, edge.g, edge.b, 200));
    }
}

/* Arterial in (pointing into the limb) and venous out (pointing back to the heart), at the wrap. */
static void arrow(App *app, const View *w, float x, float y0, float y1, float thick, SDL_Color c)
{
    float dir = y1 > y0 ? 1.0f : -1.0f;
    float head = fmaxf(thick * 1.2f, 0.016f);
    float shaft[4] = {x, y0, x, y1 - dir * head};
    stroke(app, w, shaft, 2, thick, thick, c);
    float tri[6] = {x - head, y1 - dir * head, x + head, y1 - dir * head, x, y1};
    Mesh *m = &mesh_buf;
    if (!mesh_room(app, m, 3, 3))
        return;
    for (int i = 0; i < 3; i++)
        m->v[m->nv + i] = (SDL_Vertex){to_px(w, tri[2 * i], tri[2 * i + 1]), c, {0, 0}};
    m->idx[m->ni] = m->nv, m->idx[m->ni + 1] = m->nv + 1, m->idx[m->ni + 2] = m->nv + 2;
    m->nv += 3, m->ni += 3;
}

static float flow_width(float flow)
{
    /* area-true: width grows with the square root of the flow, capped for the hyperaemia of a flush */
    return flow <= 0.0f ? 0.0f : 0.006f + 0.011f * clampf(sqrtf(flow), 0.0f, 3.0f);
}

static void draw_flows(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    float cx, cy, nx, ny;
    bezier(&g->limb, g->wrap_u, &cx, &cy, &nx, &ny);
    float r = radius(&g->limb, g->wrap_u);
    float len = 0.11f;
    SDL_Color red = app->settings.colorblind ? gfx_rgba(0xe6, 0x9f, 0x00, 255) : gfx_rgba(0xe8, 0x4a, 0x4a, 255);
    SDL_Color blue = gfx_rgba(0x56, 0x9c, 0xf0, 255);
    float ax = cx - nx * (r + 0.045f), vx = cx + nx * (r + 0.045f);
    if (g->loop_w > 0.0f) { /* on the chest beside the band's climb from the armpit */
        float bx, by, bnx, bny;
        bezier(&(Tube){.p = {{g->loop[0][0], g->loop[0][1]}, {g->loop[1][0], g->loop[1][1]},
                             {g->loop[2][0], g->loop[2][1]}, {g->loop[3][0], g->loop[3][1]}}},
               0.35f, &bx, &by, &bnx, &bny);
        ax = bx - g->loop_w - 0.075f, vx = bx - g->loop_w - 0.030f, cy = by;
    }
    float ain = flow_width(v->inflow), vout = flow_width(v->outflow);
    if (ain > 0.0f)
        arrow(app, w, ax, cy - len / 2, cy + len / 2, ain, red);
    if (vout > 0.0f)
        arrow(app, w, vx, cy + len / 2, cy - len / 2, vout, blue);
    else { /* held back: a short stub ending in a bar */
        float stub[4] = {vx, cy + len / 2, vx, cy + 0.01f};
        stroke(app, w, stub, 2, 0.006f, 0.006f, blue);
        float bar[4] = {vx - 0.02f, cy + 0.006f, vx + 0.02f, cy + 0.006f};
        stroke(app, w, bar, 2, 0.008f, 0.008f, blue);
    }
    if (v->tourniquet) { /* an alarm, never a goal: a red ring round the wrap, pulsing unless motion is reduced */
        float pulse = app->settings.reduced_motion ? 1.0f : 0.6f + 0.4f * (float)sin(v->t * 8.0);
        SDL_Color al = app->settings.colorblind ? app->pal.bad : gfx_rgba(0xff, 0x3b, 0x3b, 255);
        al.a = (Uint8)(255 * pulse);
        float ring[2 * 25];
        for (int i = 0; i < 25; i++) {
            float a = (float)i / 24.0f * 2.0f * (float)OC_PI;
            ring[2 * i] = cx + cosf(a) * (r + 0.07f);
            ring[2 * i + 1] = cy + sinf(a) * 0.06f;
        }
        stroke(app, w, ring, 25, 0.012f, 0.012f, al);
        float x1[4] = {ax - 0.025f, cy - 0.025f, ax + 0.025f, cy + 0.025f}, x2[4] = {ax - 0.025f, cy + 0.025f, ax + 0.025f, cy - 0.025f};
        stroke(app, w, x1, 2, 0.012f, 0.012f, al);
        stroke(app, w, x2, 2, 0.012f, 0.012f, al);
    }
}

static void draw_slow(App *app, const View *w, const MuscleView *v, const PartGeo *g)
{
    draw_limb_skin(app, w, v, g); /* labart: the wrapped segment's skin swells and takes the band's waist */
    draw_bellies(app, w, v, g);
    draw_veins(app, w, v, g);
    if (v->cuff_on)
        draw_band(app, w, v, g);
    mesh_flush(app, &mesh_buf);
}

static void draw_fast(App *app, const View *w, MuscleView *v, const PartGeo *g)
{
    draw_particles(app, w, v, g);
    mesh_flush(app, &mesh_buf);
    draw_flows(app, w, v, g);
    mesh_flush(app, &mesh_buf);
}

static Uint32 hash_mix(Uint32 h, int x)
{
    return (h ^ (Uint32)x) * 16777619u;
}

/* What the cached picture depends on that changes in steps: the part, its place, the rep's squeeze (three
 * steps), the wrap, the palette. */
static Uint32 slow_key(const App *app, const MuscleView *v, SDL_Rect r)
{
    bool still = app->settings.reduced_motion;
    Uint32 h = 2166136261u;
    int q[] = {(int)v->part, r.x, r.y, r.w, r.h, still ? v->contraction > 0.0f : (int)lroundf(contraction_step(v->contraction) * 8.0f),
               v->cuff_on, (int)lroundf(v->aop / 2.0f), app->settings.colorblind, still};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        h = hash_mix(h, q[i]);
    return h | 1u;
}

/* And what changes smoothly: the picture is drawn again when it has drifted by an amount a viewer cannot
 * tell from a smooth change (the muscle's outline by 3/4 of a pixel, its colour by about one level in 255,
 * a vein by a fifth of a pixel), with the exact values of the moment. */
static bool slow_drifted(const MuscleView *v, const View *w)
{
    /* outline pixels per 1 % of swelling: girth x SWELL_GAIN over the widest belly's edge */
    float px_per_pct = SWELL_GAIN / 100.0f * radius(&GEO[v->part].limb, 0.3f) * 0.9f * w->h;
    return fabsf(v->swell - v->drawn_swell) * px_per_pct >= 0.75f || fabsf(v->oxygen - v->drawn_oxygen) >= 0.005f ||
           fabsf(v->vein - v->drawn_vein) >= 0.02f;
}

/* The limb's whole extent in pixels, inside the box and below its label: the cached picture's place. */
static SDL_Rect cache_rect(App *app, LRect box, int *bx0, int *by0, int *bx1, int *by1)
{
    View w = view_of(app, box);
    SDL_FPoint a = to_px(&w, -0.30f, -0.14f), b = to_px(&w, 0.78f, 1.12f);
    layout_to_px(&app->frame, (LRect){box.x + 2, box.y + LAB_VIEW_LABEL_H, box.w - 4, box.h - LAB_VIEW_LABEL_H - 40}, bx0, by0,
                 bx1, by1);
    *bx1 += *bx0, *by1 += *by0;
    SDL_Rect r = {(int)fmaxf(a.x, (float)*bx0), (int)fmaxf(a.y, (float)*by0), 0, 0};
    r.w = (int)fminf(b.x, (float)*bx1) - r.x;
    r.h = (int)fminf(b.y, (float)*by1) - r.y;
    return r;
}

/* Bring the cached picture (the skin, then the slow muscle over it, opaque on the backdrop) up to date for
 * the rect r. The picture's triangles are rasterised by the CPU (gfx_raster_begin) into a surface: the
 * skin once per part and place, the muscle whenever slow_key changes or it drifts visibly, over the skin
 * restored where the muscle was; only the part that changed is uploaded to the streaming texture and named
 * in *changed (picture coordinates). False when no texture can be made: then the caller draws directly.
 * Whatever draw_slow draws is covered, wherever it lands (gfx_raster_end's rectangle): a skin that comes to
 * swell with the muscle moves from draw_skin into draw_slow and is then redrawn with it, nothing else. */
static bool cache_update(App *app, MuscleView *v, const View *w, SDL_Rect r, SDL_Rect *changed)
{
    const PartGeo *g = &GEO[v->part];
    Uint32 key = slow_key(app, v, r);
    *changed = (SDL_Rect){0, 0, 0, 0};
    if (!v->tex || v->tw != r.w || v->th != r.h) {
        if (v->tex)
            SDL_DestroyTexture(v->tex);
        SDL_FreeSurface(v->pic);
        SDL_FreeSurface(v->skin);
        v->tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, r.w, r.h);
        v->pic = SDL_CreateRGBSurfaceWithFormat(0, r.w, r.h, 32, SDL_PIXELFORMAT_ARGB8888);
        v->skin = SDL_CreateRGBSurfaceWithFormat(0, r.w, r.h, 32, SDL_PIXELFORMAT_ARGB8888);
        v->tw = r.w, v->th = r.h;
        v->key = v->skin_key = 0;
    }
    if (!v->tex || !v->pic || !v->skin)
        return false;
    if (key == v->key && !slow_drifted(v, w))
        return true;
    View local = *w;
    local.ox -= (float)r.x;
    local.oy -= (float)r.y;
    Uint32 skey = hash_mix(hash_mix(hash_mix(hash_mix(2166136261u, (int)v->part), r.x), r.y), app->settings.colorblind) | 1u;
    SDL_Rect whole = {0, 0, r.w, r.h}, restore = v->slow_rect;
    if (v->skin_key != skey || v->key == 0) {
        SDL_FillRect(v->skin, NULL, SDL_MapRGBA(v->skin->format, v->backdrop.r, v->backdrop.g, v->backdrop.b, 255));
        gfx_raster_begin(app, v->skin);
        draw_skin(app, &local, g);
        gfx_raster_end(app);
        v->skin_key = skey;
        restore = whole;
    }
    /* the skin back where the muscle was, the muscle over it */
    if (!SDL_IntersectRect(&restore, &whole, &restore))
        restore = (SDL_Rect){0, 0, 0, 0};
    for (int y = restore.y; y < restore.y + restore.h; y++)
        memcpy((Uint8 *)v->pic->pixels + (size_t)y * (size_t)v->pic->pitch + (size_t)restore.x * 4,
               (const Uint8 *)v->skin->pixels + (size_t)y * (size_t)v->skin->pitch + (size_t)restore.x * 4, (size_t)restore.w * 4);
    gfx_raster_begin(app, v->pic);
    draw_slow(app, &local, v, g);
    SDL_Rect drawn = gfx_raster_end(app);
    if (!SDL_IntersectRect(&drawn, &whole, &drawn))
        drawn = (SDL_Rect){0, 0, 0, 0};
    SDL_Rect up = restore;
    if (up.w <= 0 || up.h <= 0)
        up = drawn;
    else if (drawn.w > 0 && drawn.h > 0)
        SDL_UnionRect(&up, &drawn, &up);
    if (up.w > 0 && up.h > 0)
        SDL_UpdateTexture(v->tex, &up, (const Uint8 *)v->pic->pixels + (size_t)up.y * (size_t)v->pic->pitch + (size_t)up.x * 4,
                          v->pic->pitch);
    v->slow_rect = drawn;
    *changed = up;
    v->key = key;
    v->drawn_swell = v->swell, v->drawn_oxygen = v->oxygen, v->drawn_vein = v->vein;
    return true;
}

bool muscle_view_cache_changed(App *app, const MuscleView *v, LRect box)
{
    if (!v || !v->cached)
        return false;
    int bx0, by0, bx1, by1;
    SDL_Rect r = cache_rect(app, box, &bx0, &by0, &bx1, &by1);
    if (r.w <= 0 || r.h <= 0)
        return false;
    View w = view_of(app, box);
    return !v->tex || v->tw != r.w || v->th != r.h || slow_key(app, v, r) != v->key || slow_drifted(v, &w);
}

void muscle_view_draw_cached(App *app, MuscleView *v, LRect box, bool whole)
{
    View w = view_of(app, box);
    const PartGeo *g = &GEO[v->part];
    if (!v->cached) {
        draw_slow(app, &w, v, g);
        return;
    }
    int bx0, by0, bx1, by1;
    SDL_Rect r = cache_rect(app, box, &bx0, &by0, &bx1, &by1);
    if (r.w <= 0 || r.h <= 0)
        return;
    SDL_Rect up;
    if (!cache_update(app, v, &w, r, &up)) {
        draw_skin(app, &w, g); /* no texture: draw straight */
        draw_slow(app, &w, v, g);
        return;
    }
    if (whole) {
        gfx_copy_layer(app, v->tex, NULL, &r, true);
    } else if (up.w > 0 && up.h > 0) {
        SDL_Rect dst = {r.x + up.x, r.y + up.y, up.w, up.h};
        gfx_copy_layer(app, v->tex, &up, &dst, true);
    }
}

void muscle_view_draw_moving(App *app, MuscleView *v, LRect box)
{
    View w = view_of(app, box);
    draw_fast(app, &w, v, &GEO[v->part]);
}

void muscle_view_draw_live(App *app, MuscleView *v, LRect box)
{
    muscle_view_draw_cached(app, v, box, true);
    muscle_view_draw_moving(app, v, box);
}

void muscle_view_draw(App *app, MuscleView *v, LRect box)
{
    muscle_view_draw_still(app, v, box);
    muscle_view_draw_live(app, v, box);
}

double muscle_view_motion_hz(const MuscleView *v)
{
    if (!v)
        return 0.0;
    bool still = v->app && v->app->settings.reduced_motion;
    bool leaving = false, fading = false;
    for (int i = 0; i < v->np; i++) {
        leaving = leaving || v->p[i].leaving;
        fading = fading || v->p[i].life < 1.0f;
    }
    if ((leaving && !still) || (!v->cached && v->contraction > 0.0f && !still))
        return 60.0; /* particles washing out cross the limb in a second or two; a live mesh squeezes smoothly */
    if ((v->np > 0 && !still) || fading || (v->tourniquet && !still))
        return 30.0; /* particles drifting a few pixels a second, fading in or out; the alarm's slow pulse */
    return 0.0;
}
