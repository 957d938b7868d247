/* What each session event sounds like, and cues played ahead of their transitions: every update the scene
 * looks a few hundredths of a second into the engine's future (a copy stepped forward) and schedules the
 * cues of timed transitions (3-2-1, set start, ten seconds, warnings) on the mixer's clock at their exact
 * moment. When the real event comes, its cue is already placed; if it never comes (a pause or stop came
 * first) the cue is taken back before it starts. Events caused by input (taps, stops) play at once. */
#ifndef OC_SESSION_CUES_H
#define OC_SESSION_CUES_H

#include <stdbool.h>
#include <stddef.h>

#include "audio.h"
#include "session.h"

#define CUE_AHEAD_S 0.05 /* game seconds looked ahead */
#define CUE_PLAN_MAX 16

typedef struct PlannedCue {
    SessionEvent ev;
    double game_time;
    int voices[2];
    bool heard;
} PlannedCue;

typedef struct CuePlan {
    PlannedCue item[CUE_PLAN_MAX];
    int n;
    Session ahead; /* scratch copy of the engine */
} CuePlan;

typedef struct CueStyle {
    bool group;    /* several lanes: names in the words */
    bool rep_tick; /* a tick for every tapped rep */
    bool speech;   /* words after the tones */
} CueStyle;

/* The cue and the words for an event (CUE_COUNT: none). */
Cue session_event_cue(const Session *s, const SessionEvent *e, const CueStyle *st, char *say, size_t cap);
/* True for transitions the clock makes (they can be scheduled ahead); false for those input makes. */
bool session_event_timed(const SessionEvent *e);

void cue_plan_reset(CuePlan *p);
/* Looks ahead from the engine's state now (game time `now`, `scale` session seconds per game second) and
 * schedules the timed cues found. Cancels planned cues whose moment passed without their event. */
void cue_plan_ahead(CuePlan *p, Audio *a, const Session *s, double now, double scale, const CueStyle *st);
/* A real event: plays its cue unless it was planned. Returns whether a cue was heard (false: caption it). */
bool cue_plan_play(CuePlan *p, Audio *a, const Session *s, const SessionEvent *e, double game_time,
                   const CueStyle *st);

#endif
