/* Writes a believable history into DIR's database through the store: athletes with weeks of sessions
 * (done, stopped, interrupted), students with Academy scores, and a person who is both. For the History
 * scene's screenshots and the CSV export test. Usage: seed_history [--replace] DIR [PEOPLE]
 * (--replace: delete DIR's database first; without it an existing database is refused). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oc_util.h"
#include "store.h"

#define DIE(...) (fprintf(stderr, "seed_history: " __VA_ARGS__), fputc('\n', stderr), exit(1))

int main(int argc, char **argv)
{
    bool replace = argc > 1 && strcmp(argv[1], "--replace") == 0;
    if (replace) {
        argv++;
        argc--;
    }
    if (argc < 2)
        DIE("usage: seed_history [--replace] DIR [PEOPLE]");
    long extra = 0;
    if (argc > 2 && (!oc_parse_long(argv[2], &extra) || extra < 0 || extra > 500))
        DIE("PEOPLE: 0 to 500");
    char path[1100], msg[1400], err[600];
    if (oc_mkdirs(argv[1], err, sizeof err) != 0)
        DIE("%s", err);
    oc_path_join(path, sizeof path, argv[1], STORE_FILE);
    if (oc_file_exists(path)) {
        if (!replace)
            DIE("%s exists (use --replace to start it afresh)", path);
        unlink(path);
    }
    Store *s = store_open(path, msg, sizeof msg);
    if (!s)
        DIE("%s", msg);
    static const char *const athletes[] = {"Maya Okafor", "Jonas Lindqvist", "\xc3\x89lodie Martin",
                                           "O'Brien, \"Jo\""};
    static const char *const parts[] = {"thigh", "arm", "calf", "forearm"};
    const int64_t t0 = 1790000000; /* 2026-09-21 */
    for (int a = 0; a < 4; a++) {
        int64_t id;
        if (store_athlete_get_or_add(s, athletes[a], &id, err, sizeof err) != 0)
            DIE("%s", err);
        int weeks = 9 - a * 2;
        for (int w = 0; w < weeks; w++) {
            for (int d = 0; d < 2; d++) {
                StoreSessionStart st = {.athlete = id,
                                        .protocol_id = w % 3 == 2 ? "common-30-15-15-15" : "guide-five-sets",
                                        .protocol_name = w % 3 == 2 ? "30-15-15-15" : "The guide's five sets",
                                        .body_part = parts[(a + d) % 4],
                                        .load_percent = 20 + w + a * 3,
                                        .tightness = 7,
                                        .pressure_mmhg = -1,
                                        .started_unix = t0 + (int64_t)(w * 7 + d * 3) * 86400 + 3600 * (8 + a)};
                int64_t sid;
                if (store_session_begin(s, &st, &sid, err, sizeof err) != 0)
                    DIE("%s", err);
                int nsets = w % 3 == 2 ? 4 : 5;
                bool stop = (w == 3 && d == 1 && a == 0);
                bool cut = (w == weeks - 1 && d == 1 && a == 1);
                double wrap = 0;
                for (int k = 1; k <= nsets; k++) {
                    if (stop && k == 3)
                        break;
                    if (cut && k == 4)
                        break;
                    int planned = k == 1 ? 30 : 15;
                    int done = planned - 3 + (w + k + a) % 4 + (k == 1 ? w / 2 : w / 3);
                    if (done < 5)
                        done = 5;
                    wrap = 60 + 75.0 * k + (double)((w * 37 + a * 11) % 90);
                    StoreSet set = {.index = k, .reps_planned = nsets == 5 ? 0 : planned, .reps_done = done,
                                    .started_s = 30 + 75.0 * (k - 1), .duration_s = 45, .wrap_time_s = wrap};
                    if (store_set_commit(s, sid, &set, err, sizeof err) != 0)
                        DIE("%s", err);
                }
                if (cut)
                    continue; /* left running: the next open marks it interrupted */
                if (store_session_end(s, sid, stop ? STORE_SESSION_STOPPED : STORE_SESSION_DONE,
                                      stop ? "numbness or tingling" : NULL, st.started_unix + (int64_t)wrap + 60,
                                      wrap + 15, err, sizeof err) != 0)
                    DIE("%s", err);
            }
        }
    }
    static const char *const students[] = {"Maya Okafor", "Priya Raman", "Tom\xc3\xa1s Ruiz"};
    static const char *const levels[] = {"how-it-works", "where-the-band-goes", "how-tight", "the-workout",
                                          "staying-safe"};
    for (int i = 0; i < 3; i++) {
        int64_t id;
        if (store_add_student(s, students[i], &id, err, sizeof err) != 0)
            DIE("%s", err);
        for (int l = 0; l < 5 - i; l++) {
            int pct = 55 + (l * 13 + i * 7) % 46;
            if (store_record_attempt(s, id, levels[l], pct / 10, 10, pct, pct >= 90 ? 3 : pct >= 75 ? 2 : 1, err,
                                     sizeof err) != 0)
                DIE("%s", err);
        }
    }
    for (long i = 0; i < extra; i++) {
        char name[32];
        snprintf(name, sizeof name, "Student %03ld", i + 1);
        if (store_add_student(s, name, NULL, err, sizeof err) != 0)
            DIE("%s", err);
    }
    store_close(s);
    printf("seeded %s\n", path);
    return 0;
}
