/* Academy: playing one level. Each question kind has its own interaction; after every answer the
 * explanation is shown. In classroom view nobody answers on screen: a countdown runs, then the answer and
 * its explanation are revealed for the room. The rules live in src/academy.c; this file only shows them. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy_ui.h"
#include "gfx.h"
#include "room_classroom.h"

typedef enum { PH_ASK, PH_FEEDBACK, PH_RESULTS } Phase;

enum { RES_RETRY, RES_NEXT, RES_LEVELS, RES_COUNT };

#define FIG_X QUIZ_FIG_X
#define FIG_Y QUIZ_FIG_Y
#define FIG_H QUIZ_FIG_H
#define FIG_W QUIZ_FIG_W
#define PANEL_X 690.0f
#define BAND_W 84.0f
#define BAND_H 22.0f
#define CLASS_SCALE 1.3f /* classroom view: questions big on screen */
#define CONTENT_BOTTOM (1080.0f - APP_NOTICE_H - 6) /* the strip below is for captions and notices */

typedef struct QuizState {
    AcademyData *ad;
    int level;
    uint64_t seed; /* this attempt's shuffle */
    QuizRun run;
    Phase phase;
    double phase_time;
    bool classroom;
    double countdown;
    int last_beep;

    /* placement */
    FigureView view;
    bool band_on; /* on the figure (else in the tray) */
    float bx, by; /* band centre, figure coordinates */
    bool dragging;
    int landmark; /* keys and clickers snap the band between figure landmarks; -1 = not on one */
    /* tightness */
    int slider;
    bool slider_drag;
    /* choice, scenario, true/false, ordering: focused item */
    int focus;
    int order[AC_MAX_STEPS];
    int perm[AC_MAX_OPTIONS]; /* choice/scenario: display slot -> option */
    int held; /* ordering: the step being moved, -1 = none */

    Answer answer;
    Verdict verdict;

    /* results */
    int percent, stars, prev_stars, prev_percent;
    bool unlocked_next;
    char save_msg[240];
    int res_focus;

    /* Backspace in a level asks first */
    bool confirm;
    int confirm_focus; /* 0 = stay, 1 = leave */
    LRect r_confirm[2];

    bool band_over; /* the band follows the pointer: drawn over the cached layer, not in it */
    /* the answer view's labels on the figure, as last drawn ("your band", "right place"); w = 0 if none */
    LRect tag_band, tag_zone;
    float tag_zone_fx; /* figure x of the labelled target's centre */

    /* hit areas, refreshed each draw */
    LRect r_items[AC_MAX_STEPS + 1];
    int nitems;
    LRect r_check, r_flip, r_nowhere, r_next, r_slider, r_tray;
    LRect r_res[RES_COUNT];
    RoomClassroom room; /* phones in the room answer the classroom view's questions */
} QuizState;

static const Question *cur(const QuizState *st)
{
    return &st->run.level->questions[st->run.index];
}

static const Level *lvl(const QuizState *st)
{
    return &st->ad->set.levels[st->level];
}

static LRect fig_rect(void)
{
    return (LRect){FIG_X, FIG_Y, FIG_W, FIG_H};
}

void quiz_figure_point(float fx, float fy, float *lx, float *ly)
{
    *lx = FIG_X + fx * FIG_W;
    *ly = FIG_Y + fy * FIG_H;
}

uint64_t quiz_order_seed(int level, int attempt)
{
    return (uint64_t)level * 7919u + 17u + (uint64_t)attempt * 0x9E3779B97F4A7C15ull;
}

static void reset_question(QuizState *st)
{
    const Question *q = cur(st);
    st->view = q->view;
    st->band_on = false;
    st->dragging = false;
    st->landmark = -1;
    st->slider = 0;
    st->slider_drag = false;
    st->focus = 0;
    st->held = -1;
    if (q->kind == Q_ORDER)
        quiz_shuffled_order(q, st->seed, st->order);
    quiz_option_order(q, st->seed, st->perm);
    st->countdown = q->seconds;
    st->last_beep = -1;
    st->phase = PH_ASK;
    st->phase_time = 0;
}

/* ---------------- answering ---------------- */

static void finish_level(QuizState *st, App *app)
{
    AcademyData *ad = st->ad;
    st->phase = PH_RESULTS;
    st->phase_time = 0;
    st->res_focus = RES_LEVELS;
    st->percent = quiz_percent(&st->run);
    st->stars = quiz_stars(&st->run);
    st->prev_stars = ad->best_stars[st->level];
    st->prev_percent = ad->best_percent[st->level];
    st->save_msg[0] = '\0';
    if (st->classroom) {
        app_cue(app, CUE_WRAP_OFF);
        return;
    }
    bool was_open = st->level + 1 < ad->set.count && ad->unlocked[st->level + 1];
    if (ad->store && ad->student >= 0) {
        char err[200];
        const Student *who = &ad->students[ad->student];
        if (store_record_attempt(ad->store, who->id, lvl(st)->id, st->run.earned, st->run.total, st->percent, st->stars,
                                 err, sizeof err) == 0)
            snprintf(st->save_msg, sizeof st->save_msg, "Saved for %s.", who->name);
        else
            snprintf(st->save_msg, sizeof st->save_msg, "Not saved: %s", err);
        academy_data_refresh(ad);
    } else {
        /* no database: still count this run for the unlocks of this visit */
        if (st->stars > ad->best_stars[st->level])
            ad->best_stars[st->level] = st->stars;
        if (st->percent > ad->best_percent[st->level])
            ad->best_percent[st->level] = st->percent;
        academy_unlocks(&ad->set, ad->best_stars, ad->unlocked);
        snprintf(st->save_msg, sizeof st->save_msg, "Scores are not being saved (no database).");
    }
    bool next_open = st->level + 1 < ad->set.count && ad->unlocked[st->level + 1];
    st->unlocked_next = next_open && !was_open;
    /* failed: try again; passed: on to the next level, or back to the map after the last one */
    st->res_focus = st->stars == 0 ? RES_RETRY : next_open ? RES_NEXT : RES_LEVELS;
    /* back on the map, focus the level this run opened (or the one just played) */
    ad->focus_hint = st->unlocked_next ? st->level + 1 : st->level;
    app_cue(app, st->stars > 0 ? CUE_WRAP_ON : CUE_ALERT);
}

static void submit(QuizState *st, App *app, const Answer *a)
{
    if (st->phase != PH_ASK)
        return;
    st->answer = *a;
    st->verdict = quiz_submit(&st->run, a);
    st->phase = PH_FEEDBACK;
    st->phase_time = 0;
    app_cue(app, st->verdict.correct ? CUE_SELECT : CUE_ALERT);
}

/* Classroom view: show the answer without marking anything. */
static void reveal(QuizState *st, App *app)
{
    if (st->phase != PH_ASK)
        return;
    quiz_correct_answer(cur(st), &st->answer);
    st->verdict = quiz_submit(&st->run, &st->answer);
    if (cur(st)->kind == Q_PLACEMENT && !st->answer.nowhere) {
        st->view = st->answer.view;
        st->band_on = true;
        st->bx = st->answer.x;
        st->by = st->answer.y;
    }
    st->phase = PH_FEEDBACK;
    st->phase_time = 0;
    app_cue(app, CUE_WRAP_ON);
}

static void check(QuizState *st, App *app)
{
    const Question *q = cur(st);
    Answer a = {0};
    switch (q->kind) {
    case Q_PLACEMENT:
        if (!st->band_on) {
            app_cue(app, CUE_ALERT);
            app_toast(app, "Drag the band onto the body first, or choose \"It can't be wrapped\"");
            return;
        }
        a.x = st->bx;
        a.y = st->by;
        a.view = st->view;
        break;
    case Q_TIGHTNESS:
        a.value = st->slider;
        break;
    case Q_ORDER:
        memcpy(a.order, st->order, sizeof a.order);
        break;
    default:
        a.value = st->perm[st->focus];
        break;
    }
    submit(st, app, &a);
}

static void next_question(QuizState *st, App *app)
{
    if (st->phase != PH_FEEDBACK)
        return;
    if (quiz_next(&st->run)) {
        reset_question(st);
        app_cue(app, CUE_MOVE);
    } else {
        finish_level(st, app);
    }
}

static void restart(QuizState *st, int level)
{
    st->level = level;
    st->seed = quiz_order_seed(level, st->ad->attempts[level]++);
    quiz_start(&st->run, lvl(st));
    reset_question(st);
}

static void results_choose(QuizState *st, App *app, int which)
{
    AcademyData *ad = st->ad;
    if (which == RES_RETRY) {
        restart(st, st->level);
        app_cue(app, CUE_SELECT);
    } else if (which == RES_NEXT) {
        int n = st->level + 1;
        if (n < ad->set.count && (ad->unlocked[n] || st->classroom)) {
            restart(st, n);
            app_cue(app, CUE_SELECT);
        } else {
            app_cue(app, CUE_ALERT);
            app_toast(app, n < ad->set.count ? "Pass this level to open the next one" : "That was the last level");
        }
    } else {
        app_cue(app, CUE_BACK);
        app_pop(app);
    }
}

/* ---------------- input ---------------- */

/* Keys and presenter clickers: the band jumps from landmark to landmark (shoulder, upper arm, elbow...,
 * thigh, knee..., neck), so every right spot is a few presses away. From the tray "next" lands on the
 * first landmark and "previous" on the last; after a mouse drop it steps from the nearest one. */
static void step_band(QuizState *st, int dir)
{
    int n = figure_landmark_count();
    if (!st->band_on) {
        st->landmark = dir > 0 ? 0 : n - 1;
    } else {
        if (st->landmark < 0) {
            float best = 1e9f;
            for (int k = 0; k < n; k++) {
                float x, y;
                figure_landmark(k, &x, &y);
                float d = fminf(fabsf(x - st->bx), fabsf(1.0f - x - st->bx)) + fabsf(y - st->by) * 2;
                if (d < best) {
                    best = d;
                    st->landmark = k;
                }
            }
        }
        st->landmark = (st->landmark + dir + n) % n;
    }
    st->band_on = true;
    figure_landmark(st->landmark, &st->bx, &st->by);
}

static int item_count(const QuizState *st)
{
    const Question *q = cur(st);
    switch (q->kind) {
    case Q_TRUEFALSE:
        return 2;
    case Q_ORDER:
        return q->nsteps + 1; /* the steps, then "Check" */
    case Q_CHOICE:
    case Q_SCENARIO:
        return q->noptions;
    default:
        return 0;
    }
}

static void move_held(QuizState *st, int dir)
{
    int n = cur(st)->nsteps, to = st->held + dir;
    if (to < 0 || to >= n)
        return;
    int t = st->order[st->held];
    st->order[st->held] = st->order[to];
    st->order[to] = t;
    st->held = to;
    st->focus = to;
}

static void confirm_choose(QuizState *st, App *app, int which)
{
    st->confirm = false;
    if (which == 1) {
        app_cue(app, CUE_BACK);
        app_pop(app);
    } else {
        app_cue(app, CUE_SELECT);
    }
}

static void ask_action(QuizState *st, App *app, Action a)
{
    const Question *q = cur(st);
    if (st->classroom) {
        if (a == ACT_ACCEPT || a == ACT_NEXT || a == ACT_RIGHT)
            reveal(st, app);
        return;
    }
    if (q->kind == Q_PLACEMENT) {
        switch (a) {
        case ACT_UP:
        case ACT_LEFT:
        case ACT_PREV:
            step_band(st, -1);
            app_cue(app, CUE_MOVE);
            break;
        case ACT_DOWN:
        case ACT_RIGHT:
        case ACT_NEXT:
            step_band(st, 1);
            app_cue(app, CUE_MOVE);
            break;
        case ACT_FLIP:
            st->view = (FigureView)(1 - st->view);
            app_cue(app, CUE_MOVE);
            break;
        case ACT_ALT:
            submit(st, app, &(Answer){.nowhere = true});
            break;
        case ACT_ACCEPT:
            check(st, app);
            break;
        default:
            break;
        }
        return;
    }
    if (q->kind == Q_TIGHTNESS) {
        if ((a == ACT_LEFT || a == ACT_DOWN || a == ACT_PREV) && st->slider > 0) {
            st->slider--;
            app_cue(app, CUE_MOVE);
        } else if ((a == ACT_RIGHT || a == ACT_UP || a == ACT_NEXT) && st->slider < 10) {
            st->slider++;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_ACCEPT) {
            check(st, app);
        }
        return;
    }
    int n = item_count(st);
    bool horizontal = q->kind == Q_TRUEFALSE;
    int step = 0;
    if (a == (horizontal ? ACT_LEFT : ACT_UP) || a == ACT_PREV)
        step = -1;
    else if (a == (horizontal ? ACT_RIGHT : ACT_DOWN) || a == ACT_NEXT)
        step = 1;
    if (step) {
        if (q->kind == Q_ORDER && st->held >= 0)
            move_held(st, step);
        else
            st->focus = (st->focus + step + n) % n;
        app_cue(app, CUE_MOVE);
        return;
    }
    if (a != ACT_ACCEPT)
        return;
    if (q->kind == Q_ORDER) {
        if (st->focus == q->nsteps) {
            check(st, app);
        } else {
            st->held = st->held >= 0 ? -1 : st->focus; /* pick up, or put down */
            app_cue(app, CUE_SELECT);
        }
        return;
    }
    check(st, app);
}

static void quiz_action(Scene *s, App *app, Action a)
{
    QuizState *st = s->state;
    if (st->confirm) { /* "Leave this level?" */
        if (a == ACT_LEFT || a == ACT_RIGHT || a == ACT_UP || a == ACT_DOWN || a == ACT_PREV || a == ACT_NEXT) {
            st->confirm_focus = 1 - st->confirm_focus;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_ACCEPT) {
            confirm_choose(st, app, st->confirm_focus);
        } else if (a == ACT_BACK || a == ACT_PAUSE) {
            confirm_choose(st, app, 0);
        }
        return;
    }
    if (a == ACT_PAUSE) {
        app_text_input(app, false); /* the pause menu's keys are keys, not letters */
        app_push(app, scene_pause());
        return;
    }
    if (a == ACT_BACK && st->phase == PH_RESULTS) {
        app_cue(app, CUE_BACK);
        app_pop(app);
        return;
    }
    if (a == ACT_BACK && !(st->phase == PH_ASK && cur(st)->kind == Q_ORDER && st->held >= 0)) {
        /* an unfinished level is not scored: ask before throwing the answers away, as Esc does */
        st->confirm = true;
        st->confirm_focus = 0;
        app_text_input(app, false);
        app_cue(app, CUE_ALERT);
        return;
    }
    switch (st->phase) {
    case PH_ASK:
        ask_action(st, app, a);
        break;
    case PH_FEEDBACK:
        if (a == ACT_ACCEPT || a == ACT_NEXT || a == ACT_RIGHT)
            next_question(st, app);
        else if (cur(st)->kind == Q_PLACEMENT && a == ACT_FLIP)
            st->view = (FigureView)(1 - st->view);
        break;
    case PH_RESULTS:
        if (a == ACT_LEFT || a == ACT_PREV || a == ACT_UP) {
            st->res_focus = (st->res_focus + RES_COUNT - 1) % RES_COUNT;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_RIGHT || a == ACT_NEXT || a == ACT_DOWN) {
            st->res_focus = (st->res_focus + 1) % RES_COUNT;
            app_cue(app, CUE_MOVE);
        } else if (a == ACT_ACCEPT) {
            results_choose(st, app, st->res_focus);
        }
        break;
    }
}

static bool on_band(const QuizState *st, float x, float y)
{
    float cx, cy;
    if (st->band_on)
        quiz_figure_point(st->bx, st->by, &cx, &cy);
    else {
        cx = st->r_tray.x + st->r_tray.w / 2;
        cy = st->r_tray.y + st->r_tray.h / 2 + 10;
    }
    return fabsf(x - cx) <= BAND_W / 2 + 12 && fabsf(y - cy) <= BAND_H / 2 + 16;
}

static void slider_set(QuizState *st, App *app, float x)
{
    float t = (x - st->r_slider.x) / st->r_slider.w;
    int v = (int)lroundf(fminf(fmaxf(t, 0.0f), 1.0f) * 10.0f);
    if (v != st->slider)
        app_cue(app, CUE_MOVE);
    st->slider = v;
}

static int order_slot_at(const QuizState *st, float y)
{
    int n = cur(st)->nsteps;
    for (int i = 0; i < n; i++)
        if (y < st->r_items[i].y + st->r_items[i].h + 5)
            return i;
    return n - 1;
}

static void quiz_press(Scene *s, App *app, float x, float y)
{
    QuizState *st = s->state;
    if (st->phase != PH_ASK || st->classroom || st->confirm)
        return;
    const Question *q = cur(st);
    if (q->kind == Q_PLACEMENT) {
        if (on_band(st, x, y) || gfx_hit(fig_rect(), x, y)) {
            st->dragging = true;
            st->landmark = -1;
            if (gfx_hit(fig_rect(), x, y)) { /* a press on the body brings the band there */
                st->band_on = true;
                st->bx = (x - FIG_X) / FIG_W;
                st->by = (y - FIG_Y) / FIG_H;
            }
        }
    } else if (q->kind == Q_TIGHTNESS) {
        LRect grab = {st->r_slider.x - 40, st->r_slider.y - 50, st->r_slider.w + 80, st->r_slider.h + 100};
        if (gfx_hit(grab, x, y)) {
            st->slider_drag = true;
            slider_set(st, app, x);
        }
    } else if (q->kind == Q_ORDER) {
        for (int i = 0; i < q->nsteps; i++)
            if (gfx_hit(st->r_items[i], x, y)) {
                st->held = i;
                st->focus = i;
                app_cue(app, CUE_SELECT);
            }
    }
}

static void quiz_pointer(Scene *s, App *app, float x, float y, bool click)
{
    QuizState *st = s->state;
    if (st->confirm) {
        for (int i = 0; i < 2; i++)
            if (gfx_hit(st->r_confirm[i], x, y)) {
                st->confirm_focus = i;
                if (click)
                    confirm_choose(st, app, i);
            }
        return;
    }
    if (st->phase == PH_RESULTS) {
        for (int i = 0; i < RES_COUNT; i++)
            if (gfx_hit(st->r_res[i], x, y)) {
                st->res_focus = i;
                if (click)
                    results_choose(st, app, i);
            }
        return;
    }
    if (st->phase == PH_FEEDBACK || st->classroom) {
        if (click && gfx_hit(st->r_next, x, y)) {
            if (st->phase == PH_ASK)
                reveal(st, app);
            else
                next_question(st, app);
        }
        return;
    }
    const Question *q = cur(st);
    if (q->kind == Q_PLACEMENT) {
        if (st->dragging) {
            bool inside = gfx_hit(fig_rect(), x, y);
            st->band_on = inside;
            if (inside) {
                st->bx = (x - FIG_X) / FIG_W;
                st->by = (y - FIG_Y) / FIG_H;
            }
            if (click)
                st->dragging = false; /* dropped: off the body, it goes back to the tray */
            return;
        }
        if (!click)
            return;
        if (gfx_hit(st->r_flip, x, y))
            ask_action(st, app, ACT_FLIP);
        else if (gfx_hit(st->r_nowhere, x, y))
            ask_action(st, app, ACT_ALT);
        else if (gfx_hit(st->r_check, x, y))
            check(st, app);
        return;
    }
    if (q->kind == Q_TIGHTNESS) {
        if (st->slider_drag) {
            slider_set(st, app, x);
            if (click)
                st->slider_drag = false;
        } else if (click && gfx_hit(st->r_check, x, y)) {
            check(st, app);
        }
        return;
    }
    if (q->kind == Q_ORDER && st->held >= 0) {
        int to = order_slot_at(st, y);
        while (st->held != to)
            move_held(st, to > st->held ? 1 : -1);
        if (click) {
            st->held = -1;
            app_cue(app, CUE_SELECT);
        }
        return;
    }
    for (int i = 0; i < st->nitems; i++)
        if (gfx_hit(st->r_items[i], x, y)) {
            if (st->focus != i && !click)
                app_cue(app, CUE_MOVE);
            st->focus = i;
            if (click && (q->kind != Q_ORDER || i == q->nsteps)) /* a click on a step picks it up (press) */
                check(st, app);
            return;
        }
}

/* Letter keys answer choice and true/false questions: while one is asked, printable keys arrive as text. */
static bool wants_letters(const QuizState *st)
{
    if (st->classroom || st->confirm || st->phase != PH_ASK)
        return false;
    QuestionKind k = cur(st)->kind;
    return k == Q_CHOICE || k == Q_SCENARIO || k == Q_TRUEFALSE;
}

static void quiz_text(Scene *s, App *app, const char *utf8)
{
    QuizState *st = s->state;
    if (!wants_letters(st) || !utf8[0] || utf8[1])
        return;
    char c = utf8[0];
    const Question *q = cur(st);
    int slot = -1, n = item_count(st);
    if (c >= 'a' && c <= 'e')
        slot = c - 'a';
    else if (c >= 'A' && c <= 'E')
        slot = c - 'A';
    else if (c >= '1' && c <= '5')
        slot = c - '1';
    if (q->kind == Q_TRUEFALSE && (c == 't' || c == 'T' || c == 'f' || c == 'F')) {
        int want = c == 't' || c == 'T';
        slot = st->perm[0] == want ? 0 : 1;
    }
    if (c == ' ') {
        ask_action(st, app, ACT_ACCEPT);
    } else if (c == '.') {
        app_dispatch(app, ACT_BLANK);
    } else if (slot >= 0 && slot < n) {
        st->focus = slot;
        check(st, app);
    } else if (c == 'w' || c == 'W' || c == 's' || c == 'S') { /* WASD still moves */
        ask_action(st, app, c == 'w' || c == 'W' ? (q->kind == Q_TRUEFALSE ? ACT_LEFT : ACT_UP)
                                                 : (q->kind == Q_TRUEFALSE ? ACT_RIGHT : ACT_DOWN));
    }
}

static void quiz_update(Scene *s, App *app, double dt)
{
    QuizState *st = s->state;
    st->phase_time += dt;
    app_text_input(app, wants_letters(st));
    if (st->classroom) {
        room_classroom_sync(app, &st->room, lvl(st), st->level, st->run.index, (int)st->phase, st->perm, st->order,
                            st->countdown, st->ad->store);
        if (st->phase == PH_ASK && room_classroom_all_answered(app) && st->countdown > 0.5)
            st->countdown = 0.5; /* everyone has answered: show the answer now */
    }
    if (st->phase == PH_RESULTS && !app->settings.reduced_motion && st->phase_time < st->stars * 0.35)
        app_wake_at(app, app->time + (floor(st->phase_time / 0.35) + 1) * 0.35 - st->phase_time); /* next star */
    if (!st->classroom || st->phase != PH_ASK || st->confirm)
        return;
    st->countdown -= dt;
    app_wake_at(app, app->time + st->countdown - (ceil(st->countdown) - 1)); /* the next whole second */
    int whole = (int)ceil(st->countdown);
    if (whole <= 3 && whole >= 1 && whole != st->last_beep) {
        st->last_beep = whole;
        app_cue(app, CUE_COUNTDOWN);
    }
    if (st->countdown <= 0) {
        reveal(st, app);
        app_redraw(app);
    }
}

/* ---------------- drawing ---------------- */

static double channel_lin(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * channel_lin(c.r) + 0.7152 * channel_lin(c.g) + 0.0722 * channel_lin(c.b);
}

static double contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

void quiz_row_colors(const Palette *p, RowTone tone, SDL_Color *fill, SDL_Color *ink, SDL_Color *edge)
{
    SDL_Color base = tone == ROW_FOCUS ? p->panel_hi
                     : tone == ROW_HELD ? p->accent2
                     : tone == ROW_RIGHT ? p->good
                     : tone == ROW_WRONG ? p->bad
                     : tone == ROW_REVEALED ? p->accent2
                                            : p->panel;
    SDL_Color f = base, dark = gfx_rgba(0, 0, 0, 255);
    *ink = p->text;
    /* deepen the colour until the light text on it reads at 4.5:1 or better (a margin over AA) */
    for (int i = 1; i <= 20 && contrast(*ink, f) < 4.7; i++)
        f = gfx_mix(base, dark, 0.05f * (float)i);
    *fill = f;
    *edge = tone == ROW_FOCUS ? p->focus : base;
}

/* One answer row: its tone, the outline in the tone's own colour, and the text in the row's ink. */
static void draw_row(App *app, LRect r, float radius, RowTone tone)
{
    SDL_Color fill, ink, edge;
    quiz_row_colors(&app->pal, tone, &fill, &ink, &edge);
    gfx_round_rect(app, r, radius, fill);
    if (tone != ROW_PLAIN)
        gfx_round_outline(app, r, radius, tone == ROW_FOCUS ? 4 : 5, edge);
}

/* The largest size up to `size` (down to 70 % of it) at which s fits in w. */
static float fit_size(App *app, FontStyle fs, float size, float w, const char *s)
{
    float sz = size;
    while (sz > size * 0.7f && gfx_text_width(app, fs, sz, s) > w)
        sz -= 1.0f;
    return sz;
}

/* A quad of half-length hl and half-height hh centred (along the band) at offset `along`, turned by (ux, uy). */
static void band_quad(App *app, float cx, float cy, float ux, float uy, float along, float across, float hl, float hh,
                      SDL_Color c)
{
    float vx = -uy, vy = ux; /* across the band */
    float mx = cx + ux * along + vx * across, my = cy + uy * along + vy * across;
    float xy[8] = {mx - ux * hl - vx * hh, my - uy * hl - vy * hh, mx + ux * hl - vx * hh, my + uy * hl - vy * hh,
                   mx + ux * hl + vx * hh, my + uy * hl + vy * hh, mx - ux * hl + vx * hh, my - uy * hl + vy * hh};
    gfx_fan(app, mx, my, xy, 4, c, c);
}

/* The band, turned to lie across the limb: `deg` is the direction of its length on screen, `len` its
 * length (the limb's width on the figure, a little more for the buckle). */
static void draw_band(App *app, float cx, float cy, float deg, float len, bool lifted)
{
    const Palette *p = &app->pal;
    float a = deg * 0.0174533f, ux = cosf(a), uy = sinf(a), hl = len / 2, hh = BAND_H / 2;
    if (lifted)
        band_quad(app, cx + 6, cy + 8, ux, uy, 0, 0, hl, hh, gfx_rgba(0, 0, 0, 90));
    band_quad(app, cx, cy, ux, uy, 0, 0, hl + 2, hh + 2, p->text); /* outline */
    band_quad(app, cx, cy, ux, uy, 0, 0, hl, hh, gfx_rgba(0x2b, 0x8f, 0xcc, 255));
    band_quad(app, cx, cy, ux, uy, 0, -hh + 6.5f, hl - 6, 1.5f, gfx_rgba(0x9f, 0xd6, 0xf5, 255));
    band_quad(app, cx, cy, ux, uy, 0, hh - 6.5f, hl - 6, 1.5f, gfx_rgba(0x9f, 0xd6, 0xf5, 255));
    band_quad(app, cx, cy, ux, uy, hl - 5, 0, 6, hh + 3, gfx_rgba(0x1b, 0x5e, 0x88, 255)); /* the buckle */
}

/* The band on the figure: across the limb under it, as long as the limb is wide. */
static void draw_band_on(App *app, float fx, float fy, bool lifted)
{
    float x, y;
    quiz_figure_point(fx, fy, &x, &y);
    draw_band(app, x, y, figure_limb_angle(fx, fy) + 90.0f, figure_limb_width(fx, fy) * FIG_W + 14, lifted);
}


/* A mirrored shape has two copies: 0 = as written in the level file, 1 = its mirror image. `only` picks
 * one copy (-1 = every copy). */
static void draw_shape(App *app, const Shape *sh, int only, SDL_Color fill, SDL_Color edge)
{
    for (int side = 0; side < (sh->mirror ? 2 : 1); side++) {
        if (only >= 0 && side != only)
            continue;
        float m = side ? -1.0f : 1.0f, off = side ? 1.0f : 0.0f;
        if (sh->kind == SHAPE_ELLIPSE) {
            float cx, cy;
            quiz_figure_point(off + m * sh->v[0][0], sh->v[0][1], &cx, &cy);
            gfx_ellipse(app, cx, cy, sh->v[1][0] * FIG_W, sh->v[1][1] * FIG_H, fill, edge);
        } else if (sh->kind == SHAPE_RECT) {
            float x0, y0;
            float x = side ? 1.0f - sh->v[0][0] - sh->v[1][0] : sh->v[0][0];
            quiz_figure_point(x, sh->v[0][1], &x0, &y0);
            gfx_round_rect(app, (LRect){x0, y0, sh->v[1][0] * FIG_W, sh->v[1][1] * FIG_H}, 6, fill);
        } else {
            float xy[2 * AC_MAX_POINTS], cx, cy;
            shape_center(sh, &cx, &cy);
            quiz_figure_point(off + m * cx, cy, &cx, &cy);
            for (int i = 0; i < sh->n; i++)
                quiz_figure_point(off + m * sh->v[i][0], sh->v[i][1], &xy[2 * i], &xy[2 * i + 1]);
            gfx_fan(app, cx, cy, xy, sh->n, fill, edge);
        }
    }
}

/* The copy of a shape on the band's side of the body: the one whose centre is nearer the band. */
static int shape_side_near(const Shape *sh, float bx)
{
    if (!sh->mirror)
        return 0;
    float cx, cy;
    shape_center(sh, &cx, &cy);
    return fabsf(cx - bx) <= fabsf(1.0f - cx - bx) ? 0 : 1;
}

#define RING_MAX 48

/* One copy's outline in logical units, and its centre and half-extents (for labels). */
static int shape_outline(const Shape *sh, int side, float *xy, float *cx, float *cy, float *rx, float *ry)
{
    float m = side ? -1.0f : 1.0f, off = side ? 1.0f : 0.0f;
    int n = 0;
    if (sh->kind == SHAPE_ELLIPSE) {
        for (int i = 0; i < RING_MAX; i++, n++) {
            float a = (float)i / RING_MAX * 6.2831853f;
            quiz_figure_point(off + m * (sh->v[0][0] + cosf(a) * sh->v[1][0]), sh->v[0][1] + sinf(a) * sh->v[1][1],
                              &xy[2 * n], &xy[2 * n + 1]);
        }
    } else if (sh->kind == SHAPE_RECT) {
        static const float corner[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int i = 0; i < 4; i++, n++)
            quiz_figure_point(off + m * (sh->v[0][0] + corner[i][0] * sh->v[1][0]),
                              sh->v[0][1] + corner[i][1] * sh->v[1][1], &xy[2 * n], &xy[2 * n + 1]);
    } else {
        for (int i = 0; i < sh->n && i < RING_MAX; i++, n++)
            quiz_figure_point(off + m * sh->v[i][0], sh->v[i][1], &xy[2 * n], &xy[2 * n + 1]);
    }
    float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
    for (int i = 0; i < n; i++) {
        x0 = fminf(x0, xy[2 * i]);
        x1 = fmaxf(x1, xy[2 * i]);
        y0 = fminf(y0, xy[2 * i + 1]);
        y1 = fmaxf(y1, xy[2 * i + 1]);
    }
    *cx = (x0 + x1) / 2;
    *cy = (y0 + y1) / 2;
    *rx = (x1 - x0) / 2;
    *ry = (y1 - y0) / 2;
    return n;
}

/* A line `thick` wide along a closed outline, straddling it: the target stays visible around the band
 * that covers its middle, and a dark halo keeps it apart from the muscles' colours. */
static void draw_ring(App *app, const float *xy, int n, float thick, SDL_Color c)
{
    SDL_Vertex v[2 * RING_MAX];
    int idx[6 * RING_MAX];
    float s = app->frame.scale, mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
        mx += xy[2 * i] / (float)n;
        my += xy[2 * i + 1] / (float)n;
    }
    for (int i = 0; i < n; i++) {
        int a = (i + n - 1) % n, b = (i + 1) % n;
        float tx = xy[2 * b] - xy[2 * a], ty = xy[2 * b + 1] - xy[2 * a + 1], len = sqrtf(tx * tx + ty * ty);
        float nx = len > 0 ? ty / len : 0, ny = len > 0 ? -tx / len : 0;
        if (nx * (xy[2 * i] - mx) + ny * (xy[2 * i + 1] - my) < 0) { /* point it outwards */
            nx = -nx;
            ny = -ny;
        }
        float h = thick / 2;
        v[2 * i] = (SDL_Vertex){{(xy[2 * i] - nx * h) * s, (xy[2 * i + 1] - ny * h) * s}, c, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{(xy[2 * i] + nx * h) * s, (xy[2 * i + 1] + ny * h) * s}, c, {0, 0}};
        int j = (i + 1) % n, *t = &idx[6 * i];
        t[0] = 2 * i;
        t[1] = 2 * i + 1;
        t[2] = 2 * j + 1;
        t[3] = 2 * i;
        t[4] = 2 * j + 1;
        t[5] = 2 * j;
    }
    gfx_geometry(app, v, 2 * n, idx, 6 * n);
}

static void shape_ring(App *app, const Shape *sh, int side, SDL_Color c)
{
    float xy[2 * RING_MAX], cx, cy, rx, ry;
    int n = shape_outline(sh, side, xy, &cx, &cy, &rx, &ry);
    draw_ring(app, xy, n, 8.0f, gfx_rgba(0x0c, 0x10, 0x1e, 200));
    draw_ring(app, xy, n, 4.0f, c);
}

/* A short label on the figure ("your band", "right place") with a leader line to what it names, which is
 * centred at (ax, ay) and reaches (rx, ry) from there. It goes beside the spot on side `dir` (-1 left,
 * +1 right), inside `bounds`; if there is no room there, above the spot and above y = `above` (the top of
 * the other marks there). Returns where it went. */
static LRect draw_tag(App *app, float ax, float ay, float rx, float ry, int dir, LRect bounds, float above,
                      float size, SDL_Color tone, const char *text, LRect avoid)
{
    const Palette *p = &app->pal;
    float w = gfx_text_width(app, FONT_BOLD, size, text) + 28, h = size + 20, gap = 22;
    LRect r = {dir < 0 ? ax - rx - gap - w : ax + rx + gap, ay - h / 2, w, h};
    r.x = fmaxf(bounds.x, fminf(r.x, bounds.x + bounds.w - w));
    if (r.x < ax + rx && r.x + r.w > ax - rx) /* squeezed onto the spot: put it above instead */
        r = (LRect){fmaxf(bounds.x, fminf(ax - w / 2, bounds.x + bounds.w - w)), fminf(ay - ry, above) - gap - h, w,
                    h};
    if (avoid.w > 0 && r.x < avoid.x + avoid.w && r.x + r.w > avoid.x && r.y < avoid.y + avoid.h &&
        r.y + r.h > avoid.y) /* clear of the other label */
        r.y = ay > avoid.y + avoid.h / 2 ? avoid.y + avoid.h + 8 : avoid.y - h - 8;
    /* the leader: from the label's nearest edge to the rim of the spot */
    float lx = fmaxf(r.x, fminf(ax, r.x + r.w)), ly = fmaxf(r.y, fminf(ay, r.y + r.h));
    float ux = ax - lx, uy = ay - ly, len = sqrtf(ux * ux + uy * uy);
    if (len > 1.0f) {
        ux /= len;
        uy /= len;
        float reach = 1.0f / sqrtf((ux / fmaxf(rx, 1)) * (ux / fmaxf(rx, 1)) + (uy / fmaxf(ry, 1)) * (uy / fmaxf(ry, 1)));
        float ex = ax - ux * reach, ey = ay - uy * reach;
        if (len - reach > 2) {
            float xy[4] = {lx, ly, ex, ey};
            draw_ring(app, xy, 2, 7.0f, gfx_rgba(0x0c, 0x10, 0x1e, 220));
            draw_ring(app, xy, 2, 3.0f, tone);
            gfx_ellipse(app, ex, ey, 5, 5, tone, tone);
        }
    }
    gfx_round_rect(app, r, h / 2, gfx_rgba(0x0c, 0x10, 0x1e, 235));
    gfx_round_outline(app, r, h / 2, 3, tone);
    gfx_text_in(app, FONT_BOLD, size, r, ALIGN_CENTER, p->text, text);
    return r;
}

/* The answer on the figure. With the band on the body, the right place (and the named mistake the band
 * hit) is shown on the band's side only, so the two can be compared where they are; the target keeps an
 * outline around the band that covers it, and short labels say which is which. Without a band (classroom
 * view, "It can't be wrapped" answered) the target is shown on both sides. */
static void draw_answer_figure(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    LRect fr = fig_rect();
    LRect bounds = {fr.x - 24, fr.y, fr.w + 48, fr.h};
    bool band = st->band_on && !(st->classroom && q->cannot_wrap) && (st->view == st->answer.view || st->classroom);
    float size = st->classroom ? 30 : 26;
    SDL_Color good = p->good, bad = p->bad, band_tone = gfx_rgba(0x5c, 0xb8, 0xf0, 255);
    st->tag_band = st->tag_zone = (LRect){0, 0, 0, 0};
    st->tag_zone_fx = -1;
    /* fills first, under the band */
    for (int z = 0; z < q->nzones; z++)
        if (q->zones[z].view == st->view)
            draw_shape(app, &q->zones[z], band ? shape_side_near(&q->zones[z], st->bx) : -1,
                       gfx_rgba(good.r, good.g, good.b, 190), gfx_rgba(good.r, good.g, good.b, 120));
    int m = st->verdict.mistake;
    bool show_mistake = band && m >= 0 && q->mistakes[m].shape.view == st->view;
    if (show_mistake)
        draw_shape(app, &q->mistakes[m].shape, shape_side_near(&q->mistakes[m].shape, st->bx),
                   gfx_rgba(bad.r, bad.g, bad.b, 170), gfx_rgba(bad.r, bad.g, bad.b, 110));
    if (band)
        draw_band_on(app, st->bx, st->by, false);
    /* outlines over the band, and which target gets the label: the one nearest the band */
    int label_z = -1, label_side = 0;
    float best = 1e9f, top = 1e9f; /* the top of the marks on the band's side */
    for (int z = 0; z < q->nzones; z++) {
        const Shape *sh = &q->zones[z];
        if (sh->view != st->view)
            continue;
        for (int side = 0; side < (sh->mirror ? 2 : 1); side++) {
            if (band && side != shape_side_near(sh, st->bx))
                continue;
            shape_ring(app, sh, side, good);
            float xy[2 * RING_MAX], ox, oy, orx, ory;
            shape_outline(sh, side, xy, &ox, &oy, &orx, &ory);
            top = fminf(top, oy - ory);
            float cx, cy;
            shape_center(sh, &cx, &cy);
            if (side)
                cx = 1.0f - cx;
            float d = band ? fabsf(cx - st->bx) + fabsf(cy - st->by) : cx; /* no band: the image's left copy */
            if (d < best) {
                best = d;
                label_z = z;
                label_side = side;
            }
        }
    }
    if (show_mistake)
        shape_ring(app, &q->mistakes[m].shape, shape_side_near(&q->mistakes[m].shape, st->bx), bad);
    /* the labels: a wrong band's towards the middle of the body, the target's (or a right band's) outwards,
     * or above the spot where the figure's panel leaves no room beside it */
    float bax = 0, bay = 0, brx = 0, bry = 0;
    if (band) {
        quiz_figure_point(st->bx, st->by, &bax, &bay);
        brx = (figure_limb_width(st->bx, st->by) * FIG_W + 14) / 2;
        bry = BAND_H / 2 + 4;
    }
    int inward = st->bx < 0.5f ? 1 : -1;
    if (band && st->verdict.correct) { /* (the classroom view's reveal puts the band on the answer) */
        st->tag_band = draw_tag(app, bax, bay, brx, bry, -inward, bounds, top, size, good,
                                st->classroom ? "the band goes here" : "your band: right place",
                                st->tag_zone);
        if (label_z >= 0) {
            float cx, cy;
            shape_center(&q->zones[label_z], &cx, &cy);
            st->tag_zone_fx = label_side ? 1.0f - cx : cx;
        }
        return;
    }
    if (band)
        st->tag_band = draw_tag(app, bax, bay, brx, bry, inward, bounds, top, size, show_mistake ? bad : band_tone,
                                "your band", st->tag_zone);
    if (label_z >= 0) {
        float xy[2 * RING_MAX], cx, cy, rx, ry;
        shape_outline(&q->zones[label_z], label_side, xy, &cx, &cy, &rx, &ry);
        int out = (cx - FIG_X) / FIG_W < 0.5f ? -1 : 1;
        st->tag_zone = draw_tag(app, cx, cy, rx, ry, out, bounds, cy - ry, size, good, "right place", st->tag_band);
        st->tag_zone_fx = (cx - FIG_X) / FIG_W;
        if (!band && q->zones[label_z].mirror) { /* both sides shown: both labelled */
            shape_outline(&q->zones[label_z], 1 - label_side, xy, &cx, &cy, &rx, &ry);
            draw_tag(app, cx, cy, rx, ry, -out, bounds, cy - ry, size, good, "right place", st->tag_zone);
        }
    }
}

static void draw_top(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    float lw = app->frame.lw;
    char buf[200];
    snprintf(buf, sizeof buf, "%d. %s%s", st->level + 1, lvl(st)->title, st->classroom ? "  \xC2\xB7  classroom" : "");
    gfx_text(app, FONT_BOLD, 38, 80, 36, ALIGN_LEFT, p->text_dim, buf);
    snprintf(buf, sizeof buf, "Question %d of %d", st->run.index + 1, lvl(st)->nquestions);
    float right = lw - 80;
    if (st->classroom && st->phase == PH_ASK) {
        /* the countdown, big enough for the back of the room */
        double frac = ceil(fmax(st->countdown, 0.0)) / (q->seconds > 0 ? q->seconds : 1); /* steps each second */
        LRect bar = {0, 0, lw * (float)fmax(frac, 0.0), 12};
        gfx_rect(app, bar, st->countdown <= 3 ? p->warn : p->accent2);
        LRect ring = {right - 130, 24, 130, 96};
        gfx_round_rect(app, ring, 48, st->countdown <= 3 ? p->warn : p->panel_hi);
        char sec[16];
        snprintf(sec, sizeof sec, "%d", (int)ceil(fmax(st->countdown, 0.0)));
        gfx_text_in(app, FONT_BOLD, 64, ring, ALIGN_CENTER, st->countdown <= 3 ? gfx_rgba(20, 24, 40, 255) : p->text,
                    sec);
        right -= 160;
    }
    gfx_text(app, FONT_REGULAR, 34, right, 44, ALIGN_RIGHT, p->text_dim, buf);
    /* progress dots: right, wrong, current, to come */
    int n = lvl(st)->nquestions;
    float dx = fminf(44.0f, (lw - 160) / (float)n);
    for (int i = 0; i < n; i++) {
        SDL_Color c = p->panel;
        if (i < st->run.index || (i == st->run.index && st->phase != PH_ASK))
            c = st->classroom ? p->accent2 : (st->run.verdicts[i].correct ? p->good : p->bad);
        else if (i == st->run.index)
            c = p->focus;
        gfx_round_rect(app, (LRect){80 + (float)i * dx, 100, dx - 10, 10}, 5, c);
    }
}

static float draw_kind(App *app, QuizState *st, float x, float y)
{
    const Question *q = cur(st);
    static const char *const names[Q_KIND_COUNT] = {
        [Q_PLACEMENT] = "Placement", [Q_TIGHTNESS] = "Tightness", [Q_CHOICE] = "Choose one",
        [Q_TRUEFALSE] = "True or false", [Q_ORDER] = "Put in order", [Q_SCENARIO] = "On the gym floor",
    };
    gfx_image(app, st->ad->kind_icon[q->kind], (LRect){x, y, 64, 64}, gfx_rgba(255, 255, 255, 255));
    float end = x + 80 + gfx_text(app, FONT_BOLD, 30, x + 80, y + 14, ALIGN_LEFT, app->pal.accent2, names[q->kind]);
    if (q->required) { /* safety items are marked before they are answered */
        const char *tag = "Safety item: must be right to pass";
        float tw = gfx_text_width(app, FONT_BOLD, 26, tag) + 36;
        LRect r = {end + 28, y + 10, tw, 46};
        gfx_round_rect(app, r, 23, gfx_rgba(0x3a, 0x2a, 0x08, 255));
        gfx_round_outline(app, r, 23, 2, app->pal.warn);
        gfx_text_in(app, FONT_BOLD, 26, (LRect){r.x - 6, r.y, r.w, r.h}, ALIGN_CENTER, app->pal.warn, tag);
    }
    return y + 84;
}

/* The verdict and explanation in a box as tall as its text (at most max_h; the text shrinks a little
 * before it would overflow). The box's top is at y, or, if `bottom` is set, its bottom is there. */
static void draw_feedback(App *app, QuizState *st, float x, float y, float w, float max_h, bool bottom,
                          const char *extra)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    bool right = st->verdict.correct, has_extra = extra && extra[0];
    float size = st->classroom ? 38 : 32, tw = w - 80, h = 0;
    for (; size >= 22; size -= 2) {
        h = 88 + gfx_text_height(app, FONT_REGULAR, size, tw, q->explain) + 28;
        if (has_extra)
            h += gfx_text_height(app, FONT_BOLD, size, tw, extra) + 12;
        if (h <= max_h)
            break;
    }
    LRect box = {x, bottom ? y - h : y, w, h};
    gfx_round_rect(app, box, 22, gfx_rgba(0x14, 0x1a, 0x30, 235));
    /* the verdict's colour, brightened enough to read as text on the dark box */
    SDL_Color tone = st->classroom ? p->accent2 : right ? p->good : p->bad;
    SDL_Color head_ink = tone;
    for (int i = 1; i <= 10 && contrast(head_ink, gfx_rgba(0x14, 0x1a, 0x30, 255)) < 4.7; i++)
        head_ink = gfx_mix(tone, p->text, 0.1f * (float)i);
    gfx_round_rect(app, (LRect){box.x, box.y, 12, box.h}, 6, tone);
    const char *head = st->classroom ? "The answer" : right ? "Right!" : "Not quite";
    gfx_text(app, FONT_BOLD, 44, box.x + 40, box.y + 22, ALIGN_LEFT, head_ink, head);
    float ty = box.y + 88;
    if (has_extra)
        ty += gfx_text_wrapped(app, FONT_BOLD, size, box.x + 40, ty, tw, p->text, extra) + 12;
    gfx_text_wrapped(app, FONT_REGULAR, size, box.x + 40, ty, tw, p->text, q->explain);
}

/* "Next" (or "Show answer" in classroom view), always bottom right. */
static void draw_next(App *app, QuizState *st)
{
    LRect r = {app->frame.lw - 80 - 360, 960, 360, 90};
    st->r_next = r;
    const char *label = st->phase == PH_ASK ? "Show answer" : st->run.index + 1 < lvl(st)->nquestions ? "Next" : "Finish";
    gfx_button(app, r, label, true, 0.0f);
}

static void draw_loose_band(App *app, QuizState *st);

static void draw_placement(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    AcademyData *ad = st->ad;
    academy_data_figures(ad, app, FIG_H * app->frame.scale);
    LRect fr = fig_rect();
    gfx_round_rect(app, (LRect){fr.x - 30, fr.y - 10, fr.w + 60, fr.h + 20}, 30, gfx_rgba(0x12, 0x17, 0x2b, 160));
    gfx_image(app, ad->figure[st->view], fr, gfx_rgba(255, 255, 255, 255));
    bool fb = st->phase == PH_FEEDBACK;
    gfx_text(app, FONT_BOLD, 28, fr.x + fr.w + 16, fr.y + 6, ALIGN_RIGHT, p->text_dim,
             st->view == VIEW_FRONT ? "FRONT" : "BACK");
    if (fb) /* where the band belongs, the band, and the named mistake if one was hit */
        draw_answer_figure(app, st);
    float x = PANEL_X, w = app->frame.lw - PANEL_X - 80;
    float y = draw_kind(app, st, x, 150);
    float k = st->classroom && !fb ? CLASS_SCALE : 1.0f;
    y += gfx_text_wrapped(app, FONT_BOLD, 44 * k, x, y, w, p->text, q->prompt) + 16;
    char muscle[AC_TITLE_MAX + 8];
    snprintf(muscle, sizeof muscle, "%s", q->muscle);
    if (muscle[0] >= 'a' && muscle[0] <= 'z')
        muscle[0] = (char)(muscle[0] - 'a' + 'A');
    gfx_text(app, FONT_BOLD, 76, x, y, ALIGN_LEFT, p->accent2, muscle);
    y += 110;

    if (fb) {
        char extra[AC_OPTION_MAX + 80] = "";
        if (!st->classroom && st->answer.nowhere && !q->cannot_wrap)
            snprintf(extra, sizeof extra, "This one can be wrapped: the green area shows where.");
        else if (!st->classroom && !st->verdict.correct && st->verdict.mistake >= 0)
            snprintf(extra, sizeof extra, "%s", q->mistakes[st->verdict.mistake].why);
        else if (!st->classroom && !st->verdict.correct && q->cannot_wrap)
            snprintf(extra, sizeof extra, "No band belongs here: the right answer was \"It can't be wrapped\".");
        else if (q->cannot_wrap)
            snprintf(extra, sizeof extra, "It can't be wrapped.");
        if (q->cannot_wrap && (st->verdict.correct || st->classroom)) {
            LRect stamp = {fr.x + 20, fr.y + fr.h * 0.4f, fr.w - 40, 110};
            gfx_round_rect(app, stamp, 20, gfx_rgba(p->bad.r, p->bad.g, p->bad.b, 235));
            gfx_text_in(app, FONT_BOLD, 40, stamp, ALIGN_CENTER, p->text, "Can't be wrapped");
        }
        draw_feedback(app, st, x, y, w, 940 - y, false, extra);
        draw_next(app, st);
        return;
    }
    if (st->classroom) {
        gfx_text_wrapped(app, FONT_REGULAR, 36, x, y + 20, w, p->text_dim,
                         "Where does the band go? Point at the figure, or say why it can't be done.");
        draw_next(app, st);
        return;
    }
    /* the tray the band starts in */
    const char *tray_label = "The band: drag it onto the body";
    float label_w = gfx_text_width(app, FONT_REGULAR, 28, tray_label);
    st->r_tray = (LRect){x, y, fminf(fmaxf(380.0f, label_w + 48), w), 140};
    gfx_round_rect(app, st->r_tray, 20, p->panel);
    gfx_text(app, FONT_REGULAR, fit_size(app, FONT_REGULAR, 28, st->r_tray.w - 48, tray_label), x + 24, y + 14,
             ALIGN_LEFT, p->text_dim, tray_label);
    float hint_y = y + 160;
    gfx_text_wrapped(app, FONT_REGULAR, 28, x, hint_y, w, p->text_dim,
                     "Mouse: drag and drop.  Keys or clicker: arrows or Page Up/Down jump the band from spot to "
                     "spot, Enter checks.");
    float bw = (w - 24) / 2;
    st->r_flip = (LRect){x, 760, bw, 84};
    st->r_nowhere = (LRect){x + bw + 24, 760, bw, 84};
    st->r_check = (LRect){x, 866, w, 90};
    gfx_button(app, st->r_flip, st->view == VIEW_FRONT ? "Show the back (Tab)" : "Show the front (Tab)", false, 0);
    gfx_button(app, st->r_nowhere, "It can't be wrapped (N)", false, 0);
    gfx_button(app, st->r_check, "Check (Enter)", st->band_on, 0);
    if (!st->band_over)
        draw_loose_band(app, st);
}

/* The band while it is being placed: on the figure, in the tray, or under the pointer. */
static void draw_loose_band(App *app, QuizState *st)
{
    if (st->band_on) {
        draw_band_on(app, st->bx, st->by, st->dragging);
    } else {
        float cx = st->r_tray.x + st->r_tray.w / 2, cy = st->r_tray.y + st->r_tray.h / 2 + 18;
        if (st->dragging) {
            cx = app->mouse_lx;
            cy = app->mouse_ly;
        }
        draw_band(app, cx, cy, 0.0f, BAND_W, st->dragging);
    }
}

static void draw_tightness(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    float lw = app->frame.lw, x = 80, w = lw - 160;
    float y = draw_kind(app, st, x, 150);
    bool fb = st->phase == PH_FEEDBACK;
    y += gfx_text_wrapped(app, FONT_BOLD, st->classroom && !fb ? 46 * CLASS_SCALE : 46, x, y, w, p->text, q->prompt);
    int shown = fb ? st->answer.value : st->slider;
    st->r_slider = (LRect){200, 520, lw - 400, 26};
    LRect tr = st->r_slider;
    /* the track shades from loose (cool) to tight (hot) */
    for (int i = 0; i < 10; i++) {
        float t = (float)i / 9.0f;
        SDL_Color c = gfx_mix(gfx_rgba(0x3b, 0x6e, 0xa8, 255), gfx_rgba(0xd8, 0x4a, 0x4a, 255), t);
        gfx_rect(app, (LRect){tr.x + tr.w * (float)i / 10, tr.y, tr.w / 10 + 1, tr.h}, c);
    }
    if (fb) { /* what counts as right */
        float a0 = tr.x + tr.w * ((float)q->accept_lo - 0.4f) / 10, a1 = tr.x + tr.w * ((float)q->accept_hi + 0.4f) / 10;
        gfx_round_rect(app, (LRect){a0, tr.y - 26, a1 - a0, tr.h + 52}, 14,
                       gfx_rgba(p->good.r, p->good.g, p->good.b, 150));
        float bx = tr.x + tr.w * (float)q->best / 10;
        gfx_text(app, FONT_BOLD, 28, bx, tr.y + 40, ALIGN_CENTER, p->good, "best");
    }
    for (int v = 0; v <= 10; v++) {
        char num[8];
        snprintf(num, sizeof num, "%d", v);
        float vx = tr.x + tr.w * (float)v / 10;
        gfx_rect(app, (LRect){vx - 1.5f, tr.y + tr.h, 3, 14}, p->text_dim);
        bool chosen = v == shown && !(st->classroom && !fb); /* the room has not chosen anything */
        gfx_text(app, chosen ? FONT_BOLD : FONT_REGULAR, 34, vx, tr.y + (fb ? 76 : 46), ALIGN_CENTER,
                 chosen ? p->text : p->text_dim, num);
    }
    gfx_text(app, FONT_REGULAR, 28, tr.x, tr.y - 70, ALIGN_LEFT, p->text_dim, "0: no squeeze at all");
    gfx_text(app, FONT_REGULAR, 28, tr.x + tr.w, tr.y - 70, ALIGN_RIGHT, p->text_dim, "10: as tight as you can pull");
    if (!(st->classroom && !fb)) {
        float kx = tr.x + tr.w * (float)shown / 10, ky = tr.y + tr.h / 2;
        gfx_ellipse(app, kx, ky, 36, 36, p->text, p->focus);
        char val[16];
        snprintf(val, sizeof val, "%d", shown);
        gfx_text_in(app, FONT_BOLD, 38, (LRect){kx - 36, ky - 36, 72, 72}, ALIGN_CENTER, gfx_rgba(20, 24, 40, 255), val);
    }
    if (fb) {
        /* what too loose and too tight mean, each under its end of the scale */
        float cw = (w - 40) / 2;
        gfx_text_wrapped(app, FONT_REGULAR, 30, x, 650, cw, p->text, q->too_loose);
        gfx_text_wrapped(app, FONT_REGULAR, 30, x + cw + 40, 650, cw, p->text, q->too_tight);
        char extra[64] = "";
        if (!st->classroom && !st->verdict.correct)
            snprintf(extra, sizeof extra, "You chose %d; %d to %d counts.", st->answer.value, q->accept_lo,
                     q->accept_hi);
        draw_feedback(app, st, x, 780, w - 400, CONTENT_BOTTOM - 780, false, extra);
        draw_next(app, st);
        return;
    }
    if (st->classroom) {
        draw_next(app, st);
        return;
    }
    gfx_text(app, FONT_REGULAR, 30, x, 700, ALIGN_LEFT, p->text_dim,
             "Left/Right or drag the knob to set it, then Enter or Check.");
    st->r_check = (LRect){lw - 80 - 420, 940, 420, 96};
    gfx_button(app, st->r_check, "Check (Enter)", true, 0);
}

static void draw_options(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    float lw = app->frame.lw, x = 80, w = lw - 160;
    float y = draw_kind(app, st, x, 150);
    bool fb = st->phase == PH_FEEDBACK;
    /* classroom view: the question big enough for the back of the room while it is asked */
    float k = st->classroom && !fb ? CLASS_SCALE : 1.0f;
    if (q->kind == Q_SCENARIO) {
        float cs = 36 * (st->classroom ? 1.15f : 1.0f);
        LRect card = {x, y, w, gfx_text_height(app, FONT_REGULAR, cs, w - 80, q->scenario) + 52};
        gfx_round_rect(app, card, 22, gfx_rgba(0xf4, 0xf6, 0xfb, 255));
        gfx_text_wrapped(app, FONT_REGULAR, cs, x + 40, y + 26, w - 80, gfx_rgba(0x1a, 0x20, 0x36, 255), q->scenario);
        y += card.h + 24;
    }
    y += gfx_text_wrapped(app, FONT_BOLD, 44 * k, x, y, w, p->text, q->prompt) + 24;
    int n = item_count(st);
    st->nitems = n;
    bool tf = q->kind == Q_TRUEFALSE;
    float base_h = tf ? 170 : (q->kind == Q_SCENARIO ? 76 : 84), gap = tf ? 0 : 12;
    if (!tf && st->classroom && !fb) { /* big rows, but all of them above the Show answer button */
        float room = 945 - y - (float)n * gap;
        if (base_h * k * (float)n > room)
            k = fmaxf(1.0f, room / ((float)n * base_h));
    }
    float oh = base_h * (tf ? 1.0f : k);
    for (int i = 0; i < n; i++) {
        LRect r = tf ? (LRect){x + (float)i * (w / 2 + 12), y, w / 2 - 12, oh} : (LRect){x, y + (float)i * (oh + gap), w, oh};
        st->r_items[i] = r;
        int value = st->perm[i];
        const char *label = tf ? (value ? "True" : "False") : q->options[value];
        bool focus = !st->classroom && st->focus == i && !fb;
        /* focus is a bright outline on a lighter card, never the red accent: red means "wrong" here */
        RowTone tone = focus ? ROW_FOCUS : ROW_PLAIN;
        const char *tag = NULL;
        if (fb && value == q->answer) {
            tone = st->classroom ? ROW_REVEALED : ROW_RIGHT;
            tag = st->classroom ? NULL : "right answer";
        } else if (fb && value == st->answer.value && !st->verdict.correct) {
            tone = ROW_WRONG;
            tag = "your answer";
        }
        draw_row(app, r, 18, tone);
        SDL_Color fill, ink, edge;
        quiz_row_colors(p, tone, &fill, &ink, &edge);
        float tag_w = tag ? gfx_text_width(app, FONT_BOLD, 26, tag) + 36 : 0;
        if (tag)
            gfx_text_in(app, FONT_BOLD, 26, (LRect){r.x + r.w - tag_w - 12, r.y, tag_w, r.h}, ALIGN_RIGHT, ink, tag);
        char letter[4] = {(char)(tf ? (value ? 'T' : 'F') : 'A' + i), '\0'};
        if (tf) {
            gfx_text_in(app, FONT_BOLD, 64, r, ALIGN_CENTER, ink, label);
            if (!st->classroom)
                gfx_text_in(app, FONT_BOLD, 30, (LRect){r.x + 8, r.y + 8, 60, 50}, ALIGN_LEFT, ink, letter);
        } else {
            float fs = 33 * k, tw = r.w - 96 - tag_w;
            gfx_text_in(app, FONT_BOLD, 34 * k, (LRect){r.x + 24, r.y, 40 * k, r.h}, ALIGN_LEFT, ink, letter);
            FontStyle st_font = focus ? FONT_BOLD : FONT_REGULAR;
            gfx_text_in(app, st_font, fit_size(app, st_font, fs, tw - 24, label), (LRect){r.x + 40 + 32 * k, r.y, tw, r.h},
                        ALIGN_LEFT, ink, label);
        }
    }
    float bottom = tf ? y + oh + 30 : y + (float)n * (oh + gap) + 14;
    if (fb) {
        char extra[AC_OPTION_MAX + 40] = "";
        int slot = 0;
        for (int i = 0; i < n; i++)
            if (st->perm[i] == q->answer)
                slot = i;
        if (!st->classroom && !st->verdict.correct && !tf)
            snprintf(extra, sizeof extra, "Answer: %c. %s", 'A' + slot, q->options[q->answer]);
        draw_feedback(app, st, x, bottom, w - 400, CONTENT_BOTTOM - bottom, false, extra);
        draw_next(app, st);
    } else if (st->classroom) {
        draw_next(app, st);
    } else {
        gfx_text(app, FONT_REGULAR, 28, x, 1000, ALIGN_LEFT, p->text_dim,
                 tf ? "T or F: answer     Left/Right and Enter     Mouse: click" :
                      "A to D: answer     Up/Down and Enter     Mouse: click");
    }
}

static void draw_order(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    const Question *q = cur(st);
    float lw = app->frame.lw, x = 80, w = lw - 160;
    float y = draw_kind(app, st, x, 150);
    bool fb = st->phase == PH_FEEDBACK;
    float k = st->classroom && !fb ? CLASS_SCALE : 1.0f;
    y += gfx_text_wrapped(app, FONT_BOLD, 44 * k, x, y, w, p->text, q->prompt) + 20;
    int n = q->nsteps;
    float oh = (n > 5 ? 64 : 76) * (k > 1 ? 1.2f : 1.0f), gap = 10;
    float lw_list = fb ? w * 0.56f : w;
    st->nitems = n + 1;
    for (int i = 0; i < n; i++) {
        LRect r = {x, y + (float)i * (oh + gap), lw_list, oh};
        st->r_items[i] = r;
        int step = fb && st->classroom ? i : st->order[i];
        bool focus = !fb && !st->classroom && st->focus == i, held = st->held == i;
        RowTone tone = held ? ROW_HELD : focus ? ROW_FOCUS : ROW_PLAIN;
        if (fb && !st->classroom)
            tone = st->order[i] == i ? ROW_RIGHT : ROW_WRONG;
        if (held)
            r.x += 24;
        draw_row(app, r, 16, tone);
        SDL_Color fill, ink, edge;
        quiz_row_colors(p, tone, &fill, &ink, &edge);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        float fs = st->classroom && !fb ? 30 * CLASS_SCALE : 30;
        gfx_text_in(app, FONT_BOLD, 34, (LRect){r.x + 20, r.y, 48, r.h}, ALIGN_CENTER, ink, num);
        gfx_text_in(app, FONT_REGULAR, fit_size(app, FONT_REGULAR, fs, r.w - 148, q->steps[step]),
                    (LRect){r.x + 84, r.y, r.w - 100, r.h}, ALIGN_LEFT, ink, q->steps[step]);
    }
    float after = y + (float)n * (oh + gap);
    if (fb) {
        /* the right order beside the player's */
        float rx = x + lw_list + 30, rw = w - lw_list - 30;
        if (!st->classroom) {
            gfx_text(app, FONT_BOLD, 30, rx, y - 4, ALIGN_LEFT, p->text_dim, "The right order:");
            float ry = y + 40;
            for (int i = 0; i < n; i++) {
                char line[AC_OPTION_MAX + 16];
                snprintf(line, sizeof line, "%d. %s", i + 1, q->steps[i]);
                ry += gfx_text_wrapped(app, FONT_REGULAR, 26, rx, ry, rw, p->text, line) + 6;
            }
        }
        char extra[80] = "";
        if (!st->classroom && !st->verdict.correct)
            snprintf(extra, sizeof extra, "%d of %d steps in the right place.", st->verdict.in_place, n);
        draw_feedback(app, st, x, after + 6, w - 400, CONTENT_BOTTOM - after - 6, false, extra);
        draw_next(app, st);
        return;
    }
    if (st->classroom) {
        draw_next(app, st);
        return;
    }
    st->r_items[n] = (LRect){lw - 80 - 420, 950, 420, 90};
    gfx_button(app, st->r_items[n], "Check order", st->focus == n, 0);
    gfx_text(app, FONT_REGULAR, 28, x, 990, ALIGN_LEFT, p->text_dim,
             st->held >= 0 ? "Up/Down: move the step     Enter: put it down"
                           : "Enter: pick up a step, move it, Enter again     Mouse: drag the steps");
}

static void draw_results(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    AcademyData *ad = st->ad;
    const Level *lv = lvl(st);
    float lw = app->frame.lw;
    LRect panel = {lw / 2 - 680, 170, 1360, 820};
    gfx_round_rect(app, panel, 30, gfx_rgba(0x14, 0x1a, 0x30, 240));
    float cx = lw / 2;
    gfx_text(app, FONT_BOLD, 56, cx, panel.y + 40, ALIGN_CENTER, p->text, lv->title);
    if (st->classroom) {
        char line[120];
        snprintf(line, sizeof line, "All %d questions shown.", lv->nquestions);
        gfx_text(app, FONT_REGULAR, 44, cx, panel.y + 220, ALIGN_CENTER, p->text, line);
        gfx_text(app, FONT_REGULAR, 32, cx, panel.y + 300, ALIGN_CENTER, p->text_dim,
                 room_ui_on(app) ? "Each phone's answers count as that student's attempt."
                                 : "Classroom runs are not scored. Students play the level in the student view to earn stars.");
    } else {
        char pct[32], line[AC_TEXT_MAX + 120];
        snprintf(pct, sizeof pct, "%d %%", st->percent);
        SDL_Color verdict = st->stars ? p->good : p->bad;
        gfx_text(app, FONT_BOLD, 120, cx - 40, panel.y + 110, ALIGN_RIGHT, verdict, pct);
        snprintf(line, sizeof line, "%d of %d right", quiz_right_count(&st->run), lv->nquestions);
        gfx_text(app, FONT_BOLD, 44, cx + 10, panel.y + 140, ALIGN_LEFT, p->text, line);
        /* stars arrive one by one */
        int shown = st->stars;
        if (!app->settings.reduced_motion)
            shown = (int)fmin(st->stars, floor(st->phase_time / 0.35));
        academy_draw_stars(app, ad, cx + 10, panel.y + 200, 64, shown);
        /* what each star takes */
        snprintf(line, sizeof line, "One star: %d %%     Two: %d %%     Three: all right (100 %%)%s",
                 level_star_percent(lv, 1), level_star_percent(lv, 2),
                 level_required_count(lv) ? "     Required items must all be right" : "");
        gfx_text(app, FONT_REGULAR, 30, cx, panel.y + 300, ALIGN_CENTER, p->text_dim, line);
        int missed[AC_MAX_QUESTIONS];
        int nmissed = quiz_missed_required(&st->run, missed, AC_MAX_QUESTIONS);
        if (st->stars > 0)
            snprintf(line, sizeof line, "Passed.%s", st->percent > st->prev_percent && st->prev_percent >= 0 ? "  New best!" : "");
        else if (nmissed > 0)
            snprintf(line, sizeof line, "Not passed: a required safety item was wrong.");
        else
            snprintf(line, sizeof line, "Not passed yet: the pass mark is %d %%. Read the explanations and try again.",
                     lv->pass_percent);
        gfx_text(app, FONT_BOLD, 38, cx, panel.y + 360, ALIGN_CENTER, p->text, line);
        float y = panel.y + 420;
        if (nmissed > 0) {
            const Question *mq = &lv->questions[missed[0]];
            char more[48] = "";
            if (nmissed > 1)
                snprintf(more, sizeof more, " (and %d more)", nmissed - 1);
            snprintf(line, sizeof line, "Required item missed: question %d%s", missed[0] + 1, more);
            gfx_text(app, FONT_BOLD, 34, cx, y, ALIGN_CENTER, p->warn, line);
            y += 50;
            if (mq->kind == Q_PLACEMENT)
                snprintf(line, sizeof line, "Where the band goes for the %s", mq->muscle);
            else
                snprintf(line, sizeof line, "\u201c%s\u201d", mq->prompt);
            float tw = panel.w - 140;
            if (gfx_text_width(app, FONT_REGULAR, 30, line) <= tw) {
                gfx_text(app, FONT_REGULAR, 30, cx, y, ALIGN_CENTER, p->text, line);
                y += 44;
            } else {
                y += gfx_text_wrapped(app, FONT_REGULAR, 30, panel.x + 70, y, tw, p->text, line);
            }
            y += 14;
        }
        if (st->unlocked_next) {
            snprintf(line, sizeof line, "Unlocked: %s", ad->set.levels[st->level + 1].title);
            gfx_text(app, FONT_BOLD, 36, cx, y, ALIGN_CENTER, p->accent2, line);
            y += 56;
        } else if (lv->exam && st->stars > 0) {
            gfx_text(app, FONT_BOLD, 36, cx, y, ALIGN_CENTER, p->accent2,
                     "Academy complete: you know where the band goes.");
            y += 56;
        }
        gfx_text(app, FONT_REGULAR, 30, cx, y, ALIGN_CENTER, p->text_dim, st->save_msg);
    }
    const char *labels[RES_COUNT] = {"Try again", "Next level", "All levels"};
    for (int i = 0; i < RES_COUNT; i++) {
        LRect r = {lw / 2 - 510 + (float)i * 350, panel.y + panel.h - 140, 320, 90};
        st->r_res[i] = r;
        gfx_button(app, r, labels[i], st->res_focus == i, 0.0f);
    }
}

static void draw_confirm(App *app, QuizState *st)
{
    const Palette *p = &app->pal;
    gfx_rect(app, (LRect){0, 0, app->frame.lw, app->frame.lh}, gfx_rgba(8, 10, 20, 200));
    float w = 980, h = 420, x = (app->frame.lw - w) / 2, y = (app->frame.lh - h) / 2;
    LRect box = {x, y, w, h};
    gfx_round_rect(app, box, 28, p->bg_top);
    gfx_round_outline(app, box, 28, 3, p->panel_hi);
    gfx_text(app, FONT_BOLD, 52, x + w / 2, y + 44, ALIGN_CENTER, p->text, "Leave this level?");
    char line[160];
    int done = st->run.index + (st->run.answered ? 1 : 0);
    if (st->classroom)
        snprintf(line, sizeof line, "The room goes back to the list of levels.");
    else if (done == 0)
        snprintf(line, sizeof line, "Nothing has been answered yet; the level starts again next time.");
    else
        snprintf(line, sizeof line, "Your %d answer%s so far will not be scored.", done, done == 1 ? "" : "s");
    gfx_text_wrapped(app, FONT_REGULAR, 34, x + 60, y + 130, w - 120, p->text_dim, line);
    static const char *const labels[2] = {"Stay (Esc)", "Leave"};
    for (int i = 0; i < 2; i++) {
        st->r_confirm[i] = (LRect){x + 60 + (float)i * ((w - 150) / 2 + 30), y + h - 150, (w - 150) / 2, 90};
        gfx_button(app, st->r_confirm[i], labels[i], st->confirm_focus == i, 0.0f);
    }
}

static void quiz_draw_screen(App *app, QuizState *st)
{
    gfx_backdrop(app);
    if (st->phase == PH_RESULTS) {
        draw_results(app, st);
        return;
    }
    draw_top(app, st);
    switch (cur(st)->kind) {
    case Q_PLACEMENT:
        draw_placement(app, st);
        break;
    case Q_TIGHTNESS:
        draw_tightness(app, st);
        break;
    case Q_ORDER:
        draw_order(app, st);
        break;
    default:
        draw_options(app, st);
        break;
    }
}

uint64_t quiz_current_seed(const Scene *s)
{
    if (!s || s->action != quiz_action || !s->state)
        return 0;
    return ((const QuizState *)s->state)->seed;
}

bool quiz_probe_answer_tags(const Scene *s, LRect *band_tag, LRect *zone_tag, float *zone_fx)
{
    if (!s || s->action != quiz_action || !s->state)
        return false;
    const QuizState *st = s->state;
    *band_tag = st->tag_band;
    *zone_tag = st->tag_zone;
    *zone_fx = st->tag_zone_fx;
    return true;
}

bool quiz_probe_band(const Scene *s, float *x, float *y, FigureView *view)
{
    if (!s || s->action != quiz_action || !s->state)
        return false;
    const QuizState *st = s->state;
    *x = st->bx;
    *y = st->by;
    *view = st->view;
    return st->band_on;
}

static void quiz_paint(App *app, void *ctx)
{
    quiz_draw_screen(app, ctx);
}

/* The quiz layer's key: everything quiz_draw_screen shows. Each change to the state (a key, a click, the
 * countdown's next second, the next star) paints the layer once; frames in between only copy it. */
static Uint32 quiz_key(App *app, const QuizState *st)
{
    QuizState k;
    memcpy(&k, st, offsetof(QuizState, confirm)); /* what is answered, chosen and focused */
    k.phase_time = 0; /* time shows only through the countdown's seconds and the stars, below */
    k.countdown = 0;
    k.last_beep = 0;
    if (st->band_over) /* drawn over the layer */
        k.bx = k.by = 0;
    Uint32 h = academy_hash_frame(ACADEMY_HASH_START ^ 'Q', app);
    h = academy_hash(h, &k, offsetof(QuizState, confirm));
    int shown = st->stars;
    if (!app->settings.reduced_motion)
        shown = (int)fmin(st->stars, floor(st->phase_time / 0.35));
    int parts[] = {st->band_over, room_ui_on(app), st->phase == PH_RESULTS ? shown : -1,
                   st->classroom && st->phase == PH_ASK ? (int)ceil(fmax(st->countdown, 0.0)) : -1};
    return academy_hash(h, parts, sizeof parts);
}

static void quiz_draw(Scene *s, App *app)
{
    QuizState *st = s->state;
    /* with the room on, its panel takes a strip on the right and the quiz lays out in the rest */
    float full_lw = app->frame.lw;
    bool room = st->classroom && room_ui_on(app);
    if (room)
        app->frame.lw = full_lw - ROOM_PANEL_W;
    /* the band follows the pointer while it is dragged; the rest stays still */
    st->band_over = st->dragging && st->phase == PH_ASK && cur(st)->kind == Q_PLACEMENT;
    SDL_Texture *layer = gfx_cached_layer(app, ACADEMY_LAYER_SLOT, quiz_key(app, st), app->pw, app->ph, quiz_paint, st);
    if (layer) {
        gfx_copy_layer(app, layer, NULL, NULL, true);
        if (st->band_over)
            draw_loose_band(app, st);
    } else {
        st->band_over = false;
        quiz_draw_screen(app, st);
    }
    app->frame.lw = full_lw;
    if (room)
        room_classroom_draw(app, &st->room, cur(st), st->perm, (int)st->phase, st->view);
    if (st->confirm && st->phase != PH_RESULTS)
        draw_confirm(app, st); /* over everything, the room's panel too */
}

bool quiz_probe(const Scene *s, int *level, int *question, int *phase)
{
    if (!s || s->action != quiz_action || !s->state)
        return false;
    const QuizState *st = s->state;
    *level = st->level;
    *question = st->run.index;
    *phase = (int)st->phase;
    return true;
}

static void quiz_leave(Scene *s, App *app)
{
    app_text_input(app, false);
    if (s->state && ((QuizState *)s->state)->classroom)
        room_classroom_leave(app);
    free(s->state);
    s->state = NULL;
}

Scene *scene_quiz_at(AcademyData *ad, int level, int question)
{
    if (!ad || level < 0 || level >= ad->set.count)
        return NULL;
    Scene *s = calloc(1, sizeof *s);
    QuizState *st = calloc(1, sizeof *st);
    if (!s || !st) {
        free(s);
        free(st);
        return NULL;
    }
    st->ad = ad;
    st->classroom = ad->classroom;
    room_classroom_init(&st->room);
    restart(st, level);
    /* skip ahead (the skipped questions count as unanswered) */
    while (st->run.index < question && st->run.index + 1 < st->run.level->nquestions) {
        st->run.index++;
        reset_question(st);
    }
    *s = (Scene){.name = "quiz",
                 .state = st,
                 .leave = quiz_leave,
                 .action = quiz_action,
                 .pointer = quiz_pointer,
                 .press = quiz_press,
                 .text = quiz_text,
                 .update = quiz_update,
                 .draw = quiz_draw};
    return s;
}

Scene *scene_quiz(AcademyData *ad, int level)
{
    return scene_quiz_at(ad, level, 0);
}
