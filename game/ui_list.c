#include "ui_list.h"

#include <math.h>

#include "gfx.h"

static void clamp_scroll(UiList *l)
{
    if (l->visible < 1)
        l->visible = 1;
    if (l->focus >= l->count)
        l->focus = l->count - 1;
    if (l->focus < 0)
        l->focus = 0;
    if (l->focus < l->top)
        l->top = l->focus;
    if (l->focus >= l->top + l->visible)
        l->top = l->focus - l->visible + 1;
    int max_top = l->count - l->visible;
    if (l->top > max_top)
        l->top = max_top;
    if (l->top < 0)
        l->top = 0;
}

void ui_list_set_count(UiList *l, int count)
{
    l->count = count < 0 ? 0 : count;
    clamp_scroll(l);
}

void ui_list_layout(UiList *l, LRect box, float row_h, float gap)
{
    l->box = box;
    l->row_h = row_h;
    l->gap = gap;
    l->visible = (int)floorf((box.h + gap) / (row_h + gap));
    clamp_scroll(l);
}

void ui_list_focus(UiList *l, int i)
{
    l->focus = i;
    clamp_scroll(l);
}

bool ui_list_action(UiList *l, Action a)
{
    int f = l->focus, page = l->visible > 1 ? l->visible - 1 : 1;
    switch (a) {
    case ACT_UP: f--; break;
    case ACT_DOWN: f++; break;
    case ACT_PREV: f -= page; break;
    case ACT_NEXT: f += page; break;
    default: return false;
    }
    if (f < 0)
        f = 0;
    if (f > l->count - 1)
        f = l->count - 1;
    if (f == l->focus || l->count == 0)
        return false;
    ui_list_focus(l, f);
    return true;
}

LRect ui_list_row(const UiList *l, int i)
{
    bool bar = l->count > l->visible;
    return (LRect){l->box.x, l->box.y + (float)(i - l->top) * (l->row_h + l->gap),
                   l->box.w - (bar ? UI_LIST_BAR_W + 12 : 0), l->row_h};
}

static LRect bar_rect(const UiList *l)
{
    return (LRect){l->box.x + l->box.w - UI_LIST_BAR_W, l->box.y, UI_LIST_BAR_W, l->box.h};
}

int ui_list_hit(UiList *l, float x, float y, bool click)
{
    if (l->count > l->visible && gfx_hit(bar_rect(l), x, y)) {
        if (click) { /* page towards the click, like a desktop scroll bar */
            LRect b = bar_rect(l);
            float thumb_y = b.y + b.h * (float)l->top / (float)l->count;
            int page = l->visible > 1 ? l->visible - 1 : 1;
            ui_list_focus(l, y < thumb_y ? l->top - page : l->top + l->visible - 1 + page);
        }
        return -1;
    }
    for (int i = l->top; i < l->count && i < l->top + l->visible; i++)
        if (gfx_hit(ui_list_row(l, i), x, y))
            return i;
    return -1;
}

void ui_list_draw_scrollbar(App *app, const UiList *l)
{
    if (l->count <= l->visible)
        return;
    const Palette *p = &app->pal;
    LRect b = bar_rect(l);
    gfx_round_rect(app, b, UI_LIST_BAR_W / 2, p->panel);
    float h = b.h * (float)l->visible / (float)l->count;
    if (h < UI_LIST_BAR_W * 2)
        h = UI_LIST_BAR_W * 2;
    float y = b.y + (b.h - h) * (float)l->top / (float)(l->count - l->visible);
    gfx_round_rect(app, (LRect){b.x + 4, y + 4, b.w - 8, h - 8}, (UI_LIST_BAR_W - 8) / 2,
                   gfx_mix(p->panel_hi, p->text_dim, 0.6f));
}
