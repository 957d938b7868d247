/* bench_model: model steps per second for one limb, and simulated time per CPU second, at dt = 10 ms.
 * Target: at least 200,000x faster than real time. Prints figures; asserts nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    double sim_hours = argc > 1 ? atof(argv[1]) : 10.0;
    if (sim_hours <= 0)
        sim_hours = 10.0;
    ModelParams p;
    model_params_default(&p, LIMB_ARM);
    Model m;
    model_init(&m, &p, MODEL_DT);
    model_set_load(&m, 0.3);
    double aop = model_aop_rest(&p);
    long steps = (long)(sim_hours * 3600.0 / MODEL_DT);
    /* a realistic mix: cuff on and off in 5-minute blocks, a rep every 2 s in the first half of each block
     * (counters, not i % n: an integer division per step would be charged to the model) */
    const long block_len = 30000, half = 15000;
    double t0 = cpu_now();
    long in_block = 0, block = 0;
    model_set_cuff(&m, aop * 0.5);
    for (long i = 0; i < steps; i++) {
        if (in_block == block_len) {
            in_block = 0;
            block++;
            model_set_cuff(&m, block % 2 ? 0.0 : aop * 0.5);
        }
        if (in_block < half && !model_in_rep(&m))
            model_begin_rep(&m, 2.0);
        model_step(&m);
        in_block++;
    }
    double cpu = cpu_now() - t0;
    double sps = (double)steps / cpu;
    double speed = sim_hours * 3600.0 / cpu;
    printf("bench_model: %ld steps (%.1f h simulated, dt %.0f ms) in %.3f s CPU\n", steps, sim_hours, MODEL_DT * 1000,
           cpu);
    printf("steps per second: %.0f (%.0f ns per step)\n", sps, 1e9 / sps);
    printf("simulated time per CPU second: %.0fx real time   (target >= 200000x)\n", speed);
    printf("model state: %zu bytes; no allocation per step\n", sizeof(Model));
    printf("(checksum %.6f)\n", model_out(&m)->swelling_percent);
    return 0;
}
