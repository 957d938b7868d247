/* Drawing in logical units (see layout.h); everything lands on exact physical pixels. */
#ifndef OC_GFX_H
#define OC_GFX_H

#include "app.h"

typedef enum Align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

typedef struct GfxCache GfxCache;
GfxCache *gfx_cache_create(void);
void gfx_cache_destroy(GfxCache *c);
/* Drop every cached texture (new size, new palette, lost render targets). */
void gfx_cache_flush(GfxCache *c);
/* A cached texture drawn once by `paint` into a w x h target (physical pixels), keyed by `key`;
 * repainted only when the key or the size changes. */
SDL_Texture *gfx_cached_layer(App *app, int slot, Uint32 key, int w, int h, void (*paint)(App *app, void *ctx),
                              void *ctx);

/* Copy (part of) a layer; opaque copies skip blending, which is what makes them cheap. */
void gfx_copy_layer(App *app, SDL_Texture *t, const SDL_Rect *src, const SDL_Rect *dst, bool opaque);

SDL_Color gfx_rgba(Uint8 r, Uint8 g, Uint8 b, Uint8 a);
SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t);
void gfx_clear(App *app, SDL_Color c);
void gfx_rect(App *app, LRect r, SDL_Color c);
void gfx_gradient(App *app, LRect r, SDL_Color top, SDL_Color bottom);
void gfx_round_rect(App *app, LRect r, float radius, SDL_Color c);
void gfx_round_outline(App *app, LRect r, float radius, float thick, SDL_Color c);
void gfx_ellipse(App *app, float cx, float cy, float rx, float ry, SDL_Color inner, SDL_Color outer);
/* A filled polygon given as a triangle fan around (cx, cy) with n outline points (logical units). */
void gfx_fan(App *app, float cx, float cy, const float *xy, int n, SDL_Color centre, SDL_Color edge);
/* A shape symmetric about x = cx, given by its half-width at each of n rows (y ascending): drawn as a strip
 * shaded from `centre` on the axis to `edge` at the outline. */
void gfx_spindle(App *app, float cx, const float *ys, const float *half, int n, SDL_Color centre, SDL_Color edge);
/* Blended triangles in physical pixels (SDL_RenderGeometry). Draw only through gfx_*: gfx keeps track of
 * what is on the screen to draw translucent panels and text faster, and a raw SDL_Render* call would
 * bypass that (tests/gfx_only_draws.sh checks). */
void gfx_geometry(App *app, const SDL_Vertex *v, int nv, const int *idx, int ni);
/* For pictures that are cached: from gfx_raster_begin to gfx_raster_end, every triangle gfx draws
 * (gfx_geometry, gfx_fan, gfx_spindle, gfx_gradient) is rasterised by the CPU into dst (ARGB8888, positions
 * in its pixels), blended as the renderer would, several times faster than the software renderer's own
 * geometry (gfx_raster.c). Nothing else gfx draws goes there: draw only triangles in between. */
void gfx_raster_begin(App *app, SDL_Surface *dst);
/* Returns the rectangle of dst that the triangles may have changed (w = 0 when none). */
SDL_Rect gfx_raster_end(App *app);
/* Text with its top edge at y; returns its width in logical units. */
float gfx_text(App *app, FontStyle st, float size, float x, float y, Align al, SDL_Color c, const char *s);
/* Wrapped text in a box of width w; returns the height used. */
float gfx_text_wrapped(App *app, FontStyle st, float size, float x, float y, float w, SDL_Color c, const char *s);
/* The height gfx_text_wrapped would use, without drawing. */
float gfx_text_height(App *app, FontStyle st, float size, float w, const char *s);
/* Text vertically centred in r. */
void gfx_text_in(App *app, FontStyle st, float size, LRect r, Align al, SDL_Color c, const char *s);
float gfx_text_width(App *app, FontStyle st, float size, const char *s);
bool gfx_hit(LRect r, float x, float y);
/* A menu button: focused buttons are filled with the accent and outlined. */
void gfx_button(App *app, LRect r, const char *label, bool focused, float pulse);
/* A PNG (or any stb_image format) as an RGBA surface; free it with gfx_free_surface. NULL with a message
 * naming the file when it cannot be read. */
SDL_Surface *gfx_load_surface(const char *path, char *err, size_t errlen);
void gfx_free_surface(SDL_Surface *surf);
/* A PNG (or any stb_image format) as a texture with linear filtering and alpha blending. NULL with a
 * message naming the file when it cannot be read. */
SDL_Texture *gfx_load_texture(App *app, const char *path, int *w, int *h, char *err, size_t errlen);
/* Draw a texture into a logical rectangle, tinted (white = as is). */
void gfx_image(App *app, SDL_Texture *t, LRect dst, SDL_Color tint);

/* The shared backdrop of every scene. */
void gfx_backdrop(App *app);
/* A scene heading with a hint line under it. */
void gfx_heading(App *app, const char *title, const char *hint);

#endif
