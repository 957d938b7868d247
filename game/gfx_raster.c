/* Blended, colour-interpolated triangles rasterised by the CPU straight into an ARGB8888 surface: what
 * the software renderer does for untextured triangles (its geometry call), without its per-pixel
 * divisions and bounding-box scans. Used for pictures that are cached (the Lab's muscle), where the
 * renderer's geometry was most of a frame's cost whenever the picture changed.
 *
 * Pixel centres are sampled at (x + 0.5, y + 0.5) in 1/256-pixel fixed point with the top-left fill
 * rule, so triangles sharing an edge cover each pixel once (no double blending along a strip's
 * diagonals). Colours and alpha are planes across the triangle (barycentric interpolation), stepped in
 * 16.16 fixed point along a row; blending is source-over, as SDL_BLENDMODE_BLEND:
 * rgb = src * a + dst * (1 - a), alpha = a + dst_alpha * (1 - a). */
#include "gfx_raster.h"

#include <math.h>
#include <stdint.h>

#define SUB 256 /* subpixel steps per pixel */

static inline int64_t floor_div(int64_t a, int64_t b) /* b > 0 */
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

static int clamp8(int32_t v) /* 16.16 fixed point to 0..255 */
{
    v >>= 16;
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static inline uint32_t blend(uint32_t d, int r, int g, int b, int a)
{
    if (a >= 255)
        return 0xff000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b;
    int ia = 255 - a;
    int dr = (int)(d >> 16 & 255), dg = (int)(d >> 8 & 255), db = (int)(d & 255), da = (int)(d >> 24);
    /* x / 255, rounded, for x in 0..65025 */
#define DIV255(x) (((x) + 128 + (((x) + 128) >> 8)) >> 8)
    int or_ = DIV255(r * a + dr * ia), og = DIV255(g * a + dg * ia), ob = DIV255(b * a + db * ia);
    int oa = a + DIV255(da * ia);
#undef DIV255
    return (uint32_t)oa << 24 | (uint32_t)or_ << 16 | (uint32_t)og << 8 | (uint32_t)ob;
}

typedef struct Edge {
    int64_t a, b, c; /* E(X, Y) = a X + b Y + c in subpixel units; inside where E >= 0 (after the fill rule) */
} Edge;

static Edge edge_of(int64_t x0, int64_t y0, int64_t x1, int64_t y1)
{
    /* E = cross(P1 - P0, P - P0): for a triangle with positive area, >= 0 inside, its gradient pointing in */
    Edge e = {y0 - y1, x1 - x0, 0};
    e.c = -(e.a * x0 + e.b * y0);
    /* top-left rule: pixels exactly on a top edge (inside below it) or a left edge (inside to its right)
     * belong to the triangle, others don't */
    bool top_left = (e.a > 0) || (e.a == 0 && e.b > 0);
    if (!top_left)
        e.c -= 1;
    return e;
}

static void triangle(SDL_Surface *dst, SDL_Rect *touched, const SDL_Vertex *p0, const SDL_Vertex *p1, const SDL_Vertex *p2)
{
    const SDL_Vertex *p[3] = {p0, p1, p2};
    int64_t X[3], Y[3];
    for (int i = 0; i < 3; i++) {
        float fx = p[i]->position.x, fy = p[i]->position.y;
        if (!(fabsf(fx) < 1e6f && fabsf(fy) < 1e6f))
            return; /* NaN or absurd: nothing sensible to draw */
        X[i] = (int64_t)lrintf(fx * SUB);
        Y[i] = (int64_t)lrintf(fy * SUB);
    }
    int64_t area = (X[1] - X[0]) * (Y[2] - Y[0]) - (X[2] - X[0]) * (Y[1] - Y[0]);
    if (area == 0)
        return;
    if (area < 0) { /* make the area positive: swap two corners */
        const SDL_Vertex *t = p[1];
        p[1] = p[2], p[2] = t;
        int64_t tx = X[1], ty = Y[1];
        X[1] = X[2], Y[1] = Y[2], X[2] = tx, Y[2] = ty;
    }
    Edge e[3] = {edge_of(X[0], Y[0], X[1], Y[1]), edge_of(X[1], Y[1], X[2], Y[2]), edge_of(X[2], Y[2], X[0], Y[0])};
    int64_t minx = X[0], maxx = X[0], miny = Y[0], maxy = Y[0];
    for (int i = 1; i < 3; i++) {
        minx = X[i] < minx ? X[i] : minx, maxx = X[i] > maxx ? X[i] : maxx;
        miny = Y[i] < miny ? Y[i] : miny, maxy = Y[i] > maxy ? Y[i] : maxy;
    }
    /* rows and columns whose centres (k * SUB + SUB / 2) can be inside */
    int64_t y_lo = floor_div(miny - SUB / 2 + SUB - 1, SUB), y_hi = floor_div(maxy - SUB / 2, SUB);
    int64_t x_lo = floor_div(minx - SUB / 2 + SUB - 1, SUB), x_hi = floor_div(maxx - SUB / 2, SUB);
    const SDL_Rect *clip = &dst->clip_rect;
    if (y_lo < clip->y)
        y_lo = clip->y;
    if (y_hi > clip->y + clip->h - 1)
        y_hi = clip->y + clip->h - 1;
    if (x_lo < clip->x)
        x_lo = clip->x;
    if (x_hi > clip->x + clip->w - 1)
        x_hi = clip->x + clip->w - 1;
    if (y_lo > y_hi || x_lo > x_hi)
        return;
    if (touched) { /* what this triangle may cover, added to the caller's rectangle */
        SDL_Rect r = {(int)x_lo, (int)y_lo, (int)(x_hi - x_lo + 1), (int)(y_hi - y_lo + 1)};
        if (touched->w <= 0 || touched->h <= 0)
            *touched = r;
        else
            SDL_UnionRect(touched, &r, touched);
    }
    /* colour planes: c(x, y) = c0 + dcdx (x - x0) + dcdy (y - y0), in pixels */
    double fx0 = (double)X[0] / SUB, fy0 = (double)Y[0] / SUB;
    double ax = (double)(X[1] - X[0]) / SUB, ay = (double)(Y[1] - Y[0]) / SUB;
    double bx = (double)(X[2] - X[0]) / SUB, by = (double)(Y[2] - Y[0]) / SUB;
    double det = ax * by - bx * ay;
    double c0[4], dx[4], dy[4];
    for (int k = 0; k < 4; k++) {
        double v0 = k == 0 ? p[0]->color.r : k == 1 ? p[0]->color.g : k == 2 ? p[0]->color.b : p[0]->color.a;
        double v1 = k == 0 ? p[1]->color.r : k == 1 ? p[1]->color.g : k == 2 ? p[1]->color.b : p[1]->color.a;
        double v2 = k == 0 ? p[2]->color.r : k == 1 ? p[2]->color.g : k == 2 ? p[2]->color.b : p[2]->color.a;
        double d1 = v1 - v0, d2 = v2 - v0;
        c0[k] = v0;
        dx[k] = (d1 * by - d2 * ay) / det;
        dy[k] = (d2 * ax - d1 * bx) / det;
    }
    bool flat = true;
    for (int k = 0; k < 4; k++)
        flat = flat && dx[k] == 0.0 && dy[k] == 0.0;
    /* per row: where each edge crosses it (a double, then made exact with the integer edge function, so
     * shared edges still split their pixels exactly) and the colour at x = 0, stepped down the rows */
    int32_t step[4];
    int64_t base[4], down[4];
    for (int k = 0; k < 4; k++) {
        step[k] = (int32_t)lrint(dx[k] * 65536.0);
        base[k] = (int64_t)llrint((c0[k] + dx[k] * (0.5 - fx0) + dy[k] * ((double)y_lo + 0.5 - fy0)) * 65536.0) + 32768;
        down[k] = (int64_t)llrint(dy[k] * 65536.0);
    }
    for (int64_t y = y_lo; y <= y_hi; y++) {
        int64_t Yc = y * SUB + SUB / 2;
        int64_t lo = x_lo, hi = x_hi;
        for (int i = 0; i < 3 && lo <= hi; i++) {
            /* inside: a (x SUB + SUB/2) + k >= 0 */
            int64_t k = e[i].b * Yc + e[i].c + e[i].a * (SUB / 2);
            int64_t a = e[i].a * SUB;
            if (a > 0) {
                int64_t m = (int64_t)((double)-k / (double)a); /* about; made exact below */
                while (a * m + k < 0)
                    m++;
                while (a * (m - 1) + k >= 0)
                    m--;
                if (m > lo)
                    lo = m;
            } else if (a < 0) {
                int64_t m = (int64_t)((double)k / (double)-a);
                while (a * m + k < 0)
                    m--;
                while (a * (m + 1) + k >= 0)
                    m++;
                if (m < hi)
                    hi = m;
            } else if (k < 0) {
                hi = lo - 1;
            }
        }
        int64_t rb[4] = {base[0], base[1], base[2], base[3]};
        for (int k = 0; k < 4; k++)
            base[k] += down[k];
        if (lo > hi)
            continue;
        Uint32 *row = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch);
        int32_t c[4];
        for (int k = 0; k < 4; k++)
            c[k] = (int32_t)(rb[k] + (int64_t)step[k] * lo);
        if (flat) {
            int r = clamp8(c[0]), g = clamp8(c[1]), b = clamp8(c[2]), a = clamp8(c[3]);
            if (a == 0)
                continue;
            for (int64_t x = lo; x <= hi; x++)
                row[x] = blend(row[x], r, g, b, a);
            continue;
        }
        for (int64_t x = lo; x <= hi; x++) {
            int a = clamp8(c[3]);
            if (a > 0)
                row[x] = blend(row[x], clamp8(c[0]), clamp8(c[1]), clamp8(c[2]), a);
            c[0] += step[0], c[1] += step[1], c[2] += step[2], c[3] += step[3];
        }
    }
}

void gfx_raster_triangles(SDL_Surface *dst, SDL_Rect *touched, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
    if (!dst || !v || nv <= 0 || dst->format->format != SDL_PIXELFORMAT_ARGB8888)
        return;
    bool locked = SDL_MUSTLOCK(dst) && SDL_LockSurface(dst) == 0;
    if (idx) {
        for (int i = 0; i + 2 < ni; i += 3)
            if (idx[i] >= 0 && idx[i] < nv && idx[i + 1] >= 0 && idx[i + 1] < nv && idx[i + 2] >= 0 && idx[i + 2] < nv)
                triangle(dst, touched, &v[idx[i]], &v[idx[i + 1]], &v[idx[i + 2]]);
    } else {
        for (int i = 0; i + 2 < nv; i += 3)
            triangle(dst, touched, &v[i], &v[i + 1], &v[i + 2]);
    }
    if (locked)
        SDL_UnlockSurface(dst);
}
