/* The occlusion model against shared/reference/model-calibration.md. Each check names the published
 * figure and carries its tolerance; the model's numbers come from its mechanics (src/model.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "protocol.h"

#define CHECK_RANGE(what, v, lo, hi)                                                                           \
    do {                                                                                                       \
        double v_ = (v);                                                                                       \
        if (!(v_ >= (lo) && v_ <= (hi)))                                                                       \
            fail_msg("%s = %.3f, expected %.3f to %.3f", what, v_, (double)(lo), (double)(hi));                \
    } while (0)

static ModelParams body(Limb limb, double width, double circ, double sbp, double age, Sex sex)
{
    ModelParams p;
    model_params_default(&p, limb);
    p.cuff_width_cm = width;
    p.circumference_cm = circ;
    p.sbp = sbp;
    p.dbp = sbp - 40;
    p.age = age;
    p.sex = sex;
    return p;
}

static SimResult res; /* big; one at a time */

static const SimResult *run(SimProtocol *p)
{
    sim_run(p, &res, NULL, NULL);
    return &res;
}

static SimProtocol arm_at(double aop_fraction, bool to_failure)
{
    SimProtocol p;
    sim_protocol_default(&p, LIMB_ARM);
    p.cuff_mmhg = model_aop_rest(&p.body) * aop_fraction;
    p.to_failure = to_failure;
    p.recovery = 300;
    return p;
}

/* ---- 1. What sets AOP ---- */

/* Seated 18 cm thigh cuff regression (n = 51), SEE 15 mmHg: the model within one SEE over its range. */
static void test_aop_thigh_equation(void **state)
{
    (void)state;
    for (double c = 45; c <= 70; c += 5)
        for (double sbp = 110; sbp <= 140; sbp += 10)
            for (double age = 20; age <= 65; age += 15)
                for (int f = 0; f < 2; f++) {
                    ModelParams p = body(LIMB_LEG, 18, c, sbp, age, f ? SEX_FEMALE : SEX_MALE);
                    p.posture = POSTURE_SEATED; /* the regression was measured sitting */
                    double eq = 65.29 + 1.110 * c + 0.178 * sbp + 1.153 * age - 7.984 * (f ? 2 : 1);
                    double diff = model_aop_rest(&p) - eq;
                    if (fabs(diff) > 15.0)
                        fail_msg("thigh C=%g SBP=%g age=%g female=%d: model %.1f vs equation %.1f", c, sbp, age, f,
                                 model_aop_rest(&p), eq);
                }
}

static void test_aop_limbs_and_cuffs(void **state)
{
    (void)state;
    /* typical wide-cuff AOP: arm 130-170 mmHg (12 cm cuff, 25-35 cm arms), thigh 160-240 (18 cm, 50-70 cm) */
    for (double c = 25; c <= 35; c += 5) {
        ModelParams p = body(LIMB_ARM, 12, c, 120, 30, SEX_MALE);
        CHECK_RANGE("arm AOP, 12 cm cuff", model_aop_rest(&p), 130, 170);
    }
    for (double c = 50; c <= 70; c += 5) { /* measured sitting, like the regression */
        ModelParams p = body(LIMB_LEG, 18, c, 125, 40, SEX_MALE);
        p.posture = POSTURE_SEATED;
        CHECK_RANGE("thigh AOP, 18 cm cuff, seated", model_aop_rest(&p), 160, 240);
    }
    /* narrow 5 cm bands need about 2x the pressure of a 12-18 cm cuff (tolerance 1.6-2.6x) */
    ModelParams narrow = body(LIMB_LEG, 5, 55, 120, 30, SEX_MALE), wide = body(LIMB_LEG, 18, 55, 120, 30, SEX_MALE);
    CHECK_RANGE("5 cm / 18 cm AOP ratio", model_aop_rest(&narrow) / model_aop_rest(&wide), 1.6, 2.6);
    /* the leg needs more than the arm with the same cuff */
    ModelParams arm = body(LIMB_ARM, 10, 30, 120, 30, SEX_MALE), leg = body(LIMB_LEG, 10, 55, 120, 30, SEX_MALE);
    assert_true(model_aop_rest(&leg) > model_aop_rest(&arm));
    /* monotone: up with circumference and systolic pressure, down with cuff width */
    for (double c = 40; c < 80; c += 2) {
        ModelParams a = body(LIMB_LEG, 10, c, 120, 30, SEX_MALE), b = body(LIMB_LEG, 10, c + 2, 120, 30, SEX_MALE);
        assert_true(model_aop_rest(&b) > model_aop_rest(&a));
    }
    for (double s = 90; s < 200; s += 10) {
        ModelParams a = body(LIMB_ARM, 5, 30, s, 30, SEX_MALE), b = body(LIMB_ARM, 5, 30, s + 10, 30, SEX_MALE);
        assert_true(model_aop_rest(&b) > model_aop_rest(&a));
    }
    for (double w = 3; w < 24; w += 1) {
        ModelParams a = body(LIMB_LEG, w, 55, 120, 30, SEX_MALE), b = body(LIMB_LEG, w + 1, 55, 120, 30, SEX_MALE);
        assert_true(model_aop_rest(&b) < model_aop_rest(&a));
    }
    /* limb size dominates for narrow cuffs: +10 cm of thigh moves AOP more than +10 mmHg of SBP */
    ModelParams base = body(LIMB_LEG, 5, 55, 120, 30, SEX_MALE), bigger = body(LIMB_LEG, 5, 65, 120, 30, SEX_MALE),
                higher = body(LIMB_LEG, 5, 55, 130, 30, SEX_MALE);
    assert_true(model_aop_rest(&bigger) - model_aop_rest(&base) > model_aop_rest(&higher) - model_aop_rest(&base));
}

/* AOP rises during exercise by tens of mmHg (tolerance: 10 to 60 mmHg above rest) */
static void test_aop_rises_with_exercise(void **state)
{
    (void)state;
    SimProtocol p = arm_at(0.5, false);
    const SimResult *r = run(&p);
    double rise = r->set[3].peak_aop_mmhg - r->aop_rest_mmhg;
    CHECK_RANGE("AOP rise during set 4 (mmHg)", rise, 10, 60);
    /* the same cuff is a smaller share of AOP while working */
    assert_true(100.0 * p.cuff_mmhg / r->set[3].peak_aop_mmhg < 47.0);
}


/* Loenneke et al. 2012 (116 adults, lying down, cuff at the top of the thigh): a 13.5 cm cuff occluded at
 * 144 +- 17 mmHg, a 5 cm band at 235 +- 42. Tolerance: one SD, for a typical 55 cm thigh at 120 mmHg. */
static void test_aop_cuff_width_loenneke(void **state)
{
    (void)state;
    ModelParams wide = body(LIMB_THIGH, 13.5, 55, 120, 30, SEX_MALE), narrow = body(LIMB_THIGH, 5, 55, 120, 30, SEX_MALE);
    CHECK_RANGE("thigh AOP, 13.5 cm cuff, supine (144 +- 17)", model_aop_rest(&wide), 127, 161);
    CHECK_RANGE("thigh AOP, 5 cm band, supine (235 +- 42)", model_aop_rest(&narrow), 193, 277);
    /* sitting adds the column of blood between heart and thigh: AOP rises, standing more */
    ModelParams seated = wide, standing = wide;
    seated.posture = POSTURE_SEATED;
    standing.posture = POSTURE_STANDING;
    assert_true(model_aop_rest(&seated) > model_aop_rest(&wide) + 20);
    assert_true(model_aop_rest(&standing) > model_aop_rest(&seated));
}

/* Clinic sample (automated cuff): arm 174 +- 49, leg 195 +- 32 mmHg; the default bodies within one SD. */
static void test_aop_clinic_sample(void **state)
{
    (void)state;
    ModelParams arm, thigh;
    model_params_default(&arm, LIMB_ARM);
    model_params_default(&thigh, LIMB_THIGH);
    CHECK_RANGE("default arm AOP (174 +- 49)", model_aop_rest(&arm), 125, 223);
    CHECK_RANGE("default thigh AOP (195 +- 32)", model_aop_rest(&thigh), 163, 227);
}

/* The guide: smaller limbs (forearm, calf) can be wrapped a little looser for the same effect. The model
 * agrees: the same felt tightness gives a larger share of AOP on the smaller limb of each pair. */
static void test_tightness_smaller_limbs(void **state)
{
    (void)state;
    for (double t = 3; t <= 8; t += 1) {
        assert_true(model_tightness_fraction(LIMB_FOREARM, t) > model_tightness_fraction(LIMB_ARM, t));
        assert_true(model_tightness_fraction(LIMB_CALF, t) > model_tightness_fraction(LIMB_THIGH, t));
        assert_true(model_tightness_fraction(LIMB_ARM, t) > model_tightness_fraction(LIMB_THIGH, t));
    }
    /* so the body parts' default tightness (6 on forearm and calf, 7 on arm and thigh) lands in the
     * practical 40-80 % AOP band on every limb */
    static const Limb limbs[4] = {LIMB_ARM, LIMB_FOREARM, LIMB_THIGH, LIMB_CALF};
    static const double start[4] = {7, 6, 7, 6};
    for (int k = 0; k < 4; k++)
        CHECK_RANGE("% AOP at the default tightness", 100 * model_tightness_fraction(limbs[k], start[k]), 40, 90);
}

/* Sets to failure without a cuff follow the strength tables (Epley, Brzycki, NSCA): about 20-30 reps at
 * 50 % 1RM, about 12 at 70 %, 5-6 at 85 %. Tolerance: 20-30 at 50 %, 10-15 at 70 % (Brzycki 11.8, Epley
 * 12.9), 5-7 at 85 % (Epley 5.3, Brzycki 6.4). The model gave 15 / 5 / 2 in round 1 and 22 / 9 / 4 before
 * the myoglobin buffer (docs/model.md 6.). */
static void test_reps_no_cuff_strength_tables(void **state)
{
    (void)state;
    static const double load[3] = {0.50, 0.70, 0.85}, lo[3] = {20, 10, 5}, hi[3] = {30, 15, 7};
    int prev = 1 << 30;
    for (int k = 0; k < 3; k++) {
        SimProtocol p = arm_at(0.0, true);
        p.cuff = CUFF_OFF;
        p.load = load[k];
        p.sets = 1;
        int reps = run(&p)->set[0].reps;
        char what[64];
        snprintf(what, sizeof what, "reps to failure at %.0f %% 1RM, no cuff", 100 * load[k]);
        CHECK_RANGE(what, reps, lo[k], hi[k]);
        assert_true(reps < prev);
        prev = reps;
    }
    /* a light load: Epley's formula gives about 70 reps at 30 % 1RM (the tables stop near 50 %, so the
     * tolerance is wide: 55-85; round 2 gave 93) */
    {
        SimProtocol p = arm_at(0.0, true);
        p.cuff = CUFF_OFF;
        p.load = 0.30;
        p.sets = 1;
        CHECK_RANGE("reps to failure at 30 % 1RM, no cuff (Epley 70)", run(&p)->set[0].reps, 55, 85);
    }
    /* the same on a thigh: the load, not the limb, sets it */
    SimProtocol p;
    sim_protocol_default(&p, LIMB_THIGH);
    p.cuff = CUFF_OFF;
    p.to_failure = true;
    p.load = 0.70;
    p.sets = 1;
    CHECK_RANGE("thigh, 70 % 1RM, no cuff", run(&p)->set[0].reps, 10, 15);
}

/* Rolnick et al. 2025 (meta-analysis, 25 studies, n = 678): four low-load BFR sets to failure give about
 * 36.0 / 14.7 / 11.5 / 10.4 reps, 73.1 in all. Checked at 25 % 1RM on the arm at 50 % AOP and on the
 * thigh at 70 % AOP, 30 s rests; tolerance: set 1 the published 95 % CI (30.5-41.4), sets 2-4 the 95 % CIs
 * widened by 5 reps. */
static void test_reps_bfr_meta_analysis(void **state)
{
    (void)state;
    static const double lo[4] = {20.5, 7.2, 4.2, 3.1}, hi[4] = {51.4, 22.1, 18.8, 17.7};
    for (int k = 0; k < 2; k++) {
        SimProtocol p;
        sim_protocol_default(&p, k ? LIMB_THIGH : LIMB_ARM);
        p.cuff_mmhg = model_aop_rest(&p.body) * (k ? 0.7 : 0.5);
        p.load = 0.25;
        p.to_failure = true;
        const SimResult *r = run(&p);
        for (int s = 0; s < 4; s++) {
            char what[64];
            snprintf(what, sizeof what, "%s set %d reps (Rolnick 2025)", k ? "thigh" : "arm", s + 1);
            /* set 1: the published 95 % CI (30.5-41.4) on both limbs (round 2 gave 43 on the arm) */
            CHECK_RANGE(what, r->set[s].reps, s == 0 ? 30.5 : lo[s], s == 0 ? 41.4 : hi[s]);
        }
        CHECK_RANGE("total reps (73.1, CI 61.1-85.2)", r->total_reps, 56, 95);
        assert_true(r->set[0].reps > 2 * r->set[1].reps); /* the big drop is after set 1 */
        /* and the later sets keep falling: 11.5 and 10.4 within +-3 each, set 4 below set 2 (round 3's arm
         * stayed flat at 16/15/16: every 30 s rest gave back the same) */
        char what3[64], what4[64];
        snprintf(what3, sizeof what3, "%s set 3 reps (Rolnick 2025: 11.5)", k ? "thigh" : "arm");
        snprintf(what4, sizeof what4, "%s set 4 reps (Rolnick 2025: 10.4)", k ? "thigh" : "arm");
        CHECK_RANGE(what3, r->set[2].reps, 11.5 - 3, 11.5 + 3);
        CHECK_RANGE(what4, r->set[3].reps, 10.4 - 3, 10.4 + 3);
        if (!(r->set[3].reps < r->set[1].reps))
            fail_msg("%s: set 4 (%d reps) not below set 2 (%d)", k ? "thigh" : "arm", r->set[3].reps, r->set[1].reps);
    }
}

/* The slow fatigue behind the decline: it builds only in fibres that fire (a cuff held at rest for 5 min
 * leaves none), it outlasts the fast kind (2 min after four sets to failure the arm is still weaker, though
 * PCr is back), it does not keep growing after the work stops while the acid is still there (force returns
 * within minutes while pH is still low), and it is gone within the hour. */
static void test_slow_fatigue(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_load(&m, 0.25);
    model_set_cuff(&m, 0.5 * model_aop_rest(&p));
    model_run(&m, 300);
    model_set_cuff(&m, 0.0);
    model_run(&m, 120);
    assert_true(model_out(&m)->capacity > 0.99);
    assert_true(model_out(&m)->type1_fatigue < 1e-9 && model_out(&m)->type2_fatigue < 1e-9);

    model_init(&m, &p, MODEL_DT);
    model_set_load(&m, 0.25);
    model_set_cuff(&m, 0.5 * model_aop_rest(&p));
    model_run(&m, 30);
    for (int set = 0; set < 4; set++) {
        while (model_begin_rep(&m, 2.0))
            while (model_in_rep(&m))
                model_step(&m);
        if (set < 3)
            model_run(&m, 30);
    }
    model_set_cuff(&m, 0.0);
    model_run(&m, 120);
    const ModelOut *o = model_out(&m);
    double cap2 = o->capacity;
    CHECK_RANGE("PCr 2 min after (back near rest)", o->pcr_mm, 28.0, 30.0);
    CHECK_RANGE("capacity 2 min after four sets to failure", cap2, 0.4, 0.85);
    assert_true(o->type1_fatigue > 0.1 && o->type2_fatigue > 0.1);
    model_run(&m, 480);
    o = model_out(&m);
    assert_true(o->ph < 6.95); /* the acid is still there ... */
    assert_true(o->capacity > cap2); /* ... and force keeps coming back */
    model_run(&m, 3000);
    CHECK_RANGE("capacity an hour after", model_out(&m)->capacity, 0.95, 1.0);
}

/* Pressure matters less than it first seems: at 30 % 1RM on the thigh, total reps at 80 % AOP are about
 * 0.75x those at 40 % (Jessee et al.; Bell et al. 2018). Tolerance 0.65-0.85 (the model: 0.71). */
static void test_pressure_dose(void **state)
{
    (void)state;
    int total[2];
    for (int k = 0; k < 2; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_THIGH);
        p.cuff_mmhg = model_aop_rest(&p.body) * (k ? 0.8 : 0.4);
        p.load = 0.30;
        p.to_failure = true;
        total[k] = run(&p)->total_reps;
    }
    CHECK_RANGE("total reps at 80 % AOP / at 40 %", (double)total[1] / total[0], 0.65, 0.85);
}

/* Veins: venous return is strongly impeded near 80 % AOP but not gone at 40 %, and contracting muscle
 * pumps venous blood past a partial restriction. */
static void test_veins_partial(void **state)
{
    (void)state;
    double rest_out[3], set_out[3];
    static const double fr[3] = {0.4, 0.6, 0.8};
    for (int k = 0; k < 3; k++) {
        ModelParams p;
        model_params_default(&p, LIMB_ARM);
        Model m;
        model_init(&m, &p, MODEL_DT);
        model_set_cuff(&m, model_aop_rest(&p) * fr[k]);
        model_set_load(&m, 0.3);
        model_run(&m, 30.0);
        rest_out[k] = model_out(&m)->venous_outflow;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 10; i++) {
            assert_true(model_begin_rep(&m, 2.0));
            while (model_in_rep(&m)) {
                model_step(&m);
                sum += model_out(&m)->venous_outflow;
                n++;
            }
        }
        set_out[k] = sum / n;
    }
    CHECK_RANGE("venous outflow after 30 s at 40 % AOP (partial)", rest_out[0], 0.05, 0.8);
    CHECK_RANGE("venous outflow after 30 s at 80 % AOP (strongly impeded)", rest_out[2], 0.0, 0.5 * rest_out[0]);
    for (int k = 0; k < 3; k++) {
        assert_true(set_out[k] > 0.0);
        assert_true(set_out[k] > 2.0 * rest_out[k]); /* the muscle pump */
        if (k > 0)
            assert_true(set_out[k] < set_out[k - 1] && rest_out[k] < rest_out[k - 1]);
    }
}

/* Interstitial K+ rises with work and the cuff holds it in: after the same 20 reps it is higher under a
 * cuff than without, and it falls back toward 4 mM at rest once the cuff is off. */
static void test_potassium_held_by_cuff(void **state)
{
    (void)state;
    double k[2];
    for (int c = 0; c < 2; c++) {
        ModelParams p;
        model_params_default(&p, LIMB_ARM);
        Model m;
        model_init(&m, &p, MODEL_DT);
        assert_true(fabs(model_out(&m)->interstitial_k_mm - 4.0) < 1e-9);
        model_set_cuff(&m, c ? model_aop_rest(&p) * 0.6 : 0.0);
        model_set_load(&m, 0.3);
        model_run(&m, 30);
        for (int i = 0; i < 20; i++) {
            assert_true(model_begin_rep(&m, 2.0));
            while (model_in_rep(&m))
                model_step(&m);
        }
        k[c] = model_out(&m)->interstitial_k_mm;
        model_set_cuff(&m, 0.0);
        model_run(&m, 300);
        assert_true(model_out(&m)->interstitial_k_mm < 4.0 + 0.2 * (k[c] - 4.0));
    }
    assert_true(k[0] > 4.0);
    assert_true(k[1] > k[0]);
}

/* Yasuda et al. 2010: 75 reps (30-15-15-15, 30 s rests) of elbow flexion at 20 % 1RM with a 3 cm cuff at
 * 0 / 100 / 160 mmHg gave venous lactate of 3.0 / 3.7 / 5.4 mmol/L (SE 0.4-0.6). Tolerance +-0.8.
 * 70 % 1RM, 3 sets to failure, 3 min rests, no cuff: 7.0, above all three; the model reaches 5.6 there
 * (4.3 in round 2; a known miss, docs/model.md), so only "above the uncuffed light load" is checked. */
static void test_lactate_yasuda(void **state)
{
    (void)state;
    static const double mmhg[3] = {0, 100, 160}, want[3] = {3.0, 3.7, 5.4};
    double lac[3];
    for (int k = 0; k < 3; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_ARM);
        p.body.cuff_width_cm = 3;
        p.load = 0.20;
        p.cuff_mmhg = mmhg[k];
        p.cuff = mmhg[k] > 0 ? CUFF_CONTINUOUS : CUFF_OFF;
        const SimResult *r = run(&p);
        assert_int_equal(r->total_reps, 75);
        lac[k] = r->peak_lactate_venous;
        char what[64];
        snprintf(what, sizeof what, "venous lactate at %.0f mmHg (Yasuda 2010: %.1f)", mmhg[k], want[k]);
        CHECK_RANGE(what, lac[k], want[k] - 0.8, want[k] + 0.8);
    }
    assert_true(lac[0] < lac[1] && lac[1] < lac[2]);
    SimProtocol h;
    sim_protocol_default(&h, LIMB_ARM);
    h.body.cuff_width_cm = 3;
    h.cuff = CUFF_OFF;
    h.load = 0.70;
    h.sets = 3;
    h.to_failure = true;
    h.rest = 180;
    CHECK_RANGE("venous lactate, 70 % 1RM to failure (Yasuda 2010: 7.0)", run(&h)->peak_lactate_venous, lac[0], 9.0);
}

/* With the cuff, a heavier load makes more lactate for the same reps (5 x 15, 1 min rests, thigh at
 * 70 % AOP): 50 % 1RM above 30 %. */
static void test_lactate_rises_with_load(void **state)
{
    (void)state;
    double lac[2];
    for (int k = 0; k < 2; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_THIGH);
        p.load = k ? 0.5 : 0.3;
        p.sets = 5;
        for (int s = 0; s < 5; s++)
            p.reps[s] = 15;
        p.rest = 60;
        lac[k] = run(&p)->peak_lactate_venous;
    }
    assert_true(lac[1] > lac[0]);
}

/* ---- perceived tightness ---- */

static void test_tightness_mapping(void **state)
{
    (void)state;
    static const Limb limbs[2] = {LIMB_LEG, LIMB_ARM};
    static const double want[2] = {70.0, 80.0}; /* % AOP at 7/10: leg ~70, arm ~80 (tolerance +-5) */
    for (int k = 0; k < 2; k++) {
        ModelParams p;
        model_params_default(&p, limbs[k]);
        double aop = model_aop_rest(&p), sum = 0, sum2 = 0;
        const int n = 2000;
        Rng rng;
        rng_seed(&rng, 42);
        for (int i = 0; i < n; i++) {
            double pct = 100.0 * model_tightness_pressure(&p, 7.0, &rng) / aop;
            sum += pct;
            sum2 += pct * pct;
        }
        double mean = sum / n, sd = sqrt(sum2 / n - mean * mean);
        CHECK_RANGE("mean %AOP at 7/10", mean, want[k] - 5, want[k] + 5);
        /* day-to-day spread about +-20-25 %: 2 sd between 16 % and 32 % of the mean */
        CHECK_RANGE("2 sd / mean at 7/10", 2 * sd / mean, 0.16, 0.32);
    }
    ModelParams leg;
    model_params_default(&leg, LIMB_LEG);
    CHECK_RANGE("leg %AOP at 10/10 (close to full occlusion)", 100 * model_tightness_fraction(LIMB_LEG, 10), 90, 110);
    /* smaller limbs reach their pressure with a looser wrap */
    assert_true(model_tightness_fraction(LIMB_ARM, 6) > model_tightness_fraction(LIMB_LEG, 6));
    /* the same seed gives the same pressure; another seed another one */
    Rng a, b, c;
    rng_seed(&a, 7);
    rng_seed(&b, 7);
    rng_seed(&c, 8);
    double pa = model_tightness_pressure(&leg, 7, &a), pb = model_tightness_pressure(&leg, 7, &b),
           pc = model_tightness_pressure(&leg, 7, &c);
    assert_true(pa == pb);
    assert_true(pa != pc);
}

/* ---- 2. Flow through the cuff ---- */

static void test_flow_through_the_cuff(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    double aop = model_aop_rest(&p);
    /* at practical pressures (40-80 % AOP) inflow continues while venous return is strongly impeded */
    for (double f = 0.4; f <= 0.81; f += 0.1) {
        Model m;
        model_init(&m, &p, MODEL_DT);
        model_set_cuff(&m, aop * f);
        model_run(&m, 30.0);
        const ModelOut *o = model_out(&m);
        if (!(o->arterial_inflow > 0.5 && o->venous_outflow < 0.25))
            fail_msg("at %.0f %% AOP: inflow %.2f outflow %.2f", 100 * f, o->arterial_inflow, o->venous_outflow);
        assert_true(o->pooled_blood > 0.5); /* blood is pooling: the pump */
    }
    /* at or above the current AOP: a tourniquet, no inflow at all, and flagged */
    for (double f = 1.0; f <= 1.3; f += 0.15) {
        Model m;
        model_init(&m, &p, MODEL_DT);
        model_set_cuff(&m, aop * f);
        int shut = 0;
        for (int i = 0; i < 500; i++) {
            model_step(&m);
            const ModelOut *o = model_out(&m);
            if (o->cuff_mmhg >= o->aop_mmhg) {
                assert_true(o->arterial_inflow == 0.0);
                shut++;
            }
            assert_true(o->arterial_inflow < 1e-9);
        }
        assert_true(shut > 0);
        assert_true(model_flag(&m, FLAG_TOURNIQUET, NULL));
    }
    /* the muscle pump: during contractions some venous blood gets past a partial restriction */
    Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_cuff(&m, aop * 0.5);
    model_run(&m, 30.0);
    double peak_out = 0;
    for (int i = 0; i < 5; i++) {
        model_begin_rep(&m, 2.0);
        while (model_in_rep(&m)) {
            model_step(&m);
            if (model_out(&m)->venous_outflow > peak_out)
                peak_out = model_out(&m)->venous_outflow;
        }
    }
    assert_true(peak_out > 0.5);
}

/* ---- 4. Inside the muscle: the common clinical scheme, 30-15-15-15 at 30 % 1RM, 30 s rests, 50 % AOP ---- */

static void test_metabolites_after_restricted_work(void **state)
{
    (void)state;
    SimProtocol p = arm_at(0.5, false);
    const SimResult *r = run(&p);
    CHECK_RANGE("end pH (about 6.8 from 7.05; +-0.15)", r->min_ph, 6.65, 6.95);
    CHECK_RANGE("PCr drop, mM (about 15 from 30; +-5)", 30.0 - r->min_pcr, 10, 20);
    CHECK_RANGE("venous lactate, mmol/L (4-6; +-1)", r->peak_lactate_venous, 3.0, 7.0);
    /* at rest before anything: pH 7.05, PCr 30, lactate about 1 */
    Model m;
    model_init(&m, &p.body, MODEL_DT);
    CHECK_RANGE("resting pH", model_out(&m)->ph, 7.04, 7.06);
    CHECK_RANGE("resting PCr", model_out(&m)->pcr_mm, 29.9, 30.0);
    CHECK_RANGE("resting venous lactate", model_out(&m)->lactate_venous_mmol, 0.9, 1.1);
}

/* Metabolites: larger with the cuff than without at the same work, and larger when it stays on through the
 * rests than when it is released between sets. 20-10-10-10 reps at 30 % 1RM: all three complete them. */
static void test_metabolites_cuff_vs_none_vs_intermittent(void **state)
{
    (void)state;
    static const int reps[4] = {20, 10, 10, 10};
    double lac[3], pi[3], ph[3];
    CuffMode modes[3] = {CUFF_OFF, CUFF_INTERMITTENT, CUFF_CONTINUOUS};
    for (int k = 0; k < 3; k++) {
        SimProtocol p = arm_at(0.5, false);
        p.cuff = modes[k];
        memcpy(p.reps, reps, sizeof reps);
        const SimResult *r = run(&p);
        assert_int_equal(r->total_reps, 50); /* equal work */
        lac[k] = r->peak_lactate_muscle;
        pi[k] = r->peak_pi;
        ph[k] = r->min_ph;
    }
    for (int k = 0; k < 2; k++) {
        if (!(lac[k + 1] > lac[k] && pi[k + 1] > pi[k] && ph[k + 1] < ph[k]))
            fail_msg("mode %d -> %d: lactate %.2f -> %.2f, Pi %.2f -> %.2f, pH %.3f -> %.3f", k, k + 1, lac[k],
                     lac[k + 1], pi[k], pi[k + 1], ph[k], ph[k + 1]);
    }
}

/* Oxygen falls during restricted sets; with the cuff on at >= 60 % AOP it does not recover in the rests,
 * at 40 % it largely does (end of rest 1 at least 85 % of the resting value). Near-infrared spectroscopy
 * during BFR exercise shows tissue saturation falling by tens of points, never to nothing: at 80 % AOP the
 * model must stay above 0.15 (it used to reach 0.01-0.02). */
static void test_oxygen_between_sets(void **state)
{
    (void)state;
    static const double fr[3] = {0.4, 0.6, 0.8};
    double end_rest[3];
    for (int k = 0; k < 3; k++) {
        SimProtocol p = arm_at(fr[k], true);
        const SimResult *r = run(&p);
        double base = r->sat_before;
        assert_true(r->set[0].sat_end < base); /* falls during the set */
        end_rest[k] = r->set[0].sat_end_rest;
        if (k == 0) {
            CHECK_RANGE("O2 at end of rest 1 / rest, 40 % AOP", r->set[0].sat_end_rest / base, 0.85, 1.1);
        } else {
            CHECK_RANGE("O2 at end of rest 1 / rest, >= 60 % AOP", r->set[0].sat_end_rest / base, 0.0, 0.85);
            assert_true(r->set[0].sat_end_rest <= r->set[0].sat_end + 0.01); /* no recovery */
        }
        CHECK_RANGE("lowest tissue O2 over 4 sets to failure", r->min_sat, 0.15, 0.70);
    }
    assert_true(end_rest[0] > end_rest[1] && end_rest[1] > end_rest[2]);
}

/* Type II fibres join as oxygen falls, even at light loads; activation climbs set by set. */
static void test_fibre_recruitment(void **state)
{
    (void)state;
    SimProtocol p = arm_at(0.5, false);
    const SimResult *r = run(&p);
    assert_true(r->peak_type2 > 0.3);
    for (int s = 1; s < 4; s++)
        if (!(r->set[s].mean_type2 > r->set[0].mean_type2))
            fail_msg("set %d mean type II %.3f not above set 1's %.3f", s + 1, r->set[s].mean_type2, r->set[0].mean_type2);
    assert_true(r->set[3].mean_active > r->set[0].mean_active);
    /* fresh, at 30 % 1RM, no type II at all */
    Model m;
    model_init(&m, &p.body, MODEL_DT);
    model_set_load(&m, 0.3);
    assert_true(model_begin_rep(&m, 2.0));
    assert_true(model_out(&m)->type2_recruitment == 0.0);
    assert_true(model_out(&m)->type1_recruitment > 0.3);
    /* same 20 reps: more type II with the cuff than without */
    double t2[2];
    for (int k = 0; k < 2; k++) {
        SimProtocol q = arm_at(0.6, false);
        q.cuff = k ? CUFF_CONTINUOUS : CUFF_OFF;
        q.sets = 1;
        q.reps[0] = 25;
        t2[k] = run(&q)->set[0].mean_type2;
    }
    assert_true(t2[1] > t2[0]);
}

/* Swelling: +10-20 % after four restricted sets to failure, more than after heavy unrestricted lifting,
 * stays up in short rests with the cuff on, drains over minutes once it comes off. */
static void test_swelling(void **state)
{
    (void)state;
    SimProtocol p = arm_at(0.5, true);
    const SimResult *r = run(&p);
    CHECK_RANGE("swelling after 4 restricted sets to failure, %", r->peak_swelling, 10, 20);
    for (int s = 0; s < 3; s++)
        assert_true(r->set[s].swelling_end_rest >= 0.8 * r->set[s].swelling_end);
    assert_true(r->swelling_60s < r->swelling_at_release);
    assert_true(r->swelling_300s < 0.7 * r->swelling_at_release);
    assert_true(r->swelling_300s > 0.1 * r->swelling_at_release); /* minutes, not seconds */
    assert_true(r->lactate_m_300s < r->lactate_m_at_release);
    double bfr = r->peak_swelling;
    SimProtocol heavy = arm_at(0.0, true);
    heavy.cuff = CUFF_OFF;
    heavy.load = 0.75;
    heavy.rest = 120;
    assert_true(run(&heavy)->peak_swelling < bfr);
}

/* Reps to failure fall set by set; more pressure at the same light load means fewer total reps; the
 * seed's pattern (about 30, then 10-15) at an arm's 50 % AOP, with tolerance. */
static void test_reps_to_failure(void **state)
{
    (void)state;
    static const double fr[5] = {0.0, 0.4, 0.5, 0.6, 0.8};
    int prev = 1 << 30;
    for (int k = 0; k < 5; k++) {
        SimProtocol p = arm_at(fr[k], true);
        if (fr[k] == 0.0)
            p.cuff = CUFF_OFF;
        const SimResult *r = run(&p);
        for (int s = 1; s < 4; s++)
            assert_true(r->set[s].reps < r->set[0].reps);
        if (!(r->total_reps < prev))
            fail_msg("%.0f %% AOP: total %d reps, not fewer than %d", 100 * fr[k], r->total_reps, prev);
        prev = r->total_reps;
        if (fr[k] == 0.5) {
            CHECK_RANGE("set 1 reps at 50 % AOP (about 30)", r->set[0].reps, 22, 45);
            for (int s = 1; s < 4; s++)
                CHECK_RANGE("later set reps at 50 % AOP (10-15)", r->set[s].reps, 6, 18);
        }
    }
}

static void test_anabolic_signal(void **state)
{
    (void)state;
    static const int reps[4] = {20, 10, 10, 10};
    double a[2];
    for (int k = 0; k < 2; k++) {
        SimProtocol p = arm_at(0.5, false);
        p.cuff = k ? CUFF_CONTINUOUS : CUFF_OFF;
        memcpy(p.reps, reps, sizeof reps);
        a[k] = run(&p)->peak_anabolic;
    }
    assert_true(a[1] > a[0]);
}

/* ---- safety flags ---- */

static void test_safety_flags(void **state)
{
    (void)state;
    ModelParams arm, leg;
    model_params_default(&arm, LIMB_ARM);
    model_params_default(&leg, LIMB_LEG);
    Model m;
    double when;
    /* time limit: 15 min on an arm, 20 on a leg */
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.4);
    model_run(&m, 14 * 60);
    assert_false(model_flag(&m, FLAG_TIME_LIMIT, NULL));
    model_run(&m, 2 * 60);
    assert_true(model_flag(&m, FLAG_TIME_LIMIT, &when));
    CHECK_RANGE("time_limit raised at (s)", when, 900, 901);
    model_init(&m, &leg, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&leg) * 0.6);
    model_run(&m, 16 * 60);
    assert_false(model_flag(&m, FLAG_TIME_LIMIT, NULL));
    /* too tight before the first set; fine at a practical pressure */
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.95);
    model_run(&m, 2);
    assert_true(model_flag(&m, FLAG_TOO_TIGHT, NULL));
    assert_false(model_flag(&m, FLAG_TOURNIQUET, NULL));
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.5);
    model_run(&m, 30);
    assert_false(model_flag(&m, FLAG_TOO_TIGHT, NULL));
    assert_false(model_flag(&m, FLAG_TOO_LOOSE, NULL));
    /* too loose: on, but the veins are not squeezed */
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, 20);
    model_run(&m, 5);
    assert_true(model_flag(&m, FLAG_TOO_LOOSE, NULL));
    /* no reperfusion: a new period less than 3 min after a long one */
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.5);
    model_run(&m, 6 * 60);
    model_set_cuff(&m, 0);
    model_run(&m, 60);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.5);
    assert_true(model_flag(&m, FLAG_NO_REPERFUSION, &when));
    CHECK_RANGE("no_reperfusion at (s)", when, 419, 421);
    model_init(&m, &arm, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.5);
    model_run(&m, 6 * 60);
    model_set_cuff(&m, 0);
    model_run(&m, 4 * 60);
    model_set_cuff(&m, model_aop_rest(&arm) * 0.5);
    assert_false(model_flag(&m, FLAG_NO_REPERFUSION, NULL));
}

/* ---- properties ---- */

/* Inflow never rises with pressure, for many bodies: at steady state, and at once from the same state
 * (resting, and in the middle of a set). During filling, the inflow at a fixed time is not compared:
 * a lower pressure fills the veins faster, which is the pump, not a rise in inflow. */
static void test_property_inflow_monotone(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 99);
    for (int b = 0; b < 8; b++) {
        Limb limb = (Limb)(b % LIMB_COUNT);
        ModelParams dp;
        model_params_default(&dp, limb);
        ModelParams p = body(limb, 4 + 14 * rng_uniform(&rng), dp.circumference_cm * (0.8 + 0.4 * rng_uniform(&rng)),
                             100 + 50 * rng_uniform(&rng), 18 + 60 * rng_uniform(&rng),
                             rng_uniform(&rng) < 0.5 ? SEX_MALE : SEX_FEMALE);
        double aop = model_aop_rest(&p);
        double prev_ss = 1e9;
        /* a shared state: 40 s at 50 % AOP and 8 reps in */
        Model mid;
        model_init(&mid, &p, MODEL_DT);
        model_set_cuff(&mid, aop * 0.5);
        model_run(&mid, 40);
        for (int i = 0; i < 8; i++) {
            model_begin_rep(&mid, 2.0);
            while (model_in_rep(&mid))
                model_step(&mid);
        }
        model_begin_rep(&mid, 2.0);
        model_run(&mid, 1.0); /* mid-contraction */
        Model rest;
        model_init(&rest, &p, MODEL_DT);
        double prev_mid = 1e9, prev_rest = 1e9;
        for (double f = 0.0; f <= 1.3; f += 0.1) {
            Model m;
            model_init(&m, &p, MODEL_DT);
            model_set_cuff(&m, aop * f);
            model_run(&m, 600.0); /* the veins have filled: steady */
            double q = model_out(&m)->arterial_inflow;
            if (q > prev_ss + 1e-9)
                fail_msg("body %d: steady inflow rose from %.5f to %.5f at %.0f %% AOP", b, prev_ss, q, 100 * f);
            prev_ss = q;
            Model a = mid, c = rest;
            model_set_cuff(&a, aop * f);
            model_set_cuff(&c, aop * f);
            model_step(&a);
            model_step(&c);
            if (model_out(&a)->arterial_inflow > prev_mid + 1e-9 || model_out(&c)->arterial_inflow > prev_rest + 1e-9)
                fail_msg("body %d: instantaneous inflow rose at %.0f %% AOP", b, 100 * f);
            prev_mid = model_out(&a)->arterial_inflow;
            prev_rest = model_out(&c)->arterial_inflow;
        }
        assert_true(prev_ss == 0.0 && prev_mid == 0.0 && prev_rest == 0.0); /* above AOP: nothing gets in */
    }
}

/* Swelling and metabolites rise with restriction at equal work. */
static void test_property_restriction_raises_stress(void **state)
{
    (void)state;
    double prev_swell = -1, prev_lac = -1, prev_ph = 99;
    for (double f = 0.0; f <= 0.61; f += 0.15) {
        SimProtocol p = arm_at(f, false);
        p.cuff = f == 0.0 ? CUFF_OFF : CUFF_CONTINUOUS;
        static const int reps[4] = {15, 8, 8, 8};
        memcpy(p.reps, reps, sizeof reps);
        p.load = 0.25;
        const SimResult *r = run(&p);
        assert_int_equal(r->total_reps, 39);
        if (!(r->peak_swelling > prev_swell && r->peak_lactate_muscle > prev_lac && r->min_ph < prev_ph))
            fail_msg("at %.0f %% AOP: swelling %.2f (prev %.2f), lactate %.2f (prev %.2f), pH %.3f (prev %.3f)", 100 * f,
                     r->peak_swelling, prev_swell, r->peak_lactate_muscle, prev_lac, r->min_ph, prev_ph);
        prev_swell = r->peak_swelling;
        prev_lac = r->peak_lactate_muscle;
        prev_ph = r->min_ph;
    }
}

static void check_physical(const ModelOut *o, const char *ctx)
{
    const double v[] = {o->aop_mmhg, o->cuff_mmhg, o->aop_percent, o->arterial_inflow, o->venous_outflow,
                        o->venous_pressure, o->pooled_blood, o->swelling_percent, o->oxygen_saturation, o->pcr_mm,
                        o->pi_mm, o->ph, o->lactate_muscle_mm, o->lactate_venous_mmol, o->type1_recruitment,
                        o->type2_recruitment, o->capacity, o->sbp_mmhg, o->vasodilation, o->anabolic_signal,
                        o->interstitial_k_mm, o->h2po4_mm};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isfinite(v[i]))
            fail_msg("%s: output %zu is not finite", ctx, i);
    if (!(o->oxygen_saturation >= 0 && o->oxygen_saturation <= 1 && o->pcr_mm >= 0 && o->pcr_mm <= 30 &&
          o->ph > 6.0 && o->ph < 7.6 && o->lactate_muscle_mm >= 0 && o->lactate_muscle_mm < 60 &&
          o->lactate_venous_mmol >= 0 && o->lactate_venous_mmol < 40 && o->swelling_percent >= 0 &&
          o->swelling_percent < 60 && o->arterial_inflow >= 0 && o->arterial_inflow < 60 && o->venous_outflow >= 0 &&
          o->capacity >= 0 && o->capacity <= 1.0 + 1e-9 && o->type1_recruitment >= 0 && o->type1_recruitment <= 1 + 1e-9 &&
          o->type2_recruitment >= 0 && o->type2_recruitment <= 1 + 1e-9 && o->venous_pressure < 400 &&
          o->interstitial_k_mm >= 4.0 && o->interstitial_k_mm < 30 && o->h2po4_mm >= 0 && o->h2po4_mm <= o->pi_mm))
        fail_msg("%s: out of physical range: sat %.3f pcr %.2f pH %.3f lac %.2f/%.2f swell %.2f in %.2f out %.2f cap %.3f "
                 "t1 %.3f t2 %.3f pv %.1f",
                 ctx, o->oxygen_saturation, o->pcr_mm, o->ph, o->lactate_muscle_mm, o->lactate_venous_mmol,
                 o->swelling_percent, o->arterial_inflow, o->venous_outflow, o->capacity, o->type1_recruitment,
                 o->type2_recruitment, o->venous_pressure);
}

/* Everything finite and in range over long and extreme runs: random bodies at the edges of their ranges,
 * random cuff pressures up to 500 mmHg switched on and off, loads up to 100 %, an hour each. */
static void test_property_long_extreme_runs(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 2024);
    for (int run_i = 0; run_i < 8; run_i++) {
        Limb limb = (Limb)(run_i % LIMB_COUNT); /* every limb, twice */
        double e = rng_uniform(&rng) < 0.5 ? 0.0 : 1.0; /* corner of the range */
        double clo, chi;
        model_limb_circumference_range(limb, &clo, &chi);
        ModelParams p = body(limb, 2 + 23 * e, clo + (chi - clo) * rng_uniform(&rng), 80 + 140 * rng_uniform(&rng),
                             10 + 90 * rng_uniform(&rng), SEX_FEMALE);
        p.posture = (Posture)(run_i % POSTURE_COUNT);
        double dmax = p.sbp - 10.5 < 130 ? p.sbp - 10.5 : 130;
        p.dbp = 40 + (dmax - 40) * rng_uniform(&rng);
        char err[128];
        assert_int_equal(model_params_check(&p, err, sizeof err), 0);
        Model m;
        model_init(&m, &p, MODEL_DT);
        for (double t = 0; t < 3600;) {
            model_set_cuff(&m, rng_uniform(&rng) < 0.3 ? 0.0 : 500 * rng_uniform(&rng));
            model_set_load(&m, 0.01 + 0.99 * rng_uniform(&rng));
            double phase = 5 + 120 * rng_uniform(&rng);
            for (double u = 0; u < phase; u += m.dt) {
                if (!model_in_rep(&m) && rng_uniform(&rng) < 0.01)
                    model_begin_rep(&m, 0.5 + 4 * rng_uniform(&rng));
                model_step(&m);
                check_physical(model_out(&m), "extreme run");
            }
            t += phase;
        }
    }
}

/* Same inputs, same numbers: no hidden state, no clock. */
static void test_property_deterministic(void **state)
{
    (void)state;
    SimProtocol p = arm_at(0.55, true);
    SimResult a;
    sim_run(&p, &a, NULL, NULL);
    const SimResult *b = run(&p);
    assert_int_equal(a.total_reps, b->total_reps);
    assert_memory_equal(model_out(&a.final), model_out(&b->final), sizeof(ModelOut));
}

/* A finer step gives the same answers (the model is not tuned to its step). */
static void test_property_step_size(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    Model a, b;
    model_init(&a, &p, 0.01);
    model_init(&b, &p, 0.002);
    model_set_cuff(&a, model_aop_rest(&p) * 0.5);
    model_set_cuff(&b, model_aop_rest(&p) * 0.5);
    model_set_load(&a, 0.3);
    model_set_load(&b, 0.3);
    model_run(&a, 30);
    model_run(&b, 30);
    for (int i = 0; i < 20; i++) {
        assert_true(model_begin_rep(&a, 2.0));
        assert_true(model_begin_rep(&b, 2.0));
        while (model_in_rep(&a))
            model_step(&a);
        while (model_in_rep(&b))
            model_step(&b);
    }
    const ModelOut *oa = model_out(&a), *ob = model_out(&b);
    CHECK_RANGE("PCr, dt 10 ms vs 2 ms", oa->pcr_mm - ob->pcr_mm, -0.5, 0.5);
    CHECK_RANGE("swelling, dt 10 ms vs 2 ms", oa->swelling_percent - ob->swelling_percent, -0.3, 0.3);
    CHECK_RANGE("O2, dt 10 ms vs 2 ms", oa->oxygen_saturation - ob->oxygen_saturation, -0.02, 0.02);
}

static void test_reps_prediction_matches_reality(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&p) * 0.5);
    model_set_load(&m, 0.3);
    model_run(&m, 30);
    int predicted = model_predict_reps(&m, 2.0, 200);
    int actual = 0;
    while (model_begin_rep(&m, 2.0)) {
        actual++;
        while (model_in_rep(&m))
            model_step(&m);
    }
    assert_int_equal(predicted, actual);
    assert_true(actual > 10);
    /* and the running estimate is in the right neighbourhood halfway through */
    model_init(&m, &p, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&p) * 0.5);
    model_run(&m, 30);
    for (int i = 0; i < actual / 2; i++) {
        model_begin_rep(&m, 2.0);
        while (model_in_rep(&m))
            model_step(&m);
    }
    CHECK_RANGE("running reps-left estimate halfway", model_out(&m)->reps_left, actual / 4.0, actual * 1.5);
}

static void test_params_check(void **state)
{
    (void)state;
    ModelParams p;
    char err[160];
    model_params_default(&p, LIMB_ARM);
    assert_int_equal(model_params_check(&p, err, sizeof err), 0);
    p.circumference_cm = 70;
    assert_int_equal(model_params_check(&p, err, sizeof err), -1);
    assert_non_null(strstr(err, "circumference"));
    model_params_default(&p, LIMB_ARM);
    p.dbp = 115;
    assert_int_equal(model_params_check(&p, err, sizeof err), -1);
    assert_non_null(strstr(err, "diastolic"));
}

/* Four limbs: names round-trip ("leg" is the thigh), each default body is valid, has its own band and size,
 * and a whole protocol runs on it. */
static void test_limbs(void **state)
{
    (void)state;
    for (int l = 0; l < LIMB_COUNT; l++) {
        assert_int_equal(model_limb_from_name(model_limb_name((Limb)l)), l);
        ModelParams p;
        model_params_default(&p, (Limb)l);
        char err[160];
        assert_int_equal(model_params_check(&p, err, sizeof err), 0);
        double lo, hi;
        model_limb_circumference_range((Limb)l, &lo, &hi);
        assert_true(p.circumference_cm > lo && p.circumference_cm < hi);
        p.circumference_cm = hi + 1;
        assert_int_equal(model_params_check(&p, err, sizeof err), -1);
        assert_non_null(strstr(err, model_limb_name((Limb)l)));
        SimProtocol sp;
        sim_protocol_default(&sp, (Limb)l);
        const SimResult *r = run(&sp);
        assert_true(r->total_reps > 10);
    }
    assert_int_equal(model_limb_from_name("leg"), LIMB_THIGH);
    assert_int_equal(model_limb_from_name("foot"), -1);
    assert_true(model_limb_is_leg(LIMB_CALF) && model_limb_is_leg(LIMB_THIGH));
    assert_false(model_limb_is_leg(LIMB_FOREARM) || model_limb_is_leg(LIMB_ARM));
    /* the smaller limb of each pair is smaller, and the defaults differ */
    ModelParams a, f, t, c;
    model_params_default(&a, LIMB_ARM);
    model_params_default(&f, LIMB_FOREARM);
    model_params_default(&t, LIMB_THIGH);
    model_params_default(&c, LIMB_CALF);
    assert_true(f.circumference_cm < a.circumference_cm && c.circumference_cm < t.circumference_cm);
    assert_true(c.cuff_width_cm < t.cuff_width_cm);
}

/* Outputs read right after model_set_cuff show the new cuff, not the cached ones from before. */
static void test_outputs_follow_setters_at_once(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    static Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_load(&m, 0.3);
    model_run(&m, 1.0);
    assert_true(model_out(&m)->cuff_mmhg == 0.0);
    model_set_cuff(&m, 120.0);
    assert_true(model_out(&m)->cuff_mmhg == 120.0);
    assert_true(model_out(&m)->aop_percent > 0.0);
    model_set_cuff(&m, 0.0);
    assert_true(model_out(&m)->cuff_mmhg == 0.0);
}

/* ---- Round 3: more published figures (docs/model.md, table) ---- */

/* Reactive hyperaemia: after 5 min of full occlusion at rest, inflow on release peaks several-fold above
 * rest (sixfold to eightfold in forearm studies) and falls back exponentially with a half-life of 14-45 s
 * (Imms et al. 1988, forearm, 5 min occlusion). Tolerance: peak 5-10x, half-life the published 14-45 s. */
static void test_reactive_hyperaemia(void **state)
{
    (void)state;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_cuff(&m, model_aop_rest(&p) * 1.3);
    model_run(&m, 300.0);
    assert_true(model_out(&m)->arterial_inflow == 0.0);
    model_set_cuff(&m, 0.0);
    double peak = 0.0, t_peak = 0.0, half = -1.0;
    for (int i = 1; i <= 12000; i++) {
        model_step(&m);
        double f = model_out(&m)->arterial_inflow;
        if (f > peak) {
            peak = f;
            t_peak = i * MODEL_DT;
        } else if (half < 0.0 && f < 1.0 + 0.5 * (peak - 1.0)) {
            half = i * MODEL_DT - t_peak;
        }
    }
    CHECK_RANGE("peak inflow after 5 min occlusion, x rest (5-10)", peak, 5.0, 10.0);
    CHECK_RANGE("hyperaemia half-life, s (Imms 1988: 14-45)", half, 14.0, 45.0);
    CHECK_RANGE("inflow 2 min after release, x rest (back near rest)", model_out(&m)->arterial_inflow, 0.8, 1.5);
}

/* Wong et al. 2019 (n = 96): after BFR elbow flexion at the same share of AOP, muscle thickness rose by
 * 15 % with a narrow and 14 % with a wide cuff: the relative pressure, not the width, sets the swelling.
 * Checked: four sets to failure at 30 % 1RM, 40 % AOP, 5 cm and 12 cm cuffs on the arm. Tolerance: each
 * 10-20 % (reference 4.), narrow / wide 0.85-1.15 (published 1.07). */
static void test_swelling_cuff_width_wong(void **state)
{
    (void)state;
    double sw[2];
    static const double width[2] = {5.0, 12.0};
    for (int k = 0; k < 2; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_ARM);
        p.body.cuff_width_cm = width[k];
        p.cuff_mmhg = model_aop_rest(&p.body) * 0.4;
        p.to_failure = true;
        p.recovery = 0;
        sw[k] = run(&p)->peak_swelling;
        CHECK_RANGE(k ? "swelling, 12 cm cuff at 40 % AOP (Wong 2019: 14 %)" : "swelling, 5 cm band at 40 % AOP (Wong 2019: 15 %)",
                    sw[k], 10, 20);
    }
    CHECK_RANGE("swelling narrow / wide at the same % AOP (1.07)", sw[0] / sw[1], 0.85, 1.15);
}

/* Jessee et al. 2019 (n = 23, knee extension, four sets to failure, up to 90 reps a set): muscle thickness
 * rose 0.57 cm (95 % CI 0.41-0.73) at 15 % 1RM with 40 % AOP, 0.49 (0.35-0.62) at 80 % AOP, and 0.33
 * (0.25-0.40) at 70 % 1RM without a cuff; reps at the very low load fell as pressure rose. Tolerance: both
 * restricted conditions swell more than the heavy one, by a ratio inside the CIs' bounds (1.0-2.9 for
 * 15/40 over 70/0); 15/80 no more than 15/40 + 15 %; total reps 15/0 > 15/40 > 15/80. */
static void test_swelling_and_reps_jessee(void **state)
{
    (void)state;
    static const double load[4] = {0.15, 0.15, 0.15, 0.70}, aop[4] = {0.0, 0.4, 0.8, 0.0};
    double sw[4];
    int total[4];
    for (int k = 0; k < 4; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_THIGH);
        p.load = load[k];
        p.cuff_mmhg = model_aop_rest(&p.body) * aop[k];
        p.cuff = aop[k] > 0.0 ? CUFF_CONTINUOUS : CUFF_OFF;
        for (int set = 0; set < 4; set++)
            p.reps[set] = 90; /* to failure, at most 90 a set as in the study */
        p.recovery = 0;
        sim_run(&p, &res, NULL, NULL);
        sw[k] = res.peak_swelling;
        total[k] = res.total_reps;
    }
    CHECK_RANGE("swelling 15/40 over 70/0 (Jessee 2019: 1.7)", sw[1] / sw[3], 1.0, 2.9);
    assert_true(sw[2] > sw[3]);
    assert_true(sw[2] < 1.15 * sw[1]);
    if (!(total[0] >= total[1] && total[1] > total[2])) /* 15/0 may reach the 90-rep cap in every set */
        fail_msg("total reps at 15 %% 1RM: none %d, 40 %% AOP %d, 80 %% AOP %d", total[0], total[1], total[2]);
}

/* Weatherholt et al. 2019 (n = 29, about 24 years, standing): an 11.5 cm cuff at the top of the thigh
 * occluded at 239 mmHg. Tolerance +-30 mmHg (the abstract gives no SD; two SEE of the reference's thigh
 * regression), for thighs of 55-60 cm. */
static void test_aop_standing_weatherholt(void **state)
{
    (void)state;
    for (double c = 55; c <= 60; c += 5) {
        ModelParams p = body(LIMB_THIGH, 11.5, c, 120, 24, SEX_MALE);
        p.posture = POSTURE_STANDING;
        CHECK_RANGE("standing thigh AOP, 11.5 cm cuff (Weatherholt 2019: 239)", model_aop_rest(&p), 209, 269);
    }
}

/* Reis et al. 2019 (n = 13, knee extension 30-15-15-15 at 20 % 1RM, no cuff and 40 / 60 / 80 % AOP, NIRS on
 * the vastus lateralis): deoxygenation was larger at 60 and 80 % AOP than without a cuff or at 40 %, and
 * similar between 60 and 80 %; oxygen extraction fell in each rest without a cuff and at 40 %, not at 60 or
 * 80 %. Tolerance: the orderings (the "similar" 60 / 80 % and the recovery in the rests at 40 % are known
 * misses, see below). */
static void test_oxygen_reis(void **state)
{
    (void)state;
    static const double aop[4] = {0.0, 0.4, 0.6, 0.8};
    double fall[4], rest_gain[4];
    for (int k = 0; k < 4; k++) {
        SimProtocol p;
        sim_protocol_default(&p, LIMB_THIGH);
        p.load = 0.20;
        p.cuff_mmhg = model_aop_rest(&p.body) * aop[k];
        p.cuff = aop[k] > 0.0 ? CUFF_CONTINUOUS : CUFF_OFF;
        p.recovery = 0;
        const SimResult *r = run(&p);
        assert_int_equal(r->total_reps, 75);
        fall[k] = r->sat_before - r->min_sat;
        rest_gain[k] = r->set[0].sat_end_rest - r->set[0].sat_end;
    }
    assert_true(fall[2] > fall[1] && fall[3] > fall[1] && fall[1] >= fall[0]);
    /* "similar at 60 and 80 %" is a known miss: the model's fall at 80 % is about 1.8x that at 60 %
     * (docs/model.md, Known limits); only the ordering is checked */
    assert_true(fall[3] >= fall[2]);
    /* extraction falls in the rests without a cuff, less with one; at 40 % the model's O2 still drifts down
     * in a 30 s rest of this scheme (a known miss, docs/model.md) */
    assert_true(rest_gain[0] > 0.0);
    for (int k = 1; k < 4; k++)
        assert_true(rest_gain[k] < rest_gain[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aop_thigh_equation),
        cmocka_unit_test(test_aop_limbs_and_cuffs),
        cmocka_unit_test(test_aop_rises_with_exercise),
        cmocka_unit_test(test_aop_cuff_width_loenneke),
        cmocka_unit_test(test_aop_clinic_sample),
        cmocka_unit_test(test_tightness_smaller_limbs),
        cmocka_unit_test(test_reps_no_cuff_strength_tables),
        cmocka_unit_test(test_reps_bfr_meta_analysis),
        cmocka_unit_test(test_slow_fatigue),
        cmocka_unit_test(test_pressure_dose),
        cmocka_unit_test(test_veins_partial),
        cmocka_unit_test(test_lactate_yasuda),
        cmocka_unit_test(test_potassium_held_by_cuff),
        cmocka_unit_test(test_lactate_rises_with_load),
        cmocka_unit_test(test_tightness_mapping),
        cmocka_unit_test(test_flow_through_the_cuff),
        cmocka_unit_test(test_metabolites_after_restricted_work),
        cmocka_unit_test(test_metabolites_cuff_vs_none_vs_intermittent),
        cmocka_unit_test(test_oxygen_between_sets),
        cmocka_unit_test(test_fibre_recruitment),
        cmocka_unit_test(test_swelling),
        cmocka_unit_test(test_reps_to_failure),
        cmocka_unit_test(test_anabolic_signal),
        cmocka_unit_test(test_safety_flags),
        cmocka_unit_test(test_property_inflow_monotone),
        cmocka_unit_test(test_property_restriction_raises_stress),
        cmocka_unit_test(test_property_long_extreme_runs),
        cmocka_unit_test(test_property_deterministic),
        cmocka_unit_test(test_property_step_size),
        cmocka_unit_test(test_reps_prediction_matches_reality),
        cmocka_unit_test(test_params_check),
        cmocka_unit_test(test_limbs),
        cmocka_unit_test(test_outputs_follow_setters_at_once),
        cmocka_unit_test(test_reactive_hyperaemia),
        cmocka_unit_test(test_swelling_cuff_width_wong),
        cmocka_unit_test(test_swelling_and_reps_jessee),
        cmocka_unit_test(test_aop_standing_weatherholt),
        cmocka_unit_test(test_oxygen_reis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
