/* The child of test_kill: writes Guided Session sets and Academy attempts through the store in a loop,
 * like a game that is running, and reports each one on stdout only after the call returned (committed).
 * Usage: kill_writer DB SEED */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    unsigned seed = (unsigned)strtoul(argv[2], NULL, 10);
    char msg[1400], err[600];
    Store *s = store_open(argv[1], msg, sizeof msg);
    if (!s) {
        fprintf(stderr, "kill_writer: %s\n", msg);
        return 1;
    }
    if (msg[0] && !strstr(msg, "interrupted"))
        fprintf(stderr, "kill_writer: %s\n", msg); /* the parent fails on any "set aside" */
    printf("open\n");
    fflush(stdout);
    char name[32];
    snprintf(name, sizeof name, "Athlete %u", seed % 5);
    int64_t athlete, student;
    if (store_athlete_get_or_add(s, name, &athlete, err, sizeof err) != 0)
        return 1;
    snprintf(name, sizeof name, "Student %u", seed);
    if (store_add_student(s, name, &student, err, sizeof err) != 0)
        return 1;
    for (int round = 0; round < 100000; round++) {
        StoreSessionStart st = {.athlete = athlete, .protocol_id = "guide-five-sets", .protocol_name = "Five sets",
                                .body_part = "thigh", .load_percent = 30, .tightness = 7, .pressure_mmhg = -1,
                                .started_unix = 1795000000 + round};
        int64_t id;
        if (store_session_begin(s, &st, &id, err, sizeof err) != 0)
            break;
        printf("session %lld\n", (long long)id);
        fflush(stdout);
        for (int k = 1; k <= 5; k++) {
            StoreSet set = {.index = k, .reps_planned = k == 1 ? 30 : 15, .reps_done = 10 + k, .started_s = 90.0 * k,
                            .duration_s = 40, .wrap_time_s = 90.0 * k + 40};
            if (store_set_commit(s, id, &set, err, sizeof err) != 0)
                goto out;
            printf("set %lld %d\n", (long long)id, k);
            fflush(stdout);
            char level[48];
            snprintf(level, sizeof level, "lvl-%u-%d-%d", seed, round, k);
            if (store_record_attempt(s, student, level, k, 5, k * 20, k > 3 ? 2 : 0, err, sizeof err) != 0)
                goto out;
            printf("attempt %lld %s\n", (long long)student, level);
            fflush(stdout);
        }
        if (store_session_end(s, id, STORE_SESSION_DONE, NULL, 1795000000 + round + 500, 490, err, sizeof err) != 0)
            break;
        printf("ended %lld\n", (long long)id);
        fflush(stdout);
    }
out:
    fprintf(stderr, "kill_writer: %s\n", err);
    store_close(s);
    return 1;
}
