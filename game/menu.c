#include "menu.h"

#include "gfx.h"

int menu_action(Menu *m, App *app, Action a)
{
    if (m->count <= 0)
        return -1;
    int step = 0;
    if (a == ACT_NEXT || a == (m->horizontal ? ACT_RIGHT : ACT_DOWN))
        step = 1;
    else if (a == ACT_PREV || a == (m->horizontal ? ACT_LEFT : ACT_UP))
        step = -1;
    if (step) {
        m->focus = (m->focus + step + m->count) % m->count;
        app_cue(app, CUE_MOVE);
        return -1;
    }
    if (a == ACT_ACCEPT) {
        app_cue(app, CUE_SELECT);
        return m->focus;
    }
    return -1;
}

int menu_pointer(Menu *m, App *app, float x, float y, bool click)
{
    for (int i = 0; i < m->count; i++) {
        if (!gfx_hit(m->rect[i], x, y))
            continue;
        if (m->focus != i && !click)
            app_cue(app, CUE_MOVE);
        m->focus = i;
        if (click) {
            app_cue(app, CUE_SELECT);
            return i;
        }
        return -1;
    }
    return -1;
}
