#include "text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"

#define CACHE_SLOTS 1024

typedef struct Entry {
    Uint64 hash;
    int px, wrap, style;
    Uint32 ink; /* 0xRRGGBB */
    char *s;
    SDL_Texture *tex;
    int w, h;
    Uint64 used;
} Entry;

struct TextCache {
    SDL_Renderer *ren;
    TTF_Font *font[FONT_STYLE_COUNT];
    int font_px[FONT_STYLE_COUNT];
    char path[FONT_STYLE_COUNT][1024];
    Entry slot[CACHE_SLOTS];
    Uint64 tick;
};

static bool fc_find(const char *pattern, const char *want_family, char *out, size_t cap)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    bool ok = false;
    if (m) {
        FcChar8 *file = NULL, *family = NULL;
        if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch &&
            (!want_family || strcmp((const char *)family, want_family) == 0)) {
            oc_strlcpy(out, (const char *)file, cap);
            ok = true;
        }
        FcPatternDestroy(m);
    }
    FcPatternDestroy(pat);
    return ok;
}

/* Inter is drawn for screens and stays legible from the back of a gym; DejaVu Sans is the fallback. */
static bool find_fonts(char path[FONT_STYLE_COUNT][1024])
{
    static const char *const families[] = {"Inter", "DejaVu Sans"};
    if (!FcInit())
        return false;
    bool ok = false;
    for (size_t i = 0; i < OC_ARRAY_LEN(families) && !ok; i++) {
        char pr[128], pb[128];
        snprintf(pr, sizeof pr, "%s:style=Regular", families[i]);
        snprintf(pb, sizeof pb, "%s:weight=bold", families[i]);
        ok = fc_find(pr, families[i], path[FONT_REGULAR], 1024) && fc_find(pb, families[i], path[FONT_BOLD], 1024);
    }
    if (!ok) /* whatever fontconfig likes best */
        ok = fc_find("sans-serif", NULL, path[FONT_REGULAR], 1024) &&
             fc_find("sans-serif:weight=bold", NULL, path[FONT_BOLD], 1024);
    FcFini();
    return ok;
}

TextCache *text_create(SDL_Renderer *ren, const char *font_override, char *err, size_t errlen)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        oc_fail(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    TextCache *tc = calloc(1, sizeof *tc);
    if (!tc) {
        oc_fail(err, errlen, "out of memory");
        return NULL;
    }
    tc->ren = ren;
    if (font_override && *font_override) {
        for (int i = 0; i < FONT_STYLE_COUNT; i++)
            oc_strlcpy(tc->path[i], font_override, sizeof tc->path[i]);
    } else if (!find_fonts(tc->path)) {
        oc_fail(err, errlen, "fontconfig found no font: install fonts-inter or fonts-dejavu-core, or pass --font PATH");
        free(tc);
        return NULL;
    }
    for (int i = 0; i < FONT_STYLE_COUNT; i++) {
        tc->font[i] = TTF_OpenFont(tc->path[i], 32);
        if (!tc->font[i]) {
            oc_fail(err, errlen, "%s%s: cannot open font (%s)", (font_override && *font_override) ? "--font " : "",
                    tc->path[i], TTF_GetError());
            text_destroy(tc);
            return NULL;
        }
        tc->font_px[i] = 32;
        TTF_SetFontHinting(tc->font[i], TTF_HINTING_LIGHT);
    }
    return tc;
}

void text_flush(TextCache *tc)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        Entry *e = &tc->slot[i];
        if (e->tex)
            SDL_DestroyTexture(e->tex);
        free(e->s);
        memset(e, 0, sizeof *e);
    }
}

void text_destroy(TextCache *tc)
{
    if (!tc)
        return;
    text_flush(tc);
    for (int i = 0; i < FONT_STYLE_COUNT; i++)
        if (tc->font[i])
            TTF_CloseFont(tc->font[i]);
    free(tc);
}

const char *text_font_path(const TextCache *tc, FontStyle st)
{
    return tc->path[st];
}

static Uint64 fnv1a(const char *s, int px, int wrap, int style, Uint32 ink)
{
    Uint64 h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ (Uint64)px) * 1099511628211ull;
    h = (h ^ (Uint64)wrap) * 1099511628211ull;
    h = (h ^ (Uint64)style) * 1099511628211ull;
    h = (h ^ (Uint64)ink) * 1099511628211ull;
    return h;
}

/* The width up to the last column any line reaches: a wrapped surface is as wide as the wrap width, and
 * every transparent pixel of it would still be blended on each copy. */
static int content_width(SDL_Surface *surf)
{
    if (SDL_MUSTLOCK(surf) && SDL_LockSurface(surf) != 0)
        return surf->w;
    int right = 0;
    const Uint32 amask = surf->format->Amask;
    for (int y = 0; y < surf->h && amask; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)y * (size_t)surf->pitch);
        for (int x = surf->w - 1; x >= right; x--)
            if (row[x] & amask) {
                right = x + 1;
                break;
            }
    }
    if (SDL_MUSTLOCK(surf))
        SDL_UnlockSurface(surf);
    return amask ? (right > 0 ? right : 1) : surf->w;
}

static TTF_Font *font_at(TextCache *tc, FontStyle st, int px)
{
    if (px < 4)
        px = 4;
    if (tc->font_px[st] != px) {
        TTF_SetFontSize(tc->font[st], px);
        tc->font_px[st] = px;
    }
    return tc->font[st];
}

SDL_Texture *text_get(TextCache *tc, FontStyle st, int px, int wrap_px, const char *s, SDL_Color ink, int *w, int *h)
{
    if (!s || !*s)
        return NULL;
    Uint32 rgb = ((Uint32)ink.r << 16) | ((Uint32)ink.g << 8) | ink.b;
    Uint64 hash = fnv1a(s, px, wrap_px, (int)st, rgb);
    Entry *victim = NULL;
    /* Open addressing over a small probe window: an empty slot, else the least recently used one. */
    for (int k = 0; k < 8; k++) {
        Entry *e = &tc->slot[(hash + (Uint64)k) % CACHE_SLOTS];
        if (!e->tex) {
            victim = e;
            break;
        }
        if (e->hash == hash && e->px == px && e->wrap == wrap_px && e->style == (int)st && e->ink == rgb &&
            strcmp(e->s, s) == 0) {
            e->used = ++tc->tick;
            *w = e->w;
            *h = e->h;
            return e->tex;
        }
        if (!victim || e->used < victim->used)
            victim = e;
    }
    TTF_Font *f = font_at(tc, st, px);
    SDL_Color fg = {ink.r, ink.g, ink.b, 255};
    SDL_Surface *surf = wrap_px > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, s, fg, (Uint32)wrap_px)
                                    : TTF_RenderUTF8_Blended(f, s, fg);
    if (!surf)
        return NULL;
    int sw = surf->w, sh = surf->h;
    if (wrap_px > 0) { /* only the part with ink in it */
        int cw = content_width(surf);
        if (cw < sw) {
            SDL_Surface *trim = SDL_CreateRGBSurfaceWithFormat(0, cw, sh, 32, surf->format->format);
            if (trim) {
                SDL_SetSurfaceBlendMode(surf, SDL_BLENDMODE_NONE);
                SDL_BlitSurface(surf, &(SDL_Rect){0, 0, cw, sh}, trim, NULL);
                SDL_FreeSurface(surf);
                surf = trim;
                sw = cw;
            }
        }
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(tc->ren, surf);
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    free(victim->s);
    size_t n = strlen(s) + 1;
    victim->s = malloc(n);
    if (!victim->s) {
        SDL_DestroyTexture(tex);
        memset(victim, 0, sizeof *victim);
        return NULL;
    }
    memcpy(victim->s, s, n);
    victim->hash = hash;
    victim->px = px;
    victim->wrap = wrap_px;
    victim->style = (int)st;
    victim->ink = rgb;
    victim->tex = tex;
    victim->w = sw;
    victim->h = sh;
    victim->used = ++tc->tick;
    *w = sw;
    *h = sh;
    return tex;
}
