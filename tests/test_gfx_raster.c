/* gfx_raster_triangles against SDL's own software renderer (SDL_RenderGeometry into a surface): the same
 * shapes with interpolated colours and antialiased (alpha 0) rims, drawn both ways on the same backdrop,
 * must match pixel for pixel within a small tolerance (SDL snaps corners to whole pixels, we keep 1/256);
 * a translucent quad split into two triangles is blended exactly once everywhere (no seam along the
 * diagonal); nothing is drawn outside the surface's clip rectangle; degenerate input draws nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_raster.h"

enum { W = 240, H = 180 };

static SDL_Surface *backdrop(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] = 0xff000000u | (Uint32)(20 + y / 3) << 16 | 0x1830u;
    return s;
}

static Uint32 px(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
}

/* A shaded strip like the muscle's patches: rows x columns of quads, transparent outer columns. */
static int strip(SDL_Vertex *v, int *idx, float x0, float y0, float w, float h, int rows, int cols)
{
    int n = 0, ni = 0;
    for (int r = 0; r <= rows; r++)
        for (int c = 0; c <= cols; c++) {
            float fx = (float)c / (float)cols, fy = (float)r / (float)rows;
            Uint8 a = (c == 0 || c == cols) ? 0 : 255;
            SDL_Color col = {(Uint8)(200 - 120 * fx), (Uint8)(40 + 100 * fy), (Uint8)(90 + 60 * fx * fy), a};
            /* a slight shear, so edges are not axis-aligned */
            v[n++] = (SDL_Vertex){{x0 + w * fx + 9.3f * fy, y0 + h * fy + 3.7f * fx}, col, {0, 0}};
        }
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            int a = r * (cols + 1) + c, b = a + 1, d = a + cols + 1, e = d + 1;
            int k[6] = {a, b, d, b, e, d};
            memcpy(&idx[ni], k, sizeof k);
            ni += 6;
        }
    return ni;
}

static void sdl_draw(SDL_Surface *s, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    assert_int_equal(SDL_RenderGeometry(r, NULL, v, nv, idx, ni), 0);
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
}

static void test_matches_sdl(void **state)
{
    (void)state;
    static SDL_Vertex v[400];
    static int idx[2400];
    int rows = 8, cols = 10;
    int ni = strip(v, idx, 20.4f, 15.2f, 180.0f, 140.0f, rows, cols);
    int nv = (rows + 1) * (cols + 1);
    SDL_Surface *a = backdrop(), *b = backdrop();
    sdl_draw(a, v, nv, idx, ni);
    gfx_raster_triangles(b, NULL, v, nv, idx, ni);
    long sum = 0, far = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            Uint32 p = px(a, x, y), q = px(b, x, y);
            int d = 0;
            for (int sh = 0; sh < 24; sh += 8)
                d += abs((int)(p >> sh & 255) - (int)(q >> sh & 255));
            sum += d;
            if (d > 24)
                far++;
        }
    double mean = (double)sum / (W * H * 3.0);
    print_message("mean difference %.3f per channel, %ld pixels differ by more than 24\n", mean, far);
    /* the picture is the same: a tiny mean difference, and only pixels along the outline differ much (SDL
     * snaps corners to whole pixels, moving an edge by up to one): fewer than half the outline's ~640 */
    assert_true(mean < 1.5);
    assert_true(far < 320);
    /* and something was drawn: the strip's middle is its colour, not the backdrop */
    Uint32 mid = px(b, 110, 85), bg = 0xff000000u | (Uint32)(20 + 85 / 3) << 16 | 0x1830u;
    assert_true(mid != bg);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

static void test_no_seams(void **state)
{
    (void)state;
    /* one translucent colour over a quad split along its diagonal, and a fan of thin triangles round a
     * centre: every covered pixel is blended exactly once, so all are equal */
    SDL_Color c = {250, 250, 250, 128};
    SDL_Vertex q[4] = {{{30.3f, 20.6f}, c, {0, 0}}, {{170.8f, 31.2f}, c, {0, 0}}, {{160.1f, 150.9f}, c, {0, 0}},
                       {{25.5f, 140.4f}, c, {0, 0}}};
    int qi[6] = {0, 1, 2, 0, 2, 3};
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, 0xff000000u);
    SDL_Rect touched = {0, 0, 0, 0};
    gfx_raster_triangles(s, &touched, q, 4, qi, 6);
    SDL_Vertex f[33];
    int fi[96];
    f[0] = (SDL_Vertex){{200.0f, 90.0f}, c, {0, 0}};
    for (int i = 0; i < 32; i++) {
        double t = i * 2.0 * 3.14159265358979 / 32.0;
        f[i + 1] = (SDL_Vertex){{(float)(200.0 + 33.3 * cos(t)), (float)(90.0 + 33.3 * sin(t))}, c, {0, 0}};
        fi[3 * i] = 0, fi[3 * i + 1] = i + 1, fi[3 * i + 2] = (i + 1) % 32 + 1;
    }
    gfx_raster_triangles(s, &touched, f, 33, fi, 96);
    long covered = 0;
    Uint32 want = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            Uint32 p = px(s, x, y);
            if (p == 0xff000000u)
                continue;
            SDL_Point at = {x, y};
            assert_true(SDL_PointInRect(&at, &touched)); /* every changed pixel is inside what it reports */
            if (!want)
                want = p;
            assert_int_equal(p, want); /* a seam would be blended twice: brighter */
            covered++;
        }
    /* 50 % of 250 over black */
    assert_int_equal((int)(want >> 16 & 255), 125);
    /* area: the quad (about 17 000 px) and the disc (about 3 400 px), and the reported rectangle spans both
     * (x 25..233, y 20..151) and not much more */
    assert_true(covered > 18000 && covered < 23000);
    assert_true(touched.x >= 24 && touched.x <= 26 && touched.y >= 19 && touched.y <= 21);
    assert_true(touched.x + touched.w >= 232 && touched.x + touched.w <= 235);
    assert_true(touched.y + touched.h >= 150 && touched.y + touched.h <= 153);
    SDL_FreeSurface(s);
}

static void test_clip_and_degenerate(void **state)
{
    (void)state;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, 0xff000000u);
    SDL_Rect clip = {50, 40, 60, 50};
    SDL_SetClipRect(s, &clip);
    SDL_Color c = {255, 0, 0, 255};
    /* far larger than the surface, partly off it */
    SDL_Vertex big[3] = {{{-500.0f, -400.0f}, c, {0, 0}}, {{900.0f, -10.0f}, c, {0, 0}}, {{20.0f, 800.0f}, c, {0, 0}}};
    gfx_raster_triangles(s, NULL, big, 3, NULL, 3);
    /* degenerate: a line, NaN, out-of-range indices */
    SDL_Vertex bad[3] = {{{0, 0}, c, {0, 0}}, {{100, 100}, c, {0, 0}}, {{200, 200}, c, {0, 0}}};
    gfx_raster_triangles(s, NULL, bad, 3, NULL, 3);
    bad[1].position.x = NAN;
    gfx_raster_triangles(s, NULL, bad, 3, NULL, 3);
    int oob[3] = {0, 1, 7};
    gfx_raster_triangles(s, NULL, bad, 3, oob, 3);
    long inside = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            bool in = x >= clip.x && x < clip.x + clip.w && y >= clip.y && y < clip.y + clip.h;
            if (in)
                inside += px(s, x, y) == 0xffff0000u;
            else
                assert_int_equal(px(s, x, y), 0xff000000u);
        }
    assert_int_equal(inside, clip.w * clip.h); /* the big triangle covers the whole clip rectangle */
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_sdl),
        cmocka_unit_test(test_no_seams),
        cmocka_unit_test(test_clip_and_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
