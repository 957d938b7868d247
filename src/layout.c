#include "layout.h"

#include <math.h>

Frame layout_frame(int phys_w, int phys_h)
{
    Frame f;
    float sh = (float)phys_h / LAYOUT_REF_H;
    float sw = (float)phys_w / LAYOUT_MIN_W;
    f.scale = sh < sw ? sh : sw;
    if (f.scale <= 0.0f)
        f.scale = 1.0f;
    f.lw = (float)phys_w / f.scale;
    f.lh = (float)phys_h / f.scale;
    return f;
}

void layout_to_px(const Frame *f, LRect r, int *x, int *y, int *w, int *h)
{
    float x0 = floorf(r.x * f->scale), y0 = floorf(r.y * f->scale);
    float x1 = ceilf((r.x + r.w) * f->scale), y1 = ceilf((r.y + r.h) * f->scale);
    *x = (int)x0;
    *y = (int)y0;
    *w = (int)(x1 - x0);
    *h = (int)(y1 - y0);
}

TitleLayout layout_title(const Frame *f)
{
    TitleLayout t;
    float cx = f->lw / 2.0f;
    float top = (f->lh - LAYOUT_REF_H) / 2.0f; /* centre vertically on tall canvases */
    t.title = (LRect){cx - 700.0f, top + 70.0f, 1400.0f, 130.0f};
    t.subtitle = (LRect){cx - 700.0f, top + 200.0f, 1400.0f, 56.0f};
    float mw = 600.0f, mh = 80.0f, gap = 16.0f, my = top + 310.0f;
    for (int i = 0; i < TITLE_MENU_ITEMS; i++)
        t.menu[i] = (LRect){cx - mw / 2.0f, my + (float)i * (mh + gap), mw, mh};
    float side = (f->lw - mw) / 2.0f; /* room on each side of the menu */
    float cardw = side - 120.0f;
    if (cardw > 520.0f)
        cardw = 520.0f;
    t.emblem = (LRect){cx - mw / 2.0f - 60.0f - cardw, my, cardw, 560.0f};
    t.tip = (LRect){cx + mw / 2.0f + 60.0f, my, cardw, 420.0f};
    t.footer = (LRect){40.0f, top + LAYOUT_REF_H - 70.0f, f->lw - 80.0f, 40.0f};
    return t;
}
