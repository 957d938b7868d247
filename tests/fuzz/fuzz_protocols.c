/* libFuzzer target for the protocol loader (built with -DOC_FUZZ=ON and clang; run by ./run-tests for a
 * bounded time, sharing the budget with the level loader). Besides "never crash", it checks what a good
 * parse promises: every field in range, the plan within its body part's wrap-time limit, and a session
 * run from it with one athlete reaches the debrief with the wrap off. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "session.h"
#include "session_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static SessionProtocol p;
    if (session_protocol_parse((const char *)data, size, "fuzz.json", &p, NULL, NULL) != 0)
        return 0;
    if (p.sets < 1 || p.sets > PROTOCOL_MAX_SETS || p.rest_s < PROTOCOL_REST_MIN_S || p.rest_s > PROTOCOL_REST_MAX_S ||
        p.load_percent < PROTOCOL_LOAD_MIN || p.load_percent > PROTOCOL_LOAD_MAX)
        abort();
    for (int i = 0; i < p.sets; i++)
        if (p.reps[i] < 1 || p.reps[i] > PROTOCOL_REPS_MAX)
            abort();
    if (session_protocol_fits(&p, p.body_part, "fuzz", NULL, 0) != 0)
        abort();
    static SessionConfig cfg;
    static Session s;
    session_config_default(&cfg, &p, 1);
    if (session_init(&s, &cfg, NULL, 0) != 0)
        abort(); /* a plan that loads must be runnable */
    for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
        session_screen_answer(&s, 0, (ScreenItem)i, false);
    session_begin_wrap(&s);
    session_wrap_placed(&s, 0);
    session_tightness_check(&s, 0, false, false);
    SessionEvent ev;
    for (int guard = 0; guard < 100000 && !session_finished(&s); guard++) {
        if (session_phase(&s) == SESSION_SET) {
            session_tap(&s, 0);
            if (session_set_to_failure(&s, session_set_index(&s)) &&
                session_lane_reps(&s, 0) >= session_set_target(&s, session_set_index(&s)))
                session_lane_done(&s, 0);
        } else {
            session_step(&s, 1.0);
        }
        while (session_poll(&s, &ev))
            ;
        if (session_phase(&s) == SESSION_REST && !session_lane_wrap_on(&s, 0))
            abort();
    }
    if (!session_finished(&s) || session_lane_wrap_on(&s, 0) || session_lane_stop_reason(&s, 0) != SESSION_STOP_NONE)
        abort(); /* the plan fits the limit, so it must finish without the engine stopping it */
    return 0;
}
