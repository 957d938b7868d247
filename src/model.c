/* The occlusion model. Equations and the reasoning behind every constant: docs/model.md. */
#include "model.h"

#include <math.h>
#include <string.h>

#include "oc_util.h"

/* ---- AOP: cuff pressure is transmitted to the vessels with efficiency eta, and the artery closes when
 * the transmitted pressure reaches its closing pressure (fitted by tools/fit_aop.py) ---- */
#define AOP_C0 48.73     /* mmHg: tissue and wall rigidity that hold the artery open */
#define AOP_A_SBP 0.3975 /* share of systolic pressure in the closing pressure */
#define AOP_K_AGE 1.108  /* mmHg per year: stiffer arteries with age */
#define AOP_S_FEMALE 7.67
#define AOP_LAMBDA 0.7748 /* transmission depth, in limb radii per cm of cuff width */
#define RHO_G 0.78        /* mmHg per cm of blood column below the heart */
#define TIGHT_BETA 0.227 /* felt tightness: share of the pull (Laplace) in what a wrap feels like, see 2. */

/* ---- circulation ---- */
#define P_VEIN0 12.0   /* mmHg, resting venous pressure in the limb */
#define P_CVP 5.0      /* mmHg, where the limb's veins drain to */
#define Q0 0.0005      /* 1/s: resting blood flow per muscle volume (3 ml/min/100 ml) */
#define VMAX_POOL 0.06 /* extra venous blood the limb can hold, fraction of muscle volume */
#define PC_POOL 40.0   /* mmHg: venous compliance scale (pool = VMAX dP / (dP + PC)) */
#define V_BLOOD0 0.05  /* resting blood volume in the muscle, fraction */
#define KF 1.0e-6      /* 1/(s mmHg): capillary filtration into the interstitium */
#define TAU_LYMPH 600.0
#define R_CUFF0 0.0138  /* resistance of the uncompressed conduit artery, share of resting total */
#define VEIN_SHIELDED 0.08824 /* share of the venous bed shielded from the cuff's full squeeze */
#define IMP_GAIN 150.0 /* mmHg of intramuscular pressure per unit of relative force */
#define DIL_MAX 30.0   /* exercise hyperaemia: up to ~18x resting flow */
#define TAU_DIL 6.0
#define ACT_TAU 20.0   /* s: how long work keeps the vessels open and the pressure up after it stops */

/* ---- energetics (mM of muscle water) ---- */
#define PCR0 30.0
#define PI0 4.0
#define LAC0 1.0
#define PH0 7.05
#define BETA 45.0      /* mM per pH unit: intracellular buffer capacity */
#define PCR_H 0.4      /* protons taken up per PCr split */
#define J_REST 0.015   /* mM ATP/s at rest */
#define V_OX 0.45      /* mM ATP/s: oxidative capacity */
#define K_OX 13.5      /* mM: PCr recovery time constant K_OX/V_OX = 30 s with oxygen */
#define V_GLY 0.9462     /* mM ATP/s: glycolytic capacity */
#define K_GLY 4.0      /* mM of Pi for half activation */
#define GLY_I 0.1288      /* glycolytic drive of working type I fibres, relative to fully recruited type II */
#define V_GLY2 0.4665     /* mM ATP/s: glycogenolysis switched on by contraction (Ca2+) in recruited type II fibres */
#define REP_COST 4.031  /* mM ATP per rep per unit of relative force from type I (type II: x COST_II) */
#define K_MCT 0.003247  /* 1/s: lactate transport muscle -> blood */
#define TAU_CLEAR 900.0
#define MUSCLE_WATER 0.75

/* ---- oxygen ---- */
#define SAT_ART 0.98
#define SAT0 0.70
#define K_CON 0.08     /* saturation per mM ATP made oxidatively */
#define K_DEL (K_CON * J_REST / (SAT_ART - SAT0))
#define K_SAT 0.30     /* saturation at which oxidative ATP supply is halved */

/* ---- force, fibres, fatigue ---- */
#define PHI1 0.5       /* share of maximal force from type I fibres */
#define K_DYN 1.0      /* a rep needs this multiple of the load as force (1RM: exactly the fresh maximum) */
#define PK_PI 6.75     /* pK of inorganic phosphate's second proton */
#define H2PO4_REST (PI0 / (1.0 + 1.9952623149688795)) /* at pH 7.05: 10^(7.05 - 6.75) */
#define K_PI 123.9      /* mM of extra H2PO4- that halves cross-bridge force */
#define K_H 0.4738      /* force lost per pH unit of acidosis, beyond its effect on H2PO4- */
#define K_O1 0.04      /* saturation that halves type I force (they run on oxygen) */
#define A_E1 0.06964    /* 1/s at full use: fatigue of working type I fibres (see E1_BASE, STARVE_GAIN) */
#define A_E2 0.02216   /* type II: faster as Pi piles up (PI_GAIN) */
#define TAU_E1 18.51    /* s: recovery, needs oxygen */
#define TAU_E2 32.97    /* s: recovery, needs phosphocreatine */
#define K_KX 6.74      /* mM of extra interstitial K+ that halves excitation-contraction */
#define K_REL 0.456    /* mM/s of K+ released by fully active muscle */
#define K_WASH 0.0694  /* 1/s per unit of venous outflow: K+ carried away by the blood */
#define K_REST 4.0     /* mM: interstitial K+ at rest */
#define K_PUMP 0.02    /* 1/s: Na/K pump reuptake */
#define COST_II 1.5   /* type II fibres use this multiple of type I's ATP per unit of force */
#define STARVE_GAIN 0.7931 /* type I fatigue: E1_BASE + STARVE_GAIN when fully starved of oxygen */
#define PI_GAIN 1.493 /* type II fatigue: x (1 + PI_GAIN) when Pi has piled up (Pi enters the SR and binds Ca2+) */
#define PI_FAT 18.81   /* mM of split PCr (extra Pi) at which type II fatigue runs at its fastest */
#define FAT_EXP 0.5047  /* type I fatigue rate ~ (share of the pool recruited)^FAT_EXP */
#define FAT_EXP2 0.6859 /* the same for type II */
#define K_ST 0.0536     /* fall of tissue O2 that gives half the full starvation */
#define ST_OFF 0.02949    /* fall of the fibres' O2 they take without starving (a short heavy set's dip) */
#define TAU_MB 29.14    /* s: myoglobin's buffering of the type I fibres' oxygen */
#define E1_BASE 0.2905  /* type I fatigue rate with oxygen to spare */
#define K_SLOW 0.012    /* 1/s at full activation in acid (proton load 15 mM): slow fatigue, see 6. */
#define TAU_SLOW 900.0  /* s: its recovery, tens of minutes */
#define VASO_GAIN 18.22 /* vasodilation per unit of vasoactive metabolites (Pi, adenosine-like) */
#define HYPOX_GAIN 18.5 /* vasodilation per unit fall of tissue O2 below rest (hypoxic dilation, reactive hyperaemia) */

#define LONG_PERIOD 300.0 /* s: a cuff period this long needs 3 min of reperfusion after it */
#define REPERFUSION 180.0

/* Written as max then min so the compiler emits maxsd/minsd, not compare-and-branch (model_step clamps a
 * dozen values per step; docs/model.md "Cost"). A NaN comes out as lo. */
static inline double clampd(double x, double lo, double hi)
{
    double y = x > lo ? x : lo;
    return y < hi ? y : hi;
}

/* Protons loaded into the muscle (mM): lactic acid made, less those PCr splitting has taken up. */
static double proton_load(const Model *m)
{
    return (m->lac_m - LAC0) - PCR_H * (PCR0 - m->pcr);
}

static double ph_of(double proton_load_mm)
{
    return PH0 - proton_load_mm * (1.0 / BETA);
}

/* What differs between limbs. SBP gain: systolic pressure is amplified toward the periphery (the pulse
 * wave steepens), about 5 % at the forearm, 10 % at the thigh, 15 % at the calf. Muscle share: the
 * working muscle's part of the body's muscle, for the lactate that reaches the rest of the body. */
typedef struct LimbInfo {
    const char *name;
    double band_cm, circ_cm;   /* a typical adult's limb and the band usually used on it */
    double circ_lo, circ_hi;   /* accepted circumferences */
    double sbp_gain, muscle_frac, time_limit;
    bool leg;
    double below_heart_cm[POSTURE_COUNT]; /* the wrap site's depth below the heart: lying, sitting, standing */
} LimbInfo;

static const LimbInfo LIMBS[LIMB_COUNT] = {
    [LIMB_ARM] = {"arm", 5.0, 30.0, 15.0, 60.0, 1.00, 0.04, 900.0, false, {0.0, 10.0, 10.0}},
    [LIMB_LEG] = {"thigh", 10.0, 55.0, 30.0, 100.0, 1.10, 0.12, 1200.0, true, {0.0, 40.0, 60.0}},
    [LIMB_FOREARM] = {"forearm", 5.0, 26.0, 12.0, 45.0, 1.05, 0.02, 900.0, false, {0.0, 30.0, 30.0}},
    [LIMB_CALF] = {"calf", 7.5, 37.0, 20.0, 70.0, 1.15, 0.05, 1200.0, true, {0.0, 60.0, 95.0}},
};

static const LimbInfo *limb_info(Limb limb)
{
    return &LIMBS[(unsigned)limb < LIMB_COUNT ? limb : LIMB_ARM];
}

const char *model_limb_name(Limb limb)
{
    return (unsigned)limb < LIMB_COUNT ? LIMBS[limb].name : "?";
}

int model_limb_from_name(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "leg") == 0)
        return LIMB_LEG;
    for (int i = 0; i < LIMB_COUNT; i++)
        if (strcmp(name, LIMBS[i].name) == 0)
            return i;
    return -1;
}

bool model_limb_is_leg(Limb limb)
{
    return limb_info(limb)->leg;
}

void model_limb_circumference_range(Limb limb, double *lo, double *hi)
{
    *lo = limb_info(limb)->circ_lo;
    *hi = limb_info(limb)->circ_hi;
}

void model_params_default(ModelParams *p, Limb limb)
{
    const LimbInfo *li = limb_info(limb);
    *p = (ModelParams){(unsigned)limb < LIMB_COUNT ? limb : LIMB_ARM, li->band_cm, li->circ_cm, 120.0, 80.0, 30.0,
                       SEX_MALE, POSTURE_SUPINE};
}

int model_params_check(const ModelParams *p, char *err, size_t errlen)
{
    if ((unsigned)p->limb >= LIMB_COUNT)
        return oc_fail(err, errlen, "limb %d is not arm, thigh, forearm or calf", (int)p->limb);
    double cmin = LIMBS[p->limb].circ_lo, cmax = LIMBS[p->limb].circ_hi;
    if ((unsigned)p->posture >= POSTURE_COUNT)
        return oc_fail(err, errlen, "posture %d is not supine, seated or standing", (int)p->posture);
    if (!(p->cuff_width_cm >= 2.0 && p->cuff_width_cm <= 25.0))
        return oc_fail(err, errlen, "cuff width %g cm is outside 2 to 25 cm", p->cuff_width_cm);
    if (!(p->circumference_cm >= cmin && p->circumference_cm <= cmax))
        return oc_fail(err, errlen, "circumference %g cm is outside %g to %g cm for the %s", p->circumference_cm, cmin,
                       cmax, LIMBS[p->limb].name);
    if (!(p->sbp >= 80.0 && p->sbp <= 220.0))
        return oc_fail(err, errlen, "systolic pressure %g mmHg is outside 80 to 220", p->sbp);
    if (!(p->dbp >= 40.0 && p->dbp <= 130.0))
        return oc_fail(err, errlen, "diastolic pressure %g mmHg is outside 40 to 130", p->dbp);
    if (!(p->dbp < p->sbp - 10.0))
        return oc_fail(err, errlen, "diastolic pressure %g mmHg must be at least 10 below systolic %g", p->dbp, p->sbp);
    if (!(p->age >= 10.0 && p->age <= 100.0))
        return oc_fail(err, errlen, "age %g is outside 10 to 100 years", p->age);
    return 0;
}

static double transmission(const ModelParams *p)
{
    double r = p->circumference_cm / (2.0 * OC_PI);
    return 1.0 - exp(-p->cuff_width_cm / (AOP_LAMBDA * r));
}

/* The transmitted pressure that closes the artery, for a given local systolic pressure. */
static double closing_pressure(const ModelParams *p, double sbp_local)
{
    double column = RHO_G * limb_info(p->limb)->below_heart_cm[(unsigned)p->posture < POSTURE_COUNT ? p->posture : 0];
    return AOP_C0 + AOP_A_SBP * sbp_local + AOP_K_AGE * p->age - (p->sex == SEX_FEMALE ? AOP_S_FEMALE : 0.0) + column;
}

static double local(const ModelParams *p, double brachial)
{
    return brachial * limb_info(p->limb)->sbp_gain;
}

double model_aop_rest(const ModelParams *p)
{
    return closing_pressure(p, local(p, p->sbp)) / transmission(p);
}

/* Felt tightness to pressure. A wrap's pull per cm of band (tension) gives a skin pressure of tension / r
 * (Laplace): the same pull squeezes a small limb harder. People judge a wrap partly by the pull and
 * partly by the squeeze, so at a given felt tightness the pressure goes as r^-TIGHT_BETA, with
 * TIGHT_BETA fitted to the practical-BFR figures (7/10 is about 70 % AOP on a thigh, 80 % on an arm);
 * 10/10 on the thigh is about its occlusion pressure. The fraction of AOP then also carries each limb's
 * own AOP with its usual band. */
double model_tightness_fraction(Limb limb, double tightness)
{
    ModelParams thigh, here;
    model_params_default(&thigh, LIMB_THIGH);
    model_params_default(&here, limb);
    double pull = pow(thigh.circumference_cm / here.circumference_cm, TIGHT_BETA);
    return clampd(tightness, 0.0, 10.0) / 10.0 * pull * model_aop_rest(&thigh) / model_aop_rest(&here);
}

double model_tightness_pressure(const ModelParams *p, double tightness, Rng *rng)
{
    double spread = 1.0;
    if (rng) { /* day-to-day: normal with sd 12 % (about +-24 % at 2 sd), cut at 2.5 sd */
        double u1 = rng_uniform(rng), u2 = rng_uniform(rng);
        double z = sqrt(-2.0 * log(u1 > 1e-12 ? u1 : 1e-12)) * cos(2.0 * OC_PI * u2);
        spread = 1.0 + 0.12 * clampd(z, -2.5, 2.5);
    }
    return model_aop_rest(p) * model_tightness_fraction(p->limb, tightness) * spread;
}

static double pulse_drive(double dia, double sys, double open, double v, double inv_span);

void model_init(Model *m, const ModelParams *p, double dt)
{
    memset(m, 0, sizeof *m);
    m->p = *p;
    m->dt = (dt > 0.0 && dt <= MODEL_DT) ? dt : MODEL_DT;
    m->eta = transmission(p);
    m->inv_eta = 1.0 / m->eta;
    m->sbp_gain = local(p, 1.0);
    m->pclose0 = closing_pressure(p, 0.0); /* the part of the closing pressure that is the person's, not the pulse's */
    m->time_limit = limb_info(p->limb)->time_limit;
    m->muscle_frac = limb_info(p->limb)->muscle_frac;
    double sys0 = local(p, p->sbp), dia0 = local(p, p->dbp);
    m->inv_drive0 = 1.0 / pulse_drive(dia0, sys0, 0.0, P_VEIN0, 1.0 / (sys0 - dia0));
    /* what model_step would otherwise recompute every step from constants (docs/model.md "Cost") */
    m->sys0 = sys0;
    m->dia0 = dia0;
    m->pclose_sys0 = m->pclose0 + AOP_A_SBP * sys0;
    m->pclose_dia0 = m->pclose0 + AOP_A_SBP * dia0;
    m->c_pressor = m->dt * (1.0 / 15.0);
    m->c_mb = m->dt * (1.0 / TAU_MB);
    m->c_act = m->dt * (1.0 / ACT_TAU);
    m->c_dil = m->dt * (1.0 / TAU_DIL);
    m->c_ic = m->dt * (1.0 / 40.0);
    /* each rate constant times dt: one multiply less per state update (docs/model.md "Cost") */
    m->g_dia = 0.5 * m->sbp_gain;
    m->g_close = AOP_A_SBP * m->sbp_gain;
    m->g_cdia = 0.5 * AOP_A_SBP * m->sbp_gain;
    m->k_in = (1.0 + R_CUFF0) * m->inv_drive0;
    m->c_q0 = Q0 * m->dt;
    m->c_kf = KF * m->dt;
    m->c_art = Q0 * m->muscle_frac * 0.4 * m->dt;
    m->c_clear = m->dt * (1.0 / TAU_CLEAR);
    m->c_del = K_DEL * m->dt;
    m->c_con = K_CON * m->dt;
    m->c_anab = m->dt * (1.0 / 60.0);
    m->c_leak = m->dt * (1.0 / 600.0);
    m->c_e1 = m->dt * (1.0 / TAU_E1);
    m->c_e2 = m->dt * (1.0 / (PCR0 * TAU_E2));
    m->c_mct = K_MCT * m->dt;
    m->c_lac = m->dt * (1.0 / 1.5);
    m->c_rel = K_REL * m->dt;
    m->c_pump = K_PUMP * m->dt;
    m->c_wash = K_WASH * m->dt;
    m->c_slow = m->dt * (1.0 / TAU_SLOW);
    m->c_kslow = K_SLOW * m->dt;
    m->rep_t = -1.0;
    m->pcr = PCR0;
    m->lac_m = LAC0;
    m->lac_b = LAC0;
    m->lac_art = LAC0;
    m->sat = SAT0;
    m->sat_mb = SAT0;
    m->dil = 1.0;
    m->cuff_on_at = -1.0;
    m->cuff_off_at = -1e9;
    m->lymph_rate = 1.0 / TAU_LYMPH;
    m->c_lymph = m->lymph_rate * m->dt;
    m->cap_at_last_rep = -1.0;
    m->load = 0.3;
    model_step(m); /* settle the derived flows */
    m->t = 0.0;
    m->out_valid = false;
}

void model_set_cuff(Model *m, double mmhg)
{
    mmhg = mmhg > 0.0 ? mmhg : 0.0;
    bool was_on = m->cuff > 0.0, on = mmhg > 0.0;
    if (on && !was_on) {
        if (m->last_period >= LONG_PERIOD && m->t - m->cuff_off_at < REPERFUSION && !m->flag_set[FLAG_NO_REPERFUSION]) {
            m->flag_set[FLAG_NO_REPERFUSION] = true;
            m->flag_time[FLAG_NO_REPERFUSION] = m->t;
        }
        m->cuff_on_at = m->t;
        m->rep_done_in_period = false;
    } else if (!on && was_on) {
        m->last_period = m->t - m->cuff_on_at;
        m->cuff_off_at = m->t;
        m->cuff_on_at = -1.0;
    }
    m->cuff = mmhg;
    m->pt = m->eta * mmhg;
    m->inv_pt = m->pt > P_CVP ? 1.0 / m->pt : 0.0;
    /* lymph drains the interstitium more slowly the harder the cuff squeezes the lymphatics */
    m->lymph_rate = 1.0 / (TAU_LYMPH * (1.0 + m->eta * mmhg / 40.0));
    m->c_lymph = m->lymph_rate * m->dt;
    m->out_valid = false; /* the cuff and %AOP outputs read it */
}

void model_set_load(Model *m, double fraction_1rm)
{
    m->load = clampd(fraction_1rm, 0.0, 1.0);
    m->out_valid = false; /* reps_left reads it */
}

/* Force each fibre pool can give now, as fractions of the fresh muscle's maximum: metabolites (Pi, H+)
 * inhibit both, type I also needs oxygen, and each carries its own fatigue. Derived from the state when
 * asked (a rep starts, or the outputs are read), not every step. Returns false, with f1 = f2 = 0, when
 * they surely cannot reach `need` together (need < 0: always the exact forces). */
static bool pool_forces(const Model *m, double need, double *f1, double *f2)
{
    double pi = PI0 + PCR0 - m->pcr;
    double ph = ph_of(proton_load(m));
    /* acidosis beyond the H2PO4- block, the slow fatigue that weakens every fibre, each pool's own fatigue */
    double rest = clampd(1.0 - K_H * (PH0 - ph), 0.1, 1.0) * (1.0 - m->e_slow);
    double u1 = PHI1 * (1.0 - m->e1), u2 = (1.0 - PHI1) * (1.0 - m->e2);
    /* the H2PO4- block, K+ and type I's oxygen can only lower the force (each factor is at most 1): if even
     * without them the pools cannot reach `need`, the answer is no without a division or an exp() (a muscle
     * at failure is asked every step). The margin covers rounding. */
    if (rest * (u1 + u2) * (1.0 + 1e-9) < need) {
        *f1 = *f2 = 0.0;
        return false;
    }
    /* K+ (excitability, a Hill curve of order 2) and type I's oxygen: one division for both hyperbolas */
    double kk = K_KX * K_KX + m->k_int * m->k_int, so = m->sat + K_O1;
    double inv = 1.0 / (kk * so);
    rest *= (K_KX * K_KX) * so * inv;
    u1 *= rest * clampd(m->sat * kk * inv * ((SAT0 + K_O1) / SAT0), 0.0, 1.0);
    u2 *= rest;
    /* the diprotonated form H2PO4- is the one that blocks cross-bridges: acid makes the same Pi worse.
     * h2po4 = pi / x1 - H2PO4_REST with x1 = 1 + 10^(pH - pK); a = K_PI / (K_PI + max(0, h2po4)) */
    double x1 = 1.0 + exp(2.302585092994046 * (ph - PK_PI));
    double a = pi > H2PO4_REST * x1 ? K_PI * x1 / ((K_PI - H2PO4_REST) * x1 + pi) : 1.0;
    a = a < 1.0 ? a : 1.0;
    *f1 = u1 * a;
    *f2 = u2 * a;
    return true;
}

static double capacity(const Model *m)
{
    double f1, f2;
    pool_forces(m, -1.0, &f1, &f2);
    return f1 + f2;
}

bool model_can_rep(const Model *m)
{
    double f1, f2, need = m->load * K_DYN;
    return m->load > 0.0 && pool_forces(m, need, &f1, &f2) && f1 + f2 >= need;
}

bool model_begin_rep(Model *m, double rep_seconds)
{
    double f1, f2, need = m->load * K_DYN;
    /* the same test as model_can_rep, deriving the forces once */
    if (model_in_rep(m) || !(m->load > 0.0) || !pool_forces(m, need, &f1, &f2) || !(f1 + f2 >= need))
        return false;
    /* size principle: type I first, type II for what they cannot give */
    m->rep_f1 = need < f1 ? need : f1;
    m->rep_f2 = need - m->rep_f1;
    m->rec1 = f1 > 0 ? m->rep_f1 / f1 : 0.0;
    m->rec2 = f2 > 0 ? m->rep_f2 / f2 : 0.0;
    m->out_valid = false;
    m->rep_cost = REP_COST * (m->rep_f1 + COST_II * m->rep_f2);
    m->rep_r2x2 = 2.0 * m->rec2 * (m->rep_f2 > 0.0); /* type II work, for the anabolic signal */
    m->rep_gly = V_GLY * (GLY_I + (m->rep_f2 > 0.0 ? m->rec2 : 0.0));
    m->rep_gly2 = V_GLY2 * (m->rep_f2 > 0.0 ? m->rec2 : 0.0);
    m->drive1 = m->rec1 > 0.0 ? exp(FAT_EXP * log(m->rec1)) : 0.0; /* rec^FAT_EXP */
    m->drive2 = m->rec2 > 0.0 ? exp(FAT_EXP2 * log(m->rec2)) : 0.0;
    m->rep_len = rep_seconds > 0.2 ? rep_seconds : 0.2;
    m->inv_rep_len = 1.0 / m->rep_len;
    m->rep_dem = m->rep_cost * (OC_PI / 2.0) * m->inv_rep_len; /* the half-sine integrates to 2/pi */
    double w = OC_PI * m->dt * m->inv_rep_len;
    m->rep_c = 1.0; /* cos and sin of the phase, rotated by w each step */
    m->rep_s = 0.0;
    m->rep_cd = cos(w);
    m->rep_sd = sin(w);
    m->rep_t = 0.0;
    double cap = f1 + f2;
    if (m->cap_at_last_rep >= 0.0) {
        double drop = m->cap_at_last_rep - cap;
        m->drop_ema = m->drop_ema > 0.0 ? 0.7 * m->drop_ema + 0.3 * drop : drop;
        m->inv_drop = m->drop_ema > 1e-5 ? 1.0 / m->drop_ema : 0.0;
    }
    m->cap_at_last_rep = cap;
    m->rep_done_in_period = m->rep_done_in_period || m->cuff > 0.0;
    return true;
}

/* Mean of max(0, P - v) over a pulse with P spread evenly from dia to sys, counting only the part of the
 * cycle in which P is above `open` (the artery is held shut below it). */
static double pulse_drive(double dia, double sys, double open, double v, double inv_span)
{
    double lo = open > dia ? open : dia;
    if (v > lo)
        lo = v;
    if (lo >= sys)
        return 0.0;
    return ((sys - v) * (sys - v) - (lo - v) * (lo - v)) * 0.5 * inv_span; /* inv_span = 1 / (sys - dia) */
}

/* Veins past the cuff: a bed of collapsible tubes (Starling resistors) that do not all feel the same
 * squeeze. Most (1 - VEIN_SHIELDED) get the whole transmitted pressure pt; the rest, lying between muscles
 * and against the bone, are shielded, their squeeze spread evenly from none to pt. Each drains at
 * max(0, v - max(squeeze, P_CVP)), v including the working muscle's pressure: a partial cuff impedes venous
 * return more the harder it presses instead of stopping it at once, and contractions pump blood past it. */
static double venous_drive(double v, double pt, double inv_pt)
{
    if (v <= P_CVP)
        return 0.0;
    if (pt <= P_CVP)
        return v - P_CVP;
    double top = v < pt ? v : pt, open = top - P_CVP;
    double shielded = (P_CVP * (v - P_CVP) + (v - P_CVP) * open - 0.5 * open * open) * inv_pt;
    double exposed = v > pt ? v - pt : 0.0;
    return VEIN_SHIELDED * shielded + (1.0 - VEIN_SHIELDED) * exposed;
}

static void raise_flag(Model *m, ModelFlag f)
{
    if (!m->flag_set[f]) {
        m->flag_set[f] = true;
        m->flag_time[f] = m->t;
    }
}

void model_step(Model *m)
{
    const double dt = m->dt;

    /* contraction: a half-sine of activation over the rep */
    double act = 0.0;
    if (m->rep_t >= 0.0) {
        act = m->rep_s > 0.0 ? m->rep_s : 0.0;
        double c = m->rep_c * m->rep_cd - m->rep_s * m->rep_sd;
        m->rep_s = m->rep_s * m->rep_cd + m->rep_c * m->rep_sd;
        m->rep_c = c;
    }
    double force = (m->rep_f1 + m->rep_f2) * act;
    double imp = IMP_GAIN * force; /* intramuscular pressure */

    /* pressures: the exercise pressor response raises systolic pressure, and with it AOP */
    double dpi = PCR0 - m->pcr;
    double dh = proton_load(m);
    double metab = clampd((dpi + dh) * (1.0 / 15.0), 0.0, 2.0);
    double pressor_target = 30.0 * m->act_avg + 14.0 * metab;
    m->pressor += (pressor_target - m->pressor) * m->c_pressor;
    double sys = m->sys0 + m->sbp_gain * m->pressor, dia = m->dia0 + m->g_dia * m->pressor;
    double pclose = m->pclose_sys0 + m->g_close * m->pressor;
    double pt = m->pt; /* cuff pressure at the vessels (eta * cuff, set with the cuff) */

    /* the artery opens in the part of each pulse where local pressure beats the squeeze: always below the
     * diastolic closing pressure pdia, never at pclose, in between for pressures above
     * dia + (pt - pdia) / A_SBP (pclose - pdia = A_SBP (sys - dia), so no division) */
    double pdia = m->pclose_dia0 + m->g_cdia * m->pressor;
    bool shut = pt > pclose * (1.0 - 1e-9); /* at AOP the artery is shut: no rounding trickle */
    double open = pt <= pdia ? dia : shut ? sys : dia + (pt - pdia) * (1.0 / AOP_A_SBP);
    /* the squeezed arterial segment: negligible at rest, limiting once the vessels below dilate. Its
     * conductance ~ lumen^2 with lumen = 1 - pt / pclose; written over pclose^2 to share one division */
    double gap = shut ? 0.0 : pclose - (pt > 0.0 ? pt : 0.0);
    double pc2 = pclose * pclose;
    double seg_n = gap * gap + 1e-6 * pc2; /* l2 * pclose^2 */
    double seg_d = seg_n + R_CUFF0 * m->dil * pc2;

    /* reciprocals in independent groups, so each division waits only for the state it needs: the pulse span
     * and the squeezed segment (pressor, dilation); the venous pool (its volume); the oxygen, PCr and
     * starvation hyperbolas (saturations, PCr) */
    double span = sys - dia;
    double inv_ps = 1.0 / (span * seg_d);
    double inv_span = seg_d * inv_ps;
    double seg = seg_n * span * inv_ps; /* l2 / (l2 + R_CUFF0 dil) */
    double vpos = m->v_pool > 0.0 ? m->v_pool : 0.0;
    double inv_v = 1.0 / ((VMAX_POOL - vpos) * (V_BLOOD0 + vpos)); /* venous pressure and blood volume share it */
    double ds = (m->sat + K_SAT) * (m->sat + K_O1), dp = (dpi + K_OX) * (dpi + K_GLY);
    double dsat = SAT0 - ST_OFF - m->sat_mb; /* sat_mb >= 0 keeps it below SAT0 */
    dsat = dsat > 0.0 ? dsat : 0.0;
    double den_st = dsat + K_ST, dsp = ds * dp;
    double inv_e = 1.0 / (dsp * den_st);
    double inv_st = dsp * inv_e, inv_sp = den_st * inv_e;

    /* veins: pressure from the pooled volume: pool = VMAX dP / (dP + PC), compliant at first, stiffening */
    double pv = m->v_pool >= 0.0 ? P_VEIN0 + PC_POOL * m->v_pool * (V_BLOOD0 + vpos) * inv_v
                                 : P_VEIN0 + m->v_pool * (PC_POOL / VMAX_POOL);
    double inv_vb = (VMAX_POOL - vpos) * inv_v; /* 1 / blood volume at the start of the step */
    /* dil / (1 + r_cuff dil) with r_cuff = R_CUFF0 / l2 */
    double inflow = m->k_in * m->dil * seg * pulse_drive(dia, sys, open, pv + 0.5 * imp, inv_span);
    /* the veins past the cuff: a partly shielded bed of Starling resistors (venous_drive) */
    double outflow = m->dil * venous_drive(pv + imp, pt, m->inv_pt) * (1.0 / (P_VEIN0 - P_CVP));

    /* volumes */
    double filt = m->c_kf * (pv - P_VEIN0); /* capillary filtration this step */
    m->v_pool = clampd(m->v_pool + m->c_q0 * (inflow - outflow) - filt, -0.01, VMAX_POOL * 0.999);
    m->v_int = clampd(m->v_int + filt - m->v_int * m->c_lymph, 0.0, 0.2);

    /* energetics */
    double inv_s = dp * inv_sp, inv_p = ds * inv_sp;
    double o2 = m->sat * (m->sat + K_O1) * inv_s * ((SAT0 + K_SAT) / SAT0);
    /* sat is kept in [0, SAT_ART], so o2 stays in [0, 1.1] and o1 >= 0: only o1 needs its cap */
    double o1 = m->sat * (m->sat + K_SAT) * inv_s * ((SAT0 + K_O1) / SAT0);
    o1 = o1 < 1.0 ? o1 : 1.0;
    double j_ox = (J_REST + V_OX * dpi * (dpi + K_GLY) * inv_p) * o2;
    double j_dem = J_REST, j_gly = 0.0;
    if (act > 0.0) { /* work: the rep's ATP (a half-sine integrating to 2/pi) and glycolysis */
        double gly_ph = clampd((ph_of(dh) - 6.3) * (1.0 / (7.0 - 6.3)), 0.0, 1.0);
        j_dem += m->rep_dem * act;
        j_gly = act * (m->rep_gly * (dpi * (dpi + K_OX) * inv_p) + m->rep_gly2) * gly_ph;
    }
    m->pcr = clampd(m->pcr + (j_ox + j_gly - j_dem) * dt, 0.0, PCR0);
    double mct = m->c_mct * (m->lac_m - m->lac_b); /* lactate carried out this step */
    m->lac_m += j_gly * m->c_lac - mct;
    m->lac_m = m->lac_m > 0.0 ? m->lac_m : 0.0;
    m->lac_b += (mct * MUSCLE_WATER + m->c_q0 * inflow * (m->lac_art - m->lac_b)) * inv_vb;
    m->lac_art += m->c_art * outflow * (m->lac_b - m->lac_art) - (m->lac_art - LAC0) * m->c_clear;

    /* oxygen: delivered by inflow, used by oxidative ATP */
    m->sat = clampd(m->sat + m->c_del * inflow * (SAT_ART - m->sat) - m->c_con * j_ox, 0.0, SAT_ART);
    /* myoglobin holds a few seconds' worth of oxygen in the fibres: they feel a fall of tissue O2 late */
    m->sat_mb += (m->sat - m->sat_mb) * m->c_mb;

    /* vessels open with work and with the metabolites that pile up */
    m->act_avg += (act - m->act_avg) * m->c_act;
    double vasoactive = clampd((dpi + 0.3 * dh) * (1.0 / 15.0), 0.0, 2.0); /* Pi/adenosine-like, little from lactate */
    double hypoxia = SAT0 - m->sat > 0.0 ? SAT0 - m->sat : 0.0;
    double dil_target = 1.0 + 14.0 * m->act_avg + VASO_GAIN * vasoactive + HYPOX_GAIN * hypoxia;
    m->dil += ((dil_target < DIL_MAX ? dil_target : DIL_MAX) - m->dil) * m->c_dil; /* every term >= 0: never below 1 */

    /* cells swell as osmolytes (lactate, Pi + creatine from split PCr) draw water in */
    double osm = (m->lac_m - LAC0) + dpi; /* dpi >= 0: PCr is kept at or below PCR0 */
    m->v_ic += (osm * (1.0 / 290.0) - m->v_ic) * m->c_ic;

    /* interstitial K+: released with every action potential, taken back by the pumps and carried away by
     * the venous blood. A cuff that holds the veins keeps it in: the muscle stops responding sooner. */
    if (act > 0.0 || m->k_int > 1e-6) { /* nothing to do once it has washed out at rest */
        m->k_int += m->c_rel * force * act - m->k_int * (m->c_pump + m->c_wash * outflow);
        m->k_int = m->k_int > 1e-6 ? m->k_int : 0.0;
    }

    /* fibre fatigue beyond the metabolites: builds in working fibres, fades at rest */
    /* recovery goes on in the fibres that are not contracting right now: a working fibre does not recover */
    double rec_e1 = m->e1 * (0.4 + 0.6 * o1) * m->c_e1, rec_e2 = m->e2 * m->pcr * m->c_e2;
    if (act > 0.0) { /* only working fibres tire */
        /* starvation: how far tissue O2 has fallen below rest, saturating (the first fall hurts most) */
        double starved = dsat * ((SAT0 + K_ST) / SAT0) * inv_st;
        double build1 = A_E1 * m->drive1 * act * (E1_BASE + STARVE_GAIN * starved);
        double build2 = A_E2 * m->drive2 * act * (1.0 + PI_GAIN * clampd(dpi * (1.0 / PI_FAT), 0.0, 1.0));
        m->e1 = clampd(m->e1 + build1 * dt - rec_e1 * (1.0 - m->rec1 * act), 0.0, 0.95);
        m->e2 = clampd(m->e2 + build2 * dt - rec_e2 * (1.0 - m->rec2 * act), 0.0, 0.95);
    } else { /* at rest both only recover, never below 0 (the rate is at most dt / 18.5 s of e) */
        m->e1 -= rec_e1;
        m->e2 -= rec_e2;
    }

    /* slow fatigue: fibres that fire in acid (the lactic acid a cuff holds in stays for minutes, while Pi, K+
     * and the fast fatigue clear in a 30 s rest) lose some excitation-contraction coupling that takes tens of
     * minutes to mend. Each set fires in more acid than the last, so it adds up set after set; it builds only
     * while working (force comes back within minutes of stopping even while pH is still low). docs/model.md 6. */
    double acid_now = clampd(dh * (1.0 / 15.0), 0, 2);
    if (act > 0.0)
        m->e_slow += m->c_kslow * act * acid_now * (1.0 - m->e_slow);
    m->e_slow -= m->e_slow * m->c_slow;

    /* anabolic signal: metabolic stress, swelling and type II work, integrated with a slow leak */
    double swell = m->v_pool + m->v_int + MUSCLE_WATER * m->v_ic;
    double stress = acid_now + clampd(dpi * (1.0 / 15.0), 0, 2) + m->rep_r2x2 * act + swell * 10.0;
    double anab_d = stress * m->c_anab - m->anab * m->c_leak; /* 10-minute memory */
    m->anab += anab_d;

    /* rep clock */
    if (m->rep_t >= 0.0) {
        m->rep_t += dt;
        if (m->rep_t >= m->rep_len) {
            m->rep_t = -1.0;
            m->rep_f1 = m->rep_f2 = 0.0;
            m->rep_r2x2 = 0.0;
        }
    }
    m->t += dt;

    /* what the outputs need and the state does not hold; model_out() derives the rest on demand */
    m->flow_in = inflow;
    m->flow_out = outflow;
    m->p_vein = pv;
    m->anab_delta = anab_d;
    m->out_valid = false;

    /* safety, every step */
    if (m->cuff > 0.0) {
        double cuff_time = m->t - m->cuff_on_at;
        if (pt >= pclose) /* cuff >= AOP */
            raise_flag(m, FLAG_TOURNIQUET);
        if (cuff_time > m->time_limit)
            raise_flag(m, FLAG_TIME_LIMIT);
        if (!m->rep_done_in_period && (pt >= 0.9 * pclose || m->sat < 0.45))
            raise_flag(m, FLAG_TOO_TIGHT);
        if (pt < 25.0 && cuff_time > 1.0)
            raise_flag(m, FLAG_TOO_LOOSE);
    }
}

static void fill_outputs(const Model *m, ModelOut *o)
{
    double dpi = PCR0 - m->pcr;
    double swell = m->v_pool + m->v_int + MUSCLE_WATER * m->v_ic;
    o->t = m->t;
    o->aop_mmhg = (m->pclose_sys0 + AOP_A_SBP * m->sbp_gain * m->pressor) * m->inv_eta;
    o->cuff_mmhg = m->cuff;
    o->aop_percent = 100.0 * m->cuff / o->aop_mmhg;
    o->arterial_inflow = m->flow_in;
    o->venous_outflow = m->flow_out;
    o->venous_pressure = m->p_vein;
    o->pooled_blood = 100.0 * (m->v_pool > 0 ? m->v_pool : 0.0);
    o->swelling_percent = 100.0 * (swell > 0 ? swell : 0.0);
    o->oxygen_saturation = m->sat;
    o->pcr_mm = m->pcr;
    o->pi_mm = PI0 + dpi;
    o->ph = ph_of(proton_load(m));
    o->lactate_muscle_mm = m->lac_m;
    o->lactate_venous_mmol = m->lac_b;
    bool in_rep = m->rep_t >= 0.0;
    o->type1_recruitment = in_rep ? m->rec1 : 0.0;
    o->type2_recruitment = in_rep ? m->rec2 : 0.0;
    o->capacity = capacity(m);
    o->fatigue = 1.0 - o->capacity;
    o->type1_fatigue = 1.0 - (1.0 - m->e1) * (1.0 - m->e_slow); /* the fast and the slow kind together */
    o->type2_fatigue = 1.0 - (1.0 - m->e2) * (1.0 - m->e_slow);
    double margin = o->capacity - m->load * K_DYN;
    if (margin < 0.0)
        o->reps_left = 0;
    else if (m->drop_ema > 1e-5)
        o->reps_left = (int)clampd(margin * m->inv_drop, 0.0, 99.0);
    else
        o->reps_left = 99;
    o->cuff_time_s = m->cuff_on_at >= 0.0 ? m->t - m->cuff_on_at : 0.0;
    o->sbp_mmhg = m->p.sbp + m->pressor;
    o->vasodilation = m->dil;
    o->anabolic_trend = m->anab_delta > 1e-5 ? 1 : m->anab_delta < -1e-5 ? -1 : 0;
    o->anabolic_signal = m->anab;
    o->interstitial_k_mm = K_REST + m->k_int;
    o->h2po4_mm = o->pi_mm / (1.0 + exp(2.302585092994046 * (o->ph - PK_PI)));
}

void model_run(Model *m, double seconds)
{
    long n = lround(seconds / m->dt);
    for (long i = 0; i < n; i++)
        model_step(m);
}

const ModelOut *model_out(const Model *m)
{
    /* the outputs are a cache derived from the state, filled on first read after a step: a room of athletes
     * or a preview steps many times per read. Model objects are never defined const, so this is sound. */
    Model *cache = (Model *)m;
    if (!cache->out_valid) {
        fill_outputs(m, &cache->out);
        cache->out_valid = true;
    }
    return &m->out;
}

int model_predict_reps(const Model *m, double rep_seconds, int max_reps)
{
    Model copy = *m;
    int n = 0;
    while (model_in_rep(&copy))
        model_step(&copy);
    while (n < max_reps && model_begin_rep(&copy, rep_seconds)) {
        n++;
        while (model_in_rep(&copy))
            model_step(&copy);
    }
    return n;
}

bool model_flag(const Model *m, ModelFlag f, double *when)
{
    if (f < 0 || f >= FLAG_COUNT || !m->flag_set[f])
        return false;
    if (when)
        *when = m->flag_time[f];
    return true;
}

const char *model_flag_name(ModelFlag f)
{
    static const char *const names[FLAG_COUNT] = {"tourniquet", "time_limit", "too_tight", "too_loose",
                                                  "no_reperfusion"};
    return (f >= 0 && f < FLAG_COUNT) ? names[f] : "?";
}
