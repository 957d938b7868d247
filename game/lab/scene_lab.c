/* The Muscle Lab: the limb under the learner's wrap, drawn live from the occlusion model, with its gauges,
 * fibre panel, captions and controls; a with/without-wrap pair side by side; a debrief chart after the run.
 * The run itself (model instances, demo script, events) is src/lab.c; this file only shows it. */
#include "scene_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx.h"
#include "lab.h"
#include "muscle_view.h"
#include "oc_util.h"
#include "ui_text.h"

#define VIEW_BG gfx_rgba(0x12, 0x18, 0x2c, 255) /* the views' box: the muscle pictures sit on it */
#define CAPTION_SECONDS 8.0 /* real seconds a caption stays up */
#define CLOCK_STRIP_W 320.0f /* the header's right end, repainted with the clock */
#define ATTRACT_RESTART 12.0 /* real seconds the debrief stays before the attract loop starts again */

/* What the learner can pick at the top: the five parts, and three places that are refused. */
enum { PICK_PARTS = BODY_PART_COUNT, PICK_COUNT = BODY_PART_COUNT + LAB_SITE_COUNT };

typedef enum Ctl {
    CTL_REP, CTL_AUTO, CTL_REST, CTL_WRAP, CTL_TIGHT, CTL_MMHG, CTL_AOP, CTL_WIDTH, CTL_ADV, CTL_LOAD,
    CTL_SPEED, CTL_PAUSE, CTL_VIEW, CTL_PART, CTL_DEBRIEF, CTL_COUNT
} Ctl;

/* How a scene made by scene_lab_demo starts (rides in Scene.state until enter). */
typedef struct LabPreset {
    bool attract;
    bool demo;
    BodyPart part;
    bool side;
    double at;
} LabPreset;

typedef struct LabScene {
    Lab *lab;
    MuscleView *view[2];
    bool side, debrief, attract;
    int pick;                /* 0..PICK_COUNT-1: the part shown (or the refused place being explained) */
    int refusal;             /* LabSite being explained, -1 none */
    Ctl ctl[CTL_COUNT];
    LRect ctl_rect[CTL_COUNT];
    int nctl, focus;
    LRect pick_rect[PICK_COUNT];
    int shown_captions;      /* captions already announced */
    char caption[200];
    bool caption_warn;
    double caption_until;    /* app time */
    double done_at;          /* app time the debrief appeared (attract loop) */
    double now;
    /* what the panels show, refreshed a few times a second (numbers that change every frame cannot be read
     * anyway) so the whole still picture, panels included, is one cached layer */
    ModelOut shown;
    int shown_left;
    SDL_Texture *layer;
    int lw, lh;
    Uint32 skey, rkey[3]; /* static_key, region_keys (panel, caption, controls) */
    double shown_t, shown_at;
} LabScene;

#define SHOWN_EVERY 0.5 /* real seconds between panel refreshes */

/* Whole seconds of a model time for a m:ss clock. The model counts 0.01 s steps, so 60 s arrives as
 * 59.99999...: truncating that would show 0:59. */
static int whole_seconds(double t)
{
    return t > 0.0 ? (int)floor(t + 1e-6) : 0;
}

static void take_shown(LabScene *st)
{
    st->shown = *lab_out(st->lab, LAB_WITH);
    st->shown_left = lab_reps_left(st->lab);
    st->shown_t = lab_time(st->lab);
    st->shown_at = st->now;
}

/* ---------------- controls ---------------- */

static void build_controls(LabScene *st)
{
    int n = 0;
    static const Ctl base[] = {CTL_REP, CTL_AUTO, CTL_REST, CTL_WRAP};
    for (size_t i = 0; i < OC_ARRAY_LEN(base); i++)
        st->ctl[n++] = base[i];
    if (st->lab->advanced) {
        st->ctl[n++] = CTL_MMHG;
        st->ctl[n++] = CTL_AOP;
        st->ctl[n++] = CTL_WIDTH;
    } else {
        st->ctl[n++] = CTL_TIGHT;
    }
    static const Ctl rest[] = {CTL_ADV, CTL_LOAD, CTL_SPEED, CTL_PAUSE, CTL_VIEW, CTL_PART, CTL_DEBRIEF};
    for (size_t i = 0; i < OC_ARRAY_LEN(rest); i++)
        st->ctl[n++] = rest[i];
    st->nctl = n;
    if (st->focus >= n)
        st->focus = n - 1;
}

static bool ctl_is_value(Ctl c)
{
    return c == CTL_TIGHT || c == CTL_MMHG || c == CTL_AOP || c == CTL_WIDTH || c == CTL_LOAD || c == CTL_SPEED ||
           c == CTL_PART;
}

static void ctl_text(const LabScene *st, Ctl c, char *top, size_t tn, char *val, size_t vn)
{
    const Lab *lab = st->lab;
    val[0] = '\0';
    switch (c) {
    case CTL_REP:
        snprintf(top, tn, "Rep");
        snprintf(val, vn, "Space");
        break;
    case CTL_AUTO:
        snprintf(top, tn, "Auto reps");
        snprintf(val, vn, "%s", lab->auto_cadence ? "on" : "off");
        break;
    case CTL_REST:
        snprintf(top, tn, "Rest");
        break;
    case CTL_WRAP:
        snprintf(top, tn, "%s", lab->wrap_on ? "Wrap off" : "Wrap on");
        snprintf(val, vn, "%s", lab->wrap_on ? "now on" : "now off");
        break;
    case CTL_TIGHT:
        snprintf(top, tn, "Tightness");
        snprintf(val, vn, "%.0f / 10", lab->tightness);
        break;
    case CTL_MMHG:
        snprintf(top, tn, "Cuff");
        snprintf(val, vn, "%.0f mmHg", lab->pressure_mmhg);
        break;
    case CTL_AOP:
        snprintf(top, tn, "Of AOP");
        snprintf(val, vn, "%.0f %%", 100.0 * lab->pressure_mmhg / lab_aop_rest(lab));
        break;
    case CTL_WIDTH:
        snprintf(top, tn, "Cuff width");
        snprintf(val, vn, "%.0f cm", lab->cuff_width_cm);
        break;
    case CTL_ADV:
        snprintf(top, tn, "Advanced");
        snprintf(val, vn, "%s", lab->advanced ? "on" : "off");
        break;
    case CTL_LOAD:
        snprintf(top, tn, "Load");
        snprintf(val, vn, "%.0f %% 1RM", lab->load * 100.0);
        break;
    case CTL_SPEED:
        snprintf(top, tn, "Speed");
        snprintf(val, vn, "\xC3\x97%d", lab->speed);
        break;
    case CTL_PAUSE:
        snprintf(top, tn, "%s", lab->paused ? "Resume" : "Pause");
        break;
    case CTL_VIEW:
        snprintf(top, tn, "%s", st->side ? "One limb" : "Compare");
        snprintf(val, vn, "Tab");
        break;
    case CTL_PART:
        snprintf(top, tn, "Body part");
        snprintf(val, vn, "%s", st->pick < PICK_PARTS ? body_part_label((BodyPart)st->pick)
                                                       : lab_site_name((LabSite)(st->pick - PICK_PARTS)));
        break;
    case CTL_DEBRIEF:
        snprintf(top, tn, "%s", st->debrief ? "The limb" : "Debrief");
        break;
    default:
        top[0] = '\0';
    }
}

static void choose(LabScene *st, App *app, int pick)
{
    pick = (pick % PICK_COUNT + PICK_COUNT) % PICK_COUNT;
    st->pick = pick;
    if (pick >= PICK_PARTS) {
        st->refusal = pick - PICK_PARTS;
        app_cue(app, pick - PICK_PARTS == LAB_SITE_NECK ? CUE_ALERT : CUE_BACK);
    } else {
        st->refusal = -1;
        lab_set_part(st->lab, (BodyPart)pick);
        for (int i = 0; i < 2; i++)
            muscle_view_set_part(st->view[i], (BodyPart)pick);
        st->shown_captions = st->lab->ncaptions;
    }
    app_redraw(app);
}

static void adjust(LabScene *st, App *app, Ctl c, int dir)
{
    Lab *lab = st->lab;
    switch (c) {
    case CTL_TIGHT:
        lab_set_tightness(lab, lab->tightness + dir);
        break;
    case CTL_MMHG:
        lab_set_pressure(lab, lab->pressure_mmhg + 5.0 * dir);
        break;
    case CTL_AOP:
        lab_set_aop_percent(lab, 100.0 * lab->pressure_mmhg / lab_aop_rest(lab) + 5.0 * dir);
        break;
    case CTL_WIDTH:
        lab_set_cuff_width(lab, lab->cuff_width_cm + dir);
        st->shown_captions = lab->ncaptions;
        break;
    case CTL_LOAD:
        lab_set_load(lab, lab->load * 100.0 + 5.0 * dir);
        break;
    case CTL_SPEED:
        lab_set_speed(lab, dir > 0 ? lab->speed * 4 : lab->speed / 4);
        break;
    case CTL_PART:
        choose(st, app, st->pick + dir);
        break;
    default:
        return;
    }
    app_cue(app, CUE_MOVE);
    app_redraw(app);
}

static void activate(LabScene *st, App *app, Ctl c)
{
    Lab *lab = st->lab;
    if (st->refusal >= 0 && c != CTL_PART) { /* any other control closes the explanation */
        choose(st, app, lab->part);
        return;
    }
    switch (c) {
    case CTL_REP:
        if (lab->phase == LAB_PHASE_DONE)
            lab_init(lab, lab->part);
        lab->demo = false;
        lab_rep(lab);
        st->debrief = false;
        break;
    case CTL_AUTO:
        lab_set_auto(lab, !lab->auto_cadence);
        if (lab->auto_cadence && lab->phase != LAB_PHASE_SET)
            lab_rep(lab);
        break;
    case CTL_REST:
        lab->demo = false;
        lab_rest(lab);
        break;
    case CTL_WRAP:
        lab->demo = false;
        lab_set_wrap(lab, !lab->wrap_on);
        app_cue(app, lab->wrap_on ? CUE_WRAP_ON : CUE_WRAP_OFF);
        break;
    case CTL_ADV:
        lab_set_advanced(lab, !lab->advanced);
        build_controls(st);
        for (int i = 0; i < st->nctl; i++) /* the row changed length: stay on the button just pressed */
            if (st->ctl[i] == CTL_ADV)
                st->focus = i;
        break;
    case CTL_PAUSE:
        lab_pause(lab, !lab->paused);
        break;
    case CTL_VIEW:
        st->side = !st->side;
        break;
    case CTL_DEBRIEF:
        st->debrief = !st->debrief;
        break;
    case CTL_SPEED:
        lab_set_speed(lab, lab->speed >= 16 ? 1 : lab->speed * 4);
        break;
    case CTL_PART:
        adjust(st, app, c, 1);
        return;
    default:
        adjust(st, app, c, 1);
        return;
    }
    app_cue(app, CUE_SELECT);
    app_redraw(app);
}

/* ---------------- scene plumbing ---------------- */

static void lab_enter(Scene *s, App *app)
{
    LabPreset pre = {0};
    const GameOptions *o = &app->opt;
    if (s->state) {
        pre = *(LabPreset *)s->state;
        free(s->state);
    } else if (o->scene == SCENE_LAB) { /* --scene lab and its flags */
        pre = (LabPreset){false, o->lab_demo, o->lab_part >= 0 ? (BodyPart)o->lab_part : BODY_UPPER_ARM, o->lab_side,
                          o->lab_at};
    } else {
        pre.part = BODY_UPPER_ARM;
    }
    s->state = NULL;
    LabScene *st = calloc(1, sizeof *st);
    Lab *lab = malloc(sizeof *lab);
    s->state = st;
    if (!st || !lab) {
        free(lab);
        return;
    }
    st->lab = lab;
    st->attract = pre.attract;
    st->refusal = -1;
    if (pre.attract || pre.demo)
        lab_start_demo(lab, pre.part, pre.attract || o->scene != SCENE_LAB || o->lab_cuff);
    else
        lab_init(lab, pre.part);
    if (pre.at > 0.0)
        lab_run(lab, pre.at);
    st->side = pre.side;
    st->pick = (int)pre.part;
    for (int i = 0; i < 2; i++) {
        st->view[i] = muscle_view_create(app, pre.part);
        if (st->view[i])
            muscle_view_set_backdrop(st->view[i], VIEW_BG);
        muscle_view_update(st->view[i], &lab->m[i], 0.0);
    }
    /* after --at, the newest caption is still worth showing if it is recent */
    st->shown_captions = lab->ncaptions;
    if (lab->ncaptions > 0 && lab_time(lab) - lab->captions[lab->ncaptions - 1].t < 10.0)
        st->shown_captions--;
    st->done_at = -1.0;
    st->debrief = lab->phase == LAB_PHASE_DONE;
    build_controls(st);
    take_shown(st);
}

static void lab_leave(Scene *s, App *app)
{
    (void)app;
    LabScene *st = s->state;
    if (st) {
        for (int i = 0; i < 2; i++)
            muscle_view_destroy(st->view[i]);
        if (st->layer)
            SDL_DestroyTexture(st->layer);
        free(st->lab);
        free(st);
    }
    s->state = NULL;
}

static void lab_action(Scene *s, App *app, Action a)
{
    LabScene *st = s->state;
    if (!st || !st->lab)
        return;
    if (st->attract) { /* any input ends the attract loop */
        app_pop(app);
        return;
    }
    Ctl c = st->ctl[st->focus];
    switch (a) {
    case ACT_BACK:
        app_cue(app, CUE_BACK);
        app_pop(app);
        return;
    case ACT_PAUSE:
        lab_pause(st->lab, true);
        app_push(app, scene_pause());
        return;
    case ACT_LEFT:
    case ACT_RIGHT:
        st->focus = (st->focus + (a == ACT_RIGHT ? 1 : -1) + st->nctl) % st->nctl;
        app_cue(app, CUE_MOVE);
        break;
    case ACT_UP:
    case ACT_DOWN:
        if (ctl_is_value(c))
            adjust(st, app, c, a == ACT_UP ? 1 : -1);
        break;
    case ACT_ACCEPT:
        activate(st, app, c);
        break;
    case ACT_NEXT: /* presenter clicker: always a rep */
        activate(st, app, CTL_REP);
        break;
    case ACT_PREV:
        activate(st, app, CTL_REST);
        break;
    case ACT_FLIP:
        activate(st, app, CTL_VIEW);
        break;
    case ACT_ALT:
        activate(st, app, CTL_WRAP);
        break;
    default:
        break;
    }
    app_redraw(app);
}

static void lab_pointer(Scene *s, App *app, float x, float y, bool click)
{
    LabScene *st = s->state;
    if (!st || !st->lab)
        return;
    if (st->attract) {
        if (click)
            app_pop(app);
        return;
    }
    for (int i = 0; i < st->nctl; i++)
        if (gfx_hit(st->ctl_rect[i], x, y)) {
            if (st->focus != i)
                app_redraw(app);
            st->focus = i;
            if (click)
                activate(st, app, st->ctl[i]);
            return;
        }
    if (click)
        for (int i = 0; i < PICK_COUNT; i++)
            if (gfx_hit(st->pick_rect[i], x, y))
                choose(st, app, i);
    if (click) { /* a click on the limb is a rep, like Space */
        LabLayout L = lab_layout(&app->frame, st->side);
        for (int i = 0; i < L.nviews; i++)
            if (gfx_hit(L.views[i], x, y) && !st->debrief)
                activate(st, app, CTL_REP);
    }
}

static void announce(LabScene *st, App *app)
{
    Lab *lab = st->lab;
    if (st->shown_captions > lab->ncaptions)
        st->shown_captions = lab->ncaptions;
    while (st->shown_captions < lab->ncaptions) {
        const LabCaption *c = &lab->captions[st->shown_captions++];
        /* show the most important one: a warning is not replaced by news */
        bool warn = lab_event_is_warning(c->ev);
        if (!warn && st->caption_warn && st->now < st->caption_until)
            continue;
        oc_strlcpy(st->caption, lab_event_text(c->ev, lab->part), sizeof st->caption);
        st->caption_warn = warn;
        st->caption_until = st->now + CAPTION_SECONDS;
        if (warn)
            app_cue(app, CUE_ALERT);
        app_redraw(app);
    }
}

enum { REGION_PANEL, REGION_CAPTION, REGION_CONTROLS, REGION_COUNT };
static void region_keys(const App *app, const LabScene *st, Uint32 key[REGION_COUNT]);
static Uint32 static_key(const App *app, const LabScene *st);

static void lab_update(Scene *s, App *app, double dt)
{
    LabScene *st = s->state;
    if (!st || !st->lab)
        return;
    st->now += dt;
    Lab *lab = st->lab;
    LabPhase before = lab->phase;
    int reps = lab->rep_serial;
    lab_advance(lab, dt);
    if (lab->rep_serial != reps && !lab->demo)
        app_cue(app, CUE_COUNTDOWN);
    if (lab->phase != before) {
        if (lab->demo)
            ; /* the demo plays silently: its captions say what happens */
        else if (lab->phase == LAB_PHASE_SET)
            app_cue(app, CUE_SET_START);
        else if (lab->phase == LAB_PHASE_REST)
            app_cue(app, CUE_REST);
        if (lab->phase == LAB_PHASE_DONE) {
            st->debrief = true;
            st->done_at = st->now;
        }
    }
    if (st->attract && lab->phase == LAB_PHASE_DONE && st->now - st->done_at > ATTRACT_RESTART) {
        lab_start_demo(lab, (BodyPart)((lab->part + 1) % BODY_PART_COUNT), true);
        st->pick = (int)lab->part;
        for (int i = 0; i < 2; i++)
            muscle_view_set_part(st->view[i], lab->part);
        st->debrief = false;
        st->shown_captions = 0;
    }
    for (int i = 0; i < 2 && !lab->paused; i++) /* paused: the picture holds still */
        muscle_view_update(st->view[i], &lab->m[i], dt);
    announce(st, app);
    if (st->now - st->shown_at >= SHOWN_EVERY || lab->phase != before)
        take_shown(st);
    /* frames at the rate of what moves (particles), else only when what is shown changes: a number's text,
     * the clock's second, the muscle by a visible step */
    bool show = st->refusal < 0 && !st->debrief;
    LabLayout L = lab_layout(&app->frame, st->side);
    double hz = 0.0;
    for (int i = 0; i < L.nviews && show && !lab->paused; i++)
        hz = fmax(hz, muscle_view_motion_hz(st->view[i]));
    if (hz > 0.0) {
        app_animate_at(app, hz);
        return;
    }
    Uint32 rkey[REGION_COUNT];
    region_keys(app, st, rkey);
    bool changed = static_key(app, st) != st->skey || memcmp(rkey, st->rkey, sizeof rkey) != 0;
    for (int i = 0; i < L.nviews && show && !changed; i++)
        changed = muscle_view_cache_changed(app, st->view[i], L.views[i]);
    if (changed)
        app_redraw(app);
}

/* ---------------- drawing ---------------- */

static const char *phase_text(const Lab *lab, double now, char *buf, size_t n)
{
    int in = whole_seconds(now - lab->phase_t0);
    switch (lab->phase) {
    case LAB_PHASE_READY:
        snprintf(buf, n, "%s", lab->wrap_on ? "Wrap on, at rest" : "Ready: put the wrap on, or do a rep");
        break;
    case LAB_PHASE_SET:
        if (lab->set_target > 0)
            snprintf(buf, n, "Set %d   rep %d of %d", lab->set_index, lab->reps_in_set, lab->set_target);
        else
            snprintf(buf, n, "Set %d   rep %d", lab->set_index, lab->reps_in_set);
        break;
    case LAB_PHASE_REST:
        snprintf(buf, n, "Rest after set %d   %d:%02d", lab->set_index, in / 60, in % 60);
        break;
    case LAB_PHASE_RECOVERY:
        /* the wrap came off when this phase began, or the run never had one on */
        snprintf(buf, n, "%s   %d:%02d", lab->release_t >= lab->phase_t0 - 1e-6 ? "Wrap off: recovering" : "Recovering",
                 in / 60, in % 60);
        break;
    case LAB_PHASE_DONE:
        snprintf(buf, n, "Run over: the debrief");
        break;
    }
    return buf;
}

static void draw_gauges(App *app, LabScene *st, const LabLayout *L);
static void draw_caption(App *app, LabScene *st, const LabLayout *L);
static void draw_controls(App *app, LabScene *st, const LabLayout *L);
static void draw_debrief(App *app, LabScene *st, LRect area);
static void draw_refusal(App *app, LabScene *st, LRect area);

typedef struct StillCtx {
    LabScene *st;
    LabLayout L;
} StillCtx;

static const char *view_label(const LabScene *st, int i)
{
    if (!st->side)
        return st->lab->wrap_on || st->lab->demo_cuff ? "Under the wrap" : "No wrap";
    return i == 0 ? "With the wrap" : "Without a wrap (same reps)";
}

static const char *const gauge_names[] = {"Cuff", "Swelling", "Tissue oxygen", "pH", "Lactate", "Wrap time"};
#define NGAUGES 6
#define GAUGE_H 72.0f
#define FIBRE_Y(L) ((L).panel.y + 60 + NGAUGES * GAUGE_H + 10)

static void paint_still(App *app, void *ctx)
{
    StillCtx *c = ctx;
    LabScene *st = c->st;
    const LabLayout *L = &c->L;
    const Palette *p = &app->pal;
    gfx_backdrop(app);
    /* body-part chips: one row with the title when they fit left of the clock's strip (which is repainted
     * on its own), else (4:3 and 5:4 screens) a smaller title and two rows: the parts, then the refused
     * places with their note beside them */
    char caps[PICK_COUNT][32];
    float one_row = L->header.x + 360 + 24;
    for (int i = 0; i < PICK_COUNT; i++) {
        const char *label = i < PICK_PARTS ? body_part_label((BodyPart)i) : lab_site_name((LabSite)(i - PICK_PARTS));
        oc_strlcpy(caps[i], label, sizeof caps[i]);
        if (caps[i][0] >= 'a' && caps[i][0] <= 'z')
            caps[i][0] = (char)(caps[i][0] - 'a' + 'A');
        one_row += gfx_text_width(app, FONT_REGULAR, 26, caps[i]) + 40 + 10;
    }
    bool wide = one_row <= L->header.x + L->header.w - CLOCK_STRIP_W;
    static const char note[] = "can't be wrapped: pick to see why";
    gfx_text(app, FONT_BOLD, wide ? 56 : 46, L->header.x, L->header.y + (wide ? 4 : 10), ALIGN_LEFT, p->text,
             "Muscle Lab");
    float x = L->header.x + (wide ? 360 : 290);
    for (int i = 0; i < PICK_COUNT; i++) {
        float fs = wide ? 26 : i < PICK_PARTS ? 22 : 20, ch = wide ? 52 : i < PICK_PARTS ? 42 : 36;
        float w = gfx_text_width(app, FONT_REGULAR, fs, caps[i]) + (wide ? 40 : 28);
        if (i == PICK_PARTS)
            x = wide ? x + 24 : L->header.x + 290; /* the refused places stand apart (named beside or under them) */
        LRect r = {x, L->header.y + (wide ? 14 : i < PICK_PARTS ? 0 : 50), w, ch};
        st->pick_rect[i] = r;
        bool sel = i == st->pick;
        gfx_round_rect(app, r, ch / 2, sel ? p->accent : (i < PICK_PARTS ? p->panel : gfx_rgba(0x2c, 0x24, 0x30, 255)));
        gfx_text_in(app, sel ? FONT_BOLD : FONT_REGULAR, fs, r, ALIGN_CENTER, i < PICK_PARTS || sel ? p->text : p->text_dim,
                    caps[i]);
        x += w + (wide ? 10 : 8);
    }
    { /* say what the three greyed places are: somewhere a wrap cannot go, not a part still to come */
        float x0 = st->pick_rect[PICK_PARTS].x, x1 = st->pick_rect[PICK_COUNT - 1].x + st->pick_rect[PICK_COUNT - 1].w;
        if (wide) {
            float ly = L->header.y + 72;
            gfx_rect(app, (LRect){x0 + 10, ly, x1 - x0 - 20, 2}, gfx_rgba(0x5a, 0x4a, 0x58, 255));
            gfx_text(app, FONT_REGULAR, 18, (x0 + x1) / 2, ly + 2, ALIGN_CENTER, p->text_dim, note);
        } else {
            LRect r = st->pick_rect[PICK_COUNT - 1];
            gfx_text_in(app, FONT_REGULAR, 18, (LRect){x1 - 10, r.y, 400, r.h}, ALIGN_LEFT, p->text_dim, note);
        }
    }
    for (int i = 0; i < L->nviews; i++) {
        gfx_round_rect(app, L->views[i], 22, VIEW_BG);
        gfx_text(app, FONT_BOLD, 26, L->views[i].x + 20, L->views[i].y + 10, ALIGN_LEFT,
                 i == 0 ? p->text : p->text_dim, view_label(st, i));
        if (!st->debrief && st->refusal < 0)
            muscle_view_draw_still(app, st->view[i], L->views[i]);
    }
    if (!st->debrief && st->refusal < 0) { /* the legend for the particles and arrows */
        LRect v = L->views[0];
        static const char *const names[3] = {"lactate", "phosphate", "H\xE2\x81\xBA (acid)"};
        static const SDL_Color cols[2][3] = {{{0xff, 0xd8, 0x5a, 255}, {0x8c, 0xe8, 0xb4, 255}, {0xf4, 0xf4, 0xff, 255}},
                                             {{0xf0, 0xe4, 0x42, 255}, {0x56, 0xb4, 0xe9, 255}, {0xf4, 0xf4, 0xff, 255}}};
        static const char girth[] = "girth drawn \xC3\x97" "3";
        float lx = v.x + 20, ly = v.y + v.h - 34, need = 0;
        for (int k = 0; k < 3; k++)
            need += 20 + gfx_text_width(app, FONT_REGULAR, 20, names[k]) + 12;
        /* a narrow view (side by side on 4:3) has no room for both on one line: the note goes up by the
         * view's label */
        bool girth_below = need + gfx_text_width(app, FONT_REGULAR, 20, girth) + 20 <= v.w - 40;
        for (int k = 0; k < 3; k++) {
            gfx_ellipse(app, lx + 6, ly + 13, 6, 6, cols[app->settings.colorblind][k], cols[app->settings.colorblind][k]);
            lx += 20 + gfx_text(app, FONT_REGULAR, 20, lx + 18, ly, ALIGN_LEFT, p->text_dim, names[k]) + 12;
        }
        gfx_text(app, FONT_REGULAR, 20, v.x + v.w - 20, girth_below ? ly : v.y + 14, ALIGN_RIGHT, p->text_dim, girth);
    }
    if (st->refusal >= 0) {
        LRect area = {L->views[0].x, L->views[0].y, L->views[L->nviews - 1].x + L->views[L->nviews - 1].w - L->views[0].x,
                      L->views[0].h};
        draw_refusal(app, st, area);
    } else if (st->debrief) {
        LRect area = lab_layout(&app->frame, true).views[0];
        LRect b = lab_layout(&app->frame, true).views[1];
        area.w = b.x + b.w - area.x;
        draw_debrief(app, st, area);
    }
}

static void bar(App *app, LRect r, float f, SDL_Color c)
{
    gfx_round_rect(app, r, r.h / 2, gfx_rgba(0x2a, 0x33, 0x52, 255));
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    if (f * r.w >= r.h)
        gfx_round_rect(app, (LRect){r.x, r.y, r.w * f, r.h}, r.h / 2, c);
    else if (f > 0)
        gfx_round_rect(app, (LRect){r.x, r.y, r.h, r.h}, r.h / 2, c);
}

/* What the gauge panel shows, as text and bar lengths: the panel is painted again only when this changes
 * (a number's text, a bar by a visible step), not whenever the model moves. */
typedef struct PanelShown {
    char value[NGAUGES][48];
    int bar[NGAUGES]; /* thousandths of the bar (a fraction of a pixel at 4K) */
    int colour[NGAUGES];
    int nrec[2], nfat[2];
    char left[64];
    int left_warn, left_bar;
    char trend[48];
} PanelShown;

enum { C_ACCENT2, C_GOOD, C_WARN, C_BAD };

static int bar_thousandths(double f)
{
    return f <= 0.0 ? 0 : f >= 1.0 ? 1000 : (int)lround(f * 1000.0);
}

static void panel_shown(const LabScene *st, PanelShown *ps)
{
    const Lab *lab = st->lab;
    const ModelOut *o = &st->shown;
    memset(ps, 0, sizeof *ps); /* padding too: the struct is hashed byte by byte */
    double limit = body_part_time_limit_s(lab->part);
    for (int i = 0; i < NGAUGES; i++) {
        char *v = ps->value[i];
        size_t vn = sizeof ps->value[i];
        double f = 0.0;
        int c = C_ACCENT2;
        switch (i) {
        case 0:
            if (o->cuff_mmhg > 0)
                snprintf(v, vn, "%.0f %% AOP   %.0f mmHg", o->aop_percent, o->cuff_mmhg);
            else
                snprintf(v, vn, "off");
            f = o->aop_percent / 120.0;
            c = o->aop_percent >= 100 ? C_BAD : o->aop_percent >= 90 ? C_WARN : C_ACCENT2;
            break;
        case 1:
            snprintf(v, vn, "%+.1f %%", o->swelling_percent);
            f = o->swelling_percent / 20.0;
            break;
        case 2:
            snprintf(v, vn, "%.0f %%", o->oxygen_saturation * 100.0);
            f = o->oxygen_saturation;
            c = o->oxygen_saturation < 0.3 ? C_WARN : C_GOOD;
            break;
        case 3:
            snprintf(v, vn, "%.2f", o->ph);
            f = (o->ph - 6.4) / 0.7;
            break;
        case 4:
            snprintf(v, vn, "%.1f mM", o->lactate_muscle_mm);
            f = o->lactate_muscle_mm / 20.0;
            break;
        default:
            snprintf(v, vn, "%d:%02d of %d:00", whole_seconds(o->cuff_time_s) / 60, whole_seconds(o->cuff_time_s) % 60,
                     (int)(limit / 60));
            f = o->cuff_time_s / limit;
            c = f >= 1.0 ? C_BAD : f > 0.8 ? C_WARN : C_ACCENT2;
            break;
        }
        ps->bar[i] = bar_thousandths(f);
        ps->colour[i] = c;
    }
    for (int type = 0; type < 2; type++) {
        double rec = type ? o->type2_recruitment : o->type1_recruitment;
        double fat = type ? o->type2_fatigue : o->type1_fatigue;
        ps->nfat[type] = (int)lround(fat * 12.0);
        ps->nrec[type] = (int)lround(rec * 12.0);
    }
    int left = st->shown_left;
    if (left >= LAB_REPS_LEFT_CAP)
        snprintf(ps->left, sizeof ps->left, "Reps left before failure: %d or more", LAB_REPS_LEFT_CAP);
    else
        snprintf(ps->left, sizeof ps->left, "Reps left before failure: %d", left);
    ps->left_warn = left <= 2;
    ps->left_bar = bar_thousandths(left / 30.0);
    const char *trend = o->anabolic_trend > 0 ? "rising" : o->anabolic_trend < 0 ? "falling" : "steady";
    snprintf(ps->trend, sizeof ps->trend, "Growth signal: %s", trend);
}

static void draw_gauges(App *app, LabScene *st, const LabLayout *L)
{
    const Palette *p = &app->pal;
    PanelShown ps;
    panel_shown(st, &ps);
    /* the panel and its labels */
    gfx_round_rect(app, L->panel, 22, gfx_rgba(0x1a, 0x21, 0x3a, 255));
    gfx_text(app, FONT_BOLD, 30, L->panel.x + 24, L->panel.y + 16, ALIGN_LEFT, p->text, "Inside the muscle");
    for (int i = 0; i < NGAUGES; i++)
        gfx_text(app, FONT_REGULAR, 24, L->panel.x + 24, L->panel.y + 64 + i * GAUGE_H, ALIGN_LEFT, p->text_dim,
                 gauge_names[i]);
    float fy = FIBRE_Y(*L);
    gfx_text(app, FONT_BOLD, 26, L->panel.x + 24, fy, ALIGN_LEFT, p->text, "Fibres");
    gfx_text(app, FONT_REGULAR, 22, L->panel.x + 24, fy + 40, ALIGN_LEFT, p->text_dim, "Type I (slow)");
    gfx_text(app, FONT_REGULAR, 22, L->panel.x + 24, fy + 96, ALIGN_LEFT, p->text_dim, "Type II (fast)");

    float x = L->panel.x + 24, w = L->panel.w - 48, y0 = L->panel.y + 64;
    const SDL_Color colours[4] = {p->accent2, p->good, p->warn, p->bad};
    for (int i = 0; i < NGAUGES; i++) {
        float y = y0 + i * GAUGE_H;
        gfx_text(app, FONT_BOLD, 26, x + w, y - 2, ALIGN_RIGHT, p->text, ps.value[i]);
        LRect br = {x, y + 36, w, 14};
        bar(app, br, (float)ps.bar[i] / 1000.0f, colours[ps.colour[i]]);
        if (i == 0) { /* the useful band: 40 to 80 % of AOP */
            gfx_rect(app, (LRect){x + w * 40.0f / 120.0f, br.y + 16, w * 40.0f / 120.0f, 3}, p->good);
        }
    }
    /* fibres: twelve fibres of each type, lit when recruited in this rep, greyed as they tire */
    /* fy: the fibre block, as labelled above */
    for (int type = 0; type < 2; type++) {
        int nfat = ps.nfat[type], nrec = ps.nrec[type];
        SDL_Color lit = type ? gfx_rgba(0xf6, 0xe7, 0xd4, 255) : gfx_rgba(0xc8, 0x3c, 0x3c, 255);
        if (app->settings.colorblind && !type)
            lit = gfx_rgba(0xd5, 0x5e, 0x00, 255);
        SDL_Color idle = gfx_mix(lit, gfx_rgba(0x1a, 0x21, 0x3a, 255), 0.72f), tired = gfx_rgba(0x8a, 0x8e, 0x98, 120);
        for (int k = 0; k < 12; k++) {
            SDL_Color c = k >= 12 - nfat ? tired : k < nrec ? lit : idle;
            gfx_round_rect(app, (LRect){x + 190 + k * 22.0f, fy + 36 + type * 56, 14, 40}, 7, c);
        }
    }
    gfx_text(app, FONT_REGULAR, 20, x, fy + 140, ALIGN_LEFT, p->text_dim, "bright: working now    faint: resting    grey: tired");
    /* reps left */
    float ry = fy + 176;
    gfx_text(app, FONT_BOLD, 26, x, ry, ALIGN_LEFT, ps.left_warn ? p->warn : p->text, ps.left);
    bar(app, (LRect){x, ry + 40, w, 16}, (float)ps.left_bar / 1000.0f, ps.left_warn ? p->warn : p->good);
    if (ry + 74 + 30 < L->panel.y + L->panel.h)
        gfx_text(app, FONT_REGULAR, 24, x, ry + 74, ALIGN_LEFT, p->text_dim, ps.trend);
}

static void draw_controls(App *app, LabScene *st, const LabLayout *L)
{
    const Palette *p = &app->pal;
    float gap = 8, w = (L->controls.w - gap * (float)(st->nctl - 1)) / (float)st->nctl;
    /* narrow screens (4:3, 5:4) and the advanced row: one smaller size for the whole row (down to 20 so
     * every label fits on a line, further only so every word fits, a label of two words then on two lines),
     * never into the next button */
    float room = w - 10, ts = 24, vs = 22;
    for (int i = 0; i < st->nctl; i++) {
        char top[48], val[48];
        ctl_text(st, st->ctl[i], top, sizeof top, val, sizeof val);
        while (ts > 20 && gfx_text_width(app, FONT_BOLD, ts, top) > room) /* a little smaller, on one line */
            ts -= 1;
        if (gfx_text_width(app, FONT_BOLD, ts, top) > room) {
            char word[48];
            for (const char *t = top; *t;) { /* the widest single word sets the size */
                size_t sp = strcspn(t, " ");
                memcpy(word, t, sp);
                word[sp] = '\0';
                while (ts > 16 && gfx_text_width(app, FONT_BOLD, ts, word) > room)
                    ts -= 1;
                t += sp;
                t += strspn(t, " ");
            }
        }
        while (vs > 16 && gfx_text_width(app, FONT_REGULAR, vs, val) > room)
            vs -= 1;
    }
    for (int i = 0; i < st->nctl; i++) {
        LRect r = {L->controls.x + i * (w + gap), L->controls.y, w, L->controls.h};
        st->ctl_rect[i] = r;
        bool f = i == st->focus && !st->attract;
        gfx_round_rect(app, r, 14, f ? p->accent : p->panel);
        if (f)
            gfx_round_outline(app, r, 14, 3, p->focus);
        char top[48], val[48];
        ctl_text(st, st->ctl[i], top, sizeof top, val, sizeof val);
        char fit[48];
        const char *space = strchr(top, ' ');
        if (gfx_text_width(app, FONT_BOLD, ts, top) > room && space) { /* two lines, split at the first space */
            char first[48];
            size_t n = (size_t)(space - top) < sizeof first ? (size_t)(space - top) : sizeof first - 1;
            memcpy(first, top, n);
            first[n] = '\0';
            ui_text_fit(app, FONT_BOLD, ts, room, first, fit, sizeof fit);
            gfx_text(app, FONT_BOLD, ts, r.x + r.w / 2, r.y + (val[0] ? 4 : 22), ALIGN_CENTER, p->text, fit);
            ui_text_fit(app, FONT_BOLD, ts, room, space + 1, fit, sizeof fit);
            gfx_text(app, FONT_BOLD, ts, r.x + r.w / 2, r.y + (val[0] ? 4 : 22) + ts + 2, ALIGN_CENTER, p->text, fit);
        } else {
            ui_text_fit(app, FONT_BOLD, ts, room, top, fit, sizeof fit);
            gfx_text(app, FONT_BOLD, ts, r.x + r.w / 2, r.y + (val[0] ? 14 : 32) + (24 - ts) / 2, ALIGN_CENTER, p->text,
                     fit);
        }
        if (val[0]) {
            ui_text_fit(app, FONT_REGULAR, vs, room, val, fit, sizeof fit);
            gfx_text(app, FONT_REGULAR, vs, r.x + r.w / 2, r.y + 52 + (22 - vs) / 2, ALIGN_CENTER, f ? p->text : p->text_dim,
                     fit);
        }
    }
}

/* The caption line and the clock, as drawn: a caption while one is up, else the phase. */
static bool caption_texts(const LabScene *st, char *status, size_t sn, char *clock, size_t cn)
{
    bool on = st->now < st->caption_until && st->caption[0];
    if (on)
        oc_strlcpy(status, st->caption, sn);
    else if (st->attract)
        oc_strlcpy(status, "Demo: the standard run, 30-15-15-15 at 20 % 1RM. Press any key.", sn);
    else
        phase_text(st->lab, st->shown_t, status, sn);
    int t = whole_seconds(st->shown_t);
    snprintf(clock, cn, "%s%d:%02d  \xC3\x97%d", st->lab->paused ? "paused  " : "", t / 60, t % 60, st->lab->speed);
    return on;
}

/* The caption in its bar: one line at 28 when it fits (16:9), else two smaller lines broken between words,
 * the second cut with an ellipsis if even that is too long. */
static void caption_line(App *app, FontStyle f, LRect c, SDL_Color col, const char *s)
{
    float room = c.w - 48;
    if (gfx_text_width(app, f, 28, s) <= room) {
        gfx_text_in(app, f, 28, c, ALIGN_LEFT, col, s);
        return;
    }
    const float fs = 22;
    char line[2][200];
    size_t n = strlen(s), cut = 0;
    for (size_t i = 1; i <= n && i < sizeof line[0]; i++) { /* the longest first line ending at a space */
        if (s[i] != ' ' && s[i] != '\0')
            continue;
        memcpy(line[0], s, i);
        line[0][i] = '\0';
        if (gfx_text_width(app, f, fs, line[0]) > room)
            break;
        cut = i;
    }
    if (cut == n) { /* all of it fits on one line at the smaller size */
        gfx_text_in(app, f, fs, c, ALIGN_LEFT, col, s);
        return;
    }
    if (cut == 0) { /* one unbreakable word: cut it */
        ui_text_fit(app, f, fs, room, s, line[0], sizeof line[0]);
        gfx_text_in(app, f, fs, c, ALIGN_LEFT, col, line[0]);
        return;
    }
    memcpy(line[0], s, cut);
    line[0][cut] = '\0';
    while (s[cut] == ' ')
        cut++;
    ui_text_fit(app, f, fs, room, s + cut, line[1], sizeof line[1]);
    gfx_text_in(app, f, fs, (LRect){c.x, c.y + 2, c.w, c.h / 2}, ALIGN_LEFT, col, line[0]);
    gfx_text_in(app, f, fs, (LRect){c.x, c.y + c.h / 2 - 2, c.w, c.h / 2}, ALIGN_LEFT, col, line[1]);
}

static void draw_caption(App *app, LabScene *st, const LabLayout *L)
{
    const Palette *p = &app->pal;
    char status[200], clock[64];
    bool on = caption_texts(st, status, sizeof status, clock, sizeof clock);
    LRect c = L->caption;
    gfx_round_rect(app, c, 16, gfx_rgba(0x1a, 0x21, 0x3a, 255));
    if (on) {
        SDL_Color bg = st->caption_warn ? p->bad : p->accent2;
        gfx_round_rect(app, c, 16, gfx_mix(gfx_rgba(0x1a, 0x21, 0x3a, 255), bg, 0.35f));
        caption_line(app, FONT_BOLD, c, st->caption_warn ? p->focus : p->text, status);
    } else {
        caption_line(app, FONT_REGULAR, c, p->text_dim, status);
    }
    /* time and speed */
    gfx_text(app, FONT_BOLD, 26, L->header.x + L->header.w, L->header.y + 26, ALIGN_RIGHT, p->text_dim, clock);
}

/* ---- the debrief: four charts over time with the sets and rests as bands ---- */

static void polyline(App *app, const float *xy, int n, float thick, SDL_Color c)
{
    enum { MAXP = 600 };
    static SDL_Vertex v[4 * MAXP];
    static int idx[6 * MAXP];
    float s = app->frame.scale, h = thick * s * 0.5f;
    if (n > MAXP)
        n = MAXP;
    int nv = 0, ni = 0;
    for (int i = 0; i + 1 < n; i++) {
        float x0 = xy[2 * i] * s, y0 = xy[2 * i + 1] * s, x1 = xy[2 * i + 2] * s, y1 = xy[2 * i + 3] * s;
        float dx = x1 - x0, dy = y1 - y0, l = sqrtf(dx * dx + dy * dy);
        if (l < 1e-3f)
            continue;
        float nx = -dy / l * h, ny = dx / l * h;
        v[nv + 0] = (SDL_Vertex){{x0 + nx, y0 + ny}, c, {0, 0}};
        v[nv + 1] = (SDL_Vertex){{x0 - nx, y0 - ny}, c, {0, 0}};
        v[nv + 2] = (SDL_Vertex){{x1 + nx, y1 + ny}, c, {0, 0}};
        v[nv + 3] = (SDL_Vertex){{x1 - nx, y1 - ny}, c, {0, 0}};
        int k[6] = {nv, nv + 1, nv + 2, nv + 1, nv + 3, nv + 2};
        memcpy(&idx[ni], k, sizeof k);
        nv += 4, ni += 6;
    }
    gfx_geometry(app, v, nv, idx, ni);
}

static void draw_debrief(App *app, LabScene *st, LRect area)
{
    const Palette *p = &app->pal;
    const Lab *lab = st->lab;
    gfx_round_rect(app, area, 22, gfx_rgba(0x12, 0x18, 0x2c, 255));
    gfx_text(app, FONT_BOLD, 30, area.x + 24, area.y + 14, ALIGN_LEFT, p->text, "Debrief: the run over time");
    if (lab->nsamples < 2) {
        gfx_text(app, FONT_REGULAR, 26, area.x + 24, area.y + 70, ALIGN_LEFT, p->text_dim, "Nothing recorded yet.");
        return;
    }
    double t_end = lab->samples[lab->nsamples - 1].t;
    if (t_end < lab_time(lab)) /* the last point is a mean placed mid-interval: the axis runs to now */
        t_end = lab_time(lab);
    if (t_end < 1.0)
        t_end = 1.0;
    static const char *const title[4] = {"Swelling", "Oxygen", "pH", "Lactate"};
    static const char *const unit[4] = {"% thicker", "% of tissue", "acidity", "mM"};
    /* the usual ranges, widened in whole steps when the run went past them (a resting pH of 7.12 sits
     * above 7.1), so no line runs flat along an edge */
    float lo[4] = {0, 0, 6.5f, 0}, hi[4] = {16, 100, 7.1f, 20};
    static const float axis_step[4] = {4, 10, 0.1f, 5};
    for (int i = 0; i < lab->nsamples; i++) {
        const LabSample *sm = &lab->samples[i];
        const float v[8] = {sm->swelling, sm->oxygen, sm->ph, sm->lactate,
                            sm->swelling_twin, sm->oxygen_twin, sm->ph_twin, sm->lactate_twin};
        for (int j = 0; j < 8; j++) {
            int k = j % 4;
            if (v[j] > hi[k])
                hi[k] = axis_step[k] * ceilf(v[j] / axis_step[k] - 1e-4f);
            if (v[j] < lo[k])
                lo[k] = axis_step[k] * floorf(v[j] / axis_step[k] + 1e-4f);
        }
    }
    float top = area.y + 64, ch = (area.h - 64 - 50) / 4.0f;
    float cx = area.x + 210, cw = area.w - 210 - 30;
    for (int k = 0; k < 4; k++) {
        LRect r = {cx, top + k * ch + 6, cw, ch - 18};
        gfx_rect(app, r, gfx_rgba(0x1a, 0x21, 0x3a, 255));
        for (int b = 0; b < lab->nbands; b++) {
            const LabBand *bd = &lab->bands[b];
            double t1 = bd->t1 < 0 ? t_end : bd->t1;
            LRect br = {cx + (float)(bd->t0 / t_end) * cw, r.y, (float)((t1 - bd->t0) / t_end) * cw, r.h};
            gfx_rect(app, br, bd->set ? gfx_rgba(p->accent.r, p->accent.g, p->accent.b, 70)
                                      : gfx_rgba(p->accent2.r, p->accent2.g, p->accent2.b, 40));
        }
        /* the name in the left column, clear of the axis values right-aligned against the chart */
        gfx_text(app, FONT_BOLD, 22, area.x + 20, r.y + r.h / 2 - 26, ALIGN_LEFT, p->text, title[k]);
        gfx_text(app, FONT_REGULAR, 18, area.x + 20, r.y + r.h / 2 + 2, ALIGN_LEFT, p->text_dim, unit[k]);
        char lab_lo[16], lab_hi[16];
        snprintf(lab_hi, sizeof lab_hi, k == 2 ? "%.1f" : "%.0f", hi[k]);
        snprintf(lab_lo, sizeof lab_lo, k == 2 ? "%.1f" : "%.0f", lo[k]);
        gfx_text(app, FONT_REGULAR, 18, cx - 8, r.y, ALIGN_RIGHT, p->text_dim, lab_hi);
        gfx_text(app, FONT_REGULAR, 18, cx - 8, r.y + r.h - 22, ALIGN_RIGHT, p->text_dim, lab_lo);
        static float xy[2 * 600], tw[2 * 600];
        int n = lab->nsamples, step = n > 600 ? (n + 599) / 600 : 1, m = 0;
        for (int i = 0; i < n && m < 600; i += step, m++) {
            const LabSample *sm = &lab->samples[i];
            float val = k == 0 ? sm->swelling : k == 1 ? sm->oxygen : k == 2 ? sm->ph : sm->lactate;
            float tv = k == 0 ? sm->swelling_twin : k == 1 ? sm->oxygen_twin : k == 2 ? sm->ph_twin : sm->lactate_twin;
            float fx = cx + (float)(sm->t / t_end) * cw;
            xy[2 * m] = fx;
            xy[2 * m + 1] = r.y + r.h - r.h * ((val - lo[k]) / (hi[k] - lo[k]) < 0 ? 0 : (val - lo[k]) / (hi[k] - lo[k]) > 1 ? 1 : (val - lo[k]) / (hi[k] - lo[k]));
            tw[2 * m] = fx;
            float tf = (tv - lo[k]) / (hi[k] - lo[k]);
            tw[2 * m + 1] = r.y + r.h - r.h * (tf < 0 ? 0 : tf > 1 ? 1 : tf);
        }
        polyline(app, tw, m, 2.0f, p->text_dim);
        polyline(app, xy, m, 3.5f, k == 1 ? p->good : k == 0 ? p->accent2 : p->warn);
    }
    char axis[64];
    snprintf(axis, sizeof axis, "%d:%02d", whole_seconds(t_end) / 60, whole_seconds(t_end) % 60);
    float ay = top + 4 * ch - 6;
    gfx_text(app, FONT_REGULAR, 20, cx, ay, ALIGN_LEFT, p->text_dim, "0:00");
    gfx_text(app, FONT_REGULAR, 20, cx + cw, ay, ALIGN_RIGHT, p->text_dim, axis);
    const char *bands = app->settings.colorblind ? "orange bands: sets   blue bands: rests with the wrap on"
                                                 : "red bands: sets   blue bands: rests with the wrap on";
    static const char twin[] = "grey line: the same reps without a wrap";
    char key[160];
    snprintf(key, sizeof key, "%s   %s", bands, twin);
    float room = cw - 2 * (gfx_text_width(app, FONT_REGULAR, 20, axis) + 24);
    if (gfx_text_width(app, FONT_REGULAR, 20, key) <= room) {
        gfx_text(app, FONT_REGULAR, 20, cx + cw / 2, ay, ALIGN_CENTER, p->text_dim, key);
    } else { /* a narrow chart (4:3): the key on two lines between the time labels */
        gfx_text(app, FONT_REGULAR, 18, cx + cw / 2, ay, ALIGN_CENTER, p->text_dim, bands);
        gfx_text(app, FONT_REGULAR, 18, cx + cw / 2, ay + 22, ALIGN_CENTER, p->text_dim, twin);
    }
}

static void draw_refusal(App *app, LabScene *st, LRect area)
{
    const Palette *p = &app->pal;
    LabSite site = (LabSite)st->refusal;
    gfx_round_rect(app, area, 22, gfx_rgba(0x12, 0x18, 0x2c, 255));
    LRect card = {area.x + 40, area.y + area.h * 0.22f, area.w - 80, area.h * 0.5f};
    float need = 100 + gfx_text_height(app, FONT_REGULAR, 32, card.w - 72, lab_refusal_text(site)) + 70;
    if (need > card.h) { /* a narrow view (4:3) wraps the reason onto more lines: the card grows upwards */
        card.y = fmaxf(area.y + 20, card.y + card.h - need);
        card.h = need;
    }
    gfx_round_rect(app, card, 20, site == LAB_SITE_NECK ? gfx_rgba(0x4a, 0x14, 0x1c, 255) : gfx_rgba(0x24, 0x2d, 0x4a, 255));
    gfx_round_outline(app, card, 20, 3, site == LAB_SITE_NECK ? p->bad : p->warn);
    gfx_text(app, FONT_BOLD, 44, card.x + 36, card.y + 30, ALIGN_LEFT, site == LAB_SITE_NECK ? p->bad : p->warn,
             lab_refusal_title(site));
    gfx_text_wrapped(app, FONT_REGULAR, 32, card.x + 36, card.y + 100, card.w - 72, p->text, lab_refusal_text(site));
    gfx_text(app, FONT_REGULAR, 24, card.x + 36, card.y + card.h - 50, ALIGN_LEFT, p->text_dim,
             "Pick an arm or a leg part to go on.");
}

/* What the unchanging part of the layer shows. */
static Uint32 static_key(const App *app, const LabScene *st)
{
    int k[] = {st->pick, st->side, st->debrief, st->refusal, app->settings.colorblind, st->lab->wrap_on || st->lab->demo_cuff,
               st->debrief ? st->lab->nsamples : 0, (int)app->frame.lw};
    Uint32 h = 2166136261u;
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        h = (h ^ (Uint32)k[i]) * 16777619u;
    return h | 1u;
}

static Uint32 hash_bytes(Uint32 h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

/* What each panel shows, as it is drawn (texts, bar lengths, colours): a panel is painted again only when
 * its own key changes, so a ticking clock does not repaint the gauges. */
static void region_keys(const App *app, const LabScene *st, Uint32 key[REGION_COUNT])
{
    int common[] = {app->settings.colorblind, st->pick, (int)st->lab->part, (int)app->frame.lw};
    Uint32 h0 = hash_bytes(2166136261u, common, sizeof common);
    PanelShown ps;
    panel_shown(st, &ps);
    key[REGION_PANEL] = hash_bytes(h0, &ps, sizeof ps) | 1u;
    char text[2][200];
    memset(text, 0, sizeof text);
    int flags[2] = {caption_texts(st, text[0], sizeof text[0], text[1], sizeof text[1]), st->caption_warn};
    key[REGION_CAPTION] = hash_bytes(hash_bytes(h0, text, sizeof text), flags, sizeof flags) | 1u;
    Uint32 h = hash_bytes(h0, &st->focus, sizeof st->focus);
    int attract = st->attract;
    h = hash_bytes(h, &attract, sizeof attract);
    for (int i = 0; i < st->nctl; i++) {
        char top[48], val[48];
        memset(top, 0, sizeof top);
        memset(val, 0, sizeof val);
        ctl_text(st, st->ctl[i], top, sizeof top, val, sizeof val);
        h = hash_bytes(hash_bytes(h, top, sizeof top), val, sizeof val);
    }
    key[REGION_CONTROLS] = h | 1u;
}

/* The still picture is a layer of our own: the parts that never change during a run (backdrop, header,
 * frames, view boxes, legends) are painted when the part, view or palette changes; the panels (gauges,
 * caption, controls) are repainted in place, clipped to their rectangles, when what they show changes. */
static void paint_regions(App *app, LabScene *st, const LabLayout *L, const bool *which)
{
    const LRect regions[4] = {L->panel, L->caption, L->controls,
                              {L->header.x + L->header.w - CLOCK_STRIP_W, L->header.y, CLOCK_STRIP_W, L->header.h}};
    for (int i = 0; i < 4; i++) {
        if (!which[i == 3 ? REGION_CAPTION : i]) /* the clock in the header goes with the caption */
            continue;
        SDL_Rect c;
        layout_to_px(&app->frame, regions[i], &c.x, &c.y, &c.w, &c.h);
        SDL_RenderSetClipRect(app->ren, &c);
        gfx_backdrop(app);
        if (i == 0)
            draw_gauges(app, st, L);
        else if (i == 1 || i == 3)
            draw_caption(app, st, L);
        else
            draw_controls(app, st, L);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
}

static void lab_draw(Scene *s, App *app)
{
    LabScene *st = s->state;
    if (!st || !st->lab) {
        gfx_backdrop(app);
        gfx_heading(app, "Muscle Lab", "Out of memory");
        return;
    }
    LabLayout L = lab_layout(&app->frame, st->side);
    StillCtx ctx = {st, L};
    Uint32 skey = static_key(app, st), rkey[REGION_COUNT];
    region_keys(app, st, rkey);
    if (st->layer && (st->lw != app->pw || st->lh != app->ph)) {
        SDL_DestroyTexture(st->layer);
        st->layer = NULL;
    }
    if (!st->layer) {
        st->layer = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, app->pw, app->ph);
        st->lw = app->pw, st->lh = app->ph;
        st->skey = 0;
    }
    bool all[REGION_COUNT] = {true, true, true}, which[REGION_COUNT], any = false;
    for (int i = 0; i < REGION_COUNT; i++) {
        which[i] = skey != st->skey || rkey[i] != st->rkey[i];
        any = any || which[i];
    }
    /* the muscle pictures live in the layer too: a frame copies the layer and draws only what moves */
    bool show = st->refusal < 0 && !st->debrief, moved[2] = {false, false};
    for (int i = 0; show && i < L.nviews; i++)
        moved[i] = muscle_view_cache_changed(app, st->view[i], L.views[i]);
    bool repaint = any || moved[0] || moved[1];
    SDL_Texture *prev = SDL_GetRenderTarget(app->ren);
    if (!st->layer || (repaint && SDL_SetRenderTarget(app->ren, st->layer) != 0)) {
        paint_still(app, &ctx); /* no render targets: everything, every frame */
        paint_regions(app, st, &L, all);
        for (int i = 0; show && i < L.nviews; i++)
            muscle_view_draw_live(app, st->view[i], L.views[i]);
        return;
    }
    if (skey != st->skey)
        paint_still(app, &ctx);
    if (any)
        paint_regions(app, st, &L, which);
    for (int i = 0; show && i < L.nviews; i++)
        if (skey != st->skey || moved[i]) /* all of it over a repainted layer, else only what changed */
            muscle_view_draw_cached(app, st->view[i], L.views[i], skey != st->skey);
    if (repaint)
        SDL_SetRenderTarget(app->ren, prev);
    st->skey = skey;
    memcpy(st->rkey, rkey, sizeof rkey);
    gfx_copy_layer(app, st->layer, NULL, NULL, true);
    for (int i = 0; show && i < L.nviews; i++)
        muscle_view_draw_moving(app, st->view[i], L.views[i]);
}

static Scene *make(const LabPreset *pre)
{
    Scene *s = calloc(1, sizeof *s);
    LabPreset *p = pre ? malloc(sizeof *p) : NULL;
    if (!s || (pre && !p)) {
        free(s);
        free(p);
        return NULL;
    }
    if (p)
        *p = *pre;
    *s = (Scene){.name = "lab",
                 .state = p, /* the preset until enter() allocates the state */
                 .enter = lab_enter,
                 .leave = lab_leave,
                 .action = lab_action,
                 .pointer = lab_pointer,
                 .update = lab_update,
                 .draw = lab_draw};
    return s;
}

Scene *scene_lab(void)
{
    return make(NULL);
}

Scene *scene_lab_demo(BodyPart part, bool side, double at)
{
    LabPreset p = {false, true, part, side, at};
    return make(&p);
}

Scene *scene_lab_attract(void)
{
    LabPreset p = {true, true, BODY_UPPER_ARM, true, 0.0};
    return make(&p);
}
