/* A whole BFR protocol through the model: hold, sets of reps, rests, wraps off, recovery. Shared by
 * occlusion-sim, the tests and the game's previews. */
#ifndef OC_PROTOCOL_H
#define OC_PROTOCOL_H

#include "model.h"

#define SIM_MAX_SETS 20
#define SIM_FAILURE_CAP 200 /* reps in one set "to failure" before we call it endless */

typedef enum CuffMode { CUFF_CONTINUOUS, CUFF_INTERMITTENT, CUFF_OFF } CuffMode;

typedef struct SimProtocol {
    ModelParams body;
    double cuff_mmhg;
    CuffMode cuff;
    double load; /* fraction of 1RM */
    int sets;
    int reps[SIM_MAX_SETS]; /* targets; ignored when to_failure */
    bool to_failure;
    double rest, rep_time, hold, recovery; /* s */
} SimProtocol;

typedef struct SimSet {
    int reps;
    double mean_type2;   /* mean type II recruitment over the set's reps */
    double mean_active;  /* mean of type I + type II recruitment over the reps */
    double sat_end, swelling_end, capacity_end;
    double sat_end_rest, swelling_end_rest; /* at the end of the rest after this set (if any) */
    double peak_aop_mmhg;
} SimSet;

typedef struct SimResult {
    SimSet set[SIM_MAX_SETS];
    int total_reps;
    double aop_rest_mmhg, sat_before;
    double inflow_rest, outflow_rest; /* at the end of the hold */
    double peak_swelling, min_ph, peak_lactate_venous, peak_lactate_muscle, min_pcr, min_sat, peak_type2;
    double peak_pi, peak_anabolic;
    double peak_aop_percent, occlusion_s;
    double swelling_at_release, swelling_60s, swelling_300s, lactate_m_at_release, lactate_m_300s;
    Model final;
} SimResult;

typedef enum SimPhase { PHASE_HOLD, PHASE_SET, PHASE_REST, PHASE_RECOVERY } SimPhase;
const char *sim_phase_name(SimPhase p);

/* Called after every model step. */
typedef void (*SimObserver)(void *ctx, const Model *m, SimPhase phase, int set, int rep);

/* The cuff a protocol uses unless told otherwise: 50 % of AOP on an arm or forearm, 70 % on a thigh or calf
 * (clinical ranges arm 40-50 %, leg 60-80 %). */
double sim_default_aop_fraction(Limb limb);
void sim_protocol_default(SimProtocol *p, Limb limb);
void sim_run(const SimProtocol *p, SimResult *r, SimObserver obs, void *ctx);

#endif
