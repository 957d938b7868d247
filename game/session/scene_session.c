/* The Guided Session scene: the setup screen, then the engine's phases on the big screen. Input from keys,
 * presenter clickers, gamepads and the mouse arrives as Actions; every engine event becomes a sound cue
 * and its visual twin (a full-screen flash of the phase colour with a caption). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body_part.h"
#include "gfx.h"
#include "oc_util.h"
#include "room_session.h"
#include "room_ui.h"
#include "session_scene.h"
#include "session_ui.h"

Scene *scene_title(void);

static int autoplay_status = -1;
static char autoplay_msg[400] = "the session did not finish in the frames allowed";

int session_autoplay_status(void)
{
    return autoplay_status == 0 ? 0 : 1;
}

const char *session_autoplay_message(void)
{
    return autoplay_msg;
}

/* ---------------- setup ---------------- */

static void load_plan(SessionUi *u, int index, int lanes)
{
    SessionProtocol p;
    if (index >= 0 && index < u->protocols.count)
        p = u->protocols.items[index];
    else
        session_protocol_default(&p);
    u->proto = index;
    bool metronome = u->cfg.metronome;
    session_config_default(&u->cfg, &p, lanes);
    u->cfg.metronome = metronome;
    u->rep_cursor = 0;
}

static void set_lane_parts(SessionUi *u, BodyPart part, int load)
{
    u->cfg.plan.body_part = part;
    u->cfg.plan.load_percent = load;
    for (int i = 0; i < SESSION_MAX_LANES; i++) {
        u->cfg.lane[i].part = part;
        u->cfg.lane[i].load_percent = load;
        u->cfg.lane[i].tightness = body_part_default_tightness(part);
    }
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void setup_change(App *app, SessionUi *u, int row, int dir)
{
    SessionProtocol *p = &u->cfg.plan;
    switch (row) {
    case SETUP_PROTOCOL: {
        int n = u->protocols.count;
        if (n == 0)
            return;
        load_plan(u, ((u->proto < 0 ? 0 : u->proto) + dir + n) % n, u->cfg.lanes);
        break;
    }
    case SETUP_PART:
        set_lane_parts(u, (BodyPart)((p->body_part + dir + BODY_PART_COUNT) % BODY_PART_COUNT), p->load_percent);
        break;
    case SETUP_LOAD:
        set_lane_parts(u, p->body_part, clampi(p->load_percent + 5 * dir, PROTOCOL_LOAD_MIN, PROTOCOL_LOAD_MAX));
        break;
    case SETUP_REST:
        p->rest_s = clampi(p->rest_s + 5 * dir, PROTOCOL_REST_MIN_S, PROTOCOL_REST_MAX_S);
        break;
    case SETUP_SETS: {
        int n = clampi(p->sets + dir, 1, PROTOCOL_MAX_SETS);
        for (int k = p->sets; k < n; k++) { /* a new set repeats the last one */
            p->reps[k] = p->reps[p->sets - 1];
            p->to_failure[k] = p->to_failure[p->sets - 1];
        }
        p->sets = n;
        u->rep_cursor = clampi(u->rep_cursor, 0, n - 1);
        break;
    }
    case SETUP_REPS:
        p->reps[u->rep_cursor] = clampi(p->reps[u->rep_cursor] + dir, 1, PROTOCOL_REPS_MAX);
        break;
    case SETUP_COUNTING: { /* taps with a tick, silent taps, metronome */
        int mode = u->cfg.metronome ? 2 : u->rep_tick ? 0 : 1;
        mode = (mode + dir + 3) % 3;
        u->cfg.metronome = mode == 2;
        u->rep_tick = mode == 0;
        break;
    }
    case SETUP_ATHLETES:
        u->cfg.lanes = clampi(u->cfg.lanes + dir, 1, SESSION_MAX_LANES);
        break;
    case SETUP_PHONES: /* the room on or off (a room that cannot start says why) */
        if (room_ui_on(app))
            room_ui_stop(app);
        else
            room_ui_start(app);
        break;
    default:
        return;
    }
    u->setup_error[0] = '\0';
    app_cue(app, CUE_MOVE);
    app_redraw(app);
}

/* ---------------- starting and the model ---------------- */

static void start_models(App *app, SessionUi *u)
{
    if (!u->view) {
        u->view = muscle_view_create(app, u->eng.lane[0].cfg.part);
        if (u->view)
            muscle_view_set_backdrop(u->view, MUSCLE_BOX_BG);
    }
    u->view_lane = -1;
    for (int i = 0; i < session_lane_count(&u->eng); i++) {
        ModelParams mp;
        model_params_default(&mp, body_part_limb(u->eng.lane[i].cfg.part));
        model_init(&u->model[i], &mp, MODEL_DT);
        model_set_load(&u->model[i], u->eng.lane[i].cfg.load_percent / 100.0);
    }
}

static void names_stop(App *app, SessionUi *u)
{
    u->editing = -1;
    app_text_input(app, false);
    app_redraw(app);
}

static bool start_session(App *app, SessionUi *u)
{
    char err[260];
    if (u->editing >= 0)
        names_stop(app, u);
    if (session_init(&u->eng, &u->cfg, err, sizeof err) != 0) {
        snprintf(u->setup_error, sizeof u->setup_error, "Cannot start: %s", err);
        app_cue(app, CUE_ALERT);
        return false;
    }
    u->stage = STAGE_RUN;
    cue_plan_reset(&u->cues);
    u->last_stop_ms = -1;
    u->focus = 0;
    u->choice = 0;
    u->screen_lane = 0;
    u->dialog = DLG_NONE;
    memset(u->hist, 0, sizeof u->hist);
    start_models(app, u);
    static const char *const words[] = {"1", "2", "3", "Set 1. Go.", "Set 2. Go.", "Set 3. Go.", "Set 4. Go.",
                                        "Set 5. Go.", "Rest. Keep the wraps on.", "Ten seconds",
                                        "Done. Wraps off now.", "Stop. Remove the wraps now.",
                                        "Warning. 2 minutes of wrap time left.", "Warning. 1 minute of wrap time left."};
    audio_prepare_speech(&app->audio, words, (int)OC_ARRAY_LEN(words));
    app_redraw(app);
    return true;
}

/* ---------------- cues and their visual twins ---------------- */

static void flash(App *app, SessionUi *u, SDL_Color c, const char *caption)
{
    u->flash_colour = c;
    snprintf(u->flash_caption, sizeof u->flash_caption, "%s", caption);
    u->flash_start = app->time;
    u->flash_until = app->time + (app->settings.reduced_motion ? 1.2 : 0.9);
    app_redraw(app);
}

/* The game time at which an engine event happened (it may lie inside the last fixed step). */
static double event_game_time(App *app, SessionUi *u, const SessionEvent *e)
{
    double behind = (double)(u->eng.now_ms - e->t_ms) / 1000.0 / u->session_scale;
    return app->time - behind;
}

static CueStyle cue_style(const App *app, const SessionUi *u)
{
    (void)app;
    return (CueStyle){.group = session_lane_count(&u->eng) > 1, .rep_tick = u->rep_tick, .speech = true};
}

/* The event's sound (scheduled ahead if its transition was foreseen); captioned when nothing is heard. */
static void cue(App *app, SessionUi *u, const SessionEvent *e)
{
    CueStyle st = cue_style(app, u);
    char say[96];
    Cue c = session_event_cue(&u->eng, e, &st, say, sizeof say);
    bool heard = cue_plan_play(&u->cues, &app->audio, &u->eng, e, event_game_time(app, u, e), &st);
    if (!heard && c != CUE_COUNT && c != CUE_REP_TICK) {
        oc_strlcpy(app->caption, audio_caption(c), sizeof app->caption);
        app->caption_until = app->time + 1.5;
    }
}

static void drive_model(SessionUi *u, const SessionEvent *e)
{
    if (e->lane < 0 || e->lane >= session_lane_count(&u->eng))
        return;
    Model *m = &u->model[e->lane];
    switch (e->type) {
    case SEV_WRAP_ON:
    case SEV_REWRAP:
        model_set_cuff(m, model_tightness_pressure(&m->p, session_lane_tightness(&u->eng, e->lane), NULL));
        break;
    case SEV_WRAP_OFF:
        model_set_cuff(m, 0.0);
        break;
    case SEV_REP:
        if (!model_in_rep(m))
            model_begin_rep(m, u->eng.cfg.plan.rep_s);
        break;
    default:
        break;
    }
}

static void handle_event(App *app, SessionUi *u, const SessionEvent *e)
{
    char cap[96];
    const char *name = e->lane >= 0 ? session_lane_name(&u->eng, e->lane) : "";
    bool group = session_lane_count(&u->eng) > 1;
    drive_model(u, e);
    session_history_event(app, u, e);
    switch (e->type) {
    case SEV_COUNTDOWN:
        snprintf(cap, sizeof cap, "%d", e->value);
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_GET_READY), cap);
        break;
    case SEV_SET_START:
        snprintf(cap, sizeof cap, "Set %d of %d: lift", e->set + 1, session_set_count(&u->eng));
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_SET), cap);
        break;
    case SEV_REP:
        /* the tick is optional (and only for the athlete on screen): its visual twin is the count itself */
        if (!u->eng.cfg.metronome && e->lane == u->focus)
            cue(app, u, e);
        app_redraw(app);
        break;
    case SEV_BEAT:
        cue(app, u, e);
        app_redraw(app);
        break;
    case SEV_REST_START:
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_REST), "Rest: wraps stay on");
        break;
    case SEV_REST_FINAL:
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_REST), "10 seconds: get ready");
        break;
    case SEV_WRAP_OFF:
        if (e->value == SESSION_STOP_NONE) {
            snprintf(cap, sizeof cap, group ? "%s: wrap off now" : "Wraps off now", name);
            cue(app, u, e);
            flash(app, u, session_phase_colour(SESSION_WRAPS_OFF), cap);
        }
        break;
    case SEV_WRAP_ON:
        cue(app, u, e);
        break;
    case SEV_WARNING:
        snprintf(cap, sizeof cap, "%s%s%d min of wrap time left", group ? name : "", group ? ": " : "",
                 (e->value + 30) / 60);
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_GET_READY), cap);
        break;
    case SEV_STOP:
        if (e->t_ms == u->last_stop_ms && e->lane >= 0)
            break; /* a stop of everyone is also reported lane by lane: one cue and one flash */
        u->last_stop_ms = e->t_ms;
        if (e->lane < 0 || !group)
            snprintf(cap, sizeof cap, "Stop: remove the wraps now");
        else
            snprintf(cap, sizeof cap, "%s: stop, remove the wrap now", name);
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_STOPPED), cap);
        break;
    case SEV_REWRAP:
        snprintf(cap, sizeof cap, "%s%sre-wrap a little looser", group ? name : "", group ? ": " : "");
        cue(app, u, e);
        flash(app, u, session_phase_colour(SESSION_WRAP), cap);
        break;
    case SEV_PHASE:
        if (e->value == SESSION_WRAP)
            session_history_begin(app, u);
        u->choice = 0;
        app_redraw(app);
        break;
    case SEV_DONE:
        u->choice = 0;
        app_redraw(app);
        break;
    default:
        app_redraw(app);
        break;
    }
}

/* ---------------- autoplay ---------------- */

static void autoplay(App *app, SessionUi *u)
{
    Session *s = &u->eng;
    int n = session_lane_count(s);
    double now = session_elapsed_s(s);
    switch (session_phase(s)) {
    case SESSION_SCREENING:
        for (int i = 0; i < n; i++)
            for (int k = screening_next(session_lane_screening(s, i)); k >= 0;
                 k = screening_next(session_lane_screening(s, i)))
                session_screen_answer(s, i, (ScreenItem)k, false);
        session_begin_wrap(s);
        break;
    case SESSION_WRAP:
        for (int i = 0; i < n; i++) {
            session_wrap_placed(s, i);
            session_tightness_check(s, i, false, false);
        }
        for (int i = 0; i < n; i++)
            u->auto_next[i] = now + SESSION_GET_READY_MS / 1000.0 + s->cfg.plan.rep_s;
        break;
    case SESSION_SET: {
        int set = session_set_index(s);
        for (int i = 0; i < n && session_phase(s) == SESSION_SET && session_set_index(s) == set; i++) {
            if (session_lane_status(s, i) != LANE_ACTIVE || u->eng.lane[i].set_done)
                continue;
            if (u->auto_next[i] < now - 60)
                u->auto_next[i] = now;
            while (u->auto_next[i] <= now && session_phase(s) == SESSION_SET && !u->eng.lane[i].set_done) {
                /* each athlete a little slower than the last, so the lanes do not move as one */
                u->auto_next[i] += s->cfg.plan.rep_s * (1.0 + 0.04 * (i % 4));
                if (!s->cfg.metronome)
                    session_tap(s, i);
                int target = session_set_target(s, set) - (i % 3);
                if (session_set_to_failure(s, set) && session_lane_reps(s, i) >= (target < 1 ? 1 : target))
                    session_lane_done(s, i);
            }
        }
        if (session_phase(s) != SESSION_SET)
            for (int i = 0; i < n; i++)
                u->auto_next[i] = now + s->cfg.plan.rest_s + s->cfg.plan.rep_s;
        break;
    }
    case SESSION_STOPPED:
        session_confirm_wraps_off(s);
        break;
    case SESSION_DEBRIEF:
        if (u->quit_when_done) {
            session_history_finish(app, u);
            if (u->history_failed) {
                snprintf(autoplay_msg, sizeof autoplay_msg, "the history was not saved: %s", u->history_msg);
                autoplay_status = 1;
            } else {
                autoplay_status = 0;
            }
            app->running = false;
        }
        break;
    default:
        break;
    }
}

/* ---------------- scene callbacks ---------------- */

static void ses_enter(Scene *sc, App *app)
{
    SessionUi *u = calloc(1, sizeof *u);
    sc->state = u;
    if (!u)
        return;
    char dir[OC_PATH_MAX];
    session_protocols_dir(&app->opt, dir, sizeof dir);
    session_protocol_load_dir(&u->protocols, dir, NULL, NULL);
    u->session_scale = app->opt.time_scale > 0 ? app->opt.time_scale : 1.0;
    int lanes = app->opt.athletes > 0 ? app->opt.athletes : 1;
    load_plan(u, u->protocols.count > 0 ? 0 : -1, lanes);
    if (app->opt.protocol[0]) {
        SessionProtocol p;
        char err[600];
        if (session_protocol_load(app->opt.protocol, &p, err, sizeof err) == 0) {
            u->proto = -1;
            for (int i = 0; i < u->protocols.count; i++)
                if (strcmp(u->protocols.items[i].id, p.id) == 0)
                    u->proto = i;
            session_config_default(&u->cfg, &p, lanes);
        } else {
            app_toast(app, err);
        }
    }
    if (app->opt.room) { /* --room: the phones are on from the start (once per run) */
        room_ui_start(app);
        app->opt.room = false;
    }
    u->rep_tick = true;
    u->editing = -1;
    u->setup.count = SETUP_ROWS;
    u->setup.focus = SETUP_START;
    u->last_whole = -1;
    u->autoplay = app->opt.autoplay;
    u->quit_when_done = app->opt.autoplay && app->opt.headless;
    if (u->autoplay && !start_session(app, u)) {
        snprintf(autoplay_msg, sizeof autoplay_msg, "%s", u->setup_error);
        autoplay_status = 1;
        if (u->quit_when_done)
            app->running = false;
    }
}

static void ses_leave(Scene *sc, App *app)
{
    room_ui_stop(app); /* leaving the session switches the room off */
    SessionUi *u = sc->state;
    app_text_input(app, false);
    if (u) {
        if (u->stage == STAGE_RUN)
            session_history_finish(app, u);
        if (u->view)
            muscle_view_destroy(u->view);
        session_protocol_free(&u->protocols);
        free(u);
    }
    sc->state = NULL;
}

static void ses_update(Scene *sc, App *app, double dt)
{
    SessionUi *u = sc->state;
    if (!u)
        return;
    if (app->time < u->flash_until)
        app_animate(app);
    if (u->stage != STAGE_RUN) {
        room_ui_poll(app); /* phones joining while the trainer sets up */
        return;
    }
    audio_sync(&app->audio, app->time);
    Session *s = &u->eng;
    if (u->autoplay)
        autoplay(app, u);
    double sdt = dt * u->session_scale;
    if (session_phase(s) != SESSION_DEBRIEF) /* the debrief shows the session as it ended: its clock stops */
        session_step(s, sdt);
    /* the focused athlete's muscle follows in real time (the others are stepped when the screen is at
     * normal speed: at high time scales only the one being shown) */
    for (int i = 0; i < session_lane_count(s); i++)
        if (i == u->focus || u->session_scale <= 4.0)
            model_run(&u->model[i], sdt);
    if (u->view) {
        if (u->view_lane != u->focus) {
            u->view_lane = u->focus;
            muscle_view_set_part(u->view, u->eng.lane[u->focus].cfg.part);
            app_redraw(app);
        }
        muscle_view_update(u->view, &u->model[u->focus], dt);
    }
    room_session_sync(app, s); /* phones' taps and stops, by the engine's rules; each lane's state back */
    SessionEvent e;
    while (session_poll(s, &e))
        handle_event(app, u, &e);
    CueStyle st = cue_style(app, u);
    cue_plan_ahead(&u->cues, &app->audio, s, app->time, u->session_scale, &st);
    /* the countdown's whole seconds: redraw when they change, and sleep until then */
    double left = session_seconds_left(s);
    int whole = left >= 0 ? (int)ceil(left - 1e-9) : -1;
    if (whole != u->last_whole) {
        u->last_whole = whole;
        app_redraw(app);
    }
    if (left > 0 && !session_paused(s)) { /* paused, the countdown waits */
        double frac = left - floor(left);
        if (frac < 1e-6)
            frac = 1.0;
        app_wake_at(app, app->time + frac / u->session_scale);
    }
    /* the session clock in the header, and the wrap clocks on the lanes, tick every second too */
    if (session_phase(s) != SESSION_DEBRIEF) {
        double el = session_elapsed_s(s);
        app_wake_at(app, app->time + (floor(el) + 1.0 - el) / u->session_scale);
    }
    double wrap = session_lane_wrap_s(s, u->focus);
    if (session_lane_wrap_on(s, u->focus))
        app_wake_at(app, app->time + (1.0 - (wrap - floor(wrap))) / u->session_scale);
}

/* ---- input ---- */

static void stop_dialog_open(App *app, SessionUi *u)
{
    u->was_paused_before_dialog = session_paused(&u->eng);
    u->dialog = DLG_STOP;
    u->stop_choice = 0;
    u->stop_everyone = session_lane_count(&u->eng) == 1;
    app_cue(app, CUE_ALERT);
    app_redraw(app);
}

static void stop_dialog_pick(App *app, SessionUi *u, int choice)
{
    static const SessionStopReason reasons[4] = {SESSION_STOP_PAIN, SESSION_STOP_NUMBNESS, SESSION_STOP_DIZZINESS,
                                                 SESSION_STOP_OTHER};
    u->dialog = DLG_NONE;
    if (choice >= 0 && choice < 4) {
        if (u->stop_everyone)
            session_stop(&u->eng, reasons[choice]);
        else
            session_stop_lane(&u->eng, u->focus, reasons[choice]);
    }
    app_redraw(app);
}

static void run_accept(App *app, SessionUi *u)
{
    Session *s = &u->eng;
    int lane = u->focus;
    switch (session_phase(s)) {
    case SESSION_SCREENING: {
        if (u->screen_lane >= session_lane_count(s)) {
            session_begin_wrap(s);
            return;
        }
        int item = screening_next(session_lane_screening(s, u->screen_lane));
        if (item >= 0 && session_lane_status(s, u->screen_lane) != LANE_EXCLUDED) {
            session_screen_answer(s, u->screen_lane, (ScreenItem)item, u->choice == 1);
            u->choice = 0;
        } else {
            u->screen_lane++;
        }
        app_cue(app, CUE_SELECT);
        break;
    }
    case SESSION_WRAP:
        if (session_lane_status(s, lane) == LANE_PLACING) {
            session_wrap_placed(s, lane);
        } else if (session_lane_status(s, lane) == LANE_CHECKING) {
            session_tightness_check(s, lane, u->choice == 1, u->choice == 2);
            u->choice = 0;
        }
        /* on to the next athlete who still needs a hand */
        for (int k = 1; k <= session_lane_count(s); k++) {
            int j = (lane + k) % session_lane_count(s);
            LaneStatus st = session_lane_status(s, j);
            if (st == LANE_PLACING || st == LANE_CHECKING) {
                if (session_lane_status(s, lane) != LANE_CHECKING)
                    u->focus = j;
                break;
            }
        }
        break;
    case SESSION_SET:
        session_tap(s, lane);
        break;
    case SESSION_STOPPED:
    case SESSION_WRAPS_OFF:
        session_confirm_wraps_off(s);
        break;
    case SESSION_DEBRIEF:
        if (u->choice == 0) {
            app_set_root(app, scene_title());
        } else {
            u->stage = STAGE_SETUP;
            u->setup.focus = SETUP_START;
        }
        break;
    default:
        break;
    }
    app_redraw(app);
}

static int choices_now(const SessionUi *u)
{
    const Session *s = &u->eng;
    switch (session_phase(s)) {
    case SESSION_SCREENING:
        return 2;
    case SESSION_WRAP:
        return session_lane_status(s, u->focus) == LANE_CHECKING ? 3 : 1;
    case SESSION_DEBRIEF:
        return 2;
    default:
        return 1;
    }
}

/* ---- typing athletes' names on the setup screen ---- */

static void names_next(App *app, SessionUi *u)
{
    SessionLaneConfig *l = &u->cfg.lane[u->editing];
    if (!l->name[0]) /* an empty name keeps a plain one */
        snprintf(l->name, sizeof l->name, "Athlete %d", u->editing + 1);
    if (++u->editing >= u->cfg.lanes)
        names_stop(app, u);
    u->name_fresh = true;
    app_redraw(app);
}

static void names_backspace(SessionUi *u)
{
    oc_utf8_drop_last(u->cfg.lane[u->editing].name);
    u->name_fresh = false;
}

static void ses_text(Scene *sc, App *app, const char *utf8)
{
    SessionUi *u = sc->state;
    if (!u || u->editing < 0)
        return;
    char *n = u->cfg.lane[u->editing].name;
    if (u->name_fresh)
        n[0] = '\0';
    u->name_fresh = false;
    size_t len = strlen(n), add = strlen(utf8);
    for (size_t i = 0; i < add; i++)
        if ((unsigned char)utf8[i] < 0x20)
            return; /* no control characters in a name */
    if (len + add < SESSION_NAME_MAX) {
        memcpy(n + len, utf8, add + 1);
        app_redraw(app);
    }
}

static void ses_action(Scene *sc, App *app, Action a)
{
    SessionUi *u = sc->state;
    if (!u)
        return;
    app_redraw(app);
    if (u->stage == STAGE_SETUP && u->editing >= 0) {
        if (a == ACT_ACCEPT)
            names_next(app, u);
        else if (a == ACT_BACK)
            names_backspace(u);
        else if (a == ACT_PAUSE || a == ACT_UP || a == ACT_DOWN)
            names_stop(app, u);
        return;
    }
    if (u->stage == STAGE_SETUP) {
        if (a == ACT_BACK || a == ACT_PAUSE) {
            app_cue(app, CUE_BACK);
            app_pop(app);
            return;
        }
        if (a == ACT_LEFT || a == ACT_RIGHT) {
            setup_change(app, u, u->setup.focus, a == ACT_LEFT ? -1 : 1);
            return;
        }
        if (a == ACT_PREV || a == ACT_NEXT) { /* PgUp/PgDn pick the set whose reps Left/Right change */
            u->rep_cursor = clampi(u->rep_cursor + (a == ACT_NEXT ? 1 : -1), 0, u->cfg.plan.sets - 1);
            u->setup.focus = SETUP_REPS;
            return;
        }
        int i = menu_action(&u->setup, app, a);
        if (i == SETUP_START)
            start_session(app, u);
        else if (i == SETUP_REPS)
            u->rep_cursor = (u->rep_cursor + 1) % u->cfg.plan.sets;
        else if (i == SETUP_ATHLETES) { /* Enter on Athletes: type their names, one after the other */
            u->editing = 0;
            u->name_fresh = true;
            app_text_input(app, true);
        } else if (i >= 0)
            setup_change(app, u, i, 1);
        return;
    }
    Session *s = &u->eng;
    if (u->dialog == DLG_STOP) {
        if (a == ACT_UP || a == ACT_DOWN) {
            u->stop_choice = (u->stop_choice + (a == ACT_DOWN ? 1 : STOP_CHOICES - 1)) % STOP_CHOICES;
            app_cue(app, CUE_MOVE);
        } else if ((a == ACT_LEFT || a == ACT_RIGHT) && session_lane_count(s) > 1) {
            u->stop_everyone = !u->stop_everyone;
        } else if (a == ACT_ACCEPT) {
            stop_dialog_pick(app, u, u->stop_choice);
        } else if (a == ACT_BACK || a == ACT_PAUSE) {
            u->dialog = DLG_NONE;
        }
        return;
    }
    if (u->dialog == DLG_PAUSE) {
        if (a == ACT_PAUSE || a == ACT_ACCEPT) {
            u->dialog = DLG_NONE;
            session_resume(s);
        } else if (a == ACT_BACK) {
            stop_dialog_open(app, u);
        }
        return;
    }
    bool running = session_phase(s) >= SESSION_WRAP && session_phase(s) <= SESSION_REST;
    switch (a) {
    case ACT_PAUSE:
        if (session_pause(s)) {
            u->dialog = DLG_PAUSE;
        } else if (session_phase(s) == SESSION_SCREENING || session_phase(s) == SESSION_DEBRIEF) {
            app_push(app, scene_pause());
        } else if (running) {
            stop_dialog_open(app, u); /* wraps are on: leaving goes through a stop */
        }
        break;
    case ACT_BACK:
        if (running)
            stop_dialog_open(app, u);
        else if (session_phase(s) == SESSION_SCREENING || session_phase(s) == SESSION_DEBRIEF) {
            app_cue(app, CUE_BACK);
            app_pop(app);
        }
        break;
    case ACT_UP:
    case ACT_DOWN: {
        int n = session_lane_count(s);
        if (n > 1 && session_phase(s) != SESSION_SCREENING) {
            u->focus = (u->focus + (a == ACT_DOWN ? 1 : n - 1)) % n;
            u->choice = 0;
            app_cue(app, CUE_MOVE);
        }
        break;
    }
    case ACT_LEFT:
    case ACT_RIGHT: {
        int n = choices_now(u);
        u->choice = (u->choice + (a == ACT_RIGHT ? 1 : n - 1)) % n;
        if (session_phase(s) == SESSION_SCREENING && session_phase(s) == SESSION_SCREENING && n == 2)
            app_cue(app, CUE_MOVE);
        break;
    }
    case ACT_ACCEPT:
        run_accept(app, u);
        break;
    case ACT_NEXT: /* PgDn / clicker "next": this athlete is done with the set (failure) */
        if (session_phase(s) == SESSION_SET)
            session_lane_done(s, u->focus);
        else if (session_phase(s) == SESSION_SCREENING && u->screen_lane < session_lane_count(s))
            u->screen_lane += screening_next(session_lane_screening(s, u->screen_lane)) < 0 ||
                              session_lane_status(s, u->screen_lane) == LANE_EXCLUDED;
        break;
    case ACT_ALT: /* N: the trainer ends the set for everyone */
        session_end_set(s);
        break;
    default:
        break;
    }
}

static void ses_pointer(Scene *sc, App *app, float x, float y, bool click)
{
    SessionUi *u = sc->state;
    if (!u)
        return;
    if (u->stage == STAGE_SETUP) {
        int i = menu_pointer(&u->setup, app, x, y, click);
        if (i == SETUP_START)
            start_session(app, u);
        else if (i >= 0)
            setup_change(app, u, i, x < u->setup.rect[i].x + u->setup.rect[i].w * 0.75f ? -1 : 1);
        app_redraw(app);
        return;
    }
    if (!click)
        return;
    /* a click during a set counts a rep for the athlete whose lane was clicked (or the only one) */
    Session *s = &u->eng;
    if (u->dialog == DLG_NONE && session_phase(s) == SESSION_SET) {
        int n = session_lane_count(s);
        if (n == 1) {
            session_tap(s, 0);
        } else {
            /* the lanes table's place (session_draw.c, big_screen): x from 40 % + 80, y from 100, 760 tall */
            float top = 100, h = 760.0f / (float)n;
            if (h > 110)
                h = 110;
            int lane = (int)floorf((y - top) / h);
            if (x > app->frame.lw * 0.40f + 80 && y >= top && lane >= 0 && lane < n) {
                u->focus = lane;
                session_tap(s, lane);
            }
        }
    } else if (u->dialog == DLG_NONE) {
        run_accept(app, u);
    }
    app_redraw(app);
}

static void ses_draw(Scene *sc, App *app)
{
    SessionUi *u = sc->state;
    if (!u)
        return;
    if (u->stage == STAGE_SETUP)
        session_draw_setup(app, u);
    else
        session_draw_run(app, u);
}

Scene *scene_session(void)
{
    Scene *s = malloc(sizeof *s);
    if (s)
        *s = (Scene){.name = "session",
                     .enter = ses_enter,
                     .leave = ses_leave,
                     .action = ses_action,
                     .pointer = ses_pointer,
                     .text = ses_text,
                     .update = ses_update,
                     .draw = ses_draw};
    return s;
}
