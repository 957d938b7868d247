/* The Muscle Lab's run driver: the demo script, the paired with/without-wrap instances, the learner's
 * controls, the caption events read off the model, the debrief series and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"

static Lab *new_lab(void)
{
    Lab *lab = malloc(sizeof *lab);
    assert_non_null(lab);
    return lab;
}

static int count_event(const Lab *lab, LabEvent ev)
{
    int n = 0;
    for (int i = 0; i < lab->ncaptions; i++)
        n += lab->captions[i].ev == ev;
    return n;
}

static double event_time(const Lab *lab, LabEvent ev)
{
    for (int i = 0; i < lab->ncaptions; i++)
        if (lab->captions[i].ev == ev)
            return lab->captions[i].t;
    return -1.0;
}

/* Runs the demo to its end, recording the swelling/oxygen of both instances at the end of the last set. */
typedef struct DemoResult {
    double set4_end, release, done;
    double sw_with, sw_twin, o2_with, o2_twin; /* at the end of the fourth set */
    double sw_after, o2_after;                 /* at the end of the recovery */
    int reps_per_set[LAB_DEMO_SETS];
} DemoResult;

static DemoResult run_demo(Lab *lab, BodyPart part, bool cuff)
{
    DemoResult r = {0};
    lab_start_demo(lab, part, cuff);
    int last_set = 0;
    while (lab->phase != LAB_PHASE_DONE && lab_time(lab) < 1200.0) {
        lab_run(lab, 0.1);
        if (lab->set_index >= 1 && lab->set_index <= LAB_DEMO_SETS)
            r.reps_per_set[lab->set_index - 1] = lab->reps_in_set;
        if (lab->set4_end_t >= 0.0 && r.set4_end == 0.0) {
            r.set4_end = lab->set4_end_t;
            r.sw_with = lab_out(lab, LAB_WITH)->swelling_percent;
            r.sw_twin = lab_out(lab, LAB_WITHOUT)->swelling_percent;
            r.o2_with = lab_out(lab, LAB_WITH)->oxygen_saturation;
            r.o2_twin = lab_out(lab, LAB_WITHOUT)->oxygen_saturation;
        }
        last_set = lab->set_index;
    }
    (void)last_set;
    r.release = lab->release_t;
    r.done = lab_time(lab);
    r.sw_after = lab_out(lab, LAB_WITH)->swelling_percent;
    r.o2_after = lab_out(lab, LAB_WITH)->oxygen_saturation;
    return r;
}

static void test_demo_script(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    for (int part = 0; part < BODY_PART_COUNT; part++) {
        DemoResult r = run_demo(lab, (BodyPart)part, true);
        assert_int_equal(lab->phase, LAB_PHASE_DONE);
        assert_int_equal(lab->set_index, LAB_DEMO_SETS);
        assert_false(lab->wrap_on);
        /* the wrap held through 30 s at rest before set 1, came off right after set 4 */
        assert_true(lab->bands[0].set && fabs(lab->bands[0].t0 - LAB_DEMO_HOLD) < 0.05);
        assert_true(r.set4_end > LAB_DEMO_HOLD + 3 * LAB_DEMO_REST);
        assert_true(fabs(r.release - r.set4_end) < 0.05);
        assert_true(fabs(r.done - (r.set4_end + LAB_DEMO_RECOVERY)) < 0.2);
        /* bands: set, rest, set, rest, set, rest, set; each rest 30 s */
        assert_int_equal(lab->nbands, 2 * LAB_DEMO_SETS - 1);
        for (int i = 0; i < lab->nbands; i++) {
            assert_true(lab->bands[i].set == (i % 2 == 0));
            assert_int_equal(lab->bands[i].index, i / 2 + 1);
            assert_true(lab->bands[i].t1 > lab->bands[i].t0);
            if (i > 0)
                assert_true(fabs(lab->bands[i].t0 - lab->bands[i - 1].t1) < 0.05);
            if (!lab->bands[i].set)
                assert_true(fabs(lab->bands[i].t1 - lab->bands[i].t0 - LAB_DEMO_REST) < 0.05);
        }
        /* reps at most the script's 30-15-15-15, at least one per set */
        static const int plan[LAB_DEMO_SETS] = {30, 15, 15, 15};
        for (int s = 0; s < LAB_DEMO_SETS; s++)
            assert_true(r.reps_per_set[s] >= 1 && r.reps_per_set[s] <= plan[s]);
        /* with the wrap the muscle pumps up and darkens far beyond the twin doing the same reps */
        if (!(r.sw_with > r.sw_twin + 3.0 && r.sw_with > 6.0))
            fail_msg("%s: swelling with %.2f %%, twin %.2f %%", body_part_id((BodyPart)part), r.sw_with, r.sw_twin);
        assert_true(r.o2_with < r.o2_twin - 0.2);
        /* and recovers over the 5 minutes after release */
        assert_true(r.sw_after < r.sw_with * 0.6);
        assert_true(r.o2_after > 0.6);
    }
    free(lab);
}

static void test_demo_without_wrap(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    DemoResult r = run_demo(lab, BODY_UPPER_ARM, false);
    assert_int_equal(lab->phase, LAB_PHASE_DONE);
    /* no wrap: the limb is its own twin; no wrap events at all */
    assert_true(fabs(r.sw_with - r.sw_twin) < 1e-9);
    assert_true(r.sw_with < 5.0);
    assert_int_equal(count_event(lab, LAB_EV_VEINS_CLOSING), 0);
    assert_int_equal(count_event(lab, LAB_EV_PUMP), 0);
    assert_int_equal(count_event(lab, LAB_EV_FLUSH), 0);
    assert_int_equal(count_event(lab, LAB_EV_TOO_LOOSE), 0);
    /* no rests with the wrap on: only set bands */
    for (int i = 0; i < lab->nbands; i++)
        assert_true(lab->bands[i].set);
    free(lab);
}

static void test_demo_events_in_order(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    run_demo(lab, BODY_THIGH, true);
    double veins = event_time(lab, LAB_EV_VEINS_CLOSING), pump = event_time(lab, LAB_EV_PUMP);
    double type2 = event_time(lab, LAB_EV_TYPE2), flush = event_time(lab, LAB_EV_FLUSH);
    assert_true(veins >= 0.0 && veins < 5.0); /* the veins shut within seconds of wrapping */
    assert_true(pump > veins);
    assert_true(type2 > LAB_DEMO_HOLD);       /* only once reps are done */
    assert_true(flush >= lab->release_t && flush < lab->release_t + 2.0);
    /* the demo's pressure is the guide's: no warnings */
    assert_int_equal(count_event(lab, LAB_EV_TOO_LOOSE), 0);
    assert_int_equal(count_event(lab, LAB_EV_TOO_TIGHT), 0);
    assert_int_equal(count_event(lab, LAB_EV_TOURNIQUET), 0);
    assert_int_equal(count_event(lab, LAB_EV_TIME_LIMIT), 0);
    /* each wrap event once per wrap period */
    assert_int_equal(count_event(lab, LAB_EV_PUMP), 1);
    assert_int_equal(count_event(lab, LAB_EV_VEINS_CLOSING), 1);
    free(lab);
}

static void test_demo_is_deterministic(void **state)
{
    (void)state;
    Lab *a = new_lab(), *b = new_lab();
    run_demo(a, BODY_CALF, true);
    run_demo(b, BODY_CALF, true);
    assert_int_equal(a->nsamples, b->nsamples);
    assert_memory_equal(a->samples, b->samples, sizeof(LabSample) * (size_t)a->nsamples);
    free(a);
    free(b);
}

static void test_wrap_warnings(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    /* too loose: no pressure on the veins, no pump */
    lab_init(lab, BODY_UPPER_ARM);
    lab_set_tightness(lab, 1.0);
    lab_set_wrap(lab, true);
    lab_run(lab, 60.0);
    assert_int_equal(count_event(lab, LAB_EV_TOO_LOOSE), 1);
    assert_int_equal(count_event(lab, LAB_EV_VEINS_CLOSING), 0);
    assert_int_equal(count_event(lab, LAB_EV_PUMP), 0);
    /* re-wrapping at the guide's tightness clears it: the veins close */
    lab_set_tightness(lab, 7.0);
    lab_run(lab, 5.0);
    assert_int_equal(count_event(lab, LAB_EV_TOO_LOOSE), 1);
    assert_int_equal(count_event(lab, LAB_EV_VEINS_CLOSING), 1);

    /* numbness territory before the first rep, short of a tourniquet */
    lab_init(lab, BODY_UPPER_ARM);
    lab_set_advanced(lab, true);
    lab_set_aop_percent(lab, 93.0);
    lab_set_wrap(lab, true);
    lab_run(lab, 5.0);
    assert_int_equal(count_event(lab, LAB_EV_TOO_TIGHT), 1);
    assert_int_equal(count_event(lab, LAB_EV_TOURNIQUET), 0);
    assert_true(lab_event_is_warning(LAB_EV_TOO_TIGHT));

    /* at or above the arterial occlusion pressure: the alarm */
    lab_init(lab, BODY_THIGH);
    lab_set_aop_percent(lab, 110.0);
    lab_set_wrap(lab, true);
    lab_run(lab, 2.0);
    assert_true(lab_out(lab, LAB_WITH)->arterial_inflow <= 0.0);
    assert_int_equal(count_event(lab, LAB_EV_TOURNIQUET), 1);
    /* the twin never has a wrap */
    assert_true(lab_out(lab, LAB_WITHOUT)->cuff_mmhg == 0.0);
    assert_true(lab_out(lab, LAB_WITHOUT)->arterial_inflow > 0.5);
    free(lab);
}

static void test_time_limit_per_part(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_init(lab, BODY_FOREARM);
    lab_set_wrap(lab, true);
    lab_run(lab, 895.0);
    assert_int_equal(count_event(lab, LAB_EV_TIME_LIMIT), 0);
    lab_run(lab, 10.0);
    assert_int_equal(count_event(lab, LAB_EV_TIME_LIMIT), 1);
    assert_non_null(strstr(lab_event_text(LAB_EV_TIME_LIMIT, BODY_FOREARM), "15 minutes"));
    lab_init(lab, BODY_CALF);
    lab_set_wrap(lab, true);
    lab_run(lab, 905.0);
    assert_int_equal(count_event(lab, LAB_EV_TIME_LIMIT), 0);
    lab_run(lab, 300.0);
    assert_int_equal(count_event(lab, LAB_EV_TIME_LIMIT), 1);
    assert_non_null(strstr(lab_event_text(LAB_EV_TIME_LIMIT, BODY_CALF), "20 minutes"));
    free(lab);
}

static void test_reps_sets_and_failure(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_init(lab, BODY_UPPER_ARM);
    assert_int_equal(lab->phase, LAB_PHASE_READY);
    assert_true(lab_rep(lab));
    assert_int_equal(lab->phase, LAB_PHASE_SET);
    assert_int_equal(lab->set_index, 1);
    /* both instances do the rep */
    assert_true(model_in_rep(&lab->m[LAB_WITH]) && model_in_rep(&lab->m[LAB_WITHOUT]));
    assert_false(lab_rep(lab)); /* mid-rep: refused */
    assert_int_equal(lab->reps_in_set, 1);
    lab_run(lab, 1.0);
    assert_true(lab_contraction(lab, LAB_WITH) > 0.9); /* half-way: fully contracted */
    lab_run(lab, 1.05);
    assert_true(lab_contraction(lab, LAB_WITH) == 0.0);
    lab_rest(lab);
    assert_int_equal(lab->phase, LAB_PHASE_REST);
    assert_true(lab_rep(lab));
    assert_int_equal(lab->set_index, 2);

    /* auto-cadence to failure with a tight wrap and a heavy load: the set ends at failure and rests */
    lab_init(lab, BODY_UPPER_ARM);
    lab_set_load(lab, 50.0);
    lab_set_wrap(lab, true);
    lab_set_auto(lab, true);
    assert_true(lab_rep(lab));
    lab_run(lab, 300.0);
    assert_true(lab->failed);
    assert_int_equal(lab->phase, LAB_PHASE_REST);
    assert_true(count_event(lab, LAB_EV_FAILURE) >= 1);
    int reps = lab->reps_in_set;
    assert_true(reps > 3 && reps < 60);
    /* the unwrapped twin, on the same reps, is less tired */
    assert_true(lab_out(lab, LAB_WITHOUT)->capacity > lab_out(lab, LAB_WITH)->capacity);
    free(lab);
}

static void test_controls(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_init(lab, BODY_THIGH);
    assert_true(lab->tightness == body_part_default_tightness(BODY_THIGH));
    assert_true(lab_cuff_mmhg(lab) == 0.0);
    lab_set_wrap(lab, true);
    double p7 = lab_cuff_mmhg(lab);
    assert_true(fabs(p7 - 0.7 * lab_aop_rest(lab)) < 1e-6); /* 7/10 on a thigh: 70 % of AOP */
    lab_set_tightness(lab, 12.0);
    assert_true(lab->tightness == 10.0);
    lab_set_aop_percent(lab, 50.0);
    assert_true(lab->advanced);
    assert_true(fabs(lab_cuff_mmhg(lab) - 0.5 * lab_aop_rest(lab)) < 1e-6);
    lab_set_pressure(lab, 123.0);
    assert_true(lab_cuff_mmhg(lab) == 123.0);
    assert_true(lab->m[LAB_WITH].cuff == 123.0);
    /* a wider cuff transmits more: lower AOP, and a fresh run */
    double aop = lab_aop_rest(lab);
    lab_run(lab, 10.0);
    lab_set_cuff_width(lab, lab->cuff_width_cm + 6.0);
    assert_true(lab_aop_rest(lab) < aop);
    assert_true(lab_time(lab) == 0.0);
    assert_true(lab->wrap_on);
    lab_set_load(lab, 5.0);
    assert_true(fabs(lab->load - 0.10) < 1e-9);
    lab_set_load(lab, 35.0);
    assert_true(fabs(lab->m[LAB_WITHOUT].load - 0.35) < 1e-9);

    /* speed and pause act on real time only */
    lab_init(lab, BODY_UPPER_ARM);
    lab_set_speed(lab, 16);
    lab_advance(lab, 0.25);
    assert_true(fabs(lab_time(lab) - 4.0) < 0.011);
    lab_set_speed(lab, 4);
    assert_int_equal(lab->speed, 4);
    lab_set_speed(lab, 3);
    assert_int_equal(lab->speed, 1);
    lab_pause(lab, true);
    double t = lab_time(lab);
    lab_advance(lab, 0.2);
    assert_true(lab_time(lab) == t);
    lab_pause(lab, false);
    lab_advance(lab, 0.1);
    assert_true(fabs(lab_time(lab) - t - 0.1) < 0.011);
    /* the part change starts afresh with that part's tightness */
    lab_set_part(lab, BODY_CALF);
    assert_int_equal(lab->part, BODY_CALF);
    assert_true(lab->tightness == body_part_default_tightness(BODY_CALF));
    assert_true(lab_time(lab) == 0.0);
    free(lab);
}

static void test_debrief_series(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_init(lab, BODY_UPPER_ARM);
    lab_set_wrap(lab, true);
    lab_run(lab, 100.0);
    assert_true(abs(lab->nsamples - 101) <= 1);
    for (int i = 1; i < lab->nsamples; i++)
        assert_true(lab->samples[i].t > lab->samples[i - 1].t);
    assert_true(lab->samples[lab->nsamples - 1].swelling > lab->samples[1].swelling);
    assert_true(lab->samples[5].wrap_on);
    /* a long run keeps all of it at half the resolution */
    lab_run(lab, 3000.0);
    assert_true(lab->nsamples <= LAB_MAX_SAMPLES);
    assert_true(lab->samples[0].t == 0.0f);
    assert_true(lab->samples[lab->nsamples - 1].t > 3000.0f);
    lab_finish(lab);
    assert_int_equal(lab->phase, LAB_PHASE_DONE);
    assert_false(lab->wrap_on);
    free(lab);
}

static void test_refusals(void **state)
{
    (void)state;
    assert_non_null(strstr(lab_refusal_text(LAB_SITE_CHEST), "heart"));
    assert_non_null(strstr(lab_refusal_text(LAB_SITE_BACK), "heart"));
    assert_non_null(strstr(lab_refusal_text(LAB_SITE_NECK), "brain"));
    assert_non_null(strstr(lab_refusal_title(LAB_SITE_NECK), "Never"));
    for (int i = 0; i < LAB_SITE_COUNT; i++)
        assert_true(strlen(lab_refusal_title((LabSite)i)) > 10 && strlen(lab_refusal_text((LabSite)i)) > 60);
    for (int e = 0; e < LAB_EV_COUNT; e++) {
        assert_true(strlen(lab_event_text((LabEvent)e, BODY_THIGH)) > 20);
        assert_true(strcmp(lab_event_name((LabEvent)e), "?") != 0);
    }
}

static bool inside(LRect a, LRect b)
{
    return a.x >= b.x - 0.01f && a.y >= b.y - 0.01f && a.x + a.w <= b.x + b.w + 0.01f && a.y + a.h <= b.y + b.h + 0.01f;
}

static bool overlap(LRect a, LRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void test_layout(void **state)
{
    (void)state;
    static const int sizes[3][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}};
    for (int i = 0; i < 3; i++) {
        Frame f = layout_frame(sizes[i][0], sizes[i][1]);
        LRect screen = {0, 0, f.lw, f.lh};
        for (int side = 0; side < 2; side++) {
            LabLayout L = lab_layout(&f, side);
            assert_int_equal(L.nviews, side ? 2 : 1);
            assert_true(inside(L.panel, screen) && inside(L.controls, screen) && inside(L.header, screen));
            assert_false(overlap(L.panel, L.controls));
            assert_false(overlap(L.caption, L.panel));
            for (int v = 0; v < L.nviews; v++) {
                assert_true(inside(L.views[v], screen));
                assert_false(overlap(L.views[v], L.panel));
                assert_false(overlap(L.views[v], L.controls));
                assert_false(overlap(L.views[v], L.caption));
                LRect fit = lab_view_fit(L.views[v]);
                assert_true(inside(fit, L.views[v]));
                assert_true(inside(lab_measure_rect(L.views[v]), fit));
                assert_true(fit.h > 500);
            }
            if (side)
                assert_false(overlap(L.views[0], L.views[1]));
        }
    }
}

/* Reps left before failure, watched rep by rep through the demo under the wrap: inside a set it never goes
 * up and never reads "that many or more" (the old running estimate fell back to "many" at each set start),
 * it stays close to what is then really done, and it reaches 0 only when the muscle fails. */
static void test_reps_left_through_the_demo(void **state)
{
    (void)state;
    for (int part = 0; part < BODY_PART_COUNT; part++) {
        Lab *lab = new_lab();
        lab_start_demo(lab, (BodyPart)part, true);
        int prev = -1, prev_set = 0, checked = 0;
        while (lab->phase != LAB_PHASE_RECOVERY && lab->phase != LAB_PHASE_DONE && lab_time(lab) < 1200.0) {
            lab_run(lab, 0.25);
            int left = lab_reps_left(lab);
            assert_in_range(left, 0, LAB_REPS_LEFT_CAP);
            if (lab->phase != LAB_PHASE_SET)
                continue;
            if (lab->set_index != prev_set) {
                prev_set = lab->set_index;
                prev = -1;
            }
            if (lab->reps_in_set >= 1) {
                assert_true(left < LAB_REPS_LEFT_CAP);
                if (prev >= 0 && left > prev)
                    fail_msg("%s set %d rep %d: reps left rose %d -> %d", body_part_id((BodyPart)part),
                             lab->set_index, lab->reps_in_set, prev, left);
                prev = left;
                checked++;
            }
        }
        assert_true(checked > 100);
        free(lab);
    }
}

/* The demo's wrap is on from its first instant: the gauges (model outputs) agree with the status. */
static void test_demo_cuff_on_at_start(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_start_demo(lab, BODY_UPPER_ARM, true);
    assert_true(lab->wrap_on);
    assert_true(lab_out(lab, LAB_WITH)->cuff_mmhg > 0.0);
    assert_true(lab_out(lab, LAB_WITH)->aop_percent > 0.0);
    assert_float_equal(lab_out(lab, LAB_WITH)->cuff_mmhg, lab_cuff_mmhg(lab), 1e-9);
    lab_set_wrap(lab, false);
    assert_float_equal(lab_out(lab, LAB_WITH)->cuff_mmhg, 0.0, 1e-12);
    free(lab);
}

/* The debrief covers the whole run: once it is over the run's clock stops, so the chart's time axis and the
 * clock end together (the clock used to run on to --at while the chart stopped at the debrief). */
static void test_debrief_covers_the_run(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_start_demo(lab, BODY_UPPER_ARM, true);
    lab_run(lab, 900.0);
    assert_int_equal(lab->phase, LAB_PHASE_DONE);
    double end = lab_time(lab);
    assert_true(end < 900.0);
    lab_run(lab, 60.0);
    assert_float_equal(lab_time(lab), end, 1e-9);
    assert_true(end - lab->samples[lab->nsamples - 1].t < 1.0);
    assert_true(lab->bands[lab->nbands - 1].t1 <= end + 1e-9);
    /* every panel has its twin */
    const LabSample *last = &lab->samples[lab->nsamples - 1];
    assert_true(last->lactate_twin > 0.5 && last->lactate_twin < last->lactate);
    assert_true(last->ph_twin > last->ph);
    free(lab);
}

/* A debrief point is the mean of the interval it ends, not the instant: sampled at whole seconds, 2 s reps
 * always caught the twin at the same point of its squeeze-and-refill, which drew false steps at every
 * set/rest boundary. Each point must match the mean of a fine trace over its second. */
static void test_debrief_points_are_means(void **state)
{
    (void)state;
    Lab *lab = new_lab();
    lab_start_demo(lab, BODY_UPPER_ARM, true);
    enum { N = 2000 };
    static double tt[N], sw[N];
    int n = 0;
    while (n < N && lab_time(lab) < 150.0) {
        lab_run(lab, 0.1);
        tt[n] = lab_time(lab);
        sw[n++] = lab_out(lab, LAB_WITHOUT)->swelling_percent;
    }
    int checked = 0;
    double worst = 0.0;
    for (int i = 1; i < lab->nsamples; i++) {
        const LabSample *sm = &lab->samples[i];
        if (sm->t < 32.0 || sm->t > 148.0)
            continue;
        double sum = 0.0;
        int k = 0;
        for (int j = 0; j < n; j++)
            if (tt[j] > sm->t - 0.5 + 1e-6 && tt[j] <= sm->t + 0.5 + 1e-6)
                sum += sw[j], k++;
        assert_true(k >= 8);
        double d = fabs(sm->swelling_twin - sum / k);
        if (d > worst)
            worst = d;
        checked++;
    }
    assert_true(checked > 100);
    if (worst > 0.01)
        fail_msg("a debrief point is %.3f %% off the mean of its second", worst);
    free(lab);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_script),
        cmocka_unit_test(test_demo_without_wrap),
        cmocka_unit_test(test_demo_events_in_order),
        cmocka_unit_test(test_demo_is_deterministic),
        cmocka_unit_test(test_wrap_warnings),
        cmocka_unit_test(test_time_limit_per_part),
        cmocka_unit_test(test_reps_sets_and_failure),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_debrief_series),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_reps_left_through_the_demo),
        cmocka_unit_test(test_demo_cuff_on_at_start),
        cmocka_unit_test(test_debrief_covers_the_run),
        cmocka_unit_test(test_debrief_points_are_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
