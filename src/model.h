/* The occlusion model: one limb, one cuff, one working muscle. Deterministic, fixed step, no allocation.
 * Every output comes out of flows, pools and rates; docs/model.md gives each equation and constant. */
#ifndef OC_MODEL_H
#define OC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "oc_rng.h"

#define MODEL_DT 0.01 /* s: the default and largest allowed step */

/* The limb under the wrap. LIMB_LEG is the thigh (LIMB_THIGH names it too); the shoulder is trained through
 * the upper-arm wrap (body_part.h). Values are stable: they may be stored. */
typedef enum Limb {
    LIMB_ARM,     /* upper arm: wrap just below the armpit */
    LIMB_LEG,     /* thigh: wrap at the groin fold */
    LIMB_FOREARM, /* wrap just below the elbow */
    LIMB_CALF,    /* wrap just below the knee */
    LIMB_COUNT,
    LIMB_THIGH = LIMB_LEG
} Limb;
typedef enum Sex { SEX_MALE, SEX_FEMALE } Sex;
/* Where the body is: the wrap site's depth below the heart adds a column of blood the cuff must also beat.
 * AOP is usually measured lying down (the default); sitting and standing raise a leg's AOP most. */
typedef enum Posture { POSTURE_SUPINE, POSTURE_SEATED, POSTURE_STANDING, POSTURE_COUNT } Posture;

typedef struct ModelParams {
    Limb limb;
    double cuff_width_cm;
    double circumference_cm;
    double sbp, dbp; /* mmHg, brachial, at rest */
    double age;      /* years */
    Sex sex;
    Posture posture; /* default supine */
} ModelParams;

/* Safety flags, each raised at most once per run with the time it was first seen. */
typedef enum ModelFlag {
    FLAG_TOURNIQUET,     /* cuff at or above the (current) arterial occlusion pressure */
    FLAG_TIME_LIMIT,     /* continuous cuff time over 15 min (arm) or 20 min (leg) */
    FLAG_TOO_TIGHT,      /* before the first rep: pressure a person would feel as numbness */
    FLAG_TOO_LOOSE,      /* cuff on but veins not compressed: no pooling, no pump */
    FLAG_NO_REPERFUSION, /* a new cuff period less than 3 min after a long one */
    FLAG_COUNT
} ModelFlag;

typedef struct ModelOut {
    double t;                 /* s since model_init */
    double aop_mmhg;          /* arterial occlusion pressure now (rises with exercise) */
    double cuff_mmhg;
    double aop_percent;       /* cuff as % of the current AOP */
    double arterial_inflow;   /* fraction of the uncuffed resting inflow */
    double venous_outflow;    /* fraction of the uncuffed resting outflow */
    double venous_pressure;   /* mmHg in the limb's veins below the cuff */
    double pooled_blood;      /* extra blood held in the veins, % of muscle volume */
    double swelling_percent;  /* change of muscle thickness, % */
    double oxygen_saturation; /* tissue O2 saturation, 0..1 */
    double pcr_mm, pi_mm, ph;
    double lactate_muscle_mm;  /* inside the muscle */
    double lactate_venous_mmol; /* in the limb's venous blood */
    double type1_recruitment, type2_recruitment; /* fraction of each pool active in the current rep */
    double capacity;          /* force the muscle can produce now, fraction of fresh maximum */
    double type1_fatigue, type2_fatigue; /* fibre fatigue beyond the metabolites, 0..1 */
    double fatigue;           /* 1 - capacity */
    int reps_left;            /* estimate at the current load (see model_predict_reps for the exact one) */
    double cuff_time_s;       /* continuous time with the cuff on */
    double sbp_mmhg;          /* systolic pressure now (exercise pressor response) */
    double vasodilation;      /* multiple of resting vascular conductance */
    double anabolic_signal;   /* metabolic stress integrated over time, arbitrary units */
    int anabolic_trend;       /* -1 falling, 0 steady, +1 rising */
    double interstitial_k_mm; /* K+ around the fibres (rest 4 mM): released by work, held in by the cuff */
    double h2po4_mm;          /* the acid form of Pi, the one that blocks force */
} ModelOut;

typedef struct Model {
    ModelParams p;
    double dt, t;
    /* derived constants */
    double eta;        /* fraction of cuff pressure reaching the vessels */
    double inv_eta;
    double sbp_gain, pclose0, time_limit; /* per limb and person */
    double muscle_frac; /* this limb's share of body muscle, for systemic lactate */
    double inv_drive0;  /* 1 / resting perfusion drive */
    double inv_rep_len;
    double sys0, dia0, pclose_sys0, pclose_dia0; /* local pulse and closing pressures at rest */
    double c_pressor, c_mb, c_act, c_dil, c_ic; /* dt / time constant */
    double lymph_rate;  /* 1/s, set with the cuff */
    double c_lymph;     /* dt * lymph_rate */
    double g_dia, g_close, g_cdia, k_in; /* the pressor's share in diastolic and closing pressures; inflow scale */
    double c_q0, c_kf, c_art, c_clear, c_del, c_con, c_anab, c_leak, c_e1, c_e2, c_mct, c_lac, c_rel, c_pump, c_wash, c_slow, c_kslow; /* rate constants times dt */
    double pt, inv_pt;  /* pressure the cuff puts on the vessels and its reciprocal, set with the cuff */
    /* inputs */
    double cuff;       /* mmHg */
    double load;       /* fraction of 1RM */
    double rep_len, rep_t; /* current rep: duration and time into it (rep_t < 0: no rep) */
    double rep_cost;   /* mM ATP for this rep */
    double rep_dem, rep_gly, rep_gly2, rep_r2x2; /* this rep's ATP demand, glycolytic drive and type II work per unit of activation */
    double rep_f1, rep_f2; /* force shares from type I / II in this rep */
    double rep_c, rep_s, rep_cd, rep_sd; /* the rep's half-sine as a rotating phasor (no sin() per step) */
    /* state */
    double pcr, lac_m, lac_b, lac_art, sat, v_pool, v_int, v_ic, dil, pressor, e1, e2, act_avg, anab;
    double e_slow; /* slow fatigue of both pools: excitation-contraction coupling that acid impairs for tens of minutes (docs/model.md 6.) */
    double sat_mb; /* O2 as the type I fibres see it: buffered by their myoglobin store (docs/model.md 6.) */
    double k_int; /* mM of extra interstitial K+ */
    /* bookkeeping */
    double cuff_on_at, cuff_off_at, last_period; /* s; cuff_on_at < 0: cuff off */
    bool rep_done_in_period;
    double cap_at_last_rep, drop_ema, inv_drop;
    double rec1, rec2; /* recruitment of each pool in the current rep */
    double drive1, drive2; /* fatigue drive of each pool in the current rep */
    double flow_in, flow_out, p_vein, anab_delta; /* from the last step, for the outputs */
    ModelOut out;      /* cache, filled by model_out() */
    bool out_valid;
    bool flag_set[FLAG_COUNT];
    double flag_time[FLAG_COUNT];
} Model;

/* "arm", "thigh", "forearm", "calf" ("?" if out of range). */
const char *model_limb_name(Limb limb);
/* The limb for a name: arm, forearm, thigh, calf, with "leg" kept as the thigh; -1 if unknown. */
int model_limb_from_name(const char *name);
/* Thigh and calf: the wrap-time limit and the pressures of a leg. */
bool model_limb_is_leg(Limb limb);
/* The circumference range model_params_check accepts for this limb (cm). */
void model_limb_circumference_range(Limb limb, double *lo, double *hi);

/* A typical adult's limb with the band usually used on it: arm 5 cm band on 30 cm, thigh 10 cm on 55 cm,
 * forearm 5 cm on 26 cm, calf 7.5 cm on 37 cm; 120/80 mmHg, 30 years, male, lying down. */
void model_params_default(ModelParams *p, Limb limb);
/* 0 if every parameter is in its physical range, else -1 with a message naming the field and range. */
int model_params_check(const ModelParams *p, char *err, size_t errlen);

/* AOP at rest for these parameters (the closed form the model starts from). */
double model_aop_rest(const ModelParams *p);
/* Perceived wrap tightness (0-10) to the fraction of AOP it produces on average for this limb. */
double model_tightness_fraction(Limb limb, double tightness);
/* Tightness to cuff pressure (mmHg), with the day-to-day spread of real wraps drawn from rng
 * (rng may be NULL for the average). */
double model_tightness_pressure(const ModelParams *p, double tightness, Rng *rng);

void model_init(Model *m, const ModelParams *p, double dt);
void model_set_cuff(Model *m, double mmhg);
void model_set_load(Model *m, double fraction_1rm);
/* Can the muscle lift the current load once more? */
bool model_can_rep(const Model *m);
/* Start one repetition lasting rep_seconds; returns false (and starts nothing) at failure. */
bool model_begin_rep(Model *m, double rep_seconds);
static inline bool model_in_rep(const Model *m)
{
    return m->rep_t >= 0.0;
}
/* One fixed step: the state and the safety flags. Outputs are derived when model_out() is called. */
void model_step(Model *m);
/* Steps until `seconds` more have passed. */
void model_run(Model *m, double seconds);
const ModelOut *model_out(const Model *m);
/* Exact reps before failure at the current load and cuff, by simulating a copy (no allocation). */
int model_predict_reps(const Model *m, double rep_seconds, int max_reps);

bool model_flag(const Model *m, ModelFlag f, double *when);
const char *model_flag_name(ModelFlag f);

#endif
