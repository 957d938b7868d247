/* libFuzzer target for the room's request handling (src/room.c; built with -DOC_FUZZ=ON and clang, run by
 * ./run-tests for a bounded time, sharing the budget with fuzz_levels). The input is a script of requests
 * against a room with people in it, a question open and lanes set up, so the stateful paths are reached.
 * Besides "never crash", it checks what the room promises: every reply has a known status and valid
 * JSON, and each question's tally counts each person at most once.
 *
 * Record format (repeated): op byte, token byte, time byte, then the body up to the bytes 0xFF 0xFE. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "room.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ops[][2] = {
    {"POST", "/api/join"}, {"POST", "/api/answer"}, {"GET", "/api/state"}, {"GET", "/api/events"},
    {"POST", "/api/tap"},  {"POST", "/api/stop"},   {"POST", "/api/lane"}, {"POST", "/api/leave"},
    {"GET", "/"},          {"GET", "/room.js"},     {"PUT", "/api/join"},  {"GET", "/api/../room.js"},
};

/* Every accepted answer is in the tally exactly once, and the tally adds up. */
static void check_tally(const Room *r, int accepted)
{
    if (r->tally.answered != accepted)
        abort();
    int sum = 0, values = 0;
    for (int i = 0; i < AC_MAX_OPTIONS; i++)
        sum += r->tally.by_option[i];
    for (int i = 0; i <= 10; i++)
        values += r->tally.by_value[i];
    if (sum > r->tally.answered || values > r->tally.answered || r->tally.correct > r->tally.answered ||
        r->tally.npoints + r->tally.nowhere > r->tally.answered)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Room room;
    static RoomResponse res;
    uint8_t seed[32] = {1, 2, 3};
    if (room_init(&room, "1234", seed, NULL, 0) != 0)
        abort();
    /* two people in, a question open */
    const char *join_a = "{\"code\":\"1234\",\"name\":\"Ann\"}", *join_b = "{\"code\":\"1234\",\"name\":\"Bob\"}";
    RoomRequest q = {.method = "POST", .path = "/api/join", .body = join_a, .body_len = strlen(join_a), .now = 1};
    room_handle(&room, &q, &res);
    q.body = join_b;
    q.body_len = strlen(join_b);
    q.client = 2;
    room_handle(&room, &q, &res);
    char tok[2][ROOM_TOKEN_LEN + 1];
    memcpy(tok[0], room.people[0].token, sizeof tok[0]);
    memcpy(tok[1], room.people[1].token, sizeof tok[1]);

    Question qu;
    memset(&qu, 0, sizeof qu);
    size_t kind = size ? data[0] % 6 : 0;
    qu.kind = (QuestionKind)kind;
    qu.points = 10;
    qu.noptions = 3;
    qu.answer = 1;
    qu.nsteps = 3;
    qu.accept_lo = 6;
    qu.accept_hi = 7;
    qu.nzones = 1;
    qu.zones[0].kind = SHAPE_ELLIPSE;
    qu.zones[0].v[0][0] = 0.3f;
    qu.zones[0].v[0][1] = 0.3f;
    qu.zones[0].v[1][0] = 0.1f;
    qu.zones[0].v[1][1] = 0.1f;
    for (int i = 0; i < 3; i++) {
        snprintf(qu.options[i], sizeof qu.options[i], "option %d", i);
        snprintf(qu.steps[i], sizeof qu.steps[i], "step %d", i);
    }
    bool session = size > 1 && (data[1] & 1);
    if (session) {
        const char *names[] = {"Ann", "Cy"};
        room_lanes(&room, 2, names);
    } else {
        room_quiz_ask(&room, &qu, 0, NULL, NULL, 1, 20);
    }

    double now = 2;
    int accepted = 0;
    size_t i = size > 2 ? 2 : size;
    while (i + 3 <= size) {
        uint8_t op = data[i], tk = data[i + 1], dt = data[i + 2];
        i += 3;
        size_t start = i;
        while (i + 1 < size && !(data[i] == 0xff && data[i + 1] == 0xfe))
            i++;
        if (i + 1 >= size)
            i = size;
        size_t len = i - start;
        i = i + 2 <= size ? i + 2 : size;
        now += dt / 64.0;

        char body[ROOM_MAX_BODY + 64];
        if (len > sizeof body)
            len = sizeof body;
        memcpy(body, data + start, len);
        char query[80] = "", rawtok[ROOM_TOKEN_LEN + 8] = "";
        const char *token = NULL;
        if ((tk & 3) == 1 || (tk & 3) == 2)
            token = tok[(tk & 3) - 1];
        else if ((tk & 3) == 3) {
            size_t n = len < sizeof rawtok - 1 ? len : sizeof rawtok - 1;
            memcpy(rawtok, body, n);
            rawtok[n] = '\0';
            token = rawtok;
        }
        if (tk & 4 && token) {
            snprintf(query, sizeof query, "t=%s", token);
            token = NULL;
        }
        const char *const *o = ops[op % (sizeof ops / sizeof ops[0])];
        RoomRequest rq = {.method = o[0],
                          .path = o[1],
                          .query = query[0] ? query : NULL,
                          .token = token,
                          .body = body,
                          .body_len = len,
                          .client = tk >> 4,
                          .now = now};
        room_handle(&room, &rq, &res);
        int st = res.status;
        if (st != 200 && st != 400 && st != 401 && st != 403 && st != 404 && st != 405 && st != 409 && st != 410 &&
            st != 413 && st != 414 && st != 429 && st != 503)
            abort();
        if (res.kind == ROOM_REPLY_JSON) {
            if (res.len != strlen(res.body))
                abort();
            cJSON *doc = cJSON_ParseWithLength(res.body, res.len);
            if (!doc)
                abort();
            cJSON_Delete(doc);
        }
        if (res.kind == ROOM_REPLY_ASSET && (!res.asset || strchr(res.asset, '/')))
            abort();
        if (op % (sizeof ops / sizeof ops[0]) == 1 && st == 200)
            accepted++;
        check_tally(&room, accepted);
        /* the big screen moves on now and then */
        if (op == 0x7f)
            room_quiz_reveal(&room);
        RoomCommand cmd;
        while (room_take_command(&room, &cmd))
            if (cmd.lane < 0 || cmd.lane >= room.nlanes)
                abort();
    }
    char state[ROOM_RESP_MAX];
    for (int p = -1; p < room.npeople; p++) {
        size_t n = room_state_json(&room, p, now, state, sizeof state);
        cJSON *doc = cJSON_ParseWithLength(state, n);
        if (!doc)
            abort();
        cJSON_Delete(doc);
    }
    return 0;
}
