/* The guided session as a state machine: screening -> wraps on and checked -> get-ready countdown ->
 * set 1 -> rest -> set 2 -> ... -> wraps off (reperfusion) -> debrief. Up to 12 athletes ("lanes") run
 * in lockstep: one clock, one set at a time, each lane counting its own reps.
 *
 * No SDL, no clock: the front end calls session_step() with fixed steps and feeds the trainer's inputs;
 * the engine emits events (for sounds, flashes and the history) that the front end drains with
 * session_poll(). Time is kept in whole milliseconds, and every event carries the exact millisecond of
 * its transition, so cues can be scheduled on the audio clock.
 *
 * The safety rules live here, not on the screen:
 * - every lane's continuous wrap time is checked against its body part's limit, with warnings before
 *   it and the wrap ordered off at it (pausing does not stop that clock: the wrap is still on);
 * - a lane whose screening advises against the session sits it out and is never wrapped;
 * - the wraps stay on through every rest, and come off as soon as the last set ends or someone stops.
 * The Session struct holds no pointers, so it can be copied freely (the tests walk its states). */
#ifndef OC_SESSION_H
#define OC_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "body_part.h"
#include "screening.h"
#include "session_protocol.h"

#define SESSION_MAX_LANES 12
#define SESSION_NAME_MAX 40
#define SESSION_EVENT_CAP 256
#define SESSION_GET_READY_MS 3000   /* the 3-2-1 before the first set */
#define SESSION_REST_FINAL_MS 10000 /* "ten seconds" cue before the next set */
#define SESSION_MAX_REWRAPS 3       /* re-wraps for numbness before the lane is stopped */
#define SESSION_REMOVE_MS 20000     /* how long "remove the wrap now" stays up for a stopped lane */
#define SESSION_WARN_COUNT 2
extern const int SESSION_WARN_BEFORE_S[SESSION_WARN_COUNT]; /* warnings this long before the limit */

typedef enum SessionPhase {
    SESSION_SCREENING,
    SESSION_WRAP,      /* wraps placed, tightness checked */
    SESSION_GET_READY, /* 3-2-1 */
    SESSION_SET,
    SESSION_REST,      /* wraps stay on */
    SESSION_WRAPS_OFF, /* the last set is done: wraps off, blood flows back */
    SESSION_STOPPED,   /* everyone stopped: remove the wraps now */
    SESSION_DEBRIEF,
    SESSION_SIT_OUT,   /* lane view only: screening advised against training today */
    SESSION_PHASE_COUNT
} SessionPhase;

typedef enum SessionStopReason {
    SESSION_STOP_NONE,
    SESSION_STOP_PAIN,       /* pain above 7 out of 10 */
    SESSION_STOP_NUMBNESS,   /* numbness or tingling */
    SESSION_STOP_DIZZINESS,
    SESSION_STOP_OTHER,
    SESSION_STOP_TIME_LIMIT, /* the engine's own: continuous wrap time reached the limit */
    SESSION_STOP_REASON_COUNT
} SessionStopReason;

typedef enum LaneStatus {
    LANE_SCREENING,
    LANE_EXCLUDED, /* screening advised against: never wrapped */
    LANE_PLACING,  /* placing the wrap */
    LANE_CHECKING, /* wrap on; asking about numbness and the wish to take it off */
    LANE_READY,    /* wrap on and checked; waiting for the others */
    LANE_ACTIVE,   /* in the sets */
    LANE_STOPPED,  /* stopped with a reason; wrap ordered off */
    LANE_FINISHED, /* all sets done; wrap off */
} LaneStatus;

/* What a lane is told to do right now. The safety test checks these against the phase. */
typedef enum SessionInstruction {
    INSTR_ANSWER_SCREENING,
    INSTR_SIT_OUT,
    INSTR_PLACE_WRAP,
    INSTR_CHECK_TIGHTNESS,
    INSTR_KEEP_WRAP_ON_WAIT, /* wrapped and checked, waiting for the group */
    INSTR_GET_READY,
    INSTR_LIFT,
    INSTR_HOLD_SET_DONE,     /* this lane's set is done; wrap stays on while the others finish */
    INSTR_REST_WRAP_ON,
    INSTR_PAUSED_WRAP_ON,
    INSTR_REMOVE_WRAP_NOW,
    INSTR_RECOVER,           /* wrap off; let the blood flow back */
    INSTR_DONE,
    INSTR_COUNT
} SessionInstruction;

typedef enum SessionEventType {
    SEV_PHASE,        /* value = the new SessionPhase */
    SEV_COUNTDOWN,    /* value = 3, 2, 1 before a set */
    SEV_SET_START,    /* set = 0-based index */
    SEV_REP,          /* lane, value = reps so far in this set */
    SEV_BEAT,         /* metronome, value = beat number in the set (lane -1) */
    SEV_LANE_SET_DONE, /* lane reached its target or failure */
    SEV_SET_END,      /* lane, set: the set is over for this lane (commit it) */
    SEV_REST_START,   /* value = rest seconds */
    SEV_REST_FINAL,   /* ten seconds of rest left */
    SEV_WRAP_ON,      /* lane */
    SEV_REWRAP,       /* lane: numbness or the wish to remove it: re-wrap a little looser */
    SEV_WRAP_OFF,     /* lane: told to take the wrap off; value = SessionStopReason (NONE at the end) */
    SEV_WARNING,      /* lane: value = seconds left before the wrap-time limit */
    SEV_STOP,         /* lane (-1 = everyone), value = SessionStopReason */
    SEV_SCREENED,     /* lane, value = ScreenVerdict */
    SEV_PAUSE,
    SEV_RESUME,
    SEV_DONE,         /* the debrief is reached */
    SEV_TYPE_COUNT
} SessionEventType;

typedef struct SessionEvent {
    SessionEventType type;
    int lane; /* -1 = the whole session */
    int set;  /* 0-based, -1 if none */
    int value;
    int64_t t_ms; /* session time of the transition */
} SessionEvent;

typedef struct SessionLaneConfig {
    char name[SESSION_NAME_MAX];
    BodyPart part;
    int load_percent;
    double tightness; /* felt, 0..10 */
} SessionLaneConfig;

typedef struct SessionConfig {
    SessionProtocol plan;
    int lanes;
    SessionLaneConfig lane[SESSION_MAX_LANES];
    bool metronome; /* the engine counts reps at the plan's pace instead of taps */
} SessionConfig;

typedef struct SessionSetRecord {
    int reps_planned; /* 0 = to failure */
    int reps_done;
    int64_t start_ms, duration_ms, wrap_ms;
    bool ended;
} SessionSetRecord;

typedef struct SessionLane {
    SessionLaneConfig cfg;
    LaneStatus status;
    Screening screen;
    int rewraps;
    bool wrap_on, was_wrapped;
    int64_t wrap_ms, limit_ms;
    int warned; /* warnings given so far */
    bool set_done;
    int sets_done;
    SessionSetRecord set[PROTOCOL_MAX_SETS];
    SessionStopReason stop;
    int64_t stop_at_ms;
} SessionLane;

typedef struct Session {
    SessionConfig cfg;
    SessionPhase phase;
    bool paused;
    int set;              /* the current set, or during a rest the one just finished (0-based) */
    int64_t now_ms;
    int64_t phase_ms;     /* time spent in this phase (not counting pauses) */
    int64_t phase_len_ms; /* length of a timed phase; 0 = until someone acts */
    int beats;
    SessionStopReason stop; /* why everyone stopped */
    SessionLane lane[SESSION_MAX_LANES];
    int ev_head, ev_count, ev_dropped;
    SessionEvent ev[SESSION_EVENT_CAP]; /* last, so a copy of a drained session may stop short of it */
} Session;

/* Checks the config (lanes 1..12, ranges, the plan within every lane's wrap-time limit). 0, or -1 with
 * a message naming the field at fault. */
int session_config_check(const SessionConfig *cfg, char *err, size_t errlen);
/* A config for n lanes from a plan, with default names "Athlete 1".. and the plan's part and load. */
void session_config_default(SessionConfig *cfg, const SessionProtocol *plan, int lanes);
int session_init(Session *s, const SessionConfig *cfg, char *err, size_t errlen);

/* Advances the session clock by dt seconds (rounded to whole ms). */
void session_step(Session *s, double dt);
bool session_poll(Session *s, SessionEvent *ev);

/* ---- inputs; each returns true when it changed something ---- */
bool session_screen_answer(Session *s, int lane, ScreenItem item, bool yes);
/* From screening to wrapping once every lane is answered (or sits out). */
bool session_begin_wrap(Session *s);
bool session_wrap_placed(Session *s, int lane);
/* The tightness check: numbness or tingling? wants the wrap off already? Any yes: re-wrap looser. */
bool session_tightness_check(Session *s, int lane, bool numb, bool wants_off);
bool session_tap(Session *s, int lane);
/* This lane has reached failure (or the trainer ends its set). */
bool session_lane_done(Session *s, int lane);
/* The trainer ends the current set for everyone. */
bool session_end_set(Session *s);
bool session_pause(Session *s);
bool session_resume(Session *s);
/* Everyone stops: every wrap that is on must come off now. */
bool session_stop(Session *s, SessionStopReason why);
/* One lane stops; the others go on. */
void session_stop_lane(Session *s, int lane, SessionStopReason why);
/* After a stop: the trainer confirms every wrap is off; on to the debrief. */
bool session_confirm_wraps_off(Session *s);

/* ---- reading ---- */
SessionPhase session_phase(const Session *s);
bool session_paused(const Session *s);
bool session_finished(const Session *s); /* the debrief is reached */
int session_set_index(const Session *s);
int session_set_count(const Session *s);
int session_set_target(const Session *s, int set); /* reps planned */
bool session_set_to_failure(const Session *s, int set);
double session_seconds_left(const Session *s);     /* in a timed phase, else -1 */
double session_elapsed_s(const Session *s);

int session_lane_count(const Session *s);
const char *session_lane_name(const Session *s, int lane);
LaneStatus session_lane_status(const Session *s, int lane);
SessionPhase session_lane_phase(const Session *s, int lane);
SessionInstruction session_lane_instruction(const Session *s, int lane);
int session_lane_rep_target(const Session *s, int lane); /* the current set's; 0 when none */
int session_lane_reps(const Session *s, int lane);       /* reps in the current (or last) set */
int session_lane_set_reps(const Session *s, int lane, int set);
bool session_lane_set_record(const Session *s, int lane, int set, SessionSetRecord *out);
double session_lane_seconds_left(const Session *s, int lane);
bool session_lane_wrap_on(const Session *s, int lane);
double session_lane_wrap_s(const Session *s, int lane);
double session_lane_wrap_limit_s(const Session *s, int lane);
SessionStopReason session_lane_stop_reason(const Session *s, int lane);
const Screening *session_lane_screening(const Session *s, int lane);
double session_lane_tightness(const Session *s, int lane);

const char *session_phase_name(SessionPhase p);   /* "screening", "wrap", ... */
const char *session_phase_title(SessionPhase p);  /* words for the big screen */
const char *session_stop_reason_text(SessionStopReason r);
const char *session_stop_reason_id(SessionStopReason r);
const char *session_instruction_text(SessionInstruction i);

#endif
