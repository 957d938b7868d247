/* occlusion-sim: a whole protocol through the model, headless. The flag names are a contract. */
#include "sim_cli.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "oc_util.h"
#include "protocol.h"

#define MAX_SETS SIM_MAX_SETS
#define FAILURE_CAP SIM_FAILURE_CAP

typedef enum { PRESS_NONE, PRESS_MMHG, PRESS_AOP, PRESS_TIGHT } PressKind;

typedef struct SimArgs {
    ModelParams mp;
    bool width_set, circ_set;
    PressKind press;
    const char *press_flag;
    double press_value;
    unsigned long long seed;
    CuffMode cuff;
    double load;
    int sets;
    bool sets_set;
    int reps[MAX_SETS];
    int nreps;
    bool to_failure;
    double rest, rep_time, hold, every, recovery;
    bool json;
    const char *csv;
    const char *limb_word; /* as given, so "leg" stays "leg" in the output */
} SimArgs;

static const char usage[] =
    "Usage: occlusion-sim [options]\n"
    "Runs one limb through a blood-flow-restriction protocol with the occlusion model and reports what\n"
    "happens inside the muscle.\n"
    "\n"
    "Body (defaults per limb: arm 5 cm band on 30 cm, forearm 5 cm on 26 cm, thigh 10 cm on 55 cm,\n"
    "calf 7.5 cm on 37 cm; 120/80 mmHg, 30 y, male)\n"
    "  --limb arm|forearm|thigh|calf   limb under the cuff (default arm; leg = thigh)\n"
    "  --cuff-width CM         2 to 25\n"
    "  --circumference CM      arm 15 to 60, forearm 12 to 45, thigh 30 to 100, calf 20 to 70\n"
    "  --sbp MMHG --dbp MMHG   resting blood pressure (80 to 220, 40 to 130)\n"
    "  --age Y                 10 to 100\n"
    "  --sex male|female\n"
    "  --posture supine|seated|standing  body position (default supine, as AOP is usually measured)\n"
    "Cuff (at most one of the first three; default 50 % of AOP on an arm or forearm, 70 % on a thigh or calf)\n"
    "  --pressure MMHG         0 to 500\n"
    "  --aop-percent P         0 to 150, of the resting arterial occlusion pressure\n"
    "  --tightness T           0 to 10, perceived wrap tightness (spread from --seed)\n"
    "  --seed N                seed for the day-to-day spread of --tightness (default 1)\n"
    "  --cuff continuous|intermittent|off  (default continuous: on through the rests)\n"
    "Exercise\n"
    "  --load P                1 to 100 % of one-rep max (default 30)\n"
    "  --sets N                1 to 20 (default 4)\n"
    "  --reps LIST             rep targets, e.g. 30,15,15,15 (default); a set also ends at failure\n"
    "  --to-failure            every set to failure instead\n"
    "  --rest S                rest between sets, 0 to 600 (default 30)\n"
    "  --rep-time S            seconds per rep, 0.5 to 10 (default 2)\n"
    "  --hold S                cuff on at rest before the first set, 0 to 1200 (default 30)\n"
    "  --recovery S            time watched after the wraps come off, 0 to 3600 (default 300)\n"
    "Output\n"
    "  --json                  one JSON object on stdout\n"
    "  --csv FILE              time series ('-' for stdout)\n"
    "  --every S               CSV row interval, 0.01 to 3600 (default 1)\n"
    "  --help\n";

static int bad(FILE *err, const char *flag, const char *value, const char *range)
{
    fprintf(err, "occlusion-sim: %s: '%s' is not %s\n", flag, value, range);
    return 2;
}

static bool num_in(const char *s, double lo, double hi, double *out)
{
    double v;
    if (!oc_parse_double(s, &v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool int_in(const char *s, long lo, long hi, long *out)
{
    long v;
    if (!oc_parse_long(s, &v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int parse(SimArgs *a, int argc, char **argv, FILE *out, FILE *err, bool *help)
{
    Limb limb = LIMB_ARM;
    const char *limb_word = "arm";
    /* find the limb first: the defaults of the other body values depend on it */
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--limb") == 0) {
            int l = model_limb_from_name(argv[i + 1]);
            if (l < 0)
                return bad(err, "--limb", argv[i + 1], "arm, forearm, thigh or calf (leg = thigh)");
            limb = (Limb)l;
            limb_word = argv[i + 1];
        }
    memset(a, 0, sizeof *a);
    a->limb_word = limb_word;
    model_params_default(&a->mp, limb);
    a->seed = 1;
    a->cuff = CUFF_CONTINUOUS;
    a->load = 0.30;
    a->sets = 4;
    a->rest = 30;
    a->rep_time = 2;
    a->hold = 30;
    a->every = 1;
    a->recovery = 300;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        if (strcmp(f, "--help") == 0 || strcmp(f, "-h") == 0) {
            fputs(usage, out);
            *help = true;
            return 0;
        }
        if (strcmp(f, "--json") == 0) {
            a->json = true;
            continue;
        }
        if (strcmp(f, "--to-failure") == 0) {
            a->to_failure = true;
            continue;
        }
        if (strncmp(f, "--", 2) != 0) {
            fprintf(err, "occlusion-sim: unexpected argument '%s' (see --help)\n", f);
            return 2;
        }
        static const char *const with_value[] = {
            "--limb", "--cuff-width", "--circumference", "--sbp", "--dbp", "--age", "--sex", "--posture", "--pressure",
            "--aop-percent", "--tightness", "--seed", "--cuff", "--load", "--sets", "--reps", "--rest",
            "--rep-time", "--hold", "--recovery", "--csv", "--every"};
        bool known = false;
        for (size_t k = 0; k < OC_ARRAY_LEN(with_value); k++)
            known = known || strcmp(f, with_value[k]) == 0;
        if (!known) {
            fprintf(err, "occlusion-sim: unknown option '%s' (see --help)\n", f);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(err, "occlusion-sim: %s: missing value\n", f);
            return 2;
        }
        const char *v = argv[++i];
        double d;
        long n;
        if (strcmp(f, "--limb") == 0) {
            continue; /* handled above */
        } else if (strcmp(f, "--cuff-width") == 0) {
            if (!num_in(v, 2, 25, &d))
                return bad(err, f, v, "a width from 2 to 25 cm");
            a->mp.cuff_width_cm = d;
        } else if (strcmp(f, "--circumference") == 0) {
            double lo, hi;
            model_limb_circumference_range(limb, &lo, &hi);
            if (!num_in(v, lo, hi, &d)) {
                char range[80];
                snprintf(range, sizeof range, "a %s circumference from %g to %g cm", model_limb_name(limb), lo, hi);
                return bad(err, f, v, range);
            }
            a->mp.circumference_cm = d;
        } else if (strcmp(f, "--sbp") == 0) {
            if (!num_in(v, 80, 220, &d))
                return bad(err, f, v, "a systolic pressure from 80 to 220 mmHg");
            a->mp.sbp = d;
        } else if (strcmp(f, "--dbp") == 0) {
            if (!num_in(v, 40, 130, &d))
                return bad(err, f, v, "a diastolic pressure from 40 to 130 mmHg");
            a->mp.dbp = d;
        } else if (strcmp(f, "--age") == 0) {
            if (!num_in(v, 10, 100, &d))
                return bad(err, f, v, "an age from 10 to 100 years");
            a->mp.age = d;
        } else if (strcmp(f, "--sex") == 0) {
            if (strcmp(v, "male") == 0)
                a->mp.sex = SEX_MALE;
            else if (strcmp(v, "female") == 0)
                a->mp.sex = SEX_FEMALE;
            else
                return bad(err, f, v, "male or female");
        } else if (strcmp(f, "--posture") == 0) {
            if (strcmp(v, "supine") == 0)
                a->mp.posture = POSTURE_SUPINE;
            else if (strcmp(v, "seated") == 0)
                a->mp.posture = POSTURE_SEATED;
            else if (strcmp(v, "standing") == 0)
                a->mp.posture = POSTURE_STANDING;
            else
                return bad(err, f, v, "supine, seated or standing");
        } else if (strcmp(f, "--pressure") == 0 || strcmp(f, "--aop-percent") == 0 ||
                   strcmp(f, "--tightness") == 0) {
            if (a->press != PRESS_NONE) {
                fprintf(err, "occlusion-sim: %s: give only one of --pressure, --aop-percent, --tightness (%s given too)\n",
                        f, a->press_flag);
                return 2;
            }
            double hi = f[2] == 'p' ? 500 : f[2] == 'a' ? 150 : 10;
            const char *range = f[2] == 'p' ? "a cuff pressure from 0 to 500 mmHg"
                                : f[2] == 'a' ? "a percentage of AOP from 0 to 150"
                                              : "a tightness from 0 to 10";
            if (!num_in(v, 0, hi, &d))
                return bad(err, f, v, range);
            a->press = f[2] == 'p' ? PRESS_MMHG : f[2] == 'a' ? PRESS_AOP : PRESS_TIGHT;
            a->press_flag = f;
            a->press_value = d;
        } else if (strcmp(f, "--seed") == 0) {
            char *end;
            unsigned long long s = strtoull(v, &end, 10);
            if (!*v || *end || v[0] == '-')
                return bad(err, f, v, "a whole number from 0 to 18446744073709551615");
            a->seed = s;
        } else if (strcmp(f, "--cuff") == 0) {
            if (strcmp(v, "continuous") == 0)
                a->cuff = CUFF_CONTINUOUS;
            else if (strcmp(v, "intermittent") == 0)
                a->cuff = CUFF_INTERMITTENT;
            else if (strcmp(v, "off") == 0)
                a->cuff = CUFF_OFF;
            else
                return bad(err, f, v, "continuous, intermittent or off");
        } else if (strcmp(f, "--load") == 0) {
            if (!num_in(v, 1, 100, &d))
                return bad(err, f, v, "a load from 1 to 100 % of one-rep max");
            a->load = d / 100.0;
        } else if (strcmp(f, "--sets") == 0) {
            if (!int_in(v, 1, MAX_SETS, &n))
                return bad(err, f, v, "a whole number of sets from 1 to 20");
            a->sets = (int)n;
            a->sets_set = true;
        } else if (strcmp(f, "--reps") == 0) {
            char buf[256];
            if (oc_strlcpy(buf, v, sizeof buf) >= sizeof buf)
                return bad(err, f, v, "a list of at most 20 rep counts");
            a->nreps = 0;
            for (char *tok = buf, *next; tok; tok = next) {
                next = strchr(tok, ',');
                if (next)
                    *next++ = '\0';
                if (a->nreps == MAX_SETS || !int_in(tok, 1, FAILURE_CAP, &n))
                    return bad(err, f, v, "a comma-separated list of 1 to 20 rep counts, each 1 to 200");
                a->reps[a->nreps++] = (int)n;
            }
        } else if (strcmp(f, "--rest") == 0) {
            if (!num_in(v, 0, 600, &d))
                return bad(err, f, v, "a rest from 0 to 600 s");
            a->rest = d;
        } else if (strcmp(f, "--rep-time") == 0) {
            if (!num_in(v, 0.5, 10, &d))
                return bad(err, f, v, "a rep time from 0.5 to 10 s");
            a->rep_time = d;
        } else if (strcmp(f, "--hold") == 0) {
            if (!num_in(v, 0, 1200, &d))
                return bad(err, f, v, "a hold from 0 to 1200 s");
            a->hold = d;
        } else if (strcmp(f, "--recovery") == 0) {
            if (!num_in(v, 0, 3600, &d))
                return bad(err, f, v, "a recovery time from 0 to 3600 s");
            a->recovery = d;
        } else if (strcmp(f, "--every") == 0) {
            if (!num_in(v, 0.01, 3600, &d))
                return bad(err, f, v, "an interval from 0.01 to 3600 s");
            a->every = d;
        } else if (strcmp(f, "--csv") == 0) {
            if (!*v)
                return bad(err, f, v, "a file name or -");
            a->csv = v;
        }
    }
    if (a->to_failure && a->nreps > 0) {
        fprintf(err, "occlusion-sim: --reps and --to-failure: choose one\n");
        return 2;
    }
    if (a->nreps > 1 && a->sets_set && a->nreps != a->sets) {
        fprintf(err, "occlusion-sim: --reps: %d targets given but --sets is %d\n", a->nreps, a->sets);
        return 2;
    }
    if (a->nreps > 1 && !a->sets_set)
        a->sets = a->nreps;
    if (a->nreps == 0 && !a->to_failure) { /* the common clinical scheme */
        static const int scheme[4] = {30, 15, 15, 15};
        for (int s = 0; s < a->sets; s++)
            a->reps[s] = scheme[s < 4 ? s : 3];
        a->nreps = a->sets;
    }
    if (a->nreps == 1)
        for (int s = 1; s < a->sets; s++)
            a->reps[s] = a->reps[0];
    char msg[256];
    if (model_params_check(&a->mp, msg, sizeof msg) != 0) {
        fprintf(err, "occlusion-sim: %s\n", msg);
        return 2;
    }
    return 0;
}

typedef struct CsvCtx {
    FILE *f;
    double every, next_row;
} CsvCtx;

static void csv_header(FILE *f)
{
    fputs("t,phase,set,rep,cuff_mmhg,aop_mmhg,aop_percent,arterial_inflow,venous_outflow,venous_pressure_mmhg,"
          "pooled_blood_percent,swelling_percent,oxygen_saturation,pcr_mm,pi_mm,ph,lactate_muscle_mm,"
          "lactate_venous_mmol,type1_recruitment,type2_recruitment,capacity,type1_fatigue,type2_fatigue,reps_left,"
          "cuff_time_s,sbp_mmhg,anabolic_signal\n",
          f);
}

static void csv_row(void *ctx, const Model *m, SimPhase phase, int set, int rep)
{
    CsvCtx *c = ctx;
    const ModelOut *o = model_out(m);
    if (o->t + 1e-9 < c->next_row)
        return;
    c->next_row += c->every;
    fprintf(c->f,
            "%.2f,%s,%d,%d,%.1f,%.1f,%.1f,%.4f,%.4f,%.1f,%.3f,%.3f,%.4f,%.2f,%.2f,%.3f,%.2f,%.3f,%.3f,%.3f,%.4f,%.3f,"
            "%.3f,%d,%.1f,%.1f,%.4f\n",
            o->t, sim_phase_name(phase), set, rep, o->cuff_mmhg, o->aop_mmhg, o->aop_percent, o->arterial_inflow,
            o->venous_outflow, o->venous_pressure, o->pooled_blood, o->swelling_percent, o->oxygen_saturation, o->pcr_mm,
            o->pi_mm, o->ph, o->lactate_muscle_mm, o->lactate_venous_mmol, o->type1_recruitment, o->type2_recruitment,
            o->capacity, o->type1_fatigue, o->type2_fatigue, o->reps_left, o->cuff_time_s, o->sbp_mmhg,
            o->anabolic_signal);
}

/* stdout onto a full disk (or /dev/full): say so and fail instead of exiting 0 with a cut-off result */
static int flush_or_fail(FILE *out, FILE *err)
{
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "occlusion-sim: could not write to standard output (disk full or I/O error)\n");
        return 1;
    }
    return 0;
}

static double round_to(double v, double step)
{
    return round(v / step) * step;
}

int sim_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    SimArgs a;
    bool help = false;
    int rc = parse(&a, argc, argv, out, err, &help);
    if (rc != 0)
        return rc;
    if (help)
        return flush_or_fail(out, err);

    Rng rng;
    rng_seed(&rng, a.seed);
    double aop_rest = model_aop_rest(&a.mp);
    double cuff = 0.0;
    switch (a.press) {
    case PRESS_MMHG:
        cuff = a.press_value;
        break;
    case PRESS_AOP:
        cuff = aop_rest * a.press_value / 100.0;
        break;
    case PRESS_TIGHT:
        cuff = model_tightness_pressure(&a.mp, a.press_value, &rng);
        break;
    case PRESS_NONE:
        cuff = aop_rest * sim_default_aop_fraction(a.mp.limb);
        break;
    }
    if (a.cuff == CUFF_OFF)
        cuff = 0.0;

    SimProtocol p;
    sim_protocol_default(&p, a.mp.limb);
    p.body = a.mp;
    p.cuff_mmhg = cuff;
    p.cuff = a.cuff;
    p.load = a.load;
    p.sets = a.sets;
    memcpy(p.reps, a.reps, sizeof p.reps);
    p.to_failure = a.to_failure;
    p.rest = a.rest;
    p.rep_time = a.rep_time;
    p.hold = a.hold;
    p.recovery = a.recovery;

    CsvCtx csv = {NULL, a.every, 0.0};
    if (a.csv) {
        csv.f = strcmp(a.csv, "-") == 0 ? out : fopen(a.csv, "w");
        if (!csv.f) {
            fprintf(err, "occlusion-sim: --csv: cannot write '%s'\n", a.csv);
            return 2;
        }
        csv_header(csv.f);
    }
    static SimResult r; /* large: keep it off the stack */
    sim_run(&p, &r, csv.f ? csv_row : NULL, &csv);
    if (csv.f && csv.f != out) {
        /* a full disk shows up here: a cut-off file is an error, not a result */
        bool bad_write = ferror(csv.f) != 0;
        if (fclose(csv.f) != 0 || bad_write) {
            fprintf(err, "occlusion-sim: --csv: could not write all of '%s' (disk full or I/O error)\n", a.csv);
            return 1;
        }
    }

    if (a.json) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "limb", a.limb_word);
        static const char *const postures[POSTURE_COUNT] = {"supine", "seated", "standing"};
        cJSON_AddStringToObject(j, "posture", postures[a.mp.posture]);
        cJSON_AddNumberToObject(j, "aop_mmhg", round_to(aop_rest, 0.1));
        cJSON_AddNumberToObject(j, "cuff_mmhg", round_to(cuff, 0.1));
        cJSON_AddNumberToObject(j, "aop_percent", round_to(100.0 * cuff / aop_rest, 0.1));
        cJSON_AddNumberToObject(j, "peak_aop_percent_exercise", round_to(r.peak_aop_percent, 0.1));
        cJSON *arr = cJSON_AddArrayToObject(j, "reps_per_set");
        for (int s = 0; s < a.sets; s++)
            cJSON_AddItemToArray(arr, cJSON_CreateNumber(r.set[s].reps));
        cJSON_AddNumberToObject(j, "total_reps", r.total_reps);
        cJSON_AddNumberToObject(j, "arterial_inflow_rest", round_to(r.inflow_rest, 0.001));
        cJSON_AddNumberToObject(j, "venous_outflow_rest", round_to(r.outflow_rest, 0.001));
        cJSON_AddNumberToObject(j, "peak_swelling_percent", round_to(r.peak_swelling, 0.01));
        cJSON_AddNumberToObject(j, "min_ph", round_to(r.min_ph, 0.001));
        cJSON_AddNumberToObject(j, "peak_lactate_mmol", round_to(r.peak_lactate_venous, 0.01));
        cJSON_AddNumberToObject(j, "peak_muscle_lactate_mm", round_to(r.peak_lactate_muscle, 0.01));
        cJSON_AddNumberToObject(j, "min_pcr_mm", round_to(r.min_pcr, 0.01));
        cJSON_AddNumberToObject(j, "min_oxygen_saturation", round_to(r.min_sat, 0.001));
        cJSON_AddNumberToObject(j, "peak_type2_recruitment", round_to(r.peak_type2, 0.001));
        cJSON_AddNumberToObject(j, "occlusion_seconds", round_to(r.occlusion_s, 0.1));
        cJSON_AddNumberToObject(j, "final_swelling_percent", round_to(model_out(&r.final)->swelling_percent, 0.01));
        cJSON_AddNumberToObject(j, "peak_anabolic_signal", round_to(r.peak_anabolic, 0.001));
        cJSON *flags = cJSON_AddArrayToObject(j, "flags");
        cJSON *times = cJSON_AddObjectToObject(j, "flag_times");
        for (int f = 0; f < FLAG_COUNT; f++) {
            double when;
            if (model_flag(&r.final, (ModelFlag)f, &when)) {
                cJSON_AddItemToArray(flags, cJSON_CreateString(model_flag_name((ModelFlag)f)));
                cJSON_AddNumberToObject(times, model_flag_name((ModelFlag)f), round_to(when, 0.01));
            }
        }
        char *text = cJSON_PrintUnformatted(j);
        fprintf(out, "%s\n", text);
        cJSON_free(text);
        cJSON_Delete(j);
    } else if (csv.f != out) {
        fprintf(out, "limb %s, AOP at rest %.0f mmHg, cuff %.0f mmHg (%.0f %% AOP)\n", a.limb_word, aop_rest, cuff,
                100 * cuff / aop_rest);
        fprintf(out, "reps per set:");
        for (int s = 0; s < a.sets; s++)
            fprintf(out, " %d", r.set[s].reps);
        fprintf(out, " (total %d)\n", r.total_reps);
        fprintf(out, "at rest under the cuff: inflow %.2f, outflow %.2f of baseline\n", r.inflow_rest, r.outflow_rest);
        fprintf(out, "peak swelling %.1f %%, min pH %.2f, peak venous lactate %.1f mmol/L, min PCr %.1f mM\n",
                r.peak_swelling, r.min_ph, r.peak_lactate_venous, r.min_pcr);
        fprintf(out, "min tissue O2 %.0f %%, peak type II recruitment %.0f %%, cuff on %.0f s\n", 100 * r.min_sat,
                100 * r.peak_type2, r.occlusion_s);
        fprintf(out, "flags:");
        int nf = 0;
        for (int f = 0; f < FLAG_COUNT; f++) {
            double when;
            if (model_flag(&r.final, (ModelFlag)f, &when)) {
                fprintf(out, " %s (at %.0f s)", model_flag_name((ModelFlag)f), when);
                nf++;
            }
        }
        fprintf(out, "%s\n", nf ? "" : " none");
    }
    return flush_or_fail(out, err);
}
