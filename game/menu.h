/* A vertical (or horizontal) list of buttons driven by keys, clicker, gamepad and mouse. */
#ifndef OC_MENU_H
#define OC_MENU_H

#include "app.h"

#define MENU_MAX 12

typedef struct Menu {
    int count, focus;
    bool horizontal;
    LRect rect[MENU_MAX];
} Menu;

/* Moves focus for direction actions; returns the index to activate on ACT_ACCEPT, else -1. */
int menu_action(Menu *m, App *app, Action a);
/* Hover moves focus; a click returns the index clicked, else -1. */
int menu_pointer(Menu *m, App *app, float x, float y, bool click);

#endif
