/* Text: fonts found with fontconfig, rasterised at the physical pixel size, cached as textures. */
#ifndef OC_TEXT_H
#define OC_TEXT_H

#include <SDL.h>
#include <stdbool.h>

typedef enum FontStyle { FONT_REGULAR, FONT_BOLD, FONT_STYLE_COUNT } FontStyle;

typedef struct TextCache TextCache;

/* font_override may be NULL/empty. Returns NULL with a message when no usable font exists. */
TextCache *text_create(SDL_Renderer *ren, const char *font_override, char *err, size_t errlen);
void text_destroy(TextCache *tc);
const char *text_font_path(const TextCache *tc, FontStyle st);
/* A texture of the string in colour `ink` (its alpha is ignored: apply it as an alpha mod) at px pixels
 * (wrap_px > 0 wraps at that width; the texture is then trimmed to its widest line). Rendered in its
 * colour, so it is copied without a colour mod, which the software renderer blends far faster. Owned by
 * the cache; valid until the next text_flush or until evicted. */
SDL_Texture *text_get(TextCache *tc, FontStyle st, int px, int wrap_px, const char *s, SDL_Color ink, int *w, int *h);
void text_flush(TextCache *tc);

#endif
