/* The command line's contract, on the real binary:
 *   occlusion-coach --headless --scene academy --classroom --room --room-port P --room-code 1234 --frames N
 * serves the page at GET / and refuses a join with a wrong code with HTTP 403; headless keeps running
 * frames while it serves, and the port is closed when the game ends. Loopback only (--room-bind), port
 * 18780 (or the next free one up to 18799). */
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "room_client.h"

extern char **environ;
static const char *binary;
static const char *outdir;

static pid_t launch(int port, const char *frames, const char *datadir)
{
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    char *argv[] = {(char *)binary, "--headless", "--scene", "academy", "--classroom", "--room", "--room-port", portstr,
                    "--room-code", "1234", "--room-bind", "127.0.0.1", "--frames", (char *)frames, "--data-dir",
                    (char *)datadir, NULL};
    pid_t pid;
    if (posix_spawn(&pid, binary, NULL, NULL, argv, environ) != 0)
        return -1;
    return pid;
}

static void test_contract(void **state)
{
    (void)state;
    char datadir[512];
    snprintf(datadir, sizeof datadir, "%s/room-cli-data", outdir);
    int port = 0;
    pid_t pid = -1;
    /* a port someone else holds is skipped */
    for (int p = 18780; p <= 18799 && !port; p++) {
        if (rc_port_open(p))
            continue;
        pid = launch(p, "600", datadir); /* 600 frames = 10 s at the headless room's 60 frames/s: room for a slow start on a loaded machine */
        assert_true(pid > 0);
        for (int i = 0; i < 100 && !port; i++) {
            usleep(50 * 1000);
            if (rc_port_open(p))
                port = p;
            int st;
            if (waitpid(pid, &st, WNOHANG) == pid) {
                pid = -1;
                break;
            }
        }
        if (!port && pid > 0) { /* it could not listen there: try the next */
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
            pid = -1;
        }
    }
    assert_true(port > 0);
    char body[70000];
    double t0 = rc_now();
    assert_int_equal(rc_request(port, "GET", "/", NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "<title>Occlusion Coach"));
    assert_int_equal(rc_request(port, "POST", "/api/join", NULL, "{\"code\":\"4321\",\"name\":\"Eve\"}", body, sizeof body),
                     403);
    char tok[40];
    assert_int_equal(rc_join(port, "1234", "Ann", tok), 200);
    assert_int_equal(rc_request(port, "GET", "/api/state", tok, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"mode\":\"quiz\""));
    /* it is still running frames while serving (the room is not a blocking loop) */
    int st = 0;
    assert_int_equal(waitpid(pid, &st, WNOHANG), 0);
    /* and it ends by itself after its frames, closing the port */
    assert_int_equal(waitpid(pid, &st, 0), pid);
    double ran = rc_now() - t0;
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    assert_false(rc_port_open(port));
    printf("600 headless frames with the room on took %.1f s after the first request\n", ran);
    assert_true(ran > 2.0); /* paced at 60 frames a second, not spinning through them */
}

/* The group Session with phones: an athlete's phone joins its lane by name, sees its lane, and a stop
 * with a reason stops that lane through the engine, which then tells the phone to remove the wrap. */
static void test_session_lane_stop(void **state)
{
    (void)state;
    char datadir[512];
    snprintf(datadir, sizeof datadir, "%s/room-cli-session-data", outdir);
    int port = 0;
    pid_t pid = -1;
    for (int p = 18799; p >= 18780 && !port; p--) {
        if (rc_port_open(p))
            continue;
        char portstr[16];
        snprintf(portstr, sizeof portstr, "%d", p);
        char *argv[] = {(char *)binary, "--headless", "--scene", "session", "--athletes", "2", "--autoplay",
                        "--time-scale", "5", "--room", "--room-port", portstr, "--room-code", "1234", "--room-bind",
                        "127.0.0.1", "--frames", "3600", "--data-dir", datadir, NULL};
        assert_int_equal(posix_spawn(&pid, binary, NULL, NULL, argv, environ), 0);
        for (int i = 0; i < 100 && !port; i++) {
            usleep(50 * 1000);
            if (rc_port_open(p))
                port = p;
        }
        if (!port) {
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
            pid = -1;
        }
    }
    assert_true(port > 0);
    char tok[40], body[20000];
    assert_int_equal(rc_join(port, "1234", "Athlete 2", tok), 200); /* the lane's name takes the lane */
    bool lane = false;
    for (int i = 0; i < 300 && !lane; i++) { /* generous: a loaded machine starts the game slowly */
        usleep(50 * 1000);
        lane = rc_request(port, "GET", "/api/state", tok, NULL, body, sizeof body) == 200 &&
               strstr(body, "\"lane\":{\"i\":1") != NULL;
    }
    assert_true(lane);
    assert_non_null(strstr(body, "\"mode\":\"session\""));
    assert_int_equal(rc_request(port, "POST", "/api/stop", tok, "{\"reason\":\"pain\"}", body, sizeof body), 200);
    bool stopped = false;
    for (int i = 0; i < 300 && !stopped; i++) {
        usleep(100 * 1000);
        stopped = rc_request(port, "GET", "/api/state", tok, NULL, body, sizeof body) == 200 &&
                  strstr(body, "\"stopped\":true") && strstr(body, "Remove the wrap now");
    }
    if (!stopped)
        fail_msg("the lane was not stopped: %.600s", body);
    kill(pid, SIGTERM);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_false(rc_port_open(port));
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_room_cli BINARY OUTDIR\n");
        return 2;
    }
    binary = argv[1];
    outdir = argv[2];
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_contract), cmocka_unit_test(test_session_lane_stop)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
