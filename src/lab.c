#include "lab.h"

#include <math.h>
#include <string.h>

#include "oc_util.h"

#define EVENT_EVERY 10      /* steps between event checks (0.1 s) */
#define PUMP_SWELLING 4.0   /* % swelling that counts as a pump building */
#define TYPE2_SHARE 0.05    /* type II recruitment that counts as "joining in" */
#define VENOUS_HELD 0.5     /* venous outflow below this share of normal: the veins are closing */
#define VEIN_PRESSURE 25.0  /* mmHg that must reach the veins to close them (model: too_loose) */
#define FLUSH_INFLOW 1.2    /* arterial inflow above resting after release: the flush */
#define NUMB_AOP 90.0       /* % AOP before the first rep felt as numbness (model: too_tight) */
#define NUMB_O2 0.45

static const int demo_reps[LAB_DEMO_SETS] = {30, 15, 15, 15};

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static Model *with(Lab *lab)
{
    return &lab->m[LAB_WITH];
}

double lab_time(const Lab *lab)
{
    return lab->m[LAB_WITH].t;
}

const ModelOut *lab_out(const Lab *lab, LabInstance which)
{
    return model_out(&lab->m[which == LAB_WITHOUT ? LAB_WITHOUT : LAB_WITH]);
}

double lab_aop_rest(const Lab *lab)
{
    return model_aop_rest(&lab->params);
}

double lab_cuff_mmhg(const Lab *lab)
{
    if (!lab->wrap_on)
        return 0.0;
    if (lab->advanced)
        return lab->pressure_mmhg;
    return model_tightness_pressure(&lab->params, lab->tightness, NULL);
}

static void apply_cuff(Lab *lab)
{
    model_set_cuff(with(lab), lab_cuff_mmhg(lab));
    lab->reps_left_serial = -1;
}

static void push_caption(Lab *lab, LabEvent ev)
{
    if (lab->ncaptions == (int)(sizeof lab->captions / sizeof lab->captions[0])) {
        memmove(&lab->captions[0], &lab->captions[1], sizeof lab->captions[0] * (size_t)(lab->ncaptions - 1));
        lab->ncaptions--;
    }
    lab->captions[lab->ncaptions++] = (LabCaption){ev, lab_time(lab)};
}

static void raise_event(Lab *lab, LabEvent ev)
{
    if (lab->ev_latched[ev])
        return;
    lab->ev_latched[ev] = true;
    push_caption(lab, ev);
}

static void rearm_wrap_events(Lab *lab)
{
    static const LabEvent wrap_events[] = {LAB_EV_VEINS_CLOSING, LAB_EV_PUMP,       LAB_EV_TOO_LOOSE, LAB_EV_TOO_TIGHT,
                                           LAB_EV_TOURNIQUET,    LAB_EV_TIME_LIMIT, LAB_EV_FLUSH,     LAB_EV_TYPE2};
    for (size_t i = 0; i < sizeof wrap_events / sizeof wrap_events[0]; i++)
        lab->ev_latched[wrap_events[i]] = false;
}

/* ---- bands and samples ---- */

static void close_band(Lab *lab)
{
    if (lab->nbands > 0 && lab->bands[lab->nbands - 1].t1 < 0.0)
        lab->bands[lab->nbands - 1].t1 = lab_time(lab);
}

static void open_band(Lab *lab, bool set)
{
    close_band(lab);
    if (lab->nbands == LAB_MAX_BANDS)
        return;
    lab->bands[lab->nbands++] = (LabBand){lab_time(lab), -1.0, set, lab->set_index};
}

/* What a debrief point holds, read off both instances now. */
static void read_outputs(const Lab *lab, double v[9])
{
    const ModelOut *o = lab_out(lab, LAB_WITH), *u = lab_out(lab, LAB_WITHOUT);
    v[0] = o->t;
    v[1] = o->swelling_percent;
    v[2] = o->oxygen_saturation * 100.0;
    v[3] = o->ph;
    v[4] = o->lactate_muscle_mm;
    v[5] = u->swelling_percent;
    v[6] = u->oxygen_saturation * 100.0;
    v[7] = u->ph;
    v[8] = u->lactate_muscle_mm;
}

static void accumulate(Lab *lab)
{
    double v[9];
    read_outputs(lab, v);
    for (int i = 0; i < 9; i++)
        lab->win_sum[i] += v[i];
    lab->win_n++;
}

static void take_sample(Lab *lab)
{
    if (lab->nsamples == LAB_MAX_SAMPLES) { /* keep the whole run: halve the resolution */
        for (int i = 0; i < LAB_MAX_SAMPLES / 2; i++)
            lab->samples[i] = lab->samples[2 * i];
        lab->nsamples = LAB_MAX_SAMPLES / 2;
        lab->sample_every *= 2.0;
    }
    double v[9];
    if (lab->win_n > 0) { /* the mean over the interval, placed at its middle */
        for (int i = 0; i < 9; i++)
            v[i] = lab->win_sum[i] / lab->win_n;
    } else {
        read_outputs(lab, v);
    }
    lab->samples[lab->nsamples++] = (LabSample){
        .t = (float)v[0],
        .swelling = (float)v[1],
        .oxygen = (float)v[2],
        .ph = (float)v[3],
        .lactate = (float)v[4],
        .swelling_twin = (float)v[5],
        .oxygen_twin = (float)v[6],
        .ph_twin = (float)v[7],
        .lactate_twin = (float)v[8],
        .wrap_on = lab->wrap_on,
    };
    memset(lab->win_sum, 0, sizeof lab->win_sum);
    lab->win_n = 0;
    lab->next_sample_t = lab_time(lab) + lab->sample_every;
}

/* ---- setup ---- */

static void reset_run(Lab *lab)
{
    model_params_default(&lab->params, body_part_limb(lab->part));
    lab->params.cuff_width_cm = lab->cuff_width_cm;
    for (int i = 0; i < LAB_INSTANCES; i++) {
        model_init(&lab->m[i], &lab->params, MODEL_DT);
        model_set_load(&lab->m[i], lab->load);
    }
    lab->phase = LAB_PHASE_READY;
    lab->set_index = lab->reps_in_set = lab->set_target = lab->reps_total = 0;
    lab->phase_t0 = 0.0;
    lab->last_rep_t = -1.0;
    lab->rep_serial = 0;
    lab->failed = false;
    lab->reps_left_serial = -1;
    lab->reps_left_t = -1.0;
    lab->set4_end_t = lab->release_t = -1.0;
    memset(lab->ev_latched, 0, sizeof lab->ev_latched);
    lab->ncaptions = 0;
    lab->pump_swelling = 0.0;
    lab->nsamples = 0;
    lab->nbands = 0;
    lab->sample_every = 1.0;
    memset(lab->win_sum, 0, sizeof lab->win_sum);
    lab->win_n = 0;
    lab->acc = 0.0;
    lab->steps = 0;
    lab->rep_since_wrap = false;
    apply_cuff(lab);
    take_sample(lab);
}

void lab_init(Lab *lab, BodyPart part)
{
    memset(lab, 0, sizeof *lab);
    lab->part = (unsigned)part < BODY_PART_COUNT ? part : BODY_UPPER_ARM;
    ModelParams p;
    model_params_default(&p, body_part_limb(lab->part));
    lab->cuff_width_cm = p.cuff_width_cm;
    lab->tightness = body_part_default_tightness(lab->part);
    lab->pressure_mmhg = model_tightness_pressure(&p, lab->tightness, NULL);
    lab->load = 0.30;
    lab->speed = 1;
    lab->demo_cuff = true;
    reset_run(lab);
}

void lab_set_part(Lab *lab, BodyPart part)
{
    if ((unsigned)part >= BODY_PART_COUNT)
        return;
    bool demo = lab->demo, cuff = lab->demo_cuff;
    int speed = lab->speed;
    if (demo) {
        lab_start_demo(lab, part, cuff);
        lab->speed = speed;
        return;
    }
    bool wrap = lab->wrap_on;
    lab->part = part;
    ModelParams p;
    model_params_default(&p, body_part_limb(part));
    lab->cuff_width_cm = p.cuff_width_cm;
    lab->tightness = body_part_default_tightness(part);
    lab->pressure_mmhg = model_tightness_pressure(&p, lab->tightness, NULL);
    lab->wrap_on = false;
    reset_run(lab);
    if (wrap)
        lab_set_wrap(lab, true);
}

void lab_start_demo(Lab *lab, BodyPart part, bool cuff)
{
    lab_init(lab, part);
    lab->demo = true;
    lab->demo_cuff = cuff;
    lab->auto_cadence = true;
    lab_set_load(lab, LAB_DEMO_LOAD);
    if (cuff)
        lab_set_wrap(lab, true);
}

/* ---- the learner's controls ---- */

void lab_set_wrap(Lab *lab, bool on)
{
    if (on == lab->wrap_on)
        return;
    const ModelOut *o = lab_out(lab, LAB_WITH);
    if (!on) {
        lab->pump_swelling = o->swelling_percent;
        lab->release_t = lab_time(lab);
        if (lab->phase == LAB_PHASE_REST)
            close_band(lab);
        if (lab->phase == LAB_PHASE_REST || (lab->phase == LAB_PHASE_SET && lab->demo)) {
            close_band(lab);
            lab->phase = LAB_PHASE_RECOVERY;
            lab->phase_t0 = lab_time(lab);
        }
    }
    lab->wrap_on = on;
    lab->rep_since_wrap = false;
    rearm_wrap_events(lab);
    apply_cuff(lab);
    if (on && lab->phase == LAB_PHASE_RECOVERY) {
        lab->phase = LAB_PHASE_READY;
        lab->phase_t0 = lab_time(lab);
    }
}

static void rewrap(Lab *lab)
{
    if (!lab->wrap_on)
        return;
    apply_cuff(lab);
    /* a new pressure is a new wrap for the warnings: tell again if it is still wrong */
    lab->ev_latched[LAB_EV_TOO_LOOSE] = lab->ev_latched[LAB_EV_TOO_TIGHT] = lab->ev_latched[LAB_EV_TOURNIQUET] = false;
}

void lab_set_tightness(Lab *lab, double t)
{
    lab->tightness = clampd(t, 0.0, 10.0);
    lab->advanced = false;
    rewrap(lab);
}

void lab_set_pressure(Lab *lab, double mmhg)
{
    lab->pressure_mmhg = clampd(mmhg, 0.0, 400.0);
    lab->advanced = true;
    rewrap(lab);
}

void lab_set_aop_percent(Lab *lab, double percent)
{
    lab_set_pressure(lab, lab_aop_rest(lab) * clampd(percent, 0.0, 150.0) / 100.0);
}

void lab_set_advanced(Lab *lab, bool on)
{
    if (on && !lab->advanced)
        lab->pressure_mmhg = model_tightness_pressure(&lab->params, lab->tightness, NULL);
    lab->advanced = on;
    rewrap(lab);
}

void lab_set_cuff_width(Lab *lab, double cm)
{
    cm = clampd(cm, 2.0, 25.0);
    if (fabs(cm - lab->cuff_width_cm) < 1e-9)
        return;
    /* a different cuff is a different model (its transmission): start the run again */
    bool wrap = lab->wrap_on;
    lab->cuff_width_cm = cm;
    lab->wrap_on = false;
    lab->demo = false; /* the learner changed the cuff: the demo is over */
    reset_run(lab);
    if (wrap)
        lab_set_wrap(lab, true);
}

void lab_set_load(Lab *lab, double percent_1rm)
{
    lab->load = clampd(percent_1rm, 10.0, 80.0) / 100.0;
    for (int i = 0; i < LAB_INSTANCES; i++) {
        model_set_load(&lab->m[i], lab->load);
    }
    lab->reps_left_serial = -1;
}

static void start_set(Lab *lab, int target)
{
    lab->set_index++;
    lab->reps_in_set = 0;
    lab->set_target = target;
    lab->failed = false;
    lab->phase = LAB_PHASE_SET;
    lab->phase_t0 = lab_time(lab);
    open_band(lab, true);
}

bool lab_rep(Lab *lab)
{
    Model *w = with(lab);
    if (lab->phase == LAB_PHASE_DONE)
        return false;
    if (model_in_rep(w))
        return false;
    if (lab->phase != LAB_PHASE_SET)
        start_set(lab, 0);
    if (!model_begin_rep(w, LAB_REP_SECONDS)) {
        lab->failed = true;
        push_caption(lab, LAB_EV_FAILURE);
        return false;
    }
    Model *u = &lab->m[LAB_WITHOUT];
    if (!model_in_rep(u))
        model_begin_rep(u, LAB_REP_SECONDS); /* the twin keeps up while it can (it tires later) */
    lab->reps_in_set++;
    lab->reps_total++;
    lab->rep_serial++;
    lab->last_rep_t = lab_time(lab);
    lab->rep_since_wrap = true;
    return true;
}

void lab_set_auto(Lab *lab, bool on)
{
    lab->auto_cadence = on;
    if (!on)
        lab->demo = false; /* the learner took over */
}

void lab_rest(Lab *lab)
{
    if (lab->phase != LAB_PHASE_SET)
        return;
    lab->phase = LAB_PHASE_REST;
    lab->phase_t0 = lab_time(lab);
    if (lab->wrap_on)
        open_band(lab, false);
    else
        close_band(lab);
}

void lab_pause(Lab *lab, bool paused)
{
    lab->paused = paused;
}

void lab_set_speed(Lab *lab, int speed)
{
    lab->speed = speed >= 16 ? 16 : speed >= 4 ? 4 : 1;
}

void lab_finish(Lab *lab)
{
    if (lab->wrap_on)
        lab_set_wrap(lab, false);
    close_band(lab);
    lab->phase = LAB_PHASE_DONE;
    lab->phase_t0 = lab_time(lab);
    lab->auto_cadence = false;
    take_sample(lab);
}

/* ---- the run ---- */

/* The demo's script: what a coach would do at each point of the standard run. */
static void demo_script(Lab *lab)
{
    double t = lab_time(lab), in_phase = t - lab->phase_t0;
    Model *w = with(lab);
    switch (lab->phase) {
    case LAB_PHASE_READY:
        if (in_phase >= LAB_DEMO_HOLD)
            start_set(lab, demo_reps[0]);
        break;
    case LAB_PHASE_SET:
        if (model_in_rep(w))
            break;
        if (lab->failed || lab->reps_in_set >= lab->set_target) {
            if (lab->set_index >= LAB_DEMO_SETS) {
                lab->set4_end_t = t;
                if (lab->wrap_on) {
                    lab_set_wrap(lab, false); /* off as soon as the last set is done */
                } else {
                    close_band(lab);
                    lab->phase = LAB_PHASE_RECOVERY;
                    lab->phase_t0 = t;
                }
            } else {
                lab_rest(lab);
            }
        }
        break;
    case LAB_PHASE_REST:
        if (in_phase >= LAB_DEMO_REST)
            start_set(lab, demo_reps[lab->set_index < LAB_DEMO_SETS ? lab->set_index : 0]);
        break;
    case LAB_PHASE_RECOVERY:
        if (in_phase >= LAB_DEMO_RECOVERY)
            lab_finish(lab);
        break;
    case LAB_PHASE_DONE:
        break;
    }
}

static void auto_reps(Lab *lab)
{
    if (!lab->auto_cadence || lab->phase != LAB_PHASE_SET || model_in_rep(with(lab)) || lab->failed)
        return;
    if (lab->set_target > 0 && lab->reps_in_set >= lab->set_target) {
        if (!lab->demo)
            lab_rest(lab);
        return;
    }
    if (!lab_rep(lab) && !lab->demo)
        lab_rest(lab);
}

static void check_events(Lab *lab)
{
    const Model *w = &lab->m[LAB_WITH];
    const ModelOut *o = lab_out(lab, LAB_WITH);
    if (lab->wrap_on) {
        double to_veins = w->eta * o->cuff_mmhg; /* the pressure the cuff puts on the vessels */
        if (o->arterial_inflow <= 0.0)
            raise_event(lab, LAB_EV_TOURNIQUET);
        else if (!lab->rep_since_wrap && (o->aop_percent >= NUMB_AOP || o->oxygen_saturation < NUMB_O2))
            raise_event(lab, LAB_EV_TOO_TIGHT);
        if (to_veins < VEIN_PRESSURE) {
            if (o->cuff_time_s > 3.0)
                raise_event(lab, LAB_EV_TOO_LOOSE);
        } else if (o->venous_outflow < VENOUS_HELD && o->arterial_inflow > 0.1 && o->cuff_time_s > 1.0)
            raise_event(lab, LAB_EV_VEINS_CLOSING);
        if (o->swelling_percent >= PUMP_SWELLING)
            raise_event(lab, LAB_EV_PUMP);
        if (o->cuff_time_s > body_part_time_limit_s(lab->part))
            raise_event(lab, LAB_EV_TIME_LIMIT);
    } else if (lab->release_t >= 0.0 && lab_time(lab) - lab->release_t < 20.0 &&
               lab->pump_swelling >= PUMP_SWELLING / 2 && o->arterial_inflow > FLUSH_INFLOW) {
        raise_event(lab, LAB_EV_FLUSH);
    }
    if (model_in_rep(w) && o->type2_recruitment > TYPE2_SHARE)
        raise_event(lab, LAB_EV_TYPE2);
}

#define REPS_LEFT_EVERY 2.0 /* s of model time between predictions outside a set */

/* Reps left: predicted when each rep starts (so it counts the reps after the one being done) and, outside
 * a set, every REPS_LEFT_EVERY s as the muscle recovers. Within a set it only goes down: a rep done after
 * a pause the prediction did not count must not make the bar grow mid-set. */
static void update_reps_left(Lab *lab)
{
    bool in_set = lab->phase == LAB_PHASE_SET;
    double t = lab_time(lab);
    if (in_set) {
        if (lab->reps_left_serial == lab->rep_serial)
            return;
    } else if (lab->reps_left_serial >= 0 && t - lab->reps_left_t < REPS_LEFT_EVERY) {
        return;
    }
    int n = model_predict_reps(with(lab), LAB_REP_SECONDS, LAB_REPS_LEFT_CAP);
    if (in_set && lab->reps_left_serial >= 0 && lab->reps_in_set > 1 && n > lab->reps_left)
        n = lab->reps_left;
    lab->reps_left = n;
    lab->reps_left_serial = lab->rep_serial;
    lab->reps_left_t = t;
}

static void step(Lab *lab)
{
    if (lab->phase == LAB_PHASE_DONE)
        return; /* the run is over: its clock stops where the debrief's time axis ends */
    if (lab->demo)
        demo_script(lab);
    auto_reps(lab);
    for (int i = 0; i < LAB_INSTANCES; i++)
        model_step(&lab->m[i]);
    if (++lab->steps % EVENT_EVERY == 0) {
        check_events(lab);
        accumulate(lab);
    }
    update_reps_left(lab);
    if (lab_time(lab) >= lab->next_sample_t - 1e-9 && lab->phase != LAB_PHASE_DONE)
        take_sample(lab);
}

void lab_run(Lab *lab, double sim_seconds)
{
    long n = lround(clampd(sim_seconds, 0.0, LAB_MAX_AT * 4.0) / MODEL_DT);
    for (long i = 0; i < n; i++)
        step(lab);
}

void lab_advance(Lab *lab, double real_seconds)
{
    if (lab->paused || !(real_seconds > 0.0))
        return;
    lab->acc += clampd(real_seconds, 0.0, 0.25) * (double)lab->speed;
    while (lab->acc >= MODEL_DT - 1e-12) {
        lab->acc -= MODEL_DT;
        step(lab);
    }
}

double lab_contraction(const Lab *lab, LabInstance which)
{
    const Model *m = &lab->m[which == LAB_WITHOUT ? LAB_WITHOUT : LAB_WITH];
    if (!model_in_rep(m))
        return 0.0;
    return sin(OC_PI * clampd(m->rep_t / m->rep_len, 0.0, 1.0));
}

int lab_reps_left(const Lab *lab)
{
    if (lab->reps_left_serial < 0) /* nothing stepped since the last change: predict on a copy now */
        return model_predict_reps(&lab->m[LAB_WITH], LAB_REP_SECONDS, LAB_REPS_LEFT_CAP);
    return lab->reps_left;
}

const LabCaption *lab_caption_since(const Lab *lab, double t_since)
{
    if (lab->ncaptions == 0)
        return NULL;
    const LabCaption *c = &lab->captions[lab->ncaptions - 1];
    return c->t >= t_since ? c : NULL;
}

/* ---- words ---- */

const char *lab_event_name(LabEvent e)
{
    static const char *const names[LAB_EV_COUNT] = {
        [LAB_EV_VEINS_CLOSING] = "veins_closing", [LAB_EV_PUMP] = "pump",       [LAB_EV_TYPE2] = "type2",
        [LAB_EV_FLUSH] = "flush",                 [LAB_EV_TOO_LOOSE] = "too_loose", [LAB_EV_TOO_TIGHT] = "too_tight",
        [LAB_EV_TOURNIQUET] = "tourniquet",       [LAB_EV_TIME_LIMIT] = "time_limit", [LAB_EV_FAILURE] = "failure",
    };
    return (unsigned)e < LAB_EV_COUNT ? names[e] : "?";
}

const char *lab_event_text(LabEvent e, BodyPart part)
{
    switch (e) {
    case LAB_EV_VEINS_CLOSING:
        return "The veins are closing: blood still flows in, but can only leave slowly.";
    case LAB_EV_PUMP:
        return "The pump is building: held-back blood is swelling the muscle.";
    case LAB_EV_TYPE2:
        return "Type II fibres are joining in: the slow fibres are short of oxygen.";
    case LAB_EV_FLUSH:
        return "Wrap off: fresh blood rushes in and washes the waste out.";
    case LAB_EV_TOO_LOOSE:
        return "Too loose: the veins stay open, so nothing pools. Wrap a little tighter.";
    case LAB_EV_TOO_TIGHT:
        return "Too tight: this would feel numb or tingly. Take it off and re-wrap looser.";
    case LAB_EV_TOURNIQUET:
        return "Stop: no blood is getting in at all. That is a tourniquet. Loosen it now.";
    case LAB_EV_TIME_LIMIT:
        return body_part_is_leg(part) ? "Over 20 minutes of wrap time on a leg: take the wrap off."
                                      : "Over 15 minutes of wrap time on an arm: take the wrap off.";
    case LAB_EV_FAILURE:
        return "Failure: the muscle cannot lift the load once more. Time to rest.";
    default:
        return "";
    }
}

bool lab_event_is_warning(LabEvent e)
{
    return e == LAB_EV_TOO_LOOSE || e == LAB_EV_TOO_TIGHT || e == LAB_EV_TOURNIQUET || e == LAB_EV_TIME_LIMIT;
}

const char *lab_site_name(LabSite s)
{
    static const char *const names[LAB_SITE_COUNT] = {"chest", "back", "neck"};
    return (unsigned)s < LAB_SITE_COUNT ? names[s] : "?";
}

const char *lab_refusal_title(LabSite s)
{
    switch (s) {
    case LAB_SITE_CHEST:
        return "The chest cannot be wrapped";
    case LAB_SITE_BACK:
        return "The back cannot be wrapped";
    case LAB_SITE_NECK:
        return "Never wrap the neck";
    default:
        return "";
    }
}

const char *lab_refusal_text(LabSite s)
{
    switch (s) {
    case LAB_SITE_CHEST:
        return "A wrap has to sit between the muscle and the heart. The chest muscles lie on the trunk, right "
               "beside the heart, so there is no place for a band that holds their blood back. Wrapping the "
               "arms does little for them.";
    case LAB_SITE_BACK:
        return "The back muscles sit on the trunk like the chest: no limb lies between them and the heart, so "
               "a band cannot slow their blood on its way home.";
    case LAB_SITE_NECK:
        return "A band round the neck squeezes the blood going to the brain. That is dangerous: the Lab will "
               "not do it, and nobody should try it.";
    default:
        return "";
    }
}

/* ---- layout ---- */

#define LAB_VIEW_ASPECT 0.62f /* width / height of a limb's drawing area */

LabLayout lab_layout(const Frame *f, bool side)
{
    LabLayout L;
    float lw = f->lw, lh = f->lh;
    float panel_w = 500.0f;
    L.header = (LRect){40, 20, lw - 80, 92};
    L.controls = (LRect){40, lh - 118, lw - 80, 96};
    L.panel = (LRect){lw - 40 - panel_w, 124, panel_w, L.controls.y - 124 - 20};
    L.caption = (LRect){40, 124, L.panel.x - 40 - 30, 64};
    LRect area = {40, L.caption.y + L.caption.h + 14, L.caption.w, 0};
    area.h = L.controls.y - 20 - area.y;
    L.nviews = side ? 2 : 1;
    if (side) {
        float w = (area.w - 24) / 2;
        L.views[0] = (LRect){area.x, area.y, w, area.h};
        L.views[1] = (LRect){area.x + w + 24, area.y, w, area.h};
    } else {
        L.views[0] = area;
        L.views[1] = area;
    }
    return L;
}

LRect lab_view_fit(LRect box)
{
    LRect in = {box.x + 8, box.y + LAB_VIEW_LABEL_H, box.w - 16, box.h - LAB_VIEW_LABEL_H - 40}; /* legend below */
    float h = in.h, w = h * LAB_VIEW_ASPECT;
    if (w > in.w) {
        w = in.w;
        h = w / LAB_VIEW_ASPECT;
    }
    return (LRect){in.x + (in.w - w) / 2, in.y + (in.h - h) / 2, w, h};
}

LRect lab_measure_rect(LRect box)
{
    LRect d = lab_view_fit(box);
    return (LRect){d.x, d.y + d.h * 0.34f, d.w, d.h * 0.64f};
}
