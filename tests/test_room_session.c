/* The room's lanes on the real Session engine (built once src/session.h is in the tree): athletes'
 * phones join their lanes, taps count reps through session_tap only while a set runs, a stop button
 * stops that lane through session_stop_lane (the trainer's rule), and each phone is told its target,
 * reps and, after a stop, to remove the wrap now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "room.h"
#include "room_session.h"
#include "session.h"

static RoomResponse res;

static int call(Room *r, const char *path, const char *token, const char *body, uint64_t client)
{
    RoomRequest q = {.method = strcmp(path, "/api/state") == 0 ? "GET" : "POST",
                     .path = path,
                     .token = token,
                     .body = body,
                     .body_len = body ? strlen(body) : 0,
                     .client = client,
                     .now = 1};
    room_handle(r, &q, &res);
    return res.status;
}

static void join(Room *r, const char *name, char tok[ROOM_TOKEN_LEN + 1], uint64_t client)
{
    char body[128];
    snprintf(body, sizeof body, "{\"code\":\"2222\",\"name\":\"%s\"}", name);
    assert_int_equal(call(r, "/api/join", NULL, body, client), 200);
    const char *t = strstr(res.body, "\"token\":\"");
    assert_non_null(t);
    memcpy(tok, t + 9, ROOM_TOKEN_LEN);
    tok[ROOM_TOKEN_LEN] = '\0';
}

static void test_lanes_on_the_engine(void **state)
{
    (void)state;
    static Room r;
    static Session s;
    uint8_t seed[32] = {7};
    assert_int_equal(room_init(&r, "2222", seed, NULL, 0), 0);
    SessionProtocol plan;
    session_protocol_default(&plan);
    SessionConfig cfg;
    session_config_default(&cfg, &plan, 2);
    snprintf(cfg.lane[0].name, sizeof cfg.lane[0].name, "Ann");
    snprintf(cfg.lane[1].name, sizeof cfg.lane[1].name, "Bob");
    char err[256] = "";
    assert_int_equal(session_init(&s, &cfg, err, sizeof err), 0);

    room_session_apply(&r, &s);
    assert_int_equal(r.mode, ROOM_MODE_SESSION);
    assert_int_equal(r.nlanes, 2);
    char ann[ROOM_TOKEN_LEN + 1], bob[ROOM_TOKEN_LEN + 1];
    join(&r, "ann", ann, 1); /* the lane's name takes the lane */
    join(&r, "Bob", bob, 2);
    assert_int_equal(r.people[0].lane, 0);
    assert_int_equal(r.people[1].lane, 1);

    /* a tap before the set counts nothing */
    assert_int_equal(call(&r, "/api/tap", ann, "{}", 1), 200);
    assert_int_equal(room_session_apply(&r, &s), 0);
    assert_int_equal(session_lane_reps(&s, 0), 0);

    /* screening, wraps on and checked, the 3-2-1: the first set runs */
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < SCREEN_ITEM_COUNT; i++)
            assert_true(session_screen_answer(&s, l, (ScreenItem)i, false));
    assert_true(session_begin_wrap(&s));
    for (int l = 0; l < 2; l++) {
        assert_true(session_wrap_placed(&s, l));
        assert_true(session_tightness_check(&s, l, false, false));
    }
    session_step(&s, 3.0);
    assert_int_equal(session_phase(&s), SESSION_SET);

    for (int i = 0; i < 3; i++)
        assert_int_equal(call(&r, "/api/tap", ann, "{}", 1), 200);
    assert_int_equal(call(&r, "/api/tap", bob, "{}", 2), 200);
    assert_int_equal(room_session_apply(&r, &s), 4);
    assert_int_equal(session_lane_reps(&s, 0), 3);
    assert_int_equal(session_lane_reps(&s, 1), 1);
    assert_int_equal(call(&r, "/api/state", ann, NULL, 1), 200);
    assert_non_null(strstr(res.body, "\"done\":3"));

    /* Bob feels numbness: his lane stops by the engine's rule, and his phone says to remove the wrap */
    assert_int_equal(call(&r, "/api/stop", bob, "{\"reason\":\"numbness\"}", 2), 200);
    assert_int_equal(room_session_apply(&r, &s), 1);
    assert_int_equal(session_lane_status(&s, 1), LANE_STOPPED);
    assert_int_equal(session_lane_stop_reason(&s, 1), SESSION_STOP_NUMBNESS);
    assert_int_equal(session_lane_instruction(&s, 1), INSTR_REMOVE_WRAP_NOW);
    assert_int_equal(call(&r, "/api/state", bob, NULL, 2), 200);
    assert_non_null(strstr(res.body, "\"stopped\":true"));
    assert_non_null(strstr(res.body, "Remove the wrap now"));
    /* his taps no longer count; Ann's still do */
    assert_int_equal(call(&r, "/api/tap", bob, "{}", 2), 200);
    assert_int_equal(call(&r, "/api/tap", ann, "{}", 1), 200);
    assert_int_equal(room_session_apply(&r, &s), 1);
    assert_int_equal(session_lane_reps(&s, 1), 1);
    assert_int_equal(session_lane_reps(&s, 0), 4);
    assert_int_equal(session_lane_status(&s, 0), LANE_ACTIVE);
}

static void test_reasons_map(void **state)
{
    (void)state;
    assert_int_equal(room_session_reason(ROOM_STOP_PAIN), SESSION_STOP_PAIN);
    assert_int_equal(room_session_reason(ROOM_STOP_NUMBNESS), SESSION_STOP_NUMBNESS);
    assert_int_equal(room_session_reason(ROOM_STOP_DIZZINESS), SESSION_STOP_DIZZINESS);
    assert_int_equal(room_session_reason(ROOM_STOP_OTHER), SESSION_STOP_OTHER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lanes_on_the_engine),
        cmocka_unit_test(test_reasons_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
