/* End to end in a real browser: the game runs here, in-process and headless, with the Academy's
 * classroom view and the room on (loopback only); a phone is Debian's chromium driven by puppeteer-core
 * (room_phone.mjs). The phone joins, answers the question on the big screen and counts reps in a lane;
 * this side checks what the big screen shows (its room panel's state and pixels of the QR code) and
 * what reached the lane. The lanes are played by a stand-in here (the page's flow is what this test is
 * for); test_room_session and test_room_cli drive the real Session engine from phones.
 *
 * Skips (exit 77) when node, chromium or tests/browser/node_modules are missing: ./run-tests installs
 * them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "room_ui.h"
#include "soft_check.h"
#include "test_app.h"

extern char **environ;

#define PORT_LO 18781
#define PORT_HI 18799
#define CODE "2468"

static int failures;

typedef struct Phone {
    pid_t pid;
    int to, from; /* pipes: our writes -> its stdin, its stdout -> our reads */
    char buf[4096];
    size_t len;
} Phone;

static bool spawn_phone(Phone *ph, const char *node, const char *script, int port, const char *outdir)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out))
        return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    char *argv[] = {(char *)node, (char *)script, portstr, (char *)CODE, (char *)outdir, NULL};
    int rc = posix_spawn(&ph->pid, node, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    if (rc != 0)
        return false;
    ph->to = in[1];
    ph->from = out[0];
    fcntl(ph->from, F_SETFL, O_NONBLOCK);
    return true;
}

static void tell(Phone *ph, const char *line)
{
    char l[64];
    int n = snprintf(l, sizeof l, "%s\n", line);
    if (write(ph->to, l, (size_t)n) != n)
        fprintf(stderr, "could not tell the phone '%s'\n", line);
}

/* The next line from the phone, running game frames (at 60 per second) while waiting. */
static bool hear(App *app, Phone *ph, char *line, size_t cap, double seconds, void (*each_frame)(App *))
{
    for (int f = 0; f < (int)(seconds * 60); f++) {
        char *nl = memchr(ph->buf, '\n', ph->len);
        if (nl) {
            size_t n = (size_t)(nl - ph->buf);
            snprintf(line, cap, "%.*s", (int)n, ph->buf);
            memmove(ph->buf, nl + 1, ph->len - n - 1);
            ph->len -= n + 1;
            fprintf(stderr, "phone: %s\n", line);
            return true;
        }
        ssize_t got = read(ph->from, ph->buf + ph->len, sizeof ph->buf - 1 - ph->len);
        if (got > 0) {
            ph->len += (size_t)got;
            continue;
        }
        if (got == 0)
            return false; /* the phone quit */
        test_frame(app);
        if (each_frame)
            each_frame(app);
        SDL_Delay(16);
    }
    return false;
}

/* ---- a stand-in for the Session's lanes: what session_tap / session_stop_lane will do ---- */
static int reps[2], stops, stop_lane = -1;
static RoomStopReason stop_reason;

static void lanes_frame(App *app)
{
    RoomServer *srv = room_ui_server(app);
    if (!srv)
        return;
    Room *r = room_server_lock(srv);
    RoomCommand c;
    while (room_take_command(r, &c)) {
        if (c.kind == ROOM_CMD_TAP && c.lane >= 0 && c.lane < 2 && stop_lane != c.lane)
            reps[c.lane]++;
        else if (c.kind == ROOM_CMD_STOP) {
            stops++;
            stop_lane = c.lane;
            stop_reason = c.reason;
        }
    }
    for (int l = 0; l < 2; l++) {
        RoomLaneStatus st = {.reps_target = 15, .reps_done = reps[l], .set_index = 2, .sets = 4, .seconds_left = -1};
        snprintf(st.name, sizeof st.name, "%s", l ? "Bob" : "Ann");
        snprintf(st.phase, sizeof st.phase, "%s", stop_lane == l ? "stopped" : "set");
        st.stopped = stop_lane == l;
        if (st.stopped)
            snprintf(st.message, sizeof st.message, "Remove the wrap now (%s)", room_stop_reason_id(stop_reason));
        room_lane_status(r, l, &st);
    }
    room_server_unlock(srv);
}

/* Pure black and pure white pixels in a rectangle of the canvas: the QR code is there. */
static void count_qr_pixels(App *app, LRect lr, int *black, int *white)
{
    SDL_Surface *s = app->canvas;
    int x, y, w, h;
    layout_to_px(&app->frame, lr, &x, &y, &w, &h);
    *black = *white = 0;
    SDL_LockSurface(s);
    for (int j = y; j < y + h && j < s->h; j++)
        for (int i = x; i < x + w && i < s->w; i++) {
            Uint32 px = ((Uint32 *)((Uint8 *)s->pixels + j * s->pitch))[i];
            Uint8 r, g, b;
            SDL_GetRGB(px, s->format, &r, &g, &b);
            *black += r == 0 && g == 0 && b == 0;
            *white += r == 255 && g == 255 && b == 255;
        }
    SDL_UnlockSurface(s);
}

int main(int argc, char **argv)
{
    const char *outdir = argc > 1 ? argv[1] : ".";
    const char *node = "/usr/bin/node";
    const char *script = OC_SOURCE_DIR "/tests/browser/room_phone.mjs";
    struct stat st;
    if (stat(node, &st) != 0 || stat("/usr/bin/chromium", &st) != 0 ||
        stat(OC_SOURCE_DIR "/tests/browser/node_modules/puppeteer-core/package.json", &st) != 0) {
        fprintf(stderr, "skipped: needs node, chromium and tests/browser/node_modules (./run-tests installs them)\n");
        return 77;
    }
    signal(SIGPIPE, SIG_IGN);
    App *app = test_app_start("room-browser", 1920, 1080, true);
    if (!app)
        return 1;
    app->opt.classroom = true;
    app->opt.room_code[0] = '\0';
    snprintf(app->opt.room_code, sizeof app->opt.room_code, CODE);
    snprintf(app->opt.room_bind, sizeof app->opt.room_bind, "127.0.0.1");
    app_push(app, scene_create(SCENE_ACADEMY));
    test_frame(app);
    int port = 0;
    for (int p = PORT_LO; p <= PORT_HI && !port; p++) {
        app->opt.room_port = p;
        if (room_ui_start(app))
            port = p;
    }
    CHECK(port, "the room did not start on any port %d-%d", PORT_LO, PORT_HI);
    if (!port) {
        test_app_stop(app);
        return 1;
    }
    test_frame(app);
    CHECK(strcmp(app_top_name(app), "academy") == 0, "expected the Academy, got %s", app_top_name(app));

    Phone ph = {0};
    CHECK(spawn_phone(&ph, node, script, port, outdir), "cannot start node");
    char line[512];
    bool heard = hear(app, &ph, line, sizeof line, 40, NULL);
    CHECK(heard && strcmp(line, "JOINED") == 0, "phone did not join: %s", heard ? line : "(silence)");
    for (int i = 0; i < 3; i++)
        test_frame(app);
    CHECK(room_ui_view(app)->people == 1, "big screen: %d people in, expected 1", room_ui_view(app)->people);

    /* the teacher starts the first level in classroom view: the question goes to the phone */
    test_key(app, SDLK_RETURN, 0);
    test_frame(app);
    CHECK(strcmp(app_top_name(app), "quiz") == 0, "expected the quiz, got %s", app_top_name(app));
    tell(&ph, "ASKING");
    heard = hear(app, &ph, line, sizeof line, 30, NULL);
    CHECK(heard && strncmp(line, "REVEALED", 8) == 0, "phone did not see the answer: %s", heard ? line : "(silence)");
    for (int i = 0; i < 3; i++)
        test_frame(app);
    const RoomView *v = room_ui_view(app);
    CHECK(v->revealed, "big screen: the answer is not shown");
    CHECK(v->tally.answered == 1 && v->tally.people == 1, "big screen: %d of %d answered, expected 1 of 1",
          v->tally.answered, v->tally.people);
    bool right = strstr(line, " right") != NULL;
    CHECK(v->tally.correct == (right ? 1 : 0), "big screen: %d right, the phone says %s", v->tally.correct, line);
    CHECK(v->nboard == 1 && strcmp(v->board[0].name, "<img src=x onerror=pwned=1>Zo\xC3\xAB\"\xF0\x9F\x92\xAA") == 0,
          "big screen leaderboard: %s", v->nboard ? v->board[0].name : "(empty)");
    /* the QR code is drawn in the room panel, black on white */
    int black = 0, white = 0;
    count_qr_pixels(app, (LRect){app->frame.lw - 520 + 10, 140, 300, 330}, &black, &white);
    CHECK(black > 2000 && white > 2000, "QR code pixels: %d black, %d white", black, white);
    char shot[1024], err[256];
    snprintf(shot, sizeof shot, "%s/room-bigscreen-reveal.png", outdir);
    CHECK(app_screenshot(app, shot, err, sizeof err) == 0, "screenshot: %s", err);

    /* the group session: two lanes; the phone takes the second and counts reps, then stops */
    app_pop(app);
    test_frame(app);
    RoomServer *srv = room_ui_server(app);
    Room *r = room_server_lock(srv);
    const char *names[] = {"Ann", "Bob"};
    room_lanes(r, 2, names);
    room_server_unlock(srv);
    tell(&ph, "LANES");
    heard = hear(app, &ph, line, sizeof line, 30, lanes_frame);
    CHECK(heard && strcmp(line, "TAPPED 3") == 0, "phone did not count reps: %s", heard ? line : "(silence)");
    CHECK(reps[1] == 3 && reps[0] == 0, "lanes got %d and %d reps, expected 0 and 3", reps[0], reps[1]);
    heard = hear(app, &ph, line, sizeof line, 30, lanes_frame);
    CHECK(heard && strcmp(line, "STOPPED") == 0, "phone did not stop: %s", heard ? line : "(silence)");
    CHECK(stops == 1 && stop_lane == 1 && stop_reason == ROOM_STOP_PAIN, "stop: %d stops, lane %d, reason %d", stops,
          stop_lane, (int)stop_reason);

    int status = 0;
    waitpid(ph.pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the phone script failed (status %d)", status);
    close(ph.to);
    close(ph.from);
    /* leaving the Academy switches the room off */
    app_pop(app);
    test_frame(app);
    test_frame(app);
    CHECK(!room_ui_on(app), "the room is still on after leaving the Academy");
    test_app_stop(app);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    else
        printf("browser: joined, answered, 3 reps and a stop reached the big screen\n");
    return failures ? 1 : 0;
}
