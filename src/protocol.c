#include "protocol.h"

#include <math.h>
#include <string.h>

const char *sim_phase_name(SimPhase p)
{
    static const char *const names[] = {"hold", "set", "rest", "recovery"};
    return (p >= PHASE_HOLD && p <= PHASE_RECOVERY) ? names[p] : "?";
}

double sim_default_aop_fraction(Limb limb)
{
    return model_limb_is_leg(limb) ? 0.70 : 0.50;
}

void sim_protocol_default(SimProtocol *p, Limb limb)
{
    memset(p, 0, sizeof *p);
    model_params_default(&p->body, limb);
    p->cuff_mmhg = model_aop_rest(&p->body) * sim_default_aop_fraction(limb);
    p->cuff = CUFF_CONTINUOUS;
    p->load = 0.30;
    p->sets = 4;
    static const int scheme[4] = {30, 15, 15, 15};
    memcpy(p->reps, scheme, sizeof scheme);
    p->rest = 30;
    p->rep_time = 2;
    p->hold = 30;
    p->recovery = 300;
}

typedef struct Runner {
    SimResult *r;
    SimObserver obs;
    void *ctx;
    SimPhase phase;
    int set, rep;
    double t_release;
} Runner;

static void track(Runner *k, Model *m)
{
    model_step(m);
    const ModelOut *o = model_out(m);
    SimResult *r = k->r;
    if (o->swelling_percent > r->peak_swelling)
        r->peak_swelling = o->swelling_percent;
    if (o->ph < r->min_ph)
        r->min_ph = o->ph;
    if (o->lactate_venous_mmol > r->peak_lactate_venous)
        r->peak_lactate_venous = o->lactate_venous_mmol;
    if (o->lactate_muscle_mm > r->peak_lactate_muscle)
        r->peak_lactate_muscle = o->lactate_muscle_mm;
    if (o->pcr_mm < r->min_pcr)
        r->min_pcr = o->pcr_mm;
    if (o->pi_mm > r->peak_pi)
        r->peak_pi = o->pi_mm;
    if (o->oxygen_saturation < r->min_sat)
        r->min_sat = o->oxygen_saturation;
    if (o->type2_recruitment > r->peak_type2)
        r->peak_type2 = o->type2_recruitment;
    if (o->anabolic_signal > r->peak_anabolic)
        r->peak_anabolic = o->anabolic_signal;
    if (o->aop_percent > r->peak_aop_percent)
        r->peak_aop_percent = o->aop_percent;
    if (o->cuff_mmhg > 0)
        r->occlusion_s += m->dt;
    if (k->phase == PHASE_SET && k->set > 0 && o->aop_mmhg > r->set[k->set - 1].peak_aop_mmhg)
        r->set[k->set - 1].peak_aop_mmhg = o->aop_mmhg;
    if (k->phase == PHASE_RECOVERY) {
        double since = o->t - k->t_release;
        if (since <= 60.0)
            r->swelling_60s = o->swelling_percent;
        if (since <= 300.0) {
            r->swelling_300s = o->swelling_percent;
            r->lactate_m_300s = o->lactate_muscle_mm;
        }
    }
    if (k->obs)
        k->obs(k->ctx, m, k->phase, k->set, k->rep);
}

static void wait_s(Runner *k, Model *m, double seconds)
{
    long n = lround(seconds / m->dt);
    for (long i = 0; i < n; i++)
        track(k, m);
}

void sim_run(const SimProtocol *p, SimResult *r, SimObserver obs, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->min_ph = 99;
    r->min_pcr = 1e9;
    r->min_sat = 1e9;
    Runner k = {r, obs, ctx, PHASE_HOLD, 0, 0, 0};
    Model *m = &r->final;
    model_init(m, &p->body, MODEL_DT);
    model_set_load(m, p->load);
    r->aop_rest_mmhg = model_aop_rest(&p->body);
    r->sat_before = model_out(m)->oxygen_saturation;
    double cuff = p->cuff == CUFF_OFF ? 0.0 : p->cuff_mmhg;

    model_set_cuff(m, cuff);
    wait_s(&k, m, p->hold);
    r->inflow_rest = model_out(m)->arterial_inflow;
    r->outflow_rest = model_out(m)->venous_outflow;
    if (p->hold > 0)
        r->sat_before = model_out(m)->oxygen_saturation;

    int sets = p->sets < SIM_MAX_SETS ? p->sets : SIM_MAX_SETS;
    for (int s = 0; s < sets; s++) {
        SimSet *st = &r->set[s];
        k.set = s + 1;
        k.phase = PHASE_SET;
        if (p->cuff == CUFF_INTERMITTENT)
            model_set_cuff(m, cuff);
        int target = p->to_failure ? SIM_FAILURE_CAP : p->reps[s];
        double sum2 = 0, sumact = 0;
        for (k.rep = 0; k.rep < target;) {
            if (!model_begin_rep(m, p->rep_time))
                break; /* failure */
            k.rep++;
            sum2 += model_out(m)->type2_recruitment;
            sumact += model_out(m)->type1_recruitment * 0.5 + model_out(m)->type2_recruitment * 0.5;
            while (model_in_rep(m))
                track(&k, m);
        }
        st->reps = k.rep;
        st->mean_type2 = k.rep ? sum2 / k.rep : 0.0;
        st->mean_active = k.rep ? sumact / k.rep : 0.0;
        st->sat_end = model_out(m)->oxygen_saturation;
        st->swelling_end = model_out(m)->swelling_percent;
        st->capacity_end = model_out(m)->capacity;
        r->total_reps += k.rep;
        if (s + 1 < sets) {
            k.phase = PHASE_REST;
            k.rep = 0;
            if (p->cuff == CUFF_INTERMITTENT)
                model_set_cuff(m, 0.0);
            wait_s(&k, m, p->rest);
            st->sat_end_rest = model_out(m)->oxygen_saturation;
            st->swelling_end_rest = model_out(m)->swelling_percent;
        }
    }
    k.phase = PHASE_RECOVERY;
    k.rep = 0;
    r->swelling_at_release = model_out(m)->swelling_percent;
    r->lactate_m_at_release = model_out(m)->lactate_muscle_mm;
    k.t_release = model_out(m)->t;
    model_set_cuff(m, 0.0);
    wait_s(&k, m, p->recovery);
}
