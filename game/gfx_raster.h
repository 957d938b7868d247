/* CPU rasterisation of blended, colour-interpolated triangles into an ARGB8888 surface (see gfx_raster.c). */
#ifndef OC_GFX_RASTER_H
#define OC_GFX_RASTER_H

#include <SDL.h>
#include <stdbool.h>

/* Triangles given as SDL_RenderGeometry takes them (untextured; idx may be NULL), positions in the
 * surface's pixels, clipped to its clip rectangle, blended source-over as SDL_BLENDMODE_BLEND. `touched`
 * (may be NULL; empty when w or h is 0) grows to cover every pixel they may have changed. */
void gfx_raster_triangles(SDL_Surface *dst, SDL_Rect *touched, const SDL_Vertex *v, int nv, const int *idx, int ni);

#endif
