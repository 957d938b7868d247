/* A small seeded random source (splitmix64): the same seed gives the same numbers on every machine. */
#ifndef OC_RNG_H
#define OC_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s;
} Rng;

static inline void rng_seed(Rng *r, uint64_t seed)
{
    r->s = seed;
}

static inline uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double rng_uniform(Rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

#endif
