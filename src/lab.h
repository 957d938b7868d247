/* The Muscle Lab's run driver: one limb of the occlusion model under the learner's wrap, and an unwrapped
 * twin doing the same reps, so the wrap's effect is seen side by side. It holds the learner's controls
 * (wrap, tightness or pressure, load, reps, rests, pause, speed), a demo script (the standard 4-set
 * 30-15-15-15 run), the caption events it reads off the model's outputs, and the debrief time series.
 * Pure core: no SDL, no clock. The front end calls lab_advance() with real seconds. */
#ifndef OC_LAB_H
#define OC_LAB_H

#include <stdbool.h>
#include <stddef.h>

#include "body_part.h"
#include "layout.h"
#include "model.h"

#define LAB_REP_SECONDS 2.0   /* one rep: up and down */
#define LAB_DEMO_HOLD 30.0    /* wrap on at rest before the first set */
#define LAB_DEMO_REST 30.0    /* rests between sets, wrap kept on */
#define LAB_DEMO_SETS 4
#define LAB_DEMO_LOAD 20.0  /* % 1RM: the light end of the guide's 20-50 % */
#define LAB_DEMO_RECOVERY 300.0 /* watched after the wrap comes off, then the debrief */
#define LAB_MAX_SAMPLES 2400  /* one per simulated second: 40 minutes */
#define LAB_MAX_BANDS 64
#define LAB_MAX_AT 3600.0     /* --at: the furthest a run may be started forward */

typedef enum LabInstance { LAB_WITH, LAB_WITHOUT, LAB_INSTANCES } LabInstance;

typedef enum LabPhase {
    LAB_PHASE_READY,    /* nothing done yet (the wrap may be on) */
    LAB_PHASE_SET,      /* reps being done */
    LAB_PHASE_REST,     /* between sets */
    LAB_PHASE_RECOVERY, /* after the wrap came off: the flush and the slow shrink */
    LAB_PHASE_DONE,     /* the debrief is shown */
} LabPhase;

/* Captions, each read off the model's outputs (never scripted by time). */
typedef enum LabEvent {
    LAB_EV_VEINS_CLOSING, /* wrap on: venous outflow held back while arterial blood still comes in */
    LAB_EV_PUMP,          /* swelling building with the wrap on */
    LAB_EV_TYPE2,         /* type II fibres recruited at a light load */
    LAB_EV_FLUSH,         /* wrap off after a pump: fresh blood in, pooled blood out */
    LAB_EV_TOO_LOOSE,     /* wrap on but not enough pressure reaches the veins: no pump */
    LAB_EV_TOO_TIGHT,     /* numbness territory before the first rep: take it off, re-wrap looser */
    LAB_EV_TOURNIQUET,    /* no arterial inflow at all: an alarm, never a goal */
    LAB_EV_TIME_LIMIT,    /* continuous wrap time over the part's limit */
    LAB_EV_FAILURE,       /* the muscle cannot lift the load once more */
    LAB_EV_COUNT
} LabEvent;

typedef enum LabSpeed { LAB_SPEED_1 = 1, LAB_SPEED_4 = 4, LAB_SPEED_16 = 16 } LabSpeed;

/* Places a beginner may try to wrap that the Lab refuses, with the reason. */
typedef enum LabSite { LAB_SITE_CHEST, LAB_SITE_BACK, LAB_SITE_NECK, LAB_SITE_COUNT } LabSite;

/* One point of the debrief: the mean of the outputs over the interval that ends at it (read ten times a
 * second), so a rep's squeeze and refill do not alias into steps when sets and rests alternate. */
typedef struct LabSample {
    float t;         /* s since the run started */
    float swelling;  /* % (the wrapped limb) */
    float oxygen;    /* tissue O2 saturation, % */
    float ph;
    float lactate;   /* mM in the muscle */
    float swelling_twin, oxygen_twin, ph_twin, lactate_twin; /* the unwrapped twin, for the chart */
    bool wrap_on;
} LabSample;

typedef struct LabBand {
    double t0, t1; /* t1 < 0 while open */
    bool set;      /* true: a set; false: a rest with the wrap on */
    int index;     /* 1-based set number */
} LabBand;

typedef struct LabCaption {
    LabEvent ev;
    double t;
} LabCaption;

typedef struct Lab {
    BodyPart part;
    ModelParams params;
    Model m[LAB_INSTANCES]; /* LAB_WITH carries the learner's wrap; LAB_WITHOUT never has one */

    /* the learner's wrap */
    bool wrap_on;
    bool advanced;        /* pressure set in mmHg (advanced panel) instead of felt tightness */
    double tightness;     /* 0..10 */
    double pressure_mmhg; /* used when advanced */
    double cuff_width_cm;
    double load;          /* fraction of 1RM */

    /* running */
    double acc;           /* simulated seconds not yet stepped */
    long steps;
    bool paused;
    int speed;            /* 1, 4, 16 */
    bool auto_cadence;
    LabPhase phase;
    int set_index;        /* 1-based, 0 before the first set */
    int reps_in_set;
    int set_target;       /* 0 = to failure */
    int reps_total;
    double phase_t0;
    double last_rep_t;    /* model time the last rep started (for the contraction animation), <0 none */
    int rep_serial;       /* counts every rep started on the wrapped limb */
    bool failed;          /* the current set ended at failure */
    int reps_left;        /* model_predict_reps on the wrapped limb, refreshed at each rep and during rests */
    int reps_left_serial; /* rep_serial it was last computed for (-1: compute again) */
    double reps_left_t;   /* model time it was last computed */

    /* the demo script */
    bool demo;
    bool demo_cuff;       /* --lab-cuff: the demo wraps the limb (on) or not (off) */
    double set4_end_t;    /* when the demo's last set ended, <0 until then */
    double release_t;     /* when the wrap last came off after a pump, <0 none */

    /* events */
    bool ev_latched[LAB_EV_COUNT]; /* shown once per wrap period (re-armed when the wrap changes) */
    LabCaption captions[16];       /* most recent last */
    int ncaptions;
    double pump_swelling;          /* swelling when the wrap came off */
    bool rep_since_wrap;           /* a rep was done since the wrap went on (too-tight window closed) */

    /* debrief */
    LabSample samples[LAB_MAX_SAMPLES];
    int nsamples;
    double next_sample_t, sample_every;
    double win_sum[9];    /* sums of the outputs read every EVENT_EVERY steps since the last sample */
    int win_n;
    LabBand bands[LAB_MAX_BANDS];
    int nbands;
} Lab;

/* A fresh Lab for a body part with the guide's starting tightness, 30 % 1RM, wrap off. */
void lab_init(Lab *lab, BodyPart part);
/* The standard demo: the wrap on at the part's tightness (if cuff), 30 s at rest, 4 sets of 30-15-15-15
 * with 30 s rests, the wrap off, 5 min recovery, then the debrief. */
void lab_start_demo(Lab *lab, BodyPart part, bool cuff);
/* Changes the body part (restarts the run with the same controls). */
void lab_set_part(Lab *lab, BodyPart part);

/* Learner actions. */
void lab_set_wrap(Lab *lab, bool on);
void lab_set_tightness(Lab *lab, double t);          /* 0..10, clamped */
void lab_set_pressure(Lab *lab, double mmhg);        /* advanced: 0..400 mmHg */
void lab_set_aop_percent(Lab *lab, double percent);  /* advanced: 0..150 % of resting AOP */
void lab_set_cuff_width(Lab *lab, double cm);        /* advanced: 2..25 cm (restarts the run) */
void lab_set_advanced(Lab *lab, bool on);
void lab_set_load(Lab *lab, double percent_1rm);     /* 10..80 % */
/* One rep on both instances (starts a set if none runs). False at failure or mid-rep. */
bool lab_rep(Lab *lab);
void lab_set_auto(Lab *lab, bool on);
void lab_rest(Lab *lab);                 /* ends the current set */
void lab_pause(Lab *lab, bool paused);
void lab_set_speed(Lab *lab, int speed); /* 1, 4 or 16 */
/* Stops the run: the wrap comes off (if on) and the debrief is ready. */
void lab_finish(Lab *lab);

/* Advance by real seconds (scaled by the speed, nothing while paused). */
void lab_advance(Lab *lab, double real_seconds);
/* Advance by simulated seconds regardless of pause/speed (--at). */
void lab_run(Lab *lab, double sim_seconds);

const ModelOut *lab_out(const Lab *lab, LabInstance which);
double lab_time(const Lab *lab);
/* Cuff pressure the wrap puts on now (mmHg, 0 when off). */
double lab_cuff_mmhg(const Lab *lab);
/* Resting AOP of this limb with this cuff width. */
double lab_aop_rest(const Lab *lab);
/* 0..1: how far into the current rep's contraction (0 outside a rep). */
double lab_contraction(const Lab *lab, LabInstance which);
/* Reps left before failure at this load: the model's exact prediction (model_predict_reps) on the
 * wrapped limb, reps done back to back from now. Refreshed when each rep starts (never rising during a
 * set) and every few seconds outside a set; LAB_REPS_LEFT_CAP means "that many or more". */
#define LAB_REPS_LEFT_CAP 60
int lab_reps_left(const Lab *lab);

/* The newest caption at or after t_since (NULL if none). */
const LabCaption *lab_caption_since(const Lab *lab, double t_since);
const char *lab_event_name(LabEvent e);
/* The caption's words for the screen. */
const char *lab_event_text(LabEvent e, BodyPart part);
/* True for events the learner must act on (drawn as warnings). */
bool lab_event_is_warning(LabEvent e);

/* Why a wrap there is refused: a short title and one or two plain sentences. */
const char *lab_site_name(LabSite s);
const char *lab_refusal_title(LabSite s);
const char *lab_refusal_text(LabSite s);

/* ---- where the Lab's screen puts things (logical units; tests measure screenshots with it) ---- */
typedef struct LabLayout {
    LRect header;   /* title and body-part chips */
    LRect caption;  /* the caption bar under the header */
    LRect views[2]; /* one muscle view, or with wrap (0) and without (1) side by side */
    int nviews;
    LRect panel;    /* gauges, fibres, reps left */
    LRect controls; /* the learner's buttons */
} LabLayout;

#define LAB_VIEW_LABEL_H 40.0f /* the view's label above the limb, logical units */

LabLayout lab_layout(const Frame *f, bool side);
/* The limb's drawing area inside a view box (fixed aspect, centred, below the view's label). */
LRect lab_view_fit(LRect box);
/* The part of the drawing area that holds only the limb below the wrap and its arrows: where a test
 * measures the muscle's drawn area and colour. */
LRect lab_measure_rect(LRect box);

#endif
