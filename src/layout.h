/* Resolution-independent layout: every screen is designed on a 1080-unit-tall canvas ("lu") and
 * scaled to the physical pixels of the window, so a 720p laptop and a 4K projector show the same
 * picture and text is rasterised at its physical size. Pure arithmetic: tests use it to know where
 * the pixels of a screenshot should be. */
#ifndef OC_LAYOUT_H
#define OC_LAYOUT_H

#define LAYOUT_REF_H 1080.0f
#define LAYOUT_MIN_W 1440.0f /* narrower windows shrink the scale instead of cropping */

typedef struct Frame {
    float scale;   /* physical pixels per logical unit */
    float lw, lh;  /* the canvas in logical units (lh is 1080 unless the window is very narrow) */
} Frame;

typedef struct LRect {
    float x, y, w, h;
} LRect;

Frame layout_frame(int phys_w, int phys_h);
/* Logical rectangle to physical pixels (rounded outward so edges stay crisp). */
void layout_to_px(const Frame *f, LRect r, int *x, int *y, int *w, int *h);

#define TITLE_MENU_ITEMS 6

typedef struct TitleLayout {
    LRect title;      /* the game's name */
    LRect subtitle;
    LRect emblem;     /* the animated muscle on the left */
    LRect tip;        /* the "did you know" card on the right */
    LRect menu[TITLE_MENU_ITEMS];
    LRect footer;     /* key hints */
} TitleLayout;

TitleLayout layout_title(const Frame *f);

#endif
