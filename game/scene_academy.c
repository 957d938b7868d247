/* Academy: the level map, students, and the data the quiz scenes share. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy_ui.h"
#include "gfx.h"
#include "room_ui.h"
#include "oc_util.h"
#include "ui_list.h"

/* ---------------- shared data ---------------- */

static void report_stderr(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "occlusion-coach: %s\n", line);
}

static SDL_Texture *load_icon(App *app, const char *name)
{
    char path[OC_PATH_MAX + 64], err[OC_PATH_MAX + 128];
    snprintf(path, sizeof path, "%s/icons/%s.png", app->assets_dir, name);
    SDL_Texture *t = gfx_load_texture(app, path, NULL, NULL, err, sizeof err);
    if (!t)
        fprintf(stderr, "occlusion-coach: %s (drawn without it)\n", err);
    return t;
}

void academy_data_refresh(AcademyData *ad)
{
    for (int i = 0; i < ad->set.count; i++) {
        BestScore b = {.percent = -1};
        if (ad->store && ad->student >= 0)
            store_best(ad->store, ad->students[ad->student].id, ad->set.levels[i].id, &b);
        ad->best_percent[i] = b.percent;
        ad->best_stars[i] = b.stars;
    }
    academy_unlocks(&ad->set, ad->best_stars, ad->unlocked);
}

static void load_students(AcademyData *ad)
{
    ad->nstudents = ad->store ? store_students(ad->store, ad->students, ACADEMY_MAX_STUDENTS) : 0;
    if (ad->nstudents < 0)
        ad->nstudents = 0;
    if (ad->student >= ad->nstudents)
        ad->student = ad->nstudents - 1;
}

AcademyData *academy_data_create(App *app)
{
    AcademyData *ad = calloc(1, sizeof *ad);
    if (!ad)
        return NULL;
    ad->student = -1;
    ad->focus_hint = -1;
    char dir[OC_PATH_MAX];
    app_levels_dir(&app->opt, dir, sizeof dir);
    academy_load_dir(&ad->set, dir, report_stderr, NULL);
    if (ad->set.errors) {
        char msg[800];
        snprintf(msg, sizeof msg, "%d level file%s left out: %s", ad->set.skipped ? ad->set.skipped : 1,
                 ad->set.skipped == 1 ? "" : "s", ad->set.first_error);
        app_toast(app, msg);
    }
    if (!app->store)
        app_open_store(app); /* it was busy or the disk full at start: try once more (its notice says why) */
    ad->store = app->store; /* the game's one database, opened by app_init; NULL: play on, nothing saved */
    load_students(ad);
    if (ad->nstudents > 0)
        ad->student = 0;
    academy_data_refresh(ad);
    for (int k = 0; k < Q_KIND_COUNT; k++) { /* icons/kind-<kind>.png, named as in the level files */
        char name[32];
        snprintf(name, sizeof name, "kind-%s", question_kind_name((QuestionKind)k));
        ad->kind_icon[k] = load_icon(app, name);
    }
    ad->star = load_icon(app, "star");
    ad->lock = load_icon(app, "lock");
    return ad;
}

int academy_figure_size(float px_height)
{
    return px_height <= 1024.0f ? 1024 : 2048;
}

void academy_data_figures(AcademyData *ad, App *app, float px_height)
{
    int want = academy_figure_size(px_height);
    if (ad->figure_h == want)
        return;
    for (int v = 0; v < VIEW_COUNT; v++) {
        if (ad->figure[v])
            SDL_DestroyTexture(ad->figure[v]);
        char path[OC_PATH_MAX + 64], err[OC_PATH_MAX + 128];
        snprintf(path, sizeof path, "%s/figures/body-%s-%d.png", app->assets_dir, figure_view_name((FigureView)v),
                 want);
        ad->figure[v] = gfx_load_texture(app, path, NULL, NULL, err, sizeof err);
        if (!ad->figure[v])
            fprintf(stderr, "occlusion-coach: %s\n", err);
    }
    ad->figure_h = want;
}

void academy_data_destroy(AcademyData *ad)
{
    if (!ad)
        return;
    for (int v = 0; v < VIEW_COUNT; v++)
        if (ad->figure[v])
            SDL_DestroyTexture(ad->figure[v]);
    for (int k = 0; k < Q_KIND_COUNT; k++)
        if (ad->kind_icon[k])
            SDL_DestroyTexture(ad->kind_icon[k]);
    if (ad->star)
        SDL_DestroyTexture(ad->star);
    if (ad->lock)
        SDL_DestroyTexture(ad->lock);
    academy_free(&ad->set);
    free(ad);
}

void academy_draw_stars(App *app, const AcademyData *ad, float x, float y, float size, int stars)
{
    for (int i = 0; i < 3; i++) {
        LRect r = {x + (float)i * size * 1.1f, y, size, size};
        if (ad->star)
            gfx_image(app, ad->star, r, i < stars ? gfx_rgba(255, 255, 255, 255) : gfx_rgba(70, 78, 110, 255));
        else
            gfx_round_rect(app, r, size / 3, i < stars ? app->pal.warn : app->pal.panel);
    }
}

Uint32 academy_hash(Uint32 h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

Uint32 academy_hash_frame(Uint32 h, const App *app)
{
    int size[2] = {app->pw, app->ph};
    h = academy_hash(h, size, sizeof size);
    h = academy_hash(h, &app->frame, sizeof app->frame);
    return academy_hash(h, &app->pal, sizeof app->pal);
}

/* ---------------- the level map ---------------- */

typedef enum { MAP_LEVELS, MAP_PICK, MAP_NAME } MapMode;

typedef struct MapState {
    AcademyData *ad;
    MapMode mode;
    int focus;      /* levels 0..n-1, then the buttons */
    int pick_focus; /* students 0..n-1, then "New student", then "Cancel" */
    int pending;    /* level to start once a student is chosen, or -1 */
    char name[STORE_NAME_MAX];
    char name_err[200];
    LRect rect[AC_MAX_LEVELS + 3];
    UiList pick; /* the picker's rows (students, "New student", "Cancel"); scrolls past one screen */
} MapState;

enum { BTN_CLASSROOM, BTN_STUDENT, BTN_BACK, BTN_COUNT };

/* Where the room's join strip goes (top right) on a canvas lw units wide. */
#define MAP_JOIN_RECT(lw) ((LRect){(lw) - 80 - 600, 12, 600, 176})

static int levels_n(const MapState *st)
{
    return st->ad->set.count;
}

static void open_picker(MapState *st, App *app)
{
    st->mode = st->ad->nstudents ? MAP_PICK : MAP_NAME;
    st->pick_focus = st->ad->student >= 0 ? st->ad->student : 0;
    st->name[0] = '\0';
    st->name_err[0] = '\0';
    app_text_input(app, st->mode == MAP_NAME);
}

static void start_level(MapState *st, App *app, int i)
{
    AcademyData *ad = st->ad;
    if (!ad->unlocked[i] && !ad->classroom) {
        app_cue(app, CUE_ALERT);
        char msg[200];
        snprintf(msg, sizeof msg, "Locked: pass \"%s\" first", ad->set.levels[i > 0 ? i - 1 : 0].title);
        app_toast(app, msg);
        return;
    }
    if (!ad->classroom && ad->student < 0 && ad->store) {
        st->pending = i;
        open_picker(st, app);
        return;
    }
    app_push(app, scene_quiz(ad, i));
}

static void press_button(MapState *st, App *app, int b)
{
    switch (b) {
    case BTN_CLASSROOM:
        /* off -> classroom view -> classroom view with phones (the room) -> off. No pop-up notice: it
         * would sit over the title and, once a level starts, over its counter; the line under the cards
         * says what the view does while the button has focus (a room that cannot start says why) */
        if (st->ad->classroom && !room_ui_on(app) && room_ui_start(app)) {
            app_cue(app, CUE_SELECT);
            break;
        }
        room_ui_stop(app);
        st->ad->classroom = !st->ad->classroom;
        app_cue(app, CUE_SELECT);
        break;
    case BTN_STUDENT:
        st->pending = -1;
        open_picker(st, app);
        break;
    default:
        app_cue(app, CUE_BACK);
        app_pop(app);
        break;
    }
}

static void choose_student(MapState *st, App *app, int i)
{
    st->ad->student = i;
    academy_data_refresh(st->ad);
    st->mode = MAP_LEVELS;
    app_text_input(app, false);
    if (st->pending >= 0) {
        int lv = st->pending;
        st->pending = -1;
        start_level(st, app, lv);
    }
}

static void save_name(MapState *st, App *app)
{
    AcademyData *ad = st->ad;
    int64_t id;
    if (store_add_student(ad->store, st->name, &id, st->name_err, sizeof st->name_err) != 0) {
        app_cue(app, CUE_ALERT);
        return;
    }
    load_students(ad);
    for (int i = 0; i < ad->nstudents; i++)
        if (ad->students[i].id == id)
            choose_student(st, app, i);
    app_cue(app, CUE_SELECT);
}

static void map_action(Scene *s, App *app, Action a)
{
    MapState *st = s->state;
    if (!st || !st->ad)
        return;
    int n = levels_n(st);
    if (st->mode == MAP_NAME) {
        if (a == ACT_ACCEPT)
            save_name(st, app);
        else if (a == ACT_BACK && st->name[0]) /* delete one UTF-8 character */
            oc_utf8_drop_last(st->name);
        else if (a == ACT_BACK || a == ACT_PAUSE) {
            app_cue(app, CUE_BACK);
            st->mode = st->ad->nstudents ? MAP_PICK : MAP_LEVELS;
            app_text_input(app, false);
        }
        return;
    }
    if (st->mode == MAP_PICK) {
        int count = st->ad->nstudents + 2;
        if ((a == ACT_PREV || a == ACT_NEXT) && st->pick.visible > 0) { /* a page at a time */
            ui_list_set_count(&st->pick, count);
            ui_list_focus(&st->pick, st->pick_focus);
            if (ui_list_action(&st->pick, a))
                app_cue(app, CUE_MOVE);
            st->pick_focus = st->pick.focus;
        } else if (a == ACT_UP || a == ACT_PREV || a == ACT_LEFT) {
            st->pick_focus = (st->pick_focus + count - 1) % count;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_DOWN || a == ACT_NEXT || a == ACT_RIGHT) {
            st->pick_focus = (st->pick_focus + 1) % count;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_ACCEPT) {
            app_cue(app, CUE_SELECT);
            if (st->pick_focus < st->ad->nstudents)
                choose_student(st, app, st->pick_focus);
            else if (st->pick_focus == st->ad->nstudents) {
                st->mode = MAP_NAME;
                st->name[0] = '\0';
                st->name_err[0] = '\0';
                app_text_input(app, true);
            } else
                st->mode = MAP_LEVELS;
        } else if (a == ACT_BACK || a == ACT_PAUSE) {
            app_cue(app, CUE_BACK);
            st->mode = MAP_LEVELS;
        }
        return;
    }
    int total = n + BTN_COUNT;
    int f = st->focus;
    switch (a) {
    case ACT_LEFT:
    case ACT_PREV:
        f = (f + total - 1) % total;
        break;
    case ACT_RIGHT:
    case ACT_NEXT:
        f = (f + 1) % total;
        break;
    case ACT_UP:
        f = f >= n ? (n > 0 ? n - 1 : f) : (f >= 3 ? f - 3 : f);
        break;
    case ACT_DOWN:
        f = f >= n ? f : (f + 3 < n ? f + 3 : n);
        break;
    case ACT_ACCEPT:
        app_cue(app, CUE_SELECT);
        if (f < n)
            start_level(st, app, f);
        else
            press_button(st, app, f - n);
        return;
    case ACT_BACK:
        app_cue(app, CUE_BACK);
        app_pop(app);
        return;
    case ACT_PAUSE:
        app_push(app, scene_pause());
        return;
    default:
        return;
    }
    if (f != st->focus)
        app_cue(app, CUE_MOVE);
    st->focus = f;
}

static void map_text(Scene *s, App *app, const char *utf8)
{
    (void)app;
    MapState *st = s->state;
    if (st->mode != MAP_NAME)
        return;
    size_t l = strlen(st->name), add = strlen(utf8);
    if (l + add < sizeof st->name) {
        memcpy(st->name + l, utf8, add + 1);
        st->name_err[0] = '\0';
    }
}

static void map_pointer(Scene *s, App *app, float x, float y, bool click)
{
    MapState *st = s->state;
    if (!st || !st->ad)
        return;
    if (st->mode == MAP_PICK) {
        int i = ui_list_hit(&st->pick, x, y, click);
        st->pick_focus = st->pick.focus; /* a click on the scroll bar pages */
        if (i >= 0) {
            st->pick_focus = i;
            ui_list_focus(&st->pick, i);
            if (click)
                map_action(s, app, ACT_ACCEPT);
        }
        return;
    }
    if (st->mode != MAP_LEVELS)
        return;
    int total = levels_n(st) + BTN_COUNT;
    for (int i = 0; i < total; i++)
        if (gfx_hit(st->rect[i], x, y)) {
            if (st->focus != i && !click)
                app_cue(app, CUE_MOVE);
            st->focus = i;
            if (click)
                map_action(s, app, ACT_ACCEPT);
            return;
        }
}

static void draw_card(App *app, MapState *st, int i, LRect r)
{
    const Palette *p = &app->pal;
    AcademyData *ad = st->ad;
    const Level *lv = &ad->set.levels[i];
    bool focus = st->focus == i, open = ad->unlocked[i] || ad->classroom;
    gfx_round_rect(app, r, 22, focus ? p->panel_hi : p->panel);
    if (focus)
        gfx_round_outline(app, r, 22, 5, p->focus);
    SDL_Color ink = open ? p->text : p->text_dim;
    char num[16];
    snprintf(num, sizeof num, "%d", i + 1);
    LRect badge = {r.x + 24, r.y + 24, 64, 64};
    gfx_round_rect(app, badge, 32, lv->exam ? p->warn : (open ? p->accent : p->panel_hi));
    gfx_text_in(app, FONT_BOLD, 36, badge, ALIGN_CENTER, lv->exam ? gfx_rgba(20, 24, 40, 255) : p->text, num);
    gfx_text_wrapped(app, FONT_BOLD, 34, r.x + 108, r.y + 22, r.w - 132, ink, lv->title);
    char info[96];
    if (!open) {
        gfx_image(app, ad->lock, (LRect){r.x + r.w - 76, r.y + r.h - 76, 52, 52}, gfx_rgba(255, 255, 255, 255));
        snprintf(info, sizeof info, "Locked");
    } else if (ad->classroom) { /* the whole room: nobody's stars */
        snprintf(info, sizeof info, "%d questions", lv->nquestions);
    } else if (ad->best_percent[i] >= 0) {
        academy_draw_stars(app, ad, r.x + 24, r.y + r.h - 70, 46, ad->best_stars[i]);
        snprintf(info, sizeof info, "Best %d %%", ad->best_percent[i]);
    } else {
        academy_draw_stars(app, ad, r.x + 24, r.y + r.h - 70, 46, 0);
        snprintf(info, sizeof info, "%d questions", lv->nquestions);
    }
    gfx_text(app, FONT_REGULAR, 30, r.x + r.w - 24 - (open ? 0 : 64), r.y + r.h - 60, ALIGN_RIGHT, p->text_dim, info);
}

static void draw_picker(App *app, MapState *st)
{
    const Palette *p = &app->pal;
    AcademyData *ad = st->ad;
    gfx_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, gfx_rgba(8, 10, 20, 200));
    float w = 820, x = (app->frame.lw - w) / 2;
    int rows = ad->nstudents + 2;
    float rh = rows > 9 ? 62 : 80, h = 170 + (float)rows * (rh + 12);
    if (h > app->frame.lh - 80) /* past one screen the rows scroll */
        h = app->frame.lh - 80;
    LRect panel = {x, (app->frame.lh - h) / 2, w, h};
    gfx_round_rect(app, panel, 28, p->bg_top);
    gfx_round_outline(app, panel, 28, 3, p->panel_hi);
    if (st->mode == MAP_NAME) {
        gfx_text(app, FONT_BOLD, 48, x + 48, panel.y + 40, ALIGN_LEFT, p->text, "New student");
        gfx_text(app, FONT_REGULAR, 30, x + 48, panel.y + 110, ALIGN_LEFT, p->text_dim,
                 "Type a name, then Enter. Esc cancels.");
        LRect field = {x + 48, panel.y + 170, w - 96, 90};
        gfx_round_rect(app, field, 16, p->panel);
        gfx_round_outline(app, field, 16, 4, p->focus);
        char shown[STORE_NAME_MAX + 8];
        bool caret = ((int)(app->time * 2.0) % 2) == 0 || app->settings.reduced_motion;
        snprintf(shown, sizeof shown, "%s%s", st->name, caret ? "|" : " ");
        gfx_text_in(app, FONT_BOLD, 44, (LRect){field.x + 24, field.y, field.w - 48, field.h}, ALIGN_LEFT, p->text,
                    shown);
        if (st->name_err[0])
            gfx_text_wrapped(app, FONT_REGULAR, 30, x + 48, field.y + 110, w - 96, p->bad, st->name_err);
        return;
    }
    gfx_text(app, FONT_BOLD, 48, x + 48, panel.y + 40, ALIGN_LEFT, p->text, "Who is learning?");
    UiList *l = &st->pick;
    ui_list_set_count(l, rows);
    bool scrolls = rows > 9 && panel.h >= app->frame.lh - 80;
    ui_list_layout(l, (LRect){x + 48, panel.y + 130, w - 96, panel.h - (scrolls ? 200 : 170)}, rh, 12);
    ui_list_focus(l, st->pick_focus);
    for (int i = l->top; i < rows && i < l->top + l->visible; i++) {
        LRect r = ui_list_row(l, i);
        bool f = st->pick_focus == i;
        const char *label = i < ad->nstudents ? ad->students[i].name : i == ad->nstudents ? "+ New student" : "Cancel";
        gfx_round_rect(app, r, 16, f ? p->accent : p->panel);
        if (f)
            gfx_round_outline(app, r, 16, 4, p->focus);
        gfx_text_in(app, f ? FONT_BOLD : FONT_REGULAR, 38, (LRect){r.x + 28, r.y, r.w - 56, r.h}, ALIGN_LEFT, p->text,
                    label);
        if (i == ad->student)
            gfx_text_in(app, FONT_REGULAR, 30, (LRect){r.x + 28, r.y, r.w - 56, r.h}, ALIGN_RIGHT, p->text,
                        "current");
    }
    ui_list_draw_scrollbar(app, l);
    if (rows > l->visible) {
        char more[64];
        snprintf(more, sizeof more, "%d of %d     PgUp/PgDn: a page", st->pick_focus + 1, rows);
        gfx_text(app, FONT_REGULAR, 26, x + w - 48, panel.y + panel.h - 52, ALIGN_RIGHT, p->text_dim, more);
    }
}

/* gfx_button, with the label made smaller when a narrow button cannot hold it at the usual size. */
static void map_button(App *app, LRect r, const char *label, bool focused)
{
    const Palette *p = &app->pal;
    float w = gfx_text_width(app, focused ? FONT_BOLD : FONT_REGULAR, 40, label) + 40;
    if (w <= r.w) {
        gfx_button(app, r, label, focused, 0.0f);
        return;
    }
    gfx_round_rect(app, r, 18, focused ? p->accent : p->panel);
    if (focused)
        gfx_round_outline(app, r, 18, 4, p->focus);
    gfx_text_in(app, focused ? FONT_BOLD : FONT_REGULAR, 40 * r.w / w, r, ALIGN_CENTER, p->text, label);
}

/* Everything the map shows; with `join` false the room's join strip is left out (it is drawn over the
 * cached layer each frame: a phone joining changes it). */
static void map_draw_screen(App *app, MapState *st, bool join)
{
    AcademyData *ad = st->ad;
    const Palette *p = &app->pal;
    gfx_backdrop(app);
    gfx_heading(app, ad->classroom ? "Academy \xE2\x80\x94 classroom view" : "Academy",
                "Arrows: choose a level     Enter: play     Backspace: back     Esc: pause");
    float lw = app->frame.lw;
    int n = levels_n(st);
    char who[80];
    snprintf(who, sizeof who, "Student: %s",
             ad->classroom ? "the whole room" : ad->student >= 0 ? ad->students[ad->student].name : "none yet");
    if (room_ui_on(app)) { /* phones join while the teacher picks a level */
        if (join)
            room_ui_draw_join_compact(app, MAP_JOIN_RECT(lw));
    } else {
        gfx_text(app, FONT_BOLD, 34, lw - 80, 66, ALIGN_RIGHT, p->accent2, who);
    }
    if (n == 0) {
        gfx_text_wrapped(app, FONT_REGULAR, 40, 80, 260, lw - 160, p->text,
                         "No levels could be loaded. Check the levels/academy folder: "
                         "occlusion-coach --check-levels lists what is wrong with each file.");
    }
    int rows = (n + 2) / 3;
    float gap = 24, cw = (lw - 160 - 2 * gap) / 3;
    float ch = rows > 0 ? (618 - (float)(rows - 1) * gap) / (float)rows : 190;
    if (ch > 190)
        ch = 190;
    for (int i = 0; i < n; i++) {
        LRect r = {80 + (float)(i % 3) * (cw + gap), 200 + (float)(i / 3) * (ch + gap), cw, ch};
        st->rect[i] = r;
        draw_card(app, st, i, r);
    }
    if (st->focus < n)
        gfx_text_wrapped(app, FONT_REGULAR, 32, 80, 838, lw - 160, p->text_dim, ad->set.levels[st->focus].summary);
    else if (st->focus == n + BTN_CLASSROOM)
        gfx_text_wrapped(app, FONT_REGULAR, 32, 80, 838, lw - 160, p->text_dim,
                         room_ui_on(app)
                             ? "Phones on: students join with the code at the top right and answer on their phones; "
                               "each one's result is saved under their name. Enter switches the phones off."
                         : ad->classroom ? "Classroom view: each question big on screen for the whole room, a countdown, "
                                           "then the answer. Every level is open and nothing is scored. Enter lets "
                                           "phones join."
                                         : "Student view: the student answers each question; scores, stars and unlocks "
                                           "are saved. Enter switches to the classroom view.");
    const char *labels[BTN_COUNT] = {!ad->classroom        ? "Classroom view: off"
                                     : room_ui_on(app)     ? "Classroom, phones on"
                                                           : "Classroom view: on",
                                     "Change student", "Back"};
    /* the row spans the cards' width, whatever the canvas (a 5:4 or 4:3 screen is narrower than 16:9) */
    float bgap = 30, bw = (lw - 160 - (float)(BTN_COUNT - 1) * bgap) / (float)BTN_COUNT;
    if (bw > 470)
        bw = 470;
    for (int b = 0; b < BTN_COUNT; b++) {
        LRect r = {80 + (float)b * (bw + bgap), 950, bw, 86};
        st->rect[n + b] = r;
        map_button(app, r, labels[b], st->focus == n + b);
    }
    if (st->mode != MAP_LEVELS)
        draw_picker(app, st);
}

static void map_paint(App *app, void *ctx)
{
    map_draw_screen(app, ctx, false);
}

/* The map layer's key: everything map_paint shows. */
static Uint32 map_key(App *app, const MapState *st)
{
    const AcademyData *ad = st->ad;
    Uint32 h = academy_hash_frame(ACADEMY_HASH_START ^ 'M', app);
    h = academy_hash(h, st, offsetof(MapState, rect)); /* mode, focus, the name being typed, its error */
    int parts[] = {st->pick.top, ad->classroom, ad->student, ad->nstudents, ad->set.count, room_ui_on(app),
                   /* the caret of the name being typed blinks */
                   st->mode == MAP_NAME && (((int)(app->time * 2.0) % 2) == 0 || app->settings.reduced_motion)};
    h = academy_hash(h, parts, sizeof parts);
    h = academy_hash(h, ad->best_percent, sizeof ad->best_percent);
    h = academy_hash(h, ad->best_stars, sizeof ad->best_stars);
    h = academy_hash(h, ad->unlocked, sizeof ad->unlocked);
    if (ad->student >= 0)
        h = academy_hash(h, ad->students[ad->student].name, strlen(ad->students[ad->student].name));
    return h;
}

/* The map is still until a key is pressed: painted once into a layer, copied opaque every frame. */
static void map_draw(Scene *s, App *app)
{
    MapState *st = s->state;
    if (!st || !st->ad)
        return;
    bool room = room_ui_on(app);
    if (room && st->mode != MAP_LEVELS) { /* the picker dims the join strip too: all in order, uncached */
        map_draw_screen(app, st, true);
        return;
    }
    SDL_Texture *layer = gfx_cached_layer(app, ACADEMY_LAYER_SLOT, map_key(app, st), app->pw, app->ph, map_paint, st);
    if (!layer) {
        map_draw_screen(app, st, true);
        return;
    }
    gfx_copy_layer(app, layer, NULL, NULL, true);
    if (room)
        room_ui_draw_join_compact(app, MAP_JOIN_RECT(app->frame.lw));
}

static void map_enter(Scene *s, App *app)
{
    MapState *st = calloc(1, sizeof *st);
    s->state = st;
    if (!st)
        return;
    st->pending = -1;
    st->ad = academy_data_create(app);
    if (!st->ad)
        return;
    /* who is learning is asked when the first level starts (a classroom needs no name) */
    /* --classroom starts in classroom view; --room also switches the room on (once per run) */
    if (app->opt.classroom || app->opt.room)
        st->ad->classroom = true;
    if (app->opt.room)
        room_ui_start(app);
    app->opt.classroom = app->opt.room = false;
}

static void map_leave(Scene *s, App *app)
{
    MapState *st = s->state;
    app_text_input(app, false);
    room_ui_stop(app); /* leaving the Academy switches the room off */
    if (st)
        academy_data_destroy(st->ad);
    free(st);
    s->state = NULL;
}

static void map_update(Scene *s, App *app, double dt)
{
    (void)dt;
    MapState *st = s->state;
    if (!st || !st->ad) {
        app_pop(app); /* out of memory: nothing to show */
        return;
    }
    if (st->ad->focus_hint >= 0) { /* back from a level: focus the one it opened, or the one played */
        if (st->ad->focus_hint < levels_n(st))
            st->focus = st->ad->focus_hint;
        st->ad->focus_hint = -1;
        app_redraw(app);
    }
    room_ui_poll(app); /* phones joining: the head count on screen */
    if (st->mode == MAP_NAME && !app->settings.reduced_motion) /* the caret blinks twice a second */
        app_wake_at(app, (floor(app->time * 2.0) + 1.0) / 2.0);
}

Scene *scene_academy(void)
{
    Scene *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (Scene){.name = "academy",
                 .enter = map_enter,
                 .leave = map_leave,
                 .action = map_action,
                 .pointer = map_pointer,
                 .text = map_text,
                 .update = map_update,
                 .draw = map_draw};
    return s;
}

bool academy_probe_student(const Scene *s, char *name, size_t cap, int *pick_top)
{
    if (!s || !s->name || strcmp(s->name, "academy") != 0 || !s->state)
        return false;
    const MapState *st = s->state;
    const AcademyData *ad = st->ad;
    oc_strlcpy(name, ad && ad->student >= 0 ? ad->students[ad->student].name : "", cap);
    if (pick_top)
        *pick_top = st->pick.top;
    return true;
}
