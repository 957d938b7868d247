/* Internal to the Guided Session scene: its state, shared by the input/update, drawing and history
 * files. The rules are in src/session.c; this only shows them and feeds them the trainer's input. */
#ifndef OC_SESSION_UI_H
#define OC_SESSION_UI_H

#include "app.h"
#include "gfx.h"
#include "menu.h"
#include "muscle_view.h"
#include "model.h"
#include "session.h"
#include "session_cues.h"
#include "session_protocol.h"

/* The muscle's panel: a flat colour, so the widget can cache its still parts on it. */
#define MUSCLE_BOX_BG gfx_rgba(0x1a, 0x21, 0x38, 255)

typedef enum SessionStage { STAGE_SETUP, STAGE_RUN } SessionStage;

enum { SETUP_PROTOCOL, SETUP_PART, SETUP_LOAD, SETUP_REST, SETUP_SETS, SETUP_REPS, SETUP_COUNTING,
       SETUP_PHONES, /* the room: athletes count their own reps on their phones */
       SETUP_ATHLETES, SETUP_START, SETUP_ROWS };

typedef enum Dialog { DLG_NONE, DLG_PAUSE, DLG_STOP } Dialog;

#define STOP_CHOICES 5 /* four reasons and "keep going" */

typedef struct LaneHistory {
    int64_t athlete, session;
    bool begun, ended;
} LaneHistory;

typedef struct SessionUi {
    SessionStage stage;
    ProtocolSet protocols;
    int proto;         /* index in protocols, -1 = the built-in guide scheme */
    SessionConfig cfg; /* what the setup screen edits */
    int rep_cursor;    /* which set's target Left/Right changes */
    int editing;       /* the athlete whose name is being typed, or -1 */
    bool name_fresh;   /* the next key typed replaces the name instead of adding to it */
    Menu setup;
    char setup_error[300];

    Session eng;
    Model model[SESSION_MAX_LANES]; /* one occlusion model per athlete, driven by the engine's events */
    MuscleView *view;               /* the Lab's muscle, showing the athlete in focus */
    int view_lane;
    double session_scale;           /* session seconds per game second */
    int focus;                      /* the athlete the keys act on */
    int choice;                     /* the highlighted button in screening / wrap check / debrief */
    int screen_lane;                /* the athlete being asked the questions */
    bool rep_tick;                  /* a tick for every counted rep (setup: Counting) */

    /* the visual twin of every cue */
    SDL_Color flash_colour;
    char flash_caption[96];
    double flash_start, flash_until; /* game time */
    double next_tick;                /* game time of the next countdown change (app_wake_at) */
    int last_whole;                  /* the whole seconds shown last */

    CuePlan cues;
    int64_t last_stop_ms; /* session time of the last stop cue */
    Dialog dialog;
    int stop_choice;
    bool stop_everyone;
    bool was_paused_before_dialog;

    /* --autoplay */
    bool autoplay, quit_when_done;
    double auto_next[SESSION_MAX_LANES]; /* session seconds of each lane's next automatic tap */
    double auto_wait;

    /* history */
    LaneHistory hist[SESSION_MAX_LANES];
    int64_t started_unix, group_id;
    bool history_failed;
    char history_msg[300];
    int sets_committed;
} SessionUi;

/* Phase colours chosen from the Okabe-Ito set so they stay apart for colour-blind viewers, and with
 * different brightness so they differ in grey too. */
SDL_Color session_phase_colour(SessionPhase p);
void session_draw_setup(App *app, SessionUi *u);
void session_draw_run(App *app, SessionUi *u);

/* history (game/session/session_history.c) */
void session_history_begin(App *app, SessionUi *u);
void session_history_event(App *app, SessionUi *u, const SessionEvent *e);
void session_history_finish(App *app, SessionUi *u);

#endif
