/* The room's core (src/room.c): codes, tokens, routes, refusals, answers counted once, leaderboard,
 * lane commands, rate limits. No network: requests are handed in as the server glue would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "room.h"

static Room *room_new(void)
{
    Room *r = calloc(1, sizeof *r);
    uint8_t seed[32];
    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)(i * 37 + 11);
    char err[200];
    assert_int_equal(room_init(r, "1234", seed, err, sizeof err), 0);
    return r;
}

static RoomResponse res;

static int call(Room *r, const char *method, const char *path, const char *token, const char *body, double now,
                uint64_t client)
{
    RoomRequest q = {.method = method,
                     .path = path,
                     .token = token,
                     .body = body,
                     .body_len = body ? strlen(body) : 0,
                     .client = client,
                     .now = now};
    room_handle(r, &q, &res);
    return res.status;
}

/* Joins and returns the token (static buffer per call site copy). */
static void join(Room *r, const char *name, char tok[ROOM_TOKEN_LEN + 1], double now, uint64_t client)
{
    char body[200];
    snprintf(body, sizeof body, "{\"code\":\"1234\",\"name\":\"%s\"}", name);
    assert_int_equal(call(r, "POST", "/api/join", NULL, body, now, client), 200);
    const char *t = strstr(res.body, "\"token\":\"");
    assert_non_null(t);
    memcpy(tok, t + 9, ROOM_TOKEN_LEN);
    tok[ROOM_TOKEN_LEN] = '\0';
}

static Question choice_question(void)
{
    Question q;
    memset(&q, 0, sizeof q);
    snprintf(q.id, sizeof q.id, "c1");
    q.kind = Q_CHOICE;
    snprintf(q.prompt, sizeof q.prompt, "Where does the band go?");
    snprintf(q.explain, sizeof q.explain, "High on the limb.");
    q.noptions = 3;
    snprintf(q.options[0], sizeof q.options[0], "On the elbow");
    snprintf(q.options[1], sizeof q.options[1], "High on the upper arm");
    snprintf(q.options[2], sizeof q.options[2], "On the wrist");
    q.answer = 1;
    q.points = 10;
    q.seconds = 20;
    return q;
}

static Level one_level(const Question *q)
{
    Level lv;
    memset(&lv, 0, sizeof lv);
    snprintf(lv.id, sizeof lv.id, "test-level");
    snprintf(lv.title, sizeof lv.title, "Test level");
    lv.pass_percent = 60;
    lv.nquestions = 1;
    lv.questions[0] = *q;
    return lv;
}

static void ask(Room *r, const Question *q, double now)
{
    int perm[AC_MAX_OPTIONS] = {2, 0, 1, 3, 4};
    room_quiz_ask(r, q, 0, perm, NULL, now, 20);
}

/* ---------------- tests ---------------- */

static void test_codes(void **state)
{
    (void)state;
    assert_true(room_code_valid("1234"));
    assert_true(room_code_valid("0000"));
    assert_false(room_code_valid("123"));
    assert_false(room_code_valid("12345"));
    assert_false(room_code_valid("12a4"));
    assert_false(room_code_valid(""));
    assert_false(room_code_valid(NULL));
    char c[5];
    room_code_from(42, c);
    assert_string_equal(c, "0042");
    room_code_from(123456789, c);
    assert_string_equal(c, "6789");
    Room *r = calloc(1, sizeof *r);
    uint8_t seed[32] = {0};
    char err[200];
    assert_int_equal(room_init(r, "12x4", seed, err, sizeof err), -1);
    assert_non_null(strstr(err, "4 digits"));
    free(r);
}

/* The reference vector from the SipHash paper (key 00..0f, message 00..0e). */
static void test_siphash_vector(void **state)
{
    (void)state;
    uint64_t key[2] = {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
    uint8_t msg[15];
    for (int i = 0; i < 15; i++)
        msg[i] = (uint8_t)i;
    assert_true(room_siphash(key, msg, 15) == 0xa129ca6149be45e5ull);
}

static void test_join_needs_the_code(void **state)
{
    (void)state;
    Room *r = room_new();
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"9999\",\"name\":\"Ann\"}", 1, 1), 403);
    assert_non_null(strstr(res.body, "code"));
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"name\":\"Ann\"}", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":1234,\"name\":\"Ann\"}", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\"}", 1, 1), 400);
    assert_int_equal(room_people(r), 0);
    char a[ROOM_TOKEN_LEN + 1], b[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    join(r, "Bob", b, 1, 1);
    assert_int_equal(room_people(r), 2);
    assert_int_equal((int)strspn(a, "0123456789abcdef"), ROOM_TOKEN_LEN);
    assert_string_not_equal(a, b);
    free(r);
}

static void test_wrong_codes_lock_out(void **state)
{
    (void)state;
    Room *r = room_new();
    for (int i = 0; i < 5; i++)
        assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"0000\",\"name\":\"Eve\"}", 1 + i * 0.1, 7),
                         403);
    /* now even the right code waits */
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Eve\"}", 2, 7), 429);
    assert_non_null(strstr(res.body, "wait"));
    /* another device is not affected */
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Ann\"}", 2, 8), 200);
    /* after the wait it works */
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Eve\"}", 40, 7), 200);
    free(r);
}

static void test_tokens_required(void **state)
{
    (void)state;
    Room *r = room_new();
    char a[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    assert_int_equal(call(r, "GET", "/api/state", NULL, NULL, 1, 1), 401);
    assert_int_equal(call(r, "GET", "/api/state", "0123456789abcdef0123456789abcdef", NULL, 1, 1), 401);
    assert_int_equal(call(r, "GET", "/api/state", "short", NULL, 1, 1), 401);
    char longer[ROOM_TOKEN_LEN + 2];
    snprintf(longer, sizeof longer, "%sx", a);
    assert_int_equal(call(r, "GET", "/api/state", longer, NULL, 1, 1), 401);
    assert_int_equal(call(r, "POST", "/api/answer", NULL, "{\"seq\":1,\"choice\":0}", 1, 1), 401);
    assert_int_equal(call(r, "POST", "/api/tap", "nope", "{}", 1, 1), 401);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 1, 1), 200);
    assert_non_null(strstr(res.body, "\"name\":\"Ann\""));
    /* the event stream takes the token from ?t= */
    RoomRequest q = {.method = "GET", .path = "/api/events", .query = NULL, .client = 1, .now = 1};
    room_handle(r, &q, &res);
    assert_int_equal(res.status, 401);
    char query[64];
    snprintf(query, sizeof query, "t=%s", a);
    q.query = query;
    room_handle(r, &q, &res);
    assert_int_equal(res.status, 200);
    assert_int_equal(res.kind, ROOM_REPLY_EVENTS);
    assert_int_equal(res.person, 0);
    /* leaving ends the token */
    assert_int_equal(call(r, "POST", "/api/leave", a, "{}", 1, 1), 200);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 1, 1), 401);
    free(r);
}

static void test_routes(void **state)
{
    (void)state;
    Room *r = room_new();
    assert_int_equal(call(r, "GET", "/", NULL, NULL, 1, 1), 200);
    assert_int_equal(res.kind, ROOM_REPLY_ASSET);
    assert_string_equal(res.asset, "index.html");
    assert_int_equal(call(r, "GET", "/room.js", NULL, NULL, 1, 1), 200);
    assert_string_equal(res.asset, "room.js");
    assert_non_null(strstr(res.content_type, "javascript"));
    const char *bad[] = {"/../etc/passwd", "/etc/passwd", "/room.js/", "/ROOM.JS", "//room.js", "/room.js%00",
                         "/api/", "/api", "/api/join/x", "/index.htm", "", "/assets/web/room.js"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(call(r, "GET", bad[i], NULL, NULL, 1, 1), 404);
        assert_int_equal(res.kind, ROOM_REPLY_JSON);
    }
    assert_int_equal(call(r, "POST", "/", NULL, "{}", 1, 1), 405);
    assert_int_equal(call(r, "DELETE", "/api/join", NULL, NULL, 1, 1), 405);
    assert_int_equal(call(r, "GET", "/api/join", NULL, NULL, 1, 1), 405);
    assert_int_equal(call(r, "POST", "/api/state", NULL, "{}", 1, 1), 405);
    char longpath[400];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[0] = '/';
    longpath[sizeof longpath - 1] = '\0';
    assert_int_equal(call(r, "GET", longpath, NULL, NULL, 1, 1), 414);
    char *huge = malloc(ROOM_MAX_BODY + 10);
    memset(huge, ' ', ROOM_MAX_BODY + 9);
    huge[ROOM_MAX_BODY + 9] = '\0';
    assert_int_equal(call(r, "POST", "/api/join", NULL, huge, 1, 1), 413);
    free(huge);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "not json", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "[1,2]", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"A\"", 1, 1), 400);
    free(r);
}

static void test_names(void **state)
{
    (void)state;
    char out[ROOM_NAME_MAX], err[200];
    assert_int_equal(room_name_clean("  Ann  ", 7, out, err, sizeof err), 0);
    assert_string_equal(out, "Ann");
    assert_int_equal(room_name_clean("<b>Bo</b> \"x\" & 'y'", 19, out, err, sizeof err), 0);
    assert_string_equal(out, "<b>Bo</b> \"x\" & 'y'"); /* text, kept as typed; the page never reads it as markup */
    assert_int_equal(room_name_clean("Zo\xC3\xAB \xF0\x9F\x92\xAA", 9, out, err, sizeof err), 0); /* Zoë 💪 */
    assert_int_equal(room_name_clean("", 0, out, err, sizeof err), -1);
    assert_int_equal(room_name_clean("   ", 3, out, err, sizeof err), -1);
    assert_int_equal(room_name_clean("a\nb", 3, out, err, sizeof err), -1);
    assert_non_null(strstr(err, "control"));
    assert_int_equal(room_name_clean("a\x7f", 2, out, err, sizeof err), -1);
    assert_int_equal(room_name_clean("\xC3\x28", 2, out, err, sizeof err), -1);         /* bad UTF-8 */
    assert_int_equal(room_name_clean("\xC0\xAF", 2, out, err, sizeof err), -1);         /* overlong '/' */
    assert_int_equal(room_name_clean("\xED\xA0\x80", 3, out, err, sizeof err), -1);     /* surrogate */
    assert_int_equal(room_name_clean("a\xE2\x80\xAE" "b", 5, out, err, sizeof err), -1); /* RTL override */
    assert_int_equal(room_name_clean("\xF0\x9F\x92", 3, out, err, sizeof err), -1);     /* cut short */
    char longname[60];
    memset(longname, 'x', sizeof longname);
    assert_int_equal(room_name_clean(longname, 40, out, err, sizeof err), -1);
    assert_int_equal(room_name_clean(longname, 39, out, err, sizeof err), 0);

    /* through a join: quotes and markup come back escaped as JSON text */
    Room *r = room_new();
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"<img src=x onerror=alert(1)> \\\"Q\\\"\"}", 1, 1),
                     200);
    assert_non_null(strstr(res.body, "\"name\":\"<img src=x onerror=alert(1)> \\\"Q\\\"\""));
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Ann\"}", 1, 1), 200);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"aNN\"}", 1, 1), 409);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"a\\u0000b\"}", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"\\u202Eevil\"}", 1, 1), 400);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"\\ud83d\\udcaa Max\"}", 1, 1),
                     200);
    free(r);
}

static void test_answers_counted_once(void **state)
{
    (void)state;
    Room *r = room_new();
    Question q = choice_question();
    Level lv = one_level(&q);
    char a[ROOM_TOKEN_LEN + 1], b[ROOM_TOKEN_LEN + 1], c[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    join(r, "Bob", b, 1, 2);
    join(r, "Cat", c, 1, 3);
    room_quiz_level(r, &lv);
    /* nothing open yet */
    assert_int_equal(call(r, "POST", "/api/answer", a, "{\"seq\":1,\"choice\":1}", 2, 1), 410);
    ask(r, &q, 2);
    assert_int_equal(r->tally.people, 3);
    /* the phone sees the options in the shown order, and not the answer */
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 2, 1), 200);
    assert_non_null(strstr(res.body, "\"state\":\"ask\""));
    assert_non_null(strstr(res.body, "\"options\":[{\"i\":2,\"text\":\"On the wrist\"},{\"i\":0"));
    assert_null(strstr(res.body, "right"));
    assert_null(strstr(res.body, "High on the limb"));

    char body[80];
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":1}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 3, 1), 200);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 3, 1), 409);
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":0}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 3, 1), 409); /* a change of mind is not a second vote */
    assert_int_equal(call(r, "POST", "/api/answer", b, body, 3, 2), 200);
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":3}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 3, 3), 400); /* no option 3 */
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":1.5}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 3, 3), 400);
    snprintf(body, sizeof body, "{\"seq\":%d}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 3, 3), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":1}", r->seq + 1);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 3, 3), 410); /* not this question */

    assert_int_equal(r->tally.answered, 2);
    assert_int_equal(r->tally.correct, 1);
    assert_int_equal(r->tally.by_option[1], 1);
    assert_int_equal(r->tally.by_option[0], 1);

    room_quiz_reveal(r);
    snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":1}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 4, 3), 410); /* too late */
    assert_int_equal(r->tally.answered, 2);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 4, 1), 200);
    assert_non_null(strstr(res.body, "\"correct\":true"));
    assert_non_null(strstr(res.body, "\"right\":\"High on the upper arm\""));
    assert_non_null(strstr(res.body, "High on the limb."));

    RoomRank top[8];
    int n = room_leaderboard(r, top, 8);
    assert_int_equal(n, 3);
    assert_string_equal(top[0].name, "Ann");
    assert_int_equal(top[0].points, 10);
    assert_int_equal(top[1].points, 0);
    assert_int_equal(r->people[0].level_earned, 10);
    assert_int_equal(r->people[2].level_answered, 0);
    free(r);
}

static void test_forty_phones(void **state)
{
    (void)state;
    Room *r = room_new();
    Question q = choice_question();
    Level lv = one_level(&q);
    char tok[40][ROOM_TOKEN_LEN + 1];
    for (int i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "Phone %02d", i);
        join(r, name, tok[i], 1 + i * 0.01, 0x7f000001);
    }
    room_quiz_level(r, &lv);
    ask(r, &q, 2);
    for (int i = 0; i < 40; i++) {
        char body[80];
        snprintf(body, sizeof body, "{\"seq\":%d,\"choice\":%d}", r->seq, i % 3);
        assert_int_equal(call(r, "POST", "/api/answer", tok[i], body, 2.5, 0x7f000001), 200);
    }
    assert_int_equal(r->tally.answered, 40);
    assert_int_equal(r->tally.by_option[0] + r->tally.by_option[1] + r->tally.by_option[2], 40);
    assert_int_equal(r->tally.by_option[1], 13);
    assert_int_equal(r->tally.correct, 13);
    RoomRank top[64];
    assert_int_equal(room_leaderboard(r, top, 64), 40);
    assert_int_equal(top[0].points, 10);
    assert_string_equal(top[0].name, "Phone 01");
    assert_int_equal(top[39].points, 0);
    free(r);
}

static void test_rate_limits(void **state)
{
    (void)state;
    Room *r = room_new();
    char a[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    int ok = 0, limited = 0;
    for (int i = 0; i < 40; i++) {
        int st = call(r, "GET", "/api/state", a, NULL, 1.0, 1);
        ok += st == 200;
        limited += st == 429;
    }
    assert_int_equal(ok, (int)ROOM_RATE_PERSON_BURST);
    assert_int_equal(limited, 40 - (int)ROOM_RATE_PERSON_BURST);
    /* a second later the bucket has refilled a little */
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 2.0, 1), 200);
    /* one address flooding the page is cut off too, without touching others */
    int flood = 0;
    for (int i = 0; i < 200; i++)
        flood += call(r, "GET", "/", NULL, NULL, 3.0, 99) == 429;
    assert_true(flood >= 200 - (int)ROOM_RATE_ADDR_BURST);
    assert_int_equal(call(r, "GET", "/", NULL, NULL, 3.0, 100), 200);
    /* time going backwards refills nothing */
    assert_int_equal(call(r, "GET", "/", NULL, NULL, -5.0, 99), 429);
    free(r);
}

static void test_placement_and_kinds(void **state)
{
    (void)state;
    Room *r = room_new();
    Question q;
    memset(&q, 0, sizeof q);
    q.kind = Q_PLACEMENT;
    q.points = 10;
    snprintf(q.muscle, sizeof q.muscle, "biceps");
    q.nzones = 1;
    q.zones[0].kind = SHAPE_RECT;
    q.zones[0].view = VIEW_FRONT;
    q.zones[0].v[0][0] = 0.2f;
    q.zones[0].v[0][1] = 0.2f;
    q.zones[0].v[1][0] = 0.1f;
    q.zones[0].v[1][1] = 0.05f;
    char a[ROOM_TOKEN_LEN + 1], b[ROOM_TOKEN_LEN + 1], c[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    join(r, "Bob", b, 1, 2);
    join(r, "Cat", c, 1, 3);
    room_quiz_ask(r, &q, 0, NULL, NULL, 2, 20);
    char body[120];
    snprintf(body, sizeof body, "{\"seq\":%d,\"x\":0.25,\"y\":0.22,\"view\":\"front\"}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 3, 1), 200);
    snprintf(body, sizeof body, "{\"seq\":%d,\"x\":0.25,\"y\":0.22,\"view\":\"side\"}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", b, body, 3, 2), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"x\":1.5,\"y\":0.22,\"view\":\"back\"}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", b, body, 3, 2), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"x\":0.8,\"y\":0.8,\"view\":\"back\"}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", b, body, 3, 2), 200);
    snprintf(body, sizeof body, "{\"seq\":%d,\"nowhere\":true}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", c, body, 3, 3), 200);
    assert_int_equal(r->tally.answered, 3);
    assert_int_equal(r->tally.correct, 1);
    assert_int_equal(r->tally.npoints, 2);
    assert_int_equal(r->tally.nowhere, 1);
    assert_true(r->tally.pright[0]);
    assert_false(r->tally.pright[1]);
    assert_int_equal(r->tally.pview[1], VIEW_BACK);
    /* the spot is sent to phones only once the answer is shown */
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 3, 1), 200);
    assert_null(strstr(res.body, "right_spot"));
    room_quiz_reveal(r);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 3, 1), 200);
    assert_non_null(strstr(res.body, "\"right_spot\":{\"x\":0.25,\"y\":0.225,\"view\":\"front\"}"));

    /* tightness and ordering */
    Question t;
    memset(&t, 0, sizeof t);
    t.kind = Q_TIGHTNESS;
    t.points = 5;
    t.accept_lo = 6;
    t.accept_hi = 7;
    t.best = 7;
    room_quiz_ask(r, &t, 1, NULL, NULL, 4, 20);
    snprintf(body, sizeof body, "{\"seq\":%d,\"value\":11}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 5, 1), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"value\":7}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 5, 1), 200);
    assert_int_equal(r->tally.by_value[7], 1);
    assert_int_equal(r->tally.correct, 1);

    Question o;
    memset(&o, 0, sizeof o);
    o.kind = Q_ORDER;
    o.points = 10;
    o.nsteps = 3;
    snprintf(o.steps[0], sizeof o.steps[0], "Screen");
    snprintf(o.steps[1], sizeof o.steps[1], "Wrap");
    snprintf(o.steps[2], sizeof o.steps[2], "Lift");
    int shown[AC_MAX_STEPS] = {2, 0, 1};
    room_quiz_ask(r, &o, 2, NULL, shown, 6, 20);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 6, 1), 200);
    assert_non_null(strstr(res.body, "{\"i\":2,\"text\":\"Lift\"}"));
    snprintf(body, sizeof body, "{\"seq\":%d,\"order\":[0,0,1]}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 7, 1), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"order\":[0,1]}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 7, 1), 400);
    snprintf(body, sizeof body, "{\"seq\":%d,\"order\":[0,1,2]}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", a, body, 7, 1), 200);
    snprintf(body, sizeof body, "{\"seq\":%d,\"order\":[2,1,0]}", r->seq);
    assert_int_equal(call(r, "POST", "/api/answer", b, body, 7, 2), 200);
    assert_int_equal(r->tally.correct, 1);
    assert_int_equal(r->people[0].points, 25);
    free(r);
}

static void test_lanes(void **state)
{
    (void)state;
    Room *r = room_new();
    char a[ROOM_TOKEN_LEN + 1], b[ROOM_TOKEN_LEN + 1], c[ROOM_TOKEN_LEN + 1];
    join(r, "Student", c, 1, 3);
    /* in the quiz, taps are refused */
    assert_int_equal(call(r, "POST", "/api/tap", c, "{}", 1, 3), 409);
    const char *names[] = {"Ann", "Bob"};
    room_lanes(r, 2, names);
    join(r, "ann", a, 1, 1); /* a lane's name takes that lane */
    assert_int_equal(r->people[1].lane, 0);
    join(r, "Someone", b, 1, 2);
    assert_int_equal(r->people[2].lane, -1);
    assert_int_equal(call(r, "POST", "/api/tap", b, "{}", 2, 2), 409); /* no lane yet */
    assert_int_equal(call(r, "POST", "/api/lane", b, "{\"lane\":0}", 2, 2), 409); /* Ann's */
    assert_int_equal(call(r, "POST", "/api/lane", b, "{\"lane\":5}", 2, 2), 400);
    assert_int_equal(call(r, "POST", "/api/lane", b, "{\"lane\":1}", 2, 2), 200);
    assert_int_equal(call(r, "POST", "/api/tap", a, "{}", 3, 1), 200);
    assert_int_equal(call(r, "POST", "/api/tap", b, "{}", 3, 2), 200);
    assert_int_equal(call(r, "POST", "/api/tap", a, "{}", 3.1, 1), 200);
    assert_int_equal(call(r, "POST", "/api/stop", b, "{\"reason\":\"itchy\"}", 3.2, 2), 400);
    assert_int_equal(call(r, "POST", "/api/stop", b, "{\"reason\":\"numbness\"}", 3.2, 2), 200);
    RoomCommand cmd;
    int taps[2] = {0, 0};
    int stops = 0;
    while (room_take_command(r, &cmd)) {
        if (cmd.kind == ROOM_CMD_TAP)
            taps[cmd.lane]++;
        else {
            stops++;
            assert_int_equal(cmd.lane, 1);
            assert_int_equal(cmd.reason, ROOM_STOP_NUMBNESS);
        }
    }
    assert_int_equal(taps[0], 2);
    assert_int_equal(taps[1], 1);
    assert_int_equal(stops, 1);
    /* the phone shows its own lane */
    RoomLaneStatus st = {.reps_target = 30, .reps_done = 12, .set_index = 1, .sets = 4, .seconds_left = 41.5};
    snprintf(st.name, sizeof st.name, "Ann");
    snprintf(st.phase, sizeof st.phase, "set");
    uint64_t v = r->version;
    room_lane_status(r, 0, &st);
    assert_true(r->version > v);
    v = r->version;
    st.seconds_left = 41.2; /* same whole second: no news */
    room_lane_status(r, 0, &st);
    assert_true(r->version == v);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 4, 1), 200);
    assert_non_null(strstr(res.body, "\"target\":30"));
    assert_non_null(strstr(res.body, "\"done\":12"));
    assert_non_null(strstr(res.body, "\"seconds_left\":42"));
    assert_int_equal(room_stop_reason_id(ROOM_STOP_DIZZINESS)[0], 'd');
    free(r);
}

static void test_palette_follows_the_big_screen(void **state)
{
    (void)state;
    Room *r = room_new();
    char a[ROOM_TOKEN_LEN + 1];
    join(r, "Ann", a, 1, 1);
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 1, 1), 200);
    assert_non_null(strstr(res.body, "\"palette\":\"standard\""));
    uint64_t v = r->version;
    room_set_colorblind(r, true);
    assert_true(r->version > v); /* the phones' streams are woken */
    assert_int_equal(call(r, "GET", "/api/state", a, NULL, 1, 1), 200);
    assert_non_null(strstr(res.body, "\"palette\":\"colorblind\""));
    v = r->version;
    room_set_colorblind(r, true);
    assert_true(r->version == v); /* no change, no news */
    free(r);
}

static void test_room_full_and_reset(void **state)
{
    (void)state;
    Room *r = room_new();
    char tok[ROOM_TOKEN_LEN + 1];
    for (int i = 0; i < ROOM_MAX_PEOPLE; i++) {
        char name[16];
        snprintf(name, sizeof name, "P%d", i);
        join(r, name, tok, 1 + i, (uint64_t)i); /* one device each */
    }
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Late\"}", 100, 500), 503);
    assert_int_equal(call(r, "POST", "/api/leave", tok, "{}", 100, 63), 200);
    assert_int_equal(call(r, "POST", "/api/join", NULL, "{\"code\":\"1234\",\"name\":\"Late\"}", 100, 500), 200);
    room_reset_people(r);
    assert_int_equal(room_people(r), 0);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_siphash_vector),
        cmocka_unit_test(test_join_needs_the_code),
        cmocka_unit_test(test_wrong_codes_lock_out),
        cmocka_unit_test(test_tokens_required),
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_answers_counted_once),
        cmocka_unit_test(test_forty_phones),
        cmocka_unit_test(test_rate_limits),
        cmocka_unit_test(test_placement_and_kinds),
        cmocka_unit_test(test_lanes),
        cmocka_unit_test(test_palette_follows_the_big_screen),
        cmocka_unit_test(test_room_full_and_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
