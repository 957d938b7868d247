/* The room's HTTP server (game/room/room_server.c) on loopback: 40 simulated phones join and answer
 * one question (each answer counted exactly once), the page and nothing else is served, and bad input
 * (malformed requests, wrong or missing codes, huge headers and bodies, slowloris clients, hostile names)
 * is refused clearly while the server keeps serving. Ports come from 18780-18799; a port in use is
 * skipped. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "room_client.h"
#include "room_server.h"

#define PORT_LO 18780
#define PORT_HI 18799
#define PHONES 40

#if defined(__SANITIZE_ADDRESS__)
#define SLOW_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW_BUILD 1
#endif
#endif
#ifndef SLOW_BUILD
#define SLOW_BUILD 0
#endif

typedef struct Fixture {
    RoomServer *srv;
    int port;
} Fixture;

static int start(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    char err[400] = "";
    /* the test's ports rotate so a port left in TIME_WAIT by the previous case is not a problem */
    static int next = PORT_LO + 2; /* 18780 and 18781 are left to the CLI and browser tests */
    for (int tries = 0; tries <= PORT_HI - PORT_LO && !f->srv; tries++) {
        int port = next;
        next = next >= PORT_HI ? PORT_LO + 2 : next + 1;
        RoomServerConfig cfg = {.port = port,
                                .bind = "127.0.0.1",
                                .code = "4321",
                                .web_dir = OC_SOURCE_DIR "/assets/web",
                                .request_deadline_s = 3.0};
        f->srv = room_server_start(&cfg, err, sizeof err);
        f->port = port;
    }
    if (!f->srv)
        fprintf(stderr, "no free port in %d-%d: %s\n", PORT_LO, PORT_HI, err);
    assert_non_null(f->srv);
    *state = f;
    return 0;
}

static int stop(void **state)
{
    Fixture *f = *state;
    room_server_stop(f->srv);
    free(f);
    return 0;
}

static Question choice_question(void)
{
    Question q;
    memset(&q, 0, sizeof q);
    q.kind = Q_CHOICE;
    snprintf(q.prompt, sizeof q.prompt, "Where does the band go?");
    q.noptions = 3;
    snprintf(q.options[0], sizeof q.options[0], "On the elbow");
    snprintf(q.options[1], sizeof q.options[1], "High on the upper arm");
    snprintf(q.options[2], sizeof q.options[2], "On the wrist");
    q.answer = 1;
    q.points = 10;
    return q;
}

/* ---------------- the page ---------------- */

static void test_serves_the_page_only(void **state)
{
    Fixture *f = *state;
    char head[4096], body[70000];
    int fd = rc_connect(f->port, 3000);
    assert_true(fd >= 0);
    const char *req = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_true(rc_send(fd, req, strlen(req)));
    assert_int_equal(rc_read_response(fd, head, sizeof head, body, sizeof body), 200);
    close(fd);
    assert_non_null(strstr(head, "Content-Type: text/html"));
    assert_non_null(strstr(head, "Content-Security-Policy: default-src 'none'"));
    assert_non_null(strstr(head, "X-Content-Type-Options: nosniff"));
    assert_non_null(strstr(body, "<title>Occlusion Coach"));
    assert_int_equal(rc_request(f->port, "GET", "/room.js", NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "textContent"));
    assert_int_equal(rc_request(f->port, "GET", "/figure-front.png", NULL, NULL, body, sizeof body), 200);
    /* nothing else, however it is spelt */
    const char *bad[] = {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/web/room.js", "/room.js/..",
                         "/index.html/", "/web/room.css", "/.git/config", "/CMakeLists.txt", "/room.js%00.png"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fd = rc_connect(f->port, 3000);
        char raw[512];
        int n = snprintf(raw, sizeof raw, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", bad[i]);
        assert_true(rc_send(fd, raw, (size_t)n));
        int st = rc_read_response(fd, NULL, 0, body, sizeof body);
        close(fd);
        if (st != 404 && st != 400)
            fail_msg("%s answered %d", bad[i], st);
        assert_null(strstr(body, "root:"));
        assert_null(strstr(body, "cmake_minimum_required"));
    }
}

/* ---------------- 40 phones ---------------- */

typedef struct Phone {
    int port, index;
    char token[40];
    int seq;
    int answer_status, again_status;
    bool saw_question, saw_answered;
    double answered_at;
    pthread_barrier_t *ready;
} Phone;

static void *phone_run(void *arg)
{
    Phone *p = arg;
    int ev = rc_events(p->port, p->token, 5000);
    pthread_barrier_wait(p->ready); /* every phone listening */
    if (ev < 0)
        return NULL;
    char buf[20000];
    /* wait for the question to arrive by the event stream, then answer it as a phone would */
    while (!p->saw_question && rc_next_event(ev, buf, sizeof buf)) {
        const char *s = strstr(buf, "\"seq\":");
        if (strstr(buf, "\"state\":\"ask\"") && s) {
            p->seq = atoi(s + 6);
            p->saw_question = true;
        }
    }
    char json[80], body[1024];
    snprintf(json, sizeof json, "{\"seq\":%d,\"choice\":%d}", p->seq, p->index % 3);
    p->answer_status = rc_request(p->port, "POST", "/api/answer", p->token, json, body, sizeof body);
    p->answered_at = rc_now();
    p->again_status = rc_request(p->port, "POST", "/api/answer", p->token, json, body, sizeof body);
    /* the phone's own stream then says it has answered */
    while (!p->saw_answered && rc_next_event(ev, buf, sizeof buf))
        p->saw_answered = strstr(buf, "\"answered\":true") != NULL;
    close(ev);
    return NULL;
}

static void test_forty_phones(void **state)
{
    Fixture *f = *state;
    static Phone phones[PHONES];
    pthread_t th[PHONES];
    pthread_barrier_t ready;
    pthread_barrier_init(&ready, NULL, PHONES + 1);
    double t_join = rc_now();
    for (int i = 0; i < PHONES; i++) {
        phones[i] = (Phone){.port = f->port, .index = i, .ready = &ready};
        char name[32];
        snprintf(name, sizeof name, "Phone %02d", i);
        assert_int_equal(rc_join(f->port, "4321", name, phones[i].token), 200);
    }
    double joined = rc_now() - t_join;
    for (int i = 0; i < PHONES; i++)
        assert_int_equal(pthread_create(&th[i], NULL, phone_run, &phones[i]), 0);
    pthread_barrier_wait(&ready);

    Question q = choice_question();
    Room *r = room_server_lock(f->srv);
    assert_int_equal(room_people(r), PHONES);
    double asked = rc_now();
    room_quiz_ask(r, &q, 0, NULL, NULL, room_server_now(), 20);
    room_server_unlock(f->srv);

    for (int i = 0; i < PHONES; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&ready);
    double last = 0;
    for (int i = 0; i < PHONES; i++) {
        assert_true(phones[i].saw_question);
        assert_int_equal(phones[i].answer_status, 200);
        assert_int_equal(phones[i].again_status, 409);
        assert_true(phones[i].saw_answered);
        if (phones[i].answered_at - asked > last)
            last = phones[i].answered_at - asked;
    }
    r = room_server_lock(f->srv);
    RoomTally t = r->tally;
    room_server_unlock(f->srv);
    assert_int_equal(t.answered, PHONES);
    assert_int_equal(t.by_option[0], 14);
    assert_int_equal(t.by_option[1], 13);
    assert_int_equal(t.by_option[2], 13);
    assert_int_equal(t.correct, 13);
    printf("40 phones: joined in %.3f s; from the question to the last answer counted: %.3f s\n", joined, last);
    /* the bar: everyone answers one question within a second on loopback */
    assert_true(last < (SLOW_BUILD ? 3.0 : 1.0));
}

/* ---------------- bad input ---------------- */

static void assert_still_serving(int port)
{
    char body[8192];
    assert_int_equal(rc_request(port, "GET", "/room.css", NULL, NULL, body, sizeof body), 200);
}

static int raw(int port, const char *req, size_t len, char *body, size_t cap)
{
    int fd = rc_connect(port, 4000);
    assert_true(fd >= 0);
    int st = rc_send(fd, req, len) ? rc_read_response(fd, NULL, 0, body, cap) : 0;
    close(fd);
    return st;
}

static void test_bad_requests(void **state)
{
    Fixture *f = *state;
    char body[8192];
    /* malformed request lines and headers */
    const char *junk[] = {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "\x01\x02\x03\r\n\r\n",
                          "GET / HTTP/1.1\r\nHost x\r\n\r\n", "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        int st = raw(f->port, junk[i], strlen(junk[i]), body, sizeof body);
        if (!(st == 0 || (st >= 400 && st < 600)))
            fail_msg("junk %zu answered %d", i, st);
        assert_still_serving(f->port);
    }
    /* wrong, missing and malformed codes */
    assert_int_equal(rc_request(f->port, "POST", "/api/join", NULL, "{\"code\":\"1111\",\"name\":\"Eve\"}", body, sizeof body),
                     403);
    assert_non_null(strstr(body, "\"error\""));
    assert_int_equal(rc_request(f->port, "POST", "/api/join", NULL, "{\"name\":\"Eve\"}", body, sizeof body), 400);
    assert_int_equal(rc_request(f->port, "POST", "/api/join", NULL, "{code:4321}", body, sizeof body), 400);
    assert_int_equal(rc_request(f->port, "POST", "/api/join", NULL, NULL, body, sizeof body), 400);
    /* no token, a made-up token */
    assert_int_equal(rc_request(f->port, "GET", "/api/state", NULL, NULL, body, sizeof body), 401);
    assert_int_equal(rc_request(f->port, "GET", "/api/state", "ffffffffffffffffffffffffffffffff", NULL, body, sizeof body),
                     401);
    assert_int_equal(rc_request(f->port, "GET", "/api/events?t=ffffffffffffffffffffffffffffffff", NULL, NULL, body,
                                sizeof body),
                     401);
    /* a POST another site's page could make a browser send (no JSON type: no CORS preflight) */
    const char *form = "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 29\r\n\r\n"
                       "{\"code\":\"4321\",\"name\":\"Eve\"}";
    assert_int_equal(raw(f->port, form, strlen(form), body, sizeof body), 415);
    const char *notype = "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: 29\r\n\r\n"
                         "{\"code\":\"4321\",\"name\":\"Eve\"}";
    assert_int_equal(raw(f->port, notype, strlen(notype), body, sizeof body), 415);
    /* a huge body, announced */
    const char *big = "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{";
    assert_int_equal(raw(f->port, big, strlen(big), body, sizeof body), 413);
    /* a huge body, chunked (no length up front) */
    size_t n = 70000;
    char *chunked = malloc(n + 400);
    int h = snprintf(chunked, 400, "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n", n - 200);
    memset(chunked + h, 'a', n - 200);
    memcpy(chunked + h + n - 200, "\r\n0\r\n\r\n", 7);
    int st = raw(f->port, chunked, (size_t)h + n - 200 + 7, body, sizeof body);
    assert_true(st == 413 || st == 0);
    free(chunked);
    /* huge headers */
    char *hdr = malloc(40000);
    h = snprintf(hdr, 100, "GET / HTTP/1.1\r\nHost: x\r\nX-Junk: ");
    memset(hdr + h, 'b', 30000);
    memcpy(hdr + h + 30000, "\r\n\r\n", 4);
    st = raw(f->port, hdr, (size_t)h + 30004, body, sizeof body);
    assert_true(st == 431 || st == 413 || st == 400 || st == 0);
    free(hdr);
    assert_still_serving(f->port);
}

static void test_hostile_names(void **state)
{
    Fixture *f = *state;
    char tok[40], body[20000];
    /* markup, quotes and emoji are names like any other: stored as text and sent back escaped */
    assert_int_equal(rc_join(f->port, "4321", "<script>alert(1)</script>", tok), 200);
    assert_int_equal(rc_join(f->port, "4321", "O\"Brien & 'Sons'", tok), 200);
    assert_int_equal(rc_join(f->port, "4321", "Zo\xC3\xAB \xF0\x9F\x92\xAA\xF0\x9F\x8F\xBD", tok), 200);
    assert_int_equal(rc_request(f->port, "GET", "/api/state", tok, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "Zo\xC3\xAB \xF0\x9F\x92\xAA"));
    /* refused: control characters, bad UTF-8, too long, empty */
    assert_int_equal(rc_join(f->port, "4321", "a\nb", tok), 400);
    assert_int_equal(rc_join(f->port, "4321", "\xC3\x28", tok), 400);
    assert_int_equal(rc_join(f->port, "4321", "0123456789012345678901234567890123456789x", tok), 400);
    assert_int_equal(rc_join(f->port, "4321", "   ", tok), 400);
    /* the leaderboard a phone gets carries the markup as a JSON string, never as raw HTML context */
    Room *r = room_server_lock(f->srv);
    Question q = choice_question();
    room_quiz_ask(r, &q, 0, NULL, NULL, room_server_now(), 20);
    room_server_unlock(f->srv);
    assert_int_equal(rc_request(f->port, "GET", "/api/state", tok, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"name\":\"<script>alert(1)</script>\""));
    assert_non_null(strstr(body, "\"name\":\"O\\\"Brien & 'Sons'\""));
    assert_still_serving(f->port);
}

static void test_slowloris(void **state)
{
    Fixture *f = *state;
    /* a client that starts a request and goes quiet */
    int quiet = rc_connect(f->port, 15000);
    assert_true(quiet >= 0);
    const char *part = "GET / HTTP/1.1\r\nHost: x\r\n";
    assert_true(rc_send(quiet, part, strlen(part)));
    /* a client that trickles a byte every half second, never finishing */
    int drip = rc_connect(f->port, 15000);
    assert_true(drip >= 0);
    double t0 = rc_now();
    /* meanwhile the room serves everyone else */
    assert_still_serving(f->port);
    bool drip_cut = false;
    const char *slow = "POST /api/join HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    for (size_t i = 0; i < strlen(slow) && rc_now() - t0 < 12; i++) {
        if (!rc_send(drip, slow + i, 1)) {
            drip_cut = true;
            break;
        }
        char c;
        ssize_t n = recv(drip, &c, 1, MSG_DONTWAIT);
        if (n == 0) {
            drip_cut = true;
            break;
        }
        usleep(500 * 1000);
    }
    double drip_t = rc_now() - t0;
    /* the quiet one is closed too (idle timeout or the deadline, whichever first) */
    char c;
    ssize_t n = recv(quiet, &c, 1, 0);
    double quiet_t = rc_now() - t0;
    close(quiet);
    close(drip);
    printf("slowloris: trickling client cut after %.1f s, quiet client after %.1f s\n", drip_t, quiet_t);
    assert_true(drip_cut);
    assert_true(drip_t < 8.0); /* deadline 3 s here (10 s in the game) plus the watchdog's tick */
    assert_true(n <= 0);
    assert_true(quiet_t < 10.0);
    long cut = 0;
    room_server_counts(f->srv, NULL, NULL, NULL, &cut);
    assert_true(cut >= 1);
    assert_still_serving(f->port);
}

static void test_connection_limit(void **state)
{
    Fixture *f = *state;
    int fds[ROOM_CONN_PER_IP + 10];
    int opened = 0;
    for (int i = 0; i < ROOM_CONN_PER_IP + 10; i++) {
        fds[i] = rc_connect(f->port, 2000);
        opened += fds[i] >= 0;
    }
    usleep(300 * 1000);
    /* the ones over the limit are closed at once, without an answer */
    int closed = 0;
    for (int i = 0; i < ROOM_CONN_PER_IP + 10; i++) {
        if (fds[i] < 0) {
            closed++;
            continue;
        }
        char c;
        ssize_t n = recv(fds[i], &c, 1, MSG_DONTWAIT);
        if (n == 0)
            closed++;
    }
    printf("connection limit: %d opened, %d closed at once\n", opened, closed);
    assert_true(closed >= 10);
    for (int i = 0; i < ROOM_CONN_PER_IP + 10; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    usleep(300 * 1000);
    assert_still_serving(f->port);
}

static void test_stop_closes_the_port(void **state)
{
    Fixture *f = *state;
    char tok[40];
    assert_int_equal(rc_join(f->port, "4321", "Ann", tok), 200);
    int ev = rc_events(f->port, tok, 3000);
    assert_true(ev >= 0);
    char buf[8192];
    assert_true(rc_next_event(ev, buf, sizeof buf));
    double t0 = rc_now();
    room_server_stop(f->srv);
    double took = rc_now() - t0;
    f->srv = NULL;
    /* the phone's stream ends, and nothing listens any more */
    assert_false(rc_next_event(ev, buf, sizeof buf));
    close(ev);
    assert_false(rc_port_open(f->port));
    assert_true(took < 3.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_serves_the_page_only, start, stop),
        cmocka_unit_test_setup_teardown(test_forty_phones, start, stop),
        cmocka_unit_test_setup_teardown(test_bad_requests, start, stop),
        cmocka_unit_test_setup_teardown(test_hostile_names, start, stop),
        cmocka_unit_test_setup_teardown(test_slowloris, start, stop),
        cmocka_unit_test_setup_teardown(test_connection_limit, start, stop),
        cmocka_unit_test_setup_teardown(test_stop_closes_the_port, start, stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
