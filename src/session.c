#include "session.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "oc_util.h"

const int SESSION_WARN_BEFORE_S[SESSION_WARN_COUNT] = {120, 60};

/* ---------------- words ---------------- */

const char *session_phase_name(SessionPhase p)
{
    static const char *const names[SESSION_PHASE_COUNT] = {
        "screening", "wrap", "get-ready", "set", "rest", "wraps-off", "stopped", "debrief", "sit-out"};
    return (unsigned)p < SESSION_PHASE_COUNT ? names[p] : "?";
}

const char *session_phase_title(SessionPhase p)
{
    static const char *const titles[SESSION_PHASE_COUNT] = {
        "Screening", "Wraps on", "Get ready", "Lift", "Rest: wraps stay on", "Wraps off", "Remove the wraps now",
        "Debrief",   "Sitting out"};
    return (unsigned)p < SESSION_PHASE_COUNT ? titles[p] : "";
}

const char *session_stop_reason_text(SessionStopReason r)
{
    switch (r) {
    case SESSION_STOP_PAIN:
        return "Pain above 7 out of 10";
    case SESSION_STOP_NUMBNESS:
        return "Numbness or tingling";
    case SESSION_STOP_DIZZINESS:
        return "Dizziness";
    case SESSION_STOP_OTHER:
        return "Stopped by the trainer";
    case SESSION_STOP_TIME_LIMIT:
        return "Wrap-time limit reached";
    default:
        return "";
    }
}

const char *session_stop_reason_id(SessionStopReason r)
{
    static const char *const ids[SESSION_STOP_REASON_COUNT] = {"", "pain", "numbness", "dizziness", "other",
                                                               "time-limit"};
    return (unsigned)r < SESSION_STOP_REASON_COUNT ? ids[r] : "";
}

const char *session_instruction_text(SessionInstruction i)
{
    static const char *const text[INSTR_COUNT] = {
        [INSTR_ANSWER_SCREENING] = "Answer the health questions",
        [INSTR_SIT_OUT] = "No wrap today: sit this one out",
        [INSTR_PLACE_WRAP] = "Put the wrap on",
        [INSTR_CHECK_TIGHTNESS] = "Check the wrap: any numbness? want it off already?",
        [INSTR_KEEP_WRAP_ON_WAIT] = "Wrap on and checked: wait for the group",
        [INSTR_GET_READY] = "Get ready to lift",
        [INSTR_LIFT] = "Lift: count every rep",
        [INSTR_HOLD_SET_DONE] = "Set done: keep the wrap on",
        [INSTR_REST_WRAP_ON] = "Rest: keep the wrap on",
        [INSTR_PAUSED_WRAP_ON] = "Paused: the wrap stays on, its clock keeps running",
        [INSTR_REMOVE_WRAP_NOW] = "Remove the wrap now",
        [INSTR_RECOVER] = "Wrap off: let the blood flow back",
        [INSTR_DONE] = "Done",
    };
    return (unsigned)i < INSTR_COUNT ? text[i] : "";
}

/* ---------------- config ---------------- */

void session_config_default(SessionConfig *cfg, const SessionProtocol *plan, int lanes)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->plan = *plan;
    cfg->lanes = lanes < 1 ? 1 : lanes > SESSION_MAX_LANES ? SESSION_MAX_LANES : lanes;
    for (int i = 0; i < SESSION_MAX_LANES; i++) {
        SessionLaneConfig *l = &cfg->lane[i];
        snprintf(l->name, sizeof l->name, "Athlete %d", i + 1);
        l->part = plan->body_part;
        l->load_percent = plan->load_percent;
        l->tightness = body_part_default_tightness(plan->body_part);
    }
}

int session_config_check(const SessionConfig *cfg, char *err, size_t errlen)
{
    const SessionProtocol *p = &cfg->plan;
    if (cfg->lanes < 1 || cfg->lanes > SESSION_MAX_LANES)
        return oc_fail(err, errlen, "athletes: %d is not from 1 to %d", cfg->lanes, SESSION_MAX_LANES);
    if (p->sets < 1 || p->sets > PROTOCOL_MAX_SETS)
        return oc_fail(err, errlen, "sets: %d is not from 1 to %d", p->sets, PROTOCOL_MAX_SETS);
    for (int k = 0; k < p->sets; k++)
        if (p->reps[k] < 1 || p->reps[k] > PROTOCOL_REPS_MAX)
            return oc_fail(err, errlen, "sets[%d].reps: %d is not from 1 to %d", k, p->reps[k], PROTOCOL_REPS_MAX);
    if (p->rest_s < PROTOCOL_REST_MIN_S || p->rest_s > PROTOCOL_REST_MAX_S)
        return oc_fail(err, errlen, "rest_seconds: %d is not from %d to %d", p->rest_s, PROTOCOL_REST_MIN_S,
                       PROTOCOL_REST_MAX_S);
    if (!(p->rep_s >= PROTOCOL_REP_S_MIN && p->rep_s <= PROTOCOL_REP_S_MAX))
        return oc_fail(err, errlen, "rep_seconds: %g is not from %g to %g", p->rep_s, PROTOCOL_REP_S_MIN,
                       PROTOCOL_REP_S_MAX);
    if (p->recover_s < PROTOCOL_RECOVER_MIN_S || p->recover_s > PROTOCOL_RECOVER_MAX_S)
        return oc_fail(err, errlen, "recover_seconds: %d is not from %d to %d", p->recover_s,
                       PROTOCOL_RECOVER_MIN_S, PROTOCOL_RECOVER_MAX_S);
    for (int i = 0; i < cfg->lanes; i++) {
        const SessionLaneConfig *l = &cfg->lane[i];
        size_t n = strnlen(l->name, sizeof l->name);
        if (n == 0 || n >= sizeof l->name)
            return oc_fail(err, errlen, "athlete %d: the name must be 1 to %d bytes", i + 1, SESSION_NAME_MAX - 1);
        if ((unsigned)l->part >= BODY_PART_COUNT)
            return oc_fail(err, errlen, "athlete %d: unknown body part", i + 1);
        if (l->load_percent < PROTOCOL_LOAD_MIN || l->load_percent > PROTOCOL_LOAD_MAX)
            return oc_fail(err, errlen, "athlete %d: load %d %% is not from %d to %d %% of 1RM", i + 1,
                           l->load_percent, PROTOCOL_LOAD_MIN, PROTOCOL_LOAD_MAX);
        if (!(l->tightness >= 1.0 && l->tightness <= 10.0))
            return oc_fail(err, errlen, "athlete %d: tightness %g is not from 1 to 10", i + 1, l->tightness);
        char what[64];
        snprintf(what, sizeof what, "athlete %d", i + 1);
        if (session_protocol_fits(p, l->part, what, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* ---------------- events ---------------- */

static void emit(Session *s, SessionEventType type, int lane, int set, int value)
{
    if (s->ev_count >= SESSION_EVENT_CAP) {
        s->ev_dropped++;
        return;
    }
    int at = (s->ev_head + s->ev_count) % SESSION_EVENT_CAP;
    s->ev[at] = (SessionEvent){type, lane, set, value, s->now_ms};
    s->ev_count++;
}

bool session_poll(Session *s, SessionEvent *ev)
{
    if (s->ev_count == 0)
        return false;
    *ev = s->ev[s->ev_head];
    s->ev_head = (s->ev_head + 1) % SESSION_EVENT_CAP;
    s->ev_count--;
    return true;
}

/* ---------------- transitions ---------------- */

static bool lane_ok(const Session *s, int lane)
{
    return lane >= 0 && lane < s->cfg.lanes;
}

static void enter(Session *s, SessionPhase p, int64_t len_ms)
{
    s->phase = p;
    s->phase_ms = 0;
    s->phase_len_ms = len_ms;
    emit(s, SEV_PHASE, -1, s->set, (int)p);
    if (p == SESSION_DEBRIEF) {
        s->paused = false;
        emit(s, SEV_DONE, -1, s->set, 0);
    }
}

static int64_t rest_ms(const Session *s)
{
    return (int64_t)s->cfg.plan.rest_s * 1000;
}

static int64_t rep_ms(const Session *s)
{
    return (int64_t)llround(s->cfg.plan.rep_s * 1000.0);
}

static void start_set(Session *s, int k)
{
    s->set = k;
    s->beats = 0;
    for (int i = 0; i < s->cfg.lanes; i++) {
        SessionLane *l = &s->lane[i];
        if (l->status != LANE_ACTIVE)
            continue;
        l->set_done = false;
        l->set[k] = (SessionSetRecord){
            .reps_planned = s->cfg.plan.to_failure[k] ? 0 : s->cfg.plan.reps[k],
            .start_ms = s->now_ms,
        };
    }
    enter(s, SESSION_SET, 0);
    emit(s, SEV_SET_START, -1, k, s->cfg.plan.reps[k]);
}

/* The lane's part of the current set is over: its record is final and goes out to be committed. */
static void lane_end_set(Session *s, int i)
{
    SessionLane *l = &s->lane[i];
    SessionSetRecord *r = &l->set[s->set];
    if (r->ended)
        return;
    l->set_done = true;
    r->ended = true;
    r->duration_ms = s->now_ms - r->start_ms;
    r->wrap_ms = l->wrap_ms;
    l->sets_done = s->set + 1;
    emit(s, SEV_LANE_SET_DONE, i, s->set, r->reps_done);
    emit(s, SEV_SET_END, i, s->set, r->reps_done);
}

/* A lane whose last set is over takes its wrap off straight away, even while others still lift. */
static void lane_finish(Session *s, int i)
{
    SessionLane *l = &s->lane[i];
    if (l->status != LANE_ACTIVE)
        return;
    l->status = LANE_FINISHED;
    l->stop_at_ms = s->now_ms;
    if (l->wrap_on) {
        l->wrap_on = false;
        emit(s, SEV_WRAP_OFF, i, s->set, SESSION_STOP_NONE);
    }
}

static int count_status(const Session *s, LaneStatus st)
{
    int n = 0;
    for (int i = 0; i < s->cfg.lanes; i++)
        n += s->lane[i].status == st;
    return n;
}

static void finish_sets(Session *s)
{
    for (int i = 0; i < s->cfg.lanes; i++)
        lane_finish(s, i);
    enter(s, SESSION_WRAPS_OFF, (int64_t)s->cfg.plan.recover_s * 1000);
}

static void end_set_for_all(Session *s)
{
    for (int i = 0; i < s->cfg.lanes; i++)
        if (s->lane[i].status == LANE_ACTIVE)
            lane_end_set(s, i);
    if (s->set + 1 >= s->cfg.plan.sets) {
        finish_sets(s);
    } else {
        enter(s, SESSION_REST, rest_ms(s));
        emit(s, SEV_REST_START, -1, s->set, s->cfg.plan.rest_s);
    }
}

static void start_get_ready(Session *s)
{
    for (int i = 0; i < s->cfg.lanes; i++)
        if (s->lane[i].status == LANE_READY)
            s->lane[i].status = LANE_ACTIVE;
    s->set = 0;
    enter(s, SESSION_GET_READY, SESSION_GET_READY_MS);
    emit(s, SEV_COUNTDOWN, -1, 0, 3);
}

static bool any_wrapped(const Session *s)
{
    for (int i = 0; i < s->cfg.lanes; i++)
        if (s->lane[i].was_wrapped)
            return true;
    return false;
}

/* After a lane changed state: does the group move on? */
static void check_group(Session *s, SessionStopReason why)
{
    switch (s->phase) {
    case SESSION_WRAP: {
        int left = count_status(s, LANE_PLACING) + count_status(s, LANE_CHECKING) + count_status(s, LANE_READY);
        if (left == 0) {
            s->stop = why;
            s->paused = false;
            if (any_wrapped(s))
                enter(s, SESSION_STOPPED, 0);
            else
                enter(s, SESSION_DEBRIEF, 0);
        } else if (count_status(s, LANE_READY) == left) {
            start_get_ready(s);
        }
        break;
    }
    case SESSION_GET_READY:
    case SESSION_SET:
    case SESSION_REST:
        if (count_status(s, LANE_ACTIVE) == 0 && count_status(s, LANE_FINISHED) > 0) {
            finish_sets(s); /* the last lanes still lifting finished (or stopped): the sets are over */
        } else if (count_status(s, LANE_ACTIVE) == 0) {
            s->stop = why;
            s->paused = false;
            enter(s, SESSION_STOPPED, 0);
        } else if (s->phase == SESSION_SET && !s->paused) {
            bool all = true;
            for (int i = 0; i < s->cfg.lanes; i++)
                if (s->lane[i].status == LANE_ACTIVE && !s->lane[i].set_done)
                    all = false;
            if (all)
                end_set_for_all(s);
        }
        break;
    default:
        break;
    }
}

/* Stops one lane without moving the group on. */
static void stop_one(Session *s, int i, SessionStopReason why)
{
    SessionLane *l = &s->lane[i];
    if (l->status == LANE_EXCLUDED || l->status == LANE_STOPPED || l->status == LANE_FINISHED)
        return;
    if (l->status == LANE_ACTIVE && s->phase == SESSION_SET && !l->set[s->set].ended)
        lane_end_set(s, i);
    l->status = LANE_STOPPED;
    l->stop = why;
    l->stop_at_ms = s->now_ms;
    emit(s, SEV_STOP, i, s->set, why);
    if (l->wrap_on) {
        l->wrap_on = false;
        emit(s, SEV_WRAP_OFF, i, s->set, why);
    }
}

void session_stop_lane(Session *s, int lane, SessionStopReason why)
{
    if (!lane_ok(s, lane) || why <= SESSION_STOP_NONE || why >= SESSION_STOP_REASON_COUNT)
        return;
    if (s->phase == SESSION_WRAPS_OFF || s->phase == SESSION_STOPPED || s->phase == SESSION_DEBRIEF)
        return;
    LaneStatus before = s->lane[lane].status;
    stop_one(s, lane, why);
    if (s->lane[lane].status != before)
        check_group(s, why);
}

bool session_stop(Session *s, SessionStopReason why)
{
    if (why <= SESSION_STOP_NONE || why >= SESSION_STOP_REASON_COUNT)
        return false;
    if (s->phase == SESSION_WRAPS_OFF || s->phase == SESSION_STOPPED || s->phase == SESSION_DEBRIEF)
        return false;
    s->paused = false;
    s->stop = why;
    emit(s, SEV_STOP, -1, s->set, why);
    for (int i = 0; i < s->cfg.lanes; i++)
        stop_one(s, i, why);
    enter(s, any_wrapped(s) ? SESSION_STOPPED : SESSION_DEBRIEF, 0);
    return true;
}

bool session_confirm_wraps_off(Session *s)
{
    if (s->phase != SESSION_STOPPED && s->phase != SESSION_WRAPS_OFF)
        return false;
    enter(s, SESSION_DEBRIEF, 0);
    return true;
}

/* ---------------- setup ---------------- */

int session_init(Session *s, const SessionConfig *cfg, char *err, size_t errlen)
{
    if (session_config_check(cfg, err, errlen) != 0)
        return -1;
    memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    for (int i = 0; i < SESSION_MAX_LANES; i++) {
        SessionLane *l = &s->lane[i];
        l->cfg = cfg->lane[i];
        screening_reset(&l->screen);
        l->limit_ms = (int64_t)llround(body_part_time_limit_s(l->cfg.part) * 1000.0);
        l->status = LANE_SCREENING;
    }
    s->phase = SESSION_SCREENING;
    emit(s, SEV_PHASE, -1, -1, SESSION_SCREENING);
    return 0;
}

bool session_screen_answer(Session *s, int lane, ScreenItem item, bool yes)
{
    if (s->phase != SESSION_SCREENING || !lane_ok(s, lane) || (unsigned)item >= SCREEN_ITEM_COUNT)
        return false;
    SessionLane *l = &s->lane[lane];
    if (l->status != LANE_SCREENING && l->status != LANE_EXCLUDED)
        return false;
    ScreenVerdict before = screening_verdict(&l->screen);
    screening_answer(&l->screen, item, yes);
    ScreenVerdict v = screening_verdict(&l->screen);
    l->status = v == SCREEN_NOT_TODAY ? LANE_EXCLUDED : LANE_SCREENING;
    if (v != before && v != SCREEN_INCOMPLETE)
        emit(s, SEV_SCREENED, lane, -1, v);
    return true;
}

bool session_begin_wrap(Session *s)
{
    if (s->phase != SESSION_SCREENING)
        return false;
    for (int i = 0; i < s->cfg.lanes; i++)
        if (s->lane[i].status == LANE_SCREENING && screening_verdict(&s->lane[i].screen) == SCREEN_INCOMPLETE)
            return false;
    int going = 0;
    for (int i = 0; i < s->cfg.lanes; i++)
        if (s->lane[i].status == LANE_SCREENING) {
            s->lane[i].status = LANE_PLACING;
            going++;
        }
    enter(s, going ? SESSION_WRAP : SESSION_DEBRIEF, 0);
    return true;
}

bool session_wrap_placed(Session *s, int lane)
{
    if (s->phase != SESSION_WRAP || !lane_ok(s, lane) || s->lane[lane].status != LANE_PLACING)
        return false;
    SessionLane *l = &s->lane[lane];
    l->status = LANE_CHECKING;
    if (!l->wrap_on) {
        l->wrap_on = true;
        l->was_wrapped = true;
        l->wrap_ms = 0;
        l->warned = 0;
        emit(s, SEV_WRAP_ON, lane, -1, 0);
    }
    return true;
}

bool session_tightness_check(Session *s, int lane, bool numb, bool wants_off)
{
    if (s->phase != SESSION_WRAP || !lane_ok(s, lane) || s->lane[lane].status != LANE_CHECKING)
        return false;
    SessionLane *l = &s->lane[lane];
    if (!numb && !wants_off) {
        l->status = LANE_READY;
        check_group(s, SESSION_STOP_NONE);
        return true;
    }
    if (++l->rewraps > SESSION_MAX_REWRAPS) {
        /* still numb after loosening three times: this wrap is not working for them today */
        session_stop_lane(s, lane, numb ? SESSION_STOP_NUMBNESS : SESSION_STOP_OTHER);
        return true;
    }
    /* the guide: re-wrap slightly looser (the wrap stays on the clock: it is still on the limb) */
    l->cfg.tightness = l->cfg.tightness - 0.5 < 3.0 ? 3.0 : l->cfg.tightness - 0.5;
    emit(s, SEV_REWRAP, lane, -1, (int)lround(l->cfg.tightness * 10));
    return true;
}

/* ---------------- during the sets ---------------- */

/* The lane, while its set runs (not paused, the lane lifting and not yet done); else NULL. */
static SessionLane *lifting_lane(Session *s, int lane)
{
    if (s->phase != SESSION_SET || s->paused || !lane_ok(s, lane))
        return NULL;
    SessionLane *l = &s->lane[lane];
    return l->status == LANE_ACTIVE && !l->set_done ? l : NULL;
}

bool session_tap(Session *s, int lane)
{
    SessionLane *l = lifting_lane(s, lane);
    if (!l)
        return false;
    SessionSetRecord *r = &l->set[s->set];
    if (r->reps_done >= 999)
        return false;
    r->reps_done++;
    emit(s, SEV_REP, lane, s->set, r->reps_done);
    if (!s->cfg.plan.to_failure[s->set] && r->reps_done >= s->cfg.plan.reps[s->set])
        session_lane_done(s, lane); /* the planned reps end the lane's set */
    return true;
}

bool session_lane_done(Session *s, int lane)
{
    if (!lifting_lane(s, lane))
        return false;
    lane_end_set(s, lane);
    if (s->set + 1 >= s->cfg.plan.sets)
        lane_finish(s, lane);
    check_group(s, SESSION_STOP_NONE);
    return true;
}

bool session_end_set(Session *s)
{
    if (s->phase != SESSION_SET || s->paused)
        return false;
    end_set_for_all(s);
    return true;
}

bool session_pause(Session *s)
{
    if (s->paused || (s->phase != SESSION_GET_READY && s->phase != SESSION_SET && s->phase != SESSION_REST &&
                      s->phase != SESSION_WRAPS_OFF))
        return false;
    s->paused = true;
    emit(s, SEV_PAUSE, -1, s->set, 0);
    return true;
}

bool session_resume(Session *s)
{
    if (!s->paused)
        return false;
    s->paused = false;
    emit(s, SEV_RESUME, -1, s->set, 0);
    return true;
}

/* ---------------- the clock ---------------- */

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* Time to the next thing that happens on its own, from now (ms, > 0), or `cap`. */
static int64_t next_boundary(const Session *s, int64_t cap)
{
    int64_t best = cap;
    for (int i = 0; i < s->cfg.lanes; i++) {
        const SessionLane *l = &s->lane[i];
        if (!l->wrap_on)
            continue;
        for (int w = l->warned; w < SESSION_WARN_COUNT; w++) {
            int64_t at = l->limit_ms - (int64_t)SESSION_WARN_BEFORE_S[w] * 1000;
            if (at > l->wrap_ms)
                best = min64(best, at - l->wrap_ms);
        }
        if (l->limit_ms > l->wrap_ms)
            best = min64(best, l->limit_ms - l->wrap_ms);
    }
    if (s->paused)
        return best;
    int64_t t = s->phase_ms, len = s->phase_len_ms;
    if (len > 0 && len > t)
        best = min64(best, len - t);
    if (s->phase == SESSION_GET_READY || s->phase == SESSION_REST)
        for (int k = 3; k >= 1; k--) {
            int64_t at = len - (int64_t)k * 1000;
            if (at > t)
                best = min64(best, at - t);
        }
    if (s->phase == SESSION_REST && len - SESSION_REST_FINAL_MS > t)
        best = min64(best, len - SESSION_REST_FINAL_MS - t);
    if (s->phase == SESSION_SET && s->cfg.metronome) {
        int64_t r = rep_ms(s);
        int64_t at = ((t / r) + 1) * r;
        best = min64(best, at - t);
    }
    return best;
}

static bool crossed(int64_t before, int64_t after, int64_t at)
{
    return before < at && after >= at;
}

static void fire(Session *s, int64_t before)
{
    for (int i = 0; i < s->cfg.lanes; i++) {
        SessionLane *l = &s->lane[i];
        if (!l->wrap_on)
            continue;
        while (l->warned < SESSION_WARN_COUNT &&
               l->wrap_ms >= l->limit_ms - (int64_t)SESSION_WARN_BEFORE_S[l->warned] * 1000) {
            emit(s, SEV_WARNING, i, s->set, (int)((l->limit_ms - l->wrap_ms + 999) / 1000));
            l->warned++;
        }
        if (l->wrap_ms >= l->limit_ms)
            session_stop_lane(s, i, SESSION_STOP_TIME_LIMIT);
    }
    if (s->paused)
        return;
    int64_t t = s->phase_ms, len = s->phase_len_ms;
    switch (s->phase) {
    case SESSION_GET_READY:
    case SESSION_REST:
        if (s->phase == SESSION_REST && crossed(before, t, len - SESSION_REST_FINAL_MS))
            emit(s, SEV_REST_FINAL, -1, s->set, SESSION_REST_FINAL_MS / 1000);
        for (int k = 3; k >= 1; k--)
            if (crossed(before, t, len - (int64_t)k * 1000) && !(s->phase == SESSION_GET_READY && k == 3))
                emit(s, SEV_COUNTDOWN, -1, s->set, k);
        if (t >= len)
            start_set(s, s->phase == SESSION_GET_READY ? 0 : s->set + 1);
        break;
    case SESSION_SET:
        if (s->cfg.metronome && t > 0 && t % rep_ms(s) == 0 && before < t) {
            s->beats++;
            emit(s, SEV_BEAT, -1, s->set, s->beats);
            for (int i = 0; i < s->cfg.lanes && s->phase == SESSION_SET; i++)
                session_tap(s, i);
        }
        break;
    case SESSION_WRAPS_OFF:
        if (t >= len)
            enter(s, SESSION_DEBRIEF, 0);
        break;
    default:
        break;
    }
}

void session_step(Session *s, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt))
        return;
    if (dt > 3600.0)
        dt = 3600.0;
    int64_t ms = (int64_t)llround(dt * 1000.0);
    while (ms > 0) {
        int64_t chunk = next_boundary(s, ms);
        if (chunk < 1)
            chunk = 1;
        int64_t before = s->phase_ms;
        s->now_ms += chunk;
        for (int i = 0; i < s->cfg.lanes; i++)
            if (s->lane[i].wrap_on)
                s->lane[i].wrap_ms += chunk;
        if (!s->paused)
            s->phase_ms += chunk;
        ms -= chunk;
        fire(s, before);
    }
}

/* ---------------- reading ---------------- */

SessionPhase session_phase(const Session *s)
{
    return s->phase;
}

bool session_paused(const Session *s)
{
    return s->paused;
}

bool session_finished(const Session *s)
{
    return s->phase == SESSION_DEBRIEF;
}

int session_set_index(const Session *s)
{
    return s->set;
}

int session_set_count(const Session *s)
{
    return s->cfg.plan.sets;
}

int session_set_target(const Session *s, int set)
{
    return set >= 0 && set < s->cfg.plan.sets ? s->cfg.plan.reps[set] : 0;
}

bool session_set_to_failure(const Session *s, int set)
{
    return set >= 0 && set < s->cfg.plan.sets && s->cfg.plan.to_failure[set];
}

double session_seconds_left(const Session *s)
{
    if (s->phase_len_ms <= 0)
        return -1.0;
    int64_t left = s->phase_len_ms - s->phase_ms;
    return left > 0 ? (double)left / 1000.0 : 0.0;
}

double session_elapsed_s(const Session *s)
{
    return (double)s->now_ms / 1000.0;
}

int session_lane_count(const Session *s)
{
    return s->cfg.lanes;
}

const char *session_lane_name(const Session *s, int lane)
{
    return lane_ok(s, lane) ? s->lane[lane].cfg.name : "";
}

LaneStatus session_lane_status(const Session *s, int lane)
{
    return lane_ok(s, lane) ? s->lane[lane].status : LANE_EXCLUDED;
}

SessionPhase session_lane_phase(const Session *s, int lane)
{
    if (!lane_ok(s, lane))
        return SESSION_SIT_OUT;
    const SessionLane *l = &s->lane[lane];
    if (s->phase == SESSION_DEBRIEF)
        return SESSION_DEBRIEF;
    if (l->status == LANE_EXCLUDED || (l->status == LANE_STOPPED && !l->was_wrapped))
        return SESSION_SIT_OUT;
    if (l->status == LANE_STOPPED)
        return SESSION_STOPPED;
    if (l->status == LANE_FINISHED)
        return SESSION_WRAPS_OFF;
    return s->phase;
}

SessionInstruction session_lane_instruction(const Session *s, int lane)
{
    if (!lane_ok(s, lane))
        return INSTR_SIT_OUT;
    const SessionLane *l = &s->lane[lane];
    if (s->phase == SESSION_DEBRIEF)
        return l->status == LANE_EXCLUDED ? INSTR_SIT_OUT : INSTR_DONE;
    switch (l->status) {
    case LANE_SCREENING:
        return INSTR_ANSWER_SCREENING;
    case LANE_EXCLUDED:
        return INSTR_SIT_OUT;
    case LANE_PLACING:
        return INSTR_PLACE_WRAP;
    case LANE_CHECKING:
        return INSTR_CHECK_TIGHTNESS;
    case LANE_READY:
        return INSTR_KEEP_WRAP_ON_WAIT;
    case LANE_STOPPED:
        if (!l->was_wrapped)
            return INSTR_SIT_OUT;
        return s->phase == SESSION_STOPPED || s->now_ms - l->stop_at_ms < SESSION_REMOVE_MS ? INSTR_REMOVE_WRAP_NOW
                                                                                              : INSTR_RECOVER;
    case LANE_FINISHED:
        return s->now_ms - l->stop_at_ms < SESSION_REMOVE_MS ? INSTR_REMOVE_WRAP_NOW : INSTR_RECOVER;
    case LANE_ACTIVE:
        if (s->paused)
            return INSTR_PAUSED_WRAP_ON;
        if (s->phase == SESSION_GET_READY)
            return INSTR_GET_READY;
        if (s->phase == SESSION_SET)
            return l->set_done ? INSTR_HOLD_SET_DONE : INSTR_LIFT;
        if (s->phase == SESSION_REST)
            return INSTR_REST_WRAP_ON;
        return INSTR_DONE;
    }
    return INSTR_DONE;
}

int session_lane_rep_target(const Session *s, int lane)
{
    if (!lane_ok(s, lane) || s->phase != SESSION_SET)
        return 0;
    return s->cfg.plan.reps[s->set];
}

int session_lane_reps(const Session *s, int lane)
{
    return lane_ok(s, lane) ? s->lane[lane].set[s->set].reps_done : 0;
}

int session_lane_set_reps(const Session *s, int lane, int set)
{
    return lane_ok(s, lane) && set >= 0 && set < PROTOCOL_MAX_SETS ? s->lane[lane].set[set].reps_done : 0;
}

bool session_lane_set_record(const Session *s, int lane, int set, SessionSetRecord *out)
{
    if (!lane_ok(s, lane) || set < 0 || set >= s->cfg.plan.sets)
        return false;
    *out = s->lane[lane].set[set];
    return out->ended;
}

double session_lane_seconds_left(const Session *s, int lane)
{
    if (!lane_ok(s, lane))
        return -1.0;
    const SessionLane *l = &s->lane[lane];
    if (l->status == LANE_STOPPED || l->status == LANE_EXCLUDED)
        return -1.0;
    return session_seconds_left(s);
}

bool session_lane_wrap_on(const Session *s, int lane)
{
    return lane_ok(s, lane) && s->lane[lane].wrap_on;
}

double session_lane_wrap_s(const Session *s, int lane)
{
    return lane_ok(s, lane) ? (double)s->lane[lane].wrap_ms / 1000.0 : 0.0;
}

double session_lane_wrap_limit_s(const Session *s, int lane)
{
    return lane_ok(s, lane) ? (double)s->lane[lane].limit_ms / 1000.0 : 0.0;
}

SessionStopReason session_lane_stop_reason(const Session *s, int lane)
{
    return lane_ok(s, lane) ? s->lane[lane].stop : SESSION_STOP_NONE;
}

const Screening *session_lane_screening(const Session *s, int lane)
{
    return lane_ok(s, lane) ? &s->lane[lane].screen : NULL;
}

double session_lane_tightness(const Session *s, int lane)
{
    return lane_ok(s, lane) ? s->lane[lane].cfg.tightness : 0.0;
}
