/* A scrolling list of rows that fits any box: keyboard focus (Up/Down, PageUp/PageDown), pointer hits,
 * and a scroll bar with "more above / below" marks. Rows themselves are drawn by the caller. Used by the
 * Academy's student picker and the History scene; any list of people can use it. */
#ifndef OC_UI_LIST_H
#define OC_UI_LIST_H

#include <stdbool.h>

#include "app.h"

typedef struct UiList {
    int count;   /* rows */
    int focus;   /* focused row, 0..count-1 (0 when empty) */
    int top;     /* first row shown */
    int visible; /* rows that fit the box (at least 1) */
    LRect box;   /* where the rows go, logical units */
    float row_h, gap;
} UiList;

/* New row count: focus and scroll stay in range. */
void ui_list_set_count(UiList *l, int count);
/* Lay the rows out in box, row_h tall with gap between; keeps the focused row in view. */
void ui_list_layout(UiList *l, LRect box, float row_h, float gap);
/* Focus row i (clamped) and scroll it into view. */
void ui_list_focus(UiList *l, int i);
/* ACT_UP/ACT_DOWN move one row, ACT_PREV/ACT_NEXT a page; true if the focus moved (other actions: false). */
bool ui_list_action(UiList *l, Action a);
/* Where row i is drawn; only meaningful for top <= i < top + visible. */
LRect ui_list_row(const UiList *l, int i);
/* The row under (x, y), or -1 (only rows in view). A click on the scroll bar pages and returns -1. */
int ui_list_hit(UiList *l, float x, float y, bool click);
/* The scroll bar at the box's right edge (nothing when everything fits). */
void ui_list_draw_scrollbar(App *app, const UiList *l);
/* Width the rows should leave free for the scroll bar. */
#define UI_LIST_BAR_W 28.0f

#endif
