#include "session_cues.h"

#include <stdio.h>
#include <string.h>

bool session_event_timed(const SessionEvent *e)
{
    switch (e->type) {
    case SEV_COUNTDOWN:
    case SEV_SET_START:
    case SEV_REST_FINAL:
    case SEV_WARNING:
    case SEV_BEAT:
        return true;
    default:
        return false;
    }
}

Cue session_event_cue(const Session *s, const SessionEvent *e, const CueStyle *st, char *say, size_t cap)
{
    say[0] = '\0';
    const char *name = e->lane >= 0 ? session_lane_name(s, e->lane) : "";
    switch (e->type) {
    case SEV_COUNTDOWN:
        snprintf(say, cap, "%d", e->value);
        return CUE_COUNTDOWN;
    case SEV_SET_START:
        snprintf(say, cap, "Set %d. Go.", e->set + 1);
        return CUE_SET_START;
    case SEV_REP:
        return st->rep_tick ? CUE_REP_TICK : CUE_COUNT;
    case SEV_BEAT:
        snprintf(say, cap, "%d", e->value);
        return CUE_REP_TICK;
    case SEV_REST_START:
        snprintf(say, cap, "Rest. Keep the wraps on.");
        return CUE_REST;
    case SEV_REST_FINAL:
        snprintf(say, cap, "Ten seconds");
        return CUE_REST_FINAL;
    case SEV_WRAP_OFF:
        if (e->value != SESSION_STOP_NONE)
            return CUE_COUNT; /* the stop has its own cue */
        if (st->group)
            snprintf(say, cap, "%s, wrap off.", name);
        else
            snprintf(say, cap, "Done. Wraps off now.");
        return CUE_WRAP_OFF;
    case SEV_WRAP_ON:
        return CUE_WRAP_ON;
    case SEV_WARNING: {
        int min = (e->value + 30) / 60;
        if (st->group)
            snprintf(say, cap, "Warning. %s, %d minute%s of wrap time left.", name, min, min == 1 ? "" : "s");
        else
            snprintf(say, cap, "Warning. %d minute%s of wrap time left.", min, min == 1 ? "" : "s");
        return CUE_WARNING;
    }
    case SEV_STOP:
        if (e->lane >= 0 && st->group)
            snprintf(say, cap, "%s, stop. Remove the wrap now.", name);
        else
            snprintf(say, cap, "Stop. Remove the wraps now.");
        return CUE_STOP;
    case SEV_REWRAP:
        return CUE_ALERT;
    default:
        return CUE_COUNT;
    }
}

void cue_plan_reset(CuePlan *p)
{
    p->n = 0;
}

static bool same(const SessionEvent *a, const SessionEvent *b)
{
    return a->type == b->type && a->lane == b->lane && a->set == b->set && a->value == b->value && a->t_ms == b->t_ms;
}

static void drop(CuePlan *p, Audio *a, int i)
{
    for (int k = 0; k < 2; k++)
        audio_cancel(a, p->item[i].voices[k]);
    p->item[i] = p->item[--p->n];
}

void cue_plan_ahead(CuePlan *p, Audio *a, const Session *s, double now, double scale, const CueStyle *st)
{
    bool seen[CUE_PLAN_MAX] = {false};
    SessionEvent found[CUE_PLAN_MAX];
    int nfound = 0;
    if (a->device && s->phase != SESSION_DEBRIEF) {
        memcpy(&p->ahead, s, offsetof(Session, ev));
        p->ahead.ev_head = p->ahead.ev_count = p->ahead.ev_dropped = 0;
        session_step(&p->ahead, CUE_AHEAD_S * scale);
        SessionEvent e;
        while (session_poll(&p->ahead, &e))
            if (session_event_timed(&e) && e.t_ms > s->now_ms && nfound < CUE_PLAN_MAX)
                found[nfound++] = e;
    }
    /* a planned cue whose transition is no longer in the future (a pause or stop changed it), or whose
     * moment passed without the event: taken back if it has not started */
    for (int i = 0; i < p->n;) {
        bool still = false;
        for (int k = 0; k < nfound && !still; k++)
            if (same(&p->item[i].ev, &found[k])) {
                still = true;
                seen[k] = true;
            }
        if (still)
            i++;
        else
            drop(p, a, i);
    }
    for (int k = 0; k < nfound && p->n < CUE_PLAN_MAX; k++) {
        if (seen[k])
            continue;
        char say[96];
        Cue c = session_event_cue(s, &found[k], st, say, sizeof say);
        if (c == CUE_COUNT)
            continue;
        PlannedCue *pc = &p->item[p->n++];
        pc->ev = found[k];
        pc->game_time = now + (double)(found[k].t_ms - s->now_ms) / 1000.0 / scale;
        pc->heard = audio_schedule(a, c, st->speech ? say : NULL, pc->game_time, pc->voices) > 0;
    }
}

bool cue_plan_play(CuePlan *p, Audio *a, const Session *s, const SessionEvent *e, double game_time,
                   const CueStyle *st)
{
    for (int i = 0; i < p->n; i++)
        if (same(&p->item[i].ev, e)) {
            bool heard = p->item[i].heard;
            p->item[i] = p->item[--p->n];
            return heard;
        }
    char say[96];
    Cue c = session_event_cue(s, e, st, say, sizeof say);
    if (c == CUE_COUNT)
        return true; /* nothing to hear, nothing to caption */
    int v[2];
    return audio_schedule(a, c, st->speech ? say : NULL, game_time, v) > 0;
}
