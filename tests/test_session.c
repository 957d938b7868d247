/* The session engine: phases in order, exact event times, lockstep lanes, the safety rules, and a walk of
 * every reachable state (breadth first over states x inputs) checking that no path tells anyone to take
 * the wraps off during a rest or to keep them on after the last set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_rng.h"
#include "oc_util.h"
#include "session.h"

/* ---------------- helpers ---------------- */

static void plan_small(SessionProtocol *p)
{
    session_protocol_default(p);
    p->sets = 3;
    p->reps[0] = 4;
    p->reps[1] = 3;
    p->reps[2] = 3;
    for (int i = 0; i < 3; i++)
        p->to_failure[i] = false;
    p->rest_s = 30;
    p->recover_s = 30;
}

static void make(Session *s, const SessionProtocol *p, int lanes, bool metronome)
{
    SessionConfig cfg;
    session_config_default(&cfg, p, lanes);
    cfg.metronome = metronome;
    char err[256] = "";
    int rc = session_init(s, &cfg, err, sizeof err);
    if (rc != 0)
        fail_msg("session_init: %s", err);
}

static int drain(Session *s, SessionEvent *out, int cap)
{
    int n = 0;
    SessionEvent e;
    while (session_poll(s, &e))
        if (n < cap)
            out[n++] = e;
    return n;
}

static int count_type(const SessionEvent *ev, int n, SessionEventType t)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += ev[i].type == t;
    return c;
}

static const SessionEvent *find(const SessionEvent *ev, int n, SessionEventType t, int value)
{
    for (int i = 0; i < n; i++)
        if (ev[i].type == t && (value < 0 || ev[i].value == value))
            return &ev[i];
    return NULL;
}

static void screen_all(Session *s, int lane, int yes_item)
{
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        assert_true(session_screen_answer(s, lane, (ScreenItem)i, i == yes_item));
}

/* Screening (all no), wraps placed and checked: the session is in the get-ready countdown. */
static void to_get_ready(Session *s)
{
    for (int l = 0; l < session_lane_count(s); l++)
        screen_all(s, l, -1);
    assert_true(session_begin_wrap(s));
    for (int l = 0; l < session_lane_count(s); l++) {
        assert_true(session_wrap_placed(s, l));
        assert_true(session_tightness_check(s, l, false, false));
    }
    assert_int_equal(session_phase(s), SESSION_GET_READY);
}

/* ---------------- the path through a session ---------------- */

static void test_phases_in_order(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 1, false);
    assert_int_equal(session_phase(&s), SESSION_SCREENING);
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_ANSWER_SCREENING);
    assert_false(session_begin_wrap(&s)); /* nothing answered yet */
    screen_all(&s, 0, -1);
    assert_true(session_begin_wrap(&s));
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_PLACE_WRAP);
    assert_false(session_lane_wrap_on(&s, 0));
    assert_true(session_wrap_placed(&s, 0));
    assert_true(session_lane_wrap_on(&s, 0));
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_CHECK_TIGHTNESS);
    assert_true(session_tightness_check(&s, 0, false, false));
    assert_int_equal(session_phase(&s), SESSION_GET_READY);
    session_step(&s, 3.0);
    assert_int_equal(session_phase(&s), SESSION_SET);
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_LIFT);
    assert_int_equal(session_lane_rep_target(&s, 0), 4);
    for (int set = 0; set < 3; set++) {
        assert_int_equal(session_phase(&s), SESSION_SET);
        assert_int_equal(session_set_index(&s), set);
        for (int r = 0; r < p.reps[set]; r++)
            assert_true(session_tap(&s, 0));
        assert_false(session_tap(&s, 0)); /* the set is over: no more counting */
        if (set < 2) {
            assert_int_equal(session_phase(&s), SESSION_REST);
            assert_true(session_lane_wrap_on(&s, 0));
            assert_int_equal(session_lane_instruction(&s, 0), INSTR_REST_WRAP_ON);
            session_step(&s, 29.99);
            assert_int_equal(session_phase(&s), SESSION_REST);
            session_step(&s, 0.01);
        }
    }
    assert_int_equal(session_phase(&s), SESSION_WRAPS_OFF);
    assert_false(session_lane_wrap_on(&s, 0));
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_REMOVE_WRAP_NOW);
    session_step(&s, 30.0);
    assert_true(session_finished(&s));
    for (int set = 0; set < 3; set++) {
        SessionSetRecord r;
        assert_true(session_lane_set_record(&s, 0, set, &r));
        assert_int_equal(r.reps_done, p.reps[set]);
        assert_int_equal(r.reps_planned, p.reps[set]);
    }
}

static void test_event_times_exact(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 1, false);
    to_get_ready(&s);
    SessionEvent ev[64];
    drain(&s, ev, 64);
    int64_t t0 = s.now_ms;
    session_step(&s, 10.0); /* one big step: the set starts 3 s in, not at the end of the step */
    int n = drain(&s, ev, 64);
    const SessionEvent *st = find(ev, n, SEV_SET_START, -1);
    assert_non_null(st);
    assert_int_equal(st->t_ms - t0, 3000);
    assert_non_null(find(ev, n, SEV_COUNTDOWN, 2));
    assert_int_equal(find(ev, n, SEV_COUNTDOWN, 2)->t_ms - t0, 1000);
    assert_int_equal(find(ev, n, SEV_COUNTDOWN, 1)->t_ms - t0, 2000);
    for (int r = 0; r < 4; r++)
        session_tap(&s, 0);
    n = drain(&s, ev, 64);
    assert_non_null(find(ev, n, SEV_SET_END, 4));
    assert_non_null(find(ev, n, SEV_REST_START, 30));
    int64_t rest0 = s.now_ms;
    session_step(&s, 45.0);
    n = drain(&s, ev, 64);
    assert_int_equal(find(ev, n, SEV_REST_FINAL, -1)->t_ms - rest0, 20000);
    assert_int_equal(find(ev, n, SEV_COUNTDOWN, 3)->t_ms - rest0, 27000);
    assert_int_equal(find(ev, n, SEV_COUNTDOWN, 1)->t_ms - rest0, 29000);
    assert_int_equal(find(ev, n, SEV_SET_START, -1)->t_ms - rest0, 30000);
    /* no wrap comes off between the sets */
    assert_int_equal(count_type(ev, n, SEV_WRAP_OFF), 0);
}

static void test_pause_freezes_countdown_not_wrap_clock(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 1, false);
    to_get_ready(&s);
    session_step(&s, 3.0);
    for (int r = 0; r < 4; r++)
        session_tap(&s, 0);
    assert_int_equal(session_phase(&s), SESSION_REST);
    session_step(&s, 10.0);
    double left = session_seconds_left(&s), wrap = session_lane_wrap_s(&s, 0);
    assert_true(session_pause(&s));
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_PAUSED_WRAP_ON);
    session_step(&s, 100.0);
    assert_true(session_seconds_left(&s) == left);         /* the rest waits */
    assert_true(session_lane_wrap_s(&s, 0) == wrap + 100.0); /* the wrap is still on the limb */
    assert_int_equal(session_phase(&s), SESSION_REST);
    assert_true(session_lane_wrap_on(&s, 0));
    assert_false(session_tap(&s, 0));
    assert_true(session_resume(&s));
    session_step(&s, left);
    assert_int_equal(session_phase(&s), SESSION_SET);
}

static void test_wrap_limit_warns_then_orders_off(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 2, false);
    s.cfg.lane[1].part = BODY_THIGH; /* only the record; the limit below is per lane */
    s.lane[1].limit_ms = 1200000;
    to_get_ready(&s);
    session_step(&s, 3.0);
    assert_true(session_pause(&s)); /* a long pause in the middle of a set: the clock runs on */
    SessionEvent ev[64];
    drain(&s, ev, 64);
    double lim = session_lane_wrap_limit_s(&s, 0);
    assert_true(lim == 900.0);
    session_step(&s, lim - 120.0 - session_lane_wrap_s(&s, 0) - 0.01);
    assert_int_equal(count_type(ev, drain(&s, ev, 64), SEV_WARNING), 0);
    session_step(&s, 0.02);
    int n = drain(&s, ev, 64);
    assert_int_equal(count_type(ev, n, SEV_WARNING), 1);
    assert_int_equal(find(ev, n, SEV_WARNING, -1)->lane, 0);
    assert_int_equal(find(ev, n, SEV_WARNING, -1)->value, 120);
    session_step(&s, 60.0);
    n = drain(&s, ev, 64);
    assert_non_null(find(ev, n, SEV_WARNING, 60));
    session_step(&s, 60.0);
    n = drain(&s, ev, 64);
    const SessionEvent *off = find(ev, n, SEV_WRAP_OFF, SESSION_STOP_TIME_LIMIT);
    assert_non_null(off);
    assert_int_equal(off->lane, 0);
    assert_false(session_lane_wrap_on(&s, 0));
    assert_true(session_lane_wrap_s(&s, 0) == lim);
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_REMOVE_WRAP_NOW);
    assert_int_equal(session_lane_stop_reason(&s, 0), SESSION_STOP_TIME_LIMIT);
    /* the thigh lane has 20 minutes and carries on */
    assert_true(session_lane_wrap_on(&s, 1));
    assert_int_equal(session_lane_phase(&s, 1), SESSION_SET);
    /* the stopped set was committed with what was done */
    SessionSetRecord r;
    assert_true(session_lane_set_record(&s, 0, 0, &r));
}

static void test_stop_during_rest_removes_wraps(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 3, false);
    to_get_ready(&s);
    session_step(&s, 3.0);
    assert_true(session_end_set(&s));
    assert_int_equal(session_phase(&s), SESSION_REST);
    SessionEvent ev[64];
    drain(&s, ev, 64);
    session_stop_lane(&s, 1, SESSION_STOP_DIZZINESS);
    int n = drain(&s, ev, 64);
    assert_non_null(find(ev, n, SEV_STOP, SESSION_STOP_DIZZINESS));
    assert_false(session_lane_wrap_on(&s, 1));
    assert_int_equal(session_lane_phase(&s, 1), SESSION_STOPPED);
    assert_int_equal(session_lane_instruction(&s, 1), INSTR_REMOVE_WRAP_NOW);
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_REST_WRAP_ON);
    assert_true(session_stop(&s, SESSION_STOP_PAIN));
    assert_int_equal(session_phase(&s), SESSION_STOPPED);
    for (int l = 0; l < 3; l++) {
        assert_false(session_lane_wrap_on(&s, l));
        assert_int_equal(session_lane_instruction(&s, l), INSTR_REMOVE_WRAP_NOW);
    }
    assert_int_equal(session_lane_stop_reason(&s, 0), SESSION_STOP_PAIN);
    assert_int_equal(session_lane_stop_reason(&s, 1), SESSION_STOP_DIZZINESS);
    session_step(&s, 600.0); /* stays on "remove now" until the trainer confirms */
    assert_int_equal(session_phase(&s), SESSION_STOPPED);
    assert_true(session_confirm_wraps_off(&s));
    assert_true(session_finished(&s));
}

static void test_screening_advises_against(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 2, false);
    assert_true(session_screen_answer(&s, 0, SCREEN_CLOTS, true));
    assert_int_equal(session_lane_status(&s, 0), LANE_EXCLUDED);
    assert_int_equal(screening_verdict(session_lane_screening(&s, 0)), SCREEN_NOT_TODAY);
    screen_all(&s, 1, SCREEN_BLOOD_THINNERS);
    assert_int_equal(screening_verdict(session_lane_screening(&s, 1)), SCREEN_GO_WITH_CARE);
    assert_true(session_begin_wrap(&s));
    assert_false(session_wrap_placed(&s, 0)); /* the excluded athlete is never wrapped */
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_SIT_OUT);
    assert_true(session_wrap_placed(&s, 1));
    assert_true(session_tightness_check(&s, 1, false, false));
    assert_int_equal(session_phase(&s), SESSION_GET_READY);
    assert_int_equal(session_lane_phase(&s, 0), SESSION_SIT_OUT);

    /* everyone screened out: no session, straight to the debrief */
    static Session t;
    make(&t, &p, 1, false);
    session_screen_answer(&t, 0, SCREEN_PREGNANT, true);
    assert_true(session_begin_wrap(&t));
    assert_true(session_finished(&t));
    assert_int_equal(screening_verdict(session_lane_screening(&t, 0)), SCREEN_NOT_TODAY);
}

static void test_rewrap_looser_then_stop(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    static Session s;
    make(&s, &p, 1, false);
    screen_all(&s, 0, -1);
    session_begin_wrap(&s);
    session_wrap_placed(&s, 0);
    double t0 = session_lane_tightness(&s, 0);
    assert_true(session_tightness_check(&s, 0, true, false));
    assert_true(session_lane_tightness(&s, 0) < t0);
    assert_int_equal(session_lane_instruction(&s, 0), INSTR_CHECK_TIGHTNESS);
    assert_true(session_tightness_check(&s, 0, false, true)); /* wants it off before lifting: too tight */
    assert_true(session_tightness_check(&s, 0, true, false));
    assert_int_equal(session_phase(&s), SESSION_WRAP);
    assert_true(session_tightness_check(&s, 0, true, false)); /* fourth time: stop, wrap off */
    assert_int_equal(session_lane_status(&s, 0), LANE_STOPPED);
    assert_int_equal(session_lane_stop_reason(&s, 0), SESSION_STOP_NUMBNESS);
    assert_false(session_lane_wrap_on(&s, 0));
    assert_int_equal(session_phase(&s), SESSION_STOPPED);
}

static void test_to_failure_and_lockstep(void **state)
{
    (void)state;
    SessionProtocol p;
    session_protocol_default(&p); /* the guide's five sets to failure */
    static Session s;
    make(&s, &p, 12, false);
    to_get_ready(&s);
    session_step(&s, 3.0);
    for (int l = 0; l < 12; l++)
        for (int r = 0; r < 25 + l; r++)
            assert_true(session_tap(&s, l));
    assert_int_equal(session_phase(&s), SESSION_SET); /* to failure: the target does not end it */
    for (int l = 0; l < 11; l++) {
        assert_true(session_lane_done(&s, l));
        assert_int_equal(session_lane_instruction(&s, l), INSTR_HOLD_SET_DONE);
        assert_true(session_lane_wrap_on(&s, l));
    }
    assert_int_equal(session_phase(&s), SESSION_SET); /* lockstep: waits for the last lane */
    assert_true(session_lane_done(&s, 11));
    assert_int_equal(session_phase(&s), SESSION_REST);
    for (int l = 0; l < 12; l++) {
        SessionSetRecord r;
        assert_true(session_lane_set_record(&s, l, 0, &r));
        assert_int_equal(r.reps_done, 25 + l);
        assert_int_equal(r.reps_planned, 0); /* to failure */
    }
}

static void test_metronome_counts(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    p.rep_s = 2.0;
    static Session s;
    make(&s, &p, 2, true);
    to_get_ready(&s);
    session_step(&s, 3.0);
    SessionEvent ev[128];
    drain(&s, ev, 128);
    session_step(&s, 7.99);
    int n = drain(&s, ev, 128);
    assert_int_equal(count_type(ev, n, SEV_BEAT), 3);
    assert_int_equal(session_lane_reps(&s, 0), 3);
    session_step(&s, 0.01); /* the fourth beat ends the first set for both lanes */
    assert_int_equal(session_phase(&s), SESSION_REST);
}

static void test_config_refuses_bad_plans(void **state)
{
    (void)state;
    SessionProtocol p;
    session_protocol_default(&p);
    SessionConfig cfg;
    char err[300];
    session_config_default(&cfg, &p, 13);
    assert_int_equal(cfg.lanes, 12);
    cfg.lanes = 0;
    assert_int_equal(session_config_check(&cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "athletes"));
    session_config_default(&cfg, &p, 1);
    cfg.plan.rest_s = 90;
    assert_int_equal(session_config_check(&cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "rest_seconds"));
    session_config_default(&cfg, &p, 2);
    cfg.lane[1].load_percent = 80;
    assert_int_equal(session_config_check(&cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "athlete 2"));
    /* ten sets of 60 on an arm cannot fit in 15 minutes of wrap time */
    session_config_default(&cfg, &p, 1);
    cfg.plan.sets = 10;
    for (int i = 0; i < 10; i++)
        cfg.plan.reps[i] = 60;
    assert_int_equal(session_config_check(&cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "limit"));
}

/* ---------------- every reachable state ---------------- */

#define WALK_LANES 2

typedef struct LaneKey {
    uint8_t status, wrap_on, was_wrapped, warned, set_done, rewraps, verdict, stop;
    uint8_t reps, sets_done;
    int32_t wrap_ms, since_stop_ms;
} LaneKey;

typedef struct Key {
    uint8_t phase, paused, set, pad;
    int32_t phase_ms;
    LaneKey lane[WALK_LANES];
} Key;

static void key_of(const Session *s, Key *k)
{
    memset(k, 0, sizeof *k);
    k->phase = (uint8_t)s->phase;
    k->paused = s->paused;
    k->set = (uint8_t)s->set;
    /* time in a phase matters only where a timer runs */
    bool timed = s->phase_len_ms > 0 || (s->phase == SESSION_SET && s->cfg.metronome);
    k->phase_ms = timed ? (int32_t)(s->cfg.metronome && s->phase == SESSION_SET
                                        ? s->phase_ms % (int64_t)llround(s->cfg.plan.rep_s * 1000)
                                        : s->phase_ms)
                        : 0;
    for (int i = 0; i < s->cfg.lanes && i < WALK_LANES; i++) {
        const SessionLane *l = &s->lane[i];
        LaneKey *q = &k->lane[i];
        q->status = (uint8_t)l->status;
        q->wrap_on = l->wrap_on;
        q->was_wrapped = l->was_wrapped;
        q->warned = (uint8_t)l->warned;
        q->set_done = l->set_done;
        q->rewraps = (uint8_t)l->rewraps;
        q->verdict = (uint8_t)screening_verdict(&l->screen);
        q->stop = (uint8_t)l->stop;
        /* past its target a set to failure behaves the same whatever the count: clamp it */
        int reps = l->set[s->set].reps_done, cap = s->cfg.plan.reps[s->set] + 1;
        q->reps = (uint8_t)(reps < cap ? reps : cap);
        q->sets_done = (uint8_t)l->sets_done;
        q->wrap_ms = l->wrap_on ? (int32_t)l->wrap_ms : 0;
        if (l->status == LANE_STOPPED || l->status == LANE_FINISHED) {
            int64_t since = s->now_ms - l->stop_at_ms;
            q->since_stop_ms = (int32_t)(since < SESSION_REMOVE_MS ? since : SESSION_REMOVE_MS);
        }
    }
}

typedef struct KeySet {
    Key *keys;
    uint32_t *slots; /* index + 1, 0 = empty */
    size_t count, cap, nslots;
} KeySet;

static uint64_t key_hash(const Key *k)
{
    const unsigned char *b = (const unsigned char *)k;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < sizeof *k; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static bool keyset_add(KeySet *ks, const Key *k)
{
    if ((ks->count + 1) * 2 > ks->nslots) {
        size_t ns = ks->nslots ? ks->nslots * 2 : 1 << 16;
        uint32_t *sl = calloc(ns, sizeof *sl);
        assert_non_null(sl);
        for (size_t i = 0; i < ks->count; i++) {
            size_t h = key_hash(&ks->keys[i]) & (ns - 1);
            while (sl[h])
                h = (h + 1) & (ns - 1);
            sl[h] = (uint32_t)(i + 1);
        }
        free(ks->slots);
        ks->slots = sl;
        ks->nslots = ns;
    }
    size_t h = key_hash(k) & (ks->nslots - 1);
    while (ks->slots[h]) {
        if (memcmp(&ks->keys[ks->slots[h] - 1], k, sizeof *k) == 0)
            return false;
        h = (h + 1) & (ks->nslots - 1);
    }
    if (ks->count == ks->cap) {
        ks->cap = ks->cap ? ks->cap * 2 : 1 << 15;
        ks->keys = realloc(ks->keys, ks->cap * sizeof *ks->keys);
        assert_non_null(ks->keys);
    }
    ks->keys[ks->count] = *k;
    ks->slots[h] = (uint32_t)(++ks->count);
    return true;
}

typedef struct Seen {
    long states, transitions;
    bool debrief_done, stopped, time_limit, warning, paused_rest, sit_out, rewrap, wraps_off, lane_stop_in_rest;
} Seen;

static bool keeps_wrap_on(SessionInstruction in)
{
    return in == INSTR_KEEP_WRAP_ON_WAIT || in == INSTR_GET_READY || in == INSTR_LIFT || in == INSTR_HOLD_SET_DONE ||
           in == INSTR_REST_WRAP_ON || in == INSTR_PAUSED_WRAP_ON;
}

/* The safety rules, read through the public interface. */
static void check_state(const Session *s, Seen *seen)
{
    int active = 0;
    for (int i = 0; i < session_lane_count(s); i++) {
        SessionPhase lp = session_lane_phase(s, i);
        SessionInstruction in = session_lane_instruction(s, i);
        bool on = session_lane_wrap_on(s, i);
        LaneStatus st = session_lane_status(s, i);
        active += st == LANE_ACTIVE;
        if (lp == SESSION_REST && !(on && (in == INSTR_REST_WRAP_ON || in == INSTR_PAUSED_WRAP_ON)))
            fail_msg("lane %d in a rest is told '%s' (wrap %s)", i, session_instruction_text(in), on ? "on" : "off");
        if (in == INSTR_REMOVE_WRAP_NOW && lp != SESSION_STOPPED && lp != SESSION_WRAPS_OFF)
            fail_msg("lane %d told to remove its wrap in phase %s", i, session_phase_name(lp));
        if ((lp == SESSION_WRAPS_OFF || lp == SESSION_STOPPED || lp == SESSION_DEBRIEF || lp == SESSION_SIT_OUT) &&
            (on || keeps_wrap_on(in)))
            fail_msg("lane %d keeps its wrap on in phase %s", i, session_phase_name(lp));
        if (keeps_wrap_on(in) && !on)
            fail_msg("lane %d told '%s' with no wrap on", i, session_instruction_text(in));
        if (on && session_lane_wrap_s(s, i) > session_lane_wrap_limit_s(s, i))
            fail_msg("lane %d wrapped %.1f s, over its %.0f s limit", i, session_lane_wrap_s(s, i),
                     session_lane_wrap_limit_s(s, i));
        if (s->lane[i].sets_done >= session_set_count(s) && (on || keeps_wrap_on(in)))
            fail_msg("lane %d finished every set and still has its wrap on", i);
        if (st == LANE_EXCLUDED && s->lane[i].was_wrapped)
            fail_msg("lane %d was screened out but wrapped", i);
        if (lp == SESSION_SIT_OUT)
            seen->sit_out = true;
        if (s->lane[i].stop == SESSION_STOP_TIME_LIMIT)
            seen->time_limit = true;
    }
    SessionPhase ph = session_phase(s);
    if ((ph == SESSION_GET_READY || ph == SESSION_SET || ph == SESSION_REST) && active == 0)
        fail_msg("phase %s with nobody active", session_phase_name(ph));
    if (ph == SESSION_REST && session_paused(s))
        seen->paused_rest = true;
    if (ph == SESSION_STOPPED)
        seen->stopped = true;
}

/* What the events of one transition say, against the state before and after. */
static void check_events(const Session *before, Session *after, Seen *seen)
{
    SessionEvent e;
    SessionPhase now = session_phase(before);
    while (session_poll(after, &e)) {
        if (e.type == SEV_PHASE)
            now = (SessionPhase)e.value;
        if (e.t_ms < before->now_ms || e.t_ms > after->now_ms)
            fail_msg("event %d at %lld ms outside the step [%lld, %lld]", e.type, (long long)e.t_ms,
                     (long long)before->now_ms, (long long)after->now_ms);
        if (e.type == SEV_WRAP_OFF && e.value == SESSION_STOP_NONE) {
            /* a plain "wraps off" only ever comes when the last set is over */
            if (e.set != session_set_count(after) - 1 || session_lane_phase(after, e.lane) != SESSION_WRAPS_OFF)
                fail_msg("wraps off with no stop after set %d of %d (phase %s)", e.set + 1, session_set_count(after),
                         session_phase_name(session_lane_phase(after, e.lane)));
            seen->wraps_off = true;
        }
        if (e.type == SEV_WRAP_OFF && e.value == SESSION_STOP_NONE && now != SESSION_SET)
            fail_msg("a wrap came off without a stop in phase %s", session_phase_name(now));
        if (e.type == SEV_WRAP_OFF && now == SESSION_REST)
            seen->lane_stop_in_rest = true;
        if (e.type == SEV_WRAP_ON && before->lane[e.lane].status == LANE_EXCLUDED)
            fail_msg("a screened-out lane was wrapped");
        if (e.type == SEV_WARNING)
            seen->warning = true;
        if (e.type == SEV_REWRAP)
            seen->rewrap = true;
        if (e.type == SEV_DONE && session_phase(before) == SESSION_WRAPS_OFF)
            seen->debrief_done = true;
    }
    if (after->ev_dropped)
        fail_msg("events dropped");
    /* when the sets end, every lane still training gets its wrap taken off in the same transition */
    if (session_phase(before) != SESSION_WRAPS_OFF && session_phase(after) == SESSION_WRAPS_OFF)
        for (int i = 0; i < session_lane_count(after); i++)
            if (session_lane_wrap_on(after, i))
                fail_msg("lane %d still wrapped as the wraps-off phase starts", i);
}

enum { IN_STEP_SMALL, IN_STEP_BIG, IN_PAUSE, IN_RESUME, IN_STOP, IN_END_SET, IN_CONFIRM_OFF, IN_BEGIN_WRAP, IN_GLOBAL };
enum { LI_TAP, LI_DONE, LI_STOP, LI_PLACE, LI_CHECK_OK, LI_CHECK_NUMB, LI_SCREEN_NO, LI_SCREEN_AGAINST,
       LI_SCREEN_CARE, LI_PER_LANE };

static void apply(Session *s, int input, double small, double big)
{
    if (input < IN_GLOBAL) {
        switch (input) {
        case IN_STEP_SMALL:
            session_step(s, small);
            break;
        case IN_STEP_BIG:
            session_step(s, big);
            break;
        case IN_PAUSE:
            session_pause(s);
            break;
        case IN_RESUME:
            session_resume(s);
            break;
        case IN_STOP:
            session_stop(s, SESSION_STOP_PAIN);
            break;
        case IN_END_SET:
            session_end_set(s);
            break;
        case IN_CONFIRM_OFF:
            session_confirm_wraps_off(s);
            break;
        case IN_BEGIN_WRAP:
            session_begin_wrap(s);
            break;
        }
        return;
    }
    int lane = (input - IN_GLOBAL) / LI_PER_LANE, what = (input - IN_GLOBAL) % LI_PER_LANE;
    switch (what) {
    case LI_TAP:
        session_tap(s, lane);
        break;
    case LI_DONE:
        session_lane_done(s, lane);
        break;
    case LI_STOP:
        session_stop_lane(s, lane, SESSION_STOP_NUMBNESS);
        break;
    case LI_PLACE:
        session_wrap_placed(s, lane);
        break;
    case LI_CHECK_OK:
        session_tightness_check(s, lane, false, false);
        break;
    case LI_CHECK_NUMB:
        session_tightness_check(s, lane, true, false);
        break;
    case LI_SCREEN_NO:
    case LI_SCREEN_AGAINST:
    case LI_SCREEN_CARE:
        for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
            session_screen_answer(s, lane, (ScreenItem)i,
                                  (what == LI_SCREEN_AGAINST && i == SCREEN_VARICOSE) ||
                                      (what == LI_SCREEN_CARE && i == SCREEN_UNWELL_TODAY));
        break;
    }
}

/* Breadth first over every state reachable with these inputs. Time moves in two step sizes (the engine
 * lands every transition on its exact millisecond inside a step); `care` adds the "train with care"
 * screening answer, which behaves like "clear" afterwards and doubles the states. */
static Seen walk(int lanes, bool metronome, double small, double big, int64_t limit_ms, bool care)
{
    SessionProtocol p;
    session_protocol_default(&p);
    p.sets = 2;
    p.reps[0] = 2;
    p.reps[1] = 2;
    p.to_failure[0] = false;
    p.to_failure[1] = true;
    p.rest_s = 30;
    p.recover_s = 30;
    p.rep_s = 2.0;
    Session *root = calloc(1, sizeof *root);
    make(root, &p, lanes, metronome);
    for (int i = 0; i < lanes; i++)
        root->lane[i].limit_ms = limit_ms; /* a short limit, so walks reach it */
    SessionEvent e;
    while (session_poll(root, &e))
        ;
    KeySet ks = {0};
    /* the queue keeps drained sessions, so only the part before the event ring is stored and copied */
    const size_t part = offsetof(Session, ev);
    size_t qcap = 1024, qhead = 0, qlen = 0;
    unsigned char *q = malloc(qcap * part);
    assert_non_null(q);
    Key k;
    key_of(root, &k);
    keyset_add(&ks, &k);
    memcpy(q, root, part);
    qlen = 1;
    Seen seen = {0};
    int ninputs = IN_GLOBAL + LI_PER_LANE * lanes;
    Session *next = calloc(1, sizeof *next), *cur = calloc(1, sizeof *cur);
    assert_non_null(next);
    assert_non_null(cur);
    while (qlen > 0) {
        memcpy(cur, q + qhead * part, part);
        qhead = (qhead + 1) % qcap;
        qlen--;
        seen.states++;
        check_state(cur, &seen);
        for (int in = 0; in < ninputs; in++) {
            if (!care && in >= IN_GLOBAL && (in - IN_GLOBAL) % LI_PER_LANE == LI_SCREEN_CARE)
                continue;
            memcpy(next, cur, part);
            apply(next, in, small, big);
            seen.transitions++;
            check_events(cur, next, &seen);
            key_of(next, &k);
            if (!keyset_add(&ks, &k))
                continue;
            if (qlen == qcap) { /* grow the ring, unrolling it */
                unsigned char *nq = malloc(qcap * 2 * part);
                assert_non_null(nq);
                for (size_t i = 0; i < qlen; i++)
                    memcpy(nq + i * part, q + ((qhead + i) % qcap) * part, part);
                free(q);
                q = nq;
                qhead = 0;
                qcap *= 2;
            }
            memcpy(q + ((qhead + qlen++) % qcap) * part, next, part);
        }
    }
    free(next);
    free(cur);
    free(q);
    free(ks.keys);
    free(ks.slots);
    free(root);
    return seen;
}

static void expect_coverage(const Seen *s, const char *what)
{
    printf("%s: %ld states, %ld transitions\n", what, s->states, s->transitions);
    assert_true(s->debrief_done);
    assert_true(s->stopped);
    assert_true(s->time_limit);
    assert_true(s->warning);
    assert_true(s->paused_rest);
    assert_true(s->sit_out);
    assert_true(s->rewrap);
    assert_true(s->wraps_off);
    assert_true(s->lane_stop_in_rest);
}

static void test_every_state_one_lane(void **state)
{
    (void)state;
    Seen s = walk(1, false, 3.0, 15.0, 150000, true);
    expect_coverage(&s, "1 lane, taps");
    assert_true(s.states > 1000);
}

static void test_every_state_one_lane_metronome(void **state)
{
    (void)state;
    Seen s = walk(1, true, 3.0, 15.0, 150000, true);
    expect_coverage(&s, "1 lane, metronome");
}

static void test_every_state_two_lanes(void **state)
{
    (void)state;
    Seen s = walk(2, false, 15.0, 45.0, 130000, false);
    expect_coverage(&s, "2 lanes, taps");
    assert_true(s.states > 10000);
}

/* Twelve lanes are too many to enumerate: long random walks check the same rules. */
static void test_random_walks_twelve_lanes(void **state)
{
    (void)state;
    SessionProtocol p;
    plan_small(&p);
    p.to_failure[1] = true;
    Rng rng;
    rng_seed(&rng, 12345);
    static Session s, before;
    Seen seen = {0};
    const int lanes = 12, ninputs = IN_GLOBAL + LI_PER_LANE * lanes;
    int finished = 0;
    for (int walk_i = 0; walk_i < 300; walk_i++) {
        make(&s, &p, lanes, walk_i % 3 == 0);
        SessionEvent e;
        while (session_poll(&s, &e))
            ;
        for (int step = 0; step < 3000 && !session_finished(&s); step++) {
            before = s;
            int in = (int)((uint32_t)rng_next(&rng) % (uint32_t)ninputs);
            /* favour progress so walks get deep: screening, wraps and taps */
            if ((uint32_t)rng_next(&rng) % 4 != 0) {
                static const int progress[] = {LI_TAP, LI_TAP, LI_TAP, LI_TAP, LI_PLACE, LI_CHECK_OK, LI_DONE};
                in = IN_GLOBAL + (int)((uint32_t)rng_next(&rng) % (uint32_t)lanes) * LI_PER_LANE +
                     progress[rng_next(&rng) % OC_ARRAY_LEN(progress)];
            }
            if ((uint32_t)rng_next(&rng) % 8 == 0)
                in = (uint32_t)rng_next(&rng) % 2 ? IN_STEP_BIG : IN_BEGIN_WRAP;
            if (session_phase(&s) == SESSION_SCREENING && (uint32_t)rng_next(&rng) % 4 == 0)
                in = IN_GLOBAL + (int)((uint32_t)rng_next(&rng) % (uint32_t)lanes) * LI_PER_LANE + LI_SCREEN_NO;
            if ((uint32_t)rng_next(&rng) % 3000 == 0)
                in = IN_STOP;
            apply(&s, in, 1.0, 13.0);
            check_events(&before, &s, &seen);
            check_state(&s, &seen);
        }
        finished += session_finished(&s);
    }
    printf("12 lanes: %d of 300 random walks reached the debrief\n", finished);
    assert_true(seen.wraps_off);
    assert_true(finished > 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phases_in_order),
        cmocka_unit_test(test_event_times_exact),
        cmocka_unit_test(test_pause_freezes_countdown_not_wrap_clock),
        cmocka_unit_test(test_wrap_limit_warns_then_orders_off),
        cmocka_unit_test(test_stop_during_rest_removes_wraps),
        cmocka_unit_test(test_screening_advises_against),
        cmocka_unit_test(test_rewrap_looser_then_stop),
        cmocka_unit_test(test_to_failure_and_lockstep),
        cmocka_unit_test(test_metronome_counts),
        cmocka_unit_test(test_config_refuses_bad_plans),
        cmocka_unit_test(test_every_state_one_lane),
        cmocka_unit_test(test_every_state_one_lane_metronome),
        cmocka_unit_test(test_every_state_two_lanes),
        cmocka_unit_test(test_random_walks_twelve_lanes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
