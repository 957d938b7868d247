/* The room's latency on loopback: from a phone's answer leaving the phone to the big screen showing the
 * new count. The real game runs here, headless at 60 frames a second (as a window would when something
 * changes), in the Academy's classroom view with the room on; 40 phones join over HTTP, and one answer
 * at a time is sent; the time is taken when the frame that draws the new count has been drawn. The HTTP
 * round trip alone (answer sent -> 200 received) is reported beside it as the floor.
 *
 *   bench_room [--json] [--rounds N]     (N questions of 40 answers each; default 5) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app.h"
#include "oc_util.h"
#include "room_client.h"
#include "room_ui.h"

#define PHONES 40
#define PORT_LO 18790
#define PORT_HI 18799
#define CODE "1357"


typedef struct Shared {
    pthread_mutex_t lock;
    int port;
    int sent;        /* answers sent in this question */
    int seen;        /* answers the big screen has drawn */
    double sent_at;  /* when the latest answer left */
    double http_ms;  /* its HTTP round trip */
    bool go;         /* a question is open on the phones */
    bool done;
    int seq;
} Shared;

static char tokens[PHONES][40];

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *v, int n, double p)
{
    if (n == 0)
        return 0;
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

/* A valid answer for whatever the question is. */
static void answer_for(const char *state, int seq, char *json, size_t cap)
{
    if (strstr(state, "\"kind\":\"tightness\""))
        snprintf(json, cap, "{\"seq\":%d,\"value\":5}", seq);
    else if (strstr(state, "\"kind\":\"placement\""))
        snprintf(json, cap, "{\"seq\":%d,\"nowhere\":true}", seq);
    else if (strstr(state, "\"kind\":\"ordering\"")) {
        int n = 0;
        for (const char *s = strstr(state, "\"options\":"); s && (s = strstr(s + 1, "{\"i\":")) != NULL;)
            n++;
        int len = snprintf(json, cap, "{\"seq\":%d,\"order\":[", seq);
        for (int i = 0; i < n; i++)
            len += snprintf(json + len, cap - (size_t)len, "%s%d", i ? "," : "", i);
        snprintf(json + len, cap - (size_t)len, "]}");
    } else {
        const char *o = strstr(state, "\"options\":[{\"i\":");
        snprintf(json, cap, "{\"seq\":%d,\"choice\":%d}", seq, o ? atoi(o + 16) : 0);
    }
}

static void *phones_run(void *arg)
{
    Shared *sh = arg;
    static char state[20000];
    int last_seq = -1;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        bool done = sh->done, go = sh->go;
        pthread_mutex_unlock(&sh->lock);
        if (done)
            return NULL;
        if (!go) {
            usleep(2000);
            continue;
        }
        if (rc_request(sh->port, "GET", "/api/state", tokens[0], NULL, state, sizeof state) != 200) {
            usleep(5000);
            continue;
        }
        const char *sq = strstr(state, "\"seq\":");
        int seq = sq ? atoi(sq + 6) : -1;
        if (!strstr(state, "\"state\":\"ask\"") || seq == last_seq) {
            usleep(2000);
            continue;
        }
        last_seq = seq;
        for (int p = 0; p < PHONES; p++) {
            char json[256], body[1024];
            answer_for(state, seq, json, sizeof json);
            /* wait until the big screen has drawn the previous answer: one at a time */
            for (int w = 0; w < 2000; w++) {
                pthread_mutex_lock(&sh->lock);
                bool ready = sh->seen >= sh->sent;
                pthread_mutex_unlock(&sh->lock);
                if (ready)
                    break;
                usleep(200);
            }
            pthread_mutex_lock(&sh->lock);
            sh->sent_at = rc_now();
            sh->sent++;
            pthread_mutex_unlock(&sh->lock);
            double t0 = rc_now();
            int st = rc_request(sh->port, "POST", "/api/answer", tokens[p], json, body, sizeof body);
            pthread_mutex_lock(&sh->lock);
            sh->http_ms = (rc_now() - t0) * 1000.0;
            if (st != 200)
                sh->sent--; /* not counted: nothing to wait for */
            pthread_mutex_unlock(&sh->lock);
            if (st != 200)
                fprintf(stderr, "bench_room: answer refused (%d): %s\n", st, body);
        }
        /* the rest of this question is over for the phones */
        pthread_mutex_lock(&sh->lock);
        sh->go = false;
        pthread_mutex_unlock(&sh->lock);
    }
}

typedef struct Figures {
    int n;
    double med, p99, max, hmed, hp99;
} Figures;

/* One run: the game headless (every frame drawn, 60 a second) or in a window (SDL's dummy video driver:
 * frames only when something changed, the loop asleep in between until an event or a timer). */
static int measure(bool window, int rounds, Figures *out)
{
    char dir[] = "/tmp/oc-bench-room-XXXXXX";
    if (!mkdtemp(dir))
        return -1;
    GameOptions o;
    options_defaults(&o);
    o.headless = !window;
    o.mute = true;
    o.classroom = true;
    if (window) {
        o.windowed = true;
        o.win_w = 1920;
        o.win_h = 1080;
    }
    oc_strlcpy(o.data_dir, dir, sizeof o.data_dir);
    oc_strlcpy(o.room_code, CODE, sizeof o.room_code);
    oc_strlcpy(o.room_bind, "127.0.0.1", sizeof o.room_bind);
    static App app;
    memset(&app, 0, sizeof app);
    char err[512];
    if (app_init(&app, &o, err, sizeof err) != 0) {
        fprintf(stderr, "bench_room: %s\n", err);
        return -1;
    }
    app_push(&app, scene_create(SCENE_ACADEMY));
    app_frame(&app, 1.0 / 60.0);
    int port = 0;
    for (int p = PORT_LO; p <= PORT_HI && !port; p++) {
        app.opt.room_port = p;
        if (room_ui_start(&app))
            port = p;
    }
    if (!port) {
        fprintf(stderr, "bench_room: no free port in %d-%d\n", PORT_LO, PORT_HI);
        app_shutdown(&app);
        return -1;
    }
    for (int i = 0; i < PHONES; i++) {
        char name[16];
        snprintf(name, sizeof name, "Phone %02d", i);
        if (rc_join(port, CODE, name, tokens[i]) != 200) {
            fprintf(stderr, "bench_room: phone %d could not join\n", i);
            app_shutdown(&app);
            return -1;
        }
    }
    app_dispatch(&app, ACT_ACCEPT); /* the first level, in classroom view */
    app_frame(&app, 1.0 / 60.0);

    Shared sh = {.port = port};
    pthread_mutex_init(&sh.lock, NULL);
    pthread_t th;
    pthread_create(&th, NULL, phones_run, &sh);
    int cap = rounds * PHONES, n = 0, nh = 0;
    double *lat = calloc((size_t)cap, sizeof *lat), *http = calloc((size_t)cap, sizeof *http);
    int round = 0, last_answered = 0;
    double round_start = rc_now();
    bool opened = false;
    while (round < rounds && rc_now() - round_start < 30) {
        double t0 = rc_now();
        if (window)
            app_run(&app, app.frames_presented + 1); /* returns once a frame has been presented */
        else
            app_frame(&app, 1.0 / 60.0); /* update (the room is polled) and draw */
        const RoomView *v = room_ui_view(&app);
        double drawn = rc_now();
        pthread_mutex_lock(&sh.lock);
        if (v->asking && !opened) {
            opened = true;
            last_answered = 0;
            sh.sent = sh.seen = 0;
            sh.go = true;
        }
        if (opened && v->tally.answered > last_answered && n < cap) {
            /* the frame that drew the new count */
            lat[n++] = (drawn - sh.sent_at) * 1000.0;
            http[nh++] = sh.http_ms;
            last_answered = v->tally.answered;
            sh.seen = last_answered;
        }
        pthread_mutex_unlock(&sh.lock);
        if (opened && v->revealed) {
            /* everyone answered: on to the next question */
            opened = false;
            round++;
            round_start = rc_now();
            app_dispatch(&app, ACT_ACCEPT);
        }
        double spent = rc_now() - t0;
        if (!window && spent < 1.0 / 60.0)
            usleep((useconds_t)((1.0 / 60.0 - spent) * 1e6));
    }
    pthread_mutex_lock(&sh.lock);
    sh.done = true;
    pthread_mutex_unlock(&sh.lock);
    pthread_join(th, NULL);
    pthread_mutex_destroy(&sh.lock);
    app_shutdown(&app);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_room: could not remove %s\n", dir);
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    qsort(http, (size_t)nh, sizeof *http, cmp_double);
    *out = (Figures){.n = n,
                     .med = pct(lat, n, 0.5),
                     .p99 = pct(lat, n, 0.99),
                     .max = n ? lat[n - 1] : 0,
                     .hmed = pct(http, nh, 0.5),
                     .hp99 = pct(http, nh, 0.99)};
    free(lat);
    free(http);
    return n;
}

int main(int argc, char **argv)
{
    bool json = false;
    int rounds = 5;
    for (int i = 1; i < argc; i++) {
        long n;
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc && oc_parse_long(argv[i + 1], &n) && n >= 1 &&
                 n <= 8)
            rounds = (int)n, i++;
        else {
            fprintf(stderr, "bench_room: unknown option '%s' (--json, --rounds 1-8)\n", argv[i]);
            return 2;
        }
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    Figures w, h;
    if (measure(true, rounds, &w) <= 0 || measure(false, rounds, &h) <= 0)
        return 1;
    if (json)
        printf("{\"phones\":%d,\"window\":{\"samples\":%d,\"answer_to_screen_median_ms\":%.2f,"
               "\"answer_to_screen_p99_ms\":%.2f,\"answer_to_screen_max_ms\":%.2f},"
               "\"headless\":{\"samples\":%d,\"answer_to_screen_median_ms\":%.2f,\"answer_to_screen_p99_ms\":%.2f,"
               "\"answer_to_screen_max_ms\":%.2f},\"http_median_ms\":%.2f,\"http_p99_ms\":%.2f,\"limit_ms\":200}\n",
               PHONES, w.n, w.med, w.p99, w.max, h.n, h.med, h.p99, h.max, w.hmed, w.hp99);
    else
        printf("bench_room: %d phones over loopback, one answer at a time; time from the answer leaving the phone\n"
               "to the frame that draws the new count (limit 200 ms)\n"
               "  window (draws on change, wakes on a phone): %d answers, median %.1f ms, p99 %.1f ms, max %.1f ms\n"
               "  headless (60 frames/s):                      %d answers, median %.1f ms, p99 %.1f ms, max %.1f ms\n"
               "  answer -> HTTP 200 alone (floor):            median %.2f ms, p99 %.2f ms\n",
               PHONES, w.n, w.med, w.p99, w.max, h.n, h.med, h.p99, h.max, w.hmed, w.hp99);
    return 0;
}
